package index

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// Prepare readies a record for storage without storing it: it validates
// the record, resolves its places (a place the gazetteer does not know is
// a validation error naming the field), detects the language of its text
// when not given, and, with an extractor configured, derives what is
// missing:
//
//   - a vacancy without an occupation gets the best title match scoring at
//     least [Config.MinTitleScore]; a vacancy without skills gets the
//     skills its title and description mention (essential, derived, with
//     evidence), or else the essential skills of its occupation (implied);
//   - a profile gets the skills its CV and motivation affirm (negated and
//     wished-for mentions are left out), as source "derived";
//   - an opportunity without taught skills gets those its text mentions.
//
// Prepare is what [Index.Put] runs first; the matcher calls it for records
// that are matched without being stored.
func (ix *Index) Prepare(ctx context.Context, rec sn.Record) error {
	if err := rec.Validate(); err != nil {
		return err
	}
	var ve sn.ValidationError
	switch r := rec.(type) {
	case *sn.Vacancy:
		ix.resolve(&r.Location, "location", &ve)
		r.Lang = ix.detect(r.Lang, r.Title+"\n"+r.Description)
		ix.checkConcepts(&ve, r.Occupation, "occupation", taxonomy.KindOccupation)
		for i, s := range r.Skills {
			ix.checkConcepts(&ve, s.ConceptID, fieldIndex("skills", i, "concept_id"), taxonomy.KindSkill)
		}
		if len(ve.Fields) == 0 {
			ix.deriveVacancy(r)
		}
	case *sn.Profile:
		if !r.Home.IsZero() {
			ix.resolve(&r.Home, "home", &ve)
		}
		if r.CV != "" || r.Motivation != "" {
			r.Lang = ix.detect(r.Lang, r.CV+"\n"+r.Motivation)
		}
		for i, s := range r.Skills {
			ix.checkConcepts(&ve, s.ConceptID, fieldIndex("skills", i, "concept_id"), taxonomy.KindSkill)
		}
		for i, o := range r.PastOccupations {
			ix.checkConcepts(&ve, o, fieldIndex("past_occupations", i, ""), taxonomy.KindOccupation)
		}
		for i, o := range r.WantedOccupations {
			ix.checkConcepts(&ve, o, fieldIndex("wanted_occupations", i, ""), taxonomy.KindOccupation)
		}
		if len(ve.Fields) == 0 {
			ix.deriveProfile(r)
		}
	case *sn.Opportunity:
		ix.resolve(&r.Location, "location", &ve)
		r.Lang = ix.detect(r.Lang, r.Title+"\n"+r.Description)
		for i, s := range r.Teaches {
			ix.checkConcepts(&ve, s.ConceptID, fieldIndex("teaches", i, "concept_id"), taxonomy.KindSkill)
		}
		for i, s := range r.Requires {
			ix.checkConcepts(&ve, s.ConceptID, fieldIndex("requires", i, "concept_id"), taxonomy.KindSkill)
		}
		if len(ve.Fields) == 0 {
			ix.deriveOpportunity(r)
		}
	}
	if len(ve.Fields) > 0 {
		ve.Kind, ve.ID = rec.RecordKind(), rec.RecordID()
		return &ve
	}
	return ctx.Err()
}

func fieldIndex(name string, i int, sub string) string {
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte('[')
	b.WriteString(strconv.Itoa(i))
	b.WriteByte(']')
	if sub != "" {
		b.WriteByte('.')
		b.WriteString(sub)
	}
	return b.String()
}

// checkConcepts reports a concept ID that the taxonomy does not know or
// that is of the wrong kind. Without a taxonomy nothing is checked.
func (ix *Index) checkConcepts(ve *sn.ValidationError, id, field string, want taxonomy.Kind) {
	tx := ix.cfg.Taxonomy
	if tx == nil || id == "" {
		return
	}
	c, ok := tx.Concept(id)
	switch {
	case !ok:
		ve.Fields = append(ve.Fields, sn.FieldError{Field: field, Reason: "concept " + quote(id) + " is not in the taxonomy"})
	case c.Kind != want:
		ve.Fields = append(ve.Fields, sn.FieldError{Field: field, Reason: "concept " + quote(id) + " is a " + c.Kind.String() + ", not a " + want.String()})
	}
}

func quote(s string) string { return `"` + s + `"` }

func (ix *Index) resolve(l *sn.Location, field string, ve *sn.ValidationError) {
	if l.Place == "" {
		return
	}
	p, err := ix.cfg.Gazetteer.Resolve(l.Place, l.Country)
	if err != nil {
		ve.Fields = append(ve.Fields, sn.FieldError{Field: field + ".place", Reason: errors.Unwrap(err).Error() + ": " + quote(l.Place) + " is not a postcode or municipality of Flanders, Brussels, Zeeland or Zuid-Holland"})
		return
	}
	if !l.HasPoint() {
		l.Lat, l.Lon = p.Lat, p.Lon
	}
	l.Municipality, l.Postcode, l.Country = p.Municipality, p.Postcode, p.Country
}

