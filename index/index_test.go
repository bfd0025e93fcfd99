package index_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func open(t testing.TB, dir string, withExtractor bool) *index.Index {
	t.Helper()
	cfg := index.DefaultConfig()
	cfg.Dir = dir
	cfg.Now = func() time.Time { return now }
	cfg.PurgeDelay = -1
	if withExtractor {
		tx, err := starter.Load(taxonomy.DefaultConfig())
		require.NoError(t, err)
		ex, err := extract.New(tx, extract.DefaultConfig())
		require.NoError(t, err)
		cfg.Extractor = ex
	}
	ix, err := index.Open(context.Background(), cfg)
	require.NoError(t, err)
	return ix
}

func vacancy(id, title, place string, skills ...string) *sn.Vacancy {
	v := &sn.Vacancy{ID: id, Title: title, Lang: "nl", Location: sn.Location{Place: place},
		Sector: "logistics", Contract: "permanent", Posted: now.AddDate(0, 0, -3), Expires: now.AddDate(0, 1, 0)}
	for _, s := range skills {
		v.Skills = append(v.Skills, sn.SkillReq{ConceptID: s, Essential: true})
	}
	return v
}

func modes(t *testing.T, f func(t *testing.T, dir string)) {
	t.Run("memory", func(t *testing.T) { f(t, "") })
	t.Run("disk", func(t *testing.T) { f(t, t.TempDir()) })
}

func TestCRUDAndVersions(t *testing.T) {
	modes(t, func(t *testing.T, dir string) {
		ctx := context.Background()
		ix := open(t, dir, false)
		defer ix.Close()
		v := vacancy("v1", "Heftruckchauffeur (m/v/x)", "9000 Gent", "sn:skill:forklift")
		require.NoError(t, ix.Create(ctx, v))
		assert.NotEmpty(t, v.Meta.Version)
		assert.Equal(t, now, v.Meta.Created)
		assert.InDelta(t, 51.05, v.Location.Lat, 0.01)
		assert.Equal(t, "Gent", v.Location.Municipality)

		got, err := ix.Vacancy(ctx, "v1")
		require.NoError(t, err)
		assert.Equal(t, v.Title, got.Title)
		assert.Equal(t, v.Meta.Version, got.Meta.Version)

		// Create of an existing ID conflicts.
		err = ix.Create(ctx, vacancy("v1", "x", "Gent"))
		require.ErrorIs(t, err, sn.ErrConflict)

		// Update with the right version works and changes it.
		got.Title = "Heftruckchauffeur nachtploeg"
		old := got.Meta.Version
		require.NoError(t, ix.Put(ctx, got))
		assert.NotEqual(t, old, got.Meta.Version)

		// A stale version is refused, and nothing is lost.
		stale := vacancy("v1", "stale", "Gent")
		stale.Meta.Version = old
		err = ix.Put(ctx, stale)
		require.ErrorIs(t, err, sn.ErrConflict)
		assert.Contains(t, err.Error(), old)
		cur, err := ix.Vacancy(ctx, "v1")
		require.NoError(t, err)
		assert.Equal(t, "Heftruckchauffeur nachtploeg", cur.Title)

		// Delete with a stale version is refused; with the right one works.
		require.ErrorIs(t, ix.Delete(ctx, sn.KindVacancy, "v1", old), sn.ErrConflict)
		require.NoError(t, ix.Delete(ctx, sn.KindVacancy, "v1", cur.Meta.Version))
		_, err = ix.Vacancy(ctx, "v1")
		require.ErrorIs(t, err, sn.ErrNotFound)
		require.ErrorIs(t, ix.Delete(ctx, sn.KindVacancy, "v1", ""), sn.ErrNotFound)
		n, err := ix.Count(sn.KindVacancy)
		require.NoError(t, err)
		assert.Zero(t, n)
	})
}

