package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// errPartial marks an import that stored the good lines and rejected
// others; it exits with status 3.
var errPartial = errors.New("some lines were rejected")

func dataFlag(fs *flag.FlagSet, p *string) {
	fs.StringVar(p, "data", envOr("SKILLSNAV_DATA", ""), "data directory of the store and index (env SKILLSNAV_DATA)")
}

// openIndex opens the index in dir with an extractor on tx.
func openIndex(ctx context.Context, dir string, tx *taxonomy.Taxonomy, log *slog.Logger) (*index.Index, *extract.Extractor, error) {
	ex, err := extract.New(tx, extract.DefaultConfig())
	if err != nil {
		return nil, nil, err
	}
	cfg := index.DefaultConfig()
	cfg.Dir = dir
	cfg.Extractor = ex
	cfg.Logger = log
	ix, err := index.Open(ctx, cfg)
	return ix, ex, err
}

func importCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("import", "import --data DIR [--taxonomy SRC] [--format jsonl|csv] vacancies|profiles|opportunities FILE|-", stderr)
	var dir, src, format string
	var quiet bool
	dataFlag(fs, &dir)
	taxonomyFlag(fs, &src)
	fs.StringVar(&format, "format", "", "input format: jsonl or csv (vacancies only); default from the file name, else jsonl")
	fs.BoolVar(&quiet, "quiet", false, "no progress display")
	if err := parse(fs, args); err != nil {
		return err
	}
	if dir == "" {
		return fmt.Errorf("%w: --data is required", errUsage)
	}
	if fs.NArg() != 2 {
		return fmt.Errorf("%w: want a record kind and a file, got %d arguments", errUsage, fs.NArg())
	}
	kind, err := sn.ParseKind(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	name := fs.Arg(1)
	if format == "" {
		format = "jsonl"
		if len(name) > 4 && name[len(name)-4:] == ".csv" {
			format = "csv"
		}
	}
	if format != "jsonl" && format != "csv" {
		return fmt.Errorf("%w: --format must be jsonl or csv", errUsage)
	}
	in := stdin
	var size int64
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil {
			size = st.Size()
		}
		in = f
	}
	tx, _, err := openTaxonomy(ctx, src, stderr)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ix, _, err := openIndex(ctx, dir, tx, log)
	if err != nil {
		return err
	}
	defer ix.Close()
	opts := index.ImportOptions{Format: format}
	start := time.Now()
	tty := !quiet && isTerminal(stderr)
	if tty {
		opts.Progress = func(p index.ImportProgress) {
			fmt.Fprintf(stderr, "\r%s", progressLine(kind, p, size, time.Since(start)))
		}
	}
	rep, err := ix.Import(ctx, kind, in, opts)
	if tty {
		fmt.Fprintln(stderr)
	}
	if rep != nil {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if werr := enc.Encode(rep); werr != nil && err == nil {
			err = werr
		}
	}
	if err != nil {
		return err
	}
	if cerr := ix.Close(); cerr != nil {
		return cerr
	}
	if rep.Failed > 0 {
		return fmt.Errorf("%w: %d of %d lines rejected (see the report)", errPartial, rep.Failed, rep.Lines)
	}
	return nil
}

// progressLine renders an import's progress as a bar when the size is
// known.
func progressLine(k sn.Kind, p index.ImportProgress, size int64, took time.Duration) string {
	rate := float64(p.Imported) / max(took.Seconds(), 1e-3)
	bar := ""
	if size > 0 {
		const width = 30
		done := min(width, int(float64(width)*float64(p.Bytes)/float64(size)))
		bar = "[" + repeat('#', done) + repeat('.', width-done) + fmt.Sprintf("] %3.0f%% ", 100*float64(p.Bytes)/float64(size))
	}
	return fmt.Sprintf("%simporting %s: %d lines, %d imported, %d rejected, %.0f/s ", bar, k, p.Lines, p.Imported, p.Failed, rate)
}

func repeat(c byte, n int) string {
	b := make([]byte, max(n, 0))
	for i := range b {
		b[i] = c
	}
	return string(b)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func reindexCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("reindex", "reindex --data DIR [--taxonomy SRC]", stderr)
	var dir, src string
	dataFlag(fs, &dir)
	taxonomyFlag(fs, &src)
	if err := parse(fs, args); err != nil {
		return err
	}
	if dir == "" {
		return fmt.Errorf("%w: --data is required", errUsage)
	}
	if _, err := os.Stat(dir); err != nil {
		return err
	}
	tx, _, err := openTaxonomy(ctx, src, stderr)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	start := time.Now()
	ix, _, err := openIndex(ctx, dir, tx, log)
	if err != nil {
		return err
	}
	defer ix.Close()
	if err := ix.Reindex(ctx); err != nil {
		return err
	}
	st, err := ix.Stats()
	if err != nil {
		return err
	}
	out := struct {
		Seconds float64       `json:"seconds"`
		Shards  []index.Stats `json:"shards"`
	}{time.Since(start).Seconds(), st}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	return ix.Close()
}
