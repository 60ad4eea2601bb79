package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/store/textindex"
)

// PutStatus says what Put did.
type PutStatus int

// The outcomes of Put.
const (
	Inserted  PutStatus = iota + 1 // a new document
	Updated                        // an existing id with a changed document
	Unchanged                      // an existing id with an identical document; nothing written
)

func (s PutStatus) String() string {
	switch s {
	case Inserted:
		return "inserted"
	case Updated:
		return "updated"
	case Unchanged:
		return "unchanged"
	}
	return "unknown"
}

// PutResult reports the outcome of Put.
type PutResult struct {
	Status PutStatus
	// Story is the doc_key of the story's first copy; DupOf is its id when
	// the document is a duplicate of an earlier one, with the estimated
	// Similarity (1 for an exact duplicate).
	Story      int64
	DupOf      string
	Similarity float64
	// Exact is true when the text equals the first copy's after
	// normalization (case, spacing, punctuation).
	Exact bool
}

// Put stores d, replacing any stored document of the same id and all its
// facts, in one transaction. A document identical to the stored one is left
// alone (Unchanged). d is not modified.
func (s *Store) Put(ctx context.Context, d *document.Document) (PutResult, error) {
	res, err := s.PutBatch(ctx, []*document.Document{d})
	if err != nil {
		return PutResult{}, err
	}
	return res[0], nil
}

// PutBatch stores several documents as Put does, all in one transaction
// (much faster than one transaction each): either all are stored or, on
// an error, none. Later documents of the batch see the earlier ones as
// possible first copies.
func (s *Store) PutBatch(ctx context.Context, docs []*document.Document) ([]PutResult, error) {
	return s.PutInputs(ctx, docs, nil)
}

// InputHash is the fingerprint of a document as read from its input,
// before any stage ran, and of the pipeline that processes it (pipeline
// names its stages, dictionaries and program build). A stored document of
// the same id and input hash (see [Store.HasInput]) need not be processed
// again.
func InputHash(d *document.Document, pipeline string) string {
	b, err := json.Marshal(d)
	if err != nil {
		return ""
	}
	h := sha256.New()
	h.Write([]byte(pipeline))
	h.Write([]byte{0})
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// HasInput reports whether the document id is stored and was processed
// from an input of the given [InputHash].
func (s *Store) HasInput(ctx context.Context, id, inputHash string) (bool, error) {
	if inputHash == "" {
		return false, nil
	}
	var one int
	err := s.r.QueryRowContext(ctx, `SELECT 1 FROM documents WHERE id = ? AND input_hash = ?`, id, inputHash).Scan(&one)
	switch {
	case err == sql.ErrNoRows:
		return false, nil
	case err != nil:
		return false, fmt.Errorf("store: look up %s: %w", id, err)
	}
	return true, nil
}

// PutInputs is PutBatch recording, for each document, the [InputHash] of
// the input it was processed from (inputHashes[i], "" when unknown; nil
// for none), which [Store.HasInput] checks. An unchanged document gets the
// new input hash too.
func (s *Store) PutInputs(ctx context.Context, docs []*document.Document, inputHashes []string) ([]PutResult, error) {
	if inputHashes != nil && len(inputHashes) != len(docs) {
		return nil, errors.New("store: PutInputs: one input hash per document")
	}
	if s.w == nil {
		return nil, ErrReadOnly
	}
	type enc struct {
		c    document.Document
		blob []byte
		hash string
	}
	encs := make([]enc, len(docs))
	for i, d := range docs {
		if d == nil || strings.TrimSpace(d.ID) == "" {
			return nil, errors.New("store: document without id")
		}
		c := *d
		if !s.opts.KeepTokens {
			c.Tokens = nil
		}
		c.Normalize()
		// The text is stored apart from the rest of the JSON.
		text := c.Text
		c.Text = ""
		blob, err := json.Marshal(&c)
		c.Text = text
		if err != nil {
			return nil, fmt.Errorf("store: encode document %s: %w", d.ID, err)
		}
		h := sha256.New()
		h.Write(blob)
		h.Write([]byte{0})
		h.Write([]byte(text))
		encs[i] = enc{c, blob, hex.EncodeToString(h.Sum(nil)[:16])}
	}

	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: put: %w", err)
	}
	defer tx.Rollback()
	out := make([]PutResult, len(docs))
	changed := false
	var ix textindex.Builder
	for i := range encs {
		e := &encs[i]
		in := ""
		if inputHashes != nil {
			in = inputHashes[i]
		}
		res, wrote, err := putTx(ctx, tx, &e.c, e.blob, e.hash, in, s.opts.DuplicateThreshold, &ix)
		if err != nil {
			return nil, fmt.Errorf("store: put %s: %w", e.c.ID, err)
		}
		out[i] = res
		changed = changed || wrote
	}
	if !changed {
		return out, nil
	}
	if _, err := writeSegment(ctx, tx, &ix, 0); err != nil {
		return nil, fmt.Errorf("store: put: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: put: commit: %w", err)
	}
	s.wrote.Store(true)
	// The batch is committed; merging index segments is upkeep, retried by
	// the next write if it fails (see mergeErr).
	s.mergeErr = s.mergeText(ctx)
	if ctx.Err() != nil {
		s.mergeErr = nil // cancelled: the next write merges
	}
	return out, nil
}

