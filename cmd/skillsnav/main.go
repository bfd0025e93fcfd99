// Command skillsnav is the one binary of skillsnav: the HTTP server and the
// batch tools for users and researchers.
//
//	skillsnav serve [--addr :8080] [--taxonomy SRC] [--data DIR] [--keys FILE] [--cors ORIGINS] [--rate-limit N]
//	skillsnav taxonomy stats [--taxonomy SRC]
//	skillsnav taxonomy search [--taxonomy SRC] [--lang nl] [--kind skill] [--limit 10] [--prefix] [--format tsv|json] QUERY
//	skillsnav extract [--taxonomy SRC] [--lang nl|en|fr|de] [--top N] [--format json|tsv] [--tsv] < text
//	skillsnav normalize [--taxonomy SRC] [--kind occupation|skill] [--lang nl] [--top N] < id<TAB>title lines
//	skillsnav import --data DIR [--taxonomy SRC] [--format jsonl|csv] vacancies|profiles|opportunities FILE|-
//	skillsnav reindex --data DIR [--taxonomy SRC]
//	skillsnav match [--data DIR] [--taxonomy SRC] [--question Q] (--profile ID | --profile-file FILE|-) [--vacancy ID] [--lang nl] [--size 10] [--format tsv|json]
//	skillsnav version
//
// SRC is "starter" (the embedded Skills Navigator taxonomy, the default),
// "esco:DIR" (the ESCO extract layout or an official ESCO CSV download,
// folder or zip) or "labels:FILE[,RELATIONS]" (a generic labels CSV).
//
// Exit codes: 0 success, 1 failure (bad data, I/O), 2 bad usage, 3 an
// import that stored the good lines and rejected others (see its report).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// errUsage marks errors that should exit with status 2.
var errUsage = errors.New("usage")

const usage = `skillsnav: skills and occupations matching for Skills Navigator

Usage:
  skillsnav serve [flags]            run the HTTP API
  skillsnav taxonomy stats [flags]   counts per kind and language, and the load time
  skillsnav taxonomy search [flags] QUERY
                                     ranked concepts for a label (any language)
  skillsnav extract [flags] < text   skills and occupations in a text (or id<TAB>text lines with --tsv)
  skillsnav normalize [flags] < tsv  occupations for id<TAB>title lines
  skillsnav import [flags] KIND FILE import vacancies, profiles or opportunities (JSON Lines, or CSV for vacancies)
  skillsnav reindex [flags]          rebuild the search index from the store
  skillsnav match [flags]            ask the matcher: vacancies, opportunities, occupations, next skills, gap or candidates
  skillsnav bench [flags]            run the benchmark suite (or an external dataset): results.json and plots
  skillsnav version                  print the version

Run "skillsnav COMMAND --help" for the flags of a command.
`

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serve(ctx, args[1:], stderr)
	case "taxonomy":
		err = taxonomyCmd(ctx, args[1:], stdout, stderr)
	case "extract":
		err = extractCmd(ctx, args[1:], stdin, stdout, stderr)
	case "normalize":
		err = normalizeCmd(ctx, args[1:], stdin, stdout, stderr)
	case "import":
		err = importCmd(ctx, args[1:], stdin, stdout, stderr)
	case "reindex":
		err = reindexCmd(ctx, args[1:], stdout, stderr)
	case "match":
		err = matchCmd(ctx, args[1:], stdin, stdout, stderr)
	case "bench":
		err = benchCmd(ctx, args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "skillsnav", version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "skillsnav: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintln(stderr, "skillsnav:", err)
		return 2
	case errors.Is(err, errPartial):
		fmt.Fprintln(stderr, "skillsnav:", err)
		return 3
	default:
		fmt.Fprintln(stderr, "skillsnav:", err)
		return 1
	}
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: skillsnav %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning flag errors into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}

// envOr returns the environment variable key, or def when it is unset.
func envOr(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}
