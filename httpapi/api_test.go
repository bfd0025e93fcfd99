package httpapi_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/httpapi"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

const (
	adminKey  = "admin-0123456789abcdef"
	readerKey = "reader-0123456789abcdef"
)

var today = httpapi.DemoToday

// newFull serves the starter taxonomy and the demo data, with an admin
// key (every scope) and a reader key (profiles:read).
func newFull(t testing.TB, edit func(*httpapi.Config)) http.Handler {
	t.Helper()
	b := httpapi.DemoBackend(t)
	keys, err := httpapi.ParseKeys(strings.NewReader("# test keys\nadmin:" + adminKey + ":*\n\nreader:" + readerKey + ":profiles:read\n"))
	require.NoError(t, err)
	cfg := httpapi.DefaultConfig()
	cfg.Keys = keys
	cfg.RateLimit = 0
	if edit != nil {
		edit(&cfg)
	}
	h, err := httpapi.New(cfg, b)
	require.NoError(t, err)
	return h
}

type call struct {
	method, path, key, body string
	header                  map[string]string
}

func do(t testing.TB, h http.Handler, c call) (*httptest.ResponseRecorder, map[string]any) {
	t.Helper()
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	req := httptest.NewRequest(c.method, c.path, body)
	if c.key != "" {
		req.Header.Set("Authorization", "Bearer "+c.key)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out map[string]any
	if rec.Body.Len() > 0 && strings.Contains(rec.Header().Get("Content-Type"), "json") {
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out), rec.Body.String())
	}
	if rec.Code >= 400 {
		assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"), "%s %s: errors are problem documents", c.method, c.path)
		assert.Contains(t, out["type"], "https://skillsnav.dev/problems/")
	}
	return rec, out
}

const vacancy = `{"id":"api-v1","title":"Heftruckchauffeur (m/v/x)","description":"Je laadt en lost vrachtwagens met een heftruck.","lang":"nl",
"location":{"place":"9000 Gent"},"sector":"logistics","contract":"permanent","skills":[{"concept_id":"sn:skill:forklift","essential":true}]}`

func TestRecordLifecycle(t *testing.T) {
	h := newFull(t, nil)
	rec, _ := do(t, h, call{method: "POST", path: "/v1/vacancies", body: vacancy})
	require.Equal(t, http.StatusUnauthorized, rec.Code, "writes need a key")

	rec, body := do(t, h, call{method: "POST", path: "/v1/vacancies", key: adminKey, body: vacancy})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	assert.Equal(t, "/v1/vacancies/api-v1", rec.Header().Get("Location"))
	tag := rec.Header().Get("ETag")
	require.NotEmpty(t, tag)
	assert.Equal(t, "Gent", body["location"].(map[string]any)["municipality"], "the place was resolved")

	rec, _ = do(t, h, call{method: "POST", path: "/v1/vacancies", key: adminKey, body: vacancy})
	assert.Equal(t, http.StatusConflict, rec.Code, "a second create of the same ID")

	rec, _ = do(t, h, call{method: "GET", path: "/v1/vacancies/api-v1"})
	require.Equal(t, http.StatusOK, rec.Code, "vacancies are public")
	assert.Equal(t, tag, rec.Header().Get("ETag"))
	rec, _ = do(t, h, call{method: "GET", path: "/v1/vacancies/api-v1", header: map[string]string{"If-None-Match": tag}})
	assert.Equal(t, http.StatusNotModified, rec.Code)

	changed := strings.Replace(vacancy, "Heftruckchauffeur (m/v/x)", "Reachtruckchauffeur", 1)
	rec, _ = do(t, h, call{method: "PUT", path: "/v1/vacancies/api-v1", key: adminKey, body: changed, header: map[string]string{"If-Match": `"stale"`}})
	assert.Equal(t, http.StatusPreconditionFailed, rec.Code, "a stale If-Match")
	rec, body = do(t, h, call{method: "PUT", path: "/v1/vacancies/api-v1", key: adminKey, body: changed, header: map[string]string{"If-Match": tag}})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, "Reachtruckchauffeur", body["title"])
	tag2 := rec.Header().Get("ETag")
	assert.NotEqual(t, tag, tag2)

	rec, body = do(t, h, call{method: "PATCH", path: "/v1/vacancies/api-v1", key: adminKey, body: `{"contract":"temporary","hours_per_week":null}`})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, "temporary", body["contract"])
	assert.Equal(t, "Reachtruckchauffeur", body["title"], "a merge patch keeps what it does not name")
	rec, _ = do(t, h, call{method: "PATCH", path: "/v1/vacancies/api-v1", key: adminKey, body: `{"contract":"forever"}`})
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code, "a patch is validated")

	rec, _ = do(t, h, call{method: "DELETE", path: "/v1/vacancies/api-v1", key: adminKey, header: map[string]string{"If-Match": tag2}})
	assert.Equal(t, http.StatusPreconditionFailed, rec.Code, "the patch changed the version")
	rec, _ = do(t, h, call{method: "DELETE", path: "/v1/vacancies/api-v1", key: adminKey})
	assert.Equal(t, http.StatusNoContent, rec.Code)
	rec, _ = do(t, h, call{method: "GET", path: "/v1/vacancies/api-v1"})
	assert.Equal(t, http.StatusNotFound, rec.Code)
}

