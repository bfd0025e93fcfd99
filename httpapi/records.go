package httpapi

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/index"
)

// plural is the path segment of each record kind.
var plural = map[sn.Kind]string{sn.KindVacancy: "vacancies", sn.KindProfile: "profiles", sn.KindOpportunity: "opportunities"}

// readScope is the scope reading kind k needs ("" for public kinds), and
// writeScope the scope writing it needs.
func readScope(k sn.Kind) Scope {
	if k == sn.KindProfile {
		return ScopeProfilesRead
	}
	return ""
}

func writeScope(k sn.Kind) Scope {
	if k == sn.KindProfile {
		return ScopeProfilesWrite
	}
	return ScopeRecordsWrite
}

func (s *server) recordRoutes(v1 *gin.RouterGroup) {
	for _, k := range sn.Kinds {
		g := v1.Group("/" + plural[k])
		read := []gin.HandlerFunc{}
		if sc := readScope(k); sc != "" {
			read = append(read, requireScope(sc))
		}
		write := requireScope(writeScope(k))
		g.GET("", append(read, s.searchRecords(k))...)
		g.GET("/:id", append(read, s.getRecord(k))...)
		g.POST("", write, s.createRecord(k))
		g.PUT("/:id", write, s.replaceRecord(k))
		g.PATCH("/:id", write, s.patchRecord(k))
		g.DELETE("/:id", write, s.deleteRecord(k))
		g.POST("/import", write, s.importRecords(k))
	}
}

// fail maps an error of the library to its problem document; this is the
// one place where sentinel errors become statuses. Nothing of the
// request (which may hold personal data) is logged.
func (s *server) fail(c *gin.Context, err error) {
	var ve *sn.ValidationError
	switch {
	case errors.As(err, &ve):
		fields := make([]fieldError, len(ve.Fields))
		for i, f := range ve.Fields {
			fields[i] = fieldError{f.Field, f.Reason}
		}
		// A query's parameters are a bad request; a body that is
		// well-formed JSON but invalid is unprocessable.
		status := http.StatusUnprocessableEntity
		if ve.Kind == "query" {
			status = http.StatusBadRequest
		}
		problem(c, status, "validation", "Invalid "+string(ve.Kind), ve.Error(), fields)
	case errors.Is(err, sn.ErrNotFound):
		problem(c, http.StatusNotFound, "not-found", "Not found", err.Error(), nil)
	case errors.Is(err, sn.ErrConflict) && c.GetHeader("If-Match") != "":
		problem(c, http.StatusPreconditionFailed, "stale-version", "Precondition failed", err.Error()+": fetch the record again and retry with its ETag", nil)
	case errors.Is(err, sn.ErrConflict):
		problem(c, http.StatusConflict, "conflict", "Conflict", err.Error(), nil)
	case errors.Is(err, sn.ErrInvalid):
		problem(c, http.StatusBadRequest, "invalid-parameters", "Invalid parameters", err.Error(), nil)
	case errors.Is(err, sn.ErrClosed):
		problem(c, http.StatusServiceUnavailable, "unavailable", "Shutting down", "the store is closed", nil)
	case errors.Is(err, context.DeadlineExceeded):
		problem(c, http.StatusServiceUnavailable, "timeout", "Timed out", "the request took longer than allowed", nil)
	case errors.Is(err, context.Canceled):
		c.Abort() // the client went away
	default:
		s.cfg.Logger.Error("request failed", "route", c.FullPath(), "error", err.Error())
		problem(c, http.StatusInternalServerError, "internal", "Internal error", "the server failed; the error was logged", nil)
	}
}

// etag quotes a version as an entity tag.
func etag(version string) string { return `"` + version + `"` }

// ifMatch returns the version the request's If-Match names: "" for none
// or "*"; ok is false (and the problem written) for a list or a weak tag.
func ifMatch(c *gin.Context) (string, bool) {
	v := strings.TrimSpace(c.GetHeader("If-Match"))
	if v == "" || v == "*" {
		return "", true
	}
	if strings.HasPrefix(v, "W/") || strings.Contains(v, ",") || len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		problem(c, http.StatusBadRequest, "invalid-parameters", "Invalid If-Match", "If-Match must be one strong entity tag, as given in ETag", []fieldError{{"If-Match", "one quoted ETag"}})
		return "", false
	}
	return v[1 : len(v)-1], true
}

