package main

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/store"
)

func followFeeds(ctx context.Context, e *env, st *store.Store, opts *extractOptions, feeds []string, interval time.Duration, polls int, log *slog.Logger, put func(*document.Document) error) error {
	return errors.New("--follow: not yet implemented")
}
