package index

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
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

	tab := s.tab
	tab.mu.RLock()
	defer tab.mu.RUnlock()
	sel := tab.compile(q, center, at)
	res := &Result{}
	sortBy := q.Sort
	if sortBy == "" {
		sortBy = "recent"
		if strings.TrimSpace(q.Text) != "" || len(q.Skills) > 0 {
			sortBy = "relevance"
		}
	}
	var hits []scoredOrd
	var matched *roaring.Bitmap
	switch {
	case strings.TrimSpace(q.Text) != "":
		// Bleve scores the text; the in-memory filter decides which
		// documents may match, and records the ones that did.
		var should []query.Query
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
		for _, id := range q.Skills {
			tq := bleve.NewTermQuery(id)
			tq.SetField(fSkill)
			should = append(should, tq)
		}
		matched = roaring.New()
		accept := func(_ context.Context, d *search.DocumentMatch) (bool, error) {
			o, ok := tab.ord[d.ID]
			if ok && sel.accepts(o) {
				matched.Add(o)
				return true, nil
			}
			return false, nil
		}
		cq := query.NewCustomFilterQueryWithFilter(bleve.NewDisjunctionQuery(should...), accept, nil, nil)
		size, from := q.Size, q.From
		if sortBy != "relevance" {
			size, from = 0, 0
		}
		req := bleve.NewSearchRequestOptions(cq, size, from, false)
		req.SortBy([]string{"-_score", "_id"})
		sr, err := s.bl().SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("index: search %s: %w", q.Kind, err)
		}
		if sortBy == "relevance" {
			for _, h := range sr.Hits {
				if o, ok := tab.ord[h.ID]; ok {
					hits = append(hits, scoredOrd{ord: o, score: h.Score})
				}
			}
		} else {
			hits = tab.rank(matched, nil, sortBy, center, q.From, q.Size)
		}
	case len(q.Skills) > 0:
		f := tab.filter(sel)
		scores := map[uint32]float64{}
		matched = roaring.New()
		n := float64(tab.live.GetCardinality())
		for _, id := range q.Skills {
			b := tab.kw[fSkill][id]
			if b == nil {
				continue
			}
			and := roaring.And(b, f)
			idf := math.Log(1 + n/float64(b.GetCardinality()))
			it := and.Iterator()
			for it.HasNext() {
				scores[it.Next()] += idf
			}
			matched.Or(and)
		}
		hits = tab.rank(matched, scores, sortBy, center, q.From, q.Size)
	default:
		matched = tab.filter(sel)
		hits = tab.rank(matched, nil, sortBy, center, q.From, q.Size)
	}
	res.Total = matched.GetCardinality()
	res.Facets = tab.facets(q.Facets, q.FacetSize, matched)
	for _, h := range hits {
		id := tab.ids[h.ord]
		r, err := ix.Get(ctx, q.Kind, id)
		if err != nil {
			continue
		}
		hit := Hit{ID: id, Score: h.score, Record: r}
		if q.Near != nil {
			if l := recordLocation(r); l.HasPoint() {
				d := math.Round(geo.DistanceKm(center, geo.Point{Lat: l.Lat, Lon: l.Lon})*10) / 10
				hit.DistanceKm = &d
			}
		}
		res.Hits = append(res.Hits, hit)
	}
	res.Took = time.Since(start)
	return res, nil
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
