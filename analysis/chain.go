package analysis

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
)

// ErrInvalidConfig is wrapped by [Config.Validate] errors.
var ErrInvalidConfig = errors.New("analysis: invalid config")

// DefaultProtected lists the terms that are protected in every language by
// default, folded: codes, certificates and product names whose letters must
// survive exactly. Short all-capital words and words with digits or code
// characters are protected anyway.
var DefaultProtected = []string{
	"sap", "vca", "haccp", "ict", "c++", "c#", "f#", ".net", "asp.net", "sql", "php",
	"python", "java", "javascript", "typescript", "linux", "excel", "autocad",
	"plc", "cnc", "mig", "mag", "tig", "bhv", "ehbo", "adr", "erp", "crm", "wms",
	"html", "css", "scrum", "gps", "iso", "ce", "ccna", "sharepoint", "tms",
}

// Config configures a [Chain]. The zero value is not valid; start from
// [DefaultConfig].
type Config struct {
	// Lang is the language of the chain; one of [Languages]. Required.
	Lang Lang
	// Lexicon feeds compound splitting and gender normalisation. Nil means
	// the built-in lexicon of Lang. It must have the same language.
	Lexicon *Lexicon
	// Protected are extra folded terms that are never stemmed, split,
	// rewritten or dropped; they are added to [DefaultProtected].
	Protected []string
	// KeepStopWords emits stop words flagged [Stop] instead of dropping
	// them. Default false.
	KeepStopWords bool
	// SplitCompounds enables compound splitting. Default true for Dutch and
	// German, false otherwise.
	SplitCompounds bool
	// NormalizeGender enables gender and plural normalisation of job-title
	// forms. Default true.
	NormalizeGender bool
	// Stem enables Snowball stemming. Default true.
	Stem bool
}

// DefaultConfig returns the default configuration for language l.
func DefaultConfig(l Lang) Config {
	return Config{
		Lang:            l,
		SplitCompounds:  l == Dutch || l == German,
		NormalizeGender: true,
		Stem:            true,
	}
}

// Validate reports whether c can build a chain.
func (c Config) Validate() error {
	if !c.Lang.Supported() {
		return fmt.Errorf("%w: Lang %q is not one of nl, en, fr, de", ErrInvalidConfig, c.Lang)
	}
	if c.Lexicon != nil && c.Lexicon.lang != c.Lang {
		return fmt.Errorf("%w: Lexicon is %q but Lang is %q", ErrInvalidConfig, c.Lexicon.lang, c.Lang)
	}
	for i, p := range c.Protected {
		if p == "" || Fold(p) != p {
			return fmt.Errorf("%w: Protected[%d] = %q must be non-empty and folded (lower case, no diacritics)", ErrInvalidConfig, i, p)
		}
	}
	return nil
}

// Chain is the analysis chain of one language. It is immutable and safe for
// concurrent use.
type Chain struct {
	cfg       Config
	lex       *Lexicon
	stop      map[string]struct{}
	protected map[string]struct{}
	stem      func(*snowballstem.Env) bool

	// stems and words cache stemmer results and word analyses; they stop
	// growing at maxStemCache entries each.
	stems     sync.Map
	stemCount atomic.Int64
	words     sync.Map
	wordCount atomic.Int64
}

const maxStemCache = 1 << 18

// NewChain returns the chain configured by c.
func NewChain(c Config) (*Chain, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	ch := &Chain{cfg: c, lex: c.Lexicon, stop: stopWords[c.Lang], protected: make(map[string]struct{})}
	if ch.lex == nil {
		ch.lex = NewLexicon(c.Lang)
	}
	for _, p := range DefaultProtected {
		ch.protected[p] = struct{}{}
	}
	for _, p := range c.Protected {
		ch.protected[p] = struct{}{}
	}
	switch c.Lang {
	case Dutch:
		ch.stem = dutch.Stem
	case English:
		ch.stem = english.Stem
	case French:
		ch.stem = french.Stem
	case German:
		ch.stem = german.Stem
	}
	return ch, nil
}

// MustChain is like [NewChain] with [DefaultConfig] and panics on error. It
// is meant for package-level variables and tests.
func MustChain(l Lang) *Chain {
	c, err := NewChain(DefaultConfig(l))
	if err != nil {
		panic(err)
	}
	return c
}

