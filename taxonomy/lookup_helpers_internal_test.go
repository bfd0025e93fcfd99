package taxonomy

import (
	"compress/gzip"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// miniTaxonomy builds a small taxonomy of many overlapping labels.
func miniTaxonomy(t *testing.T) *Taxonomy {
	b := NewBuilder(Provenance{Source: "test"})
	labels := map[string][]string{
		"team":  {"en:manage a team", "en:lead a team", "nl:een team leiden", "de:ein Team führen"},
		"staff": {"en:manage staff", "en:manage employees", "nl:personeel beheren"},
		"log":   {"nl:logistiek medewerker", "nl:medewerker logistiek", "nl:magazijnmedewerker", "fr:magasinier"},
		"shop":  {"nl:klanten helpen in een winkel", "nl:winkelmedewerker", "en:shop assistant"},
		"fork":  {"nl:heftruck rijden", "nl:heftruckchauffeur", "fr:conduire un chariot élévateur", "en:drive a forklift"},
		"weld":  {"nl:lassen", "nl:metaal lassen", "en:weld metal", "de:Metall schweißen"},
		"care":  {"de:Pflege von Menschen", "nl:zorg voor mensen", "en:care for people"},
		"data":  {"en:data analysis", "en:analyse data", "en:data entry", "en:manage data", "en:data"},
	}
	for id, ls := range labels {
		if _, err := b.Concept(id, KindSkill); err != nil {
			t.Fatal(err)
		}
		for _, l := range ls {
			lang, text, _ := strings.Cut(l, ":")
			if err := b.AddLabel(id, lang, Alt, text); err != nil {
				t.Fatal(err)
			}
		}
	}
	tx, err := b.Build(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

// escoForTest builds a taxonomy from the skills of the ESCO extract in dir
// without importing the esco package (which imports this one).
func escoForTest(t *testing.T, dir string) *Taxonomy {
	f, err := os.Open(filepath.Join(dir, "skills.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(gz)
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	b := NewBuilder(Provenance{Source: "esco"})
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		id := rec[col["concept_uri"]]
		if _, err := b.Concept(id, KindSkill); err != nil {
			t.Fatal(err)
		}
		for _, l := range []string{"nl", "en", "fr", "de"} {
			b.AddLabel(id, l, Pref, rec[col["pref_label_"+l]])
			for _, a := range strings.Split(rec[col["alt_labels_"+l]], "|") {
				b.AddLabel(id, l, Alt, a)
			}
		}
	}
	tx, err := b.Build(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return tx
}
