package benchmarks

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/benchmarks/eval"
)

func TestGuard(t *testing.T) {
	r := &Results{}
	r.Matching.Methods = []MatchingScores{
		{Method: "skillsnav", Kind: KindSkillsnav, ProfileToVacancies: eval.Summary{NDCG10: 0.60, MRR: 0.9}, VacancyToProfiles: eval.Summary{NDCG10: 0.70, MRR: 0.8}},
		{Method: "bm25", Kind: KindBaseline, ProfileToVacancies: eval.Summary{NDCG10: 0.99}},
	}
	g := &Guard{Tolerance: 0.01, Figures: map[string]float64{
		"matching.profile_to_vacancies.ndcg_at_10": 0.605, // within the tolerance
		"matching.vacancy_to_profiles.ndcg_at_10":  0.72,  // below it
		"titles.test.mrr":                          0.88,  // not measured
	}}
	assert.Equal(t, []string{
		"matching.vacancy_to_profiles.ndcg_at_10: 0.700 is below the recorded 0.720 by more than 0.010",
		"titles.test.mrr: not measured (recorded 0.880)",
	}, g.Check(r))

	path := filepath.Join(t.TempDir(), "guard.json")
	require.NoError(t, (&Guard{Tolerance: 0.02, Figures: r.Figures()}).Write(path))
	back, err := ReadGuard(path)
	require.NoError(t, err)
	assert.Empty(t, back.Check(r))
	assert.Equal(t, 0.6, back.Figures["matching.profile_to_vacancies.ndcg_at_10"])

	for body, want := range map[string]string{
		`{"tolerance": 0.01, "figures": {}}`:               "no figures",
		`{"tolerance": 2, "figures": {"a": 1}}`:            "tolerance 2",
		`{"tolerance": 0.01, "figures": {"a": 1}, "x": 1}`: "unknown field",
	} {
		require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
		_, err := ReadGuard(path)
		require.Error(t, err, body)
		assert.Contains(t, err.Error(), want)
	}
}

// TestCheckedInGuard reads benchmarks/guard.json, the quick suite's
// guard in CI.
func TestCheckedInGuard(t *testing.T) {
	g, err := ReadGuard("guard.json")
	require.NoError(t, err)
	assert.Contains(t, g.Figures, "matching.profile_to_vacancies.ndcg_at_10")
}
