//go:build ignore

// gen writes the demo data set (vacancies.jsonl, profiles.jsonl,
// opportunities.jsonl) from the templates below and the starter taxonomy.
// It is deterministic: run "go generate ./demo" after changing it.
//
// Every employer, provider and person in the output is fictional; places
// are real municipalities of the region.
package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"time"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// base is the reference date of the data; the loader shifts all dates so
// that the newest posting is today.
var base = time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)

type occ struct {
	short      string
	weight     int
	sector     string
	activities []string
	edu        int
	licence    []string
	contracts  []string
}

var occs = []occ{
	{"dock-worker", 10, "port", []string{"outdoors", "physical", "machines"}, 2, nil, []string{"permanent", "interim"}},
	{"lasher", 6, "port", []string{"outdoors", "physical"}, 2, nil, []string{"interim", "permanent"}},
	{"straddle-driver", 6, "port", []string{"driving", "machines", "outdoors"}, 3, nil, []string{"permanent"}},
	{"crane-operator", 6, "port", []string{"machines", "outdoors"}, 3, nil, []string{"permanent"}},
	{"ship-planner", 3, "port", []string{"data", "organising"}, 5, nil, []string{"permanent"}},
	{"boatman", 3, "port", []string{"outdoors", "physical", "machines"}, 3, nil, []string{"permanent"}},
	{"customs-declarant", 4, "logistics", []string{"data", "organising"}, 4, nil, []string{"permanent"}},
	{"tally-clerk", 3, "port", []string{"data", "outdoors"}, 3, nil, []string{"permanent", "interim"}},
	{"forklift-driver", 14, "logistics", []string{"driving", "machines", "physical"}, 2, nil, []string{"interim", "permanent", "temporary"}},
	{"warehouse-worker", 14, "logistics", []string{"physical", "machines"}, 2, nil, []string{"interim", "permanent", "student"}},
	{"order-picker", 10, "logistics", []string{"physical"}, 1, nil, []string{"interim", "student", "temporary"}},
	{"packer", 5, "logistics", []string{"physical"}, 1, nil, []string{"interim", "student"}},
	{"warehouse-lead", 3, "logistics", []string{"people", "organising"}, 4, nil, []string{"permanent"}},
	{"logistics-planner", 5, "logistics", []string{"data", "organising"}, 5, nil, []string{"permanent"}},
	{"forwarder", 3, "logistics", []string{"data", "people"}, 5, nil, []string{"permanent"}},
	{"parcel-sorter", 4, "logistics", []string{"physical"}, 1, nil, []string{"student", "interim"}},
	{"truck-driver", 10, "transport", []string{"driving"}, 3, []string{"CE"}, []string{"permanent"}},
	{"delivery-driver", 7, "transport", []string{"driving", "people"}, 2, []string{"B"}, []string{"permanent", "interim"}},
	{"bus-driver", 3, "transport", []string{"driving", "people"}, 3, []string{"D"}, []string{"permanent"}},
	{"tanker-driver", 3, "transport", []string{"driving"}, 3, []string{"CE"}, []string{"permanent"}},
	{"process-operator", 9, "industry", []string{"machines", "data"}, 4, nil, []string{"permanent"}},
	{"control-room-operator", 3, "industry", []string{"data", "machines"}, 5, nil, []string{"permanent"}},
	{"production-operator", 10, "industry", []string{"machines", "physical"}, 3, nil, []string{"permanent", "interim"}},
	{"lab-technician", 3, "industry", []string{"data"}, 5, nil, []string{"permanent"}},
	{"food-operator", 4, "industry", []string{"machines", "physical"}, 2, nil, []string{"interim", "permanent"}},
	{"maintenance-technician", 9, "industry", []string{"machines", "creating"}, 4, nil, []string{"permanent"}},
	{"industrial-electrician", 6, "industry", []string{"machines", "creating"}, 4, nil, []string{"permanent"}},
	{"electrician", 4, "construction", []string{"creating", "outdoors"}, 3, nil, []string{"permanent"}},
	{"automation-technician", 3, "industry", []string{"machines", "data"}, 5, nil, []string{"permanent"}},
	{"heavy-equipment-mechanic", 4, "port", []string{"machines", "creating"}, 4, nil, []string{"permanent"}},
	{"welder", 8, "industry", []string{"creating", "machines", "physical"}, 3, nil, []string{"permanent", "interim"}},
	{"pipefitter", 4, "industry", []string{"creating", "physical"}, 3, nil, []string{"permanent", "interim"}},
	{"cnc-operator", 3, "industry", []string{"machines"}, 3, nil, []string{"permanent"}},
	{"scaffolder", 3, "construction", []string{"outdoors", "physical"}, 2, nil, []string{"interim", "permanent"}},
	{"insulator", 2, "industry", []string{"physical"}, 2, nil, []string{"permanent"}},
	{"construction-worker", 4, "construction", []string{"outdoors", "physical"}, 2, nil, []string{"permanent", "interim"}},
	{"nurse", 6, "care", []string{"caring", "people"}, 6, nil, []string{"permanent"}},
	{"care-assistant", 7, "care", []string{"caring", "people"}, 4, nil, []string{"permanent", "temporary"}},
	{"home-carer", 4, "care", []string{"caring", "people", "driving"}, 3, nil, []string{"permanent"}},
	{"childcare-worker", 3, "care", []string{"caring", "people", "creating"}, 4, nil, []string{"permanent"}},
	{"hospital-porter", 2, "care", []string{"people", "physical"}, 2, nil, []string{"permanent"}},
	{"cook", 5, "hospitality", []string{"creating", "physical"}, 3, nil, []string{"permanent", "student"}},
	{"kitchen-assistant", 4, "hospitality", []string{"physical"}, 1, nil, []string{"student", "interim"}},
	{"waiter", 4, "hospitality", []string{"people", "selling"}, 2, nil, []string{"student", "permanent"}},
	{"sales-assistant", 5, "retail", []string{"people", "selling"}, 2, nil, []string{"permanent", "student"}},
	{"cashier", 3, "retail", []string{"people", "selling"}, 2, nil, []string{"student", "permanent"}},
	{"shelf-stocker", 3, "retail", []string{"physical"}, 1, nil, []string{"student", "interim"}},
	{"cleaner", 6, "cleaning", []string{"physical"}, 1, nil, []string{"permanent", "interim"}},
	{"industrial-cleaner", 3, "cleaning", []string{"physical", "machines"}, 2, nil, []string{"permanent", "interim"}},
	{"domestic-cleaner", 3, "cleaning", []string{"physical", "people"}, 1, nil, []string{"permanent", "interim"}},
	{"security-guard", 3, "security", []string{"people", "outdoors"}, 3, nil, []string{"permanent"}},
	{"admin-assistant", 4, "services", []string{"data", "organising"}, 4, nil, []string{"permanent"}},
	{"call-center-agent", 3, "services", []string{"people", "data"}, 3, nil, []string{"permanent", "student"}},
	{"it-support", 3, "ict", []string{"data", "people"}, 5, nil, []string{"permanent"}},
	{"software-developer", 2, "ict", []string{"data", "creating"}, 6, nil, []string{"permanent"}},
	{"gardener", 2, "services", []string{"outdoors", "physical"}, 2, nil, []string{"permanent"}},
}

