package index

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	blevea "github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/analysis/bleveanalyzer"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// Field names. The Bleve documents hold the text fields (title_nl,
// body_nl, title_fr, …), skill and occupation; the in-memory table holds
// the keyword fields, coordinates, dates and education level.
const (
	fSkill        = "skill"      // vacancy: all skills; profile: claimed; opportunity: taught
	fOccupation   = "occupation" // vacancy occupation; profile past, wanted and interests; opportunity target
	fSector       = "sector"
	fContract     = "contract"
	fLang         = "lang"     // language of the text
	fLanguage     = "language" // languages required (vacancy) or spoken (profile)
	fLicence      = "licence"
	fType         = "type" // opportunity kind
	fActivity     = "activity"
	fMunicipality = "municipality"
	fEducation    = "education"
)

// FacetFields lists the fields that [Query.Facets] accepts.
var FacetFields = []string{fSector, fContract, fOccupation, fSkill, fLang, fLanguage, fType, fActivity, fMunicipality, fEducation, fLicence}

func textField(kind string, l analysis.Lang) string { return kind + "_" + string(l) }

func analyzerName(l analysis.Lang) string { return "text_" + string(l) }

// registerChains makes the taxonomy's chains available to Bleve under a
// name derived from the taxonomy, and returns the name.
func registerChains(tx *taxonomy.Taxonomy) (string, error) {
	if tx == nil {
		return bleveanalyzer.Builtin, nil
	}
	h := fnv.New64a()
	b, _ := json.Marshal(tx.Provenance())
	h.Write(b)
	b, _ = json.Marshal(tx.Stats())
	h.Write(b)
	name := fmt.Sprintf("tx-%016x", h.Sum64())
	set := make([]*analysis.Chain, 0, len(analysis.Languages))
	for _, l := range analysis.Languages {
		set = append(set, tx.Chain(l))
	}
	if err := bleveanalyzer.Register(name, set...); err != nil {
		return "", err
	}
	return name, nil
}

// newMapping returns the lean mapping: the text fields of each language,
// and the skill and occupation concepts that text queries also match.
// Nothing is stored, there are no term vectors and no doc values: filters,
// facets and sorting work on the in-memory table, and the store of record
// holds the documents.
func newMapping(chainSet string) (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = keyword.Name
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	doc := bleve.NewDocumentStaticMapping()
	for _, l := range analysis.Languages {
		if err := m.AddCustomAnalyzer(analyzerName(l), map[string]any{
			"type": bleveanalyzer.TypeName, "chains": chainSet, "lang": string(l),
		}); err != nil {
			return nil, err
		}
		for _, kind := range []string{"title", "body"} {
			f := bleve.NewTextFieldMapping()
			f.Analyzer = analyzerName(l)
			f.Store, f.IncludeTermVectors, f.IncludeInAll, f.DocValues = false, false, false, false
			doc.AddFieldMappingsAt(textField(kind, l), f)
		}
	}
	for _, name := range []string{fSkill, fOccupation} {
		f := bleve.NewKeywordFieldMapping()
		f.Store, f.IncludeTermVectors, f.IncludeInAll, f.DocValues = false, false, false, false
		doc.AddFieldMappingsAt(name, f)
	}
	m.DefaultMapping = doc
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

// docBuilder adds fields to a Bleve document with the analyzers of the
// mapping, without reflection.
type docBuilder struct {
	s   *shard
	doc *document.Document
}

func (d docBuilder) analyzer(name string) blevea.Analyzer {
	return d.s.mapping.AnalyzerNamed(name)
}

func (d docBuilder) text(kind string, lang string, v string) {
	if strings.TrimSpace(v) == "" {
		return
	}
	l, err := analysis.ParseLang(lang)
	if err != nil || !l.Supported() {
		l = analysis.Dutch
	}
	d.doc.AddField(document.NewTextFieldCustom(textField(kind, l), nil, []byte(v), bindex.IndexField, d.analyzer(analyzerName(l))))
}

func (d docBuilder) keyword(name string, vs ...string) {
	kw := d.analyzer(keyword.Name)
	for _, v := range vs {
		if v != "" {
			d.doc.AddField(document.NewTextFieldCustom(name, nil, []byte(v), bindex.IndexField, kw))
		}
	}
}

func skillIDs(ss []sn.SkillReq, essentialOnly bool) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if !essentialOnly || s.Essential {
			out = append(out, s.ConceptID)
		}
	}
	return out
}

func langs(ls []sn.LanguageLevel) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Lang
	}
	return out
}

// document builds the Bleve document of a record. Profiles' free text is
// not indexed: it is personal data and the matcher works on concepts.
func (s *shard) document(r sn.Record) *document.Document {
	d := docBuilder{s: s, doc: document.NewDocument(r.RecordID())}
	switch r := r.(type) {
	case *sn.Vacancy:
		d.text("title", r.Lang, r.Title)
		d.text("body", r.Lang, r.Description)
		d.keyword(fSkill, skillIDs(r.Skills, false)...)
		d.keyword(fOccupation, r.Occupation)
	case *sn.Profile:
		ids := make([]string, len(r.Skills))
		for i, sk := range r.Skills {
			ids[i] = sk.ConceptID
		}
		d.keyword(fSkill, ids...)
		d.keyword(fOccupation, r.PastOccupations...)
		d.keyword(fOccupation, r.WantedOccupations...)
	case *sn.Opportunity:
		d.text("title", r.Lang, r.Title)
		d.text("body", r.Lang, r.Description+"\n"+r.Provider)
		d.keyword(fSkill, skillIDs(r.Teaches, false)...)
		d.keyword(fOccupation, r.Occupations...)
	}
	return d.doc
}
