package matcher

import (
	"fmt"
	"math"
)

// Weights are the shares of the five score components; they sum to 1.
type Weights struct {
	Skills    float64 `json:"skills"`
	Interest  float64 `json:"interest"`
	Distance  float64 `json:"distance"`
	Language  float64 `json:"language"`
	Education float64 `json:"education"`
}

// Config configures a [Matcher].
type Config struct {
	// Weights of the components. Default skills 0.55, interest 0.15,
	// distance 0.15, language 0.10, education 0.05.
	Weights Weights
	// Essential and Optional weigh a vacancy's skills. Defaults 1, 0.5.
	Essential, Optional float64
	// Derived and Implied scale skills found by the extractor and skills
	// implied by an occupation, on both sides. Defaults 0.8, 0.5.
	Derived, Implied float64
	// DistanceScaleKm is the distance at which the distance fit has
	// fallen to 1/e. Default 20.
	DistanceScaleKm float64
	// MatchCredit is the credit from which a skill counts as matched
	// rather than missing. Default 0.5.
	MatchCredit float64
	// CoverageEmphasis is β of the skill component's F-measure of
	// coverage (how much of the vacancy the person has) and use (how much
	// of the person's skills the vacancy needs): β > 1 weighs coverage
	// more, β = 1 is their harmonic mean. Default 1.
	CoverageEmphasis float64
	// Similarity configures the skill-similarity model.
	Similarity SimilarityConfig
	// Ablation switches parts of the model off, to measure what each
	// contributes. The zero value (the default) switches nothing off.
	Ablation Ablation
	// Parallelism is the most goroutines one ranking query runs on. A
	// query that reads many postings (8,192 or more) in several region
	// cells is split by cell; the result is the same. 1 keeps every query
	// on its caller's goroutine. Default 0: runtime.GOMAXPROCS.
	Parallelism int
}

// Ablation names parts of the scoring model that a benchmark can switch
// off.
type Ablation struct {
	// NoRelatedCredit gives credit for a vacancy's skill only to a person
	// holding that very skill.
	NoRelatedCredit bool
	// NoIDF weighs every skill as if it were equally common.
	NoIDF bool
	// NoImpliedSkills ignores skills implied by an occupation: a past
	// occupation's essential skills for a person, the occupation's skills
	// for a vacancy that names no skills.
	NoImpliedSkills bool
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{
		Weights:   Weights{Skills: 0.55, Interest: 0.15, Distance: 0.15, Language: 0.10, Education: 0.05},
		Essential: 1, Optional: 0.5, Derived: 0.8, Implied: 0.5,
		DistanceScaleKm: 20, MatchCredit: 0.5, CoverageEmphasis: 1,
		Similarity: DefaultSimilarityConfig(),
	}
}

// Validate reports whether c is usable.
func (c Config) Validate() error {
	w := c.Weights
	for name, v := range map[string]float64{"Skills": w.Skills, "Interest": w.Interest, "Distance": w.Distance,
		"Language": w.Language, "Education": w.Education} {
		if v < 0 || v > 1 {
			return fmt.Errorf("%w: Weights.%s %v is not between 0 and 1", ErrInvalidConfig, name, v)
		}
	}
	if sum := w.Skills + w.Interest + w.Distance + w.Language + w.Education; math.Abs(sum-1) > 1e-9 {
		return fmt.Errorf("%w: the weights sum to %v, not 1", ErrInvalidConfig, sum)
	}
	for name, v := range map[string]float64{"Essential": c.Essential, "Optional": c.Optional, "Derived": c.Derived,
		"Implied": c.Implied, "MatchCredit": c.MatchCredit} {
		if v <= 0 || v > 1 {
			return fmt.Errorf("%w: %s %v is not in (0, 1]", ErrInvalidConfig, name, v)
		}
	}
	if c.CoverageEmphasis <= 0 || c.CoverageEmphasis > 10 {
		return fmt.Errorf("%w: CoverageEmphasis %v is not in (0, 10]", ErrInvalidConfig, c.CoverageEmphasis)
	}
	if c.Parallelism < 0 {
		return fmt.Errorf("%w: Parallelism %d is negative", ErrInvalidConfig, c.Parallelism)
	}
	if c.DistanceScaleKm <= 0 {
		return fmt.Errorf("%w: DistanceScaleKm %v is not positive", ErrInvalidConfig, c.DistanceScaleKm)
	}
	return c.Similarity.Validate()
}