type place struct {
	name   string
	weight int
	region string // gent, antwerpen, zeeland, rotterdam
}

var places = []place{
	{"9000 Gent", 10, "gent"}, {"9042 Gent", 6, "gent"}, {"9040 Sint-Amandsberg", 2, "gent"}, {"9030 Mariakerke", 2, "gent"},
	{"Evergem", 4, "gent"}, {"Zelzate", 4, "gent"}, {"Lochristi", 2, "gent"}, {"Merelbeke", 2, "gent"},
	{"Eeklo", 2, "gent"}, {"Deinze", 2, "gent"}, {"Wetteren", 1, "gent"}, {"Lokeren", 2, "gent"},
	{"2000 Antwerpen", 8, "antwerpen"}, {"2030 Antwerpen", 6, "antwerpen"}, {"2040 Berendrecht", 3, "antwerpen"},
	{"2100 Deurne", 2, "antwerpen"}, {"2660 Hoboken", 2, "antwerpen"}, {"9120 Beveren", 3, "antwerpen"},
	{"Kallo", 3, "antwerpen"}, {"Zwijndrecht", 2, "antwerpen"}, {"Sint-Niklaas", 3, "antwerpen"},
	{"Mechelen", 2, "antwerpen"}, {"Schoten", 1, "antwerpen"}, {"Kapellen", 1, "antwerpen"},
	{"Terneuzen", 8, "zeeland"}, {"Sas van Gent", 3, "zeeland"}, {"Sluiskil", 3, "zeeland"}, {"Axel", 2, "zeeland"},
	{"Hulst", 2, "zeeland"}, {"Vlissingen", 3, "zeeland"}, {"Middelburg", 2, "zeeland"}, {"Goes", 1, "zeeland"},
	{"3011 Rotterdam", 6, "rotterdam"}, {"3089 Rotterdam", 5, "rotterdam"}, {"3199 Rotterdam", 3, "rotterdam"},
	{"Rozenburg", 2, "rotterdam"}, {"Schiedam", 3, "rotterdam"}, {"Vlaardingen", 2, "rotterdam"},
	{"Spijkenisse", 2, "rotterdam"}, {"Dordrecht", 2, "rotterdam"}, {"Barendrecht", 1, "rotterdam"},
	{"Capelle aan den IJssel", 1, "rotterdam"},
}

