package index_test

import (
	"context"
	"fmt"
	"log"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// An index in memory: store two vacancies, let the extractor derive their
// skills and occupations, and find the Dutch one with a French query
// within 25 km of Gent.
func Example() {
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
		{ID: "v1", Title: "Heftruckchauffeur (m/v/x)", Description: "Je laadt en lost vrachtwagens met de heftruck.", Location: sn.Location{Place: "9042 Gent"}},
		{ID: "v2", Title: "Heftruckchauffeur", Location: sn.Location{Place: "3089 Rotterdam"}},
	} {
		if err := ix.Put(ctx, v); err != nil {
			log.Fatal(err)
		}
	}
	v1, _ := ix.Vacancy(ctx, "v1")
	fmt.Println(v1.Lang, v1.Location.Municipality, v1.Occupation, v1.OccupationDerived)

	res, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Text: "cariste",
		Near: &index.Near{Place: "Gent", RadiusKm: 25}})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range res.Hits {
		fmt.Printf("%s %.1f km\n", h.ID, *h.DistanceKm)
	}

	// A place the gazetteer does not know is a validation error that names
	// the field; nothing is stored.
	err = ix.Put(ctx, &sn.Vacancy{ID: "v3", Title: "Lasser", Location: sn.Location{Place: "Atlantis"}})
	fmt.Println(err)
	// Output:
	// nl Gent sn:occupation:forklift-driver true
	// v1 5.7 km
	// invalid vacancy "v3": location.place: unknown place: "Atlantis" is not a postcode or municipality of Flanders, Brussels, Zeeland or Zuid-Holland
}
