package matcher

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/geo"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/internal/starterenv"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

var today = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

type fixture struct {
	tx *taxonomy.Taxonomy
	ix *index.Index
	m  *Matcher
}

func newFixture(t testing.TB, withDemo bool) *fixture {
	t.Helper()
	tx, _, ix := starterenv.Open(t, today, withDemo)
	m, err := New(context.Background(), DefaultConfig(), tx, ix)
	require.NoError(t, err)
	m.SetClock(func() time.Time { return today })
	return &fixture{tx: tx, ix: ix, m: m}
}

func sk(short string) string { return starter.ID(taxonomy.KindSkill, short) }

func TestComponentsAddUp(t *testing.T) {
	f := newFixture(t, true)
	res, err := f.m.Vacancies(context.Background(), Query{ID: "demo-p001", Size: 50})
	require.NoError(t, err)
	require.NotEmpty(t, res.Matches)
	for i, mt := range res.Matches {
		var sum float64
		for _, c := range mt.Components {
			sum += c.Points
			if c.Missing {
				assert.Zero(t, c.Points, "%s: missing data gives no points", c.Name)
			}
		}
		assert.InDelta(t, mt.Score, sum, 0.31, "%s: the parts add up to the score", mt.ID)
		assert.True(t, mt.Score >= 0 && mt.Score <= 100)
		if i > 0 {
			assert.LessOrEqual(t, mt.Score, res.Matches[i-1].Score+0.05)
		}
	}
}

// bruteForce scores every vacancy for profile p, as the model defines.
func (m *Matcher) bruteForce(p *item, n int) []string {
	sc := newScratch(m.tx.Len())
	m.profileCredits(p, sc)
	var rs []ranked
	for slot, v := range m.vacs.items {
		if v == nil || m.hardFilter(p, v, days(m.now())) != "" {
			continue
		}
		vals, _, _ := m.components(p, v, denseCredits{sc})
		rs = append(rs, ranked{slot: int32(slot), score: m.score(vals), id: v.id})
	}
	return topIDs(rs, n)
}

// bruteForceProfiles scores every profile for vacancy v.
func (m *Matcher) bruteForceProfiles(v *item, n int) []string {
	links := m.vacancyLinks(v)
	var rs []ranked
	for slot, p := range m.prof.items {
		if p == nil || m.hardFilter(p, v, days(m.now())) != "" {
			continue
		}
		var cr sparseCredits
		m.creditsFor(p, v, links, &cr)
		vals, _, _ := m.components(p, v, cr)
		rs = append(rs, ranked{slot: int32(slot), score: m.score(vals), id: p.id})
	}
	return topIDs(rs, n)
}

func topIDs(rs []ranked, n int) []string {
	slices.SortFunc(rs, func(a, b ranked) int {
		if better(a, b) {
			return -1
		}
		return 1
	})
	var out []string
	for _, r := range rs[:min(n, len(rs))] {
		out = append(out, r.id)
	}
	return out
}

// TestExactTopK checks that the candidate-based ranking returns exactly
// the top 20 of exhaustive scoring, for every demo profile.
// TestExactTopK checks both rankings of every demo record against
// exhaustive scoring, on one goroutine and split by cell over three.
func TestExactTopK(t *testing.T) {
	f := newFixture(t, true)
	ctx := context.Background()
	for _, split := range []bool{false, true} {
		if split {
			f.m.SetParallelism(3)
			f.m.splitMin = 1
		}
		exhaustive := 0
		for id, slot := range f.m.prof.byID {
			p := f.m.prof.items[slot]
			res, err := f.m.Vacancies(ctx, Query{ID: id, Size: 20})
			require.NoError(t, err)
			require.Equal(t, f.m.bruteForce(p, 20), ids(res), "split %v, %s", split, id)
			if res.Exhaustive {
				exhaustive++
			}
		}
		t.Logf("split %v: %d of %d profiles needed exhaustive scoring", split, exhaustive, len(f.m.prof.byID))
		for id, slot := range f.m.vacs.byID {
			v := f.m.vacs.items[slot]
			res, err := f.m.Profiles(ctx, Query{ID: id, Size: 10})
			require.NoError(t, err)
			require.Equal(t, f.m.bruteForceProfiles(v, 10), ids(res), "split %v, %s", split, id)
		}
	}
}

// boundsOnly returns a matcher with only what the bounds need: the
// default configuration and the distance-loss table.
func boundsOnly() *Matcher {
	m := &Matcher{cfg: DefaultConfig()}
	m.loss = make([]float64, 1024)
	for k := range m.loss {
		m.loss[k] = -math.Expm1(-float64(k) * lossStep / m.cfg.DistanceScaleKm)
	}
	return m
}