var employers = map[string][]string{
	"port":         {"Scheldeterminal NV", "Kanaalzone Stevedoring", "Portus Container Services", "Noordkaai Terminals", "Maasmond Terminal Services BV", "Dokzone Bulk"},
	"logistics":    {"Kanaalzone Logistics", "Schelde Distributie", "Delta Warehousing", "LeieLog BV", "Europoort Fulfilment BV", "Zeehaven Cold Storage"},
	"transport":    {"Transport Van Damme & Zonen", "Kanaalzone Trucking", "Scheldeland Koeriers", "Rijnmond Bulk Transport BV", "Gentse Stadsbus"},
	"industry":     {"Zeeuwse Procesindustrie BV", "Kanaalchemie NV", "Staalwerken Rodenhuize", "Polymerix Gent", "Botlek Process Services BV", "Voeding Ter Moere"},
	"construction": {"Bouwbedrijf De Zeug", "Steigerbouw Kanaalzone", "Elektro Verhaeghe", "Aannemer Maasstad BV"},
	"care":         {"Zorggroep Leiezicht", "WZC Ter Linde", "AZ Kanaalzone", "Thuiszorg Scheldeland", "Zorgcentrum Maaskant", "Kinderdagverblijf De Regenboog"},
	"hospitality":  {"Brasserie Het Dok", "Hotel Kanaalzicht", "Eethuis De Kaai", "Restaurant Maasboulevard"},
	"retail":       {"Buurtsuper Van Hecke", "Winkelcentrum Zuid", "Doe-het-zelf Schelde", "Supermarkt De Markthal"},
	"cleaning":     {"Net & Proper Schoonmaak", "Industriële Reiniging Kanaalzone", "Poetsdienst Leie", "Schoonmaakbedrijf Rijnmond BV"},
	"security":     {"Havenbewaking Schelde", "Securitas Kanaalzone"},
	"services":     {"Stad aan de Leie (fictief)", "Dienstencentrum Noord", "Groendienst Kanaalzone", "Klantcontact Delta"},
	"ict":          {"DataHaven BV", "Kanaalzone Digital", "PortIT Solutions"},
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func weighted[T any](r *rand.Rand, xs []T, w func(T) int) T {
	total := 0
	for _, x := range xs {
		total += w(x)
	}
	n := r.IntN(total)
	for _, x := range xs {
		if n -= w(x); n < 0 {
			return x
		}
	}
	return xs[len(xs)-1]
}

type gen struct {
	r  *rand.Rand
	tx *taxonomy.Taxonomy
}

// employer picks a fictional employer of the sector, with a Dutch "BV" in
// the Netherlands and none in Belgium when the sector has both.
func (g *gen) employer(sector, region string) string {
	nl := region == "rotterdam" || region == "zeeland"
	var fit []string
	for _, e := range employers[sector] {
		if strings.HasSuffix(e, " BV") == nl {
			fit = append(fit, e)
		}
	}
	if len(fit) == 0 {
		fit = employers[sector]
	}
	return pick(g.r, fit)
}

func (g *gen) concept(kind, short string) *taxonomy.Concept {
	k := taxonomy.KindSkill
	if kind == "occupation" {
		k = taxonomy.KindOccupation
	}
	c, ok := g.tx.Concept(starter.ID(k, short))
	if !ok {
		panic("no concept " + kind + " " + short)
	}
	return c
}

func (g *gen) label(c *taxonomy.Concept, lang string, alt bool) string {
	var ls []string
	for _, l := range c.Labels {
		if l.Lang == lang {
			ls = append(ls, l.Text)
		}
	}
	if len(ls) == 0 {
		s, _ := c.Name("nl")
		return s
	}
	if alt && len(ls) > 1 && g.r.IntN(2) == 0 {
		return pick(g.r, ls[1:min(len(ls), 4)])
	}
	return ls[0]
}

func (g *gen) skills(o *taxonomy.Concept) (ess, opt []*taxonomy.Concept) {
	for s, rel := range g.tx.Skills(o) {
		if rel == taxonomy.Essential {
			ess = append(ess, s)
		} else {
			opt = append(opt, s)
		}
	}
	return
}

func listNL(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " en " + xs[len(xs)-1]
}

func listFR(xs []string) string {
	s := listNL(xs)
	return strings.Replace(s, " en ", " et ", 1)
}

func listEN(xs []string) string {
	s := listNL(xs)
	return strings.Replace(s, " en ", " and ", 1)
}

var contractNL = map[string]string{"permanent": "een vast contract", "interim": "een interimcontract met uitzicht op vast", "temporary": "een contract van bepaalde duur",
	"student": "een studentenjob", "internship": "een stageplaats", "dual": "een plaats in duaal leren"}

func (g *gen) vacancy(i int) sn.Vacancy {
	r := g.r
	o := weighted(r, occs, func(o occ) int { return o.weight })
	p := weighted(r, places, func(p place) int { return p.weight })
	c := g.concept("occupation", o.short)
	ess, opt := g.skills(c)
	lang := "nl"
	switch {
	case p.region == "rotterdam" && r.IntN(6) == 0, o.sector == "ict" && r.IntN(2) == 0, o.short == "ship-planner" && r.IntN(2) == 0:
		lang = "en"
	case p.region != "rotterdam" && p.region != "zeeland" && r.IntN(9) == 0:
		lang = "fr"
	}
	title := g.label(c, lang, true)
	if lang == "nl" {
		title = strings.ToUpper(title[:1]) + title[1:]
		switch r.IntN(6) {
		case 0:
			title += " (m/v/x)"
		case 1:
			if p.region == "rotterdam" || p.region == "zeeland" {
				title += " (m/v)"
			} else {
				title += " M/V/X"
			}
		case 2:
			title += " – ploegensysteem"
		}
	} else {
		title = strings.ToUpper(title[:1]) + title[1:]
		if lang == "fr" && r.IntN(2) == 0 {
			title += " (h/f/x)"
		}
	}
	employer := g.employer(o.sector, p.region)
	town := strings.TrimLeft(p.name, "0123456789 ")
	nEss := min(len(ess), 3+r.IntN(3))
	r.Shuffle(len(ess), func(a, b int) { ess[a], ess[b] = ess[b], ess[a] })
	r.Shuffle(len(opt), func(a, b int) { opt[a], opt[b] = opt[b], opt[a] })
	mine := ess[:nEss]
	plus := opt[:min(len(opt), r.IntN(3))]
	names := func(cs []*taxonomy.Concept) []string {
		var out []string
		for _, s := range cs {
			out = append(out, g.label(s, lang, false))
		}
		return out
	}
	contract := pick(r, o.contracts)
	hours := []float64{38, 38, 36, 40, 32, 24, 19}[r.IntN(7)]
	if contract == "student" {
		hours = []float64{8, 12, 16}[r.IntN(3)]
	}
	var desc string
	switch lang {
	case "nl":
		desc = fmt.Sprintf("%s zoekt voor de vestiging in %s een gemotiveerde %s. ", employer, town, strings.ToLower(strings.Split(title, " (")[0]))
		desc += fmt.Sprintf("Je taken: %s. ", listNL(names(mine[:min(2, len(mine))])))
		if len(mine) > 2 {
			desc += fmt.Sprintf("Je hebt ervaring met %s. ", listNL(names(mine[2:])))
		}
		if len(plus) > 0 {
			desc += fmt.Sprintf("Kennis van %s is een pluspunt. ", listNL(names(plus)))
		}
		desc += fmt.Sprintf("Wij bieden %s van %g uur per week", contractNL[contract], hours)
		desc += pick(r, []string{", een correcte verloning en opleidingskansen.", " in een hecht team.", ", maaltijdcheques en een fietsvergoeding.", " en doorgroeimogelijkheden."})
	case "fr":
		desc = fmt.Sprintf("%s recherche pour son site de %s un(e) %s motivé(e). ", employer, town, strings.ToLower(strings.Split(title, " (")[0]))
		desc += fmt.Sprintf("Vos tâches : %s. ", listFR(names(mine[:min(2, len(mine))])))
		if len(mine) > 2 {
			desc += fmt.Sprintf("Vous avez de l'expérience en %s. ", listFR(names(mine[2:])))
		}
		desc += fmt.Sprintf("Nous offrons un contrat de %g heures par semaine. La connaissance du néerlandais est un atout.", hours)
	case "en":
		desc = fmt.Sprintf("%s is looking for a motivated %s at its %s site. ", employer, strings.ToLower(title), town)
		desc += fmt.Sprintf("Your tasks: %s. ", listEN(names(mine[:min(2, len(mine))])))
		if len(mine) > 2 {
			desc += fmt.Sprintf("You have experience with %s. ", listEN(names(mine[2:])))
		}
		desc += fmt.Sprintf("We offer %g hours a week in an international team.", hours)
	}
	posted := base.AddDate(0, 0, -r.IntN(35))
	v := sn.Vacancy{
		ID: fmt.Sprintf("demo-v%03d", i+1), Title: title, Description: desc, Lang: lang, Employer: employer,
		Location: sn.Location{Place: p.name}, Sector: o.sector, Contract: contract, HoursPerWeek: hours,
		Education: max(1, o.edu-r.IntN(2)), DrivingLicence: o.licence, Activities: o.activities,
		Posted: posted, Expires: posted.AddDate(0, 0, 30+r.IntN(45)), Source: "skillsnav-demo",
	}
	switch lang {
	case "nl":
		v.Languages = []sn.LanguageLevel{{Lang: "nl", Level: pick(r, []string{"B1", "B2", "A2"})}}
	case "fr":
		v.Languages = []sn.LanguageLevel{{Lang: "fr", Level: "B2"}, {Lang: "nl", Level: "A2"}}
	case "en":
		v.Languages = []sn.LanguageLevel{{Lang: "en", Level: "B2"}}
	}
	// About half the vacancies come with their skills and occupation; the
	// rest are left for the extractor to derive at load time.
	if r.IntN(2) == 0 {
		for _, s := range mine {
			v.Skills = append(v.Skills, sn.SkillReq{ConceptID: s.ID, Essential: true})
		}
		for _, s := range plus {
			v.Skills = append(v.Skills, sn.SkillReq{ConceptID: s.ID})
		}
		v.Occupation = c.ID
	} else if r.IntN(2) == 0 {
		v.Occupation = c.ID
	}
	return v
}

var firstJobsNL = []string{"Ik werkte %s als %s.", "Vroeger was ik %s %s.", "Ervaring: %s %s."}

func (g *gen) profile(i int) sn.Profile {
	r := g.r
	o := weighted(r, occs, func(o occ) int { return o.weight })
	p := weighted(r, places, func(p place) int { return p.weight })
	c := g.concept("occupation", o.short)
	ess, opt := g.skills(c)
	r.Shuffle(len(ess), func(a, b int) { ess[a], ess[b] = ess[b], ess[a] })
	pr := sn.Profile{ID: fmt.Sprintf("demo-p%03d", i+1), Home: sn.Location{Place: p.name},
		MaxDistanceKm: []float64{10, 15, 20, 25, 30, 40}[r.IntN(6)], Education: max(1, o.edu-r.IntN(3))}
	switch {
	case p.region == "rotterdam" || p.region == "zeeland":
		pr.Languages = []sn.LanguageLevel{{Lang: "nl", Level: "native"}}
	case r.IntN(5) == 0:
		pr.Languages = []sn.LanguageLevel{{Lang: "fr", Level: "native"}, {Lang: "nl", Level: pick(r, []string{"A2", "B1"})}}
	case r.IntN(5) == 0:
		pr.Languages = []sn.LanguageLevel{{Lang: pick(r, []string{"ar", "tr", "pl", "en"}), Level: "native"}, {Lang: "nl", Level: pick(r, []string{"A1", "A2", "B1"})}}
	default:
		pr.Languages = []sn.LanguageLevel{{Lang: "nl", Level: "native"}, {Lang: "en", Level: "B1"}}
	}
	if r.IntN(3) > 0 {
		pr.DrivingLicence = []string{"B"}
	}
	if o.licence != nil && r.IntN(2) == 0 {
		pr.DrivingLicence = append(pr.DrivingLicence, o.licence...)
	}
	// Skills: a part of the occupation's, sometimes an extra one.
	keep := ess[:min(len(ess), 1+r.IntN(max(1, len(ess)-1)))]
	for _, s := range keep {
		pr.Skills = append(pr.Skills, sn.ProfileSkill{ConceptID: s.ID, Level: 1 + r.IntN(3), Years: float64(r.IntN(6)), Source: pick(r, []string{"self", "self", "certified"})})
	}
	if len(opt) > 0 && r.IntN(2) == 0 {
		s := pick(r, opt)
		if !slices.ContainsFunc(pr.Skills, func(x sn.ProfileSkill) bool { return x.ConceptID == s.ID }) {
			pr.Skills = append(pr.Skills, sn.ProfileSkill{ConceptID: s.ID, Level: 1, Source: "self"})
		}
	}
	if r.IntN(2) == 0 {
		pr.PastOccupations = []string{c.ID}
	}
	// Wanted: often the same sector, sometimes another.
	w := weighted(r, occs, func(x occ) int {
		if x.sector == o.sector {
			return 3 * x.weight
		}
		return x.weight
	})
	pr.WantedOccupations = []string{starter.ID(taxonomy.KindOccupation, w.short)}
	pr.Interests = sn.Interests{Activities: w.activities[:1+r.IntN(len(w.activities))], Sectors: []string{w.sector}}
	pr.Availability = sn.Availability{HoursPerWeek: []float64{38, 38, 30, 19}[r.IntN(4)], Contracts: w.contracts}
	// A third write a short CV; the extractor derives skills from it.
	if r.IntN(3) == 0 {
		if pr.Languages[0].Lang == "fr" {
			pr.CV = fmt.Sprintf("J'ai travaillé comme %s. Je sais %s.", g.label(c, "fr", true), g.label(pick(r, ess), "fr", false))
			pr.Lang = "fr"
		} else {
			pr.CV = fmt.Sprintf(pick(r, firstJobsNL), pick(r, []string{"twee jaar", "een jaar", "zes maanden", ""}), g.label(c, "nl", true))
			pr.CV = strings.ReplaceAll(pr.CV, "  ", " ") + fmt.Sprintf(" Ik kan %s. Ik wil graag bijleren.", g.label(pick(r, ess), "nl", false))
			pr.Lang = "nl"
		}
		pr.CV = strings.ReplaceAll(pr.CV, "  ", " ")
	}
	return pr
}

type oppT struct {
	kind, title, provider, sector string
	occupations                   []string
	teaches                       []string
	requires                      []string
	days                          int
	cost                          float64
	minEdu                        int
}

var opps = []oppT{
	{"training", "Opleiding heftruckchauffeur", "Opleidingscentrum Haven Gent", "logistics", []string{"forklift-driver"}, []string{"forklift", "reach-truck", "safety-awareness"}, nil, 10, 0, 0},
	{"training", "Basisveiligheid VCA", "Veiligheidsacademie Kanaalzone", "industry", nil, []string{"vca", "ppe", "risk-assessment"}, nil, 2, 0, 0},
	{"training", "Lassen MIG/MAG voor starters", "Technisch Opleidingscentrum Schelde", "industry", []string{"welder"}, []string{"mig-mag", "welding", "metal-cutting"}, []string{"hand-tools"}, 60, 0, 0},
	{"training", "TIG-lassen gevorderden", "Technisch Opleidingscentrum Schelde", "industry", []string{"welder"}, []string{"tig", "pipe-welding"}, []string{"welding"}, 40, 0, 2},
	{"training", "Procesoperator chemie", "Procesacademie Kanaalzone", "industry", []string{"process-operator"}, []string{"process-control", "sampling", "pumps-valves", "field-operator-rounds"}, []string{"vca"}, 90, 0, 3},
	{"training", "Rijbewijs C en CE met code 95", "Rijschool Transportcentrum Delta", "transport", []string{"truck-driver"}, []string{"licence-c", "licence-ce", "code-95", "tachograph"}, []string{"licence-b"}, 45, 0, 0},
	{"training", "Orderpicking en magazijnbeheer", "Logistiek Leercentrum Antwerpen", "logistics", []string{"order-picker", "warehouse-worker"}, []string{"order-picking", "wms", "handscanner", "inventory"}, nil, 15, 0, 0},
	{"training", "Sjorren en lashen in de containerhaven", "Havenopleidingscentrum Antwerpen", "port", []string{"lasher", "dock-worker"}, []string{"lashing", "container-handling", "work-at-height"}, []string{"vca"}, 20, 0, 0},
	{"training", "Straddle carrier rijden", "Havenopleidingscentrum Antwerpen", "port", []string{"straddle-driver"}, []string{"straddle-carrier", "container-handling"}, []string{"forklift"}, 25, 0, 0},
	{"training", "Kraanbediening portaalkraan", "Havenopleidingscentrum Rotterdam", "port", []string{"crane-operator"}, []string{"crane-operation", "rigging"}, []string{"vca"}, 40, 0, 2},
	{"training", "Zorgkundige (verkort traject)", "Zorgacademie Leiezicht", "care", []string{"care-assistant"}, []string{"personal-care", "patient-transfer", "elderly-care", "hygiene-rules"}, nil, 120, 0, 2},
	{"training", "Eerste hulp op de werkvloer", "Rode Kruis-opleiding (fictief)", "services", nil, []string{"first-aid"}, nil, 2, 45, 0},
	{"training", "Nederlands op de werkvloer (NT2)", "Taalpunt Kanaalzone", "services", nil, []string{"lang-nl", "communication"}, nil, 60, 0, 0},
	{"training", "Excel en kantoorsoftware", "Digitaal Buurtpunt", "services", []string{"admin-assistant"}, []string{"excel", "office-software", "email"}, nil, 8, 0, 0},
	{"training", "Elektriciteit: laagspanning en veiligheid", "Technisch Opleidingscentrum Schelde", "industry", []string{"industrial-electrician", "electrician"}, []string{"electrical-installation", "electrical-safety", "low-voltage", "electrical-schematics"}, nil, 50, 0, 2},
	{"training", "PLC-programmeren", "Automatiseringscampus Gent", "industry", []string{"automation-technician"}, []string{"plc", "troubleshooting"}, []string{"electrical-schematics"}, 30, 250, 3},
	{"training", "Onderhoudstechnieken: hydrauliek en pneumatiek", "Technisch Opleidingscentrum Schelde", "industry", []string{"maintenance-technician"}, []string{"hydraulics", "pneumatics", "preventive-maintenance"}, []string{"hand-tools"}, 35, 0, 2},
	{"training", "Keukenmedewerker en hygiëne", "Horeca Leerwerkplek De Kaai", "hospitality", []string{"kitchen-assistant", "cook"}, []string{"food-prep", "hygiene-rules", "allergens", "dishwashing"}, nil, 20, 0, 0},
	{"training", "Industriële reiniging en besloten ruimtes", "Veiligheidsacademie Kanaalzone", "cleaning", []string{"industrial-cleaner"}, []string{"industrial-cleaning", "confined-spaces", "hazardous-substances"}, []string{"vca"}, 10, 0, 0},
	{"training", "ADR-basis en tanks", "Rijschool Transportcentrum Delta", "transport", []string{"tanker-driver"}, []string{"adr", "hazardous-substances"}, []string{"licence-ce"}, 5, 0, 0},
	{"bootcamp", "Code Bootcamp: webontwikkeling", "Kanaalzone Digital Academy", "ict", []string{"web-developer", "software-developer"}, []string{"javascript", "web-dev", "git", "programming"}, nil, 80, 0, 3},
	{"bootcamp", "Data bootcamp: SQL en Python", "DataHaven Academy", "ict", []string{"data-analyst"}, []string{"sql", "python", "data-analysis"}, []string{"excel"}, 60, 0, 4},
	{"bootcamp", "IT-support bootcamp", "PortIT Solutions Academy", "ict", []string{"it-support"}, []string{"it-support", "networks", "hardware"}, nil, 40, 0, 3},
	{"internship", "Stage magazijn en logistiek", "Kanaalzone Logistics", "logistics", []string{"warehouse-worker"}, []string{"receiving", "storage", "handscanner"}, nil, 40, 0, 0},
	{"internship", "Stage onderhoudstechniek", "Zeeuwse Procesindustrie BV", "industry", []string{"maintenance-technician"}, []string{"preventive-maintenance", "mechanics", "cmms"}, []string{"hand-tools"}, 60, 0, 3},
	{"internship", "Stage zorg in woonzorgcentrum", "WZC Ter Linde", "care", []string{"care-assistant"}, []string{"elderly-care", "empathy", "care-records"}, nil, 60, 0, 2},
	{"internship", "Stage keuken", "Hotel Kanaalzicht", "hospitality", []string{"cook"}, []string{"cooking", "food-prep"}, nil, 30, 0, 0},
	{"internship", "Stage planning en expeditie", "Delta Warehousing", "logistics", []string{"logistics-planner"}, []string{"logistics-planning", "shipping-documents", "erp"}, []string{"excel"}, 60, 0, 4},
	{"dual", "Duaal leren logistiek medewerker", "Scheldecampus (fictief)", "logistics", []string{"warehouse-worker", "forklift-driver"}, []string{"forklift", "order-picking", "inventory", "loading"}, nil, 300, 0, 0},
	{"dual", "Duaal leren elektrotechniek", "Scheldecampus (fictief)", "industry", []string{"industrial-electrician"}, []string{"electrical-installation", "electrical-measurement", "motors-drives"}, nil, 300, 0, 0},
	{"dual", "Duaal leren zorgkundige", "Zorgacademie Leiezicht", "care", []string{"care-assistant"}, []string{"personal-care", "nursing-care", "care-records"}, nil, 300, 0, 0},
	{"dual", "BBL procesoperator (mbo 3)", "Zeeuwse Procesindustrie BV", "industry", []string{"process-operator"}, []string{"process-control", "sampling", "work-permits"}, nil, 365, 0, 0},
	{"dual", "BBL lasser (mbo 2)", "Botlek Process Services BV", "industry", []string{"welder"}, []string{"welding", "mig-mag", "welding-certificate"}, nil, 365, 0, 0},
	{"job_shadowing", "Meeloopdag havenarbeider", "Portus Container Services", "port", []string{"dock-worker"}, []string{"port-operations"}, nil, 1, 0, 0},
	{"job_shadowing", "Snuffelstage vrachtwagenchauffeur", "Transport Van Damme & Zonen", "transport", []string{"truck-driver"}, []string{"vehicle-check"}, nil, 1, 0, 0},
	{"job_shadowing", "Meeloopdag verpleegkunde", "AZ Kanaalzone", "care", []string{"nurse"}, []string{"vital-signs"}, nil, 1, 0, 0},
	{"job_shadowing", "Proefdag procesoperator", "Kanaalchemie NV", "industry", []string{"process-operator"}, []string{"field-operator-rounds"}, nil, 1, 0, 0},
	{"programme", "Instapprogramma jonge havenarbeiders", "Noordkaai Terminals", "port", []string{"dock-worker", "lasher"}, []string{"lashing", "mooring", "vca", "port-operations"}, nil, 90, 0, 0},
	{"programme", "Traineeship logistiek planner", "Europoort Fulfilment BV", "logistics", []string{"logistics-planner"}, []string{"logistics-planning", "supply-chain", "erp"}, []string{"excel"}, 180, 0, 4},
	{"programme", "Leerwerktraject techniek voor nieuwkomers", "Staalwerken Rodenhuize", "industry", []string{"production-operator"}, []string{"production-machines", "lang-nl", "safety-awareness"}, nil, 120, 0, 0},
}

func (g *gen) opportunity(i int, t oppT) sn.Opportunity {
	r := g.r
	p := weighted(r, places, func(p place) int { return p.weight })
	if strings.Contains(t.provider, "Rotterdam") || strings.HasSuffix(t.provider, "BV") {
		p = weighted(r, places, func(p place) int {
			if p.region == "rotterdam" || p.region == "zeeland" {
				return p.weight
			}
			return 0
		})
	}
	start := base.AddDate(0, 0, 7+r.IntN(60))
	o := sn.Opportunity{ID: fmt.Sprintf("demo-o%03d", i+1), Kind: t.kind, Title: t.title, Lang: "nl", Provider: t.provider,
		Location: sn.Location{Place: p.name}, Sector: t.sector, Start: start, End: start.AddDate(0, 0, t.days), CostEUR: t.cost,
		TargetGroup: sn.TargetGroup{MinAge: 16, MaxAge: 26, MinEducation: t.minEdu}, URL: ""}
	if t.kind == "training" && r.IntN(3) == 0 {
		o.TargetGroup.MaxAge = 0
	}
	var names []string
	for _, s := range t.teaches {
		c := g.concept("skill", s)
		o.Teaches = append(o.Teaches, sn.SkillReq{ConceptID: c.ID, Essential: true})
		names = append(names, g.label(c, "nl", false))
	}
	for _, s := range t.requires {
		o.Requires = append(o.Requires, sn.SkillReq{ConceptID: g.concept("skill", s).ID, Essential: true})
	}
	for _, oc := range t.occupations {
		o.Occupations = append(o.Occupations, g.concept("occupation", oc).ID)
	}
	o.Description = fmt.Sprintf("%s in %s. Je leert %s. Duur: %d dagen.", t.title, strings.TrimLeft(p.name, "0123456789 "), listNL(names), t.days)
	return o
}

func write(name string, n int, f func(i int) any) {
	var b strings.Builder
	for i := range n {
		line, err := json.Marshal(f(i))
		if err != nil {
			panic(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		panic(err)
	}
}

func main() {
	tx, err := starter.Load(taxonomy.DefaultConfig())
	if err != nil {
		panic(err)
	}
	g := &gen{r: rand.New(rand.NewPCG(2026, 11)), tx: tx}
	write("vacancies.jsonl", 320, func(i int) any { return g.vacancy(i) })
	write("profiles.jsonl", 100, func(i int) any { return g.profile(i) })
	write("opportunities.jsonl", len(opps), func(i int) any { return g.opportunity(i, opps[i]) })
}
