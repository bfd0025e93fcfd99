package extract

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/internal/freelist"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// ErrInvalidConfig is wrapped by [Config.Validate] errors.
var ErrInvalidConfig = errors.New("extract: invalid config")

// DefaultMinConfidence is the default threshold of [Config.MinConfidence].
// It was tuned on the project's own development set (benchmarks/, seed 1),
// never on the test set: the lowest threshold whose F1 is within 0.002 of
// the best (0.75 gives 0.988, the best 0.80 gives 0.989), so that ties go
// to recall.
const DefaultMinConfidence = 0.75

// Config configures an [Extractor].
type Config struct {
	// MinConfidence drops mentions with a lower confidence. Default
	// [DefaultMinConfidence].
	MinConfidence float64
	// MaxGap is the number of other content words (stop words do not
	// count) allowed between the words of a label. Default 2.
	MaxGap int
	// Secondary lists the languages whose chains also read every text, for
	// mixed-language text and for labels that exist in another language
	// only. Default: English.
	Secondary []analysis.Lang
	// MinSingleIDF is the weight (IDF among the labels of a language) below
	// which a one-word label is too generic to be extracted on its own.
	// Default 3.
	MinSingleIDF float32
	// ImpliedWeight is the weight of implied skills relative to explicit
	// ones, between 0 and 1. Default 0.5.
	ImpliedWeight float64
	// TitleLexicalWeight is the weight of the lexical match in title
	// normalisation; the rest goes to character-trigram similarity.
	// Default [DefaultTitleLexicalWeight].
	TitleLexicalWeight float64
	// TitleTrigramFloor lets character-trigram similarity stand on its
	// own: a title candidate scores at least this times its trigram
	// similarity, so that a title spelt almost like a label (a typo in
	// the title or the label, another language's form) is not buried
	// under weak lexical matches. Default 0.75; 0 switches it off.
	TitleTrigramFloor float64
	// TitleLabelsWeight weighs what a concept's labels hold of the title
	// together: the IDF-weighted share of the title's words found in any
	// of its labels is added with this weight (and the score rescaled to
	// 0–1), so that evidence spread over several labels of one concept
	// ("zandstraler van gevels": zandstraler and gevelreiniger) separates
	// concepts whose best labels tie. Default 0.06; 0 switches it off.
	TitleLabelsWeight float64
}

// DefaultTitleLexicalWeight is the default of
// [Config.TitleLexicalWeight], tuned on the project's development set.
const DefaultTitleLexicalWeight = 0.6

// DefaultConfig returns the default configuration.
func DefaultConfig() Config {
	return Config{
		MinConfidence:      DefaultMinConfidence,
		MaxGap:             2,
		Secondary:          []analysis.Lang{analysis.English},
		MinSingleIDF:       3,
		ImpliedWeight:      0.5,
		TitleLexicalWeight: DefaultTitleLexicalWeight,
		TitleTrigramFloor:  0.75,
		TitleLabelsWeight:  0.06,
	}
}

// Validate reports whether c is usable.
func (c Config) Validate() error {
	switch {
	case c.MinConfidence < 0 || c.MinConfidence > 1:
		return fmt.Errorf("%w: MinConfidence %v is not between 0 and 1", ErrInvalidConfig, c.MinConfidence)
	case c.MaxGap < 0 || c.MaxGap > 10:
		return fmt.Errorf("%w: MaxGap %d is not between 0 and 10", ErrInvalidConfig, c.MaxGap)
	case c.ImpliedWeight <= 0 || c.ImpliedWeight > 1:
		return fmt.Errorf("%w: ImpliedWeight %v is not in (0, 1]", ErrInvalidConfig, c.ImpliedWeight)
	case c.MinSingleIDF < 0:
		return fmt.Errorf("%w: MinSingleIDF %v is negative", ErrInvalidConfig, c.MinSingleIDF)
	case c.TitleLexicalWeight < 0 || c.TitleLexicalWeight > 1:
		return fmt.Errorf("%w: TitleLexicalWeight %v is not between 0 and 1", ErrInvalidConfig, c.TitleLexicalWeight)
	case c.TitleTrigramFloor < 0 || c.TitleTrigramFloor > 1:
		return fmt.Errorf("%w: TitleTrigramFloor %v is not between 0 and 1", ErrInvalidConfig, c.TitleTrigramFloor)
	case c.TitleLabelsWeight < 0 || c.TitleLabelsWeight > 1:
		return fmt.Errorf("%w: TitleLabelsWeight %v is not between 0 and 1", ErrInvalidConfig, c.TitleLabelsWeight)
	}
	for i, l := range c.Secondary {
		if !l.Supported() {
			return fmt.Errorf("%w: Secondary[%d] = %q is not one of nl, en, fr, de", ErrInvalidConfig, i, l)
		}
	}
	return nil
}

