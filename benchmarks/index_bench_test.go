package benchmarks

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// Store and index benchmarks. Sizes: 10k always; 100k with
// SKILLSNAV_BENCH_LARGE=1 (the figures of the store issue). The 1M run is
// TestMillionVacancies, opt-in with SKILLSNAV_BENCH_1M=1.

func benchSizes() []int {
	if os.Getenv("SKILLSNAV_BENCH_LARGE") != "" {
		return []int{10_000, 100_000}
	}
	return []int{10_000}
}

// hubs are the centres synthetic vacancies are spread around.
var hubs = []struct{ lat, lon float64 }{{51.05, 3.72}, {51.22, 4.40}, {51.33, 3.83}, {51.92, 4.48}}

// SyntheticVacancies returns n vacancies with given skills and occupation,
// titles and descriptions built from the starter taxonomy's Dutch labels,
// and points within about 25 km of the four hubs. Deterministic per seed.
func SyntheticVacancies(n int, seed uint64) []*sn.Vacancy {
	tx, err := starter.Load(taxonomy.DefaultConfig())
	if err != nil {
		panic(err)
	}
	type occ struct {
		id, title string
		ess, opt  []string
		labels    []string
	}
	var occs []occ
	for c := range tx.All(taxonomy.KindOccupation) {
		o := occ{id: c.ID}
		o.title, _ = c.Name("nl")
		for s, rel := range tx.Skills(c) {
			name, _ := s.Name("nl")
			o.labels = append(o.labels, name)
			if rel == taxonomy.Essential {
				o.ess = append(o.ess, s.ID)
			} else {
				o.opt = append(o.opt, s.ID)
			}
		}
		if len(o.ess) > 0 {
			occs = append(occs, o)
		}
	}
	r := rand.New(rand.NewPCG(seed, 7))
	base := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	out := make([]*sn.Vacancy, n)
	for i := range out {
		o := occs[r.IntN(len(occs))]
		h := hubs[r.IntN(len(hubs))]
		v := &sn.Vacancy{
			ID: "v" + strconv.Itoa(i), Title: o.title, Lang: "nl",
			Description: "Wij zoeken een " + o.title + ". Je taken: " + strings.Join(o.labels[:min(4, len(o.labels))], ", ") + ". Voltijds, vast contract, ploegensysteem mogelijk.",
			Location:    sn.Location{Lat: h.lat + (r.Float64()-0.5)*0.4, Lon: h.lon + (r.Float64()-0.5)*0.6},
			Sector:      sn.Sectors[r.IntN(len(sn.Sectors))], Contract: sn.Contracts[r.IntN(4)],
			Education: 1 + r.IntN(6), Occupation: o.id,
			Posted: base.AddDate(0, 0, -r.IntN(60)), Expires: base.AddDate(0, 2, r.IntN(60)),
		}
		for _, s := range o.ess[:min(len(o.ess), 6)] {
			v.Skills = append(v.Skills, sn.SkillReq{ConceptID: s, Essential: true})
		}
		for _, s := range o.opt[:min(len(o.opt), 2)] {
			v.Skills = append(v.Skills, sn.SkillReq{ConceptID: s})
		}
		out[i] = v
	}
	return out
}

func jsonl(vs []*sn.Vacancy) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, v := range vs {
		if err := enc.Encode(v); err != nil {
			panic(err)
		}
	}
	return b.Bytes()
}

