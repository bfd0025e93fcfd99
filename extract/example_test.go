package extract_test

import (
	"fmt"

	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

func ExampleExtractor_Extract() {
	tx, _ := starter.Load(taxonomy.DefaultConfig())
	ex, _ := extract.New(tx, extract.DefaultConfig())
	res := ex.Extract("Ik heb geen ervaring met lassen, maar ik kan heftrucks bedienen en wil leren programmeren.", "nl")
	for _, m := range res.Mentions {
		fmt.Printf("%q → %s (%s, %.2f) negated=%v wish=%v\n", m.Text, m.Label, m.How, m.Confidence, m.Negated, m.Wish)
	}
	for _, c := range res.Concepts(taxonomy.KindSkill) {
		fmt.Println("affirmed:", c.Label)
	}
	// Output:
	// "lassen" → lassen (exact, 0.85) negated=true wish=false
	// "heftrucks bedienen" → heftrucks bedienen (exact, 0.98) negated=false wish=false
	// "programmeren" → programmeren (exact, 0.85) negated=false wish=true
	// affirmed: heftrucks bedienen
}

func ExampleExtractor_NormalizeTitle() {
	tx, _ := starter.Load(taxonomy.DefaultConfig())
	ex, _ := extract.New(tx, extract.DefaultConfig())
	for _, title := range []string{"Heftruckchauffeur (m/v/x) – ploegensysteem", "Medewerkster logistiek", "Cariste H/F - CDI"} {
		m := ex.NormalizeTitle(extract.TitleQuery{Title: title, Limit: 1})[0]
		name, _ := m.Concept.Name("nl")
		fmt.Printf("%s → %s (%.2f)\n", title, name, m.Score)
	}
	// Output:
	// Heftruckchauffeur (m/v/x) – ploegensysteem → heftruckchauffeur (1.00)
	// Medewerkster logistiek → magazijnier (0.94)
	// Cariste H/F - CDI → heftruckchauffeur (1.00)
}

func ExampleExtractor_ImpliedSkills() {
	tx, _ := starter.Load(taxonomy.DefaultConfig())
	ex, _ := extract.New(tx, extract.DefaultConfig())
	occ := ex.NormalizeTitle(extract.TitleQuery{Title: "lasser", Lang: "nl", Limit: 1})
	for _, s := range ex.ImpliedSkills(occ, "nl")[:3] {
		fmt.Printf("%s (weight %.2f)\n", s.Label, s.Weight)
	}
	// Output:
	// lassen (weight 0.50)
	// MIG/MAG-lassen (weight 0.50)
	// technische tekeningen lezen (weight 0.50)
}