func TestValidationErrorsNameFields(t *testing.T) {
	ix := open(t, "", true)
	defer ix.Close()
	ctx := context.Background()
	v := vacancy("v1", "Lasser", "Atlantis", "sn:skill:no-such-skill")
	v.Education = 12
	err := ix.Put(ctx, v)
	require.ErrorIs(t, err, sn.ErrInvalid)
	var ve *sn.ValidationError
	require.True(t, errors.As(err, &ve))
	assert.Equal(t, "education", ve.Fields[0].Field)
	v.Education = 3
	err = ix.Put(ctx, v)
	require.True(t, errors.As(err, &ve))
	fields := map[string]string{}
	for _, f := range ve.Fields {
		fields[f.Field] = f.Reason
	}
	assert.Contains(t, fields["location.place"], "Atlantis")
	assert.Contains(t, fields["skills[0].concept_id"], "not in the taxonomy")
	_, err = ix.Vacancy(ctx, "v1")
	require.ErrorIs(t, err, sn.ErrNotFound, "an invalid record is not stored")
}

func TestDerivation(t *testing.T) {
	ix := open(t, "", true)
	defer ix.Close()
	ctx := context.Background()
	v := &sn.Vacancy{ID: "v1", Title: "Heftruckchauffeur (m/v/x)", Description: "Je hebt een rijbewijs C en een VCA-attest. Ervaring met het laden en lossen van vrachtwagens.",
		Location: sn.Location{Place: "Antwerpen"}}
	require.NoError(t, ix.Put(ctx, v))
	assert.Equal(t, "nl", v.Lang)
	assert.True(t, v.OccupationDerived)
	assert.NotEmpty(t, v.Occupation)
	require.NotEmpty(t, v.Skills)
	for _, s := range v.Skills {
		assert.True(t, s.Derived)
		require.NotNil(t, s.Evidence, s.ConceptID)
		assert.NotEmpty(t, s.Evidence.Text)
		txt := v.Title
		if s.Evidence.Field == "description" {
			txt = v.Description
		}
		assert.Equal(t, s.Evidence.Text, txt[s.Evidence.Start:s.Evidence.End])
	}

	p := &sn.Profile{ID: "p1", CV: "Ik heb drie jaar als magazijnier gewerkt en kan een heftruck besturen. Geen ervaring met lassen.",
		Home: sn.Location{Place: "9040"}, MaxDistanceKm: 20}
	require.NoError(t, ix.Put(ctx, p))
	require.NotEmpty(t, p.Skills)
	for _, s := range p.Skills {
		assert.Equal(t, "derived", s.Source)
		assert.NotContains(t, s.ConceptID, "weld", "a negated skill is not claimed")
	}
	assert.Equal(t, "Gent", p.Home.Municipality)
}

