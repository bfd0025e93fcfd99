// Package eval computes ranking and set metrics exactly as trec_eval
// defines them, for skillsnav's benchmark suites: reciprocal rank,
// accuracy (success) at k, recall at k, precision at k, average precision
// and nDCG at k with graded relevance, plus precision, recall and F1 of
// extracted sets.
//
// A run is a ranked list of document IDs for one query (best first, no
// duplicates); qrels map document IDs to graded relevance (> 0 is
// relevant). Means over queries include queries whose runs find nothing
// relevant (they count 0), as trec_eval does for the queries in the qrels.
package eval

import (
	"math"
	"sort"
)

// Qrels is the graded relevance of documents for one query.
type Qrels map[string]int

// Relevant counts the relevant documents (grade > 0).
func (q Qrels) Relevant() int {
	n := 0
	for _, g := range q {
		if g > 0 {
			n++
		}
	}
	return n
}

// ReciprocalRank is 1/rank of the first relevant document, or 0.
func ReciprocalRank(run []string, q Qrels) float64 {
	for i, d := range run {
		if q[d] > 0 {
			return 1 / float64(i+1)
		}
	}
	return 0
}

// SuccessAt is 1 when a relevant document is among the first k (trec_eval's
// success@k, also called accuracy@k), else 0.
func SuccessAt(run []string, q Qrels, k int) float64 {
	for i := 0; i < len(run) && i < k; i++ {
		if q[run[i]] > 0 {
			return 1
		}
	}
	return 0
}

// PrecisionAt is the share of the first k ranks holding a relevant
// document; missing ranks count as not relevant (trec_eval's P_k).
func PrecisionAt(run []string, q Qrels, k int) float64 {
	if k <= 0 {
		return 0
	}
	n := 0
	for i := 0; i < len(run) && i < k; i++ {
		if q[run[i]] > 0 {
			n++
		}
	}
	return float64(n) / float64(k)
}

// RecallAt is the share of the relevant documents found among the first k;
// 0 when there are none to find.
func RecallAt(run []string, q Qrels, k int) float64 {
	r := q.Relevant()
	if r == 0 {
		return 0
	}
	n := 0
	for i := 0; i < len(run) && i < k; i++ {
		if q[run[i]] > 0 {
			n++
		}
	}
	return float64(n) / float64(r)
}

// AveragePrecision is the mean of the precision at the rank of each
// relevant document, over all relevant documents (unretrieved ones count
// 0), as trec_eval's map.
func AveragePrecision(run []string, q Qrels) float64 {
	r := q.Relevant()
	if r == 0 {
		return 0
	}
	sum, hits := 0.0, 0
	for i, d := range run {
		if q[d] > 0 {
			hits++
			sum += float64(hits) / float64(i+1)
		}
	}
	return sum / float64(r)
}

// NDCGAt is the normalised discounted cumulative gain at k with gain equal
// to the relevance grade and discount log2(rank+1), as trec_eval's
// ndcg_cut_k; the ideal ranking sorts all judged documents by grade.
func NDCGAt(run []string, q Qrels, k int) float64 {
	dcg := 0.0
	for i := 0; i < len(run) && i < k; i++ {
		if g := q[run[i]]; g > 0 {
			dcg += float64(g) / math.Log2(float64(i+2))
		}
	}
	grades := make([]int, 0, len(q))
	for _, g := range q {
		if g > 0 {
			grades = append(grades, g)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(grades)))
	idcg := 0.0
	for i := 0; i < len(grades) && i < k; i++ {
		idcg += float64(grades[i]) / math.Log2(float64(i+2))
	}
	if idcg == 0 {
		return 0
	}
	return dcg / idcg
}

// SetScores are micro-averaged precision, recall and F1 of predicted sets
// against gold sets.
type SetScores struct {
	TP, FP, FN int
}

// Add counts one item's predictions against its gold set.
func (s *SetScores) Add(predicted, gold []string) {
	g := map[string]bool{}
	for _, x := range gold {
		g[x] = true
	}
	seen := map[string]bool{}
	for _, p := range predicted {
		if seen[p] {
			continue
		}
		seen[p] = true
		if g[p] {
			s.TP++
		} else {
			s.FP++
		}
	}
	for x := range g {
		if !seen[x] {
			s.FN++
		}
	}
}

// Precision is TP / (TP + FP), or 0.
func (s SetScores) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

// Recall is TP / (TP + FN), or 0.
func (s SetScores) Recall() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of precision and recall, or 0.
func (s SetScores) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Ranking accumulates per-query ranking metrics and reports their means.
type Ranking struct {
	n                            int
	rr, s1, s10, r20, ap, ndcg10 float64
}

// Add scores one query's run.
func (m *Ranking) Add(run []string, q Qrels) {
	m.n++
	m.rr += ReciprocalRank(run, q)
	m.s1 += SuccessAt(run, q, 1)
	m.s10 += SuccessAt(run, q, 10)
	m.r20 += RecallAt(run, q, 20)
	m.ap += AveragePrecision(run, q)
	m.ndcg10 += NDCGAt(run, q, 10)
}

// Summary is the mean of each metric over the queries added.
type Summary struct {
	Queries  int     `json:"queries"`
	MRR      float64 `json:"mrr"`
	Acc1     float64 `json:"accuracy_at_1"`
	Acc10    float64 `json:"accuracy_at_10"`
	Recall20 float64 `json:"recall_at_20"`
	MAP      float64 `json:"map"`
	NDCG10   float64 `json:"ndcg_at_10"`
}

// Summary returns the means.
func (m *Ranking) Summary() Summary {
	if m.n == 0 {
		return Summary{}
	}
	n := float64(m.n)
	return Summary{m.n, m.rr / n, m.s1 / n, m.s10 / n, m.r20 / n, m.ap / n, m.ndcg10 / n}
}
