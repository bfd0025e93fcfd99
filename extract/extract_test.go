package extract_test

import (
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

var (
	once sync.Once
	ex   *extract.Extractor
)

func extractor(t testing.TB) *extract.Extractor {
	once.Do(func() {
		tx, err := starter.Load(taxonomy.DefaultConfig())
		require.NoError(t, err)
		ex, err = extract.New(tx, extract.DefaultConfig())
		require.NoError(t, err)
	})
	return ex
}

func sk(s string) string  { return starter.ID(taxonomy.KindSkill, s) }
func occ(s string) string { return starter.ID(taxonomy.KindOccupation, s) }

// find returns the mentions of concept id.
func find(r extract.Result, id string) []extract.Mention {
	var out []extract.Mention
	for _, m := range r.Mentions {
		if m.ConceptID == id {
			out = append(out, m)
		}
	}
	return out
}

func TestExtractCases(t *testing.T) {
	e := extractor(t)
	cases := []struct {
		name, text string
		lang       analysis.Lang
		want       string // concept that must be found
		how        extract.MatchType
		negated    bool
		wish       bool
		span       string // the matched text
	}{
		{"inflection", "Je kan heftrucks bedienen.", "nl", sk("forklift"), extract.MatchExact, false, false, "heftrucks bedienen"},
		{"word order and gap", "Ervaring met het bedienen van een heftruck.", "nl", sk("forklift"), extract.MatchReordered, false, false, "bedienen van een heftruck"},
		{"compound in text", "Wij zoeken een vorkheftruckchauffeur.", "nl", occ("forklift-driver"), "", false, false, "vorkheftruckchauffeur"},
		{"compound in label", "Ik was chauffeur van een heftruck.", "nl", occ("forklift-driver"), "", false, false, "chauffeur van een heftruck"},
		{"acronym", "Je hebt een VCA-attest.", "nl", sk("vca"), "", false, false, ""},
		{"code", "Kennis van C# en .NET is een plus.", "nl", sk("csharp"), "", false, false, ""},
		{"driving licence code", "In het bezit van een CE-rijbewijs.", "nl", sk("licence-ce"), "", false, false, "CE-rijbewijs"},
		{"english-only name in dutch", "Kennis van Python en SAP.", "nl", sk("python"), extract.MatchExact, false, false, "Python"},
		{"mixed language", "Ik heb gewerkt als forklift driver in Antwerpen.", "nl", occ("forklift-driver"), "", false, false, "forklift driver"},
		{"french", "J'ai travaillé comme cariste.", "fr", occ("forklift-driver"), extract.MatchExact, false, false, "cariste"},
		{"german", "Erfahrung als Gabelstaplerfahrerin.", "de", occ("forklift-driver"), "", false, false, ""},
		{"gendered", "Ik werkte als poetsvrouw en kassierster.", "nl", occ("cashier"), "", false, false, ""},
		{"negation", "Ik heb geen ervaring met lassen.", "nl", sk("welding"), "", true, false, ""},
		{"late negation", "Lassen kan ik niet.", "nl", sk("welding"), "", true, false, ""},
		{"a later negation is not this one's", "Ik kan heftrucks bedienen en niet lassen.", "nl", sk("forklift"), "", false, false, ""},
		{"a later wish is not this one's", "Ik kan heftrucks bedienen en wil leren lassen.", "nl", sk("forklift"), "", false, false, ""},
		{"the later skill is negated", "Ik kan heftrucks bedienen en niet lassen.", "nl", sk("welding"), "", true, false, ""},
		{"wish", "Ik wil leren lassen.", "nl", sk("welding"), "", false, true, ""},
		{"english negation", "I have no experience with welding.", "en", sk("welding"), "", true, false, ""},
		{"french wish", "Je voudrais apprendre à souder.", "fr", sk("welding"), "", false, true, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Extract(tc.text, tc.lang)
			ms := find(r, tc.want)
			require.NotEmpty(t, ms, "%s not found in %q; got %v", tc.want, tc.text, ids(r))
			m := ms[0]
			if tc.how != "" {
				assert.Equal(t, tc.how, m.How)
			}
			assert.Equal(t, tc.negated, m.Negated, "negated")
			assert.Equal(t, tc.wish, m.Wish, "wish")
			if tc.span != "" {
				assert.Equal(t, tc.span, m.Text)
			}
			assert.Equal(t, m.Text, tc.text[m.Start:m.End], "byte span")
			assert.Equal(t, m.Text, string([]rune(tc.text)[m.CharStart:m.CharEnd]), "character span")
			assert.NotEmpty(t, m.Label, "the label that matched")
			// The confidence is the product of its factors.
			p := 1.0
			for _, f := range m.Factors {
				p *= f.Value
			}
			assert.InDelta(t, p, m.Confidence, 1e-9)
		})
	}
}

