package quotes

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/sitrep/sitrep/document"
)

// Bounds re-chooses where contents and sources begin and end. The tagger
// and the rules find most statements but often miss their exact edges
// ("said [that] ...", "[a] “...”", a trailing "on Twitter"); most content
// errors on PolNeAR dev are such near misses. For each edge, Bounds scores
// the token positions within a few tokens of the predicted one by the
// words, tags and relations around them, whether they open or close a
// subtree of the parse, and where the cue is, and keeps the best. It is an
// averaged perceptron ranking candidates, trained on PolNeAR train with
// the edges the rest of the stage predicts there (TrainBounds).
type Bounds struct {
	w map[uint32]float32
}

// Edges a Bounds model moves.
const (
	edgeContentStart = iota
	edgeContentEnd
	edgeSourceStart
	edgeSourceEnd
)

// boundWindow is how far (in tokens) an edge may move.
const boundWindow = 6

// edge is one edge of a predicted span to re-choose: the candidate
// positions (a start token, or one past an end token) and their features.
type edge struct {
	kind  int
	cands []int
	feats [][]uint32
}

// candidates returns the positions an edge may move to: within the
// window, inside the paragraph, keeping the span non-empty and clear of
// the cue (and of the source, for a content).
func candidates(v *view, r *rawAttr, kind int, lo, hi int) []int {
	sq := seqOf(v, lo)
	blocked := func(i int) bool { // token i may not be inside the span
		if r.cue != nil && i >= r.cue.lo && i < r.cue.hi {
			return true
		}
		if kind <= edgeContentEnd && r.source != nil && i >= r.source.lo && i < r.source.hi {
			return true
		}
		return false
	}
	var out []int
	switch kind {
	case edgeContentStart, edgeSourceStart:
		for p := max(lo-boundWindow, sq.lo); p <= min(lo+boundWindow, hi-1); p++ {
			ok := true
			for i := min(p, lo); i < max(p, lo); i++ {
				if p < lo && blocked(i) {
					ok = false
				}
			}
			if ok {
				out = append(out, p)
			}
		}
	default:
		for q := max(hi-boundWindow, lo+1); q <= min(hi+boundWindow, sq.hi); q++ {
			ok := true
			for i := hi; i < q; i++ {
				if blocked(i) {
					ok = false
				}
			}
			if ok {
				out = append(out, q)
			}
		}
	}
	return out
}

// seqOf returns the paragraph of token i.
func seqOf(v *view, i int) seq {
	for _, s := range v.seqs {
		if i >= s.lo && i < s.hi {
			return s
		}
	}
	return seq{i, i + 1}
}

// boundHasher builds hashed feature keys.
type boundHasher struct {
	buf  []uint32
	kind string
}

func (h *boundHasher) add(parts ...string) {
	x := seedOf(h.kind)
	for _, p := range parts {
		x = hs(x, p)
		x = hb(x, 0x1f)
	}
	h.buf = append(h.buf, fold(x))
}

// edgeFeatures returns the features of moving an edge of kind to position
// p (predicted: pred).
func edgeFeatures(v *view, r *rawAttr, kind, p, pred int, buf []uint32) []uint32 {
	h := boundHasher{buf: buf[:0], kind: strconv.Itoa(kind)}
	n := len(v.lower)
	tok := func(i int) string {
		if i < 0 || i >= n {
			return "<none>"
		}
		return v.lower[i]
	}
	upos := func(i int) string {
		if i < 0 || i >= n {
			return "<none>"
		}
		return v.d.Tokens[i].UPOS
	}
	rel := func(i int) string {
		if i < 0 || i >= n {
			return "<none>"
		}
		return v.d.Tokens[i].Deprel
	}
	q := func(i int) string {
		if i < 0 || i >= n {
			return "-"
		}
		return strconv.Itoa(int(v.qstate[i]))
	}
	// in is the first token inside the span at this edge, out the
	// nearest outside it.
	in, out := p, p-1
	if kind == edgeContentEnd || kind == edgeSourceEnd {
		in, out = p-1, p
	}
	off := strconv.Itoa(max(-boundWindow, min(boundWindow, p-pred)))
	h.add("bias")
	h.add("off", off)
	h.add("in", tok(in))
	h.add("out", tok(out))
	h.add("in-out", tok(in), tok(out))
	h.add("inU", upos(in))
	h.add("outU", upos(out))
	h.add("inU-outU", upos(in), upos(out))
	h.add("inR", rel(in))
	h.add("inR-inU", rel(in), upos(in))
	h.add("outR", rel(out))
	h.add("q", q(in), q(out))
	h.add("off-in", off, tok(in))
	h.add("off-inU", off, upos(in))
	h.add("off-q", off, q(in), q(out))
	if kind == edgeContentStart || kind == edgeSourceStart {
		h.add("in2", tok(in), tok(in+1))
		h.add("out2", tok(out-1), tok(out))
	} else {
		h.add("in2", tok(in-1), tok(in))
		h.add("out2", tok(out), tok(out+1))
	}
	if out >= 0 && out < n && v.sent[out] != v.sent[max(0, min(in, n-1))] {
		h.add("sentence-edge")
	}
	// Where the cue is.
	if r.cue != nil {
		c := r.cue
		switch {
		case out >= c.lo && out < c.hi:
			h.add("next-to-cue", tok(out))
		case in < c.lo:
			h.add("cue-after", strconv.Itoa(min(c.lo-in, 8)))
		default:
			h.add("cue-before", strconv.Itoa(min(in-c.hi+1, 8)))
		}
		if t := v.tree(); t != nil {
			ch := cueHead(t, *c)
			// The largest subtree that this position opens or closes.
			a := subtreeAt(t, p, kind == edgeContentStart || kind == edgeSourceStart, in)
			if a >= 0 {
				h.add("subtree", rel(a), strconv.FormatBool(t.head[a] == ch))
				h.add("subtree-off", rel(a), off)
			} else {
				h.add("no-subtree")
			}
		}
	}
	if r.source != nil && kind <= edgeContentEnd {
		if out >= r.source.lo && out < r.source.hi {
			h.add("next-to-source")
		}
	}
	return h.buf
}

