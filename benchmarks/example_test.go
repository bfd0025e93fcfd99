package benchmarks_test

import (
	"context"
	"fmt"
	"log"

	"github.com/skillsnavigator/skillsnav/benchmarks"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// Rank an external dataset in the trec_eval style (job titles written by
// people, answered by the starter taxonomy's occupations) with skillsnav
// and the baselines, and print each method's MRR and nDCG@10.
func ExampleRunDataset() {
	tx, err := starter.Load(taxonomy.DefaultConfig())
	if err != nil {
		log.Fatal(err)
	}
	res, err := benchmarks.RunDataset(context.Background(), "testdata/trec-titles", tx, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d queries over the %s\n", res.Queries, res.Corpus)
	for _, m := range res.Methods {
		fmt.Printf("%-30s MRR %.3f  nDCG@10 %.3f\n", m.Method, m.Summary.MRR, m.Summary.NDCG10)
	}
	// Output:
	// 14 queries over the taxonomy
	// skillsnav NormalizeTitle       MRR 1.000  nDCG@10 1.000
	// Bleve BM25 (stock analyzers)   MRR 0.929  nDCG@10 0.929
	// character 3-gram TF-IDF        MRR 1.000  nDCG@10 1.000
}
