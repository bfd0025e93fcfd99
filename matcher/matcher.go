package matcher

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
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
	opps *set
	occs []*item // the taxonomy's occupations, compiled

	pool    sync.Pool // *scratch
	accPool sync.Pool // *accum
	// par is the most goroutines one ranking query runs on (0:
	// GOMAXPROCS); Config.Parallelism, changed by SetParallelism.
	par atomic.Int32
	// splitMin is the fewest postings a query reads before it is split
	// (minSplit; tests lower it to check the split).
	splitMin int
	// loss[k] is 1 − exp(−k·lossStep / DistanceScaleKm): what the
	// distance component loses at k·lossStep km, for cheap bounds.
	loss []float64
}

const lossStep = 0.5 // km

// distLoss is a lower bound of the share of the distance component lost
// at d km: the loss at d rounded down to the table's step.
func (m *Matcher) distLoss(d float64) float64 {
	k := int(d / lossStep)
	if k >= len(m.loss) {
		k = len(m.loss) - 1
	}
	return m.loss[k]
}

// item is a record compiled for scoring.
type item struct {
	id       string
	rec      sn.Record
	skills   []wskill // vacancy: required skills; profile: claimed (and implied) skills
	wsum     float32  // vacancy: the sum of the skill weights
	psum     float32  // profile: the sum of the strengths of the skills not only implied
	occ      []int32  // vacancy: its occupation; profile: past and wanted
	sector   string
	acts     []string
	point    geo.Point
	has      bool // has a point
	maxKm    float64
	langs    []sn.LanguageLevel
	lic      []string
	edu      int
	expiry   int32   // days since 1970; MaxInt32 when none
	requires []int32 // opportunity: skills needed on entry
	// profile interests
	wantOcc    []int32
	wantSector []string
}

type wskill struct {
	idx       int32
	w         float32 // vacancy: importance × IDF × derivation; profile: strength
	essential bool
	implied   bool // profile: implied by an occupation only
}

// cellDeg is the size of a region cell in degrees (about 28 × 18 km).
const cellDeg = 0.25

// noCell holds items without a location, and anyCell (in a set filed by
// reach) profiles without a travel limit.
const (
	noCell  = math.MaxUint32
	anyCell = math.MaxUint32 - 1
)

func cellOf(it *item) uint32 {
	if !it.has {
		return noCell
	}
	return cellAt(it.point.Lat, it.point.Lon)
}

func cellAt(lat, lon float64) uint32 {
	y := uint32(int32(math.Floor(lat/cellDeg)) + 1<<15)
	x := uint32(int32(math.Floor(lon/cellDeg)) + 1<<15)
	return y<<16 | x&0xffff
}

// cellsNear lists the cells that a circle of km around c may reach (those
// of its bounding box whose nearest point may be within km), and the cell
// of items without a location.
func cellsNear(c geo.Point, km float64) []uint32 {
	const kmPerDeg = 111.195
	dLat := km / kmPerDeg
	dLon := km / (kmPerDeg * math.Cos(c.Lat*math.Pi/180))
	o := originOf(c)
	out := []uint32{noCell}
	for lat := math.Floor((c.Lat-dLat)/cellDeg) * cellDeg; lat <= c.Lat+dLat; lat += cellDeg {
		for lon := math.Floor((c.Lon-dLon)/cellDeg) * cellDeg; lon <= c.Lon+dLon; lon += cellDeg {
			if cell := cellAt(lat+cellDeg/2, lon+cellDeg/2); o.cellLowerKm(cell) <= km {
				out = append(out, cell)
			}
		}
	}
	return out
}

// attr is the part of an item that filters and bounds read per candidate.
// Its flags (acts, wants, langs) index the tables of fixedBound.
type attr struct {
	lat, lon float64
	has      bool
	edu      int8
	acts     bool // has activities
	wants    bool // has wanted occupations or sectors
	langs    bool // has languages
	expiry   int32
	maxKm    float32
	psum     float32 // profile: item.psum
}

// flags packs acts, wants and langs as bits 0, 1 and 2.
func (a *attr) flags() uint8 {
	var f uint8
	if a.acts {
		f |= 1
	}
	if a.wants {
		f |= 2
	}
	if a.langs {
		f |= 4
	}
	return f
}

func attrOf(it *item) attr {
	return attr{lat: it.point.Lat, lon: it.point.Lon, has: it.has, edu: int8(it.edu),
		acts: len(it.acts) > 0, wants: len(it.wantOcc)+len(it.wantSector) > 0, langs: len(it.langs) > 0,
		expiry: it.expiry, maxKm: float32(it.maxKm), psum: it.psum}
}