// Lang returns the chain's language.
func (c *Chain) Lang() Lang { return c.cfg.Lang }

// Lexicon returns the lexicon the chain uses.
func (c *Chain) Lexicon() *Lexicon { return c.lex }

// Config returns the chain's configuration.
func (c *Chain) Config() Config { return c.cfg }

// Analyze returns the tokens of text. See [Chain.AppendTokens].
func (c *Chain) Analyze(text string) []Token {
	return c.AppendTokens(nil, text)
}

// Terms returns the analysed terms of text, in order.
func (c *Chain) Terms(text string) []string {
	toks := c.Analyze(text)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Term
	}
	return out
}

// AppendTokens analyses text and appends its tokens to dst, so callers can
// reuse a buffer. Invalid UTF-8 is treated as separators. The work is linear
// in len(text).
func (c *Chain) AppendTokens(dst []Token, text string) []Token {
	var rawBuf [64]rawToken
	raw := tokenize(rawBuf[:0], text)
	caseProtect := !mostlyUpper(text)
	for pos, r := range raw {
		surface := text[r.start:r.end]
		start := r.start
		norm := Fold(surface)
		if strings.IndexByte(norm, '\'') >= 0 {
			var cut int
			norm, cut = c.apostrophe(norm)
			if cut > 0 && cut <= len(surface) {
				start += surface2offset(surface, cut)
			}
			if norm == "" {
				continue
			}
		}
		tok := Token{Norm: norm, Start: start, End: r.end, Pos: pos}
		var w *wordInfo
		if !r.code {
			w = c.word(norm)
		}
		if r.code || w.protected || (caseProtect && isAcronym(surface)) {
			tok.Term = norm
			tok.Flags |= Protected
			dst = append(dst, tok)
			continue
		}
		if w.stop {
			if c.cfg.KeepStopWords {
				tok.Term = norm
				tok.Flags |= Stop
				dst = append(dst, tok)
			}
			continue
		}
		tok.Norm, tok.Term = w.norm, w.term
		if w.rewritten {
			tok.Flags |= Rewritten
		}
		dst = append(dst, tok)
		exact := len(norm) == len(surface) && !w.rewritten
		for _, p := range w.parts {
			pt := Token{Norm: p.norm, Term: p.term, Start: tok.Start, End: tok.End, Pos: tok.Pos, Flags: p.flags}
			if exact {
				pt.Start, pt.End = tok.Start+p.start, tok.Start+p.end
			}
			dst = append(dst, pt)
		}
	}
	return dst
}

// wordInfo is the analysis of one folded word. It depends only on the
// word, so chains cache it. Protected terms and stop words are only
// classified.
type wordInfo struct {
	norm      string // after gender normalisation
	term      string
	rewritten bool
	protected bool
	stop      bool
	parts     []partInfo
}

// partInfo is a compound part, with its byte span inside wordInfo.norm.
type partInfo struct {
	norm, term string
	start, end int
	flags      Flags
}

// word returns the cached analysis of the folded word norm.
func (c *Chain) word(norm string) *wordInfo {
	if v, ok := c.words.Load(norm); ok {
		return v.(*wordInfo)
	}
	w := &wordInfo{norm: norm, term: norm}
	_, w.stop = c.stop[norm]
	w.protected = c.isProtected(norm)
	if w.protected || w.stop {
		c.cache(norm, w)
		return w
	}
	if c.cfg.NormalizeGender {
		if g, ok := normalizeGender(c.lex, norm); ok {
			w.norm, w.rewritten = g, true
		} else if c.cfg.SplitCompounds {
			// A compound whose head is a gendered form takes the head's
			// base form: scheepstimmervrouw becomes scheepstimmerman.
			var buf [16]compoundPart
			if ps := splitCompound(buf[:0], c.lex, norm); len(ps) >= 2 {
				h := ps[len(ps)-1].start
				if g, ok := normalizeGender(c.lex, norm[h:]); ok {
					w.norm, w.rewritten = norm[:h]+g, true
				}
			}
		}
	}
	if c.cfg.SplitCompounds {
		if v, ok := dropLinker(c.lex, w.norm); ok {
			w.norm, w.rewritten = v, true
		}
	}
	w.term = c.Stem(w.norm)
	if c.cfg.SplitCompounds {
		var buf [16]compoundPart
		w.parts = c.parts(nil, w.norm, 0, splitCompound(buf[:0], c.lex, w.norm), true, 1)
	}
	c.cache(norm, w)
	return w
}

