package analysis

import (
	"math"
	"strings"
)

// Detection is the result of [Detect].
type Detection struct {
	// Lang is the most likely language.
	Lang Lang
	// Confidence is between 0 and 1: the share of the evidence that points
	// to Lang. Short or ambiguous texts give a low confidence.
	Confidence float64
	// Scores holds the evidence for every language, in the order of
	// [Languages].
	Scores [4]float64
}

// detectWords are frequent words that are typical of one language, with a
// weight. Words shared by two languages ("in", "is", "de") carry little
// weight or are left out.
var detectWords = map[string][4]float64{}

func init() {
	add := func(li int, w float64, words string) {
		for _, s := range strings.Fields(words) {
			v := detectWords[s]
			v[li] += w
			detectWords[s] = v
		}
	}
	add(0, 2, `het een van voor met zijn niet ook naar bij wij jij jouw onze deze
		wordt worden hebt heeft kunnen moet je jij ervaring kennis werk werken
		medewerker gezocht zoeken zoekt bent als wat goed graag uur per week
		bedrijf functie profiel aanbod vaardigheden opleiding diploma rijbewijs
		en of op te ik`)
	add(0, 1, `de in is er om`)
	add(1, 2, `the and of with for are you your we our this that will have has
		experience skills work working job team looking required ability must
		should knowledge years strong good an from be i my to on`)
	add(1, 1, `in is of`)
	add(2, 2, `le la les des du et pour avec une un nous vous est sont dans sur
		par au aux votre notre cette ce expérience experience compétences poste
		travail emploi connaissance connaissances savoir être etre je mon ma
		pas qui que recherche recherchons h/f profil formation permis`)
	add(2, 1, `de en`)
	add(3, 2, `der die das und mit für fur von zu ist sind wir sie ihr ihre ein
		eine einen im auf bei nicht auch oder werden haben erfahrung kenntnisse
		arbeit stelle mitarbeiter gesucht suchen ich mein meine dem den des`)
	add(3, 1, `in`)
}

// detectSuffixes are word endings typical of a language.
var detectSuffixes = [4][]string{
	{"heid", "lijk", "lijke", "ing", "tje", "ster", "aar", "ijn", "ij", "sch", "oe", "kundige", "werker"},
	{"tion", "ing", "ness", "ment", "ly", "ed", "er", "ship", "ity", "ous"},
	{"tion", "eur", "euse", "ement", "ique", "eau", "aux", "ees", "ee", "ier", "iere", "ance"},
	{"ung", "keit", "heit", "lich", "isch", "schaft", "chen", "erin", "ern", "tz", "st"},
}

// Detect guesses whether text is Dutch, English, French or German from its
// function words, word endings and letters. It is meant for short texts such
// as a vacancy, a CV or a motivation; callers that know the language should
// say so instead. An empty text yields Dutch with confidence 0.
func Detect(text string) Detection {
	var d Detection
	var raw [128]rawToken
	for _, r := range tokenize(raw[:0], text) {
		surface := text[r.start:r.end]
		w := Fold(surface)
		if v, ok := detectWords[w]; ok {
			for i := range d.Scores {
				d.Scores[i] += v[i]
			}
		}
		for i, sufs := range detectSuffixes {
			for _, s := range sufs {
				if len(w) > len(s)+2 && strings.HasSuffix(w, s) {
					d.Scores[i] += 0.5
					break
				}
			}
		}
		// Letters that only some languages use.
		for _, c := range surface {
			switch c {
			case 'é', 'è', 'ê', 'à', 'ç', 'ù', 'œ', 'â', 'î', 'ô', 'û':
				d.Scores[2] += 0.7
			case 'ä', 'ö', 'ü', 'ß':
				d.Scores[3] += 1
			case 'ë', 'ï':
				d.Scores[0] += 0.5
			}
		}
		if strings.Contains(w, "ij") || strings.Contains(w, "aa") || strings.Contains(w, "oe") || strings.Contains(w, "uu") {
			d.Scores[0] += 0.4
		}
		if strings.Contains(w, "sch") && !strings.HasSuffix(w, "sch") {
			d.Scores[3] += 0.2
		}
		if strings.HasPrefix(w, "th") || strings.HasPrefix(w, "wh") {
			d.Scores[1] += 0.4
		}
	}
	best, total := 0, 0.0
	for i, s := range d.Scores {
		total += s
		if s > d.Scores[best] {
			best = i
		}
	}
	d.Lang = Languages[best]
	if total > 0 {
		// Share of the evidence, damped for very little evidence.
		d.Confidence = d.Scores[best] / total * (1 - math.Exp(-total/3))
	}
	return d
}
