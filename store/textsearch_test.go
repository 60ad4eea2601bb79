package store

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/internal/shared"
)

// openIndexed puts docs in batches of batch documents into a new store.
func openIndexed(t *testing.T, docs []*document.Document, batch int) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for i := 0; i < len(docs); i += batch {
		if _, err := s.PutBatch(ctx, docs[i:min(i+batch, len(docs))]); err != nil {
			t.Fatal(err)
		}
	}
	if s.mergeErr != nil {
		t.Fatal(s.mergeErr)
	}
	return s
}

// vocabulary returns, for every term, the number of documents FTS5 and
// the ranked index each find it in.
func vocabulary(t *testing.T, s *Store) (fts, ranked map[string]int64) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.w.ExecContext(ctx, `CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, docs_fts, row)`); err != nil {
		t.Fatal(err)
	}
	fts, ranked = map[string]int64{}, map[string]int64{}
	for q, m := range map[string]map[string]int64{
		`SELECT term, doc FROM temp.vocab`:                  fts,
		`SELECT term, sum(n) FROM text_terms GROUP BY term`: ranked,
	} {
		rows, err := s.w.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var term string
			var n int64
			if err := rows.Scan(&term, &n); err != nil {
				t.Fatal(err)
			}
			m[term] = n
		}
		rows.Close()
	}
	return fts, ranked
}

func compareVocabulary(t *testing.T, s *Store) {
	t.Helper()
	fts, ranked := vocabulary(t, s)
	bad := 0
	for term, n := range fts {
		if ranked[term] != n && bad < 10 {
			t.Errorf("term %q: FTS5 finds it in %d documents, the ranked index in %d", term, n, ranked[term])
			bad++
		}
	}
	for term, n := range ranked {
		if _, ok := fts[term]; !ok && bad < 10 {
			t.Errorf("term %q: in %d documents of the ranked index, not in FTS5's", term, n)
			bad++
		}
	}
}

func TestRankedIndexTokenizesLikeFTS5(t *testing.T) {
	texts := []string{
		"Déjà vu: the café's naïve crème brûlée, Straße and Ærø.",
		"ŞAHİN visited İstanbul; Œuvre, ĳssel, Ångström, Ñandú.",
		"北京 and Москва, Ελλάδα, عربي, हिन्दी — e\u0301te, x² ½ ① Ⅲ 3.5% U.S.-led",
		"don't stop-gap 2018-09-03 10:30am $1.13bn (£600m) #tag @user",
		"O'Brien said: “It’s over” …  \u00a0 tab\there\nnewline ＡＢＣ ｆｕｌｌ",
	}
	var docs []*document.Document
	for i, s := range texts {
		docs = append(docs, &document.Document{ID: fmt.Sprint("u", i), Title: strings.Fields(s)[0], Text: s})
	}
	s := openIndexed(t, docs, 2)
	compareVocabulary(t, s)
}

