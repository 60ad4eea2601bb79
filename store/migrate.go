package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/store/textindex"
)

// A migration moves the schema from version i to i+1 (migrations[i]). They
// run in order, each in its own transaction together with the update of
// PRAGMA user_version, so that a crash mid-way leaves the previous version.
// Migrations are forward only and never edited once released: change the
// schema by appending one.
type migration struct {
	name string
	up   func(ctx context.Context, tx *sql.Tx) error
}

var migrations = []migration{
	{"core tables and full-text index", execSQL(schemaV1)},
	{"near-duplicate stories", migrateV2},
	{"feed polling state", execSQL(schemaV3)},
	{"ingest resume and query indexes", execSQL(schemaV4)},
	{"ranked text index", migrateV5},
	{"encoded event facts and document snippets", migrateV6},
}

// SchemaVersion is the schema version this package writes.
func SchemaVersion() int { return len(migrations) }

const schemaV1 = `
CREATE TABLE documents (
	doc_key      INTEGER PRIMARY KEY,
	id           TEXT NOT NULL UNIQUE,
	input        TEXT NOT NULL DEFAULT '',
	url          TEXT NOT NULL DEFAULT '',
	source       TEXT NOT NULL DEFAULT '',
	byline       TEXT NOT NULL DEFAULT '',
	title        TEXT NOT NULL DEFAULT '',
	published    TEXT NOT NULL DEFAULT '',
	day          TEXT,
	language     TEXT NOT NULL DEFAULT '',
	chars        INTEGER NOT NULL DEFAULT 0,
	content_hash TEXT NOT NULL,
	ingested_at  TEXT NOT NULL,
	updated_at   TEXT NOT NULL
);
-- The text and the document JSON (without its text) live apart, so that
-- scans of documents never read through their overflow pages.
CREATE TABLE bodies (
	doc_key  INTEGER PRIMARY KEY,
	text     TEXT NOT NULL,
	doc_json BLOB NOT NULL
);
CREATE INDEX documents_day ON documents(day, doc_key);
CREATE INDEX documents_source ON documents(source);

CREATE TABLE entities (
	doc_key       INTEGER NOT NULL,
	eid           TEXT NOT NULL,
	type          TEXT NOT NULL DEFAULT '',
	name          TEXT NOT NULL DEFAULT '',
	role          TEXT NOT NULL DEFAULT '',
	actor_code    TEXT NOT NULL DEFAULT '',
	actor_country TEXT NOT NULL DEFAULT '',
	mentions      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_doc ON entities(doc_key);
CREATE INDEX entities_name ON entities(name);

CREATE TABLE places (
	doc_key      INTEGER NOT NULL,
	pid          TEXT NOT NULL,
	name         TEXT NOT NULL DEFAULT '',
	lat          REAL,
	lon          REAL,
	country      TEXT NOT NULL DEFAULT '',
	admin1       TEXT NOT NULL DEFAULT '',
	geonameid    INTEGER NOT NULL DEFAULT 0,
	feature_code TEXT NOT NULL DEFAULT '',
	kind         TEXT NOT NULL DEFAULT '',
	mentions     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX places_doc ON places(doc_key);
CREATE INDEX places_country ON places(country);
CREATE INDEX places_lat ON places(lat);

CREATE TABLE times (
	doc_key INTEGER NOT NULL,
	tid     TEXT NOT NULL,
	start   INTEGER NOT NULL,
	"end"   INTEGER NOT NULL,
	text    TEXT NOT NULL DEFAULT '',
	type    TEXT NOT NULL DEFAULT '',
	value   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX times_doc ON times(doc_key);

CREATE TABLE quotes (
	doc_key      INTEGER NOT NULL,
	qid          TEXT NOT NULL,
	start        INTEGER NOT NULL,
	"end"        INTEGER NOT NULL,
	text         TEXT NOT NULL DEFAULT '',
	kind         TEXT NOT NULL DEFAULT '',
	speaker      TEXT NOT NULL DEFAULT '',
	speaker_name TEXT NOT NULL DEFAULT '',
	cue          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX quotes_doc ON quotes(doc_key);
CREATE INDEX quotes_speaker ON quotes(speaker_name);

CREATE TABLE events (
	doc_key        INTEGER NOT NULL,
	evid           TEXT NOT NULL,
	code           TEXT NOT NULL,
	base           TEXT NOT NULL DEFAULT '',
	root           TEXT NOT NULL DEFAULT '',
	quad           INTEGER NOT NULL DEFAULT 0,
	goldstein      REAL,
	label          TEXT NOT NULL DEFAULT '',
	plover_type    TEXT NOT NULL DEFAULT '',
	plover_mode    TEXT NOT NULL DEFAULT '',
	source_entity  TEXT NOT NULL DEFAULT '',
	target_entity  TEXT NOT NULL DEFAULT '',
	source_name    TEXT NOT NULL DEFAULT '',
	target_name    TEXT NOT NULL DEFAULT '',
	source_actor   TEXT NOT NULL DEFAULT '',
	target_actor   TEXT NOT NULL DEFAULT '',
	source_country TEXT NOT NULL DEFAULT '',
	target_country TEXT NOT NULL DEFAULT '',
	place_id       TEXT NOT NULL DEFAULT '',
	place_name     TEXT NOT NULL DEFAULT '',
	place_country  TEXT NOT NULL DEFAULT '',
	place_feature  TEXT NOT NULL DEFAULT '',
	place_admin1   TEXT NOT NULL DEFAULT '',
	place_geonameid INTEGER NOT NULL DEFAULT 0,
	lat            REAL,
	lon            REAL,
	time           TEXT NOT NULL DEFAULT '',
	day            TEXT,
	modality       TEXT NOT NULL DEFAULT '',
	quote_id       TEXT NOT NULL DEFAULT '',
	trigger_text   TEXT NOT NULL DEFAULT '',
	trigger_start  INTEGER NOT NULL DEFAULT 0,
	trigger_end    INTEGER NOT NULL DEFAULT 0,
	sentence_start INTEGER NOT NULL DEFAULT 0,
	sentence_end   INTEGER NOT NULL DEFAULT 0,
	confidence     REAL NOT NULL DEFAULT 0
);
CREATE INDEX events_doc ON events(doc_key);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_code ON events(code);

-- Contentless: the text lives in bodies; rowid = doc_key.
CREATE VIRTUAL TABLE docs_fts USING fts5(
	title, body, quotes,
	content='', contentless_delete=1,
	tokenize='unicode61 remove_diacritics 2'
);
-- rank: BM25 with matches in titles weighted three times.
INSERT INTO docs_fts(docs_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0, 1.0)');

CREATE TABLE failures (
	id     INTEGER PRIMARY KEY,
	input  TEXT NOT NULL,
	reason TEXT NOT NULL,
	at     TEXT NOT NULL
);
CREATE INDEX failures_input ON failures(input);
`

