package taxonomy

import (
	"math"
	"os"
	"testing"
)

func TestPowTables(t *testing.T) {
	for _, c := range []struct {
		f func(float64) float64
		e float64
	}{{pow02, 0.2}, {pow04, 0.4}, {pow06, 0.6}, {pow08, 0.8}} {
		for x := 0.0; x <= 1.0; x += 0.0037 {
			if x < 0.01 {
				continue // below any score that survives the minimum score
			}
			if got, want := c.f(x), math.Pow(x, c.e); math.Abs(got-want) > 1e-3 {
				t.Fatalf("x^%v at %v = %v, want %v", c.e, x, got, want)
			}
		}
		if c.f(0) != 0 || c.f(1) != 1 {
			t.Fatalf("x^%v must be exact at 0 and 1", c.e)
		}
	}
}

// TestPruningIsExact checks that MaxScore pruning returns exactly what
// scoring every candidate returns, on the starter taxonomy and, when
// SKILLSNAV_ESCO_DIR is set, on ESCO.
func TestPruningIsExact(t *testing.T) {
	queries := []Query{
		{Text: "manage a team", Lang: "en"},
		{Text: "Medewerkster logistiek", Lang: "nl"},
		{Text: "werken met klanten in een winkel", Lang: "nl"},
		{Text: "heftruk rijden", Lang: "nl"},
		{Text: "logistiek med", Lang: "nl", Prefix: true},
		{Text: "lassen van metaal", Lang: "any"},
		{Text: "conduire un chariot", Lang: "fr", Limit: 3},
		{Text: "Pflege von Menschen", Lang: "de", Limit: 20},
		{Text: "data", Lang: "en", Limit: 5},
	}
	check := func(t *testing.T, tx *Taxonomy) {
		for _, q := range queries {
			pruned := tx.Lookup(q)
			noPruning = true
			full := tx.Lookup(q)
			noPruning = false
			if len(pruned) != len(full) {
				t.Fatalf("%q: %d results with pruning, %d without", q.Text, len(pruned), len(full))
			}
			for i := range full {
				if pruned[i].Concept != full[i].Concept || pruned[i].Score != full[i].Score {
					t.Fatalf("%q: result %d differs: %s %.4f vs %s %.4f", q.Text, i, pruned[i].Concept.ID, pruned[i].Score, full[i].Concept.ID, full[i].Score)
				}
			}
		}
	}
	t.Run("starter-like", func(t *testing.T) { check(t, miniTaxonomy(t)) })
	if dir := os.Getenv("SKILLSNAV_ESCO_DIR"); dir != "" {
		t.Run("esco", func(t *testing.T) { check(t, escoForTest(t, dir)) })
	}
}
