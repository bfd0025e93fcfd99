package index

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/geo"
	"github.com/skillsnavigator/skillsnav/internal/topk"
)

// table keeps in memory what filters, facets and sorting need for every
// record of a shard: coordinates, dates, education level and the values
// of the keyword fields as bitmaps. It is built from the store when the
// shard opens and updated by the committer on every write, so that
// filter-only searches never touch Bleve and text searches use Bleve for
// the text alone.
type table struct {
	mu   sync.RWMutex
	ids  []string
	ord  map[string]uint32
	free []uint32
	live *roaring.Bitmap
	lat  []float32
	lon  []float32
	date []int32 // posted (vacancy) or start (opportunity), days since 1970; minInt32 when none
	end  []int32 // expiry or end, days; maxInt32 when none
	edu  []int8
	kw   map[string]map[string]*roaring.Bitmap
	// pairs interns (field, value) pairs; values holds, per row, the ids of
	// its pairs, so that an update or delete can clear them (4 bytes per
	// value rather than two strings).
	pairs    map[kv2]uint32
	pairList []kv2
	values   [][]uint32
}

type kv2 struct{ field, value string }

const (
	noDate = math.MinInt32
	noEnd  = math.MaxInt32
)

func newTable() *table {
	return &table{ord: map[string]uint32{}, live: roaring.New(), kw: map[string]map[string]*roaring.Bitmap{}, pairs: map[kv2]uint32{}}
}

func days(t time.Time) int32 {
	if t.IsZero() {
		return noDate
	}
	return int32(t.Unix() / 86400)
}

// row is what the table holds of one record.
type row struct {
	lat, lon  float32
	hasPoint  bool
	date, end int32
	edu       int8
	kw        []kv2
}

func rowOf(r sn.Record) row {
	w := row{date: noDate, end: noEnd, lat: float32(math.NaN()), lon: float32(math.NaN())}
	add := func(field string, vs ...string) {
		for _, v := range vs {
			if v != "" {
				w.kw = append(w.kw, kv2{field, v})
			}
		}
	}
	loc := func(l sn.Location) {
		if l.HasPoint() {
			w.lat, w.lon, w.hasPoint = float32(l.Lat), float32(l.Lon), true
		}
		add(fMunicipality, l.Municipality)
	}
	switch r := r.(type) {
	case *sn.Vacancy:
		loc(r.Location)
		w.date = days(r.Posted)
		if !r.Expires.IsZero() {
			w.end = days(r.Expires)
		}
		w.edu = int8(r.Education)
		add(fSkill, skillIDs(r.Skills, false)...)
		add(fOccupation, r.Occupation)
		add(fSector, r.Sector)
		add(fContract, r.Contract)
		add(fLang, r.Lang)
		add(fLanguage, langs(r.Languages)...)
		add(fLicence, r.DrivingLicence...)
		add(fActivity, r.Activities...)
	case *sn.Profile:
		loc(r.Home)
		w.edu = int8(r.Education)
		for _, s := range r.Skills {
			add(fSkill, s.ConceptID)
		}
		add(fOccupation, r.PastOccupations...)
		add(fOccupation, r.WantedOccupations...)
		add(fOccupation, r.Interests.Occupations...)
		add(fSector, r.Interests.Sectors...)
		add(fActivity, r.Interests.Activities...)
		add(fContract, r.Availability.Contracts...)
		add(fLanguage, langs(r.Languages)...)
		add(fLicence, r.DrivingLicence...)
	case *sn.Opportunity:
		loc(r.Location)
		w.date = days(r.Start)
		if !r.End.IsZero() {
			w.end = days(r.End)
		}
		w.edu = int8(r.TargetGroup.MinEducation)
		add(fSkill, skillIDs(r.Teaches, false)...)
		add(fOccupation, r.Occupations...)
		add(fType, r.Kind)
		add(fSector, r.Sector)
		add(fLang, r.Lang)
	}
	return w
}

