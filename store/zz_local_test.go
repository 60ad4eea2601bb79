package store

import (
	"context"
	"os"
	"testing"
)

func BenchmarkLocalDB(b *testing.B) {
	p := os.Getenv("SITREP_BENCH_DB")
	if p == "" {
		b.Skip()
	}
	s, err := Open(context.Background(), p, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	fs := map[string]Filter{
		"events-all":  {Limit: 50},
		"events-filt": {Source: "IRN", Codes: []string{"19"}, From: "2024-01-01", Limit: 50},
		"docs-text":   {Text: "oil prices", Limit: 20},
	}
	for n, f := range fs {
		b.Run(n, func(b *testing.B) {
			for b.Loop() {
				if n == "docs-text" {
					s.Documents(context.Background(), f)
				} else {
					s.Events(context.Background(), f)
				}
			}
		})
	}
}

func TestLocalPlan(t *testing.T) {
	p := os.Getenv("SITREP_BENCH_DB")
	if p == "" {
		t.Skip()
	}
	s, err := Open(context.Background(), p, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, f := range []Filter{{Limit: 50}, {Source: "IRN", Codes: []string{"19"}, From: "2024-01-01", Limit: 50}} {
		w := eventWhere(&f)
		q := `EXPLAIN QUERY PLAN SELECT ` + eventCols + ` FROM events e JOIN documents d ON d.doc_key = e.doc_key` + w.sql() +
			` ORDER BY e.day DESC, e.rowid DESC LIMIT ? OFFSET ?`
		rows, err := s.r.Query(q, append(w.args, 50, 0)...)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var a, b, c int
			var d string
			rows.Scan(&a, &b, &c, &d)
			t.Log(d)
		}
		rows.Close()
	}
}
