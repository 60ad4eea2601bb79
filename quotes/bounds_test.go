package quotes

import (
	"bytes"
	"compress/gzip"
	"context"
	"slices"
	"strings"
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
			c := candidates(v, &r, tt.kind, lo, hi, reaches{boundWindow, boundWindow})
			if len(c) == 0 || c[0] != tt.lo || c[len(c)-1] != tt.hi {
				t.Errorf("candidates %v, want %d..%d", c, tt.lo, tt.hi)
			}
		})
	}
}

// TestFarCandidates checks that a content edge of a far-reaching model
// may move beyond the window, and a source edge as far as its own reach.
func TestFarCandidates(t *testing.T) {
	v := testView(t, "The minister said that the talks, which began in the spring after months of delay and a change of government in the capital, would resume next week in Geneva.")
	cue := spanOf(t, v, 3, "said", 0)
	src := spanOf(t, v, 2, "The minister", 0)
	cont := spanOf(t, v, 1, "would resume next week in Geneva", 0)
	r := rawAttr{content: []tspan{cont}, source: &src, cue: &cue}
	lo, hi := r.spanOf(edgeContentStart)
	if c := candidates(v, &r, edgeContentStart, lo, hi, reaches{30, boundWindow}); c[0] != cue.hi {
		t.Errorf("reach 30: content start candidates begin at %d, want %d (after the cue)", c[0], cue.hi)
	}
	if c := candidates(v, &r, edgeContentStart, lo, hi, reaches{boundWindow, boundWindow}); c[0] != cont.lo-boundWindow {
		t.Errorf("window: content start candidates begin at %d, want %d", c[0], cont.lo-boundWindow)
	}
	lo, hi = r.spanOf(edgeSourceStart)
	if c := candidates(v, &r, edgeSourceStart, lo, hi, reaches{30, boundWindow}); c[len(c)-1] != src.hi-1 {
		t.Errorf("source start candidates %v", c)
	}
	near := candidates(v, &r, edgeContentEnd, cont.lo, cont.hi, reaches{30, 2})
	far := candidates(v, &r, edgeContentEnd, cont.lo, cont.hi, reaches{30, 20})
	if !slices.Equal(near, far) {
		t.Errorf("the source reach moved content candidates: %v against %v", near, far)
	}
}

