package eval

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRankingMetricsByHand(t *testing.T) {
	// Relevant: a (grade 3), c (grade 1), e (grade 2, never retrieved).
	q := Qrels{"a": 3, "c": 1, "e": 2, "z": 0}
	run := []string{"b", "a", "z", "c", "d"}

	assert.InDelta(t, 1.0/2, ReciprocalRank(run, q), 1e-12)
	assert.Equal(t, 0.0, SuccessAt(run, q, 1))
	assert.Equal(t, 1.0, SuccessAt(run, q, 2))
	assert.InDelta(t, 2.0/5, PrecisionAt(run, q, 5), 1e-12)
	assert.InDelta(t, 2.0/10, PrecisionAt(run, q, 10), 1e-12, "missing ranks count as not relevant")
	assert.InDelta(t, 1.0/3, RecallAt(run, q, 2), 1e-12)
	assert.InDelta(t, 2.0/3, RecallAt(run, q, 20), 1e-12)
	// AP = (1/2 + 2/4) / 3 relevant.
	assert.InDelta(t, (0.5+0.5)/3, AveragePrecision(run, q), 1e-12)
	// DCG@5 = 3/log2(3) + 1/log2(5); IDCG@5 = 3/log2(2) + 2/log2(3) + 1/log2(4).
	dcg := 3/math.Log2(3) + 1/math.Log2(5)
	idcg := 3.0 + 2/math.Log2(3) + 1/math.Log2(4)
	assert.InDelta(t, dcg/idcg, NDCGAt(run, q, 5), 1e-12)
	// Cut at 1: nothing relevant at rank 1.
	assert.Equal(t, 0.0, NDCGAt(run, q, 1))
}

func TestEmptyCases(t *testing.T) {
	assert.Zero(t, ReciprocalRank(nil, Qrels{"a": 1}))
	assert.Zero(t, RecallAt([]string{"a"}, Qrels{}, 10))
	assert.Zero(t, AveragePrecision([]string{"a"}, Qrels{"a": 0}))
	assert.Zero(t, NDCGAt([]string{"a"}, Qrels{}, 10))
	assert.Zero(t, PrecisionAt([]string{"a"}, Qrels{"a": 1}, 0))
	var m Ranking
	assert.Equal(t, Summary{}, m.Summary())
}

func TestPerfectRun(t *testing.T) {
	q := Qrels{"a": 2, "b": 1}
	run := []string{"a", "b", "x"}
	assert.Equal(t, 1.0, ReciprocalRank(run, q))
	assert.InDelta(t, 1.0, AveragePrecision(run, q), 1e-12)
	assert.InDelta(t, 1.0, NDCGAt(run, q, 10), 1e-12)
	// Swapping the grades' order lowers nDCG but not AP.
	swapped := []string{"b", "a"}
	assert.InDelta(t, 1.0, AveragePrecision(swapped, q), 1e-12)
	want := (1 + 2/math.Log2(3)) / (2 + 1/math.Log2(3))
	assert.InDelta(t, want, NDCGAt(swapped, q, 10), 1e-12)
}

func TestRankingSummary(t *testing.T) {
	var m Ranking
	m.Add([]string{"a"}, Qrels{"a": 1})      // RR 1
	m.Add([]string{"x", "a"}, Qrels{"a": 1}) // RR 1/2
	m.Add([]string{"x"}, Qrels{"a": 1})      // RR 0
	s := m.Summary()
	assert.Equal(t, 3, s.Queries)
	assert.InDelta(t, 0.5, s.MRR, 1e-12)
	assert.InDelta(t, 1.0/3, s.Acc1, 1e-12)
	assert.InDelta(t, 2.0/3, s.Acc10, 1e-12)
}

func TestSetScores(t *testing.T) {
	var s SetScores
	s.Add([]string{"a", "b", "b"}, []string{"a", "c"}) // TP a, FP b, FN c
	s.Add([]string{"d"}, []string{"d"})                // TP d
	assert.Equal(t, SetScores{TP: 2, FP: 1, FN: 1}, s)
	assert.InDelta(t, 2.0/3, s.Precision(), 1e-12)
	assert.InDelta(t, 2.0/3, s.Recall(), 1e-12)
	assert.InDelta(t, 2.0/3, s.F1(), 1e-12)
	assert.Zero(t, SetScores{}.F1())
}
