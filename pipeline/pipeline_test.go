package pipeline

import (
	"context"
	"errors"
	"fmt"
	"testing"

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