func (ix *Index) detect(lang, text string) string {
	if lang != "" || strings.TrimSpace(text) == "" {
		return lang
	}
	return string(analysis.Detect(text).Lang)
}

// evidence turns a mention in title+"\n"+description into evidence on the
// right field.
func evidence(m extract.Mention, fields []string, texts []string) *sn.Evidence {
	start, end := m.Start, m.End
	for i, t := range texts {
		if start <= len(t) {
			return &sn.Evidence{Field: fields[i], Text: m.Text, Start: start, End: min(end, len(t)), Confidence: round3(m.Confidence), How: string(m.How)}
		}
		start -= len(t) + 1
		end -= len(t) + 1
	}
	return &sn.Evidence{Field: fields[len(fields)-1], Text: m.Text, Confidence: round3(m.Confidence), How: string(m.How)}
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// affirmed returns the best affirmed mention per skill, in text order.
func affirmed(res extract.Result) []extract.Mention {
	best := map[string]int{}
	var out []extract.Mention
	for _, m := range res.Mentions {
		if m.Negated || m.Wish || m.Kind != taxonomy.KindSkill {
			continue
		}
		if i, ok := best[m.ConceptID]; ok {
			if m.Confidence > out[i].Confidence {
				out[i] = m
			}
			continue
		}
		best[m.ConceptID] = len(out)
		out = append(out, m)
	}
	return out
}

func (ix *Index) deriveVacancy(v *sn.Vacancy) {
	ex := ix.cfg.Extractor
	if ex == nil {
		return
	}
	lang, _ := analysis.ParseLang(v.Lang)
	if v.Occupation == "" {
		ms := ex.NormalizeTitle(extract.TitleQuery{Title: v.Title, Lang: lang, Limit: 1})
		if len(ms) > 0 && ms[0].Score >= ix.cfg.MinTitleScore {
			v.Occupation, v.OccupationDerived = ms[0].ConceptID, true
			v.OccupationEvidence = &sn.Evidence{Field: "title", Text: v.Title, Start: 0, End: len(v.Title), Confidence: round3(ms[0].Score), How: ms[0].How}
		}
	}
	if len(v.Skills) > 0 {
		return
	}
	texts := []string{v.Title, v.Description}
	res := ex.Extract(v.Title+"\n"+v.Description, lang)
	for _, m := range affirmed(res) {
		v.Skills = append(v.Skills, sn.SkillReq{ConceptID: m.ConceptID, Essential: true, Derived: true,
			Evidence: evidence(m, []string{"title", "description"}, texts)})
	}
	if len(v.Skills) == 0 && v.Occupation != "" {
		if c, ok := ex.Taxonomy().Concept(v.Occupation); ok {
			for _, is := range ex.ImpliedSkills([]extract.TitleMatch{{ConceptRef: extract.ConceptRef{Concept: c, ConceptID: c.ID, Kind: c.Kind}, Score: 1}}, lang) {
				v.Skills = append(v.Skills, sn.SkillReq{ConceptID: is.ConceptID, Essential: true, Derived: true, Implied: true})
			}
		}
	}
}

func (ix *Index) deriveProfile(p *sn.Profile) {
	ex := ix.cfg.Extractor
	if ex == nil || (p.CV == "" && p.Motivation == "") {
		return
	}
	lang, _ := analysis.ParseLang(p.Lang)
	res := ex.Extract(p.CV+"\n"+p.Motivation, lang)
	for _, m := range affirmed(res) {
		if slices.ContainsFunc(p.Skills, func(s sn.ProfileSkill) bool { return s.ConceptID == m.ConceptID }) {
			continue
		}
		p.Skills = append(p.Skills, sn.ProfileSkill{ConceptID: m.ConceptID, Source: "derived",
			Evidence: evidence(m, []string{"cv", "motivation"}, []string{p.CV, p.Motivation})})
	}
}

func (ix *Index) deriveOpportunity(o *sn.Opportunity) {
	ex := ix.cfg.Extractor
	if ex == nil || len(o.Teaches) > 0 {
		return
	}
	lang, _ := analysis.ParseLang(o.Lang)
	res := ex.Extract(o.Title+"\n"+o.Description, lang)
	for _, m := range affirmed(res) {
		o.Teaches = append(o.Teaches, sn.SkillReq{ConceptID: m.ConceptID, Essential: true, Derived: true,
			Evidence: evidence(m, []string{"title", "description"}, []string{o.Title, o.Description})})
	}
}
