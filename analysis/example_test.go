package analysis_test

import (
	"fmt"

	"github.com/skillsnavigator/skillsnav/analysis"
)

func ExampleChain_Analyze() {
	nl := analysis.MustChain(analysis.Dutch)
	for _, t := range nl.Analyze("Vorkheftruckchauffeurs met VCA") {
		fmt.Printf("%-22s %-22s part=%v head=%v protected=%v\n", t.Term, t.Norm,
			t.Flags&analysis.CompoundPart != 0, t.Flags&analysis.CompoundHead != 0, t.Flags&analysis.Protected != 0)
	}
	// Output:
	// vorkheftruckchauffeur  vorkheftruckchauffeurs part=false head=false protected=false
	// vork                   vork                   part=true head=false protected=false
	// heftruck               heftruck               part=true head=false protected=false
	// chauffeur              chauffeur              part=true head=true protected=false
	// vca                    vca                    part=false head=false protected=true
}

func ExampleCleanTitle() {
	fmt.Println(analysis.CleanTitle("Heftruckchauffeur (m/v/x) – ploegensysteem"))
	fmt.Println(analysis.CleanTitle("Cariste H/F - CDI"))
	// Output:
	// Heftruckchauffeur
	// Cariste
}

func ExampleDetect() {
	for _, s := range []string{
		"Wij zoeken een magazijnier met ervaring",
		"Nous recherchons un cariste",
		"Wir suchen einen Schweißer",
	} {
		fmt.Println(analysis.Detect(s).Lang)
	}
	// Output:
	// nl
	// fr
	// de
}
