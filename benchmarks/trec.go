package benchmarks

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/benchmarks/eval"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/matcher"
	"github.com/skillsnavigator/skillsnav/taxonomy"
)

// ErrDataset is wrapped by the errors of a malformed external dataset.
var ErrDataset = errors.New("malformed dataset")

// Dataset is an external ranking dataset in the trec_eval style (see
// benchmarks/README.md): queries, a corpus, and graded qrels.
type Dataset struct {
	Name    string
	Queries []TSVRow
	// Corpus holds the elements' texts; empty means the corpus is the
	// taxonomy's concepts (element IDs are concept IDs).
	Corpus []TSVRow
	// Concepts maps an element to the taxonomy concepts it holds
	// (optional; without it skillsnav derives them from the text).
	Concepts map[string][]string
	Qrels    map[string]eval.Qrels
}

// TSVRow is an id<TAB>text line.
type TSVRow struct{ ID, Text string }

// ParseTSV reads id<TAB>text lines; name is used in errors. Empty lines
// and lines starting with # are skipped.
func ParseTSV(r io.Reader, name string) ([]TSVRow, error) {
	var out []TSVRow
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, text, ok := strings.Cut(line, "\t")
		id = strings.TrimSpace(id)
		switch {
		case !ok:
			return nil, fmt.Errorf("%w: %s:%d: no tab between id and text", ErrDataset, name, n)
		case id == "":
			return nil, fmt.Errorf("%w: %s:%d: empty id", ErrDataset, name, n)
		}
		out = append(out, TSVRow{id, text})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrDataset, name, err)
	}
	return out, nil
}

// ParseQrels reads trec_eval qrels lines: query_id iteration element_id
// relevance, separated by white space.
func ParseQrels(r io.Reader, name string) (map[string]eval.Qrels, error) {
	out := map[string]eval.Qrels{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) != 4 {
			return nil, fmt.Errorf("%w: %s:%d: want 4 fields (query_id 0 element_id relevance), got %d", ErrDataset, name, n, len(f))
		}
		rel, err := strconv.Atoi(f[3])
		if err != nil || rel < -1 || rel > 1000 {
			return nil, fmt.Errorf("%w: %s:%d: relevance %q is not an integer from -1 to 1000", ErrDataset, name, n, f[3])
		}
		q := out[f[0]]
		if q == nil {
			q = eval.Qrels{}
			out[f[0]] = q
		}
		q[f[2]] = rel
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrDataset, name, err)
	}
	return out, nil
}

// unique reports the first ID of rows that repeats.
func unique(rows []TSVRow, name string) error {
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r.ID] {
			return fmt.Errorf("%w: %s: id %q appears twice", ErrDataset, name, r.ID)
		}
		seen[r.ID] = true
	}
	return nil
}

// ReadDataset reads a dataset folder: queries.tsv, qrels (or qrels.txt),
// and optionally corpus.tsv and concepts.tsv.
func ReadDataset(dir string) (*Dataset, error) {
	d := &Dataset{Name: filepath.Base(dir), Concepts: map[string][]string{}}
	open := func(names ...string) (*os.File, string, error) {
		for _, n := range names {
			f, err := os.Open(filepath.Join(dir, n))
			if err == nil {
				return f, n, nil
			}
			if !errors.Is(err, os.ErrNotExist) {
				return nil, n, err
			}
		}
		return nil, "", nil
	}
	f, name, err := open("queries.tsv")
	if err != nil {
		return nil, err
	}
	if f == nil {
		return nil, fmt.Errorf("%w: %s has no queries.tsv", ErrDataset, dir)
	}
	d.Queries, err = ParseTSV(f, name)
	f.Close()
	if err == nil {
		err = unique(d.Queries, name)
	}
	if err != nil {
		return nil, err
	}
	if f, name, err = open("qrels", "qrels.txt", "qrels.tsv"); err != nil {
		return nil, err
	} else if f == nil {
		return nil, fmt.Errorf("%w: %s has no qrels file", ErrDataset, dir)
	}
	d.Qrels, err = ParseQrels(f, name)
	f.Close()
	if err != nil {
		return nil, err
	}
	if f, name, err = open("corpus.tsv"); err != nil {
		return nil, err
	} else if f != nil {
		d.Corpus, err = ParseTSV(f, name)
		f.Close()
		if err == nil {
			err = unique(d.Corpus, name)
		}
		if err != nil {
			return nil, err
		}
	}
	if f, name, err = open("concepts.tsv"); err != nil {
		return nil, err
	} else if f != nil {
		rows, err := ParseTSV(f, name)
		f.Close()
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			d.Concepts[r.ID] = append(d.Concepts[r.ID], strings.TrimSpace(r.Text))
		}
	}
	return d, nil
}

