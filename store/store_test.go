package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/store/textindex"
)

func strp(s string) *string { return &s }

// span returns the code point range of the first occurrence of sub in text.
func span(text, sub string) (int, int) {
	i := strings.Index(text, sub)
	if i < 0 {
		panic("no " + sub + " in " + text)
	}
	start := len([]rune(text[:i]))
	return start, start + len([]rune(sub))
}

func mention(text, sub string) document.Mention {
	s, e := span(text, sub)
	return document.Mention{Start: s, End: e, Text: sub}
}

// testDoc builds a document with one entity pair, a place, a time, a quote
// and an event, all pointing into its text.
func testDoc(id, published, src, srcCode, tgt, tgtCode, code, plover string) *document.Document {
	title := src + " and " + tgt + " meet"
	text := title + "\n\n" + src + " accused " + tgt + " of shelling the border near Aleppo on Monday. " +
		`"We will respond," said ` + src + ". Talks are planned in Geneva next week."
	text += "\n\n" + filler(src+tgt+code)
	d := document.New()
	d.ID, d.Title, d.Published, d.Source = id, title, published, "Test Wire"
	d.Text = text
	ts, te := span(text, title)
	d.TitleSpan = &document.Span{Start: ts, End: te}
	d.Entities = []document.Entity{
		{ID: "e1", Type: "GPE", Name: src, Mentions: []document.Mention{mention(text, src)}, Actor: &document.Actor{Code: srcCode, Country: srcCode[:3]}},
		{ID: "e2", Type: "GPE", Name: tgt, Mentions: []document.Mention{mention(text, tgt)}, Actor: &document.Actor{Code: tgtCode, Country: tgtCode[:3]}},
	}
	d.Places = []document.Place{
		{ID: "p1", Name: "Aleppo", Lat: 36.2021, Lon: 37.1343, Country: "SY", GeonameID: 170063, FeatureCode: "PPLA", Kind: "literal", Mentions: []document.Mention{mention(text, "Aleppo")}},
		{ID: "p2", Name: "Geneva", Lat: 46.2022, Lon: 6.1457, Country: "CH", GeonameID: 2660646, FeatureCode: "PPLA", Kind: "literal", Mentions: []document.Mention{mention(text, "Geneva")}},
	}
	ms, me := span(text, "Monday")
	d.Times = []document.Time{{ID: "t1", Start: ms, End: me, Text: "Monday", Type: "DATE", Value: published}}
	qs, qe := span(text, "We will respond,")
	d.Quotes = []document.Quote{{ID: "q1", Start: qs, End: qe, Text: "We will respond,", Kind: "direct", Speaker: strp("e1")}}
	trig := mention(text, "accused")
	ss, _ := span(text, src+" accused")
	_, se := span(text, "on Monday.")
	d.Events = []document.Event{{
		ID: "v1", Code: code, Label: "accuse", Plover: &document.Plover{Type: plover},
		Source: "e1", Target: "e2", SourceActor: srcCode, TargetActor: tgtCode, Place: "p1",
		Time: strp(published), Quote: "q1", Sentence: document.Span{Start: ss, End: se}, Trigger: trig, Confidence: 0.9,
	}}
	return d
}

// filler returns a paragraph of 40 words chosen by a hash of key, so that
// test documents are not near duplicates of each other.
func filler(key string) string {
	vocab := strings.Fields("river mountain budget senate harvest railway festival vaccine election drought " +
		"factory museum treaty glacier satellite orchestra tariff refinery stadium monsoon pipeline harbour " +
		"cathedral bakery airline copper lithium parliament ferry tribunal")
	h := uint64(1469598103934665603)
	for i := 0; i < len(key); i++ {
		h = (h ^ uint64(key[i])) * 1099511628211
	}
	var w []string
	for range 40 {
		h = mix64(h + 0x9e3779b97f4a7c15)
		w = append(w, vocab[h%uint64(len(vocab))])
	}
	return strings.Join(w, " ") + "."
}

