package matcher

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// checkGroups checks the invariants of s's groups: every item is in the
// group of its slot at its position, the members of a group share their
// vector and cell, and every living group has exactly one live posting per
// skill, in post and in cells.
func checkGroups(t *testing.T, s *set) {
	t.Helper()
	for id, slot := range s.byID {
		g := s.group[slot]
		if s.pos[slot] < 0 {
			require.Equal(t, slot, s.first[g], id)
		} else {
			require.Equal(t, slot, s.more[g][s.pos[slot]], id)
		}
	}
	live := map[int32]int{}
	members := 0
	for g := range int32(s.groups()) {
		if s.n[g] == 0 {
			require.Equal(t, int32(-1), s.first[g])
			continue
		}
		live[g] = 0
		require.Len(t, s.more[g], int(s.n[g])-1)
		rep := s.items[s.first[g]]
		s.each(g, func(slot int32) {
			members++
			it := s.items[slot]
			require.NotNil(t, it)
			require.Equal(t, g, s.group[slot])
			require.True(t, sameVector(rep, it), "group %d mixes vectors", g)
			require.Equal(t, s.cellFor(rep), s.cellFor(it), "group %d mixes cells", g)
		})
	}
	require.Equal(t, len(s.byID), members)
	cellPostings := map[int32]int{}
	for _, byCell := range s.cells {
		for _, ps := range byCell {
			for _, p := range ps {
				if s.live(p) {
					cellPostings[p.slot]++
				}
			}
		}
	}
	for _, ps := range s.post {
		for _, p := range ps {
			if s.live(p) {
				live[p.slot]++
			}
		}
	}
	for g, n := range live {
		want := len(s.items[s.first[g]].skills)
		require.Equal(t, want, n, "postings of group %d", g)
		require.Equal(t, want, cellPostings[g], "cell postings of group %d", g)
	}
}

// TestGroupsUnderChurn puts, replaces and deletes records that share a few
// skill vectors and places, and checks after each round that the groups
// hold and that both rankings still equal exhaustive scoring, on one
// goroutine in even rounds and split by cell in odd ones.
func TestGroupsUnderChurn(t *testing.T) {
	f := newFixture(t, false)
	ctx := context.Background()
	vectors := [][]string{
		{"welding", "metal-cutting"},
		{"forklift", "storage", "inventory"},
		{"welding"},
		{"customer-orientation", "cash-handling"},
		{"forklift"},
	}
	places := [][2]float64{{51.05, 3.72}, {51.22, 4.40}, {51.06, 3.73}, {51.92, 4.48}}
	r := rand.New(rand.NewPCG(1, 2))
	vacancy := func(i int) *sn.Vacancy {
		v := &sn.Vacancy{ID: fmt.Sprintf("v%d", i), Title: "Job", Lang: "nl"}
		pl := places[r.IntN(len(places))]
		v.Location = sn.Location{Lat: pl[0], Lon: pl[1]}
		for k, s := range vectors[r.IntN(len(vectors))] {
			v.Skills = append(v.Skills, sn.SkillReq{ConceptID: sk(s), Essential: k == 0})
		}
		return v
	}
	profile := func(i int) *sn.Profile {
		p := &sn.Profile{ID: fmt.Sprintf("p%d", i)}
		pl := places[r.IntN(len(places))]
		p.Home = sn.Location{Lat: pl[0], Lon: pl[1]}
		if r.IntN(2) == 0 {
			p.MaxDistanceKm = 30
		}
		for _, s := range vectors[r.IntN(len(vectors))] {
			p.Skills = append(p.Skills, sn.ProfileSkill{ConceptID: sk(s)})
		}
		return p
	}
	for round := range 6 {
		for range 150 {
			i := r.IntN(120)
			switch op := r.IntN(10); {
			case op < 2:
				f.m.apply(index.Change{Kind: sn.KindVacancy, ID: fmt.Sprintf("v%d", i)})
			case op < 4:
				f.m.apply(index.Change{Kind: sn.KindProfile, ID: fmt.Sprintf("p%d", i)})
			case op < 7:
				v := vacancy(i)
				f.m.apply(index.Change{Kind: sn.KindVacancy, ID: v.ID, Record: v})
			default:
				p := profile(i)
				f.m.apply(index.Change{Kind: sn.KindProfile, ID: p.ID, Record: p})
			}
		}
		checkGroups(t, f.m.vacs)
		checkGroups(t, f.m.prof)
		if round%2 == 1 { // compaction keeps every live posting
			for _, s := range []*set{f.m.vacs, f.m.prof} {
				s.stale = 1 << 30
				s.maybeCompact()
				require.Zero(t, s.stale)
				checkGroups(t, s)
			}
		}
		require.Less(t, len(f.m.vacs.groupOf), len(f.m.vacs.byID), "round %d: vacancies sharing a vector and cell share a group", round)
		f.m.SetParallelism(1)
		f.m.splitMin = minSplit
		if round%2 == 1 {
			f.m.SetParallelism(2)
			f.m.splitMin = 1
		}
		for id, slot := range f.m.prof.byID {
			res, err := f.m.Vacancies(ctx, Query{ID: id, Size: 10})
			require.NoError(t, err)
			require.Equal(t, f.m.bruteForce(f.m.prof.items[slot], 10), ids(res), "round %d, profile %s", round, id)
		}
		for id, slot := range f.m.vacs.byID {
			res, err := f.m.Profiles(ctx, Query{ID: id, Size: 10})
			require.NoError(t, err)
			require.Equal(t, f.m.bruteForceProfiles(f.m.vacs.items[slot], 10), ids(res), "round %d, vacancy %s", round, id)
		}
	}
}

