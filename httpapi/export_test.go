package httpapi

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/internal/starterenv"
	"github.com/skillsnavigator/skillsnav/matcher"
)

// DemoToday is the date the test backends take as today.
var DemoToday = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// DemoBackend returns, for the tests of this package and of httpapi_test,
// the starter taxonomy, its extractor, the demo data in an index in
// memory, and a matcher over it, all with DemoToday as today.
func DemoBackend(t testing.TB) Backend {
	t.Helper()
	tx, ex, ix := starterenv.Open(t, DemoToday, true)
	m, err := matcher.New(context.Background(), matcher.DefaultConfig(), tx, ix)
	require.NoError(t, err)
	m.SetClock(func() time.Time { return DemoToday })
	return Backend{Taxonomy: tx, Extractor: ex, Index: ix, Matcher: m}
}
