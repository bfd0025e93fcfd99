package benchmarks

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMatchingQuality builds the ESCO-derived matching set (dev seed),
// ranks it with skillsnav, its ablations and the baselines in both
// directions, logs the table, and fails when skillsnav's nDCG@10 is not
// ahead of every baseline in both directions. The guard on the recorded
// figures is the quick suite's (benchmarks/guard.json).
func TestMatchingQuality(t *testing.T) {
	tx := loadESCO(t)
	if testing.Short() {
		t.Skip("the matching-quality benchmark builds the ESCO similarity model; skipped with -short")
	}
	set, err := NewMatchingSet(tx, DefaultMatchingConfig())
	require.NoError(t, err)
	res, err := EvalMatching(context.Background(), tx, set, MatchingEvalConfig{SimilarityCache: t.TempDir()})
	require.NoError(t, err)
	t.Logf("%d profiles × %d vacancies, %d vacancy queries", len(set.Profiles), len(set.Vacancies), len(set.VacancyQueries))
	for _, r := range res {
		a, b := r.ProfileToVacancies, r.VacancyToProfiles
		t.Logf("%-30s p→v nDCG@10 %.3f MRR %.3f R@20 %.3f | v→p nDCG@10 %.3f MRR %.3f R@20 %.3f",
			r.Method, a.NDCG10, a.MRR, a.Recall20, b.NDCG10, b.MRR, b.Recall20)
	}
	sn := res[0]
	require.Equal(t, KindSkillsnav, sn.Kind)
	for _, r := range res {
		if r.Kind == KindBaseline {
			assert.Greater(t, sn.ProfileToVacancies.NDCG10, r.ProfileToVacancies.NDCG10, "profile → vacancies against %s", r.Method)
			assert.Greater(t, sn.VacancyToProfiles.NDCG10, r.VacancyToProfiles.NDCG10, "vacancy → profiles against %s", r.Method)
		}
	}
}