// TestUnitFeatures checks that a span which is one subtree of the parse
// is told from one that is not.
func TestUnitFeatures(t *testing.T) {
	d, err := segmentDoc(context.Background(), "The minister said that the talks would resume next week.")
	if err != nil {
		t.Fatal(err)
	}
	if err := ParseSyntax(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	v := newView(d, &lexicon{cue: map[string]bool{"said": true}, prob: map[string]byte{}})
	cue := spanOf(t, v, 3, "said", 0)
	whole := spanOf(t, v, 1, "that the talks would resume next week", 0)
	part := spanOf(t, v, 1, "that the talks", 0)
	feats := func(s tspan) []uint32 {
		h := newBoundHasher("x", nil)
		unitFeatures(v, newEdgeHashes(v), &h, s.lo, s.hi, &cue)
		return h.buf
	}
	one := newBoundHasher("x", nil)
	one.add("unit-one-cue", hTrue)
	if !slices.Contains(feats(whole), one.buf[0]) {
		t.Errorf("%q: not one unit hanging from the cue", "that the talks would resume next week")
	}
	if slices.Contains(feats(part), one.buf[0]) {
		t.Errorf("%q: one unit hanging from the cue", "that the talks")
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
	h := newBoundHasher("0", nil) // edgeContentStart
	h.add("in", hv("that"))
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
	b := &Bounds{w: map[uint32]float32{1: 0.5, 7: -2, 1 << 30: 3.25}, reach: reaches{30, 20}}
	var buf bytes.Buffer
	if err := b.Save(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := LoadBounds(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.w) != len(b.w) || got.w[7] != -2 || got.w[1<<30] != 3.25 || got.reach != b.reach {
		t.Errorf("round trip: %v reach %v, want %v reach %v", got.w, got.reach, b.w, b.reach)
	}
	// An SQB3 file has the content reach alone; its sources keep the
	// window.
	sqb3, err := LoadBounds(bytes.NewReader(gzipped(t, []byte("SQB3\x1e\x00\x00\x00\x01\x00\x00\x00\x07\x00\x00\x00\x00\x00\x80\x3f"))))
	if err != nil || sqb3.reach != (reaches{30, boundWindow}) || sqb3.w[7] != 1 {
		t.Errorf("LoadBounds(SQB3 file) = %+v, %v; want reach {30 %d} and one weight", sqb3, err, boundWindow)
	}
	// Files of the earlier formats hold keys of other features.
	for _, old := range []string{"SQB1", "SQB2"} {
		_, err := LoadBounds(bytes.NewReader(gzipped(t, []byte(old+"\x01\x00\x00\x00\x07\x00\x00\x00\x00\x00\x80\x3f"))))
		if err == nil || !strings.Contains(err.Error(), "retrain") {
			t.Errorf("LoadBounds(%s file) = %v, want an error that says to retrain", old, err)
		}
	}
	for _, bad := range [][]byte{nil, []byte("not gzip"), gzipped(t, []byte("SQB1\xff\xff\xff\xff")),
		gzipped(t, []byte("SQB3\x00\x00\x00\x00\x00\x00\x00\x00")), gzipped(t, []byte("SQB4\x1e\x00\x00\x00\x00\x00\x00\x00")), gzipped(t, []byte("SQB9"))} {
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
	if _, err := TrainBounds(context.Background(), []*Model{m}, docs, BoundsOptions{Epochs: 3}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := TrainBounds(context.Background(), nil, docs, BoundsOptions{Epochs: 3}, nil); err == nil {
		t.Error("TrainBounds without a tagger accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := TrainBounds(ctx, []*Model{m}, docs, BoundsOptions{Epochs: 3}, nil); err == nil {
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

// TestWeightTable checks the scoring table against the map it is built
// from, for present, absent and zero keys.
func TestWeightTable(t *testing.T) {
	w := map[uint32]float32{0: 1.5, 1: -2, 7: 3, 1 << 31: 0.25}
	for k := uint32(100); k < 1100; k++ {
		w[k*2654435761] = float32(k)
	}
	tab := newWeightTable(w)
	for k := uint32(0); k < 3000; k++ {
		for _, key := range []uint32{k, k * 2654435761} {
			if got, want := tab.get(key), w[key]; got != want {
				t.Fatalf("get(%d) = %v, want %v", key, got, want)
			}
		}
	}
	if got := tab.get(1 << 31); got != 0.25 {
		t.Errorf("get(1<<31) = %v, want 0.25", got)
	}
}

// BenchmarkBoundsRefine times the edges model alone on the attributions
// the tagger and the rules find in a parsed document.
func BenchmarkBoundsRefine(b *testing.B) {
	m, err := DefaultModel()
	if err != nil || m.bounds == nil {
		b.Skip("no embedded edges model")
	}
	d, err := segmentDoc(context.Background(), strings.Repeat(fixture+"\n\n", 8))
	if err != nil {
		b.Fatal(err)
	}
	if err := ParseSyntax(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	v := newView(d, &m.lx)
	raws := m.WithBounds(nil).raw(v)
	work := make([]rawAttr, len(raws))
	for b.Loop() {
		for i, r := range raws {
			work[i] = r
			work[i].content = slices.Clone(r.content)
			if r.source != nil {
				s := *r.source
				work[i].source = &s
			}
		}
		m.bounds.refine(v, work)
	}
}

// FuzzLoadBounds checks that any file given as --bounds is read or
// refused with an error, never a panic.
func FuzzLoadBounds(f *testing.F) {
	var ok bytes.Buffer
	if err := (&Bounds{w: map[uint32]float32{3: 1}, reach: reaches{30, 20}}).Save(&ok); err != nil {
		f.Fatal(err)
	}
	f.Add(ok.Bytes())
	f.Add([]byte("not gzip"))
	for _, s := range []string{"SQB1\x01\x00\x00\x00", "SQB3\x1e\x00\x00\x00\xff\xff\xff\xff", "SQB3", "SQB4\x1e\x00\x00\x00\x00\x00\x00\x00"} {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(s))
		zw.Close()
		f.Add(b.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := LoadBounds(bytes.NewReader(data))
		if err == nil && (b.tab == nil || b.reach.content <= 0 || b.reach.source <= 0) {
			t.Errorf("loaded a model without a table or reach")
		}
	})
}
