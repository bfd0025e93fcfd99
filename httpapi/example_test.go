package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/httpapi"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/matcher"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// The handler is a plain http.Handler: mount it on any server. Here an
// inline profile is matched against one stored vacancy.
func ExampleNew() {
	ctx := context.Background()
	tx, _ := starter.Load(taxonomy.DefaultConfig())
	ex, _ := extract.New(tx, extract.DefaultConfig())
	icfg := index.DefaultConfig()
	icfg.Extractor = ex
	ix, err := index.Open(ctx, icfg)
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	err = ix.Put(ctx, &sn.Vacancy{ID: "v1", Title: "Heftruckchauffeur", Lang: "nl", Location: sn.Location{Place: "Gent"},
		Skills: []sn.SkillReq{{ConceptID: "sn:skill:forklift", Essential: true}}})
	if err != nil {
		log.Fatal(err)
	}
	m, _ := matcher.New(ctx, matcher.DefaultConfig(), tx, ix)
	h, err := httpapi.New(httpapi.DefaultConfig(), httpapi.Backend{Taxonomy: tx, Extractor: ex, Index: ix, Matcher: m})
	if err != nil {
		log.Fatal(err)
	}

	body := `{"profile": {"home": {"place": "Gent"}, "skills": [{"concept_id": "sn:skill:forklift"}]}}`
	req := httptest.NewRequest(http.MethodPost, "/v1/match/vacancies", strings.NewReader(body))
	req.Header.Set("Accept-Language", "en")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var res struct {
		Matches []struct {
			ID      string  `json:"id"`
			Score   float64 `json:"score"`
			Matched []struct {
				Label string `json:"label"`
			} `json:"matched_skills"`
		} `json:"matches"`
	}
	_ = json.Unmarshal(rec.Body.Bytes(), &res)
	top := res.Matches[0]
	fmt.Println(rec.Code, top.ID, top.Matched[0].Label)

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v1/profiles", nil))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	// Output:
	// 200 v1 operate forklift
	// 401 application/problem+json
}
