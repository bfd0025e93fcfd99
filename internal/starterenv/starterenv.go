// Package starterenv sets up what the tests of several packages run
// against: the embedded starter taxonomy, its extractor, and an index in
// memory, optionally holding the demo data. It is for tests only.
package starterenv

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/demo"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// Open returns the starter taxonomy, its extractor and an index in memory
// (closed when the test ends) whose clock says today, with the demo data
// dated today when withDemo is set.
func Open(t testing.TB, today time.Time, withDemo bool) (*taxonomy.Taxonomy, *extract.Extractor, *index.Index) {
	t.Helper()
	ctx := context.Background()
	tx, err := starter.Load(taxonomy.DefaultConfig())
	require.NoError(t, err)
	ex, err := extract.New(tx, extract.DefaultConfig())
	require.NoError(t, err)
	cfg := index.DefaultConfig()
	cfg.Extractor, cfg.Now = ex, func() time.Time { return today }
	ix, err := index.Open(ctx, cfg)
	require.NoError(t, err)
	t.Cleanup(func() { ix.Close() })
	if withDemo {
		_, err := demo.Load(ctx, ix, today)
		require.NoError(t, err)
	}
	return tx, ex, ix
}
