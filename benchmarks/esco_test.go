package benchmarks

import (
	"context"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/esco"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// escoDir returns SKILLSNAV_ESCO_DIR or skips.
func escoDir(tb testing.TB) string {
	dir := os.Getenv("SKILLSNAV_ESCO_DIR")
	if dir == "" {
		tb.Skip("SKILLSNAV_ESCO_DIR is not set: skipping the ESCO benchmark (set it to the ESCO extract folder, e.g. ../shared/data/esco)")
	}
	return dir
}

var (
	escoOnce sync.Once
	escoTax  *taxonomy.Taxonomy
	escoErr  error
)

func loadESCO(tb testing.TB) *taxonomy.Taxonomy {
	dir := escoDir(tb)
	escoOnce.Do(func() { escoTax, escoErr = esco.Load(context.Background(), dir, taxonomy.DefaultConfig()) })
	if escoErr != nil {
		tb.Fatal(escoErr)
	}
	return escoTax
}

// BenchmarkTaxonomyLoad measures loading the full ESCO extract (4
// languages, 124k relations) with the lookup index, and the heap it keeps.
// The starter taxonomy is the baseline in the same run.
func BenchmarkTaxonomyLoad(b *testing.B) {
	b.Run("starter", func(b *testing.B) {
		for b.Loop() {
			if _, err := starter.Load(taxonomy.DefaultConfig()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("esco-read-only", func(b *testing.B) {
		// Baseline: parse the CSV files into a builder, without analysing
		// labels or building the lookup index.
		dir := escoDir(b)
		for b.Loop() {
			if _, err := esco.Read(context.Background(), dir); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("esco", func(b *testing.B) {
		dir := escoDir(b)
		// Warm up (file cache, heap growth) and measure the heap the
		// taxonomy keeps, outside the timed loop.
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		tx, err := esco.Load(context.Background(), dir, taxonomy.DefaultConfig())
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&m1)
		runtime.KeepAlive(tx)
		tx = nil
		for b.Loop() {
			if _, err := esco.Load(context.Background(), dir, taxonomy.DefaultConfig()); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(m1.HeapAlloc-m0.HeapAlloc)/(1<<20), "heap-MB")
	})
}

// lookupQueries are real queries in the four languages: exact labels,
// inflections, compounds, typos and cross-language names.
var lookupQueries = []taxonomy.Query{
	{Text: "heftruckchauffeur", Lang: "nl"},
	{Text: "chauffeur van een heftruck", Lang: "nl"},
	{Text: "heftruk", Lang: "nl"},
	{Text: "vorklift", Lang: "nl"},
	{Text: "magazijnier", Lang: "nl"},
	{Text: "Medewerkster logistiek", Lang: "nl"},
	{Text: "verpleegster", Lang: "nl"},
	{Text: "lassen", Lang: "nl"},
	{Text: "klantvriendelijkheid", Lang: "nl"},
	{Text: "Python", Lang: "nl"},
	{Text: "SAP", Lang: "nl"},
	{Text: "cariste", Lang: "fr"},
	{Text: "soudeur", Lang: "fr"},
	{Text: "forklift driver", Lang: "en"},
	{Text: "manage a team", Lang: "en"},
	{Text: "Gabelstaplerfahrerin", Lang: "de"},
	{Text: "elektricien", Lang: "any"},
}

var prefixQueries = []taxonomy.Query{
	{Text: "heftr", Lang: "nl", Prefix: true},
	{Text: "mag", Lang: "nl", Prefix: true},
	{Text: "verpleegk", Lang: "nl", Prefix: true},
	{Text: "las", Lang: "nl", Prefix: true},
	{Text: "logistiek med", Lang: "nl", Prefix: true},
	{Text: "sou", Lang: "fr", Prefix: true},
	{Text: "progr", Lang: "en", Prefix: true},
	{Text: "k", Lang: "nl", Prefix: true},
}

// benchLookups runs the queries round-robin and reports latency
// percentiles per query.
func benchLookups(b *testing.B, tx *taxonomy.Taxonomy, qs []taxonomy.Query) {
	for _, q := range qs { // warm the pools
		tx.Lookup(q)
	}
	var lat []time.Duration
	i := 0
	for b.Loop() {
		q := qs[i%len(qs)]
		i++
		t0 := time.Now()
		tx.Lookup(q)
		lat = append(lat, time.Since(t0))
	}
	reportPercentiles(b, lat)
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds())
	}
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}

// BenchmarkLookup measures concept lookup on full ESCO (target: p99 under
// 1 ms) and on the starter taxonomy. The baseline is a linear scan for the
// folded query inside every folded label of ESCO, which finds only
// substrings (no stemming, compounds, typos or ranking).
func BenchmarkLookup(b *testing.B) {
	st, err := starter.Load(taxonomy.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	b.Run("starter", func(b *testing.B) { benchLookups(b, st, lookupQueries) })
	b.Run("esco", func(b *testing.B) { benchLookups(b, loadESCO(b), lookupQueries) })
	b.Run("esco-linear-scan", func(b *testing.B) {
		tx := loadESCO(b)
		var labels []string
		for c := range tx.All(0) {
			for _, l := range c.Labels {
				labels = append(labels, analysis.Normalize(l.Text))
			}
		}
		var lat []time.Duration
		i := 0
		for b.Loop() {
			q := analysis.Normalize(lookupQueries[i%len(lookupQueries)].Text)
			i++
			t0 := time.Now()
			n := 0
			for _, l := range labels {
				if strings.Contains(l, q) {
					n++
				}
			}
			lat = append(lat, time.Since(t0))
			runtime.KeepAlive(n)
		}
		reportPercentiles(b, lat)
	})
}

// BenchmarkAutocomplete measures prefix lookup (target: p99 under 2 ms on
// full ESCO).
func BenchmarkAutocomplete(b *testing.B) {
	st, err := starter.Load(taxonomy.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	b.Run("starter", func(b *testing.B) { benchLookups(b, st, prefixQueries) })
	b.Run("esco", func(b *testing.B) { benchLookups(b, loadESCO(b), prefixQueries) })
}
