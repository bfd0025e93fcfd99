// Package httpapi is skillsnav's HTTP API for web front ends: it hands out
// a plain [http.Handler] (built with Gin, which stays inside this package)
// over the library's types.
//
// Errors are application/problem+json (RFC 9457) with a stable type URI, a
// human-readable detail and, for invalid parameters, the offending fields.
// Routes are versioned under /v1.
//
// The routes are listed in /openapi.json (built from one table that a test
// checks against the routes served) and in the README: health, readiness
// and metrics; the taxonomy; text extraction and title normalisation;
// records (vacancies, profiles, opportunities) with ETag/If-Match and
// bulk import; and every question of the matcher, for a stored record or
// one sent inline.
//
// Security: reading the taxonomy, vacancies and opportunities, text
// analysis and matching an inline profile are public; anything that
// touches stored profiles, and every write, needs an API key with the
// right [Scope]. Requests are rate limited per key or client address.
// Nothing of a request but its route pattern, status and duration is
// logged.
//
// Request bodies are JSON; unknown fields, malformed JSON, wrong types,
// bodies over [Config.MaxBodyBytes] and batches over [Config.MaxBatch] are
// rejected with a problem document.
package httpapi

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/matcher"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// Config configures the handler.
type Config struct {
	// MaxLimit caps the limit parameter of list endpoints. Default 100.
	MaxLimit int
	// Attribution is shown in /v1/taxonomy when the taxonomy needs one
	// (ESCO's licence does). Default empty.
	Attribution string
	// Logger receives one structured line per request, without query
	// strings or bodies (they may hold personal data). Default: discard.
	Logger *slog.Logger
	// MaxBodyBytes bounds request bodies. Default 1 MiB.
	MaxBodyBytes int64
	// MaxImportBytes bounds the body of a bulk import. Default 256 MiB.
	MaxImportBytes int64
	// MaxBatch bounds the titles of one batch request. Default 1000.
	MaxBatch int
	// Keys are the API keys (see [ParseKeys]). Without keys, only the
	// public routes can be used.
	Keys []APIKey
	// CORSOrigins lists the origins browsers may call the API from ("*"
	// for any). Default none.
	CORSOrigins []string
	// RateLimit is the requests per second allowed per client address
	// without a key, KeyRateLimit per key; 0 means no limit. RateBurst is
	// how many may come at once. Defaults 20, 1000 and 100.
	RateLimit, KeyRateLimit float64
	RateBurst               int
	// Timeout bounds the handling of one request (not an import).
	// Default 30 s.
	Timeout time.Duration
}

// DefaultConfig returns the default configuration.
func DefaultConfig() Config {
	return Config{MaxLimit: 100, MaxBodyBytes: 1 << 20, MaxImportBytes: 256 << 20, MaxBatch: 1000,
		RateLimit: 20, KeyRateLimit: 1000, RateBurst: 100, Timeout: 30 * time.Second}
}

// Validate reports whether c is usable.
func (c Config) Validate() error {
	if c.MaxLimit < 1 || c.MaxLimit > 10000 {
		return fmt.Errorf("httpapi: Config.MaxLimit = %d, want 1..10000", c.MaxLimit)
	}
	if c.MaxBodyBytes < 1024 {
		return fmt.Errorf("httpapi: Config.MaxBodyBytes = %d, want at least 1024", c.MaxBodyBytes)
	}
	if c.MaxImportBytes < c.MaxBodyBytes {
		return fmt.Errorf("httpapi: Config.MaxImportBytes = %d, want at least MaxBodyBytes", c.MaxImportBytes)
	}
	if c.MaxBatch < 1 {
		return fmt.Errorf("httpapi: Config.MaxBatch = %d, want at least 1", c.MaxBatch)
	}
	if c.RateLimit < 0 || c.KeyRateLimit < 0 || c.RateBurst < 1 {
		return fmt.Errorf("httpapi: Config rate limits %g and %g per second, burst %d: want limits ≥ 0 and a burst ≥ 1", c.RateLimit, c.KeyRateLimit, c.RateBurst)
	}
	if c.Timeout <= 0 {
		return fmt.Errorf("httpapi: Config.Timeout = %s, want > 0", c.Timeout)
	}
	for i, k := range c.Keys {
		if len(k.Secret) < 16 || k.Name == "" || len(k.Scopes) == 0 {
			return fmt.Errorf("httpapi: Config.Keys[%d] (%q): want a name, a secret of 16 characters or more and a scope", i, k.Name)
		}
	}
	return nil
}

