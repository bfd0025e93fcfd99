package taxonomy

import (
	"fmt"
	"strings"
)

// Kind is the kind of a concept.
type Kind uint8

// The kinds of concepts.
const (
	KindSkill Kind = iota + 1
	KindOccupation
	KindSkillGroup
	KindISCOGroup
)

var kindNames = [...]string{KindSkill: "skill", KindOccupation: "occupation", KindSkillGroup: "skillgroup", KindISCOGroup: "iscogroup"}

// Kinds lists every kind, in order.
var Kinds = []Kind{KindSkill, KindOccupation, KindSkillGroup, KindISCOGroup}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// ParseKind parses "skill", "occupation", "skillgroup" or "iscogroup"
// (case-insensitive; "skill-group", "isco-group" and "isco" are accepted too).
func ParseKind(s string) (Kind, error) {
	switch strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "-", "")) {
	case "skill":
		return KindSkill, nil
	case "occupation":
		return KindOccupation, nil
	case "skillgroup":
		return KindSkillGroup, nil
	case "iscogroup", "isco":
		return KindISCOGroup, nil
	}
	return 0, fmt.Errorf("%w: unknown kind %q (want skill, occupation, skillgroup or iscogroup)", ErrInvalid, s)
}

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// SkillType says what sort of skill a skill concept is.
type SkillType uint8

// The skill types. ESCO's skill/competence and knowledge, plus the two
// groups that Skills Navigator reports on separately: languages and
// transversal (21st-century) skills.
const (
	SkillTypeUnknown SkillType = iota
	Competence
	Knowledge
	Language
	Transversal
)

var skillTypeNames = [...]string{"", "skill/competence", "knowledge", "language", "transversal"}

func (t SkillType) String() string {
	if int(t) < len(skillTypeNames) {
		return skillTypeNames[t]
	}
	return fmt.Sprintf("SkillType(%d)", uint8(t))
}

// MarshalText implements encoding.TextMarshaler.
func (t SkillType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// ParseSkillType parses the names that String returns; "skill" and
// "competence" mean [Competence], and the empty string [SkillTypeUnknown].
func ParseSkillType(s string) (SkillType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return SkillTypeUnknown, nil
	case "skill/competence", "skill", "competence":
		return Competence, nil
	case "knowledge":
		return Knowledge, nil
	case "language":
		return Language, nil
	case "transversal":
		return Transversal, nil
	}
	return 0, fmt.Errorf("%w: unknown skill type %q", ErrInvalid, s)
}

// LabelType says whether a label is the preferred one of its language.
type LabelType uint8

// The label types.
const (
	Pref LabelType = iota + 1
	Alt
)

func (t LabelType) String() string {
	switch t {
	case Pref:
		return "pref"
	case Alt:
		return "alt"
	}
	return fmt.Sprintf("LabelType(%d)", uint8(t))
}

// MarshalText implements encoding.TextMarshaler.
func (t LabelType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// Label is a name of a concept in one language.
type Label struct {
	Lang string    `json:"lang"`
	Type LabelType `json:"type"`
	Text string    `json:"text"`
}

// Provenance records where a concept or taxonomy comes from.
type Provenance struct {
	// Source names the origin, such as "esco" or "skillsnav-starter".
	Source string `json:"source"`
	// Version is the source's version, such as "1.1.1".
	Version string `json:"version,omitempty"`
	// LabelSources optionally says, per language, where the labels came
	// from when that differs from Source (the ESCO extract mixes versions).
	LabelSources map[string]string `json:"label_sources,omitempty"`
}

// Concept is a skill, occupation, skill group or ISCO group. Concepts
// returned by a [Taxonomy] are shared and must not be modified.
type Concept struct {
	// ID is stable: the ESCO URI for ESCO concepts.
	ID   string `json:"id"`
	Kind Kind   `json:"kind"`
	// SkillType is set for skills.
	SkillType SkillType `json:"skill_type,omitempty"`
	// ReuseLevel is ESCO's reuse level of a skill: transversal,
	// cross-sector, sector-specific or occupation-specific.
	ReuseLevel string `json:"reuse_level,omitempty"`
	// Code is the concept's notation: the ISCO code of an ISCO group, the
	// ESCO code of an occupation (8344.1), the code of a skill group.
	Code string `json:"code,omitempty"`
	// ISCOGroup is the 4-digit ISCO-08 code of an occupation.
	ISCOGroup string `json:"isco_group,omitempty"`
	// Labels holds every label, preferred labels first within a language.
	Labels []Label `json:"labels"`
	// Descriptions per language.
	Descriptions map[string]string `json:"descriptions,omitempty"`
	// Collections the concept belongs to: digital, green, transversal,
	// language, research, digComp, or any other name a source uses.
	Collections []string `json:"collections,omitempty"`
	// SameAs lists IDs of the same concept elsewhere, such as the ESCO URI
	// of a starter concept.
	SameAs     []string   `json:"same_as,omitempty"`
	Provenance Provenance `json:"provenance"`

	idx int32
}

// PrefLabel returns the preferred label in lang, or "" when there is none.
func (c *Concept) PrefLabel(lang string) string {
	for _, l := range c.Labels {
		if l.Lang == lang && l.Type == Pref {
			return l.Text
		}
	}
	return ""
}

// AltLabels returns the alternative labels in lang.
func (c *Concept) AltLabels(lang string) []string {
	var out []string
	for _, l := range c.Labels {
		if l.Lang == lang && l.Type == Alt {
			out = append(out, l.Text)
		}
	}
	return out
}

// Name returns the preferred label in the first of langs that has one,
// falling back to Dutch, English, French, German and then any language,
// and the language it is in. It returns the ID when the concept has no
// preferred label at all.
func (c *Concept) Name(langs ...string) (text, lang string) {
	for _, l := range append(langs, "nl", "en", "fr", "de") {
		if t := c.PrefLabel(l); t != "" {
			return t, l
		}
	}
	for _, l := range c.Labels {
		if l.Type == Pref {
			return l.Text, l.Lang
		}
	}
	return c.ID, ""
}

// Languages returns the languages the concept has a preferred label in.
func (c *Concept) Languages() []string {
	var out []string
	for _, l := range c.Labels {
		if l.Type == Pref {
			out = append(out, l.Lang)
		}
	}
	return out
}

// InCollection reports whether the concept belongs to collection name.
func (c *Concept) InCollection(name string) bool {
	for _, n := range c.Collections {
		if n == name {
			return true
		}
	}
	return false
}

// Relation qualifies an occupation → skill or skill → skill relation.
type Relation uint8

// The relations.
const (
	Essential Relation = iota + 1
	Optional
)

func (r Relation) String() string {
	switch r {
	case Essential:
		return "essential"
	case Optional:
		return "optional"
	}
	return fmt.Sprintf("Relation(%d)", uint8(r))
}

// MarshalText implements encoding.TextMarshaler.
func (r Relation) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// ParseRelation parses "essential" or "optional".
func ParseRelation(s string) (Relation, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "essential":
		return Essential, nil
	case "optional":
		return Optional, nil
	}
	return 0, fmt.Errorf("%w: unknown relation %q (want essential or optional)", ErrInvalid, s)
}

// Ref is a related concept with the kind of relation.
type Ref struct {
	Concept  *Concept
	Relation Relation
}
