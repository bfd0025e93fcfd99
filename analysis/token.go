package analysis

import (
	"unicode"
	"unicode/utf8"
)

// Flags describe how a token came about.
type Flags uint8

const (
	// Protected tokens were neither stemmed, split, rewritten nor dropped as
	// stop words: codes and acronyms such as SAP, VCA, C++ or A2.
	Protected Flags = 1 << iota
	// CompoundPart tokens are parts of a compound that precedes them at the
	// same position (heftruck and chauffeur after heftruckchauffeur).
	CompoundPart
	// CompoundHead marks the last part of a compound: the word the compound
	// is a kind of (chauffeur in heftruckchauffeur).
	CompoundHead
	// Stop marks a stop word. Stop words are only emitted when
	// [Config.KeepStopWords] is set.
	Stop
	// Rewritten marks a gendered or plural form normalised to its base form
	// (medewerkster → medewerker), or a compound written with a linking
	// element normalised to its form without (vloerenlegger →
	// vloerlegger).
	Rewritten
)

// Token is one analysed word.
type Token struct {
	// Term is the analysed form: folded, normalised and stemmed (unless
	// Protected). Terms are what indexes store and compare.
	Term string
	// Norm is the folded surface form before stemming, after gender
	// normalisation. Compound splitting and fuzzy matching work on Norm.
	Norm string
	// Start and End are the byte offsets of the word in the analysed input.
	// Compound parts carry the span of their part inside the compound.
	Start, End int
	// Pos is the word position, counting from 0. Removed stop words leave a
	// gap; compound parts share the position of their compound.
	Pos   int
	Flags Flags
}

// rawToken is a tokenizer result: a span of the input and whether the word
// had code characters (+, #, ., digits).
type rawToken struct {
	start, end int
	code       bool
}

// isWordRune reports whether r belongs inside a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	return t
}()

// tokenize splits s into words. Letters, digits and combining marks form
// words; an apostrophe between letters stays inside a word (l'entreprise,
// auto's) so that elision can handle it; '+' and '#' directly after a word
// belong to it (C++, C#); a '.' belongs to a word when letters or digits
// follow it and either a word precedes it (ASP.NET, node.js) or it opens the
// word (.NET). Everything else separates words, including hyphens and
// slashes. The result is appended to dst.
func tokenize(dst []rawToken, s string) []rawToken {
	i := 0
	n := len(s)
	for i < n {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if !isWordRune(r) {
			// A leading '.' followed by a letter opens a word (.NET), but
			// only at the start of the text or after a space.
			if r == '.' && i+1 < n && (i == 0 || s[i-1] == ' ') {
				r2, _ := utf8.DecodeRuneInString(s[i+1:])
				if unicode.IsLetter(r2) {
					start := i
					j := scanWord(s, i+1)
					dst = append(dst, rawToken{start: start, end: j, code: true})
					i = j
					continue
				}
			}
			i += size
			continue
		}
		start := i
		j := scanWord(s, i)
		code := false
		for k := start; k < j; k++ {
			c := s[k]
			if c == '+' || c == '#' || c == '.' || ('0' <= c && c <= '9') {
				code = true
				break
			}
		}
		dst = append(dst, rawToken{start: start, end: j, code: code})
		i = j
	}
	return dst
}

// scanWord returns the end of the word that starts at i.
func scanWord(s string, i int) int {
	n := len(s)
	for i < n {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isWordRune(r) {
			i += size
			continue
		}
		switch r {
		case '\'', '’':
			// Keep an apostrophe between a letter and a letter.
			if i+size < n {
				r2, _ := utf8.DecodeRuneInString(s[i+size:])
				if unicode.IsLetter(r2) && i > 0 {
					i += size
					continue
				}
			}
		case '.':
			if i+1 < n {
				r2, _ := utf8.DecodeRuneInString(s[i+1:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					i++
					continue
				}
			}
		case '+', '#':
			// C++, C#, F#: one or two trailing symbols, not followed by a
			// word character.
			j := i
			for j < n && j-i < 2 && (s[j] == '+' || s[j] == '#') {
				j++
			}
			if j == n || !isWordByte(s, j) {
				return j
			}
		}
		return i
	}
	return i
}

func isWordByte(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}