// Backend is what the API serves. Taxonomy and Extractor are required;
// the record routes need Index and the matching routes Matcher (which
// must read Index).
type Backend struct {
	Taxonomy  *taxonomy.Taxonomy
	Extractor *extract.Extractor
	Index     *index.Index
	Matcher   *matcher.Matcher
}

type server struct {
	cfg     Config
	b       Backend
	keys    keyring
	anon    *limiter
	keyed   *limiter
	metrics *metrics
	records *recordCache // the JSON of records in rankings
}

// New returns the API handler over b.
func New(cfg Config, b Backend) (http.Handler, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	tx, ex := b.Taxonomy, b.Extractor
	if tx == nil || ex == nil {
		return nil, errors.New("httpapi: nil taxonomy or extractor")
	}
	if ex.Taxonomy() != tx {
		return nil, errors.New("httpapi: the extractor reads another taxonomy")
	}
	if b.Matcher != nil && b.Index == nil {
		return nil, errors.New("httpapi: a matcher needs the index it reads")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	s := &server{cfg: cfg, b: b, records: &recordCache{}, keys: newKeyring(cfg.Keys),
		anon: newLimiter(cfg.RateLimit, cfg.RateBurst), keyed: newLimiter(cfg.KeyRateLimit, cfg.RateBurst), metrics: newMetrics()}
	r.Use(s.recoverer(), s.observe(), s.cors(), s.timeout())
	r.NoRoute(func(c *gin.Context) {
		problem(c, http.StatusNotFound, "not-found", "Not found", fmt.Sprintf("no route %s %s", c.Request.Method, c.Request.URL.Path), nil)
	})
	r.HandleMethodNotAllowed = true
	r.NoMethod(func(c *gin.Context) {
		problem(c, http.StatusMethodNotAllowed, "method-not-allowed", "Method not allowed", fmt.Sprintf("%s is not allowed on %s", c.Request.Method, c.Request.URL.Path), nil)
	})
	r.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	r.GET("/readyz", s.ready)
	r.GET("/metrics", s.serveMetrics)
	r.GET("/openapi.json", s.openAPI)
	if b.Matcher != nil {
		r.GET("/", demoPage)
	}
	v1 := r.Group("/v1", s.identify())
	v1.GET("/taxonomy", s.stats)
	v1.GET("/taxonomy/search", s.search(false))
	v1.GET("/taxonomy/autocomplete", s.search(true))
	v1.GET("/taxonomy/concept", s.concept)
	v1.GET("/taxonomy/concept/skills", s.occupationSkills)
	v1.GET("/taxonomy/concept/related", s.related)
	v1.POST("/text/extract", s.extractText)
	v1.POST("/text/normalize", s.normalizeTitle)
	v1.POST("/text/normalize/batch", s.normalizeBatch)
	if b.Index != nil {
		s.recordRoutes(v1)
	}
	if b.Matcher != nil {
		s.matchRoutes(v1)
	}
	return r, nil
}

// page is the demo page: one self-contained HTML file, in Dutch by
// default, switchable to French and English.
//
//go:embed web/index.html
var page []byte

func demoPage(c *gin.Context) {
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, "text/html; charset=utf-8", page)
}

