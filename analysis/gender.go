package analysis

import "strings"

// genderRule rewrites a folded word that ends in suffix: the candidates are
// tried in order and the first one the lexicon knows wins. A candidate is
// the word without the suffix plus a replacement; respell asks for Dutch
// spelling adjustments of the stem (verpleeg → verpleg, kap → kapp).
type genderRule struct {
	suffix       string
	replacements []string
	respell      bool
	undouble     bool // also try the stem with a doubled final consonant undone (kokk → kok)
	// minBare is the shortest stem the empty replacement takes: meester
	// is not a feminine mee, kassierster is one of kassier.
	minBare int
}

// genderRules per language, longest suffix first. They cover feminine job
// titles, a few irregular plurals and, for Dutch, the present tense of
// verbs; the lexicon decides whether a rewrite applies, so ordinary words
// that happen to end in a suffix stay as they are.
var genderRules = map[Lang][]genderRule{
	Dutch: {
		{suffix: "vrouwen", replacements: []string{"mannen", "man"}},
		{suffix: "vrouw", replacements: []string{"man"}},
		{suffix: "ussen", replacements: []string{"us"}},
		{suffix: "trice", replacements: []string{"teur"}},
		{suffix: "sters", replacements: []string{"er", ""}, respell: true, minBare: 5},
		{suffix: "ster", replacements: []string{"er", ""}, respell: true, minBare: 5},
		{suffix: "euse", replacements: []string{"eur"}},
		{suffix: "iere", replacements: []string{"ier"}},
		{suffix: "ares", replacements: []string{"aar"}},
		{suffix: "eres", replacements: []string{"er"}},
		{suffix: "ica", replacements: []string{"icus"}},
		{suffix: "ici", replacements: []string{"icus"}},
		{suffix: "ente", replacements: []string{"ent"}},
		{suffix: "ante", replacements: []string{"ant"}},
		{suffix: "ine", replacements: []string{"", "e"}},
		{suffix: "in", replacements: []string{""}, undouble: true},
		// Present tense to infinitive (bedient → bedienen, maakt → maken,
		// bestuurt → besturen): Snowball leaves the -t.
		{suffix: "t", replacements: []string{"en"}, respell: true},
	},
	English: {
		{suffix: "women", replacements: []string{"men"}},
		{suffix: "woman", replacements: []string{"man"}},
		{suffix: "tress", replacements: []string{"ter", "tor"}},
		{suffix: "ess", replacements: []string{"er", ""}},
	},
	French: {
		{suffix: "euses", replacements: []string{"eurs"}},
		{suffix: "euse", replacements: []string{"eur"}},
		{suffix: "trices", replacements: []string{"teurs"}},
		{suffix: "trice", replacements: []string{"teur"}},
		{suffix: "ieres", replacements: []string{"iers"}},
		{suffix: "iere", replacements: []string{"ier"}},
		{suffix: "iennes", replacements: []string{"iens"}},
		{suffix: "ienne", replacements: []string{"ien"}},
		{suffix: "ere", replacements: []string{"er"}},
		{suffix: "ive", replacements: []string{"if"}},
		{suffix: "ees", replacements: []string{"es", "e"}},
		{suffix: "ee", replacements: []string{"e"}},
		{suffix: "e", replacements: []string{""}},
	},
	German: {
		{suffix: "innen", replacements: []string{"", "en"}},
		{suffix: "frauen", replacements: []string{"leute", "manner"}},
		{suffix: "frau", replacements: []string{"mann"}},
		{suffix: "in", replacements: []string{""}},
	},
}

// normalizeGender returns the base (masculine or singular) form of the folded
// word w when a rule applies and the lexicon knows the result (as a word or
// as a compound of known words: gabelstaplerfahrerin → gabelstaplerfahrer),
// and w unchanged otherwise.
func normalizeGender(lx *Lexicon, w string) (string, bool) {
	if lx == nil {
		return w, false
	}
	for _, r := range genderRules[lx.lang] {
		if len(w) < len(r.suffix)+MinLexiconWord || !strings.HasSuffix(w, r.suffix) {
			continue
		}
		stem := w[:len(w)-len(r.suffix)]
		for _, rep := range r.replacements {
			if rep == "" && len(stem) < r.minBare {
				continue
			}
			if r.respell && rep != "" {
				if c := respellDutch(stem) + rep; c != stem+rep && knows(lx, c) {
					return c, true
				}
			}
			if c := stem + rep; knows(lx, c) {
				return c, true
			}
			if r.undouble && rep == "" {
				if c := undouble(stem); c != stem && knows(lx, c) {
					return c, true
				}
			}
		}
		// The longest matching suffix decides; shorter suffixes of the same
		// word are not tried (kapster is not kapste + r).
		return w, false
	}
	return w, false
}

// respellDutch adjusts a Dutch stem for an ending that starts with a vowel:
// a doubled vowel before a final consonant is shortened (verpleeg → verpleg,
// verkoop → verkop) and a single short vowel before a final consonant doubles
// the consonant (kap → kapp).
func respellDutch(stem string) string {
	n := len(stem)
	if n < 3 {
		return stem
	}
	c, v1, v2 := stem[n-1], stem[n-2], stem[n-3]
	if !isVowel(c) && isVowel(v1) && v1 == v2 && v1 != 'i' {
		return stem[:n-2] + stem[n-1:]
	}
	if !isVowel(c) && c != 'w' && c != 'j' && isVowel(v1) && !isVowel(v2) {
		return stem + string(c)
	}
	return stem
}

func undouble(s string) string {
	n := len(s)
	if n >= 2 && s[n-1] == s[n-2] && !isVowel(s[n-1]) {
		return s[:n-1]
	}
	return s
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// knows reports whether the lexicon has w or can split w wholly into known
// words (a head split, with its unknown modifier, does not count: it would
// let any rewrite pass).
func knows(lx *Lexicon, w string) bool {
	if lx.Has(w) {
		return true
	}
	var parts [8]compoundPart
	ps := splitCompoundMode(parts[:0], lx, w, false)
	// The head must be a whole word, not a word plus an inflection, or
	// "kassierer" would pass as kassier + er.
	return len(ps) >= 2 && ps[len(ps)-1].end == ps[len(ps)-1].wordEnd
}
