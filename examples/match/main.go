// Command match uses skillsnav in-process: it loads the embedded starter
// taxonomy, stores three vacancies in an in-memory index (their skills
// are extracted from the Dutch text), matches a French-speaking job
// seeker's profile against them, and prints each score with its parts,
// the matched and missing skills.
package main

import (
	"context"
	"fmt"
	"log"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/matcher"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

func main() {
	ctx := context.Background()
	tx, err := starter.Load(taxonomy.DefaultConfig())
	if err != nil {
		log.Fatal(err)
	}
	ex, err := extract.New(tx, extract.DefaultConfig())
	if err != nil {
		log.Fatal(err)
	}
	cfg := index.DefaultConfig() // Dir "" keeps everything in memory
	cfg.Extractor = ex
	ix, err := index.Open(ctx, cfg)
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	for _, v := range []*sn.Vacancy{
		{ID: "v1", Title: "Heftruckchauffeur (m/v/x)", Lang: "nl", Location: sn.Location{Place: "9042 Gent"},
			Description: "Je laadt en lost vrachtwagens met de heftruck en doet orderpicking met een handscanner."},
		{ID: "v2", Title: "Magazijnmedewerker", Lang: "nl", Location: sn.Location{Place: "Antwerpen"},
			Description: "Orderpicking, voorraadbeheer en verpakken van goederen."},
		{ID: "v3", Title: "Lasser MIG/MAG", Lang: "nl", Location: sn.Location{Place: "Terneuzen"},
			Description: "Je last stalen constructies (MIG/MAG) en leest bouwtekeningen."},
	} {
		if err := ix.Put(ctx, v); err != nil {
			log.Fatal(err)
		}
	}
	m, err := matcher.New(ctx, matcher.DefaultConfig(), tx, ix)
	if err != nil {
		log.Fatal(err)
	}
	// An unsaved profile: prepared by the index (place resolved, skills
	// found in the CV), then matched.
	p := &sn.Profile{ID: "me", Home: sn.Location{Place: "Gent"}, MaxDistanceKm: 60,
		CV: "J'ai conduit un chariot élévateur pendant deux ans et je fais du picking.", Lang: "fr"}
	if err := ix.Prepare(ctx, p); err != nil {
		log.Fatal(err)
	}
	res, err := m.Vacancies(ctx, matcher.Query{Record: p, Lang: "fr", Size: 3})
	if err != nil {
		log.Fatal(err)
	}
	for _, mt := range res.Matches {
		fmt.Printf("%s  %.1f  %s\n", mt.ID, mt.Score, mt.Record.(*sn.Vacancy).Title)
		for _, c := range mt.Components {
			fmt.Printf("    %-9s %5.1f  %s\n", c.Name, c.Points, c.Detail)
		}
		for _, s := range mt.Matched {
			fmt.Printf("    + %s (%s)\n", s.Label, s.How)
		}
		for _, s := range mt.Missing {
			fmt.Printf("    - %s\n", s.Label)
		}
	}
}
