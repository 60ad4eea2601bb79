package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
)

// randomText returns n words drawn from a vocabulary of 5,000 made-up words.
func randomText(rng *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("w%x", rng.IntN(5000))
	}
	return strings.Join(w, " ")
}

// BenchmarkPut stores distinct documents with facts, one transaction each.
func BenchmarkPut(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "b.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	rng := rand.New(rand.NewPCG(1, 1))
	for i := 0; b.Loop(); i++ {
		d := testDoc(fmt.Sprintf("b%d", i), "2024-01-01", "Iran", "IRNGOV", "Syria", "SYRMIL", "112", "ACCUSE")
		d.Text += "\n\n" + randomText(rng, 400)
		if _, err := s.Put(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvents queries events with filters over 2,000 documents.
func BenchmarkEvents(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "b.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(1, 1))
	pairs := [][2]string{{"IRNGOV", "SYRMIL"}, {"USAGOV", "RUSGOV"}, {"TURGOV", "IRQGOV"}, {"ISRMIL", "EGYGOV"}}
	for i := range 2000 {
		p := pairs[i%len(pairs)]
		d := testDoc(fmt.Sprintf("b%d", i), fmt.Sprintf("2024-01-%02d", 1+i%28), p[0][:3], p[0], p[1][:3], p[1], []string{"112", "190", "042"}[i%3], "ACCUSE")
		d.Text += "\n\n" + randomText(rng, 200)
		if _, err := s.Put(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Events(ctx, Filter{Source: "IRN", Codes: []string{"19"}, From: "2024-01-05", Limit: 50}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMinHash signs a 400-word text.
func BenchmarkMinHash(b *testing.B) {
	text := filler("a") + filler("b") + filler("c") + filler("d") + filler("e") + filler("f") + filler("g") + filler("h") + filler("i") + filler("j")
	for b.Loop() {
		MinHash(text)
	}
}
