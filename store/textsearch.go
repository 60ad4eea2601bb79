package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/store/textindex"
)

// The ranked text index (schemaV5, package textindex) answers relevance
// searches made of plain words; FTS5 (docs_fts) answers the rest (phrases,
// prefixes, text combined with other filters) and all matching in event,
// place and aggregate queries. Both index the same three fields.

// Field weights: those of docs_fts's rank, bm25(3.0, 1.0, 1.0).
const (
	titleWeight = 3
	bodyWeight  = 1
	quoteWeight = 1
)

// Segments merge eight at a time: level L holds about 64 × 8^L documents
// when ingest commits 64 at a time.
const mergeFanIn = 8

func textFields(title, body, quotes string) []textindex.Field {
	return []textindex.Field{{Text: title, Weight: titleWeight}, {Text: body, Weight: bodyWeight}, {Text: quotes, Weight: quoteWeight}}
}

// writeSegment stores the postings of b as a new segment of the given
// level and makes it the live segment of b's documents.
func writeSegment(ctx context.Context, tx *sql.Tx, b *textindex.Builder, level int) (int64, error) {
	docs := b.Docs()
	if len(docs) == 0 {
		return 0, nil
	}
	r, err := tx.ExecContext(ctx, `INSERT INTO text_segs(level, docs) VALUES (?, ?)`, level, len(docs))
	if err != nil {
		return 0, fmt.Errorf("text index: new segment: %w", err)
	}
	seg, err := r.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("text index: new segment: %w", err)
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO text_terms(term, seg, n, data) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return 0, fmt.Errorf("text index: %w", err)
	}
	defer ins.Close()
	var buf []byte
	err = b.Each(func(term string, ps []textindex.Posting) error {
		buf = textindex.AppendPostings(buf[:0], ps)
		if _, err := ins.ExecContext(ctx, term, seg, len(ps), buf); err != nil {
			return fmt.Errorf("text index: write %q: %w", term, err)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	var dDocs, dTokens, dDead int64
	old, err := tx.PrepareContext(ctx, `SELECT len FROM text_docs WHERE doc_key = ?`)
	if err != nil {
		return 0, fmt.Errorf("text index: %w", err)
	}
	defer old.Close()
	up, err := tx.PrepareContext(ctx, `INSERT INTO text_docs(doc_key, seg, len) VALUES (?, ?, ?)
		ON CONFLICT(doc_key) DO UPDATE SET seg = excluded.seg, len = excluded.len`)
	if err != nil {
		return 0, fmt.Errorf("text index: %w", err)
	}
	defer up.Close()
	for _, d := range docs {
		var n int64
		switch err := old.QueryRowContext(ctx, d.Doc).Scan(&n); {
		case err == sql.ErrNoRows:
			dDocs++
		case err != nil:
			return 0, fmt.Errorf("text index: %w", err)
		default:
			dDead++ // the old version's postings stay until merged away
		}
		dTokens += int64(d.Len) - n
		if _, err := up.ExecContext(ctx, d.Doc, seg, d.Len); err != nil {
			return 0, fmt.Errorf("text index: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE text_stats SET docs = docs + ?, tokens = tokens + ?, dead = dead + ?`, dDocs, dTokens, dDead); err != nil {
		return 0, fmt.Errorf("text index: %w", err)
	}
	return seg, nil
}

// mergeText merges, while some level has mergeFanIn segments, the oldest
// mergeFanIn of the lowest such level into one of the next level, each
// merge in its own transaction. Postings of documents whose live segment
// is another (old versions) are dropped. The caller holds s.wmu.
func (s *Store) mergeText(ctx context.Context) error {
	for {
		var level int
		err := s.w.QueryRowContext(ctx, `SELECT level FROM text_segs GROUP BY level HAVING count(*) >= ? ORDER BY level LIMIT 1`, mergeFanIn).Scan(&level)
		if err == sql.ErrNoRows {
			return nil
		}
		if err != nil {
			return fmt.Errorf("text index: merge: %w", err)
		}
		if err := s.mergeLevel(ctx, level); err != nil {
			return err
		}
	}
}

func (s *Store) mergeLevel(ctx context.Context, level int) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("text index: merge: %w", err)
	}
	defer tx.Rollback()
	segs, err := int64s(ctx, tx, `SELECT seg FROM text_segs WHERE level = ? ORDER BY seg LIMIT ?`, level, mergeFanIn)
	if err != nil {
		return fmt.Errorf("text index: merge: %w", err)
	}
	segList, _ := json.Marshal(segs)
	var written int64 // documents written to the merged segments, live or not
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(docs), 0) FROM text_segs WHERE seg IN (SELECT value FROM json_each(?))`, string(segList)).Scan(&written); err != nil {
		return fmt.Errorf("text index: merge: %w", err)
	}
	// The live segment of each document in the merged segments.
	live := map[int64]int64{}
	rows, err := tx.QueryContext(ctx, `SELECT doc_key, seg FROM text_docs WHERE seg IN (SELECT value FROM json_each(?))`, string(segList))
	if err != nil {
		return fmt.Errorf("text index: merge: %w", err)
	}
	for rows.Next() {
		var d, sg int64
		if err := rows.Scan(&d, &sg); err != nil {
			rows.Close()
			return fmt.Errorf("text index: merge: %w", err)
		}
		live[d] = sg
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("text index: merge: %w", err)
	}
	// Every term's lists, in segment order.
	type part struct {
		seg int64
		ps  []textindex.Posting
	}
	terms := map[string][]part{}
	rows, err = tx.QueryContext(ctx, `SELECT term, seg, data FROM text_terms WHERE seg IN (SELECT value FROM json_each(?)) ORDER BY seg`, string(segList))
	if err != nil {
		return fmt.Errorf("text index: merge: %w", err)
	}
	for rows.Next() {
		var term string
		var seg int64
		var data []byte
		if err := rows.Scan(&term, &seg, &data); err != nil {
			rows.Close()
			return fmt.Errorf("text index: merge: %w", err)
		}
		ps, err := textindex.DecodePostings(nil, data)
		if err != nil {
			rows.Close()
			return fmt.Errorf("text index: merge %q in segment %d: %w", term, seg, err)
		}
		terms[term] = append(terms[term], part{seg, ps})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("text index: merge: %w", err)
	}
	r, err := tx.ExecContext(ctx, `INSERT INTO text_segs(level, docs) VALUES (?, ?)`, level+1, len(live))
	if err != nil {
		return fmt.Errorf("text index: merge: %w", err)
	}
	seg, err := r.LastInsertId()
	if err != nil {
		return fmt.Errorf("text index: merge: %w", err)
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO text_terms(term, seg, n, data) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("text index: merge: %w", err)
	}
	defer ins.Close()
	var buf []byte
	lists := make([][]textindex.Posting, 0, mergeFanIn)
	for term, parts := range terms {
		lists = lists[:0]
		for _, p := range parts {
			lists = append(lists, p.ps)
		}
		merged := textindex.Merge(lists, func(i int, p textindex.Posting) bool { return live[p.Doc] == parts[i].seg })
		if len(merged) == 0 {
			continue
		}
		buf = textindex.AppendPostings(buf[:0], merged)
		if _, err := ins.ExecContext(ctx, term, seg, len(merged), buf); err != nil {
			return fmt.Errorf("text index: merge: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE text_stats SET dead = max(dead - ?, 0)`, written-int64(len(live))); err != nil {
		return fmt.Errorf("text index: merge: %w", err)
	}
	for _, q := range []string{
		`DELETE FROM text_terms WHERE seg IN (SELECT value FROM json_each(?))`,
		`UPDATE text_docs SET seg = ` + fmt.Sprint(seg) + ` WHERE seg IN (SELECT value FROM json_each(?))`,
		`DELETE FROM text_segs WHERE seg IN (SELECT value FROM json_each(?))`,
	} {
		if _, err := tx.ExecContext(ctx, q, string(segList)); err != nil {
			return fmt.Errorf("text index: merge: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("text index: merge: commit: %w", err)
	}
	return nil
}

func int64s(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// queryTerms returns the terms of every word and phrase of a search, or ok
// false when it has a prefix ("word*"), which the ranked index cannot
// expand.
func queryTerms(text string) (terms []string, ok bool) {
	if strings.Contains(text, "*") {
		return nil, false
	}
	terms = textindex.Terms(text)
	return terms, len(terms) > 0
}

// ftsMatches returns the keys of the documents matching an FTS5 query, in
// increasing order.
func (s *Store) ftsMatches(ctx context.Context, match string) ([]int64, error) {
	rows, err := s.query(ctx, `SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?`, match)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var keys []int64
	for rows.Next() {
		var k int64
		if err := rows.Scan(&k); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return keys, nil
}

// plainTerms returns the terms of a search made only of plain words (the
// ranked index's queries), or ok false when it has a phrase, a prefix or
// a word that FTS5 would read as a phrase ("o'brien", "al-assad").
func plainTerms(text string) (terms []string, ok bool) {
	for _, f := range strings.FieldsFunc(text, unicode.IsSpace) {
		if strings.ContainsAny(f, `"*'-`) {
			return nil, false
		}
		ts := textindex.Terms(f)
		if len(ts) > 1 {
			return nil, false // "u.s." is a phrase of two terms
		}
		terms = append(terms, ts...)
	}
	return terms, len(terms) > 0
}

// rankedKeys returns the keys of the documents ranked offset+1 to
// offset+limit for terms (all of them required) by the ranked text index,
// best first.
func (s *Store) rankedKeys(ctx context.Context, terms []string, keep func(int64) bool, limit, offset int) ([]int64, error) {
	hits, err := s.rankedHits(ctx, terms, keep, offset+limit)
	if err != nil || offset >= len(hits) {
		return []int64{}, err
	}
	hits = hits[offset:]
	keys := make([]int64, len(hits))
	for i, h := range hits {
		keys[i] = h.Doc
	}
	return keys, nil
}

// rankedHits returns the best k live documents for terms that keep accepts
// (nil: all), best first.
func (s *Store) rankedHits(ctx context.Context, terms []string, keep func(int64) bool, k int) ([]textindex.Hit, error) {
	tl, _ := json.Marshal(terms)
	rows, err := s.query(ctx, `SELECT '', docs, tokens, dead FROM text_stats
		UNION ALL SELECT term, seg, n, data FROM text_terms WHERE term IN (SELECT value FROM json_each(?))`, string(tl))
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	var st textindex.Stats
	dead := true
	byTerm := map[string]*textindex.TermPostings{}
	for rows.Next() {
		var term string
		var seg, n int64
		var data sql.RawBytes // decoded before the next row
		if err := rows.Scan(&term, &seg, &n, &data); err != nil {
			rows.Close()
			return nil, fmt.Errorf("search: %w", err)
		}
		if term == "" {
			st = textindex.Stats{Docs: seg, Tokens: n}
			dead = string(data) != "0"
			continue
		}
		ps, err := textindex.DecodePostings(make([]textindex.Posting, 0, min(n, int64(len(data)))), data)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("search: term %q, segment %d: %w", term, seg, err)
		}
		t := byTerm[term]
		if t == nil {
			t = &textindex.TermPostings{Term: term}
			byTerm[term] = t
		}
		t.Hits += n
		t.Segs = append(t.Segs, textindex.SegmentList{Seg: seg, Postings: ps})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	tps := make([]textindex.TermPostings, 0, len(terms))
	seen := map[string]bool{}
	for _, t := range terms {
		if seen[t] {
			continue
		}
		seen[t] = true
		tp := byTerm[t]
		if tp == nil {
			return nil, nil // a term in no document
		}
		slices.SortFunc(tp.Segs, func(a, b textindex.SegmentList) int { return cmp.Compare(a.Seg, b.Seg) })
		tps = append(tps, *tp)
	}
	// Hits from old versions of documents (postings in a segment that is no
	// longer the document's live one, until a merge drops them) are left
	// out; ask for more until the page is full or no hits remain.
	if !dead {
		// No old versions: every posting is live.
		return textindex.TopK(tps, st, k, keep), nil
	}
	for want := k + 16; ; want *= 2 {
		hits := textindex.TopK(tps, st, want, keep)
		keys := make([]int64, len(hits))
		for i, h := range hits {
			keys[i] = h.Doc
		}
		live, err := s.liveSegments(ctx, keys)
		if err != nil {
			return nil, err
		}
		out := hits[:0]
		for _, h := range hits {
			if seg, ok := live[h.Doc]; ok && seg == h.Seg {
				out = append(out, h)
			}
		}
		if len(out) >= k || len(hits) < want {
			return out[:min(k, len(out))], nil
		}
	}
}

// liveSegments returns the live segment of each of keys.
func (s *Store) liveSegments(ctx context.Context, keys []int64) (map[int64]int64, error) {
	kl, _ := json.Marshal(keys)
	rows, err := s.query(ctx, `SELECT doc_key, seg FROM text_docs WHERE doc_key IN (SELECT value FROM json_each(?))`, string(kl))
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	live := make(map[int64]int64, len(keys))
	for rows.Next() {
		var k, seg int64
		if err := rows.Scan(&k, &seg); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		live[k] = seg
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return live, nil
}
