package taxonomy_test

import (
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

var (
	starterOnce sync.Once
	starterTax  *taxonomy.Taxonomy
)

func loadStarter(t testing.TB) *taxonomy.Taxonomy {
	starterOnce.Do(func() {
		var err error
		starterTax, err = starter.Load(taxonomy.DefaultConfig())
		require.NoError(t, err)
	})
	return starterTax
}

func sk(short string) string  { return starter.ID(taxonomy.KindSkill, short) }
func occ(short string) string { return starter.ID(taxonomy.KindOccupation, short) }

// TestLookupStarter checks real queries as counsellors and job seekers type
// them, in four languages, against the starter taxonomy.
func TestLookupStarter(t *testing.T) {
	tx := loadStarter(t)
	cases := []struct {
		text  string
		lang  analysis.Lang
		kind  taxonomy.Kind
		want  string
		how   taxonomy.MatchType // 0: any
		atTop bool
	}{
		{"heftruckchauffeur", "nl", taxonomy.KindOccupation, occ("forklift-driver"), taxonomy.MatchExact, true},
		{"Heftruckchauffeuse", "nl", taxonomy.KindOccupation, occ("forklift-driver"), 0, true},
		{"chauffeur van een heftruck", "nl", taxonomy.KindOccupation, occ("forklift-driver"), 0, true},
		{"heftruk", "nl", taxonomy.KindSkill, sk("forklift"), 0, true},
		{"vorklift", "nl", taxonomy.KindSkill, sk("forklift"), 0, true},
		{"heftrucks bedienen", "nl", taxonomy.KindSkill, sk("forklift"), taxonomy.MatchExact, true},
		{"bedienen van heftrucks", "nl", taxonomy.KindSkill, sk("forklift"), 0, true},
		{"magazijnier", "nl", taxonomy.KindOccupation, occ("warehouse-worker"), taxonomy.MatchExact, true},
		{"Medewerkster logistiek", "nl", taxonomy.KindOccupation, occ("warehouse-worker"), 0, true},
		{"logistiek medewerker", "nl", taxonomy.KindOccupation, occ("warehouse-worker"), 0, true},
		{"poetsvrouw", "nl", taxonomy.KindOccupation, occ("cleaner"), taxonomy.MatchExact, true},
		{"kapster", "nl", taxonomy.KindOccupation, occ("hairdresser"), 0, true},
		{"verpleegster", "nl", taxonomy.KindOccupation, occ("nurse"), 0, true},
		{"technici onderhoud", "nl", taxonomy.KindOccupation, occ("maintenance-technician"), 0, true},
		{"MIG/MAG lassen", "nl", taxonomy.KindSkill, sk("mig-mag"), 0, true},
		{"VCA", "nl", taxonomy.KindSkill, sk("vca"), taxonomy.MatchExact, true},
		{"SAP", "nl", taxonomy.KindSkill, sk("erp"), 0, true},
		{"cariste", "fr", taxonomy.KindOccupation, occ("forklift-driver"), taxonomy.MatchExact, true},
		{"soudeuse", "fr", taxonomy.KindOccupation, occ("welder"), 0, true},
		{"forklift driver", "en", taxonomy.KindOccupation, occ("forklift-driver"), taxonomy.MatchExact, true},
		{"Gabelstaplerfahrerin", "de", taxonomy.KindOccupation, occ("forklift-driver"), 0, true},
		{"Gabelstaplerfahrer", "any", taxonomy.KindOccupation, occ("forklift-driver"), 0, true},
		// A Dutch query finds a concept through its English label.
		{"Python", "nl", taxonomy.KindSkill, sk("python"), 0, true},
	}
	for _, tc := range cases {
		t.Run(tc.text, func(t *testing.T) {
			ms := tx.Lookup(taxonomy.Query{Text: tc.text, Lang: tc.lang, Kinds: []taxonomy.Kind{tc.kind}})
			require.NotEmpty(t, ms, "no match")
			ids := make([]string, len(ms))
			for i, m := range ms {
				ids[i] = m.Concept.ID
			}
			if tc.atTop {
				require.Equal(t, tc.want, ms[0].Concept.ID, "got %v", ids)
			} else {
				require.Contains(t, ids, tc.want)
			}
			if tc.how != 0 {
				assert.Equal(t, tc.how, ms[0].How)
			}
			assert.NotEmpty(t, ms[0].Label.Text, "a match names the label that matched")
			for i := 1; i < len(ms); i++ {
				assert.GreaterOrEqual(t, ms[i-1].Score, ms[i].Score, "sorted by score")
			}
		})
	}
}

func TestAutocomplete(t *testing.T) {
	tx := loadStarter(t)
	for _, tc := range []struct {
		prefix string
		lang   analysis.Lang
		want   string
	}{
		{"heftr", "nl", sk("forklift")},
		{"magazijnm", "nl", occ("warehouse-worker")},
		{"verpleegk", "nl", occ("nurse")},
		{"soud", "fr", sk("welding")},
		{"logistiek med", "nl", occ("warehouse-worker")},
	} {
		ms := tx.Lookup(taxonomy.Query{Text: tc.prefix, Lang: tc.lang, Prefix: true, Limit: 5})
		ids := make([]string, len(ms))
		for i, m := range ms {
			ids[i] = m.Concept.ID
		}
		assert.Contains(t, ids, tc.want, "prefix %q gave %v", tc.prefix, ids)
	}
}

func TestLookupOtherLanguageFallback(t *testing.T) {
	b := taxonomy.NewBuilder(taxonomy.Provenance{Source: "test"})
	for _, c := range []struct{ id, lang, label string }{
		{"s1", "en", "operate reach stacker"},
		{"s2", "nl", "reachstacker onderhouden"},
		{"s2", "en", "maintain reach stacker"},
	} {
		_, err := b.Concept(c.id, taxonomy.KindSkill)
		require.NoError(t, err)
		require.NoError(t, b.AddLabel(c.id, c.lang, taxonomy.Pref, c.label))
	}
	tx, err := b.Build(taxonomy.DefaultConfig())
	require.NoError(t, err)
	ms := tx.Lookup(taxonomy.Query{Text: "operate reach stacker", Lang: "nl"})
	require.NotEmpty(t, ms)
	assert.Equal(t, "s1", ms[0].Concept.ID, "s1 has no Dutch label: its English one must be found")
	assert.Equal(t, "en", ms[0].Label.Lang)
	assert.Greater(t, ms[0].Score, 0.9, "no Dutch label exists, so the English one is hardly penalised")
}

func TestLookupLimitsAndEmpty(t *testing.T) {
	tx := loadStarter(t)
	assert.Empty(t, tx.Lookup(taxonomy.Query{Text: "   "}))
	assert.Empty(t, tx.Lookup(taxonomy.Query{Text: "qqqqqqqq zzzzzz"}))
	assert.Len(t, tx.Lookup(taxonomy.Query{Text: "lassen", Limit: 2, MinScore: 0.01}), 2)
	for _, m := range tx.Lookup(taxonomy.Query{Text: "werken", Lang: "nl", Limit: 50}) {
		assert.LessOrEqual(t, m.Score, 1.0)
		assert.GreaterOrEqual(t, m.Score, taxonomy.DefaultMinScore)
	}
}

// TestLookupConcurrent runs lookups from many goroutines (go test -race).
func TestLookupConcurrent(t *testing.T) {
	tx := loadStarter(t)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				ms := tx.Lookup(taxonomy.Query{Text: "heftruckchauffeur", Lang: "nl", Kinds: []taxonomy.Kind{taxonomy.KindOccupation}})
				if len(ms) == 0 || ms[0].Concept.ID != occ("forklift-driver") {
					t.Error("wrong result under concurrency")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestRelations(t *testing.T) {
	tx := loadStarter(t)
	fd, ok := tx.Concept(occ("forklift-driver"))
	require.True(t, ok)
	var ess, opt []string
	for s, r := range tx.Skills(fd) {
		if r == taxonomy.Essential {
			ess = append(ess, s.ID)
		} else {
			opt = append(opt, s.ID)
		}
	}
	assert.Contains(t, ess, sk("forklift"))
	assert.Contains(t, opt, sk("reach-truck"))
	forklift, _ := tx.Concept(sk("forklift"))
	var occs []string
	for o := range tx.Occupations(forklift) {
		occs = append(occs, o.ID)
	}
	assert.Contains(t, occs, occ("forklift-driver"))
	var rel []string
	for r := range tx.Related(forklift) {
		rel = append(rel, r.ID)
	}
	assert.Contains(t, rel, sk("reach-truck"))
	var groups []string
	for g := range tx.Broader(forklift) {
		groups = append(groups, g.ID)
	}
	assert.Equal(t, []string{starter.ID(taxonomy.KindSkillGroup, "logistics")}, groups)
	assert.Contains(t, forklift.SameAs, "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da")
	teamwork, _ := tx.Concept(sk("teamwork"))
	assert.Equal(t, taxonomy.Transversal, teamwork.SkillType)
	assert.True(t, slices.ContainsFunc(slices.Collect(tx.Collection("transversal")), func(c *taxonomy.Concept) bool { return c == teamwork }))
}

func TestBuilderErrorsAndDrops(t *testing.T) {
	b := taxonomy.NewBuilder(taxonomy.Provenance{Source: "test"})
	_, err := b.Concept("", taxonomy.KindSkill)
	assert.ErrorIs(t, err, taxonomy.ErrInvalid)
	_, err = b.Concept("o1", taxonomy.KindOccupation)
	require.NoError(t, err)
	_, err = b.Concept("o1", taxonomy.KindSkill)
	assert.ErrorContains(t, err, "o1 is a occupation, not a skill")
	assert.ErrorIs(t, b.AddLabel("nope", "nl", taxonomy.Pref, "x"), taxonomy.ErrNotFound)
	assert.ErrorContains(t, b.AddLabel("o1", "", taxonomy.Pref, "x"), "no language")
	require.NoError(t, b.AddLabel("o1", "nl", taxonomy.Pref, "lasser"))
	require.NoError(t, b.AddLabel("o1", "nl", taxonomy.Pref, "lasster"))
	require.NoError(t, b.AddLabel("o1", "nl", taxonomy.Alt, "Lasser"))
	b.AddOccupationSkill("o1", "missing-skill", taxonomy.Essential)
	tx, err := b.Build(taxonomy.DefaultConfig())
	require.NoError(t, err)
	o, _ := tx.Concept("o1")
	assert.Equal(t, "lasser", o.PrefLabel("nl"))
	assert.Equal(t, []string{"lasster"}, o.AltLabels("nl"), "a second preferred label becomes an alternative; duplicates are dropped")
	assert.Equal(t, 1, tx.Report().DroppedRelations)
	assert.Contains(t, tx.Report().Examples[0], "unknown concept missing-skill")
	_, err = tx.MustConcept("zzz")
	assert.ErrorIs(t, err, taxonomy.ErrNotFound)
}

func TestRemoveLabel(t *testing.T) {
	b := taxonomy.NewBuilder(taxonomy.Provenance{Source: "test"})
	_, err := b.Concept("o", taxonomy.KindOccupation)
	require.NoError(t, err)
	require.NoError(t, b.AddLabel("o", "nl", taxonomy.Pref, "lasser"))
	require.NoError(t, b.AddLabel("o", "nl", taxonomy.Alt, "constructiebankwerker"))
	assert.True(t, b.RemoveLabel("o", "nl", "Constructiebankwerker"))
	assert.False(t, b.RemoveLabel("o", "nl", "constructiebankwerker"), "already gone")
	assert.False(t, b.RemoveLabel("x", "nl", "lasser"))
	tx, err := b.Build(taxonomy.DefaultConfig())
	require.NoError(t, err)
	assert.Empty(t, tx.Lookup(taxonomy.Query{Text: "constructiebankwerker", Lang: "nl"}))
}

func TestLabelVariants(t *testing.T) {
	for in, want := range map[string][]string{
		"conducteur de grue/conductrice de grue":  {"conducteur de grue", "conductrice de grue"},
		"Gabelstaplerfahrer/Gabelstaplerfahrerin": {"Gabelstaplerfahrer", "Gabelstaplerfahrerin"},
		"MIG/MAG-lassen":                       {"MIG/MAG-lassen"},
		"TCP/IP":                               {"TCP/IP"},
		"a/b/c":                                {"a/b/c"},
		"lasser":                               {"lasser"},
		"chaudronnier/chaudronnière de cuivre": {"chaudronnier de cuivre", "chaudronnière de cuivre"},
		"Leiter/Leiterin Vertrieb":             {"Leiter Vertrieb", "Leiterin Vertrieb"},
		"maître/maîtresse de chai":             {"maître de chai", "maîtresse de chai"},
	} {
		assert.Equal(t, want, taxonomy.LabelVariants(in), in)
	}
	// A query for one form matches the label fully.
	b := taxonomy.NewBuilder(taxonomy.Provenance{Source: "test"})
	_, err := b.Concept("o", taxonomy.KindOccupation)
	require.NoError(t, err)
	require.NoError(t, b.AddLabel("o", "fr", taxonomy.Pref, "conducteur de grue/conductrice de grue"))
	tx, err := b.Build(taxonomy.DefaultConfig())
	require.NoError(t, err)
	ms := tx.Lookup(taxonomy.Query{Text: "conductrice de grue", Lang: "fr"})
	require.NotEmpty(t, ms)
	assert.Equal(t, taxonomy.MatchExact, ms[0].How)
	assert.Equal(t, "conducteur de grue/conductrice de grue", ms[0].Label.Text, "the label shown is the whole label")
}
