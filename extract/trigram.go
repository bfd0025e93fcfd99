package extract

import (
	"math"
	"runtime"
	"slices"

	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/internal/freelist"
	"github.com/skillsnavigator/skillsnav/internal/topk"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// trigramIndex scores labels by the cosine of the TF-IDF vectors of their
// character trigrams with those of a query: the signal that survives
// typos, unseen compounds and spelling variants (kleedkamermedewerker ~
// kleedkamerbediende), which title normalisation fuses with the lexical
// match.
//
// Scoring has two phases: candidate labels come from the postings of the
// query's rarest trigrams (within a budget of postings, so that common
// trigrams such as "er " never scan half the index), and the best
// candidates by that partial score get their exact cosine from the stored
// label vectors.
type trigramIndex struct {
	concepts []*taxonomy.Concept // per label
	labels   []taxonomy.Label
	norms    []float32
	vectors  [][]gramWeight // per label, sorted by gram
	grams    map[string]int32
	idf      []float32 // per gram
	postings [][]trigramPosting
	maxIDF   float32
	pool     *freelist.List[*trigramScratch]
	// byConcept holds each concept's labels, which are contiguous.
	byConcept map[*taxonomy.Concept][2]int32
}

type gramWeight struct {
	gram int32
	w    float32
}

type trigramPosting struct {
	label int32
	w     float32
}

// Scoring limits.
const (
	trigramBudget     = 6000 // postings visited in the first phase
	trigramMinGrams   = 3    // rarest trigrams always visited
	trigramCandidates = 60   // labels rescored exactly
)

// trigramsOf appends the character trigrams of the folded text, padded
// with a space at each end, to dst.
func trigramsOf(dst []string, text string) []string {
	s := " " + analysis.Normalize(text) + " "
	var starts [256]int
	idx := starts[:0]
	for i := range s {
		idx = append(idx, i)
	}
	idx = append(idx, len(s))
	for i := 0; i+3 < len(idx); i++ {
		dst = append(dst, s[idx[i]:idx[i+3]])
	}
	return dst
}

func newTrigramIndex(tx *taxonomy.Taxonomy, kind taxonomy.Kind) *trigramIndex {
	t := &trigramIndex{grams: map[string]int32{}, byConcept: map[*taxonomy.Concept][2]int32{}}
	var grams []string
	var tfs []map[int32]float32
	var df []int
	for c := range tx.All(kind) {
		first := int32(len(tfs))
		for _, l := range c.Labels {
			for _, v := range taxonomy.LabelVariants(l.Text) {
				tf := map[int32]float32{}
				grams = trigramsOf(grams[:0], v)
				for _, g := range grams {
					id, ok := t.grams[g]
					if !ok {
						id = int32(len(df))
						t.grams[g] = id
						df = append(df, 0)
					}
					tf[id]++
				}
				for id := range tf {
					df[id]++
				}
				tfs = append(tfs, tf)
				t.concepts = append(t.concepts, c)
				t.labels = append(t.labels, l)
			}
		}
		t.byConcept[c] = [2]int32{first, int32(len(tfs))}
	}
	n := float64(len(tfs))
	t.idf = make([]float32, len(df))
	for id, f := range df {
		t.idf[id] = float32(math.Log(n / float64(f)))
	}
	t.maxIDF = float32(math.Log(max(n, 1)))
	t.postings = make([][]trigramPosting, len(df))
	t.norms = make([]float32, len(tfs))
	t.vectors = make([][]gramWeight, len(tfs))
	for i, tf := range tfs {
		var sq float64
		vec := make([]gramWeight, 0, len(tf))
		for id, f := range tf {
			w := f * t.idf[id]
			sq += float64(w * w)
			vec = append(vec, gramWeight{id, w})
			t.postings[id] = append(t.postings[id], trigramPosting{int32(i), w})
		}
		slices.SortFunc(vec, func(a, b gramWeight) int { return int(a.gram - b.gram) })
		t.vectors[i] = vec
		t.norms[i] = float32(math.Sqrt(sq))
	}
	t.pool = freelist.New(2*runtime.GOMAXPROCS(0), func() *trigramScratch { return &trigramScratch{acc: make([]float32, len(tfs))} })
	return t
}

type trigramScratch struct {
	acc     []float32
	touched []int32
	grams   []string
	query   []gramWeight
	byDF    []gramWeight
	partial []partialScore
}

type partialScore struct {
	label int32
	s     float32
}

// trigramHit is a concept's best label by trigram cosine.
type trigramHit struct {
	score float64
	label taxonomy.Label
}

// query builds the TF-IDF vector of q into sc.query, sorted by gram, and
// returns its norm; unknown trigrams only add to the norm.
func (t *trigramIndex) query(sc *trigramScratch, q string) float64 {
	sc.grams = trigramsOf(sc.grams[:0], q)
	sc.query = sc.query[:0]
	var qn float64
	counts := map[string]float32{}
	for _, g := range sc.grams {
		counts[g]++
	}
	for g, f := range counts {
		id, ok := t.grams[g]
		if !ok {
			w := f * t.maxIDF
			qn += float64(w * w)
			continue
		}
		w := f * t.idf[id]
		qn += float64(w * w)
		sc.query = append(sc.query, gramWeight{id, w})
	}
	slices.SortFunc(sc.query, func(a, b gramWeight) int { return int(a.gram - b.gram) })
	return math.Sqrt(qn)
}

// cosine is the exact cosine of label d with the query vector.
func (t *trigramIndex) cosine(d int32, query []gramWeight, qn float64) float64 {
	if t.norms[d] == 0 || qn == 0 {
		return 0
	}
	var dot float64
	vec := t.vectors[d]
	i, j := 0, 0
	for i < len(vec) && j < len(query) {
		switch {
		case vec[i].gram < query[j].gram:
			i++
		case vec[i].gram > query[j].gram:
			j++
		default:
			dot += float64(vec[i].w * query[j].w)
			i++
			j++
		}
	}
	return min(1, dot/(qn*float64(t.norms[d]))) // float32 rounding
}

// score adds d's cosine to out when it is the concept's best.
func (t *trigramIndex) score(out map[*taxonomy.Concept]trigramHit, d int32, s float64) {
	c := t.concepts[d]
	if h, ok := out[c]; !ok || s > h.score {
		out[c] = trigramHit{s, t.labels[d]}
	}
}

// conceptScores returns the best cosine of q with the labels of each of
// the given concepts.
func (t *trigramIndex) conceptScores(q string, concepts []*taxonomy.Concept) map[*taxonomy.Concept]trigramHit {
	sc := t.pool.Get()
	defer t.pool.Put(sc)
	qn := t.query(sc, q)
	out := make(map[*taxonomy.Concept]trigramHit, len(concepts))
	for _, c := range concepts {
		r := t.byConcept[c]
		for d := r[0]; d < r[1]; d++ {
			t.score(out, d, t.cosine(d, sc.query, qn))
		}
	}
	return out
}

// scores returns the concepts of the best candidate labels for q, each with
// the best cosine among its candidate labels.
func (t *trigramIndex) scores(q string) map[*taxonomy.Concept]trigramHit {
	sc := t.pool.Get()
	defer t.pool.Put(sc)
	qn := t.query(sc, q)
	out := make(map[*taxonomy.Concept]trigramHit, 32)
	if qn == 0 || len(sc.query) == 0 {
		return out
	}
	// Phase 1: the rarest grams first, within the budget.
	rare := append(sc.byDF[:0], sc.query...)
	sc.byDF = rare
	slices.SortFunc(rare, func(a, b gramWeight) int { return len(t.postings[a.gram]) - len(t.postings[b.gram]) })
	sc.touched = sc.touched[:0]
	visited := 0
	for i, qg := range rare {
		ps := t.postings[qg.gram]
		if i >= trigramMinGrams && visited+len(ps) > trigramBudget {
			break
		}
		visited += len(ps)
		for _, p := range ps {
			if sc.acc[p.label] == 0 {
				sc.touched = append(sc.touched, p.label)
			}
			sc.acc[p.label] += qg.w * p.w
		}
	}
	sc.partial = sc.partial[:0]
	for _, d := range sc.touched {
		sc.partial = append(sc.partial, partialScore{d, sc.acc[d] / t.norms[d]})
		sc.acc[d] = 0
	}
	// Phase 2: exact cosines of the candidates.
	for _, ps := range topk.Select(sc.partial, trigramCandidates, func(a, b partialScore) bool { return a.s > b.s }) {
		t.score(out, ps.label, t.cosine(ps.label, sc.query, qn))
	}
	return out
}

// trigrams returns the trigram index of kind, building it on first use.
func (e *Extractor) trigrams(kind taxonomy.Kind) *trigramIndex {
	e.triOnce[kind].Do(func() { e.tri[kind] = newTrigramIndex(e.tx, kind) })
	return e.tri[kind]
}
