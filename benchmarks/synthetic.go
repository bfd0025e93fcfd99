package benchmarks

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// hubs are the centres synthetic vacancies are spread around.
var hubs = []struct{ lat, lon float64 }{{51.05, 3.72}, {51.22, 4.40}, {51.33, 3.83}, {51.92, 4.48}}

// SyntheticVacancies returns n vacancies with given skills and occupation,
// titles and descriptions built from the starter taxonomy's Dutch labels,
// and points within about 25 km of the four hubs. Deterministic per seed.
//
// The vacancies of one occupation share its skill template (its first
// six essential and first two optional skills), as vacancies made from
// an occupation's profile do; [SyntheticVariedVacancies] varies them.
func SyntheticVacancies(n int, seed uint64) []*sn.Vacancy { return syntheticVacancies(n, seed, false) }

// SyntheticVariedVacancies is [SyntheticVacancies] with skills that vary
// per vacancy, as skills extracted from each vacancy's own text do: three
// to all of the occupation's essential skills and up to three of its
// optional ones, drawn at random. Almost no two vacancies in a region
// share a skill vector.
func SyntheticVariedVacancies(n int, seed uint64) []*sn.Vacancy {
	return syntheticVacancies(n, seed, true)
}

func syntheticVacancies(n int, seed uint64, varied bool) []*sn.Vacancy {
	tx, err := starter.Load(taxonomy.DefaultConfig())
	if err != nil {
		panic(err)
	}
	type occ struct {
		id, title string
		ess, opt  []string
		labels    []string
	}
	var occs []occ
	for c := range tx.All(taxonomy.KindOccupation) {
		o := occ{id: c.ID}
		o.title, _ = c.Name("nl")
		for s, rel := range tx.Skills(c) {
			name, _ := s.Name("nl")
			o.labels = append(o.labels, name)
			if rel == taxonomy.Essential {
				o.ess = append(o.ess, s.ID)
			} else {
				o.opt = append(o.opt, s.ID)
			}
		}
		if len(o.ess) > 0 {
			occs = append(occs, o)
		}
	}
	r := rand.New(rand.NewPCG(seed, 7))
	base := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	out := make([]*sn.Vacancy, n)
	for i := range out {
		o := occs[r.IntN(len(occs))]
		h := hubs[r.IntN(len(hubs))]
		v := &sn.Vacancy{
			ID: "v" + strconv.Itoa(i), Title: o.title, Lang: "nl",
			Description: "Wij zoeken een " + o.title + ". Je taken: " + strings.Join(o.labels[:min(4, len(o.labels))], ", ") + ". Voltijds, vast contract, ploegensysteem mogelijk.",
			Location:    sn.Location{Lat: h.lat + (r.Float64()-0.5)*0.4, Lon: h.lon + (r.Float64()-0.5)*0.6},
			Sector:      sn.Sectors[r.IntN(len(sn.Sectors))], Contract: sn.Contracts[r.IntN(4)],
			Education: 1 + r.IntN(6), Occupation: o.id,
			Posted: base.AddDate(0, 0, -r.IntN(60)), Expires: base.AddDate(0, 2, r.IntN(60)),
		}
		ess, opt := o.ess[:min(len(o.ess), 6)], o.opt[:min(len(o.opt), 2)]
		if varied {
			ess = pick(r, o.ess, min(len(o.ess), 3+r.IntN(max(1, len(o.ess)-2))))
			opt = pick(r, o.opt, r.IntN(min(len(o.opt), 3)+1))
		}
		for _, s := range ess {
			v.Skills = append(v.Skills, sn.SkillReq{ConceptID: s, Essential: true})
		}
		for _, s := range opt {
			v.Skills = append(v.Skills, sn.SkillReq{ConceptID: s})
		}
		out[i] = v
	}
	return out
}

// pick returns k of ss drawn at random, in their order in ss.
func pick(r *rand.Rand, ss []string, k int) []string {
	idx := r.Perm(len(ss))[:k]
	slices.Sort(idx)
	out := make([]string, k)
	for i, j := range idx {
		out[i] = ss[j]
	}
	return out
}

// memRecords is a matcher.Records over slices, for benchmarks.
type memRecords map[sn.Kind][]sn.Record

// openVacancies returns vs, made never to expire, as records in memory.
func openVacancies(vs []*sn.Vacancy) memRecords {
	recs := memRecords{}
	for _, v := range vs {
		v.Expires = time.Time{}
		recs[sn.KindVacancy] = append(recs[sn.KindVacancy], v)
	}
	return recs
}

func (m memRecords) Scan(_ context.Context, k sn.Kind) iter.Seq2[sn.Record, error] {
	return func(yield func(sn.Record, error) bool) {
		for _, r := range m[k] {
			if !yield(r, nil) {
				return
			}
		}
	}
}

func (m memRecords) Watch(func(index.Change)) {}

func jsonl(vs []*sn.Vacancy) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, v := range vs {
		if err := enc.Encode(v); err != nil {
			panic(err)
		}
	}
	return b.Bytes()
}

// syntheticTravelKm is the travel limit of every synthetic profile.
const syntheticTravelKm = 30

