package index

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	sn "github.com/skillsnavigator/skillsnav"
)

// MaxLineBytes is the longest line Import accepts.
const MaxLineBytes = 4 << 20

// ImportOptions configures [Index.Import].
type ImportOptions struct {
	// Format is "jsonl" (default) or "csv" (vacancies only; see
	// [CSVColumns]).
	Format string
	// Progress, when set, is called after every batch.
	Progress func(ImportProgress)
}

// ImportProgress is the state of an import after a batch.
type ImportProgress struct {
	Lines    int   `json:"lines"`
	Imported int   `json:"imported"`
	Failed   int   `json:"failed"`
	Bytes    int64 `json:"bytes"`
}

// LineError is a line that was not imported.
type LineError struct {
	Line   int             `json:"line"`
	ID     string          `json:"id,omitempty"`
	Reason string          `json:"reason"`
	Fields []sn.FieldError `json:"fields,omitempty"`
	err    error
}

// ImportReport says what an import did: every line is either imported or
// listed in Errors.
type ImportReport struct {
	Kind     sn.Kind     `json:"kind"`
	Lines    int         `json:"lines"`
	Imported int         `json:"imported"`
	Failed   int         `json:"failed"`
	Errors   []LineError `json:"errors"`
	Seconds  float64     `json:"seconds"`
	// PerSecond is imported records per second, durable and searchable.
	PerSecond float64 `json:"per_second"`
}

type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

type rawLine struct {
	line int
	rec  sn.Record
	err  *LineError
}

// Import reads records of kind k from r and stores them in batches of
// [Config.BatchSize] (create or replace by ID, as [Index.Put]). A line that
// cannot be read or fails validation is reported with its number and
// reason and the rest is imported. Blank lines are skipped. Import returns
// when every imported record is durable and searchable. An error is
// returned only when reading r or the store fails; the report then covers
// the lines handled so far.
func (ix *Index) Import(ctx context.Context, k sn.Kind, r io.Reader, opts ImportOptions) (*ImportReport, error) {
	start := time.Now()
	s, err := ix.shard(k)
	if err != nil {
		return nil, err
	}
	cr := &countingReader{r: r}
	r = cr
	var next func() ([]rawLine, error)
	switch opts.Format {
	case "", "jsonl", "ndjson":
		next = jsonlReader(k, r, ix.cfg.BatchSize)
	case "csv":
		if k != sn.KindVacancy {
			return nil, fmt.Errorf("%w: CSV import is for vacancies only; use JSON Lines for %s", sn.ErrInvalid, k)
		}
		next, err = csvReader(r, ix.cfg.BatchSize)
		if err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("%w: import format %q (want jsonl or csv)", sn.ErrInvalid, opts.Format)
	}
	rep := &ImportReport{Kind: k, Errors: []LineError{}}
	// Stage 1 (this goroutine): read and prepare a batch in parallel.
	// Stage 2: commit it, while the next batch is prepared.
	type batch struct {
		lines []rawLine
		ops   []*op
		opIdx []int
	}
	batches := make(chan batch, 1)
	commitErr := make(chan error, 1)
	var mu sync.Mutex
	go func() {
		var firstErr error
		for b := range batches {
			if firstErr != nil {
				continue
			}
			res, err := s.commit(ctx, b.ops)
			if err != nil {
				firstErr = err
				continue
			}
			mu.Lock()
			for i, e := range res {
				if e != nil {
					ln := &b.lines[b.opIdx[i]]
					ln.err = lineError(ln.line, b.ops[i].id, e)
				}
			}
			for _, ln := range b.lines {
				rep.Lines++
				if ln.err != nil {
					rep.Failed++
					rep.Errors = append(rep.Errors, *ln.err)
				} else {
					rep.Imported++
				}
			}
			p := ImportProgress{Lines: rep.Lines, Imported: rep.Imported, Failed: rep.Failed, Bytes: cr.n.Load()}
			mu.Unlock()
			if opts.Progress != nil {
				opts.Progress(p)
			}
		}
		commitErr <- firstErr
	}()
	var readErr error
	for {
		if err := ctx.Err(); err != nil {
			readErr = err
			break
		}
		lines, err := next()
		if len(lines) > 0 {
			ix.prepareAll(ctx, lines)
			b := batch{lines: lines}
			for i := range lines {
				if lines[i].err != nil {
					continue
				}
				o, err := newPutOp(lines[i].rec, false)
				if err != nil {
					lines[i].err = lineError(lines[i].line, lines[i].rec.RecordID(), err)
					continue
				}
				b.ops = append(b.ops, o)
				b.opIdx = append(b.opIdx, i)
			}
			batches <- b
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			readErr = err
			break
		}
	}
	close(batches)
	cerr := <-commitErr
	if err := errors.Join(readErr, cerr); err != nil {
		return rep, err
	}
	if err := s.waitIndexed(ctx, s.committed.Load()); err != nil {
		return rep, err
	}
	rep.Seconds = time.Since(start).Seconds()
	if rep.Seconds > 0 {
		rep.PerSecond = float64(rep.Imported) / rep.Seconds
	}
	return rep, nil
}

