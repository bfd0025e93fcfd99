// Package benchmarks holds skillsnav's benchmark suite for researchers
// and maintainers.
//
// [Run] (the `skillsnav bench` command) builds the project's own sets from
// the ESCO extract, deterministically from a seed: the matching set
// ([NewMatchingSet], ranked in both directions by [EvalMatching]), the
// title-normalisation set ([TitleDevSet], [EvalTitles]) and the extraction
// set ([ExtractionDevSet], [EvalExtraction]). It scores skillsnav, its
// ablations and the baselines (Bleve BM25 with stock analyzers, character
// 3-gram TF-IDF, exact-skill Jaccard and cosine) in the same run, times
// import, matching and extraction against Bleve at several corpus sizes,
// and writes results.json and plots. [RunDataset] runs any external
// ranking dataset in the trec_eval style; [Guard] holds the recorded
// figures that CI checks. Metrics are in the eval subpackage, exact as
// trec_eval defines them.
//
// The Go testing.B benchmarks of every hot path, at several sizes, are in
// this package's test files. Benchmarks and tests that need ESCO read it
// from the folder named by SKILLSNAV_ESCO_DIR and skip when it is unset.
// See README.md in this folder for the figures and how to reproduce them.
package benchmarks
