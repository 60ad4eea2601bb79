package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/document"
)

// Limits on queries, so that no request can ask for unbounded work.
const (
	DefaultLimit = 20
	MaxLimit     = 1000
	MaxOffset    = 1_000_000
)

// Filter selects documents or events. Zero fields do not filter.
type Filter struct {
	// Text is a full-text query over titles, text and quotes: words are
	// ANDed, "a phrase" in double quotes is matched as a phrase, a trailing
	// * matches a prefix.
	Text string `json:"text,omitempty"`
	// Source and Target are actor code prefixes ("IRN", "USAGOV").
	Source string `json:"source,omitempty"`
	Target string `json:"target,omitempty"`
	// Codes are CAMEO code prefixes: roots ("19"), base or full codes.
	Codes []string `json:"codes,omitempty"`
	// Plover are PLOVER event types (ASSAULT, ...).
	Plover []string `json:"plover,omitempty"`
	// Country is an ISO 3166-1 alpha-2 place country or alpha-3 actor
	// country.
	Country string `json:"country,omitempty"`
	// Near selects events (or documents with places) within a radius.
	Near *Circle `json:"near,omitempty"`
	// From and To bound the day (YYYY-MM-DD, inclusive).
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Speaker is a substring of a quote's speaker name.
	Speaker string `json:"speaker,omitempty"`
	// Story selects the documents of one story (doc_key of its first copy).
	Story int64 `json:"story,omitempty"`
	// Duplicates includes duplicate documents' events (and aggregates
	// count them); by default events of duplicates are left out.
	Duplicates bool `json:"duplicates,omitempty"`
	// Sort orders documents found by text: "relevance" (BM25, the
	// default) or "newest" (last ingested first, which stops at the page
	// and so is much faster on common words).
	Sort string `json:"sort,omitempty"`

	Limit  int `json:"limit,omitempty"`
	Offset int `json:"offset,omitempty"`
}

// Circle is a point and a radius in kilometres.
type Circle struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
	Km  float64 `json:"km"`
}

// Empty reports whether f filters nothing.
func (f *Filter) Empty() bool {
	return f.Text == "" && f.Source == "" && f.Target == "" && len(f.Codes) == 0 && len(f.Plover) == 0 &&
		f.Country == "" && f.Near == nil && f.From == "" && f.To == "" && f.Speaker == "" && f.Story == 0
}

// HasEventFilter reports whether f filters on event fields.
func (f *Filter) HasEventFilter() bool {
	return f.Source != "" || f.Target != "" || len(f.Codes) > 0 || len(f.Plover) > 0
}

func (f *Filter) page() (limit, offset int) {
	limit, offset = f.Limit, f.Offset
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	offset = max(0, min(offset, MaxOffset))
	return limit, offset
}

// Validate checks the values of f.
func (f *Filter) Validate() error {
	for _, d := range []string{f.From, f.To} {
		if d != "" && (len(d) != 10 || dayOf(d) == "") {
			return fmt.Errorf("bad date %q (want YYYY-MM-DD)", d)
		}
	}
	if n := f.Near; n != nil {
		if math.IsNaN(n.Lat) || math.IsNaN(n.Lon) || math.IsNaN(n.Km) || n.Lat < -90 || n.Lat > 90 || n.Lon < -180 || n.Lon > 180 || n.Km <= 0 || n.Km > 20040 {
			return errors.New("bad circle: want lat in [-90,90], lon in [-180,180], 0 < km <= 20040")
		}
	}
	for _, c := range f.Codes {
		if c == "" || len(c) > 4 || strings.IndexFunc(c, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
			return fmt.Errorf("bad CAMEO code %q", c)
		}
	}
	if f.Sort != "" && f.Sort != "relevance" && f.Sort != "newest" {
		return fmt.Errorf("bad sort %q (want relevance or newest)", f.Sort)
	}
	if f.Text != "" && ftsQuery(f.Text) == "" {
		return fmt.Errorf("text query %q has no words", f.Text)
	}
	return nil
}

