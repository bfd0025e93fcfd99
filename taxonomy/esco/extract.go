package esco

import (
	"context"
	"errors"
	"io/fs"
	"strings"

	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/internal/csvx"
)

// ReadExtract reads the extract layout from fsys into b: skills.csv.gz,
// occupations.csv.gz, skill_groups.csv, isco_groups.csv and the relation
// files. Languages are taken from the header (pref_label_XX columns), so a
// fifth language needs no code change. Alternative labels and collections
// are separated by '|'.
func ReadExtract(ctx context.Context, fsys fs.FS, b *taxonomy.Builder) error {
	type step struct {
		file     string
		optional bool
		read     func(*csvx.Reader, *taxonomy.Builder) error
	}
	concepts := []step{
		{"skill_groups.csv", true, readExtractConcepts(taxonomy.KindSkillGroup)},
		{"isco_groups.csv", true, readExtractConcepts(taxonomy.KindISCOGroup)},
		{"skills.csv.gz", false, readExtractConcepts(taxonomy.KindSkill)},
		{"occupations.csv.gz", false, readExtractConcepts(taxonomy.KindOccupation)},
	}
	relations := []step{
		{"occupation_skill_relations.csv.gz", true, readExtractOccSkill},
		{"skill_skill_relations.csv.gz", true, readExtractSkillSkill},
		{"skill_broader_relations.csv.gz", true, readExtractBroader},
		{"occupation_broader_relations.csv.gz", true, readExtractBroader},
	}
	run := func(steps []step, b *taxonomy.Builder) error {
		for _, s := range steps {
			if err := ctx.Err(); err != nil {
				return err
			}
			f, err := fsys.Open(s.file)
			if err != nil {
				if s.optional && errors.Is(err, fs.ErrNotExist) {
					continue
				}
				return &taxonomy.ParseError{File: s.file, Err: err}
			}
			err = func() error {
				defer f.Close()
				r, err := csvx.New(s.file, f)
				if err != nil {
					return err
				}
				defer r.Close()
				return s.read(r, b)
			}()
			if err != nil {
				return err
			}
		}
		return nil
	}
	// Relations only refer to concepts by ID, so they are parsed into a
	// builder of their own at the same time as the concepts, then merged.
	rels := taxonomy.NewBuilder(b.Provenance())
	relErr := make(chan error, 1)
	go func() { relErr <- run(relations, rels) }()
	err := run(concepts, b)
	if rerr := <-relErr; err == nil {
		err = rerr
	}
	if err != nil {
		return err
	}
	b.MergeRelations(rels)
	return nil
}

// langsOf returns the languages with a pref_label_XX column, in header order.
func langsOf(r *csvx.Reader) []string {
	var out []string
	for _, h := range r.Header() {
		if l, ok := strings.CutPrefix(h, "pref_label_"); ok && l != "" {
			out = append(out, l)
		}
	}
	return out
}

func readExtractConcepts(kind taxonomy.Kind) func(*csvx.Reader, *taxonomy.Builder) error {
	return func(r *csvx.Reader, b *taxonomy.Builder) error {
		if err := r.Require("concept_uri"); err != nil {
			return err
		}
		langs := langsOf(r)
		if len(langs) == 0 {
			return r.Errorf("", "no pref_label_XX columns")
		}
		for {
			ok, err := r.Next()
			if err != nil {
				return err
			}
			if !ok {
				return nil
			}
			id, err := r.RequireValue("concept_uri")
			if err != nil {
				return err
			}
			c, err := b.Concept(id, kind)
			if err != nil {
				return r.Errorf("concept_uri", "%v", err)
			}
			switch kind {
			case taxonomy.KindSkill:
				st, err := taxonomy.ParseSkillType(r.Get("skill_type"))
				if err != nil {
					return r.Errorf("skill_type", "%v", err)
				}
				c.SkillType = st
				c.ReuseLevel = r.Get("reuse_level")
				for _, coll := range csvx.SplitList(r.Get("collections"), "|") {
					b.AddToCollection(id, coll)
				}
			case taxonomy.KindOccupation:
				c.ISCOGroup = r.Get("isco_group")
				c.Code = r.Get("esco_code")
			default:
				c.Code = r.Get("code")
			}
			sources := map[string]string{}
			for _, l := range langs {
				if err := b.AddLabel(id, l, taxonomy.Pref, r.Get("pref_label_"+l)); err != nil {
					return r.Errorf("pref_label_"+l, "%v", err)
				}
				for _, alt := range csvx.SplitList(r.Get("alt_labels_"+l), "|") {
					if err := b.AddLabel(id, l, taxonomy.Alt, alt); err != nil {
						return r.Errorf("alt_labels_"+l, "%v", err)
					}
				}
				b.SetDescription(id, l, r.Get("description_"+l))
				if s := r.Get("label_source_" + l); s != "" {
					sources[l] = s
				}
			}
			if len(sources) > 0 {
				c.Provenance.LabelSources = sources
			}
		}
	}
}

// readRelations reads a relation file row by row, after checking columns.
func readRelations(r *csvx.Reader, cols []string, row func() error) error {
	if err := r.Require(cols...); err != nil {
		return err
	}
	for {
		ok, err := r.Next()
		if err != nil || !ok {
			return err
		}
		for _, c := range cols {
			if _, err := r.RequireValue(c); err != nil {
				return err
			}
		}
		if err := row(); err != nil {
			return err
		}
	}
}

func relation(r *csvx.Reader, col string) (taxonomy.Relation, error) {
	rel, err := taxonomy.ParseRelation(r.Get(col))
	if err != nil {
		return 0, r.Errorf(col, "%v", err)
	}
	return rel, nil
}

func readExtractOccSkill(r *csvx.Reader, b *taxonomy.Builder) error {
	return readRelations(r, []string{"occupation_uri", "skill_uri", "relation_type"}, func() error {
		rel, err := relation(r, "relation_type")
		if err == nil {
			b.AddOccupationSkill(r.Get("occupation_uri"), r.Get("skill_uri"), rel)
		}
		return err
	})
}

func readExtractSkillSkill(r *csvx.Reader, b *taxonomy.Builder) error {
	return readRelations(r, []string{"original_skill_uri", "related_skill_uri", "relation_type"}, func() error {
		rel, err := relation(r, "relation_type")
		if err == nil {
			b.AddRelatedSkill(r.Get("original_skill_uri"), r.Get("related_skill_uri"), rel)
		}
		return err
	})
}

func readExtractBroader(r *csvx.Reader, b *taxonomy.Builder) error {
	return readRelations(r, []string{"concept_uri", "broader_uri"}, func() error {
		b.AddBroader(r.Get("concept_uri"), r.Get("broader_uri"))
		return nil
	})
}
