package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/demo"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

func TestLoad(t *testing.T) {
	ctx := context.Background()
	tx, err := starter.Load(taxonomy.DefaultConfig())
	require.NoError(t, err)
	ex, err := extract.New(tx, extract.DefaultConfig())
	require.NoError(t, err)
	cfg := index.DefaultConfig()
	cfg.Extractor = ex
	ix, err := index.Open(ctx, cfg)
	require.NoError(t, err)
	defer ix.Close()
	today := time.Date(2027, 3, 1, 15, 0, 0, 0, time.UTC)
	counts, err := demo.Load(ctx, ix, today)
	require.NoError(t, err, "every demo record must be accepted")
	assert.GreaterOrEqual(t, counts[sn.KindVacancy], 300)
	assert.Equal(t, 100, counts[sn.KindProfile])
	assert.Equal(t, 40, counts[sn.KindOpportunity])

	// Dates are shifted: the newest vacancy is posted today and most are
	// open.
	r, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, At: today, Size: 1, Facets: []string{"lang", "sector", "municipality"}})
	require.NoError(t, err)
	assert.Greater(t, r.Total, uint64(250))
	v := r.Hits[0].Record.(*sn.Vacancy)
	assert.Equal(t, "2027-03-01", v.Posted.Format(time.DateOnly))
	langs := map[string]int{}
	for _, f := range r.Facets["lang"] {
		langs[f.Value] = f.Count
	}
	assert.Greater(t, langs["nl"], langs["fr"]+langs["en"], "mostly Dutch")
	assert.Positive(t, langs["fr"])
	assert.Positive(t, langs["en"])

	// Every vacancy ends up with skills and nearly all with an occupation,
	// given or derived.
	withOcc := 0
	for rec, err := range ix.Scan(ctx, sn.KindVacancy) {
		require.NoError(t, err)
		v := rec.(*sn.Vacancy)
		assert.NotEmpty(t, v.Skills, v.ID)
		if v.Occupation != "" {
			withOcc++
		}
	}
	assert.Greater(t, withOcc, counts[sn.KindVacancy]*9/10)
	// Every region has vacancies nearby.
	for _, place := range []string{"Gent", "Antwerpen", "Terneuzen", "Rotterdam"} {
		r, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, At: today, Near: &index.Near{Place: place, RadiusKm: 20}, Size: 1})
		require.NoError(t, err)
		assert.Greater(t, r.Total, uint64(20), place)
	}
}
