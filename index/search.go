package index

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/geo"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// Query is a search over one record kind. Every filter that is set must
// hold; within a list filter, any value may match.
type Query struct {
	Kind sn.Kind `json:"kind"`
	// Text is free text in any of the four languages. It is matched
	// against the titles and descriptions in every language (each with
	// its own chain) and, with an extractor, against the skills and
	// occupations it mentions, so that a French query finds a Dutch
	// vacancy. Lang is a hint for the extractor; empty detects.
	Text string `json:"text,omitempty"`
	Lang string `json:"lang,omitempty"`
	// Skills ranks records holding more of these skill concepts higher;
	// without Text, a record must hold at least one.
	Skills      []string `json:"skills,omitempty"`
	Occupations []string `json:"occupations,omitempty"`
	Sectors     []string `json:"sectors,omitempty"`
	Contracts   []string `json:"contracts,omitempty"`
	// Languages filters on required (vacancy) or spoken (profile)
	// languages; TextLangs on the language of the text.
	Languages []string `json:"languages,omitempty"`
	TextLangs []string `json:"text_langs,omitempty"`
	// Types filters opportunities by kind.
	Types []string `json:"types,omitempty"`
	// MaxEducation keeps records asking for at most this EQF level.
	MaxEducation int `json:"max_education,omitempty"`
	// Near keeps records within RadiusKm of a point or place.
	Near *Near `json:"near,omitempty"`
	// PostedAfter and PostedBefore bound a vacancy's posting date (an
	// opportunity's start).
	PostedAfter  time.Time `json:"posted_after,omitzero"`
	PostedBefore time.Time `json:"posted_before,omitzero"`
	// IncludeExpired keeps vacancies whose expiry date has passed (and
	// opportunities that have ended). At is "now"; zero is the current
	// time.
	IncludeExpired bool      `json:"include_expired,omitempty"`
	At             time.Time `json:"at,omitzero"`
	// Sort is "relevance" (default with Text or Skills), "recent" (default
	// otherwise) or "distance" (needs Near).
	Sort string `json:"sort,omitempty"`
	// From and Size page through the hits. Size defaults to 20, at most
	// 1000.
	From int `json:"from,omitempty"`
	Size int `json:"size,omitempty"`
	// Facets lists fields to count values of (see [FacetFields]), with at
	// most FacetSize values each (default 10).
	Facets    []string `json:"facets,omitempty"`
	FacetSize int      `json:"facet_size,omitempty"`
}

// Near is a distance filter.
type Near struct {
	// Place is resolved with the gazetteer when Lat and Lon are zero.
	Place    string  `json:"place,omitempty"`
	Lat      float64 `json:"lat,omitempty"`
	Lon      float64 `json:"lon,omitempty"`
	RadiusKm float64 `json:"radius_km"`
}

// Hit is one search result.
type Hit struct {
	ID string `json:"id"`
	// Score is Bleve's relevance score; it is comparable only within one
	// result list.
	Score float64 `json:"score"`
	// DistanceKm is set when the query has Near.
	DistanceKm *float64  `json:"distance_km,omitempty"`
	Record     sn.Record `json:"record"`
}

