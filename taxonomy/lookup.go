package taxonomy

import (
	"iter"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/internal/freelist"
	"github.com/skillsnavigator/skillsnav/internal/topk"
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

// noPruning switches MaxScore pruning off; tests use it to check that
// pruning never changes a result.
var noPruning = false

// Autocomplete limits: the words a prefix expands to, and the labels
// visited for them.
const (
	maxPrefixWords  = 400
	maxPrefixLabels = 3000
)

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

// Atom is a word of an analysed label or query after compound splitting:
// a word that is not a compound, or a leaf part of one.
type Atom struct {
	// Term is the analysed (stemmed) form; Norm the folded surface form.
	Term, Norm string
	// Unit is the index of the word the atom belongs to: the parts of a
	// compound share their word's unit.
	Unit int16
	// IDF weighs the atom: log(1 + labels / labels with this term), over
	// the labels of the same language.
	IDF float32
	// Part marks a compound part; Protected a code or acronym. A protected
	// atom never matches a compound part: SAP is not the sap in
	// sapproducent.
	Part, Protected bool
	// id is the interned Term, so that scoring compares integers; -1 for
	// a term no label has.
	id int32
}

type labelEntry struct {
	// variant is the text indexed when it is a gendered form of a label
	// that holds two ("conducteur/conductrice"); empty means the label.
	variant string
	concept int32
	label   int16 // index into Concept.Labels
	slot    uint8
	typ     LabelType
	atoms   []Atom
	units   []string // analysed terms of the words, in order
	weight  float32  // sum of atom idf
}

type lookupIndex struct {
	chains   [numSlots]*analysis.Chain
	labels   []labelEntry
	exact    map[string][]int32
	postings [numSlots]map[string][]int32 // atom term → labels
	idf      [numSlots]map[string]float32
	// slotLabels counts the labels per slot; empty slots are skipped.
	slotLabels [numSlots]int
	maxIDF     [numSlots]float32
	// termIDs interns the atom terms of all labels.
	termIDs map[string]int32
	meanIDF [numSlots]float32
	// words is the sorted vocabulary of folded words and compound parts,
	// with the labels that contain each; it serves prefix and fuzzy lookup.
	words      []string
	wordLabels [][]int32
	// deletes holds, sorted, the hash of every one-deletion variant of every
	// vocabulary word in the high bits and the word's index in the low
	// deleteWordBits bits (symmetric-delete typo lookup; hash collisions
	// are harmless, candidates are verified by edit distance).
	deletes []uint64
	// langMask has bit s set when the concept has a label in slot s.
	langMask []uint8
	pool     *freelist.List[*scratch]
	// kindRange holds, per kind, the range of label indexes of that kind.
	kindRange [KindISCOGroup + 1][2]int32
}

// AnalyzedLabel is a label as the taxonomy's lookup index analysed it,
// with the chain of the label's language.
type AnalyzedLabel struct {
	Concept *Concept
	Label   Label
	// Atoms are the label's words after compound splitting, with weights.
	// The slice is shared and must not be modified.
	Atoms []Atom
	// Units are the analysed terms of the label's words, in order. Shared.
	Units []string
}

// AnalyzedLabels iterates over every label of every concept, analysed.
// Extraction builds its dictionaries from them, so that text and labels go
// through exactly the same chains.
func (t *Taxonomy) AnalyzedLabels() iter.Seq[AnalyzedLabel] {
	return func(yield func(AnalyzedLabel) bool) {
		for i := range t.lookup.labels {
			e := &t.lookup.labels[i]
			c := t.concepts[e.concept]
			if !yield(AnalyzedLabel{Concept: c, Label: c.Labels[e.label], Atoms: e.atoms, Units: e.units}) {
				return
			}
		}
	}
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
	ix := &lookupIndex{langMask: make([]uint8, len(t.concepts))}
	// Labels are laid out kind by kind, so that the labels of a kind are a
	// contiguous range of indexes and a kind filter is a binary search in
	// every (sorted) posting list.
	for _, k := range Kinds {
		ix.kindRange[k][0] = int32(len(ix.labels))
		for _, c := range t.concepts {
			if c.Kind != k {
				continue
			}
			for li, l := range c.Labels {
				s := slotOf(l.Lang)
				ix.langMask[c.idx] |= 1 << s
				vs := LabelVariants(l.Text)
				if len(vs) == 1 {
					vs[0] = ""
				}
				for _, v := range vs {
					ix.labels = append(ix.labels, labelEntry{variant: v, concept: c.idx, label: int16(li), slot: uint8(s), typ: l.Type})
				}
			}
		}
		ix.kindRange[k][1] = int32(len(ix.labels))
	}
	text := func(e *labelEntry) string {
		if e.variant != "" {
			return e.variant
		}
		return t.concepts[e.concept].Labels[e.label].Text
	}

	// 1. Normalise every label (the key of exact matches, and the words of
	// the lexicons).
	keys := make([]string, len(ix.labels))
	parallel(len(ix.labels), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			keys[i] = analysis.Normalize(text(&ix.labels[i]))
		}
	})

	// 2. One lexicon per language from the taxonomy's own labels, and the
	// chains that use them.
	var perLang [4][]string
	for i := range ix.labels {
		if s := ix.labels[i].slot; s != neutralSlot {
			perLang[s] = append(perLang[s], keys[i])
		}
	}
	var lexicons [4]*analysis.Lexicon
	parallel(len(analysis.Languages), func(lo, hi int) {
		for s := lo; s < hi; s++ {
			lexicons[s] = analysis.NewLexiconNormalized(analysis.Languages[s], perLang[s])
		}
	})
	for s, l := range analysis.Languages {
		cfg := analysis.DefaultConfig(l)
		cfg.Lexicon = lexicons[s]
		cfg.Protected = t.cfg.Protected
		if t.cfg.NoCompoundSplitting {
			cfg.SplitCompounds = false
		}
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

	// 3. Analyse every label with the chain of its language: the expensive
	// part of a load, shared out over the cores.
	compounds := make([][]string, len(ix.labels))
	parallel(len(ix.labels), func(lo, hi int) {
		var buf []analysis.Token
		var ar arena
		for i := lo; i < hi; i++ {
			e := &ix.labels[i]
			buf = ix.chains[e.slot].AppendTokens(buf[:0], text(e))
			atoms, units, comp := atomize(buf)
			e.atoms, e.units = ar.atoms(atoms), ar.strings(units)
			if len(comp) > 0 {
				compounds[i] = ar.strings(comp)
			}
		}
	})

	// The three indexes are independent: build them side by side.
	var bwg sync.WaitGroup
	bwg.Add(3)
	go func() { defer bwg.Done(); ix.buildExact(keys) }()
	go func() { defer bwg.Done(); ix.buildPostings() }()
	go func() { defer bwg.Done(); ix.buildVocabulary(compounds, t.cfg.Fuzzy) }()
	bwg.Wait()
	ix.weighLabels()
	ix.pool = freelist.New(2*runtime.GOMAXPROCS(0), func() *scratch { return newScratch(len(ix.labels), len(t.concepts)) })
	t.lookup = ix
	return nil
}

