package benchmarks

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/demo"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/httpapi"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/matcher"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/esco"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// start does what `skillsnav serve` does before it listens: load the
// taxonomy, open the index in dir (or load the demo data in memory when
// dir is empty), build the matcher and the handler.
func start(ctx context.Context, tb testing.TB, load func() (*taxonomy.Taxonomy, error), dir string) (*index.Index, time.Duration) {
	t0 := time.Now()
	tx, err := load()
	if err != nil {
		tb.Fatal(err)
	}
	ex, err := extract.New(tx, extract.DefaultConfig())
	if err != nil {
		tb.Fatal(err)
	}
	icfg := index.DefaultConfig()
	icfg.Dir, icfg.Extractor, icfg.Logger = dir, ex, slog.New(slog.DiscardHandler)
	ix, err := index.Open(ctx, icfg)
	if err != nil {
		tb.Fatal(err)
	}
	mcfg := matcher.DefaultConfig()
	if dir == "" {
		if _, err := demo.Load(ctx, ix, time.Now()); err != nil {
			tb.Fatal(err)
		}
	} else {
		mcfg.Similarity.CacheDir = filepath.Join(dir, "cache")
	}
	m, err := matcher.New(ctx, mcfg, tx, ix)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := httpapi.New(httpapi.DefaultConfig(), httpapi.Backend{Taxonomy: tx, Extractor: ex, Index: ix, Matcher: m}); err != nil {
		tb.Fatal(err)
	}
	return ix, time.Since(t0)
}

// escoVacancies returns n vacancies of random ESCO occupations with their
// essential skills (up to 8) and two optional ones, near the hubs.
func escoVacancies(tx *taxonomy.Taxonomy, n int, seed uint64) []byte {
	type occ struct {
		id, title string
		skills    []sn.SkillReq
	}
	var occs []occ
	for c := range tx.All(taxonomy.KindOccupation) {
		o := occ{id: c.ID}
		o.title, _ = c.Name("nl")
		opt := 0
		for s, rel := range tx.Skills(c) {
			switch {
			case rel == taxonomy.Essential && len(o.skills) < 8:
				o.skills = append(o.skills, sn.SkillReq{ConceptID: s.ID, Essential: true})
			case rel != taxonomy.Essential && opt < 2:
				o.skills = append(o.skills, sn.SkillReq{ConceptID: s.ID})
				opt++
			}
		}
		if len(o.skills) > 0 {
			occs = append(occs, o)
		}
	}
	r := rand.New(rand.NewPCG(seed, 11))
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for i := range n {
		o := occs[r.IntN(len(occs))]
		h := hubs[r.IntN(len(hubs))]
		v := sn.Vacancy{ID: "e" + strconv.Itoa(i), Title: o.title, Lang: "nl", Occupation: o.id, Skills: o.skills,
			Location: sn.Location{Lat: h.lat + (r.Float64()-0.5)*0.4, Lon: h.lon + (r.Float64()-0.5)*0.6}}
		if err := enc.Encode(&v); err != nil {
			panic(err)
		}
	}
	return b.Bytes()
}

// BenchmarkServeStart measures what the server does before it listens:
// with the starter taxonomy and the demo data in memory (target under
// 1 s), and with full ESCO and 100,000 stored vacancies on disk, the
// similarity model cached by an earlier start (target under 10 s; needs
// SKILLSNAV_ESCO_DIR and SKILLSNAV_BENCH_LARGE). Loading the taxonomy
// alone is the baseline in the same run.
func BenchmarkServeStart(b *testing.B) {
	ctx := context.Background()
	b.Run("starter-demo", func(b *testing.B) {
		for b.Loop() {
			ix, d := start(ctx, b, func() (*taxonomy.Taxonomy, error) { return starter.Load(taxonomy.DefaultConfig()) }, "")
			ix.Close()
			b.ReportMetric(d.Seconds(), "start-s")
		}
	})
	if os.Getenv("SKILLSNAV_BENCH_LARGE") == "" {
		return
	}
	dir := escoDir(b)
	loadTx := func() (*taxonomy.Taxonomy, error) { return esco.Load(ctx, dir, taxonomy.DefaultConfig()) }
	data := b.TempDir()
	ix, _ := start(ctx, b, loadTx, data) // builds and caches the similarity model
	tx := loadESCO(b)
	if _, err := ix.Import(ctx, sn.KindVacancy, bytes.NewReader(escoVacancies(tx, 100_000, 1)), index.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	ix.Close()
	b.Run("esco-taxonomy-only", func(b *testing.B) {
		for b.Loop() {
			if _, err := loadTx(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("esco-100k", func(b *testing.B) {
		for b.Loop() {
			ix, d := start(ctx, b, loadTx, data)
			if n, _ := ix.Count(sn.KindVacancy); n != 100_000 {
				b.Fatalf("%d vacancies after start, want 100,000", n)
			}
			ix.Close()
			b.ReportMetric(d.Seconds(), "start-s")
		}
	})
}
