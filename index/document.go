package index

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strings"
	"time"

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

// Field names of the Bleve documents. Text fields carry the language:
// title_nl, body_nl, title_fr, …
const (
	fSkill        = "skill"      // every skill concept (vacancy: all; profile: claimed; opportunity: taught)
	fEssential    = "essential"  // essential skills of a vacancy
	fRequires     = "requires"   // skills an opportunity needs
	fOccupation   = "occupation" // vacancy occupation; profile past and wanted; opportunity target
	fSector       = "sector"
	fContract     = "contract"
	fLang         = "lang"     // language of the text
	fLanguage     = "language" // languages required (vacancy) or spoken (profile)
	fLicence      = "licence"
	fType         = "type" // opportunity kind
	fActivity     = "activity"
	fMunicipality = "municipality"
	fEducation    = "education"
	fHours        = "hours"
	fGeo          = "geo"
	fPosted       = "posted"
	fExpires      = "expires"
	fStart        = "start"
	fEnd          = "end"
)

var keywordFields = []string{fSkill, fEssential, fRequires, fOccupation, fSector, fContract, fLang,
	fLanguage, fLicence, fType, fActivity, fMunicipality}

// FacetFields lists the fields that [Query.Facets] accepts.
var FacetFields = []string{fSector, fContract, fOccupation, fSkill, fLang, fLanguage, fType, fActivity, fMunicipality, fEducation}

// noExpiry is indexed for records without an expiry date, so that "not
// expired" is one range query.
var noExpiry = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)

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

// newMapping returns the lean mapping: nothing stored, no term vectors,
// doc values only where facets or sorting need them.
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
	for _, name := range keywordFields {
		f := bleve.NewKeywordFieldMapping()
		f.Store, f.IncludeTermVectors, f.IncludeInAll = false, false, false
		f.DocValues = isFacet(name)
		doc.AddFieldMappingsAt(name, f)
	}
	for _, name := range []string{fEducation, fHours} {
		f := bleve.NewNumericFieldMapping()
		f.Store, f.IncludeInAll, f.DocValues = false, false, name == fEducation
		doc.AddFieldMappingsAt(name, f)
	}
	g := bleve.NewGeoPointFieldMapping()
	g.Store, g.IncludeInAll, g.DocValues = false, false, true
	doc.AddFieldMappingsAt(fGeo, g)
	for _, name := range []string{fPosted, fExpires, fStart, fEnd} {
		f := bleve.NewDateTimeFieldMapping()
		f.Store, f.IncludeInAll, f.DocValues = false, false, name == fPosted || name == fStart
		doc.AddFieldMappingsAt(name, f)
	}
	m.DefaultMapping = doc
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

func isFacet(name string) bool {
	for _, f := range FacetFields {
		if f == name {
			return true
		}
	}
	return false
}

// docBuilder adds fields to a Bleve document with the analyzers of the
// mapping, without reflection.
type docBuilder struct {
	s   *shard
	doc *document.Document
}

const (
	optIndex = bindex.IndexField
	optDV    = bindex.IndexField | bindex.DocValues
)

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
	d.doc.AddField(document.NewTextFieldCustom(textField(kind, l), nil, []byte(v), optIndex, d.analyzer(analyzerName(l))))
}

func (d docBuilder) keyword(name string, vs ...string) {
	opts := optIndex
	if isFacet(name) {
		opts = optDV
	}
	kw := d.analyzer(keyword.Name)
	for _, v := range vs {
		if v != "" {
			d.doc.AddField(document.NewTextFieldCustom(name, nil, []byte(v), opts, kw))
		}
	}
}

func (d docBuilder) number(name string, v float64, dv bool) {
	opts := optIndex
	if dv {
		opts = optDV
	}
	d.doc.AddField(document.NewNumericFieldWithIndexingOptions(name, nil, v, opts))
}

func (d docBuilder) date(name string, t time.Time, dv bool) {
	if t.IsZero() {
		return
	}
	opts := optIndex
	if dv {
		opts = optDV
	}
	f, err := document.NewDateTimeFieldWithIndexingOptions(name, nil, t, time.RFC3339, opts)
	if err == nil {
		d.doc.AddField(f)
	}
}

func (d docBuilder) location(l sn.Location) {
	if l.HasPoint() {
		d.doc.AddField(document.NewGeoPointFieldWithIndexingOptions(fGeo, nil, l.Lon, l.Lat, optDV))
	}
	d.keyword(fMunicipality, l.Municipality)
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
		d.keyword(fEssential, skillIDs(r.Skills, true)...)
		d.keyword(fOccupation, r.Occupation)
		d.keyword(fSector, r.Sector)
		d.keyword(fContract, r.Contract)
		d.keyword(fLang, r.Lang)
		d.keyword(fLanguage, langs(r.Languages)...)
		d.keyword(fLicence, r.DrivingLicence...)
		d.keyword(fActivity, r.Activities...)
		d.location(r.Location)
		d.number(fEducation, float64(r.Education), true)
		if r.HoursPerWeek > 0 {
			d.number(fHours, r.HoursPerWeek, false)
		}
		d.date(fPosted, r.Posted, true)
		exp := r.Expires
		if exp.IsZero() {
			exp = noExpiry
		}
		d.date(fExpires, exp, false)
	case *sn.Profile:
		ids := make([]string, len(r.Skills))
		for i, sk := range r.Skills {
			ids[i] = sk.ConceptID
		}
		d.keyword(fSkill, ids...)
		d.keyword(fOccupation, r.PastOccupations...)
		d.keyword(fOccupation, r.WantedOccupations...)
		d.keyword(fOccupation, r.Interests.Occupations...)
		d.keyword(fSector, r.Interests.Sectors...)
		d.keyword(fActivity, r.Interests.Activities...)
		d.keyword(fContract, r.Availability.Contracts...)
		d.keyword(fLanguage, langs(r.Languages)...)
		d.keyword(fLicence, r.DrivingLicence...)
		d.location(r.Home)
		d.number(fEducation, float64(r.Education), true)
	case *sn.Opportunity:
		d.text("title", r.Lang, r.Title)
		d.text("body", r.Lang, r.Description+"\n"+r.Provider)
		d.keyword(fSkill, skillIDs(r.Teaches, false)...)
		d.keyword(fRequires, skillIDs(r.Requires, false)...)
		d.keyword(fOccupation, r.Occupations...)
		d.keyword(fType, r.Kind)
		d.keyword(fSector, r.Sector)
		d.keyword(fLang, r.Lang)
		d.location(r.Location)
		d.number(fEducation, float64(r.TargetGroup.MinEducation), true)
		d.date(fStart, r.Start, true)
		end := r.End
		if end.IsZero() {
			end = noExpiry
		}
		d.date(fEnd, end, false)
	}
	return d.doc
}
