package quotes

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep/sitrep/document"
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
		if k != 1 && m.UsesSyntax() {
			if err := ParseSyntax(context.Background(), d); err != nil {
				t.Fatal(err)
			}
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

// TestStageConcurrent checks that concurrent documents, which share the
// model and its buffer pool, get the quotes of a lone run.
func TestStageConcurrent(t *testing.T) {
	st := newTestStage(t)
	texts := []string{fixture, strings.Repeat(fixture+"\n\n", 2), "\"We will go,\" she said.", fixture[40:]}
	want := make([]string, len(texts))
	for i, text := range texts {
		want[i] = quotesJSON(t, process(t, st, text, nil))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(texts))
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 3 * len(texts) {
				i := (g + k) % len(texts)
				d := document.New()
				d.SetText(texts[i])
				if err := st.Process(context.Background(), d); err != nil {
					errs <- err.Error()
					return
				}
				if got := quotesJSON(t, d); got != want[i] {
					errs <- fmt.Sprintf("text %d: concurrent quotes differ", i)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func quotesJSON(t testing.TB, d *document.Document) string {
	b, err := json.Marshal(d.Quotes)
	if err != nil {
		t.Error(err)
	}
	return string(b)
}
