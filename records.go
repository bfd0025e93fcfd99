// Package skillsnav holds the domain types that the skillsnav packages
// share: the records (Vacancy, Profile, Opportunity), their parts, the
// controlled vocabularies (sectors, contracts, activities, opportunity
// kinds) and the sentinel errors. It depends on nothing but the standard
// library, so every layer (index, matcher, httpapi, cmd) imports it and
// none redefines it.
//
// Records are validated by their Validate methods, which report every
// offending field at once in a [*ValidationError] that wraps [ErrInvalid].
// Places given as text (a postcode or municipality) are resolved to points
// by the geo package before a record is stored; see [Location].
package skillsnav

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Sentinel errors. Packages wrap them with context; callers test with
// errors.Is and httpapi maps them to HTTP statuses in one place.
var (
	// ErrInvalid marks input that fails validation.
	ErrInvalid = errors.New("invalid")
	// ErrNotFound marks an unknown record or concept.
	ErrNotFound = errors.New("not found")
	// ErrConflict marks a write with a stale version, or a create of an ID
	// that exists.
	ErrConflict = errors.New("version conflict")
	// ErrClosed marks use of a closed store or index.
	ErrClosed = errors.New("closed")
)

// FieldError names one offending field of a record and says why.
type FieldError struct {
	// Field is a JSON path such as "skills[2].concept_id".
	Field string `json:"field"`
	// Reason says what is wrong, in English.
	Reason string `json:"reason"`
}