func TestBadInput(t *testing.T) {
	h := newFull(t, func(c *httpapi.Config) { c.MaxBodyBytes = 2048 })
	cases := []struct {
		name  string
		c     call
		code  int
		field string
	}{
		{"validation names the fields", call{method: "POST", path: "/v1/vacancies", key: adminKey, body: `{"id":"x1","title":"","lang":"nl","location":{"place":"Nergenshuizen"},"contract":"forever"}`}, 422, "title"},
		{"unknown field", call{method: "POST", path: "/v1/vacancies", key: adminKey, body: `{"id":"x1","titel":"Lasser"}`}, 400, "titel"},
		{"wrong type", call{method: "POST", path: "/v1/vacancies", key: adminKey, body: `{"id":7}`}, 400, "id"},
		{"malformed", call{method: "POST", path: "/v1/vacancies", key: adminKey, body: `{"id":`}, 400, ""},
		{"too large", call{method: "POST", path: "/v1/vacancies", key: adminKey, body: `{"id":"` + strings.Repeat("x", 4096) + `"}`}, 413, ""},
		{"unknown ID", call{method: "GET", path: "/v1/opportunities/nope"}, 404, ""},
		{"ID mismatch", call{method: "PUT", path: "/v1/vacancies/a", key: adminKey, body: `{"id":"b"}`}, 400, "id"},
		{"weak If-Match", call{method: "DELETE", path: "/v1/vacancies/a", key: adminKey, header: map[string]string{"If-Match": `W/"v1"`}}, 400, "If-Match"},
		{"bad search parameter", call{method: "GET", path: "/v1/vacancies?radius_km=far"}, 400, "radius_km"},
		{"unknown place in a search", call{method: "GET", path: "/v1/vacancies?near=Nergenshuizen&radius_km=10"}, 400, "near.place"},
		{"both subjects", call{method: "POST", path: "/v1/match/vacancies", body: `{"profile":{},"profile_id":"demo-p001"}`}, 422, "profile"},
		{"no subject", call{method: "POST", path: "/v1/match/vacancies", body: `{}`}, 422, "profile"},
		{"bad inline profile", call{method: "POST", path: "/v1/match/vacancies", body: `{"profile":{"home":{"place":"Nergenshuizen"}}}`}, 422, "profile.home.place"},
		{"bad language", call{method: "POST", path: "/v1/match/vacancies?lang=xx", body: `{"profile":{}}`}, 422, "lang"},
		{"gap without vacancy", call{method: "POST", path: "/v1/match/gap", body: `{"profile":{}}`}, 422, "vacancy_id"},
		{"unknown vacancy in a gap", call{method: "POST", path: "/v1/match/gap", body: `{"profile":{},"vacancy_id":"nope"}`}, 404, ""},
		{"wrong key", call{method: "GET", path: "/v1/taxonomy", key: "not-a-key-at-all-00"}, 401, ""},
		{"no route", call{method: "GET", path: "/v2/anything"}, 404, ""},
		{"wrong method", call{method: "DELETE", path: "/v1/taxonomy"}, 405, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec, body := do(t, h, tc.c)
			require.Equal(t, tc.code, rec.Code, rec.Body.String())
			assert.NotEmpty(t, body["detail"])
			if tc.field != "" {
				var fields []string
				for _, e := range body["errors"].([]any) {
					fields = append(fields, e.(map[string]any)["field"].(string))
				}
				assert.Contains(t, fields, tc.field)
			}
		})
	}
}

func TestProfilesNeedScopes(t *testing.T) {
	h := newFull(t, nil)
	for _, c := range []call{
		{method: "GET", path: "/v1/profiles/demo-p001"},
		{method: "GET", path: "/v1/profiles"},
		{method: "POST", path: "/v1/match/vacancies", body: `{"profile_id":"demo-p001"}`},
		{method: "POST", path: "/v1/match/profiles", body: `{"vacancy_id":"demo-v001"}`},
		{method: "GET", path: "/v1/insights/mismatch?place=Gent"},
	} {
		rec, _ := do(t, h, c)
		assert.Equal(t, http.StatusUnauthorized, rec.Code, "%s %s without a key", c.method, c.path)
		c.key = readerKey
		rec, _ = do(t, h, c)
		assert.Equal(t, http.StatusOK, rec.Code, "%s %s with profiles:read: %s", c.method, c.path, rec.Body.String())
	}
	rec, _ := do(t, h, call{method: "DELETE", path: "/v1/profiles/demo-p001", key: readerKey})
	assert.Equal(t, http.StatusForbidden, rec.Code, "a reader cannot delete")
	rec, _ = do(t, h, call{method: "DELETE", path: "/v1/profiles/demo-p001", key: adminKey})
	assert.Equal(t, http.StatusNoContent, rec.Code)
}

