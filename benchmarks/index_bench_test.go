package benchmarks

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/index"
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
				mustIndexAll(b, bi, len(vs), func(i int) (string, any) { return vs[i].ID, vs[i] })
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
		mustIndexAll(b, bi, len(vs), func(i int) (string, any) {
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

// mustIndexAll is bleveIndexAll failing b on error.
func mustIndexAll(b testing.TB, bi bleve.Index, n int, doc func(i int) (string, any)) {
	if err := bleveIndexAll(bi, n, doc); err != nil {
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
