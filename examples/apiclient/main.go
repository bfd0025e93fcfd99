// Command apiclient calls the skillsnav HTTP API from Go: it asks for
// skill completions, then for the vacancies that fit a profile sent
// inline (never stored), in French. Start the server first:
//
//	go run ./cmd/skillsnav serve &
//	go run ./examples/apiclient [-url http://localhost:8080]
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http"
	"net/url"

	sn "github.com/skillsnavigator/skillsnav"
)

func main() {
	base := flag.String("url", "http://localhost:8080", "the server's base URL")
	flag.Parse()

	// Autocomplete: GET /v1/taxonomy/autocomplete.
	var ac struct {
		Results []struct{ ID, Label string }
	}
	get(*base+"/v1/taxonomy/autocomplete?kind=skill&lang=nl&limit=3&q="+url.QueryEscape("heftr"), &ac)
	if len(ac.Results) == 0 {
		log.Fatal("no completions")
	}
	fmt.Println("completions:", ac.Results)

	// Matching an inline profile: POST /v1/match/vacancies.
	body, _ := json.Marshal(map[string]any{
		"profile": sn.Profile{Home: sn.Location{Place: "Gent"}, MaxDistanceKm: 30,
			Skills: []sn.ProfileSkill{{ConceptID: ac.Results[0].ID}}},
		"size": 5,
	})
	req, _ := http.NewRequest(http.MethodPost, *base+"/v1/match/vacancies", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept-Language", "fr")
	// sn.Match holds the record as an interface; decode what is shown.
	var res struct {
		Matches []struct {
			ID      string          `json:"id"`
			Score   float64         `json:"score"`
			Matched []sn.SkillMatch `json:"matched_skills"`
		} `json:"matches"`
	}
	do(req, &res)
	for _, m := range res.Matches {
		fmt.Printf("%-10s %5.1f", m.ID, m.Score)
		for _, s := range m.Matched {
			fmt.Printf("  +%s", s.Label)
		}
		fmt.Println()
	}
}

func get(u string, out any) {
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	do(req, out)
}

// do sends req and decodes the JSON answer, or stops with the problem
// document's detail.
func do(req *http.Request, out any) {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var p struct{ Detail string }
		json.NewDecoder(resp.Body).Decode(&p)
		log.Fatalf("%s %s: %s: %s", req.Method, req.URL.Path, resp.Status, p.Detail)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		log.Fatal(err)
	}
}