// parallel runs f over [0, n) split in one contiguous range per core.
func parallel(n int, f func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	chunk := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += chunk {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			f(lo, hi)
		}(lo, min(lo+chunk, n))
	}
	wg.Wait()
}

// arena hands out small slices cut from large chunks, so that the lookup
// index of a big taxonomy is a few thousand allocations instead of
// hundreds of thousands.
type arena struct {
	a []Atom
	s []string
}

const arenaChunk = 1 << 14

func (ar *arena) atoms(src []Atom) []Atom       { return arenaCopy(&ar.a, src) }
func (ar *arena) strings(src []string) []string { return arenaCopy(&ar.s, src) }

// arenaCopy copies src into the chunk *buf, starting a new chunk when it is
// full, and returns the copy with its capacity capped.
func arenaCopy[T any](buf *[]T, src []T) []T {
	if len(src) > cap(*buf)-len(*buf) {
		*buf = make([]T, 0, max(arenaChunk, len(src)))
	}
	n := len(*buf)
	*buf = append(*buf, src...)
	return (*buf)[n:len(*buf):len(*buf)]
}

// buildExact indexes the normalised label texts for exact matches.
func (ix *lookupIndex) buildExact(keys []string) {
	ix.exact = make(map[string][]int32, len(keys))
	for i, key := range keys {
		ix.exact[key] = appendUnique(ix.exact[key], int32(i))
	}
}

