package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/geo"
	"github.com/skillsnavigator/skillsnav/matcher"
)

// matchRequest is the body of every matching route: the subject (a
// stored record by ID, or one sent inline and never stored) and the
// options of the question.
type matchRequest struct {
	Profile   json.RawMessage `json:"profile,omitempty"`
	ProfileID string          `json:"profile_id,omitempty"`
	Vacancy   json.RawMessage `json:"vacancy,omitempty"`
	VacancyID string          `json:"vacancy_id,omitempty"`
	Lang      string          `json:"lang,omitempty"`
	MinScore  float64         `json:"min_score,omitempty"`
	Sectors   []string        `json:"sectors,omitempty"`
	Contracts []string        `json:"contracts,omitempty"`
	// Threshold is the score from which a vacancy counts as a fit, for
	// opportunities and next skills (default 60).
	Threshold float64 `json:"threshold,omitempty"`
	From      int     `json:"from,omitempty"`
	Size      int     `json:"size,omitempty"`
}

func (s *server) matchRoutes(v1 *gin.RouterGroup) {
	v1.POST("/match/vacancies", s.matchProfile("vacancies", func(c *gin.Context, q matcher.Query, r *matchRequest) (any, error) {
		return s.b.Matcher.Vacancies(c.Request.Context(), q)
	}))
	v1.POST("/match/opportunities", s.matchProfile("opportunities", func(c *gin.Context, q matcher.Query, r *matchRequest) (any, error) {
		return s.b.Matcher.Opportunities(c.Request.Context(), q, r.Threshold)
	}))
	v1.POST("/match/occupations", s.matchProfile("occupations", func(c *gin.Context, q matcher.Query, r *matchRequest) (any, error) {
		return s.b.Matcher.Occupations(c.Request.Context(), q)
	}))
	v1.POST("/match/next-skills", s.matchProfile("next-skills", func(c *gin.Context, q matcher.Query, r *matchRequest) (any, error) {
		return s.b.Matcher.NextSkills(c.Request.Context(), q, r.Threshold)
	}))
	v1.POST("/match/gap", s.matchProfile("gap", func(c *gin.Context, q matcher.Query, r *matchRequest) (any, error) {
		if r.VacancyID == "" {
			return nil, invalid("vacancy_id", "vacancy_id is required: the stored vacancy to explain the fit with")
		}
		return s.b.Matcher.Gap(c.Request.Context(), q, r.VacancyID)
	}))
	v1.POST("/match/profiles", requireScope(ScopeProfilesRead), s.matchVacancy)
	v1.GET("/insights/mismatch", requireScope(ScopeProfilesRead), s.mismatch)
}

// invalid is a validation error of a request field.
func invalid(field, reason string) error {
	return &sn.ValidationError{Kind: "request", Fields: []sn.FieldError{{Field: field, Reason: reason}}}
}

// explainLang picks the language of explanations: ?lang=, the body's
// lang, then the first of nl, en, fr and de in Accept-Language; nl by
// default.
func explainLang(c *gin.Context, body string) (string, error) {
	for _, v := range []string{c.Query("lang"), body} {
		if v == "" {
			continue
		}
		switch v = strings.ToLower(v); v {
		case "nl", "en", "fr", "de":
			return v, nil
		}
		return "", invalid("lang", fmt.Sprintf("unsupported language %q: use nl, en, fr or de", v))
	}
	for _, part := range strings.Split(c.GetHeader("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		switch base {
		case "nl", "en", "fr", "de":
			return base, nil
		}
	}
	return "nl", nil
}

// subject resolves the stored or inline record of kind k named by id or
// raw into q. An inline record is decoded strictly and prepared like a
// stored one (places resolved, skills derived), but never stored.
func (s *server) subject(c *gin.Context, k sn.Kind, id string, raw json.RawMessage, q *matcher.Query) error {
	field := string(k)
	switch {
	case id != "" && len(raw) > 0:
		return invalid(field, fmt.Sprintf("give %s or %s_id, not both", field, field))
	case id != "":
		if k == sn.KindProfile && !allowed(c, ScopeProfilesRead) {
			return errWritten
		}
		q.ID = id
		return nil
	case len(raw) == 0 || bytes.Equal(raw, []byte("null")):
		return invalid(field, fmt.Sprintf("%s (inline) or %s_id (stored) is required", field, field))
	}
	r, _ := sn.NewRecord(k)
	if err := decodeStrict(bytes.NewReader(raw), r); err != nil {
		return invalid(field, "not a valid "+field+": "+err.Error())
	}
	if r.RecordID() == "" {
		setID(r, "inline")
	}
	if err := s.b.Index.Prepare(c.Request.Context(), r); err != nil {
		var ve *sn.ValidationError
		if errors.As(err, &ve) {
			for i := range ve.Fields {
				ve.Fields[i].Field = field + "." + ve.Fields[i].Field
			}
		}
		return err
	}
	q.Record = r
	return nil
}