// putTx stores one document in tx; wrote reports whether it changed the
// database.
func putTx(ctx context.Context, tx *sql.Tx, d *document.Document, blob []byte, hash, inputHash string, threshold float64, ix *textindex.Builder) (res PutResult, wrote bool, err error) {
	now := time.Now().UTC().Format(time.RFC3339)
	var key int64
	var oldHash, oldInput string
	err = tx.QueryRowContext(ctx, `SELECT doc_key, content_hash, input_hash FROM documents WHERE id = ?`, d.ID).Scan(&key, &oldHash, &oldInput)
	switch {
	case err == sql.ErrNoRows:
		res.Status = Inserted
		r, err := tx.ExecContext(ctx, `INSERT INTO documents(id, input, url, source, byline, title, published, day, language, chars, content_hash, ingested_at, updated_at, input_hash, snippet)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			d.ID, d.Input, d.URL, d.Source, d.Byline, d.Title, d.Published, nullDay(d.Published), d.Language,
			utf8.RuneCountInString(d.Text), hash, now, now, inputHash, snippet(d.Text, d.Title))
		if err != nil {
			return res, false, fmt.Errorf("insert document: %w", err)
		}
		if key, err = r.LastInsertId(); err != nil {
			return res, false, fmt.Errorf("insert document: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO bodies(doc_key, text, doc_json) VALUES (?, ?, ?)`, key, d.Text, blob); err != nil {
			return res, false, fmt.Errorf("insert document body: %w", err)
		}
	case err != nil:
		return res, false, fmt.Errorf("look up document: %w", err)
	case oldHash == hash:
		res.Status = Unchanged
		var story sql.NullInt64
		var dup sql.NullString
		var sim sql.NullFloat64
		if err := tx.QueryRowContext(ctx, `SELECT story, dup_of, similarity FROM documents WHERE doc_key = ?`, key).Scan(&story, &dup, &sim); err != nil {
			return res, false, fmt.Errorf("look up document: %w", err)
		}
		res.Story, res.DupOf, res.Similarity = story.Int64, dup.String, sim.Float64
		if inputHash != "" && inputHash != oldInput {
			if _, err := tx.ExecContext(ctx, `UPDATE documents SET input_hash = ? WHERE doc_key = ?`, inputHash, key); err != nil {
				return res, false, fmt.Errorf("update input hash: %w", err)
			}
			return res, true, nil
		}
		return res, false, nil
	default:
		res.Status = Updated
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET input = ?, url = ?, source = ?, byline = ?, title = ?, published = ?, day = ?, language = ?, chars = ?, content_hash = ?, updated_at = ?, input_hash = ?, snippet = ? WHERE doc_key = ?`,
			d.Input, d.URL, d.Source, d.Byline, d.Title, d.Published, nullDay(d.Published), d.Language,
			utf8.RuneCountInString(d.Text), hash, now, inputHash, snippet(d.Text, d.Title), key); err != nil {
			return res, false, fmt.Errorf("update document: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE bodies SET text = ?, doc_json = ? WHERE doc_key = ?`, d.Text, blob, key); err != nil {
			return res, false, fmt.Errorf("update document body: %w", err)
		}
		for _, t := range []string{"entities", "places", "times", "quotes", "events"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE doc_key = ?`, key); err != nil {
				return res, false, fmt.Errorf("clear %s: %w", t, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM docs_fts WHERE rowid = ?`, key); err != nil {
			return res, false, fmt.Errorf("clear search index: %w", err)
		}
	}
	if err := insertFacts(ctx, tx, key, d, ix); err != nil {
		return res, false, err
	}
	if d.Input != "" {
		if _, err := tx.ExecContext(ctx, `DELETE FROM failures WHERE input = ?`, d.Input); err != nil {
			return res, false, fmt.Errorf("clear failure: %w", err)
		}
	}
	info, err := assignStory(ctx, tx, key, d.Text, threshold)
	if err != nil {
		return res, false, err
	}
	res.Story, res.DupOf, res.Similarity, res.Exact = info.Story, info.DupOf, info.Similarity, info.Exact
	return res, true, nil
}