// put inserts or replaces the row of id.
func (t *table) put(id string, r sn.Record) {
	w := rowOf(r)
	t.mu.Lock()
	defer t.mu.Unlock()
	o, ok := t.ord[id]
	if ok {
		t.clearKW(o)
	} else {
		if n := len(t.free); n > 0 {
			o = t.free[n-1]
			t.free = t.free[:n-1]
			t.ids[o] = id
		} else {
			o = uint32(len(t.ids))
			t.ids = append(t.ids, id)
			t.lat = append(t.lat, 0)
			t.lon = append(t.lon, 0)
			t.date = append(t.date, 0)
			t.end = append(t.end, 0)
			t.edu = append(t.edu, 0)
			t.values = append(t.values, nil)
		}
		t.ord[id] = o
		t.live.Add(o)
	}
	t.lat[o], t.lon[o], t.date[o], t.end[o], t.edu[o] = w.lat, w.lon, w.date, w.end, w.edu
	ids := make([]uint32, len(w.kw))
	for i, p := range w.kw {
		id, ok := t.pairs[p]
		if !ok {
			id = uint32(len(t.pairList))
			t.pairs[p] = id
			t.pairList = append(t.pairList, p)
		}
		ids[i] = id
		m := t.kw[p.field]
		if m == nil {
			m = map[string]*roaring.Bitmap{}
			t.kw[p.field] = m
		}
		b := m[p.value]
		if b == nil {
			b = roaring.New()
			m[p.value] = b
		}
		b.Add(o)
	}
	t.values[o] = ids
}

func (t *table) clearKW(o uint32) {
	for _, id := range t.values[o] {
		p := t.pairList[id]
		if b := t.kw[p.field][p.value]; b != nil {
			b.Remove(o)
			if b.IsEmpty() {
				delete(t.kw[p.field], p.value)
			}
		}
	}
	t.values[o] = nil
}

// del removes the row of id, if any.
func (t *table) del(id string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	o, ok := t.ord[id]
	if !ok {
		return
	}
	t.clearKW(o)
	delete(t.ord, id)
	t.live.Remove(o)
	t.ids[o] = ""
	t.free = append(t.free, o)
}

func (t *table) len() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return len(t.ord)
}

// selection is the filters of a query, compiled against the table: the
// keyword filters as one bitmap (nil when there are none) and the scalar
// ones (expiry, dates, education, distance) as a predicate on a row.
type selection struct {
	keywords *roaring.Bitmap
	pred     func(o uint32) bool // nil when there are no scalar filters
}

// accepts reports whether row o passes. The caller holds t.mu.
func (s *selection) accepts(o uint32) bool {
	return (s.keywords == nil || s.keywords.Contains(o)) && (s.pred == nil || s.pred(o))
}

// compile builds the selection of q. The caller holds t.mu for reading.
func (t *table) compile(q Query, center geo.Point, at time.Time) *selection {
	sel := &selection{}
	terms := func(field string, vs []string) {
		if len(vs) == 0 {
			return
		}
		any := roaring.New()
		for _, v := range vs {
			if b := t.kw[field][v]; b != nil {
				any.Or(b)
			}
		}
		if sel.keywords == nil {
			sel.keywords = any
		} else {
			sel.keywords.And(any)
		}
	}
	terms(fOccupation, q.Occupations)
	terms(fSector, q.Sectors)
	terms(fContract, q.Contracts)
	terms(fLanguage, q.Languages)
	terms(fLang, q.TextLangs)
	terms(fType, q.Types)
	expiry := !q.IncludeExpired && q.Kind != sn.KindProfile
	today := days(at)
	after, before := int32(noDate), int32(noEnd)
	dates := !q.PostedAfter.IsZero() || !q.PostedBefore.IsZero()
	if !q.PostedAfter.IsZero() {
		after = days(q.PostedAfter)
	}
	if !q.PostedBefore.IsZero() {
		before = days(q.PostedBefore)
	}
	maxEdu := int8(q.MaxEducation)
	var near func(o uint32) bool
	if q.Near != nil {
		near = t.within(center, q.Near.RadiusKm)
	}
	if !expiry && !dates && near == nil && maxEdu == 0 {
		return sel
	}
	sel.pred = func(o uint32) bool {
		if expiry && t.end[o] < today {
			return false
		}
		if dates && (t.date[o] == noDate || t.date[o] < after || t.date[o] > before) {
			return false
		}
		if maxEdu > 0 && t.edu[o] > maxEdu {
			return false
		}
		return near == nil || near(o)
	}
	return sel
}

