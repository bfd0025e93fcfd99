package esco

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/internal/csvx"
)

// An officialFile is one CSV file of an official download, wherever it is
// (a folder or a zip).
type officialFile struct {
	name string // shown in errors: the path, or zip!entry
	base string
	open func() (io.ReadCloser, error)
}

var (
	conceptFileRE    = regexp.MustCompile(`^(skills|occupations|ISCOGroups|skillGroups)_([a-zA-Z]{2,3}(?:-[a-zA-Z]+)?)\.csv$`)
	collectionFileRE = regexp.MustCompile(`^([a-zA-Z]+?)(Skills|Occupations)Collection_([a-zA-Z]{2,3}(?:-[a-zA-Z]+)?)\.csv$`)
	relationFileRE   = regexp.MustCompile(`^(occupationSkillRelations|skillSkillRelations|broaderRelationsSkillPillar|broaderRelationsOccPillar)(?:_[a-zA-Z-]+)?\.csv$`)
	versionRE        = regexp.MustCompile(`v(\d+\.\d+(?:\.\d+)?)`)
)

// ReadOfficial reads an official ESCO CSV download into b. Each path is a
// folder or a zip of CSV files, or a folder of such folders and zips; all
// of them are merged. The language of each file comes from its name
// (skills_nl.csv); the relations package (occupationSkillRelations.csv,
// with or without a language suffix) is read once. Alternative labels are
// separated by newlines inside a cell, as the ESCO portal writes them.
func ReadOfficial(ctx context.Context, b *taxonomy.Builder, paths ...string) error {
	var files []officialFile
	var closers []io.Closer
	defer func() {
		for _, c := range closers {
			c.Close()
		}
	}()
	for _, p := range paths {
		fs, cs, err := collect(p, 0)
		closers = append(closers, cs...)
		if err != nil {
			return err
		}
		files = append(files, fs...)
	}
	var concepts, collections, relations []officialFile
	seenRel := map[string]bool{}
	version := ""
	for _, f := range files {
		if m := versionRE.FindStringSubmatch(f.name); m != nil && version == "" {
			version = m[1]
		}
		switch {
		case conceptFileRE.MatchString(f.base):
			concepts = append(concepts, f)
		case collectionFileRE.MatchString(f.base):
			collections = append(collections, f)
		case relationFileRE.MatchString(f.base):
			kind := relationFileRE.FindStringSubmatch(f.base)[1]
			if !seenRel[kind] {
				seenRel[kind] = true
				relations = append(relations, f)
			}
		}
	}
	if len(concepts) == 0 {
		return fmt.Errorf("%w: esco: no ESCO concept files (skills_XX.csv, occupations_XX.csv) under %s", taxonomy.ErrInvalid, strings.Join(paths, ", "))
	}
	// Groups before skills and occupations, English first so preferred
	// labels of the reference language come first.
	order := map[string]int{"skillGroups": 0, "ISCOGroups": 1, "skills": 2, "occupations": 3}
	sort.SliceStable(concepts, func(i, j int) bool {
		mi, mj := conceptFileRE.FindStringSubmatch(concepts[i].base), conceptFileRE.FindStringSubmatch(concepts[j].base)
		if order[mi[1]] != order[mj[1]] {
			return order[mi[1]] < order[mj[1]]
		}
		return mi[2] < mj[2]
	})
	if version != "" {
		p := b.Provenance()
		p.Version = version
		b.SetProvenance(p)
	}
	for _, group := range [][]officialFile{concepts, collections, relations} {
		for _, f := range group {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := readOfficialFile(b, f); err != nil {
				return err
			}
		}
	}
	return nil
}

// collect lists the CSV files under p (a folder, a zip, or a CSV file).
func collect(p string, depth int) ([]officialFile, []io.Closer, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, nil, fmt.Errorf("esco: %w", err)
	}
	switch {
	case st.IsDir():
		if depth > 2 {
			return nil, nil, nil
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, nil, fmt.Errorf("esco: %w", err)
		}
		var files []officialFile
		var closers []io.Closer
		for _, e := range entries {
			fs, cs, err := collect(filepath.Join(p, e.Name()), depth+1)
			closers = append(closers, cs...)
			if err != nil {
				return nil, closers, err
			}
			files = append(files, fs...)
		}
		return files, closers, nil
	case strings.EqualFold(filepath.Ext(p), ".zip"):
		zr, err := zip.OpenReader(p)
		if err != nil {
			return nil, nil, &taxonomy.ParseError{File: p, Err: fmt.Errorf("not a readable zip: %w", err)}
		}
		var files []officialFile
		for _, zf := range zr.File {
			if zf.FileInfo().IsDir() || !strings.EqualFold(path.Ext(zf.Name), ".csv") {
				continue
			}
			files = append(files, officialFile{name: p + "!" + zf.Name, base: path.Base(zf.Name), open: zf.Open})
		}
		return files, []io.Closer{zr}, nil
	case strings.EqualFold(filepath.Ext(p), ".csv"):
		return []officialFile{{name: p, base: filepath.Base(p), open: func() (io.ReadCloser, error) { return os.Open(p) }}}, nil, nil
	}
	return nil, nil, nil
}

