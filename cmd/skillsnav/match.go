package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/demo"
	"github.com/skillsnavigator/skillsnav/matcher"
)

var questions = []string{"vacancies", "opportunities", "occupations", "next-skills", "gap", "profiles"}

// matchCmd answers one matcher question from the command line.
func matchCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("match", "match [--data DIR] [--taxonomy SRC] [--question Q] (--profile ID | --profile-file FILE|-) [--vacancy ID] [--lang nl] [--size 10] [--format tsv|json]", stderr)
	var dir, src, question, profileID, profileFile, vacancyID, lang, format string
	var size int
	fs.StringVar(&dir, "data", envOr("SKILLSNAV_DATA", ""), "data directory (env SKILLSNAV_DATA); empty: the embedded demo data, in memory")
	taxonomyFlag(fs, &src)
	fs.StringVar(&question, "question", "vacancies", "vacancies, opportunities, occupations, next-skills, gap (needs --vacancy) or profiles (needs --vacancy)")
	fs.StringVar(&profileID, "profile", "", "ID of a stored profile")
	fs.StringVar(&profileFile, "profile-file", "", "a profile as JSON in a file, or - for stdin (matched, never stored)")
	fs.StringVar(&vacancyID, "vacancy", "", "ID of a stored vacancy (gap, profiles)")
	fs.StringVar(&lang, "lang", "nl", "language of labels in explanations: nl, en, fr or de")
	fs.IntVar(&size, "size", 10, "number of results (1–200)")
	fs.StringVar(&format, "format", "tsv", "tsv (rank, id, score, label lines) or json (the whole answer, with explanations)")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case !slices.Contains(questions, question):
		return fmt.Errorf("%w: --question %q: want one of %v", errUsage, question, questions)
	case format != "tsv" && format != "json":
		return fmt.Errorf("%w: --format %q: want tsv or json", errUsage, format)
	case size < 1 || size > 200:
		return fmt.Errorf("%w: --size %d: want 1 to 200", errUsage, size)
	case (question == "gap" || question == "profiles") && vacancyID == "":
		return fmt.Errorf("%w: --question %s needs --vacancy", errUsage, question)
	case question != "profiles" && (profileID == "") == (profileFile == ""):
		return fmt.Errorf("%w: give --profile or --profile-file, not both or neither", errUsage)
	}
	tx, _, err := openTaxonomy(ctx, src, stderr)
	if err != nil {
		return err
	}
	ix, _, err := openIndex(ctx, dir, tx, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer ix.Close()
	mcfg := matcher.DefaultConfig()
	if dir == "" {
		if _, err := demo.Load(ctx, ix, time.Now()); err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
	} else {
		mcfg.Similarity.CacheDir = filepath.Join(dir, "cache")
	}
	m, err := matcher.New(ctx, mcfg, tx, ix)
	if err != nil {
		return err
	}
	q := matcher.Query{ID: profileID, Lang: lang, Size: size}
	if profileFile != "" {
		p, err := readProfile(profileFile, stdin)
		if err != nil {
			return err
		}
		if err := ix.Prepare(ctx, p); err != nil {
			return err
		}
		q.ID, q.Record = "", p
	}
	var res any
	switch question {
	case "vacancies":
		res, err = m.Vacancies(ctx, q)
	case "opportunities":
		res, err = m.Opportunities(ctx, q, 0)
	case "occupations":
		res, err = m.Occupations(ctx, q)
	case "next-skills":
		res, err = m.NextSkills(ctx, q, 0)
	case "gap":
		res, err = m.Gap(ctx, q, vacancyID)
	case "profiles":
		res, err = m.Profiles(ctx, matcher.Query{ID: vacancyID, Lang: lang, Size: size})
	}
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	row := func(rank int, id string, score float64, label string) {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\n", rank, id, strconv.FormatFloat(score, 'f', 1, 64), label)
	}
	switch r := res.(type) {
	case *matcher.Result:
		for i, mt := range r.Matches {
			row(i+1, mt.ID, mt.Score, recordTitle(mt.Record))
		}
	case *matcher.OpportunityResult:
		for i, o := range r.Matches {
			row(i+1, o.ID, o.Score, recordTitle(o.Record))
		}
	case *matcher.OccupationResult:
		for i, o := range r.Matches {
			label := ""
			if c, ok := tx.Concept(o.ID); ok {
				label, _ = c.Name(lang)
			}
			row(i+1, o.ID, o.Score, label)
		}
	case *matcher.NextSkillsResult:
		for i, s := range r.Skills {
			row(i+1, s.ConceptID, float64(s.Unlocks), s.Label)
		}
	case *matcher.GapResult:
		for i, s := range r.Missing {
			row(i+1, s.ConceptID, s.Importance, s.Label)
		}
	}
	return nil
}

func readProfile(name string, stdin io.Reader) (*sn.Profile, error) {
	r := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	var p sn.Profile
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("profile %s: %w: %v", name, sn.ErrInvalid, err)
	}
	if p.ID == "" {
		p.ID = "inline"
	}
	return &p, nil
}

func recordTitle(r sn.Record) string {
	switch r := r.(type) {
	case *sn.Vacancy:
		return r.Title
	case *sn.Opportunity:
		return r.Title
	}
	return ""
}
