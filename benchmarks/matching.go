package benchmarks

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/benchmarks/eval"
	"github.com/skillsnavigator/skillsnav/geo"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// MatchingConfig sizes the ESCO-derived matching set. Zero fields take
// the defaults of [DefaultMatchingConfig].
type MatchingConfig struct {
	// Occupations is the number of occupations sampled (those with at
	// least five essential skills and an ISCO group). Default 600.
	Occupations int
	// VacanciesPerOccupation is the number of vacancies generated from
	// each sampled occupation. Default 2.
	VacanciesPerOccupation int
	// Profiles is the number of job-seeker profiles (the queries of
	// profile → vacancies). Default 200.
	Profiles int
	// VacancyQueries is the number of vacancies used as the queries of
	// vacancy → profiles. Default 100.
	VacancyQueries int
	// Seed makes the set: the same seed gives the same set.
	Seed uint64
}

// DefaultMatchingConfig returns the defaults with seed 1 (the
// development seed).
func DefaultMatchingConfig() MatchingConfig {
	return MatchingConfig{Occupations: 600, VacanciesPerOccupation: 2, Profiles: 200, VacancyQueries: 100, Seed: 1}
}

// Validate reports whether c is usable.
func (c MatchingConfig) Validate() error {
	for name, v := range map[string]int{"Occupations": c.Occupations, "VacanciesPerOccupation": c.VacanciesPerOccupation,
		"Profiles": c.Profiles, "VacancyQueries": c.VacancyQueries} {
		if v < 1 {
			return fmt.Errorf("benchmarks: MatchingConfig.%s is %d, want at least 1", name, v)
		}
	}
	if c.VacancyQueries > c.Occupations*c.VacanciesPerOccupation {
		return fmt.Errorf("benchmarks: MatchingConfig.VacancyQueries %d exceeds the %d vacancies", c.VacancyQueries, c.Occupations*c.VacanciesPerOccupation)
	}
	return nil
}

// MatchingSet is the project's ESCO-derived matching benchmark.
//
// Vacancies come from sampled occupations: every essential skill and half
// of the optional ones as structured skills, a title drawn from the
// occupation's labels in Dutch (60 %), French (25 %) or English (15 %),
// a description in that language that names some of the skills in
// running text, and a municipality of Flanders, Brussels, Zeeland or
// Zuid-Holland.
//
// Profiles come from the same occupations, with noise: 40 % of the
// essential skills dropped; a fifth of the rest replaced by a skill the
// taxonomy relates to it (an ESCO skill–skill relation, else a sibling
// under the same broader skill); two unrelated skills added; a third of
// the kept skills given only in the CV text, not as structured skills;
// the CV in another language than most vacancies (Dutch 40 %, French
// 35 %, English 25 %); for 60 % of the profiles a past occupation from
// the same ISCO minor group but another unit group; a home municipality;
// and for half of the profiles a travel limit of 40 km.
//
// Relevance is graded: the vacancy's occupation is the profile's 3, in
// the same ISCO unit group 2, in the same minor group 1, otherwise 0; a
// vacancy beyond the profile's travel limit is 0. Vacancy → profiles uses
// the same grades.
type MatchingSet struct {
	Config    MatchingConfig
	Vacancies []*sn.Vacancy
	Profiles  []*sn.Profile
	// ProfileQrels[i] grades the vacancies for Profiles[i].
	ProfileQrels []eval.Qrels
	// VacancyQueries are indexes into Vacancies; VacancyQrels[i] grades
	// the profiles for Vacancies[VacancyQueries[i]].
	VacancyQueries []int
	VacancyQrels   []eval.Qrels
	// GivenSkills holds each profile's structured skills as generated
	// (what the exact-skill baselines see; skillsnav also reads the CV).
	GivenSkills map[string][]string
	// Occupation maps every record ID to the occupation it was made from.
	Occupation map[string]string
	tx         *taxonomy.Taxonomy
}

// Relevance grades a profile made from occupation po for a vacancy made
// from occupation vo, when the vacancy is within the profile's reach.
func Relevance(po, vo *taxonomy.Concept) int {
	switch {
	case po == vo:
		return 3
	case po.ISCOGroup == vo.ISCOGroup:
		return 2
	case len(po.ISCOGroup) >= 3 && len(vo.ISCOGroup) >= 3 && po.ISCOGroup[:3] == vo.ISCOGroup[:3]:
		return 1
	}
	return 0
}