// pairBound bounds the points a profile p and a vacancy v can get from
// everything but skills, from their attrs alone: a component one side
// lacks data for gives nothing (as in components), education is exact,
// and distance gives at most what a lower bound of the distance allows.
// o is the query's point and cand the candidate (p or v), whose point
// the distance is measured to. ok is false when the pair is surely
// filtered out: expired on day today, or beyond p's travel limit.
func (m *Matcher) pairBound(p, v *attr, o *origin, cand *attr, today int32) (float64, bool) {
	if v.expiry < today {
		return 0, false
	}
	w := m.cfg.Weights
	b := 1 - w.Skills
	if !(p.acts && v.acts) && !p.wants {
		b -= w.Interest
	}
	if !p.langs || !v.langs {
		b -= w.Language
	}
	e, _ := eduFit(int(p.edu), int(v.edu))
	b -= w.Education * (1 - e)
	if !p.has || !v.has {
		b -= w.Distance
	} else {
		d := o.lowerKm(cand.lat, cand.lon)
		if p.maxKm > 0 && d > float64(p.maxKm) {
			return 0, false
		}
		b -= w.Distance * m.distLoss(d)
	}
	return 100 * b, true
}

// fixedBound is pairBound with one side of the pair fixed (the query's),
// for the candidate loops: what depends on the query alone is worked out
// once, in a table by the candidate's flags and education level, so that
// a candidate costs a lookup and its distance.
type fixedBound struct {
	m         *Matcher
	q         attr
	o         origin
	profile   bool // the query side is the profile
	dead      bool // the query is an expired vacancy
	today     int32
	table     [8][9]float64 // by flags (acts, wants, langs) and education 0–8
	noDistPts float64       // 100 × the distance weight
}

func (m *Matcher) fixBound(q *attr, profile bool, o *origin, today int32) *fixedBound {
	f := &fixedBound{m: m, q: *q, o: *o, profile: profile, today: today, noDistPts: 100 * m.cfg.Weights.Distance}
	f.dead = !profile && q.expiry < today
	for flags := range f.table {
		for edu := range f.table[flags] {
			c := attr{lat: o.lat, lon: o.lon, has: true, edu: int8(edu), acts: flags&1 != 0, wants: flags&2 != 0,
				langs: flags&4 != 0, expiry: math.MaxInt32}
			qa := f.q
			qa.lat, qa.lon, qa.has, qa.maxKm, qa.expiry = o.lat, o.lon, true, 0, math.MaxInt32
			if profile {
				f.table[flags][edu], _ = m.pairBound(&qa, &c, o, &c, today)
			} else {
				f.table[flags][edu], _ = m.pairBound(&c, &qa, o, &c, today)
			}
		}
	}
	return f
}

// of is pairBound of the query and candidate c.
func (f *fixedBound) of(c *attr) (float64, bool) {
	if f.dead || (f.profile && c.expiry < f.today) {
		return 0, false
	}
	if c.edu < 0 || c.edu > 8 {
		if f.profile {
			return f.m.pairBound(&f.q, c, &f.o, c, f.today)
		}
		return f.m.pairBound(c, &f.q, &f.o, c, f.today)
	}
	b := f.table[c.flags()][c.edu]
	if !f.q.has || !c.has {
		return b - f.noDistPts, true
	}
	d := f.o.lowerKm(c.lat, c.lon)
	maxKm := f.q.maxKm
	if !f.profile {
		maxKm = c.maxKm
	}
	if maxKm > 0 && d > float64(maxKm) {
		return 0, false
	}
	return b - f.noDistPts*f.m.distLoss(d), true
}

// group returns a function bounding, per group of s, what any member
// scores besides its skills: the best of the table over the members'
// flags and education levels, less the distance points the group's cell
// surely costs; other when a level is outside the table. It caches the
// last cell, so it serves one goroutine.
func (f *fixedBound) group(s *set, other float64) func(g int32) float64 {
	lastCell, lastLoss := uint32(noCell), f.noDistPts
	return func(g int32) float64 {
		gm := &s.meta[g]
		if gm.edus&eduOut != 0 {
			return other
		}
		best := math.Inf(-1)
		for e := gm.edus; e != 0; e &= e - 1 {
			best = max(best, f.table[gm.flags][bits.TrailingZeros16(e)])
		}
		if c := gm.cell; c != lastCell {
			lastCell, lastLoss = c, f.noDistPts
			if f.q.has && c != noCell {
				lastLoss *= f.m.distLoss(f.o.cellLowerKm(c))
			}
		}
		return best - lastLoss
	}
}

