package httpapi_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/httpapi"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

func newServer(t *testing.T) http.Handler {
	tx, err := starter.Load(taxonomy.DefaultConfig())
	require.NoError(t, err)
	h, err := httpapi.New(httpapi.DefaultConfig(), tx)
	require.NoError(t, err)
	return h
}

func get(t *testing.T, h http.Handler, path string) (*httptest.ResponseRecorder, map[string]any) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	var body map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body), rec.Body.String())
	return rec, body
}

func TestSearchAndAutocomplete(t *testing.T) {
	h := newServer(t)
	rec, body := get(t, h, "/v1/taxonomy/search?q=heftruckchauffeuse&lang=nl&kind=occupation")
	require.Equal(t, http.StatusOK, rec.Code)
	res := body["results"].([]any)
	require.NotEmpty(t, res)
	top := res[0].(map[string]any)
	assert.Equal(t, starter.ID(taxonomy.KindOccupation, "forklift-driver"), top["id"])
	assert.Equal(t, "heftruckchauffeur", top["label"])
	assert.Equal(t, "nl", top["label_lang"])

	rec, body = get(t, h, "/v1/taxonomy/autocomplete?q=heftr&lang=nl&limit=3")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.NotEmpty(t, body["results"])
	assert.LessOrEqual(t, len(body["results"].([]any)), 3)
}

func TestConceptRoutes(t *testing.T) {
	h := newServer(t)
	id := url.QueryEscape(starter.ID(taxonomy.KindOccupation, "welder"))
	rec, body := get(t, h, "/v1/taxonomy/concept?id="+id)
	require.Equal(t, http.StatusOK, rec.Code)
	labels := body["concept"].(map[string]any)["labels"].([]any)
	langs := map[string]bool{}
	for _, l := range labels {
		langs[l.(map[string]any)["lang"].(string)] = true
	}
	assert.Equal(t, map[string]bool{"nl": true, "en": true, "fr": true, "de": true}, langs)

	rec, body = get(t, h, "/v1/taxonomy/concept/skills?lang=fr&id="+id)
	require.Equal(t, http.StatusOK, rec.Code)
	skills := body["skills"].([]any)
	require.NotEmpty(t, skills)
	assert.Equal(t, "essential", skills[0].(map[string]any)["relation"])
	assert.Equal(t, "fr", skills[0].(map[string]any)["label_lang"])

	rec, body = get(t, h, "/v1/taxonomy/concept/related?id="+url.QueryEscape(starter.ID(taxonomy.KindSkill, "welding")))
	require.Equal(t, http.StatusOK, rec.Code)
	assert.NotEmpty(t, body["related"])

	rec, body = get(t, h, "/v1/taxonomy")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.EqualValues(t, 317, body["stats"].(map[string]any)["kinds"].(map[string]any)["skill"])
}

func TestProblems(t *testing.T) {
	h := newServer(t)
	cases := []struct {
		path   string
		status int
		typ    string
		field  string
	}{
		{"/v1/taxonomy/search", 400, "invalid-parameters", "q"},
		{"/v1/taxonomy/search?q=x&lang=es", 400, "invalid-parameters", "lang"},
		{"/v1/taxonomy/search?q=x&kind=job", 400, "invalid-parameters", "kind"},
		{"/v1/taxonomy/search?q=x&limit=0", 400, "invalid-parameters", "limit"},
		{"/v1/taxonomy/search?q=x&limit=abc", 400, "invalid-parameters", "limit"},
		{"/v1/taxonomy/concept", 400, "invalid-parameters", "id"},
		{"/v1/taxonomy/concept?id=nope", 404, "not-found", ""},
		{"/v1/taxonomy/concept/skills?id=" + url.QueryEscape(starter.ID(taxonomy.KindSkill, "welding")), 400, "invalid-parameters", "id"},
		{"/v1/nothing", 404, "not-found", ""},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			rec, body := get(t, h, tc.path)
			assert.Equal(t, tc.status, rec.Code)
			assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"))
			assert.Equal(t, "https://skillsnav.dev/problems/"+tc.typ, body["type"])
			assert.NotEmpty(t, body["detail"])
			if tc.field != "" {
				errs := body["errors"].([]any)
				assert.Equal(t, tc.field, errs[0].(map[string]any)["field"])
			}
		})
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodDelete, "/v1/taxonomy", nil))
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code)
}

func TestConfigValidate(t *testing.T) {
	c := httpapi.DefaultConfig()
	c.MaxLimit = 0
	assert.ErrorContains(t, c.Validate(), "MaxLimit")
	_, err := httpapi.New(httpapi.DefaultConfig(), nil)
	assert.Error(t, err)
}
