package benchmarks

import (
	"context"
	"math"
	"sort"
	"strings"

	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/benchmarks/eval"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// TitleEval is the title-normalisation task on one seed's set.
type TitleEval struct {
	Items []TitleItem
	// Results holds each method's scores: "skillsnav", "trigram-tfidf",
	// "bleve-bm25".
	Results map[string]eval.Summary
}

// EvalTitles builds the title set for seed from the ESCO extract in
// escoDir, loaded with cfg, and scores skillsnav and (unless
// skillsnavOnly) the baselines on it.
func EvalTitles(ctx context.Context, escoDir string, seed uint64, cfg taxonomy.Config, skillsnavOnly bool) (*TitleEval, error) {
	tx, items, err := TitleDevSet(ctx, escoDir, seed, 0.25, cfg)
	if err != nil {
		return nil, err
	}
	ex, err := extract.New(tx, extract.DefaultConfig())
	if err != nil {
		return nil, err
	}
	docs := LabelDocs(tx, taxonomy.KindOccupation)
	tri := NewTrigramTFIDF(docs)
	bl, err := NewBleveBM25(docs)
	if err != nil {
		return nil, err
	}
	defer bl.Close()
	systems := map[string]func(TitleItem) []string{
		"skillsnav": func(it TitleItem) []string {
			var ids []string
			for _, m := range ex.NormalizeTitle(extract.TitleQuery{Title: it.Text, Lang: analysis.Lang(it.Lang), Limit: 20}) {
				ids = append(ids, m.ConceptID)
			}
			return ids
		},
		"trigram-tfidf": func(it TitleItem) []string { return IDs(tri.Rank(it.Text, 20)) },
		"bleve-bm25":    func(it TitleItem) []string { return IDs(bl.Rank(it.Text, 20)) },
	}
	if skillsnavOnly {
		systems = map[string]func(TitleItem) []string{"skillsnav": systems["skillsnav"]}
	}
	out := &TitleEval{Items: items, Results: map[string]eval.Summary{}}
	for name, run := range systems {
		var m eval.Ranking
		for _, it := range items {
			m.Add(run(it), eval.Qrels{it.Gold: 1})
		}
		out.Results[name] = m.Summary()
	}
	return out, nil
}

// ExtractionEval is the extraction task on one seed's set.
type ExtractionEval struct {
	Items []ExtractionItem
	// Sweeps hold each method's scores at each of its thresholds.
	Sweeps map[string][]ThresholdScores
}

// ThresholdScores are a method's set scores at one threshold.
type ThresholdScores struct {
	Threshold float64
	Scores    eval.SetScores
}

// prediction is a concept found in a text, with its score and place.
type prediction struct {
	id         string
	score      float64
	start, end int
}

// EvalExtraction builds the extraction set of n texts for seed and
// scores skillsnav and the baselines at every threshold. A baseline
// predicts, per sentence, its best skill with that skill's score; the
// threshold then cuts. With skillsnavOnly, the baselines are left out.
func EvalExtraction(tx *taxonomy.Taxonomy, seed uint64, n int, skillsnavOnly bool) (*ExtractionEval, error) {
	items := ExtractionDevSet(tx, seed, n)
	cfg := extract.DefaultConfig()
	cfg.MinConfidence = 0
	ex, err := extract.New(tx, cfg)
	if err != nil {
		return nil, err
	}
	// The baselines index what the texts use: Dutch labels and English
	// preferred labels.
	var docs []LabelDoc
	for _, d := range LabelDocs(tx, taxonomy.KindSkill, "nl", "en") {
		if c, _ := tx.Concept(d.Concept); d.Lang == "nl" || c.PrefLabel("en") == d.Text {
			docs = append(docs, d)
		}
	}
	tri := NewTrigramTFIDF(docs)
	bl, err := NewBleveBM25(docs)
	if err != nil {
		return nil, err
	}
	defer bl.Close()

	systems := map[string]func(ExtractionItem) []prediction{
		"skillsnav": func(it ExtractionItem) []prediction {
			var ps []prediction
			for _, m := range ex.Extract(it.Text, analysis.Dutch).Mentions {
				if m.Kind == taxonomy.KindSkill && !m.Negated && !m.Wish {
					ps = append(ps, prediction{m.ConceptID, m.Confidence, m.Start, m.End})
				}
			}
			return ps
		},
		"trigram-tfidf": func(it ExtractionItem) []prediction { return perSentence(tri, it.Text) },
		"bleve-bm25":    func(it ExtractionItem) []prediction { return perSentence(bl, it.Text) },
	}
	if skillsnavOnly {
		systems = map[string]func(ExtractionItem) []prediction{"skillsnav": systems["skillsnav"]}
	}
	out := &ExtractionEval{Items: items, Sweeps: map[string][]ThresholdScores{}}
	for name, run := range systems {
		preds := make([][]prediction, len(items))
		var all []float64
		for i, it := range items {
			preds[i] = run(it)
			for _, p := range preds[i] {
				all = append(all, p.score)
			}
		}
		for _, th := range thresholdsFor(name, all) {
			var s eval.SetScores
			for i, it := range items {
				var ids []string
				for _, p := range preds[i] {
					if p.score >= th && it.Judged(p.id, p.start, p.end) {
						ids = append(ids, p.id)
					}
				}
				s.Add(ids, it.Gold)
			}
			out.Sweeps[name] = append(out.Sweeps[name], ThresholdScores{th, s})
		}
	}
	return out, nil
}

// thresholdsFor returns the thresholds to try: skillsnav's confidences are
// calibrated to [0, 1]; the baselines' scores are cut at the deciles of
// their own distribution.
func thresholdsFor(name string, scores []float64) []float64 {
	if name == "skillsnav" {
		return []float64{0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9}
	}
	sort.Float64s(scores)
	var out []float64
	for q := 0; q < 10; q++ {
		if len(scores) > 0 {
			out = append(out, scores[q*len(scores)/10])
		}
	}
	return out
}

// perSentence predicts each sentence's best skill by a baseline ranker.
func perSentence(r Ranker, text string) []prediction {
	var out []prediction
	at := 0
	for _, s := range sentences(text) {
		start := strings.Index(text[at:], s) + at
		at = start + len(s)
		for _, sc := range r.Rank(s, 1) {
			out = append(out, prediction{sc.ID, sc.Score, start, start + len(s)})
		}
	}
	return out
}

// best returns the threshold with the best F1.
func best(sw []ThresholdScores) ThresholdScores {
	b := sw[0]
	for _, x := range sw[1:] {
		if x.Scores.F1() > b.Scores.F1() {
			b = x
		}
	}
	return b
}

// at returns the score at threshold th (the nearest tried).
func at(sw []ThresholdScores, th float64) ThresholdScores {
	b := sw[0]
	for _, x := range sw[1:] {
		if math.Abs(x.Threshold-th) < math.Abs(b.Threshold-th) {
			b = x
		}
	}
	return b
}

func sentences(text string) []string {
	var out []string
	for _, s := range strings.SplitAfter(text, ". ") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// ExtractionRow is one method's extraction result: its threshold, tuned
// on the development set (skillsnav's is its fixed default), and the
// scores at that threshold on both sets.
type ExtractionRow struct {
	Method    string  `json:"method"`
	Kind      string  `json:"kind"`
	Threshold float64 `json:"threshold"`
	Dev       PRF     `json:"dev"`
	Test      PRF     `json:"test"`
}

// PRF is precision, recall and F1.
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func prf(s eval.SetScores) PRF { return PRF{s.Precision(), s.Recall(), s.F1()} }

// ExtractionTable tunes each method's threshold on dev and reports it on
// dev and test, methods in name order.
func ExtractionTable(dev, test *ExtractionEval) []ExtractionRow {
	var out []ExtractionRow
	for _, name := range sortedKeys(dev.Sweeps) {
		th := best(dev.Sweeps[name]).Threshold
		kind := KindBaseline
		if name == "skillsnav" {
			th, kind = extract.DefaultMinConfidence, KindSkillsnav
		}
		out = append(out, ExtractionRow{Method: name, Kind: kind, Threshold: th,
			Dev: prf(at(dev.Sweeps[name], th).Scores), Test: prf(at(test.Sweeps[name], th).Scores)})
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
