// Package starter embeds the Skills Navigator starter taxonomy: the skills
// and occupations of the region's sectors (port and maritime, logistics and
// transport, chemistry and process industry, technical maintenance,
// construction, care, hospitality, retail, ICT) and the 21st-century skills
// that Skills Navigator is about, with labels in Dutch, English, French and
// German, the Dutch alternative labels people really write, occupation →
// essential/optional skill relations, related skills, skill groups and the
// ESCO URI as a cross-reference where the concept is the same.
//
// The taxonomy is the project's own work. Concept IDs look like
// "sn:skill:forklift" and "sn:occupation:forklift-driver" and are stable.
//
// # File format
//
// starter.txt is line-oriented UTF-8; '#' starts a comment line. Fields are
// separated by '|', labels within a language by ';' (preferred label
// first). Languages are given as "nl:", "en:", "fr:" or "de:" prefixes, and
// any other two- or three-letter code works too.
//
//	G <group> | nl: … | en: … | fr: … | de: …             skill group
//	S <skill> <type> <group> | nl: … | en: … | fr: … | de: …  skill
//	O <occupation> <isco> | nl: … | en: … | fr: … | de: …  occupation
//	E <occupation>: <skill> <skill> …                     essential skills
//	P <occupation>: <skill> <skill> …                     optional skills
//	R <skill>: <skill> <skill> …                          related skills
//	X <id> <uri>                                          same concept elsewhere (ESCO)
//
// <type> is c (skill/competence), k (knowledge), t (transversal) or l
// (language), optionally followed by +digital and/or +green. IDs in E, P,
// R and X lines are short IDs as declared by G, S and O lines.
package starter

import (
	"bufio"
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/skillsnavigator/skillsnav/taxonomy"
)

//go:embed starter.txt
var starterTxt []byte

// Version is the version of the embedded starter taxonomy.
const Version = "2026.11"

// Provenance of the starter taxonomy.
var Provenance = taxonomy.Provenance{Source: "skillsnav-starter", Version: Version}

// Load builds the embedded starter taxonomy.
func Load(cfg taxonomy.Config) (*taxonomy.Taxonomy, error) {
	b := taxonomy.NewBuilder(Provenance)
	if err := Read(b, "starter.txt", bytes.NewReader(starterTxt)); err != nil {
		return nil, err
	}
	return b.Build(cfg)
}

// ID returns the concept ID of a short ID of the given kind:
// ID(taxonomy.KindSkill, "forklift") is "sn:skill:forklift".
func ID(k taxonomy.Kind, short string) string { return "sn:" + k.String() + ":" + short }

var shortIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Read parses the starter format from r into b. name is used in errors,
// which give the line and column of the bad input.
func Read(b *taxonomy.Builder, name string, r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	kinds := map[string][]taxonomy.Kind{} // short ID → kinds declared with it
	type ref struct {
		line, col int
		from      string
		kind      byte
		to        []string
		cols      []int
	}
	var refs []ref
	line := 0
	fail := func(col int, format string, args ...any) error {
		return &taxonomy.ParseError{File: name, Line: line, Column: col, Err: fmt.Errorf(format, args...)}
	}
	for sc.Scan() {
		line++
		text := sc.Text()
		trimmed := strings.TrimSpace(text)
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		if len(text) < 2 || text[1] != ' ' {
			return fail(1, "want a record type (G, S, O, E, P, R or X) followed by a space")
		}
		switch text[0] {
		case 'G', 'S', 'O':
			fields := strings.Split(text[2:], "|")
			head := strings.Fields(fields[0])
			kind := map[byte]taxonomy.Kind{'G': taxonomy.KindSkillGroup, 'S': taxonomy.KindSkill, 'O': taxonomy.KindOccupation}[text[0]]
			want := map[byte]int{'G': 1, 'S': 3, 'O': 2}[text[0]]
			if len(head) != want {
				return fail(3, "%s record needs %d fields before the first '|', got %d", kind, want, len(head))
			}
			short := head[0]
			if !shortIDRE.MatchString(short) {
				return fail(3, "bad ID %q: use lower-case letters, digits and '-'", short)
			}
			if slices.Contains(kinds[short], kind) {
				return fail(3, "%s ID %q is declared twice", kind, short)
			}
			kinds[short] = append(kinds[short], kind)
			id := ID(kind, short)
			c, err := b.Concept(id, kind)
			if err != nil {
				return fail(3, "%v", err)
			}
			switch kind {
			case taxonomy.KindSkill:
				if err := skillType(b, c, head[1]); err != nil {
					return fail(strings.Index(text, head[1])+1, "%v", err)
				}
				refs = append(refs, ref{line: line, col: strings.Index(text, " "+head[2]) + 2, from: short, kind: 'B', to: []string{head[2]}, cols: []int{strings.Index(text, " "+head[2]) + 2}})
			case taxonomy.KindOccupation:
				if !regexp.MustCompile(`^\d{4}$`).MatchString(head[1]) {
					return fail(strings.Index(text, head[1])+1, "ISCO code %q must have 4 digits", head[1])
				}
				c.ISCOGroup = head[1]
			}
			col := 3 + len(fields[0])
			if len(fields) < 2 {
				return fail(len(text), "%s %s has no labels", kind, short)
			}
			for _, f := range fields[1:] {
				col++ // the '|'
				if err := labels(b, id, f); err != nil {
					return fail(col+len(f)-len(strings.TrimLeft(f, " ")), "%v", err)
				}
				col += len(f)
			}
			if c.PrefLabel("nl") == "" || c.PrefLabel("en") == "" {
				return fail(3, "%s %s needs at least a Dutch and an English label", kind, short)
			}
		case 'E', 'P', 'R':
			from, rest, ok := strings.Cut(text[2:], ":")
			if !ok {
				return fail(3, "want %c <id>: <id> <id> …", text[0])
			}
			r := ref{line: line, col: 3, from: strings.TrimSpace(from), kind: text[0]}
			off := 2 + len(from) + 1
			for _, f := range strings.Fields(rest) {
				r.to = append(r.to, f)
				r.cols = append(r.cols, off+strings.Index(text[off:], f)+1)
			}
			if len(r.to) == 0 {
				return fail(len(text), "no IDs after ':'")
			}
			refs = append(refs, r)
		case 'X':
			f := strings.Fields(text[2:])
			if len(f) != 2 || !strings.HasPrefix(f[1], "http") {
				return fail(3, "want X <id> <uri>")
			}
			refs = append(refs, ref{line: line, col: 3, from: f[0], kind: 'X', to: []string{f[1]}})
		default:
			return fail(1, "unknown record type %q (want G, S, O, E, P, R or X)", text[0])
		}
	}
	if err := sc.Err(); err != nil {
		return &taxonomy.ParseError{File: name, Line: line + 1, Err: err}
	}
	resolve := func(r ref, short string, want taxonomy.Kind, col int) (string, error) {
		ks := kinds[short]
		switch {
		case len(ks) == 0:
			return "", &taxonomy.ParseError{File: name, Line: r.line, Column: col, Err: fmt.Errorf("unknown ID %q", short)}
		case want == 0 && len(ks) > 1:
			return "", &taxonomy.ParseError{File: name, Line: r.line, Column: col, Err: fmt.Errorf("ID %q is ambiguous: it names a %s and a %s", short, ks[0], ks[1])}
		case want == 0:
			return ID(ks[0], short), nil
		case !slices.Contains(ks, want):
			return "", &taxonomy.ParseError{File: name, Line: r.line, Column: col, Err: fmt.Errorf("%q is a %s, want a %s", short, ks[0], want)}
		}
		return ID(want, short), nil
	}
	for _, r := range refs {
		switch r.kind {
		case 'B':
			from, _ := resolve(r, r.from, taxonomy.KindSkill, r.col)
			to, err := resolve(r, r.to[0], taxonomy.KindSkillGroup, r.cols[0])
			if err != nil {
				return err
			}
			b.AddBroader(from, to)
		case 'E', 'P':
			occ, err := resolve(r, r.from, taxonomy.KindOccupation, r.col)
			if err != nil {
				return err
			}
			rel := taxonomy.Essential
			if r.kind == 'P' {
				rel = taxonomy.Optional
			}
			for i, s := range r.to {
				sk, err := resolve(r, s, taxonomy.KindSkill, r.cols[i])
				if err != nil {
					return err
				}
				b.AddOccupationSkill(occ, sk, rel)
			}
		case 'R':
			from, err := resolve(r, r.from, taxonomy.KindSkill, r.col)
			if err != nil {
				return err
			}
			for i, s := range r.to {
				to, err := resolve(r, s, taxonomy.KindSkill, r.cols[i])
				if err != nil {
					return err
				}
				b.AddRelatedSkill(from, to, taxonomy.Optional)
				b.AddRelatedSkill(to, from, taxonomy.Optional)
			}
		case 'X':
			id, err := resolve(r, r.from, 0, r.col)
			if err != nil {
				return err
			}
			c, _ := b.Lookup(id)
			c.SameAs = append(c.SameAs, r.to[0])
		}
	}
	return nil
}

func skillType(b *taxonomy.Builder, c *taxonomy.Concept, s string) error {
	parts := strings.Split(s, "+")
	switch parts[0] {
	case "c":
		c.SkillType = taxonomy.Competence
	case "k":
		c.SkillType = taxonomy.Knowledge
	case "t":
		c.SkillType = taxonomy.Transversal
		c.ReuseLevel = "transversal"
		b.AddToCollection(c.ID, "transversal")
	case "l":
		c.SkillType = taxonomy.Language
		b.AddToCollection(c.ID, "language")
	default:
		return fmt.Errorf("skill type %q: want c, k, t or l", parts[0])
	}
	for _, p := range parts[1:] {
		switch p {
		case "digital", "green":
			b.AddToCollection(c.ID, p)
		default:
			return fmt.Errorf("unknown collection %q: want +digital or +green", p)
		}
	}
	return nil
}

var langRE = regexp.MustCompile(`^[a-z]{2,3}$`)

// labels parses " nl: pref; alt; alt " into labels of concept id.
func labels(b *taxonomy.Builder, id, f string) error {
	lang, list, ok := strings.Cut(f, ":")
	lang = strings.TrimSpace(lang)
	if !ok || !langRE.MatchString(lang) {
		return errors.New(`want "<lang>: label; label"`)
	}
	for i, l := range strings.Split(list, ";") {
		l = strings.TrimSpace(l)
		if l == "" {
			if i == 0 {
				return fmt.Errorf("empty preferred label for %q", lang)
			}
			continue
		}
		typ := taxonomy.Alt
		if i == 0 {
			typ = taxonomy.Pref
		}
		if err := b.AddLabel(id, lang, typ, l); err != nil {
			return err
		}
	}
	return nil
}