// buildPostings indexes the labels by atom term per language slot, with
// the IDF of each term.
func (ix *lookupIndex) buildPostings() {
	n := &ix.slotLabels
	for s := range ix.postings {
		ix.postings[s] = make(map[string][]int32)
	}
	ix.termIDs = make(map[string]int32)
	for i := range ix.labels {
		e := &ix.labels[i]
		n[e.slot]++
		for _, a := range e.atoms {
			ix.postings[e.slot][a.Term] = appendUnique(ix.postings[e.slot][a.Term], int32(i))
			if _, ok := ix.termIDs[a.Term]; !ok {
				ix.termIDs[a.Term] = int32(len(ix.termIDs))
			}
		}
	}
	for s := range ix.idf {
		ix.idf[s] = make(map[string]float32, len(ix.postings[s]))
		var sum float64
		for term, ps := range ix.postings[s] {
			v := float32(math.Log(1 + float64(n[s])/float64(len(ps))))
			ix.idf[s][term] = v
			ix.maxIDF[s] = max(ix.maxIDF[s], v)
			sum += float64(v)
		}
		if len(ix.idf[s]) > 0 {
			ix.meanIDF[s] = float32(sum / float64(len(ix.idf[s])))
		}
	}
}

// weighLabels sets every label atom's IDF and each label's total weight.
// It runs after the concurrent index builders, which only read atoms.
func (ix *lookupIndex) weighLabels() {
	parallel(len(ix.labels), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			e := &ix.labels[i]
			var w float32
			for k := range e.atoms {
				a := &e.atoms[k]
				a.IDF = ix.idf[e.slot][a.Term]
				a.id = ix.termIDs[a.Term]
				w += a.IDF
			}
			e.weight = w
		}
	})
}