// prepareAll runs Prepare over the lines on every CPU.
func (ix *Index) prepareAll(ctx context.Context, lines []rawLine) {
	workers := min(runtime.GOMAXPROCS(0), len(lines))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(lines); i += workers {
				ln := &lines[i]
				if ln.err != nil {
					continue
				}
				if err := ix.Prepare(ctx, ln.rec); err != nil {
					ln.err = lineError(ln.line, ln.rec.RecordID(), err)
				}
			}
		}()
	}
	wg.Wait()
}

func lineError(line int, id string, err error) *LineError {
	le := &LineError{Line: line, ID: id, Reason: err.Error(), err: err}
	var ve *sn.ValidationError
	if errors.As(err, &ve) {
		le.Fields = ve.Fields
	}
	return le
}

// jsonlReader returns a function that reads up to n lines at a time.
func jsonlReader(k sn.Kind, r io.Reader, n int) func() ([]rawLine, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	line := 0
	var long []byte
	return func() ([]rawLine, error) {
		var out []rawLine
		for len(out) < n {
			b, err := br.ReadSlice('\n')
			if err == bufio.ErrBufferFull {
				// A long line: collect it, up to MaxLineBytes.
				long = append(long[:0], b...)
				for err == bufio.ErrBufferFull {
					b, err = br.ReadSlice('\n')
					if len(long) <= MaxLineBytes {
						long = append(long, b...)
					}
				}
				b = long
			}
			if len(b) > 0 {
				line++
				if len(b) > MaxLineBytes {
					out = append(out, rawLine{line: line, err: &LineError{Line: line, Reason: fmt.Sprintf("line is longer than %d bytes", MaxLineBytes)}})
				} else if t := bytes.TrimSpace(b); len(t) > 0 {
					out = append(out, decodeLine(k, line, t))
				}
			}
			if err != nil {
				if err == io.EOF {
					return out, io.EOF
				}
				return out, fmt.Errorf("read line %d: %w", line+1, err)
			}
		}
		return out, nil
	}
}

func decodeLine(k sn.Kind, line int, b []byte) rawLine {
	rec, _ := sn.NewRecord(k)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	err := dec.Decode(rec)
	if err == nil && dec.More() {
		err = errors.New("more than one JSON value on the line")
	}
	if err != nil {
		return rawLine{line: line, err: &LineError{Line: line, ID: peekID(b), Reason: describeJSONError(err)}}
	}
	// Meta is the store's: a version given on the line is honoured as an
	// If-Match, timestamps are ignored.
	m := rec.RecordMeta()
	*m = sn.Meta{Version: m.Version}
	return rawLine{line: line, rec: rec}
}

// peekID returns the "id" of a JSON object that failed to decode as a
// record, when it can.
func peekID(b []byte) string {
	var v struct {
		ID any `json:"id"`
	}
	if json.Unmarshal(b, &v) != nil {
		return ""
	}
	if s, ok := v.ID.(string); ok {
		return s
	}
	return ""
}

// describeJSONError turns decoding errors into messages that name the
// field or byte offset.
func describeJSONError(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("malformed JSON at byte %d: %v", se.Offset, se)
	case errors.As(err, &te):
		if te.Field == "" {
			return fmt.Sprintf("the line is a JSON %s, not an object", te.Value)
		}
		return fmt.Sprintf("field %s: a JSON %s cannot be a %s", te.Field, te.Value, te.Type)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "malformed JSON: unexpected end of line"
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "json: unknown field") {
		return "unknown field " + strings.TrimPrefix(msg, "json: unknown field ")
	}
	if strings.Contains(msg, "parsing time") {
		return "a date is not in RFC 3339 form (2026-11-23T00:00:00Z): " + msg
	}
	return strings.TrimPrefix(msg, "json: ")
}