// errWritten says that the problem has been written already.
var errWritten = errors.New("problem written")

// query builds the matcher query of a request.
func (s *server) query(c *gin.Context, r *matchRequest) (matcher.Query, error) {
	lang, err := explainLang(c, r.Lang)
	q := matcher.Query{Lang: lang, MinScore: r.MinScore, Sectors: r.Sectors, Contracts: r.Contracts, From: r.From, Size: r.Size}
	return q, err
}

// matchProfile serves a question about a profile.
func (s *server) matchProfile(question string, ask func(*gin.Context, matcher.Query, *matchRequest) (any, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		var req matchRequest
		if !s.bindJSON(c, &req) {
			return
		}
		q, err := s.query(c, &req)
		if err == nil && (req.Vacancy != nil) {
			err = invalid("vacancy", "this question takes a profile; use vacancy_id to name a vacancy")
		}
		if err == nil {
			err = s.subject(c, sn.KindProfile, req.ProfileID, req.Profile, &q)
		}
		s.answer(c, question, err, func() (any, error) { return ask(c, q, &req) })
	}
}

func (s *server) matchVacancy(c *gin.Context) {
	var req matchRequest
	if !s.bindJSON(c, &req) {
		return
	}
	q, err := s.query(c, &req)
	if err == nil && (req.Profile != nil || req.ProfileID != "") {
		err = invalid("profile", "this question takes a vacancy")
	}
	if err == nil {
		err = s.subject(c, sn.KindVacancy, req.VacancyID, req.Vacancy, &q)
	}
	s.answer(c, "profiles", err, func() (any, error) { return s.b.Matcher.Profiles(c.Request.Context(), q) })
}

// answer runs ask unless err, timing it for the metrics, and writes the
// result or the problem.
func (s *server) answer(c *gin.Context, question string, err error, ask func() (any, error)) {
	if errors.Is(err, errWritten) {
		return
	}
	var res any
	if err == nil {
		start := time.Now()
		res, err = ask()
		s.metrics.matched(question, time.Since(start))
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	if r, ok := res.(*matcher.Result); ok {
		bp := resultBuffers.Get().(*[]byte)
		b, err := appendResult((*bp)[:0], r, s.records.json)
		if err != nil {
			s.fail(c, err)
			return
		}
		c.Data(http.StatusOK, "application/json; charset=utf-8", b)
		if cap(b) <= 1<<20 { // keep no giant buffer
			*bp = b[:0]
			resultBuffers.Put(bp)
		}
		return
	}
	c.JSON(http.StatusOK, res)
}

// mismatch serves regional insight: ?place= (a municipality or postcode)
// or ?lat=&lon=, with radius_km (default 15), size and lang.
func (s *server) mismatch(c *gin.Context) {
	var a matcher.Area
	var errs []fieldError
	a.RadiusKm = 15
	if v := c.Query("radius_km"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || f > 500 {
			errs = append(errs, fieldError{"radius_km", fmt.Sprintf("%q must be a number of km from 0 to 500", v)})
		}
		a.RadiusKm = f
	}
	if place := c.Query("place"); place != "" {
		p, err := geo.Default().Resolve(place, c.Query("country"))
		if err != nil {
			errs = append(errs, fieldError{"place", err.Error()})
		}
		a.Center = p.Point
	} else {
		for _, d := range []struct {
			name string
			dst  *float64
			max  float64
		}{{"lat", &a.Center.Lat, 90}, {"lon", &a.Center.Lon, 180}} {
			f, err := strconv.ParseFloat(c.Query(d.name), 64)
			if err != nil || f < -d.max || f > d.max {
				errs = append(errs, fieldError{d.name, "give place, or lat and lon in degrees"})
			}
			*d.dst = f
		}
	}
	size := 20
	if v := c.Query("size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > s.cfg.MaxLimit {
			errs = append(errs, fieldError{"size", fmt.Sprintf("%q must be a whole number from 1 to %d", v, s.cfg.MaxLimit)})
		}
		size = n
	}
	lang, err := explainLang(c, "")
	if err != nil {
		errs = append(errs, fieldError{"lang", err.Error()})
	}
	if len(errs) > 0 {
		problem(c, http.StatusBadRequest, "invalid-parameters", "Invalid parameters", errs[0].Detail, errs)
		return
	}
	s.answer(c, "mismatch", nil, func() (any, error) { return s.b.Matcher.Mismatch(c.Request.Context(), a, lang, size) })
}