func (s *server) writeRecord(c *gin.Context, status int, r sn.Record) {
	c.Header("ETag", etag(r.RecordMeta().Version))
	c.JSON(status, r)
}

// bindRecord decodes a record of kind k from the body. Meta is the
// store's: whatever the body says of it is dropped.
func (s *server) bindRecord(c *gin.Context, k sn.Kind) (sn.Record, bool) {
	r, err := sn.NewRecord(k)
	if err != nil {
		s.fail(c, err)
		return nil, false
	}
	if !s.bindJSON(c, r) {
		return nil, false
	}
	*r.RecordMeta() = sn.Meta{}
	return r, true
}

func newID(k sn.Kind) string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return string(k[0]) + "-" + hex.EncodeToString(b[:])
}

func (s *server) createRecord(k sn.Kind) gin.HandlerFunc {
	return func(c *gin.Context) {
		r, ok := s.bindRecord(c, k)
		if !ok {
			return
		}
		if r.RecordID() == "" {
			setID(r, newID(k))
		}
		if err := s.b.Index.Create(c.Request.Context(), r); err != nil {
			s.fail(c, err)
			return
		}
		c.Header("Location", "/v1/"+plural[k]+"/"+r.RecordID())
		s.writeRecord(c, http.StatusCreated, r)
	}
}

// setID sets the ID of a record.
func setID(r sn.Record, id string) {
	switch r := r.(type) {
	case *sn.Vacancy:
		r.ID = id
	case *sn.Profile:
		r.ID = id
	case *sn.Opportunity:
		r.ID = id
	}
}

func (s *server) getRecord(k sn.Kind) gin.HandlerFunc {
	return func(c *gin.Context) {
		r, err := s.b.Index.Get(c.Request.Context(), k, c.Param("id"))
		if err != nil {
			s.fail(c, err)
			return
		}
		if c.GetHeader("If-None-Match") == etag(r.RecordMeta().Version) {
			c.Header("ETag", etag(r.RecordMeta().Version))
			c.Status(http.StatusNotModified)
			return
		}
		s.writeRecord(c, http.StatusOK, r)
	}
}

// put stores r (replacing the record with its ID) under the request's
// If-Match, and writes it back.
func (s *server) put(c *gin.Context, r sn.Record, version string) {
	r.RecordMeta().Version = version
	if err := s.b.Index.Put(c.Request.Context(), r); err != nil {
		s.fail(c, err)
		return
	}
	s.writeRecord(c, http.StatusOK, r)
}

func (s *server) replaceRecord(k sn.Kind) gin.HandlerFunc {
	return func(c *gin.Context) {
		version, ok := ifMatch(c)
		if !ok {
			return
		}
		r, ok := s.bindRecord(c, k)
		if !ok {
			return
		}
		id := c.Param("id")
		switch r.RecordID() {
		case "":
			setID(r, id)
		case id:
		default:
			problem(c, http.StatusBadRequest, "invalid-parameters", "ID mismatch", fmt.Sprintf("the body's id %q differs from the path's %q", r.RecordID(), id), []fieldError{{"id", "must equal the path's ID"}})
			return
		}
		s.put(c, r, version)
	}
}

// patchRecord applies a JSON merge patch (RFC 7396) to the stored record.
// Without If-Match the version read is the one checked, so a concurrent
// write is never overwritten silently.
func (s *server) patchRecord(k sn.Kind) gin.HandlerFunc {
	return func(c *gin.Context) {
		version, ok := ifMatch(c)
		if !ok {
			return
		}
		var patch map[string]any
		if !s.bindJSON(c, &patch) {
			return
		}
		ctx := c.Request.Context()
		old, err := s.b.Index.Get(ctx, k, c.Param("id"))
		if err != nil {
			s.fail(c, err)
			return
		}
		if version == "" {
			version = old.RecordMeta().Version
		}
		*old.RecordMeta() = sn.Meta{}
		raw, err := json.Marshal(old)
		if err != nil {
			s.fail(c, err)
			return
		}
		var doc map[string]any
		if err := json.Unmarshal(raw, &doc); err != nil {
			s.fail(c, err)
			return
		}
		delete(patch, "meta")
		merged, err := json.Marshal(mergePatch(doc, patch))
		if err != nil {
			s.fail(c, err)
			return
		}
		r, _ := sn.NewRecord(k)
		if err := decodeStrict(bytes.NewReader(merged), r); err != nil {
			problem(c, http.StatusBadRequest, "invalid-json", "Invalid patch", err.Error(), nil)
			return
		}
		if r.RecordID() != c.Param("id") {
			problem(c, http.StatusBadRequest, "invalid-parameters", "ID change", "a patch cannot change the id", []fieldError{{"id", "cannot change"}})
			return
		}
		s.put(c, r, version)
	}
}

