package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/demo"
	"github.com/skillsnavigator/skillsnav/httpapi"
	"github.com/skillsnavigator/skillsnav/matcher"
	"github.com/skillsnavigator/skillsnav/taxonomy/esco"
	"github.com/skillsnavigator/skillsnav/taxonomy/source"
)

func serve(ctx context.Context, args []string, stderr io.Writer) error {
	fs := newFlags("serve", "serve [--addr :8080] [--taxonomy SRC] [--data DIR] [--keys FILE] [--cors ORIGINS] [--rate-limit N]", stderr)
	var addr, src, dir, keysFile, cors string
	cfg := httpapi.DefaultConfig()
	mcfg := matcher.DefaultConfig()
	fs.StringVar(&addr, "addr", envOr("SKILLSNAV_ADDR", ":8080"), "listen address (env SKILLSNAV_ADDR)")
	taxonomyFlag(fs, &src)
	fs.StringVar(&dir, "data", envOr("SKILLSNAV_DATA", ""), "data directory of the store and index (env SKILLSNAV_DATA); empty: in memory, with the embedded demo data")
	fs.StringVar(&keysFile, "keys", envOr("SKILLSNAV_API_KEYS_FILE", ""), "file of API keys, one name:secret:scope[,scope…] per line (env SKILLSNAV_API_KEYS_FILE; or the lines themselves, separated by ';', in SKILLSNAV_API_KEYS)")
	fs.StringVar(&cors, "cors", envOr("SKILLSNAV_CORS_ORIGINS", ""), "comma-separated origins browsers may call from, or * (env SKILLSNAV_CORS_ORIGINS)")
	fs.Float64Var(&cfg.RateLimit, "rate-limit", cfg.RateLimit, "requests per second per client address without a key; 0: no limit")
	fs.Float64Var(&cfg.KeyRateLimit, "key-rate-limit", cfg.KeyRateLimit, "requests per second per API key; 0: no limit")
	fs.Int64Var(&cfg.MaxBodyBytes, "max-body", cfg.MaxBodyBytes, "largest request body in bytes (imports: --max-import)")
	fs.Int64Var(&cfg.MaxImportBytes, "max-import", cfg.MaxImportBytes, "largest import body in bytes")
	fs.DurationVar(&cfg.Timeout, "timeout", cfg.Timeout, "longest time to handle a request (imports excepted)")
	fs.IntVar(&mcfg.Parallelism, "match-parallelism", mcfg.Parallelism, "most goroutines one matching query runs on; 0: as many as cores")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := mcfg.Validate(); err != nil {
		return fmt.Errorf("%w: --match-parallelism: %v", errUsage, err)
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	start := time.Now()
	keys, err := readKeys(keysFile, os.Getenv("SKILLSNAV_API_KEYS"))
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	cfg.Keys = keys
	if cors != "" {
		for _, o := range strings.Split(cors, ",") {
			cfg.CORSOrigins = append(cfg.CORSOrigins, strings.TrimSpace(o))
		}
	}
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	tx, _, err := openTaxonomy(ctx, src, io.Discard)
	if err != nil {
		return err
	}
	cfg.Logger = log
	if source.IsESCO(src) {
		cfg.Attribution = esco.Attribution
	}
	ix, ex, err := openIndex(ctx, dir, tx, log)
	if err != nil {
		return err
	}
	defer ix.Close()
	if dir == "" {
		counts, err := demo.Load(ctx, ix, time.Now())
		if err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		log.Info("loaded demo data (fictional employers and people)", "vacancies", counts[sn.KindVacancy],
			"profiles", counts[sn.KindProfile], "opportunities", counts[sn.KindOpportunity])
	}
	if dir != "" {
		mcfg.Similarity.CacheDir = filepath.Join(dir, "cache")
	}
	m, err := matcher.New(ctx, mcfg, tx, ix)
	if err != nil {
		return fmt.Errorf("matcher: %w", err)
	}
	h, err := httpapi.New(cfg, httpapi.Backend{Taxonomy: tx, Extractor: ex, Index: ix, Matcher: m})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	log.Info("serving", "addr", ln.Addr().String(), "taxonomy", src, "concepts", tx.Len(), "api_keys", len(keys), "startup_ms", time.Since(start).Milliseconds())
	if len(keys) == 0 {
		log.Warn("no API keys: only the public routes (taxonomy, text, vacancies, opportunities, matching an inline profile) can be used")
	}
	if cfg.Attribution != "" {
		log.Info(cfg.Attribution)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	if err := ix.Close(); err != nil {
		return fmt.Errorf("close index: %w", err)
	}
	log.Info("stopped")
	return nil
}

// readKeys reads the API keys of a file and of an environment value
// (lines separated by ';' or newlines).
func readKeys(file, env string) ([]httpapi.APIKey, error) {
	var text strings.Builder
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("API keys: %w", err)
		}
		text.Write(b)
		text.WriteByte('\n')
	}
	text.WriteString(strings.ReplaceAll(env, ";", "\n"))
	return httpapi.ParseKeys(strings.NewReader(text.String()))
}
