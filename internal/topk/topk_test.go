package topk

import (
	"math/rand/v2"
	"sort"
	"testing"
)

func TestSelect(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	greater := func(a, b int) bool { return a > b }
	for n := 0; n < 200; n += 3 {
		for _, k := range []int{0, 1, 2, 7, 50, 300} {
			xs := make([]int, n)
			for i := range xs {
				xs[i] = rng.IntN(15) // many ties
			}
			want := append([]int(nil), xs...)
			sort.Sort(sort.Reverse(sort.IntSlice(want)))
			got := append([]int(nil), Select(xs, k, greater)...)
			if len(got) != min(max(k, 0), n) {
				t.Fatalf("n=%d k=%d: %d elements", n, k, len(got))
			}
			sort.Sort(sort.Reverse(sort.IntSlice(got)))
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("n=%d k=%d: %v, want the top of %v", n, k, got, want)
				}
			}
		}
	}
}