func ids(r extract.Result) []string {
	var out []string
	for _, m := range r.Mentions {
		out = append(out, m.ConceptID)
	}
	return out
}

func TestGenericWordsAlone(t *testing.T) {
	e := extractor(t)
	for _, text := range []string{"werken", "goed", "Ik werk goed.", "work", "travailler", "arbeiten", "ervaring"} {
		r := e.Extract(text, "")
		assert.Empty(t, r.Mentions, "%q gave %v", text, ids(r))
	}
}

func TestLongestLabelWins(t *testing.T) {
	e := extractor(t)
	r := e.Extract("Ervaring als vorkheftruckchauffeur.", "nl")
	// heftruck (a skill label) is inside the occupation's compound.
	assert.Empty(t, find(r, sk("forklift")), "the more specific occupation wins: %v", ids(r))
	assert.NotEmpty(t, find(r, occ("forklift-driver")))
	// The same concept is not reported twice for one place.
	r = e.Extract("Je parle néerlandais.", "fr")
	assert.Len(t, find(r, sk("lang-nl")), 1)
}

func TestConceptsRanking(t *testing.T) {
	e := extractor(t)
	r := e.Extract("Ik kan heftruck rijden en lassen, maar ik heb geen rijbewijs C. Ik wil leren programmeren.", "nl")
	cs := r.Concepts(taxonomy.KindSkill)
	var got []string
	for _, c := range cs {
		got = append(got, c.ConceptID)
	}
	assert.Contains(t, got, sk("forklift"))
	assert.Contains(t, got, sk("welding"))
	assert.NotContains(t, got, sk("licence-c"), "negated")
	assert.NotContains(t, got, sk("programming"), "a wish")
}

func TestDetectsLanguage(t *testing.T) {
	e := extractor(t)
	r := e.Extract("Nous recherchons un cariste avec expérience.", "")
	assert.True(t, r.Detected)
	assert.Equal(t, analysis.French, r.Lang)
	assert.NotEmpty(t, find(r, occ("forklift-driver")))
}

func TestThreshold(t *testing.T) {
	tx := extractor(t).Taxonomy()
	cfg := extract.DefaultConfig()
	cfg.MinConfidence = 0.99
	strict, err := extract.New(tx, cfg)
	require.NoError(t, err)
	r := strict.Extract("Ervaring met het bedienen van een heftruck.", "nl")
	assert.Empty(t, find(r, sk("forklift")), "a reordered match is below 0.99")
	cfg.MinConfidence = 2
	_, err = extract.New(tx, cfg)
	assert.ErrorIs(t, err, extract.ErrInvalidConfig)
}

