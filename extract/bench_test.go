package extract

import (
	"context"
	"os"
	"testing"

	"github.com/sitrep/sitrep/internal/shared"
	"github.com/sitrep/sitrep/pipeline"
)

// BenchmarkJSONL measures reading and laying out the BBC corpus.
func BenchmarkJSONL(b *testing.B) {
	data, err := os.ReadFile(shared.Path(b, "news/bbc.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	x := New(Options{})
	b.SetBytes(int64(len(data)))
	for range b.N {
		x.Extract(context.Background(), bytesInput("bbc.jsonl", data), func(j pipeline.Job) error {
			_, err := j.Load(context.Background())
			return err
		})
	}
}

// BenchmarkHTML measures article extraction from one real page.
func BenchmarkHTML(b *testing.B) {
	data, err := os.ReadFile(shared.Path(b, "html/pages/cnn_article.html"))
	if err != nil {
		b.Fatal(err)
	}
	x := New(Options{})
	b.SetBytes(int64(len(data)))
	for range b.N {
		if _, err := x.fromHTML(data, "text/html", "", "cnn_article.html"); err != nil {
			b.Fatal(err)
		}
	}
}
