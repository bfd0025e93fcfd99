package extract

import (
	"strings"

	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// Negation and wish cues per language, folded.
var (
	negationCues = map[analysis.Lang]map[string]bool{
		analysis.Dutch:   set("geen niet nooit zonder noch nergens"),
		analysis.English: set("no not never without lack lacking none nor"),
		analysis.French:  set("pas sans jamais aucun aucune ni"),
		analysis.German:  set("kein keine keinen keiner nicht ohne nie niemals"),
	}
	wishCues = map[analysis.Lang]map[string]bool{
		analysis.Dutch:   set("wil willen wilt zou zouden leren hoop hopen droom dromen ambitie ambieer interesse geinteresseerd wens wensen toekomst"),
		analysis.English: set("want wants wanted would wish hope learn learning eager interested aspire aspiring dream future"),
		analysis.French:  set("veux voudrais souhaite souhaiterais aimerais apprendre espere reve envie interesse avenir"),
		analysis.German:  set("mochte mochten will wollen wurde lernen hoffe wunsch traum interessiert zukunft"),
	}
	// clauseWords end the scope of a cue (but, however).
	clauseWords = map[analysis.Lang]map[string]bool{
		analysis.Dutch:   set("maar echter wel"),
		analysis.English: set("but however"),
		analysis.French:  set("mais cependant"),
		analysis.German:  set("aber jedoch sondern"),
	}
	// genericWords never make a skill on their own: a label made only of
	// them is not extracted.
	genericWords = map[analysis.Lang]map[string]bool{
		analysis.Dutch:   set("werk werken goed goede doen maken gebruiken kunnen hebben nemen geven zorgen ervaring kennis taak taken functie job beheren uitvoeren zijn staan gaan"),
		analysis.English: set("work working good do make use have take give experience knowledge job task tasks manage perform be"),
		analysis.French:  set("travail travailler bon bonne faire utiliser avoir prendre donner experience connaissance poste tache gerer etre"),
		analysis.German:  set("arbeit arbeiten gut gute machen nutzen haben nehmen geben erfahrung kenntnisse aufgabe stelle verwalten sein"),
	}
)

// cueWord reports whether the folded word w is a negation or a wish cue
// in language l, and which.
func cueWord(l analysis.Lang, w string) (wish, ok bool) {
	switch {
	case negationCues[l][w]:
		return false, true
	case wishCues[l][w]:
		return true, true
	}
	return false, false
}

func isClauseWord(l analysis.Lang, w string) bool { return clauseWords[l][w] }

// allGeneric reports whether every atom of a label is a generic word.
func allGeneric(l analysis.Lang, atoms []taxonomy.Atom) bool {
	for _, a := range atoms {
		if !genericWords[l][a.Norm] {
			return false
		}
	}
	return true
}
