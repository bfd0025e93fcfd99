package matcher_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/matcher"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/esco"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

func starterTx(t testing.TB) *taxonomy.Taxonomy {
	tx, err := starter.Load(taxonomy.DefaultConfig())
	require.NoError(t, err)
	return tx
}

func TestSimilarityStarter(t *testing.T) {
	tx := starterTx(t)
	sim, err := matcher.NewSimilarity(context.Background(), tx, matcher.DefaultSimilarityConfig())
	require.NoError(t, err)
	idx := func(short string) int {
		c, ok := tx.Concept(starter.ID(taxonomy.KindSkill, short))
		require.True(t, ok, short)
		return tx.Index(c)
	}
	close := [][2]string{{"mig-mag", "tig"}, {"forklift", "reach-truck"}, {"welding", "mig-mag"}, {"truck-driving", "tachograph"}}
	for _, p := range close {
		s, src := sim.Between(idx(p[0]), idx(p[1]))
		assert.GreaterOrEqual(t, s, 0.5, "%s–%s (%s)", p[0], p[1], src)
		assert.NotZero(t, src)
	}
	far := [][2]string{{"welding", "bookkeeping"}, {"forklift", "nursing-care"}, {"python", "bricklaying"}}
	for _, p := range far {
		s, _ := sim.Between(idx(p[0]), idx(p[1]))
		assert.Zero(t, s, "%s–%s", p[0], p[1])
	}
	// Neighbours are sorted and within bounds.
	for c := range tx.All(taxonomy.KindSkill) {
		ns := sim.Neighbors(tx.Index(c))
		for i, n := range ns {
			assert.True(t, n.Similarity >= 0.5 && n.Similarity < 1, "%s: %v", c.ID, n)
			assert.NotEqual(t, tx.Index(c), int(n.Skill))
			if i > 0 {
				assert.LessOrEqual(t, n.Similarity, ns[i-1].Similarity)
			}
		}
	}
}

func TestSimilarityCache(t *testing.T) {
	tx := starterTx(t)
	cfg := matcher.DefaultSimilarityConfig()
	cfg.CacheDir = t.TempDir()
	a, err := matcher.NewSimilarity(context.Background(), tx, cfg)
	require.NoError(t, err)
	assert.False(t, a.FromCache)
	b, err := matcher.NewSimilarity(context.Background(), tx, cfg)
	require.NoError(t, err)
	assert.True(t, b.FromCache)
	for c := range tx.All(taxonomy.KindSkill) {
		assert.Equal(t, a.Neighbors(tx.Index(c)), b.Neighbors(tx.Index(c)))
	}
}

func TestSimilarityConfigValidate(t *testing.T) {
	cfg := matcher.DefaultSimilarityConfig()
	cfg.Dims = 1
	require.ErrorIs(t, cfg.Validate(), matcher.ErrInvalidConfig)
	cfg = matcher.DefaultSimilarityConfig()
	cfg.Related = 1.5
	require.ErrorIs(t, cfg.Validate(), matcher.ErrInvalidConfig)
}

// TestSimilarityESCO builds the model from the full ESCO extract and
// checks a few pairs. The time and memory targets are measured in
// benchmarks/ (BenchmarkSimilarityBuild).
func TestSimilarityESCO(t *testing.T) {
	dir := os.Getenv("SKILLSNAV_ESCO_DIR")
	if dir == "" {
		t.Skip("SKILLSNAV_ESCO_DIR is not set: skipping the ESCO similarity test")
	}
	if testing.Short() {
		t.Skip("building the ESCO model takes seconds (minutes under -race); skipped with -short")
	}
	tx, err := esco.Load(context.Background(), dir, taxonomy.DefaultConfig())
	require.NoError(t, err)
	start := time.Now()
	sim, err := matcher.NewSimilarity(context.Background(), tx, matcher.DefaultSimilarityConfig())
	require.NoError(t, err)
	t.Logf("built in %v", time.Since(start))
	find := func(label string) int {
		ms := tx.Lookup(taxonomy.Query{Text: label, Lang: "en", Kinds: []taxonomy.Kind{taxonomy.KindSkill}, Limit: 1})
		require.NotEmpty(t, ms, label)
		t.Logf("%q → %s (%s)", label, ms[0].Concept.ID, ms[0].Label)
		return tx.Index(ms[0].Concept)
	}
	mig, tig := find("perform metal inert gas welding"), find("perform tungsten inert gas welding")
	require.NotEqual(t, mig, tig)
	s, src := sim.Between(mig, tig)
	assert.GreaterOrEqual(t, s, 0.5, "MIG–TIG (%s)", src)
	weld, books := find("use welding equipment"), find("keep accounting records")
	s, _ = sim.Between(weld, books)
	assert.Zero(t, s, "welding–bookkeeping")
}
