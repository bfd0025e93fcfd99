package analysis

import (
	"regexp"
	"strings"
)

// genderMarker matches the gender notes of job ads in the four languages:
// (m/v/x), m/v, (h/f), (M/W/D), (f/m/x), (v/m), (all genders)…
var genderMarker = regexp.MustCompile(`(?i)[(\[]?\s*\b[mvhfwxd]\s*/\s*[mvhfwxd](?:\s*/\s*[mvhfwxd])?\b\s*[)\]]?|\((?:all genders|alle geslachten|tous genres)\)`)

// titleNoise are words and phrases that say something about the contract,
// the urgency or the advert, not about the occupation. They are matched as
// whole words after folding.
var titleNoise = []string{
	// nl
	"vacature", "vacatures", "gezocht", "dringend", "fulltime", "full-time", "voltijds", "voltijd",
	"deeltijds", "deeltijd", "parttime", "part-time", "interim", "uitzendwerk", "vast contract",
	"tijdelijk", "met ervaring", "zonder ervaring", "starter", "ploegensysteem", "dagploeg",
	"nachtploeg", "2-ploegen", "3-ploegen", "2 ploegen", "3 ploegen", "ploegen", "weekendwerk",
	"studentenjob", "flexi-job", "flexijob", "m/v", "jobstudent",
	// en
	"wanted", "urgent", "hiring", "vacancy", "full time", "part time", "temporary", "permanent",
	"shift work", "night shift",
	// fr
	"recherche", "recherchons", "urgent", "temps plein", "temps partiel", "cdi", "cdd", "interimaire",
	"h/f", "f/h",
	// de
	"gesucht", "vollzeit", "teilzeit", "befristet", "unbefristet", "schichtarbeit", "m/w/d",
}

var noiseRE = func() *regexp.Regexp {
	alts := make([]string, 0, len(titleNoise))
	for _, w := range titleNoise {
		alts = append(alts, regexp.QuoteMeta(w))
	}
	return regexp.MustCompile(`(?i)(?:^|[\s,;:|/–—()-])(?:` + strings.Join(alts, "|") + `)(?:$|[\s,;:|/–—()-])`)
}()

// CleanTitle removes the noise of a job title as people write it: gender
// markers such as "(m/v/x)", contract and urgency words ("fulltime",
// "vacature", "ploegensysteem"), brackets left empty, and dangling dashes.
// It keeps the words that name the occupation and their original case:
//
//	CleanTitle("Heftruckchauffeur (m/v/x) – ploegensysteem") == "Heftruckchauffeur"
func CleanTitle(title string) string {
	s := genderMarker.ReplaceAllString(title, " ")
	// Remove noise until nothing changes: adjacent noise words share the
	// separator between them.
	for i := 0; i < 4; i++ {
		t := noiseRE.ReplaceAllString(" "+s+" ", " ")
		if t == " "+s+" " {
			break
		}
		s = t
	}
	if out := tidyTitle(s); out != "" {
		return out
	}
	// A title that is nothing but noise ("Starter (m/v/x)") keeps its
	// words: they are all there is to go on.
	return tidyTitle(genderMarker.ReplaceAllString(title, " "))
}

func tidyTitle(s string) string {
	s = strings.NewReplacer("()", " ", "[]", " ", "( )", " ").Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.Trim(s, " -–—|,;:/")
}
