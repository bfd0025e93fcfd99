package esco_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/esco"
)

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

const (
	skillsHeader = "concept_uri,skill_type,reuse_level,status,pref_label_nl,alt_labels_nl,description_nl,label_source_nl,pref_label_en,alt_labels_en,description_en,pref_label_fr,alt_labels_fr,label_source_fr,pref_label_de,alt_labels_de,label_source_de,collections\n"
	occHeader    = "concept_uri,isco_group,esco_code,status,pref_label_nl,alt_labels_nl,description_nl,label_source_nl,pref_label_en,alt_labels_en,description_en,pref_label_fr,alt_labels_fr,label_source_fr,pref_label_de,alt_labels_de,label_source_de\n"
	relHeader    = "occupation_uri,skill_uri,relation_type,skill_type\n"
)

// miniExtract is a tiny extract-layout taxonomy written for these tests
// (made-up concepts, not ESCO data).
func miniExtract() fstest.MapFS {
	return fstest.MapFS{
		"skills.csv.gz": {Data: gz(skillsHeader +
			"u:s1,skill/competence,sector-specific,released,heftruck besturen,vorklift rijden,,x,operate forklift,drive forklift|forklift driving,Drive it.,,,,Gabelstapler fahren,,y,\n" +
			"u:s2,knowledge,transversal,released,,,,,teamwork,,,travail en équipe,,z,,,,transversal|digital\n")},
		"occupations.csv.gz": {Data: gz(occHeader +
			"u:o1,8344,8344.1,released,heftruckchauffeur,heftruckbestuurder,Rijdt.,x,forklift operator,forklift driver,Drives.,cariste,,x,Gabelstaplerfahrer,,y\n")},
		"occupation_skill_relations.csv.gz": {Data: gz(relHeader + "u:o1,u:s1,essential,skill/competence\nu:o1,u:s2,optional,knowledge\nu:gone,u:s1,essential,skill/competence\n")},
	}
}

func TestReadExtractMini(t *testing.T) {
	b := taxonomy.NewBuilder(taxonomy.Provenance{Source: "esco"})
	require.NoError(t, esco.ReadExtract(context.Background(), miniExtract(), b))
	tx, err := b.Build(taxonomy.DefaultConfig())
	require.NoError(t, err)
	s1, ok := tx.Concept("u:s1")
	require.True(t, ok)
	assert.Equal(t, "heftruck besturen", s1.PrefLabel("nl"))
	assert.Equal(t, []string{"drive forklift", "forklift driving"}, s1.AltLabels("en"))
	assert.Equal(t, taxonomy.Competence, s1.SkillType)
	assert.Equal(t, map[string]string{"nl": "x", "de": "y"}, s1.Provenance.LabelSources)
	s2, _ := tx.Concept("u:s2")
	assert.Equal(t, []string{"transversal", "digital"}, s2.Collections)
	assert.Equal(t, taxonomy.Knowledge, s2.SkillType)
	o1, _ := tx.Concept("u:o1")
	assert.Equal(t, "8344", o1.ISCOGroup)
	assert.Equal(t, "8344.1", o1.Code)
	assert.Equal(t, 1, tx.Report().DroppedRelations, "the relation of an unknown occupation is dropped and reported")
	ms := tx.Lookup(taxonomy.Query{Text: "vorklift", Lang: "nl"})
	require.NotEmpty(t, ms)
	assert.Equal(t, "u:s1", ms[0].Concept.ID)
}