// eduFit is the education component of a pair (see components).
func eduFit(have, need int) (v float64, missing bool) {
	switch {
	case need == 0 || have == 0:
		return 0, true
	case have >= need:
		return 1, false
	case have == need-1:
		return 0.5, false
	}
	return 0, false
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
	m := &Matcher{cfg: cfg, tx: tx, sim: sim, now: time.Now, vacs: newSet(), prof: newSet(), opps: newSet(),
		splitMin: minSplit}
	m.par.Store(int32(cfg.Parallelism))
	m.prof.byReach = true
	m.pool.New = func() any { return newScratch(tx.Len()) }
	m.loss = make([]float64, 1024)
	for k := range m.loss {
		m.loss[k] = -math.Expm1(-float64(k) * lossStep / cfg.DistanceScaleKm)
	}
	// Watch first and hold the lock while scanning: a change committed
	// meanwhile waits in apply and is applied after the scan, in commit
	// order, so none is lost (applying a state the scan already saw is
	// harmless).
	m.mu.Lock()
	defer m.mu.Unlock()
	src.Watch(m.apply)
	var vacs, profs, opps []sn.Record
	for _, k := range sn.Kinds {
		for r, err := range src.Scan(ctx, k) {
			if err != nil {
				return nil, err
			}
			switch k {
			case sn.KindVacancy:
				vacs = append(vacs, r)
			case sn.KindProfile:
				profs = append(profs, r)
			default:
				opps = append(opps, r)
			}
		}
	}
	m.learnIDF(vacs)
	m.occs = m.compileOccupations()
	m.vacs.putAll(m.compileAll(vacs))
	m.prof.putAll(m.compileAll(profs))
	m.opps.putAll(m.compileAll(opps))
	return m, nil
}

func (m *Matcher) compileAll(rs []sn.Record) []*item {
	its := make([]*item, len(rs))
	for i, r := range rs {
		its[i] = m.compile(r)
	}
	return its
}

// SetParallelism sets Config.Parallelism, the most goroutines one
// ranking query runs on (0: runtime.GOMAXPROCS), for the queries that
// start after it. It panics when n is negative.
func (m *Matcher) SetParallelism(n int) {
	if n < 0 {
		panic("matcher: negative parallelism")
	}
	m.par.Store(int32(n))
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
	case sn.KindOpportunity:
		s = m.opps
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
		if m.cfg.Ablation.NoIDF {
			m.idf[i] = 1
		}
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
			if !ok || (s.Implied && m.cfg.Ablation.NoImpliedSkills) {
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
		add := func(i int32, w float64, implied bool) {
			if j, ok := seen[i]; ok {
				if float32(w) > it.skills[j].w {
					it.skills[j].w = float32(w)
				}
				it.skills[j].implied = it.skills[j].implied && implied
				return
			}
			seen[i] = len(it.skills)
			it.skills = append(it.skills, wskill{idx: i, w: float32(w), implied: implied})
		}
		for _, s := range r.Skills {
			i, ok := m.conceptIdx(s.ConceptID)
			if !ok || (s.Source == "implied" && m.cfg.Ablation.NoImpliedSkills) {
				continue
			}
			w := 1.0
			switch s.Source {
			case "derived":
				w = m.cfg.Derived
			case "implied":
				w = m.cfg.Implied
			}
			add(i, w, s.Source == "implied")
		}
		// Past jobs imply their occupations' essential skills.
		for _, o := range r.PastOccupations {
			if c, ok := m.tx.Concept(o); ok {
				it.occ = append(it.occ, int32(m.tx.Index(c)))
				for s, rel := range m.tx.Skills(c) {
					if rel == taxonomy.Essential && !m.cfg.Ablation.NoImpliedSkills {
						add(int32(m.tx.Index(s)), m.cfg.Implied, true)
					}
				}
			}
		}
		for _, s := range it.skills {
			if !s.implied {
				it.psum += s.w
			}
		}
		for _, o := range append(slices.Clone(r.WantedOccupations), r.Interests.Occupations...) {
			if i, ok := m.conceptIdx(o); ok {
				it.wantOcc = append(it.wantOcc, i)
			}
		}
		it.wantSector, it.acts, it.langs, it.lic, it.edu = r.Interests.Sectors, r.Interests.Activities, r.Languages, r.DrivingLicence, r.Education
	case *sn.Opportunity:
		loc(r.Location)
		for _, s := range r.Teaches {
			if i, ok := m.conceptIdx(s.ConceptID); ok {
				it.skills = append(it.skills, wskill{idx: i, w: 1, essential: true})
			}
		}
		for _, s := range r.Requires {
			if i, ok := m.conceptIdx(s.ConceptID); ok {
				it.requires = append(it.requires, i)
			}
		}
		for _, o := range r.Occupations {
			if i, ok := m.conceptIdx(o); ok {
				it.occ = append(it.occ, i)
			}
		}
		it.sector, it.edu = r.Sector, r.TargetGroup.MinEducation
		if !r.End.IsZero() {
			it.expiry = days(r.End)
		}
	}
	return it
}

