package extract

import (
	"math/rand/v2"
	"sort"
	"testing"
)

func TestTopPartial(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 300; n += 7 {
		for _, k := range []int{1, 5, 100} {
			ps := make([]partialScore, n)
			for i := range ps {
				ps[i] = partialScore{int32(i), float32(rng.IntN(20))} // many ties
			}
			want := append([]partialScore(nil), ps...)
			sort.Slice(want, func(i, j int) bool { return want[i].s > want[j].s })
			got := topPartial(ps, k)
			if len(got) != min(n, k) {
				t.Fatalf("n=%d k=%d: %d results", n, k, len(got))
			}
			// The k-th best score of the selection equals the true one.
			sort.Slice(got, func(i, j int) bool { return got[i].s > got[j].s })
			for i := range got {
				if got[i].s != want[i].s {
					t.Fatalf("n=%d k=%d: rank %d score %v, want %v", n, k, i, got[i].s, want[i].s)
				}
			}
		}
	}
}
