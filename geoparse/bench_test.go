package geoparse

import (
	"context"
	"os"
	"testing"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/internal/shared"
)

func loadLGL(tb testing.TB) []Doc {
	tb.Helper()
	f, err := os.Open(shared.Path(tb, "geoparsing/lgl.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	docs, err := ReadDocs(f)
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

// BenchmarkResolve measures gold-span resolution with the embedded
// gazetteer; toponyms/s is the figure.
func BenchmarkResolve(b *testing.B) {
	docs := FilterSplit(loadLGL(b), "dev")
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	r, err := NewResolver(g, nil)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	ms := make([][]Mention, len(docs))
	for i := range docs {
		ms[i] = docs[i].GoldMentions()
		n += len(ms[i])
	}
	b.ResetTimer()
	for b.Loop() {
		for i := range docs {
			r.ResolveText(docs[i].Text, ms[i], "")
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "toponyms/s")
}

// BenchmarkStage measures the whole stage (own recognition, resolution,
// grouping) per LGL dev document with the embedded gazetteer.
func BenchmarkStage(b *testing.B) {
	docs := FilterSplit(loadLGL(b), "dev")
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	s, err := NewStage(Options{Gazetteer: g})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		for i := range docs {
			d := document.New()
			d.SetText(docs[i].Text)
			if err := s.Process(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*len(docs)), "ms/doc")
}