func TestReadExtractErrors(t *testing.T) {
	cases := []struct {
		name string
		mod  func(fstest.MapFS)
		want string
	}{
		{"missing skills", func(m fstest.MapFS) { delete(m, "skills.csv.gz") }, "skills.csv.gz: open skills.csv.gz: file does not exist"},
		{"not gzip", func(m fstest.MapFS) { m["skills.csv.gz"] = &fstest.MapFile{Data: []byte("plain")} }, "skills.csv.gz: not a gzip file"},
		{"bad skill type", func(m fstest.MapFS) {
			m["skills.csv.gz"] = &fstest.MapFile{Data: gz(skillsHeader + "u:s1,talent,,,a,,,,b,,,,,,,,,\n")}
		}, `skills.csv.gz:2:6: invalid taxonomy data: unknown skill type "talent"`},
		{"empty uri", func(m fstest.MapFS) {
			m["occupations.csv.gz"] = &fstest.MapFile{Data: gz(occHeader + ",1234,,,a,,,,b,,,,,,,,\n")}
		}, "occupations.csv.gz:2:1: empty concept_uri"},
		{"bad relation", func(m fstest.MapFS) {
			m["occupation_skill_relations.csv.gz"] = &fstest.MapFile{Data: gz(relHeader + "u:o1,u:s1,crucial,x\n")}
		}, `occupation_skill_relations.csv.gz:2:11: invalid taxonomy data: unknown relation "crucial"`},
		{"missing column", func(m fstest.MapFS) {
			m["occupation_skill_relations.csv.gz"] = &fstest.MapFile{Data: gz("occupation_uri,skill\nu:o1,u:s1\n")}
		}, `occupation_skill_relations.csv.gz:1: missing column "skill_uri"`},
		{"bad quote", func(m fstest.MapFS) {
			m["skills.csv.gz"] = &fstest.MapFile{Data: gz(skillsHeader + "u:s1,knowledge,,,\"a\"b,,,,x,,,,,,,,,\n")}
		}, `skills.csv.gz:2:`},
		{"kind clash", func(m fstest.MapFS) {
			m["occupations.csv.gz"] = &fstest.MapFile{Data: gz(occHeader + "u:s1,1234,,,a,,,,b,,,,,,,,\n")}
		}, "occupations.csv.gz:2:1: invalid taxonomy data: concept u:s1 is a skill, not a occupation"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := miniExtract()
			tc.mod(m)
			err := esco.ReadExtract(context.Background(), m, taxonomy.NewBuilder(taxonomy.Provenance{}))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			var pe *taxonomy.ParseError
			assert.True(t, errors.As(err, &pe), "a located error")
		})
	}
}

// writeZip writes files into a zip at path.
func writeZip(t *testing.T, path string, files map[string]string) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, data := range files {
		f, err := w.Create(name)
		require.NoError(t, err)
		f.Write([]byte(data))
	}
	require.NoError(t, w.Close())
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
}

func TestReadOfficialMini(t *testing.T) {
	dir := t.TempDir()
	writeZip(t, filepath.Join(dir, "ESCO dataset - v1.1.1 - classification - en - csv.zip"), map[string]string{
		"skills_en.csv": "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description\n" +
			"KnowledgeSkillCompetence,u:s1,skill/competence,sector-specific,operate forklift,\"drive forklift\nforklift driving\",Drive it.\n",
		"occupations_en.csv": "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,description,code\n" +
			"Occupation,u:o1,8344,forklift operator,forklift driver,Drives.,8344.1\n",
	})
	writeZip(t, filepath.Join(dir, "ESCO dataset - v1.1.1 - classification -  - csv.zip"), map[string]string{
		"occupationSkillRelations.csv": "occupationUri,relationType,skillType,skillUri\nu:o1,essential,skill/competence,u:s1\n",
	})
	require.NoError(t, os.Mkdir(filepath.Join(dir, "nl"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "nl", "occupations_nl.csv"), []byte(
		"conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,description,code\nOccupation,u:o1,8344,heftruckchauffeur,\"heftruckbestuurder\nvorkliftchauffeur\",,8344.1\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "nl", "digitalSkillsCollection_nl.csv"), []byte(
		"conceptType,conceptUri,preferredLabel,status,skillType,reuseLevel,altLabels,description\nKnowledgeSkillCompetence,u:s1,heftruck besturen,released,skill/competence,,,\n"), 0o644))

	tx, err := esco.Load(context.Background(), dir, taxonomy.DefaultConfig())
	require.NoError(t, err)
	assert.Equal(t, "1.1.1", tx.Provenance().Version)
	o1, _ := tx.Concept("u:o1")
	assert.Equal(t, "heftruckchauffeur", o1.PrefLabel("nl"))
	assert.Equal(t, []string{"heftruckbestuurder", "vorkliftchauffeur"}, o1.AltLabels("nl"))
	assert.Equal(t, "forklift operator", o1.PrefLabel("en"))
	s1, _ := tx.Concept("u:s1")
	assert.Equal(t, "heftruck besturen", s1.PrefLabel("nl"), "Dutch labels come from the collection files")
	assert.Equal(t, []string{"drive forklift", "forklift driving"}, s1.AltLabels("en"))
	assert.True(t, s1.InCollection("digital"))
	assert.Equal(t, 1, tx.Stats().OccupationSkills)

	// A bad value is located inside the zip.
	bad := t.TempDir()
	writeZip(t, filepath.Join(bad, "x.zip"), map[string]string{
		"skills_en.csv": "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description\nKnowledgeSkillCompetence,u:s1,wisdom,,a,,\n",
	})
	_, err = esco.Load(context.Background(), bad, taxonomy.DefaultConfig())
	assert.ErrorContains(t, err, `x.zip!skills_en.csv:2:31: invalid taxonomy data: unknown skill type "wisdom"`)
	_, err = esco.Load(context.Background(), t.TempDir(), taxonomy.DefaultConfig())
	assert.ErrorContains(t, err, "no ESCO concept files")
	_, err = esco.Load(context.Background(), filepath.Join(bad, "missing"), taxonomy.DefaultConfig())
	assert.ErrorContains(t, err, "no such file")
}