// ValidationError lists every offending field of one record. It wraps
// [ErrInvalid].
type ValidationError struct {
	// Kind is the record kind ("vacancy", "profile", "opportunity").
	Kind Kind `json:"kind"`
	// ID is the record's ID when it has one.
	ID     string       `json:"id,omitempty"`
	Fields []FieldError `json:"fields"`
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("invalid ")
	b.WriteString(string(e.Kind))
	if e.ID != "" {
		fmt.Fprintf(&b, " %q", e.ID)
	}
	for i, f := range e.Fields {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(f.Field)
		b.WriteString(": ")
		b.WriteString(f.Reason)
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// problems collects field errors while a record is validated.
type problems struct{ list []FieldError }

func (p *problems) addf(field, format string, args ...any) {
	p.list = append(p.list, FieldError{Field: field, Reason: fmt.Sprintf(format, args...)})
}

func (p *problems) err(kind Kind, id string) error {
	if len(p.list) == 0 {
		return nil
	}
	return &ValidationError{Kind: kind, ID: id, Fields: p.list}
}

// Kind names a record kind.
type Kind string

// The record kinds.
const (
	KindVacancy     Kind = "vacancy"
	KindProfile     Kind = "profile"
	KindOpportunity Kind = "opportunity"
)

// Kinds lists the record kinds.
var Kinds = []Kind{KindVacancy, KindProfile, KindOpportunity}

// ParseKind accepts a kind in singular or plural ("vacancies").
func ParseKind(s string) (Kind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "vacancy", "vacancies":
		return KindVacancy, nil
	case "profile", "profiles":
		return KindProfile, nil
	case "opportunity", "opportunities":
		return KindOpportunity, nil
	}
	return "", fmt.Errorf("%w: record kind %q (want vacancies, profiles or opportunities)", ErrInvalid, s)
}

// Meta is what the store keeps about every record. Callers never set it:
// the store fills it on every write.
type Meta struct {
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
	// Version is opaque. Pass it back on an update to have a stale write
	// refused with [ErrConflict].
	Version string `json:"version"`
}

// Record is implemented by *Vacancy, *Profile and *Opportunity.
type Record interface {
	// RecordKind reports the kind.
	RecordKind() Kind
	// RecordID reports the ID.
	RecordID() string
	// RecordMeta gives access to the store's metadata.
	RecordMeta() *Meta
	// Validate checks the record, reporting every offending field in a
	// [*ValidationError]. It does not resolve places.
	Validate() error
}

// Location is a place: a point, or a postcode or municipality name that
// the geo package resolves to a point. After resolution Lat and Lon are
// set and Resolved names what matched; a record is never stored with an
// unresolved place, and never with a silent (0,0).
type Location struct {
	// Place is a postcode, a municipality or both ("3011 Rotterdam",
	// "9000", "Terneuzen"). Optional when Lat and Lon are given.
	Place string `json:"place,omitempty"`
	// Country is "BE" or "NL"; optional, it disambiguates Place.
	Country string  `json:"country,omitempty"`
	Lat     float64 `json:"lat,omitempty"`
	Lon     float64 `json:"lon,omitempty"`
	// Municipality and Postcode are filled by resolution.
	Municipality string `json:"municipality,omitempty"`
	Postcode     string `json:"postcode,omitempty"`
}

// HasPoint reports whether the location has coordinates.
func (l Location) HasPoint() bool { return l.Lat != 0 || l.Lon != 0 }

// IsZero reports whether nothing was given.
func (l Location) IsZero() bool { return l == Location{} }

func (l Location) validate(p *problems, field string, required bool) {
	if l.IsZero() {
		if required {
			p.addf(field, "is required (a place such as \"9000 Gent\" or lat/lon)")
		}
		return
	}
	if l.HasPoint() {
		if l.Lat < -90 || l.Lat > 90 {
			p.addf(field+".lat", "%v is not a latitude", l.Lat)
		}
		if l.Lon < -180 || l.Lon > 180 {
			p.addf(field+".lon", "%v is not a longitude", l.Lon)
		}
	} else if strings.TrimSpace(l.Place) == "" {
		p.addf(field, "needs a place or lat/lon")
	}
	if l.Country != "" && l.Country != "BE" && l.Country != "NL" {
		p.addf(field+".country", "%q is not BE or NL", l.Country)
	}
}

// Languages, CEFR levels and education levels.

// LanguageLevel is a language and a CEFR level ("A1" … "C2", or "native").
type LanguageLevel struct {
	// Lang is an ISO 639-1 code such as "nl", "fr", "en", "de", "ar".
	Lang  string `json:"lang"`
	Level string `json:"level,omitempty"`
}

// CEFRLevels lists the accepted language levels, lowest first.
var CEFRLevels = []string{"A1", "A2", "B1", "B2", "C1", "C2", "native"}

// CEFRRank returns the position of a level in [CEFRLevels] plus one, or 0
// for an empty or unknown level.
func CEFRRank(level string) int {
	for i, l := range CEFRLevels {
		if strings.EqualFold(l, level) {
			return i + 1
		}
	}
	return 0
}

var langCode = regexp.MustCompile(`^[a-z]{2}$`)

func validateLanguages(p *problems, field string, ls []LanguageLevel) {
	seen := map[string]bool{}
	for i, l := range ls {
		f := fmt.Sprintf("%s[%d]", field, i)
		if !langCode.MatchString(l.Lang) {
			p.addf(f+".lang", "%q is not a two-letter ISO 639-1 code", l.Lang)
		} else if seen[l.Lang] {
			p.addf(f+".lang", "%q is listed twice", l.Lang)
		}
		seen[l.Lang] = true
		if l.Level != "" && CEFRRank(l.Level) == 0 {
			p.addf(f+".level", "%q is not one of %s", l.Level, strings.Join(CEFRLevels, ", "))
		}
	}
}

func validateEQF(p *problems, field string, v int) {
	if v < 0 || v > 8 {
		p.addf(field, "%d is not an EQF level 1–8 (0 for unspecified)", v)
	}
}

func validateID(p *problems, id string) {
	switch {
	case id == "":
		p.addf("id", "is required")
	case len(id) > 128:
		p.addf("id", "is longer than 128 bytes")
	case strings.ContainsAny(id, "\x00/\\ \t\r\n"):
		p.addf("id", "%q holds a slash, space or control character", id)
	}
}

func validateLang(p *problems, field, lang string, required bool) {
	if lang == "" {
		if required {
			p.addf(field, "is required (nl, en, fr or de)")
		}
		return
	}
	switch lang {
	case "nl", "en", "fr", "de":
	default:
		p.addf(field, "%q is not nl, en, fr or de", lang)
	}
}

func validateConcept(p *problems, field, id string) {
	if strings.TrimSpace(id) == "" {
		p.addf(field, "is empty")
	} else if strings.ContainsAny(id, " \t\r\n") {
		p.addf(field, "%q holds white space", id)
	}
}

func validateVocab(p *problems, field, v string, vocab []string) {
	if v != "" && !slices.Contains(vocab, v) {
		p.addf(field, "%q is not one of %s", v, strings.Join(vocab, ", "))
	}
}

// Sectors is the controlled list of sectors.
var Sectors = []string{
	"agriculture", "care", "cleaning", "construction", "creative", "education",
	"energy", "finance", "hospitality", "ict", "industry", "logistics",
	"port", "public", "retail", "security", "services", "transport",
}

// Contracts is the controlled list of contract types.
var Contracts = []string{
	"permanent", "temporary", "interim", "student", "internship",
	"dual", "apprenticeship", "freelance", "volunteer",
}

// Activities is the controlled list of activity interests (what a person
// likes to do, and what a job asks for most of the day).
var Activities = []string{
	"outdoors", "machines", "people", "data", "creating", "caring",
	"organising", "physical", "driving", "selling",
}

// OpportunityKinds is the controlled list of opportunity kinds.
var OpportunityKinds = []string{
	"training", "internship", "dual", "job_shadowing", "bootcamp", "programme",
}

// SkillSources are the accepted sources of a claimed skill.
var SkillSources = []string{"self", "certified", "derived", "implied"}

// Evidence tells where a derived skill or occupation came from.
type Evidence struct {
	// Field is "title", "description", "cv" or "motivation".
	Field string `json:"field"`
	// Text is the matched span; Start and End are its byte offsets.
	Text       string  `json:"text"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Confidence float64 `json:"confidence"`
	// How says how the label matched, as the extractor reports it.
	How string `json:"how,omitempty"`
}

// SkillReq is a skill a vacancy asks for, or an opportunity teaches or
// needs.
type SkillReq struct {
	ConceptID string `json:"concept_id"`
	// Essential is false for an optional ("nice to have") skill.
	Essential bool `json:"essential"`
	// Level is 1 (basic) to 4 (expert); 0 is unspecified.
	Level int `json:"level,omitempty"`
	// Derived marks a skill found by the extractor rather than given;
	// Implied one that comes from the occupation rather than the text.
	Derived  bool      `json:"derived,omitempty"`
	Implied  bool      `json:"implied,omitempty"`
	Evidence *Evidence `json:"evidence,omitempty"`
}

func validateSkillReqs(p *problems, field string, ss []SkillReq) {
	seen := map[string]bool{}
	for i, s := range ss {
		f := fmt.Sprintf("%s[%d]", field, i)
		validateConcept(p, f+".concept_id", s.ConceptID)
		if seen[s.ConceptID] && s.ConceptID != "" {
			p.addf(f+".concept_id", "%q is listed twice", s.ConceptID)
		}
		seen[s.ConceptID] = true
		if s.Level < 0 || s.Level > 4 {
			p.addf(f+".level", "%d is not 1–4 (0 for unspecified)", s.Level)
		}
	}
}

// Vacancy is a job offer.
type Vacancy struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// Lang is the language of title and description (nl, en, fr, de);
	// detected when empty.
	Lang     string   `json:"lang,omitempty"`
	Employer string   `json:"employer,omitempty"`
	Location Location `json:"location"`
	Sector   string   `json:"sector,omitempty"`
	Contract string   `json:"contract,omitempty"`
	// HoursPerWeek is 0 when unspecified.
	HoursPerWeek float64 `json:"hours_per_week,omitempty"`
	// Education is the required EQF level 1–8; 0 is none.
	Education int             `json:"education,omitempty"`
	Languages []LanguageLevel `json:"languages,omitempty"`
	// DrivingLicence lists required licence categories ("B", "C", "CE").
	DrivingLicence []string   `json:"driving_licence,omitempty"`
	Skills         []SkillReq `json:"skills,omitempty"`
	Occupation     string     `json:"occupation,omitempty"`
	// OccupationDerived marks an occupation found from the title.
	OccupationDerived  bool      `json:"occupation_derived,omitempty"`
	OccupationEvidence *Evidence `json:"occupation_evidence,omitempty"`
	// Activities lists what the job is mostly about, from [Activities].
	Activities []string  `json:"activities,omitempty"`
	Posted     time.Time `json:"posted,omitzero"`
	Expires    time.Time `json:"expires,omitzero"`
	Source     string    `json:"source,omitempty"`
	URL        string    `json:"url,omitempty"`
	Meta       Meta      `json:"meta,omitzero"`
}

// RecordKind implements [Record].
func (v *Vacancy) RecordKind() Kind { return KindVacancy }

// RecordID implements [Record].
func (v *Vacancy) RecordID() string { return v.ID }

// RecordMeta implements [Record].
func (v *Vacancy) RecordMeta() *Meta { return &v.Meta }

// Expired reports whether the vacancy has expired at t.
func (v *Vacancy) Expired(t time.Time) bool { return !v.Expires.IsZero() && v.Expires.Before(t) }

var licenceCode = regexp.MustCompile(`^(AM|A1|A2|A|B|BE|C1|C1E|C|CE|D1|D1E|D|DE|G|T)$`)

// Validate implements [Record].
func (v *Vacancy) Validate() error {
	var p problems
	validateID(&p, v.ID)
	if strings.TrimSpace(v.Title) == "" {
		p.addf("title", "is required")
	}
	validateLang(&p, "lang", v.Lang, false)
	v.Location.validate(&p, "location", true)
	validateVocab(&p, "sector", v.Sector, Sectors)
	validateVocab(&p, "contract", v.Contract, Contracts)
	if v.HoursPerWeek < 0 || v.HoursPerWeek > 60 {
		p.addf("hours_per_week", "%v is not between 0 and 60", v.HoursPerWeek)
	}
	validateEQF(&p, "education", v.Education)
	validateLanguages(&p, "languages", v.Languages)
	for i, l := range v.DrivingLicence {
		if !licenceCode.MatchString(l) {
			p.addf(fmt.Sprintf("driving_licence[%d]", i), "%q is not a European licence category (B, C, CE, …)", l)
		}
	}
	validateSkillReqs(&p, "skills", v.Skills)
	if v.Occupation != "" {
		validateConcept(&p, "occupation", v.Occupation)
	}
	for i, a := range v.Activities {
		validateVocab(&p, fmt.Sprintf("activities[%d]", i), a, Activities)
	}
	if !v.Posted.IsZero() && !v.Expires.IsZero() && v.Expires.Before(v.Posted) {
		p.addf("expires", "%s is before posted %s", v.Expires.Format(time.DateOnly), v.Posted.Format(time.DateOnly))
	}
	return p.err(KindVacancy, v.ID)
}

// ProfileSkill is a skill a person claims.
type ProfileSkill struct {
	ConceptID string `json:"concept_id"`
	// Level is 1 (basic) to 4 (expert); 0 is unspecified.
	Level int `json:"level,omitempty"`
	// Years of experience; 0 is unspecified.
	Years float64 `json:"years,omitempty"`
	// Source is one of [SkillSources]; empty means "self".
	Source   string    `json:"source,omitempty"`
	Evidence *Evidence `json:"evidence,omitempty"`
}

// Interests is what a person would like: activities from [Activities],
// sectors from [Sectors] and occupations (concept IDs).
type Interests struct {
	Activities  []string `json:"activities,omitempty"`
	Sectors     []string `json:"sectors,omitempty"`
	Occupations []string `json:"occupations,omitempty"`
}

// Availability says when and how much a person can work.
type Availability struct {
	From         time.Time `json:"from,omitzero"`
	HoursPerWeek float64   `json:"hours_per_week,omitempty"`
	Contracts    []string  `json:"contracts,omitempty"`
}

// Profile is a job seeker. It is personal data: the store deletes it
// completely on request, from the store of record and from the index.
type Profile struct {
	ID        string          `json:"id"`
	Languages []LanguageLevel `json:"languages,omitempty"`
	Home      Location        `json:"home"`
	// MaxDistanceKm is how far the person can travel (0: no limit given).
	MaxDistanceKm float64 `json:"max_distance_km,omitempty"`
	// MaxTravelMinutes is how long the person can travel one way.
	MaxTravelMinutes int `json:"max_travel_minutes,omitempty"`
	// DrivingLicence lists held licence categories.
	DrivingLicence    []string       `json:"driving_licence,omitempty"`
	Skills            []ProfileSkill `json:"skills,omitempty"`
	PastOccupations   []string       `json:"past_occupations,omitempty"`
	WantedOccupations []string       `json:"wanted_occupations,omitempty"`
	// Education is the highest EQF level reached, 0 if unknown.
	Education    int          `json:"education,omitempty"`
	Interests    Interests    `json:"interests,omitzero"`
	Availability Availability `json:"availability,omitzero"`
	// CV and Motivation are free text, analysed like a vacancy's text.
	CV         string `json:"cv,omitempty"`
	Motivation string `json:"motivation,omitempty"`
	// Lang is the language of CV and Motivation; detected when empty.
	Lang string `json:"lang,omitempty"`
	Meta Meta   `json:"meta,omitzero"`
}

// RecordKind implements [Record].
func (pr *Profile) RecordKind() Kind { return KindProfile }

// RecordID implements [Record].
func (pr *Profile) RecordID() string { return pr.ID }

// RecordMeta implements [Record].
func (pr *Profile) RecordMeta() *Meta { return &pr.Meta }

// Validate implements [Record].
func (pr *Profile) Validate() error {
	var p problems
	validateID(&p, pr.ID)
	validateLanguages(&p, "languages", pr.Languages)
	pr.Home.validate(&p, "home", false)
	if pr.MaxDistanceKm < 0 || pr.MaxDistanceKm > 1000 {
		p.addf("max_distance_km", "%v is not between 0 and 1000", pr.MaxDistanceKm)
	}
	if pr.MaxTravelMinutes < 0 || pr.MaxTravelMinutes > 600 {
		p.addf("max_travel_minutes", "%d is not between 0 and 600", pr.MaxTravelMinutes)
	}
	if (pr.MaxDistanceKm > 0 || pr.MaxTravelMinutes > 0) && pr.Home.IsZero() {
		p.addf("home", "is required when a travel limit is given")
	}
	for i, l := range pr.DrivingLicence {
		if !licenceCode.MatchString(l) {
			p.addf(fmt.Sprintf("driving_licence[%d]", i), "%q is not a European licence category (B, C, CE, …)", l)
		}
	}
	seen := map[string]bool{}
	for i, s := range pr.Skills {
		f := fmt.Sprintf("skills[%d]", i)
		validateConcept(&p, f+".concept_id", s.ConceptID)
		if seen[s.ConceptID] && s.ConceptID != "" {
			p.addf(f+".concept_id", "%q is listed twice", s.ConceptID)
		}
		seen[s.ConceptID] = true
		if s.Level < 0 || s.Level > 4 {
			p.addf(f+".level", "%d is not 1–4 (0 for unspecified)", s.Level)
		}
		if s.Years < 0 || s.Years > 60 {
			p.addf(f+".years", "%v is not between 0 and 60", s.Years)
		}
		validateVocab(&p, f+".source", s.Source, SkillSources)
	}
	for i, o := range pr.PastOccupations {
		validateConcept(&p, fmt.Sprintf("past_occupations[%d]", i), o)
	}
	for i, o := range pr.WantedOccupations {
		validateConcept(&p, fmt.Sprintf("wanted_occupations[%d]", i), o)
	}
	validateEQF(&p, "education", pr.Education)
	for i, a := range pr.Interests.Activities {
		validateVocab(&p, fmt.Sprintf("interests.activities[%d]", i), a, Activities)
	}
	for i, s := range pr.Interests.Sectors {
		validateVocab(&p, fmt.Sprintf("interests.sectors[%d]", i), s, Sectors)
	}
	for i, o := range pr.Interests.Occupations {
		validateConcept(&p, fmt.Sprintf("interests.occupations[%d]", i), o)
	}
	if pr.Availability.HoursPerWeek < 0 || pr.Availability.HoursPerWeek > 60 {
		p.addf("availability.hours_per_week", "%v is not between 0 and 60", pr.Availability.HoursPerWeek)
	}
	for i, c := range pr.Availability.Contracts {
		validateVocab(&p, fmt.Sprintf("availability.contracts[%d]", i), c, Contracts)
	}
	validateLang(&p, "lang", pr.Lang, false)
	return p.err(KindProfile, pr.ID)
}

// TargetGroup says who an opportunity is for. Zero values mean no limit.
type TargetGroup struct {
	MinAge       int `json:"min_age,omitempty"`
	MaxAge       int `json:"max_age,omitempty"`
	MinEducation int `json:"min_education,omitempty"`
	MaxEducation int `json:"max_education,omitempty"`
}

// Opportunity is a chance to learn or to work: a training, an
// internship, a dual-learning place, a job-shadowing day, a bootcamp or an
// employer programme.
type Opportunity struct {
	ID          string `json:"id"`
	Kind        string `json:"kind"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// Lang is the language the opportunity is given in.
	Lang     string    `json:"lang,omitempty"`
	Provider string    `json:"provider,omitempty"`
	Location Location  `json:"location"`
	Sector   string    `json:"sector,omitempty"`
	Start    time.Time `json:"start,omitzero"`
	End      time.Time `json:"end,omitzero"`
	// CostEUR is the price for the participant; 0 is free.
	CostEUR float64 `json:"cost_eur,omitempty"`
	// Teaches lists the skills the opportunity teaches; Requires the
	// skills it needs on entry.
	Teaches     []SkillReq  `json:"teaches,omitempty"`
	Requires    []SkillReq  `json:"requires,omitempty"`
	Occupations []string    `json:"occupations,omitempty"`
	TargetGroup TargetGroup `json:"target_group,omitzero"`
	URL         string      `json:"url,omitempty"`
	Meta        Meta        `json:"meta,omitzero"`
}

// RecordKind implements [Record].
func (o *Opportunity) RecordKind() Kind { return KindOpportunity }

// RecordID implements [Record].
func (o *Opportunity) RecordID() string { return o.ID }

// RecordMeta implements [Record].
func (o *Opportunity) RecordMeta() *Meta { return &o.Meta }

// Validate implements [Record].
func (o *Opportunity) Validate() error {
	var p problems
	validateID(&p, o.ID)
	if o.Kind == "" {
		p.addf("kind", "is required (one of %s)", strings.Join(OpportunityKinds, ", "))
	} else {
		validateVocab(&p, "kind", o.Kind, OpportunityKinds)
	}
	if strings.TrimSpace(o.Title) == "" {
		p.addf("title", "is required")
	}
	validateLang(&p, "lang", o.Lang, false)
	o.Location.validate(&p, "location", true)
	validateVocab(&p, "sector", o.Sector, Sectors)
	if !o.Start.IsZero() && !o.End.IsZero() && o.End.Before(o.Start) {
		p.addf("end", "%s is before start %s", o.End.Format(time.DateOnly), o.Start.Format(time.DateOnly))
	}
	if o.CostEUR < 0 {
		p.addf("cost_eur", "%v is negative", o.CostEUR)
	}
	validateSkillReqs(&p, "teaches", o.Teaches)
	validateSkillReqs(&p, "requires", o.Requires)
	for i, c := range o.Occupations {
		validateConcept(&p, fmt.Sprintf("occupations[%d]", i), c)
	}
	tg := o.TargetGroup
	if tg.MinAge < 0 || tg.MaxAge < 0 || tg.MaxAge > 0 && tg.MaxAge < tg.MinAge {
		p.addf("target_group", "age range %d–%d is not valid", tg.MinAge, tg.MaxAge)
	}
	validateEQF(&p, "target_group.min_education", tg.MinEducation)
	validateEQF(&p, "target_group.max_education", tg.MaxEducation)
	if tg.MaxEducation > 0 && tg.MaxEducation < tg.MinEducation {
		p.addf("target_group.max_education", "%d is below min_education %d", tg.MaxEducation, tg.MinEducation)
	}
	return p.err(KindOpportunity, o.ID)
}

// NewRecord returns a new empty record of the kind.
func NewRecord(k Kind) (Record, error) {
	switch k {
	case KindVacancy:
		return new(Vacancy), nil
	case KindProfile:
		return new(Profile), nil
	case KindOpportunity:
		return new(Opportunity), nil
	}
	return nil, fmt.Errorf("%w: record kind %q", ErrInvalid, k)
}