// FacetValue is a value of a facet field and its count.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Result is what [Index.Search] returns.
type Result struct {
	Total  uint64                  `json:"total"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetValue `json:"facets,omitempty"`
	// Concepts lists the concepts found in the query text.
	Concepts []string      `json:"concepts,omitempty"`
	Took     time.Duration `json:"took"`
}

func invalidQuery(field, format string, args ...any) error {
	return &sn.ValidationError{Kind: "query", Fields: []sn.FieldError{{Field: field, Reason: fmt.Sprintf(format, args...)}}}
}

// Search runs q. Errors in q wrap [sn.ErrInvalid] and name the field.
func (ix *Index) Search(ctx context.Context, q Query) (*Result, error) {
	start := time.Now()
	s, err := ix.shard(q.Kind)
	if err != nil {
		return nil, err
	}
	if q.Size == 0 {
		q.Size = 20
	}
	switch {
	case q.Size < 0 || q.Size > 1000:
		return nil, invalidQuery("size", "%d is not between 1 and 1000", q.Size)
	case q.From < 0 || q.From > 100_000:
		return nil, invalidQuery("from", "%d is not between 0 and 100000", q.From)
	case q.MaxEducation < 0 || q.MaxEducation > 8:
		return nil, invalidQuery("max_education", "%d is not an EQF level", q.MaxEducation)
	case q.Sort != "" && q.Sort != "relevance" && q.Sort != "recent" && q.Sort != "distance":
		return nil, invalidQuery("sort", "%q is not relevance, recent or distance", q.Sort)
	case q.Sort == "distance" && q.Near == nil:
		return nil, invalidQuery("sort", "distance needs near")
	}
	for i, f := range q.Facets {
		if !slices.Contains(FacetFields, f) {
			return nil, invalidQuery(fieldIndex("facets", i, ""), "%q is not one of %s", f, strings.Join(FacetFields, ", "))
		}
	}
	var center geo.Point
	if q.Near != nil {
		n := q.Near
		if n.RadiusKm <= 0 || n.RadiusKm > 1000 {
			return nil, invalidQuery("near.radius_km", "%v is not between 0 and 1000", n.RadiusKm)
		}
		if n.Lat == 0 && n.Lon == 0 {
			p, err := ix.cfg.Gazetteer.Resolve(n.Place, "")
			if err != nil {
				return nil, invalidQuery("near.place", "%v", err)
			}
			center = p.Point
		} else {
			center = geo.Point{Lat: n.Lat, Lon: n.Lon}
		}
	}
	at := q.At
	if at.IsZero() {
		at = ix.cfg.Now()
	}

	res := &Result{}
	var must []query.Query
	var should []query.Query
	scored := false
	if strings.TrimSpace(q.Text) != "" {
		scored = true
		should = append(should, textQueries(q.Text)...)
		for _, c := range ix.queryConcepts(q.Text, q.Lang) {
			res.Concepts = append(res.Concepts, c)
			tq := bleve.NewTermQuery(c)
			tq.SetField(fSkill)
			tq.SetBoost(2)
			oq := bleve.NewTermQuery(c)
			oq.SetField(fOccupation)
			oq.SetBoost(3)
			should = append(should, tq, oq)
		}
	}
	if len(q.Skills) > 0 {
		scored = true
		var sk []query.Query
		for _, id := range q.Skills {
			tq := bleve.NewTermQuery(id)
			tq.SetField(fSkill)
			sk = append(sk, tq)
		}
		if strings.TrimSpace(q.Text) == "" {
			must = append(must, bleve.NewDisjunctionQuery(sk...))
		} else {
			should = append(should, sk...)
		}
	}
	if len(should) > 0 {
		must = append(must, bleve.NewDisjunctionQuery(should...))
	}
	terms := func(field string, vs []string) {
		if len(vs) == 0 {
			return
		}
		var d []query.Query
		for _, v := range vs {
			tq := bleve.NewTermQuery(v)
			tq.SetField(field)
			d = append(d, tq)
		}
		var f query.Query = bleve.NewDisjunctionQuery(d...)
		if len(d) == 1 {
			f = d[0]
		}
		must = append(must, filter(f))
	}
	terms(fOccupation, q.Occupations)
	terms(fSector, q.Sectors)
	terms(fContract, q.Contracts)
	terms(fLanguage, q.Languages)
	terms(fLang, q.TextLangs)
	terms(fType, q.Types)
	if q.MaxEducation > 0 {
		lo, hi := 0.0, float64(q.MaxEducation)
		incl := true
		nq := bleve.NewNumericRangeInclusiveQuery(&lo, &hi, &incl, &incl)
		nq.SetField(fEducation)
		must = append(must, filter(nq))
	}
	if q.Near != nil {
		gq := bleve.NewGeoDistanceQuery(center.Lon, center.Lat, fmt.Sprintf("%gkm", q.Near.RadiusKm))
		gq.SetField(fGeo)
		must = append(must, filter(gq))
	}
	dateField, endField := fPosted, fExpires
	if q.Kind == sn.KindOpportunity {
		dateField, endField = fStart, fEnd
	}
	if !q.PostedAfter.IsZero() || !q.PostedBefore.IsZero() {
		dq := bleve.NewDateRangeQuery(q.PostedAfter, q.PostedBefore)
		dq.SetField(dateField)
		must = append(must, filter(dq))
	}
	if !q.IncludeExpired && q.Kind != sn.KindProfile {
		dq := bleve.NewDateRangeQuery(at, time.Time{})
		dq.SetField(endField)
		must = append(must, filter(dq))
	}
	var bq query.Query
	switch len(must) {
	case 0:
		bq = bleve.NewMatchAllQuery()
	case 1:
		bq = must[0]
	default:
		bq = bleve.NewConjunctionQuery(must...)
	}
	req := bleve.NewSearchRequestOptions(bq, q.Size, q.From, false)
	sortBy := q.Sort
	if sortBy == "" {
		sortBy = "recent"
		if scored {
			sortBy = "relevance"
		}
	}
	switch sortBy {
	case "recent":
		if q.Kind == sn.KindProfile {
			req.SortBy([]string{"_id"})
		} else {
			req.SortBy([]string{"-" + dateField, "_id"})
		}
	case "distance":
		gs, err := search.NewSortGeoDistance(fGeo, "km", center.Lon, center.Lat, false)
		if err != nil {
			return nil, err
		}
		req.SortByCustom(search.SortOrder{gs, &search.SortDocID{}})
	default:
		req.SortBy([]string{"-_score", "_id"})
	}
	fs := q.FacetSize
	if fs <= 0 {
		fs = 10
	}
	for _, f := range q.Facets {
		req.AddFacet(f, bleve.NewFacetRequest(f, fs))
	}
	sr, err := s.bl().SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: search %s: %w", q.Kind, err)
	}
	res.Total = sr.Total
	for _, h := range sr.Hits {
		r, err := ix.Get(ctx, q.Kind, h.ID)
		if err != nil {
			// Deleted between search and load.
			continue
		}
		hit := Hit{ID: h.ID, Score: h.Score, Record: r}
		if q.Near != nil {
			if l := recordLocation(r); l.HasPoint() {
				d := math.Round(geo.DistanceKm(center, geo.Point{Lat: l.Lat, Lon: l.Lon})*10) / 10
				hit.DistanceKm = &d
			}
		}
		res.Hits = append(res.Hits, hit)
	}
	if len(sr.Facets) > 0 {
		res.Facets = map[string][]FacetValue{}
		for name, fr := range sr.Facets {
			vals := []FacetValue{}
			if fr.Terms != nil {
				for _, t := range fr.Terms.Terms() {
					vals = append(vals, FacetValue{Value: t.Term, Count: t.Count})
				}
			}
			res.Facets[name] = vals
		}
	}
	res.Took = time.Since(start)
	return res, nil
}

// filter makes a query count for matching only, not for the score.
func filter(q query.Query) query.Query {
	if b, ok := q.(query.BoostableQuery); ok {
		b.SetBoost(0)
	}
	return q
}

// textQueries matches text against the title and body fields of every
// language, each analysed by its own chain.
func textQueries(text string) []query.Query {
	var out []query.Query
	for _, l := range analysis.Languages {
		for _, kind := range []string{"title", "body"} {
			mq := bleve.NewMatchQuery(text)
			mq.SetField(textField(kind, l))
			if kind == "title" {
				mq.SetBoost(2)
			}
			out = append(out, mq)
		}
	}
	return out
}

// queryConcepts extracts skill and occupation concepts from query text.
// Queries are too short to detect their language reliably, so without a
// hint the text is read in every language.
func (ix *Index) queryConcepts(text, lang string) []string {
	ex := ix.cfg.Extractor
	if ex == nil {
		return nil
	}
	ls := analysis.Languages
	if l, err := analysis.ParseLang(lang); err == nil && l.Supported() {
		ls = []analysis.Lang{l}
	}
	var out []string
	for _, l := range ls {
		for _, c := range ex.Extract(text, l).Concepts(0) {
			if (c.Kind == taxonomy.KindSkill || c.Kind == taxonomy.KindOccupation) && !slices.Contains(out, c.ConceptID) {
				out = append(out, c.ConceptID)
			}
		}
	}
	return out
}

func recordLocation(r sn.Record) sn.Location {
	switch r := r.(type) {
	case *sn.Vacancy:
		return r.Location
	case *sn.Profile:
		return r.Home
	case *sn.Opportunity:
		return r.Location
	}
	return sn.Location{}
}
