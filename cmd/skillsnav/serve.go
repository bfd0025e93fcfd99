package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	sn "github.com/skillsnavigator/skillsnav"
	"github.com/skillsnavigator/skillsnav/demo"
	"github.com/skillsnavigator/skillsnav/httpapi"
	"github.com/skillsnavigator/skillsnav/taxonomy/esco"
	"github.com/skillsnavigator/skillsnav/taxonomy/source"
)

func serve(ctx context.Context, args []string, stderr io.Writer) error {
	fs := newFlags("serve", "serve [--addr :8080] [--taxonomy SRC] [--data DIR]", stderr)
	var addr, src, dir string
	fs.StringVar(&addr, "addr", envOr("SKILLSNAV_ADDR", ":8080"), "listen address (env SKILLSNAV_ADDR)")
	taxonomyFlag(fs, &src)
	fs.StringVar(&dir, "data", envOr("SKILLSNAV_DATA", ""), "data directory of the store and index (env SKILLSNAV_DATA); empty: in memory, with the embedded demo data")
	if err := parse(fs, args); err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	start := time.Now()
	tx, _, err := openTaxonomy(ctx, src, io.Discard)
	if err != nil {
		return err
	}
	cfg := httpapi.DefaultConfig()
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
	h, err := httpapi.New(cfg, tx, ex)
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
	log.Info("serving", "addr", ln.Addr().String(), "taxonomy", src, "concepts", tx.Len(), "startup_ms", time.Since(start).Milliseconds())
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
