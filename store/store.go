// Package store keeps sitrep Documents and their facts (entities, places,
// times, quotes, events) in an embedded SQLite database, with full-text
// search, near-duplicate grouping into stories, queries, aggregates and
// exports.
//
// The database is a single file opened in WAL mode. Every document is
// written in one transaction (see [Store.Put]): a process killed at any
// moment loses nothing already committed and leaves a consistent file.
// Documents are keyed by their stable id; putting the same id again
// replaces the document and all its facts.
//
// The schema is versioned (PRAGMA user_version) and migrated forward only
// when a database is opened (see migrations in migrate.go).
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sync"
	"sync/atomic"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// Options configure Open.
type Options struct {
	// ReadOnly opens the database for queries only; it must already exist
	// and be at the current schema version.
	ReadOnly bool
	// KeepTokens stores the Tokens layer of documents too (it is dropped by
	// default: it is large and can be recomputed).
	KeepTokens bool
	// Synchronous is SQLite's synchronous setting: "NORMAL" (default; in WAL
	// mode a process crash loses nothing committed, a power cut may lose
	// the last transactions) or "FULL" (durable against power loss too).
	Synchronous string
	// ReadConns is the number of concurrent read connections (default 4).
	ReadConns int
	// DuplicateThreshold is the estimated Jaccard similarity of word
	// shingles at or above which a document is linked to an earlier one as
	// a near duplicate (default 0.6).
	DuplicateThreshold float64
}

// Store is an open sitrep database. It is safe for concurrent use; writes
// are serialized.
type Store struct {
	path string
	opts Options
	// wrote is set once the store has committed a write, so that Close
	// refreshes the query planner's statistics.
	wrote atomic.Bool
	w     *sql.DB // the single writer connection
	r     *sql.DB // pool of read-only connections
	wmu   sync.Mutex
	// ver is a connection of its own for PRAGMA data_version (which only
	// changes with commits of other connections).
	ver     *sql.DB
	verStmt *sql.Stmt
	// stmts caches prepared read statements by SQL text (queries are built
	// from the filters present, so there are few distinct texts); at most
	// maxStmts are kept.
	stmts  sync.Map // string -> *sql.Stmt
	nstmts atomic.Int32
	// mergeErr is the last failure to merge text index segments after a
	// commit (guarded by wmu): the commit stands, the next write retries
	// the merge, and Close reports it if it persists.
	mergeErr error
}

// maxStmts bounds the prepared statement cache.
const maxStmts = 512

// query runs a read query through the prepared statement cache: parsing
// and planning a statement costs more than running many of these queries.
func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if v, ok := s.stmts.Load(q); ok {
		return v.(*sql.Stmt).QueryContext(ctx, args...)
	}
	if s.nstmts.Load() >= maxStmts {
		return s.r.QueryContext(ctx, q, args...)
	}
	st, err := s.r.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if v, loaded := s.stmts.LoadOrStore(q, st); loaded {
		st.Close()
		st = v.(*sql.Stmt)
	} else {
		s.nstmts.Add(1)
	}
	return st.QueryContext(ctx, args...)
}

// Open opens (creating it if needed) the database at path and migrates its
// schema to the current version.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if opts.Synchronous == "" {
		opts.Synchronous = "NORMAL"
	}
	if opts.Synchronous != "NORMAL" && opts.Synchronous != "FULL" {
		return nil, fmt.Errorf("store: synchronous must be NORMAL or FULL, not %q", opts.Synchronous)
	}
	if opts.ReadConns <= 0 {
		opts.ReadConns = 4
	}
	opts.ReadConns = max(opts.ReadConns, 2) // exports read on two connections at once
	if opts.DuplicateThreshold <= 0 {
		opts.DuplicateThreshold = 0.6
	}
	if opts.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	s := &Store{path: path, opts: opts}
	var err error
	if !opts.ReadOnly {
		s.w, err = sql.Open("sqlite", dsn(path, false, opts.Synchronous))
		if err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		s.w.SetMaxOpenConns(1)
		s.w.SetMaxIdleConns(1)
		s.w.SetConnMaxLifetime(0)
		before, err := schemaVersion(ctx, s.w)
		if err != nil {
			s.w.Close()
			return nil, fmt.Errorf("store: %s: %w", path, err)
		}
		if err := migrate(ctx, s.w, len(migrations)); err != nil {
			s.w.Close()
			return nil, fmt.Errorf("store: %s: %w", path, err)
		}
		if before > 0 && before < len(migrations) {
			// New indexes need the planner's statistics (see Close).
			s.wrote.Store(true)
		}
	}
	s.r, err = sql.Open("sqlite", dsn(path, true, opts.Synchronous))
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s.r.SetMaxOpenConns(opts.ReadConns)
	s.r.SetMaxIdleConns(opts.ReadConns)
	s.ver, err = sql.Open("sqlite", dsn(path, true, opts.Synchronous))
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s.ver.SetMaxOpenConns(1)
	s.ver.SetMaxIdleConns(1)
	s.ver.SetConnMaxLifetime(0)
	if s.verStmt, err = s.ver.PrepareContext(ctx, "PRAGMA data_version"); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if opts.ReadOnly {
		v, err := schemaVersion(ctx, s.r)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("store: %s: %w", path, err)
		}
		if v != len(migrations) {
			s.Close()
			return nil, fmt.Errorf("store: %s: schema version %d, want %d (open it once for writing to migrate)", path, v, len(migrations))
		}
	}
	return s, nil
}

func dsn(path string, readOnly bool, sync string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous("+sync+")")
	q.Add("_pragma", "foreign_keys(0)")
	q.Add("_pragma", "cache_size(-32000)") // KiB
	// Reading pages through a memory map of up to 2 GiB (SQLite's default
	// ceiling) spares a pread system call per page not in the cache: a
	// third of a search's time on a 1.5 GB database of 100,000 documents.
	q.Add("_pragma", "mmap_size(2147418112)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// DataVersion returns a number that changes whenever a transaction is
// committed to the database, by this Store or by any other connection or
// process (SQLite's PRAGMA data_version on a connection of its own). It
// grows monotonically for one Store; caches of query results keyed on it
// are exact.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.verStmt.QueryRowContext(ctx).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: data version: %w", err)
	}
	return v, nil
}

// Path returns the database file name.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	var errs []error
	s.stmts.Range(func(k, v any) bool {
		errs = append(errs, v.(*sql.Stmt).Close())
		return true
	})
	if s.verStmt != nil {
		errs = append(errs, s.verStmt.Close())
	}
	if s.ver != nil {
		errs = append(errs, s.ver.Close())
	}
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		s.wmu.Lock()
		errs = append(errs, s.mergeErr)
		s.wmu.Unlock()
		// Refresh the query planner's statistics after writes; with an
		// analysis limit ANALYZE samples each index and stays fast on large
		// databases.
		if s.wrote.Load() {
			s.w.Exec("PRAGMA analysis_limit = 1000")
			s.w.Exec("ANALYZE")
		}
		errs = append(errs, s.w.Close())
	}
	return errors.Join(errs...)
}

// IntegrityCheck runs PRAGMA integrity_check and returns nil when the
// database is sound.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	rows, err := s.r.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return fmt.Errorf("integrity check: %w", err)
		}
		if m != "ok" {
			msgs = append(msgs, m)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(msgs) > 0 {
		return fmt.Errorf("integrity check: %v", msgs)
	}
	return nil
}

// ErrReadOnly is returned by writes on a store opened read-only.
var ErrReadOnly = errors.New("store: opened read-only")

// ErrNotFound is returned when a document does not exist.
var ErrNotFound = errors.New("store: not found")
