package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/sitrep/sitrep/document"
)

// eventFacts returns the EventFacts that Events reads back for an event
// stored from ev and r (see insertFacts).
func eventFacts(ev *document.Event, r evRow) EventFacts {
	f := EventFacts{
		ID: ev.ID, Code: ev.Code, Root: RootCode(ev.Code), Quad: QuadClass(ev.Code), Label: ev.Label,
		PloverType: r.ploverType, PloverMode: r.ploverMode,
		SourceEntity: ev.Source, TargetEntity: ev.Target, SourceName: r.sourceName, TargetName: r.targetName,
		SourceActor: ev.SourceActor, TargetActor: ev.TargetActor, SourceCountry: r.sourceCountry, TargetCountry: r.targetCountry,
		PlaceID: ev.Place, PlaceName: r.placeName, PlaceCountry: r.placeCountry, PlaceFeature: r.placeFeature,
		PlaceAdmin1: r.placeAdmin1, PlaceGeonameID: r.placeGeonameID, Time: r.time, Modality: ev.Modality, QuoteID: ev.Quote,
		Trigger: ev.Trigger.Text, TriggerStart: ev.Trigger.Start, TriggerEnd: ev.Trigger.End,
		SentenceStart: ev.Sentence.Start, SentenceEnd: ev.Sentence.End, Confidence: ev.Confidence,
	}
	if g, ok := r.goldstein.(float64); ok {
		f.Goldstein = &g
	}
	// SQLite keeps NaN as NULL; a place needs both coordinates.
	lat, latOK := r.lat.(float64)
	lon, lonOK := r.lon.(float64)
	if latOK && lonOK && !math.IsNaN(lat) && !math.IsNaN(lon) {
		f.Lat, f.Lon = &lat, &lon
	}
	if d, ok := r.day.(string); ok {
		f.Day = d
	}
	return f
}

// migrateV6 stores every event's facts JSON-encoded (EventFacts), read
// back from its columns, and every document's snippet.
func migrateV6(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{
		`ALTER TABLE events ADD COLUMN facts BLOB`,
		`ALTER TABLE documents ADD COLUMN snippet TEXT NOT NULL DEFAULT ''`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("add column: %w", err)
		}
	}
	err := updateEach(ctx, tx, `SELECT `+eventCols+` FROM events e JOIN documents d ON d.doc_key = e.doc_key`,
		`UPDATE events SET facts = ? WHERE rowid = ?`, func(rows *sql.Rows) ([]any, error) {
			r, err := scanEvent(rows)
			if err != nil {
				return nil, err
			}
			b, err := json.Marshal(&r.EventFacts)
			return []any{b, r.Seq}, err
		})
	if err != nil {
		return fmt.Errorf("encode event facts: %w", err)
	}
	err = updateEach(ctx, tx, `SELECT d.doc_key, d.title, substr(b.text, 1, 1600) FROM documents d JOIN bodies b ON b.doc_key = d.doc_key`,
		`UPDATE documents SET snippet = ? WHERE doc_key = ?`, func(rows *sql.Rows) ([]any, error) {
			var key int64
			var title, text string
			err := rows.Scan(&key, &title, &text)
			return []any{snippet(text, title), key}, err
		})
	if err != nil {
		return fmt.Errorf("add snippets: %w", err)
	}
	return nil
}

// updateEach runs upd once per row of sel, with the arguments args
// computes from the row; all rows are read before the first update.
func updateEach(ctx context.Context, tx *sql.Tx, sel, upd string, args func(*sql.Rows) ([]any, error)) error {
	rows, err := tx.QueryContext(ctx, sel)
	if err != nil {
		return err
	}
	var all [][]any
	for rows.Next() {
		a, err := args(rows)
		if err != nil {
			rows.Close()
			return err
		}
		all = append(all, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	up, err := tx.PrepareContext(ctx, upd)
	if err != nil {
		return err
	}
	defer up.Close()
	for _, a := range all {
		if _, err := up.ExecContext(ctx, a...); err != nil {
			return err
		}
	}
	return nil
}

const eventJSONCols = `d.id, d.title, d.url, coalesce(d.dup_of, ''), e.facts, d.ingested_at, coalesce(d.story, d.doc_key), e.rowid`

// EventsJSON is Events with each event JSON-encoded: the bytes of
// json.Marshal of its EventRow, spliced from the stored facts and the
// document's fields without decoding them.
func (s *Store) EventsJSON(ctx context.Context, f Filter) ([]json.RawMessage, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	q, args := eventPage(eventJSONCols, &f)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("query events: %w", err)
	}
	defer rows.Close()
	out := []json.RawMessage{}
	var buf []byte
	for rows.Next() {
		var id, title, url, dup, ingested string
		var facts sql.RawBytes
		var story, seq int64
		if err := rows.Scan(&id, &title, &url, &dup, &facts, &ingested, &story, &seq); err != nil {
			return nil, fmt.Errorf("query events: %w", err)
		}
		if len(facts) < 2 || facts[0] != '{' || facts[len(facts)-1] != '}' {
			return nil, fmt.Errorf("query events: event %d of %s: %w", seq, id, errBadFacts)
		}
		start := len(buf)
		buf = appendEventJSON(buf, id, title, url, dup, facts, ingested, story, seq)
		out = append(out, buf[start:len(buf):len(buf)])
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query events: %w", err)
	}
	return out, nil
}

var errBadFacts = errors.New("stored facts are not a JSON object")

// appendEventJSON appends what json.Marshal writes for an EventRow with
// these document fields and facts (an encoded EventFacts), Sentence empty.
func appendEventJSON(dst []byte, id, title, url, dup string, facts []byte, ingested string, story, seq int64) []byte {
	dst = append(dst, `{"doc_id":`...)
	dst = appendJSONString(dst, id)
	for _, kv := range [...]struct{ k, v string }{{"doc_title", title}, {"url", url}, {"dup_of", dup}} {
		if kv.v != "" {
			dst = append(dst, `,"`...)
			dst = append(dst, kv.k...)
			dst = append(dst, `":`...)
			dst = appendJSONString(dst, kv.v)
		}
	}
	dst = append(dst, ',')
	dst = append(dst, facts[1:len(facts)-1]...)
	if ingested != "" {
		dst = append(dst, `,"ingested":`...)
		dst = appendJSONString(dst, ingested)
	}
	dst = append(dst, `,"story":`...)
	dst = strconv.AppendInt(dst, story, 10)
	dst = append(dst, `,"seq":`...)
	dst = strconv.AppendInt(dst, seq, 10)
	return append(dst, '}')
}

// appendJSONString appends s as encoding/json writes it.
func appendJSONString(dst []byte, s string) []byte {
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		plain = c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	if plain {
		dst = append(dst, '"')
		dst = append(dst, s...)
		return append(dst, '"')
	}
	b, _ := json.Marshal(s) // a string always encodes
	return append(dst, b...)
}
