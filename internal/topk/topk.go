// Package topk selects the k greatest elements of a slice in linear time
// (quickselect), for scoring loops that need a threshold or a shortlist
// but not a full sort.
package topk

// Select reorders xs so that its k greatest elements by greater come
// first, in no particular order, and returns them. It returns xs when k is
// not smaller than len(xs).
func Select[T any](xs []T, k int, greater func(a, b T) bool) []T {
	if k >= len(xs) {
		return xs
	}
	if k <= 0 {
		return xs[:0]
	}
	lo, hi, want := 0, len(xs)-1, k-1
	for lo < hi {
		pivot := xs[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for greater(xs[i], pivot) {
				i++
			}
			for greater(pivot, xs[j]) {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case want <= j:
			hi = j
		case want >= i:
			lo = i
		default:
			return xs[:k]
		}
	}
	return xs[:k]
}