// ready reports readiness: the handler exists only once the taxonomy and
// the index are loaded, so it is ready; it says what it holds.
func (s *server) ready(c *gin.Context) {
	out := gin.H{"status": "ready", "concepts": s.b.Taxonomy.Len()}
	if s.b.Index != nil {
		counts := gin.H{}
		for _, k := range sn.Kinds {
			n, err := s.b.Index.Count(k)
			if err != nil {
				problem(c, http.StatusServiceUnavailable, "unavailable", "Not ready", "the index is not available", nil)
				return
			}
			counts[plural[k]] = n
		}
		out["records"] = counts
	}
	c.JSON(http.StatusOK, out)
}

// timeout bounds the request's context, except for bulk imports.
func (s *server) timeout() gin.HandlerFunc {
	return func(c *gin.Context) {
		if strings.HasSuffix(c.Request.URL.Path, "/import") {
			c.Next()
			return
		}
		ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.Timeout)
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
		c.Next()
	}
}

// fieldError names an offending parameter.
type fieldError struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// problem writes an RFC 9457 problem document.
func problem(c *gin.Context, status int, typ, title, detail string, fields []fieldError) {
	body := gin.H{"type": "https://skillsnav.dev/problems/" + typ, "title": title, "status": status, "detail": detail}
	if len(fields) > 0 {
		body["errors"] = fields
	}
	c.Header("Content-Type", "application/problem+json")
	c.AbortWithStatusJSON(status, body)
	// AbortWithStatusJSON sets application/json; restore the problem type.
	c.Writer.Header().Set("Content-Type", "application/problem+json")
}

func (s *server) recoverer() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if v := recover(); v != nil {
				s.cfg.Logger.Error("panic", "route", c.FullPath(), "panic", fmt.Sprint(v))
				problem(c, http.StatusInternalServerError, "internal", "Internal error", "the server failed; the error was logged", nil)
			}
		}()
		c.Next()
	}
}

// observe logs one line per request (the route pattern, never the path
// or query, which may hold IDs and personal data) and counts it in the
// metrics.
func (s *server) observe() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		d := time.Since(start)
		s.metrics.request(route, c.Request.Method, c.Writer.Status(), d)
		s.cfg.Logger.Info("request", "method", c.Request.Method, "route", route, "status", c.Writer.Status(), "duration_ms", float64(d.Microseconds())/1000)
	}
}

func (s *server) stats(c *gin.Context) {
	st := s.b.Taxonomy.Stats()
	c.JSON(http.StatusOK, gin.H{"stats": st, "attribution": s.cfg.Attribution})
}

// params parses lang, kind and limit.
func (s *server) params(c *gin.Context) (analysis.Lang, []taxonomy.Kind, int, []fieldError) {
	var errs []fieldError
	lang := analysis.Any
	if v := c.Query("lang"); v != "" {
		l, err := analysis.ParseLang(v)
		if err != nil {
			errs = append(errs, fieldError{"lang", fmt.Sprintf("unsupported language %q: use nl, en, fr, de or any", v)})
		}
		lang = l
	}
	var kinds []taxonomy.Kind
	if v := c.Query("kind"); v != "" {
		for _, k := range strings.Split(v, ",") {
			kind, err := taxonomy.ParseKind(k)
			if err != nil {
				errs = append(errs, fieldError{"kind", fmt.Sprintf("unknown kind %q: use skill, occupation, skillgroup or iscogroup", k)})
				continue
			}
			kinds = append(kinds, kind)
		}
	}
	limit := 10
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > s.cfg.MaxLimit {
			errs = append(errs, fieldError{"limit", fmt.Sprintf("limit %q must be a whole number from 1 to %d", v, s.cfg.MaxLimit)})
		}
		limit = n
	}
	return lang, kinds, limit, errs
}

// conceptSummary is a concept in a result list.
type conceptSummary struct {
	ID        string `json:"id"`
	Kind      string `json:"kind"`
	Label     string `json:"label"`
	LabelLang string `json:"label_lang"`
}