// escoDir returns SKILLSNAV_ESCO_DIR or skips the test.
func escoDir(t *testing.T) string {
	dir := os.Getenv("SKILLSNAV_ESCO_DIR")
	if dir == "" {
		t.Skip("SKILLSNAV_ESCO_DIR is not set: skipping the test on the full ESCO extract (set it to the folder of the ESCO extract, e.g. ../shared/data/esco)")
	}
	return dir
}

func TestLoadFullExtract(t *testing.T) {
	tx, err := esco.Load(context.Background(), escoDir(t), taxonomy.DefaultConfig())
	require.NoError(t, err)
	s := tx.Stats()
	assert.Equal(t, 13896, s.Kinds["skill"])
	assert.Equal(t, 3007, s.Kinds["occupation"])
	assert.Equal(t, 640, s.Kinds["skillgroup"])
	assert.Equal(t, 619, s.Kinds["iscogroup"])
	assert.Equal(t, 3007, s.PrefLabels["occupation"]["nl"])
	assert.Equal(t, 6940, s.PrefLabels["skill"]["nl"])
	assert.Equal(t, 13896, s.PrefLabels["skill"]["en"])
	// 123,855 rows, of which the 67 of an occupation missing from v1.1.1
	// are dropped (see the extract's README); a few more are duplicates.
	assert.InDelta(t, 123855-67, s.OccupationSkills, 100)
	assert.Equal(t, map[string]int{
		"occupation-skill: unknown source": 67, // the occupation missing from v1.1.1
		"broader: unknown source":          8,
		"skill-skill: relation to itself":  1,
	}, tx.Report().Reasons)
	assert.Positive(t, s.SkillSkillRelations)
	assert.Positive(t, s.BroaderRelations)
	assert.Positive(t, s.Collections["digital"])

	for _, tc := range []struct {
		q    taxonomy.Query
		want string // expected preferred English label of the top concept
	}{
		{taxonomy.Query{Text: "heftruckchauffeur", Lang: "nl", Kinds: []taxonomy.Kind{taxonomy.KindOccupation}}, "forklift operator"},
		{taxonomy.Query{Text: "heftruk", Lang: "nl"}, ""},
		{taxonomy.Query{Text: "cariste", Lang: "fr", Kinds: []taxonomy.Kind{taxonomy.KindOccupation}}, "forklift operator"},
		{taxonomy.Query{Text: "Gabelstaplerfahrerin", Lang: "de", Kinds: []taxonomy.Kind{taxonomy.KindOccupation}}, "forklift operator"},
		{taxonomy.Query{Text: "magazijnier", Lang: "nl", Kinds: []taxonomy.Kind{taxonomy.KindOccupation}}, "warehouse worker"},
		{taxonomy.Query{Text: "lassen", Lang: "nl", Kinds: []taxonomy.Kind{taxonomy.KindSkill}}, ""},
		{taxonomy.Query{Text: "Python", Lang: "nl", Kinds: []taxonomy.Kind{taxonomy.KindSkill}}, "Python (computer programming)"},
	} {
		ms := tx.Lookup(tc.q)
		require.NotEmpty(t, ms, tc.q.Text)
		if tc.want != "" {
			assert.Equal(t, tc.want, ms[0].Concept.PrefLabel("en"), tc.q.Text)
		}
	}
	// heftruk (a typo) finds the forklift concepts through "heftruck".
	ms := tx.Lookup(taxonomy.Query{Text: "heftruk", Lang: "nl"})
	require.NotEmpty(t, ms)
	assert.Contains(t, ms[0].Label.Text, "eftruck")
}

