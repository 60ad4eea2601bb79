package events

import (
	"context"
	"os"
	"testing"

	"github.com/sitrep/sitrep/actors"
	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/ner"
	"github.com/sitrep/sitrep/segment"
	"github.com/sitrep/sitrep/syntax"
	"github.com/sitrep/sitrep/timex"
)

// TestDebugSentence prints the chunks and events of $SITREP_DEBUG_TEXT.
func TestDebugSentence(t *testing.T) {
	text := os.Getenv("SITREP_DEBUG_TEXT")
	if text == "" {
		t.Skip("set SITREP_DEBUG_TEXT")
	}
	d := document.New()
	d.SetText(text)
	d.Published = "2018-09-03"
	if err := segment.NewStage().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("SITREP_DEBUG_FULL") != "" {
		sy, err := syntax.NewFastStage()
		if err != nil {
			t.Fatal(err)
		}
		nr, err := ner.NewStage()
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []interface {
			Process(context.Context, *document.Document) error
		}{sy, nr} {
			if err := s.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
		}
		for i, tk := range d.Tokens {
			t.Logf("tok %d %s %s head=%d %s", i, tk.Text, tk.UPOS, tk.Head, tk.Deprel)
		}
		for _, e := range d.Entities {
			t.Logf("entity %s %s %q", e.ID, e.Type, e.Name)
		}
	}
	if err := timex.NewStage().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	s, err := NewStage(Options{})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]document.Actor{}
	for si := range d.Sentences {
		st := newSentence(s.alex, d, si)
		st.buildChunks(s.alex, actors.Date(d), entityIndex(d), s.lex, names)
		st.fillContext(d, s.alex, func() string { return "" }, nil)
		st.rememberNames(names)
		for _, c := range st.chunks {
			t.Logf("chunk %d-%d %q %s src=%s pp=%q pron=%v", c.start, c.end, d.Slice(st.words[c.start].start, st.words[c.end-1].end), c.actor.Code, c.actor.Source, c.inPP, c.pronoun)
		}
	}
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, e := range d.Events {
		tm := "-"
		if e.Time != nil {
			tm = *e.Time
		}
		t.Logf("event %s %v %s -> %s %q mod=%s conf=%.2f time=%s/%s", e.Code, e.Plover, e.SourceActor, e.TargetActor, e.Trigger.Text, e.Modality, e.Confidence, tm, e.TimeSource)
	}
}