// DatasetResults are the scores of every method on an external dataset.
type DatasetResults struct {
	Dataset  string          `json:"dataset"`
	Corpus   string          `json:"corpus"` // "text" or "taxonomy"
	Queries  int             `json:"queries"`
	Elements int             `json:"elements"`
	Machine  Machine         `json:"machine"`
	Started  time.Time       `json:"started"`
	Methods  []DatasetMethod `json:"methods"`
}

// DatasetMethod is one method's trec_eval means.
type DatasetMethod struct {
	Method  string       `json:"method"`
	Kind    string       `json:"kind"`
	Summary eval.Summary `json:"summary"`
}

// RunDataset reads the dataset in dir and ranks it with skillsnav (over
// taxonomy tx) and the baselines. With a corpus.tsv, every element
// becomes a vacancy (its concepts from concepts.tsv, else derived from
// its text) and every query a profile whose skills are derived from its
// text; the matcher ranks the elements (records share one place, so
// distance does not change the ranking). Without a corpus, the elements
// are the taxonomy's concepts of the kind the qrels name, and skillsnav
// ranks them with title normalisation. Baselines: Bleve BM25 with stock
// analyzers and character 3-gram TF-IDF over the element texts (or the
// concepts' labels), and, with concepts, concept Jaccard against the
// concepts skillsnav finds in the query. Queries without relevant
// elements are left out.
func RunDataset(ctx context.Context, dir string, tx *taxonomy.Taxonomy, progress io.Writer) (*DatasetResults, error) {
	d, err := ReadDataset(dir)
	if err != nil {
		return nil, err
	}
	logf := func(format string, args ...any) {
		if progress != nil {
			fmt.Fprintf(progress, format+"\n", args...)
		}
	}
	res := &DatasetResults{Dataset: d.Name, Machine: thisMachine(), Started: time.Now().UTC()}
	var queries []TSVRow
	for _, q := range d.Queries {
		if d.Qrels[q.ID].Relevant() > 0 {
			queries = append(queries, q)
		}
	}
	if len(queries) == 0 {
		return nil, fmt.Errorf("%w: no query of queries.tsv has a relevant element in the qrels", ErrDataset)
	}
	res.Queries = len(queries)
	ex, err := extract.New(tx, extract.DefaultConfig())
	if err != nil {
		return nil, err
	}
	type method struct {
		name, kind string
		rank       func(q TSVRow) ([]string, error)
	}
	var methods []method
	var docs []LabelDoc
	if len(d.Corpus) == 0 {
		res.Corpus = "taxonomy"
		kind := taxonomy.KindOccupation
		for _, q := range d.Qrels {
			for id := range q {
				if c, ok := tx.Concept(id); ok {
					kind = c.Kind
				}
			}
		}
		docs = LabelDocs(tx, kind)
		for range tx.All(kind) {
			res.Elements++
		}
		methods = append(methods, method{"skillsnav NormalizeTitle", KindSkillsnav, func(q TSVRow) ([]string, error) {
			var ids []string
			for _, m := range ex.NormalizeTitle(extract.TitleQuery{Title: q.Text, Kind: kind, Limit: 100}) {
				ids = append(ids, m.ConceptID)
			}
			return ids, nil
		}})
	} else {
		res.Corpus = "text"
		res.Elements = len(d.Corpus)
		var recs []sn.Record
		for _, e := range d.Corpus {
			docs = append(docs, LabelDoc{Concept: e.ID, Lang: string(analysis.Detect(e.Text).Lang), Text: e.Text})
			v := &sn.Vacancy{ID: e.ID, Title: firstLine(e.Text), Description: e.Text, Location: sharedPlace}
			for _, id := range d.Concepts[e.ID] {
				c, ok := tx.Concept(id)
				switch {
				case !ok:
					return nil, fmt.Errorf("%w: concepts.tsv: element %s names %q, which the taxonomy does not know", ErrDataset, e.ID, id)
				case c.Kind == taxonomy.KindOccupation:
					v.Occupation = id
				default:
					v.Skills = append(v.Skills, sn.SkillReq{ConceptID: id, Essential: true})
				}
			}
			recs = append(recs, v)
		}
		logf("indexing %d elements", len(recs))
		ix, err := memIndex(ctx, tx, ex, recs)
		if errors.Is(err, sn.ErrInvalid) {
			return nil, fmt.Errorf("%w: corpus.tsv: %v", ErrDataset, err)
		}
		if err != nil {
			return nil, err
		}
		defer ix.Close()
		mcfg := matcher.DefaultConfig()
		m, err := matcher.New(ctx, mcfg, tx, ix)
		if err != nil {
			return nil, err
		}
		profile := func(q TSVRow) (*sn.Profile, error) {
			p := &sn.Profile{ID: "query", CV: q.Text, Home: sharedPlace}
			return p, ix.Prepare(ctx, p)
		}
		methods = append(methods, method{"skillsnav matcher", KindSkillsnav, func(q TSVRow) ([]string, error) {
			p, err := profile(q)
			if err != nil {
				return nil, err
			}
			r, err := m.Vacancies(ctx, matcher.Query{Record: p, Size: 100})
			if err != nil {
				return nil, err
			}
			return matchIDs(r), nil
		}})
		if len(d.Concepts) > 0 {
			methods = append(methods, method{"concept Jaccard (query concepts by skillsnav)", KindBaseline, func(q TSVRow) ([]string, error) {
				p, err := profile(q)
				if err != nil {
					return nil, err
				}
				var qs []string
				for _, s := range p.Skills {
					qs = append(qs, s.ConceptID)
				}
				var ss []Scored
				for _, e := range d.Corpus {
					if j := overlap(qs, slices.Compact(slices.Sorted(slices.Values(d.Concepts[e.ID]))), false); j > 0 {
						ss = append(ss, Scored{e.ID, j})
					}
				}
				return IDs(topScored(ss, 100)), nil
			}})
		}
	}
	bl, err := NewBleveBM25(docs)
	if err != nil {
		return nil, err
	}
	defer bl.Close()
	tri := NewTrigramTFIDF(docs)
	methods = append(methods,
		method{"Bleve BM25 (stock analyzers)", KindBaseline, func(q TSVRow) ([]string, error) { return IDs(bl.Rank(q.Text, 100)), nil }},
		method{"character 3-gram TF-IDF", KindBaseline, func(q TSVRow) ([]string, error) { return IDs(tri.Rank(q.Text, 100)), nil }})
	for _, m := range methods {
		logf("ranking %d queries with %s", len(queries), m.name)
		var rk eval.Ranking
		for _, q := range queries {
			run, err := m.rank(q)
			if err != nil {
				return nil, fmt.Errorf("query %s: %w", q.ID, err)
			}
			rk.Add(run, d.Qrels[q.ID])
		}
		res.Methods = append(res.Methods, DatasetMethod{Method: m.name, Kind: m.kind, Summary: rk.Summary()})
	}
	return res, nil
}

// sharedPlace is the one place every record of an external dataset gets,
// since records need one; with all at one point, distance is equal for
// every pair and does not change a ranking.
var sharedPlace = sn.Location{Lat: 51.05, Lon: 3.72}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > 120 {
		s = string(r[:120])
	}
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// Write writes results.json into dir.
func (r *DatasetResults) Write(dir string) error { return writeResults(dir, r) }

// Table writes the scores as an aligned text table.
func (r *DatasetResults) Table(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "dataset %s: %d queries, %d elements (%s corpus)\t\n", r.Dataset, r.Queries, r.Elements, r.Corpus)
	fmt.Fprintln(tw, "method\tkind\tMRR\tAcc@1\tAcc@10\tMAP\tR@20\tnDCG@10\t")
	for _, m := range r.Methods {
		s := m.Summary
		fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t\n", m.Method, m.Kind, s.MRR, s.Acc1, s.Acc10, s.MAP, s.Recall20, s.NDCG10)
	}
	return tw.Flush()
}