// MatchType says how a label matched the text.
type MatchType string

// The ways a label matches.
const (
	// MatchExact: the label's words appear literally, in order.
	MatchExact MatchType = "exact"
	// MatchStemmed: the same words after stemming, in order.
	MatchStemmed MatchType = "stemmed"
	// MatchCompound: a word matched through a compound part, or a label
	// compound matched separate words.
	MatchCompound MatchType = "compound"
	// MatchReordered: the words appear in another order.
	MatchReordered MatchType = "reordered"
)

// Factor is one reason a confidence is below 1.
type Factor struct {
	Reason string  `json:"reason"`
	Value  float64 `json:"value"`
}

// ConceptRef names a concept in a result: the concept, its ID and kind,
// and the label that matched (or names it) with that label's language.
type ConceptRef struct {
	Concept   *taxonomy.Concept `json:"-"`
	ConceptID string            `json:"concept_id"`
	Kind      taxonomy.Kind     `json:"kind"`
	Label     string            `json:"label"`
	LabelLang string            `json:"label_lang,omitempty"`
}

func refTo(c *taxonomy.Concept, label taxonomy.Label) ConceptRef {
	return ConceptRef{Concept: c, ConceptID: c.ID, Kind: c.Kind, Label: label.Text, LabelLang: label.Lang}
}

