package benchmarks

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/benchmarks/eval"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// TestRunDataset runs the two hand-made datasets of testdata with the
// starter taxonomy: job titles against the taxonomy's occupations, and
// short CVs in three languages against a small text corpus with concepts.
func TestRunDataset(t *testing.T) {
	tx, err := starter.Load(taxonomy.DefaultConfig())
	require.NoError(t, err)
	ctx := context.Background()
	for _, c := range []struct {
		dir, corpus string
		elements    int
	}{{"testdata/trec-titles", "taxonomy", 86}, {"testdata/trec-text", "text", 5}} {
		res, err := RunDataset(ctx, c.dir, tx, nil)
		require.NoError(t, err, c.dir)
		assert.Equal(t, c.corpus, res.Corpus)
		assert.GreaterOrEqual(t, res.Elements, c.elements)
		require.NotEmpty(t, res.Methods)
		sn := res.Methods[0]
		require.Equal(t, KindSkillsnav, sn.Kind)
		assert.Equal(t, 1.0, sn.Summary.Acc1, "%s: every query's answer first", c.dir)
		var b strings.Builder
		require.NoError(t, res.Table(&b))
		t.Log("\n" + b.String())
		for _, m := range res.Methods[1:] {
			assert.LessOrEqual(t, m.Summary.MRR, sn.Summary.MRR, "%s: %s", c.dir, m.Method)
		}
	}
}

func TestReadDatasetErrors(t *testing.T) {
	_, err := ReadDataset(t.TempDir())
	require.ErrorIs(t, err, ErrDataset)
	assert.Contains(t, err.Error(), "queries.tsv")
	for _, c := range []struct{ in, want string }{
		{"q1 0 e1\n", "q:1: want 4 fields"},
		{"q1 0 e1 high\n", "q:1: relevance \"high\""},
		{"# comment\n\nq1 0 e1 2\nq1 0 e2\n", "q:4: want 4 fields"},
	} {
		_, err := ParseQrels(strings.NewReader(c.in), "q")
		require.ErrorIs(t, err, ErrDataset, c.in)
		assert.Contains(t, err.Error(), c.want)
	}
	for _, c := range []struct{ in, want string }{
		{"q1 no tab\n", "t:1: no tab"},
		{"q1\tok\n \tx\n", "t:2: empty id"},
	} {
		_, err := ParseTSV(strings.NewReader(c.in), "t")
		require.ErrorIs(t, err, ErrDataset, c.in)
		assert.Contains(t, err.Error(), c.want)
	}
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "queries.tsv"), []byte("q1\ta\nq1\tb\n"), 0o644))
	_, err = ReadDataset(dir)
	require.ErrorIs(t, err, ErrDataset)
	assert.Contains(t, err.Error(), `id "q1" appears twice`)
	q, err := ParseQrels(strings.NewReader("q1 0 e1 2\nq1 0 e2 0\nq2 Q0 e3 1\n"), "q")
	require.NoError(t, err)
	assert.Equal(t, map[string]eval.Qrels{"q1": {"e1": 2, "e2": 0}, "q2": {"e3": 1}}, q)
}

func FuzzParseQrels(f *testing.F) {
	f.Add("q1 0 e1 2\nq1 0 e2 0\n")
	f.Add("# c\n\nq 0 e -1\n")
	f.Add("q1 0 e1")
	f.Fuzz(func(t *testing.T, in string) {
		q, err := ParseQrels(strings.NewReader(in), "fuzz")
		if err != nil {
			if !errors.Is(err, ErrDataset) {
				t.Fatalf("error %v does not wrap ErrDataset", err)
			}
			return
		}
		for id, rels := range q {
			if id == "" || len(rels) == 0 {
				t.Fatalf("empty query %q or qrels %v", id, rels)
			}
		}
	})
}

func FuzzParseTSV(f *testing.F) {
	f.Add("q1\tHeftruckchauffeur (m/v/x)\nq2\tCariste H/F\n")
	f.Add("#\n\n\t\n")
	f.Fuzz(func(t *testing.T, in string) {
		rows, err := ParseTSV(strings.NewReader(in), "fuzz")
		if err != nil {
			if !errors.Is(err, ErrDataset) {
				t.Fatalf("error %v does not wrap ErrDataset", err)
			}
			return
		}
		for _, r := range rows {
			if r.ID == "" || strings.ContainsAny(r.ID, "\t\n") {
				t.Fatalf("bad id %q", r.ID)
			}
		}
	})
}

// TestRunDatasetBadConcept names the element and the unknown concept.
func TestRunDatasetBadConcept(t *testing.T) {
	tx, err := starter.Load(taxonomy.DefaultConfig())
	require.NoError(t, err)
	dir := t.TempDir()
	for name, body := range map[string]string{
		"queries.tsv":  "q1\tlassen\n",
		"qrels":        "q1 0 e1 1\n",
		"corpus.tsv":   "e1\tLasser gezocht\n",
		"concepts.tsv": "e1\tsn:skill:no-such-skill\n",
	} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	_, err = RunDataset(context.Background(), dir, tx, nil)
	require.ErrorIs(t, err, ErrDataset)
	assert.Contains(t, err.Error(), `element e1 names "sn:skill:no-such-skill"`)
}
