package matcher

import (
	"context"
	"fmt"
	"iter"
	"math"
	"slices"
	"sync"
	"time"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/geo"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/internal/topk"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// Records is where the matcher reads records: [index.Index] satisfies it,
// and tests can use records held in memory.
type Records interface {
	Scan(ctx context.Context, k sn.Kind) iter.Seq2[sn.Record, error]
	Watch(fn func(index.Change))
}

// Matcher ranks vacancies for profiles and profiles for vacancies. It
// keeps in memory what scoring needs (skills as taxonomy indexes with
// weights, postings, coordinates, filter attributes), built from the
// source at start and kept current through Watch. It is safe for
// concurrent use.
type Matcher struct {
	cfg Config
	tx  *taxonomy.Taxonomy
	sim *Similarity
	idf []float32 // by taxonomy index
	now func() time.Time

	mu   sync.RWMutex
	vacs *set
	prof *set

	pool sync.Pool // *scratch
}

// item is a record compiled for scoring.
type item struct {
	id     string
	rec    sn.Record
	skills []wskill // vacancy: required skills; profile: claimed (and implied) skills
	wsum   float32  // vacancy: the sum of the skill weights
	occ    []int32  // vacancy: its occupation; profile: past and wanted
	sector string
	acts   []string
	point  geo.Point
	has    bool // has a point
	maxKm  float64
	langs  []sn.LanguageLevel
	lic    []string
	edu    int
	expiry int32 // days since 1970; MaxInt32 when none
	// profile interests
	wantOcc    []int32
	wantSector []string
}

type wskill struct {
	idx       int32
	w         float32 // vacancy: importance × IDF × derivation; profile: strength
	essential bool
}

type set struct {
	items []*item
	byID  map[string]int32
	free  []int32
	post  map[int32][]int32 // taxonomy index → slots (may hold stale slots)
}

func newSet() *set { return &set{byID: map[string]int32{}, post: map[int32][]int32{}} }

func (s *set) put(it *item) {
	slot, ok := s.byID[it.id]
	if !ok {
		if n := len(s.free); n > 0 {
			slot, s.free = s.free[n-1], s.free[:n-1]
			s.items[slot] = it
		} else {
			slot = int32(len(s.items))
			s.items = append(s.items, it)
		}
		s.byID[it.id] = slot
	} else {
		s.items[slot] = it
	}
	for _, sk := range it.skills {
		if p := s.post[sk.idx]; len(p) == 0 || p[len(p)-1] != slot {
			s.post[sk.idx] = append(p, slot)
		}
	}
}

func (s *set) del(id string) {
	slot, ok := s.byID[id]
	if !ok {
		return
	}
	s.items[slot] = nil
	delete(s.byID, id)
	s.free = append(s.free, slot)
}

// New builds a matcher over src: the similarity model of tx (from the
// cache when configured), the IDF of skills over the taxonomy's
// occupations and src's vacancies, and the in-memory structures. Changes
// to src after New are applied as they are committed.
func New(ctx context.Context, cfg Config, tx *taxonomy.Taxonomy, src Records) (*Matcher, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	sim, err := NewSimilarity(ctx, tx, cfg.Similarity)
	if err != nil {
		return nil, err
	}
	m := &Matcher{cfg: cfg, tx: tx, sim: sim, now: time.Now, vacs: newSet(), prof: newSet()}
	m.pool.New = func() any { return newScratch(tx.Len()) }
	// Watch first and hold the lock while scanning: a change committed
	// meanwhile waits in apply and is applied after the scan, in commit
	// order, so none is lost (applying a state the scan already saw is
	// harmless).
	m.mu.Lock()
	defer m.mu.Unlock()
	src.Watch(m.apply)
	var vacs, profs []sn.Record
	for _, k := range []sn.Kind{sn.KindVacancy, sn.KindProfile} {
		for r, err := range src.Scan(ctx, k) {
			if err != nil {
				return nil, err
			}
			if k == sn.KindVacancy {
				vacs = append(vacs, r)
			} else {
				profs = append(profs, r)
			}
		}
	}
	m.learnIDF(vacs)
	for _, r := range vacs {
		m.vacs.put(m.compile(r))
	}
	for _, r := range profs {
		m.prof.put(m.compile(r))
	}
	return m, nil
}

// SetClock replaces time.Now (for tests).
func (m *Matcher) SetClock(now func() time.Time) { m.now = now }

// Similarity returns the skill-similarity model.
func (m *Matcher) Similarity() *Similarity { return m.sim }

func (m *Matcher) apply(c index.Change) {
	var s *set
	switch c.Kind {
	case sn.KindVacancy:
		s = m.vacs
	case sn.KindProfile:
		s = m.prof
	default:
		return
	}
	var it *item
	if c.Record != nil {
		it = m.compile(c.Record)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if it == nil {
		s.del(c.ID)
	} else {
		s.put(it)
	}
}

// learnIDF sets idf(s) = ln((N+1)/(df(s)+1)) + 1 over the taxonomy's
// occupations and the given vacancies.
func (m *Matcher) learnIDF(vacs []sn.Record) {
	df := make([]float64, m.tx.Len())
	n := 0.0
	for o := range m.tx.All(taxonomy.KindOccupation) {
		n++
		for s := range m.tx.Skills(o) {
			df[m.tx.Index(s)]++
		}
	}
	for _, r := range vacs {
		n++
		for _, s := range r.(*sn.Vacancy).Skills {
			if c, ok := m.tx.Concept(s.ConceptID); ok {
				df[m.tx.Index(c)]++
			}
		}
	}
	m.idf = make([]float32, len(df))
	for i, d := range df {
		m.idf[i] = float32(math.Log((n+1)/(d+1)) + 1)
	}
}

func (m *Matcher) conceptIdx(id string) (int32, bool) {
	c, ok := m.tx.Concept(id)
	if !ok {
		return 0, false
	}
	return int32(m.tx.Index(c)), true
}

func days(t time.Time) int32 {
	if t.IsZero() {
		return math.MaxInt32
	}
	return int32(t.Unix() / 86400)
}

// compile turns a record into an item. Concepts the taxonomy does not
// know are left out.
func (m *Matcher) compile(r sn.Record) *item {
	it := &item{id: r.RecordID(), rec: r, expiry: math.MaxInt32}
	loc := func(l sn.Location) {
		if l.HasPoint() {
			it.point, it.has = geo.Point{Lat: l.Lat, Lon: l.Lon}, true
		}
	}
	switch r := r.(type) {
	case *sn.Vacancy:
		loc(r.Location)
		for _, s := range r.Skills {
			i, ok := m.conceptIdx(s.ConceptID)
			if !ok {
				continue
			}
			w := m.cfg.Optional
			if s.Essential {
				w = m.cfg.Essential
			}
			switch {
			case s.Implied:
				w *= m.cfg.Implied
			case s.Derived:
				w *= m.cfg.Derived
			}
			w *= float64(m.idf[i])
			it.skills = append(it.skills, wskill{idx: i, w: float32(w), essential: s.Essential})
			it.wsum += float32(w)
		}
		if i, ok := m.conceptIdx(r.Occupation); ok {
			it.occ = []int32{i}
		}
		it.sector, it.acts, it.langs, it.lic, it.edu = r.Sector, r.Activities, r.Languages, r.DrivingLicence, r.Education
		if !r.Expires.IsZero() {
			it.expiry = days(r.Expires)
		}
	case *sn.Profile:
		loc(r.Home)
		it.maxKm = r.MaxDistanceKm
		seen := map[int32]int{}
		add := func(i int32, w float64) {
			if j, ok := seen[i]; ok {
				if float32(w) > it.skills[j].w {
					it.skills[j].w = float32(w)
				}
				return
			}
			seen[i] = len(it.skills)
			it.skills = append(it.skills, wskill{idx: i, w: float32(w)})
		}
		for _, s := range r.Skills {
			i, ok := m.conceptIdx(s.ConceptID)
			if !ok {
				continue
			}
			w := 1.0
			switch s.Source {
			case "derived":
				w = m.cfg.Derived
			case "implied":
				w = m.cfg.Implied
			}
			add(i, w)
		}
		// Past jobs imply their occupations' essential skills.
		for _, o := range r.PastOccupations {
			if c, ok := m.tx.Concept(o); ok {
				it.occ = append(it.occ, int32(m.tx.Index(c)))
				for s, rel := range m.tx.Skills(c) {
					if rel == taxonomy.Essential {
						add(int32(m.tx.Index(s)), m.cfg.Implied)
					}
				}
			}
		}
		for _, o := range append(slices.Clone(r.WantedOccupations), r.Interests.Occupations...) {
			if i, ok := m.conceptIdx(o); ok {
				it.wantOcc = append(it.wantOcc, i)
			}
		}
		it.wantSector, it.acts, it.langs, it.lic, it.edu = r.Interests.Sectors, r.Interests.Activities, r.Languages, r.DrivingLicence, r.Education
	}
	return it
}

// scratch is per-query memory: the credit a profile gives to every
// concept and which of its skills gave it.
type scratch struct {
	credit  []float32
	via     []int32
	src     []Source
	touched []int32
}

func newScratch(n int) *scratch {
	s := &scratch{credit: make([]float32, n), via: make([]int32, n), src: make([]Source, n)}
	return s
}

func (s *scratch) reset() {
	for _, i := range s.touched {
		s.credit[i], s.via[i], s.src[i] = 0, 0, 0
	}
	s.touched = s.touched[:0]
}

func (s *scratch) offer(i int32, c float32, via int32, src Source) {
	if s.credit[i] == 0 {
		s.touched = append(s.touched, i)
	}
	if c > s.credit[i] {
		s.credit[i], s.via[i], s.src[i] = c, via, src
	}
}

// profileCredits fills sc with the credit profile p gives every concept:
// its own skills at their strength, and their neighbours at strength ×
// similarity.
func (m *Matcher) profileCredits(p *item, sc *scratch) {
	for _, s := range p.skills {
		sc.offer(s.idx, s.w, s.idx, 0)
		for _, n := range m.sim.Neighbors(int(s.idx)) {
			sc.offer(n.Skill, s.w*n.Similarity, s.idx, n.Source)
		}
	}
}

// licence categories and those they include.
var licenceCovers = map[string][]string{
	"B": {"AM"}, "BE": {"B", "AM"}, "C1": {"B", "AM"}, "C1E": {"C1", "BE", "B", "AM"}, "C": {"C1", "B", "AM"},
	"CE": {"C", "C1", "C1E", "BE", "B", "AM"}, "D1": {"B", "AM"}, "D": {"D1", "B", "AM"}, "DE": {"D", "D1", "BE", "B", "AM"},
}

func hasLicence(held []string, want string) bool {
	for _, h := range held {
		if h == want || slices.Contains(licenceCovers[h], want) {
			return true
		}
	}
	return false
}

// Reasons a pair is filtered out rather than ranked.
const (
	filterExpired  = "expired"
	filterTooFar   = "too far"
	filterLicence  = "missing driving licence"
	filterLanguage = "missing language"
)

// hardFilter reports why the pair (profile p, vacancy v) is excluded, or "".
func (m *Matcher) hardFilter(p, v *item, today int32) string {
	if v.expiry < today {
		return filterExpired
	}
	if p.has && v.has && p.maxKm > 0 && geo.DistanceKm(p.point, v.point) > p.maxKm {
		return filterTooFar
	}
	for _, l := range v.lic {
		if !hasLicence(p.lic, l) {
			return filterLicence
		}
	}
	if len(p.langs) > 0 {
		for _, req := range v.langs {
			if !slices.ContainsFunc(p.langs, func(x sn.LanguageLevel) bool { return x.Lang == req.Lang }) {
				return filterLanguage
			}
		}
	}
	return ""
}

// credits gives, for each skill of a vacancy, the credit of the profile
// and its provenance.
type credits interface {
	at(j int, idx int32) (c float32, via int32, src Source)
}

type denseCredits struct{ sc *scratch }

func (d denseCredits) at(_ int, idx int32) (float32, int32, Source) {
	return d.sc.credit[idx], d.sc.via[idx], d.sc.src[idx]
}

// components computes the five component values of a pair, in [0, 1],
// with a flag for missing data. It must stay cheap: it runs for every
// candidate.
func (m *Matcher) components(p, v *item, cr credits) (vals [5]float64, missing [5]bool, dist float64) {
	// Skills: weighted coverage with related-skill credit.
	if len(v.skills) == 0 || v.wsum == 0 {
		missing[0] = true
	} else {
		var got float32
		for j, s := range v.skills {
			c, _, _ := cr.at(j, s.idx)
			got += s.w * min(c, 1)
		}
		vals[0] = float64(got / v.wsum)
	}
	// Interest: activities and jobs, each when both sides have data.
	act, jobs, hasAct, hasJobs := m.interest(p, v)
	switch {
	case hasAct && hasJobs:
		vals[1] = (act + jobs) / 2
	case hasAct:
		vals[1] = act
	case hasJobs:
		vals[1] = jobs
	default:
		missing[1] = true
	}
	// Distance.
	dist = -1
	if p.has && v.has {
		dist = geo.DistanceKm(p.point, v.point)
		vals[2] = math.Exp(-dist / m.cfg.DistanceScaleKm)
	} else {
		missing[2] = true
	}
	// Language: each required language met at its level.
	if len(v.langs) == 0 || len(p.langs) == 0 {
		missing[3] = true
	} else {
		var sum float64
		for _, req := range v.langs {
			for _, l := range p.langs {
				if l.Lang != req.Lang {
					continue
				}
				need, have := sn.CEFRRank(req.Level), sn.CEFRRank(l.Level)
				switch {
				case need == 0 || have >= need:
					sum++
				case have > 0:
					sum += float64(have) / float64(need)
				default:
					sum += 0.5 // spoken, level unknown
				}
			}
		}
		vals[3] = sum / float64(len(v.langs))
	}
	// Education.
	switch {
	case v.edu == 0 || p.edu == 0:
		missing[4] = true
	case p.edu >= v.edu:
		vals[4] = 1
	case p.edu == v.edu-1:
		vals[4] = 0.5
	}
	return
}

// interest returns the activity fit (the share of the job's activities
// the person likes) and the job fit (1 for a wanted occupation, 0.7 for a
// wanted sector), and whether each could be computed.
func (m *Matcher) interest(p, v *item) (act, jobs float64, hasAct, hasJobs bool) {
	if len(p.acts) > 0 && len(v.acts) > 0 {
		hasAct = true
		n := 0
		for _, a := range v.acts {
			if slices.Contains(p.acts, a) {
				n++
			}
		}
		act = float64(n) / float64(len(v.acts))
	}
	if len(p.wantOcc) > 0 || len(p.wantSector) > 0 {
		hasJobs = true
		for _, o := range v.occ {
			if slices.Contains(p.wantOcc, o) {
				jobs = 1
			}
		}
		if jobs == 0 && v.sector != "" && slices.Contains(p.wantSector, v.sector) {
			jobs = 0.7
		}
	}
	return
}

func (m *Matcher) weights() [5]float64 {
	w := m.cfg.Weights
	return [5]float64{w.Skills, w.Interest, w.Distance, w.Language, w.Education}
}

var componentNames = [5]string{"skills", "interest", "distance", "language", "education"}

func (m *Matcher) score(vals [5]float64) float64 {
	w := m.weights()
	var s float64
	for i := range vals {
		s += w[i] * vals[i]
	}
	return 100 * s
}

// maxWithoutSkills bounds the score of a pair whose skill fit is 0.
func (m *Matcher) maxWithoutSkills() float64 { return 100 * (1 - m.cfg.Weights.Skills) }

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// explain builds the full explanation of a pair.
func (m *Matcher) explain(p, v *item, cr credits, lang string) sn.Match {
	vals, missing, dist := m.components(p, v, cr)
	w := m.weights()
	res := sn.Match{Matched: []sn.SkillMatch{}, Missing: []sn.SkillGap{}}
	var total float64
	for i := range vals {
		c := sn.Component{Name: componentNames[i], Weight: w[i], Value: round3(vals[i]), Missing: missing[i]}
		c.Points = round1(100 * w[i] * vals[i])
		total += c.Points
		res.Components = append(res.Components, c)
	}
	res.Score = round1(total)
	if dist >= 0 {
		d := round1(dist)
		res.DistanceKm = &d
		res.Components[2].Detail = fmt.Sprintf("%.1f km", dist)
	}
	label := func(i int32) string { t, _ := m.tx.At(int(i)).Name(lang); return t }
	id := func(i int32) string { return m.tx.At(int(i)).ID }
	for j, s := range v.skills {
		c, via, src := cr.at(j, s.idx)
		imp := float64(s.w / v.wsum)
		if float64(c) >= m.cfg.MatchCredit {
			sm := sn.SkillMatch{ConceptID: id(s.idx), Label: label(s.idx), Essential: s.essential, Credit: round3(float64(min(c, 1))), How: "exact"}
			if via != s.idx {
				simv, source := m.sim.Between(int(via), int(s.idx))
				sm.How, sm.Via, sm.ViaLabel, sm.Similarity, sm.Source = "related", id(via), label(via), round3(simv), source.String()
				if src != 0 {
					sm.Source = src.String()
				}
			}
			res.Matched = append(res.Matched, sm)
		} else {
			g := sn.SkillGap{ConceptID: id(s.idx), Label: label(s.idx), Essential: s.essential, Importance: round3(imp)}
			if c > 0 {
				g.Partial = round3(float64(c))
			}
			res.Missing = append(res.Missing, g)
		}
	}
	slices.SortStableFunc(res.Missing, func(a, b sn.SkillGap) int {
		if a.Essential != b.Essential {
			if a.Essential {
				return -1
			}
			return 1
		}
		switch {
		case a.Importance > b.Importance:
			return -1
		case a.Importance < b.Importance:
			return 1
		}
		return 0
	})
	if !missing[0] {
		g := round3(1 - vals[0])
		res.Gaps.Skills = &g
	}
	act, jobs, hasAct, hasJobs := m.interest(p, v)
	if hasAct {
		g := round3(1 - act)
		res.Gaps.Activities = &g
	}
	if hasJobs {
		g := round3(1 - jobs)
		res.Gaps.Jobs = &g
	}
	res.Components[0].Detail = fmt.Sprintf("%d of %d skills matched", len(res.Matched), len(v.skills))
	return res
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// Query asks for the best matches of one record.
type Query struct {
	// ID names a stored record; Record is an inline one (an unsaved
	// profile). Exactly one must be set.
	ID     string
	Record sn.Record
	// Lang is the language of labels in explanations (nl, en, fr, de);
	// other languages fill in where a label is missing. Default nl.
	Lang string
	// MinScore drops results below it (0–100).
	MinScore float64
	// Sectors and Contracts, when set, keep vacancies of those only.
	Sectors, Contracts []string
	// From and Size page through the results; Size defaults to 20, at
	// most 200.
	From, Size int
}

// Result is a ranked page of matches.
type Result struct {
	Matches []sn.Match `json:"matches"`
	// Candidates is the number of records scored; Exhaustive says whether
	// every record was scored (needed when the skill-sharing candidates
	// could not prove the top of the list).
	Candidates int           `json:"candidates"`
	Exhaustive bool          `json:"exhaustive"`
	Took       time.Duration `json:"took"`
}

func (q *Query) check() error {
	if (q.ID == "") == (q.Record == nil) {
		return fmt.Errorf("%w: give either an id or an inline record", sn.ErrInvalid)
	}
	if q.Size == 0 {
		q.Size = 20
	}
	if q.Size < 0 || q.Size > 200 {
		return &sn.ValidationError{Kind: "query", Fields: []sn.FieldError{{Field: "size", Reason: fmt.Sprintf("%d is not between 1 and 200", q.Size)}}}
	}
	if q.From < 0 || q.From > 10_000 {
		return &sn.ValidationError{Kind: "query", Fields: []sn.FieldError{{Field: "from", Reason: fmt.Sprintf("%d is not between 0 and 10000", q.From)}}}
	}
	if q.MinScore < 0 || q.MinScore > 100 {
		return &sn.ValidationError{Kind: "query", Fields: []sn.FieldError{{Field: "min_score", Reason: fmt.Sprintf("%v is not between 0 and 100", q.MinScore)}}}
	}
	if q.Lang == "" {
		q.Lang = "nl"
	}
	return nil
}

// subject returns the compiled record of the query: a stored one by ID,
// or the inline record (validated, not stored).
func (m *Matcher) subject(q Query, k sn.Kind, s *set) (*item, error) {
	if q.Record != nil {
		if q.Record.RecordKind() != k {
			return nil, fmt.Errorf("%w: the inline record is a %s, not a %s", sn.ErrInvalid, q.Record.RecordKind(), k)
		}
		if err := q.Record.Validate(); err != nil {
			return nil, err
		}
		return m.compile(q.Record), nil
	}
	slot, ok := s.byID[q.ID]
	if !ok {
		return nil, fmt.Errorf("%s %q: %w", k, q.ID, sn.ErrNotFound)
	}
	return s.items[slot], nil
}

type ranked struct {
	slot  int32
	score float64
	id    string
}

func better(a, b ranked) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.id < b.id
}

// page selects the page [from, from+size) of the best of rs.
func page(rs []ranked, from, size int) []ranked {
	top := topk.Select(rs, from+size, better)
	slices.SortFunc(top, func(a, b ranked) int {
		if better(a, b) {
			return -1
		}
		if better(b, a) {
			return 1
		}
		return 0
	})
	if from >= len(top) {
		return nil
	}
	return top[from:]
}

// Vacancies ranks vacancies for a profile (stored or inline), with
// explanations. Expired vacancies, those beyond the profile's travel
// limit, and those needing a licence or a language the person lacks are
// filtered out. The result is the exact top of the scoring model: the
// vacancies sharing a skill (or a related skill) with the profile are
// scored, and when they cannot fill the page above the best score any
// other vacancy could reach, every vacancy is scored.
func (m *Matcher) Vacancies(ctx context.Context, q Query) (*Result, error) {
	start := time.Now()
	if err := q.check(); err != nil {
		return nil, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	p, err := m.subject(q, sn.KindProfile, m.prof)
	if err != nil {
		return nil, err
	}
	sc := m.pool.Get().(*scratch)
	defer func() { sc.reset(); m.pool.Put(sc) }()
	m.profileCredits(p, sc)
	today := days(m.now())
	cr := denseCredits{sc}
	keep := func(v *item) bool {
		if len(q.Sectors) > 0 && !slices.Contains(q.Sectors, v.sector) {
			return false
		}
		if len(q.Contracts) > 0 {
			if vr, ok := v.rec.(*sn.Vacancy); !ok || !slices.Contains(q.Contracts, vr.Contract) {
				return false
			}
		}
		return m.hardFilter(p, v, today) == ""
	}
	scoreSlot := func(slot int32) (ranked, bool) {
		v := m.vacs.items[slot]
		if v == nil || !keep(v) {
			return ranked{}, false
		}
		vals, _, _ := m.components(p, v, cr)
		s := m.score(vals)
		if s < q.MinScore {
			return ranked{}, false
		}
		return ranked{slot: slot, score: s, id: v.id}, true
	}
	// Candidates: vacancies holding a concept the profile gives credit to.
	seen := make(map[int32]struct{}, 1024)
	var rs []ranked
	for _, i := range sc.touched {
		for _, slot := range m.vacs.post[i] {
			if _, ok := seen[slot]; ok {
				continue
			}
			seen[slot] = struct{}{}
			if r, ok := scoreSlot(slot); ok {
				rs = append(rs, r)
			}
		}
	}
	res := &Result{Candidates: len(seen)}
	need := q.From + q.Size
	bound := m.maxWithoutSkills()
	if len(rs) < need || kthScore(rs, need) < bound {
		// The candidates cannot prove the page: score everything.
		res.Exhaustive = true
		rs = rs[:0]
		for slot := range m.vacs.items {
			if err := ctx.Err(); err != nil && slot%4096 == 0 {
				return nil, err
			}
			if r, ok := scoreSlot(int32(slot)); ok {
				rs = append(rs, r)
			}
		}
		res.Candidates = len(m.vacs.byID)
	}
	for _, r := range page(rs, q.From, q.Size) {
		v := m.vacs.items[r.slot]
		mt := m.explain(p, v, cr, q.Lang)
		mt.Kind, mt.ID, mt.Record = sn.KindVacancy, v.id, v.rec
		res.Matches = append(res.Matches, mt)
	}
	if res.Matches == nil {
		res.Matches = []sn.Match{}
	}
	res.Took = time.Since(start)
	return res, nil
}

// kthScore returns the k-th best score of rs (rs has at least k items).
func kthScore(rs []ranked, k int) float64 {
	if k <= 0 || len(rs) < k {
		return math.Inf(-1)
	}
	tmp := slices.Clone(rs)
	top := topk.Select(tmp, k, better)
	lo := math.Inf(1)
	for _, r := range top {
		lo = min(lo, r.score)
	}
	return lo
}

// sparseCredits is the credit one profile gives a vacancy's skills,
// computed from the vacancy's side.
type sparseCredits struct {
	c   []float32
	via []int32
	src []Source
}

func (s sparseCredits) at(j int, _ int32) (float32, int32, Source) { return s.c[j], s.via[j], s.src[j] }

// vacancyIndex maps each concept to the vacancy skills it gives credit
// to (the skill itself and its neighbours).
type vlink struct {
	j   int
	sim float32
	src Source
}

func (m *Matcher) vacancyLinks(v *item) map[int32][]vlink {
	links := map[int32][]vlink{}
	for j, s := range v.skills {
		links[s.idx] = append(links[s.idx], vlink{j, 1, 0})
		for _, n := range m.sim.Neighbors(int(s.idx)) {
			links[n.Skill] = append(links[n.Skill], vlink{j, n.Similarity, n.Source})
		}
	}
	return links
}

func (m *Matcher) creditsFor(p, v *item, links map[int32][]vlink, buf *sparseCredits) {
	n := len(v.skills)
	buf.c = append(buf.c[:0], make([]float32, n)...)
	buf.via = append(buf.via[:0], make([]int32, n)...)
	buf.src = append(buf.src[:0], make([]Source, n)...)
	for _, s := range p.skills {
		for _, l := range links[s.idx] {
			if c := s.w * l.sim; c > buf.c[l.j] {
				buf.c[l.j], buf.via[l.j], buf.src[l.j] = c, s.idx, l.src
			}
		}
	}
}

// Profiles ranks profiles for a vacancy (stored or inline): the people
// who come closest, including those whose past job differs but whose
// skills fit. The same scoring and filters as [Matcher.Vacancies] apply,
// and the result is exact in the same way.
func (m *Matcher) Profiles(ctx context.Context, q Query) (*Result, error) {
	start := time.Now()
	if err := q.check(); err != nil {
		return nil, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	v, err := m.subject(q, sn.KindVacancy, m.vacs)
	if err != nil {
		return nil, err
	}
	links := m.vacancyLinks(v)
	today := days(m.now())
	var buf sparseCredits
	scoreSlot := func(slot int32) (ranked, bool) {
		p := m.prof.items[slot]
		if p == nil || m.hardFilter(p, v, today) != "" {
			return ranked{}, false
		}
		m.creditsFor(p, v, links, &buf)
		vals, _, _ := m.components(p, v, buf)
		s := m.score(vals)
		if s < q.MinScore {
			return ranked{}, false
		}
		return ranked{slot: slot, score: s, id: p.id}, true
	}
	seen := make(map[int32]struct{}, 1024)
	var rs []ranked
	for i := range links {
		for _, slot := range m.prof.post[i] {
			if _, ok := seen[slot]; ok {
				continue
			}
			seen[slot] = struct{}{}
			if r, ok := scoreSlot(slot); ok {
				rs = append(rs, r)
			}
		}
	}
	res := &Result{Candidates: len(seen)}
	need := q.From + q.Size
	if len(rs) < need || kthScore(rs, need) < m.maxWithoutSkills() {
		res.Exhaustive = true
		rs = rs[:0]
		for slot := range m.prof.items {
			if err := ctx.Err(); err != nil && slot%4096 == 0 {
				return nil, err
			}
			if r, ok := scoreSlot(int32(slot)); ok {
				rs = append(rs, r)
			}
		}
		res.Candidates = len(m.prof.byID)
	}
	for _, r := range page(rs, q.From, q.Size) {
		p := m.prof.items[r.slot]
		var cr sparseCredits
		m.creditsFor(p, v, links, &cr)
		mt := m.explain(p, v, cr, q.Lang)
		mt.Kind, mt.ID, mt.Record = sn.KindProfile, p.id, p.rec
		res.Matches = append(res.Matches, mt)
	}
	if res.Matches == nil {
		res.Matches = []sn.Match{}
	}
	res.Took = time.Since(start)
	return res, nil
}

// Gap explains one pair: how a profile (stored or inline, in q) fits the
// stored vacancy vacancyID, with every component, the matched skills and
// the missing ones ranked by importance. Unlike a ranking, it also
// explains pairs that a hard filter would exclude, and says why in
// Filtered.
func (m *Matcher) Gap(ctx context.Context, q Query, vacancyID string) (*GapResult, error) {
	if err := q.check(); err != nil {
		return nil, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	p, err := m.subject(q, sn.KindProfile, m.prof)
	if err != nil {
		return nil, err
	}
	slot, ok := m.vacs.byID[vacancyID]
	if !ok {
		return nil, fmt.Errorf("vacancy %q: %w", vacancyID, sn.ErrNotFound)
	}
	v := m.vacs.items[slot]
	sc := m.pool.Get().(*scratch)
	defer func() { sc.reset(); m.pool.Put(sc) }()
	m.profileCredits(p, sc)
	mt := m.explain(p, v, denseCredits{sc}, q.Lang)
	mt.Kind, mt.ID, mt.Record = sn.KindVacancy, v.id, v.rec
	return &GapResult{Match: mt, Filtered: m.hardFilter(p, v, days(m.now()))}, ctx.Err()
}

// GapResult is the explanation of one pair.
type GapResult struct {
	sn.Match
	// Filtered says why a ranking would leave this vacancy out
	// ("expired", "too far", "missing driving licence", "missing
	// language"), or is empty.
	Filtered string `json:"filtered,omitempty"`
}

// Stats reports the sizes of the in-memory structures.
func (m *Matcher) Stats() (vacancies, profiles int) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.vacs.byID), len(m.prof.byID)
}