// CSVColumns are the columns of the vacancy CSV format. The first line
// names the columns used (any order, any subset that includes id, title and
// a place or lat/lon). Lists are separated by ";": skills
// "sn:skill:a;sn:skill:b", languages "nl:B2;fr:A2", driving licences
// "B;C". Dates are YYYY-MM-DD or RFC 3339.
var CSVColumns = []string{"id", "title", "description", "lang", "employer", "place", "country", "lat", "lon",
	"sector", "contract", "hours_per_week", "education", "languages", "driving_licence", "skills",
	"optional_skills", "occupation", "activities", "posted", "expires", "source", "url"}

func csvReader(r io.Reader, n int) (func() ([]rawLine, error), error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		return func() ([]rawLine, error) { return nil, io.EOF }, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: CSV header: %v", sn.ErrInvalid, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		known := false
		for _, c := range CSVColumns {
			if c == h {
				known = true
			}
		}
		if !known {
			return nil, fmt.Errorf("%w: CSV line 1, column %d: unknown column %q (known: %s)", sn.ErrInvalid, i+1, h, strings.Join(CSVColumns, ", "))
		}
		if _, dup := col[h]; dup {
			return nil, fmt.Errorf("%w: CSV line 1, column %d: column %q appears twice", sn.ErrInvalid, i+1, h)
		}
		col[h] = i
	}
	for _, req := range []string{"id", "title"} {
		if _, ok := col[req]; !ok {
			return nil, fmt.Errorf("%w: CSV line 1: the header has no %q column", sn.ErrInvalid, req)
		}
	}
	return func() ([]rawLine, error) {
		var out []rawLine
		for len(out) < n {
			fields, err := cr.Read()
			if err == io.EOF {
				return out, io.EOF
			}
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				out = append(out, rawLine{line: pe.StartLine, err: &LineError{Line: pe.StartLine, Reason: "malformed CSV: " + pe.Err.Error()}})
				continue
			}
			if err != nil {
				return out, err
			}
			line, _ := cr.FieldPos(0)
			out = append(out, csvVacancy(line, fields, col))
		}
		return out, nil
	}, nil
}

func csvVacancy(line int, f []string, col map[string]int) rawLine {
	get := func(name string) string {
		if i, ok := col[name]; ok && i < len(f) {
			return strings.TrimSpace(f[i])
		}
		return ""
	}
	v := &sn.Vacancy{ID: get("id"), Title: get("title"), Description: get("description"), Lang: get("lang"),
		Employer: get("employer"), Sector: get("sector"), Contract: get("contract"), Occupation: get("occupation"),
		Source: get("source"), URL: get("url")}
	v.Location = sn.Location{Place: get("place"), Country: get("country")}
	var errs []sn.FieldError
	bad := func(field, format string, args ...any) {
		errs = append(errs, sn.FieldError{Field: field, Reason: fmt.Sprintf(format, args...)})
	}
	num := func(name string) float64 {
		s := get(name)
		if s == "" {
			return 0
		}
		x, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		if err != nil {
			bad(name, "%q is not a number", s)
		}
		return x
	}
	date := func(name string) time.Time {
		s := get(name)
		if s == "" {
			return time.Time{}
		}
		for _, layout := range []string{time.DateOnly, time.RFC3339} {
			if t, err := time.Parse(layout, s); err == nil {
				return t
			}
		}
		bad(name, "%q is not a date (YYYY-MM-DD or RFC 3339)", s)
		return time.Time{}
	}
	list := func(name string) []string {
		var out []string
		for p := range strings.SplitSeq(get(name), ";") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	v.Location.Lat, v.Location.Lon = num("lat"), num("lon")
	v.HoursPerWeek = num("hours_per_week")
	v.Education = int(num("education"))
	v.Posted, v.Expires = date("posted"), date("expires")
	v.DrivingLicence = list("driving_licence")
	v.Activities = list("activities")
	for _, s := range list("skills") {
		v.Skills = append(v.Skills, sn.SkillReq{ConceptID: s, Essential: true})
	}
	for _, s := range list("optional_skills") {
		v.Skills = append(v.Skills, sn.SkillReq{ConceptID: s})
	}
	for _, l := range list("languages") {
		lang, level, _ := strings.Cut(l, ":")
		v.Languages = append(v.Languages, sn.LanguageLevel{Lang: strings.TrimSpace(lang), Level: strings.TrimSpace(level)})
	}
	if len(errs) > 0 {
		return rawLine{line: line, err: &LineError{Line: line, ID: v.ID, Reason: (&sn.ValidationError{Kind: sn.KindVacancy, ID: v.ID, Fields: errs}).Error(), Fields: errs}}
	}
	return rawLine{line: line, rec: v}
}
