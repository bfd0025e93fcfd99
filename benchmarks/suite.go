package benchmarks

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/analysis"
	"github.com/skillsnavigator/skillsnav/benchmarks/eval"
	"github.com/skillsnavigator/skillsnav/extract"
	"github.com/skillsnavigator/skillsnav/index"
	"github.com/skillsnavigator/skillsnav/matcher"
	"github.com/skillsnavigator/skillsnav/taxonomy"
	"github.com/skillsnavigator/skillsnav/taxonomy/esco"
	"github.com/skillsnavigator/skillsnav/taxonomy/starter"
)

// Suites.
const (
	SuiteQuick = "quick"
	SuiteFull  = "full"
)

// Config configures [Run].
type Config struct {
	// Suite is SuiteQuick (the default: the quality tasks on their
	// development and test seeds and speed at 10,000 records, a few
	// minutes) or SuiteFull (speed at 10,000, 100,000 and 1,000,000
	// records as well; about half an hour and 4 GB of memory).
	Suite string
	// ESCODir is the ESCO extract the quality tasks are built from.
	// Required.
	ESCODir string
	// Seed is the seed of the matching set. Default 1.
	Seed uint64
	// Out is the folder for results.json and the plots; "" writes nothing.
	Out string
	// Progress receives one line per step; nil is silent.
	Progress io.Writer
	// Sizes overrides the corpus sizes of the speed tasks.
	Sizes []int
}

// DefaultConfig returns the quick suite with seed 1.
func DefaultConfig() Config { return Config{Suite: SuiteQuick, Seed: 1} }

// Validate reports whether c is usable.
func (c Config) Validate() error {
	if c.Suite != SuiteQuick && c.Suite != SuiteFull {
		return fmt.Errorf("benchmarks: Config.Suite %q is neither %q nor %q", c.Suite, SuiteQuick, SuiteFull)
	}
	if c.ESCODir == "" {
		return errors.New("benchmarks: Config.ESCODir is empty; the suite builds its sets from the ESCO extract")
	}
	for i, n := range c.Sizes {
		if n < 100 || n > 10_000_000 {
			return fmt.Errorf("benchmarks: Config.Sizes[%d] = %d is not between 100 and 10,000,000", i, n)
		}
	}
	return nil
}

func (c Config) sizes() []int {
	switch {
	case len(c.Sizes) > 0:
		return c.Sizes
	case c.Suite == SuiteFull:
		return []int{10_000, 100_000, 1_000_000}
	}
	return []int{10_000}
}

// Machine describes where a run was measured.
type Machine struct {
	CPU       string `json:"cpu"`
	Cores     int    `json:"cores"`
	GoVersion string `json:"go_version"`
	OS        string `json:"os"`
	Arch      string `json:"arch"`
}

