package benchmarks

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/benchmarks/eval"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/geo"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/matcher"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// Method kinds in results.
const (
	KindSkillsnav = "skillsnav"
	KindBaseline  = "baseline"
	KindAblation  = "ablation"
)

// MatchingScores is one method's scores on a [MatchingSet], in both
// directions.
type MatchingScores struct {
	Method             string       `json:"method"`
	Kind               string       `json:"kind"`
	ProfileToVacancies eval.Summary `json:"profile_to_vacancies"`
	VacancyToProfiles  eval.Summary `json:"vacancy_to_profiles"`
}

// MatchingEvalConfig says what [EvalMatching] runs besides skillsnav and
// the baselines.
type MatchingEvalConfig struct {
	// SimilarityCache is the folder where the similarity model is cached
	// between runs ("" builds it every time).
	SimilarityCache string
	// NoCompounds, when set, is the same taxonomy loaded with
	// NoCompoundSplitting, for the ablation without compound splitting.
	NoCompounds *taxonomy.Taxonomy
	// NoAblations leaves the ablations out (skillsnav and the baselines
	// only).
	NoAblations bool
	// Matcher is the matcher configuration of skillsnav; the zero value
	// means [matcher.DefaultConfig].
	Matcher *matcher.Config
}

// EvalMatching ranks the set in both directions with skillsnav (the
// records prepared by an index with the extractor, then the matcher),
// its ablations, and the baselines: exact-skill Jaccard and cosine over
// the structured skills, and Bleve BM25 (stock analyzers) and character
// 3-gram TF-IDF over the records' text. Every method gets the same
// travel-limit filter. Queries without any relevant record are left
// out, as trec_eval leaves out queries without qrels.
func EvalMatching(ctx context.Context, tx *taxonomy.Taxonomy, set *MatchingSet, cfg MatchingEvalConfig) ([]MatchingScores, error) {
	var out []MatchingScores
	// The records are prepared once per taxonomy; each matcher
	// configuration is built over the same index.
	indexes := map[*taxonomy.Taxonomy]*index.Index{}
	defer func() {
		for _, ix := range indexes {
			ix.Close()
		}
	}()
	run := func(name, kind string, tx *taxonomy.Taxonomy, mc matcher.Config) error {
		ix := indexes[tx]
		if ix == nil {
			var err error
			if ix, err = prepareSet(ctx, tx, set); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			indexes[tx] = ix
		}
		s, err := evalSkillsnav(ctx, tx, ix, set, mc)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		s.Method, s.Kind = name, kind
		out = append(out, s)
		return nil
	}
	base := matcher.DefaultConfig()
	if cfg.Matcher != nil {
		base = *cfg.Matcher
	}
	base.Similarity.CacheDir = cfg.SimilarityCache
	if err := run("skillsnav", KindSkillsnav, tx, base); err != nil {
		return nil, err
	}
	ablations := []struct {
		name string
		set  func(*matcher.Ablation)
	}{
		{"no related-skill credit", func(a *matcher.Ablation) { a.NoRelatedCredit = true }},
		{"no IDF", func(a *matcher.Ablation) { a.NoIDF = true }},
		{"no implied skills", func(a *matcher.Ablation) { a.NoImpliedSkills = true }},
	}
	if cfg.NoAblations {
		ablations = nil
	}
	for _, a := range ablations {
		mc := base
		a.set(&mc.Ablation)
		if err := run(a.name, KindAblation, tx, mc); err != nil {
			return nil, err
		}
	}
	if cfg.NoCompounds != nil && !cfg.NoAblations {
		if err := run("no compound splitting", KindAblation, cfg.NoCompounds, base); err != nil {
			return nil, err
		}
	}
	bl, err := evalBaselines(set)
	if err != nil {
		return nil, err
	}
	return append(out, bl...), nil
}

// reach reports whether a vacancy at v is within the travel limit of p.
func reachable(p *sn.Profile, v *sn.Vacancy) bool {
	return p.MaxDistanceKm <= 0 || geo.DistanceKm(geo.Point{Lat: p.Home.Lat, Lon: p.Home.Lon},
		geo.Point{Lat: v.Location.Lat, Lon: v.Location.Lon}) <= p.MaxDistanceKm
}

