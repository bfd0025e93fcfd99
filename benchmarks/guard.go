package benchmarks

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
)

// Guard is the regression guard of the quick suite: the last recorded
// quality figures and how far a run may fall below them. It is checked
// in as benchmarks/guard.json and read by `skillsnav bench --guard`.
type Guard struct {
	// Tolerance is how far below a recorded figure a run may fall.
	Tolerance float64 `json:"tolerance"`
	// Figures maps a figure's name (see [Results.Figures]) to its
	// recorded value.
	Figures map[string]float64 `json:"figures"`
}

// ReadGuard reads a guard file.
func ReadGuard(path string) (*Guard, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var g Guard
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if g.Tolerance < 0 || g.Tolerance > 0.5 {
		return nil, fmt.Errorf("%s: tolerance %v is not between 0 and 0.5", path, g.Tolerance)
	}
	if len(g.Figures) == 0 {
		return nil, fmt.Errorf("%s: no figures", path)
	}
	return &g, nil
}

// Write writes g as indented JSON to path.
func (g *Guard) Write(path string) error {
	r := Guard{Tolerance: g.Tolerance, Figures: map[string]float64{}}
	for k, v := range g.Figures {
		r.Figures[k] = math.Round(v*10000) / 10000
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// Figures names the quality figures of skillsnav in r that the guard
// can hold: matching nDCG@10 and MRR in both directions (and nDCG@10 on
// the matching test set), title MRR and
// Accuracy@1 on the test set, extraction F1 on the test set.
func (r *Results) Figures() map[string]float64 {
	f := map[string]float64{}
	for _, m := range r.Matching.Methods {
		if m.Kind == KindSkillsnav {
			f["matching.profile_to_vacancies.ndcg_at_10"] = m.ProfileToVacancies.NDCG10
			f["matching.profile_to_vacancies.mrr"] = m.ProfileToVacancies.MRR
			f["matching.vacancy_to_profiles.ndcg_at_10"] = m.VacancyToProfiles.NDCG10
			f["matching.vacancy_to_profiles.mrr"] = m.VacancyToProfiles.MRR
		}
	}
	for _, m := range r.Matching.Test {
		if m.Kind == KindSkillsnav {
			f["matching.test.profile_to_vacancies.ndcg_at_10"] = m.ProfileToVacancies.NDCG10
			f["matching.test.vacancy_to_profiles.ndcg_at_10"] = m.VacancyToProfiles.NDCG10
		}
	}
	for _, m := range r.Titles.Methods {
		if m.Kind == KindSkillsnav {
			f["titles.test.mrr"] = m.Test.MRR
			f["titles.test.accuracy_at_1"] = m.Test.Acc1
		}
	}
	for _, m := range r.Extraction.Methods {
		if m.Kind == KindSkillsnav {
			f["extraction.test.f1"] = m.Test.F1
		}
	}
	return f
}

// Check returns one line per guarded figure that r misses: below its
// recorded value by more than the tolerance, or absent from r.
func (g *Guard) Check(r *Results) []string {
	got := r.Figures()
	var names []string
	for name := range g.Figures {
		names = append(names, name)
	}
	slices.Sort(names)
	var out []string
	for _, name := range names {
		want := g.Figures[name]
		v, ok := got[name]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s: not measured (recorded %.3f)", name, want))
		case v < want-g.Tolerance:
			out = append(out, fmt.Sprintf("%s: %.3f is below the recorded %.3f by more than %.3f", name, v, want, g.Tolerance))
		}
	}
	return out
}
