package taxonomy

import (
	"math"
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
