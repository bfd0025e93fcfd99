package httpapi

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	sn "github.com/skillsnavigator/skillsnav"
)

// operation documents one route for the OpenAPI document. TestOpenAPI
// checks that the routes served and the routes documented are the same.
type operation struct {
	method, path, summary string
	scope                 Scope  // "" for public
	body                  string // schema of the request body, or ""
	params                []string
}

func operations() []operation {
	ops := []operation{
		{"GET", "/", "The demo page (HTML)", "", "", []string{"lang"}},
		{"GET", "/healthz", "Liveness", "", "", nil},
		{"GET", "/readyz", "Readiness: the taxonomy and the index are loaded", "", "", nil},
		{"GET", "/metrics", "Metrics in the Prometheus text format", "", "", nil},
		{"GET", "/openapi.json", "This document", "", "", nil},
		{"GET", "/v1/taxonomy", "Concept counts per kind and language, and the attribution", "", "", nil},
		{"GET", "/v1/taxonomy/search", "Concepts ranked for a label", "", "", []string{"q", "lang", "kind", "limit"}},
		{"GET", "/v1/taxonomy/autocomplete", "Completions of a prefix", "", "", []string{"q", "lang", "kind", "limit"}},
		{"GET", "/v1/taxonomy/concept", "A concept with labels in every language", "", "", []string{"id", "lang"}},
		{"GET", "/v1/taxonomy/concept/skills", "An occupation's essential and optional skills", "", "", []string{"id", "lang"}},
		{"GET", "/v1/taxonomy/concept/related", "A skill's related skills", "", "", []string{"id", "lang"}},
		{"POST", "/v1/text/extract", "Skills and occupations mentioned in a text", "", "ExtractRequest", nil},
		{"POST", "/v1/text/normalize", "Occupations (or skills) a job title names", "", "NormalizeRequest", nil},
		{"POST", "/v1/text/normalize/batch", "The same for many titles", "", "NormalizeBatchRequest", nil},
		{"POST", "/v1/match/vacancies", "Vacancies for a profile, explained", "", "MatchRequest", []string{"lang"}},
		{"POST", "/v1/match/opportunities", "Opportunities teaching the missing skills of nearly fitting vacancies", "", "MatchRequest", []string{"lang"}},
		{"POST", "/v1/match/occupations", "Occupations that fit a profile, hidden ones marked", "", "MatchRequest", []string{"lang"}},
		{"POST", "/v1/match/next-skills", "The skills that would unlock the most nearby vacancies", "", "MatchRequest", []string{"lang"}},
		{"POST", "/v1/match/gap", "Gap analysis of a profile against a vacancy", "", "MatchRequest", []string{"lang"}},
		{"POST", "/v1/match/profiles", "Candidates for a vacancy", ScopeProfilesRead, "MatchRequest", []string{"lang"}},
		{"GET", "/v1/insights/mismatch", "Skills and occupations in shortage in an area", ScopeProfilesRead, "", []string{"place", "country", "lat", "lon", "radius_km", "size", "lang"}},
	}
	search := []string{"q", "lang", "skills", "occupations", "sectors", "contracts", "languages", "text_langs", "types", "max_education",
		"near", "lat", "lon", "radius_km", "posted_after", "posted_before", "include_expired", "sort", "from", "size", "facets", "facet_size"}
	for _, k := range sn.Kinds {
		p, name := "/v1/"+plural[k], strings.ToUpper(string(k[:1]))+string(k[1:])
		ops = append(ops,
			operation{"GET", p, "Search or list " + plural[k], readScope(k), "", search},
			operation{"POST", p, "Create a " + string(k) + " (201, ETag)", writeScope(k), name, nil},
			operation{"GET", p + "/{id}", "A " + string(k) + " (ETag; If-None-Match gives 304)", readScope(k), "", nil},
			operation{"PUT", p + "/{id}", "Replace a " + string(k) + " (If-Match for optimistic concurrency)", writeScope(k), name, nil},
			operation{"PATCH", p + "/{id}", "Change a " + string(k) + " with a JSON merge patch (RFC 7396)", writeScope(k), "MergePatch", nil},
			operation{"DELETE", p + "/{id}", "Delete a " + string(k) + " (If-Match)", writeScope(k), "", nil},
			operation{"POST", p + "/import", "Import JSON Lines, with a report of every rejected line", writeScope(k), "JSONLines", nil},
		)
	}
	return ops
}