// buildVocabulary collects the folded words of the labels (their atoms,
// and their compounds whole) with the labels that hold them, sorted for
// prefix search, and the deletion index for typos.
func (ix *lookupIndex) buildVocabulary(compounds [][]string, fuzzy bool) {
	wordSet := make(map[string][]int32)
	for i := range ix.labels {
		for _, a := range ix.labels[i].atoms {
			wordSet[a.Norm] = appendUnique(wordSet[a.Norm], int32(i))
		}
		// Compounds join whole, for prefixes and typos in compounds
		// (heftrukchauffeur).
		for _, w := range compounds[i] {
			wordSet[w] = appendUnique(wordSet[w], int32(i))
		}
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
	if !fuzzy || len(ix.words) >= 1<<deleteWordBits {
		return
	}
	for i, w := range ix.words {
		if fuzzyWord(w) {
			forDeletes(w, func(h uint64) {
				ix.deletes = append(ix.deletes, h<<deleteWordBits|uint64(i))
			})
		}
	}
	slices.Sort(ix.deletes)
}

// LabelVariants returns the forms a label is indexed under: the label
// itself, or its two gendered forms when it holds both, as ESCO's French
// and German labels do ("conducteur de grue/conductrice de grue",
// "Gabelstaplerfahrer/Gabelstaplerfahrerin"). A label is split at its only
// '/' when both sides are at least four characters long and share a stem
// of at least three, so codes such as "MIG/MAG" stay whole. When the
// first form is shorter in words, the second form's tail belongs to both
// ("chaudronnier/chaudronnière de cuivre" is "chaudronnier de cuivre"
// and "chaudronnière de cuivre", "Leiter/Leiterin Vertrieb" is "Leiter
// Vertrieb" and "Leiterin Vertrieb").
func LabelVariants(text string) []string {
	i := strings.IndexByte(text, '/')
	if i < 0 || strings.IndexByte(text[i+1:], '/') >= 0 {
		return []string{text}
	}
	a, b := strings.TrimSpace(text[:i]), strings.TrimSpace(text[i+1:])
	if len(a) < 4 || len(b) < 4 {
		return []string{text}
	}
	fa, fb := analysis.Fold(a), analysis.Fold(b)
	n := 0
	for n < len(fa) && n < len(fb) && fa[n] == fb[n] {
		n++
	}
	if n < 3 {
		return []string{text}
	}
	if wa, wb := strings.Fields(a), strings.Fields(b); len(wa) < len(wb) {
		a = strings.Join(append(wa, wb[len(wa):]...), " ")
	}
	return []string{a, b}
}

func appendUnique(s []int32, v int32) []int32 {
	if n := len(s); n > 0 && s[n-1] == v {
		return s
	}
	return append(s, v)
}

// Atoms analyses text with the chain of language l, as Lookup analyses a
// query, and returns its atoms weighed by the IDF of l's labels (the mean
// IDF for a term no label has); nil for an unsupported language.
func (t *Taxonomy) Atoms(text string, l analysis.Lang) []Atom {
	ix := t.lookup
	if ix == nil || !l.Supported() {
		return nil
	}
	s := slotOf(string(l))
	atoms := atomizeText(ix.chains[s], text)
	for k := range atoms {
		idf, ok := ix.idf[s][atoms[k].Term]
		if !ok {
			idf = ix.meanIDF[s]
		}
		atoms[k].IDF = idf
	}
	return atoms
}

func atomizeText(ch *analysis.Chain, text string) []Atom {
	atoms, _, _ := atomize(ch.AppendTokens(nil, text))
	return atoms
}

// atomize turns the tokens of a text into atoms (the leaves of compound
// splits, and plain words), the list of word terms, and the folded forms of
// the words that are compounds.
func atomize(toks []analysis.Token) ([]Atom, []string, []string) {
	return appendAtoms(nil, nil, nil, toks)
}

// appendAtoms is atomize appending to the given slices, so queries can
// reuse buffers.
func appendAtoms(atoms []Atom, units, compounds []string, toks []analysis.Token) ([]Atom, []string, []string) {
	first := len(atoms)
	for i := 0; i < len(toks); {
		t := toks[i]
		j := i + 1
		for j < len(toks) && toks[j].Flags&analysis.CompoundPart != 0 {
			j++
		}
		u := int16(len(units))
		units = append(units, t.Term)
		if j == i+1 {
			atoms = append(atoms, Atom{Term: t.Term, Norm: t.Norm, Unit: u, Protected: t.Flags&analysis.Protected != 0})
		} else {
			compounds = append(compounds, t.Norm)
			parts := toks[i+1 : j]
			for k, p := range parts {
				if !isLeaf(parts, k) {
					continue
				}
				if !slices.ContainsFunc(atoms[first:], func(a Atom) bool { return a.Unit == u && a.Term == p.Term }) {
					atoms = append(atoms, Atom{Term: p.Term, Norm: p.Norm, Unit: u, Part: true})
				}
			}
		}
		i = j
	}
	return atoms, units, compounds
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

// deleteWordBits is the number of low bits of a deletes entry that hold
// the word index; it bounds the typo-tolerant vocabulary at 2^22 words.
const deleteWordBits = 22

// FNV-1a, 64 bit.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// forDeletes calls f with the hash of every string made by deleting one
// rune of w, without building the strings.
func forDeletes(w string, f func(uint64)) {
	for i := 0; i < len(w); {
		size := 1
		for i+size < len(w) && w[i+size]&0xC0 == 0x80 {
			size++
		}
		f(hashString(hashString(fnvOffset, w[:i]), w[i+size:]))
		i += size
	}
}

// deleted returns the entries whose deletion variants hash to h (in the
// bits that deletes keeps).
func (ix *lookupIndex) deleted(h uint64) []uint64 {
	lo := (h << deleteWordBits)
	i, _ := slices.BinarySearch(ix.deletes, lo)
	j := i
	for j < len(ix.deletes) && ix.deletes[j]>>deleteWordBits == lo>>deleteWordBits {
		j++
	}
	return ix.deletes[i:j]
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
	seen      []uint32 // label → epoch when it was scored
	bestEpoch []uint32 // concept → epoch of best
	best      []Match
	bestIdx   []int32
	groups    []postingGroup
	top       []float64
	words     []string
	toks      []analysis.Token
	views     [numSlots]queryView
}

// postingGroup is a set of posting lists visited together: the labels of
// one query atom (or of its typo neighbours, or of the prefix).
type postingGroup struct {
	slot  int     // language slot, or -1 for the prefix (all slots)
	gain  float32 // most this group adds to a label's query coverage
	lists [][]int32
	// anySlot says the lists need no filtering by slot: postings are per
	// slot already, and the prefix serves every slot.
	anySlot bool
}

// kthBest returns the k-th best concept score found so far, or 0, in time
// linear in the number of concepts found (quickselect).
func (sc *scratch) kthBest(k int) float64 {
	if len(sc.bestIdx) < k {
		return 0
	}
	sc.top = sc.top[:0]
	for _, ci := range sc.bestIdx {
		sc.top = append(sc.top, sc.best[ci].Score)
	}
	top := topk.Select(sc.top, k, func(a, b float64) bool { return a > b })
	return slices.Min(top)
}

func newScratch(labels, concepts int) *scratch {
	return &scratch{seen: make([]uint32, labels), bestEpoch: make([]uint32, concepts), best: make([]Match, concepts)}
}

// queryView is the query as seen by one language's chain.
type queryView struct {
	atoms  []Atom
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
	sc := ix.pool.Get()
	defer ix.pool.Put(sc)
	sc.epoch++
	if sc.epoch == 0 { // wrapped: clear the marks
		clear(sc.seen)
		clear(sc.bestEpoch)
		sc.epoch = 1
	}
	sc.bestIdx = sc.bestIdx[:0]

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
	var prefixWeight float32
	if prefix != "" {
		prefixWeight = 3
	}
	qExp := 0.6
	if prefix != "" {
		qExp = 0.8
	}

	// Analyse the query once per language, and collect the posting lists
	// to visit: one per query atom (or its typo neighbours) and one for the
	// prefix, each with the most it can add to a label's query coverage.
	views := &sc.views
	groups := sc.groups[:0]
	for s := range views {
		v := &views[s]
		v.atoms, v.units, v.weight, v.fuzzy = v.atoms[:0], v.units[:0], 0, nil
		if ix.slotLabels[s] == 0 {
			continue // no labels in this language
		}
		sc.toks = ix.chains[s].AppendTokens(sc.toks[:0], body)
		v.atoms, v.units, _ = appendAtoms(v.atoms, v.units, nil, sc.toks)
		for k := range v.atoms {
			a := &v.atoms[k]
			if id, ok := ix.termIDs[a.Term]; ok {
				a.id = id
			} else {
				a.id = -1
			}
			idf, ok := ix.idf[s][a.Term]
			if !ok {
				// A word no label has weighs like an average word: it
				// lowers every score alike without swamping the rest.
				idf = ix.meanIDF[s]
			}
			a.IDF = idf
			v.weight += idf
		}
		total := v.weight + prefixWeight
		for k := range v.atoms {
			a := &v.atoms[k]
			if ps, ok := ix.postings[s][a.Term]; ok {
				groups = append(groups, postingGroup{slot: s, gain: a.IDF / total, lists: [][]int32{ps}, anySlot: true})
			} else if !q.NoFuzzy && len(ix.deletes) > 0 {
				if fz := ix.fuzzyWords(a.Norm); len(fz) > 0 {
					if v.fuzzy == nil {
						v.fuzzy = make(map[int]map[string]int)
					}
					v.fuzzy[k] = fz
					g := postingGroup{slot: s, gain: a.IDF * 0.85 / total}
					for w := range fz {
						if i, ok := slices.BinarySearch(ix.words, w); ok {
							g.lists = append(g.lists, ix.wordLabels[i])
						}
					}
					groups = append(groups, g)
				}
			}
		}
	}
	if prefix != "" {
		g := postingGroup{slot: -1, gain: 1, anySlot: true}
		lo, _ := slices.BinarySearch(ix.words, prefix)
		hi := lo
		for hi < len(ix.words) && hi-lo < maxPrefixWords && strings.HasPrefix(ix.words[hi], prefix) {
			hi++
		}
		// Shorter completions score higher: visit them first, and stop
		// after maxPrefixLabels labels (a one-letter prefix names half the
		// vocabulary).
		words := append(sc.words[:0], ix.words[lo:hi]...)
		sc.words = words
		slices.SortStableFunc(words, func(a, b string) int { return len(a) - len(b) })
		budget := maxPrefixLabels
		if len(prefix) < 3 {
			budget /= 2 // one or two letters say little: fewer, shorter completions
		}
		n := 0
		for _, w := range words {
			i, _ := slices.BinarySearch(ix.words[lo:hi], w)
			l := ix.wordLabels[lo+i]
			g.lists = append(g.lists, l)
			if n += len(l); n >= budget {
				break
			}
		}
		// The prefix gain depends on the label's language (the query weighs
		// differently in each chain): bound it by the largest.
		g.gain = 0
		for s := range views {
			if ix.slotLabels[s] > 0 {
				g.gain = max(g.gain, prefixWeight/(views[s].weight+prefixWeight))
			}
		}
		groups = append(groups, g)
	}
	sc.groups = groups
	// Rarest first: the lists that can add the most come first, so that the
	// long lists of common words can be skipped once they cannot change the
	// result (MaxScore pruning; the result is exact).
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].gain > groups[j].gain })
	var rest [numSlots]float32
	var prefixGain float32
	for _, g := range groups {
		if g.slot < 0 {
			prefixGain = g.gain
			continue
		}
		rest[g.slot] += g.gain
	}
	for s := range rest {
		rest[s] += prefixGain
	}

	exact := ix.exact[key]
	visit := func(li int32) {
		if sc.seen[li] == sc.epoch {
			return
		}
		sc.seen[li] = sc.epoch
		e := &ix.labels[li] // of a wanted kind: restrict filtered it
		var score float64
		var how MatchType
		if slices.Contains(exact, li) && !q.Prefix {
			score, how = 1, MatchExact
		} else {
			score, how = scoreLabel(e, &views[e.slot], prefix, prefixWeight)
		}
		if score <= 0 {
			return
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
			return
		}
		c := t.concepts[e.concept]
		if sc.bestEpoch[e.concept] == sc.epoch {
			b := &sc.best[e.concept]
			if score > b.Score || (score == b.Score && len(c.Labels[e.label].Text) < len(b.Label.Text)) {
				b.Score, b.Label, b.How = score, c.Labels[e.label], how
			}
			return
		}
		sc.bestEpoch[e.concept] = sc.epoch
		sc.best[e.concept] = Match{Concept: c, Score: score, Label: c.Labels[e.label], How: how}
		sc.bestIdx = append(sc.bestIdx, e.concept)
	}
	// restrict cuts a sorted list of labels to the wanted kinds.
	restrict := func(l []int32, f func(int32)) {
		if len(q.Kinds) == 0 {
			for _, li := range l {
				f(li)
			}
			return
		}
		for _, k := range q.Kinds {
			if k < KindSkill || k > KindISCOGroup {
				continue
			}
			r := ix.kindRange[k]
			lo, _ := slices.BinarySearch(l, r[0])
			for _, li := range l[lo:] {
				if li >= r[1] {
					break
				}
				f(li)
			}
		}
	}
	restrict(exact, visit)
	for _, g := range groups {
		// A label first reached now matches none of the lists before this
		// one, so its query coverage is at most what this list and the later
		// lists of its language can add.
		bound := prefixGain
		if g.slot >= 0 {
			bound = rest[g.slot]
		}
		threshold := max(minScore, sc.kthBest(limit))
		if !noPruning && math.Pow(float64(min(bound, 1)), qExp) < threshold {
			if g.slot >= 0 {
				rest[g.slot] -= g.gain
			}
			continue
		}
		if g.anySlot {
			for _, l := range g.lists {
				restrict(l, visit)
			}
		} else {
			// Typo neighbours come from the vocabulary of every language;
			// this group speaks for the labels of its own.
			slot := uint8(g.slot)
			for _, l := range g.lists {
				restrict(l, func(li int32) {
					if ix.labels[li].slot == slot {
						visit(li)
					}
				})
			}
		}
		if g.slot >= 0 {
			rest[g.slot] -= g.gain
		} else {
			for s := range rest {
				rest[s] -= prefixGain
			}
			prefixGain = 0
		}
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
	const wordMask = 1<<deleteWordBits - 1
	try := func(cands []uint64) {
		for _, c := range cands {
			cw := ix.words[c&wordMask]
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
	try(ix.deleted(hashString(fnvOffset, w))) // w is a word with one letter deleted
	for i := 0; i < len(w); {
		size := 1
		for i+size < len(w) && w[i+size]&0xC0 == 0x80 {
			size++
		}
		d := w[:i] + w[i+size:]
		try(ix.deleted(hashString(fnvOffset, d))) // substitutions and transpositions
		if k, ok := slices.BinarySearch(ix.words, d); ok {
			try([]uint64{uint64(k)}) // w has one letter too many
		}
		i += size
	}
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
	bodyFull := true // every typed word before the prefix matched exactly
	qAll := true     // every query atom matched, possibly with a typo
	for k, a := range v.atoms {
		best := float32(0)
		for m, b := range e.atoms {
			s := float32(0)
			if a.id == b.id && a.id >= 0 {
				if !(a.Protected && b.Part) && !(b.Protected && a.Part) {
					s = 1
				}
			} else if d, ok := v.fuzzy[k][b.Norm]; ok {
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
		qCov += a.IDF * best
		if best < 1 {
			bodyFull = false
		}
		if best == 0 {
			qAll = false
		}
	}
	qWeight := v.weight
	if prefix != "" {
		qWeight += prefixWeight
		best := float32(0)
		bestM := -1
		for m, b := range e.atoms {
			if strings.HasPrefix(b.Norm, prefix) {
				s := 0.8 + 0.2*float32(len(prefix))/float32(len(b.Norm))
				if s > best {
					best, bestM = s, m
				}
			}
		}
		if best == 0 {
			// The prefix may start a compound whose first part is an atom.
			for m, b := range e.atoms {
				if m == 0 || e.atoms[m-1].Unit != b.Unit {
					if strings.HasPrefix(prefix, b.Norm) || strings.HasPrefix(b.Norm, prefix) {
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
			lCov += b.IDF * lCovered[m]
		}
	}
	qc := float64(qCov / qWeight)
	lc := float64(lCov / e.weight)
	if lc > 1 {
		lc = 1
	}
	// Autocomplete cares most about covering what was typed.
	score := pow06(qc) * pow04(lc)
	if prefix != "" {
		score = pow08(qc) * pow02(lc)
	}
	lAll := true
	for m := range e.atoms {
		if m < len(lCovered) && lCovered[m] == 0 {
			lAll = false
		}
	}
	how := MatchPartial
	switch {
	case prefixUsed && bodyFull:
		how = MatchPrefix
	case fuzzyUsed && qAll && prefix == "":
		how = MatchFuzzy
	case qc > 0.999 && lAll:
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

// Fixed powers x^0.2 … x^0.8 for x in [0, 1], from tables with linear
// interpolation (error below 1e-3): scoring calls them twice per label.
const powSteps = 1024

var powTables = func() (t [4][powSteps + 2]float64) {
	for e := range t {
		for i := range t[e] {
			t[e][i] = math.Pow(float64(i)/powSteps, float64(e+1)*0.2)
		}
	}
	return t
}()

func powTable(t *[powSteps + 2]float64, x float64) float64 {
	if x <= 0 {
		return 0
	}
	if x >= 1 {
		return 1
	}
	f := x * powSteps
	i := int(f)
	return t[i] + (t[i+1]-t[i])*(f-float64(i))
}

func pow02(x float64) float64 { return powTable(&powTables[0], x) }
func pow04(x float64) float64 { return powTable(&powTables[1], x) }
func pow06(x float64) float64 { return powTable(&powTables[2], x) }
func pow08(x float64) float64 { return powTable(&powTables[3], x) }

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
