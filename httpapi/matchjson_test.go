package httpapi

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/matcher"
)

// requireSameJSON checks that appendResult writes exactly what
// encoding/json writes for res.
func requireSameJSON(t *testing.T, res *matcher.Result, msg string) {
	t.Helper()
	want, err := json.Marshal(res)
	require.NoError(t, err)
	got, err := appendResult(nil, res, func(r sn.Record) ([]byte, error) { return json.Marshal(r) })
	require.NoError(t, err)
	require.Equal(t, string(want), string(got), msg)
	// The same through the cache, cold and warm.
	var c recordCache
	for range 2 {
		got, err = appendResult(nil, res, c.json)
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), msg)
	}
}

// demoResults ranks vacancies for every demo profile.
func demoResults(t testing.TB) []*matcher.Result {
	t.Helper()
	ctx := context.Background()
	b := DemoBackend(t)
	ix, m := b.Index, b.Matcher
	var out []*matcher.Result
	for r, err := range ix.Scan(ctx, sn.KindProfile) {
		require.NoError(t, err)
		res, err := m.Vacancies(ctx, matcher.Query{ID: r.RecordID(), Size: 20})
		require.NoError(t, err)
		out = append(out, res)
	}
	return out
}

// BenchmarkAppendResult encodes the demo profiles' top 20 vacancies (the
// records from the cache, as when served), with encoding/json as the
// baseline in the same run.
func BenchmarkAppendResult(b *testing.B) {
	rs := demoResults(b)
	var c recordCache
	b.Run("appendResult", func(b *testing.B) {
		var buf []byte
		i := 0
		for b.Loop() {
			buf, _ = appendResult(buf[:0], rs[i%len(rs)], c.json)
			i++
		}
	})
	b.Run("encoding-json-baseline", func(b *testing.B) {
		i := 0
		for b.Loop() {
			_, _ = json.Marshal(rs[i%len(rs)])
			i++
		}
	})
}

// TestAppendResultIsEncodingJSON compares the two encodings on every
// ranking of the demo data, both directions, in two languages, and on a
// result made to hit the edge cases.
func TestAppendResultIsEncodingJSON(t *testing.T) {
	ctx := context.Background()
	b := DemoBackend(t)
	ix, m := b.Index, b.Matcher
	for _, k := range []sn.Kind{sn.KindProfile, sn.KindVacancy} {
		for r, err := range ix.Scan(ctx, k) {
			require.NoError(t, err)
			for _, lang := range []string{"nl", "fr"} {
				q := matcher.Query{ID: r.RecordID(), Size: 20, Lang: lang}
				var res *matcher.Result
				if k == sn.KindProfile {
					res, err = m.Vacancies(ctx, q)
				} else {
					res, err = m.Profiles(ctx, q)
				}
				require.NoError(t, err)
				requireSameJSON(t, res, r.RecordID())
			}
		}
	}
	d, g := 0.0, 1e-7
	odd := &matcher.Result{Took: -3, Matches: []sn.Match{{
		Kind: sn.KindVacancy, ID: "<a href=\"x\">&</a>\u2028\u2029\x00\x1f\t\n\r\b\f\\ é 😀 \xff\xfe", Score: 1e21,
		Components: []sn.Component{{Name: "skills", Weight: -0.0, Value: 1e-7, Points: 123456789.125, Missing: true, Detail: "x"}, {}},
		Matched:    []sn.SkillMatch{{ConceptID: "a", Similarity: 0.5, Via: "v", ViaLabel: "l", Source: "s"}, {}},
		Missing:    []sn.SkillGap{{Partial: 0.25}, {}},
		DistanceKm: &d, Gaps: sn.Gaps{Skills: &g},
		Record: &sn.Vacancy{ID: "v<1>", Title: "Lasser & co"},
	}, {Components: []sn.Component{}, Matched: []sn.SkillMatch{}}}}
	requireSameJSON(t, odd, "edge cases")
	requireSameJSON(t, &matcher.Result{}, "empty")
}

// FuzzAppendString compares appendString with encoding/json on arbitrary
// strings, valid UTF-8 or not.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "<>&", "\u2028\u2029", "\x00\x7f\x80", "é😀", "\xed\xa0\x80", "\"\\/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		require.NoError(t, err)
		require.Equal(t, string(want), string(appendString(nil, s)))
	})
}

// FuzzAppendFloat compares appendFloat with encoding/json on arbitrary
// finite floats.
func FuzzAppendFloat(f *testing.F) {
	for _, x := range []float64{0, math.Copysign(0, -1), 1e-6, 9.99e-7, 1e20, 1e21, -1e-300, math.MaxFloat64, 0.1, 67.6} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		want, err := json.Marshal(x)
		require.NoError(t, err)
		require.Equal(t, string(want), string(appendFloat(nil, x)))
	})
}
