package store

import (
	"context"
	"os"
	"testing"
)

// BenchmarkOnDatabase times typical queries on an existing database named
// by $SITREP_BENCH_DB (for instance one built by scripts/loadtest.sh).
func BenchmarkOnDatabase(b *testing.B) {
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
		"events-all":        {Limit: 50},
		"events-src-code":   {Source: "IRN", Codes: []string{"19"}, From: "2024-01-01", Limit: 50},
		"events-tgt-plover": {Target: "SYR", Plover: []string{"ASSAULT", "COERCE"}, Limit: 50},
		"docs-text":         {Text: "oil prices", Limit: 20},
		"docs-phrase":       {Text: `"prime minister"`, Limit: 20},
		"docs-text-newest":  {Text: "oil prices", Limit: 20, Sort: "newest"},
	}
	for n, f := range fs {
		b.Run(n, func(b *testing.B) {
			for b.Loop() {
				if n[:4] == "docs" {
					s.Documents(context.Background(), f)
				} else {
					s.Events(context.Background(), f)
				}
			}
		})
	}
}
