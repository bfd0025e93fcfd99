// Command lookup shows concept lookup on the embedded starter taxonomy:
// job titles as people write them, in four languages, become taxonomy
// occupations, and an occupation's essential skills are listed.
package main

import (
	"fmt"
	"log"

	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

func main() {
	tx, err := starter.Load(taxonomy.DefaultConfig())
	if err != nil {
		log.Fatal(err)
	}
	titles := []string{
		"Heftruckchauffeur (m/v/x) – ploegensysteem",
		"Medewerkster logistiek",
		"Poetsvrouw",
		"Lasser-monteur MIG/MAG",
		"Verpleegkundige A2",
		"Cariste H/F",
		"Gabelstaplerfahrerin",
		"warehouse operative",
	}
	for _, raw := range titles {
		title := analysis.CleanTitle(raw)
		lang := analysis.Detect(title)
		q := taxonomy.Query{Text: title, Kinds: []taxonomy.Kind{taxonomy.KindOccupation}, Limit: 1}
		if lang.Confidence > 0.5 {
			q.Lang = lang.Lang
		}
		ms := tx.Lookup(q)
		if len(ms) == 0 {
			fmt.Printf("%-45q → no occupation found\n", raw)
			continue
		}
		name, _ := ms[0].Concept.Name("nl")
		fmt.Printf("%-45q → %-22s score %.2f (%s via %q)\n", raw, name, ms[0].Score, ms[0].How, ms[0].Label.Text)
	}

	welder, _ := tx.Concept(starter.ID(taxonomy.KindOccupation, "welder"))
	fmt.Println("\nEssential skills of", welder.PrefLabel("nl")+":")
	for skill, rel := range tx.Skills(welder) {
		if rel == taxonomy.Essential {
			fmt.Println(" -", skill.PrefLabel("nl"), "/", skill.PrefLabel("fr"))
		}
	}
}