// Mention is a concept found in a text.
type Mention struct {
	ConceptRef
	// Text is the matched part of the input; Start and End are its byte
	// offsets, CharStart and CharEnd its offsets in characters (runes).
	Text      string `json:"text"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	CharStart int    `json:"char_start"`
	CharEnd   int    `json:"char_end"`
	// Confidence is the product of Factors, between 0 and 1.
	Confidence float64   `json:"confidence"`
	How        MatchType `json:"how"`
	Factors    []Factor  `json:"factors,omitempty"`
	// Negated and Wish flag a negation ("geen ervaring met") or a wish
	// ("ik wil leren") in the same clause; Cue is the word that did it.
	Negated bool   `json:"negated,omitempty"`
	Wish    bool   `json:"wish,omitempty"`
	Cue     string `json:"cue,omitempty"`
}

// Result is what [Extractor.Extract] found.
type Result struct {
	// Lang is the language the text was read in; Detected says whether it
	// was detected rather than given.
	Lang     analysis.Lang `json:"lang"`
	Detected bool          `json:"detected"`
	// Mentions are in text order.
	Mentions []Mention `json:"mentions"`
}

// ConceptScore is a concept with its best confidence in a text; Label is
// the label of its best mention.
type ConceptScore struct {
	ConceptRef
	Confidence float64 `json:"confidence"`
	Count      int     `json:"count"`
}

// Concepts ranks the concepts of kind k (0 for all) that the text affirms:
// negated and wished-for mentions are left out. Each concept appears once,
// with its best confidence, best first.
func (r Result) Concepts(k taxonomy.Kind) []ConceptScore {
	idx := map[*taxonomy.Concept]int{}
	var out []ConceptScore
	for _, m := range r.Mentions {
		if m.Negated || m.Wish || (k != 0 && m.Kind != k) {
			continue
		}
		if i, ok := idx[m.Concept]; ok {
			out[i].Count++
			if m.Confidence > out[i].Confidence {
				out[i].Confidence, out[i].ConceptRef = m.Confidence, m.ConceptRef
			}
			continue
		}
		idx[m.Concept] = len(out)
		out = append(out, ConceptScore{m.ConceptRef, m.Confidence, 1})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Confidence > out[j].Confidence })
	return out
}

// xlabel is a skill or occupation label as a pattern.
type xlabel struct {
	concept *taxonomy.Concept
	label   taxonomy.Label
	slot    int
	atoms   []taxonomy.Atom
	units   []string
	weight  float32
	// shared is the number of concepts of the same kind with this label
	// text in this language; prefOwner says whether it is this concept's
	// preferred label.
	shared    int
	prefOwner bool
}

// Extractor finds taxonomy concepts in text. It is immutable and safe for
// concurrent use.
type Extractor struct {
	tx      *taxonomy.Taxonomy
	cfg     Config
	chains  [4]*analysis.Chain
	lexicon [4]*analysis.Lexicon
	labels  []xlabel
	// anchors maps, per language, the rarest atom term of each label to
	// the labels it anchors.
	anchors [4]map[string][]int32
	// tri holds the character-trigram index of each kind, built on first
	// use by title normalisation.
	tri     [taxonomy.KindISCOGroup + 1]*trigramIndex
	triOnce [taxonomy.KindISCOGroup + 1]sync.Once
	// terms holds, per kind, the atom terms of each concept's labels
	// together (sorted), built on first use by title normalisation.
	terms     [taxonomy.KindISCOGroup + 1]map[*taxonomy.Concept][]string
	termsOnce [taxonomy.KindISCOGroup + 1]sync.Once
	// tokens recycles token buffers across calls.
	tokens *freelist.List[*[]analysis.Token]
}

func slotOf(l analysis.Lang) int { return slices.Index(analysis.Languages, l) }

// New builds an extractor over the skills and occupations of tx.
func New(tx *taxonomy.Taxonomy, cfg Config) (*Extractor, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if tx == nil {
		return nil, errors.New("extract: nil taxonomy")
	}
	e := &Extractor{tx: tx, cfg: cfg}
	e.tokens = freelist.New(4*runtime.GOMAXPROCS(0), func() *[]analysis.Token { b := make([]analysis.Token, 0, 256); return &b })
	for s, l := range analysis.Languages {
		base := tx.Chain(l)
		c := base.Config()
		c.KeepStopWords = true // cue words (geen, niet, wil) are stop words
		ch, err := analysis.NewChain(c)
		if err != nil {
			return nil, err
		}
		e.chains[s] = ch
		e.lexicon[s] = base.Lexicon()
		e.anchors[s] = make(map[string][]int32)
	}
	for al := range tx.AnalyzedLabels() {
		if al.Concept.Kind != taxonomy.KindSkill && al.Concept.Kind != taxonomy.KindOccupation {
			continue
		}
		s := slotOf(analysis.Lang(al.Label.Lang))
		if s < 0 || len(al.Atoms) == 0 || len(al.Atoms) > 12 {
			continue
		}
		if allGeneric(analysis.Languages[s], al.Atoms) {
			continue
		}
		var w float32
		anchor := 0
		for i, a := range al.Atoms {
			w += a.IDF
			if a.IDF > al.Atoms[anchor].IDF {
				anchor = i
			}
		}
		if len(al.Atoms) == 1 && !al.Atoms[0].Protected && al.Atoms[0].IDF < cfg.MinSingleIDF {
			continue // one common word is not a skill
		}
		id := int32(len(e.labels))
		e.labels = append(e.labels, xlabel{concept: al.Concept, label: al.Label, slot: s, atoms: al.Atoms, units: al.Units, weight: w})
		t := al.Atoms[anchor].Term
		e.anchors[s][t] = append(e.anchors[s][t], id)
	}
	// Labels shared by several concepts are weaker evidence for each.
	type key struct {
		slot int
		kind taxonomy.Kind
		text string
	}
	owners := map[key][]*taxonomy.Concept{}
	keys := make([]key, len(e.labels))
	for i := range e.labels {
		l := &e.labels[i]
		keys[i] = key{l.slot, l.concept.Kind, analysis.Normalize(l.label.Text)}
		if !slices.Contains(owners[keys[i]], l.concept) {
			owners[keys[i]] = append(owners[keys[i]], l.concept)
		}
	}
	for i := range e.labels {
		e.labels[i].shared = len(owners[keys[i]])
		e.labels[i].prefOwner = e.labels[i].label.Type == taxonomy.Pref
	}
	return e, nil
}

// Taxonomy returns the extractor's taxonomy.
func (e *Extractor) Taxonomy() *taxonomy.Taxonomy { return e.tx }

// Config returns the extractor's configuration.
func (e *Extractor) Config() Config { return e.cfg }

// ctoken is a content word of the text.
type ctoken struct {
	term, norm string
	parts      []string // terms of compound parts, at every level
	leaves     int      // number of leaf parts (not split further)
	start, end int
	sent       int // sentence number
	clause     int // clause number
	protected  bool
	primary    bool // a word of the text's own language (secondary streams)
}

// cue is a negation or wish word, at a content position.
type cue struct {
	pos    int // index of the next content token
	clause int
	word   string
	wish   bool
	// final says that no content word follows in the clause: only such a
	// negation applies to what came before it ("Lassen kan ik niet").
	final bool
}

// stream is the text as one chain reads it.
type stream struct {
	slot int
	toks []ctoken
	cues []cue
}

// Extract finds the skills and occupations in text. lang is the language of
// the text, or "" / "any" to detect it. The work is linear in the length of
// the text.
func (e *Extractor) Extract(text string, lang analysis.Lang) Result {
	res := Result{Lang: lang}
	if !lang.Supported() {
		res.Lang, res.Detected = analysis.Detect(text).Lang, true
	}
	// Invalid UTF-8 needs no repair: the chains read it as separators, and
	// spans stay offsets into the text as given.
	primary := slotOf(res.Lang)
	slots := []int{primary}
	for _, l := range e.cfg.Secondary {
		if s := slotOf(l); s != primary {
			slots = append(slots, s)
		}
	}
	var cands []Mention
	var candAtoms []int
	for _, s := range slots {
		st := e.read(text, s, primary)
		for i := range st.toks {
			e.matchAt(text, st, i, res.Lang, func(m Mention, atoms int) {
				cands = append(cands, m)
				candAtoms = append(candAtoms, atoms)
			})
		}
	}
	res.Mentions = resolve(cands, candAtoms, e.cfg.MinConfidence)
	setCharOffsets(text, res.Mentions)
	return res
}

// setCharOffsets sets the character offsets of mentions, which must be
// sorted by start (resolve sorts them), in one pass over the text.
func setCharOffsets(text string, ms []Mention) {
	pos, chars := 0, 0
	for i := range ms {
		m := &ms[i]
		chars += utf8.RuneCountInString(text[pos:m.Start])
		pos = m.Start
		m.CharStart = chars
		m.CharEnd = chars + utf8.RuneCountInString(m.Text)
	}
}

// langReasons holds the reasons for labels in another language than the
// text, for the analysed languages.
var langReasons = func() map[[2]string]string {
	m := map[[2]string]string{}
	for _, a := range analysis.Languages {
		for _, b := range analysis.Languages {
			m[[2]string{string(a), string(b)}] = "label in " + string(a) + ", text in " + string(b)
		}
	}
	return m
}()

func langReason(label, text string) string {
	if r, ok := langReasons[[2]string{label, text}]; ok {
		return r
	}
	return "label in " + label + ", text in " + text
}

var sharedReasons sync.Map

// sharedReason returns the factor reason for a label shared by n concepts.
func sharedReason(n int) string {
	if v, ok := sharedReasons.Load(n); ok {
		return v.(string)
	}
	r := fmt.Sprintf("label shared by %d concepts", n)
	sharedReasons.Store(n, r)
	return r
}

// read analyses text with the chain of slot s into content tokens, cues,
// sentences and clauses. For a secondary chain, words that are stop words
// of the primary language are not content.
func (e *Extractor) read(text string, s, primary int) *stream {
	st := &stream{slot: s}
	buf := e.tokens.Get()
	defer e.tokens.Put(buf)
	*buf = e.chains[s].AppendTokens((*buf)[:0], text)
	toks := *buf
	sent, clause := 0, 0
	prevEnd := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Flags&analysis.CompoundPart != 0 {
			continue
		}
		if t.Start > prevEnd {
			gap := text[prevEnd:t.Start]
			if strings.ContainsAny(gap, ".!?;\n•·") {
				sent++
				clause++
			} else if strings.ContainsAny(gap, ",:()–") || strings.Contains(gap, " - ") {
				clause++
			}
		}
		prevEnd = t.End
		// Cues count in the text's own language only: English "no" must
		// not fire in a Dutch text read by the English chain.
		if wish, ok := cueWord(analysis.Languages[s], t.Norm); ok && s == primary {
			st.cues = append(st.cues, cue{pos: len(st.toks), clause: clause, word: text[t.Start:t.End], wish: wish})
		}
		if isClauseWord(analysis.Languages[s], t.Norm) {
			clause++
		}
		if t.Flags&analysis.Stop != 0 {
			continue
		}
		if s != primary && analysis.IsStopWord(analysis.Languages[primary], t.Norm) {
			continue
		}
		ct := ctoken{term: t.Term, norm: t.Norm, start: t.Start, end: t.End, sent: sent, clause: clause, protected: t.Flags&analysis.Protected != 0}
		if s != primary {
			ct.primary = e.lexicon[primary].Has(t.Norm)
		}
		j := i + 1
		for j < len(toks) && toks[j].Flags&analysis.CompoundPart != 0 {
			j++
		}
		ct.parts, ct.leaves = compoundParts(toks[i+1 : j])
		st.toks = append(st.toks, ct)
	}
	for k := range st.cues {
		c := &st.cues[k]
		c.final = c.pos >= len(st.toks) || st.toks[c.pos].clause != c.clause
	}
	return st
}

// compoundParts returns the terms of a compound's parts and how many of
// them are leaves (parts that are not split further).
func compoundParts(ps []analysis.Token) ([]string, int) {
	if len(ps) == 0 {
		return nil, 0
	}
	terms := make([]string, len(ps))
	leaves := 0
	for k, p := range ps {
		terms[k] = p.Term
		leaf := true
		for m, q := range ps {
			if m != k && len(q.Norm) < len(p.Norm) && strings.Contains(p.Norm, q.Norm) {
				leaf = false
				break
			}
		}
		if leaf {
			leaves++
		}
	}
	return terms, leaves
}

// matchAt tries the labels anchored at content token i (by its term or
// one of its compound parts) and reports every full match.
func (e *Extractor) matchAt(text string, st *stream, i int, textLang analysis.Lang, report func(m Mention, atoms int)) {
	t := &st.toks[i]
	try := func(ids []int32) {
		for _, id := range ids {
			if m, ok := e.match(text, st, i, &e.labels[id], textLang); ok {
				report(m, len(e.labels[id].atoms))
			}
		}
	}
	try(e.anchors[st.slot][t.term])
	for k, p := range t.parts {
		if p != t.term && !slices.Contains(t.parts[:k], p) {
			try(e.anchors[st.slot][p])
		}
	}
}

// match matches label l around content token i.
func (e *Extractor) match(text string, st *stream, i int, l *xlabel, textLang analysis.Lang) (Mention, bool) {
	toks := st.toks
	window := len(l.atoms) + e.cfg.MaxGap
	lo, hi := max(0, i-window), min(len(toks)-1, i+window)
	var used [16]int
	n := 0
	first, last := i, i
	viaPart, viaLabelPart, literal, inOrder := false, false, true, true
	// Whole words first: the label's words, in order, as consecutive words
	// of the text (stop words do not count).
	if u := len(l.units); u > 0 && u <= len(used) {
		for start := max(lo, i-u+1); start <= i && start+u-1 <= hi; start++ {
			ok := true
			for k := 0; k < u && ok; k++ {
				tk := &toks[start+k]
				ok = tk.term == l.units[k] && tk.sent == toks[i].sent
			}
			if !ok {
				continue
			}
			for k := 0; k < u; k++ {
				used[n] = start + k
				n++
			}
			first, last = start, start+u-1
			return e.mention(text, st, l, textLang, first, last, 0, false, false, unitNormsEqual(toks[first:last+1], l), true)
		}
	}
	prevPos := -1
	// usedTerms records which terms each text word has given to the label:
	// a word matches two atoms only through two different compound parts.
	var usedTerms [16][]string
	for _, a := range l.atoms {
		best, bestPart, bestDist := -1, false, 1<<30
		for j := lo; j <= hi; j++ {
			tj := &toks[j]
			if tj.sent != toks[i].sent {
				continue
			}
			if k := slices.Index(used[:n], j); k >= 0 && slices.Contains(usedTerms[k], a.Term) {
				continue
			}
			if k := slices.Index(used[:n], j); k >= 0 && len(tj.parts) == 0 {
				continue // a plain word serves one atom
			}
			part := false
			switch {
			case tj.term == a.Term:
			case !a.Protected && slices.Contains(tj.parts, a.Term):
				part = true
			default:
				continue
			}
			d := j - i
			if d < 0 {
				d = -d
			}
			if part {
				d += 1 // prefer whole words
			}
			if d < bestDist {
				best, bestPart, bestDist = j, part, d
			}
		}
		if best < 0 {
			return Mention{}, false
		}
		if bestPart {
			viaPart = true
		}
		if a.Part {
			viaLabelPart = true
		}
		if toks[best].norm != a.Norm {
			literal = false
		}
		if best < prevPos {
			inOrder = false
		}
		prevPos = best
		k := slices.Index(used[:n], best)
		if k < 0 {
			if n == len(used) {
				return Mention{}, false
			}
			k = n
			used[n] = best
			n++
		}
		usedTerms[k] = append(usedTerms[k], a.Term)
		first, last = min(first, best), max(last, best)
	}
	gaps := (last - first + 1) - n
	if gaps > e.cfg.MaxGap {
		return Mention{}, false
	}
	// Only part of a compound matched: heftruck in vorkheftruckchauffeur.
	partial := viaPart && first == last && len(usedTerms[0]) < toks[first].leaves
	return e.mention(text, st, l, textLang, first, last, gaps, viaPart || viaLabelPart, partial, literal, inOrder)
}

// unitNormsEqual reports whether the words of the text are literally the
// label's words (compared on the normalised label text).
func unitNormsEqual(toks []ctoken, l *xlabel) bool {
	words := strings.Fields(analysis.Normalize(l.label.Text))
	j := 0
	for _, t := range toks {
		for j < len(words) && analysis.IsStopWord(analysis.Languages[l.slot], words[j]) {
			j++
		}
		if j >= len(words) || words[j] != t.norm {
			return false
		}
		j++
	}
	return true
}

// mention builds the mention of label l over content tokens first..last
// and scores it.
func (e *Extractor) mention(text string, st *stream, l *xlabel, textLang analysis.Lang, first, last, gaps int, compound, partial, literal, inOrder bool) (Mention, bool) {
	toks := st.toks
	// A one-word label of another language must not fire on a word of the
	// text's own language (Dutch "door" is not English "door").
	if st.slot != slotOf(textLang) && len(l.atoms) == 1 && !toks[first].protected && toks[first].primary {
		return Mention{}, false
	}
	m := Mention{ConceptRef: refTo(l.concept, l.label), Start: toks[first].start, End: toks[last].end}
	conf := 1.0
	var fbuf [10]Factor
	factors := fbuf[:0]
	factor := func(reason string, v float64) {
		factors = append(factors, Factor{reason, v})
		conf *= v
	}
	switch {
	case !inOrder:
		m.How = MatchReordered
		factor("words in another order", 0.88)
	case compound:
		m.How = MatchCompound
		factor("matched through a compound part", 0.9)
	case literal:
		m.How = MatchExact
	default:
		m.How = MatchStemmed
		factor("matched after stemming", 0.95)
	}
	for g := 0; g < gaps; g++ {
		factor("a word in between", 0.9)
	}
	if l.label.Type == taxonomy.Alt {
		factor("alternative label", 0.98)
	}
	if l.shared > 1 && !l.prefOwner {
		factor(sharedReason(l.shared), 1/math.Sqrt(float64(l.shared)))
	}
	if l.label.Lang != string(textLang) {
		factor(langReason(l.label.Lang, string(textLang)), 0.95)
	}
	if len(l.atoms) == 1 && !l.atoms[0].Protected {
		factor("one-word label", 0.85)
	}
	if partial {
		factor("part of a longer compound", 0.8)
	}
	if conf < e.cfg.MinConfidence {
		return Mention{}, false
	}
	m.Confidence = conf
	m.Factors = slices.Clone(factors)
	m.Text = text[m.Start:m.End]
	// Cues: a negation or wish earlier in the clause (up to six words), or
	// a negation that ends the clause just after the mention (Dutch puts
	// "niet" late: "Lassen kan ik niet").
	clause := toks[first].clause
	// Cues are in text order: look only at those near the mention.
	from := sort.Search(len(st.cues), func(k int) bool { return st.cues[k].pos >= first-6 })
	for _, c := range st.cues[from:] {
		if c.pos > last+3 {
			break
		}
		if c.clause != clause {
			continue
		}
		if (c.pos <= first && first-c.pos <= 6) || (c.pos > last && c.pos-last <= 3 && c.final && !c.wish) {
			if c.wish {
				m.Wish = true
			} else {
				m.Negated = true
			}
			m.Cue = c.word
		}
	}
	return m, true
}

// resolve drops weak candidates, keeps the most specific of overlapping
// ones and the best of duplicates, and returns the mentions in text order.
func resolve(cands []Mention, atoms []int, minConf float64) []Mention {
	idx := make([]int, 0, len(cands))
	for i, c := range cands {
		if c.Confidence >= minConf {
			idx = append(idx, i)
		}
	}
	// Most specific first: more atoms, then higher confidence, then
	// preferred labels.
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := idx[a], idx[b]
		if atoms[x] != atoms[y] {
			return atoms[x] > atoms[y]
		}
		return cands[x].Confidence > cands[y].Confidence
	})
	var kept []int
	type seen struct {
		c          *taxonomy.Concept
		start, end int
	}
	dup := map[seen]bool{}
	// Kept mentions by the bucket of their start, so that a candidate is
	// compared only with the mentions that can contain it: linear time.
	const bucket = 256
	byStart := map[int][]int{}
	longest := 0
	for _, i := range idx {
		c := cands[i]
		key := seen{c.Concept, c.Start, c.End}
		if dup[key] {
			continue // the same concept at the same place through another label
		}
		subsumed := false
		for b := (c.Start - longest) / bucket; b <= c.Start/bucket && !subsumed; b++ {
			for _, k := range byStart[b] {
				o := cands[k]
				// Inside a mention of the same concept, or of a longer,
				// more specific label.
				if o.Start <= c.Start && c.End <= o.End && (o.Concept == c.Concept || atoms[k] > atoms[i]) {
					subsumed = true
					break
				}
			}
		}
		if subsumed {
			continue
		}
		dup[key] = true
		kept = append(kept, i)
		byStart[c.Start/bucket] = append(byStart[c.Start/bucket], i)
		longest = max(longest, c.End-c.Start)
	}
	out := make([]Mention, len(kept))
	for n, i := range kept {
		out[n] = cands[i]
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Start != out[b].Start {
			return out[a].Start < out[b].Start
		}
		return out[a].Confidence > out[b].Confidence
	})
	return out
}
