package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/matcher"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// TestOpenAPI checks that every route served is in /openapi.json and
// every documented route is served.
func TestOpenAPI(t *testing.T) {
	h := newTestHandler(t)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/openapi.json", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &doc))
	assert.Equal(t, "3.0.3", doc.OpenAPI)
	var documented []string
	for p, ops := range doc.Paths {
		for m, op := range ops {
			documented = append(documented, m+" "+p)
			assert.NotEmpty(t, op["summary"], "%s %s has a summary", m, p)
		}
	}
	param := regexp.MustCompile(`:(\w+)`)
	var served []string
	for _, r := range h.(*gin.Engine).Routes() {
		served = append(served, strings.ToLower(r.Method)+" "+param.ReplaceAllString(r.Path, "{$1}"))
	}
	slices.Sort(documented)
	slices.Sort(served)
	assert.Equal(t, served, documented)
	assert.Greater(t, len(served), 40)
}

// newTestHandler serves every route over an empty in-memory index.
func newTestHandler(t *testing.T) http.Handler {
	ctx := context.Background()
	tx, err := starter.Load(taxonomy.DefaultConfig())
	require.NoError(t, err)
	ex, err := extract.New(tx, extract.DefaultConfig())
	require.NoError(t, err)
	icfg := index.DefaultConfig()
	icfg.Extractor = ex
	ix, err := index.Open(ctx, icfg)
	require.NoError(t, err)
	t.Cleanup(func() { ix.Close() })
	m, err := matcher.New(ctx, matcher.DefaultConfig(), tx, ix)
	require.NoError(t, err)
	h, err := New(DefaultConfig(), Backend{Taxonomy: tx, Extractor: ex, Index: ix, Matcher: m})
	require.NoError(t, err)
	return h
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