func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustPut(t *testing.T, s *Store, d *document.Document) PutResult {
	t.Helper()
	r, err := s.Put(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestPutGetIdempotent(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	d := testDoc("a1", "2024-03-04", "Iran", "IRNGOV", "Syria", "SYRMIL", "112", "ACCUSE")
	if r := mustPut(t, s, d); r.Status != Inserted || r.DupOf != "" {
		t.Fatalf("first put: %+v", r)
	}
	if r := mustPut(t, s, d); r.Status != Unchanged {
		t.Fatalf("second put: %+v", r)
	}
	d2 := testDoc("a1", "2024-03-04", "Iran", "IRNGOV", "Syria", "SYRMIL", "112", "ACCUSE")
	d2.Events = append(d2.Events, d2.Events[0])
	d2.Events[1].ID, d2.Events[1].Code = "v2", "190"
	if r := mustPut(t, s, d2); r.Status != Updated {
		t.Fatalf("third put: %+v", r)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{Documents: 1, Stories: 1, Entities: 2, Places: 2, Times: 1, Quotes: 1, Events: 2, Schema: SchemaVersion()}
	if st != want {
		t.Fatalf("stats = %+v, want %+v", st, want)
	}
	got, err := s.Document(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != d.Text || len(got.Events) != 2 || got.Events[1].Code != "190" {
		t.Fatalf("document round trip: %+v", got.Document)
	}
	if _, err := s.Document(ctx, "nope"); err != ErrNotFound {
		t.Fatalf("missing document: %v", err)
	}
	if _, err := s.Put(ctx, document.New()); err == nil {
		t.Fatal("put without id succeeded")
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}

func seed(t *testing.T, s *Store) {
	t.Helper()
	mustPut(t, s, testDoc("d1", "2024-03-01", "Iran", "IRNGOV", "Syria", "SYRMIL", "112", "ACCUSE"))
	mustPut(t, s, testDoc("d2", "2024-03-02", "Israel", "ISRMIL", "Syria", "SYRGOV", "190", "ASSAULT"))
	mustPut(t, s, testDoc("d3", "2024-03-02", "Turkey", "TURGOV", "Iran", "IRNGOV", "042", "CONSULT"))
	d4 := testDoc("d4", "2024-03-05", "France", "FRAGOV", "Germany", "DEUGOV", "057", "AGREE")
	d4.Places = d4.Places[1:] // Geneva only
	d4.Events[0].Place = "p2"
	d4.Text = strings.Replace(d4.Text, "shelling the border near Aleppo", "delaying the trade pact signed in Paris", 1)
	mustPut(t, s, d4)
}

func TestQueryFilters(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	seed(t, s)
	tests := []struct {
		name   string
		f      Filter
		events []string // doc ids of matching events, newest first
		docs   []string // doc ids of matching documents
	}{
		{"all", Filter{}, []string{"d4", "d3", "d2", "d1"}, []string{"d4", "d3", "d2", "d1"}},
		{"source prefix", Filter{Source: "irn"}, []string{"d1"}, []string{"d1"}},
		{"target prefix", Filter{Target: "SYR"}, []string{"d2", "d1"}, []string{"d2", "d1"}},
		{"source and target", Filter{Source: "IRN", Target: "SYR"}, []string{"d1"}, []string{"d1"}},
		{"root code", Filter{Codes: []string{"19"}}, []string{"d2"}, []string{"d2"}},
		{"codes", Filter{Codes: []string{"11", "04"}}, []string{"d3", "d1"}, []string{"d3", "d1"}},
		{"plover", Filter{Plover: []string{"assault", "AGREE"}}, []string{"d4", "d2"}, []string{"d4", "d2"}},
		{"place country", Filter{Country: "CH"}, []string{"d4"}, []string{"d4", "d3", "d2", "d1"}},
		{"actor country", Filter{Country: "DEU"}, []string{"d4"}, []string{"d4"}},
		{"near Aleppo", Filter{Near: &Circle{Lat: 36.0, Lon: 37.0, Km: 50}}, []string{"d3", "d2", "d1"}, []string{"d3", "d2", "d1"}},
		{"near nothing", Filter{Near: &Circle{Lat: 0, Lon: 0, Km: 10}}, nil, nil},
		{"dates", Filter{From: "2024-03-02", To: "2024-03-02"}, []string{"d3", "d2"}, []string{"d3", "d2"}},
		{"speaker", Filter{Speaker: "isra"}, []string{"d2"}, []string{"d2"}},
		{"text", Filter{Text: "Turkey"}, []string{"d3"}, []string{"d3"}},
		{"text phrase", Filter{Text: `"trade pact"`}, []string{"d4"}, []string{"d4"}},
		{"text prefix", Filter{Text: "tur*"}, []string{"d3"}, []string{"d3"}},
		{"text newest", Filter{Text: "Iran", Sort: "newest"}, []string{"d3", "d1"}, []string{"d3", "d1"}},
		{"text operators ignored", Filter{Text: `Iran AND) NEAR(`}, []string{"d3", "d1"}, []string{"d3", "d1"}},
		{"text and code", Filter{Text: "Iran", Codes: []string{"04"}}, []string{"d3"}, []string{"d3"}},
		{"paging", Filter{Limit: 2, Offset: 1}, []string{"d3", "d2"}, []string{"d3", "d2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			evs, err := s.Events(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range evs {
				got = append(got, e.DocID)
			}
			if strings.Join(got, ",") != strings.Join(tc.events, ",") {
				t.Errorf("events: got %v, want %v", got, tc.events)
			}
			docs, err := s.Documents(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			got = nil
			for _, d := range docs {
				got = append(got, d.ID)
			}
			if tc.f.Text != "" && !tc.f.HasEventFilter() {
				// relevance order: compare as sets
				sortStrings(got)
				want := append([]string(nil), tc.docs...)
				sortStrings(want)
				tc.docs = want
			}
			if strings.Join(got, ",") != strings.Join(tc.docs, ",") {
				t.Errorf("documents: got %v, want %v", got, tc.docs)
			}
		})
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestFilterValidate(t *testing.T) {
	s := openTest(t)
	bad := []Filter{
		{From: "2024-13-01"},
		{To: "yesterday"},
		{Codes: []string{"1a"}},
		{Near: &Circle{Lat: 100, Lon: 0, Km: 1}},
		{Near: &Circle{Lat: 0, Lon: 0, Km: 0}},
		{Text: `"" * ()`},
	}
	for _, f := range bad {
		if _, err := s.Events(context.Background(), f); err == nil {
			t.Errorf("filter %+v accepted", f)
		}
	}
}

func TestFTSQuery(t *testing.T) {
	tests := map[string]string{
		"Iran Syria":         `"Iran" "Syria"`,
		`"trade pact" talks`: `"trade pact" "talks"`,
		"tur*":               `"tur"*`,
		`NEAR(a b) OR "c`:    `"NEAR" "a" "b" "OR" "c"`,
		"Bashar al-Assad's":  `"Bashar" "al Assad s"`,
		"":                   ``,
		`"unterminated`:      `"unterminated"`,
		"日本 東京":              `"日本" "東京"`,
	}
	for in, want := range tests {
		if got := ftsQuery(in); got != want {
			t.Errorf("ftsQuery(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAggregates(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	seed(t, s)
	days, err := s.EventsPerDay(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want := []DayCount{{"2024-03-01", "11", 1}, {"2024-03-02", "04", 1}, {"2024-03-02", "19", 1}, {"2024-03-05", "05", 1}}
	if jsonOf(days) != jsonOf(want) {
		t.Errorf("per day = %s", jsonOf(days))
	}
	pairs, err := s.ActorPairs(ctx, Filter{Target: "SYR"})
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 2 || pairs[0].Source != "IRNGOV" || pairs[1].Goldstein != -10 {
		t.Errorf("pairs = %s", jsonOf(pairs))
	}
	idx, err := s.GoldsteinIndex(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(idx) != 4 || idx[0].SourceCountry != "IRN" || idx[0].TargetCountry != "SYR" || idx[0].Sum != -2 {
		t.Errorf("index = %s", jsonOf(idx))
	}
	sp, err := s.TopSpeakers(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sp) != 4 || sp[0].Quotes != 1 {
		t.Errorf("speakers = %s", jsonOf(sp))
	}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestDuplicatesGroupedAndNotCounted(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	body := strings.Repeat("The minister said on Tuesday that negotiations over the disputed water rights would resume after a long pause, officials confirmed. ", 2) +
		"Farmers in the valley have complained for years about shortages during the dry season and about prices. " +
		"The agreement, if signed, would be the first of its kind between the two neighbours since the war ended."
	orig := testDoc("o1", "2024-05-01", "Egypt", "EGYGOV", "Sudan", "SDNGOV", "036", "CONSULT")
	orig.Text += "\n\n" + body
	mustPut(t, s, orig)

	exact := testDoc("o2", "2024-05-01", "Egypt", "EGYGOV", "Sudan", "SDNGOV", "036", "CONSULT")
	exact.Text = strings.ToUpper(orig.Text[:20]) + orig.Text[20:] + "  " // case and spacing differ
	r := mustPut(t, s, exact)
	if r.DupOf != "o1" || r.Similarity != 1 {
		t.Fatalf("exact duplicate: %+v", r)
	}
	near := testDoc("o3", "2024-05-02", "Egypt", "EGYGOV", "Sudan", "SDNGOV", "036", "CONSULT")
	near.Text = strings.Replace(orig.Text, "officials confirmed", "a spokesman confirmed", 1) + " Reporting by a correspondent."
	r = mustPut(t, s, near)
	if r.DupOf != "o1" || r.Similarity < 0.5 || r.Similarity == 1 {
		t.Fatalf("near duplicate: %+v", r)
	}
	other := testDoc("o4", "2024-05-02", "Chad", "TCDGOV", "Niger", "NERGOV", "036", "CONSULT")
	if r := mustPut(t, s, other); r.DupOf != "" {
		t.Fatalf("distinct document linked: %+v", r)
	}
	evs, err := s.Events(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 {
		t.Fatalf("events counted %d times, want 2 (o1, o4)", len(evs))
	}
	all, err := s.Events(ctx, Filter{Duplicates: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 4 {
		t.Fatalf("with duplicates: %d events", len(all))
	}
	days, err := s.EventsPerDay(ctx, Filter{Codes: []string{"03"}})
	if err != nil {
		t.Fatal(err)
	}
	if jsonOf(days) != `[{"day":"2024-05-01","root":"03","events":1},{"day":"2024-05-02","root":"03","events":1}]` {
		t.Fatalf("per day: %s", jsonOf(days))
	}
	docs, err := s.Documents(ctx, Filter{Story: r.Story})
	if err != nil {
		t.Fatal(err)
	}
	_ = docs
	story, err := s.Documents(ctx, Filter{Story: mustPut(t, s, near).Story})
	if err != nil {
		t.Fatal(err)
	}
	if len(story) != 3 {
		t.Fatalf("story has %d documents, want 3", len(story))
	}
}

// TestMigrateFromEveryVersion builds a database at each earlier schema
// version with a document in it, opens it with the current code and checks
// that the data survived and the new features work on it.
func TestMigrateFromEveryVersion(t *testing.T) {
	ctx := context.Background()
	for from := 1; from < len(migrations); from++ {
		path := filepath.Join(t.TempDir(), "old.db")
		db, err := sql.Open("sqlite", dsn(path, false, "NORMAL"))
		if err != nil {
			t.Fatal(err)
		}
		if err := migrate(ctx, db, from); err != nil {
			t.Fatal(err)
		}
		// A document as version 1 wrote it (later versions' columns default).
		d := testDoc("old1", "2023-01-02", "Iran", "IRNGOV", "Syria", "SYRMIL", "112", "ACCUSE")
		blob, _ := json.Marshal(d)
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO documents(id, title, published, day, chars, content_hash, ingested_at, updated_at) VALUES ('old1', ?, ?, ?, 10, 'h', 'now', 'now')`,
			d.Title, d.Published, d.Published); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO bodies(doc_key, text, doc_json) VALUES (1, ?, ?)`, d.Text, blob); err != nil {
			t.Fatal(err)
		}
		// Its event and search index row, with the columns of version 1.
		if _, err := tx.ExecContext(ctx, `INSERT INTO events(doc_key, evid, code, base, root, source_actor, target_actor, source_name, target_name, day, trigger_text)
			VALUES (1, 'v1', '112', '112', '11', 'IRNGOV', 'SYRMIL', 'Iran', 'Syria', ?, 'accused')`, d.Published); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO docs_fts(rowid, title, body, quotes) VALUES (1, ?, ?, '')`, d.Title, d.Text); err != nil {
			t.Fatal(err)
		}
		if from >= 4 {
			// What version 4 writes too.
			if _, err := tx.ExecContext(ctx, `UPDATE events SET source3 = 'IRN', target3 = 'SYR'`); err != nil {
				t.Fatal(err)
			}
		}
		if from >= 5 {
			// And version 5.
			var b textindex.Builder
			b.Add(1, textFields(d.Title, d.Text, "")...)
			if _, err := writeSegment(ctx, tx, &b, 0); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		db.Close()

		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatalf("from version %d: %v", from, err)
		}
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Schema != SchemaVersion() || st.Documents != 1 || st.Events != 1 || st.Stories != 1 {
			t.Fatalf("from version %d: stats %+v", from, st)
		}
		if evs, err := s.Events(ctx, Filter{Text: "Iran"}); err != nil || len(evs) != 1 {
			t.Fatalf("from version %d: events %v %v", from, evs, err)
		}
		// Version 5 indexes the stored text for ranked search.
		if docs, err := s.Documents(ctx, Filter{Text: "iran"}); err != nil || len(docs) != 1 || docs[0].ID != "old1" {
			t.Fatalf("from version %d: ranked search: %+v %v", from, docs, err)
		}
		// Version 6 encodes the events' facts.
		if raw, err := s.EventsJSON(ctx, Filter{}); err != nil || len(raw) != 1 {
			t.Fatalf("from version %d: encoded events: %s %v", from, raw, err)
		} else if evs, _ := s.Events(ctx, Filter{}); !bytes.Equal(raw[0], must(json.Marshal(evs[0]))) {
			t.Fatalf("from version %d: encoded event %s, want %s", from, raw[0], must(json.Marshal(evs[0])))
		}
		// Version 4 back-fills the actor prefix columns.
		for _, f := range []Filter{{Source: "IRN"}, {Source: "IRNGOV", Target: "SY", Codes: []string{"112"}}, {Target: "SYRMIL"}} {
			if evs, err := s.Events(ctx, f); err != nil || len(evs) != 1 {
				t.Fatalf("from version %d: events of %+v: %v %v", from, f, evs, err)
			}
		}
		// A copy put now is linked to the migrated document.
		dup := testDoc("new1", "2023-01-02", "Iran", "IRNGOV", "Syria", "SYRMIL", "112", "ACCUSE")
		r, err := s.Put(ctx, dup)
		if err != nil {
			t.Fatal(err)
		}
		if from == 1 && r.DupOf != "old1" {
			t.Fatalf("from version %d: copy not linked: %+v", from, r)
		}
		if err := s.IntegrityCheck(ctx); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
}

func TestOpenNewerSchemaFails(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := sql.Open("sqlite", dsn(path, false, "NORMAL"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(ctx, path, Options{}); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("open newer schema: %v", err)
	}
}

func TestReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ro.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	seed(t, s)
	s.Close()
	ro, err := Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Put(ctx, testDoc("x", "", "A", "AAA", "B", "BBB", "01", "")); err != ErrReadOnly {
		t.Fatalf("put on read-only: %v", err)
	}
	if docs, err := ro.Documents(ctx, Filter{}); err != nil || len(docs) != 4 {
		t.Fatalf("read-only query: %v %v", docs, err)
	}
}

func TestFailures(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if err := s.RecordFailure(ctx, "in.jsonl:3", "bad json"); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordFailure(ctx, "in.jsonl:3", "still bad"); err != nil {
		t.Fatal(err)
	}
	f, err := s.Failures(ctx, 0)
	if err != nil || len(f) != 1 || f[0].Reason != "still bad" {
		t.Fatalf("failures = %v, %v", f, err)
	}
	d := testDoc("f1", "", "A", "AAA", "B", "BBB", "01", "")
	d.Input = "in.jsonl:3"
	mustPut(t, s, d)
	if f, _ := s.Failures(ctx, 0); len(f) != 0 {
		t.Fatalf("failure not cleared by success: %v", f)
	}
}

func TestGoldstein(t *testing.T) {
	tests := []struct {
		code string
		want float64
		ok   bool
	}{
		{"01", 0, true}, {"190", -10, true}, {"1823", -10, true}, {"1824", -9.5, true},
		{"0874", 10, true}, {"0871", 9, true}, {"13", -6, true}, {"130", -4.4, true},
		{"1213", -4, true}, {"99", 0, false}, {"", 0, false},
	}
	for _, tc := range tests {
		g, ok := Goldstein(tc.code)
		if g != tc.want || ok != tc.ok {
			t.Errorf("Goldstein(%q) = %v, %v; want %v, %v", tc.code, g, ok, tc.want, tc.ok)
		}
	}
	for code, q := range map[string]int{"01": 1, "057": 1, "06": 2, "0874": 2, "09": 3, "130": 3, "14": 4, "20": 4, "21": 0, "x": 0} {
		if got := QuadClass(code); got != q {
			t.Errorf("QuadClass(%q) = %d, want %d", code, got, q)
		}
	}
}

func FuzzPut(f *testing.F) {
	b, _ := json.Marshal(testDoc("z", "2024-01-01", "Iran", "IRNGOV", "Syria", "SYRMIL", "112", "ACCUSE"))
	f.Add(b)
	f.Add([]byte(`{"id":"x","text":"é","title_span":{"start":5,"end":-2},"events":[{"id":"v","code":"","time":"2024-99-99"}]}`))
	s, err := Open(context.Background(), filepath.Join(f.TempDir(), "f.db"), Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	f.Fuzz(func(t *testing.T, b []byte) {
		d := document.New()
		if json.Unmarshal(b, d) != nil {
			return
		}
		s.Put(context.Background(), d) // must not panic
	})
}

// TestConcurrentReadWrite queries while documents are being written.
func TestConcurrentReadWrite(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	done := make(chan error, 1)
	go func() {
		for i := range 100 {
			d := testDoc(fmt.Sprintf("c%d", i), "2024-01-01", "Iran", "IRNGOV", "Syria", "SYRMIL", "112", "ACCUSE")
			d.Text += " " + filler(fmt.Sprint(i)) + " " + filler(fmt.Sprint(-i))
			if _, err := s.Put(ctx, d); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for reading := true; reading; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			reading = false
		default:
			if _, err := s.Events(ctx, Filter{Source: "IRN", Limit: 10}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Documents(ctx, Filter{Text: "Iran"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if st, _ := s.Stats(ctx); st.Documents != 100 {
		t.Fatalf("%d documents", st.Documents)
	}
}

func TestPutInputsAndHasInput(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	raw := testDoc("r1", "2024-02-01", "Iran", "IRNGOV", "Syria", "SYRMIL", "112", "ACCUSE")
	in := InputHash(raw, "pipeline A")
	if in == "" || in == InputHash(raw, "pipeline B") {
		t.Fatalf("input hash %q does not depend on the pipeline", in)
	}
	if ok, err := s.HasInput(ctx, "r1", in); err != nil || ok {
		t.Fatalf("HasInput before put: %v %v", ok, err)
	}
	// Stored by plain Put: no input hash is known.
	mustPut(t, s, raw)
	if ok, _ := s.HasInput(ctx, "r1", in); ok {
		t.Fatal("HasInput after a Put without input hash")
	}
	// The same document with its input hash: unchanged, but the hash is
	// recorded.
	res, err := s.PutInputs(ctx, []*document.Document{raw}, []string{in})
	if err != nil || res[0].Status != Unchanged {
		t.Fatalf("PutInputs unchanged: %+v %v", res, err)
	}
	if ok, err := s.HasInput(ctx, "r1", in); err != nil || !ok {
		t.Fatalf("HasInput after PutInputs: %v %v", ok, err)
	}
	if ok, _ := s.HasInput(ctx, "r1", InputHash(raw, "pipeline B")); ok {
		t.Fatal("HasInput with another pipeline's hash")
	}
	if ok, _ := s.HasInput(ctx, "r1", ""); ok {
		t.Fatal("HasInput of an empty hash")
	}
	// A changed document put without an input hash clears it.
	changed := *raw
	changed.Title = "Iran and Syria meet again"
	if r := mustPut(t, s, &changed); r.Status != Updated {
		t.Fatalf("put changed: %+v", r)
	}
	if ok, _ := s.HasInput(ctx, "r1", in); ok {
		t.Fatal("HasInput after the document changed")
	}
	if _, err := s.PutInputs(ctx, []*document.Document{raw}, []string{}); err == nil {
		t.Fatal("PutInputs with a short hash list succeeded")
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
