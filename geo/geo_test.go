package geo

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResolve(t *testing.T) {
	g := Default()
	tests := []struct {
		in, country  string
		name, muni   string
		postcode, cc string
		approx       bool
	}{
		{"9000", "", "Gent", "Gent", "9000", "BE", false},
		{"Gent", "", "Gent", "Gent", "9000", "BE", false},
		{"gand", "", "Gent", "Gent", "9000", "BE", false},
		{"Ghent", "", "Gent", "Gent", "9000", "BE", false},
		{"9000 Gent", "", "Gent", "Gent", "9000", "BE", false},
		{"B-9000 Gent", "", "Gent", "Gent", "9000", "BE", false},
		{"Gent (9000)", "", "Gent", "Gent", "9000", "BE", false},
		{"9030", "", "Mariakerke", "Gent", "9030", "BE", false},
		{"9043", "", "Gent", "Gent", "9043", "BE", true},
		{"Sint-Amandsberg", "", "Sint-Amandsberg", "Gent", "9040", "BE", false},
		{"3011 Rotterdam", "", "Rotterdam", "Rotterdam", "3011", "NL", false},
		{"3011 AB Rotterdam", "", "Rotterdam", "Rotterdam", "3011", "NL", false},
		{"3011ab", "", "Rotterdam", "Rotterdam", "3011", "NL", false},
		{"Rotterdam", "", "Rotterdam", "Rotterdam", "3000", "NL", false},
		{"Terneuzen", "", "Terneuzen", "Terneuzen", "4530", "NL", false},
		{"4531", "", "Terneuzen", "Terneuzen", "4531", "NL", false},
		{"Sas van Gent", "", "Sas van Gent", "Terneuzen", "4551", "NL", false},
		{"2000", "", "Antwerpen", "Antwerpen", "2000", "BE", false},
		{"Anvers", "", "Antwerpen", "Antwerpen", "2000", "BE", false},
		{"2040 Lillo", "", "Berendrecht", "Antwerpen", "2040", "BE", false},
		{"1000 Bruxelles", "", "Brussel", "Brussel", "1000", "BE", false},
		{"Molenbeek-Saint-Jean", "", "Sint-Jans-Molenbeek", "Sint-Jans-Molenbeek", "1080", "BE", false},
		{"Den Haag", "", "'s-Gravenhage", "'s-Gravenhage", "2490", "NL", false},
		{"2514", "", "'s-Gravenhage", "'s-Gravenhage", "2514", "NL", false},
		{"'s-Gravenhage", "", "'s-Gravenhage", "'s-Gravenhage", "2490", "NL", false},
		{"Hellevoetsluis", "", "Voorne aan Zee", "Voorne aan Zee", "3220", "NL", false},
		{"Beveren-Kruibeke-Zwijndrecht", "", "Beveren", "Beveren", "9120", "BE", false},
		{"9120", "", "Beveren", "Beveren", "9120", "BE", false},
		{"Zelzate", "BE", "Zelzate", "Zelzate", "9060", "BE", false},
		{"  Sint-Niklaas ", "", "Sint-Niklaas", "Sint-Niklaas", "9100", "BE", false},
		{"Liège", "", "Liège", "Liège", "4000", "BE", false},
		// 4000 is Liège in Belgium; the Dutch digits 4000 are not listed.
		{"4000", "", "Liège", "Liège", "4000", "BE", false},
		// 3000 is Leuven in Belgium and Rotterdam in the Netherlands.
		{"3000", "", "Leuven", "Leuven", "3000", "BE", false},
		{"3000 Rotterdam", "", "Rotterdam", "Rotterdam", "3000", "NL", false},
		{"3000", "NL", "Rotterdam", "Rotterdam", "3000", "NL", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := g.Resolve(tt.in, tt.country)
			require.NoError(t, err)
			assert.Equal(t, tt.name, p.Name)
			assert.Equal(t, tt.muni, p.Municipality)
			assert.Equal(t, tt.postcode, p.Postcode)
			assert.Equal(t, tt.cc, p.Country)
			assert.Equal(t, tt.approx, p.Approximate)
			assert.True(t, p.Lat > 50 && p.Lat < 53 && p.Lon > 2 && p.Lon < 6.5, "point %v", p.Point)
		})
	}
}

func TestResolveUnknown(t *testing.T) {
	g := Default()
	for _, in := range []string{"", "Atlantis", "0000", "12", "9000 Gent", "Paris", "1234 Nowhere"} {
		if in == "9000 Gent" {
			// Known, but not in the Netherlands.
			_, err := g.Resolve(in, "NL")
			require.ErrorIs(t, err, ErrUnknownPlace, in)
			continue
		}
		_, err := g.Resolve(in, "")
		require.ErrorIs(t, err, ErrUnknownPlace, "%q", in)
	}
	_, err := g.Resolve("Gent", "FR")
	require.ErrorIs(t, err, ErrUnknownPlace)
}