// TestDistanceBounds checks the cheap distance bounds the ranking prunes
// with: lowerKm, and cellLowerKm of a point's cell, never exceed the
// great-circle distance, and distLoss never exceeds what the distance
// component really loses.
func TestDistanceBounds(t *testing.T) {
	m := boundsOnly()
	r := rand.New(rand.NewPCG(1, 2))
	for range 100_000 {
		a := geo.Point{Lat: -70 + 140*r.Float64(), Lon: -180 + 360*r.Float64()}
		b := geo.Point{Lat: a.Lat + (r.Float64()-0.5)*4, Lon: a.Lon + (r.Float64()-0.5)*6}
		if r.IntN(4) == 0 {
			b = geo.Point{Lat: -70 + 140*r.Float64(), Lon: -180 + 360*r.Float64()}
		}
		d := geo.DistanceKm(a, b)
		lo := originOf(a).lowerKm(b.Lat, b.Lon)
		require.LessOrEqual(t, lo, d+1e-9, "%v → %v", a, b)
		// The bound of b's cell holds for b, and a circle around a that
		// holds b reads b's cell.
		require.LessOrEqual(t, originOf(a).cellLowerKm(cellAt(b.Lat, b.Lon)), d+1e-9, "%v → cell of %v", a, b)
		if d < 150 {
			km := d + r.Float64()*10
			require.Contains(t, cellsNear(a, km), cellAt(b.Lat, b.Lon), "%v within %v km", b, km)
		}
		require.LessOrEqual(t, m.distLoss(lo), -math.Expm1(-d/m.cfg.DistanceScaleKm)+1e-12)
	}
}

// TestFixedBound checks that the per-query bound tables give pairBound's
// value for random pairs, in both directions, and that a group's bound
// is at least the bound of each of its members.
func TestFixedBound(t *testing.T) {
	m := boundsOnly()
	r := rand.New(rand.NewPCG(3, 4))
	randAttr := func() attr {
		return attr{lat: 51 + r.Float64(), lon: 3 + 2*r.Float64(), has: r.IntN(5) > 0, edu: int8(r.IntN(11) - 1),
			acts: r.IntN(2) == 0, wants: r.IntN(2) == 0, langs: r.IntN(2) == 0, expiry: int32(r.IntN(20)),
			maxKm: float32(r.IntN(3) * 20)}
	}
	for range 2000 {
		q := randAttr()
		o := originOf(geo.Point{Lat: q.lat, Lon: q.lon})
		today := int32(r.IntN(20))
		fp, fv := m.fixBound(&q, true, &o, today), m.fixBound(&q, false, &o, today)
		for range 20 {
			c := randAttr()
			want, wantOK := m.pairBound(&q, &c, &o, &c, today)
			got, ok := fp.of(&c)
			require.Equal(t, wantOK, ok)
			if ok {
				require.InDelta(t, want, got, 1e-9, "profile %+v, vacancy %+v", q, c)
			}
			want, wantOK = m.pairBound(&c, &q, &o, &c, today)
			got, ok = fv.of(&c)
			require.Equal(t, wantOK, ok)
			if ok {
				require.InDelta(t, want, got, 1e-9, "vacancy %+v, profile %+v", q, c)
			}
		}
		// A group's bound is at least the bound of each member: members
		// share a cell (or have no place) and differ in the rest.
		base := randAttr()
		cell := uint32(noCell)
		if base.has {
			cell = cellAt(base.lat, base.lon)
		}
		s := &set{meta: []groupMeta{{cell: cell}}}
		members := make([]attr, 1+r.IntN(4))
		for i := range members {
			c := randAttr()
			c.has = base.has
			c.lat = math.Floor(base.lat/cellDeg)*cellDeg + r.Float64()*cellDeg*0.999
			c.lon = math.Floor(base.lon/cellDeg)*cellDeg + r.Float64()*cellDeg*0.999
			members[i] = c
			s.meta[0].note(&c)
		}
		for _, f := range []*fixedBound{fp, fv} {
			gb := f.group(s, 100)(0)
			for _, c := range members {
				if b, ok := f.of(&c); ok {
					require.LessOrEqual(t, b, gb+1e-9, "member %+v of a group in cell %x", c, cell)
				}
			}
		}
	}
}

