package matcher

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	sn "github.com/skillsnavigator/skillsnav"
)

// NextSkill is a skill whose learning would lift the person over the
// threshold for some nearby vacancies.
type NextSkill struct {
	ConceptID string `json:"concept_id"`
	Label     string `json:"label"`
	// Unlocks counts the open vacancies within reach that would score at
	// least the threshold with this skill added (and score below it now).
	Unlocks int `json:"unlocks"`
	// Examples are up to three of those vacancies.
	Examples []string `json:"examples"`
}

// NextSkillsResult answers [Matcher.NextSkills].
type NextSkillsResult struct {
	Threshold float64       `json:"threshold"`
	Skills    []NextSkill   `json:"skills"`
	Took      time.Duration `json:"took"`
}

// DefaultThreshold is the score from which a vacancy counts as a fit in
// [Matcher.NextSkills].
const DefaultThreshold = 60

// NextSkills finds the few skills that would unlock the most nearby
// vacancies for a profile: for every open vacancy within reach that
// scores below threshold (DefaultThreshold when 0), each skill it needs
// that the person lacks is tried as if the person had it (credit 1); the
// skills are ranked by the number of vacancies they lift over the
// threshold. The added skill's neighbours are not credited, so the
// scores tried are lower bounds. q.Size bounds the number of skills (default 20).
func (m *Matcher) NextSkills(ctx context.Context, q Query, threshold float64) (*NextSkillsResult, error) {
	start := time.Now()
	if threshold == 0 {
		threshold = DefaultThreshold
	}
	if threshold < 0 || threshold > 100 {
		return nil, fmt.Errorf("%w: threshold %v is not between 0 and 100", sn.ErrInvalid, threshold)
	}
	p, sc, done, err := m.profileQuery(&q)
	if err != nil {
		return nil, err
	}
	defer done()
	cr := denseCredits{sc}
	today := days(m.now())
	ws := 100 * m.cfg.Weights.Skills
	unlock := map[int32]*NextSkill{}
	var order []int32
	for n, v := range m.vacs.items {
		if n%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if v == nil || v.wsum == 0 || m.hardFilter(p, v, today) != "" {
			continue
		}
		vals, _, _ := m.components(p, v, cr)
		score := m.score(vals)
		if score >= threshold || score+ws < threshold {
			continue
		}
		for _, s := range v.skills {
			c := min(sc.credit[s.idx], 1)
			if c >= 1 {
				continue
			}
			if fit, _, _ := m.skillFit(p, v, cr, s.idx); score+ws*(fit-vals[0]) < threshold {
				continue
			}
			ns := unlock[s.idx]
			if ns == nil {
				c := m.tx.At(int(s.idx))
				label, _ := c.Name(q.Lang)
				ns = &NextSkill{ConceptID: c.ID, Label: label, Examples: []string{}}
				unlock[s.idx] = ns
				order = append(order, s.idx)
			}
			ns.Unlocks++
			if len(ns.Examples) < 3 {
				ns.Examples = append(ns.Examples, v.id)
			}
		}
	}
	res := &NextSkillsResult{Threshold: threshold, Skills: []NextSkill{}}
	for _, i := range order {
		res.Skills = append(res.Skills, *unlock[i])
	}
	slices.SortStableFunc(res.Skills, func(a, b NextSkill) int {
		if a.Unlocks != b.Unlocks {
			return b.Unlocks - a.Unlocks
		}
		return strings.Compare(a.ConceptID, b.ConceptID)
	})
	res.Skills = res.Skills[:min(len(res.Skills), q.Size)]
	res.Took = time.Since(start)
	return res, nil
}
