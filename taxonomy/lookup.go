package taxonomy

import (
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/skillsnavigator/skillsnav/analysis"
)

// MatchType says how a label matched a query.
type MatchType uint8

// The ways a label can match, from strongest to weakest.
const (
	// MatchExact: the label equals the query after folding.
	MatchExact MatchType = iota + 1
	// MatchStemmed: the same words after stemming, in the same order.
	MatchStemmed
	// MatchReordered: the same words after stemming, in another order.
	MatchReordered
	// MatchCompound: the words match once compounds are split
	// (heftruckchauffeur ~ chauffeur van een heftruck).
	MatchCompound
	// MatchFuzzy: a word matched only with a typo (heftruk ~ heftruck).
	MatchFuzzy
	// MatchPrefix: the last word of the query is the start of a word of the
	// label (autocomplete).
	MatchPrefix
	// MatchPartial: some words of the query or of the label are unmatched.
	MatchPartial
)

var matchTypeNames = [...]string{"", "exact", "stemmed", "reordered", "compound", "fuzzy", "prefix", "partial"}

func (m MatchType) String() string {
	if int(m) < len(matchTypeNames) {
		return matchTypeNames[m]
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler.
func (m MatchType) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// Query asks [Taxonomy.Lookup] for concepts.
type Query struct {
	// Text is the label to look for, in any language.
	Text string
	// Lang is the language of Text and of the wanted labels: nl, en, fr,
	// de, or "" / "any" for no preference. Labels in other languages still
	// match, ranked a little lower, so a concept without a label in Lang is
	// found through its other labels.
	Lang analysis.Lang
	// Kinds restricts the result to these kinds; empty means all.
	Kinds []Kind
	// Limit is the maximum number of results; 0 means 10.
	Limit int
	// Prefix treats the last word of Text as incomplete (autocomplete).
	Prefix bool
	// MinScore drops weaker matches; 0 means [DefaultMinScore].
	MinScore float64
	// NoFuzzy switches typo tolerance off.
	NoFuzzy bool
}

// DefaultMinScore is the score below which lookup results are dropped.
const DefaultMinScore = 0.3

// Match is a concept found by [Taxonomy.Lookup].
type Match struct {
	Concept *Concept `json:"concept"`
	// Score is between 0 and 1; 1 is an exact match of a preferred label
	// in the requested language.
	Score float64 `json:"score"`
	// Label is the label that matched.
	Label Label `json:"label"`
	// How says how the label matched.
	How MatchType `json:"how"`
}

// slots: one per analysed language plus one for labels in other languages.
const (
	numSlots    = 5
	neutralSlot = 4
)

func slotOf(lang string) int {
	switch lang {
	case "nl":
		return 0
	case "en":
		return 1
	case "fr":
		return 2
	case "de":
		return 3
	}
	return neutralSlot
}

// atom is a word of a label or query after compound splitting: a word
// that is not a compound, or a leaf part of one.
type atom struct {
	term string  // analysed term
	norm string  // folded surface
	unit int16   // index of the word (unit) the atom belongs to
	idf  float32 // weight
	// part marks a compound part; protected a code or acronym. A protected
	// atom never matches a compound part: SAP is not the sap in
	// sapproducent.
	part, protected bool
}

type labelEntry struct {
	concept int32
	label   int16 // index into Concept.Labels
	slot    uint8
	typ     LabelType
	atoms   []atom
	units   []string // analysed terms of the words, in order
	weight  float32  // sum of atom idf
}

type lookupIndex struct {
	chains  [numSlots]*analysis.Chain
	labels  []labelEntry
	exact   map[string][]int32
	postings [numSlots]map[string][]int32 // atom term → labels
	idf     [numSlots]map[string]float32
	maxIDF  [numSlots]float32
	// words is the sorted vocabulary of folded words and compound parts,
	// with the labels that contain each; it serves prefix and fuzzy lookup.
	words      []string
	wordLabels [][]int32
	deletes    map[string][]int32 // one-deletion variants → word indices
	// langMask has bit s set when the concept has a label in slot s.
	langMask []uint8
	pool     sync.Pool
}

// Chain returns the analysis chain the taxonomy uses for language l, built
// with the taxonomy's own vocabulary, or nil for an unsupported language.
func (t *Taxonomy) Chain(l analysis.Lang) *analysis.Chain {
	if !l.Supported() {
		return nil
	}
	return t.lookup.chains[slotOf(string(l))]
}

// Lexicon returns the lexicon of language l built from the taxonomy's
// labels, or nil for an unsupported language.
func (t *Taxonomy) Lexicon(l analysis.Lang) *analysis.Lexicon {
	if c := t.Chain(l); c != nil {
		return c.Lexicon()
	}
	return nil
}

func (t *Taxonomy) buildLookup() error {
	ix := &lookupIndex{exact: make(map[string][]int32), langMask: make([]uint8, len(t.concepts))}
	// Lexicons from the taxonomy's own labels, then one chain per language.
	texts := make(map[string][]string)
	for _, c := range t.concepts {
		for _, l := range c.Labels {
			if s := slotOf(l.Lang); s != neutralSlot {
				texts[l.Lang] = append(texts[l.Lang], l.Text)
			}
		}
	}
	for s, l := range analysis.Languages {
		cfg := analysis.DefaultConfig(l)
		cfg.Lexicon = analysis.NewLexicon(l, texts[string(l)]...)
		cfg.Protected = t.cfg.Protected
		ch, err := analysis.NewChain(cfg)
		if err != nil {
			return err
		}
		ix.chains[s] = ch
	}
	neutral := analysis.DefaultConfig(analysis.English)
	neutral.Stem, neutral.NormalizeGender, neutral.SplitCompounds = false, false, false
	neutral.Protected = t.cfg.Protected
	ch, err := analysis.NewChain(neutral)
	if err != nil {
		return err
	}
	ix.chains[neutralSlot] = ch

	for _, c := range t.concepts {
		for li, l := range c.Labels {
			s := slotOf(l.Lang)
			ix.langMask[c.idx] |= 1 << s
			ix.labels = append(ix.labels, labelEntry{concept: c.idx, label: int16(li), slot: uint8(s), typ: l.Type})
		}
	}
	// Analysing every label is the expensive part of a load: share it out.
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	chunk := (len(ix.labels) + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(ix.labels))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func(part []labelEntry) {
			defer wg.Done()
			var buf []analysis.Token
			for i := range part {
				e := &part[i]
				text := t.concepts[e.concept].Labels[e.label].Text
				buf = ix.chains[e.slot].AppendTokens(buf[:0], text)
				e.atoms, e.units = atomize(buf)
			}
		}(ix.labels[lo:hi])
	}
	wg.Wait()

	for s := range ix.postings {
		ix.postings[s] = make(map[string][]int32)
	}
	wordSet := make(map[string][]int32)
	for i := range ix.labels {
		e := &ix.labels[i]
		key := analysis.Normalize(t.concepts[e.concept].Labels[e.label].Text)
		ix.exact[key] = appendUnique(ix.exact[key], int32(i))
		for _, a := range e.atoms {
			ix.postings[e.slot][a.term] = appendUnique(ix.postings[e.slot][a.term], int32(i))
			wordSet[a.norm] = appendUnique(wordSet[a.norm], int32(i))
		}
	}
	// Unit norms (whole compounds) join the vocabulary too, for prefixes
	// and typos in compounds.
	for i := range ix.labels {
		e := &ix.labels[i]
		text := t.concepts[e.concept].Labels[e.label].Text
		for _, w := range strings.Fields(analysis.Normalize(text)) {
			if len(w) >= analysis.MinLexiconWord {
				wordSet[w] = appendUnique(wordSet[w], int32(i))
			}
		}
	}
	// IDF per slot over labels.
	for s := range ix.idf {
		n := 0
		for i := range ix.labels {
			if int(ix.labels[i].slot) == s {
				n++
			}
		}
		ix.idf[s] = make(map[string]float32, len(ix.postings[s]))
		for term, ps := range ix.postings[s] {
			v := float32(math.Log(1 + float64(n)/float64(len(ps))))
			ix.idf[s][term] = v
			if v > ix.maxIDF[s] {
				ix.maxIDF[s] = v
			}
		}
	}
	for i := range ix.labels {
		e := &ix.labels[i]
		var w float32
		for k := range e.atoms {
			e.atoms[k].idf = ix.idf[e.slot][e.atoms[k].term]
			w += e.atoms[k].idf
		}
		e.weight = w
	}
	ix.words = make([]string, 0, len(wordSet))
	for w := range wordSet {
		ix.words = append(ix.words, w)
	}
	sort.Strings(ix.words)
	ix.wordLabels = make([][]int32, len(ix.words))
	for i, w := range ix.words {
		ix.wordLabels[i] = wordSet[w]
	}
	if t.cfg.Fuzzy {
		ix.deletes = make(map[string][]int32, len(ix.words)*8)
		for i, w := range ix.words {
			if !fuzzyWord(w) {
				continue
			}
			forDeletes(w, func(d string) {
				ix.deletes[d] = append(ix.deletes[d], int32(i))
			})
		}
	}
	ix.pool.New = func() any { return newScratch(len(ix.labels), len(t.concepts)) }
	t.lookup = ix
	return nil
}

func appendUnique(s []int32, v int32) []int32 {
	if n := len(s); n > 0 && s[n-1] == v {
		return s
	}
	return append(s, v)
}

// atomize turns the tokens of a text into atoms (the leaves of compound
// splits, and plain words) and the list of word terms.
func atomize(toks []analysis.Token) ([]atom, []string) {
	var atoms []atom
	var units []string
	for i := 0; i < len(toks); {
		t := toks[i]
		j := i + 1
		for j < len(toks) && toks[j].Flags&analysis.CompoundPart != 0 {
			j++
		}
		u := int16(len(units))
		units = append(units, t.Term)
		if j == i+1 {
			atoms = append(atoms, atom{term: t.Term, norm: t.Norm, unit: u, protected: t.Flags&analysis.Protected != 0})
		} else {
			parts := toks[i+1 : j]
			for k, p := range parts {
				if !isLeaf(parts, k) {
					continue
				}
				if !slices.ContainsFunc(atoms, func(a atom) bool { return a.unit == u && a.term == p.Term }) {
					atoms = append(atoms, atom{term: p.Term, norm: p.Norm, unit: u, part: true})
				}
			}
		}
		i = j
	}
	return atoms, units
}

// isLeaf reports whether parts[k] is not split further by other parts.
func isLeaf(parts []analysis.Token, k int) bool {
	p := parts[k].Norm
	for i, q := range parts {
		if i != k && len(q.Norm) < len(p) && strings.Contains(p, q.Norm) {
			return false
		}
	}
	return true
}

// fuzzyWord reports whether w takes part in typo matching: words of at
// least four letters.
func fuzzyWord(w string) bool { return len(w) >= 4 && len(w) <= 40 }

// forDeletes calls f with every string made by deleting one byte of w at a
// rune boundary.
func forDeletes(w string, f func(string)) {
	for i := 0; i < len(w); {
		size := 1
		for i+size < len(w) && w[i+size]&0xC0 == 0x80 {
			size++
		}
		f(w[:i] + w[i+size:])
		i += size
	}
}

// maxEdits is the typo budget for a word of n bytes.
func maxEdits(n int) int {
	switch {
	case n < 4:
		return 0
	case n < 8:
		return 1
	default:
		return 2
	}
}

// scratch is per-query working memory, pooled.
type scratch struct {
	epoch     uint32
	seen      []uint32 // label → epoch when it became a candidate
	cands     []int32
	bestEpoch []uint32 // concept → epoch of best
	best      []Match
	bestIdx   []int32
}

func newScratch(labels, concepts int) *scratch {
	return &scratch{seen: make([]uint32, labels), bestEpoch: make([]uint32, concepts), best: make([]Match, concepts)}
}

// queryView is the query as seen by one language's chain.
type queryView struct {
	atoms  []atom
	units  []string
	weight float32
	// fuzzy maps a query atom index to the label words within its typo
	// budget, with their distance.
	fuzzy map[int]map[string]int
}

// Lookup returns the concepts whose labels match q.Text best, best first.
// Scores are between 0 and 1. See [Query] for the options and [MatchType]
// for how labels match.
func (t *Taxonomy) Lookup(q Query) []Match {
	ix := t.lookup
	text := strings.TrimSpace(q.Text)
	if text == "" || ix == nil {
		return nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	minScore := q.MinScore
	if minScore <= 0 {
		minScore = DefaultMinScore
	}
	want := -1
	if q.Lang.Supported() {
		want = slotOf(string(q.Lang))
	}
	sc := ix.pool.Get().(*scratch)
	defer ix.pool.Put(sc)
	sc.epoch++
	if sc.epoch == 0 { // wrapped: clear the marks
		clear(sc.seen)
		clear(sc.bestEpoch)
		sc.epoch = 1
	}
	sc.cands = sc.cands[:0]
	sc.bestIdx = sc.bestIdx[:0]
	add := func(ls []int32) {
		for _, l := range ls {
			if sc.seen[l] != sc.epoch {
				sc.seen[l] = sc.epoch
				sc.cands = append(sc.cands, l)
			}
		}
	}

	key := analysis.Normalize(text)
	body, prefix := text, ""
	if q.Prefix {
		ws := strings.Fields(key)
		if len(ws) > 0 {
			prefix = ws[len(ws)-1]
			// Analyse everything but the incomplete last word.
			if i := lastWordStart(text); i >= 0 {
				body = text[:i]
			}
		}
	}

	var views [numSlots]queryView
	var buf []analysis.Token
	for s := range views {
		buf = ix.chains[s].AppendTokens(buf[:0], body)
		v := &views[s]
		v.atoms, v.units = atomize(buf)
		for k := range v.atoms {
			a := &v.atoms[k]
			idf, ok := ix.idf[s][a.term]
			if !ok {
				idf = ix.maxIDF[s]
			}
			a.idf = idf
			v.weight += idf
			if ps, ok := ix.postings[s][a.term]; ok {
				add(ps)
			} else if !q.NoFuzzy && ix.deletes != nil {
				if fz := ix.fuzzyWords(a.norm); len(fz) > 0 {
					if v.fuzzy == nil {
						v.fuzzy = make(map[int]map[string]int)
					}
					v.fuzzy[k] = fz
					for w := range fz {
						if i, ok := slices.BinarySearch(ix.words, w); ok {
							add(ix.wordLabels[i])
						}
					}
				}
			}
		}
	}
	prefixWeight := float32(0)
	if prefix != "" {
		lo, _ := slices.BinarySearch(ix.words, prefix)
		const maxPrefixWords = 400
		for i := lo; i < len(ix.words) && i-lo < maxPrefixWords && strings.HasPrefix(ix.words[i], prefix); i++ {
			add(ix.wordLabels[i])
		}
		prefixWeight = 3
	}
	exact := ix.exact[key]
	add(exact)

	for _, li := range sc.cands {
		e := &ix.labels[li]
		if len(q.Kinds) > 0 && !slices.Contains(q.Kinds, t.concepts[e.concept].Kind) {
			continue
		}
		var score float64
		var how MatchType
		if slices.Contains(exact, li) && !q.Prefix {
			score, how = 1, MatchExact
		} else {
			score, how = scoreLabel(e, &views[e.slot], prefix, prefixWeight)
		}
		if score <= 0 {
			continue
		}
		if e.typ == Alt {
			score *= 0.98
		}
		if want >= 0 && int(e.slot) != want {
			if ix.langMask[e.concept]&(1<<want) != 0 {
				score *= 0.9
			} else {
				score *= 0.97
			}
		}
		if score < minScore {
			continue
		}
		c := t.concepts[e.concept]
		if sc.bestEpoch[e.concept] == sc.epoch {
			b := &sc.best[e.concept]
			if score > b.Score || (score == b.Score && len(c.Labels[e.label].Text) < len(b.Label.Text)) {
				b.Score, b.Label, b.How = score, c.Labels[e.label], how
			}
			continue
		}
		sc.bestEpoch[e.concept] = sc.epoch
		sc.best[e.concept] = Match{Concept: c, Score: score, Label: c.Labels[e.label], How: how}
		sc.bestIdx = append(sc.bestIdx, e.concept)
	}
	out := make([]Match, 0, len(sc.bestIdx))
	for _, ci := range sc.bestIdx {
		out = append(out, sc.best[ci])
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		if li, lj := len(out[i].Label.Text), len(out[j].Label.Text); li != lj {
			return li < lj
		}
		return out[i].Concept.ID < out[j].Concept.ID
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// lastWordStart returns the byte offset where the last word of s starts.
func lastWordStart(s string) int {
	s = strings.TrimRight(s, " \t")
	i := strings.LastIndexAny(s, " \t-/(")
	return i + 1
}

// fuzzyWords returns the vocabulary words within the typo budget of w.
func (ix *lookupIndex) fuzzyWords(w string) map[string]int {
	budget := maxEdits(len(w))
	if budget == 0 || !fuzzyWord(w) {
		return nil
	}
	if _, ok := slices.BinarySearch(ix.words, w); ok {
		return nil // w is a word of the vocabulary: no typo
	}
	var out map[string]int
	try := func(cands []int32) {
		for _, c := range cands {
			cw := ix.words[c]
			if _, done := out[cw]; done || cw == w {
				continue
			}
			if d := damerau(w, cw, budget); d <= budget {
				if out == nil {
					out = make(map[string]int)
				}
				out[cw] = d
			}
		}
	}
	try(ix.deletes[w]) // w is a word with one letter deleted
	forDeletes(w, func(d string) {
		try(ix.deletes[d]) // substitutions and transpositions
		if i, ok := slices.BinarySearch(ix.words, d); ok {
			try([]int32{int32(i)}) // w has one letter too many
		}
	})
	return out
}

// damerau returns the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and adjacent transpositions), or
// max+1 when it exceeds max.
func damerau(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// scoreLabel scores a label against the query view of its language. The
// score is qCov^0.6 · lCov^0.4, where qCov is the share of the query's atom
// weight (IDF) that the label covers and lCov the share of the label's atom
// weight that the query covers; fuzzy atoms count 0.85 (one typo) or 0.7
// (two), prefix atoms 0.8 to 1 depending on how much of the word is typed.
// A small factor then separates stemmed (0.97), reordered (0.95) and
// compound (0.93) matches.
func scoreLabel(e *labelEntry, v *queryView, prefix string, prefixWeight float32) (float64, MatchType) {
	if e.weight == 0 {
		return 0, 0
	}
	var lCovered [64]float32
	var qCov float32
	fuzzyUsed, prefixUsed := false, false
	for k, a := range v.atoms {
		best := float32(0)
		for m, b := range e.atoms {
			s := float32(0)
			if a.term == b.term {
				if !(a.protected && b.part) && !(b.protected && a.part) {
					s = 1
				}
			} else if d, ok := v.fuzzy[k][b.norm]; ok {
				s = 1 - 0.15*float32(d)
				fuzzyUsed = true
			}
			if s > best {
				best = s
			}
			if m < len(lCovered) && s > lCovered[m] {
				lCovered[m] = s
			}
		}
		qCov += a.idf * best
	}
	qWeight := v.weight
	if prefix != "" {
		qWeight += prefixWeight
		best := float32(0)
		bestM := -1
		for m, b := range e.atoms {
			if strings.HasPrefix(b.norm, prefix) {
				s := 0.8 + 0.2*float32(len(prefix))/float32(len(b.norm))
				if s > best {
					best, bestM = s, m
				}
			}
		}
		if best == 0 {
			// The prefix may start a compound whose first part is an atom.
			for m, b := range e.atoms {
				if m == 0 || e.atoms[m-1].unit != b.unit {
					if strings.HasPrefix(prefix, b.norm) || strings.HasPrefix(b.norm, prefix) {
						best, bestM = 0.8, m
						break
					}
				}
			}
		}
		if bestM >= 0 {
			prefixUsed = true
			qCov += prefixWeight * best
			if bestM < len(lCovered) && best > lCovered[bestM] {
				lCovered[bestM] = best
			}
		}
	}
	if qCov == 0 || qWeight == 0 {
		return 0, 0
	}
	var lCov float32
	for m, b := range e.atoms {
		if m < len(lCovered) {
			lCov += b.idf * lCovered[m]
		}
	}
	qc := float64(qCov / qWeight)
	lc := float64(lCov / e.weight)
	if lc > 1 {
		lc = 1
	}
	// Autocomplete cares most about covering what was typed.
	qExp, lExp := 0.6, 0.4
	if prefix != "" {
		qExp, lExp = 0.8, 0.2
	}
	score := math.Pow(qc, qExp) * math.Pow(lc, lExp)
	how := MatchPartial
	switch {
	case prefixUsed && qc > 0.999:
		how = MatchPrefix
	case fuzzyUsed && qc > 0.99 && lc > 0.99:
		how = MatchFuzzy
	case qc > 0.999 && lc > 0.999:
		switch {
		case slices.Equal(v.units, e.units):
			how, score = MatchStemmed, score*0.97
		case sameSet(v.units, e.units):
			how, score = MatchReordered, score*0.95
		default:
			how, score = MatchCompound, score*0.93
		}
	}
	return score, how
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}
