package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBenchUsage(t *testing.T) {
	t.Setenv("SKILLSNAV_ESCO_DIR", "")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"bench"}, "needs the ESCO extract"},
		{[]string{"bench", "--esco", "x", "--suite", "huge"}, `Suite "huge"`},
		{[]string{"bench", "--esco", "x", "--sizes", "10k"}, `--sizes "10k"`},
		{[]string{"bench", "--esco", "x", "--sizes", "5"}, "Sizes[0] = 5"},
		{[]string{"bench", "--esco", "x", "--guard", "/nonexistent/guard.json"}, "guard.json"},
	} {
		code, _, errOut := runCLI(c.args...)
		assert.Equal(t, 2, code, "%v: %s", c.args, errOut)
		assert.Contains(t, errOut, c.want, "%v", c.args)
	}
}

// TestBenchDataset runs the hand-made titles dataset of the benchmarks
// package with the starter taxonomy and reads results.json.
func TestBenchDataset(t *testing.T) {
	out := t.TempDir()
	code, stdout, errOut := runCLI("bench", "--quiet", "--dataset", "../../benchmarks/testdata/trec-titles", "--out", out)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, "skillsnav NormalizeTitle")
	b, err := os.ReadFile(filepath.Join(out, "results.json"))
	require.NoError(t, err)
	var res struct {
		Dataset string `json:"dataset"`
		Queries int    `json:"queries"`
		Methods []struct {
			Method  string `json:"method"`
			Summary struct {
				MRR float64 `json:"mrr"`
			} `json:"summary"`
		} `json:"methods"`
	}
	require.NoError(t, json.Unmarshal(b, &res))
	assert.Equal(t, "trec-titles", res.Dataset)
	assert.Equal(t, 14, res.Queries)
	require.NotEmpty(t, res.Methods)
	assert.Equal(t, 1.0, res.Methods[0].Summary.MRR)

	code, _, errOut = runCLI("bench", "--quiet", "--dataset", t.TempDir())
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "no queries.tsv")
}
