package index_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/index"
)

// The crash test re-runs this test binary as a writer process (TestMain
// sees SKILLSNAV_CRASH_WRITER), kills it with SIGKILL at a random moment,
// reopens the data directory and checks that every write the writer had
// acknowledged is stored and searchable, and that store and index agree.

const crashVacancies = 60_000

func TestMain(m *testing.M) {
	if dir := os.Getenv("SKILLSNAV_CRASH_WRITER"); dir != "" {
		crashWriter(dir)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func crashVacancyLine(i int) string {
	return fmt.Sprintf(`{"id":"v%06d","title":"Heftruckchauffeur %d","description":"Magazijn in de haven, ploegensysteem.","lang":"nl","location":{"lat":51.05,"lon":3.72},"skills":[{"concept_id":"sn:skill:forklift","essential":true},{"concept_id":"crash:%06d","essential":true}]}`, i, i, i)
}

// crashWriter imports vacancies and, at the same time, writes and deletes
// profiles, printing each acknowledgement on stdout.
func crashWriter(dir string) {
	ctx := context.Background()
	cfg := index.DefaultConfig()
	cfg.Dir = dir
	cfg.BatchSize = 500
	cfg.PurgeDelay = -1
	ix, err := index.Open(ctx, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(1)
	}
	var mu sync.Mutex
	ack := func(format string, args ...any) {
		mu.Lock()
		fmt.Fprintf(os.Stdout, format+"\n", args...)
		mu.Unlock()
	}
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriter(pw)
		for i := range crashVacancies {
			w.WriteString(crashVacancyLine(i))
			w.WriteByte('\n')
		}
		w.Flush()
		pw.Close()
	}()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			id := fmt.Sprintf("p%04d", i%500)
			if i%7 == 3 {
				ack("try %s -1", id)
				if err := ix.Delete(ctx, sn.KindProfile, id, ""); err == nil {
					ack("del %s", id)
				}
				continue
			}
			ack("try %s %d", id, i%30)
			p := &sn.Profile{ID: id, Skills: []sn.ProfileSkill{{ConceptID: "sn:skill:welding", Years: float64(i % 30)}}}
			if err := ix.Put(ctx, p); err == nil {
				ack("put %s %d", id, i%30)
			}
		}
	}()
	rep, err := ix.Import(ctx, sn.KindVacancy, pr, index.ImportOptions{Progress: func(p index.ImportProgress) {
		ack("import %d", p.Imported)
	}})
	if err != nil || rep.Failed > 0 {
		fmt.Fprintln(os.Stderr, "import:", err, rep)
		os.Exit(1)
	}
	ack("done")
	select {}
}

func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test starts writer processes; skipped with -short")
	}
	rounds := 3
	if s := os.Getenv("SKILLSNAV_CRASH_ROUNDS"); s != "" {
		rounds, _ = strconv.Atoi(s)
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	dir := t.TempDir()
	for round := range rounds {
		delay := time.Duration(200+rng.IntN(2500)) * time.Millisecond
		imported, profiles, inflight := runAndKill(t, dir, delay)
		t.Logf("round %d: killed after %v, %d vacancies acknowledged, %d profiles, %d writes in flight", round, delay, imported, len(profiles), len(inflight))
		verifyAfterCrash(t, dir, imported, profiles, inflight)
	}
}

// runAndKill runs the writer on dir, kills it after delay, and returns the
// acknowledged import count, the last acknowledged state per profile
// (years, or -1 for deleted) and the writes in flight when it was killed.
func runAndKill(t *testing.T, dir string, delay time.Duration) (int, map[string]int, map[string]int) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "SKILLSNAV_CRASH_WRITER="+dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	imported := 0
	profiles := map[string]int{}
	inflight := map[string]int{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			switch f[0] {
			case "import":
				imported, _ = strconv.Atoi(f[1])
			case "try":
				inflight[f[1]], _ = strconv.Atoi(f[2])
			case "put":
				profiles[f[1]], _ = strconv.Atoi(f[2])
				delete(inflight, f[1])
			case "del":
				profiles[f[1]] = -1
				delete(inflight, f[1])
			}
		}
	}()
	time.Sleep(delay)
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	<-done
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && !ws.Signaled() {
		t.Fatalf("writer ended before it was killed: %v", err)
	}
	return imported, profiles, inflight
}

func verifyAfterCrash(t *testing.T, dir string, imported int, profiles, inflight map[string]int) {
	ctx := context.Background()
	cfg := index.DefaultConfig()
	cfg.Dir = dir
	cfg.PurgeDelay = -1
	ix, err := index.Open(ctx, cfg)
	require.NoError(t, err)
	defer func() { require.NoError(t, ix.Close()) }()

	// Every acknowledged vacancy is stored; a sample is searchable by its
	// own skill.
	for i := range imported {
		_, err := ix.Vacancy(ctx, fmt.Sprintf("v%06d", i))
		require.NoError(t, err, "acknowledged vacancy %d of %d", i, imported)
	}
	for range 50 {
		if imported == 0 {
			break
		}
		i := rand.IntN(imported)
		r, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Skills: []string{fmt.Sprintf("crash:%06d", i)}})
		require.NoError(t, err)
		require.EqualValues(t, 1, r.Total, "vacancy %d is not searchable", i)
	}
	// Profiles are as last acknowledged (years written, or deleted), or,
	// for a write in flight at the kill, as that write left them.
	state := func(id string) int {
		p, err := ix.Profile(ctx, id)
		if err != nil {
			require.ErrorIs(t, err, sn.ErrNotFound)
			return -1
		}
		require.Len(t, p.Skills, 1)
		return int(p.Skills[0].Years)
	}
	for id, want := range profiles {
		got := state(id)
		if try, ok := inflight[id]; ok && got == try {
			continue
		}
		assert.Equal(t, want, got, "profile %s (-1: deleted)", id)
	}
	// Nothing is half-written: every record decodes and validates, and
	// store and index hold the same number.
	for _, k := range sn.Kinds {
		n := 0
		for r, err := range ix.Scan(ctx, k) {
			require.NoError(t, err)
			require.NoError(t, r.Validate())
			n++
		}
		c, err := ix.Count(k)
		require.NoError(t, err)
		assert.Equal(t, c, n)
	}
	st, err := ix.Stats()
	require.NoError(t, err)
	for _, s := range st {
		assert.EqualValues(t, s.Records, s.Documents, "%s: store and index disagree", s.Kind)
	}
	all, err := ix.Search(ctx, index.Query{Kind: sn.KindVacancy, Skills: []string{"sn:skill:forklift"}, Size: 1})
	require.NoError(t, err)
	n, _ := ix.Count(sn.KindVacancy)
	assert.EqualValues(t, n, all.Total)
}