func TestNormalizeTitle(t *testing.T) {
	e := extractor(t)
	cases := []struct {
		title string
		lang  analysis.Lang
		want  string
	}{
		{"Heftruckchauffeur (m/v/x) – ploegensysteem", "nl", occ("forklift-driver")},
		{"magazijnier", "nl", occ("warehouse-worker")},
		{"Medewerkster logistiek", "nl", occ("warehouse-worker")},
		{"Poetsvrouw", "nl", occ("cleaner")},
		{"Lasser-monteur MIG/MAG", "nl", occ("welder")},
		{"Verpleegkundige A2", "nl", occ("nurse")},
		{"Cariste H/F - CDI", "fr", occ("forklift-driver")},
		{"Gabelstaplerfahrer (m/w/d)", "de", occ("forklift-driver")},
		{"warehouse operative - nights", "en", occ("warehouse-worker")},
		{"Kapster", "any", occ("hairdresser")},
	}
	for _, tc := range cases {
		ms := e.NormalizeTitle(extract.TitleQuery{Title: tc.title, Lang: tc.lang, Limit: 5})
		require.NotEmpty(t, ms, tc.title)
		assert.Equal(t, tc.want, ms[0].ConceptID, "%q: %v", tc.title, ms)
		assert.NotEmpty(t, ms[0].Label)
		assert.NotEmpty(t, ms[0].Evidence)
	}
	// Skills named in a title raise the occupations that need them.
	ms := e.NormalizeTitle(extract.TitleQuery{Title: "Technieker hydraulica en pneumatica", Lang: "nl"})
	require.NotEmpty(t, ms)
	assert.Equal(t, occ("maintenance-technician"), ms[0].ConceptID)
	assert.Contains(t, strings.Join(ms[0].Evidence, " "), "names skills")
	assert.Empty(t, e.NormalizeTitle(extract.TitleQuery{Title: "  "}))
}

func TestImpliedSkills(t *testing.T) {
	e := extractor(t)
	ms := e.NormalizeTitle(extract.TitleQuery{Title: "heftruckchauffeur", Lang: "nl", Limit: 1})
	imp := e.ImpliedSkills(ms, "nl")
	require.NotEmpty(t, imp)
	var got []string
	for _, s := range imp {
		got = append(got, s.ConceptID)
		assert.True(t, s.Implied)
		assert.LessOrEqual(t, s.Weight, 0.5, "implied skills weigh at most ImpliedWeight")
		assert.Equal(t, occ("forklift-driver"), s.From)
	}
	assert.Contains(t, got, sk("forklift"))
	assert.NotContains(t, got, sk("reach-truck"), "optional skills are not implied")
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Je kan heftrucks bedienen. Geen ervaring met lassen.",
		"l'électricienne d'entretien", "C++ .NET", strings.Repeat("heftruck ", 50), "\xff\xfe", "a'b'c'", "(((",
	} {
		f.Add(s)
	}
	e := extractor(f)
	f.Fuzz(func(t *testing.T, s string) {
		start := time.Now()
		r := e.Extract(s, "")
		for _, m := range r.Mentions {
			if m.Start < 0 || m.End > len(s) || m.Start > m.End {
				t.Fatalf("span %d-%d outside %d bytes", m.Start, m.End, len(s))
			}
			if m.Confidence <= 0 || m.Confidence > 1 {
				t.Fatalf("confidence %v", m.Confidence)
			}
		}
		for _, m := range e.NormalizeTitle(extract.TitleQuery{Title: s}) {
			if m.Score < 0 || m.Score > 1 || len(m.Evidence) == 0 {
				t.Fatalf("title match %s: score %v, evidence %q", m.ConceptID, m.Score, m.Evidence)
			}
		}
		// Generous: linear work runs at megabytes per second.
		if d := time.Since(start); d > time.Second+time.Duration(len(s))*time.Microsecond*10 {
			t.Fatalf("%d bytes took %v", len(s), d)
		}
		_ = utf8.ValidString(s)
	})
}

func TestLongInputIsLinear(t *testing.T) {
	e := extractor(t)
	unit := "Je kan heftrucks bedienen en lassen, je hebt een VCA-attest en je werkt graag in team. "
	small := strings.Repeat(unit, 50)
	large := strings.Repeat(unit, 800)
	t0 := time.Now()
	e.Extract(small, "nl")
	ts := time.Since(t0)
	t0 = time.Now()
	r := e.Extract(large, "nl")
	tl := time.Since(t0)
	assert.NotEmpty(t, r.Mentions)
	// 16× the text may not take more than ~16× the time (with slack for a
	// noisy machine); a quadratic algorithm would take 256×.
	assert.Less(t, tl, 64*ts+50*time.Millisecond, "small %v, large %v", ts, tl)
}