func insertFacts(ctx context.Context, tx *sql.Tx, key int64, d *document.Document, ix *textindex.Builder) error {
	ents := make(map[string]*document.Entity, len(d.Entities))
	for i := range d.Entities {
		e := &d.Entities[i]
		ents[e.ID] = e
		var code, country string
		if e.Actor != nil {
			code, country = e.Actor.Code, e.Actor.Country
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO entities(doc_key, eid, type, name, role, actor_code, actor_country, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			key, e.ID, e.Type, e.Name, e.Role, code, country, len(e.Mentions)); err != nil {
			return fmt.Errorf("insert entity %s: %w", e.ID, err)
		}
	}
	places := make(map[string]*document.Place, len(d.Places))
	for i := range d.Places {
		p := &d.Places[i]
		places[p.ID] = p
		if _, err := tx.ExecContext(ctx, `INSERT INTO places(doc_key, pid, name, lat, lon, country, admin1, geonameid, feature_code, kind, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			key, p.ID, p.Name, p.Lat, p.Lon, p.Country, p.Admin1, p.GeonameID, p.FeatureCode, p.Kind, len(p.Mentions)); err != nil {
			return fmt.Errorf("insert place %s: %w", p.ID, err)
		}
	}
	for _, t := range d.Times {
		if _, err := tx.ExecContext(ctx, `INSERT INTO times(doc_key, tid, start, "end", text, type, value) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			key, t.ID, t.Start, t.End, t.Text, t.Type, t.Value); err != nil {
			return fmt.Errorf("insert time %s: %w", t.ID, err)
		}
	}
	quotes := make(map[string]string, len(d.Quotes))
	var quoteText strings.Builder
	for _, q := range d.Quotes {
		speaker, name := "", ""
		if q.Speaker != nil {
			speaker = *q.Speaker
			name = speaker
			if e, ok := ents[speaker]; ok {
				name = e.Name
			}
		}
		if name == "" && q.SpeakerMention != nil {
			name = q.SpeakerMention.Text
		}
		quotes[q.ID] = name
		cue := ""
		if q.Cue != nil {
			cue = q.Cue.Text
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO quotes(doc_key, qid, start, "end", text, kind, speaker, speaker_name, cue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			key, q.ID, q.Start, q.End, q.Text, q.Kind, speaker, name, cue); err != nil {
			return fmt.Errorf("insert quote %s: %w", q.ID, err)
		}
		quoteText.WriteString(q.Text)
		quoteText.WriteByte('\n')
	}
	docDay := dayOf(d.Published)
	for _, ev := range d.Events {
		r := eventRow(&ev, ents, places, docDay)
		facts, err := json.Marshal(eventFacts(&ev, r))
		if err != nil {
			return fmt.Errorf("encode event %s: %w", ev.ID, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO events(doc_key, evid, code, base, root, quad, goldstein, label, plover_type, plover_mode,
			source_entity, target_entity, source_name, target_name, source_actor, target_actor, source_country, target_country,
			place_id, place_name, place_country, place_feature, place_admin1, place_geonameid, lat, lon, time, day, modality, quote_id,
			trigger_text, trigger_start, trigger_end, sentence_start, sentence_end, confidence, source3, target3, facts)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			key, ev.ID, ev.Code, BaseCode(ev.Code), RootCode(ev.Code), QuadClass(ev.Code), r.goldstein, ev.Label, r.ploverType, r.ploverMode,
			ev.Source, ev.Target, r.sourceName, r.targetName, ev.SourceActor, ev.TargetActor, r.sourceCountry, r.targetCountry,
			ev.Place, r.placeName, r.placeCountry, r.placeFeature, r.placeAdmin1, r.placeGeonameID, r.lat, r.lon, r.time, r.day, ev.Modality, ev.Quote,
			ev.Trigger.Text, ev.Trigger.Start, ev.Trigger.End, ev.Sentence.Start, ev.Sentence.End, ev.Confidence,
			prefix3(ev.SourceActor), prefix3(ev.TargetActor), facts); err != nil {
			return fmt.Errorf("insert event %s: %w", ev.ID, err)
		}
	}
	body := bodyText(d.Text, d.Title, d.TitleSpan)
	if _, err := tx.ExecContext(ctx, `INSERT INTO docs_fts(rowid, title, body, quotes) VALUES (?, ?, ?, ?)`, key, d.Title, body, quoteText.String()); err != nil {
		return fmt.Errorf("index text: %w", err)
	}
	ix.Add(key, textFields(d.Title, body, quoteText.String())...)
	return nil
}

// bodyText is the text indexed as a document's body: its text after the
// title, which is indexed in its own field.
func bodyText(text, title string, span *document.Span) string {
	if span == nil || title == "" {
		return text
	}
	n := utf8.RuneCountInString(text)
	start := min(max(span.End, 0), n)
	i := 0
	for b := range text {
		if i == start {
			return text[b:]
		}
		i++
	}
	return ""
}

type evRow struct {
	goldstein                             any
	ploverType, ploverMode                string
	sourceName, targetName                string
	sourceCountry, targetCountry          string
	placeName, placeCountry, placeFeature string
	placeAdmin1                           string
	placeGeonameID                        int
	lat, lon                              any
	time                                  string
	day                                   any
}

func eventRow(ev *document.Event, ents map[string]*document.Entity, places map[string]*document.Place, docDay string) evRow {
	var r evRow
	if g, ok := Goldstein(ev.Code); ok {
		r.goldstein = g
	}
	if ev.Plover != nil {
		r.ploverType, r.ploverMode = ev.Plover.Type, ev.Plover.Mode
	}
	r.sourceName, r.sourceCountry = actorOf(ents[ev.Source], ev.SourceActor)
	r.targetName, r.targetCountry = actorOf(ents[ev.Target], ev.TargetActor)
	if p, ok := places[ev.Place]; ok {
		r.placeName, r.placeCountry, r.placeFeature, r.placeAdmin1, r.placeGeonameID = p.Name, p.Country, p.FeatureCode, p.Admin1, p.GeonameID
		r.lat, r.lon = p.Lat, p.Lon
	}
	if ev.Time != nil {
		r.time = *ev.Time
	}
	day := dayOf(r.time)
	if day == "" {
		day = docDay
	}
	if day != "" {
		r.day = day
	}
	return r
}

// actorOf returns the display name and country of an event's actor: the
// entity's name and actor country when known, else the first three letters
// of the actor code when they look like a country code.
func actorOf(e *document.Entity, code string) (name, country string) {
	if e != nil {
		name = e.Name
		if e.Actor != nil {
			country = e.Actor.Country
			if code == "" {
				code = e.Actor.Code
			}
		}
	}
	if country == "" && len(code) >= 3 && isUpper(code[:3]) {
		country = code[:3]
	}
	return name, country
}

// prefix3 is the first three characters of an actor code, as the
// source3 and target3 event columns hold them (SQL substr(code, 1, 3)).
func prefix3(code string) string {
	n := 0
	for i := range code {
		if n == 3 {
			return code[:i]
		}
		n++
	}
	return code
}

func isUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// dayOf returns the YYYY-MM-DD date that s (RFC 3339, a date, or a TIMEX
// value) starts with, or "".
func dayOf(s string) string {
	if len(s) < 10 {
		return ""
	}
	d := s[:10]
	if _, err := time.Parse("2006-01-02", d); err != nil {
		return ""
	}
	return d
}

func nullDay(s string) any {
	if d := dayOf(s); d != "" {
		return d
	}
	return nil
}
