package benchmarks

import (
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/skillsnavigator/skillsnav/analysis"
)

// vacancyText is a Dutch vacancy paragraph written for these benchmarks.
const vacancyText = `Voor ons magazijn in de haven van Gent zoeken wij een gemotiveerde
heftruckchauffeur (m/v/x) in ploegensysteem. Je laadt en lost vrachtwagens,
bedient een reachtruck en een elektrische transpalet, en verzamelt orders met
een handscanner in ons WMS. Je hebt een VCA-attest en een heftruckattest, je
werkt veilig en nauwkeurig, en je bent een teamspeler. Ervaring met SAP is
een plus. Kennis van het Nederlands en basiskennis Engels zijn vereist. Wij
bieden een vast contract, opleiding en doorgroeimogelijkheden naar
ploegleider magazijn of logistiek planner. `

func textOfWords(n int) string {
	words := strings.Fields(vacancyText)
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[i%len(words)])
	}
	return b.String()
}

// BenchmarkAnalyzeDutch measures the Dutch chain (with compound splitting
// and gender normalisation) at several text sizes; Bleve's stock "nl"
// analyzer (Unicode tokenizer, lower case, stop words, Snowball) on the same
// text is the baseline of the same run.
func BenchmarkAnalyzeDutch(b *testing.B) {
	chain := analysis.MustChain(analysis.Dutch)
	stock, err := registry.NewCache().AnalyzerNamed(nl.AnalyzerName)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10, 100, 1000} {
		text := textOfWords(n)
		b.Run(sizeName(n)+"/skillsnav", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			var buf []analysis.Token
			for b.Loop() {
				buf = chain.AppendTokens(buf[:0], text)
			}
		})
		b.Run(sizeName(n)+"/bleve-nl", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			in := []byte(text)
			for b.Loop() {
				stock.Analyze(in)
			}
		})
	}
}

func sizeName(n int) string { return fmt.Sprintf("%d-words", n) }
