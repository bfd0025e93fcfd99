package taxonomy

import (
	"fmt"
	"slices"
	"strings"
)

type relKind uint8

const (
	relOccupationSkill relKind = iota + 1
	relSkillSkill
	relBroader
)

type pendingRel struct {
	kind     relKind
	from, to string
	rel      Relation
}

// Builder collects concepts and relations and builds a [Taxonomy]. Loaders
// call it once per record; a concept may be added several times (once per
// language file) and its labels, descriptions and collections are merged.
// A Builder is not safe for concurrent use.
type Builder struct {
	prov     Provenance
	concepts []*Concept
	byID     map[string]int32
	rels     []pendingRel
}

// NewBuilder returns an empty builder. Concepts inherit prov unless they
// set their own.
func NewBuilder(prov Provenance) *Builder {
	return &Builder{prov: prov, byID: make(map[string]int32)}
}

// SetProvenance sets the provenance of the taxonomy and of the concepts
// created from now on.
func (b *Builder) SetProvenance(p Provenance) { b.prov = p }

// Provenance returns the builder's current provenance.
func (b *Builder) Provenance() Provenance { return b.prov }

// Len returns the number of concepts added so far.
func (b *Builder) Len() int { return len(b.concepts) }

// Concept returns the concept with id, creating it with kind when it is
// new, so that a loader can fill in its fields. Asking for an existing ID
// with another kind is an error.
func (b *Builder) Concept(id string, kind Kind) (*Concept, error) {
	id = strings.TrimSpace(id)
	if id == "" {
		return nil, fmt.Errorf("%w: empty concept ID", ErrInvalid)
	}
	if kind < KindSkill || kind > KindISCOGroup {
		return nil, fmt.Errorf("%w: concept %s: invalid kind %d", ErrInvalid, id, kind)
	}
	if i, ok := b.byID[id]; ok {
		c := b.concepts[i]
		if c.Kind != kind {
			return nil, fmt.Errorf("%w: concept %s is a %s, not a %s", ErrInvalid, id, c.Kind, kind)
		}
		return c, nil
	}
	c := &Concept{ID: id, Kind: kind, Provenance: b.prov, idx: int32(len(b.concepts))}
	b.byID[id] = c.idx
	b.concepts = append(b.concepts, c)
	return c, nil
}

// Concepts returns the concepts added so far, in order. Loaders and
// evaluations may change them before [Builder.Build].
func (b *Builder) Concepts() []*Concept { return b.concepts }

// Lookup returns a concept added earlier.
func (b *Builder) Lookup(id string) (*Concept, bool) {
	i, ok := b.byID[id]
	if !ok {
		return nil, false
	}
	return b.concepts[i], true
}

// AddLabel adds a label to the concept with id, which must exist. Labels
// are trimmed; duplicates in the same language are dropped. A second
// preferred label in a language becomes an alternative label.
func (b *Builder) AddLabel(id, lang string, typ LabelType, text string) error {
	c, ok := b.Lookup(id)
	if !ok {
		return fmt.Errorf("%w: label for unknown concept %s", ErrNotFound, id)
	}
	text = strings.Join(strings.Fields(text), " ")
	lang = strings.ToLower(strings.TrimSpace(lang))
	if text == "" {
		return nil
	}
	if lang == "" {
		return fmt.Errorf("%w: concept %s: label %q has no language", ErrInvalid, id, text)
	}
	if typ != Pref && typ != Alt {
		return fmt.Errorf("%w: concept %s: invalid label type %d", ErrInvalid, id, typ)
	}
	for i, l := range c.Labels {
		if l.Lang != lang {
			continue
		}
		if strings.EqualFold(l.Text, text) {
			if typ == Pref && l.Type == Alt && c.PrefLabel(lang) == "" {
				c.Labels[i].Type = Pref
			}
			return nil
		}
		if typ == Pref && l.Type == Pref {
			typ = Alt
		}
	}
	c.Labels = append(c.Labels, Label{Lang: lang, Type: typ, Text: text})
	return nil
}

