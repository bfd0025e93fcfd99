package httpapi

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	sn "github.com/skillsnavigator/skillsnav"
)

// latencyBuckets are the upper bounds, in seconds, of the latency
// histograms.
var latencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

type histogram struct {
	counts []uint64 // per bucket, then +Inf
	sum    float64
	n      uint64
}

func (h *histogram) observe(sec float64) {
	if h.counts == nil {
		h.counts = make([]uint64, len(latencyBuckets)+1)
	}
	i, _ := slices.BinarySearch(latencyBuckets, sec)
	h.counts[i]++
	h.sum += sec
	h.n++
}

type reqKey struct {
	route, method string
	status        int
}

// metrics counts requests and latencies per route, and match latencies
// per question, for /metrics in the Prometheus text format.
type metrics struct {
	mu       sync.Mutex
	requests map[reqKey]uint64
	latency  map[string]*histogram // by route
	match    map[string]*histogram // by question
}

func newMetrics() *metrics {
	return &metrics{requests: map[reqKey]uint64{}, latency: map[string]*histogram{}, match: map[string]*histogram{}}
}

func (m *metrics) request(route, method string, status int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[reqKey{route, method, status}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{}
		m.latency[route] = h
	}
	h.observe(d.Seconds())
}

func (m *metrics) matched(question string, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	h := m.match[question]
	if h == nil {
		h = &histogram{}
		m.match[question] = h
	}
	h.observe(d.Seconds())
}

func writeHistogram(w io.Writer, name, label, value string, h *histogram) {
	var cum uint64
	for i, le := range latencyBuckets {
		cum += h.counts[i]
		fmt.Fprintf(w, "%s_bucket{%s=%q,le=%q} %d\n", name, label, value, strconv.FormatFloat(le, 'g', -1, 64), cum)
	}
	fmt.Fprintf(w, "%s_bucket{%s=%q,le=\"+Inf\"} %d\n", name, label, value, h.n)
	fmt.Fprintf(w, "%s_sum{%s=%q} %g\n%s_count{%s=%q} %d\n", name, label, value, h.sum, name, label, value, h.n)
}

// serveMetrics writes every metric in the Prometheus text format 0.0.4.
func (s *server) serveMetrics(c *gin.Context) {
	c.Header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w := c.Writer
	m := s.metrics
	m.mu.Lock()
	fmt.Fprintln(w, "# HELP skillsnav_http_requests_total HTTP requests by route, method and status.")
	fmt.Fprintln(w, "# TYPE skillsnav_http_requests_total counter")
	keys := slices.SortedFunc(maps.Keys(m.requests), func(a, b reqKey) int {
		if a.route != b.route {
			return strings.Compare(a.route, b.route)
		}
		if a.method != b.method {
			return strings.Compare(a.method, b.method)
		}
		return a.status - b.status
	})
	for _, k := range keys {
		fmt.Fprintf(w, "skillsnav_http_requests_total{route=%q,method=%q,status=\"%d\"} %d\n", k.route, k.method, k.status, m.requests[k])
	}
	fmt.Fprintln(w, "# HELP skillsnav_http_request_duration_seconds HTTP request latency by route.")
	fmt.Fprintln(w, "# TYPE skillsnav_http_request_duration_seconds histogram")
	for _, r := range slices.Sorted(maps.Keys(m.latency)) {
		writeHistogram(w, "skillsnav_http_request_duration_seconds", "route", r, m.latency[r])
	}
	fmt.Fprintln(w, "# HELP skillsnav_match_duration_seconds Time the matcher took per question.")
	fmt.Fprintln(w, "# TYPE skillsnav_match_duration_seconds histogram")
	for _, q := range slices.Sorted(maps.Keys(m.match)) {
		writeHistogram(w, "skillsnav_match_duration_seconds", "question", q, m.match[q])
	}
	m.mu.Unlock()
	if s.b.Index != nil {
		fmt.Fprintln(w, "# HELP skillsnav_records Stored records by kind.")
		fmt.Fprintln(w, "# TYPE skillsnav_records gauge")
		for _, k := range sn.Kinds {
			if n, err := s.b.Index.Count(k); err == nil {
				fmt.Fprintf(w, "skillsnav_records{kind=%q} %d\n", k, n)
			}
		}
	}
	fmt.Fprintln(w, "# HELP skillsnav_taxonomy_concepts Concepts in the taxonomy.")
	fmt.Fprintln(w, "# TYPE skillsnav_taxonomy_concepts gauge")
	fmt.Fprintf(w, "skillsnav_taxonomy_concepts %d\n", s.b.Taxonomy.Len())
}
