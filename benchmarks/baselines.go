package benchmarks

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// LabelDoc is one label of a concept, the unit the baselines index.
type LabelDoc struct {
	Concept string
	Lang    string
	Text    string
}

// LabelDocs returns the labels of the concepts of kind k in the given
// languages (all languages when langs is empty).
func LabelDocs(tx *taxonomy.Taxonomy, k taxonomy.Kind, langs ...string) []LabelDoc {
	var out []LabelDoc
	for c := range tx.All(k) {
		for _, l := range c.Labels {
			if len(langs) == 0 || containsString(langs, l.Lang) {
				out = append(out, LabelDoc{c.ID, l.Lang, l.Text})
			}
		}
	}
	return out
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// Scored is a concept with a baseline's score.
type Scored struct {
	ID    string
	Score float64
}

// Ranker ranks concepts for a text, best first, one entry per concept.
type Ranker interface {
	Rank(text string, k int) []Scored
}

// IDs returns the concept IDs of a ranking.
func IDs(ss []Scored) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.ID
	}
	return out
}

// TrigramTFIDF is the character 3-gram TF-IDF cosine baseline: every label
// is a vector of the character trigrams of its folded text (padded with
// spaces), weighted by TF-IDF; a concept scores the best cosine of its
// labels with the query.
type TrigramTFIDF struct {
	concepts []string // per doc
	norms    []float64
	postings map[string][]tfPosting
	idf      map[string]float64
}

type tfPosting struct {
	doc int32
	w   float64
}

func trigrams(s string) map[string]float64 {
	s = " " + strings.Join(strings.Fields(analysis.Normalize(s)), " ") + " "
	r := []rune(s)
	out := map[string]float64{}
	for i := 0; i+3 <= len(r); i++ {
		out[string(r[i:i+3])]++
	}
	return out
}

// NewTrigramTFIDF indexes docs.
func NewTrigramTFIDF(docs []LabelDoc) *TrigramTFIDF {
	t := &TrigramTFIDF{postings: map[string][]tfPosting{}, idf: map[string]float64{}}
	tfs := make([]map[string]float64, len(docs))
	df := map[string]int{}
	for i, d := range docs {
		tfs[i] = trigrams(d.Text)
		for g := range tfs[i] {
			df[g]++
		}
		t.concepts = append(t.concepts, d.Concept)
	}
	n := float64(len(docs))
	for g, f := range df {
		t.idf[g] = math.Log(n / float64(f))
	}
	t.norms = make([]float64, len(docs))
	for i, tf := range tfs {
		var sq float64
		for g, f := range tf {
			w := f * t.idf[g]
			sq += w * w
			t.postings[g] = append(t.postings[g], tfPosting{int32(i), w})
		}
		t.norms[i] = math.Sqrt(sq)
	}
	return t
}

// Rank implements [Ranker].
func (t *TrigramTFIDF) Rank(text string, k int) []Scored {
	q := trigrams(text)
	var qn float64
	acc := map[int32]float64{}
	for g, f := range q {
		w := f * t.idf[g]
		qn += w * w
		for _, p := range t.postings[g] {
			acc[p.doc] += w * p.w
		}
	}
	qn = math.Sqrt(qn)
	best := map[string]float64{}
	for d, dot := range acc {
		if t.norms[d] == 0 || qn == 0 {
			continue
		}
		if s := dot / (qn * t.norms[d]); s > best[t.concepts[d]] {
			best[t.concepts[d]] = s
		}
	}
	return topK(best, k)
}

func topK(scores map[string]float64, k int) []Scored {
	out := make([]Scored, 0, len(scores))
	for id, s := range scores {
		out = append(out, Scored{id, s})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	if len(out) > k {
		out = out[:k]
	}
	return out
}

// BleveBM25 is the plain Bleve baseline: every label is a document with
// one text field per language, analysed by Bleve's stock analyzer of that
// language ("nl", "en", "fr", "de"), scored with BM25; a query searches all
// four fields, and a concept ranks by its best label.
type BleveBM25 struct {
	idx bleve.Index
}

var stockAnalyzers = map[string]string{"nl": nl.AnalyzerName, "en": en.AnalyzerName, "fr": fr.AnalyzerName, "de": de.AnalyzerName}

// NewBleveBM25 indexes docs in memory. Labels in other languages than the
// four are left out.
func NewBleveBM25(docs []LabelDoc) (*BleveBM25, error) {
	m := bleve.NewIndexMapping()
	m.ScoringModel = "bm25"
	dm := bleve.NewDocumentMapping()
	for lang, an := range stockAnalyzers {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = an
		f.Store = false
		f.IncludeTermVectors = false
		dm.AddFieldMappingsAt("text_"+lang, f)
	}
	c := bleve.NewKeywordFieldMapping()
	dm.AddFieldMappingsAt("concept", c)
	m.DefaultMapping = dm
	m.DefaultAnalyzer = "standard"
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		return nil, err
	}
	batch := idx.NewBatch()
	for i, d := range docs {
		if _, ok := stockAnalyzers[d.Lang]; !ok {
			continue
		}
		if err := batch.Index(fmt.Sprintf("%d", i), map[string]any{"concept": d.Concept, "text_" + d.Lang: d.Text}); err != nil {
			return nil, err
		}
		if batch.Size() >= 5000 {
			if err := idx.Batch(batch); err != nil {
				return nil, err
			}
			batch = idx.NewBatch()
		}
	}
	if err := idx.Batch(batch); err != nil {
		return nil, err
	}
	return &BleveBM25{idx: idx}, nil
}

// Close releases the index.
func (b *BleveBM25) Close() error { return b.idx.Close() }

// Rank implements [Ranker].
func (b *BleveBM25) Rank(text string, k int) []Scored {
	var qs []query.Query
	for lang := range stockAnalyzers {
		mq := bleve.NewMatchQuery(text)
		mq.SetField("text_" + lang)
		qs = append(qs, mq)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(qs...), 4*k+20, 0, false)
	req.Fields = []string{"concept"}
	res, err := b.idx.Search(req)
	if err != nil {
		return nil
	}
	var out []Scored
	seen := map[string]bool{}
	for _, h := range res.Hits {
		c, _ := h.Fields["concept"].(string)
		if c == "" || seen[c] {
			continue
		}
		seen[c] = true
		out = append(out, Scored{c, h.Score})
		if len(out) == k {
			break
		}
	}
	return out
}
