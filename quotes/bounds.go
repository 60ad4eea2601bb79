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
// errors on PolNeAR dev are such near misses, and many others a different
// choice of what the content covers (a trailing clause, an object before
// "that"). For each edge, Bounds scores the token positions near the
// predicted one (within its reach: 30 tokens by default for a content,
// 20 for a source) by the words, tags and relations around them,
// whether they open or close a subtree of the parse, where the cue is,
// what a move adds or drops (a comma, a verb, a cue word, a sentence
// break), and whether the span becomes one unit of the parse (a subtree,
// or a run of dependents of one head, hanging from the cue or not), and
// keeps the best; a content's start is chosen first, and its end is then
// chosen given that start. It is an averaged perceptron ranking
// candidates, trained on PolNeAR train with the edges the rest of the
// stage predicts there (TrainBounds).
type Bounds struct {
	w     map[uint32]float32
	tab   *weightTable // w for scoring, once trained or loaded (nil: w)
	reach reaches
}

// reaches are how far (in tokens) a content edge and a source edge may
// move.
type reaches struct{ content, source int }

// of returns the reach of an edge kind.
func (r reaches) of(kind int) int {
	if kind <= edgeContentEnd {
		return max(r.content, boundWindow)
	}
	return r.source
}

// weightTable is a read-only open-addressing hash table of feature
// weights: several times faster to probe than a map, which matters
// because every edge scores dozens of candidates of dozens of features.
type weightTable struct {
	keys []uint32 // 0: empty slot
	vals []float32
	mask uint32
	zero float32 // the weight of key 0, which keys cannot hold
}

func newWeightTable(w map[uint32]float32) *weightTable {
	size := 1
	for size < 2*len(w) {
		size <<= 1
	}
	t := &weightTable{keys: make([]uint32, size), vals: make([]float32, size), mask: uint32(size - 1)}
	for k, v := range w {
		if k == 0 {
			t.zero = v
			continue
		}
		i := mix32(k) & t.mask
		for t.keys[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.keys[i], t.vals[i] = k, v
	}
	return t
}

func (t *weightTable) get(k uint32) float32 {
	if k == 0 {
		return t.zero
	}
	for i := mix32(k) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case k:
			return t.vals[i]
		case 0:
			return 0
		}
	}
}

// mix32 spreads the bits of a feature key over the table's slots.
func mix32(k uint32) uint32 {
	k ^= k >> 16
	k *= 0x7feb352d
	k ^= k >> 15
	return k
}

// BoundsOptions configure TrainBounds.
type BoundsOptions struct {
	Epochs int // passes over the edges (default 10)
	// Reach is how far (in tokens) a content edge may move (default
	// DefaultReach; at most boundWindow for the window-only model of
	// earlier versions). Beyond boundWindow, moves are scored by what
	// they add or drop and by whether the span becomes one unit of the
	// parse.
	Reach int
	// SourceReach is how far a source edge may move (default
	// DefaultSourceReach).
	SourceReach int
}

// DefaultReach is the content edges' reach of the shipped model, chosen
// on PolNeAR dev among 6, 12, 20, 30 and 40; DefaultSourceReach the
// source edges', chosen among 6, 9, 12, 20 and 30.
const DefaultReach, DefaultSourceReach = 30, 20

// Edges a Bounds model moves.
const (
	edgeContentStart = iota
	edgeContentEnd
	edgeSourceStart
	edgeSourceEnd
)

// boundWindow is how far (in tokens) a move is scored token by token, and
// how far a source edge may move in models of format SQB3.
const boundWindow = 6

// edge is one edge of a predicted span to re-choose: the candidate
// positions (a start token, or one past an end token) and their features.
type edge struct {
	kind  int
	cands []int
	feats [][]uint32
}

