package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// maxLine bounds one input line (a long CV in a TSV).
const maxLine = 4 << 20

// textFlags are the flags extract and normalize share.
type textFlags struct {
	src, lang, format string
	top               int
}

func (f *textFlags) register(fs interface {
	StringVar(*string, string, string, string)
	IntVar(*int, string, int, string)
}, topDefault int) {
	taxonomyFlag(fs, &f.src)
	fs.StringVar(&f.lang, "lang", "any", "language of the input: nl, en, fr, de, or any to detect it per input")
	fs.StringVar(&f.format, "format", "tsv", "output format: tsv or json")
	fs.IntVar(&f.top, "top", topDefault, "at most this many concepts per input")
}

func (f *textFlags) check() (analysis.Lang, error) {
	l, err := analysis.ParseLang(f.lang)
	if err != nil {
		return "", fmt.Errorf("%w: --lang: %v", errUsage, err)
	}
	if f.format != "tsv" && f.format != "json" {
		return "", fmt.Errorf("%w: --format must be tsv or json", errUsage)
	}
	if f.top < 1 {
		return "", fmt.Errorf("%w: --top must be at least 1", errUsage)
	}
	return l, nil
}

// open parses args with fs (on which f and any extra flags are
// registered), checks the flags (with extra, when not nil, for the extra
// flags) and only then opens the extractor.
func (f *textFlags) open(ctx context.Context, fs *flag.FlagSet, args []string, stderr io.Writer, extra func() error) (*extract.Extractor, analysis.Lang, error) {
	if err := parse(fs, args); err != nil {
		return nil, "", err
	}
	lang, err := f.check()
	if err == nil && extra != nil {
		err = extra()
	}
	if err != nil {
		return nil, "", err
	}
	tx, _, err := openTaxonomy(ctx, f.src, stderr)
	if err != nil {
		return nil, "", err
	}
	ex, err := extract.New(tx, extract.DefaultConfig())
	return ex, lang, err
}

// eachTSV calls f for every non-empty "id<TAB>text" line of r, and fails
// with the line number on a line without a tab.
func eachTSV(ctx context.Context, r io.Reader, what string, f func(id, text string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	for n := 1; sc.Scan(); n++ {
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		id, text, ok := strings.Cut(line, "\t")
		if !ok || id == "" {
			return fmt.Errorf("stdin:%d: want id<TAB>%s", n, what)
		}
		if err := f(id, text); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("stdin: %w", err)
	}
	return nil
}

func extractCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("extract", "extract [--taxonomy SRC] [--lang nl] [--top N] [--format json|tsv] [--tsv] < text", stderr)
	var f textFlags
	var tsvIn bool
	f.register(fs, 20)
	fs.BoolVar(&tsvIn, "tsv", false, "read id<TAB>text lines and write id<TAB>rank<TAB>concept_id<TAB>score<TAB>label lines, skills ranked per input")
	ex, lang, err := f.open(ctx, fs, args, stderr, nil)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	if tsvIn {
		return eachTSV(ctx, stdin, "text", func(id, text string) error {
			res := ex.Extract(text, lang)
			skills := res.Concepts(taxonomy.KindSkill)
			if len(skills) > f.top {
				skills = skills[:f.top]
			}
			if f.format == "json" {
				return enc.Encode(struct {
					ID     string                 `json:"id"`
					Lang   analysis.Lang          `json:"lang"`
					Skills []extract.ConceptScore `json:"skills"`
				}{id, res.Lang, skills})
			}
			for i, s := range skills {
				fmt.Fprintf(w, "%s\t%d\t%s\t%.4f\t%s\n", id, i+1, s.ConceptID, s.Confidence, s.Label)
			}
			return nil
		})
	}
	in, err := io.ReadAll(io.LimitReader(stdin, maxLine+1))
	if err != nil {
		return fmt.Errorf("stdin: %w", err)
	}
	if len(in) > maxLine {
		return fmt.Errorf("stdin: text longer than %d bytes; split it or use --tsv", maxLine)
	}
	res := ex.Extract(string(in), lang)
	if f.format == "json" {
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	for _, m := range res.Mentions {
		flags := ""
		if m.Negated {
			flags = "negated"
		} else if m.Wish {
			flags = "wish"
		}
		fmt.Fprintf(w, "%d\t%d\t%s\t%s\t%.4f\t%s\t%s\t%s\n", m.CharStart, m.CharEnd, m.Kind, m.ConceptID, m.Confidence, m.Label, m.How, flags)
	}
	return nil
}

func normalizeCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("normalize", "normalize [--taxonomy SRC] [--kind occupation|skill] [--lang nl] [--top N] < id<TAB>title lines", stderr)
	var f textFlags
	var kind string
	f.register(fs, 10)
	fs.StringVar(&kind, "kind", "occupation", "what titles name: occupation or skill")
	var k taxonomy.Kind
	ex, lang, err := f.open(ctx, fs, args, stderr, func() error {
		var err error
		if k, err = taxonomy.ParseKind(kind); err != nil || (k != taxonomy.KindOccupation && k != taxonomy.KindSkill) {
			return fmt.Errorf("%w: --kind must be occupation or skill", errUsage)
		}
		return nil
	})
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	return eachTSV(ctx, stdin, "title", func(id, title string) error {
		ms := ex.NormalizeTitle(extract.TitleQuery{Title: title, Lang: lang, Kind: k, Limit: f.top})
		if f.format == "json" {
			return enc.Encode(struct {
				ID      string               `json:"id"`
				Title   string               `json:"title"`
				Matches []extract.TitleMatch `json:"matches"`
			}{id, title, ms})
		}
		for i, m := range ms {
			fmt.Fprintf(w, "%s\t%d\t%s\t%.4f\t%s\n", id, i+1, m.ConceptID, m.Score, m.Label)
		}
		return nil
	})
}
