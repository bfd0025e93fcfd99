package matcher

import (
	"bytes"
	"cmp"
	"context"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"gonum.org/v1/gonum/mat"

	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// Source says why two skills are similar.
type Source uint8

// The sources of skill similarity, strongest evidence first.
const (
	// SourceRelated: the taxonomy relates the two skills explicitly.
	SourceRelated Source = iota + 1
	// SourceBroader: one skill is the broader concept of the other.
	SourceBroader
	// SourceSibling: both skills have the same broader concept.
	SourceSibling
	// SourceCooccurrence: the skills are close in the embedding learned
	// from which occupations need them (PPMI, then truncated SVD).
	SourceCooccurrence
)

func (s Source) String() string {
	switch s {
	case SourceRelated:
		return "related"
	case SourceBroader:
		return "broader"
	case SourceSibling:
		return "sibling"
	case SourceCooccurrence:
		return "cooccurrence"
	}
	return "none"
}

// MarshalText implements encoding.TextMarshaler.
func (s Source) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Neighbor is a skill similar to another, with the similarity and its
// source.
type Neighbor struct {
	Skill      int32 // taxonomy index
	Similarity float32
	Source     Source
}

// SimilarityConfig configures the skill-similarity model.
type SimilarityConfig struct {
	// Dims is the embedding dimension. Default 64 (at most half the
	// number of occupations).
	Dims int
	// Neighbors is the number of neighbours kept per skill. Default 16.
	Neighbors int
	// MinSimilarity drops weaker neighbours. Default 0.5.
	MinSimilarity float64
	// Related, Broader and Sibling are the similarities given to skills
	// the taxonomy relates, to a broader skill, and to skills under the
	// same broader concept. Defaults 0.8, 0.7, 0.6.
	Related, Broader, Sibling float64
	// MaxCooccurrence scales the similarity learned from co-occurrence
	// (MaxCooccurrence × cosine), so that only an explicit relation can
	// give more. Default 0.75.
	MaxCooccurrence float64
	// CacheDir, when set, keeps built models on disk, keyed by the
	// taxonomy and this configuration.
	CacheDir string
	// Seed seeds the randomized SVD. Default 1.
	Seed uint64
}

// DefaultSimilarityConfig returns the defaults.
func DefaultSimilarityConfig() SimilarityConfig {
	return SimilarityConfig{Dims: 64, Neighbors: 16, MinSimilarity: 0.5, Related: 0.8, Broader: 0.7,
		Sibling: 0.6, MaxCooccurrence: 0.75, Seed: 1}
}

// Validate reports whether c is usable.
func (c SimilarityConfig) Validate() error {
	switch {
	case c.Dims < 2 || c.Dims > 512:
		return fmt.Errorf("%w: Dims %d is not between 2 and 512", ErrInvalidConfig, c.Dims)
	case c.Neighbors < 1 || c.Neighbors > 256:
		return fmt.Errorf("%w: Neighbors %d is not between 1 and 256", ErrInvalidConfig, c.Neighbors)
	case c.MinSimilarity <= 0 || c.MinSimilarity >= 1:
		return fmt.Errorf("%w: MinSimilarity %v is not in (0, 1)", ErrInvalidConfig, c.MinSimilarity)
	}
	for name, v := range map[string]float64{"Related": c.Related, "Broader": c.Broader, "Sibling": c.Sibling, "MaxCooccurrence": c.MaxCooccurrence} {
		if v < 0 || v >= 1 {
			return fmt.Errorf("%w: %s %v is not in [0, 1)", ErrInvalidConfig, name, v)
		}
	}
	return nil
}

// Similarity is the skill-similarity model of a taxonomy: for every
// skill, its nearest skills with an explainable source. It is immutable
// and safe for concurrent use.
type Similarity struct {
	tx        *taxonomy.Taxonomy
	neighbors [][]Neighbor // by taxonomy index; nil for non-skills
	// FromCache says whether the model was read from CacheDir.
	FromCache bool
}

// Neighbors returns the neighbours of the skill with taxonomy index i,
// most similar first.
func (s *Similarity) Neighbors(i int) []Neighbor {
	if i < 0 || i >= len(s.neighbors) {
		return nil
	}
	return s.neighbors[i]
}

// Between returns the similarity of two skills (1 for the same skill)
// and its source, or 0 when b is not among a's neighbours nor a among
// b's.
func (s *Similarity) Between(a, b int) (float64, Source) {
	if a == b {
		return 1, 0
	}
	for _, n := range s.Neighbors(a) {
		if int(n.Skill) == b {
			return float64(n.Similarity), n.Source
		}
	}
	for _, n := range s.Neighbors(b) {
		if int(n.Skill) == a {
			return float64(n.Similarity), n.Source
		}
	}
	return 0, 0
}

const modelVersion = 1

// NewSimilarity builds (or reads from the cache) the similarity model of
// tx. Embeddings come from the occupation × skill matrix (essential
// relations count 1, optional 0.5): positive pointwise mutual
// information, then a randomized truncated SVD (gonum), rows scaled by
// the square roots of the singular values and normalised; the cosine of
// two embeddings, scaled by MaxCooccurrence, is their co-occurrence
// similarity. Explicit relations and the hierarchy give fixed
// similarities; each pair keeps its strongest source.
func NewSimilarity(ctx context.Context, tx *taxonomy.Taxonomy, cfg SimilarityConfig) (*Similarity, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if tx == nil {
		return nil, fmt.Errorf("%w: no taxonomy", ErrInvalidConfig)
	}
	key := cacheKey(tx, cfg)
	if cfg.CacheDir != "" {
		if s, err := readCache(cfg.CacheDir, key, tx); err == nil {
			return s, nil
		}
	}
	s, err := buildSimilarity(ctx, tx, cfg)
	if err != nil {
		return nil, err
	}
	if cfg.CacheDir != "" {
		if err := writeCache(cfg.CacheDir, key, s); err != nil {
			return nil, fmt.Errorf("matcher: similarity cache: %w", err)
		}
	}
	return s, nil
}

func cacheKey(tx *taxonomy.Taxonomy, cfg SimilarityConfig) string {
	h := fnv.New64a()
	b, _ := json.Marshal(tx.Provenance())
	h.Write(b)
	b, _ = json.Marshal(tx.Stats())
	h.Write(b)
	c := cfg
	c.CacheDir = ""
	b, _ = json.Marshal(c)
	h.Write(b)
	return fmt.Sprintf("similarity-v%d-%016x.gob", modelVersion, h.Sum64())
}

type cached struct {
	Concepts  int
	Neighbors [][]Neighbor
}

func readCache(dir, key string, tx *taxonomy.Taxonomy) (*Similarity, error) {
	b, err := os.ReadFile(filepath.Join(dir, key))
	if err != nil {
		return nil, err
	}
	var c cached
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&c); err != nil {
		return nil, err
	}
	if c.Concepts != tx.Len() || len(c.Neighbors) != tx.Len() {
		return nil, errors.New("cache does not fit the taxonomy")
	}
	return &Similarity{tx: tx, neighbors: c.Neighbors, FromCache: true}, nil
}

