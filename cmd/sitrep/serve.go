package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"time"

	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/server"
	"github.com/sitrep/sitrep/store"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := storeFlagSet(e, "serve", "sitrep serve [--db PATH] [--addr 127.0.0.1:8080] [--api-token TOKEN]")
	db := fs.String("db", defaultDB, "database file")
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	token := fs.String("api-token", "", "enable POST /api/documents with this bearer token (or $SITREP_API_TOKEN)")
	timeout := fs.Duration("timeout", 10*time.Second, "time limit of one request's database work")
	cacheMB := fs.Int("cache-mb", 64, "size of the response cache in MiB, emptied by every write to the database (0: no cache)")
	readConns := fs.Int("read-conns", 0, "concurrent read connections to the database (default: number of cores)")
	var pf pipelineFlags // the pipeline run on posted documents
	pf.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *token == "" {
		*token = os.Getenv("SITREP_API_TOKEN")
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	// Without a token the server never writes: open the database read-only.
	if *readConns <= 0 {
		*readConns = runtime.GOMAXPROCS(0)
	}
	st, err := store.Open(ctx, *db, store.Options{ReadOnly: *token == "", ReadConns: *readConns})
	if err != nil {
		return err
	}
	defer st.Close()
	opts := server.Options{Token: *token, QueryTimeout: *timeout, Logger: logger, CacheBytes: *cacheMB << 20, Workers: *readConns}
	if *cacheMB <= 0 {
		opts.CacheBytes = -1
	}
	if *token != "" {
		stages, err := buildStages(&pf)
		if err != nil {
			return err
		}
		opts.Process = (&pipeline.Pipeline{Stages: stages}).Process
	}
	srv := server.New(st, opts)
	hs := srv.HTTPServer(*addr)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	logger.Info("serving", "url", "http://"+ln.Addr().String()+"/", "db", *db, "writes", *token != "")
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := hs.Shutdown(sctx)
		cs := srv.CacheStats()
		logger.Info("stopped", "cache_hits", cs.Hits, "cache_misses", cs.Misses, "cache_resets", cs.Resets, "cache_entries", cs.Entries, "cache_bytes", cs.Bytes)
		return err
	}
}
