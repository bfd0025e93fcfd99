package labels_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/labels"
)

func TestLoad(t *testing.T) {
	tx, err := labels.Load(context.Background(), "testdata/company.csv", "testdata/company-relations.csv", taxonomy.DefaultConfig())
	require.NoError(t, err)
	o, ok := tx.Concept("acme:o:picker")
	require.True(t, ok)
	assert.Equal(t, taxonomy.KindOccupation, o.Kind)
	assert.Equal(t, []string{"orderpickster"}, o.AltLabels("nl"))
	assert.Equal(t, "préparateur de commandes", o.PrefLabel("fr"))
	var skills []string
	for s, r := range tx.Skills(o) {
		skills = append(skills, s.ID+"/"+r.String())
	}
	assert.Equal(t, []string{"acme:s:pick/essential", "acme:s:scan/optional"}, skills)
	ms := tx.Lookup(taxonomy.Query{Text: "orderpickster", Lang: "nl"})
	require.NotEmpty(t, ms)
	assert.Equal(t, "acme:o:picker", ms[0].Concept.ID)

	// Labels only, no relations: a list of occupations alone is fine.
	tx, err = labels.Load(context.Background(), "testdata/company.csv", "", taxonomy.DefaultConfig())
	require.NoError(t, err)
	assert.Equal(t, 0, tx.Stats().OccupationSkills)
}

func TestReadLabelsErrors(t *testing.T) {
	const h = "concept_id,kind,lang,label_type,label\n"
	cases := map[string]struct{ in, want string }{
		"bad kind":   {h + "x,job,nl,pref,a\n", `l.csv:2:3: invalid taxonomy data: unknown kind "job"`},
		"bad type":   {h + "x,skill,nl,main,a\n", `l.csv:2:12: bad label_type "main"`},
		"bad lang":   {h + "x,skill,dutch,pref,a\n", `l.csv:2:9: bad language code "dutch"`},
		"empty id":   {h + ",skill,nl,pref,a\n", "l.csv:2:1: empty concept_id"},
		"empty":      {h + "x,skill,nl,pref,\n", "l.csv:2:17: empty label"},
		"kind clash": {h + "x,skill,nl,pref,a\nx,occupation,nl,alt,b\n", "l.csv:3:3: concept x was declared a skill earlier, not a occupation"},
		"no header":  {"", "l.csv:1: empty file"},
		"no rows":    {h, "l.csv:2: no labels after the header"},
		"header":     {"id,kind\nx,skill\n", `l.csv:1: missing column "concept_id"`},
		"quote":      {h + "x,skill,nl,pref,\"a\n", "l.csv:2:"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			err := labels.ReadLabels(context.Background(), taxonomy.NewBuilder(taxonomy.Provenance{}), "l.csv", strings.NewReader(tc.in))
			require.Error(t, err)
			assert.ErrorIs(t, err, taxonomy.ErrInvalid)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestReadRelationsErrors(t *testing.T) {
	const h = "source_id,relation,target_id\n"
	cases := map[string]struct{ in, want string }{
		"unknown":   {h + "o,essential,nope\n", `r.csv:2:13: unknown concept "nope"`},
		"bad rel":   {h + "o,needs,s\n", `r.csv:2:3: bad relation "needs"`},
		"wrong way": {h + "s,essential,o\n", "r.csv:2:3: essential relation needs an occupation and a skill, got a skill and a occupation"},
		"related":   {h + "o,related,s\n", "r.csv:2:3: related relation needs two skills"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			b := taxonomy.NewBuilder(taxonomy.Provenance{})
			require.NoError(t, labels.ReadLabels(context.Background(), b, "l.csv", strings.NewReader("concept_id,kind,lang,label_type,label\no,occupation,nl,pref,a\ns,skill,nl,pref,b\n")))
			err := labels.ReadRelations(context.Background(), b, "r.csv", strings.NewReader(tc.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func FuzzReadLabels(f *testing.F) {
	f.Add("x,skill,nl,pref,heftruck besturen\nx,skill,en,alt,forklift\n")
	f.Add("y,occupation,fr,pref,\"cariste\"\n")
	f.Add("\"\n")
	f.Fuzz(func(t *testing.T, rows string) {
		b := taxonomy.NewBuilder(taxonomy.Provenance{})
		err := labels.ReadLabels(context.Background(), b, "f.csv", strings.NewReader("concept_id,kind,lang,label_type,label\n"+rows))
		if err != nil {
			var pe *taxonomy.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error without location: %v", err)
			}
			return
		}
		if _, err := b.Build(taxonomy.DefaultConfig()); err != nil {
			t.Fatalf("accepted input does not build: %v", err)
		}
	})
}
