package benchmarks

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// Seeds of the project's own sets: the development set tunes defaults, the
// test set only reports.
const (
	devSeed  = 1
	testSeed = 2
)

// Margins skillsnav must keep over the best baseline on the test sets: a
// regression guard with the figures of benchmarks/README.md.
const (
	titleMRRMargin     = 0.005
	extractionF1Margin = 0.05
)

func TestTitleNormalizationQuality(t *testing.T) {
	dir := escoDir(t)
	for _, seed := range []uint64{devSeed, testSeed} {
		r, err := EvalTitles(context.Background(), dir, seed, taxonomy.DefaultConfig(), false)
		require.NoError(t, err)
		t.Logf("title normalisation, seed %d: %d held-out nl/fr labels of ESCO occupations", seed, len(r.Items))
		for _, name := range sortedKeys(r.Results) {
			s := r.Results[name]
			t.Logf("  %-14s MRR %.3f  Acc@1 %.3f  Acc@10 %.3f", name, s.MRR, s.Acc1, s.Acc10)
		}
		if seed == testSeed {
			sn := r.Results["skillsnav"]
			for _, b := range []string{"trigram-tfidf", "bleve-bm25"} {
				assert.Greater(t, sn.MRR, r.Results[b].MRR+titleMRRMargin, "MRR against %s", b)
				assert.Greater(t, sn.Acc1, r.Results[b].Acc1, "Accuracy@1 against %s", b)
			}
		}
	}
}

func TestExtractionQuality(t *testing.T) {
	tx := loadESCO(t)
	dev, err := EvalExtraction(tx, devSeed, 400, false)
	require.NoError(t, err)
	test, err := EvalExtraction(tx, testSeed, 400, false)
	require.NoError(t, err)
	t.Logf("extraction: %d + %d Dutch texts (dev seed %d, test seed %d)", len(dev.Items), len(test.Items), devSeed, testSeed)
	testF1 := map[string]float64{}
	for _, r := range ExtractionTable(dev, test) {
		t.Logf("  %-14s threshold %.3f  dev P %.3f R %.3f F1 %.3f  test P %.3f R %.3f F1 %.3f", r.Method, r.Threshold,
			r.Dev.Precision, r.Dev.Recall, r.Dev.F1, r.Test.Precision, r.Test.Recall, r.Test.F1)
		testF1[r.Method] = r.Test.F1
	}
	for _, b := range []string{"trigram-tfidf", "bleve-bm25"} {
		assert.Greater(t, testF1["skillsnav"], testF1[b]+extractionF1Margin, "F1 against %s", b)
	}
	var sw []string
	for _, x := range dev.Sweeps["skillsnav"] {
		sw = append(sw, fmt.Sprintf("%.2f:%.3f", x.Threshold, x.Scores.F1()))
	}
	t.Logf("  skillsnav dev F1 by threshold: %s", strings.Join(sw, " "))
}
