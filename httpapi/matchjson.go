package httpapi

import (
	"encoding/json"
	"hash/fnv"
	"math"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/matcher"
)

// appendResult appends the JSON of res to dst, byte for byte what
// encoding/json writes for it, without reflection: a ranking of 20 with
// explanations and records is 45–60 kB, and encoding it with
// encoding/json took a fifth of a match request's time. record gives the
// JSON of a record (see recordCache). TestAppendResultIsEncodingJSON
// holds the two encodings together.
func appendResult(dst []byte, res *matcher.Result, record func(sn.Record) ([]byte, error)) ([]byte, error) {
	dst = append(dst, `{"matches":`...)
	if res.Matches == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i := range res.Matches {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = appendMatch(dst, &res.Matches[i], record); err != nil {
				return dst, err
			}
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"candidates":`...)
	dst = strconv.AppendInt(dst, int64(res.Candidates), 10)
	dst = append(dst, `,"exhaustive":`...)
	dst = strconv.AppendBool(dst, res.Exhaustive)
	dst = append(dst, `,"reached":`...)
	dst = strconv.AppendInt(dst, int64(res.Reached), 10)
	dst = append(dst, `,"took":`...)
	dst = strconv.AppendInt(dst, int64(res.Took), 10)
	return append(dst, '}'), nil
}

func appendMatch(dst []byte, m *sn.Match, record func(sn.Record) ([]byte, error)) ([]byte, error) {
	dst = append(dst, `{"kind":`...)
	dst = appendString(dst, string(m.Kind))
	dst = append(dst, `,"id":`...)
	dst = appendString(dst, m.ID)
	dst = append(dst, `,"score":`...)
	dst = appendFloat(dst, m.Score)
	dst = append(dst, `,"components":`...)
	dst = appendList(dst, m.Components, func(dst []byte, c *sn.Component) []byte {
		dst = append(dst, `{"name":`...)
		dst = appendString(dst, c.Name)
		dst = append(dst, `,"weight":`...)
		dst = appendFloat(dst, c.Weight)
		dst = append(dst, `,"value":`...)
		dst = appendFloat(dst, c.Value)
		dst = append(dst, `,"points":`...)
		dst = appendFloat(dst, c.Points)
		if c.Missing {
			dst = append(dst, `,"missing":true`...)
		}
		dst = appendNonEmpty(dst, `,"detail":`, c.Detail)
		return append(dst, '}')
	})
	dst = append(dst, `,"matched_skills":`...)
	dst = appendList(dst, m.Matched, func(dst []byte, s *sn.SkillMatch) []byte {
		dst = appendSkillHead(dst, s.ConceptID, s.Label, s.Essential)
		dst = append(dst, `,"credit":`...)
		dst = appendFloat(dst, s.Credit)
		dst = append(dst, `,"how":`...)
		dst = appendString(dst, s.How)
		dst = appendNonEmpty(dst, `,"via":`, s.Via)
		dst = appendNonEmpty(dst, `,"via_label":`, s.ViaLabel)
		dst = appendNonZero(dst, `,"similarity":`, s.Similarity)
		dst = appendNonEmpty(dst, `,"source":`, s.Source)
		return append(dst, '}')
	})
	dst = append(dst, `,"missing_skills":`...)
	dst = appendList(dst, m.Missing, func(dst []byte, s *sn.SkillGap) []byte {
		dst = appendSkillHead(dst, s.ConceptID, s.Label, s.Essential)
		dst = append(dst, `,"importance":`...)
		dst = appendFloat(dst, s.Importance)
		dst = appendNonZero(dst, `,"partial":`, s.Partial)
		return append(dst, '}')
	})
	if m.DistanceKm != nil {
		dst = append(dst, `,"distance_km":`...)
		dst = appendFloat(dst, *m.DistanceKm)
	}
	dst = append(dst, `,"gaps":{"skills":`...)
	dst = appendOptFloat(dst, m.Gaps.Skills)
	dst = append(dst, `,"activities":`...)
	dst = appendOptFloat(dst, m.Gaps.Activities)
	dst = append(dst, `,"jobs":`...)
	dst = appendOptFloat(dst, m.Gaps.Jobs)
	dst = append(dst, '}')
	if m.Record != nil {
		rec, err := record(m.Record)
		if err != nil {
			return dst, err
		}
		dst = append(dst, `,"record":`...)
		dst = append(dst, rec...)
	}
	return append(dst, '}'), nil
}

// appendSkillHead opens the object of a matched or missing skill with the
// fields both have.
func appendSkillHead(dst []byte, id, label string, essential bool) []byte {
	dst = append(dst, `{"concept_id":`...)
	dst = appendString(dst, id)
	dst = append(dst, `,"label":`...)
	dst = appendString(dst, label)
	dst = append(dst, `,"essential":`...)
	return strconv.AppendBool(dst, essential)
}

// appendList appends a JSON array of xs (null when xs is nil), each
// element by f.
func appendList[T any](dst []byte, xs []T, f func([]byte, *T) []byte) []byte {
	if xs == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i := range xs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = f(dst, &xs[i])
	}
	return append(dst, ']')
}

func appendOptFloat(dst []byte, f *float64) []byte {
	if f == nil {
		return append(dst, "null"...)
	}
	return appendFloat(dst, *f)
}

// appendFloat formats f as encoding/json does: like ES6, 'f' unless the
// magnitude is below 1e-6 or from 1e21, then 'e' with a short exponent.
// NaN and infinities, which JSON cannot hold, become null; the matcher
// never produces them.
func appendFloat(dst []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(dst, "null"...)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string, escaped as encoding/json
// escapes it: quotes, backslashes and control characters, the HTML
// characters <, > and &, U+2028 and U+2029, and invalid UTF-8 as U+FFFD.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// recordCache keeps the JSON of the records that rankings returned
// lately, by identity. A record held by the matcher is never changed in
// place (a change replaces it with a new one), so the same pointer always
// encodes the same; a slot holds one record, and a record hashed to a
// taken slot replaces its holder. Safe for concurrent use.
type recordCache struct {
	slots [recordCacheSlots]atomic.Pointer[cachedRecord]
}

// recordCacheSlots: the thousands of records that rankings return in a
// while then mostly keep their own slot (with 4,096 slots, a third of them
// collided and the cache missed half the time under load), and the cache
// holds at most 16,384 encoded records (about 16 MB for vacancies of 1 KB;
// profiles with long CV texts take more).
const recordCacheSlots = 1 << 14

type cachedRecord struct {
	rec  sn.Record
	json []byte
}

// json returns the JSON of rec, as encoding/json writes it.
func (c *recordCache) json(rec sn.Record) ([]byte, error) {
	h := fnv.New32a()
	h.Write([]byte(rec.RecordID()))
	slot := &c.slots[h.Sum32()%recordCacheSlots]
	if e := slot.Load(); e != nil && e.rec == rec {
		return e.json, nil
	}
	js, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	slot.Store(&cachedRecord{rec, js})
	return js, nil
}

// resultBuffers recycles the buffers match results are encoded into.
var resultBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// appendNonEmpty appends key (`,"name":`) and s unless s is empty, as
// omitempty does.
func appendNonEmpty(dst []byte, key, s string) []byte {
	if s == "" {
		return dst
	}
	return appendString(append(dst, key...), s)
}

// appendNonZero appends key (`,"name":`) and x unless x is 0, as
// omitempty does.
func appendNonZero(dst []byte, key string, x float64) []byte {
	if x == 0 {
		return dst
	}
	return appendFloat(append(dst, key...), x)
}