// cache remembers the analysis of norm, up to maxStemCache words.
func (c *Chain) cache(norm string, w *wordInfo) {
	if c.wordCount.Load() < maxStemCache {
		if _, loaded := c.words.LoadOrStore(strings.Clone(norm), w); !loaded {
			c.wordCount.Add(1)
		}
	}
}

// parts appends the compound parts ps of the word w (which starts at byte
// off of the cached word), and recursively the parts of those parts. The
// last part of a compound, and the last part of that, are heads
// (bandwerker and werker in lijnbandwerker).
func (c *Chain) parts(dst []partInfo, w string, off int, ps []compoundPart, head bool, depth int) []partInfo {
	if len(ps) < 2 {
		return dst
	}
	for i, p := range ps {
		pw := w[p.start:p.wordEnd]
		isHead := head && i == len(ps)-1
		pi := partInfo{norm: pw, term: c.Stem(pw), start: off + p.start, end: off + p.wordEnd, flags: CompoundPart}
		if isHead {
			pi.flags |= CompoundHead
		}
		dst = append(dst, pi)
		if depth < maxCompoundDepth && len(pw) >= minCompound+2 {
			var sub [16]compoundPart
			if sp := splitCompound(sub[:0], c.lex, pw); len(sp) >= 2 {
				dst = c.parts(dst, pw, off+p.start, sp, isHead, depth+1)
			}
		}
	}
	return dst
}

// Stem returns the Snowball stem of the folded word w, or w itself when
// stemming is off or w is protected.
func (c *Chain) Stem(w string) string {
	if !c.cfg.Stem || c.isProtected(w) {
		return w
	}
	if v, ok := c.stems.Load(w); ok {
		return v.(string)
	}
	env := snowballstem.NewEnv(w)
	c.stem(env)
	s := env.Current()
	if c.stemCount.Load() < maxStemCache {
		if _, loaded := c.stems.LoadOrStore(strings.Clone(w), s); !loaded {
			c.stemCount.Add(1)
		}
	}
	return s
}

func (c *Chain) isProtected(norm string) bool {
	_, ok := c.protected[norm]
	return ok
}

// apostrophe handles a folded word with an apostrophe: French elision
// (l'entreprise → entreprise), possessive and plural 's (auto's → auto),
// and otherwise drops the apostrophe (o'neil → oneil). It returns the new
// word and how many bytes were cut from its front.
func (c *Chain) apostrophe(w string) (string, int) {
	i := strings.IndexByte(w, '\'')
	if c.cfg.Lang == French {
		switch w[:i] {
		case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu":
			return strings.ReplaceAll(w[i+1:], "'", ""), i + 1
		}
	}
	if strings.HasSuffix(w, "'s") && i == len(w)-2 {
		return w[:i], 0
	}
	return strings.ReplaceAll(w, "'", ""), 0
}

// surface2offset maps a byte count of the folded word to a byte count of
// the surface word, assuming folding kept the rune count before the cut.
func surface2offset(surface string, foldedBytes int) int {
	// Folded prefixes before an apostrophe are short ASCII (l', qu'); count
	// runes in the surface until the apostrophe.
	n := 0
	for i, r := range surface {
		if n == foldedBytes {
			return i
		}
		n += utf8.RuneLen(r)
		if r == '’' {
			n -= utf8.RuneLen(r) - 1
		}
	}
	return len(surface)
}

// isAcronym reports whether a surface word is a short all-capital word of at
// least two letters, such as SAP, VCA, CE or HACCP.
func isAcronym(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 6
}

// mostlyUpper reports whether a text is written mostly in capitals (a
// shouting headline), in which case capitals say nothing about acronyms.
func mostlyUpper(s string) bool {
	up, low := 0, 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			up++
		} else if unicode.IsLower(r) {
			low++
		}
	}
	return up > 8 && up > low
}
