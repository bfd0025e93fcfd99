package source_test

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/source"
)

func TestOpen(t *testing.T) {
	ctx := context.Background()
	for _, spec := range []string{"", "starter", " starter "} {
		tx, err := source.Open(ctx, spec, taxonomy.DefaultConfig())
		require.NoError(t, err, spec)
		assert.Equal(t, "skillsnav-starter", tx.Provenance().Source)
	}
	tx, err := source.Open(ctx, "labels:../labels/testdata/company.csv,../labels/testdata/company-relations.csv", taxonomy.DefaultConfig())
	require.NoError(t, err)
	assert.Equal(t, 2, tx.Stats().OccupationSkills)
	for _, bad := range []string{"esco:", "labels:", "csv:x", "nonsense"} {
		_, err := source.Open(ctx, bad, taxonomy.DefaultConfig())
		assert.ErrorIs(t, err, taxonomy.ErrInvalid, bad)
	}
	assert.True(t, source.IsESCO("esco:/data"))
	assert.False(t, source.IsESCO("starter"))
	if dir := os.Getenv("SKILLSNAV_ESCO_DIR"); dir != "" {
		tx, err := source.Open(ctx, "esco:"+dir, taxonomy.DefaultConfig())
		require.NoError(t, err)
		assert.Equal(t, "esco", tx.Provenance().Source)
	}
}
