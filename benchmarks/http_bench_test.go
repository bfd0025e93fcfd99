package benchmarks

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/httpapi"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/matcher"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// BenchmarkHTTPMatch drives POST /v1/match/vacancies with inline profiles
// over loopback, from 8 concurrent clients, against n vacancies, while a
// writer adds a vacancy every 10 ms (100 records/s) through the store.
// It reports requests per second, p50 and p99, and fails on any error.
// The baseline in the same run is GET /healthz, the cost of the HTTP
// stack alone.
func BenchmarkHTTPMatch(b *testing.B) {
	ctx := context.Background()
	tx, err := starter.Load(taxonomy.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	ex, err := extract.New(tx, extract.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	var bodies [][]byte
	for _, p := range SyntheticProfiles(tx, 200, 5) {
		body, err := json.Marshal(map[string]any{"profile": p, "size": 20})
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, body)
	}
	for _, n := range matcherSizes() {
		if n > baselineMax {
			continue
		}
		icfg := index.DefaultConfig()
		icfg.Extractor = ex
		icfg.Dir = b.TempDir() // on disk, as served
		ix, err := index.Open(ctx, icfg)
		if err != nil {
			b.Fatal(err)
		}
		vs := SyntheticVacancies(n, 1)
		for _, v := range vs {
			v.Expires = time.Time{}
		}
		if _, err := ix.Import(ctx, sn.KindVacancy, bytes.NewReader(jsonl(vs)), index.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		m, err := matcher.New(ctx, matcher.DefaultConfig(), tx, ix)
		if err != nil {
			b.Fatal(err)
		}
		cfg := httpapi.DefaultConfig()
		cfg.RateLimit, cfg.KeyRateLimit = 0, 0
		h, err := httpapi.New(cfg, httpapi.Backend{Taxonomy: tx, Extractor: ex, Index: ix, Matcher: m})
		if err != nil {
			b.Fatal(err)
		}
		srv := httptest.NewServer(h)
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
		load := func(b *testing.B, method, path string, body func(i int) []byte) {
			var mu sync.Mutex
			var lat []time.Duration
			var next, failed atomic.Int64
			stop := make(chan struct{})
			var wg sync.WaitGroup
			wg.Add(1)
			go func() { // 100 writes per second
				defer wg.Done()
				tick := time.NewTicker(10 * time.Millisecond)
				defer tick.Stop()
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					case <-tick.C:
					}
					v := *vs[i%len(vs)]
					v.ID = "w" + strconv.Itoa(i)
					if err := ix.Put(ctx, &v); err != nil {
						failed.Add(1)
					}
				}
			}()
			b.SetParallelism(4) // 8 clients on 2 cores
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				var mine []time.Duration
				for pb.Next() {
					i := int(next.Add(1))
					var rd io.Reader
					if body != nil {
						rd = bytes.NewReader(body(i))
					}
					req, _ := http.NewRequest(method, srv.URL+path, rd)
					t0 := time.Now()
					resp, err := client.Do(req)
					if err == nil {
						_, err = io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if resp.StatusCode != http.StatusOK {
							err = fmt.Errorf("status %d", resp.StatusCode)
						}
					}
					mine = append(mine, time.Since(t0))
					if err != nil {
						failed.Add(1)
					}
				}
				mu.Lock()
				lat = append(lat, mine...)
				mu.Unlock()
			})
			elapsed := time.Since(start)
			close(stop)
			wg.Wait()
			if f := failed.Load(); f > 0 {
				b.Fatalf("%d requests or writes failed", f)
			}
			slices.Sort(lat)
			b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
		}
		b.Run(fmt.Sprintf("match-inline/n=%d", n), func(b *testing.B) {
			load(b, http.MethodPost, "/v1/match/vacancies", func(i int) []byte { return bodies[i%len(bodies)] })
		})
		b.Run(fmt.Sprintf("healthz-baseline/n=%d", n), func(b *testing.B) {
			load(b, http.MethodGet, "/healthz", nil)
		})
		srv.Close()
		ix.Close()
	}
}
