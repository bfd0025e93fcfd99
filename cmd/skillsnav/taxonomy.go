package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/esco"
	"github.com/skillsnavigator/skillsnav/taxonomy/source"
)

func taxonomyCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: taxonomy needs a subcommand: stats or search", errUsage)
	}
	switch args[0] {
	case "stats":
		return taxonomyStats(ctx, args[1:], stdout, stderr)
	case "search":
		return taxonomySearch(ctx, args[1:], stdout, stderr)
	}
	return fmt.Errorf("%w: unknown taxonomy subcommand %q (want stats or search)", errUsage, args[0])
}

func taxonomyFlag(fs interface {
	StringVar(*string, string, string, string)
}, p *string) {
	fs.StringVar(p, "taxonomy", envOr("SKILLSNAV_TAXONOMY", source.Default), "taxonomy source: starter, esco:DIR or labels:FILE[,RELATIONS] (env SKILLSNAV_TAXONOMY)")
}

func openTaxonomy(ctx context.Context, src string, stderr io.Writer) (*taxonomy.Taxonomy, time.Duration, error) {
	start := time.Now()
	tx, err := source.Open(ctx, src, taxonomy.DefaultConfig())
	if err != nil {
		return nil, 0, err
	}
	if source.IsESCO(src) {
		fmt.Fprintln(stderr, esco.Attribution)
	}
	return tx, time.Since(start), nil
}

func taxonomyStats(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("taxonomy stats", "taxonomy stats [--taxonomy SRC]", stderr)
	var src string
	taxonomyFlag(fs, &src)
	if err := parse(fs, args); err != nil {
		return err
	}
	tx, took, err := openTaxonomy(ctx, src, stderr)
	if err != nil {
		return err
	}
	out := struct {
		Source string          `json:"source"`
		LoadMS float64         `json:"load_ms"`
		Stats  taxonomy.Stats  `json:"stats"`
		Report taxonomy.Report `json:"report"`
	}{src, float64(took.Microseconds()) / 1000, tx.Stats(), tx.Report()}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func taxonomySearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("taxonomy search", "taxonomy search [flags] QUERY", stderr)
	var src, lang, kind, format string
	var limit int
	var prefix bool
	taxonomyFlag(fs, &src)
	fs.StringVar(&lang, "lang", "any", "language of the query and of the labels to prefer: nl, en, fr, de or any")
	fs.StringVar(&kind, "kind", "", "only concepts of these kinds, comma-separated: skill, occupation, skillgroup, iscogroup")
	fs.IntVar(&limit, "limit", 10, "maximum number of results")
	fs.BoolVar(&prefix, "prefix", false, "treat the last word as incomplete (autocomplete)")
	fs.StringVar(&format, "format", "tsv", "output format: tsv (rank, id, score, label, how) or json")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: taxonomy search needs a QUERY", errUsage)
	}
	l, err := analysis.ParseLang(lang)
	if err != nil {
		return fmt.Errorf("%w: --lang: %v", errUsage, err)
	}
	var kinds []taxonomy.Kind
	for _, k := range strings.Split(kind, ",") {
		if k = strings.TrimSpace(k); k == "" {
			continue
		}
		kk, err := taxonomy.ParseKind(k)
		if err != nil {
			return fmt.Errorf("%w: --kind: %v", errUsage, err)
		}
		kinds = append(kinds, kk)
	}
	if limit < 1 {
		return fmt.Errorf("%w: --limit must be at least 1", errUsage)
	}
	if format != "tsv" && format != "json" {
		return fmt.Errorf("%w: --format must be tsv or json", errUsage)
	}
	tx, _, err := openTaxonomy(ctx, src, stderr)
	if err != nil {
		return err
	}
	ms := tx.Lookup(taxonomy.Query{Text: strings.Join(fs.Args(), " "), Lang: l, Kinds: kinds, Limit: limit, Prefix: prefix})
	if format == "json" {
		type row struct {
			Rank    int            `json:"rank"`
			ID      string         `json:"id"`
			Kind    string         `json:"kind"`
			Name    string         `json:"name"`
			Score   float64        `json:"score"`
			Matched taxonomy.Label `json:"matched"`
			How     string         `json:"how"`
		}
		rows := make([]row, len(ms))
		for i, m := range ms {
			name, _ := m.Concept.Name(string(l))
			rows[i] = row{i + 1, m.Concept.ID, m.Concept.Kind.String(), name, m.Score, m.Label, m.How.String()}
		}
		return json.NewEncoder(stdout).Encode(rows)
	}
	for i, m := range ms {
		fmt.Fprintf(stdout, "%d\t%s\t%.4f\t%s\t%s\n", i+1, m.Concept.ID, m.Score, m.Label.Text, m.How)
	}
	return nil
}
