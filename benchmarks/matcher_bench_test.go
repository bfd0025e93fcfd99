package benchmarks

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/matcher"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// matcherSizes are the corpus sizes of the matcher benchmarks: 10,000 by
// default, 100,000 more with SKILLSNAV_BENCH_LARGE set, and 1,000,000 more
// with SKILLSNAV_BENCH_HUGE set (about 3 GB of memory).
func matcherSizes() []int {
	sizes := []int{10_000}
	if os.Getenv("SKILLSNAV_BENCH_LARGE") != "" {
		sizes = append(sizes, 100_000)
	}
	if os.Getenv("SKILLSNAV_BENCH_HUGE") != "" {
		sizes = append(sizes, 1_000_000)
	}
	return sizes
}

// BenchmarkMatchVacancies ranks the top 20 vacancies with explanations
// for a profile, over n vacancies, reporting p50 and p99; the baseline is
// a Bleve-only ranking of the same data in the same run: a disjunction of
// the profile's skills as terms, within its travel distance. The
// vacancies of "skillsnav" share their occupation's skill template
// ([SyntheticVacancies]); those of "skillsnav-varied" each have their own
// ([SyntheticVariedVacancies]).
func BenchmarkMatchVacancies(b *testing.B) {
	tx, err := starter.Load(taxonomy.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	profiles := SyntheticProfiles(tx, 200, 5)
	for _, n := range matcherSizes() {
		for _, varied := range []bool{false, true} {
			name := "skillsnav"
			gen := SyntheticVacancies
			if varied {
				name, gen = "skillsnav-varied", SyntheticVariedVacancies
			}
			matchVacancies(b, fmt.Sprintf("%s/n=%d", name, n), tx, gen(n, 1), profiles)
		}
		if n > baselineMax {
			continue
		}
		vs := SyntheticVacancies(n, 1)
		bi, err := newBleveSkillsIndex(filepath.Join(b.TempDir(), "idx"), vs)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("bleve-baseline/n=%d", n), func(b *testing.B) {
			timeSearches(b, func(i int) error {
				_, err := bi.Search(bleveSkillsNear(profiles[i%len(profiles)]))
				return err
			})
		})
		bi.Close()
	}
}

// matchVacancies runs sub-benchmark name: profile → top 20 of vs.
func matchVacancies(b *testing.B, name string, tx *taxonomy.Taxonomy, vs []*sn.Vacancy, profiles []*sn.Profile) {
	ctx := context.Background()
	m, err := matcher.New(ctx, matcher.DefaultConfig(), tx, openVacancies(vs))
	if err != nil {
		b.Fatal(err)
	}
	b.Run(name, func(b *testing.B) {
		exhaustive, scored, reached := 0, 0, 0
		timeSearches(b, func(i int) error {
			res, err := m.Vacancies(ctx, matcher.Query{Record: profiles[i%len(profiles)], Size: 20})
			if err == nil {
				scored += res.Candidates
				reached += res.Reached
				if res.Exhaustive {
					exhaustive++
				}
			}
			return err
		})
		b.ReportMetric(float64(exhaustive)/float64(b.N), "exhaustive/op")
		b.ReportMetric(float64(scored)/float64(b.N), "scored/op")
		b.ReportMetric(float64(reached)/float64(b.N), "reached/op")
	})
}

// BenchmarkMatchProfiles ranks the top 20 profiles for a vacancy over n
// profiles; the baseline is a Bleve-only ranking of the same profiles in
// the same run: a disjunction of the vacancy's skills among the profiles
// living within the largest travel limit (30 km) of it.
func BenchmarkMatchProfiles(b *testing.B) {
	ctx := context.Background()
	tx, err := starter.Load(taxonomy.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	vs := SyntheticVacancies(200, 9)
	for _, n := range matcherSizes() {
		recs := memRecords{}
		ps := SyntheticProfiles(tx, n, 5)
		for _, p := range ps {
			recs[sn.KindProfile] = append(recs[sn.KindProfile], p)
		}
		m, err := matcher.New(ctx, matcher.DefaultConfig(), tx, recs)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("skillsnav/n=%d", n), func(b *testing.B) {
			scored, reached := 0, 0
			timeSearches(b, func(i int) error {
				v := vs[i%len(vs)]
				v.Expires = time.Time{}
				res, err := m.Profiles(ctx, matcher.Query{Record: v, Size: 20})
				if err == nil {
					scored += res.Candidates
					reached += res.Reached
				}
				return err
			})
			b.ReportMetric(float64(scored)/float64(b.N), "scored/op")
			b.ReportMetric(float64(reached)/float64(b.N), "reached/op")
		})
		if n > baselineMax {
			continue
		}
		bi, err := newBleveProfilesIndex(filepath.Join(b.TempDir(), "idx"), ps)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("bleve-baseline/n=%d", n), func(b *testing.B) {
			timeSearches(b, func(i int) error {
				_, err := bi.Search(bleveProfilesNear(vs[i%len(vs)], syntheticTravelKm))
				return err
			})
		})
		bi.Close()
	}
}

// BenchmarkSimilarityBuild builds the skill-similarity model from full
// ESCO (target: under 30 s and 500 MB) and from the starter taxonomy,
// reporting the heap in use after the build.
func BenchmarkSimilarityBuild(b *testing.B) {
	ctx := context.Background()
	st, err := starter.Load(taxonomy.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		tx   func(testing.TB) *taxonomy.Taxonomy
	}{{"starter", func(testing.TB) *taxonomy.Taxonomy { return st }}, {"esco", loadESCO}} {
		b.Run(c.name, func(b *testing.B) {
			tx := c.tx(b)
			var peak uint64
			for b.Loop() {
				sim, err := matcher.NewSimilarity(ctx, tx, matcher.DefaultSimilarityConfig())
				if err != nil {
					b.Fatal(err)
				}
				peak = max(peak, heapInUse())
				_ = sim
			}
			b.ReportMetric(float64(peak)/(1<<20), "heap-MB")
		})
	}
}

func heapInUse() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}