// mergePatch applies patch to doc as RFC 7396 says: null removes a member,
// an object merges, anything else replaces.
func mergePatch(doc, patch map[string]any) map[string]any {
	if doc == nil {
		doc = map[string]any{}
	}
	for k, v := range patch {
		switch v := v.(type) {
		case nil:
			delete(doc, k)
		case map[string]any:
			sub, _ := doc[k].(map[string]any)
			doc[k] = mergePatch(sub, v)
		default:
			doc[k] = v
		}
	}
	return doc
}

func (s *server) deleteRecord(k sn.Kind) gin.HandlerFunc {
	return func(c *gin.Context) {
		version, ok := ifMatch(c)
		if !ok {
			return
		}
		if err := s.b.Index.Delete(c.Request.Context(), k, c.Param("id"), version); err != nil {
			s.fail(c, err)
			return
		}
		c.Status(http.StatusNoContent)
	}
}

// importRecords stores the JSON Lines body, reporting each bad line.
func (s *server) importRecords(k sn.Kind) gin.HandlerFunc {
	return func(c *gin.Context) {
		body := http.MaxBytesReader(c.Writer, c.Request.Body, s.cfg.MaxImportBytes)
		rep, err := s.b.Index.Import(c.Request.Context(), k, body, index.ImportOptions{Format: "jsonl"})
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			problem(c, http.StatusRequestEntityTooLarge, "body-too-large", "Body too large", fmt.Sprintf("an import is at most %d bytes; the lines before the limit were imported", s.cfg.MaxImportBytes), nil)
			return
		case err != nil:
			s.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, rep)
	}
}

// searchRecords lists or searches records with the query parameters of
// [index.Query].
func (s *server) searchRecords(k sn.Kind) gin.HandlerFunc {
	return func(c *gin.Context) {
		q := index.Query{Kind: k, Text: c.Query("q"), Lang: c.Query("lang"), Sort: c.Query("sort")}
		list := func(name string) []string {
			if v := c.Query(name); v != "" {
				return strings.Split(v, ",")
			}
			return nil
		}
		q.Skills, q.Occupations, q.Sectors, q.Contracts = list("skills"), list("occupations"), list("sectors"), list("contracts")
		q.Languages, q.TextLangs, q.Types, q.Facets = list("languages"), list("text_langs"), list("types"), list("facets")
		var errs []fieldError
		num := func(name string, dst *float64) {
			if v := c.Query(name); v != "" {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil {
					errs = append(errs, fieldError{name, fmt.Sprintf("%q is not a number", v)})
				}
				*dst = f
			}
		}
		integer := func(name string, dst *int) {
			if v := c.Query(name); v != "" {
				n, err := strconv.Atoi(v)
				if err != nil {
					errs = append(errs, fieldError{name, fmt.Sprintf("%q is not a whole number", v)})
				}
				*dst = n
			}
		}
		integer("from", &q.From)
		integer("size", &q.Size)
		integer("max_education", &q.MaxEducation)
		integer("facet_size", &q.FacetSize)
		near := &index.Near{Place: c.Query("near")}
		num("lat", &near.Lat)
		num("lon", &near.Lon)
		num("radius_km", &near.RadiusKm)
		if near.Place != "" || near.Lat != 0 || near.Lon != 0 || near.RadiusKm != 0 {
			q.Near = near
		}
		for _, d := range []struct {
			name string
			dst  *time.Time
		}{{"posted_after", &q.PostedAfter}, {"posted_before", &q.PostedBefore}} {
			if v := c.Query(d.name); v != "" {
				t, err := time.Parse(time.DateOnly, v)
				if err != nil {
					errs = append(errs, fieldError{d.name, fmt.Sprintf("%q is not a date (YYYY-MM-DD)", v)})
				}
				*d.dst = t
			}
		}
		q.IncludeExpired = c.Query("include_expired") == "true"
		if len(errs) > 0 {
			problem(c, http.StatusBadRequest, "invalid-parameters", "Invalid parameters", errs[0].Detail, errs)
			return
		}
		res, err := s.b.Index.Search(c.Request.Context(), q)
		if err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, res)
	}
}