func TestEmptyProfileGetsNoHighScore(t *testing.T) {
	f := newFixture(t, true)
	res, err := f.m.Vacancies(context.Background(), Query{Record: &sn.Profile{ID: "inline"}, Size: 5})
	require.NoError(t, err)
	for _, mt := range res.Matches {
		assert.Less(t, mt.Score, 10.0, mt.ID)
		assert.True(t, mt.Components[0].Missing || mt.Components[0].Value == 0)
		assert.True(t, mt.Components[1].Missing)
		assert.True(t, mt.Components[2].Missing)
	}
}

func TestRelatedSkillCredit(t *testing.T) {
	f := newFixture(t, false)
	ctx := context.Background()
	v := &sn.Vacancy{ID: "v1", Title: "Lasser MIG/MAG", Lang: "nl", Location: sn.Location{Place: "Gent"},
		Skills: []sn.SkillReq{{ConceptID: sk("mig-mag"), Essential: true}, {ConceptID: sk("vca"), Essential: true}}}
	require.NoError(t, f.ix.Put(ctx, v))
	tig := &sn.Profile{ID: "tig", Home: sn.Location{Place: "Gent"}, Skills: []sn.ProfileSkill{{ConceptID: sk("tig")}, {ConceptID: sk("vca")}}}
	books := &sn.Profile{ID: "books", Home: sn.Location{Place: "Gent"}, Skills: []sn.ProfileSkill{{ConceptID: sk("bookkeeping")}, {ConceptID: sk("vca")}}}
	require.NoError(t, f.ix.Put(ctx, tig))
	require.NoError(t, f.ix.Put(ctx, books))
	res, err := f.m.Profiles(ctx, Query{ID: "v1"})
	require.NoError(t, err)
	require.Len(t, res.Matches, 2)
	assert.Equal(t, "tig", res.Matches[0].ID, "a TIG welder comes closer to a MIG/MAG vacancy than a bookkeeper")
	var related *sn.SkillMatch
	for i, s := range res.Matches[0].Matched {
		if s.ConceptID == sk("mig-mag") {
			related = &res.Matches[0].Matched[i]
		}
	}
	require.NotNil(t, related, "MIG/MAG is covered through TIG")
	assert.Equal(t, "related", related.How)
	assert.Equal(t, sk("tig"), related.Via)
	assert.Greater(t, related.Similarity, 0.5)
	assert.Less(t, related.Credit, 1.0)
	// The bookkeeper misses the welding skill.
	assert.Equal(t, sk("mig-mag"), res.Matches[1].Missing[0].ConceptID)

	// Labels follow the caller's language.
	fr, err := f.m.Profiles(ctx, Query{ID: "v1", Lang: "fr"})
	require.NoError(t, err)
	assert.NotEqual(t, res.Matches[1].Missing[0].Label, fr.Matches[1].Missing[0].Label)
}

func TestHardFilters(t *testing.T) {
	f := newFixture(t, false)
	ctx := context.Background()
	put := func(v *sn.Vacancy) {
		v.Lang = "nl"
		v.Skills = []sn.SkillReq{{ConceptID: sk("truck-driving"), Essential: true}}
		require.NoError(t, f.ix.Put(ctx, v))
	}
	put(&sn.Vacancy{ID: "near", Title: "Chauffeur", Location: sn.Location{Place: "Gent"}})
	put(&sn.Vacancy{ID: "far", Title: "Chauffeur", Location: sn.Location{Place: "Rotterdam"}})
	put(&sn.Vacancy{ID: "ce", Title: "Chauffeur CE", Location: sn.Location{Place: "Gent"}, DrivingLicence: []string{"CE"}})
	put(&sn.Vacancy{ID: "french", Title: "Chauffeur", Location: sn.Location{Place: "Gent"}, Languages: []sn.LanguageLevel{{Lang: "fr", Level: "B1"}}})
	put(&sn.Vacancy{ID: "old", Title: "Chauffeur", Location: sn.Location{Place: "Gent"}, Posted: today.AddDate(0, -2, 0), Expires: today.AddDate(0, 0, -1)})
	p := &sn.Profile{ID: "p", Home: sn.Location{Place: "Evergem"}, MaxDistanceKm: 30, DrivingLicence: []string{"B"},
		Languages: []sn.LanguageLevel{{Lang: "nl", Level: "native"}}, Skills: []sn.ProfileSkill{{ConceptID: sk("truck-driving")}}}
	require.NoError(t, f.ix.Put(ctx, p))
	res, err := f.m.Vacancies(ctx, Query{ID: "p"})
	require.NoError(t, err)
	var ids []string
	for _, mt := range res.Matches {
		ids = append(ids, mt.ID)
	}
	assert.Equal(t, []string{"near"}, ids)
	g, err := f.m.Gap(ctx, Query{ID: "p"}, "far")
	require.NoError(t, err)
	assert.Equal(t, "too far", g.Filtered)
	g, err = f.m.Gap(ctx, Query{ID: "p"}, "ce")
	require.NoError(t, err)
	assert.Equal(t, "missing driving licence", g.Filtered)
	// With CE the truck vacancy opens up (CE includes B and C).
	p.DrivingLicence = []string{"CE"}
	require.NoError(t, f.ix.Put(ctx, p))
	res, err = f.m.Vacancies(ctx, Query{ID: "p"})
	require.NoError(t, err)
	assert.Len(t, res.Matches, 2)
}

