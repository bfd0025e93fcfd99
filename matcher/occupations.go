package matcher

import (
	"context"
	"time"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// OccupationMatch is an occupation that fits a profile.
type OccupationMatch struct {
	sn.Match
	// ISCOGroup is the occupation's ISCO-08 unit group.
	ISCOGroup string `json:"isco_group,omitempty"`
	// Hidden marks a "verborgen match": an occupation in another ISCO
	// major group than every past and wanted occupation of the person,
	// that the skills nevertheless fit.
	Hidden bool `json:"hidden"`
	// VacanciesNearby counts open vacancies for the occupation within the
	// person's travel limit (everywhere when there is none).
	VacanciesNearby int `json:"vacancies_nearby"`
}

// OccupationResult is a ranked page of occupations.
type OccupationResult struct {
	Matches []OccupationMatch `json:"matches"`
	Took    time.Duration     `json:"took"`
}

// compileOccupations turns the taxonomy's occupations into items: their
// essential and optional skills weighted as a vacancy's would be.
func (m *Matcher) compileOccupations() []*item {
	var out []*item
	for o := range m.tx.All(taxonomy.KindOccupation) {
		it := &item{id: o.ID, occ: []int32{int32(m.tx.Index(o))}, expiry: 1<<31 - 1}
		for s, rel := range m.tx.Skills(o) {
			i := int32(m.tx.Index(s))
			w := m.cfg.Optional
			if rel == taxonomy.Essential {
				w = m.cfg.Essential
			}
			w *= float64(m.idf[i])
			it.skills = append(it.skills, wskill{idx: i, w: float32(w), essential: rel == taxonomy.Essential})
			it.wsum += float32(w)
		}
		if len(it.skills) > 0 {
			out = append(out, it)
		}
	}
	return out
}

func majorGroup(c *taxonomy.Concept) byte {
	if c == nil || c.ISCOGroup == "" {
		return 0
	}
	return c.ISCOGroup[0]
}

// Occupations ranks the taxonomy's occupations for a profile by the same
// model as vacancies (an occupation has skills and is the job itself;
// it has no place, language or education requirement, so those
// components are missing), flags hidden matches in other ISCO major
// groups, and counts the open vacancies for each within reach. Every
// occupation is scored: the result is exact.
func (m *Matcher) Occupations(ctx context.Context, q Query) (*OccupationResult, error) {
	start := time.Now()
	p, sc, done, err := m.profileQuery(&q)
	if err != nil {
		return nil, err
	}
	defer done()
	cr := denseCredits{sc}
	h := &topHeap{need: q.From + q.Size}
	for i, o := range m.occs {
		vals, _, _ := m.components(p, o, cr)
		if s := m.score(vals); s >= q.MinScore && vals[0] > 0 {
			h.offer(ranked{slot: int32(i), score: s, id: o.id})
		}
	}
	// Open vacancies per occupation within reach.
	today := days(m.now())
	near := reach(p)
	count := map[int32]int{}
	for _, v := range m.vacs.items {
		if v == nil || v.expiry < today || len(v.occ) == 0 || (near != nil && !near(v)) {
			continue
		}
		count[v.occ[0]]++
	}
	own := map[byte]bool{}
	for _, o := range append(append([]int32(nil), p.occ...), p.wantOcc...) {
		own[majorGroup(m.tx.At(int(o)))] = true
	}
	res := &OccupationResult{Matches: []OccupationMatch{}}
	for _, r := range page(h.items, q.From, q.Size) {
		o := m.occs[r.slot]
		c := m.tx.At(int(o.occ[0]))
		mt := m.explain(p, o, cr, q.Lang)
		mt.Kind, mt.ID = "occupation", o.id
		mg := majorGroup(c)
		res.Matches = append(res.Matches, OccupationMatch{Match: mt, ISCOGroup: c.ISCOGroup,
			Hidden: len(own) > 0 && mg != 0 && !own[mg], VacanciesNearby: count[o.occ[0]]})
	}
	res.Took = time.Since(start)
	return res, ctx.Err()
}