// within returns a predicate for rows within r km of c: a bounding box,
// then an equirectangular distance, and the exact great-circle distance
// only for rows within 1% of the radius.
func (t *table) within(c geo.Point, r float64) func(o uint32) bool {
	const kmPerDeg = 111.195 // great-circle km per degree on the mean Earth sphere
	cosLat := math.Cos(c.Lat * math.Pi / 180)
	dLat, dLon := float32(r/kmPerDeg), float32(r/(kmPerDeg*cosLat))
	cLat, cLon := float32(c.Lat), float32(c.Lon)
	lo2, hi2 := (r*0.99)*(r*0.99), (r*1.01)*(r*1.01)
	return func(o uint32) bool {
		la, lo := t.lat[o], t.lon[o]
		if !(la >= cLat-dLat && la <= cLat+dLat && lo >= cLon-dLon && lo <= cLon+dLon) {
			return false // also false for NaN: no point
		}
		y := float64(la-cLat) * kmPerDeg
		x := float64(lo-cLon) * kmPerDeg * cosLat
		d2 := x*x + y*y
		switch {
		case d2 <= lo2:
			return true
		case d2 > hi2:
			return false
		}
		return geo.DistanceKm(c, geo.Point{Lat: float64(la), Lon: float64(lo)}) <= r
	}
}

// filter returns the rows that sel accepts. The caller holds t.mu.
func (t *table) filter(sel *selection) *roaring.Bitmap {
	base := t.live
	if sel.keywords != nil {
		base = roaring.And(t.live, sel.keywords)
	}
	if sel.pred == nil {
		if base == t.live {
			return t.live.Clone()
		}
		return base
	}
	out := roaring.New()
	buf := make([]uint32, 0, 1024)
	it := base.ManyIterator()
	chunk := make([]uint32, 1024)
	for n := it.NextMany(chunk); n > 0; n = it.NextMany(chunk) {
		for _, o := range chunk[:n] {
			if sel.pred(o) {
				buf = append(buf, o)
			}
		}
		out.AddMany(buf)
		buf = buf[:0]
	}
	return out
}

type scoredOrd struct {
	ord   uint32
	score float64
	key   float64 // the sort key after the score
}

// rank orders the rows of set (best first) and returns the page
// [from, from+size). With scores it ranks by score, then recency; sortBy
// "distance" by distance from center; otherwise by recency. Ties go to
// the smaller ID, so pages are stable.
func (t *table) rank(set *roaring.Bitmap, scores map[uint32]float64, sortBy string, center geo.Point, from, size int) []scoredOrd {
	k := from + size
	all := make([]scoredOrd, 0, min(int(set.GetCardinality()), 1<<20))
	it := set.Iterator()
	for it.HasNext() {
		o := it.Next()
		s := scoredOrd{ord: o, score: scores[o]}
		switch sortBy {
		case "distance":
			if math.IsNaN(float64(t.lat[o])) {
				s.key = math.Inf(1)
			} else {
				s.key = geo.DistanceKm(center, geo.Point{Lat: float64(t.lat[o]), Lon: float64(t.lon[o])})
			}
		default:
			s.key = -float64(t.date[o])
		}
		all = append(all, s)
	}
	less := func(a, b scoredOrd) int {
		if sortBy == "relevance" && a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		if a.key != b.key {
			if a.key < b.key {
				return -1
			}
			return 1
		}
		return strings.Compare(t.ids[a.ord], t.ids[b.ord])
	}
	top := topk.Select(all, k, func(a, b scoredOrd) bool { return less(a, b) < 0 })
	slices.SortFunc(top, less)
	if from >= len(top) {
		return nil
	}
	return top[from:]
}

// facets counts, for each field, the values among the rows of set.
func (t *table) facets(fields []string, size int, set *roaring.Bitmap) map[string][]FacetValue {
	if len(fields) == 0 {
		return nil
	}
	if size <= 0 {
		size = 10
	}
	out := map[string][]FacetValue{}
	for _, field := range fields {
		vals := []FacetValue{}
		if field == fEducation {
			counts := map[int]int{}
			it := set.Iterator()
			for it.HasNext() {
				counts[int(t.edu[it.Next()])]++
			}
			for lvl, c := range counts {
				vals = append(vals, FacetValue{Value: strconv.Itoa(lvl), Count: c})
			}
		} else {
			for v, b := range t.kw[field] {
				if c := int(b.AndCardinality(set)); c > 0 {
					vals = append(vals, FacetValue{Value: v, Count: c})
				}
			}
		}
		slices.SortFunc(vals, func(a, b FacetValue) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Value, b.Value)
		})
		out[field] = vals[:min(len(vals), size)]
	}
	return out
}