func TestWatchKeepsCurrent(t *testing.T) {
	f := newFixture(t, false)
	ctx := context.Background()
	p := &sn.Profile{ID: "p", Skills: []sn.ProfileSkill{{ConceptID: sk("welding")}}}
	require.NoError(t, f.ix.Put(ctx, p))
	v := &sn.Vacancy{ID: "v", Title: "Lasser", Lang: "nl", Location: sn.Location{Place: "Gent"}, Skills: []sn.SkillReq{{ConceptID: sk("welding"), Essential: true}}}
	require.NoError(t, f.ix.Put(ctx, v))
	res, err := f.m.Vacancies(ctx, Query{ID: "p"})
	require.NoError(t, err)
	require.Len(t, res.Matches, 1)
	require.NoError(t, f.ix.Delete(ctx, sn.KindVacancy, "v", ""))
	res, err = f.m.Vacancies(ctx, Query{ID: "p"})
	require.NoError(t, err)
	assert.Empty(t, res.Matches)
	_, err = f.m.Vacancies(ctx, Query{ID: "nobody"})
	require.ErrorIs(t, err, sn.ErrNotFound)
	_, err = f.m.Vacancies(ctx, Query{})
	require.ErrorIs(t, err, sn.ErrInvalid)
}

func TestProfilesFindOtherBackgrounds(t *testing.T) {
	f := newFixture(t, false)
	ctx := context.Background()
	v := &sn.Vacancy{ID: "v", Title: "Magazijnier", Lang: "nl", Location: sn.Location{Place: "Gent"}, Occupation: starter.ID(taxonomy.KindOccupation, "warehouse-worker"),
		Skills: []sn.SkillReq{{ConceptID: sk("forklift"), Essential: true}, {ConceptID: sk("order-picking"), Essential: true}, {ConceptID: sk("inventory")}}}
	require.NoError(t, f.ix.Put(ctx, v))
	// A former baker who drives a forklift and picks orders.
	other := &sn.Profile{ID: "baker", Home: sn.Location{Place: "Gent"}, PastOccupations: []string{starter.ID(taxonomy.KindOccupation, "baker")},
		Skills: []sn.ProfileSkill{{ConceptID: sk("forklift")}, {ConceptID: sk("order-picking")}}}
	require.NoError(t, f.ix.Put(ctx, other))
	res, err := f.m.Profiles(ctx, Query{ID: "v"})
	require.NoError(t, err)
	require.NotEmpty(t, res.Matches)
	assert.Equal(t, "baker", res.Matches[0].ID)
	assert.Greater(t, res.Matches[0].Components[0].Value, 0.6)
	assert.False(t, math.IsNaN(res.Matches[0].Score))
}

func TestConfigValidate(t *testing.T) {
	c := DefaultConfig()
	require.NoError(t, c.Validate())
	c.Weights.Skills = 0.9
	require.ErrorIs(t, c.Validate(), ErrInvalidConfig)
}

func TestOccupations(t *testing.T) {
	f := newFixture(t, true)
	ctx := context.Background()
	// A former baker who can drive a forklift, pick orders and keep stock.
	p := &sn.Profile{ID: "inline", Home: sn.Location{Place: "Gent"}, MaxDistanceKm: 25,
		PastOccupations: []string{starter.ID(taxonomy.KindOccupation, "baker")},
		Skills:          []sn.ProfileSkill{{ConceptID: sk("forklift")}, {ConceptID: sk("order-picking")}, {ConceptID: sk("inventory")}, {ConceptID: sk("receiving")}}}
	res, err := f.m.Occupations(ctx, Query{Record: p, Size: 10})
	require.NoError(t, err)
	require.NotEmpty(t, res.Matches)
	top := map[string]OccupationMatch{}
	for _, o := range res.Matches {
		top[o.ID] = o
		var sum float64
		for _, c := range o.Components {
			sum += c.Points
		}
		assert.InDelta(t, o.Score, sum, 0.31)
	}
	wh, ok := top[starter.ID(taxonomy.KindOccupation, "warehouse-worker")]
	require.True(t, ok, "warehouse worker fits the skills")
	assert.True(t, wh.Hidden, "logistics is another ISCO major group than baking")
	assert.Positive(t, wh.VacanciesNearby)
	for i := 1; i < len(res.Matches); i++ {
		assert.LessOrEqual(t, res.Matches[i].Score, res.Matches[i-1].Score)
	}
}