// cueHead returns the token of the cue span whose head is outside it.
func cueHead(t *tree, c tspan) int {
	for i := c.lo; i < c.hi && i < len(t.head); i++ {
		if h := t.head[i]; h < c.lo || h >= c.hi {
			return i
		}
	}
	return c.lo
}

// subtreeAt returns the highest ancestor of token in whose subtree starts
// at p (start edges) or ends at p (end edges), or -1.
func subtreeAt(t *tree, p int, start bool, in int) int {
	if in < 0 || in >= len(t.head) {
		return -1
	}
	best := -1
	for a, steps := in, 0; a >= 0 && steps < 64; a, steps = t.head[a], steps+1 {
		if (start && t.lo[a] == p) || (!start && t.hi[a] == p) {
			best = a
		} else if best >= 0 {
			break
		}
	}
	return best
}

// edges lists the edges of r to re-choose.
func (r *rawAttr) edges() (kinds []int, pos []int) {
	if r.term {
		return nil, nil
	}
	if len(r.content) > 0 {
		kinds = append(kinds, edgeContentStart, edgeContentEnd)
		pos = append(pos, r.content[0].lo, r.content[len(r.content)-1].hi)
	}
	if r.source != nil {
		kinds = append(kinds, edgeSourceStart, edgeSourceEnd)
		pos = append(pos, r.source.lo, r.source.hi)
	}
	return kinds, pos
}

// spanOf returns the span an edge of kind belongs to.
func (r *rawAttr) spanOf(kind int) (lo, hi int) {
	switch kind {
	case edgeContentStart:
		return r.content[0].lo, r.content[0].hi
	case edgeContentEnd:
		c := r.content[len(r.content)-1]
		return c.lo, c.hi
	default:
		return r.source.lo, r.source.hi
	}
}

func (r *rawAttr) setEdge(kind, p int) {
	switch kind {
	case edgeContentStart:
		r.content[0].lo = p
	case edgeContentEnd:
		r.content[len(r.content)-1].hi = p
	case edgeSourceStart:
		r.source.lo = p
	case edgeSourceEnd:
		r.source.hi = p
	}
}

func (b *Bounds) score(fs []uint32) float32 {
	var s float32
	for _, f := range fs {
		s += b.w[f]
	}
	return s
}

// refine moves the edges of every attribution of raws to their best
// candidates.
func (b *Bounds) refine(v *view, raws []rawAttr) {
	var buf []uint32
	for k := range raws {
		r := &raws[k]
		kinds, _ := r.edges()
		for _, kind := range kinds {
			lo, hi := r.spanOf(kind)
			pred := lo
			if kind == edgeContentEnd || kind == edgeSourceEnd {
				pred = hi
			}
			// Ties keep the predicted edge.
			best, bestScore, found := pred, float32(0), false
			for _, p := range candidates(v, r, kind, lo, hi) {
				buf = edgeFeatures(v, r, kind, p, pred, buf)
				s := b.score(buf)
				if !found || s > bestScore || (s == bestScore && p == pred) {
					best, bestScore, found = p, s, true
				}
			}
			r.setEdge(kind, best)
		}
	}
}

