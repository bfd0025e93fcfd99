// Package esco loads the ESCO classification of the European Commission
// into a [taxonomy.Taxonomy]: from the official CSV download (one folder or
// zip per language plus the language-independent relations package), and
// from the compact multilingual extract layout (skills.csv.gz,
// occupations.csv.gz, relation files) that skillsnav's tests and benchmarks
// use.
//
// "This service uses the ESCO classification of the European Commission."
// A taxonomy that merges languages or versions is an adapted version of
// ESCO and must be presented as such.
package esco

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// Attribution is the acknowledgement ESCO's licence asks for.
const Attribution = "This service uses the ESCO classification of the European Commission."

// Load reads ESCO from path and builds a taxonomy. path is either a folder
// in the extract layout (it holds skills.csv.gz), or an official download:
// a folder or zip of CSV files, or a folder holding several such zips and
// folders (one per language plus the relations package), which are merged.
func Load(ctx context.Context, path string, cfg taxonomy.Config) (*taxonomy.Taxonomy, error) {
	b, err := Read(ctx, path)
	if err != nil {
		return nil, err
	}
	return b.Build(cfg)
}

// Read is like [Load] but returns the builder, so that callers can add
// concepts from other sources before building.
func Read(ctx context.Context, path string) (*taxonomy.Builder, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("esco: %w", err)
	}
	if st.IsDir() {
		if _, err := os.Stat(filepath.Join(path, "skills.csv.gz")); err == nil {
			b := taxonomy.NewBuilder(taxonomy.Provenance{Source: "esco", Version: "1.1.1 (extract)"})
			return b, ReadExtract(ctx, os.DirFS(path), b)
		}
	}
	b := taxonomy.NewBuilder(taxonomy.Provenance{Source: "esco"})
	return b, ReadOfficial(ctx, b, path)
}

func openFile(fsys fs.FS, name string) (fs.File, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, &taxonomy.ParseError{File: name, Err: err}
	}
	return f, nil
}
