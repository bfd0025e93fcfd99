package taxonomy

import (
	"fmt"
	"iter"
	"sort"
	"strings"

	"github.com/skillsnavigator/skillsnav/analysis"
)

// Config configures how a taxonomy is built.
type Config struct {
	// Fuzzy enables typo-tolerant lookup (heftruk → heftruck). It costs
	// memory for a deletion index of the vocabulary. Default true.
	Fuzzy bool
	// Protected are extra folded terms that the analysis chains must never
	// stem or split, added to [analysis.DefaultProtected].
	Protected []string
	// NoCompoundSplitting turns Dutch and German compound splitting off
	// in every chain (to measure what it contributes). Default false.
	NoCompoundSplitting bool
}

// DefaultConfig returns the default configuration.
func DefaultConfig() Config { return Config{Fuzzy: true} }

// Validate reports whether c is usable.
func (c Config) Validate() error {
	for i, p := range c.Protected {
		if p == "" || analysis.Fold(p) != p {
			return fmt.Errorf("%w: Config.Protected[%d] = %q must be non-empty and folded", ErrInvalid, i, p)
		}
	}
	return nil
}

type edge struct {
	to  int32
	rel Relation
}

// adjacency holds a concept's relations, by concept index.
type adjacency struct {
	skills      []edge // occupation → skills
	occupations []edge // skill → occupations that need it
	related     []edge // skill → related skills
	broader     []int32
	narrower    []int32
}

// Taxonomy is an immutable set of concepts and relations. It is safe for
// concurrent use.
type Taxonomy struct {
	prov        Provenance
	cfg         Config
	concepts    []*Concept
	byID        map[string]int32
	adj         []adjacency
	collections map[string][]int32
	report      Report
	lookup      *lookupIndex
}

// Report says what a build dropped from its input.
type Report struct {
	// DroppedRelations counts relations whose ends are not in the taxonomy
	// (ESCO v1.1.1 has such rows, for example), or that join the wrong
	// kinds of concepts.
	DroppedRelations int `json:"dropped_relations"`
	// Reasons counts the dropped relations by kind of relation and reason,
	// such as "occupation-skill: unknown source".
	Reasons map[string]int `json:"reasons,omitempty"`
	// Examples describes up to ten dropped relations.
	Examples []string `json:"examples,omitempty"`
}

// Provenance returns where the taxonomy comes from.
func (t *Taxonomy) Provenance() Provenance { return t.prov }

// Report returns what the build dropped.
func (t *Taxonomy) Report() Report { return t.report }

// Len returns the number of concepts.
func (t *Taxonomy) Len() int { return len(t.concepts) }

// Concept returns the concept with id.
func (t *Taxonomy) Concept(id string) (*Concept, bool) {
	i, ok := t.byID[id]
	if !ok {
		return nil, false
	}
	return t.concepts[i], true
}

// MustConcept returns the concept with id or an error wrapping
// [ErrNotFound] that names the ID.
func (t *Taxonomy) MustConcept(id string) (*Concept, error) {
	if c, ok := t.Concept(id); ok {
		return c, nil
	}
	return nil, fmt.Errorf("%w: %q", ErrNotFound, id)
}

// All iterates over every concept of kind k (or of every kind when k is 0),
// in the order they were added.
func (t *Taxonomy) All(k Kind) iter.Seq[*Concept] {
	return func(yield func(*Concept) bool) {
		for _, c := range t.concepts {
			if (k == 0 || c.Kind == k) && !yield(c) {
				return
			}
		}
	}
}

func (t *Taxonomy) edges(es []edge) iter.Seq2[*Concept, Relation] {
	return func(yield func(*Concept, Relation) bool) {
		for _, e := range es {
			if !yield(t.concepts[e.to], e.rel) {
				return
			}
		}
	}
}

func (t *Taxonomy) nodes(ns []int32) iter.Seq[*Concept] {
	return func(yield func(*Concept) bool) {
		for _, n := range ns {
			if !yield(t.concepts[n]) {
				return
			}
		}
	}
}

// Skills iterates over the skills of occupation c with their relation,
// essential skills first.
func (t *Taxonomy) Skills(c *Concept) iter.Seq2[*Concept, Relation] {
	return t.edges(t.adj[c.idx].skills)
}

// Occupations iterates over the occupations that need skill c, with the
// relation, essential first.
func (t *Taxonomy) Occupations(c *Concept) iter.Seq2[*Concept, Relation] {
	return t.edges(t.adj[c.idx].occupations)
}

// Related iterates over the skills related to skill c.
func (t *Taxonomy) Related(c *Concept) iter.Seq2[*Concept, Relation] {
	return t.edges(t.adj[c.idx].related)
}

// Broader iterates over the broader concepts of c.
func (t *Taxonomy) Broader(c *Concept) iter.Seq[*Concept] { return t.nodes(t.adj[c.idx].broader) }

// Narrower iterates over the narrower concepts of c.
func (t *Taxonomy) Narrower(c *Concept) iter.Seq[*Concept] { return t.nodes(t.adj[c.idx].narrower) }

// Collection iterates over the members of a collection.
func (t *Taxonomy) Collection(name string) iter.Seq[*Concept] { return t.nodes(t.collections[name]) }