func TestMatchInlineProfile(t *testing.T) {
	h := newFull(t, nil)
	profile := `{"profile":{"home":{"place":"Gent"},"max_distance_km":30,"languages":[{"lang":"nl","level":"B2"}],
		"skills":[{"concept_id":"sn:skill:forklift"},{"concept_id":"sn:skill:order-picking"}]},"size":5}`
	rec, body := do(t, h, call{method: "POST", path: "/v1/match/vacancies", body: profile, header: map[string]string{"Accept-Language": "fr-BE, nl;q=0.8"}})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	ms := body["matches"].([]any)
	require.NotEmpty(t, ms)
	top := ms[0].(map[string]any)
	assert.NotEmpty(t, top["components"])
	matched := top["matched_skills"].([]any)
	require.NotEmpty(t, matched)
	tx, err := starter.Load(taxonomy.DefaultConfig())
	require.NoError(t, err)
	first := matched[0].(map[string]any)
	c, ok := tx.Concept(first["concept_id"].(string))
	require.True(t, ok)
	fr, _ := c.Name("fr")
	assert.Equal(t, fr, first["label"], "explanations in the language asked for")

	for _, path := range []string{"/v1/match/opportunities", "/v1/match/occupations", "/v1/match/next-skills"} {
		rec, _ := do(t, h, call{method: "POST", path: path, body: profile})
		assert.Equal(t, http.StatusOK, rec.Code, "%s: %s", path, rec.Body.String())
	}
	rec, body = do(t, h, call{method: "POST", path: "/v1/match/gap?lang=en", body: strings.Replace(profile, `"size":5`, `"vacancy_id":"`+top["id"].(string)+`"`, 1)})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Contains(t, body, "learn")
}

func TestImportRoute(t *testing.T) {
	h := newFull(t, nil)
	lines := strings.Replace(vacancy, "\n", "", -1) + "\n" + `{"id":"bad","title":""}` + "\n" +
		strings.Replace(strings.Replace(vacancy, "\n", "", -1), "api-v1", "api-v2", 1) + "\n"
	rec, body := do(t, h, call{method: "POST", path: "/v1/vacancies/import", key: adminKey, body: lines})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.EqualValues(t, 2, body["imported"])
	assert.EqualValues(t, 1, body["failed"])
	errs := body["errors"].([]any)
	assert.EqualValues(t, 2, errs[0].(map[string]any)["line"])
}

func TestRateLimit(t *testing.T) {
	h := newFull(t, func(c *httpapi.Config) { c.RateLimit, c.RateBurst = 0.5, 2 })
	for i := range 2 {
		rec, _ := do(t, h, call{method: "GET", path: "/v1/taxonomy"})
		require.Equal(t, http.StatusOK, rec.Code, "request %d", i)
	}
	rec, _ := do(t, h, call{method: "GET", path: "/v1/taxonomy"})
	require.Equal(t, http.StatusTooManyRequests, rec.Code)
	assert.Equal(t, "2", rec.Header().Get("Retry-After"))
	rec, _ = do(t, h, call{method: "GET", path: "/v1/taxonomy", key: adminKey})
	assert.Equal(t, http.StatusOK, rec.Code, "a key has its own limit")
}

func TestCORS(t *testing.T) {
	h := newFull(t, func(c *httpapi.Config) { c.CORSOrigins = []string{"https://skillsnavigator.example"} })
	pre := map[string]string{"Origin": "https://skillsnavigator.example", "Access-Control-Request-Method": "POST"}
	rec, _ := do(t, h, call{method: "OPTIONS", path: "/v1/match/vacancies", header: pre})
	assert.Equal(t, http.StatusNoContent, rec.Code)
	assert.Equal(t, "https://skillsnavigator.example", rec.Header().Get("Access-Control-Allow-Origin"))
	assert.Contains(t, rec.Header().Get("Access-Control-Allow-Headers"), "If-Match")
	pre["Origin"] = "https://evil.example"
	rec, _ = do(t, h, call{method: "OPTIONS", path: "/v1/match/vacancies", header: pre})
	assert.Empty(t, rec.Header().Get("Access-Control-Allow-Origin"))
}

func TestMetricsAndReady(t *testing.T) {
	h := newFull(t, nil)
	do(t, h, call{method: "GET", path: "/v1/taxonomy/search?q=lasser"})
	do(t, h, call{method: "POST", path: "/v1/match/vacancies", body: `{"profile":{"skills":[{"concept_id":"sn:skill:forklift"}]}}`})
	rec, body := do(t, h, call{method: "GET", path: "/readyz"})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.EqualValues(t, 320, body["records"].(map[string]any)["vacancies"])
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	text := rec.Body.String()
	assert.Contains(t, text, `skillsnav_http_requests_total{route="/v1/taxonomy/search",method="GET",status="200"} 1`)
	assert.Contains(t, text, `skillsnav_match_duration_seconds_count{question="vacancies"} 1`)
	assert.Contains(t, text, `skillsnav_records{kind="vacancy"} 320`)
}
