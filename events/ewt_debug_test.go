package events

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/conllu"
	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/internal/shared"
)

// ewtDocument turns a gold UD sentence into a one-sentence Document with
// its tokens and parse.
func ewtDocument(s *conllu.Sentence) *document.Document {
	d := document.New()
	var b strings.Builder
	off := 0
	for _, w := range s.Words {
		n := len([]rune(w.Form))
		d.Tokens = append(d.Tokens, document.Token{Start: off, End: off + n, Text: w.Form, SpaceAfter: true,
			UPOS: w.UPOS, XPOS: w.XPOS, Lemma: w.Lemma, Head: w.Head, Deprel: w.Deprel})
		b.WriteString(w.Form)
		b.WriteString(" ")
		off += n + 1
	}
	d.SetText(b.String())
	d.Sentences = []document.Sentence{{Start: 0, End: off - 1, TokenStart: 0, TokenEnd: len(s.Words)}}
	return d
}

// TestDebugEWT compares dependency and linear arguments on gold UD parses
// (set SITREP_DEBUG_EWT=1).
func TestDebugEWT(t *testing.T) {
	if os.Getenv("SITREP_DEBUG_EWT") == "" {
		t.Skip("set SITREP_DEBUG_EWT")
	}
	f, err := os.Open(shared.Path(t, "ud-ewt/en_ewt-ud-dev.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, err := conllu.ReadAll(f, "dev")
	if err != nil {
		t.Fatal(err)
	}
	dep, _ := NewStage(Options{Dependencies: true})
	lin, _ := NewStage(Options{})
	same, diff, shown := 0, 0, 0
	for _, s := range sents {
		d1, d2 := ewtDocument(s), ewtDocument(s)
		if err := dep.Process(context.Background(), d1); err != nil {
			t.Fatal(err)
		}
		if err := lin.Process(context.Background(), d2); err != nil {
			t.Fatal(err)
		}
		key := func(d *document.Document) string {
			var out []string
			for _, e := range d.Events {
				if e.Confidence >= 0.55 {
					out = append(out, e.SourceActor+">"+e.Code+">"+e.TargetActor)
				}
			}
			return strings.Join(out, " ")
		}
		k1, k2 := key(d1), key(d2)
		if k1 == "" && k2 == "" {
			continue
		}
		if k1 == k2 {
			same++
			continue
		}
		diff++
		if shown < 40 {
			shown++
			t.Logf("%s\n   dep: %s\n   lin: %s", d1.Text, k1, k2)
		}
	}
	t.Logf("same %d, different %d", same, diff)
}
