package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestTaxonomySearch(t *testing.T) {
	code, out, _ := runCLI("taxonomy", "search", "--lang", "nl", "--kind", "occupation", "--limit", "3", "heftruckchauffeuse")
	require.Equal(t, 0, code)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.NotEmpty(t, lines)
	assert.LessOrEqual(t, len(lines), 3)
	assert.Equal(t, []string{"1", "sn:occupation:forklift-driver", "0.9800", "heftruckchauffeuse", "exact"}, strings.Split(lines[0], "\t"))

	code, out, _ = runCLI("taxonomy", "search", "--format", "json", "--prefix", "--lang", "nl", "heftr")
	require.Equal(t, 0, code)
	var rows []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &rows))
	require.NotEmpty(t, rows)
	assert.Equal(t, "prefix", rows[0]["how"])
}

func TestTaxonomyStats(t *testing.T) {
	code, out, _ := runCLI("taxonomy", "stats")
	require.Equal(t, 0, code)
	var v struct {
		Source string  `json:"source"`
		LoadMS float64 `json:"load_ms"`
		Stats  struct {
			Kinds      map[string]int            `json:"kinds"`
			PrefLabels map[string]map[string]int `json:"pref_labels"`
		} `json:"stats"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &v))
	assert.Equal(t, "starter", v.Source)
	assert.Positive(t, v.LoadMS)
	assert.GreaterOrEqual(t, v.Stats.Kinds["skill"], 300)
	assert.Equal(t, v.Stats.Kinds["occupation"], v.Stats.PrefLabels["occupation"]["fr"])
}

func TestTaxonomyStatsESCO(t *testing.T) {
	dir := os.Getenv("SKILLSNAV_ESCO_DIR")
	if dir == "" {
		t.Skip("SKILLSNAV_ESCO_DIR is not set: skipping the CLI test on ESCO")
	}
	code, out, errOut := runCLI("taxonomy", "stats", "--taxonomy", "esco:"+dir)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "This service uses the ESCO classification of the European Commission.")
	assert.Contains(t, out, `"skill": 13896`)
}

func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{nil, 2, "Usage"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"taxonomy"}, 2, "needs a subcommand"},
		{[]string{"taxonomy", "search"}, 2, "needs a QUERY"},
		{[]string{"taxonomy", "search", "--lang", "xx", "a"}, 2, `unsupported language "xx"`},
		{[]string{"taxonomy", "search", "--kind", "job", "a"}, 2, `unknown kind "job"`},
		{[]string{"taxonomy", "search", "--bogus", "a"}, 2, "flag provided but not defined"},
		{[]string{"taxonomy", "stats", "--taxonomy", "esco:/does/not/exist"}, 1, "no such file"},
		{[]string{"taxonomy", "stats", "--taxonomy", "nonsense"}, 1, `taxonomy source "nonsense"`},
		{[]string{"serve", "--addr", "256.0.0.1:99999"}, 1, "listen on"},
	} {
		code, _, errOut := runCLI(tc.args...)
		assert.Equal(t, tc.code, code, "%v", tc.args)
		assert.Contains(t, errOut, tc.msg, "%v", tc.args)
	}
	code, out, _ := runCLI("version")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "skillsnav")
}

func TestExtractAndNormalizeCLI(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"normalize", "--top", "1"}, strings.NewReader("v1\tPoetsvrouw\n\nv2\tCariste H/F\n"), &out, &errb)
	require.Equal(t, 0, code, errb.String())
	assert.Equal(t, "v1\t1\tsn:occupation:cleaner\t0.9887\tpoetsvrouw\nv2\t1\tsn:occupation:forklift-driver\t1.0000\tcariste\n", out.String())

	out.Reset()
	code = run(context.Background(), []string{"extract", "--tsv"}, strings.NewReader("p1\tIk kan lassen maar heb geen rijbewijs C.\n"), &out, &errb)
	require.Equal(t, 0, code, errb.String())
	assert.Equal(t, "p1\t1\tsn:skill:welding\t0.8500\tlassen\n", out.String(), "the negated licence is left out")

	out.Reset()
	code = run(context.Background(), []string{"extract", "--format", "json"}, strings.NewReader("Ik wil leren lassen."), &out, &errb)
	require.Equal(t, 0, code, errb.String())
	assert.Contains(t, out.String(), `"wish": true`)

	for _, tc := range []struct {
		args []string
		in   string
		code int
		msg  string
	}{
		{[]string{"normalize", "--kind", "job"}, "", 2, "--kind must be occupation or skill"},
		{[]string{"normalize"}, "no tab here\n", 1, "stdin:1: want id<TAB>title"},
		{[]string{"extract", "--tsv"}, "a\tb\n\tc\n", 1, "stdin:2: want id<TAB>text"},
		{[]string{"extract", "--top", "0"}, "", 2, "--top must be at least 1"},
		{[]string{"extract", "--format", "xml"}, "", 2, "--format must be tsv or json"},
	} {
		var o, e bytes.Buffer
		assert.Equal(t, tc.code, run(context.Background(), tc.args, strings.NewReader(tc.in), &o, &e), "%v", tc.args)
		assert.Contains(t, e.String(), tc.msg, "%v", tc.args)
	}
}

func TestMatchCLI(t *testing.T) {
	code, out, errs := runCLI("match", "--profile", "demo-p010", "--size", "5")
	require.Equal(t, 0, code, errs)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.NotEmpty(t, lines)
	f := strings.Split(lines[0], "\t")
	require.Len(t, f, 4, "rank, id, score, title")
	assert.Equal(t, "1", f[0])
	assert.True(t, strings.HasPrefix(f[1], "demo-v"))

	code, out, errs = runCLI("match", "--question", "gap", "--profile", "demo-p010", "--vacancy", "demo-v001", "--format", "json")
	require.Equal(t, 0, code, errs)
	var gap map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &gap))
	assert.Contains(t, gap, "components")

	for _, args := range [][]string{
		{"match", "--question", "bogus", "--profile", "demo-p010"},
		{"match"},
		{"match", "--question", "gap", "--profile", "demo-p010"},
		{"match", "--profile", "demo-p010", "--size", "0"},
	} {
		code, _, errs := runCLI(args...)
		assert.Equal(t, 2, code, "%v: %s", args, errs)
	}
	code, _, errs = runCLI("match", "--profile", "nobody")
	assert.Equal(t, 1, code, "an unknown profile is a failure, not a usage error: %s", errs)
	assert.Contains(t, errs, "nobody")
}
