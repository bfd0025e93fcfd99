package analysis

import (
	"fmt"
	"strings"
)

// Lang is a language as an ISO 639-1 code in lower case, such as "nl".
// Labels may carry any code; analysis chains exist for the languages in
// [Languages].
type Lang string

// The languages skillsnav analyses. Dutch comes first: it is the language of
// most vacancies in the region.
const (
	Dutch   Lang = "nl"
	English Lang = "en"
	French  Lang = "fr"
	German  Lang = "de"
	// Any asks for every language at once, for example in concept lookup.
	Any Lang = "any"
)

// Languages lists the languages that have an analysis chain, Dutch first.
var Languages = []Lang{Dutch, English, French, German}

// ParseLang parses a language code such as "nl", "NL" or "nl-BE" into a Lang.
// It accepts only the languages in [Languages] and "any"; anything else is an
// error that names the value.
func ParseLang(s string) (Lang, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(v, "-_"); i > 0 {
		v = v[:i]
	}
	switch l := Lang(v); l {
	case Dutch, English, French, German, Any:
		return l, nil
	}
	return "", fmt.Errorf("analysis: unsupported language %q (want nl, en, fr, de or any)", s)
}

// Supported reports whether l has an analysis chain.
func (l Lang) Supported() bool {
	switch l {
	case Dutch, English, French, German:
		return true
	}
	return false
}