func writeCache(dir, key string, s *Similarity) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(cached{Concepts: len(s.neighbors), Neighbors: s.neighbors}); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, key+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, key))
}

func buildSimilarity(ctx context.Context, tx *taxonomy.Taxonomy, cfg SimilarityConfig) (*Similarity, error) {
	n := tx.Len()
	var skills, occs []int
	for c := range tx.All(taxonomy.KindSkill) {
		skills = append(skills, tx.Index(c))
	}
	for c := range tx.All(taxonomy.KindOccupation) {
		occs = append(occs, tx.Index(c))
	}
	row := make(map[int]int, len(skills)) // taxonomy index → skill row
	for r, i := range skills {
		row[i] = r
	}
	// The skill × occupation matrix, sparse by rows.
	type entry struct {
		col int
		v   float64
	}
	rows := make([][]entry, len(skills))
	for j, oi := range occs {
		for s, rel := range tx.Skills(tx.At(oi)) {
			r, ok := row[tx.Index(s)]
			if !ok {
				continue
			}
			w := 0.5
			if rel == taxonomy.Essential {
				w = 1
			}
			rows[r] = append(rows[r], entry{j, w})
		}
	}
	// PPMI.
	var total float64
	rowSum := make([]float64, len(skills))
	colSum := make([]float64, len(occs))
	for r, es := range rows {
		for _, e := range es {
			rowSum[r] += e.v
			colSum[e.col] += e.v
			total += e.v
		}
	}
	for r, es := range rows {
		out := es[:0]
		for _, e := range es {
			pmi := math.Log(e.v * total / (rowSum[r] * colSum[e.col]))
			if pmi > 0 {
				out = append(out, entry{e.col, pmi})
			}
		}
		rows[r] = out
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	emb := make([][]float64, len(skills))
	k := min(cfg.Dims, len(occs)/2)
	if k >= 2 && total > 0 {
		m, nc := len(skills), len(occs)
		l := min(k+16, nc)
		mul := func(y *mat.Dense, x *mat.Dense) { // y = A x  (m×l)
			for r, es := range rows {
				yr := y.RawRowView(r)
				clear(yr)
				for _, e := range es {
					xr := x.RawRowView(e.col)
					for c := range yr {
						yr[c] += e.v * xr[c]
					}
				}
			}
		}
		mulT := func(z *mat.Dense, y *mat.Dense) { // z = Aᵀ y  (n×l)
			z.Zero()
			for r, es := range rows {
				yr := y.RawRowView(r)
				for _, e := range es {
					zr := z.RawRowView(e.col)
					for c := range zr {
						zr[c] += e.v * yr[c]
					}
				}
			}
		}
		rng := rand.New(rand.NewPCG(cfg.Seed, 99))
		omega := mat.NewDense(nc, l, nil)
		for i := range nc {
			for j := range l {
				omega.Set(i, j, rng.NormFloat64())
			}
		}
		y := mat.NewDense(m, l, nil)
		z := mat.NewDense(nc, l, nil)
		mul(y, omega)
		for range 2 { // power iterations sharpen the spectrum
			orthonormalize(y)
			mulT(z, y)
			orthonormalize(z)
			mul(y, z)
		}
		orthonormalize(y)
		// B = Qᵀ A, computed as (Aᵀ Q)ᵀ.
		mulT(z, y)
		var svd mat.SVD
		if !svd.Factorize(z.T(), mat.SVDThin) {
			return nil, errors.New("matcher: SVD did not converge")
		}
		var ub mat.Dense
		svd.UTo(&ub)
		sv := svd.Values(nil)
		var u mat.Dense
		u.Mul(y, &ub) // m × l
		for r := range m {
			v := make([]float64, k)
			var norm float64
			for c := range k {
				v[c] = u.At(r, c) * math.Sqrt(sv[c])
				norm += v[c] * v[c]
			}
			if norm > 0 && len(rows[r]) > 0 {
				norm = math.Sqrt(norm)
				for c := range v {
					v[c] /= norm
				}
				emb[r] = v
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Structural similarities.
	structural := make([]map[int]Neighbor, len(skills))
	addS := func(a, b int, sim float64, src Source) {
		ra, ok1 := row[a]
		_, ok2 := row[b]
		if !ok1 || !ok2 || a == b || sim <= 0 {
			return
		}
		if structural[ra] == nil {
			structural[ra] = map[int]Neighbor{}
		}
		if old, ok := structural[ra][b]; !ok || float64(old.Similarity) < sim {
			structural[ra][b] = Neighbor{Skill: int32(b), Similarity: float32(sim), Source: src}
		}
	}
	for _, i := range skills {
		c := tx.At(i)
		for r := range tx.Related(c) {
			addS(i, tx.Index(r), cfg.Related, SourceRelated)
			addS(tx.Index(r), i, cfg.Related, SourceRelated)
		}
		var parents []*taxonomy.Concept
		for p := range tx.Broader(c) {
			parents = append(parents, p)
			addS(i, tx.Index(p), cfg.Broader, SourceBroader)
			addS(tx.Index(p), i, cfg.Broader, SourceBroader)
		}
		for _, p := range parents {
			var sibs []int
			for sib := range tx.Narrower(p) {
				sibs = append(sibs, tx.Index(sib))
			}
			// Very large groups say little about any two of their members.
			if len(sibs) > 60 {
				continue
			}
			for _, sib := range sibs {
				addS(i, sib, cfg.Sibling, SourceSibling)
			}
		}
	}
	// Nearest neighbours by cosine, in blocks on every CPU.
	s := &Similarity{tx: tx, neighbors: make([][]Neighbor, n)}
	var wg sync.WaitGroup
	next := make(chan int, len(skills))
	for r := range skills {
		next <- r
	}
	close(next)
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cand := make([]Neighbor, 0, 64)
			for r := range next {
				if ctx.Err() != nil {
					return
				}
				cand = cand[:0]
				seen := structural[r]
				cosine := func(b int) float64 {
					r2, ok := row[b]
					if !ok || emb[r] == nil || emb[r2] == nil {
						return 0
					}
					var dot float64
					for c, x := range emb[r] {
						dot += x * emb[r2][c]
					}
					return math.Max(0, dot)
				}
				if e := emb[r]; e != nil {
					for r2, e2 := range emb {
						if r2 == r || e2 == nil {
							continue
						}
						if _, ok := seen[skills[r2]]; ok {
							continue
						}
						var dot float64
						for c := range e {
							dot += e[c] * e2[c]
						}
						if sim := cfg.MaxCooccurrence * dot; sim >= cfg.MinSimilarity {
							cand = append(cand, Neighbor{Skill: int32(skills[r2]), Similarity: float32(sim), Source: SourceCooccurrence})
						}
					}
				}
				// A structural link and co-occurrence are independent
				// evidence: combine them (noisy-or), below an explicit
				// relation.
				for b, nb := range seen {
					sim := float64(nb.Similarity)
					if nb.Source != SourceRelated {
						co := cfg.MaxCooccurrence * cosine(b)
						sim = math.Min(1-(1-sim)*(1-co), math.Max(sim, cfg.Related-0.01))
					}
					if sim < cfg.MinSimilarity {
						continue
					}
					nb.Similarity = float32(sim)
					cand = append(cand, nb)
				}
				slices.SortFunc(cand, func(a, b Neighbor) int {
					return cmp.Or(cmp.Compare(b.Similarity, a.Similarity), cmp.Compare(a.Source, b.Source), cmp.Compare(a.Skill, b.Skill))
				})
				out := slices.Clone(cand[:min(len(cand), cfg.Neighbors)])
				s.neighbors[skills[r]] = out
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// orthonormalize replaces the columns of a by an orthonormal basis of
// their span (modified Gram–Schmidt, twice for stability). Columns that
// vanish are left at zero.
func orthonormalize(a *mat.Dense) {
	r, c := a.Dims()
	col := make([][]float64, c)
	for j := range c {
		col[j] = make([]float64, r)
		for i := range r {
			col[j][i] = a.At(i, j)
		}
	}
	for range 2 {
		for j := range c {
			for p := range j {
				var dot float64
				for i := range r {
					dot += col[j][i] * col[p][i]
				}
				for i := range r {
					col[j][i] -= dot * col[p][i]
				}
			}
			var norm float64
			for i := range r {
				norm += col[j][i] * col[j][i]
			}
			norm = math.Sqrt(norm)
			if norm < 1e-12 {
				clear(col[j])
				continue
			}
			for i := range r {
				col[j][i] /= norm
			}
		}
	}
	for j := range c {
		for i := range r {
			a.Set(i, j, col[j][i])
		}
	}
}