// SyntheticProfiles returns n profiles: part of an occupation's essential
// skills plus one random skill, a home near a hub, a 30 km limit.
func SyntheticProfiles(tx *taxonomy.Taxonomy, n int, seed uint64) []*sn.Profile {
	var occs [][]string
	var all []string
	for c := range tx.All(taxonomy.KindOccupation) {
		var ess []string
		for s, rel := range tx.Skills(c) {
			if rel == taxonomy.Essential {
				ess = append(ess, s.ID)
			}
		}
		if len(ess) > 0 {
			occs = append(occs, ess)
		}
	}
	for c := range tx.All(taxonomy.KindSkill) {
		all = append(all, c.ID)
	}
	r := rand.New(rand.NewPCG(seed, 3))
	out := make([]*sn.Profile, n)
	for i := range out {
		ess := occs[r.IntN(len(occs))]
		h := hubs[r.IntN(len(hubs))]
		p := &sn.Profile{ID: "p" + strconv.Itoa(i), MaxDistanceKm: syntheticTravelKm,
			Home:      sn.Location{Lat: h.lat + (r.Float64()-0.5)*0.3, Lon: h.lon + (r.Float64()-0.5)*0.4},
			Languages: []sn.LanguageLevel{{Lang: "nl", Level: "B2"}}, Education: 1 + r.IntN(6)}
		seen := map[string]bool{}
		for _, s := range ess[:1+r.IntN(len(ess))] {
			seen[s] = true
			p.Skills = append(p.Skills, sn.ProfileSkill{ConceptID: s})
		}
		if extra := all[r.IntN(len(all))]; !seen[extra] {
			p.Skills = append(p.Skills, sn.ProfileSkill{ConceptID: extra})
		}
		out[i] = p
	}
	return out
}

// bleveIndexAll indexes n documents into bi in batches of 1,000; doc(i)
// returns the ID and body of document i.
func bleveIndexAll(bi bleve.Index, n int, doc func(i int) (string, any)) error {
	batch := bi.NewBatch()
	for i := range n {
		id, body := doc(i)
		if err := batch.Index(id, body); err != nil {
			return err
		}
		if batch.Size() == 1000 {
			if err := bi.Batch(batch); err != nil {
				return err
			}
			batch.Reset()
		}
	}
	return bi.Batch(batch)
}

// skillsDoc is what the Bleve baselines index of a record: its skills as
// keywords and its point, with its text for vacancies.
type skillsDoc struct {
	id   string
	body map[string]any
}

func newSkillsDoc(id string, skills []string, at sn.Location, text map[string]any) skillsDoc {
	body := map[string]any{"skill": skills, "geo": map[string]float64{"lat": at.Lat, "lon": at.Lon}}
	for k, v := range text {
		body[k] = v
	}
	return skillsDoc{id, body}
}

// newBleveSkillsIndex is the Bleve baseline of profile → vacancies: the
// vacancies' skills as keywords and their points, with a default
// mapping otherwise; path "" keeps it in memory.
func newBleveSkillsIndex(path string, vs []*sn.Vacancy) (bleve.Index, error) {
	return newBleveSkillsDocs(path, len(vs), func(i int) skillsDoc {
		v := vs[i]
		var skills []string
		for _, s := range v.Skills {
			skills = append(skills, s.ConceptID)
		}
		return newSkillsDoc(v.ID, skills, v.Location, map[string]any{"title": v.Title, "description": v.Description})
	})
}

// newBleveProfilesIndex is the Bleve baseline of vacancy → profiles: the
// profiles' skills as keywords and their homes.
func newBleveProfilesIndex(path string, ps []*sn.Profile) (bleve.Index, error) {
	return newBleveSkillsDocs(path, len(ps), func(i int) skillsDoc {
		p := ps[i]
		var skills []string
		for _, s := range p.Skills {
			skills = append(skills, s.ConceptID)
		}
		return newSkillsDoc(p.ID, skills, p.Home, nil)
	})
}

func newBleveSkillsDocs(path string, n int, doc func(i int) skillsDoc) (bleve.Index, error) {
	bm := bleve.NewIndexMapping()
	bm.DefaultMapping.AddFieldMappingsAt("geo", bleve.NewGeoPointFieldMapping())
	bm.DefaultMapping.AddFieldMappingsAt("skill", bleve.NewKeywordFieldMapping())
	var bi bleve.Index
	var err error
	if path == "" {
		bi, err = bleve.NewMemOnly(bm)
	} else {
		bi, err = bleve.New(path, bm)
	}
	if err != nil {
		return nil, err
	}
	err = bleveIndexAll(bi, n, func(i int) (string, any) {
		d := doc(i)
		return d.id, d.body
	})
	if err != nil {
		bi.Close()
		return nil, err
	}
	return bi, nil
}

// bleveSkillsNear is the baseline's query for a profile: a disjunction of
// its skills, within its travel distance.
func bleveSkillsNear(p *sn.Profile) *bleve.SearchRequest {
	return bleveSkillsWithin(p.Skills, func(s sn.ProfileSkill) string { return s.ConceptID }, p.Home, p.MaxDistanceKm)
}

// bleveProfilesNear is the baseline's query for a vacancy: a disjunction
// of its skills, among the profiles whose homes lie within km (the
// largest travel limit) of it.
func bleveProfilesNear(v *sn.Vacancy, km float64) *bleve.SearchRequest {
	return bleveSkillsWithin(v.Skills, func(s sn.SkillReq) string { return s.ConceptID }, v.Location, km)
}

func bleveSkillsWithin[S any](skills []S, id func(S) string, at sn.Location, km float64) *bleve.SearchRequest {
	var terms []query.Query
	for _, s := range skills {
		tq := bleve.NewTermQuery(id(s))
		tq.SetField("skill")
		terms = append(terms, tq)
	}
	gq := bleve.NewGeoDistanceQuery(at.Lon, at.Lat, fmt.Sprintf("%gkm", km))
	gq.SetField("geo")
	return bleve.NewSearchRequest(bleve.NewConjunctionQuery(bleve.NewDisjunctionQuery(terms...), gq))
}
