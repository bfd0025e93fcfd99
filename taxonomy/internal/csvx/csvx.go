// Package csvx reads the CSV files of taxonomy loaders: header-addressed
// columns, transparent gzip, and errors that name the file, line and column.
package csvx

import (
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// Reader reads records by column name.
type Reader struct {
	file   string
	r      *csv.Reader
	cols   map[string]int
	header []string
	rec    []string
	closer io.Closer
}

// New reads the header of a CSV stream. name is used in errors; when it
// ends in ".gz" the stream is decompressed.
func New(name string, r io.Reader) (*Reader, error) {
	var closer io.Closer
	if strings.HasSuffix(name, ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			return nil, &taxonomy.ParseError{File: name, Err: fmt.Errorf("not a gzip file: %w", err)}
		}
		r, closer = gz, gz
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return nil, &taxonomy.ParseError{File: name, Line: 1, Err: errors.New("empty file: no header row")}
		}
		return nil, wrap(name, err)
	}
	x := &Reader{file: name, r: cr, cols: make(map[string]int, len(header)), closer: closer}
	x.header = make([]string, len(header))
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		x.header[i] = h
		x.cols[h] = i
	}
	return x, nil
}

// Close releases the gzip reader, if any. It does not close the stream.
func (x *Reader) Close() error {
	if x.closer != nil {
		return x.closer.Close()
	}
	return nil
}

// File returns the name used in errors.
func (x *Reader) File() string { return x.file }

// Has reports whether the header has column col.
func (x *Reader) Has(col string) bool { _, ok := x.cols[col]; return ok }

// Header returns the column names.
func (x *Reader) Header() []string { return x.header }

// Require returns an error naming the first missing column.
func (x *Reader) Require(cols ...string) error {
	for _, c := range cols {
		if !x.Has(c) {
			return &taxonomy.ParseError{File: x.file, Line: 1, Err: fmt.Errorf("missing column %q (header has %s)", c, strings.Join(x.header, ","))}
		}
	}
	return nil
}

// Next reads the next record. It returns false at the end of the file or
// on error; check Err.
func (x *Reader) Next() (bool, error) {
	rec, err := x.r.Read()
	if err == io.EOF {
		return false, nil
	}
	if err != nil {
		return false, wrap(x.file, err)
	}
	x.rec = rec
	return true, nil
}

// Get returns the trimmed value of column col in the current record, or ""
// when the record is short or the column is absent.
func (x *Reader) Get(col string) string {
	i, ok := x.cols[col]
	if !ok || i >= len(x.rec) {
		return ""
	}
	return strings.TrimSpace(x.rec[i])
}

// Errorf returns a [taxonomy.ParseError] at the position of column col in
// the current record.
func (x *Reader) Errorf(col, format string, args ...any) error {
	line, column := 0, 0
	if i, ok := x.cols[col]; ok && i < len(x.rec) {
		line, column = x.r.FieldPos(i)
	} else {
		line, _ = x.r.FieldPos(0)
	}
	return &taxonomy.ParseError{File: x.file, Line: line, Column: column, Err: fmt.Errorf(format, args...)}
}

// RequireValue returns the value of col or an error when it is empty.
func (x *Reader) RequireValue(col string) (string, error) {
	v := x.Get(col)
	if v == "" {
		return "", x.Errorf(col, "empty %s", col)
	}
	return v, nil
}

func wrap(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &taxonomy.ParseError{File: file, Line: pe.Line, Column: pe.Column, Err: pe.Err}
	}
	return &taxonomy.ParseError{File: file, Err: err}
}

// SplitList splits a list cell on sep, trimming and dropping empty items.
func SplitList(s, sep string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, sep)
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
