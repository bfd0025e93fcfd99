package analysis

import (
	"math"
	"unicode/utf8"
)

// Compound splitting limits.
const (
	// minCompound is the shortest word, in bytes, that is tried as a
	// compound: two parts of MinLexiconWord runes.
	minCompound = 2 * MinLexiconWord
	// maxCompound bounds the word length so splitting stays cheap on junk
	// input (the dynamic programme is quadratic in the word length).
	maxCompound = 64
	// maxCompoundDepth bounds the recursive splitting of parts.
	maxCompoundDepth = 3
)

// linkers are the linking elements allowed between the parts of a compound
// (onderhoud-s-technicus, Arbeit-s-platz), longest first.
var linkers = map[Lang][]string{
	Dutch:  {"en", "s", "e"},
	German: {"en", "es", "er", "s", "n", "e"},
}

// finalSuffixes are inflections allowed at the end of the last part
// (heftruckchauffeur-s), longest first.
var finalSuffixes = map[Lang][]string{
	Dutch:  {"en", "s", "e"},
	German: {"en", "er", "es", "n", "s", "e"},
}

// compoundPart is a part of a compound: byte offsets into the folded word.
// end includes a trailing linking element or inflection; wordEnd does not.
type compoundPart struct {
	start, wordEnd, end int
}

// splitCompound splits the folded word w into the parts the lexicon knows,
// using as few parts as possible and, among those, the most frequent parts.
// Following Koehn and Knight (2003), the split is kept only when the
// geometric mean of the parts' frequencies exceeds the frequency of w
// itself, so that heftruckchauffeur splits into heftruck + chauffeur while
// heftruck, a common word of its own, does not split into hef + truck. It
// returns nothing when w is not such a compound. The result is appended to
// dst.
func splitCompound(dst []compoundPart, lx *Lexicon, w string) []compoundPart {
	return splitCompoundMode(dst, lx, w, true)
}

// splitCompoundMode is splitCompound; headSplits allows splitting a rare
// word at a common head when no full split exists.
func splitCompoundMode(dst []compoundPart, lx *Lexicon, w string, headSplits bool) []compoundPart {
	n := len(w)
	if lx == nil || n < minCompound || n > maxCompound {
		return dst
	}
	links := linkers[lx.lang]
	finals := finalSuffixes[lx.lang]
	// best[i]: fewest parts that cover w[:i] (0 = unreachable, except i=0).
	// from[i]: the part that ends at i on that best path.
	var best [maxCompound + 1]int8
	var logf [maxCompound + 1]float64 // sum of log frequencies on the best path
	var from [maxCompound + 1]compoundPart
	const unreachable = -1
	for i := range best[:n+1] {
		best[i] = unreachable
	}
	best[0] = 0
	for i := 0; i < n; i++ {
		if best[i] == unreachable || !utf8.RuneStart(w[i]) {
			continue
		}
		maxJ := min(n, i+lx.maxWordAt(w[i:]))
		for j := i + MinLexiconWord; j <= maxJ; j++ {
			if j < n && !utf8.RuneStart(w[j]) {
				continue
			}
			if i == 0 && j == n {
				break // the whole word is not a split
			}
			cnt := lx.Count(w[i:j])
			if cnt == 0 {
				continue
			}
			lf := logf[i] + math.Log(float64(cnt))
			relax := func(end int) {
				if c := best[i] + 1; best[end] == unreachable || c < best[end] || (c == best[end] && lf > logf[end]) {
					best[end] = c
					logf[end] = lf
					from[end] = compoundPart{start: i, wordEnd: j, end: end}
				}
			}
			relax(j)
			if j < n {
				for _, l := range links {
					if e := j + len(l); e < n && w[j:e] == l {
						relax(e)
					}
				}
			}
			if i > 0 {
				for _, f := range finals {
					if j+len(f) == n && w[j:] == f {
						relax(n)
					}
				}
			}
		}
	}
	if best[n] == unreachable || best[n] < 2 {
		if !headSplits {
			return dst
		}
		return headSplit(dst, lx, w, finals)
	}

	if whole := wholeCount(lx, w, finals); whole > 0 && logf[n]/float64(best[n]) <= math.Log(float64(whole)) {
		return dst
	}
	// Walk back from the end, then reverse the parts into place.
	first := len(dst)
	for end := n; end > 0; end = from[end].start {
		dst = append(dst, from[end])
	}
	for a, b := first, len(dst)-1; a < b; a, b = a+1, b-1 {
		dst[a], dst[b] = dst[b], dst[a]
	}
	return dst
}

