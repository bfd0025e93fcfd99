// Package bleveanalyzer registers the skillsnav analysis chains as Bleve
// analyzers, so that a Bleve index analyses text exactly as concept lookup
// and extraction do.
//
// Importing the package registers four analyzers that use the built-in
// lexicons: "skillsnav_nl", "skillsnav_en", "skillsnav_fr" and
// "skillsnav_de". A taxonomy-specific chain set is registered with
// [Register] under a name of the caller's choosing and then referred to from
// an index mapping as a custom analyzer of type [TypeName]:
//
//	m.AddCustomAnalyzer("nl", map[string]any{"type": bleveanalyzer.TypeName, "chains": "esco-v1.1.1", "lang": "nl"})
//
// Any binary that opens such an index must import this package and register
// the same chain set before opening it.
package bleveanalyzer

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	sa "github.com/skillsnavigator/skillsnav/analysis"
)

// TypeName is the Bleve analyzer type implemented by this package.
const TypeName = "skillsnav"

// Builtin is the name of the chain set with the built-in lexicons.
const Builtin = "builtin"

// AnalyzerName returns the name of the pre-registered analyzer of language
// l, such as "skillsnav_nl".
func AnalyzerName(l sa.Lang) string { return "skillsnav_" + string(l) }

var (
	mu     sync.RWMutex
	chains = map[string]map[sa.Lang]*sa.Chain{}
)

// Register makes a set of chains available to Bleve under name. Registering
// a name again replaces the set; indexes opened before keep the chains they
// were opened with.
func Register(name string, set ...*sa.Chain) error {
	if name == "" {
		return fmt.Errorf("bleveanalyzer: empty chain set name")
	}
	m := make(map[sa.Lang]*sa.Chain, len(set))
	for _, c := range set {
		m[c.Lang()] = c
	}
	mu.Lock()
	chains[name] = m
	mu.Unlock()
	return nil
}

func chain(set string, l sa.Lang) (*sa.Chain, error) {
	mu.RLock()
	defer mu.RUnlock()
	m, ok := chains[set]
	if !ok {
		return nil, fmt.Errorf("bleveanalyzer: no chain set %q registered (call bleveanalyzer.Register before opening the index)", set)
	}
	c, ok := m[l]
	if !ok {
		return nil, fmt.Errorf("bleveanalyzer: chain set %q has no %q chain", set, l)
	}
	return c, nil
}

// Analyzer adapts a chain to Bleve's [analysis.Analyzer].
type Analyzer struct {
	Chain *sa.Chain
}

// Analyze implements [analysis.Analyzer]. Positions are 1-based as Bleve
// expects; protected tokens are marked as keywords.
func (a Analyzer) Analyze(input []byte) analysis.TokenStream {
	toks := a.Chain.Analyze(string(input))
	out := make(analysis.TokenStream, len(toks))
	buf := make([]analysis.Token, len(toks))
	for i, t := range toks {
		buf[i] = analysis.Token{
			Term:     []byte(t.Term),
			Start:    t.Start,
			End:      t.End,
			Position: t.Pos + 1,
			Type:     analysis.AlphaNumeric,
			KeyWord:  t.Flags&sa.Protected != 0,
		}
		out[i] = &buf[i]
	}
	return out
}

func constructor(config map[string]interface{}, _ *registry.Cache) (analysis.Analyzer, error) {
	set, _ := config["chains"].(string)
	if set == "" {
		set = Builtin
	}
	ls, _ := config["lang"].(string)
	l, err := sa.ParseLang(ls)
	if err != nil || !l.Supported() {
		return nil, fmt.Errorf("bleveanalyzer: analyzer config needs \"lang\" of nl, en, fr or de, got %q", ls)
	}
	c, err := chain(set, l)
	if err != nil {
		return nil, err
	}
	return Analyzer{Chain: c}, nil
}

func init() {
	set := make([]*sa.Chain, 0, len(sa.Languages))
	for _, l := range sa.Languages {
		set = append(set, sa.MustChain(l))
	}
	if err := Register(Builtin, set...); err != nil {
		panic(err)
	}
	if err := registry.RegisterAnalyzer(TypeName, constructor); err != nil {
		panic(err)
	}
	for _, l := range sa.Languages {
		lang := l
		if err := registry.RegisterAnalyzer(AnalyzerName(lang), func(_ map[string]interface{}, c *registry.Cache) (analysis.Analyzer, error) {
			return constructor(map[string]interface{}{"lang": string(lang)}, c)
		}); err != nil {
			panic(err)
		}
	}
}
