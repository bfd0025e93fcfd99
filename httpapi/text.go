package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// decodeStrict decodes one JSON value from r into v, refusing unknown
// fields and trailing data.
func decodeStrict(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("unexpected data after the JSON value")
	}
	return err
}

// bindJSON decodes the request body into v, rejecting unknown fields,
// trailing data and bodies over the limit, and writes the problem itself.
func (s *server) bindJSON(c *gin.Context, v any) bool {
	err := decodeStrict(http.MaxBytesReader(c.Writer, c.Request.Body, s.cfg.MaxBodyBytes), v)
	if err == nil {
		return true
	}
	var tooBig *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		problem(c, http.StatusRequestEntityTooLarge, "body-too-large", "Body too large", fmt.Sprintf("the request body is larger than %d bytes", s.cfg.MaxBodyBytes), nil)
	case errors.As(err, &typ):
		problem(c, http.StatusBadRequest, "invalid-json", "Invalid JSON", fmt.Sprintf("field %q must be a %s, not a %s", typ.Field, typ.Type, typ.Value), []fieldError{{typ.Field, "wrong type"}})
	case errors.As(err, &syntax):
		problem(c, http.StatusBadRequest, "invalid-json", "Invalid JSON", fmt.Sprintf("malformed JSON at byte %d: %v", syntax.Offset, err), nil)
	case errors.Is(err, io.EOF):
		problem(c, http.StatusBadRequest, "invalid-json", "Invalid JSON", "the request body is empty", nil)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		problem(c, http.StatusBadRequest, "invalid-json", "Invalid JSON", "unknown field "+f, []fieldError{{f, "unknown field"}})
	default:
		problem(c, http.StatusBadRequest, "invalid-json", "Invalid JSON", err.Error(), nil)
	}
	return false
}

// parseLangField parses a language field of a request; "" means any.
func parseLangField(v string) (analysis.Lang, *fieldError) {
	if v == "" {
		return analysis.Any, nil
	}
	l, err := analysis.ParseLang(v)
	if err != nil {
		return "", &fieldError{"lang", fmt.Sprintf("unsupported language %q: use nl, en, fr, de or any", v)}
	}
	return l, nil
}

type extractRequest struct {
	Text string `json:"text"`
	Lang string `json:"lang"`
}

func (s *server) extractText(c *gin.Context) {
	var req extractRequest
	if !s.bindJSON(c, &req) {
		return
	}
	lang, ferr := parseLangField(req.Lang)
	if ferr == nil && strings.TrimSpace(req.Text) == "" {
		ferr = &fieldError{"text", "text is required"}
	}
	if ferr != nil {
		problem(c, http.StatusBadRequest, "invalid-parameters", "Invalid parameters", ferr.Detail, []fieldError{*ferr})
		return
	}
	res := s.b.Extractor.Extract(req.Text, lang)
	c.JSON(http.StatusOK, gin.H{
		"lang": res.Lang, "detected": res.Detected, "mentions": res.Mentions,
		"skills": res.Concepts(taxonomy.KindSkill), "occupations": res.Concepts(taxonomy.KindOccupation),
	})
}

type normalizeRequest struct {
	ID    string `json:"id,omitempty"`
	Title string `json:"title"`
	Lang  string `json:"lang"`
	Kind  string `json:"kind"`
	Limit int    `json:"limit"`
}

// titleQuery validates one normalisation request; field names in errors
// get prefix (for batches).
func (s *server) titleQuery(r normalizeRequest, prefix string) (extract.TitleQuery, []fieldError) {
	var errs []fieldError
	q := extract.TitleQuery{Title: r.Title, Kind: taxonomy.KindOccupation, Limit: r.Limit}
	if strings.TrimSpace(r.Title) == "" {
		errs = append(errs, fieldError{prefix + "title", "title is required"})
	}
	if l, ferr := parseLangField(r.Lang); ferr != nil {
		errs = append(errs, fieldError{prefix + "lang", ferr.Detail})
	} else {
		q.Lang = l
	}
	if r.Kind != "" {
		k, err := taxonomy.ParseKind(r.Kind)
		if err != nil || (k != taxonomy.KindOccupation && k != taxonomy.KindSkill) {
			errs = append(errs, fieldError{prefix + "kind", "kind must be occupation or skill"})
		}
		q.Kind = k
	}
	if r.Limit < 0 || r.Limit > s.cfg.MaxLimit {
		errs = append(errs, fieldError{prefix + "limit", fmt.Sprintf("limit must be from 1 to %d (0 means 10)", s.cfg.MaxLimit)})
	}
	return q, errs
}

func (s *server) normalizeTitle(c *gin.Context) {
	var req normalizeRequest
	if !s.bindJSON(c, &req) {
		return
	}
	q, errs := s.titleQuery(req, "")
	if len(errs) > 0 {
		problem(c, http.StatusBadRequest, "invalid-parameters", "Invalid parameters", errs[0].Detail, errs)
		return
	}
	c.JSON(http.StatusOK, gin.H{"title": req.Title, "clean": analysis.CleanTitle(req.Title), "matches": s.b.Extractor.NormalizeTitle(q)})
}

type normalizeBatchRequest struct {
	Titles []normalizeRequest `json:"titles"`
}

func (s *server) normalizeBatch(c *gin.Context) {
	var req normalizeBatchRequest
	if !s.bindJSON(c, &req) {
		return
	}
	if len(req.Titles) == 0 {
		problem(c, http.StatusBadRequest, "invalid-parameters", "Invalid parameters", "titles is required", []fieldError{{"titles", "at least one title"}})
		return
	}
	if len(req.Titles) > s.cfg.MaxBatch {
		problem(c, http.StatusRequestEntityTooLarge, "batch-too-large", "Batch too large", fmt.Sprintf("%d titles; at most %d per request", len(req.Titles), s.cfg.MaxBatch), []fieldError{{"titles", "too many"}})
		return
	}
	qs := make([]extract.TitleQuery, len(req.Titles))
	var errs []fieldError
	for i, r := range req.Titles {
		q, e := s.titleQuery(r, fmt.Sprintf("titles[%d].", i))
		qs[i], errs = q, append(errs, e...)
	}
	if len(errs) > 0 {
		problem(c, http.StatusBadRequest, "invalid-parameters", "Invalid parameters", errs[0].Detail, errs)
		return
	}
	type result struct {
		ID      string               `json:"id,omitempty"`
		Title   string               `json:"title"`
		Matches []extract.TitleMatch `json:"matches"`
	}
	out := make([]result, len(qs))
	for i, q := range qs {
		out[i] = result{req.Titles[i].ID, req.Titles[i].Title, s.b.Extractor.NormalizeTitle(q)}
	}
	c.JSON(http.StatusOK, gin.H{"results": out})
}
