package pipeline

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/sitrep/sitrep/document"
)

type upper struct{}

func (upper) Name() string { return "upper" }
func (upper) Process(_ context.Context, d *document.Document) error {
	if d.Text == "panic" {
		panic("boom")
	}
	if d.Text == "fail" {
		return errors.New("cannot")
	}
	d.Title = "seen"
	return nil
}

func TestRunKeepsOrderAndIsolatesFailures(t *testing.T) {
	texts := []string{"a", "fail", "b", "panic", "c"}
	for i := range 20 {
		texts = append(texts, fmt.Sprint(i))
	}
	in := make(chan Job)
	go func() {
		defer close(in)
		for _, s := range texts {
			in <- Job{Input: s, Load: func(context.Context) (*document.Document, error) {
				d := document.New()
				d.SetText(s)
				return d, nil
			}}
		}
	}()
	p := &Pipeline{Stages: []Stage{upper{}}, Workers: 4}
	i := 0
	for r := range p.Run(context.Background(), in) {
		if r.Seq != i || r.Input != texts[i] {
			t.Fatalf("result %d is %d (%s), want in order", i, r.Seq, r.Input)
		}
		switch texts[i] {
		case "fail", "panic":
			if r.Err == nil {
				t.Errorf("%s: no error", texts[i])
			}
		default:
			if r.Err != nil || r.Doc.Title != "seen" {
				t.Errorf("%s: %v", texts[i], r.Err)
			}
		}
		i++
	}
	if i != len(texts) {
		t.Fatalf("got %d results, want %d", i, len(texts))
	}
}

type sleeper struct{ d time.Duration }

func (sleeper) Name() string { return "sleep" }
func (s sleeper) Process(context.Context, *document.Document) error {
	time.Sleep(s.d)
	return nil
}

func TestTimings(t *testing.T) {
	p := &Pipeline{Stages: []Stage{upper{}, sleeper{2 * time.Millisecond}}, Workers: 2}
	p.Timings = NewTimings(p)
	in := make(chan Job)
	go func() {
		defer close(in)
		for range 5 {
			in <- Job{Input: "x", Load: func(context.Context) (*document.Document, error) {
				d := document.New()
				d.SetText("x")
				return d, nil
			}}
		}
	}()
	for r := range p.Run(context.Background(), in) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	var steps []string
	var slept time.Duration
	p.Timings.Each(func(step string, d time.Duration) {
		steps = append(steps, step)
		if step == "sleep" {
			slept = d
		}
	})
	if fmt.Sprint(steps) != "[read upper sleep]" {
		t.Errorf("steps %v, want [read upper sleep]", steps)
	}
	if slept < 10*time.Millisecond {
		t.Errorf("sleep stage took %v in all, want at least 5 x 2ms", slept)
	}
	if n := p.Timings.Docs(); n != 5 {
		t.Errorf("Docs() = %d, want 5", n)
	}
}
