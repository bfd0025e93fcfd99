package benchmarks

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/esco"
)

// TitleItem is a query of the title-normalisation set: a held-out
// alternative label of an occupation, and that occupation as the answer.
type TitleItem struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	Lang string `json:"lang"`
	Gold string `json:"gold"`
}

// TitleDevSet holds out a share of the Dutch and French alternative labels
// of ESCO's occupations: every held-out label is removed from the taxonomy
// and becomes a query whose answer is its occupation. Labels whose text
// (normalised) is also a label of another occupation are never held out,
// and an occupation keeps at least one label in the language. The choice is
// deterministic for a seed.
func TitleDevSet(ctx context.Context, escoDir string, seed uint64, share float64, cfg taxonomy.Config) (*taxonomy.Taxonomy, []TitleItem, error) {
	b, err := esco.Read(ctx, escoDir)
	if err != nil {
		return nil, nil, err
	}
	langs := []string{"nl", "fr"}
	// How many occupations carry each normalised label text, per language.
	owners := map[string]int{}
	for _, c := range b.Concepts() {
		if c.Kind != taxonomy.KindOccupation {
			continue
		}
		seen := map[string]bool{}
		for _, l := range c.Labels {
			k := l.Lang + "\x00" + analysis.Normalize(l.Text)
			if !seen[k] {
				seen[k] = true
				owners[k]++
			}
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	var items []TitleItem
	for _, c := range b.Concepts() {
		if c.Kind != taxonomy.KindOccupation {
			continue
		}
		for _, lang := range langs {
			alts := c.AltLabels(lang)
			if len(alts) == 0 || c.PrefLabel(lang) == "" || rng.Float64() >= share {
				continue
			}
			alt := alts[rng.IntN(len(alts))]
			if owners[lang+"\x00"+analysis.Normalize(alt)] != 1 {
				continue
			}
			b.RemoveLabel(c.ID, lang, alt)
			items = append(items, TitleItem{ID: fmt.Sprintf("t%05d", len(items)+1), Text: alt, Lang: lang, Gold: c.ID})
		}
	}
	tx, err := b.Build(cfg)
	if err != nil {
		return nil, nil, err
	}
	return tx, items, nil
}

// ExtractionItem is a short Dutch text of the extraction set with the
// skills it mentions.
type ExtractionItem struct {
	ID   string   `json:"id"`
	Text string   `json:"text"`
	Gold []string `json:"gold"`
	// Unjudged is the byte span of the description sentence, if any: it
	// may mention skills besides the gold ones, so predictions inside it
	// that are not gold count neither for nor against a system.
	Unjudged [2]int `json:"unjudged,omitempty"`
}

// Judged reports whether a prediction of concept id at byte span
// [start, end) counts: gold concepts always do, others only outside the
// unjudged span.
func (it ExtractionItem) Judged(id string, start, end int) bool {
	if slices.Contains(it.Gold, id) {
		return true
	}
	u := it.Unjudged
	return !(u[1] > u[0] && start >= u[0] && end <= u[1])
}

var (
	skillTemplates = []string{
		"Je hebt ervaring met %s.",
		"Kennis van %s is een pluspunt.",
		"Wij zoeken iemand die goed is in %s.",
		"Je bent vertrouwd met %s.",
		"Tot je taken behoort onder meer %s.",
		"Ervaring in %s is vereist.",
		"Je staat in voor %s.",
		"In deze functie is %s belangrijk.",
	}
	fillerSentences = []string{
		"Wij bieden een vast contract en een competitief loon.",
		"De job is gelegen in de haven van Antwerpen.",
		"Je start zo snel mogelijk in een dagploeg.",
		"Solliciteer vandaag nog via onze website.",
		"Ons bedrijf telt meer dan tweehonderd medewerkers in Gent en Terneuzen.",
	}
)

// ExtractionDevSet builds n Dutch texts of two to four sentences with two
// or three skills, as vacancies write them:
//   - each skill is named by one of its Dutch labels in a vacancy phrase
//     ("Je hebt ervaring met …"), or by its English preferred label in one
//     case out of ten (mixed-language text);
//   - in two texts out of five, two skills share one sentence ("… met A en
//     B");
//   - a label of two words ending in a Dutch infinitive is turned around in
//     a third of the cases ("het bedienen van heftrucks") and conjugated in
//     another third ("Je bedient heftrucks");
//   - one sentence is running text: the first sentence of the Dutch
//     description of one of the skills (unjudged: see
//     [ExtractionItem.Judged]), or a vacancy phrase that names no skill.
//
// Only labels that name one skill are used, so the gold is unambiguous. The
// texts are deterministic for a seed.
func ExtractionDevSet(tx *taxonomy.Taxonomy, seed uint64, n int) []ExtractionItem {
	type cand struct {
		id      string
		labels  []string
		english string
		desc    string
	}
	owners := map[string]int{}
	for c := range tx.All(taxonomy.KindSkill) {
		for _, l := range c.Labels {
			if l.Lang == "nl" || (l.Lang == "en" && l.Type == taxonomy.Pref) {
				owners[analysis.Normalize(l.Text)]++
			}
		}
	}
	var cands []cand
	for c := range tx.All(taxonomy.KindSkill) {
		var ls []string
		for _, l := range c.Labels {
			if l.Lang == "nl" && owners[analysis.Normalize(l.Text)] == 1 && len(l.Text) >= 4 {
				ls = append(ls, l.Text)
			}
		}
		en := c.PrefLabel("en")
		if owners[analysis.Normalize(en)] != 1 {
			en = ""
		}
		if len(ls) > 0 {
			cands = append(cands, cand{c.ID, ls, en, firstSentence(c.Descriptions["nl"])})
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0xe47))
	// phrase names a skill, possibly turned around or conjugated; verb
	// phrases come back with verb = true and need no template.
	phrase := func(c cand) (text string, verb bool) {
		if c.english != "" && rng.IntN(10) == 0 {
			return c.english, false
		}
		label := c.labels[rng.IntN(len(c.labels))]
		w := strings.Fields(label)
		if len(w) == 2 && strings.HasSuffix(w[1], "en") && len(w[1]) > 4 {
			switch rng.IntN(3) {
			case 0:
				return "het " + w[1] + " van " + w[0], false
			case 1:
				return "Je " + conjugate(w[1]) + " " + w[0] + ".", true
			}
		}
		return label, false
	}
	items := make([]ExtractionItem, 0, n)
	for i := 0; i < n; i++ {
		k := 2 + rng.IntN(2)
		var picked []cand
		for len(picked) < k {
			c := cands[rng.IntN(len(cands))]
			if !slices.ContainsFunc(picked, func(p cand) bool { return p.id == c.id }) {
				picked = append(picked, c)
			}
		}
		var sentences, gold, descs []string
		pair := rng.IntN(5) < 2
		for j := 0; j < len(picked); j++ {
			c := picked[j]
			gold = append(gold, c.id)
			if c.desc != "" {
				descs = append(descs, c.desc)
			}
			p, verb := phrase(c)
			if verb {
				sentences = append(sentences, p)
				continue
			}
			if pair && j+1 < len(picked) {
				if q, qverb := phrase(picked[j+1]); !qverb {
					gold = append(gold, picked[j+1].id)
					if d := picked[j+1].desc; d != "" {
						descs = append(descs, d)
					}
					sentences = append(sentences, fmt.Sprintf(skillTemplates[rng.IntN(len(skillTemplates))], p+" en "+q))
					j++
					pair = false
					continue
				}
			}
			sentences = append(sentences, fmt.Sprintf(skillTemplates[rng.IntN(len(skillTemplates))], p))
		}
		desc := ""
		if len(descs) > 0 && rng.IntN(2) == 0 {
			desc = descs[rng.IntN(len(descs))]
			sentences = append(sentences, desc)
		} else {
			sentences = append(sentences, fillerSentences[rng.IntN(len(fillerSentences))])
		}
		rng.Shuffle(len(sentences), func(a, b int) { sentences[a], sentences[b] = sentences[b], sentences[a] })
		it := ExtractionItem{ID: fmt.Sprintf("x%05d", i+1), Text: strings.Join(sentences, " "), Gold: gold}
		if desc != "" {
			at := strings.Index(it.Text, desc)
			it.Unjudged = [2]int{at, at + len(desc)}
		}
		items = append(items, it)
	}
	return items
}

// conjugate returns the second person singular present of a Dutch
// infinitive: bedienen → bedient, maken → maakt, lassen → last, testen →
// test, leven → leeft.
func conjugate(inf string) string {
	stem := strings.TrimSuffix(inf, "en")
	n := len(stem)
	vowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	switch {
	case n >= 2 && stem[n-1] == stem[n-2] && !vowel(stem[n-1]):
		stem = stem[:n-1] // lass → las
	case n >= 3 && !vowel(stem[n-1]) && vowel(stem[n-2]) && !vowel(stem[n-3]) && stem[n-2] != 'i':
		stem = stem[:n-1] + stem[n-2:n-1] + stem[n-1:] // mak → maak
	}
	switch stem[len(stem)-1] {
	case 'v':
		stem = stem[:len(stem)-1] + "f"
	case 'z':
		stem = stem[:len(stem)-1] + "s"
	}
	if strings.HasSuffix(stem, "t") {
		return stem
	}
	return stem + "t"
}

// firstSentence returns the text up to and including the first full stop.
func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}