func ids(res *Result) []string {
	var out []string
	for _, mt := range res.Matches {
		out = append(out, mt.ID)
	}
	return out
}

// TestManySkills checks both rankings against exhaustive scoring when a
// vacancy has more skills than the profile → vacancy bits hold (32) and a
// profile more than the vacancy → profile ones (64).
func TestManySkills(t *testing.T) {
	f := newFixture(t, false)
	ctx := context.Background()
	var all []string
	for c := range f.tx.All(taxonomy.KindSkill) {
		all = append(all, c.ID)
	}
	r := rand.New(rand.NewPCG(5, 6))
	pick := func(n int) []string {
		out := make([]string, n)
		for i, j := range r.Perm(len(all))[:n] {
			out[i] = all[j]
		}
		return out
	}
	for i := range 60 {
		v := &sn.Vacancy{ID: fmt.Sprintf("v%d", i), Title: "Job", Lang: "nl", Location: sn.Location{Lat: 51.05, Lon: 3.72}}
		for k, s := range pick(1 + r.IntN(45)) {
			v.Skills = append(v.Skills, sn.SkillReq{ConceptID: s, Essential: k%3 != 0})
		}
		f.m.apply(index.Change{Kind: sn.KindVacancy, ID: v.ID, Record: v})
		p := &sn.Profile{ID: fmt.Sprintf("p%d", i), Home: sn.Location{Lat: 51.06, Lon: 3.70}}
		for _, s := range pick(1 + r.IntN(80)) {
			p.Skills = append(p.Skills, sn.ProfileSkill{ConceptID: s})
		}
		f.m.apply(index.Change{Kind: sn.KindProfile, ID: p.ID, Record: p})
	}
	for id, slot := range f.m.prof.byID {
		res, err := f.m.Vacancies(ctx, Query{ID: id, Size: 10})
		require.NoError(t, err)
		require.Equal(t, f.m.bruteForce(f.m.prof.items[slot], 10), ids(res), "profile %s", id)
	}
	for id, slot := range f.m.vacs.byID {
		res, err := f.m.Profiles(ctx, Query{ID: id, Size: 10})
		require.NoError(t, err)
		require.Equal(t, f.m.bruteForceProfiles(f.m.vacs.items[slot], 10), ids(res), "vacancy %s", id)
	}
}