// Head splits: a rare word that ends in a common word is split into an
// unknown modifier and that head, as Dutch and German compounds are
// head-final (kleedkamermedewerker = kleedkamer + medewerker, even when
// "kleedkamer" never occurs on its own).
const (
	minHeadCount = 3 // the head must be a common word
	minHeadLen   = 4 // bytes
	minModifier  = 3 // bytes
	maxRareCount = 1 // only words seen at most this often are split so
	// shortHead is the length below which a head is taken only after a
	// modifier the lexicon knows: short words end many longer ones
	// (sigarenfabrikant is not sigarenfabri + kant when fabrikant is
	// unknown), while tandarts is tand + arts.
	shortHead = 5 // bytes
)

// headSplit appends the modifier and head of w, or nothing.
func headSplit(dst []compoundPart, lx *Lexicon, w string, finals []string) []compoundPart {
	n := len(w)
	if wholeCount(lx, w, finals) > maxRareCount {
		return dst
	}
	ends := []int{n}
	for _, f := range finals {
		if n > len(f)+minHeadLen+minModifier && w[n-len(f):] == f {
			ends = append(ends, n-len(f))
		}
	}
	for _, end := range ends {
		// The longest common head decides; if it leaves too short a
		// modifier, the word is not split (akmedewerker is not akme +
		// werker).
		for i := 1; i <= end-minHeadLen; i++ {
			if !utf8.RuneStart(w[i]) || lx.Count(w[i:end]) < minHeadCount {
				continue
			}
			if i < minModifier {
				break
			}
			if end-i < shortHead && !knownModifier(lx, w[:i]) {
				continue
			}
			// A linking element stays on the modifier: stemming takes care
			// of it (pelsdieren → pelsdier), where guessing would not.
			return append(dst, compoundPart{start: 0, wordEnd: i, end: i}, compoundPart{start: i, wordEnd: end, end: n})
		}
	}
	return dst
}

// dropLinker returns the form of the folded word w without a linking
// element, when the lexicon knows that form and either the modifier
// before the element or not w itself: vloerenlegger becomes vloerlegger,
// pelsdierenhouder pelsdierhouder, so that the two spellings of one
// compound meet. Of several such forms it takes the most frequent (the
// first on a tie).
func dropLinker(lx *Lexicon, w string) (string, bool) {
	links := linkers[lx.lang]
	if len(links) == 0 || len(w) < minCompound || len(w) > maxCompound {
		return "", false
	}
	unknown := lx.Count(w) == 0
	best, bestCount := "", 0
	for i := MinLexiconWord; i+MinLexiconWord < len(w); i++ {
		for _, l := range links {
			e := i + len(l)
			if e+MinLexiconWord > len(w) || w[i:e] != l || !utf8.RuneStart(w[i]) || (!unknown && lx.Count(w[:i]) == 0) {
				continue
			}
			v := w[:i] + w[e:]
			if n := lx.Count(v); n > bestCount {
				best, bestCount = v, n
			}
		}
	}
	return best, bestCount > 0
}

// knownModifier reports whether the lexicon knows m, or m without a
// linking element.
func knownModifier(lx *Lexicon, m string) bool {
	if lx.Count(m) > 0 {
		return true
	}
	for _, l := range linkers[lx.lang] {
		if len(m) > len(l)+MinLexiconWord && m[len(m)-len(l):] == l && lx.Count(m[:len(m)-len(l)]) > 0 {
			return true
		}
	}
	return false
}

// wholeCount is the frequency of w, counting its uninflected form too:
// heftrucks is as common as heftruck.
func wholeCount(lx *Lexicon, w string, finals []string) int {
	whole := lx.Count(w)
	for _, f := range finals {
		if len(w) > len(f)+MinLexiconWord && w[len(w)-len(f):] == f {
			whole = max(whole, lx.Count(w[:len(w)-len(f)]))
		}
	}
	return whole
}