// ftsQuery turns a user's text query into a safe FTS5 query: every word or
// "quoted phrase" becomes a quoted string (so that FTS5 operators and
// punctuation in the input cannot make a malformed query); a trailing * is
// kept as a prefix match.
func ftsQuery(s string) string {
	var parts []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == '"':
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			if p := phrase(string(rs[i+1 : min(j, len(rs))])); p != "" {
				parts = append(parts, `"`+p+`"`)
			}
			i = j + 1
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '\'' || rs[j] == '-') {
				j++
			}
			w := phrase(string(rs[i:j]))
			if j < len(rs) && rs[j] == '*' {
				parts = append(parts, `"`+w+`"*`)
				j++
			} else if w != "" {
				parts = append(parts, `"`+w+`"`)
			}
			i = j
		default:
			i++
		}
	}
	return strings.Join(parts, " ")
}

// phrase keeps the letters and digits of s, separated by single spaces.
func phrase(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// prefixCond adds "col starts with prefix" as a range, which can use an
// index (LIKE cannot on a case-sensitive column).
func prefixCond(w *where, col, prefix string) {
	if prefix == "" {
		return
	}
	w.add(col+` >= ? AND `+col+` < ?`, prefix, prefix+"\U0010FFFF")
}

func likeContains(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// where accumulates SQL conditions and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// nearCond returns a condition selecting rows whose lat/lon columns (with
// the given table prefix) fall within c, using a bounding box for the index
// and the haversine distance for the circle.
func nearCond(w *where, p string, c *Circle) {
	dLat := c.Km / 111.2
	cosLat := math.Cos(c.Lat * math.Pi / 180)
	dLon := 180.0
	if cosLat > 1e-6 {
		dLon = math.Min(180, c.Km/(111.2*cosLat))
	}
	w.add(p+`lat BETWEEN ? AND ?`, c.Lat-dLat, c.Lat+dLat)
	if dLon < 180 {
		lo, hi := c.Lon-dLon, c.Lon+dLon
		if lo < -180 || hi > 180 {
			w.add(`(`+p+`lon >= ? OR `+p+`lon <= ?)`, normLon(lo), normLon(hi))
		} else {
			w.add(p+`lon BETWEEN ? AND ?`, lo, hi)
		}
	}
	w.add(`6371.0 * 2 * asin(min(1, sqrt(pow(sin(radians(`+p+`lat - ?) / 2), 2) + cos(radians(?)) * cos(radians(`+p+`lat)) * pow(sin(radians(`+p+`lon - ?) / 2), 2)))) <= ?`,
		c.Lat, c.Lat, c.Lon, c.Km)
}

func normLon(x float64) float64 {
	for x < -180 {
		x += 360
	}
	for x > 180 {
		x -= 360
	}
	return x
}

// actorPrefixCond adds "col starts with prefix" for an actor code column
// col whose first three characters are the column col3 (source3,
// target3): an equality on col3 (which the event indexes lead with) and,
// for a longer prefix, the range on col.
func actorPrefixCond(w *where, col3, col, prefix string) {
	if prefix == "" {
		return
	}
	r := []rune(prefix)
	if len(r) < 3 {
		prefixCond(w, col3, prefix)
		return
	}
	w.add(col3+` = ?`, string(r[:3]))
	if len(r) > 3 {
		prefixCond(w, col, prefix)
	}
}

// eventConds adds the event-level conditions of f for events aliased e.
func eventConds(w *where, f *Filter) {
	actorPrefixCond(w, "e.source3", "e.source_actor", strings.ToUpper(f.Source))
	actorPrefixCond(w, "e.target3", "e.target_actor", strings.ToUpper(f.Target))
	if len(f.Codes) > 0 {
		var or []string
		for _, c := range f.Codes {
			switch {
			case len(c) == 2:
				// A root: equality on the root column can use its indexes.
				or = append(or, `e.root = ?`)
				w.args = append(w.args, c)
			case len(c) > 2:
				// The root of a code is its first two digits.
				or = append(or, `(e.root = ? AND e.code >= ? AND e.code < ?)`)
				w.args = append(w.args, c[:2], c, c+"\U0010FFFF")
			default:
				or = append(or, `(e.code >= ? AND e.code < ?)`)
				w.args = append(w.args, c, c+"\U0010FFFF")
			}
		}
		w.conds = append(w.conds, "("+strings.Join(or, " OR ")+")")
	}
	if len(f.Plover) > 0 {
		ph := strings.TrimSuffix(strings.Repeat("?,", len(f.Plover)), ",")
		w.conds = append(w.conds, `e.plover_type IN (`+ph+`)`)
		for _, p := range f.Plover {
			w.args = append(w.args, strings.ToUpper(p))
		}
	}
}

// DocSummary is one document in a result list.
type DocSummary struct {
	ID         string  `json:"id"`
	Title      string  `json:"title"`
	Source     string  `json:"source,omitempty"`
	URL        string  `json:"url,omitempty"`
	Published  string  `json:"published,omitempty"`
	Chars      int     `json:"chars"`
	Story      int64   `json:"story"`
	DupOf      string  `json:"dup_of,omitempty"`
	Similarity float64 `json:"similarity,omitempty"`
	Events     int     `json:"events"`
	Snippet    string  `json:"snippet,omitempty"`
}

// Documents returns the documents matching f: by relevance when f.Text is
// set, else newest first (by published day, then ingest order).
func (s *Store) Documents(ctx context.Context, f Filter) ([]DocSummary, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	limit, offset := f.page()
	textOnly := f.Text != "" && !f.HasEventFilter() && f.Near == nil &&
		f.Country == "" && f.From == "" && f.To == "" && f.Speaker == "" && f.Story == 0
	if textOnly && f.Sort != "newest" {
		// The ranked text index ranks (see textsearch.go): alone for plain
		// words; for phrases, among the documents FTS5 finds.
		if terms, ok := plainTerms(f.Text); ok {
			keys, err := s.rankedKeys(ctx, terms, nil, limit, offset)
			if err != nil {
				return nil, err
			}
			return s.docsByKeys(ctx, keys)
		}
		if terms, ok := queryTerms(f.Text); ok {
			matches, err := s.ftsMatches(ctx, ftsQuery(f.Text))
			if err != nil {
				return nil, err
			}
			keep := func(k int64) bool {
				_, found := slices.BinarySearch(matches, k)
				return found
			}
			keys, err := s.rankedKeys(ctx, terms, keep, limit, offset)
			if err != nil {
				return nil, err
			}
			return s.docsByKeys(ctx, keys)
		}
	}
	var w where
	from := `documents d`
	order := ` ORDER BY d.day DESC, d.doc_key DESC` // NULL days sort last
	switch {
	case textOnly && f.Sort == "newest":
		from = `(SELECT rowid AS k FROM docs_fts WHERE docs_fts MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?) m JOIN documents d ON d.doc_key = m.k`
		w.args = append(w.args, ftsQuery(f.Text), limit, offset)
		order = ` ORDER BY d.doc_key DESC`
		offset = 0
	case textOnly:
		// FTS5 ranks and cuts the page itself (rank is bm25 with the title
		// weighted 3, see schemaV1), before any join.
		from = `(SELECT rowid AS k, rank AS r FROM docs_fts WHERE docs_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?) m JOIN documents d ON d.doc_key = m.k`
		w.args = append(w.args, ftsQuery(f.Text), limit, offset)
		order = ` ORDER BY m.r`
		offset = 0
	case f.Text != "":
		from = `docs_fts JOIN documents d ON d.doc_key = docs_fts.rowid`
		w.add(`docs_fts MATCH ?`, ftsQuery(f.Text))
		order = ` ORDER BY docs_fts.rank, d.doc_key DESC`
	}
	if f.HasEventFilter() || f.Near != nil || f.Country != "" {
		var ew where
		ew.add(`e.doc_key = d.doc_key`)
		eventConds(&ew, &f)
		if f.Near != nil {
			nearCond(&ew, "e.", f.Near)
		}
		if f.Country != "" {
			c := strings.ToUpper(f.Country)
			ew.add(`(e.place_country = ? OR e.source_country = ? OR e.target_country = ?)`, c, c, c)
		}
		cond := `EXISTS (SELECT 1 FROM events e` + ew.sql() + `)`
		args := ew.args
		if !f.HasEventFilter() {
			// A place filter alone also matches documents by their places.
			var pw where
			pw.add(`p.doc_key = d.doc_key`)
			if f.Near != nil {
				nearCond(&pw, "p.", f.Near)
			}
			if f.Country != "" {
				pw.add(`p.country = ?`, strings.ToUpper(f.Country))
			}
			cond = `(` + cond + ` OR EXISTS (SELECT 1 FROM places p` + pw.sql() + `))`
			args = append(args, pw.args...)
		}
		w.add(cond, args...)
	}
	if f.From != "" {
		w.add(`d.day >= ?`, f.From)
	}
	if f.To != "" {
		w.add(`d.day <= ?`, f.To)
	}
	if f.Speaker != "" {
		w.add(`EXISTS (SELECT 1 FROM quotes q WHERE q.doc_key = d.doc_key AND q.speaker_name LIKE ? ESCAPE '\')`, likeContains(f.Speaker))
	}
	if f.Story != 0 {
		w.add(`d.story = ?`, f.Story)
	}
	q := `SELECT ` + docSummaryCols + ` FROM ` + from + w.sql() + order + ` LIMIT ? OFFSET ?`
	rows, err := s.query(ctx, q, append(w.args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("query documents: %w", err)
	}
	defer rows.Close()
	out := []DocSummary{}
	for rows.Next() {
		d, _, err := scanDocSummary(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query documents: %w", err)
	}
	return out, nil
}

const docSummaryCols = `d.id, d.title, d.source, d.url, d.published, d.chars, coalesce(d.story, d.doc_key), coalesce(d.dup_of, ''), coalesce(d.similarity, 0),
		(SELECT count(*) FROM events e WHERE e.doc_key = d.doc_key),
		d.snippet, d.doc_key`

// scanDocSummary reads a row of docSummaryCols: the summary and the
// document's key.
func scanDocSummary(rows *sql.Rows) (DocSummary, int64, error) {
	var d DocSummary
	var key int64
	if err := rows.Scan(&d.ID, &d.Title, &d.Source, &d.URL, &d.Published, &d.Chars, &d.Story, &d.DupOf, &d.Similarity, &d.Events, &d.Snippet, &key); err != nil {
		return d, 0, fmt.Errorf("query documents: %w", err)
	}
	return d, key, nil
}

// docsByKeys returns the summaries of the documents keyed keys, in that
// order (keys of no document are skipped).
func (s *Store) docsByKeys(ctx context.Context, keys []int64) ([]DocSummary, error) {
	out := []DocSummary{}
	if len(keys) == 0 {
		return out, nil
	}
	kl, _ := json.Marshal(keys)
	rows, err := s.query(ctx, `SELECT `+docSummaryCols+` FROM documents d WHERE d.doc_key IN (SELECT value FROM json_each(?))`, string(kl))
	if err != nil {
		return nil, fmt.Errorf("query documents: %w", err)
	}
	defer rows.Close()
	byKey := make(map[int64]DocSummary, len(keys))
	for rows.Next() {
		d, k, err := scanDocSummary(rows)
		if err != nil {
			return nil, err
		}
		byKey[k] = d
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query documents: %w", err)
	}
	for _, k := range keys {
		if d, ok := byKey[k]; ok {
			out = append(out, d)
		}
	}
	return out, nil
}

// snippet returns the start of the text after the title, cut at a word
// (stored with the document, see schemaV6).
func snippet(text, title string) string {
	if len(text) > 1600 {
		// Enough for the snippet's 240 characters after a title.
		i := 1600
		for i > 0 && !utf8.RuneStart(text[i]) {
			i--
		}
		text = text[:i]
	}
	text = strings.TrimSpace(strings.TrimPrefix(text, title))
	text = strings.Join(strings.Fields(text), " ")
	const n = 240
	if r := []rune(text); len(r) > n {
		cut := string(r[:n])
		if i := strings.LastIndexByte(cut, ' '); i > n/2 {
			cut = cut[:i]
		}
		return cut + "…"
	}
	return text
}

// EventRow is one stored event with its document and resolved actors and
// place.
type EventRow struct {
	DocID    string `json:"doc_id"`
	DocTitle string `json:"doc_title,omitempty"`
	URL      string `json:"url,omitempty"`
	DupOf    string `json:"dup_of,omitempty"`
	EventFacts
	Ingested string `json:"ingested,omitempty"`
	Story    int64  `json:"story"`
	Seq      int64  `json:"seq"`
	// Sentence is the text of the event's sentence, filled by exports only.
	Sentence string `json:"sentence,omitempty"`
}

// EventFacts are the fields of an event of its own (not of its document),
// stored JSON-encoded with the event too (schemaV6) so that an API page
// of events is written without decoding them.
type EventFacts struct {
	ID             string   `json:"id"`
	Code           string   `json:"code"`
	Root           string   `json:"root"`
	Quad           int      `json:"quad_class"`
	Goldstein      *float64 `json:"goldstein,omitempty"`
	Label          string   `json:"label,omitempty"`
	PloverType     string   `json:"plover_type,omitempty"`
	PloverMode     string   `json:"plover_mode,omitempty"`
	SourceEntity   string   `json:"source_entity,omitempty"`
	TargetEntity   string   `json:"target_entity,omitempty"`
	SourceName     string   `json:"source_name,omitempty"`
	TargetName     string   `json:"target_name,omitempty"`
	SourceActor    string   `json:"source_actor,omitempty"`
	TargetActor    string   `json:"target_actor,omitempty"`
	SourceCountry  string   `json:"source_country,omitempty"`
	TargetCountry  string   `json:"target_country,omitempty"`
	PlaceID        string   `json:"place_id,omitempty"`
	PlaceName      string   `json:"place_name,omitempty"`
	PlaceCountry   string   `json:"place_country,omitempty"`
	PlaceFeature   string   `json:"place_feature,omitempty"`
	PlaceAdmin1    string   `json:"place_admin1,omitempty"`
	PlaceGeonameID int      `json:"place_geonameid,omitempty"`
	Lat            *float64 `json:"lat,omitempty"`
	Lon            *float64 `json:"lon,omitempty"`
	Time           string   `json:"time,omitempty"`
	Day            string   `json:"day,omitempty"`
	Modality       string   `json:"modality,omitempty"`
	QuoteID        string   `json:"quote,omitempty"`
	Trigger        string   `json:"trigger"`
	TriggerStart   int      `json:"trigger_start"`
	TriggerEnd     int      `json:"trigger_end"`
	SentenceStart  int      `json:"sentence_start"`
	SentenceEnd    int      `json:"sentence_end"`
	Confidence     float64  `json:"confidence"`
}

const eventCols = `d.id, d.title, d.url, coalesce(d.dup_of, ''), e.evid, e.code, e.root, e.quad, e.goldstein, e.label, e.plover_type, e.plover_mode,
	e.source_entity, e.target_entity, e.source_name, e.target_name, e.source_actor, e.target_actor, e.source_country, e.target_country,
	e.place_id, e.place_name, e.place_country, e.place_feature, e.place_admin1, e.place_geonameid, e.lat, e.lon, e.time, coalesce(e.day, ''),
	e.modality, e.quote_id, e.trigger_text, e.trigger_start, e.trigger_end, e.sentence_start, e.sentence_end, e.confidence, d.ingested_at,
	coalesce(d.story, d.doc_key), e.rowid`

func scanEvent(rows *sql.Rows) (EventRow, error) {
	var r EventRow
	var g, lat, lon sql.NullFloat64
	err := rows.Scan(&r.DocID, &r.DocTitle, &r.URL, &r.DupOf, &r.ID, &r.Code, &r.Root, &r.Quad, &g, &r.Label, &r.PloverType, &r.PloverMode,
		&r.SourceEntity, &r.TargetEntity, &r.SourceName, &r.TargetName, &r.SourceActor, &r.TargetActor, &r.SourceCountry, &r.TargetCountry,
		&r.PlaceID, &r.PlaceName, &r.PlaceCountry, &r.PlaceFeature, &r.PlaceAdmin1, &r.PlaceGeonameID, &lat, &lon, &r.Time, &r.Day,
		&r.Modality, &r.QuoteID, &r.Trigger, &r.TriggerStart, &r.TriggerEnd, &r.SentenceStart, &r.SentenceEnd, &r.Confidence, &r.Ingested, &r.Story, &r.Seq)
	if g.Valid {
		r.Goldstein = &g.Float64
	}
	if lat.Valid && lon.Valid {
		r.Lat, r.Lon = &lat.Float64, &lon.Float64
	}
	return r, err
}

// eventWhere builds the conditions of f over events e joined to documents d.
func eventWhere(f *Filter) *where {
	w := &where{}
	eventConds(w, f)
	if f.Text != "" {
		w.add(`e.doc_key IN (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?)`, ftsQuery(f.Text))
	}
	if f.Country != "" {
		c := strings.ToUpper(f.Country)
		w.add(`(e.place_country = ? OR e.source_country = ? OR e.target_country = ?)`, c, c, c)
	}
	if f.Near != nil {
		nearCond(w, "e.", f.Near)
	}
	if f.From != "" {
		w.add(`e.day >= ?`, f.From)
	}
	if f.To != "" {
		w.add(`e.day <= ?`, f.To)
	}
	if f.Speaker != "" {
		w.add(`EXISTS (SELECT 1 FROM quotes q WHERE q.doc_key = e.doc_key AND q.qid = e.quote_id AND q.speaker_name LIKE ? ESCAPE '\')`, likeContains(f.Speaker))
	}
	if f.Story != 0 {
		w.add(`e.doc_key IN (SELECT doc_key FROM documents WHERE story = ?)`, f.Story)
	}
	if !f.Duplicates {
		w.add(`e.dup = 0`)
	}
	return w
}

// Events returns the events matching f, newest day first. Events of
// duplicate documents are left out unless f.Duplicates.
func (s *Store) Events(ctx context.Context, f Filter) ([]EventRow, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	q, args := eventPage(eventCols, &f)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("query events: %w", err)
	}
	defer rows.Close()
	out := []EventRow{}
	for rows.Next() {
		r, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("query events: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query events: %w", err)
	}
	return out, nil
}

// eventPage returns the query of a page of Events with the columns cols.
func eventPage(cols string, f *Filter) (string, []any) {
	limit, offset := f.page()
	w := eventWhere(f)
	// The page's rowids first, from the covering event indexes alone (see
	// schemaV4); then only those rows are read and joined.
	q := `SELECT ` + cols + ` FROM (SELECT e.rowid AS k FROM events e` + w.sql() +
		` ORDER BY e.day DESC, e.rowid DESC LIMIT ? OFFSET ?) m
		JOIN events e ON e.rowid = m.k JOIN documents d ON d.doc_key = e.doc_key ORDER BY e.day DESC, e.rowid DESC`
	return q, append(w.args, limit, offset)
}

// EachEvent calls fn for every event matching f (no paging), in the order
// of Events, stopping at the first error.
func (s *Store) EachEvent(ctx context.Context, f Filter, fn func(EventRow) error) error {
	if err := f.Validate(); err != nil {
		return err
	}
	w := eventWhere(&f)
	q := `SELECT ` + eventCols + ` FROM events e JOIN documents d ON d.doc_key = e.doc_key` + w.sql() +
		` ORDER BY e.day, e.rowid`
	rows, err := s.query(ctx, q, w.args...)
	if err != nil {
		return fmt.Errorf("query events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanEvent(rows)
		if err != nil {
			return fmt.Errorf("query events: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("query events: %w", err)
	}
	return nil
}

// PlaceRow is a place with the number of documents naming it.
type PlaceRow struct {
	Name      string  `json:"name"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Country   string  `json:"country,omitempty"`
	GeonameID int     `json:"geonameid,omitempty"`
	Feature   string  `json:"feature_code,omitempty"`
	Documents int     `json:"documents"`
	Mentions  int     `json:"mentions"`
}

// Places returns the places of the documents matching f.Text, f.Country,
// f.Near and the date range, most documents first.
func (s *Store) Places(ctx context.Context, f Filter) ([]PlaceRow, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	limit, offset := f.page()
	var w where
	if f.Text != "" {
		w.add(`p.doc_key IN (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?)`, ftsQuery(f.Text))
	}
	if f.Country != "" {
		w.add(`p.country = ?`, strings.ToUpper(f.Country))
	}
	if f.Near != nil {
		nearCond(&w, "p.", f.Near)
	}
	if f.From != "" || f.To != "" || !f.Duplicates {
		var dw where
		dw.add(`d.doc_key = p.doc_key`)
		if f.From != "" {
			dw.add(`d.day >= ?`, f.From)
		}
		if f.To != "" {
			dw.add(`d.day <= ?`, f.To)
		}
		if !f.Duplicates {
			dw.add(`d.dup_of IS NULL`)
		}
		w.add(`EXISTS (SELECT 1 FROM documents d`+dw.sql()+`)`, dw.args...)
	}
	q := `SELECT p.name, p.lat, p.lon, p.country, p.geonameid, p.feature_code, count(DISTINCT p.doc_key), sum(p.mentions)
		FROM places p` + w.sql() + ` GROUP BY p.geonameid, p.name, p.lat, p.lon ORDER BY 7 DESC, 1 LIMIT ? OFFSET ?`
	rows, err := s.query(ctx, q, append(w.args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("query places: %w", err)
	}
	defer rows.Close()
	out := []PlaceRow{}
	for rows.Next() {
		var p PlaceRow
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&p.Name, &lat, &lon, &p.Country, &p.GeonameID, &p.Feature, &p.Documents, &p.Mentions); err != nil {
			return nil, fmt.Errorf("query places: %w", err)
		}
		p.Lat, p.Lon = lat.Float64, lon.Float64
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query places: %w", err)
	}
	return out, nil
}

// StoredDocument is a document as stored, with its story.
type StoredDocument struct {
	*document.Document
	Story      int64   `json:"story"`
	DupOf      string  `json:"dup_of,omitempty"`
	Similarity float64 `json:"similarity,omitempty"`
	Ingested   string  `json:"ingested_at"`
	Updated    string  `json:"updated_at"`
}

// Document returns the stored document of id, or ErrNotFound.
func (s *Store) Document(ctx context.Context, id string) (*StoredDocument, error) {
	var blob []byte
	var text string
	var sd StoredDocument
	var dup sql.NullString
	var sim sql.NullFloat64
	err := s.r.QueryRowContext(ctx, `SELECT b.text, b.doc_json, coalesce(d.story, d.doc_key), d.dup_of, d.similarity, d.ingested_at, d.updated_at FROM documents d JOIN bodies b ON b.doc_key = d.doc_key WHERE d.id = ?`, id).
		Scan(&text, &blob, &sd.Story, &dup, &sim, &sd.Ingested, &sd.Updated)
	if err == sql.ErrNoRows {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get document %s: %w", id, err)
	}
	var d document.Document
	if err := json.Unmarshal(blob, &d); err != nil {
		return nil, fmt.Errorf("decode document %s: %w", id, err)
	}
	d.SetText(text)
	sd.Document, sd.DupOf, sd.Similarity = &d, dup.String, sim.Float64
	return &sd, nil
}

// EachDocument calls fn with every stored document in ingest order.
func (s *Store) EachDocument(ctx context.Context, fn func(*document.Document) error) error {
	rows, err := s.r.QueryContext(ctx, `SELECT text, doc_json FROM bodies ORDER BY doc_key`)
	if err != nil {
		return fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var blob []byte
		var text string
		if err := rows.Scan(&text, &blob); err != nil {
			return fmt.Errorf("list documents: %w", err)
		}
		var d document.Document
		if err := json.Unmarshal(blob, &d); err != nil {
			return fmt.Errorf("decode document: %w", err)
		}
		d.SetText(text)
		if err := fn(&d); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list documents: %w", err)
	}
	return nil
}

// Stats counts what is stored.
type Stats struct {
	Documents  int `json:"documents"`
	Duplicates int `json:"duplicates"`
	Stories    int `json:"stories"`
	Entities   int `json:"entities"`
	Places     int `json:"places"`
	Times      int `json:"times"`
	Quotes     int `json:"quotes"`
	Events     int `json:"events"`
	Failures   int `json:"failures"`
	Schema     int `json:"schema_version"`
}

// Stats returns the counts of stored rows.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents),
		(SELECT count(*) FROM documents WHERE dup_of IS NOT NULL),
		(SELECT count(*) FROM documents WHERE dup_of IS NULL),
		(SELECT count(*) FROM entities), (SELECT count(*) FROM places), (SELECT count(*) FROM times),
		(SELECT count(*) FROM quotes), (SELECT count(*) FROM events), (SELECT count(*) FROM failures)`).
		Scan(&st.Documents, &st.Duplicates, &st.Stories, &st.Entities, &st.Places, &st.Times, &st.Quotes, &st.Events, &st.Failures)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	st.Schema, err = schemaVersion(ctx, s.r)
	return st, err
}