// bbcDocs reads the first n articles of the BBC corpus.
func bbcDocs(t *testing.T, n int) []*document.Document {
	t.Helper()
	f, err := os.Open(shared.Path(t, "news/bbc.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []*document.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() && len(docs) < n {
		var r struct{ ID, Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		text := r.Title + "\n\n" + r.Text
		docs = append(docs, &document.Document{ID: r.ID, Title: r.Title, Text: text,
			TitleSpan: &document.Span{Start: 0, End: len([]rune(r.Title))}, Published: "2005-01-02"})
	}
	return docs
}

// ftsRanks returns FTS5's bm25 scores (sign turned) of the best k matches.
func ftsRanks(t *testing.T, s *Store, text string, k int) []float64 {
	t.Helper()
	rows, err := s.r.Query(`SELECT -rank FROM docs_fts WHERE docs_fts MATCH ? ORDER BY rank LIMIT ?`, ftsQuery(text), k)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []float64
	for rows.Next() {
		var r float64
		if err := rows.Scan(&r); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// TestRankedIndexRanksLikeFTS5 checks, on real news text, that the ranked
// index finds the same terms in the same documents as FTS5 and that its
// best scores are FTS5's bm25 scores (so the same documents, up to ties).
func TestRankedIndexRanksLikeFTS5(t *testing.T) {
	docs := bbcDocs(t, 400)
	s := openIndexed(t, docs, 16) // 25 segments: merges to level 1
	compareVocabulary(t, s)
	var levels []int
	rows, _ := s.r.Query(`SELECT level FROM text_segs ORDER BY seg`)
	for rows.Next() {
		var l int
		rows.Scan(&l)
		levels = append(levels, l)
	}
	rows.Close()
	if len(levels) >= 2*mergeFanIn {
		t.Errorf("segments not merged: levels %v", levels)
	}
	ctx := context.Background()
	for _, q := range []string{"profit", "government", "film award", "blair election", "the", "football club manager", "zzzz", "profit zzzz"} {
		terms, ok := plainTerms(q)
		if !ok {
			t.Fatalf("%q: not plain", q)
		}
		hits, err := s.rankedHits(ctx, terms, nil, 20)
		if err != nil {
			t.Fatal(err)
		}
		want := ftsRanks(t, s, q, 20)
		if len(hits) != len(want) {
			t.Fatalf("%q: %d hits, FTS5 %d", q, len(hits), len(want))
		}
		for i, h := range hits {
			if math.Abs(h.Score-want[i]) > 1e-9*math.Max(1, math.Abs(want[i])) {
				t.Errorf("%q: hit %d scores %v, FTS5 %v", q, i, h.Score, want[i])
			}
		}
		got, err := s.Documents(ctx, Filter{Text: q, Limit: 20})
		if err != nil || len(got) != len(want) {
			t.Fatalf("%q: Documents: %d %v", q, len(got), err)
		}
	}
}

// TestRankedPhrases checks that a phrase search finds what FTS5 finds.
func TestRankedPhrases(t *testing.T) {
	s := openIndexed(t, bbcDocs(t, 300), 64)
	ctx := context.Background()
	for _, q := range []string{`"prime minister"`, `high-speed`, `"tony blair" election`, `"no such phrase here"`} {
		want, err := s.ftsMatches(ctx, ftsQuery(q))
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Documents(ctx, Filter{Text: q, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d documents, FTS5 matches %d", q, len(got), len(want))
		}
		if q == `"prime minister"` && len(got) < 10 {
			t.Errorf("%s: only %d documents", q, len(got))
		}
	}
}

// TestRankedIndexAfterUpdates re-puts changed documents: their old postings
// no longer match, in searches or after merges.
func TestRankedIndexAfterUpdates(t *testing.T) {
	ctx := context.Background()
	var docs []*document.Document
	for i := range 40 {
		docs = append(docs, &document.Document{ID: fmt.Sprint("d", i), Title: fmt.Sprint("Report ", i),
			Text: fmt.Sprintf("Report %d. The harbour of town%d saw shelling.", i, i)})
	}
	s := openIndexed(t, docs, 4)
	search := func(q string) []string {
		t.Helper()
		got, err := s.Documents(ctx, Filter{Text: q, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, d := range got {
			ids = append(ids, d.ID)
		}
		sort.Strings(ids)
		return ids
	}
	if got := search("shelling"); len(got) != 40 {
		t.Fatalf("shelling: %v", got)
	}
	// Rewrite the first ten: shelling becomes a ceasefire.
	for round := range 3 {
		for i := range 10 {
			d := *docs[i]
			d.Text = fmt.Sprintf("Report %d. The harbour of town%d saw a ceasefire (%d).", i, i, round)
			if _, err := s.Put(ctx, &d); err != nil {
				t.Fatal(err)
			}
		}
		if got := search("shelling"); len(got) != 30 {
			t.Fatalf("round %d: shelling: %d %v", round, len(got), got)
		}
		if got := search("ceasefire harbour"); len(got) != 10 {
			t.Fatalf("round %d: ceasefire: %v", round, got)
		}
		if got := search("town3"); len(got) != 1 || got[0] != "d3" {
			t.Fatalf("round %d: town3: %v", round, got)
		}
	}
	checkTextStats(t, s, 40)
	// Enough more batches to merge the old versions away.
	for i := range 64 {
		if _, err := s.Put(ctx, &document.Document{ID: fmt.Sprint("x", i), Text: "Filler text."}); err != nil {
			t.Fatal(err)
		}
	}
	checkTextStats(t, s, 104)
	if got := search("shelling"); len(got) != 30 {
		t.Fatalf("after merges: shelling: %d %v", len(got), got)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}

// checkTextStats checks the ranked index's totals against its tables: docs
// live documents, and as many old versions as documents written to
// segments beyond those live.
func checkTextStats(t *testing.T, s *Store, docs int64) {
	t.Helper()
	var n, live, dead, written int64
	s.r.QueryRow(`SELECT docs, dead FROM text_stats`).Scan(&n, &dead)
	s.r.QueryRow(`SELECT count(*) FROM text_docs`).Scan(&live)
	s.r.QueryRow(`SELECT sum(docs) FROM text_segs`).Scan(&written)
	if n != docs || live != docs || dead != written-live {
		t.Fatalf("stats: %d documents, %d live, %d dead; %d written to segments", n, live, dead, written)
	}
}
