// Package geo resolves places to points and measures distances. It holds
// skillsnav's built-in gazetteer: every municipality of Flanders, Brussels,
// Zeeland and Zuid-Holland (and a few large towns around them) with its
// postcodes and an approximate centroid, written by the project from
// public facts (gazetteer.txt). "9000", "Gent", "Gand", "3011 Rotterdam",
// "3011 AB Rotterdam" and "Terneuzen" all resolve; an unknown place is an
// error wrapping [ErrUnknownPlace], never a silent (0,0).
//
// Belgian postcodes are listed exactly. A Belgian code that is not listed
// but lies in the same ten as a listed code of one municipality (9031
// after 9030) resolves to that municipality with [Place.Approximate] set;
// this follows how bpost numbers the parts of a municipality. Dutch
// postcodes are resolved by their four digits against ranges.
package geo

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/skillsnavigator/skillsnav/analysis"
)

// ErrUnknownPlace is wrapped by errors for places the gazetteer does not
// know.
var ErrUnknownPlace = errors.New("unknown place")

// Point is a WGS84 coordinate in degrees.
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// earthRadiusKm is the mean Earth radius.
const earthRadiusKm = 6371.0088

// DistanceKm returns the great-circle (haversine) distance between a and b.
func DistanceKm(a, b Point) float64 {
	const rad = math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	s1, s2 := math.Sin(dLat/2), math.Sin(dLon/2)
	h := s1*s1 + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*s2*s2
	return 2 * earthRadiusKm * math.Asin(math.Sqrt(math.Min(1, h)))
}

// Place is a resolved place.
type Place struct {
	// Name is the official name of the place; Municipality the
	// municipality it belongs to (equal to Name for a municipality).
	Name         string `json:"name"`
	Municipality string `json:"municipality"`
	// Postcode is the code that was given, or the main code of the place.
	Postcode string `json:"postcode,omitempty"`
	// Country is "BE" or "NL"; Region a short region code (VLG, BRU, WAL,
	// ZL, ZH, NB, OTH).
	Country string `json:"country"`
	Region  string `json:"region"`
	Point
	// Approximate is set when the postcode was not listed and was
	// resolved through a neighbouring code.
	Approximate bool `json:"approximate,omitempty"`
}

type entry struct {
	names   []string
	parent  string
	country string
	region  string
	point   Point
	codes   []codeRange
}

type codeRange struct{ lo, hi int }

// Gazetteer resolves place names and postcodes. It is immutable and safe
// for concurrent use.
type Gazetteer struct {
	entries []entry
	// byName maps a normalised name to entry indexes.
	byName map[string][]int
	// be maps exact Belgian codes to entries; nl holds sorted Dutch ranges.
	be map[int]int
	nl []nlRange
	// beCodes is the sorted list of Belgian codes, for the ten rule.
	beCodes []int
}

type nlRange struct {
	codeRange
	entry int
}

//go:embed gazetteer.txt
var gazetteerText string

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
)

// Default returns the built-in gazetteer.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		g, err := Parse(gazetteerText)
		if err != nil {
			panic("geo: built-in gazetteer: " + err.Error())
		}
		defaultGaz = g
	})
	return defaultGaz
}

// Len reports the number of places (municipalities and their parts).
func (g *Gazetteer) Len() int { return len(g.entries) }

// Municipalities returns the names of the municipalities (not their parts)
// of a country ("BE", "NL") or of all countries when country is empty.
func (g *Gazetteer) Municipalities(country string) []string {
	var out []string
	for _, e := range g.entries {
		if e.parent == "" && (country == "" || e.country == country) {
			out = append(out, e.names[0])
		}
	}
	return out
}