func TestNextSkills(t *testing.T) {
	f := newFixture(t, false)
	ctx := context.Background()
	for i, extra := range []string{"mig-mag", "mig-mag", "tig"} {
		v := &sn.Vacancy{ID: fmt.Sprintf("v%d", i), Title: "Lasser", Lang: "nl", Location: sn.Location{Place: "Gent"}, Sector: "industry",
			Skills: []sn.SkillReq{{ConceptID: sk("welding"), Essential: true}, {ConceptID: sk(extra), Essential: true}}}
		require.NoError(t, f.ix.Put(ctx, v))
	}
	p := &sn.Profile{ID: "inline", Home: sn.Location{Place: "Gent"}, Skills: []sn.ProfileSkill{{ConceptID: sk("welding")}},
		Interests: sn.Interests{Sectors: []string{"industry"}}}
	res, err := f.m.NextSkills(ctx, Query{Record: p}, 65)
	require.NoError(t, err)
	require.NotEmpty(t, res.Skills)
	assert.Equal(t, sk("mig-mag"), res.Skills[0].ConceptID, "MIG/MAG unlocks two of the three")
	assert.Equal(t, 2, res.Skills[0].Unlocks)
	_, err = f.m.NextSkills(ctx, Query{Record: p}, 120)
	require.ErrorIs(t, err, sn.ErrInvalid)
}

func TestMismatch(t *testing.T) {
	f := newFixture(t, true)
	gent := geo.Point{Lat: 51.05, Lon: 3.72}
	res, err := f.m.Mismatch(context.Background(), Area{Center: gent, RadiusKm: 20}, "nl", 10)
	require.NoError(t, err)
	assert.Positive(t, res.Vacancies)
	assert.Positive(t, res.Profiles)
	require.NotEmpty(t, res.Skills)
	for i, s := range res.Skills {
		assert.InDelta(t, s.Demand-s.Supply, s.Shortage, 0.002)
		if i > 0 {
			assert.LessOrEqual(t, s.Shortage, res.Skills[i-1].Shortage)
		}
		assert.NotEmpty(t, s.Label)
	}
	assert.Positive(t, res.Skills[0].Shortage)
	_, err = f.m.Mismatch(context.Background(), Area{Center: gent}, "nl", 10)
	require.ErrorIs(t, err, sn.ErrInvalid)
}

func TestOpportunitiesAndLearn(t *testing.T) {
	f := newFixture(t, true)
	ctx := context.Background()
	near := 0
	for id := range f.m.prof.byID {
		res, err := f.m.Opportunities(ctx, Query{ID: id, Size: 5}, 0)
		require.NoError(t, err)
		if res.NearFits == 0 {
			continue
		}
		near++
		for i, om := range res.Matches {
			assert.NotEmpty(t, om.Teaches, "%s: an opportunity is proposed for what it teaches", om.ID)
			assert.True(t, om.Score > 0 && om.Score <= 100)
			if i > 0 {
				assert.LessOrEqual(t, om.Score, res.Matches[i-1].Score)
			}
		}
	}
	assert.Positive(t, near, "some demo profiles nearly fit some vacancies")

	// The gap for a welding vacancy points to the welding training.
	v := &sn.Vacancy{ID: "weld", Title: "Lasser", Lang: "nl", Location: sn.Location{Place: "Gent"},
		Skills: []sn.SkillReq{{ConceptID: sk("mig-mag"), Essential: true}, {ConceptID: sk("welding"), Essential: true}}}
	require.NoError(t, f.ix.Put(ctx, v))
	g, err := f.m.Gap(ctx, Query{Record: &sn.Profile{ID: "x", Home: sn.Location{Place: "Gent"}}}, "weld")
	require.NoError(t, err)
	assert.NotEmpty(t, g.Learn[sk("mig-mag")], "an opportunity nearby teaches MIG/MAG")
}