// schemaV2 adds story grouping: each document belongs to a story (the
// doc_key of its first copy) and, when it is a near or exact duplicate,
// names that first copy in dup_of. lsh holds the MinHash band keys.
const schemaV2 = `
ALTER TABLE documents ADD COLUMN story INTEGER;
ALTER TABLE documents ADD COLUMN dup_of TEXT;
ALTER TABLE documents ADD COLUMN similarity REAL;
ALTER TABLE documents ADD COLUMN exact_hash TEXT NOT NULL DEFAULT '';
-- dup repeats, on each event, whether its document is a duplicate, so
-- that event queries need no filter on documents.
ALTER TABLE events ADD COLUMN dup INTEGER NOT NULL DEFAULT 0;
-- Event query indexes: an equality on dup (and root or PLOVER type)
-- followed by day, then the implicit rowid, returns rows in the order
-- Events lists them, so a filtered page stops early; the actor indexes
-- carry the columns that other filters test.
CREATE INDEX events_dup_day ON events(dup, day);
CREATE INDEX events_root ON events(dup, root, day);
CREATE INDEX events_plover ON events(dup, plover_type, day);
CREATE INDEX events_source ON events(source_actor, day, dup, root);
CREATE INDEX events_target ON events(target_actor, day, dup, root, plover_type);
CREATE TABLE signatures (
	doc_key INTEGER PRIMARY KEY,
	sig     BLOB NOT NULL
);
CREATE INDEX documents_story ON documents(story);
CREATE INDEX documents_exact ON documents(exact_hash);
CREATE TABLE lsh (
	band_key INTEGER NOT NULL,
	doc_key  INTEGER NOT NULL,
	PRIMARY KEY (band_key, doc_key)
) WITHOUT ROWID;
CREATE INDEX lsh_doc ON lsh(doc_key);
`

