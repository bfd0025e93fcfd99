package taxonomy_test

import (
	"fmt"

	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

func ExampleTaxonomy_Lookup() {
	tx, err := starter.Load(taxonomy.DefaultConfig())
	if err != nil {
		panic(err)
	}
	for _, q := range []taxonomy.Query{
		{Text: "Medewerkster logistiek", Lang: "nl", Kinds: []taxonomy.Kind{taxonomy.KindOccupation}},
		{Text: "cariste", Lang: "fr", Kinds: []taxonomy.Kind{taxonomy.KindOccupation}},
		{Text: "heftruk", Lang: "nl", Kinds: []taxonomy.Kind{taxonomy.KindSkill}},
	} {
		m := tx.Lookup(q)[0]
		name, _ := m.Concept.Name("nl")
		fmt.Printf("%s → %s (%s via %q)\n", q.Text, name, m.How, m.Label.Text)
	}
	// Output:
	// Medewerkster logistiek → magazijnier (stemmed via "medewerker logistiek")
	// cariste → heftruckchauffeur (exact via "cariste")
	// heftruk → heftruck besturen (fuzzy via "heftruck besturen")
}

func ExampleTaxonomy_Skills() {
	tx, _ := starter.Load(taxonomy.DefaultConfig())
	welder, _ := tx.Concept(starter.ID(taxonomy.KindOccupation, "welder"))
	for skill, rel := range tx.Skills(welder) {
		if rel == taxonomy.Essential {
			name, _ := skill.Name("en")
			fmt.Println(name)
		}
	}
	// Output:
	// weld
	// MIG/MAG welding
	// read technical drawings
	// cut metal
	// work safely
	// wear appropriate protective gear
}
