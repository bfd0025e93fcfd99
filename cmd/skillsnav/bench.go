package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/skillsnavigator/skillsnav/benchmarks"
)

// benchCmd runs the benchmark suite (or an external dataset) and writes
// results.json and plots.
func benchCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("bench", "bench [--suite quick|full] [--out DIR] [--esco DIR] [--seed N] [--sizes 10000,100000] [--guard FILE] | bench --dataset DIR [--taxonomy SRC] [--out DIR]", stderr)
	cfg := benchmarks.DefaultConfig()
	var sizes, guardPath, recordPath, dataset, src string
	var quiet bool
	fs.StringVar(&cfg.Suite, "suite", cfg.Suite, "quick (quality on the dev and test sets, speed at 10,000 records; minutes) or full (speed at 10k, 100k and 1M as well)")
	fs.StringVar(&cfg.Out, "out", "bench-out", "folder for results.json and the plots (SVG and PNG)")
	fs.StringVar(&cfg.ESCODir, "esco", envOr("SKILLSNAV_ESCO_DIR", ""), "the ESCO extract the sets are built from (env SKILLSNAV_ESCO_DIR)")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "seed of the matching set")
	fs.StringVar(&sizes, "sizes", "", "comma-separated corpus sizes of the speed tasks, instead of the suite's")
	fs.StringVar(&guardPath, "guard", "", "a guard file (benchmarks/guard.json): exit 1 when a quality figure falls below it")
	fs.StringVar(&recordPath, "record-guard", "", "write this run's quality figures to a guard file (tolerance 0.01), to record a new baseline")
	fs.StringVar(&dataset, "dataset", "", "run an external trec_eval-style dataset folder instead of the suite (see benchmarks/README.md)")
	taxonomyFlag(fs, &src)
	fs.BoolVar(&quiet, "quiet", false, "no progress lines on stderr")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !quiet {
		cfg.Progress = stderr
	}
	if dataset != "" {
		tx, _, err := openTaxonomy(ctx, src, stderr)
		if err != nil {
			return err
		}
		res, err := benchmarks.RunDataset(ctx, dataset, tx, cfg.Progress)
		if err != nil {
			return err
		}
		if err := res.Write(cfg.Out); err != nil {
			return err
		}
		return res.Table(stdout)
	}
	for _, s := range strings.Split(sizes, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		n, err := strconv.Atoi(strings.ReplaceAll(s, "_", ""))
		if err != nil {
			return fmt.Errorf("%w: --sizes %q: %v", errUsage, s, err)
		}
		cfg.Sizes = append(cfg.Sizes, n)
	}
	if cfg.ESCODir == "" {
		return fmt.Errorf("%w: the suite needs the ESCO extract: give --esco DIR or set SKILLSNAV_ESCO_DIR", errUsage)
	}
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	var guard *benchmarks.Guard
	if guardPath != "" {
		g, err := benchmarks.ReadGuard(guardPath)
		if err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		guard = g
	}
	res, err := benchmarks.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if err := res.Table(stdout); err != nil {
		return err
	}
	if recordPath != "" {
		g := &benchmarks.Guard{Tolerance: 0.01, Figures: res.Figures()}
		if err := g.Write(recordPath); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "recorded %d figures in %s\n", len(g.Figures), recordPath)
	}
	if guard != nil {
		if miss := guard.Check(res); len(miss) > 0 {
			return fmt.Errorf("quality fell below the guard %s:\n  %s", guardPath, strings.Join(miss, "\n  "))
		}
		fmt.Fprintf(stderr, "guard %s: every figure holds (tolerance %.3f)\n", guardPath, guard.Tolerance)
	}
	return nil
}