func readOfficialFile(b *taxonomy.Builder, f officialFile) error {
	rc, err := f.open()
	if err != nil {
		return &taxonomy.ParseError{File: f.name, Err: err}
	}
	defer rc.Close()
	r, err := csvx.New(f.name, rc)
	if err != nil {
		return err
	}
	if m := conceptFileRE.FindStringSubmatch(f.base); m != nil {
		kind := map[string]taxonomy.Kind{"skills": taxonomy.KindSkill, "occupations": taxonomy.KindOccupation, "ISCOGroups": taxonomy.KindISCOGroup, "skillGroups": taxonomy.KindSkillGroup}[m[1]]
		return readOfficialConcepts(r, b, kind, strings.ToLower(m[2]), "")
	}
	if m := collectionFileRE.FindStringSubmatch(f.base); m != nil {
		kind := taxonomy.KindSkill
		if m[2] == "Occupations" {
			kind = taxonomy.KindOccupation
		}
		return readOfficialConcepts(r, b, kind, strings.ToLower(m[3]), m[1])
	}
	switch relationFileRE.FindStringSubmatch(f.base)[1] {
	case "occupationSkillRelations":
		return readRelations(r, []string{"occupationUri", "skillUri", "relationType"}, func() error {
			rel, err := relation(r, "relationType")
			if err == nil {
				b.AddOccupationSkill(r.Get("occupationUri"), r.Get("skillUri"), rel)
			}
			return err
		})
	case "skillSkillRelations":
		return readRelations(r, []string{"originalSkillUri", "relatedSkillUri", "relationType"}, func() error {
			rel, err := relation(r, "relationType")
			if err == nil {
				b.AddRelatedSkill(r.Get("originalSkillUri"), r.Get("relatedSkillUri"), rel)
			}
			return err
		})
	default:
		return readRelations(r, []string{"conceptUri", "broaderUri"}, func() error {
			b.AddBroader(r.Get("conceptUri"), r.Get("broaderUri"))
			return nil
		})
	}
}

// readOfficialConcepts reads a concept or collection file in language lang.
// For a collection file, collection names the collection; its rows add
// membership and labels to concepts of the given kind.
func readOfficialConcepts(r *csvx.Reader, b *taxonomy.Builder, kind taxonomy.Kind, lang, collection string) error {
	if err := r.Require("conceptUri", "preferredLabel"); err != nil {
		return err
	}
	for {
		ok, err := r.Next()
		if err != nil || !ok {
			return err
		}
		id, err := r.RequireValue("conceptUri")
		if err != nil {
			return err
		}
		k := kind
		if collection != "" {
			// Collections may mix kinds; conceptType says which.
			switch r.Get("conceptType") {
			case "Occupation":
				k = taxonomy.KindOccupation
			case "SkillGroup":
				k = taxonomy.KindSkillGroup
			}
		}
		c, err := b.Concept(id, k)
		if err != nil {
			return r.Errorf("conceptUri", "%v", err)
		}
		if r.Has("skillType") && c.SkillType == taxonomy.SkillTypeUnknown {
			st, err := taxonomy.ParseSkillType(r.Get("skillType"))
			if err != nil {
				return r.Errorf("skillType", "%v", err)
			}
			c.SkillType = st
		}
		if v := r.Get("reuseLevel"); v != "" && c.ReuseLevel == "" {
			c.ReuseLevel = v
		}
		switch kind {
		case taxonomy.KindOccupation:
			if v := r.Get("iscoGroup"); v != "" {
				c.ISCOGroup = v
			}
			if v := r.Get("code"); v != "" {
				c.Code = v
			}
		case taxonomy.KindISCOGroup, taxonomy.KindSkillGroup:
			if v := r.Get("code"); v != "" {
				c.Code = v
			}
		}
		if err := b.AddLabel(id, lang, taxonomy.Pref, r.Get("preferredLabel")); err != nil {
			return r.Errorf("preferredLabel", "%v", err)
		}
		for _, alt := range csvx.SplitList(r.Get("altLabels"), "\n") {
			if err := b.AddLabel(id, lang, taxonomy.Alt, alt); err != nil {
				return r.Errorf("altLabels", "%v", err)
			}
		}
		b.SetDescription(id, lang, r.Get("description"))
		if collection != "" {
			b.AddToCollection(id, collection)
		}
	}
}