// candidates returns the positions an edge may move to: within its reach,
// inside the paragraph, keeping the span non-empty and clear of the cue
// (and of the source, for a content).
func candidates(v *view, r *rawAttr, kind int, lo, hi int, reach reaches) []int {
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
	w := reach.of(kind)
	switch kind {
	case edgeContentStart, edgeSourceStart:
		for p := max(lo-w, sq.lo); p <= min(lo+w, hi-1); p++ {
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
		for q := max(hi-w, lo+1); q <= min(hi+w, sq.hi); q++ {
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

// boundHasher builds hashed feature keys: a feature is a name and parts
// that are themselves hashes (of a word, a tag, a relation, a value), so
// that the words of a document are hashed once (edgeHashes), not once per
// candidate.
type boundHasher struct {
	buf  []uint32
	seed uint64 // the hash state after the edge kind's name
}

func newBoundHasher(kind string, buf []uint32) boundHasher {
	return boundHasher{buf: buf[:0], seed: seedOf(kind)}
}

func (h *boundHasher) add(name string, parts ...uint64) {
	x := hs(h.seed, name)
	for _, p := range parts {
		x = mixPart(x ^ p)
	}
	h.buf = append(h.buf, fold(x))
}

// mixPart folds a part into a feature's hash state.
func mixPart(x uint64) uint64 {
	x *= 0x9e3779b97f4a7c15
	return x ^ x>>31
}

// hv is the part hash of a value's string.
func hv(s string) uint64 { return hs(fnvOffset, s) }

// Part hashes of constant values.
var (
	hNone  = hv("<none>")
	hDash  = hv("-")
	hTrue  = hv("true")
	hFalse = hv("false")
	hAdd   = hv("add")
	hDrop  = hv("drop")
)

func hBool(b bool) uint64 {
	if b {
		return hTrue
	}
	return hFalse
}

// edgeHashes holds the part hashes of every token of a view: its
// lowercased word, UPOS, relation and quotation state.
type edgeHashes struct {
	tok, upos, rel, q []uint64
}

func newEdgeHashes(v *view) *edgeHashes {
	n := len(v.lower)
	buf := make([]uint64, 4*n)
	e := &edgeHashes{tok: buf[:n:n], upos: buf[n : 2*n : 2*n], rel: buf[2*n : 3*n : 3*n], q: buf[3*n:]}
	var qs [4]uint64
	for k := range qs {
		qs[k] = hv(strconv.Itoa(k))
	}
	for i := range n {
		e.tok[i] = hv(v.lower[i])
		e.upos[i] = hv(v.d.Tokens[i].UPOS)
		e.rel[i] = hv(v.d.Tokens[i].Deprel)
		e.q[i] = qs[v.qstate[i]&3]
	}
	return e
}

// edgeFeatures returns the features of moving an edge of kind to position
// p (predicted: pred) for a model of the given reach; e holds v's hashes.
func edgeFeatures(v *view, e *edgeHashes, r *rawAttr, kind, p, pred, reach int, buf []uint32) []uint32 {
	h := newBoundHasher(strconv.Itoa(kind), buf)
	n := len(v.lower)
	at := func(a []uint64, i int) uint64 {
		if i < 0 || i >= n {
			return hNone
		}
		return a[i]
	}
	tok := func(i int) uint64 { return at(e.tok, i) }
	upos := func(i int) uint64 { return at(e.upos, i) }
	rel := func(i int) uint64 { return at(e.rel, i) }
	q := func(i int) uint64 {
		if i < 0 || i >= n {
			return hDash
		}
		return e.q[i]
	}
	// in is the first token inside the span at this edge, out the
	// nearest outside it.
	in, out := p, p-1
	if kind == edgeContentEnd || kind == edgeSourceEnd {
		in, out = p-1, p
	}
	off := hv(offBucket(p - pred))
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
			h.add("cue-after", uint64(min(c.lo-in, 8)))
		default:
			h.add("cue-before", uint64(min(in-c.hi+1, 8)))
		}
		if t := v.tree(); t != nil {
			ch := cueHead(t, *c)
			// The largest subtree that this position opens or closes.
			a := subtreeAt(t, p, kind == edgeContentStart || kind == edgeSourceStart, in)
			if a >= 0 {
				h.add("subtree", rel(a), hBool(t.head[a] == ch))
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
	far := reach > boundWindow
	if far && p != pred {
		// The tokens the move adds to the span or takes from it.
		a, b, dir := min(p, pred), max(p, pred), hAdd
		if (kind == edgeContentStart || kind == edgeSourceStart) == (p > pred) {
			dir = hDrop
		}
		var comma, verb, quote, cue, sent bool
		for i := a; i < b && i < n; i++ {
			switch {
			case v.lower[i] == ",":
				comma = true
			case v.qstate[i] >= 2:
				quote = true
			}
			if u := v.d.Tokens[i].UPOS; u == "VERB" || u == "AUX" {
				verb = true
			}
			if v.cue[i] {
				cue = true
			}
			if i > a && v.sent[i] != v.sent[i-1] {
				sent = true
			}
		}
		first, last := a, b-1
		h.add("mv", dir, hBool(comma), hBool(verb), hBool(quote))
		h.add("mv-cue", dir, hBool(cue), hBool(sent))
		h.add("mv-first", dir, tok(first))
		h.add("mv-firstU", dir, upos(first), rel(first))
		h.add("mv-last", dir, tok(last))
		h.add("mv-lastU", dir, upos(last), rel(last))
		h.add("mv-len", dir, hv(offBucket(b-a)))
	}
	if far {
		lo, hi := r.spanOf(kind)
		if kind == edgeContentStart || kind == edgeSourceStart {
			lo = p
		} else {
			hi = p
		}
		unitFeatures(v, e, &h, lo, hi, r.cue)
	}
	return h.buf
}

// unitFeatures adds features of whether the span [lo, hi) is one unit of
// the parse: the subtree of one token, or a run of dependents of one head
// (punctuation aside), and how that token or head relates to the cue.
func unitFeatures(v *view, e *edgeHashes, h *boundHasher, lo, hi int, cue *tspan) {
	t := v.tree()
	if t == nil || lo >= hi || hi > len(t.head) {
		return
	}
	ch := -1
	if cue != nil {
		ch = cueHead(t, *cue)
	}
	var topBuf [5]int
	tops := topBuf[:0] // tokens of the span whose head is outside it
	for i := lo; i < hi; i++ {
		if v.d.Tokens[i].UPOS == "PUNCT" {
			continue
		}
		if hd := t.head[i]; hd < lo || hd >= hi {
			tops = append(tops, i)
			if len(tops) > 4 {
				break
			}
		}
	}
	switch {
	case len(tops) == 0:
		h.add("unit-none")
	case len(tops) == 1:
		x := tops[0]
		h.add("unit-one", e.rel[x], hBool(t.head[x] == ch))
		h.add("unit-one-cue", hBool(t.head[x] == ch || x == ch))
	default:
		same := true
		for _, x := range tops[1:] {
			same = same && t.head[x] == t.head[tops[0]]
		}
		if same {
			h.add("unit-run", e.rel[tops[0]], e.rel[tops[len(tops)-1]], hBool(t.head[tops[0]] == ch))
		} else {
			h.add("unit-many", uint64(len(tops)))
		}
	}
}

// offBucket names a move of d tokens: exactly up to the window, in
// coarser steps beyond it.
func offBucket(d int) string {
	a := d
	if a < 0 {
		a = -a
	}
	if a <= boundWindow {
		return strconv.Itoa(d)
	}
	sign := "+"
	if d < 0 {
		sign = "-"
	}
	switch {
	case a <= 10:
		return sign + "7-10"
	case a <= 16:
		return sign + "11-16"
	case a <= 25:
		return sign + "17-25"
	}
	return sign + "26+"
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
	if b.tab != nil {
		for _, f := range fs {
			s += b.tab.get(f)
		}
		return s
	}
	for _, f := range fs {
		s += b.w[f]
	}
	return s
}

// refine moves the edges of every attribution of raws to their best
// candidates.
func (b *Bounds) refine(v *view, raws []rawAttr) {
	if len(raws) == 0 {
		return
	}
	var buf []uint32
	e := newEdgeHashes(v)
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
			for _, p := range candidates(v, r, kind, lo, hi, b.reach) {
				buf = edgeFeatures(v, e, r, kind, p, pred, b.reach.content, buf)
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
func JackknifeBounds(ctx context.Context, train []GoldDoc, topt TrainOptions, folds int, opt BoundsOptions, log io.Writer) (*Bounds, error) {
	models, err := FoldTaggers(ctx, train, topt, folds, nil, log)
	if err != nil {
		return nil, err
	}
	return TrainBounds(ctx, models, train, opt, log)
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
func TrainBounds(ctx context.Context, models []*Model, train []GoldDoc, opt BoundsOptions, log io.Writer) (*Bounds, error) {
	if log == nil {
		log = io.Discard
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.Reach <= 0 {
		opt.Reach = DefaultReach
	}
	if opt.SourceReach <= 0 {
		opt.SourceReach = DefaultSourceReach
	}
	reach := reaches{opt.Reach, opt.SourceReach}
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
		exs = append(exs, boundExamples(newView(d, &base.lx), &base, g, reach)...)
	}
	fmt.Fprintf(log, "bounds: %d edges with their gold position in reach\n", len(exs))
	b := &Bounds{w: map[uint32]float32{}, reach: reach}
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
	for ep := 0; ep < opt.Epochs; ep++ {
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
	b.tab = newWeightTable(b.w)
	return b, nil
}

// boundExamples pairs the edges predicted in a document with gold ones.
func boundExamples(v *view, m *Model, g GoldDoc, reach reaches) []boundExample {
	raws := m.raw(v)
	d := v.d
	var out []boundExample
	var buf []uint32
	e := newEdgeHashes(v)
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
			cands := candidates(v, r, kind, lo, hi, reach)
			gi := slices.Index(cands, goldPos)
			if gi < 0 || len(cands) < 2 {
				continue
			}
			ex := boundExample{gold: gi}
			for _, p := range cands {
				buf = edgeFeatures(v, e, r, kind, p, pred, reach.content, buf)
				ex.feats = append(ex.feats, slices.Clone(buf))
			}
			out = append(out, ex)
			if reach.content > boundWindow {
				// The next edge is scored with this one where it
				// belongs, as refine will have moved it.
				r.setEdge(kind, goldPos)
			}
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

// Bounds model files: "SQB4", the content and the source reach, the count,
// then the sorted (key, weight) pairs, all uint32 little-endian, gzip'd.
// "SQB3" files have no source reach (their sources move within
// boundWindow); files of the earlier formats ("SQB1", "SQB2") hold keys of
// other features and are refused.
const boundsMagic = "SQB4"

// Save writes the model.
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
	if err := binary.Write(zw, binary.LittleEndian, [3]uint32{uint32(b.reach.content), uint32(b.reach.source), uint32(len(keys))}); err != nil {
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
	if _, err := io.ReadFull(zr, hdr[:]); err != nil {
		return nil, fmt.Errorf("bounds model: bad header")
	}
	nReach := 2
	switch h := string(hdr[:]); h {
	case boundsMagic:
	case "SQB3":
		nReach = 1
	case "SQB1", "SQB2":
		return nil, fmt.Errorf("bounds model: format %s predates the current features; retrain it with sitrep train quote-bounds", h)
	default:
		return nil, fmt.Errorf("bounds model: bad header")
	}
	reach := [2]uint32{0, boundWindow}
	for i := range nReach {
		if err := binary.Read(zr, binary.LittleEndian, &reach[i]); err != nil || reach[i] == 0 || reach[i] > 1000 {
			return nil, fmt.Errorf("bounds model: bad reach")
		}
	}
	var n uint32
	if err := binary.Read(zr, binary.LittleEndian, &n); err != nil || n > 1<<24 {
		return nil, fmt.Errorf("bounds model: bad size")
	}
	b := &Bounds{w: make(map[uint32]float32, n), reach: reaches{int(reach[0]), int(reach[1])}}
	for i := uint32(0); i < n; i++ {
		var kv [2]uint32
		if err := binary.Read(zr, binary.LittleEndian, &kv); err != nil {
			return nil, fmt.Errorf("bounds model: %w", err)
		}
		b.w[kv[0]] = math.Float32frombits(kv[1])
	}
	b.tab = newWeightTable(b.w)
	return b, nil
}

// WithBounds returns a copy of m that moves the edges of its spans with b
// (nil: not at all).
func (m *Model) WithBounds(b *Bounds) *Model {
	c := *m
	c.bounds = b
	return &c
}