func openDisk(b testing.TB, dir string) *index.Index {
	cfg := index.DefaultConfig()
	cfg.Dir = dir
	ix, err := index.Open(context.Background(), cfg)
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

// BenchmarkImport measures a durable, searchable bulk import of vacancies
// with given skills from JSON Lines, end to end, and plain Bleve batch
// indexing of the same records (default mapping, batches of 1000, its
// default safe batches) in the same run as the baseline.
func BenchmarkImport(b *testing.B) {
	for _, n := range benchSizes() {
		vs := SyntheticVacancies(n, 1)
		data := jsonl(vs)
		b.Run(fmt.Sprintf("skillsnav/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				dir := b.TempDir()
				ix := openDisk(b, dir)
				rep, err := ix.Import(context.Background(), sn.KindVacancy, bytes.NewReader(data), index.ImportOptions{})
				if err != nil || rep.Failed > 0 {
					b.Fatal(err, rep.Errors)
				}
				if err := ix.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
		b.Run(fmt.Sprintf("bleve-baseline/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				dir := b.TempDir()
				bi, err := bleve.New(dir+"/b", bleve.NewIndexMapping())
				if err != nil {
					b.Fatal(err)
				}
				bleveIndexAll(b, bi, len(vs), func(i int) (string, any) { return vs[i].ID, vs[i] })
				if err := bi.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// BenchmarkSearchNear measures a search with a 25 km distance filter (and
// the default expiry filter) plus a text query, over n vacancies,
// reporting p50 and p99. The baseline is the same query in plain Bleve
// over the same records with its default mapping.
func BenchmarkSearchNear(b *testing.B) {
	ctx := context.Background()
	queries := []string{"heftruckchauffeur", "lasser", "magazijn", "verpleegkundige", "procesoperator", "chauffeur", "onderhoudstechnicus", "kok"}
	for _, n := range benchSizes() {
		vs := SyntheticVacancies(n, 1)
		dir := b.TempDir()
		ix := openDisk(b, dir)
		if _, err := ix.Import(ctx, sn.KindVacancy, bytes.NewReader(jsonl(vs)), index.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		settle(b, ix)
		at := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
		b.Run(fmt.Sprintf("skillsnav/n=%d", n), func(b *testing.B) {
			timeSearches(b, func(i int) error {
				h := hubs[i%len(hubs)]
				_, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Text: queries[i%len(queries)], At: at,
					Near: &index.Near{Lat: h.lat, Lon: h.lon, RadiusKm: 25}})
				return err
			})
		})
		b.Run(fmt.Sprintf("skillsnav-filter-only/n=%d", n), func(b *testing.B) {
			timeSearches(b, func(i int) error {
				h := hubs[i%len(hubs)]
				_, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, At: at, Sectors: []string{"logistics", "port"},
					Near: &index.Near{Lat: h.lat, Lon: h.lon, RadiusKm: 25}, Facets: []string{"sector"}})
				return err
			})
		})
		ix.Close()
		// Baseline: plain Bleve, default mapping plus a geopoint field.
		bm := bleve.NewIndexMapping()
		bm.DefaultMapping.AddFieldMappingsAt("geo", bleve.NewGeoPointFieldMapping())
		bi, err := bleve.New(b.TempDir()+"/b", bm)
		if err != nil {
			b.Fatal(err)
		}
		bleveIndexAll(b, bi, len(vs), func(i int) (string, any) {
			v := vs[i]
			return v.ID, map[string]any{"title": v.Title, "description": v.Description,
				"geo": map[string]float64{"lat": v.Location.Lat, "lon": v.Location.Lon}}
		})
		b.Run(fmt.Sprintf("bleve-baseline/n=%d", n), func(b *testing.B) {
			timeSearches(b, func(i int) error {
				h := hubs[i%len(hubs)]
				mq := bleve.NewMatchQuery(queries[i%len(queries)])
				gq := bleve.NewGeoDistanceQuery(h.lon, h.lat, "25km")
				gq.SetField("geo")
				_, err := bi.Search(bleve.NewSearchRequest(bleve.NewConjunctionQuery(mq, gq)))
				return err
			})
		})
		bi.Close()
	}
}

// bleveIndexAll indexes n documents into bi in batches of 1,000; doc(i)
// returns the ID and body of document i.
func bleveIndexAll(b testing.TB, bi bleve.Index, n int, doc func(i int) (string, any)) {
	batch := bi.NewBatch()
	for i := range n {
		id, body := doc(i)
		if err := batch.Index(id, body); err != nil {
			b.Fatal(err)
		}
		if batch.Size() == 1000 {
			if err := bi.Batch(batch); err != nil {
				b.Fatal(err)
			}
			batch.Reset()
		}
	}
	if err := bi.Batch(batch); err != nil {
		b.Fatal(err)
	}
}

// timeSearches runs search(i) for i = 0, 1, … in the benchmark loop and
// reports latency percentiles.
func timeSearches(b *testing.B, search func(i int) error) {
	var lat []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		if err := search(i); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		i++
	}
	reportPercentiles(b, lat)
}

// settle waits until the background segment merges after an import are
// over (the segment count is stable for a second), so that searches are
// measured on a settled index, as in production.
func settle(b testing.TB, ix *index.Index) {
	last, stable := uint64(0), 0
	for stable < 10 {
		time.Sleep(100 * time.Millisecond)
		st, err := ix.Stats()
		if err != nil {
			b.Fatal(err)
		}
		if st[0].Segments == last {
			stable++
		} else {
			last, stable = st[0].Segments, 0
		}
	}
}

// peakRSS returns the process's peak resident set size in bytes.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// TestMillionVacancies imports 1,000,000 vacancies in batches from a
// stream, searches them, and reports time and peak RSS (target: under
// 4 GB). Opt-in: SKILLSNAV_BENCH_1M=1 (it takes minutes).
func TestMillionVacancies(t *testing.T) {
	if os.Getenv("SKILLSNAV_BENCH_1M") == "" {
		t.Skip("set SKILLSNAV_BENCH_1M=1 to import 1,000,000 vacancies (minutes)")
	}
	const n = 1_000_000
	ctx := context.Background()
	dir := t.TempDir()
	ix := openDisk(t, dir)
	pr, pw := io.Pipe()
	go func() {
		for off := 0; off < n; off += 50_000 {
			vs := SyntheticVacancies(50_000, uint64(off))
			for _, v := range vs {
				v.ID = "v" + strconv.Itoa(off) + "-" + v.ID
			}
			pw.Write(jsonl(vs))
		}
		pw.Close()
	}()
	start := time.Now()
	rep, err := ix.Import(ctx, sn.KindVacancy, pr, index.ImportOptions{Progress: func(p index.ImportProgress) {
		if p.Imported%100_000 == 0 {
			t.Logf("%d imported, %.0f/s, peak RSS %d MB", p.Imported, float64(p.Imported)/time.Since(start).Seconds(), peakRSS()>>20)
		}
	}})
	if err != nil || rep.Failed > 0 {
		t.Fatal(err, rep.Failed)
	}
	took := time.Since(start)
	r, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Text: "heftruckchauffeur", At: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC),
		Near: &index.Near{Place: "Gent", RadiusKm: 25}})
	if err != nil {
		t.Fatal(err)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("1M vacancies: import %v (%.0f/s), search hits %d, peak RSS %d MB, heap %d MB", took.Round(time.Second),
		float64(n)/took.Seconds(), r.Total, peakRSS()>>20, ms.HeapInuse>>20)
	if rss := peakRSS(); rss > 4<<30 {
		t.Errorf("peak RSS %d MB is over 4 GB", rss>>20)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
}
