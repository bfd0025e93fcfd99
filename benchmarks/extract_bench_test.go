package benchmarks

import (
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

var (
	exOnce sync.Once
	exESCO *extract.Extractor
	exHeap float64
)

// escoExtractor builds the extractor over full ESCO once, measuring the
// heap its structures add (the lexical dictionaries and the occupation
// trigram index).
func escoExtractor(b *testing.B) *extract.Extractor {
	tx := loadESCO(b)
	exOnce.Do(func() {
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		ex, err := extract.New(tx, extract.DefaultConfig())
		if err != nil {
			b.Fatal(err)
		}
		ex.NormalizeTitle(extract.TitleQuery{Title: "lasser"}) // builds the trigram index
		runtime.GC()
		runtime.ReadMemStats(&m1)
		exESCO, exHeap = ex, float64(m1.HeapAlloc-m0.HeapAlloc)/(1<<20)
	})
	return exESCO
}

// vacancyOfWords returns a Dutch vacancy of about n words.
func vacancyOfWords(n int) string { return textOfWords(n) }

// BenchmarkExtract measures extraction with the full ESCO taxonomy on Dutch
// vacancy text at several sizes (targets: at least 2 MB/s on one core; a
// 400-word vacancy under 2 ms). The baseline in the same run is the Dutch
// analysis chain alone on the same text: the part of the work that any
// indexer does anyway.
func BenchmarkExtract(b *testing.B) {
	ex := escoExtractor(b)
	chain := ex.Taxonomy().Chain("nl")
	for _, n := range []int{50, 400, 4000} {
		text := vacancyOfWords(n)
		b.Run(sizeName(n)+"/extract", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				ex.Extract(text, "nl")
			}
			b.ReportMetric(exHeap, "structures-MB")
		})
		b.Run(sizeName(n)+"/chain-only", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				chain.Analyze(text)
			}
		})
	}
}

var benchTitles = []string{
	"Heftruckchauffeur (m/v/x) – ploegensysteem", "magazijnier", "Medewerkster logistiek",
	"Poetsvrouw", "Lasser-monteur MIG/MAG", "Verpleegkundige A2", "Cariste H/F - CDI",
	"Gabelstaplerfahrer (m/w/d)", "warehouse operative", "Onderhoudstechnicus elektromechanica",
	"Procesoperator chemie - 5 ploegen", "Vrachtwagenchauffeur CE internationaal",
}

// BenchmarkNormalizeTitle measures title normalisation with the full ESCO
// taxonomy (target: at least 5,000 titles/s on one core); the baseline in
// the same run is a single lookup of the cleaned title.
func BenchmarkNormalizeTitle(b *testing.B) {
	ex := escoExtractor(b)
	tx := ex.Taxonomy()
	run := func(b *testing.B, f func(string)) {
		i := 0
		start := time.Now()
		for b.Loop() {
			f(benchTitles[i%len(benchTitles)])
			i++
		}
		b.ReportMetric(float64(i)/time.Since(start).Seconds(), "titles/s")
	}
	b.Run("normalize", func(b *testing.B) {
		run(b, func(t string) { ex.NormalizeTitle(extract.TitleQuery{Title: t, Limit: 10}) })
	})
	b.Run("lookup-only", func(b *testing.B) {
		run(b, func(t string) {
			tx.Lookup(taxonomy.Query{Text: strings.TrimSpace(t), Kinds: []taxonomy.Kind{taxonomy.KindOccupation}})
		})
	})
}
