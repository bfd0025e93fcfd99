package bleveanalyzer_test

import (
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	sa "github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/analysis/bleveanalyzer"
)

func TestIndexUsesTheSameChain(t *testing.T) {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = bleveanalyzer.AnalyzerName(sa.Dutch)
	idx, err := bleve.NewMemOnly(m)
	require.NoError(t, err)
	defer idx.Close()
	require.NoError(t, idx.Index("v1", map[string]any{"title": "Heftruckchauffeur (m/v/x) met VCA"}))
	require.NoError(t, idx.Index("v2", map[string]any{"title": "Verpleegkundige"}))

	for _, q := range []string{"chauffeur", "heftrucks", "Heftruckchauffeurs", "VCA"} {
		mq := bleve.NewMatchQuery(q)
		mq.SetField("title")
		res, err := idx.Search(bleve.NewSearchRequest(mq))
		require.NoError(t, err)
		require.EqualValues(t, 1, res.Total, q)
		assert.Equal(t, "v1", res.Hits[0].ID, q)
	}
}

func TestCustomChainSet(t *testing.T) {
	cfg := sa.DefaultConfig(sa.Dutch)
	cfg.Lexicon = sa.NewLexicon(sa.Dutch, "lijn", "bandwerker")
	ch, err := sa.NewChain(cfg)
	require.NoError(t, err)
	require.NoError(t, bleveanalyzer.Register("test-set", ch))

	m := bleve.NewIndexMapping()
	require.NoError(t, m.AddCustomAnalyzer("nl_custom", map[string]any{"type": bleveanalyzer.TypeName, "chains": "test-set", "lang": "nl"}))
	m.DefaultAnalyzer = "nl_custom"
	idx, err := bleve.NewMemOnly(m)
	require.NoError(t, err)
	defer idx.Close()
	require.NoError(t, idx.Index("x", map[string]any{"t": "lijnbandwerker"}))
	mq := bleve.NewMatchQuery("bandwerker")
	mq.SetField("t")
	res, err := idx.Search(bleve.NewSearchRequest(mq))
	require.NoError(t, err)
	assert.EqualValues(t, 1, res.Total)

	bad := bleve.NewIndexMapping()
	err = bad.AddCustomAnalyzer("x", map[string]any{"type": bleveanalyzer.TypeName, "chains": "nope", "lang": "nl"})
	assert.ErrorContains(t, err, `no chain set "nope"`)
	err = bad.AddCustomAnalyzer("y", map[string]any{"type": bleveanalyzer.TypeName, "lang": "es"})
	assert.ErrorContains(t, err, `"lang" of nl, en, fr or de`)
}
