package events

import (
	"context"
	"testing"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/segment"
)

func TestNoEventsFromCaptions(t *testing.T) {
	caption := "A handout picture released by the Ruritanian army shows troops attacking rebels."
	body := "Ruritanian troops attacked rebels in the north on Monday."
	d := document.New()
	d.SetText(caption + "\n\n" + body)
	d.Captions = []document.Span{{Start: 0, End: len([]rune(caption)), Text: caption}}
	if err := segment.NewStage().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	st, err := NewStage(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Events) == 0 {
		t.Fatal("no event coded from the body")
	}
	for _, ev := range d.Events {
		if ev.Trigger.Start < len([]rune(caption)) {
			t.Errorf("event %s %q coded from the caption", ev.Code, ev.Trigger.Text)
		}
	}
}

func TestDropHeadlineRepeats(t *testing.T) {
	d := document.New()
	d.SetText("Troops attack rebels\n\nTroops attacked rebels. Leaders met.")
	d.TitleSpan = &document.Span{Start: 0, End: 20}
	ev := func(code string, at int) document.Event {
		return document.Event{Code: code, SourceActor: "RURMIL", TargetActor: "RURREB", Trigger: document.Mention{Start: at, End: at + 1}}
	}
	got := dropHeadlineRepeats(d, []document.Event{ev("190", 7), ev("040", 2), ev("190", 29)})
	if len(got) != 2 || got[0].Code != "040" || got[1].Trigger.Start != 29 {
		t.Errorf("dropHeadlineRepeats = %+v", got)
	}
}
