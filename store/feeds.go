package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// FeedState is what is remembered of a polled feed: the validators for
// conditional requests and the count of consecutive errors.
type FeedState struct {
	URL          string `json:"url"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	CheckedAt    string `json:"checked_at,omitempty"`
	Errors       int    `json:"errors"`
}

// Feed returns the stored state of a feed (zero validators if unknown).
func (s *Store) Feed(ctx context.Context, url string) (FeedState, error) {
	fs := FeedState{URL: url}
	err := s.r.QueryRowContext(ctx, `SELECT etag, last_modified, checked_at, errors FROM feeds WHERE url = ?`, url).
		Scan(&fs.ETag, &fs.LastModified, &fs.CheckedAt, &fs.Errors)
	if err != nil && err != sql.ErrNoRows {
		return fs, fmt.Errorf("feed state: %w", err)
	}
	return fs, nil
}

// SaveFeed records the state of a feed.
func (s *Store) SaveFeed(ctx context.Context, fs FeedState) error {
	if s.w == nil {
		return ErrReadOnly
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if fs.CheckedAt == "" {
		fs.CheckedAt = time.Now().UTC().Format(time.RFC3339)
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO feeds(url, etag, last_modified, checked_at, errors) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, checked_at = excluded.checked_at, errors = excluded.errors`,
		fs.URL, fs.ETag, fs.LastModified, fs.CheckedAt, fs.Errors)
	if err != nil {
		return fmt.Errorf("save feed state: %w", err)
	}
	return nil
}

// ItemSeen reports whether item (a document id) was already taken from feed.
func (s *Store) ItemSeen(ctx context.Context, feed, item string) (bool, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM feed_items WHERE feed = ? AND item = ?`, feed, item).Scan(&n); err != nil {
		return false, fmt.Errorf("feed item: %w", err)
	}
	return n > 0, nil
}

// MarkItemSeen records that item was taken from feed.
func (s *Store) MarkItemSeen(ctx context.Context, feed, item string) error {
	if s.w == nil {
		return ErrReadOnly
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if _, err := s.w.ExecContext(ctx, `INSERT OR IGNORE INTO feed_items(feed, item, seen_at) VALUES (?, ?, ?)`,
		feed, item, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("mark feed item: %w", err)
	}
	return nil
}