func thisMachine() Machine {
	m := Machine{Cores: runtime.NumCPU(), GoVersion: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	return m
}

// Results is everything a run measured; it is written as results.json.
type Results struct {
	Suite    string    `json:"suite"`
	Seed     uint64    `json:"seed"`
	Started  time.Time `json:"started"`
	Seconds  float64   `json:"seconds"`
	Machine  Machine   `json:"machine"`
	Taxonomy string    `json:"taxonomy"`
	// Matching is the matching task on the set of Seed (the development
	// set, with ablations) and of Seed+1 (the test set).
	Matching struct {
		Profiles       int              `json:"profiles"`
		Vacancies      int              `json:"vacancies"`
		VacancyQueries int              `json:"vacancy_queries"`
		Methods        []MatchingScores `json:"methods"`
		Test           []MatchingScores `json:"test"`
	} `json:"matching"`
	Titles struct {
		DevQueries  int              `json:"dev_queries"`
		TestQueries int              `json:"test_queries"`
		Methods     []TitleMethodRow `json:"methods"`
	} `json:"titles"`
	Extraction struct {
		Texts   int             `json:"texts_per_set"`
		Methods []ExtractionRow `json:"methods"`
	} `json:"extraction"`
	Speed []Speed `json:"speed"`
	// Latencies holds the raw latencies (µs) of the skillsnav
	// profile → vacancies task at the largest size, for the histogram.
	Latencies []float64 `json:"latencies_us,omitempty"`
}

// TitleMethodRow is one method's title-normalisation scores.
type TitleMethodRow struct {
	Method string       `json:"method"`
	Kind   string       `json:"kind"`
	Dev    SummaryShort `json:"dev"`
	Test   SummaryShort `json:"test"`
}

// SummaryShort is the ranking metrics a title query has: one answer.
type SummaryShort struct {
	MRR   float64 `json:"mrr"`
	Acc1  float64 `json:"accuracy_at_1"`
	Acc10 float64 `json:"accuracy_at_10"`
}

// Speed is one timed task at one size, with the baseline of the same run.
type Speed struct {
	Task   string  `json:"task"`
	Method string  `json:"method"`
	Kind   string  `json:"kind"`
	Size   int     `json:"size,omitempty"`
	Unit   string  `json:"unit"`
	Value  float64 `json:"value"` // per-second rates, or milliseconds
	P50    float64 `json:"p50_ms,omitempty"`
	P95    float64 `json:"p95_ms,omitempty"`
	P99    float64 `json:"p99_ms,omitempty"`
	HeapMB float64 `json:"heap_mb,omitempty"`
	// Speedup is how many times faster skillsnav is than the baseline
	// of the same task and size in the same run (the baseline's latency
	// over skillsnav's at p99, or skillsnav's rate over the baseline's);
	// below 1 skillsnav is slower. Baseline rows have none.
	Speedup float64 `json:"speedup,omitempty"`
}

func (c Config) logf(format string, args ...any) {
	if c.Progress != nil {
		fmt.Fprintf(c.Progress, "%s  "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
	}
}

// Run runs the suite and, when cfg.Out is set, writes results.json and
// the plots there.
func Run(ctx context.Context, cfg Config) (*Results, error) {
	if cfg.Seed == 0 {
		cfg.Seed = 1
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	res := &Results{Suite: cfg.Suite, Seed: cfg.Seed, Started: time.Now().UTC(), Machine: thisMachine()}
	cfg.logf("suite %s on %s (%d cores, %s)", cfg.Suite, res.Machine.CPU, res.Machine.Cores, res.Machine.GoVersion)
	t0 := time.Now()
	tx, err := esco.Load(ctx, cfg.ESCODir, taxonomy.DefaultConfig())
	if err != nil {
		return nil, fmt.Errorf("loading ESCO from %s: %w", cfg.ESCODir, err)
	}
	load := time.Since(t0)
	res.Taxonomy = fmt.Sprintf("ESCO extract at %s: %d concepts", cfg.ESCODir, tx.Len())
	cfg.logf("ESCO loaded in %.2f s", load.Seconds())
	cache := ""
	if cfg.Out != "" {
		cache = filepath.Join(cfg.Out, "cache")
	}

	// 1. Matching.
	cfg.logf("matching: building the set (seed %d)", cfg.Seed)
	mcfg := DefaultMatchingConfig()
	mcfg.Seed = cfg.Seed
	set, err := NewMatchingSet(tx, mcfg)
	if err != nil {
		return nil, err
	}
	noComp, err := esco.Load(ctx, cfg.ESCODir, taxonomy.Config{Fuzzy: true, NoCompoundSplitting: true})
	if err != nil {
		return nil, err
	}
	cfg.logf("matching: ranking %d profiles and %d vacancies with skillsnav, 4 ablations and 4 baselines", len(set.Profiles), len(set.VacancyQueries))
	ms, err := EvalMatching(ctx, tx, set, MatchingEvalConfig{SimilarityCache: cache, NoCompounds: noComp})
	if err != nil {
		return nil, err
	}
	res.Matching.Profiles, res.Matching.Vacancies, res.Matching.VacancyQueries = len(set.Profiles), len(set.Vacancies), len(set.VacancyQueries)
	res.Matching.Methods = ms
	cfg.logf("matching: the test set (seed %d)", cfg.Seed+1)
	mcfg.Seed = cfg.Seed + 1
	if set, err = NewMatchingSet(tx, mcfg); err != nil {
		return nil, err
	}
	if res.Matching.Test, err = EvalMatching(ctx, tx, set, MatchingEvalConfig{SimilarityCache: cache, NoAblations: true}); err != nil {
		return nil, err
	}

	// 2. Titles, dev and test seeds.
	cfg.logf("titles: dev and test sets")
	noCompCfg := taxonomy.Config{Fuzzy: true, NoCompoundSplitting: true}
	var tevals, tabl [2]*TitleEval
	for i, seed := range []uint64{1, 2} {
		if tevals[i], err = EvalTitles(ctx, cfg.ESCODir, seed, taxonomy.DefaultConfig(), false); err != nil {
			return nil, err
		}
		if tabl[i], err = EvalTitles(ctx, cfg.ESCODir, seed, noCompCfg, true); err != nil {
			return nil, err
		}
	}
	res.Titles.DevQueries, res.Titles.TestQueries = len(tevals[0].Items), len(tevals[1].Items)
	short := func(s eval.Summary) SummaryShort { return SummaryShort{s.MRR, s.Acc1, s.Acc10} }
	for _, name := range sortedKeys(tevals[0].Results) {
		kind := KindBaseline
		if name == "skillsnav" {
			kind = KindSkillsnav
		}
		res.Titles.Methods = append(res.Titles.Methods, TitleMethodRow{Method: name, Kind: kind,
			Dev: short(tevals[0].Results[name]), Test: short(tevals[1].Results[name])})
	}
	res.Titles.Methods = append(res.Titles.Methods, TitleMethodRow{Method: "no compound splitting", Kind: KindAblation,
		Dev: short(tabl[0].Results["skillsnav"]), Test: short(tabl[1].Results["skillsnav"])})

	// 3. Extraction, dev and test seeds.
	cfg.logf("extraction: dev and test sets")
	dev, err := EvalExtraction(tx, 1, 400, false)
	if err != nil {
		return nil, err
	}
	test, err := EvalExtraction(tx, 2, 400, false)
	if err != nil {
		return nil, err
	}
	res.Extraction.Texts = len(dev.Items)
	res.Extraction.Methods = ExtractionTable(dev, test)
	// The same sets (they depend on the seed only) read without compound
	// splitting.
	adev, err := EvalExtraction(noComp, 1, 400, true)
	if err != nil {
		return nil, err
	}
	atest, err := EvalExtraction(noComp, 2, 400, true)
	if err != nil {
		return nil, err
	}
	for _, r := range ExtractionTable(adev, atest) {
		r.Method, r.Kind = "no compound splitting", KindAblation
		res.Extraction.Methods = append(res.Extraction.Methods, r)
	}
	noComp = nil

	// 4. Speed.
	t1 := time.Now()
	if _, err := esco.Read(ctx, cfg.ESCODir); err != nil {
		return nil, err
	}
	read := time.Since(t1)
	res.Speed = append(res.Speed,
		Speed{Task: "taxonomy load (full ESCO)", Method: "parse the CSV files only (esco.Read)", Kind: KindBaseline, Unit: "ms", Value: ms1(read)},
		Speed{Task: "taxonomy load (full ESCO)", Method: "skillsnav esco.Load (parse, analyse, index)", Kind: KindSkillsnav, Unit: "ms", Value: ms1(load), Speedup: ms1(read) / ms1(load)})
	if err := speedExtraction(ctx, cfg, tx, res); err != nil {
		return nil, err
	}
	tx = nil
	if err := speedMatching(ctx, cfg, res); err != nil {
		return nil, err
	}
	res.Seconds = time.Since(t0).Seconds()
	if cfg.Out != "" {
		if err := res.Write(cfg.Out); err != nil {
			return nil, err
		}
		cfg.logf("wrote %s", filepath.Join(cfg.Out, "results.json"))
	}
	return res, nil
}

// baselineMax is the largest corpus the Bleve baselines index: beyond it,
// indexing them would take longer than the rest of the suite.
const baselineMax = 100_000

func ms1(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Write writes results.json and the plots into dir.
func (r *Results) Write(dir string) error {
	if err := writeResults(dir, r); err != nil {
		return err
	}
	return r.Plot(dir)
}

// writeResults writes v as indented JSON to dir/results.json, making dir.
func writeResults(dir string, v any) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "results.json"), append(b, '\n'), 0o644)
}

// speedExtraction times Extract on a 400-word Dutch vacancy over full
// ESCO against the Dutch chain alone (the baseline), one core.
func speedExtraction(ctx context.Context, cfg Config, tx *taxonomy.Taxonomy, res *Results) error {
	cfg.logf("speed: extraction")
	ex, err := extract.New(tx, extract.DefaultConfig())
	if err != nil {
		return err
	}
	text := speedVacancyText(tx, 400)
	ch := tx.Chain(analysis.Dutch)
	rate := func(f func()) float64 {
		n, start := 0, time.Now()
		for time.Since(start) < time.Second || n < 20 {
			f()
			n++
		}
		return float64(n*len(text)) / time.Since(start).Seconds() / 1e6
	}
	base := rate(func() { ch.Analyze(text) })
	got := rate(func() { ex.Extract(text, analysis.Dutch) })
	res.Speed = append(res.Speed,
		Speed{Task: "extraction, 400-word Dutch vacancy", Method: "Dutch analysis chain alone", Kind: KindBaseline, Unit: "MB/s", Value: base},
		Speed{Task: "extraction, 400-word Dutch vacancy", Method: "skillsnav Extract (full ESCO)", Kind: KindSkillsnav, Unit: "MB/s", Value: got, Speedup: got / base})
	return ctx.Err()
}

// speedVacancyText builds a Dutch text of about n words from the labels
// of ESCO skills, in vacancy phrases.
func speedVacancyText(tx *taxonomy.Taxonomy, n int) string {
	var b strings.Builder
	words := 0
	for c := range tx.All(taxonomy.KindSkill) {
		l := c.PrefLabel("nl")
		if l == "" {
			continue
		}
		s := "Je bent sterk in " + l + " en werkt graag in een team. "
		b.WriteString(s)
		if words += len(strings.Fields(s)); words >= n {
			break
		}
	}
	return b.String()
}

// speedMatching times import and profile → top 20 vacancies at each
// size, against Bleve in the same run (batch indexing with a default
// mapping; a disjunction of the profile's skills with a geo-distance
// filter), up to baselineMax.
func speedMatching(ctx context.Context, cfg Config, res *Results) error {
	st, err := starter.Load(taxonomy.DefaultConfig())
	if err != nil {
		return err
	}
	profiles := SyntheticProfiles(st, 200, 5)
	sizes := cfg.sizes()
	for _, n := range sizes {
		cfg.logf("speed: %d vacancies: import", n)
		vs := SyntheticVacancies(n, 1)
		for _, v := range vs {
			v.Expires = time.Time{}
		}
		// Import into a durable index on disk, from JSON Lines.
		dir, err := os.MkdirTemp("", "skillsnav-bench-")
		if err != nil {
			return err
		}
		icfg := index.DefaultConfig()
		icfg.Dir, icfg.Taxonomy = dir, st
		ix, err := index.Open(ctx, icfg)
		if err != nil {
			return err
		}
		data := jsonl(vs)
		start := time.Now()
		rep, err := ix.Import(ctx, sn.KindVacancy, bytes.NewReader(data), index.ImportOptions{})
		if err == nil && rep.Failed > 0 {
			err = fmt.Errorf("import rejected %d lines", rep.Failed)
		}
		if err == nil {
			err = ix.Sync(ctx)
		}
		took := time.Since(start)
		if err != nil {
			ix.Close()
			os.RemoveAll(dir)
			return err
		}
		imp := Speed{Task: "import, durable and searchable", Method: "skillsnav index.Import", Kind: KindSkillsnav, Size: n, Unit: "records/s", Value: float64(n) / took.Seconds()}

		cfg.logf("speed: %d vacancies: matching", n)
		runtime.GC()
		m, err := matcher.New(ctx, matcher.DefaultConfig(), st, ix)
		if err != nil {
			ix.Close()
			os.RemoveAll(dir)
			return err
		}
		runtime.GC()
		heap := float64(heapInUseBytes()) / (1 << 20)
		lat, one, err := timeBoth(m, func(i int) error {
			_, err := m.Vacancies(ctx, matcher.Query{Record: profiles[i%len(profiles)], Size: 20})
			return err
		})
		ix.Close()
		os.RemoveAll(dir)
		if err != nil {
			return err
		}
		match := lat.speed("profile → top 20 vacancies, with explanations", "skillsnav matcher", KindSkillsnav, n)
		oneMatch := one.speed("profile → top 20 vacancies, with explanations", methodOne, KindSkillsnav, n)
		match.HeapMB = heap
		if n == sizes[len(sizes)-1] {
			res.Latencies = lat.us
		}
		if n <= baselineMax {
			cfg.logf("speed: %d vacancies: Bleve baseline", n)
			bimp, blat, err := bleveBaseline(ctx, vs, profiles)
			if err != nil {
				return err
			}
			imp.Speedup = imp.Value / bimp.Value
			res.Speed = append(res.Speed, bimp)
			match.Speedup = blat.P99 / match.P99
			res.Speed = append(res.Speed, blat)
		}
		res.Speed = append(res.Speed, imp, match, oneMatch)
		runtime.GC()
		if err := speedMatchingInMemory(ctx, cfg, res, st, profiles, n); err != nil {
			return err
		}
	}
	return nil
}

// speedMatchingInMemory times, over records held in memory, profile → top
// 20 of n vacancies whose skills vary per vacancy
// ([SyntheticVariedVacancies]), and vacancy → top 20 of n profiles (up to
// baselineMax).
func speedMatchingInMemory(ctx context.Context, cfg Config, res *Results, st *taxonomy.Taxonomy, profiles []*sn.Profile, n int) error {
	cfg.logf("speed: %d varied vacancies: matching", n)
	m, err := matcher.New(ctx, matcher.DefaultConfig(), st, openVacancies(SyntheticVariedVacancies(n, 1)))
	if err != nil {
		return err
	}
	runtime.GC()
	err = speedBoth(res, m, "profile → top 20 vacancies, skills varying per vacancy", n, func(i int) error {
		_, err := m.Vacancies(ctx, matcher.Query{Record: profiles[i%len(profiles)], Size: 20})
		return err
	})
	if err != nil {
		return err
	}
	m = nil
	runtime.GC()
	if n > baselineMax {
		return nil
	}
	cfg.logf("speed: %d profiles: matching", n)
	precs := memRecords{}
	ps := SyntheticProfiles(st, n, 5)
	for _, p := range ps {
		precs[sn.KindProfile] = append(precs[sn.KindProfile], p)
	}
	if m, err = matcher.New(ctx, matcher.DefaultConfig(), st, precs); err != nil {
		return err
	}
	vs := SyntheticVacancies(200, 9)
	for _, v := range vs {
		v.Expires = time.Time{}
	}
	runtime.GC()
	const task = "vacancy → top 20 profiles, with explanations"
	err = speedBoth(res, m, task, n, func(i int) error {
		_, err := m.Profiles(ctx, matcher.Query{Record: vs[i%len(vs)], Size: 20})
		return err
	})
	if err != nil {
		return err
	}
	m = nil
	runtime.GC()
	// The baseline: a disjunction of the vacancy's skills among the
	// profiles living within their travel limit of it, in Bleve.
	cfg.logf("speed: %d profiles: Bleve baseline", n)
	blat, err := bleveTimed(func(path string) (bleve.Index, error) { return newBleveProfilesIndex(path, ps) },
		func(bi bleve.Index, i int) error {
			_, err := bi.SearchInContext(ctx, bleveProfilesNear(vs[i%len(vs)], syntheticTravelKm))
			return err
		})
	if err != nil {
		return err
	}
	mine := len(res.Speed) - 2 // the matcher as configured, then on one goroutine
	base := blat.speed(task, methodBleve, KindBaseline, n)
	res.Speed[mine].Speedup = base.P99 / res.Speed[mine].P99
	res.Speed = slices.Insert(res.Speed, mine, base)
	return nil
}

func bleveBaseline(ctx context.Context, vs []*sn.Vacancy, profiles []*sn.Profile) (imp, match Speed, err error) {
	n := len(vs)
	var took time.Duration
	lat, err := bleveTimed(func(path string) (bleve.Index, error) {
		start := time.Now()
		bi, err := newBleveSkillsIndex(path, vs)
		took = time.Since(start)
		return bi, err
	}, func(bi bleve.Index, i int) error {
		_, err := bi.SearchInContext(ctx, bleveSkillsNear(profiles[i%len(profiles)]))
		return err
	})
	imp = Speed{Task: "import, durable and searchable", Method: "Bleve batch indexing (default mapping)", Kind: KindBaseline, Size: n, Unit: "records/s", Value: float64(n) / took.Seconds()}
	return imp, lat.speed("profile → top 20 vacancies, with explanations", methodBleve, KindBaseline, n), err
}

// methodBleve names the Bleve-only ranking of the speed tasks.
const methodBleve = "Bleve: skills disjunction + geo filter"

// bleveTimed builds a Bleve index on disk in a temporary folder and times
// 500 queries q over it.
func bleveTimed(build func(path string) (bleve.Index, error), q func(bi bleve.Index, i int) error) (latencies, error) {
	dir, err := os.MkdirTemp("", "skillsnav-bench-bleve-")
	if err != nil {
		return latencies{}, err
	}
	defer os.RemoveAll(dir)
	bi, err := build(filepath.Join(dir, "idx"))
	if err != nil {
		return latencies{}, err
	}
	defer bi.Close()
	lat := timeQueries(500, func(i int) error { return q(bi, i) })
	return lat, lat.err
}

// methodOne names the matcher timed with one goroutine per query
// (matcher.Config.Parallelism 1).
const methodOne = "skillsnav matcher, one goroutine per query"

// timeBoth times q (500 queries) on m as configured, which may split a
// query over the cores, and then with one goroutine per query; err is
// the first error of q.
func timeBoth(m *matcher.Matcher, q func(i int) error) (def, one latencies, err error) {
	if def = timeQueries(500, q); def.err != nil {
		return def, one, def.err
	}
	m.SetParallelism(1)
	defer m.SetParallelism(0)
	runtime.GC()
	one = timeQueries(500, q)
	return def, one, one.err
}

// speedBoth times q on m both ways (timeBoth) and adds the two rows of
// task at size n to res.
func speedBoth(res *Results, m *matcher.Matcher, task string, n int, q func(i int) error) error {
	lat, one, err := timeBoth(m, q)
	if err != nil {
		return err
	}
	res.Speed = append(res.Speed, lat.speed(task, "skillsnav matcher", KindSkillsnav, n), one.speed(task, methodOne, KindSkillsnav, n))
	return nil
}

type latencies struct {
	us  []float64
	err error
}

// timeQueries runs q(i) n times (after 20 to warm up) and keeps every
// latency in µs.
func timeQueries(n int, q func(i int) error) latencies {
	var l latencies
	for i := range 20 {
		if l.err = q(i); l.err != nil {
			return l
		}
	}
	for i := range n {
		start := time.Now()
		if l.err = q(i); l.err != nil {
			return l
		}
		l.us = append(l.us, float64(time.Since(start).Nanoseconds())/1000)
	}
	return l
}

func (l latencies) speed(task, method, kind string, size int) Speed {
	s := slices.Clone(l.us)
	slices.Sort(s)
	pct := func(p float64) float64 {
		if len(s) == 0 {
			return 0
		}
		return s[min(len(s)-1, int(math.Ceil(p*float64(len(s))))-1)] / 1000
	}
	return Speed{Task: task, Method: method, Kind: kind, Size: size, Unit: "ms (p50)", Value: pct(0.5), P50: pct(0.5), P95: pct(0.95), P99: pct(0.99)}
}

func heapInUseBytes() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}
