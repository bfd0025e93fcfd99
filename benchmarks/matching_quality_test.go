package benchmarks

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/benchmarks/eval"
	"github.com/skillsnavigator/skillsnav/matcher"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// MatchingSet is the project's ESCO-derived matching benchmark (first
// version): vacancies generated from occupations (all essential skills,
// half the optional ones), and profiles generated from occupations with
// noise: 40% of the essential skills dropped, a fifth of the rest replaced
// by a skill the taxonomy relates to it (ESCO skill–skill relations, else
// a sibling under the same broader skill), and two unrelated skills
// added. Relevance is graded: same occupation 3, same ISCO unit group 2,
// same ISCO minor group 1.
type MatchingSet struct {
	Vacancies []*sn.Vacancy
	Profiles  []*sn.Profile
	Qrels     []eval.Qrels
	occOf     map[string]*taxonomy.Concept
}

// NewMatchingSet builds the set deterministically from seed.
func NewMatchingSet(tx *taxonomy.Taxonomy, nOcc, nProfiles int, seed uint64) *MatchingSet {
	r := rand.New(rand.NewPCG(seed, 17))
	var occs []*taxonomy.Concept
	for o := range tx.All(taxonomy.KindOccupation) {
		n := 0
		for _, rel := range tx.Skills(o) {
			if rel == taxonomy.Essential {
				n++
			}
		}
		if n >= 5 && o.ISCOGroup != "" {
			occs = append(occs, o)
		}
	}
	r.Shuffle(len(occs), func(i, j int) { occs[i], occs[j] = occs[j], occs[i] })
	occs = occs[:min(nOcc, len(occs))]
	var allSkills []*taxonomy.Concept
	for s := range tx.All(taxonomy.KindSkill) {
		allSkills = append(allSkills, s)
	}
	set := &MatchingSet{occOf: map[string]*taxonomy.Concept{}}
	for i, o := range occs {
		for k := range 2 {
			v := &sn.Vacancy{ID: "v" + strconv.Itoa(2*i+k), Title: o.ID, Occupation: o.ID}
			for s, rel := range tx.Skills(o) {
				if rel == taxonomy.Essential || r.IntN(2) == 0 {
					v.Skills = append(v.Skills, sn.SkillReq{ConceptID: s.ID, Essential: rel == taxonomy.Essential})
				}
			}
			set.Vacancies = append(set.Vacancies, v)
			set.occOf[v.ID] = o
		}
	}
	substitute := func(s *taxonomy.Concept) *taxonomy.Concept {
		var cands []*taxonomy.Concept
		for rs := range tx.Related(s) {
			cands = append(cands, rs)
		}
		if len(cands) == 0 {
			for p := range tx.Broader(s) {
				for sib := range tx.Narrower(p) {
					if sib != s {
						cands = append(cands, sib)
					}
				}
			}
		}
		if len(cands) == 0 {
			return s
		}
		return cands[r.IntN(len(cands))]
	}
	for i := range nProfiles {
		o := occs[r.IntN(len(occs))]
		var ess []*taxonomy.Concept
		for s, rel := range tx.Skills(o) {
			if rel == taxonomy.Essential {
				ess = append(ess, s)
			}
		}
		r.Shuffle(len(ess), func(a, b int) { ess[a], ess[b] = ess[b], ess[a] })
		keep := ess[:max(2, len(ess)*6/10)]
		p := &sn.Profile{ID: "p" + strconv.Itoa(i)}
		seen := map[string]bool{}
		add := func(c *taxonomy.Concept) {
			if !seen[c.ID] {
				seen[c.ID] = true
				p.Skills = append(p.Skills, sn.ProfileSkill{ConceptID: c.ID})
			}
		}
		for _, s := range keep {
			if r.IntN(5) == 0 {
				s = substitute(s)
			}
			add(s)
		}
		add(allSkills[r.IntN(len(allSkills))])
		add(allSkills[r.IntN(len(allSkills))])
		q := eval.Qrels{}
		for _, v := range set.Vacancies {
			vo := set.occOf[v.ID]
			switch {
			case vo == o:
				q[v.ID] = 3
			case vo.ISCOGroup == o.ISCOGroup:
				q[v.ID] = 2
			case vo.ISCOGroup[:3] == o.ISCOGroup[:3]:
				q[v.ID] = 1
			}
		}
		set.Profiles = append(set.Profiles, p)
		set.Qrels = append(set.Qrels, q)
	}
	return set
}