// prepareSet puts copies of the set's records into an index in memory
// that derives their skills with tx.
func prepareSet(ctx context.Context, tx *taxonomy.Taxonomy, set *MatchingSet) (*index.Index, error) {
	ex, err := extract.New(tx, extract.DefaultConfig())
	if err != nil {
		return nil, err
	}
	var recs []sn.Record
	for _, v := range set.Vacancies {
		c := *v
		c.Skills = slices.Clone(v.Skills)
		recs = append(recs, &c)
	}
	for _, p := range set.Profiles {
		c := *p
		c.Skills = slices.Clone(p.Skills)
		recs = append(recs, &c)
	}
	return memIndex(ctx, tx, ex, recs)
}

// evalSkillsnav ranks the set's queries with a matcher of configuration
// mc over the prepared records of ix.
func evalSkillsnav(ctx context.Context, tx *taxonomy.Taxonomy, ix *index.Index, set *MatchingSet, mc matcher.Config) (MatchingScores, error) {
	var res MatchingScores
	m, err := matcher.New(ctx, mc, tx, ix)
	if err != nil {
		return res, err
	}
	var pv, vp eval.Ranking
	for i, p := range set.Profiles {
		if len(set.ProfileQrels[i]) == 0 {
			continue
		}
		r, err := m.Vacancies(ctx, matcher.Query{ID: p.ID, Size: 20})
		if err != nil {
			return res, err
		}
		pv.Add(matchIDs(r), set.ProfileQrels[i])
	}
	for i, vi := range set.VacancyQueries {
		if len(set.VacancyQrels[i]) == 0 {
			continue
		}
		r, err := m.Profiles(ctx, matcher.Query{ID: set.Vacancies[vi].ID, Size: 20})
		if err != nil {
			return res, err
		}
		vp.Add(matchIDs(r), set.VacancyQrels[i])
	}
	res.ProfileToVacancies, res.VacancyToProfiles = pv.Summary(), vp.Summary()
	return res, nil
}

func matchIDs(r *matcher.Result) []string {
	ids := make([]string, len(r.Matches))
	for i, mt := range r.Matches {
		ids[i] = mt.ID
	}
	return ids
}

// vacancyDocText and profileText are what the text baselines index and ask.
func vacancyDocText(v *sn.Vacancy) string { return v.Title + ". " + v.Description }

