package index_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/index"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name string, got any) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	require.NoError(t, err)
	b = append(b, '\n')
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, b, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), string(b))
}

func TestImportJSONL(t *testing.T) {
	ctx := context.Background()
	ix := open(t, "", true)
	defer ix.Close()
	// An existing record must survive a bad line with the same ID.
	require.NoError(t, ix.Put(ctx, vacancy("v3", "Schoonmaker", "Gent")))
	f, err := os.Open("testdata/vacancies.jsonl")
	require.NoError(t, err)
	defer f.Close()
	var progress []index.ImportProgress
	rep, err := ix.Import(ctx, sn.KindVacancy, f, index.ImportOptions{Progress: func(p index.ImportProgress) { progress = append(progress, p) }})
	require.NoError(t, err)
	assert.Equal(t, 10, rep.Lines, "blank lines are skipped")
	assert.Equal(t, rep.Lines, rep.Imported+rep.Failed, "every line is imported or reported")
	assert.NotEmpty(t, progress)
	rep.Seconds, rep.PerSecond = 0, 0
	golden(t, "vacancies.jsonl.report.json", rep)

	got, err := ix.Vacancy(ctx, "v3")
	require.NoError(t, err)
	assert.Equal(t, "Schoonmaker", got.Title, "a bad line does not overwrite a stored record")
	v9, err := ix.Vacancy(ctx, "v9")
	require.NoError(t, err)
	assert.Equal(t, "Rotterdam", v9.Location.Municipality)
	assert.NotEmpty(t, v9.Occupation, "occupation derived from the title")
	r, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Text: "lasser"})
	require.NoError(t, err)
	assert.Equal(t, "v2", r.Hits[0].ID)
}

func TestImportCSV(t *testing.T) {
	ctx := context.Background()
	ix := open(t, "", false)
	defer ix.Close()
	f, err := os.Open("testdata/vacancies.csv")
	require.NoError(t, err)
	defer f.Close()
	rep, err := ix.Import(ctx, sn.KindVacancy, f, index.ImportOptions{Format: "csv"})
	require.NoError(t, err)
	rep.Seconds, rep.PerSecond = 0, 0
	golden(t, "vacancies.csv.report.json", rep)
	c1, err := ix.Vacancy(ctx, "c1")
	require.NoError(t, err)
	assert.Equal(t, []sn.SkillReq{{ConceptID: "sn:skill:forklift", Essential: true}, {ConceptID: "sn:skill:order-picking"}}, c1.Skills)
	assert.Equal(t, []sn.LanguageLevel{{Lang: "nl", Level: "B1"}, {Lang: "fr", Level: "A2"}}, c1.Languages)
	assert.Equal(t, 38.0, c1.HoursPerWeek)

	for _, tc := range []struct{ csv, want string }{
		{"id,title,salary\n", "unknown column \"salary\""},
		{"title,place\n", "no \"id\" column"},
		{"id,title,id\n", "appears twice"},
	} {
		_, err := ix.Import(ctx, sn.KindVacancy, strings.NewReader(tc.csv), index.ImportOptions{Format: "csv"})
		require.ErrorIs(t, err, sn.ErrInvalid)
		assert.Contains(t, err.Error(), tc.want)
	}
	_, err = ix.Import(ctx, sn.KindProfile, strings.NewReader("id\n"), index.ImportOptions{Format: "csv"})
	require.ErrorIs(t, err, sn.ErrInvalid)
}

func FuzzImportJSONL(f *testing.F) {
	b, err := os.ReadFile("testdata/vacancies.jsonl")
	require.NoError(f, err)
	for _, l := range strings.Split(string(b), "\n") {
		f.Add(l)
	}
	ix := open(f, "", false)
	f.Cleanup(func() { ix.Close() })
	f.Fuzz(func(t *testing.T, s string) {
		for _, k := range sn.Kinds {
			rep, err := ix.Import(context.Background(), k, strings.NewReader(s), index.ImportOptions{})
			if err != nil {
				t.Fatalf("%s: %v", k, err)
			}
			if rep.Imported+rep.Failed != rep.Lines {
				t.Fatalf("%d lines, %d imported, %d failed", rep.Lines, rep.Imported, rep.Failed)
			}
			for _, e := range rep.Errors {
				if e.Line < 1 || e.Reason == "" {
					t.Fatalf("error without line or reason: %+v", e)
				}
			}
		}
	})
}

func FuzzImportCSV(f *testing.F) {
	b, err := os.ReadFile("testdata/vacancies.csv")
	require.NoError(f, err)
	f.Add(string(b))
	f.Add("id,title,place\n\"x,y\",\"a\"\"b\",Gent\n")
	f.Add("id,title,lat,lon\nq,Kok,51.1,NaN\n")
	ix := open(f, "", false)
	f.Cleanup(func() { ix.Close() })
	f.Fuzz(func(t *testing.T, s string) {
		rep, err := ix.Import(context.Background(), sn.KindVacancy, strings.NewReader(s), index.ImportOptions{Format: "csv"})
		if err != nil {
			if !strings.Contains(err.Error(), "CSV") {
				t.Fatalf("error does not say where: %v", err)
			}
			return
		}
		if rep.Imported+rep.Failed != rep.Lines {
			t.Fatalf("%d lines, %d imported, %d failed", rep.Lines, rep.Imported, rep.Failed)
		}
	})
}