// boundExample is one edge of a train attribution whose gold position is
// among its candidates.
type boundExample struct {
	feats [][]uint32
	gold  int
}

// JackknifeBounds trains a Bounds model on edges as the tagger predicts
// them on text it was not trained on (see FoldTaggers).
func JackknifeBounds(ctx context.Context, train []GoldDoc, topt TrainOptions, folds, epochs int, log io.Writer) (*Bounds, error) {
	models, err := FoldTaggers(ctx, train, topt, folds, nil, log)
	if err != nil {
		return nil, err
	}
	return TrainBounds(ctx, models, train, epochs, log)
}

// FoldTaggers splits train in folds (document i in fold i % folds) and
// trains a tagger with topt on all but each fold, quantized as shipped.
// If cached is set, it is asked for fold f's tagger first and told of
// each one trained (e.g. to keep them in files between runs).
func FoldTaggers(ctx context.Context, train []GoldDoc, topt TrainOptions, folds int, cached func(f int, m *Model) *Model, log io.Writer) ([]*Model, error) {
	if folds < 2 {
		return nil, fmt.Errorf("train bounds: need at least 2 folds, got %d", folds)
	}
	models := make([]*Model, folds)
	for f := range models {
		if cached != nil {
			if models[f] = cached(f, nil); models[f] != nil {
				continue
			}
		}
		var rest []GoldDoc
		for i, g := range train {
			if i%folds != f {
				rest = append(rest, g)
			}
		}
		m, err := Train(ctx, rest, topt)
		if err != nil {
			return nil, fmt.Errorf("train bounds: fold %d: %w", f+1, err)
		}
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			return nil, err
		}
		if models[f], err = Load(bytes.NewReader(buf.Bytes())); err != nil {
			return nil, err
		}
		if cached != nil {
			cached(f, models[f])
		}
		if log != nil {
			fmt.Fprintf(log, "bounds: tagger of fold %d/%d trained\n", f+1, folds)
		}
	}
	return models, nil
}

// TrainBounds trains a Bounds model on the edges predicted for the
// documents of train (parsed as the pipeline does), document i by
// models[i % len(models)], each paired with the gold attribution whose
// content overlaps it most.
func TrainBounds(ctx context.Context, models []*Model, train []GoldDoc, epochs int, log io.Writer) (*Bounds, error) {
	if log == nil {
		log = io.Discard
	}
	if len(models) == 0 {
		return nil, fmt.Errorf("train bounds: no tagger")
	}
	var exs []boundExample
	for i, g := range train {
		m := models[i%len(models)]
		base := *m
		base.bounds = nil
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d, err := segmentDoc(ctx, g.Text)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", g.ID, err)
		}
		if m.UsesSyntax() {
			if err := ParseSyntax(ctx, d); err != nil {
				return nil, fmt.Errorf("%s: %w", g.ID, err)
			}
		}
		exs = append(exs, boundExamples(newView(d, &base.lx), &base, g)...)
	}
	fmt.Fprintf(log, "bounds: %d edges with their gold position in reach\n", len(exs))
	b := &Bounds{w: map[uint32]float32{}}
	acc := map[uint32]float32{}
	last := map[uint32]int{}
	t := 0
	upd := func(fs []uint32, delta float32) {
		for _, f := range fs {
			acc[f] += float32(t-last[f]) * b.w[f]
			last[f] = t
			b.w[f] += delta
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs := 0
		for _, i := range order {
			ex := &exs[i]
			t++
			best, bestScore := 0, float32(0)
			for c, fs := range ex.feats {
				if s := b.score(fs); c == 0 || s > bestScore {
					best, bestScore = c, s
				}
			}
			if best != ex.gold {
				errs++
				upd(ex.feats[ex.gold], 1)
				upd(ex.feats[best], -1)
			}
		}
		fmt.Fprintf(log, "bounds epoch %d: %.2f%% edges wrong\n", ep+1, 100*float64(errs)/float64(max(1, len(exs))))
	}
	// Average.
	for f, w := range b.w {
		a := acc[f] + float32(t-last[f])*w
		if avg := a / float32(max(t, 1)); avg != 0 {
			b.w[f] = avg
		} else {
			delete(b.w, f)
		}
	}
	return b, nil
}

