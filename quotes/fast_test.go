package quotes

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/shared"
)

// TestFastTagMatchesSlow checks that the inference path gives exactly the
// labels of the training path's features and decoder.
func TestFastTagMatchesSlow(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Skip(err)
	}
	if !m.canFast() {
		t.Fatal("embedded model does not take the fast path")
	}
	if m.joint == nil {
		t.Fatal("embedded model has no joint table")
	}
	split := *m // the same model without the joint table
	split.joint = nil
	texts := []string{
		fixture,
		strings.Repeat(fixture+"\n\n", 3),
		"",
		"\"Unclosed quote, said nobody",
		"ÉCOLE «Très bien», a déclaré M. Dupont.\n\n“Straße” — sagte er; 12,5 % ’tis.",
		"a\x00b \xff\xfe said \"x\" according to him",
	}
	if testing.Short() {
		// The shared-data documents below are skipped in short mode.
	} else if p, ok := sharedDev(t); ok {
		docs, err := ReadData(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			texts = append(texts, d.Text)
		}
	}
	for k, text := range texts {
		d, err := segmentDoc(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Tokens) == 0 || len(d.Sentences) == 0 {
			continue
		}
		if k == 1 {
			// Synthetic syntax fields exercise the syntax features.
			for i := range d.Tokens {
				tk := &d.Tokens[i]
				tk.UPOS, tk.Deprel, tk.Head = "NOUN", []string{"nsubj", "obj", "root"}[i%3], i%4
			}
		}
		// Run the fast path twice so that reused buffers are exercised.
		for range 2 {
			fast := m.tagFast(newView(d, &m.lx))
			slow := m.tagSlow(newView(d, &m.lx))
			if !slices.Equal(fast, slow) {
				t.Fatalf("text %d: fast labels differ from slow ones", k)
			}
			if sp := split.tagFast(newView(d, &m.lx)); !slices.Equal(sp, slow) {
				t.Fatalf("text %d: split-table labels differ from slow ones", k)
			}
		}
	}
}

func sharedDev(t *testing.T) (string, bool) {
	var p string
	ok := t.Run("polnear_dev", func(t *testing.T) { p = shared.Path(t, "quotes/polnear_dev.jsonl") })
	return p, ok && p != ""
}
