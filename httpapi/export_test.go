package httpapi

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/demo"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/matcher"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// DemoToday is the date the test backends take as today.
var DemoToday = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// DemoBackend returns, for the tests of this package and of httpapi_test,
// the starter taxonomy, its extractor, the demo data in an index in
// memory, and a matcher over it, all with DemoToday as today.
func DemoBackend(t testing.TB) Backend {
	t.Helper()
	ctx := context.Background()
	tx, err := starter.Load(taxonomy.DefaultConfig())
	require.NoError(t, err)
	ex, err := extract.New(tx, extract.DefaultConfig())
	require.NoError(t, err)
	icfg := index.DefaultConfig()
	icfg.Extractor, icfg.Now = ex, func() time.Time { return DemoToday }
	ix, err := index.Open(ctx, icfg)
	require.NoError(t, err)
	t.Cleanup(func() { ix.Close() })
	_, err = demo.Load(ctx, ix, DemoToday)
	require.NoError(t, err)
	m, err := matcher.New(ctx, matcher.DefaultConfig(), tx, ix)
	require.NoError(t, err)
	m.SetClock(func() time.Time { return DemoToday })
	return Backend{Taxonomy: tx, Extractor: ex, Index: ix, Matcher: m}
}