func skillText(tx *taxonomy.Taxonomy, ids []string) string {
	var parts []string
	for _, id := range ids {
		if c, ok := tx.Concept(id); ok {
			t, _ := c.Name("en")
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, ". ")
}

// TestMatchingQuality ranks the set's vacancies for every profile with
// skillsnav's matcher, exact-skill Jaccard and Bleve BM25 over the
// skills' English labels, and reports nDCG@10, MRR and Recall@20 for
// each. The target (nDCG@10 clearly above both baselines) is not met yet:
// the test guards against regressions below the last recorded figure
// (0.742, seed 1) and logs how far skillsnav is from the baselines.
func TestMatchingQuality(t *testing.T) {
	tx := loadESCO(t)
	if testing.Short() {
		t.Skip("the matching-quality benchmark builds the ESCO similarity model; skipped with -short")
	}
	ctx := context.Background()
	set := NewMatchingSet(tx, 600, 200, 1)
	recs := memRecords{}
	for _, v := range set.Vacancies {
		recs[sn.KindVacancy] = append(recs[sn.KindVacancy], v)
	}
	cfg := matcher.DefaultConfig()
	cfg.Similarity.CacheDir = t.TempDir()
	m, err := matcher.New(ctx, cfg, tx, recs)
	if err != nil {
		t.Fatal(err)
	}
	var docs []LabelDoc
	vskills := map[string][]string{}
	for _, v := range set.Vacancies {
		var ids []string
		for _, s := range v.Skills {
			ids = append(ids, s.ConceptID)
		}
		vskills[v.ID] = ids
		docs = append(docs, LabelDoc{Concept: v.ID, Lang: "en", Text: skillText(tx, ids)})
	}
	bm25, err := NewBleveBM25(docs)
	if err != nil {
		t.Fatal(err)
	}
	defer bm25.Close()
	var sk, jac, bm eval.Ranking
	for i, p := range set.Profiles {
		res, err := m.Vacancies(ctx, matcher.Query{Record: p, Size: 20})
		if err != nil {
			t.Fatal(err)
		}
		var run []string
		for _, mt := range res.Matches {
			run = append(run, mt.ID)
		}
		sk.Add(run, set.Qrels[i])

		var pids []string
		for _, s := range p.Skills {
			pids = append(pids, s.ConceptID)
		}
		var js []Scored
		for id, vs := range vskills {
			inter := 0
			for _, s := range pids {
				if slices.Contains(vs, s) {
					inter++
				}
			}
			if inter > 0 {
				js = append(js, Scored{id, float64(inter) / float64(len(vs)+len(pids)-inter)})
			}
		}
		jac.Add(IDs(topScored(js, 20)), set.Qrels[i])
		bm.Add(IDs(bm25.Rank(skillText(tx, pids), 20)), set.Qrels[i])
	}
	s, j, b := sk.Summary(), jac.Summary(), bm.Summary()
	t.Logf("%d profiles × %d vacancies", len(set.Profiles), len(set.Vacancies))
	t.Logf("%-10s nDCG@10 %.3f  MRR %.3f  R@20 %.3f", "skillsnav", s.NDCG10, s.MRR, s.Recall20)
	t.Logf("%-10s nDCG@10 %.3f  MRR %.3f  R@20 %.3f", "jaccard", j.NDCG10, j.MRR, j.Recall20)
	t.Logf("%-10s nDCG@10 %.3f  MRR %.3f  R@20 %.3f", "bm25", b.NDCG10, b.MRR, b.Recall20)
	const recorded, tolerance = 0.742, 0.01
	if s.NDCG10 < recorded-tolerance {
		t.Errorf("skillsnav nDCG@10 %.3f fell below the recorded %.3f", s.NDCG10, recorded)
	}
	if best := max(j.NDCG10, b.NDCG10); s.NDCG10 < best+0.02 {
		t.Logf("target not met yet: skillsnav nDCG@10 %.3f, best baseline %.3f", s.NDCG10, best)
	}
}

func topScored(ss []Scored, k int) []Scored {
	slices.SortFunc(ss, func(a, b Scored) int { return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(a.ID, b.ID)) })
	return ss[:min(k, len(ss))]
}