func TestLoadOfficialDownload(t *testing.T) {
	dir := os.Getenv("SKILLSNAV_ESCO_OFFICIAL_DIR")
	if dir == "" {
		dir = filepath.Join(escoDir(t), "..", "esco-official")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no official ESCO download at %s (set SKILLSNAV_ESCO_OFFICIAL_DIR): %v", dir, err)
	}
	tx, err := esco.Load(context.Background(), dir, taxonomy.DefaultConfig())
	require.NoError(t, err)
	s := tx.Stats()
	assert.Equal(t, 13896, s.Kinds["skill"])
	assert.Equal(t, 3007, s.Kinds["occupation"])
	assert.Equal(t, 3007, s.PrefLabels["occupation"]["nl"], "Dutch occupations merged from the nl folder")
	assert.Equal(t, 3007, s.PrefLabels["occupation"]["en"])
	assert.Positive(t, s.PrefLabels["skill"]["nl"], "Dutch skill labels from the nl collection files")
	assert.InDelta(t, 123855, s.OccupationSkills, 100)
	assert.Equal(t, "1.1.1", tx.Provenance().Version)
	ms := tx.Lookup(taxonomy.Query{Text: "heftruckchauffeur", Lang: "nl", Kinds: []taxonomy.Kind{taxonomy.KindOccupation}})
	require.NotEmpty(t, ms)
	assert.Equal(t, "forklift operator", ms[0].Concept.PrefLabel("en"))
}

func FuzzReadExtractSkills(f *testing.F) {
	f.Add("u:s1,skill/competence,,,a,b|c,,,d,,,,,,,,,digital\n")
	f.Add("\"unterminated\n")
	f.Add(",,,\n")
	f.Fuzz(func(t *testing.T, rows string) {
		m := miniExtract()
		m["skills.csv.gz"] = &fstest.MapFile{Data: gz(skillsHeader + rows)}
		b := taxonomy.NewBuilder(taxonomy.Provenance{})
		if err := esco.ReadExtract(context.Background(), m, b); err != nil {
			var pe *taxonomy.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error without location: %v", err)
			}
			return
		}
		if _, err := b.Build(taxonomy.DefaultConfig()); err != nil {
			t.Fatalf("accepted input does not build: %v", err)
		}
	})
}

func FuzzReadOfficialSkills(f *testing.F) {
	f.Add("KnowledgeSkillCompetence,u:s1,skill/competence,,operate forklift,\"a\nb\",x\n")
	f.Add("x,,\n")
	f.Fuzz(func(t *testing.T, rows string) {
		dir := t.TempDir()
		p := filepath.Join(dir, "skills_en.csv")
		if err := os.WriteFile(p, []byte("conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description\n"+rows), 0o644); err != nil {
			t.Fatal(err)
		}
		b := taxonomy.NewBuilder(taxonomy.Provenance{})
		if err := esco.ReadOfficial(context.Background(), b, dir); err != nil {
			if !errors.Is(err, taxonomy.ErrInvalid) {
				t.Fatalf("error without location: %v", err)
			}
			return
		}
		if _, err := b.Build(taxonomy.DefaultConfig()); err != nil {
			t.Fatalf("accepted input does not build: %v", err)
		}
	})
}
