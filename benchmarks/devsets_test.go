package benchmarks

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestConjugate(t *testing.T) {
	for inf, want := range map[string]string{
		"bedienen": "bedient", "maken": "maakt", "lassen": "last", "testen": "test",
		"leven": "leeft", "werken": "werkt", "besturen": "bestuurt", "lezen": "leest",
	} {
		assert.Equal(t, want, conjugate(inf), inf)
	}
}

func TestJudged(t *testing.T) {
	it := ExtractionItem{Text: "A. B c d.", Gold: []string{"g"}, Unjudged: [2]int{3, 9}}
	assert.True(t, it.Judged("g", 3, 4), "gold always counts")
	assert.False(t, it.Judged("x", 5, 6), "inside the unjudged sentence")
	assert.True(t, it.Judged("x", 0, 2), "outside it")
	assert.True(t, ExtractionItem{}.Judged("x", 0, 1), "no unjudged span")
}