var matchingPhrases = map[string]struct{ intro, task, desc, cv, past string }{
	"nl": {"Voor onze klant zoeken wij een %s.", "Je taken: %s.", "Concreet: %s", "Ik heb ervaring met %s.", "Vroeger werkte ik als %s."},
	"fr": {"Pour notre client, nous recherchons un %s.", "Vos tâches : %s.", "Concrètement : %s", "J'ai de l'expérience en %s.", "J'ai travaillé comme %s."},
	"en": {"For our client we are looking for a %s.", "Your tasks: %s.", "In practice: %s", "I have experience with %s.", "I used to work as %s."},
}

// NewMatchingSet builds the set from tx, deterministically from cfg.Seed.
func NewMatchingSet(tx *taxonomy.Taxonomy, cfg MatchingConfig) (*MatchingSet, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 17))
	var occs []*taxonomy.Concept
	for o := range tx.All(taxonomy.KindOccupation) {
		n := 0
		for _, rel := range tx.Skills(o) {
			if rel == taxonomy.Essential {
				n++
			}
		}
		if n >= 5 && len(o.ISCOGroup) >= 4 {
			occs = append(occs, o)
		}
	}
	if len(occs) < 2 {
		return nil, fmt.Errorf("benchmarks: the taxonomy has %d occupations with five essential skills and an ISCO group; the matching set needs ESCO", len(occs))
	}
	r.Shuffle(len(occs), func(i, j int) { occs[i], occs[j] = occs[j], occs[i] })
	occs = occs[:min(cfg.Occupations, len(occs))]
	var allSkills []*taxonomy.Concept
	for s := range tx.All(taxonomy.KindSkill) {
		allSkills = append(allSkills, s)
	}
	places := regionPlaces()
	pick := func(langs []string, weights []int) string {
		n := r.IntN(100)
		for i, w := range weights {
			if n < w {
				return langs[i]
			}
			n -= w
		}
		return langs[len(langs)-1]
	}
	langs := []string{"nl", "fr", "en"}
	label := func(c *taxonomy.Concept, lang string, alt bool) string {
		if alt {
			if as := c.AltLabels(lang); len(as) > 0 {
				return as[r.IntN(len(as))]
			}
		}
		t, _ := c.Name(lang, "en")
		return t
	}
	set := &MatchingSet{Config: cfg, GivenSkills: map[string][]string{}, Occupation: map[string]string{}, tx: tx}
	occOf := map[string]*taxonomy.Concept{}
	for i, o := range occs {
		for k := range cfg.VacanciesPerOccupation {
			lang := pick(langs, []int{60, 25, 15})
			ph := matchingPhrases[lang]
			pl := places[r.IntN(len(places))]
			v := &sn.Vacancy{ID: "v" + strconv.Itoa(cfg.VacanciesPerOccupation*i+k), Lang: lang, Occupation: o.ID,
				Location: sn.Location{Place: pl.Name, Lat: pl.Lat, Lon: pl.Lon}}
			v.Title = label(o, lang, r.IntN(2) == 0)
			var named []string
			var desc string
			for s, rel := range tx.Skills(o) {
				if rel == taxonomy.Essential || r.IntN(2) == 0 {
					v.Skills = append(v.Skills, sn.SkillReq{ConceptID: s.ID, Essential: rel == taxonomy.Essential})
					if len(named) < 4 && r.IntN(3) == 0 {
						named = append(named, label(s, lang, false))
					}
					if desc == "" && r.IntN(4) == 0 {
						desc = firstSentence(s.Descriptions[lang])
					}
				}
			}
			text := []string{fmt.Sprintf(ph.intro, v.Title)}
			if len(named) > 0 {
				text = append(text, fmt.Sprintf(ph.task, strings.Join(named, ", ")))
			}
			if desc != "" {
				text = append(text, fmt.Sprintf(ph.desc, desc))
			}
			v.Description = strings.Join(text, " ")
			set.Vacancies = append(set.Vacancies, v)
			occOf[v.ID] = o
			set.Occupation[v.ID] = o.ID
		}
	}
	substitute := func(s *taxonomy.Concept) *taxonomy.Concept {
		var cands []*taxonomy.Concept
		for rs := range tx.Related(s) {
			cands = append(cands, rs)
		}
		if len(cands) == 0 {
			for p := range tx.Broader(s) {
				for sib := range tx.Narrower(p) {
					if sib != s && sib.Kind == taxonomy.KindSkill {
						cands = append(cands, sib)
					}
				}
			}
		}
		if len(cands) == 0 {
			return s
		}
		return cands[r.IntN(len(cands))]
	}
	// Neighbouring occupations: same ISCO minor group, other unit group.
	byMinor := map[string][]*taxonomy.Concept{}
	for o := range tx.All(taxonomy.KindOccupation) {
		if len(o.ISCOGroup) >= 4 {
			byMinor[o.ISCOGroup[:3]] = append(byMinor[o.ISCOGroup[:3]], o)
		}
	}
	profOcc := make([]*taxonomy.Concept, cfg.Profiles)
	for i := range cfg.Profiles {
		o := occs[r.IntN(len(occs))]
		profOcc[i] = o
		lang := pick(langs, []int{40, 35, 25})
		ph := matchingPhrases[lang]
		pl := places[r.IntN(len(places))]
		p := &sn.Profile{ID: "p" + strconv.Itoa(i), Lang: lang, Home: sn.Location{Place: pl.Name, Lat: pl.Lat, Lon: pl.Lon}}
		if r.IntN(2) == 0 {
			p.MaxDistanceKm = 40
		}
		var ess []*taxonomy.Concept
		for s, rel := range tx.Skills(o) {
			if rel == taxonomy.Essential {
				ess = append(ess, s)
			}
		}
		r.Shuffle(len(ess), func(a, b int) { ess[a], ess[b] = ess[b], ess[a] })
		keep := ess[:max(2, len(ess)*6/10)]
		seen := map[string]bool{}
		var cv []string
		add := func(c *taxonomy.Concept, textOnly bool) {
			if seen[c.ID] {
				return
			}
			seen[c.ID] = true
			if textOnly {
				cv = append(cv, label(c, lang, false))
				return
			}
			p.Skills = append(p.Skills, sn.ProfileSkill{ConceptID: c.ID})
			set.GivenSkills[p.ID] = append(set.GivenSkills[p.ID], c.ID)
		}
		for _, s := range keep {
			if r.IntN(5) == 0 {
				s = substitute(s)
			}
			add(s, r.IntN(3) == 0)
		}
		add(allSkills[r.IntN(len(allSkills))], false)
		add(allSkills[r.IntN(len(allSkills))], false)
		var text []string
		for _, c := range cv {
			text = append(text, fmt.Sprintf(ph.cv, c))
		}
		if r.IntN(10) < 6 {
			var near []*taxonomy.Concept
			for _, x := range byMinor[o.ISCOGroup[:3]] {
				if x.ISCOGroup != o.ISCOGroup {
					near = append(near, x)
				}
			}
			if len(near) > 0 {
				past := near[r.IntN(len(near))]
				p.PastOccupations = []string{past.ID}
				text = append(text, fmt.Sprintf(ph.past, label(past, lang, false)))
			}
		}
		p.CV = strings.Join(text, " ")
		set.Profiles = append(set.Profiles, p)
		set.Occupation[p.ID] = o.ID
	}
	grade := func(pi int, v *sn.Vacancy) int {
		p := set.Profiles[pi]
		if p.MaxDistanceKm > 0 && geo.DistanceKm(geo.Point{Lat: p.Home.Lat, Lon: p.Home.Lon}, geo.Point{Lat: v.Location.Lat, Lon: v.Location.Lon}) > p.MaxDistanceKm {
			return 0
		}
		return Relevance(profOcc[pi], occOf[v.ID])
	}
	for pi := range set.Profiles {
		q := eval.Qrels{}
		for _, v := range set.Vacancies {
			if g := grade(pi, v); g > 0 {
				q[v.ID] = g
			}
		}
		set.ProfileQrels = append(set.ProfileQrels, q)
	}
	set.VacancyQueries = r.Perm(len(set.Vacancies))[:cfg.VacancyQueries]
	slices.Sort(set.VacancyQueries)
	for _, vi := range set.VacancyQueries {
		q := eval.Qrels{}
		for pi, p := range set.Profiles {
			if g := grade(pi, set.Vacancies[vi]); g > 0 {
				q[p.ID] = g
			}
		}
		set.VacancyQrels = append(set.VacancyQrels, q)
	}
	return set, nil
}

// regionPlaces lists the municipalities of the partnership's region in
// the built-in gazetteer: Flanders, Brussels, Zeeland and Zuid-Holland.
func regionPlaces() []geo.Place {
	g := geo.Default()
	var out []geo.Place
	for _, name := range g.Municipalities("") {
		pl, err := g.Resolve(name, "")
		if err != nil {
			continue
		}
		switch pl.Region {
		case "VLG", "BRU", "ZL", "ZH":
			out = append(out, pl)
		}
	}
	slices.SortFunc(out, func(a, b geo.Place) int { return strings.Compare(a.Name, b.Name) })
	return out
}
