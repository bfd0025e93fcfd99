package starter_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

func TestStarterContent(t *testing.T) {
	tx, err := starter.Load(taxonomy.DefaultConfig())
	require.NoError(t, err)
	s := tx.Stats()
	assert.GreaterOrEqual(t, s.Kinds["skill"], 300)
	assert.GreaterOrEqual(t, s.Kinds["occupation"], 60)
	for _, kind := range []string{"skill", "occupation"} {
		for _, lang := range []string{"nl", "en", "fr", "de"} {
			assert.Equal(t, s.Kinds[kind], s.PrefLabels[kind][lang], "every %s has a %s label", kind, lang)
		}
	}
	assert.Zero(t, s.DroppedRelations)
	assert.Greater(t, s.AltLabels["occupation"]["nl"], 3*s.Kinds["occupation"], "Dutch job titles as people write them")
	// Every occupation has essential skills, and every skill is used.
	for o := range tx.All(taxonomy.KindOccupation) {
		n := 0
		for _, r := range tx.Skills(o) {
			if r == taxonomy.Essential {
				n++
			}
		}
		assert.GreaterOrEqual(t, n, 3, "%s needs at least three essential skills", o.ID)
	}
	for _, c := range []string{"digital", "green", "transversal", "language"} {
		assert.Positive(t, s.Collections[c], c)
	}
	assert.Equal(t, "skillsnav-starter", tx.Provenance().Source)
}

func TestReadErrors(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"bad record", "Q x\n", "t.txt:1:1: unknown record type 'Q'"},
		{"no space", "S\n", "t.txt:1:1: want a record type"},
		{"bad type", "G g | nl: groep | en: group\nS s z g | nl: a | en: b\n", `t.txt:2:5: skill type "z"`},
		{"missing english", "G g | nl: groep\n", "t.txt:1:3: skillgroup g needs at least a Dutch and an English label"},
		{"bad lang", "G g | nederlands groep\n", `t.txt:1:7: want "<lang>: label; label"`},
		{"unknown ref", "G g | nl: a | en: b\nS s c g | nl: a | en: b\nR s: t\n", `t.txt:3:6: unknown ID "t"`},
		{"wrong kind", "G g | nl: a | en: b\nS s c g | nl: a | en: b\nE s: s\n", `t.txt:3:3: "s" is a skill, want a occupation`},
		{"bad isco", "O o 12 | nl: a | en: b\n", `t.txt:1:5: ISCO code "12" must have 4 digits`},
		{"duplicate", "G g | nl: a | en: b\nG g | nl: a | en: b\n", `t.txt:2:3: skillgroup ID "g" is declared twice`},
		{"group missing", "S s c nogroup | nl: a | en: b\n", `t.txt:1:7: unknown ID "nogroup"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := starter.Read(taxonomy.NewBuilder(starter.Provenance), "t.txt", strings.NewReader(tc.in))
			require.Error(t, err)
			assert.ErrorIs(t, err, taxonomy.ErrInvalid)
			assert.Contains(t, err.Error(), tc.want)
			var pe *taxonomy.ParseError
			require.True(t, errors.As(err, &pe))
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add("G g | nl: a | en: b\nS s c g | nl: x; y | en: z\nO o 1234 | nl: a | en: b\nE o: s\nX s http://x\n")
	f.Add("S s c+digital g | nl: a\n")
	f.Add("R :\nE x:\nX\n")
	f.Fuzz(func(t *testing.T, in string) {
		b := taxonomy.NewBuilder(starter.Provenance)
		if err := starter.Read(b, "fuzz.txt", strings.NewReader(in)); err != nil {
			if !errors.Is(err, taxonomy.ErrInvalid) {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		if _, err := b.Build(taxonomy.DefaultConfig()); err != nil {
			t.Fatalf("parsed input does not build: %v", err)
		}
	})
}

// TestNoCompoundSplitting checks the ablation switch: with it, the Dutch
// chain keeps heftruckchauffeur whole, and lookup no longer finds the
// forklift driver through the compound's parts.
func TestNoCompoundSplitting(t *testing.T) {
	terms := func(cfg taxonomy.Config) []string {
		tx, err := starter.Load(cfg)
		require.NoError(t, err)
		var out []string
		for _, tok := range tx.Chain("nl").Analyze("heftruckchauffeur") {
			out = append(out, tok.Term)
		}
		return out
	}
	split := terms(taxonomy.DefaultConfig())
	whole := terms(taxonomy.Config{Fuzzy: true, NoCompoundSplitting: true})
	assert.Greater(t, len(split), 1, "compound parts by default: %v", split)
	assert.Len(t, whole, 1, "one token without splitting: %v", whole)
}
