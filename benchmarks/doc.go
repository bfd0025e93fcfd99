// Package benchmarks holds skillsnav's benchmarks for researchers and
// maintainers: Go testing.B benchmarks of every hot path at several sizes,
// and (as they land) the quality suites with baselines measured in the same
// run. Benchmarks that need ESCO read it from the folder named by
// SKILLSNAV_ESCO_DIR and skip when it is unset. See README.md in this folder
// for the figures and how to reproduce them.
package benchmarks