// migrateV2 adds the story columns and computes signatures and stories for
// the documents already stored, in doc_key (ingest) order.
func migrateV2(ctx context.Context, tx *sql.Tx) error {
	if err := execSQL(schemaV2)(ctx, tx); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT doc_key, text FROM bodies ORDER BY doc_key`)
	if err != nil {
		return fmt.Errorf("backfill signatures: %w", err)
	}
	type item struct {
		key  int64
		text string
	}
	var items []item
	for rows.Next() {
		var it item
		var text sql.NullString
		if err := rows.Scan(&it.key, &text); err != nil {
			rows.Close()
			return fmt.Errorf("backfill signatures: %w", err)
		}
		it.text = text.String
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("backfill signatures: %w", err)
	}
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := assignStory(ctx, tx, it.key, it.text, 0.6); err != nil {
			return fmt.Errorf("backfill story of %d: %w", it.key, err)
		}
	}
	return nil
}

// schemaV3 keeps, for each polled feed, its conditional-request validators
// and the items already stored.
const schemaV3 = `
CREATE TABLE feeds (
	url           TEXT PRIMARY KEY,
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	checked_at    TEXT NOT NULL DEFAULT '',
	errors        INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE feed_items (
	feed    TEXT NOT NULL,
	item    TEXT NOT NULL,
	seen_at TEXT NOT NULL,
	PRIMARY KEY (feed, item)
);
`

// schemaV4 records, for each document, the fingerprint of the input it was
// processed from (see [InputHash]), so that a re-run of ingest skips the
// pipeline for inputs it already stored.
//
// It also replaces the event query indexes by covering ones, one per
// leading filter, each followed by day: a filtered page of events
// (newest day first, see Events) then walks one index in day order, tests
// the other filters on the index entry itself and stops at the page, and
// only the page's rows are read from the table. Actor code prefixes are
// mostly a country or organisation (three letters): source3 and target3
// are those prefixes (stored: SQLite cannot cover a query with an index on
// a virtual column), so that a prefix query is an equality on the index.
const schemaV4 = `
ALTER TABLE documents ADD COLUMN input_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN source3 TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN target3 TEXT NOT NULL DEFAULT '';
UPDATE events SET source3 = substr(source_actor, 1, 3), target3 = substr(target_actor, 1, 3);
DROP INDEX events_day;
DROP INDEX events_code;
DROP INDEX events_dup_day;
DROP INDEX events_root;
DROP INDEX events_plover;
DROP INDEX events_source;
DROP INDEX events_target;
CREATE INDEX events_by_day ON events(day, dup, source3, target3, root, source_actor, target_actor, code, plover_type);
CREATE INDEX events_by_source ON events(source3, day, dup, target3, root, source_actor, target_actor, code, plover_type);
CREATE INDEX events_by_target ON events(target3, day, dup, source3, root, target_actor, source_actor, code, plover_type);
CREATE INDEX events_by_pair ON events(source3, target3, day, dup, root, source_actor, target_actor, code, plover_type);
CREATE INDEX events_by_root ON events(root, day, dup, source3, target3, code, source_actor, target_actor, plover_type);
CREATE INDEX events_by_plover ON events(plover_type, day, dup, source3, target3, root, source_actor, target_actor, code);
`

func execSQL(q string) func(ctx context.Context, tx *sql.Tx) error {
	return func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
		return nil
	}
}

func schemaVersion(ctx context.Context, db *sql.DB) (int, error) {
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// migrate brings db to schema version target (at most len(migrations)).
func migrate(ctx context.Context, db *sql.DB, target int) error {
	v, err := schemaVersion(ctx, db)
	if err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this program knows (%d); upgrade sitrep", v, len(migrations))
	}
	for ; v < target; v++ {
		m := migrations[v]
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migration %d (%s): %w", v+1, m.name, err)
		}
		if err := m.up(ctx, tx); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d (%s): %w", v+1, m.name, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d (%s): %w", v+1, m.name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %d (%s): commit: %w", v+1, m.name, err)
		}
	}
	return nil
}

// jsonText is a helper to marshal a value for a TEXT column.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// schemaV5 is the ranked text index (package textindex; see textsearch.go):
// segments of postings per term, each document's live segment and length,
// and the totals BM25 needs.
const schemaV5 = `
CREATE TABLE text_segs (
	seg   INTEGER PRIMARY KEY,
	level INTEGER NOT NULL,
	docs  INTEGER NOT NULL
);
CREATE INDEX text_segs_level ON text_segs(level, seg);
CREATE TABLE text_terms (
	term TEXT NOT NULL,
	seg  INTEGER NOT NULL,
	n    INTEGER NOT NULL, -- postings in data
	data BLOB NOT NULL,    -- textindex.AppendPostings
	PRIMARY KEY (term, seg)
) WITHOUT ROWID;
CREATE INDEX text_terms_seg ON text_terms(seg);
CREATE TABLE text_docs (
	doc_key INTEGER PRIMARY KEY,
	seg     INTEGER NOT NULL,
	len     INTEGER NOT NULL
);
CREATE INDEX text_docs_seg ON text_docs(seg);
CREATE TABLE text_stats (
	id     INTEGER PRIMARY KEY CHECK (id = 1),
	docs   INTEGER NOT NULL,
	tokens INTEGER NOT NULL,
	dead   INTEGER NOT NULL  -- old document versions not yet merged away
);
INSERT INTO text_stats VALUES (1, 0, 0, 0);
`

// backfillChunk is the number of documents per segment the v5 migration
// writes (level 2: 64 × 8²).
const backfillChunk = 4096

// migrateV5 creates the ranked text index and indexes the stored
// documents, the same fields as docs_fts: title, text after the title and
// the quotes' text.
func migrateV5(ctx context.Context, tx *sql.Tx) error {
	if err := execSQL(schemaV5)(ctx, tx); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT d.doc_key, d.title, b.text, b.doc_json,
		(SELECT group_concat(q.text || char(10), '') FROM (SELECT text FROM quotes WHERE doc_key = d.doc_key ORDER BY rowid) q)
		FROM documents d JOIN bodies b ON b.doc_key = d.doc_key ORDER BY d.doc_key`)
	if err != nil {
		return fmt.Errorf("index text: %w", err)
	}
	var chunks []*textindex.Builder
	b := &textindex.Builder{}
	for rows.Next() {
		var key int64
		var title, text string
		var blob []byte
		var quotes sql.NullString
		if err := rows.Scan(&key, &title, &text, &blob, &quotes); err != nil {
			rows.Close()
			return fmt.Errorf("index text: %w", err)
		}
		b.Add(key, textFields(title, bodyText(text, title, titleSpan(blob)), quotes.String)...)
		if len(b.Docs()) == backfillChunk {
			chunks = append(chunks, b)
			b = &textindex.Builder{}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("index text: %w", err)
	}
	chunks = append(chunks, b)
	for _, c := range chunks {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := writeSegment(ctx, tx, c, 2); err != nil {
			return err
		}
	}
	return nil
}

// titleSpan reads the title span of a stored document JSON without
// decoding the rest.
func titleSpan(blob []byte) *document.Span {
	i := bytes.Index(blob, []byte(`"title_span":`))
	if i < 0 {
		return nil
	}
	rest := blob[i+len(`"title_span":`):]
	j := bytes.IndexByte(rest, '}')
	if j < 0 {
		return nil
	}
	var sp document.Span
	if json.Unmarshal(rest[:j+1], &sp) != nil {
		return nil
	}
	return &sp
}