// Collections returns the names of the collections, sorted.
func (t *Taxonomy) Collections() []string {
	out := make([]string, 0, len(t.collections))
	for n := range t.collections {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Index returns the dense index of c in t, between 0 and Len()-1, for
// callers that keep per-concept arrays (the matcher's vectors).
func (t *Taxonomy) Index(c *Concept) int { return int(c.idx) }

// At returns the concept at dense index i.
func (t *Taxonomy) At(i int) *Concept { return t.concepts[i] }

func (t *Taxonomy) resolve(rels []pendingRel) error {
	relName := map[relKind]string{relOccupationSkill: "occupation-skill", relSkillSkill: "skill-skill", relBroader: "broader"}
	drop := func(r pendingRel, why string) {
		t.report.DroppedRelations++
		if t.report.Reasons == nil {
			t.report.Reasons = map[string]int{}
		}
		reason := why
		if strings.HasPrefix(why, "unknown concept") {
			reason = "unknown target"
			if _, ok := t.byID[r.from]; !ok {
				reason = "unknown source"
			}
		} else if strings.Contains(why, "relation between") {
			reason = "wrong kinds"
		}
		t.report.Reasons[relName[r.kind]+": "+reason]++
		if len(t.report.Examples) < 10 {
			t.report.Examples = append(t.report.Examples, fmt.Sprintf("%s → %s: %s", r.from, r.to, why))
		}
	}
	seen := make(map[[2]int32]struct{}, len(rels))
	for _, r := range rels {
		fi, ok1 := t.byID[r.from]
		ti, ok2 := t.byID[r.to]
		if !ok1 || !ok2 {
			missing := r.from
			if ok1 {
				missing = r.to
			}
			drop(r, "unknown concept "+missing)
			continue
		}
		if fi == ti {
			drop(r, "relation to itself")
			continue
		}
		from, to := t.concepts[fi], t.concepts[ti]
		key := [2]int32{fi, ti}
		switch r.kind {
		case relOccupationSkill:
			if from.Kind != KindOccupation || to.Kind != KindSkill {
				drop(r, fmt.Sprintf("occupation-skill relation between a %s and a %s", from.Kind, to.Kind))
				continue
			}
			if _, dup := seen[key]; dup {
				continue
			}
			seen[key] = struct{}{}
			t.adj[fi].skills = append(t.adj[fi].skills, edge{ti, r.rel})
			t.adj[ti].occupations = append(t.adj[ti].occupations, edge{fi, r.rel})
		case relSkillSkill:
			if from.Kind != KindSkill || to.Kind != KindSkill {
				drop(r, fmt.Sprintf("skill-skill relation between a %s and a %s", from.Kind, to.Kind))
				continue
			}
			t.adj[fi].related = append(t.adj[fi].related, edge{ti, r.rel})
		case relBroader:
			t.adj[fi].broader = append(t.adj[fi].broader, ti)
			t.adj[ti].narrower = append(t.adj[ti].narrower, fi)
		}
	}
	essentialFirst := func(es []edge) {
		sort.SliceStable(es, func(i, j int) bool { return es[i].rel < es[j].rel })
	}
	for i := range t.adj {
		essentialFirst(t.adj[i].skills)
		essentialFirst(t.adj[i].occupations)
		essentialFirst(t.adj[i].related)
	}
	return nil
}

// Stats counts a taxonomy's content.
type Stats struct {
	Concepts int `json:"concepts"`
	// Kinds counts concepts per kind.
	Kinds map[string]int `json:"kinds"`
	// PrefLabels counts, per kind and language, the concepts with a
	// preferred label in that language.
	PrefLabels map[string]map[string]int `json:"pref_labels"`
	// AltLabels counts alternative labels per kind and language.
	AltLabels           map[string]map[string]int `json:"alt_labels"`
	OccupationSkills    int                       `json:"occupation_skill_relations"`
	EssentialSkills     int                       `json:"essential_relations"`
	SkillSkillRelations int                       `json:"skill_skill_relations"`
	BroaderRelations    int                       `json:"broader_relations"`
	Collections         map[string]int            `json:"collections"`
	DroppedRelations    int                       `json:"dropped_relations"`
	LookupVocabulary    int                       `json:"lookup_vocabulary"`
	LookupLabels        int                       `json:"lookup_labels"`
	SkillTypes          map[string]int            `json:"skill_types"`
	Source              Provenance                `json:"provenance"`
}

// Stats counts the concepts, labels and relations of t.
func (t *Taxonomy) Stats() Stats {
	s := Stats{
		Concepts:         len(t.concepts),
		Kinds:            map[string]int{},
		PrefLabels:       map[string]map[string]int{},
		AltLabels:        map[string]map[string]int{},
		Collections:      map[string]int{},
		SkillTypes:       map[string]int{},
		DroppedRelations: t.report.DroppedRelations,
		Source:           t.prov,
	}
	for _, c := range t.concepts {
		k := c.Kind.String()
		s.Kinds[k]++
		if c.Kind == KindSkill {
			s.SkillTypes[c.SkillType.String()]++
		}
		for _, l := range c.Labels {
			m := s.PrefLabels
			if l.Type == Alt {
				m = s.AltLabels
			}
			if m[k] == nil {
				m[k] = map[string]int{}
			}
			m[k][l.Lang]++
		}
	}
	for _, a := range t.adj {
		s.OccupationSkills += len(a.skills)
		for _, e := range a.skills {
			if e.rel == Essential {
				s.EssentialSkills++
			}
		}
		s.SkillSkillRelations += len(a.related)
		s.BroaderRelations += len(a.broader)
	}
	for n, m := range t.collections {
		s.Collections[n] = len(m)
	}
	if t.lookup != nil {
		s.LookupVocabulary = len(t.lookup.words)
		s.LookupLabels = len(t.lookup.labels)
	}
	return s
}
