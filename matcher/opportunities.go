package matcher

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"time"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/geo"
)

// OpportunityMatch is a training, internship or other opportunity that
// teaches skills the person misses for vacancies they nearly fit.
type OpportunityMatch struct {
	ID string `json:"id"`
	// Score is 0–100: the share of the person's weighted skill gap (over
	// the vacancies they nearly fit) that the opportunity teaches, times
	// the distance fit when both sides have a location.
	Score float64 `json:"score"`
	// Teaches lists the missing skills it teaches, most needed first.
	Teaches []sn.SkillGap `json:"teaches"`
	// MissingPrerequisites lists skills it requires that the person lacks.
	MissingPrerequisites []string  `json:"missing_prerequisites"`
	DistanceKm           *float64  `json:"distance_km,omitempty"`
	Record               sn.Record `json:"record,omitempty"`
}

// OpportunityResult answers [Matcher.Opportunities].
type OpportunityResult struct {
	// NearFits is the number of vacancies within reach the person nearly
	// fits (score between threshold − 30 and threshold).
	NearFits int                `json:"near_fits"`
	Matches  []OpportunityMatch `json:"matches"`
	Took     time.Duration      `json:"took"`
}

// gapWeights sums, over the open vacancies within reach that p nearly
// fits (score in [threshold−30, threshold)), each missing skill's share
// of the vacancy's skill score.
func (m *Matcher) gapWeights(p *item, cr denseCredits, threshold float64) (map[int32]float64, int) {
	today := days(m.now())
	gap := map[int32]float64{}
	n := 0
	for _, v := range m.vacs.items {
		if v == nil || v.wsum == 0 || m.hardFilter(p, v, today) != "" {
			continue
		}
		vals, _, _ := m.components(p, v, cr)
		if s := m.score(vals); s >= threshold || s < threshold-30 {
			continue
		}
		n++
		for _, s := range v.skills {
			if c := min(cr.sc.credit[s.idx], 1); c < 1 {
				gap[s.idx] += float64(s.w*(1-c)) / float64(v.wsum)
			}
		}
	}
	return gap, n
}

// Opportunities ranks the open opportunities within the person's reach
// by how much of their skill gap they teach: the gap is summed over the
// vacancies the person nearly fits (see [OpportunityResult.NearFits]).
// Threshold 0 means [DefaultThreshold].
func (m *Matcher) Opportunities(ctx context.Context, q Query, threshold float64) (*OpportunityResult, error) {
	start := time.Now()
	if threshold == 0 {
		threshold = DefaultThreshold
	}
	p, sc, done, err := m.profileQuery(&q)
	if err != nil {
		return nil, err
	}
	defer done()
	cr := denseCredits{sc}
	gap, near := m.gapWeights(p, cr, threshold)
	var total float64
	for _, g := range gap {
		total += g
	}
	res := &OpportunityResult{NearFits: near, Matches: []OpportunityMatch{}}
	if total == 0 {
		res.Took = time.Since(start)
		return res, ctx.Err()
	}
	today := days(m.now())
	reachable := reach(p)
	var all []OpportunityMatch
	for _, o := range m.opps.items {
		if o == nil || o.expiry < today || (reachable != nil && !reachable(o)) {
			continue
		}
		var taught float64
		om := OpportunityMatch{ID: o.id, Record: o.rec, Teaches: []sn.SkillGap{}, MissingPrerequisites: []string{}}
		for _, s := range o.skills {
			if g := gap[s.idx]; g > 0 {
				taught += g
				c := m.tx.At(int(s.idx))
				label, _ := c.Name(q.Lang)
				om.Teaches = append(om.Teaches, sn.SkillGap{ConceptID: c.ID, Label: label, Importance: round3(g / total)})
			}
		}
		if taught == 0 {
			continue
		}
		for _, r := range o.requires {
			if sc.credit[r] < float32(m.cfg.MatchCredit) {
				om.MissingPrerequisites = append(om.MissingPrerequisites, m.tx.At(int(r)).ID)
			}
		}
		score := taught / total
		if p.has && o.has {
			d := geo.DistanceKm(p.point, o.point)
			score *= math.Exp(-d / m.cfg.DistanceScaleKm / 2)
			dr := round1(d)
			om.DistanceKm = &dr
		}
		om.Score = round1(100 * score)
		slices.SortFunc(om.Teaches, func(a, b sn.SkillGap) int {
			return cmp.Or(cmp.Compare(b.Importance, a.Importance), strings.Compare(a.ConceptID, b.ConceptID))
		})
		all = append(all, om)
	}
	slices.SortFunc(all, func(a, b OpportunityMatch) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(a.ID, b.ID))
	})
	if q.From < len(all) {
		res.Matches = all[q.From:min(len(all), q.From+q.Size)]
	}
	res.Took = time.Since(start)
	return res, ctx.Err()
}

// teachers returns up to three open opportunities within the person's
// reach that teach skill i, nearest first.
func (m *Matcher) teachers(p *item, i int32) []string {
	today := days(m.now())
	reachable := reach(p)
	type cand struct {
		id string
		d  float64
	}
	var cs []cand
	for _, ps := range m.opps.post[i] {
		if !m.opps.live(ps) {
			continue
		}
		m.opps.each(ps.slot, func(slot int32) {
			o := m.opps.items[slot]
			if o.expiry < today || (reachable != nil && !reachable(o)) {
				return
			}
			d := math.Inf(1)
			if p.has && o.has {
				d = geo.DistanceKm(p.point, o.point)
			}
			cs = append(cs, cand{o.id, d})
		})
	}
	slices.SortFunc(cs, func(a, b cand) int { return cmp.Or(cmp.Compare(a.d, b.d), strings.Compare(a.id, b.id)) })
	var out []string
	for _, c := range cs[:min(3, len(cs))] {
		out = append(out, c.id)
	}
	return out
}