func TestSearch(t *testing.T) {
	modes(t, func(t *testing.T, dir string) {
		ctx := context.Background()
		ix := open(t, dir, true)
		defer ix.Close()
		recs := []*sn.Vacancy{
			vacancy("v1", "Heftruckchauffeur", "9000 Gent", "sn:skill:forklift"),
			vacancy("v2", "Magazijnmedewerker", "Antwerpen", "sn:skill:forklift", "sn:skill:order-picking"),
			vacancy("v3", "Lasser MIG/MAG", "Terneuzen"),
			vacancy("v4", "Cariste", "Gent"),
			vacancy("v5", "Heftruckchauffeur expired", "Gent"),
		}
		recs[2].Sector = "industry"
		recs[3].Lang = "fr"
		recs[3].Description = "Nous cherchons un cariste pour notre entrepôt."
		recs[4].Expires = now.AddDate(0, 0, -1)
		recs[4].Posted = now.AddDate(0, -2, 0)
		for _, v := range recs {
			require.NoError(t, ix.Put(ctx, v))
		}
		ids := func(r *index.Result) []string {
			var out []string
			for _, h := range r.Hits {
				out = append(out, h.ID)
			}
			return out
		}
		r, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Text: "heftruckchauffeur"})
		require.NoError(t, err)
		assert.Contains(t, ids(r), "v1")
		assert.NotContains(t, ids(r), "v5", "expired vacancies are excluded by default")
		// The compound part finds the vacancy too.
		r, err = ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Text: "chauffeur"})
		require.NoError(t, err)
		assert.Contains(t, ids(r), "v1")
		r, err = ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Text: "heftruckchauffeur", IncludeExpired: true})
		require.NoError(t, err)
		assert.Contains(t, ids(r), "v5")

		// Distance: Terneuzen is about 33 km from Gent.
		r, err = ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Near: &index.Near{Place: "Gent", RadiusKm: 25}, Sort: "distance"})
		require.NoError(t, err)
		assert.ElementsMatch(t, []string{"v1", "v4"}, ids(r))
		require.NotNil(t, r.Hits[0].DistanceKm)
		r, err = ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Near: &index.Near{Place: "Gent", RadiusKm: 40}, Sort: "distance"})
		require.NoError(t, err)
		assert.Equal(t, []string{"v1", "v4", "v3"}, ids(r)[:3])

		// Skills and facets.
		r, err = ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Skills: []string{"sn:skill:forklift", "sn:skill:order-picking"}, Facets: []string{"sector", "municipality"}})
		require.NoError(t, err)
		// v4 ("Cariste") has the forklift skill derived from its title.
		assert.Equal(t, []string{"v2", "v1", "v4"}, ids(r))
		assert.Equal(t, []index.FacetValue{{Value: "logistics", Count: 3}}, r.Facets["sector"])

		r, err = ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Sectors: []string{"industry"}})
		require.NoError(t, err)
		assert.Equal(t, []string{"v3"}, ids(r))
		assert.EqualValues(t, 1, r.Total)

		// Pagination over a stable order.
		r1, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Size: 2})
		require.NoError(t, err)
		r2, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Size: 2, From: 2})
		require.NoError(t, err)
		assert.EqualValues(t, 4, r1.Total)
		assert.Len(t, append(ids(r1), ids(r2)...), 4)
		assert.NotContains(t, ids(r2), ids(r1)[0])

		// Bad queries name the field.
		_, err = ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Near: &index.Near{Place: "Atlantis", RadiusKm: 5}})
		require.ErrorIs(t, err, sn.ErrInvalid)
		assert.Contains(t, err.Error(), "near.place")
		_, err = ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Facets: []string{"salary"}})
		assert.Contains(t, err.Error(), "facets[0]")
	})
}

func TestCrossLanguageSearch(t *testing.T) {
	ctx := context.Background()
	ix := open(t, "", true)
	defer ix.Close()
	v := &sn.Vacancy{ID: "v1", Title: "Heftruckchauffeur", Description: "Je bedient een heftruck in ons magazijn.", Lang: "nl", Location: sn.Location{Place: "Gent"}}
	require.NoError(t, ix.Put(ctx, v))
	require.NoError(t, ix.Put(ctx, &sn.Vacancy{ID: "v2", Title: "Boekhouder", Lang: "nl", Location: sn.Location{Place: "Gent"}}))
	// French and English queries find the Dutch vacancy through concepts.
	for _, q := range []string{"cariste", "forklift driver"} {
		r, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Text: q})
		require.NoError(t, err)
		require.NotEmpty(t, r.Hits, q)
		assert.Equal(t, "v1", r.Hits[0].ID, q)
	}
}

func TestRestartKeepsEverything(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	ix := open(t, dir, false)
	for i := range 50 {
		require.NoError(t, ix.Put(ctx, vacancy(fmt.Sprintf("v%02d", i), "Heftruckchauffeur", "Gent", "sn:skill:forklift")))
	}
	require.NoError(t, ix.Delete(ctx, sn.KindVacancy, "v07", ""))
	require.NoError(t, ix.Close())

	ix = open(t, dir, false)
	defer ix.Close()
	n, _ := ix.Count(sn.KindVacancy)
	assert.Equal(t, 49, n)
	r, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Text: "heftruckchauffeur", Size: 100})
	require.NoError(t, err)
	assert.EqualValues(t, 49, r.Total)
}