// openAPIDoc builds the OpenAPI 3 document.
func openAPIDoc() map[string]any {
	paths := map[string]any{}
	for _, op := range operations() {
		item, _ := paths[op.path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[op.path] = item
		}
		o := map[string]any{
			"summary": op.summary,
			"responses": map[string]any{
				"200":     map[string]any{"description": "OK"},
				"default": map[string]any{"description": "A problem (RFC 9457)", "content": map[string]any{"application/problem+json": map[string]any{"schema": ref("Problem")}}},
			},
		}
		var params []any
		if strings.Contains(op.path, "{id}") {
			params = append(params, map[string]any{"name": "id", "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
		for _, p := range op.params {
			params = append(params, map[string]any{"name": p, "in": "query", "schema": map[string]any{"type": "string"}})
		}
		if len(params) > 0 {
			o["parameters"] = params
		}
		switch op.body {
		case "":
		case "JSONLines":
			o["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/x-ndjson": map[string]any{"schema": map[string]any{"type": "string"}}}}
		default:
			o["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": ref(op.body)}}}
		}
		if op.scope != "" {
			o["security"] = []any{map[string]any{"apiKey": []string{string(op.scope)}}}
			o["description"] = "Needs an API key with scope " + string(op.scope) + "."
		}
		item[strings.ToLower(op.method)] = o
	}
	obj := func(desc string) map[string]any { return map[string]any{"type": "object", "description": desc} }
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{"title": "skillsnav", "version": "1",
			"description": "Skills matching for Skills Navigator: taxonomy, text understanding, records and matching. Errors are application/problem+json."},
		"paths": paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{"apiKey": map[string]any{"type": "http", "scheme": "bearer", "description": "Authorization: Bearer <key> (or X-API-Key)"}},
			"schemas": map[string]any{
				"Problem": map[string]any{"type": "object", "properties": map[string]any{
					"type": map[string]any{"type": "string"}, "title": map[string]any{"type": "string"}, "status": map[string]any{"type": "integer"},
					"detail": map[string]any{"type": "string"}, "errors": map[string]any{"type": "array", "items": map[string]any{"type": "object", "properties": map[string]any{
						"field": map[string]any{"type": "string"}, "detail": map[string]any{"type": "string"}}}}}},
				"Vacancy":               obj("A vacancy: the JSON form of skillsnav.Vacancy."),
				"Profile":               obj("A job seeker's profile: the JSON form of skillsnav.Profile."),
				"Opportunity":           obj("A training, internship or dual-learning place: the JSON form of skillsnav.Opportunity."),
				"MergePatch":            obj("A JSON merge patch (RFC 7396) of a record."),
				"ExtractRequest":        obj(`{"text": "...", "lang": "nl|en|fr|de (optional)"}`),
				"NormalizeRequest":      obj(`{"title": "...", "lang": "...", "kind": "occupation|skill", "limit": 10}`),
				"NormalizeBatchRequest": obj(`{"titles": [{"id": "...", "title": "..."}]}`),
				"MatchRequest": map[string]any{"type": "object", "description": "The subject: profile (inline, never stored) or profile_id; vacancy or vacancy_id for candidates; vacancy_id for a gap analysis.",
					"properties": map[string]any{
						"profile": ref("Profile"), "profile_id": map[string]any{"type": "string"},
						"vacancy": ref("Vacancy"), "vacancy_id": map[string]any{"type": "string"},
						"lang": map[string]any{"type": "string"}, "min_score": map[string]any{"type": "number"}, "threshold": map[string]any{"type": "number"},
						"sectors": map[string]any{"type": "array", "items": map[string]any{"type": "string"}}, "contracts": map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
						"from": map[string]any{"type": "integer"}, "size": map[string]any{"type": "integer"}}},
			},
		},
	}
}

func ref(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }

func (s *server) openAPI(c *gin.Context) { c.JSON(http.StatusOK, openAPIDoc()) }
