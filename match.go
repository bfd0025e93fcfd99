package skillsnav

// Match is one ranked result of the matcher with its explanation: the
// score broken down by component (the points add up to Score), the skills
// that matched (exactly or through a related skill) and those missing.
type Match struct {
	Kind Kind   `json:"kind"`
	ID   string `json:"id"`
	// Score is 0–100 and means the same for every query: it is a fixed
	// function of the pair, never rescaled per result list.
	Score      float64     `json:"score"`
	Components []Component `json:"components"`
	// Matched and Missing are the skills of the vacancy (or occupation)
	// side, as the profile covers them.
	Matched []SkillMatch `json:"matched_skills"`
	Missing []SkillGap   `json:"missing_skills"`
	// DistanceKm is set when both sides have a location.
	DistanceKm *float64 `json:"distance_km,omitempty"`
	// Gaps are Skills Navigator's three gaps, each between 0 (none) and 1.
	Gaps Gaps `json:"gaps"`
	// Record is the matched record, when the match is of a stored one.
	Record Record `json:"record,omitempty"`
}

// Component is one part of a score.
type Component struct {
	// Name is "skills", "interest", "distance", "language" or
	// "education".
	Name string `json:"name"`
	// Weight is the component's share of 100 points; Value its fit
	// between 0 and 1; Points = 100 × Weight × Value.
	Weight float64 `json:"weight"`
	Value  float64 `json:"value"`
	Points float64 `json:"points"`
	// Missing is set when one side lacks the data: the component then
	// gives no points, rather than counting unknown as agreement.
	Missing bool   `json:"missing,omitempty"`
	Detail  string `json:"detail,omitempty"`
}

// SkillMatch is a skill of the vacancy that the profile covers.
type SkillMatch struct {
	ConceptID string `json:"concept_id"`
	Label     string `json:"label"`
	Essential bool   `json:"essential"`
	// Credit is between 0 and 1: 1 for the skill itself from a
	// self-declared or certified claim, less for a derived or implied one,
	// and the similarity for a related skill.
	Credit float64 `json:"credit"`
	// How is "exact" or "related"; for a related skill, Via is the
	// profile's skill that gave the credit and Source why they are
	// similar (related, broader, sibling, cooccurrence).
	How        string  `json:"how"`
	Via        string  `json:"via,omitempty"`
	ViaLabel   string  `json:"via_label,omitempty"`
	Similarity float64 `json:"similarity,omitempty"`
	Source     string  `json:"source,omitempty"`
}

// SkillGap is a skill the profile lacks, with its importance (its share
// of the skill score).
type SkillGap struct {
	ConceptID  string  `json:"concept_id"`
	Label      string  `json:"label"`
	Essential  bool    `json:"essential"`
	Importance float64 `json:"importance"`
	// Partial is the credit the profile already has through a related
	// skill, below what counts as a match.
	Partial float64 `json:"partial,omitempty"`
}

// Gaps are the three gaps Skills Navigator reports: skills, interest in
// activities, and interest in jobs. Each is 1 minus the fit, or null when
// a side lacks the data.
type Gaps struct {
	Skills     *float64 `json:"skills"`
	Activities *float64 `json:"activities"`
	Jobs       *float64 `json:"jobs"`
}