// RemoveLabel removes the label of concept id in lang whose text equals
// text (ignoring case), and reports whether there was one. Evaluations use
// it to hold labels out of a taxonomy.
func (b *Builder) RemoveLabel(id, lang, text string) bool {
	c, ok := b.Lookup(id)
	if !ok {
		return false
	}
	for i, l := range c.Labels {
		if l.Lang == lang && strings.EqualFold(l.Text, text) {
			c.Labels = append(c.Labels[:i], c.Labels[i+1:]...)
			return true
		}
	}
	return false
}

// SetDescription sets the description of a concept in lang, unless it has
// one already.
func (b *Builder) SetDescription(id, lang, text string) {
	c, ok := b.Lookup(id)
	text = strings.TrimSpace(text)
	if !ok || text == "" {
		return
	}
	if c.Descriptions == nil {
		c.Descriptions = make(map[string]string)
	}
	if _, has := c.Descriptions[lang]; !has {
		c.Descriptions[lang] = text
	}
}

// AddToCollection adds the concept with id to a collection.
func (b *Builder) AddToCollection(id, name string) {
	c, ok := b.Lookup(id)
	name = strings.TrimSpace(name)
	if !ok || name == "" || slices.Contains(c.Collections, name) {
		return
	}
	c.Collections = append(c.Collections, name)
}

// AddOccupationSkill records that an occupation needs a skill. Both IDs
// are resolved at [Builder.Build]; relations to unknown concepts are
// dropped and counted in the [Report].
func (b *Builder) AddOccupationSkill(occupation, skill string, r Relation) {
	b.rels = append(b.rels, pendingRel{relOccupationSkill, occupation, skill, r})
}

// AddRelatedSkill records that skill from is related to skill to.
func (b *Builder) AddRelatedSkill(from, to string, r Relation) {
	b.rels = append(b.rels, pendingRel{relSkillSkill, from, to, r})
}

// AddBroader records that narrower is a narrower concept of broader, in
// either pillar (skill → skill group or broader skill; occupation → ISCO
// group or broader occupation; ISCO group → ISCO group).
func (b *Builder) AddBroader(narrower, broader string) {
	b.rels = append(b.rels, pendingRel{kind: relBroader, from: narrower, to: broader})
}

// MergeRelations adds the relations recorded in other to b. Concepts of
// other are not merged. It lets loaders parse relation files concurrently
// with concept files.
func (b *Builder) MergeRelations(other *Builder) {
	b.rels = append(b.rels, other.rels...)
	other.rels = nil
}

// Build resolves the relations, analyses every label and returns the
// immutable taxonomy. The builder must not be used afterwards.
func (b *Builder) Build(cfg Config) (*Taxonomy, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	t := &Taxonomy{
		prov:        b.prov,
		concepts:    b.concepts,
		byID:        b.byID,
		adj:         make([]adjacency, len(b.concepts)),
		collections: make(map[string][]int32),
		cfg:         cfg,
	}
	for _, c := range b.concepts {
		sortLabels(c.Labels)
		if c.Kind == KindSkill && c.SkillType == SkillTypeUnknown {
			if c.InCollection("language") {
				c.SkillType = Language
			} else if c.ReuseLevel == "transversal" || c.InCollection("transversal") {
				c.SkillType = Transversal
			}
		}
		for _, name := range c.Collections {
			t.collections[name] = append(t.collections[name], c.idx)
		}
	}
	if err := t.resolve(b.rels); err != nil {
		return nil, err
	}
	b.rels = nil
	if err := t.buildLookup(); err != nil {
		return nil, err
	}
	return t, nil
}

// sortLabels orders labels by language (Dutch, English, French, German,
// then the rest alphabetically), preferred labels first.
func sortLabels(ls []Label) {
	slices.SortStableFunc(ls, func(a, b Label) int {
		if ra, rb := slotOf(a.Lang), slotOf(b.Lang); ra != rb {
			return ra - rb
		}
		if a.Lang != b.Lang {
			return strings.Compare(a.Lang, b.Lang)
		}
		return int(a.Type) - int(b.Type)
	})
}
