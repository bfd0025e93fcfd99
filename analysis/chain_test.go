package analysis

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// terms renders tokens as "term" or "term[flags]" for compact tables: p is
// a compound part, h its head, k protected, g a rewritten form.
func render(toks []Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Term)
		var f string
		if t.Flags&CompoundPart != 0 {
			f += "p"
		}
		if t.Flags&CompoundHead != 0 {
			f += "h"
		}
		if t.Flags&Protected != 0 {
			f += "k"
		}
		if t.Flags&Rewritten != 0 {
			f += "g"
		}
		if f != "" {
			b.WriteString("[" + f + "]")
		}
	}
	return b.String()
}

func TestChainTokens(t *testing.T) {
	cases := []struct {
		lang Lang
		in   string
		want string
	}{
		// Dutch: compounds, with and without linking s/en.
		{Dutch, "heftruckchauffeur", "heftruckchauffeur heftruck[p] chauffeur[ph]"},
		{Dutch, "magazijnmedewerker", "magazijnmedewerker magazijn[p] medewerker[ph]"},
		{Dutch, "vorkheftruck", "vorkheftruck vork[p] heftruck[ph]"},
		{Dutch, "onderhoudstechnicus", "onderhoudstechnicus onderhoud[p] technicus[ph]"},
		{Dutch, "kwaliteitscontrole", "kwaliteitscontrol kwaliteit[p] control[ph]"},
		{Dutch, "vorkheftruckchauffeurs", "vorkheftruckchauffeur vork[p] heftruck[p] chauffeur[ph]"},
		// Dutch: inflection and stop words.
		{Dutch, "heftrucks bedienen", "heftruck bedien"},
		{Dutch, "bedienen van een heftruck", "bedien heftruck"},
		{Dutch, "Lassen en lasser", "lass lasser"},
		// Dutch: gendered and plural job titles normalise together.
		{Dutch, "medewerkster", "medewerker[g]"},
		{Dutch, "verpleegster", "verpleger[g]"},
		{Dutch, "verpleger", "verpleger"},
		{Dutch, "technici", "technicus[g]"},
		{Dutch, "kapster", "kapper[g]"},
		{Dutch, "kapper", "kapper"},
		{Dutch, "kassierster", "kassier[g]"},
		{Dutch, "verkoopster", "verkoper[g]"},
		{Dutch, "schoonmaakster", "schoonmaker[g]"},
		{Dutch, "lerares", "lerar[g]"},
		{Dutch, "leraar", "lerar"},
		{Dutch, "kokkin", "kok[g]"},
		// Protected terms: acronyms, codes, digits.
		{Dutch, "Kennis van SAP, VCA en C++", "kennis sap[k] vca[k] c++[k]"},
		{Dutch, ".NET en ASP.NET", ".net[k] asp.net[k]"},
		{Dutch, "CE-rijbewijs", "ce[k] rijbewijs"},
		{Dutch, "Verpleegkundige A2", "verpleegkund a2[k]"},
		{Dutch, "MIG/MAG lassen", "mig[k] mag[k] lass"},
		{Dutch, "auto's", "auto"},
		// Diacritics folding.
		{Dutch, "coördinatie", "coordinatie"},
		// A shouting headline does not make every word an acronym.
		{Dutch, "HEFTRUCKCHAUFFEUR GEZOCHT", "heftruckchauffeur heftruck[p] chauffeur[ph] gezocht"},
		// English.
		{English, "Forklift drivers managing warehouses", "forklift driver manag warehous"},
		{English, "IT support", "it[k] support"},
		{English, "waitress", "waiter[g]"},
		{English, "the driver's licence", "driver licenc"},
		// French: elision, accents, gendered forms.
		{French, "l'électricienne d'entretien", "electricien[g] entretien"},
		{French, "Caissière", "caissi[g]"},
		{French, "caissier", "caissi"},
		{French, "serveuse", "serveur[g]"},
		{French, "qu'un cariste", "carist"},
		// German: umlauts, ß, gendered forms and compounds.
		{German, "Gabelstaplerfahrerin", "gabelstaplerfahr[g] gabel[p] stapl[p] fahr[ph]"},
		{German, "Gabelstaplerfahrer", "gabelstaplerfahr gabel[p] stapl[p] fahr[ph]"},
		{German, "Straße", "strass"},
		{German, "Kauffrau", "kaufmann[g]"},
	}
	for _, tc := range cases {
		t.Run(string(tc.lang)+"/"+tc.in, func(t *testing.T) {
			got := render(MustChain(tc.lang).Analyze(tc.in))
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestChainSpans(t *testing.T) {
	text := "Wij zoeken een Heftruckchauffeur (m/v) met VCA."
	toks := MustChain(Dutch).Analyze(text)
	spans := map[string]string{}
	for _, tk := range toks {
		spans[tk.Term] = text[tk.Start:tk.End]
	}
	assert.Equal(t, "Heftruckchauffeur", spans["heftruckchauffeur"])
	assert.Equal(t, "Heftruck", spans["heftruck"])
	assert.Equal(t, "chauffeur", spans["chauffeur"])
	assert.Equal(t, "VCA", spans["vca"])
	assert.Equal(t, "zoeken", spans["zoek"])
}

func TestChainPositionsKeepGaps(t *testing.T) {
	toks := MustChain(Dutch).Analyze("bedienen van een heftruck")
	require.Len(t, toks, 2)
	assert.Equal(t, 0, toks[0].Pos)
	assert.Equal(t, 3, toks[1].Pos, "stop words leave a gap so the extractor can measure distance")
}

func TestChainKeepStopWords(t *testing.T) {
	cfg := DefaultConfig(Dutch)
	cfg.KeepStopWords = true
	ch, err := NewChain(cfg)
	require.NoError(t, err)
	assert.Equal(t, "geen ervar met lass", strings.Join(ch.Terms("geen ervaring met lassen"), " "))
	assert.Equal(t, Stop, ch.Analyze("geen")[0].Flags&Stop)
}

func TestChainLexiconGrows(t *testing.T) {
	// Only "werker" is built in: the unknown word splits at its known head.
	assert.Equal(t, "lijnbandwerker lijnband[p] werker[ph]", render(MustChain(Dutch).Analyze("lijnbandwerker")))
	// A taxonomy that knows "lijn" and "bandwerker" splits it fully.
	lx := NewLexicon(Dutch, "lijn", "band", "bandwerker")
	cfg := DefaultConfig(Dutch)
	cfg.Lexicon = lx
	ch, err := NewChain(cfg)
	require.NoError(t, err)
	assert.Equal(t, "lijnbandwerker lijn[p] bandwerker[ph] band[p] werker[ph]", render(ch.Analyze("lijnbandwerker")))
}

func TestConfigValidate(t *testing.T) {
	cases := []struct {
		name string
		mod  func(*Config)
		want string
	}{
		{"bad lang", func(c *Config) { c.Lang = "xx" }, `Lang "xx"`},
		{"lexicon lang", func(c *Config) { c.Lexicon = NewLexicon(German) }, `Lexicon is "de"`},
		{"protected not folded", func(c *Config) { c.Protected = []string{"SAP"} }, `Protected[0]`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := DefaultConfig(Dutch)
			tc.mod(&c)
			err := c.Validate()
			require.ErrorIs(t, err, ErrInvalidConfig)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	require.NoError(t, DefaultConfig(French).Validate())
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"nl": Dutch, "NL": Dutch, "nl-BE": Dutch, "fr_BE": French, "any": Any, " de ": German} {
		got, err := ParseLang(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := ParseLang("es")
	assert.ErrorContains(t, err, `"es"`)
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Élève":       "eleve",
		"coördinator": "coordinator",
		"Straße":      "strasse",
		"Œuvre":       "oeuvre",
		"plain":       "plain",
		"Ĳssel":       "ijssel",
	} {
		assert.Equal(t, want, Fold(in), in)
	}
}

func TestCleanTitle(t *testing.T) {
	cases := map[string]string{
		"Heftruckchauffeur (m/v/x) – ploegensysteem": "Heftruckchauffeur",
		"Medewerkster logistiek - fulltime":          "Medewerkster logistiek",
		"Vacature: Lasser-monteur MIG/MAG (M/V)":     "Lasser-monteur MIG/MAG",
		"Verpleegkundige A2 (deeltijds)":             "Verpleegkundige A2",
		"Cariste H/F - CDI":                          "Cariste",
		"Gabelstaplerfahrer (m/w/d) Vollzeit":        "Gabelstaplerfahrer",
		"Warehouse operative - night shift":          "Warehouse operative",
		"Poetsvrouw":                                 "Poetsvrouw",
		"Starter (m/v/x)":                            "Starter",
		"":                                           "",
	}
	for in, want := range cases {
		assert.Equal(t, want, CleanTitle(in), in)
	}
}

func TestDetect(t *testing.T) {
	cases := map[string]Lang{
		"Heftruckchauffeur gezocht voor ons magazijn in Gent": Dutch,
		"Ik werk graag met mijn handen":                       Dutch,
		"Ervaring met lassen en heftruck":                     Dutch,
		"Nous recherchons un cariste avec expérience":         French,
		"J'ai travaillé comme soudeur pendant trois ans":      French,
		"Forklift driver wanted for our warehouse":            English,
		"I have experience as a welder":                       English,
		"Wir suchen einen Gabelstaplerfahrer für unser Lager": German,
		"Erfahrung als Schweißer und Kenntnisse in Hydraulik": German,
	}
	for in, want := range cases {
		d := Detect(in)
		assert.Equal(t, want, d.Lang, in)
		assert.Greater(t, d.Confidence, 0.3, in)
	}
	assert.Zero(t, Detect("").Confidence)
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"heftruckchauffeur (m/v/x)", "l'électricienne", "C++ .NET ASP.NET", "Gabelstaplerfahrerin", "a'b'c'", "\xff\xfe", "....", "'''s", strings.Repeat("ab", 200)} {
		f.Add(s)
	}
	chains := []*Chain{MustChain(Dutch), MustChain(English), MustChain(French), MustChain(German)}
	f.Fuzz(func(t *testing.T, s string) {
		for _, ch := range chains {
			for _, tk := range ch.Analyze(s) {
				if tk.Start < 0 || tk.End > len(s) || tk.Start > tk.End {
					t.Fatalf("%s: span %d-%d outside input of %d bytes", ch.Lang(), tk.Start, tk.End, len(s))
				}
				if tk.Term == "" {
					t.Fatalf("%s: empty term in %q", ch.Lang(), s)
				}
				if utf8.ValidString(s) && !utf8.ValidString(tk.Term) {
					t.Fatalf("%s: invalid UTF-8 term %q", ch.Lang(), tk.Term)
				}
			}
		}
		_ = CleanTitle(s)
		_ = Detect(s)
	})
}

func TestCompoundPluralLikeSingular(t *testing.T) {
	// "hef" and "truck" are words of this lexicon, but "heftruck" is far
	// more common: neither heftruck nor heftrucks splits.
	texts := []string{"hef", "truck", "truck"}
	for i := 0; i < 20; i++ {
		texts = append(texts, "heftruck")
	}
	ch := dutchChain(t, texts...)
	assert.Equal(t, "heftruck", render(ch.Analyze("heftruck")))
	assert.Equal(t, "heftruck", render(ch.Analyze("heftrucks")))
}

// TestDropLinker checks that the two spellings of a compound, with and
// without a linking element, analyse alike when the lexicon knows the
// form without it and the modifier.
// dutchChain is the default Dutch chain with a lexicon of words; a word
// given k times has count k.
func dutchChain(t *testing.T, words ...string) *Chain {
	t.Helper()
	cfg := DefaultConfig(Dutch)
	cfg.Lexicon = NewLexicon(Dutch, words...)
	ch, err := NewChain(cfg)
	require.NoError(t, err)
	return ch
}

func TestDropLinker(t *testing.T) {
	ch := dutchChain(t, "vloer", "vloerlegger", "teamleider", "pelsdier", "pelsdierhouder", "dier", "kas",
		"schoenmaker", "schoenenmaker", "bandhersteller")
	for _, tc := range []struct{ in, want string }{
		{"vloerenlegger", "vloerlegger[g]"},
		{"vloerlegger", "vloerlegger"},
		{"pelsdierenhouder", "pelsdierhouder[g]"},
		// An unknown word loses the element even when the modifier is not
		// known alone; a known word keeps it.
		{"bandenhersteller", "bandhersteller[g]"},
		{"schoenenmaker", "schoenenmaker"},
		// Not when the form without the element is unknown.
		{"kassier", "kassier"},
		{"dierenarts", "dierenart"},
	} {
		assert.Equal(t, tc.want, render(ch.Analyze(tc.in)), tc.in)
	}
}

// TestGenderedForms checks the feminine forms a lexicon decides on: the
// empty replacement only for a stem of five letters or more, and a
// compound whose head is feminine.
func TestGenderedForms(t *testing.T) {
	ch := dutchChain(t, "mee", "kassier", "timmerman", "timmerman", "timmerman", "schip", "boot")
	for _, tc := range []struct{ in, want string }{
		{"kassierster", "kassier[g]"},
		{"meester", "meester"},
		{"timmervrouw", "timmerman[g]"},
		{"boottimmervrouw", "boottimmerman[g] bot[p] timmerman[ph]"},
	} {
		assert.Equal(t, tc.want, render(ch.Analyze(tc.in)), tc.in)
	}
}

func TestHeadSplit(t *testing.T) {
	ch := dutchChain(t, "kleedkamerbediende", "bediende", "bediende", "bediende", "medewerker", "medewerker", "medewerker", "verpleegkundige", "verpleegkundige", "kundige", "kundige", "kundige",
		"kant", "kant", "kant", "arts", "arts", "arts", "tand")
	// A rare word splits at a common head, even with an unknown modifier.
	assert.Equal(t, "kleedkamermedewerker kleedkamer[p] medewerker[ph]", render(ch.Analyze("kleedkamermedewerker")))
	assert.Equal(t, "kleedkamerbedi kleedkamer[p] bediend[ph]", render(ch.Analyze("kleedkamerbediende")))
	// A common word does not, even when it ends in a common word.
	assert.Equal(t, "verpleegkund", render(ch.Analyze("verpleegkundige")))
	// The longest common head wins; modifiers have at least three letters.
	assert.Equal(t, "barmedewerker bar[p] medewerker[ph]", render(ch.Analyze("barmedewerker")))
	assert.Equal(t, "akmedewerker", render(ch.Analyze("akmedewerker")))
	// A short head needs a modifier the lexicon knows: no sigarenfabri +
	// kant, but tand + arts.
	assert.Equal(t, "sigarenfabrikant", render(ch.Analyze("sigarenfabrikant")))
	assert.Equal(t, "tandart tand[p] art[ph]", render(ch.Analyze("tandarts")))
}

func TestDutchPresentTense(t *testing.T) {
	ch := dutchChain(t, "bedienen", "maken", "besturen", "werken", "lassen")
	for conj, inf := range map[string]string{"bedient": "bedienen", "maakt": "maken", "bestuurt": "besturen", "werkt": "werken"} {
		assert.Equal(t, ch.Terms(inf), ch.Terms(conj), conj)
		assert.Equal(t, Rewritten, ch.Analyze(conj)[0].Flags&Rewritten, conj)
	}
	assert.Equal(t, "kant", render(ch.Analyze("kant")), "no kanen in the lexicon: unchanged")
}

func TestRewriteNeedsKnownWords(t *testing.T) {
	// "stenen" is common, so "reclameassistenen" head-splits; that must not
	// make the present-tense rule turn the noun "reclameassistent" into it.
	ch := dutchChain(t, "reclameassistent", "stenen", "stenen", "stenen", "assistent", "assistent", "assistent")
	assert.Equal(t, ch.Terms("reclameassistent")[0], ch.Terms("reclameassistente")[0])
	assert.Zero(t, ch.Analyze("reclameassistent")[0].Flags&Rewritten)
}

func TestCleanTitleMore(t *testing.T) {
	for in, want := range map[string]string{
		"Lasser - fulltime - Gent":             "Lasser - Gent",
		"Vacature Magazijnier (voltijds, CDI)": "Magazijnier",
		"Chauffeur C - 3-ploegen":              "Chauffeur C",
		"Operator met ervaring":                "Operator",
		"Part-time kassamedewerker":            "kassamedewerker",
		"Starter":                              "Starter",
		"Full time nurse wanted":               "nurse",
		"Recherche cariste H/F":                "cariste",
		"Ingénieure de recherche biomédicale":  "Ingénieure de recherche biomédicale",
	} {
		assert.Equal(t, want, CleanTitle(in), in)
	}
}

func FuzzCleanTitle(f *testing.F) {
	for _, s := range []string{"Heftruckchauffeur (m/v/x) – ploegensysteem", "(((", "- - -", "full-time/part-time", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := CleanTitle(s)
		if len(out) > len(s)+1 {
			t.Fatalf("cleaned title %q longer than %q", out, s)
		}
	})
}