// boundExamples pairs the edges predicted in a document with gold ones.
func boundExamples(v *view, m *Model, g GoldDoc) []boundExample {
	raws := m.raw(v)
	d := v.d
	var out []boundExample
	var buf []uint32
	for k := range raws {
		r := &raws[k]
		if r.term || len(r.content) == 0 {
			continue
		}
		ga := bestGold(d, r, g.Attrs)
		if ga == nil {
			continue
		}
		kinds, _ := r.edges()
		for _, kind := range kinds {
			var goldPos int
			var ok bool
			switch kind {
			case edgeContentStart:
				goldPos, ok = tokenAtStart(d, ga.Content[0].Start)
			case edgeContentEnd:
				goldPos, ok = tokenAtEnd(d, ga.Content[len(ga.Content)-1].End)
			case edgeSourceStart:
				if len(ga.Source) > 0 {
					goldPos, ok = tokenAtStart(d, ga.Source[0].Start)
				}
			case edgeSourceEnd:
				if len(ga.Source) > 0 {
					goldPos, ok = tokenAtEnd(d, ga.Source[len(ga.Source)-1].End)
				}
			}
			if !ok {
				continue
			}
			lo, hi := r.spanOf(kind)
			pred := lo
			if kind == edgeContentEnd || kind == edgeSourceEnd {
				pred = hi
			}
			cands := candidates(v, r, kind, lo, hi)
			gi := slices.Index(cands, goldPos)
			if gi < 0 || len(cands) < 2 {
				continue
			}
			ex := boundExample{gold: gi}
			for _, p := range cands {
				buf = edgeFeatures(v, r, kind, p, pred, buf)
				ex.feats = append(ex.feats, slices.Clone(buf))
			}
			out = append(out, ex)
		}
	}
	return out
}

// bestGold returns the gold attribution whose content overlaps r's most.
func bestGold(d *document.Document, r *rawAttr, gold []Attribution) *Attribution {
	lo, hi := d.Tokens[r.content[0].lo].Start, d.Tokens[r.content[len(r.content)-1].hi-1].End
	var best *Attribution
	bestOv := 0
	for i := range gold {
		g := &gold[i]
		if len(g.Content) == 0 {
			continue
		}
		ov := min(hi, g.Content[len(g.Content)-1].End) - max(lo, g.Content[0].Start)
		if ov > bestOv {
			best, bestOv = g, ov
		}
	}
	return best
}

// tokenAtStart returns the token starting at code point offset c.
func tokenAtStart(d *document.Document, c int) (int, bool) {
	i, found := slices.BinarySearchFunc(d.Tokens, c, func(t document.Token, c int) int { return t.Start - c })
	return i, found
}

// tokenAtEnd returns one past the token ending at code point offset c.
func tokenAtEnd(d *document.Document, c int) (int, bool) {
	i, found := slices.BinarySearchFunc(d.Tokens, c, func(t document.Token, c int) int { return t.End - c })
	return i + 1, found
}

const boundsMagic = "SQB1"

// Save writes the model (gzip'd): magic, count, then sorted (key, weight).
func (b *Bounds) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	keys := make([]uint32, 0, len(b.w))
	for k := range b.w {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if _, err := io.WriteString(zw, boundsMagic); err != nil {
		return err
	}
	if err := binary.Write(zw, binary.LittleEndian, uint32(len(keys))); err != nil {
		return err
	}
	for _, k := range keys {
		if err := binary.Write(zw, binary.LittleEndian, [2]uint32{k, math.Float32bits(b.w[k])}); err != nil {
			return err
		}
	}
	return zw.Close()
}

// LoadBounds reads a model written by Save.
func LoadBounds(r io.Reader) (*Bounds, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("bounds model: %w", err)
	}
	defer zr.Close()
	var hdr [4]byte
	if _, err := io.ReadFull(zr, hdr[:]); err != nil || string(hdr[:]) != boundsMagic {
		return nil, fmt.Errorf("bounds model: bad header")
	}
	var n uint32
	if err := binary.Read(zr, binary.LittleEndian, &n); err != nil || n > 1<<24 {
		return nil, fmt.Errorf("bounds model: bad size")
	}
	b := &Bounds{w: make(map[uint32]float32, n)}
	for i := uint32(0); i < n; i++ {
		var kv [2]uint32
		if err := binary.Read(zr, binary.LittleEndian, &kv); err != nil {
			return nil, fmt.Errorf("bounds model: %w", err)
		}
		b.w[kv[0]] = math.Float32frombits(kv[1])
	}
	return b, nil
}

// WithBounds returns a copy of m that moves the edges of its spans with b
// (nil: not at all).
func (m *Model) WithBounds(b *Bounds) *Model {
	c := *m
	c.bounds = b
	return &c
}
