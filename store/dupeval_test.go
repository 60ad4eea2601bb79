package store

import (
	"bufio"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/shared"
)

func TestSimilarity(t *testing.T) {
	base := strings.Repeat("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon ", 1)
	long := base + "phi chi psi omega one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
	a, _ := MinHash(base)
	b, _ := MinHash(long)
	c, _ := MinHash("completely different words here about the weather in spring and summer and autumn and the long winter nights")
	if s := Similarity(a, a); s != 1 {
		t.Errorf("self similarity %v", s)
	}
	if s := Similarity(a, b); s < 0.7 {
		t.Errorf("a truncation should be contained: %v", s)
	}
	if s := Similarity(a, c); s > 0.2 {
		t.Errorf("unrelated texts: %v", s)
	}
	if ExactHash("Hello, World!") != ExactHash("hello   world") || ExactHash("...") != "" {
		t.Error("ExactHash does not normalize")
	}
	if _, ok := MinHash(" ,. "); ok {
		t.Error("signature of no words")
	}
}

func TestEditText(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	text := "one two three four five six seven eight nine ten\n\nsecond paragraph here\n\nthird paragraph here"
	if got := editText(rng, text, 0, false, []string{"x"}); got != text {
		t.Errorf("rate 0 changed the text: %q", got)
	}
	got := editText(rng, text, 0, true, []string{"x"})
	if strings.Count(got, "\n\n") != 2 || !strings.Contains(got, "Reporting by") {
		t.Errorf("structural edit: %q", got)
	}
}

// TestDuplicatesOnBBC asserts floors on near-duplicate detection on the
// first 600 BBC articles (full figures: sitrep eval dedup).
func TestDuplicatesOnBBC(t *testing.T) {
	if testing.Short() {
		t.Skip("uses shared data")
	}
	p := shared.Path(t, "news/bbc.jsonl")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var corpus []DupText
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() && len(corpus) < 600 {
		var r DupText
		var j struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &j); err != nil {
			t.Fatal(err)
		}
		r.ID, r.Text = j.ID, j.Text
		corpus = append(corpus, r)
	}
	res, err := EvalDuplicates(context.Background(), corpus, DupEvalConfig{Rates: []float64{0.05}, Copies: 100, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	r := res[0]
	t.Logf("%+v", r)
	if r.Precision < 0.98 || r.Recall < 0.95 {
		t.Errorf("precision %.3f recall %.3f, want >= 0.98 and >= 0.95", r.Precision, r.Recall)
	}
	if r.CorpusExact == 0 {
		t.Error("no exact duplicates found in BBC")
	}
}
