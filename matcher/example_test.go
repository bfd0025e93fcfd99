package matcher_test

import (
	"context"
	"fmt"
	"log"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/matcher"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// Rank two vacancies for an unsaved profile and explain the best match:
// the components add up to the score, and a missing MIG/MAG skill is
// partly covered by the TIG welding the person knows.
func Example() {
	ctx := context.Background()
	tx, err := starter.Load(taxonomy.DefaultConfig())
	if err != nil {
		log.Fatal(err)
	}
	ix, err := index.Open(ctx, index.DefaultConfig()) // in memory
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	m, err := matcher.New(ctx, matcher.DefaultConfig(), tx, ix)
	if err != nil {
		log.Fatal(err)
	}
	skill := func(s string) string { return starter.ID(taxonomy.KindSkill, s) }
	for _, v := range []*sn.Vacancy{
		{ID: "lasser", Title: "Lasser MIG/MAG", Lang: "nl", Location: sn.Location{Place: "9042 Gent"}, Sector: "industry",
			Skills: []sn.SkillReq{{ConceptID: skill("mig-mag"), Essential: true}, {ConceptID: skill("vca"), Essential: true}}},
		{ID: "boekhouder", Title: "Boekhouder", Lang: "nl", Location: sn.Location{Place: "Gent"},
			Skills: []sn.SkillReq{{ConceptID: skill("bookkeeping"), Essential: true}}},
	} {
		if err := ix.Put(ctx, v); err != nil {
			log.Fatal(err)
		}
	}
	person := &sn.Profile{ID: "inline", Home: sn.Location{Lat: 51.10, Lon: 3.75}, MaxDistanceKm: 25,
		Skills:    []sn.ProfileSkill{{ConceptID: skill("tig")}, {ConceptID: skill("vca"), Source: "certified"}},
		Interests: sn.Interests{Sectors: []string{"industry"}}}
	res, err := m.Vacancies(ctx, matcher.Query{Record: person, Lang: "nl"})
	if err != nil {
		log.Fatal(err)
	}
	for _, mt := range res.Matches {
		fmt.Printf("%s %.1f\n", mt.ID, mt.Score)
	}
	best := res.Matches[0]
	for _, c := range best.Components {
		fmt.Printf("  %-9s %4.1f points (missing: %v)\n", c.Name, c.Points, c.Missing)
	}
	for _, s := range best.Matched {
		fmt.Printf("  %s: %s", s.Label, s.How)
		if s.How == "related" {
			fmt.Printf(" via %s (%s)", s.ViaLabel, s.Source)
		}
		fmt.Println()
	}
	// Output:
	// lasser 73.0
	// boekhouder 11.1
	//   skills    48.8 points (missing: false)
	//   interest  10.5 points (missing: false)
	//   distance  13.7 points (missing: false)
	//   language   0.0 points (missing: true)
	//   education  0.0 points (missing: true)
	//   MIG/MAG-lassen: related via TIG-lassen (related)
	//   VCA: exact
}
