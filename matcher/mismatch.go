package matcher

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/geo"
)

// Area is a region: a point and a radius. Resolve a municipality or
// postcode to a point with the geo package first.
type Area struct {
	Center   geo.Point `json:"center"`
	RadiusKm float64   `json:"radius_km"`
}

// Shortage compares demand and supply of one skill or occupation in an
// area.
type Shortage struct {
	ConceptID string `json:"concept_id"`
	Label     string `json:"label"`
	// Demand is the concept's share of what the area's open vacancies ask
	// for (skills: by weight; occupations: by count); Supply its share
	// among the area's profiles (the share of profiles holding it).
	Demand float64 `json:"demand"`
	Supply float64 `json:"supply"`
	// Shortage is Demand − Supply; positive means more asked than offered.
	Shortage  float64 `json:"shortage"`
	Vacancies int     `json:"vacancies"`
	Profiles  int     `json:"profiles"`
}

// MismatchResult answers [Matcher.Mismatch].
type MismatchResult struct {
	Vacancies   int           `json:"vacancies"`
	Profiles    int           `json:"profiles"`
	Skills      []Shortage    `json:"skills"`
	Occupations []Shortage    `json:"occupations"`
	Took        time.Duration `json:"took"`
}

// Mismatch ranks, for an area, the skills and occupations most demanded by
// open vacancies against their presence in profiles, by shortage. Labels
// are in lang; size bounds each list (default 20).
func (m *Matcher) Mismatch(ctx context.Context, a Area, lang string, size int) (*MismatchResult, error) {
	start := time.Now()
	if a.RadiusKm <= 0 || a.RadiusKm > 500 || math.IsNaN(a.Center.Lat) {
		return nil, fmt.Errorf("%w: radius %v km is not between 0 and 500", sn.ErrInvalid, a.RadiusKm)
	}
	if size <= 0 {
		size = 20
	}
	if lang == "" {
		lang = "nl"
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	in := circleAt(a.Center, a.RadiusKm)
	today := days(m.now())
	demandS, demandO := map[int32]float64{}, map[int32]float64{}
	vacS, vacO := map[int32]int{}, map[int32]int{}
	var totalS, totalO float64
	nv := 0
	for _, v := range m.vacs.items {
		if v == nil || !v.has || v.expiry < today || !in.has(v.point.Lat, v.point.Lon) {
			continue
		}
		nv++
		for _, s := range v.skills {
			demandS[s.idx] += float64(s.w)
			vacS[s.idx]++
			totalS += float64(s.w)
		}
		for _, o := range v.occ {
			demandO[o]++
			vacO[o]++
			totalO++
		}
	}
	supS, supO := map[int32]int{}, map[int32]int{}
	np := 0
	for _, p := range m.prof.items {
		if p == nil || !p.has || !in.has(p.point.Lat, p.point.Lon) {
			continue
		}
		np++
		for _, s := range p.skills {
			if s.w >= 1 { // own skills, not implied ones
				supS[s.idx]++
			}
		}
		for _, o := range append(slices.Clone(p.occ), p.wantOcc...) {
			supO[o]++
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	list := func(demand map[int32]float64, total float64, vac, sup map[int32]int) []Shortage {
		keys := map[int32]bool{}
		for k := range demand {
			keys[k] = true
		}
		for k := range sup {
			keys[k] = true
		}
		out := []Shortage{}
		for k := range keys {
			c := m.tx.At(int(k))
			label, _ := c.Name(lang)
			sh := Shortage{ConceptID: c.ID, Label: label, Vacancies: vac[k], Profiles: sup[k]}
			if total > 0 {
				sh.Demand = round3(demand[k] / total)
			}
			if np > 0 {
				sh.Supply = round3(float64(sup[k]) / float64(np))
			}
			sh.Shortage = round3(sh.Demand - sh.Supply)
			out = append(out, sh)
		}
		slices.SortFunc(out, func(a, b Shortage) int {
			return cmp.Or(cmp.Compare(b.Shortage, a.Shortage), strings.Compare(a.ConceptID, b.ConceptID))
		})
		return out[:min(len(out), size)]
	}
	return &MismatchResult{Vacancies: nv, Profiles: np, Skills: list(demandS, totalS, vacS, supS),
		Occupations: list(demandO, totalO, vacO, supO), Took: time.Since(start)}, nil
}
