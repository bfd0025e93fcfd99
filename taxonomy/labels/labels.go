// Package labels loads any taxonomy given as a generic labels CSV, such as
// VDAB Competent, CompetentNL or a company's own list of skills and job
// titles, with an optional relations CSV.
//
// The labels CSV has the header
//
//	concept_id,kind,lang,label_type,label
//
// with one label per row: kind is skill, occupation, skillgroup or
// iscogroup; lang is a language code such as nl; label_type is pref or alt.
// A concept may have one preferred label per language and any number of
// alternative labels. The file may hold only occupations or only skills.
//
// The relations CSV has the header
//
//	source_id,relation,target_id
//
// where relation is essential or optional (occupation → skill), related
// (skill → skill) or broader (concept → broader concept). Both files are
// UTF-8 CSV (RFC 4180); a .gz suffix means gzip. Errors name the file, line
// and column.
package labels

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/internal/csvx"
)

// Load reads a labels CSV and, when relationsPath is not empty, a
// relations CSV, and builds the taxonomy.
func Load(ctx context.Context, labelsPath, relationsPath string, cfg taxonomy.Config) (*taxonomy.Taxonomy, error) {
	b := taxonomy.NewBuilder(taxonomy.Provenance{Source: "labels:" + labelsPath})
	open := func(p string, read func(string, io.Reader) error) error {
		f, err := os.Open(p)
		if err != nil {
			return fmt.Errorf("labels: %w", err)
		}
		defer f.Close()
		return read(p, f)
	}
	if err := open(labelsPath, func(name string, r io.Reader) error { return ReadLabels(ctx, b, name, r) }); err != nil {
		return nil, err
	}
	if relationsPath != "" {
		if err := open(relationsPath, func(name string, r io.Reader) error { return ReadRelations(ctx, b, name, r) }); err != nil {
			return nil, err
		}
	}
	return b.Build(cfg)
}

// ReadLabels reads a labels CSV from r into b. name is used in errors.
func ReadLabels(ctx context.Context, b *taxonomy.Builder, name string, r io.Reader) error {
	x, err := csvx.New(name, r)
	if err != nil {
		return err
	}
	defer x.Close()
	if err := x.Require("concept_id", "kind", "lang", "label_type", "label"); err != nil {
		return err
	}
	n := 0
	for {
		ok, err := x.Next()
		if err != nil || !ok {
			if err == nil && n == 0 {
				return &taxonomy.ParseError{File: name, Line: 2, Err: fmt.Errorf("no labels after the header")}
			}
			return err
		}
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		id, err := x.RequireValue("concept_id")
		if err != nil {
			return err
		}
		kind, err := taxonomy.ParseKind(x.Get("kind"))
		if err != nil {
			return x.Errorf("kind", "%v", err)
		}
		lang := strings.ToLower(x.Get("lang"))
		if !validLang(lang) {
			return x.Errorf("lang", "bad language code %q (want a code such as nl, en, fr or de)", x.Get("lang"))
		}
		var typ taxonomy.LabelType
		switch strings.ToLower(x.Get("label_type")) {
		case "pref":
			typ = taxonomy.Pref
		case "alt":
			typ = taxonomy.Alt
		default:
			return x.Errorf("label_type", "bad label_type %q (want pref or alt)", x.Get("label_type"))
		}
		label, err := x.RequireValue("label")
		if err != nil {
			return err
		}
		if c, ok := b.Lookup(id); ok && c.Kind != kind {
			return x.Errorf("kind", "concept %s was declared a %s earlier, not a %s", id, c.Kind, kind)
		}
		if _, err := b.Concept(id, kind); err != nil {
			return x.Errorf("concept_id", "%v", err)
		}
		if err := b.AddLabel(id, lang, typ, label); err != nil {
			return x.Errorf("label", "%v", err)
		}
	}
}

func validLang(l string) bool {
	if len(l) < 2 || len(l) > 3 {
		return false
	}
	for _, c := range l {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// ReadRelations reads a relations CSV from r into b. The concepts must
// have been read already; a relation naming an unknown concept is an error
// at its position.
func ReadRelations(ctx context.Context, b *taxonomy.Builder, name string, r io.Reader) error {
	x, err := csvx.New(name, r)
	if err != nil {
		return err
	}
	defer x.Close()
	if err := x.Require("source_id", "relation", "target_id"); err != nil {
		return err
	}
	for n := 1; ; n++ {
		ok, err := x.Next()
		if err != nil || !ok {
			return err
		}
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		src, err := x.RequireValue("source_id")
		if err != nil {
			return err
		}
		dst, err := x.RequireValue("target_id")
		if err != nil {
			return err
		}
		from, ok := b.Lookup(src)
		if !ok {
			return x.Errorf("source_id", "unknown concept %q (not in the labels file)", src)
		}
		to, ok := b.Lookup(dst)
		if !ok {
			return x.Errorf("target_id", "unknown concept %q (not in the labels file)", dst)
		}
		switch rel := strings.ToLower(x.Get("relation")); rel {
		case "essential", "optional":
			if from.Kind != taxonomy.KindOccupation || to.Kind != taxonomy.KindSkill {
				return x.Errorf("relation", "%s relation needs an occupation and a skill, got a %s and a %s", rel, from.Kind, to.Kind)
			}
			r, _ := taxonomy.ParseRelation(rel)
			b.AddOccupationSkill(src, dst, r)
		case "related":
			if from.Kind != taxonomy.KindSkill || to.Kind != taxonomy.KindSkill {
				return x.Errorf("relation", "related relation needs two skills, got a %s and a %s", from.Kind, to.Kind)
			}
			b.AddRelatedSkill(src, dst, taxonomy.Optional)
		case "broader":
			b.AddBroader(src, dst)
		default:
			return x.Errorf("relation", "bad relation %q (want essential, optional, related or broader)", x.Get("relation"))
		}
	}
}