func summary(c *taxonomy.Concept, lang analysis.Lang) conceptSummary {
	text, l := c.Name(string(lang))
	return conceptSummary{ID: c.ID, Kind: c.Kind.String(), Label: text, LabelLang: l}
}

func (s *server) search(prefix bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		lang, kinds, limit, errs := s.params(c)
		q := strings.TrimSpace(c.Query("q"))
		if q == "" {
			errs = append(errs, fieldError{"q", "q is required: the label or prefix to look for"})
		} else if len(q) > 200 {
			errs = append(errs, fieldError{"q", "q is longer than 200 bytes"})
		}
		if len(errs) > 0 {
			problem(c, http.StatusBadRequest, "invalid-parameters", "Invalid parameters", errs[0].Detail, errs)
			return
		}
		ms := s.b.Taxonomy.Lookup(taxonomy.Query{Text: q, Lang: lang, Kinds: kinds, Limit: limit, Prefix: prefix})
		type result struct {
			conceptSummary
			Score   float64        `json:"score"`
			Matched taxonomy.Label `json:"matched"`
			How     string         `json:"how"`
		}
		out := make([]result, len(ms))
		for i, m := range ms {
			out[i] = result{summary(m.Concept, lang), m.Score, m.Label, m.How.String()}
		}
		c.JSON(http.StatusOK, gin.H{"query": q, "lang": lang, "results": out})
	}
}

// lookupID resolves the id parameter or writes the problem.
func (s *server) lookupID(c *gin.Context) (*taxonomy.Concept, bool) {
	id := c.Query("id")
	if id == "" {
		problem(c, http.StatusBadRequest, "invalid-parameters", "Invalid parameters", "id is required", []fieldError{{"id", "id is required"}})
		return nil, false
	}
	cp, ok := s.b.Taxonomy.Concept(id)
	if !ok {
		problem(c, http.StatusNotFound, "not-found", "Concept not found", fmt.Sprintf("no concept with id %q", id), nil)
		return nil, false
	}
	return cp, true
}

func (s *server) concept(c *gin.Context) {
	cp, ok := s.lookupID(c)
	if !ok {
		return
	}
	var broader []conceptSummary
	lang, _, _, _ := s.params(c)
	for b := range s.b.Taxonomy.Broader(cp) {
		broader = append(broader, summary(b, lang))
	}
	c.JSON(http.StatusOK, gin.H{"concept": cp, "broader": broader})
}

type relatedConcept struct {
	conceptSummary
	Relation string `json:"relation"`
}

func (s *server) occupationSkills(c *gin.Context) {
	cp, ok := s.lookupID(c)
	if !ok {
		return
	}
	if cp.Kind != taxonomy.KindOccupation {
		problem(c, http.StatusBadRequest, "invalid-parameters", "Invalid parameters", fmt.Sprintf("%s is a %s, not an occupation", cp.ID, cp.Kind), []fieldError{{"id", "must name an occupation"}})
		return
	}
	s.relatedList(c, cp, "occupation", "skills", s.b.Taxonomy.Skills(cp))
}

func (s *server) related(c *gin.Context) {
	if cp, ok := s.lookupID(c); ok {
		s.relatedList(c, cp, "concept", "related", s.b.Taxonomy.Related(cp))
	}
}

// relatedList writes a concept and the concepts related to it, labelled in
// the requested language.
func (s *server) relatedList(c *gin.Context, cp *taxonomy.Concept, self, list string, rel iter.Seq2[*taxonomy.Concept, taxonomy.Relation]) {
	lang, _, _, _ := s.params(c)
	out := []relatedConcept{}
	for sk, r := range rel {
		out = append(out, relatedConcept{summary(sk, lang), r.String()})
	}
	c.JSON(http.StatusOK, gin.H{self: summary(cp, lang), list: out})
}