func TestRebuildWhenIndexLost(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	ix := open(t, dir, false)
	for i := range 20 {
		require.NoError(t, ix.Put(ctx, vacancy(fmt.Sprintf("v%02d", i), "Lasser", "Gent")))
	}
	require.NoError(t, ix.Close())
	// Lose the Bleve index entirely, then corrupt it.
	require.NoError(t, os.RemoveAll(filepath.Join(dir, "vacancy.bleve")))
	ix = open(t, dir, false)
	r, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Text: "lasser", Size: 50})
	require.NoError(t, err)
	assert.EqualValues(t, 20, r.Total)
	require.NoError(t, ix.Close())
	require.NoError(t, os.WriteFile(filepath.Join(dir, "vacancy.bleve", "index_meta.json"), []byte("{garbage"), 0o600))
	ix = open(t, dir, false)
	defer ix.Close()
	r, err = ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Text: "lasser", Size: 50})
	require.NoError(t, err)
	assert.EqualValues(t, 20, r.Total)
	require.NoError(t, ix.Reindex(ctx))
	r, err = ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Text: "lasser", Size: 50})
	require.NoError(t, err)
	assert.EqualValues(t, 20, r.Total)
}

// TestErasure proves that a deleted profile is gone from the store and the
// index, down to the bytes of their files.
func TestErasure(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	ix := open(t, dir, false)
	defer ix.Close()
	const marker = "sn:skill:zzmarkerzz"
	const markerID = "person-zzuniquezz"
	keep := &sn.Profile{ID: "keep", Skills: []sn.ProfileSkill{{ConceptID: "sn:skill:forklift"}}, Home: sn.Location{Place: "Gent"}}
	require.NoError(t, ix.Put(ctx, keep))
	p := &sn.Profile{ID: markerID, Skills: []sn.ProfileSkill{{ConceptID: marker}}, Home: sn.Location{Place: "Gent"},
		CV: "Mijn naam is Zzyzx Qwerty, ik woon in de Zzyzxstraat 12."}
	require.NoError(t, ix.Put(ctx, p))
	for i := range 200 {
		require.NoError(t, ix.Put(ctx, &sn.Profile{ID: fmt.Sprintf("p%03d", i), Skills: []sn.ProfileSkill{{ConceptID: "sn:skill:welding"}}}))
	}
	r, err := ix.Search(ctx, index.Query{Kind: sn.KindProfile, Skills: []string{marker}})
	require.NoError(t, err)
	require.EqualValues(t, 1, r.Total)
	require.NoError(t, ix.Sync(ctx))

	require.NoError(t, ix.Delete(ctx, sn.KindProfile, markerID, ""))
	require.NoError(t, ix.Purge(ctx))

	_, err = ix.Profile(ctx, markerID)
	require.ErrorIs(t, err, sn.ErrNotFound)
	r, err = ix.Search(ctx, index.Query{Kind: sn.KindProfile, Skills: []string{marker}})
	require.NoError(t, err)
	assert.Zero(t, r.Total)
	for _, needle := range []string{marker, markerID, "Zzyzx", "zzmarkerzz", "zzuniquezz"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if bytes.Contains(b, []byte(needle)) {
				t.Errorf("%s still holds %q", path, needle)
			}
			return nil
		})
		require.NoError(t, err)
	}
	// The rest is intact.
	got, err := ix.Profile(ctx, "keep")
	require.NoError(t, err)
	assert.Equal(t, "Gent", got.Home.Municipality)
	n, _ := ix.Count(sn.KindProfile)
	assert.Equal(t, 201, n)
	r, err = ix.Search(ctx, index.Query{Kind: sn.KindProfile, Skills: []string{"sn:skill:welding"}, Size: 1})
	require.NoError(t, err)
	assert.EqualValues(t, 200, r.Total)
}

func TestConcurrentReadersAndWriters(t *testing.T) {
	modes(t, func(t *testing.T, dir string) {
		ctx := context.Background()
		ix := open(t, dir, false)
		defer ix.Close()
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 40 {
					id := fmt.Sprintf("w%d-%d", w, i)
					if err := ix.Put(ctx, vacancy(id, "Lasser", "Gent", "sn:skill:welding")); err != nil {
						t.Error(err)
						return
					}
					if i%5 == 0 {
						if err := ix.Delete(ctx, sn.KindVacancy, id, ""); err != nil {
							t.Error(err)
						}
					}
				}
			}()
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 40 {
					if _, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Text: "lasser", Near: &index.Near{Place: "Gent", RadiusKm: 10}}); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		require.NoError(t, ix.Sync(ctx))
		r, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Skills: []string{"sn:skill:welding"}, Size: 1})
		require.NoError(t, err)
		assert.EqualValues(t, 4*32, r.Total)
	})
}