func TestCoverage(t *testing.T) {
	g := Default()
	be := g.Municipalities("BE")
	nl := g.Municipalities("NL")
	// Flanders had 300 municipalities before the 2025 mergers, Brussels
	// has 19, Zeeland 13 and Zuid-Holland 50 (2023).
	count := map[string]int{}
	for _, e := range g.entries {
		if e.parent == "" {
			count[e.region]++
		}
	}
	assert.GreaterOrEqual(t, count["VLG"], 300)
	assert.Equal(t, 19, count["BRU"])
	assert.Equal(t, 13, count["ZL"])
	assert.GreaterOrEqual(t, count["ZH"], 50)
	assert.Greater(t, len(be), 300)
	assert.Greater(t, len(nl), 60)
	// Every municipality resolves by its name and by its first postcode,
	// to itself.
	for _, e := range g.entries {
		if e.parent != "" {
			continue
		}
		for _, n := range e.names {
			p, err := g.Resolve(n, e.country)
			require.NoError(t, err, n)
			if p.Municipality != e.names[0] {
				// A name shared by a part and a municipality resolves to
				// the municipality.
				t.Errorf("%q resolves to %q, want %q", n, p.Municipality, e.names[0])
			}
		}
		code := fmt.Sprint(e.codes[0].lo)
		p, err := g.Resolve(code, e.country)
		require.NoError(t, err, code)
		assert.Equal(t, e.names[0], p.Municipality, "postcode %s", code)
	}
}

func TestNoDuplicateNames(t *testing.T) {
	g := Default()
	for k, is := range g.byName {
		seen := map[string]string{}
		for _, i := range is {
			e := g.entries[i]
			if e.parent != "" {
				continue
			}
			if prev, ok := seen[e.country]; ok {
				t.Errorf("name %q is used by %s and %s", k, prev, e.names[0])
			}
			seen[e.country] = e.names[0]
		}
	}
}

func TestDistance(t *testing.T) {
	g := Default()
	pt := func(s string) Point {
		p, err := g.Resolve(s, "")
		require.NoError(t, err)
		return p.Point
	}
	tests := []struct {
		a, b   string
		lo, hi float64
	}{
		{"Gent", "Antwerpen", 48, 54},
		{"Gent", "Terneuzen", 30, 36},
		{"Antwerpen", "Rotterdam", 72, 80},
		{"Gent", "Gent", 0, 0},
		{"Brussel", "Leuven", 22, 27},
	}
	for _, tt := range tests {
		d := DistanceKm(pt(tt.a), pt(tt.b))
		assert.True(t, d >= tt.lo && d <= tt.hi, "%s–%s: %.1f km", tt.a, tt.b, d)
		assert.InDelta(t, d, DistanceKm(pt(tt.b), pt(tt.a)), 1e-9)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Gent\t9000\t51\t3.7", "line 1: entry before"},
		{"@ XX VLG", "line 1: want"},
		{"@ BE VLG\nGent\t9000\t51", "line 2: want 4 or 5"},
		{"@ BE VLG\nGent\t900\t51\t3.7", "line 2: postcode"},
		{"@ BE VLG\nGent\t9000-8000\t51\t3.7", "line 2: postcode"},
		{"@ BE VLG\nGent\t9000\t0\t0", "line 2: coordinates"},
		{"@ BE VLG\nX\t9030\t51\t3.7\tGent", "line 2: parent \"Gent\""},
		{"@ BE VLG\n|\t9030\t51\t3.7", "line 2: no name"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		require.Error(t, err, tt.in)
		assert.Contains(t, err.Error(), tt.want)
	}
}

func FuzzResolve(f *testing.F) {
	for _, s := range []string{"9000", "3011 AB Rotterdam", "Gent (9000)", "B-9000 Gent", "", "x 1234", "'s-Gravenhage"} {
		f.Add(s)
	}
	g := Default()
	f.Fuzz(func(t *testing.T, s string) {
		p, err := g.Resolve(s, "")
		if err != nil {
			if !errors.Is(err, ErrUnknownPlace) {
				t.Fatalf("%q: %v does not wrap ErrUnknownPlace", s, err)
			}
			return
		}
		if p.Lat == 0 || p.Lon == 0 || p.Municipality == "" {
			t.Fatalf("%q: resolved to %+v", s, p)
		}
	})
}

func FuzzParse(f *testing.F) {
	f.Add(gazetteerText[:2000])
	f.Add("@ BE VLG\nGent|Gand\t9000,9030-9032\t51.05\t3.72\nX\t9031\t51\t3.7\tGent\n")
	f.Fuzz(func(t *testing.T, s string) {
		g, err := Parse(s)
		if err != nil {
			return
		}
		for _, e := range g.entries {
			if len(e.names) == 0 || len(e.codes) == 0 {
				t.Fatalf("entry without names or codes: %+v", e)
			}
			_ = strings.Join(e.names, "")
		}
		_ = analysis.Normalize(s)
	})
}