// Parse reads a gazetteer in the format of gazetteer.txt. Errors name the
// line.
func Parse(text string) (*Gazetteer, error) {
	g := &Gazetteer{byName: map[string][]int{}, be: map[int]int{}}
	sc := bufio.NewScanner(strings.NewReader(text))
	country, region := "", ""
	line := 0
	type pending struct {
		entry int
		line  int
	}
	var parts []pending
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if rest, ok := strings.CutPrefix(s, "@"); ok {
			f := strings.Fields(rest)
			if len(f) != 2 || (f[0] != "BE" && f[0] != "NL") {
				return nil, fmt.Errorf("geo: line %d: want \"@ BE|NL REGION\", got %q", line, s)
			}
			country, region = f[0], f[1]
			continue
		}
		if country == "" {
			return nil, fmt.Errorf("geo: line %d: entry before any \"@ COUNTRY REGION\" line", line)
		}
		f := strings.Split(s, "\t")
		if len(f) != 4 && len(f) != 5 {
			return nil, fmt.Errorf("geo: line %d: want 4 or 5 tab-separated fields, got %d", line, len(f))
		}
		e := entry{country: country, region: region}
		for n := range strings.SplitSeq(f[0], "|") {
			if n = strings.TrimSpace(n); n != "" {
				e.names = append(e.names, n)
			}
		}
		if len(e.names) == 0 {
			return nil, fmt.Errorf("geo: line %d: no name", line)
		}
		for c := range strings.SplitSeq(f[1], ",") {
			r, err := parseRange(c)
			if err != nil {
				return nil, fmt.Errorf("geo: line %d: postcode %q: %v", line, c, err)
			}
			e.codes = append(e.codes, r)
		}
		lat, err1 := strconv.ParseFloat(f[2], 64)
		lon, err2 := strconv.ParseFloat(f[3], 64)
		if err1 != nil || err2 != nil || lat < 49 || lat > 54 || lon < 2 || lon > 7.5 {
			return nil, fmt.Errorf("geo: line %d: coordinates %q, %q are not in the Benelux", line, f[2], f[3])
		}
		e.point = Point{lat, lon}
		if len(f) == 5 {
			e.parent = f[4]
			parts = append(parts, pending{len(g.entries), line})
		}
		i := len(g.entries)
		g.entries = append(g.entries, e)
		for _, n := range e.names {
			k := analysis.Normalize(n)
			if l := g.byName[k]; len(l) == 0 || l[len(l)-1] != i {
				g.byName[k] = append(l, i)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, p := range parts {
		if _, ok := g.municipality(g.entries[p.entry].parent, g.entries[p.entry].country); !ok {
			return nil, fmt.Errorf("geo: line %d: parent %q is not a municipality", p.line, g.entries[p.entry].parent)
		}
	}
	// Municipalities claim their codes first, so that a code shared with a
	// part resolves to the municipality.
	for pass := 0; pass < 2; pass++ {
		for i, e := range g.entries {
			if (pass == 0) != (e.parent == "") {
				continue
			}
			for _, r := range e.codes {
				if e.country == "BE" {
					for c := r.lo; c <= r.hi; c++ {
						if _, ok := g.be[c]; !ok {
							g.be[c] = i
							g.beCodes = append(g.beCodes, c)
						}
					}
				} else {
					g.nl = append(g.nl, nlRange{r, i})
				}
			}
		}
	}
	sort.Ints(g.beCodes)
	// Stable: earlier (municipality) ranges win among equal starts.
	sort.SliceStable(g.nl, func(a, b int) bool { return g.nl[a].lo < g.nl[b].lo })
	return g, nil
}

func parseRange(s string) (codeRange, error) {
	s = strings.TrimSpace(s)
	lo, hi, isRange := strings.Cut(s, "-")
	a, err := strconv.Atoi(lo)
	if err != nil || a < 1000 || a > 9999 {
		return codeRange{}, errors.New("not a four-digit code")
	}
	if !isRange {
		return codeRange{a, a}, nil
	}
	b, err := strconv.Atoi(hi)
	if err != nil || b < a || b > 9999 {
		return codeRange{}, errors.New("not a range of four-digit codes")
	}
	return codeRange{a, b}, nil
}

func (g *Gazetteer) municipality(name, country string) (int, bool) {
	for _, i := range g.byName[analysis.Normalize(name)] {
		if g.entries[i].parent == "" && (country == "" || g.entries[i].country == country) {
			return i, true
		}
	}
	return 0, false
}

func (g *Gazetteer) place(i int, postcode string, approx bool) Place {
	e := &g.entries[i]
	m := e.names[0]
	if e.parent != "" {
		m = e.parent
	}
	if postcode == "" && len(e.codes) > 0 {
		postcode = strconv.Itoa(e.codes[0].lo)
	}
	return Place{Name: e.names[0], Municipality: m, Postcode: postcode, Country: e.country,
		Region: e.region, Point: e.point, Approximate: approx}
}

// placeText splits "3011 AB Rotterdam", "B-9000 Gent", "Gent (9000)" into
// a postcode and a name.
var placeText = regexp.MustCompile(`^(?i)(?:(?:B|NL|BE)\s*-\s*)?(\d{4})(?:\s*([A-Z]{2}))?\b[\s,]*(.*)$|^(.*?)[\s,(]+(\d{4})(?:\s*[A-Z]{2})?\)?$`)

// Resolve resolves a place given as a postcode, a name, or both. Country
// ("BE", "NL" or "") narrows the search. When both a postcode and a name
// are given and they disagree, the postcode wins unless it is unknown.
func (g *Gazetteer) Resolve(text, country string) (Place, error) {
	s := strings.TrimSpace(text)
	if s == "" {
		return Place{}, fmt.Errorf("%w: empty place", ErrUnknownPlace)
	}
	if country != "" && country != "BE" && country != "NL" {
		return Place{}, fmt.Errorf("%w: country %q is not BE or NL", ErrUnknownPlace, country)
	}
	code, name := 0, s
	if m := placeText.FindStringSubmatch(s); m != nil {
		digits := m[1]
		name = m[3]
		if digits == "" {
			digits, name = m[5], m[4]
		}
		code, _ = strconv.Atoi(digits)
	}
	name = strings.Trim(strings.TrimSpace(name), ",()")
	if code != 0 {
		if p, ok := g.byCode(code, country, name); ok {
			return p, nil
		}
	}
	if name != "" {
		if p, ok := g.byNameIn(name, country); ok {
			if code != 0 {
				p.Postcode = strconv.Itoa(code)
			}
			return p, nil
		}
	}
	return Place{}, fmt.Errorf("%w: %q is not a postcode or municipality of Flanders, Brussels, Zeeland or Zuid-Holland that skillsnav knows", ErrUnknownPlace, text)
}

func (g *Gazetteer) byNameIn(name, country string) (Place, bool) {
	k := analysis.Normalize(name)
	var best = -1
	for _, i := range g.byName[k] {
		e := &g.entries[i]
		if country != "" && e.country != country {
			continue
		}
		// Prefer a municipality to a part with the same name.
		if best < 0 || g.entries[best].parent != "" && e.parent == "" {
			best = i
		}
	}
	if best < 0 {
		return Place{}, false
	}
	return g.place(best, "", false), true
}

func (g *Gazetteer) byCode(code int, country, name string) (Place, bool) {
	pc := strconv.Itoa(code)
	// A name that is listed with this code (a part of a municipality)
	// gives the better point.
	if name != "" {
		for _, i := range g.byName[analysis.Normalize(name)] {
			e := &g.entries[i]
			if (country == "" || e.country == country) && e.has(code) {
				return g.place(i, pc, false), true
			}
		}
	}
	var cands []Place
	if country != "NL" {
		if i, ok := g.be[code]; ok {
			cands = append(cands, g.place(i, pc, false))
		} else if i, ok := g.beTen(code); ok {
			cands = append(cands, g.place(i, pc, true))
		}
	}
	if country != "BE" {
		j := sort.Search(len(g.nl), func(j int) bool { return g.nl[j].lo > code })
		for j--; j >= 0; j-- {
			r := g.nl[j]
			if code <= r.hi {
				cands = append(cands, g.place(r.entry, pc, false))
				break
			}
			if code-r.lo > 200 {
				break
			}
		}
	}
	switch len(cands) {
	case 0:
		return Place{}, false
	case 1:
		return cands[0], true
	}
	// The same digits exist in both countries: a name decides, else the
	// exact Belgian code is preferred to an approximate one, else Belgium.
	if name != "" {
		if p, ok := g.byNameIn(name, ""); ok {
			for _, c := range cands {
				if c.Country == p.Country {
					return c, true
				}
			}
		}
	}
	if cands[0].Approximate {
		return cands[1], true
	}
	return cands[0], true
}

// beTen finds the municipality of the nearest listed code below code in
// the same ten, when all listed codes of that ten belong to one
// municipality.
func (g *Gazetteer) beTen(code int) (int, bool) {
	j := sort.SearchInts(g.beCodes, code)
	if j == 0 {
		return 0, false
	}
	below := g.beCodes[j-1]
	if below/10 != code/10 {
		return 0, false
	}
	e := g.be[below]
	for k := j - 2; k >= 0 && g.beCodes[k]/10 == code/10; k-- {
		if g.muni(g.be[g.beCodes[k]]) != g.muni(e) {
			return 0, false
		}
	}
	for k := j; k < len(g.beCodes) && g.beCodes[k]/10 == code/10; k++ {
		if g.muni(g.be[g.beCodes[k]]) != g.muni(e) {
			return 0, false
		}
	}
	return g.muniIndex(e), true
}

func (g *Gazetteer) muni(i int) string {
	if p := g.entries[i].parent; p != "" {
		return p
	}
	return g.entries[i].names[0]
}

func (g *Gazetteer) muniIndex(i int) int {
	if p := g.entries[i].parent; p != "" {
		if m, ok := g.municipality(p, g.entries[i].country); ok {
			return m
		}
	}
	return i
}

func (e *entry) has(code int) bool {
	for _, r := range e.codes {
		if r.lo <= code && code <= r.hi {
			return true
		}
	}
	return false
}