func profileText(tx *taxonomy.Taxonomy, set *MatchingSet, p *sn.Profile) string {
	parts := []string{p.CV}
	for _, id := range set.GivenSkills[p.ID] {
		if c, ok := tx.Concept(id); ok {
			t, _ := c.Name(p.Lang, "en")
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, ". ")
}

func evalBaselines(set *MatchingSet) ([]MatchingScores, error) {
	tx := set.tx
	vacs := map[string]*sn.Vacancy{}
	var vdocs, pdocs []LabelDoc
	for _, v := range set.Vacancies {
		vacs[v.ID] = v
		vdocs = append(vdocs, LabelDoc{Concept: v.ID, Lang: v.Lang, Text: vacancyDocText(v)})
	}
	profs := map[string]*sn.Profile{}
	for _, p := range set.Profiles {
		profs[p.ID] = p
		pdocs = append(pdocs, LabelDoc{Concept: p.ID, Lang: p.Lang, Text: profileText(tx, set, p)})
	}
	vskills := map[string][]string{}
	for _, v := range set.Vacancies {
		for _, s := range v.Skills {
			vskills[v.ID] = append(vskills[v.ID], s.ConceptID)
		}
	}
	type ranker func(query string, k int) []Scored
	textRank := func(docs []LabelDoc, mk func([]LabelDoc) (Ranker, func(), error)) (ranker, func(), error) {
		r, done, err := mk(docs)
		if err != nil {
			return nil, nil, err
		}
		return r.Rank, done, nil
	}
	bm25 := func(docs []LabelDoc) (Ranker, func(), error) {
		b, err := NewBleveBM25(docs)
		if err != nil {
			return nil, nil, err
		}
		return b, func() { b.Close() }, nil
	}
	tri := func(docs []LabelDoc) (Ranker, func(), error) { return NewTrigramTFIDF(docs), func() {}, nil }
	var out []MatchingScores
	for _, m := range []struct {
		name   string
		skills bool
		cosine bool
		mk     func([]LabelDoc) (Ranker, func(), error)
	}{
		{"exact-skill Jaccard", true, false, nil},
		{"exact-skill cosine", true, true, nil},
		{"Bleve BM25 (stock analyzers)", false, false, bm25},
		{"character 3-gram TF-IDF", false, false, tri},
	} {
		var pv, vp eval.Ranking
		var rankV, rankP ranker
		if !m.skills {
			var done1, done2 func()
			var err error
			if rankV, done1, err = textRank(vdocs, m.mk); err != nil {
				return nil, err
			}
			if rankP, done2, err = textRank(pdocs, m.mk); err != nil {
				return nil, err
			}
			defer done1()
			defer done2()
		}
		for i, p := range set.Profiles {
			if len(set.ProfileQrels[i]) == 0 {
				continue
			}
			var ss []Scored
			if m.skills {
				for _, v := range set.Vacancies {
					if s := overlap(set.GivenSkills[p.ID], vskills[v.ID], m.cosine); s > 0 && reachable(p, v) {
						ss = append(ss, Scored{v.ID, s})
					}
				}
			} else {
				for _, sc := range rankV(profileText(tx, set, p), 400) {
					if reachable(p, vacs[sc.ID]) {
						ss = append(ss, sc)
					}
				}
			}
			pv.Add(IDs(topScored(ss, 20)), set.ProfileQrels[i])
		}
		for i, vi := range set.VacancyQueries {
			if len(set.VacancyQrels[i]) == 0 {
				continue
			}
			v := set.Vacancies[vi]
			var ss []Scored
			if m.skills {
				for _, p := range set.Profiles {
					if s := overlap(set.GivenSkills[p.ID], vskills[v.ID], m.cosine); s > 0 && reachable(p, v) {
						ss = append(ss, Scored{p.ID, s})
					}
				}
			} else {
				for _, sc := range rankP(vacancyDocText(v), 200) {
					if reachable(profs[sc.ID], v) {
						ss = append(ss, sc)
					}
				}
			}
			vp.Add(IDs(topScored(ss, 20)), set.VacancyQrels[i])
		}
		out = append(out, MatchingScores{Method: m.name, Kind: KindBaseline, ProfileToVacancies: pv.Summary(), VacancyToProfiles: vp.Summary()})
	}
	return out, nil
}

// memIndex opens an index in memory that prepares records with tx and
// ex, and puts recs into it; a record it refuses is an error naming it.
func memIndex(ctx context.Context, tx *taxonomy.Taxonomy, ex *extract.Extractor, recs []sn.Record) (*index.Index, error) {
	icfg := index.DefaultConfig()
	icfg.Taxonomy, icfg.Extractor = tx, ex
	ix, err := index.Open(ctx, icfg)
	if err != nil {
		return nil, err
	}
	errs, err := ix.PutAll(ctx, recs)
	if err == nil {
		for i, e := range errs {
			if e != nil {
				err = fmt.Errorf("record %s: %w", recs[i].RecordID(), e)
				break
			}
		}
	}
	if err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}

// overlap is the Jaccard index (or, with cosine, the cosine) of two
// sets of concept IDs given as lists without repeats.
func overlap(a, b []string, cosine bool) float64 {
	n := 0
	for _, s := range a {
		if slices.Contains(b, s) {
			n++
		}
	}
	if n == 0 {
		return 0
	}
	if cosine {
		return float64(n) / math.Sqrt(float64(len(a)*len(b)))
	}
	return float64(n) / float64(len(a)+len(b)-n)
}

// topScored returns the k best, ties broken by ID.
func topScored(ss []Scored, k int) []Scored {
	slices.SortFunc(ss, func(a, b Scored) int { return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(a.ID, b.ID)) })
	return ss[:min(k, len(ss))]
}
