package quotes

import (
	"bytes"
	"compress/gzip"
	"context"
	"slices"
	"testing"
)

func TestBoundCandidates(t *testing.T) {
	v := testView(t, "The minister said on Monday that the talks would resume next week in Geneva.")
	cue := spanOf(t, v, 3, "said", 0)
	src := spanOf(t, v, 2, "The minister", 0)
	cont := spanOf(t, v, 1, "the talks would resume next week in Geneva", 0)
	r := rawAttr{content: []tspan{cont}, source: &src, cue: &cue}
	tests := []struct {
		name string
		kind int
		lo   int // first candidate
		hi   int // last candidate
	}{
		// A content start may move left up to the cue, not into it.
		{"content start", edgeContentStart, cue.hi, cont.lo + boundWindow},
		// A content end may take in the final period, not go past the
		// paragraph.
		{"content end", edgeContentEnd, cont.hi - boundWindow, len(v.lower)},
		{"source start", edgeSourceStart, 0, src.hi - 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi := r.spanOf(tt.kind)
			c := candidates(v, &r, tt.kind, lo, hi)
			if len(c) == 0 || c[0] != tt.lo || c[len(c)-1] != tt.hi {
				t.Errorf("candidates %v, want %d..%d", c, tt.lo, tt.hi)
			}
		})
	}
}

// TestBoundsRefine checks that a model that likes contents opening with
// "that" moves the start there, and that no model leaves spans alone.
func TestBoundsRefine(t *testing.T) {
	v := testView(t, "The minister said on Monday that the talks would resume.")
	cue := spanOf(t, v, 3, "said", 0)
	cont := spanOf(t, v, 1, "the talks would resume", 0)
	that := spanOf(t, v, 1, "that", 0).lo
	raws := []rawAttr{{content: []tspan{cont}, cue: &cue}}
	var h boundHasher
	h.kind = "0" // edgeContentStart
	h.add("in", "that")
	b := &Bounds{w: map[uint32]float32{h.buf[0]: 5}}
	b.refine(v, raws)
	if got := raws[0].content[0].lo; got != that {
		t.Errorf("content starts at token %d, want %d (\"that\")", got, that)
	}
	if raws[0].content[0].hi != cont.hi {
		t.Errorf("content end moved from %d to %d", cont.hi, raws[0].content[0].hi)
	}
	// Quoted terms are not statements: their edges stay.
	term := []rawAttr{{content: []tspan{cont}, term: true}}
	b.refine(v, term)
	if term[0].content[0] != cont {
		t.Errorf("a quoted term moved: %v", term[0].content[0])
	}
}

func TestBoundsSaveLoad(t *testing.T) {
	b := &Bounds{w: map[uint32]float32{1: 0.5, 7: -2, 1 << 30: 3.25}}
	var buf bytes.Buffer
	if err := b.Save(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := LoadBounds(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.w) != len(b.w) || got.w[7] != -2 || got.w[1<<30] != 3.25 {
		t.Errorf("round trip: %v, want %v", got.w, b.w)
	}
	for _, bad := range [][]byte{nil, []byte("not gzip"), gzipped(t, []byte("SQB1\xff\xff\xff\xff"))} {
		if _, err := LoadBounds(bytes.NewReader(bad)); err == nil {
			t.Errorf("LoadBounds(%q) accepted", bad)
		}
	}
}

// TestTrainBounds trains on a tiny fixture and stops when cancelled.
func TestTrainBounds(t *testing.T) {
	text := "Officials said that the border would stay closed.\n\nThe army said that troops had withdrawn."
	var gold []Attribution
	rs := []rune(text)
	for _, p := range []string{"that the border would stay closed", "that troops had withdrawn"} {
		pr := []rune(p)
		for i := range rs {
			if i+len(pr) <= len(rs) && slices.Equal(rs[i:i+len(pr)], pr) {
				gold = append(gold, Attribution{Content: []Frag{{i, i + len(pr)}}})
				break
			}
		}
	}
	m, err := DefaultModel()
	if err != nil {
		t.Skip(err)
	}
	docs := []GoldDoc{{ID: "fixture", Text: text, Attrs: gold}}
	if _, err := TrainBounds(context.Background(), []*Model{m}, docs, 3, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := TrainBounds(context.Background(), nil, docs, 3, nil); err == nil {
		t.Error("TrainBounds without a tagger accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := TrainBounds(ctx, []*Model{m}, docs, 3, nil); err == nil {
		t.Error("TrainBounds ignored a cancelled context")
	}
}

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
