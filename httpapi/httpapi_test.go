package httpapi_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/httpapi"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

func newServer(t *testing.T) http.Handler {
	tx, err := starter.Load(taxonomy.DefaultConfig())
	require.NoError(t, err)
	ex, err := extract.New(tx, extract.DefaultConfig())
	require.NoError(t, err)
	h, err := httpapi.New(httpapi.DefaultConfig(), httpapi.Backend{Taxonomy: tx, Extractor: ex})
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
	_, err := httpapi.New(httpapi.DefaultConfig(), httpapi.Backend{})
	assert.Error(t, err)
}

func post(t *testing.T, h http.Handler, path, body string) (*httptest.ResponseRecorder, map[string]any) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, path, strings.NewReader(body)))
	var out map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out), rec.Body.String())
	return rec, out
}

func TestTextRoutes(t *testing.T) {
	h := newServer(t)
	rec, body := post(t, h, "/v1/text/extract", `{"text":"Ik heb geen ervaring met lassen maar kan heftrucks bedienen.","lang":"nl"}`)
	require.Equal(t, http.StatusOK, rec.Code)
	skills := body["skills"].([]any)
	require.Len(t, skills, 1, "lassen is negated")
	assert.Equal(t, starter.ID(taxonomy.KindSkill, "forklift"), skills[0].(map[string]any)["concept_id"])
	assert.Len(t, body["mentions"].([]any), 2)

	rec, body = post(t, h, "/v1/text/normalize", `{"title":"Cariste H/F - CDI","lang":"fr","limit":3}`)
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "Cariste", body["clean"])
	assert.Equal(t, starter.ID(taxonomy.KindOccupation, "forklift-driver"), body["matches"].([]any)[0].(map[string]any)["concept_id"])

	rec, body = post(t, h, "/v1/text/normalize/batch", `{"titles":[{"id":"a","title":"Poetsvrouw"},{"id":"b","title":"Kapster","lang":"nl"}]}`)
	require.Equal(t, http.StatusOK, rec.Code)
	res := body["results"].([]any)
	require.Len(t, res, 2)
	assert.Equal(t, "b", res[1].(map[string]any)["id"])
}

func TestTextProblems(t *testing.T) {
	h := newServer(t)
	cases := []struct {
		path, body string
		status     int
		typ, field string
	}{
		{"/v1/text/extract", `{"text":`, 400, "invalid-json", ""},
		{"/v1/text/extract", ``, 400, "invalid-json", ""},
		{"/v1/text/extract", `{"text":"x","colour":"red"}`, 400, "invalid-json", "colour"},
		{"/v1/text/extract", `{"text":5}`, 400, "invalid-json", "text"},
		{"/v1/text/extract", `{"text":"  "}`, 400, "invalid-parameters", "text"},
		{"/v1/text/extract", `{"text":"x","lang":"es"}`, 400, "invalid-parameters", "lang"},
		{"/v1/text/extract", `{"text":"x"} {}`, 400, "invalid-json", ""},
		{"/v1/text/extract", `{"text":"` + strings.Repeat("a", 2<<20) + `"}`, 413, "body-too-large", ""},
		{"/v1/text/normalize", `{"title":"x","kind":"iscogroup"}`, 400, "invalid-parameters", "kind"},
		{"/v1/text/normalize", `{"title":"x","limit":1000}`, 400, "invalid-parameters", "limit"},
		{"/v1/text/normalize/batch", `{"titles":[]}`, 400, "invalid-parameters", "titles"},
		{"/v1/text/normalize/batch", `{"titles":[{"title":"a"},{"title":""}]}`, 400, "invalid-parameters", "titles[1].title"},
		{"/v1/text/normalize/batch", `{"titles":[` + strings.TrimSuffix(strings.Repeat(`{"title":"a"},`, 1001), ",") + `]}`, 413, "batch-too-large", "titles"},
	}
	for _, tc := range cases {
		rec, body := post(t, h, tc.path, tc.body)
		assert.Equal(t, tc.status, rec.Code, "%s %.60s", tc.path, tc.body)
		assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"))
		assert.Equal(t, "https://skillsnav.dev/problems/"+tc.typ, body["type"], "%.60s", tc.body)
		if tc.field != "" {
			require.NotNil(t, body["errors"], "%.60s", tc.body)
			assert.Equal(t, tc.field, body["errors"].([]any)[0].(map[string]any)["field"], "%.60s", tc.body)
		}
	}
}
