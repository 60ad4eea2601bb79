package ner

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/internal/shared"
	"github.com/sitrep/sitrep/segment"
)

// BenchmarkStageNews runs the ner stage on segmented BBC articles from the
// shared news corpus; ns/op is per article.
func BenchmarkStageNews(b *testing.B) {
	f, err := os.Open(shared.Path(b, "news/bbc.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	m, err := LoadDefault()
	if err != nil {
		b.Skipf("no embedded model: %v", err)
	}
	st := NewStageWithModel(m)
	dec := json.NewDecoder(f)
	seg := segment.NewStage()
	var docs []*document.Document
	for len(docs) < 300 {
		var r struct {
			Text string `json:"text"`
		}
		if err := dec.Decode(&r); err != nil {
			break
		}
		d := document.New()
		d.SetText(r.Text)
		if err := seg.Process(context.Background(), d); err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := *docs[i%len(docs)]
		d.Entities = nil
		if err := st.Process(context.Background(), &d); err != nil {
			b.Fatal(err)
		}
	}
}
