package analysis

import (
	"regexp"
	"strings"
	"unicode/utf8"
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
	// fr ("recherche" only as the first word: see leadingNoise)
	"recherche", "recherchons", "urgent", "temps plein", "temps partiel", "cdi", "cdd", "interimaire",
	"h/f", "f/h",
	// de
	"gesucht", "vollzeit", "teilzeit", "befristet", "unbefristet", "schichtarbeit", "m/w/d",
}

// leadingNoise are the noise words of titleNoise that are noise only as
// a title's first word: "Recherche cariste", but "chargé de recherche"
// and "ingénieure de recherche biomédicale" name research jobs.
var leadingNoise = map[string]bool{"recherche": true}

// noisePhrases holds the folded noise words and phrases of titleNoise,
// keyed by their first word.
var noisePhrases = func() map[string][][]string {
	m := map[string][][]string{}
	for _, p := range titleNoise {
		ws := strings.Fields(strings.NewReplacer("-", " - ", "/", " / ").Replace(Fold(p)))
		m[ws[0]] = append(m[ws[0]], ws)
	}
	return m
}()

// titleWord is a word of a title with the separator text before it.
type titleWord struct {
	sep, word string
}

// splitTitle splits a title into words (runs of letters, digits and
// apostrophes) and the separators before them; the last element may hold
// only a trailing separator.
func splitTitle(s string) []titleWord {
	var out []titleWord
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) || r == '\'' || r == '’' || r == '+' || r == '#' {
			j := i
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if !(isWordRune(r2) || r2 == '\'' || r2 == '’' || r2 == '+' || r2 == '#') {
					break
				}
				j += sz
			}
			out = append(out, titleWord{sep: s[start:i], word: s[i:j]})
			start, i = j, j
			continue
		}
		i += size
	}
	if start < len(s) {
		out = append(out, titleWord{sep: s[start:]})
	}
	return out
}

// removeNoise drops the noise words and phrases from a title in one scan.
// A phrase matches on folded words, across hyphens and slashes.
func removeNoise(s string) string {
	ws := splitTitle(s)
	folded := make([]string, len(ws))
	for i, w := range ws {
		folded[i] = Fold(w.word)
	}
	var b strings.Builder
	for i := 0; i < len(ws); {
		if n := noiseAt(ws, folded, i); n > 0 && (i == 0 || !leadingNoise[folded[i]]) {
			// Keep an opening bracket so that "(deeltijds)" leaves "()",
			// which tidyTitle removes, rather than a lone ")".
			if strings.ContainsAny(ws[i].sep, "([") {
				b.WriteString(ws[i].sep)
			} else {
				b.WriteString(" ")
			}
			i += n
			continue
		}
		b.WriteString(ws[i].sep)
		b.WriteString(ws[i].word)
		i++
	}
	return b.String()
}

// noiseAt returns how many words starting at i form a noise phrase, or 0.
func noiseAt(ws []titleWord, folded []string, i int) int {
	for _, p := range noisePhrases[folded[i]] {
		k, j := 0, i
		for ; k < len(p) && j < len(ws); k++ {
			switch p[k] {
			case "-", "/":
				if !strings.Contains(ws[j].sep, p[k]) {
					goto next
				}
				continue
			}
			if k > 0 && p[k-1] != "-" && p[k-1] != "/" && j > i && strings.ContainsAny(ws[j].sep, "-/") {
				goto next // a phrase of words does not span a hyphen
			}
			if folded[j] != p[k] {
				goto next
			}
			j++
		}
		if k == len(p) {
			return j - i
		}
	next:
	}
	return 0
}

// CleanTitle removes the noise of a job title as people write it: gender
// markers such as "(m/v/x)", contract and urgency words ("fulltime",
// "vacature", "ploegensysteem"), brackets left empty, and dangling dashes.
// It keeps the words that name the occupation and their original case:
//
//	CleanTitle("Heftruckchauffeur (m/v/x) – ploegensysteem") == "Heftruckchauffeur"
func CleanTitle(title string) string {
	s := removeNoise(genderMarker.ReplaceAllString(title, " "))
	if out := tidyTitle(s); out != "" {
		return out
	}
	// A title that is nothing but noise ("Starter (m/v/x)") keeps its
	// words: they are all there is to go on.
	return tidyTitle(genderMarker.ReplaceAllString(title, " "))
}

func tidyTitle(s string) string {
	s = strings.NewReplacer("()", " ", "[]", " ", "( )", " ", "[ ]", " ").Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.Trim(s, " -–—|,;:/")
}
