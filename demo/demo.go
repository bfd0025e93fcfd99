// Package demo embeds the demo data set that "skillsnav serve" loads when
// no data directory is given: 320 vacancies (mostly Dutch, some French and
// English), 100 job-seeker profiles and 40 learning and work opportunities
// across Gent, Antwerpen, Terneuzen, Rotterdam and their surroundings.
//
// The data is synthetic and written by the project (gen.go, from templates
// and the starter taxonomy). Employers, providers and people are
// fictional; places are real. About half the vacancies carry their skills
// and occupation; the others are left for the extractor to derive, as
// real imports would be.
//
//go:generate go run gen.go
package demo

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/index"
)

var (
	//go:embed vacancies.jsonl
	vacancies []byte
	//go:embed profiles.jsonl
	profiles []byte
	//go:embed opportunities.jsonl
	opportunities []byte
)

// Reference is the date the data was written for. [Records] shifts every
// date by whole days so that the newest posting falls on the given day.
var Reference = time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)

// Counts says how many records of each kind were loaded.
type Counts map[sn.Kind]int

// Records returns the demo records, with dates shifted so that the newest
// vacancy was posted on today's date (so the demo never expires).
func Records(today time.Time) ([]sn.Record, error) {
	shift := today.UTC().Truncate(24 * time.Hour).Sub(Reference).Round(24 * time.Hour)
	var out []sn.Record
	for _, f := range []struct {
		kind sn.Kind
		data []byte
	}{{sn.KindVacancy, vacancies}, {sn.KindProfile, profiles}, {sn.KindOpportunity, opportunities}} {
		sc := bufio.NewScanner(bytes.NewReader(f.data))
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for line := 1; sc.Scan(); line++ {
			r, err := sn.NewRecord(f.kind)
			if err != nil {
				return nil, err
			}
			dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
			dec.DisallowUnknownFields()
			if err := dec.Decode(r); err != nil {
				return nil, fmt.Errorf("demo %s line %d: %w", f.kind, line, err)
			}
			shiftDates(r, shift)
			out = append(out, r)
		}
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func shiftDates(r sn.Record, d time.Duration) {
	add := func(t *time.Time) {
		if !t.IsZero() {
			*t = t.Add(d)
		}
	}
	switch r := r.(type) {
	case *sn.Vacancy:
		add(&r.Posted)
		add(&r.Expires)
	case *sn.Opportunity:
		add(&r.Start)
		add(&r.End)
	}
}

// Load stores the demo records in ix. Every record must be accepted: a
// rejected one is a bug in the data set and is returned as an error.
func Load(ctx context.Context, ix *index.Index, today time.Time) (Counts, error) {
	recs, err := Records(today)
	if err != nil {
		return nil, err
	}
	errs, err := ix.PutAll(ctx, recs)
	if err != nil {
		return nil, err
	}
	counts := Counts{}
	var bad []error
	for i, e := range errs {
		if e != nil {
			bad = append(bad, fmt.Errorf("%s %s: %w", recs[i].RecordKind(), recs[i].RecordID(), e))
			continue
		}
		counts[recs[i].RecordKind()]++
	}
	return counts, errors.Join(bad...)
}