// scratch is per-query memory: the credit a profile gives to every
// concept and which of its skills gave it.
type scratch struct {
	credit []float32
	via    []int32
	src    []Source
	// pos is the position of the giving skill in the profile's skills,
	// at most 63 (for the use bound of fitBound).
	pos     []uint8
	touched []int32
}

func newScratch(n int) *scratch {
	s := &scratch{credit: make([]float32, n), via: make([]int32, n), src: make([]Source, n), pos: make([]uint8, n)}
	return s
}

func (s *scratch) reset() {
	for _, i := range s.touched {
		s.credit[i], s.via[i], s.src[i], s.pos[i] = 0, 0, 0, 0
	}
	s.touched = s.touched[:0]
}

func (s *scratch) offer(i int32, c float32, via int32, src Source, pos int) {
	if s.credit[i] == 0 {
		s.touched = append(s.touched, i)
	}
	if c > s.credit[i] {
		s.credit[i], s.via[i], s.src[i], s.pos[i] = c, via, src, uint8(min(pos, 63))
	}
}

// profileCredits fills sc with the credit profile p gives every concept:
// its own skills at their strength, and their neighbours at strength ×
// similarity.
func (m *Matcher) profileCredits(p *item, sc *scratch) {
	for k, s := range p.skills {
		sc.offer(s.idx, s.w, s.idx, 0, k)
		if m.cfg.Ablation.NoRelatedCredit {
			continue
		}
		for _, n := range m.sim.Neighbors(int(s.idx)) {
			sc.offer(n.Skill, s.w*n.Similarity, s.idx, n.Source, k)
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

const kmPerDeg = 111.195

// origin is a query point with what a cheap distance needs.
type origin struct{ lat, lon, cosLat float64 }

func originOf(p geo.Point) origin {
	return origin{p.Lat, p.Lon, math.Cos(p.Lat * math.Pi / 180)}
}

// approx2 is the squared equirectangular distance from o in km².
func (o origin) approx2(lat, lon float64) float64 {
	y := (lat - o.lat) * kmPerDeg
	x := (lon - o.lon) * kmPerDeg * o.cosLat
	return x*x + y*y
}

// lowerKm is a lower bound of the great-circle distance from o: the
// equirectangular distance shrunk by 3 %, which holds within 1.5° of
// latitude and 3° of longitude below 65° of latitude (the error there
// stays under 2.5 %); elsewhere it is 0. TestDistanceBounds checks it.
func (o origin) lowerKm(lat, lon float64) float64 {
	if math.Abs(lat-o.lat) > 1.5 || math.Abs(lon-o.lon) > 3 || math.Abs(o.lat) > 65 {
		return 0
	}
	return 0.97 * math.Sqrt(o.approx2(lat, lon))
}

// cellLowerKm is a lower bound of the great-circle distance from o to any
// point of cell: lowerKm of the cell's nearest point, which holds when the
// whole cell is within lowerKm's range; otherwise, and for noCell and
// anyCell, it is 0.
func (o origin) cellLowerKm(cell uint32) float64 {
	if cell >= anyCell || math.Abs(o.lat) > 65 {
		return 0
	}
	lat0 := float64(int32(cell>>16)-1<<15) * cellDeg
	lon0 := float64(int32(cell&0xffff)-1<<15) * cellDeg
	lat1, lon1 := lat0+cellDeg, lon0+cellDeg
	if max(math.Abs(lat0-o.lat), math.Abs(lat1-o.lat)) > 1.5 || max(math.Abs(lon0-o.lon), math.Abs(lon1-o.lon)) > 3 {
		return 0
	}
	return 0.97 * math.Sqrt(o.approx2(min(max(o.lat, lat0), lat1), min(max(o.lon, lon0), lon1)))
}

// circle tests "within km of a point" cheaply: a bounding box, then the
// equirectangular distance, and the great-circle distance only near the
// limit.
type circle struct {
	origin
	km, dLat, dLon, lo2, hi2 float64
}

func circleAt(a geo.Point, km float64) *circle {
	o := originOf(a)
	return &circle{origin: o, km: km, dLat: km / kmPerDeg, dLon: km / (kmPerDeg * o.cosLat),
		lo2: (km * 0.99) * (km * 0.99), hi2: (km * 1.01) * (km * 1.01)}
}

func (c *circle) has(lat, lon float64) bool {
	if lat < c.lat-c.dLat || lat > c.lat+c.dLat || lon < c.lon-c.dLon || lon > c.lon+c.dLon {
		return false
	}
	switch d2 := c.approx2(lat, lon); {
	case d2 <= c.lo2:
		return true
	case d2 > c.hi2:
		return false
	}
	return geo.DistanceKm(geo.Point{Lat: c.lat, Lon: c.lon}, geo.Point{Lat: lat, Lon: lon}) <= c.km
}

// reach returns the travel test of profile p: nil when p has no limit.
func reach(p *item) func(v *item) bool {
	if !p.has || p.maxKm <= 0 {
		return nil
	}
	c := circleAt(p.point, p.maxKm)
	return func(v *item) bool { return !v.has || c.has(v.point.Lat, v.point.Lon) }
}

// hardFilter reports why the pair (profile p, vacancy v) is excluded, or "".
func (m *Matcher) hardFilter(p, v *item, today int32) string {
	if v.expiry < today {
		return filterExpired
	}
	if p.has && v.has && p.maxKm > 0 && geo.DistanceKm(p.point, v.point) > p.maxKm {
		return filterTooFar
	}
	return m.softFilter(p, v)
}

// softFilter is hardFilter without expiry and distance, for callers that
// checked those already.
func (m *Matcher) softFilter(p, v *item) string {
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

// parts are what the explanation of a pair says beside the component
// values: the distance in km (-1 when unknown) and the two parts of the
// skill fit.
type parts struct{ distKm, coverage, use float64 }

// components computes the five component values of a pair, in [0, 1],
// with a flag for missing data. It must stay cheap: it runs for every
// candidate.
func (m *Matcher) components(p, v *item, cr credits) (vals [5]float64, missing [5]bool, pt parts) {
	// Skills: the F-measure of coverage and use, with related credit.
	if len(v.skills) == 0 || v.wsum == 0 {
		missing[0] = true
	} else {
		vals[0], pt.coverage, pt.use = m.skillFit(p, v, cr, -1)
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
	pt.distKm = -1
	if p.has && v.has {
		pt.distKm = geo.DistanceKm(p.point, v.point)
		vals[2] = math.Exp(-pt.distKm / m.cfg.DistanceScaleKm)
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
	vals[4], missing[4] = eduFit(p.edu, v.edu)
	return
}

// skillFit returns the skill component of a pair and its two parts:
// coverage, the weighted share of the vacancy's skills the person has
// (with related-skill credit), and use, the strength-weighted share of
// the person's skills that the vacancy needs. Each vacancy skill is
// credited to the profile skill that covers it best, and a profile
// skill's use is the best credit it gives. The fit is their F-measure
// (see [Config.CoverageEmphasis]). When extra ≥ 0, the person is taken
// to hold that skill as well, at strength 1 (for NextSkills); the
// neighbours of extra are not credited, so the fit is then a lower bound.
func (m *Matcher) skillFit(p, v *item, cr credits, extra int32) (fit, coverage, use float64) {
	if v.wsum == 0 {
		return 0, 0, 0
	}
	var buf [48]float32
	used := buf[:0]
	if len(p.skills) > len(buf) {
		used = make([]float32, 0, len(p.skills))
	}
	used = used[:len(p.skills)]
	var got, extraUse float32
	for j, s := range v.skills {
		c, via, _ := cr.at(j, s.idx)
		if s.idx == extra {
			c, extraUse = 1, 1
		} else if c > 0 {
			for k := range p.skills {
				if p.skills[k].idx == via {
					used[k] = max(used[k], min(c, 1))
					break
				}
			}
		}
		got += s.w * min(c, 1)
	}
	coverage = float64(got / v.wsum)
	var u float32
	den := p.psum
	for k := range used {
		u += used[k]
		if p.skills[k].implied {
			den += used[k]
		}
	}
	if extra >= 0 {
		u += extraUse
		den++
	}
	if den > 0 {
		use = float64(u / den)
	}
	return m.fMeasure(coverage, use), coverage, use
}

// fMeasure combines coverage c and use u with the weight β² =
// CoverageEmphasis²: (1 + β²)·c·u / (β²·u + c).
func (m *Matcher) fMeasure(c, u float64) float64 {
	b2 := m.cfg.CoverageEmphasis * m.cfg.CoverageEmphasis
	if d := b2*u + c; d > 0 {
		return (1 + b2) * c * u / d
	}
	return 0
}

// fitBound bounds the skill component of a pair from its coverage c and
// held, a bound of the sum of what the profile's skills are used for:
// the sum of the credits its vacancy skills get (each is credited to one
// profile skill), or the strength sum of the profile skills giving them.
// The use is then at most held / psum, the profile's strength sum.
func (m *Matcher) fitBound(c, held, psum float32) float32 {
	u := float32(1)
	if psum > 0 {
		u = min(1, held/psum)
	}
	return float32(m.fMeasure(float64(c), float64(u)))
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

// maxWithoutSkillsFor bounds the score of any pair with vacancy v whose
// skill fit is 0: the components v lacks data for give nothing, whatever
// the profile (interest may come from the profile's wishes alone).
func (m *Matcher) maxWithoutSkillsFor(v *item) float64 {
	w := m.cfg.Weights
	b := 1 - w.Skills
	if !v.has {
		b -= w.Distance
	}
	if len(v.langs) == 0 {
		b -= w.Language
	}
	if v.edu == 0 {
		b -= w.Education
	}
	return 100 * b
}

// maxWithoutSkills bounds the score of any pair with p whose skill fit is
// 0: only the components p has data for can give points.
func (m *Matcher) maxWithoutSkills(p *item) float64 {
	w := m.cfg.Weights
	var b float64
	if len(p.acts) > 0 || len(p.wantOcc) > 0 || len(p.wantSector) > 0 {
		b += w.Interest
	}
	if p.has {
		b += w.Distance
	}
	if len(p.langs) > 0 {
		b += w.Language
	}
	if p.edu > 0 {
		b += w.Education
	}
	return 100 * b
}

// boolCompare orders false before true.
func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// explain builds the full explanation of a pair.
func (m *Matcher) explain(p, v *item, cr credits, lang string) sn.Match {
	vals, missing, pt := m.components(p, v, cr)
	w := m.weights()
	res := sn.Match{Components: make([]sn.Component, 0, len(vals)),
		Matched: make([]sn.SkillMatch, 0, len(v.skills)), Missing: []sn.SkillGap{}}
	var total float64
	for i := range vals {
		c := sn.Component{Name: componentNames[i], Weight: w[i], Value: round3(vals[i]), Missing: missing[i]}
		c.Points = round1(100 * w[i] * vals[i])
		total += c.Points
		res.Components = append(res.Components, c)
	}
	res.Score = round1(total)
	if dist := pt.distKm; dist >= 0 {
		d := round1(dist)
		res.DistanceKm = &d
		res.Components[2].Detail = strconv.FormatFloat(dist, 'f', 1, 64) + " km"
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
		// Essential first, then by importance.
		return cmp.Or(-boolCompare(a.Essential, b.Essential), cmp.Compare(b.Importance, a.Importance))
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
	detail := fmt.Sprintf("%d of %d skills matched", len(res.Matched), len(v.skills))
	if !missing[0] {
		detail += fmt.Sprintf(" (coverage %.0f%%, %.0f%% of the person's skills used)", 100*pt.coverage, 100*pt.use)
	}
	res.Components[0].Detail = detail
	return res
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// Query asks for the best matches of one record.
type Query struct {
	// ID names a stored record; Record is an inline one (an unsaved
	// profile). Exactly one must be set. Run an inline record through
	// [index.Index.Prepare] first, so that its place is resolved and its
	// skills derived from its text; a place without coordinates counts as
	// no location.
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
	Candidates int  `json:"candidates"`
	Exhaustive bool `json:"exhaustive"`
	// Reached is the number of records sharing a credited concept with
	// the query, whose bounds were computed.
	Reached int           `json:"reached"`
	Took    time.Duration `json:"took"`
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

// profileQuery checks q, takes the read lock, finds the query's profile
// and computes the credit it gives every concept. done releases the
// credits and the lock.
func (m *Matcher) profileQuery(q *Query) (p *item, sc *scratch, done func(), err error) {
	if err := q.check(); err != nil {
		return nil, nil, nil, err
	}
	m.mu.RLock()
	p, err = m.subject(*q, sn.KindProfile, m.prof)
	if err != nil {
		m.mu.RUnlock()
		return nil, nil, nil, err
	}
	sc = m.pool.Get().(*scratch)
	m.profileCredits(p, sc)
	return p, sc, func() { sc.reset(); m.pool.Put(sc); m.mu.RUnlock() }, nil
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
	p, sc, done, err := m.profileQuery(&q)
	if err != nil {
		return nil, err
	}
	defer done()
	today := days(m.now())
	cr := denseCredits{sc}
	var near *circle
	if p.has && p.maxKm > 0 {
		near = circleAt(p.point, p.maxKm)
	}
	keep := func(v *item) bool {
		if v.expiry < today || (near != nil && v.has && !near.has(v.point.Lat, v.point.Lon)) {
			return false
		}
		if len(q.Sectors) > 0 && !slices.Contains(q.Sectors, v.sector) {
			return false
		}
		if len(q.Contracts) > 0 {
			if vr, ok := v.rec.(*sn.Vacancy); !ok || !slices.Contains(q.Contracts, vr.Contract) {
				return false
			}
		}
		return m.softFilter(p, v) == ""
	}
	full := func(slot int32) (float64, bool) {
		v := m.vacs.items[slot]
		if v == nil || !keep(v) {
			return 0, false
		}
		vals, _, _ := m.components(p, v, cr)
		s := m.score(vals)
		return s, s >= q.MinScore
	}
	// Skill fit of every group of vacancies sharing a credited concept,
	// accumulated through the postings.
	j := &rankJob{s: m.vacs, need: q.From + q.Size, other: m.maxWithoutSkills(p),
		full: func() func(int32) (float64, bool) { return full }}
	if near != nil {
		j.cells = cellsNear(p.point, p.maxKm)
	}
	for _, i := range sc.touched {
		j.lists = append(j.lists, postList{i, min(sc.credit[i], 1), uint64(1) << sc.pos[i]})
	}
	// The use of a vacancy is at most the strengths of the profile skills
	// that credit it (by their positions, the 64th standing for the rest).
	var wbit [64]float32
	for k, s := range p.skills {
		wbit[min(k, 63)] += s.w
	}
	j.fit = func(e *accEntry, _ int32) float32 {
		var held float32
		for mk := e.mask(); mk != 0; mk &= mk - 1 {
			held += wbit[bits.TrailingZeros64(mk)]
		}
		return m.fitBound(e.val, held, p.psum)
	}
	// The bound of a vacancy: its skill fit bound at full weight, plus
	// the bound of everything else from the pair's attrs.
	pa := attrOf(p)
	o := originOf(p.point)
	fb := m.fixBound(&pa, true, &o, today)
	j.groupOther = func() func(int32) float64 { return fb.group(m.vacs, j.other) }
	j.bound = func(_, slot int32, fit float32) (float64, bool) {
		b, ok := fb.of(&m.vacs.attrs[slot])
		return m.ws()*float64(fit) + b, ok
	}
	rs, exhaustive, scored, reached := m.rank(ctx, j)
	res := &Result{Candidates: scored, Exhaustive: exhaustive, Reached: reached}
	return finish(res, start, page(rs, q.From, q.Size), func(slot int32) sn.Match {
		v := m.vacs.items[slot]
		mt := m.explain(p, v, cr, q.Lang)
		mt.Kind, mt.ID, mt.Record = sn.KindVacancy, v.id, v.rec
		return mt
	}), nil
}

// finish explains the ranked page into res.
func finish(res *Result, start time.Time, top []ranked, explain func(slot int32) sn.Match) *Result {
	res.Matches = make([]sn.Match, 0, len(top))
	for _, r := range top {
		res.Matches = append(res.Matches, explain(r.slot))
	}
	res.Took = time.Since(start)
	return res
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
		if m.cfg.Ablation.NoRelatedCredit {
			continue
		}
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
	j := &rankJob{s: m.prof, need: q.From + q.Size, other: m.maxWithoutSkillsFor(v)}
	j.full = func() func(int32) (float64, bool) {
		var buf sparseCredits
		return func(slot int32) (float64, bool) {
			p := m.prof.items[slot]
			if p == nil || m.hardFilter(p, v, today) != "" {
				return 0, false
			}
			m.creditsFor(p, v, links, &buf)
			vals, _, _ := m.components(p, v, buf)
			s := m.score(vals)
			return s, s >= q.MinScore
		}
	}
	// Per group of profiles holding a linked concept, the accumulator
	// keeps the vacancy skills the group's skills reach (a bit each in the
	// low 32 bits, the 32nd standing for the rest), those it holds itself
	// (the same in the high 32 bits), and the sum of the best credit each
	// of its skills gives. A held skill is credited at most 1, a reached
	// one at most its best neighbour's similarity; the use is at most the
	// sum.
	//
	// A profile with a travel limit can take the vacancy only when its
	// home is within its limit, so at most maxKm away: read the cells
	// within maxKm, those of profiles without a limit or a home, and all
	// postings when the vacancy has no place or the area is large.
	if v.has && m.prof.maxKm > 0 && m.prof.maxKm <= 150 {
		j.cells = append(cellsNear(v.point, m.prof.maxKm), anyCell)
	}
	for i, ls := range links {
		l := postList{concept: i}
		for _, x := range ls {
			l.bit |= 1 << min(x.j, 31)
			if x.sim >= 1 {
				l.bit |= 1 << (32 + min(x.j, 31))
			}
			l.c = max(l.c, x.sim)
		}
		j.lists = append(j.lists, l)
	}
	// Per bit: the weight share and the number of the vacancy skills
	// behind it, and the best similarity of a neighbour giving them
	// credit.
	var wbit, nbit, sbit [32]float32
	for j, s := range v.skills {
		if v.wsum > 0 {
			wbit[min(j, 31)] += s.w / v.wsum
		}
		nbit[min(j, 31)]++
	}
	for _, ls := range links {
		for _, l := range ls {
			if l.sim < 1 {
				sbit[min(l.j, 31)] = max(sbit[min(l.j, 31)], l.sim)
			}
		}
	}
	j.fit = func(e *accEntry, g int32) float32 {
		var cov, n float32
		held := e.hi
		for mk := e.lo; mk != 0; mk &= mk - 1 {
			b := bits.TrailingZeros32(mk)
			if held&(1<<b) != 0 {
				cov += wbit[b]
			} else {
				cov += wbit[b] * sbit[b]
			}
			n += nbit[b]
		}
		// Each reached vacancy skill is credited at most 1, to one
		// profile skill; the members of a group share their skills, so
		// their strength sum too.
		return m.fitBound(min(cov, 1), min(n, e.val), m.prof.meta[g].psum)
	}
	// The bound of a profile: its skill fit bound at full weight, plus
	// the bound of everything else from the pair's attrs.
	va := attrOf(v)
	o := originOf(v.point)
	fb := m.fixBound(&va, false, &o, today)
	j.groupOther = func() func(int32) float64 { return fb.group(m.prof, j.other) }
	j.bound = func(_, slot int32, fit float32) (float64, bool) {
		b, ok := fb.of(&m.prof.attrs[slot])
		return m.ws()*float64(fit) + b, ok
	}
	rs, exhaustive, scored, reached := m.rank(ctx, j)
	res := &Result{Candidates: scored, Exhaustive: exhaustive, Reached: reached}
	return finish(res, start, page(rs, q.From, q.Size), func(slot int32) sn.Match {
		p := m.prof.items[slot]
		var cr sparseCredits
		m.creditsFor(p, v, links, &cr)
		mt := m.explain(p, v, cr, q.Lang)
		mt.Kind, mt.ID, mt.Record = sn.KindProfile, p.id, p.rec
		return mt
	}), nil
}

// Gap explains one pair: how a profile (stored or inline, in q) fits the
// stored vacancy vacancyID, with every component, the matched skills and
// the missing ones ranked by importance. Unlike a ranking, it also
// explains pairs that a hard filter would exclude, and says why in
// Filtered.
func (m *Matcher) Gap(ctx context.Context, q Query, vacancyID string) (*GapResult, error) {
	p, sc, done, err := m.profileQuery(&q)
	if err != nil {
		return nil, err
	}
	defer done()
	slot, ok := m.vacs.byID[vacancyID]
	if !ok {
		return nil, fmt.Errorf("vacancy %q: %w", vacancyID, sn.ErrNotFound)
	}
	v := m.vacs.items[slot]
	mt := m.explain(p, v, denseCredits{sc}, q.Lang)
	mt.Kind, mt.ID, mt.Record = sn.KindVacancy, v.id, v.rec
	g := &GapResult{Match: mt, Filtered: m.hardFilter(p, v, days(m.now())), Learn: map[string][]string{}}
	for _, miss := range mt.Missing {
		if i, ok := m.conceptIdx(miss.ConceptID); ok {
			if ids := m.teachers(p, i); len(ids) > 0 {
				g.Learn[miss.ConceptID] = ids
			}
		}
	}
	return g, ctx.Err()
}

// GapResult is the explanation of one pair.
type GapResult struct {
	sn.Match
	// Filtered says why a ranking would leave this vacancy out
	// ("expired", "too far", "missing driving licence", "missing
	// language"), or is empty.
	Filtered string `json:"filtered,omitempty"`
	// Learn maps each missing skill to up to three open opportunities
	// within the person's reach that teach it, nearest first.
	Learn map[string][]string `json:"learn"`
}

// Stats reports the sizes of the in-memory structures.
func (m *Matcher) Stats() (vacancies, profiles int) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.vacs.byID), len(m.prof.byID)
}
