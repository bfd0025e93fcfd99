package httpapi

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// Scope is a permission an API key grants.
type Scope string

// The scopes. Reading the taxonomy, vacancies and opportunities, text
// analysis and matching a profile sent inline need no key; everything
// that reads stored profiles, and every write, does.
const (
	ScopeProfilesRead  Scope = "profiles:read"  // read profiles, match by profile ID, candidates, regional insight
	ScopeProfilesWrite Scope = "profiles:write" // create, change and delete profiles
	ScopeRecordsWrite  Scope = "records:write"  // create, change and delete vacancies and opportunities
	ScopeAll           Scope = "*"              // every scope
)

var scopes = []Scope{ScopeProfilesRead, ScopeProfilesWrite, ScopeRecordsWrite, ScopeAll}

// APIKey is a named secret with scopes.
type APIKey struct {
	// Name identifies the key in logs and metrics; it is not secret.
	Name   string
	Secret string
	Scopes []Scope
	hash   [32]byte
}

// Allows reports whether k grants scope.
func (k *APIKey) Allows(s Scope) bool {
	return slices.Contains(k.Scopes, s) || slices.Contains(k.Scopes, ScopeAll)
}

// ParseKeys reads API keys, one per line as name:secret:scope[,scope…],
// for example "webteam:3b0f9c2d7e61a4f8:profiles:read,profiles:write"
// (the secret cannot hold a colon). Blank lines and lines starting with #
// are skipped. Secrets must be at least 16 characters and names unique.
// Errors name the line.
func ParseKeys(r io.Reader) ([]APIKey, error) {
	var keys []APIKey
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, rest, ok1 := strings.Cut(line, ":")
		secret, list, ok2 := strings.Cut(rest, ":")
		if !ok1 || !ok2 || name == "" {
			return nil, fmt.Errorf("API keys line %d: want name:secret:scope[,scope…]", n)
		}
		if len(secret) < 16 {
			return nil, fmt.Errorf("API keys line %d (%s): the secret must be at least 16 characters", n, name)
		}
		k := APIKey{Name: name, Secret: secret}
		for _, s := range strings.Split(list, ",") {
			s := Scope(strings.TrimSpace(s))
			if !slices.Contains(scopes, s) {
				return nil, fmt.Errorf("API keys line %d (%s): unknown scope %q (want %v)", n, name, s, scopes)
			}
			k.Scopes = append(k.Scopes, s)
		}
		if slices.ContainsFunc(keys, func(o APIKey) bool { return o.Name == name }) {
			return nil, fmt.Errorf("API keys line %d: the name %q is used twice", n, name)
		}
		keys = append(keys, k)
	}
	return keys, sc.Err()
}

// keyring finds the key of a secret in constant time: every key's hash
// is compared, whatever matches.
type keyring []APIKey

func newKeyring(keys []APIKey) keyring {
	out := make(keyring, len(keys))
	for i, k := range keys {
		k.hash = sha256.Sum256([]byte(k.Secret))
		out[i] = k
	}
	return out
}

func (kr keyring) find(secret string) *APIKey {
	h := sha256.Sum256([]byte(secret))
	var found *APIKey
	for i := range kr {
		if subtle.ConstantTimeCompare(h[:], kr[i].hash[:]) == 1 {
			found = &kr[i]
		}
	}
	return found
}

// presentedKey returns the secret of the request: "Authorization: Bearer
// …" or "X-API-Key: …".
func presentedKey(r *http.Request) string {
	if v, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return strings.TrimSpace(v)
	}
	return strings.TrimSpace(r.Header.Get("X-API-Key"))
}

const keyCtx = "skillsnav.key"

// identify resolves the request's API key (a wrong one is refused, never
// treated as none) and applies the rate limit of the key or, without
// one, of the client address.
func (s *server) identify() gin.HandlerFunc {
	return func(c *gin.Context) {
		who := "ip:" + c.ClientIP()
		limit := s.anon
		if secret := presentedKey(c.Request); secret != "" {
			k := s.keys.find(secret)
			if k == nil {
				c.Header("WWW-Authenticate", `Bearer realm="skillsnav"`)
				problem(c, http.StatusUnauthorized, "unauthorized", "Unauthorized", "the API key is not valid", nil)
				return
			}
			c.Set(keyCtx, k)
			who, limit = "key:"+k.Name, s.keyed
		}
		if wait := limit.take(who, time.Now()); wait > 0 {
			c.Header("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			problem(c, http.StatusTooManyRequests, "rate-limited", "Too many requests", fmt.Sprintf("the rate limit is %g requests per second; retry after %s", limit.rate, wait.Round(time.Millisecond)), nil)
			return
		}
		c.Next()
	}
}

// allowed reports whether the request holds a key with scope, and writes
// the problem (401 without a key, 403 with a key lacking the scope)
// otherwise.
func allowed(c *gin.Context, scope Scope) bool {
	v, ok := c.Get(keyCtx)
	if !ok {
		c.Header("WWW-Authenticate", `Bearer realm="skillsnav"`)
		problem(c, http.StatusUnauthorized, "unauthorized", "Unauthorized", fmt.Sprintf("this needs an API key with scope %s (Authorization: Bearer <key>)", scope), nil)
		return false
	}
	if k := v.(*APIKey); !k.Allows(scope) {
		problem(c, http.StatusForbidden, "forbidden", "Forbidden", fmt.Sprintf("the key %q lacks scope %s", k.Name, scope), nil)
		return false
	}
	return true
}

// requireScope is allowed as middleware.
func requireScope(scope Scope) gin.HandlerFunc {
	return func(c *gin.Context) {
		if allowed(c, scope) {
			c.Next()
		}
	}
}

// limiter is a token bucket per client: rate tokens per second, at most
// burst saved.
type limiter struct {
	rate    float64
	burst   float64
	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(rate float64, burst int) *limiter {
	return &limiter{rate: rate, burst: float64(burst), buckets: map[string]*bucket{}}
}

// take spends a token of who, or returns how long to wait for one.
func (l *limiter) take(who string, now time.Time) time.Duration {
	if l.rate <= 0 {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[who]
	if b == nil {
		if len(l.buckets) >= 100_000 { // forget full buckets, keep the busy ones
			for k, o := range l.buckets {
				if o.tokens+now.Sub(o.last).Seconds()*l.rate >= l.burst {
					delete(l.buckets, k)
				}
			}
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[who] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return 0
	}
	return time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

// cors answers preflight requests and marks responses for the configured
// origins; other origins get no CORS headers (so browsers refuse them).
func (s *server) cors() gin.HandlerFunc {
	all := slices.Contains(s.cfg.CORSOrigins, "*")
	return func(c *gin.Context) {
		origin := c.Request.Header.Get("Origin")
		if origin == "" || !(all || slices.Contains(s.cfg.CORSOrigins, origin)) {
			c.Next()
			return
		}
		h := c.Writer.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
		h.Set("Access-Control-Expose-Headers", "ETag, Location, Retry-After")
		if c.Request.Method == http.MethodOptions && c.Request.Header.Get("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
			h.Set("Access-Control-Allow-Headers", "Authorization, X-API-Key, Content-Type, If-Match, If-None-Match, Accept-Language")
			h.Set("Access-Control-Max-Age", "600")
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
		c.Next()
	}
}
