package quotes

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"sort"
	"strings"
	"sync"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/segment"
)

// Model is the averaged-perceptron BIO tagger of contents, sources and cues.
// It is read-only once trained or loaded and safe for concurrent use.
type Model struct {
	bits  uint
	lx    lexicon
	words []string  // lexicon, sorted
	w     []float32 // weights while training
	// q and scale are the quantized weights of a loaded model: the weight
	// of feature f for label y is q[f*nLabels+y] * scale[y].
	q     []int8
	scale [nLabels]float32
	trans [nLabels + 1][nLabels]float32 // row nLabels: sequence start
	// ctrans are transition weights by the class of the current token.
	ctrans [nClasses][nLabels + 1][nLabels]float32
	// stage2, when set, retags with features of this model's labels.
	stage2 *Model
	// syntax reports a model trained with the syntax layer's features; a
	// model without them ignores UPOS and Deprel even when present.
	syntax bool
	// pool holds the inference buffers of a loaded model (see tagFast).
	pool *sync.Pool
	// joint, when set, holds both levels' weights interleaved (tagJoint).
	joint *jointTable
	// bounds, when set, re-chooses the edges of contents and sources.
	bounds *Bounds
}

const magic = "SQT1"

func (m *Model) mask() uint32 { return uint32(1)<<m.bits - 1 }

// valid reports whether label b may follow label a (a == nLabels: start).
func valid(a, b int) bool {
	switch b {
	case lIC:
		return a == lBC || a == lIC
	case lIS:
		return a == lBS || a == lIS
	case lIQ:
		return a == lBQ || a == lIQ
	}
	return true
}

// viterbi decodes the best label sequence of tokens [lo, hi) given the
// features (feats[off[i]:off[i+1]]) into out.
func (m *Model) viterbi(feats []uint32, off []int, cls []uint8, lo, hi int, out []int) {
	n := hi - lo
	if n == 0 {
		return
	}
	em := make([]float32, n*nLabels)
	if m.q != nil {
		// Loaded model: int8 weights, summed exactly, then scaled.
		var sum [nLabels]int32
		for i := 0; i < n; i++ {
			sum = [nLabels]int32{}
			for _, f := range feats[off[lo+i]:off[lo+i+1]] {
				ws := m.q[int(f)*nLabels : int(f)*nLabels+nLabels]
				for y := range sum {
					sum[y] += int32(ws[y])
				}
			}
			for y := range sum {
				em[i*nLabels+y] = float32(sum[y]) * m.scale[y]
			}
		}
	} else {
		for i := 0; i < n; i++ {
			e := em[i*nLabels : (i+1)*nLabels]
			for _, f := range feats[off[lo+i]:off[lo+i+1]] {
				ws := m.w[int(f)*nLabels : int(f)*nLabels+nLabels]
				for y := range e {
					e[y] += ws[y]
				}
			}
		}
	}
	neg := float32(math.Inf(-1))
	score := make([]float32, n*nLabels)
	back := make([]int8, n*nLabels)
	for y := 0; y < nLabels; y++ {
		if valid(nLabels, y) {
			score[y] = em[y] + m.trans[nLabels][y] + m.ctrans[cls[lo]][nLabels][y]
		} else {
			score[y] = neg
		}
	}
	for i := 1; i < n; i++ {
		ct := &m.ctrans[cls[lo+i]]
		for y := 0; y < nLabels; y++ {
			best, bi := neg, 0
			for p := 0; p < nLabels; p++ {
				if !valid(p, y) {
					continue
				}
				if s := score[(i-1)*nLabels+p] + m.trans[p][y] + ct[p][y]; s > best {
					best, bi = s, p
				}
			}
			score[i*nLabels+y] = best + em[i*nLabels+y]
			back[i*nLabels+y] = int8(bi)
		}
	}
	best, by := neg, 0
	for y := 0; y < nLabels; y++ {
		if s := score[(n-1)*nLabels+y]; s > best {
			best, by = s, y
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[lo+i] = by
		by = int(back[i*nLabels+by])
	}
}

// tag labels every token of v, with the second level when there is one.
func (m *Model) tag(v *view) []int {
	if m.canFast() {
		return m.tagFast(v)
	}
	return m.tagSlow(v)
}

// tagSlow is tag by the training path's features and decoder.
func (m *Model) tagSlow(v *view) []int {
	labels := m.tagOne(v)
	if m.stage2 == nil {
		return labels
	}
	v.stack = labels
	defer func() { v.stack = nil }()
	return m.stage2.tagOne(v)
}

// tagOne labels every token of v with this model alone.
func (m *Model) tagOne(v *view) []int {
	syn := v.syntax
	v.syntax = syn && m.syntax
	defer func() { v.syntax = syn }()
	h := &hasher{mask: m.mask()}
	off := v.features(h)
	out := make([]int, len(v.lower))
	for _, sq := range v.seqs {
		m.viterbi(h.out, off, v.cls, sq.lo, sq.hi, out)
	}
	return out
}

// TrainOptions configures Train.
type TrainOptions struct {
	Epochs int  // passes over the data (default 12)
	Bits   uint // log2 of the hashed feature table (default 20)
	Seed   int64
	// Stack trains a second-level tagger over the first one's labels.
	Stack bool
	// Prepare, when set, runs on each segmented training document before
	// features are read (e.g. the syntax stage); a model trained with a
	// syntax layer uses its features.
	Prepare func(context.Context, *document.Document) error
	// MinCue and CueRatio select the learned cue lexicon: words tagged as
	// cues at least MinCue times and in at least CueRatio of their uses.
	MinCue   int
	CueRatio float64
	// Log, when set, receives progress lines.
	Log func(format string, args ...any)
}

// segmentDoc builds a segmented Document from raw text.
func segmentDoc(ctx context.Context, text string) (*document.Document, error) {
	d := document.New()
	d.SetText(text)
	if err := segment.NewStage().Process(ctx, d); err != nil {
		return nil, fmt.Errorf("segment: %w", err)
	}
	return d, nil
}

// goldLabels returns the BIO labels of d's tokens from attributions.
func goldLabels(d *document.Document, attrs []Attribution) []int {
	labels := make([]int, len(d.Tokens))
	frag := make([]int, len(d.Tokens)) // fragment id + 1
	id := 0
	mark := func(fr []Frag, role int) {
		for _, f := range fr {
			id++
			for i, t := range d.Tokens {
				if t.End <= f.Start || t.Start >= f.End {
					continue
				}
				if labels[i] != lO && roleOf(labels[i]) > role {
					continue
				}
				labels[i] = 2*role - 1
				frag[i] = id
			}
		}
	}
	for _, a := range attrs {
		mark(a.Content, 1)
	}
	for _, a := range attrs {
		mark(a.Source, 2)
	}
	for _, a := range attrs {
		mark(a.Cue, 3)
	}
	for i := range labels {
		if labels[i] != lO && i > 0 && frag[i-1] == frag[i] && roleOf(labels[i-1]) == roleOf(labels[i]) {
			labels[i]++
		}
	}
	return labels
}

// learnLexicon collects cue words: tokens tagged as cue at least minCount
// times and in at least a fifth of their occurrences, plus the built-in
// reporting verbs.
func learnLexicon(docs []*document.Document, labels [][]int, opt TrainOptions) []string {
	cue := map[string]int{}
	all := map[string]int{}
	for k, d := range docs {
		for i, t := range d.Tokens {
			w := normQuote(lowerASCII(t.Text))
			all[w]++
			if roleOf(labels[k][i]) == 3 {
				cue[w]++
			}
		}
	}
	set := map[string]bool{}
	for w, c := range cue {
		if c >= opt.MinCue && float64(c) >= opt.CueRatio*float64(all[w]) && w != "to" && w != "according" {
			set[w] = true
		}
	}
	for _, w := range reportingVerbs {
		set[w] = true
	}
	out := make([]string, 0, len(set))
	for w := range set {
		out = append(out, w)
	}
	for w, c := range cue {
		if c < 3 {
			continue
		}
		p := float64(c) / float64(all[w])
		b := byte('0')
		for _, t := range []float64{0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9} {
			if p >= t {
				b++
			}
		}
		out = append(out, w+"\x00"+string(b))
	}
	sort.Strings(out)
	sort.Strings(out)
	return out
}

type trainSeq struct {
	feats  []uint32
	off    []int
	cls    []uint8
	labels []int
	lo, hi int
}

// Train trains a model on annotated documents. It is deterministic for a
// given input and options. With Stack, a second tagger is trained on the
// first one's predictions (two-fold jackknifed on the training data).
func Train(ctx context.Context, docs []GoldDoc, opt TrainOptions) (*Model, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 12
	}
	if opt.MinCue == 0 {
		opt.MinCue = 5
	}
	if opt.CueRatio == 0 {
		opt.CueRatio = 0.2
	}
	if opt.Bits == 0 {
		opt.Bits = 20
	}
	if opt.Log == nil {
		opt.Log = func(string, ...any) {}
	}
	segd := make([]*document.Document, len(docs))
	labels := make([][]int, len(docs))
	for i, g := range docs {
		d, err := segmentDoc(ctx, g.Text)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", g.ID, err)
		}
		if opt.Prepare != nil {
			if err := opt.Prepare(ctx, d); err != nil {
				return nil, fmt.Errorf("%s: prepare: %w", g.ID, err)
			}
		}
		segd[i] = d
		labels[i] = goldLabels(d, g.Attrs)
	}
	words := learnLexicon(segd, labels, opt)
	opt.Log("cue lexicon: %d words", len(words))
	if !opt.Stack {
		return trainOne(ctx, segd, labels, nil, words, opt)
	}
	var fold [2][]int
	for i := range segd {
		fold[i%2] = append(fold[i%2], i)
	}
	stacks := make([][]int, len(segd))
	for k := 0; k < 2; k++ {
		var ds []*document.Document
		var ls [][]int
		for _, i := range fold[k] {
			ds = append(ds, segd[i])
			ls = append(ls, labels[i])
		}
		opt.Log("level 1, fold %d", k+1)
		mk, err := trainOne(ctx, ds, ls, nil, words, opt)
		if err != nil {
			return nil, err
		}
		for _, i := range fold[1-k] {
			stacks[i] = mk.tagOne(newView(segd[i], &mk.lx))
		}
	}
	opt.Log("level 1, all")
	m1, err := trainOne(ctx, segd, labels, nil, words, opt)
	if err != nil {
		return nil, err
	}
	opt.Log("level 2")
	m2, err := trainOne(ctx, segd, labels, stacks, words, opt)
	if err != nil {
		return nil, err
	}
	m1.stage2 = m2
	return m1, nil
}

// trainOne trains one averaged-perceptron tagger; stacks, when not nil,
// are the level-1 labels the features read.
func trainOne(ctx context.Context, segd []*document.Document, labels, stacks [][]int, words []string, opt TrainOptions) (*Model, error) {
	logf := opt.Log
	m := &Model{bits: opt.Bits}
	m.setLexicon(words)
	for _, d := range segd {
		for _, t := range d.Tokens {
			if t.Deprel != "" {
				m.syntax = true
				break
			}
		}
	}
	var seqs []trainSeq
	for i, d := range segd {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		v := newView(d, &m.lx)
		if stacks != nil {
			v.stack = stacks[i]
		}
		h := &hasher{mask: m.mask()}
		off := v.features(h)
		for _, sq := range v.seqs {
			seqs = append(seqs, trainSeq{feats: h.out, off: off, cls: v.cls, labels: labels[i], lo: sq.lo, hi: sq.hi})
		}
	}
	logf("%d sequences", len(seqs))
	size := (1 << opt.Bits) * nLabels
	m.w = make([]float32, size)
	acc := make([]float32, size) // sum of c*update for averaging
	var tacc [nLabels + 1][nLabels]float32
	var ctacc [nClasses][nLabels + 1][nLabels]float32
	c := float32(1)
	rng := rand.New(rand.NewSource(opt.Seed))
	order := make([]int, len(seqs))
	for i := range order {
		order[i] = i
	}
	pred := make([]int, 0)
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, toks := 0, 0
		for _, k := range order {
			s := &seqs[k]
			if cap(pred) < len(s.labels) {
				pred = make([]int, len(s.labels))
			}
			pred = pred[:len(s.labels)]
			m.viterbi(s.feats, s.off, s.cls, s.lo, s.hi, pred)
			wrong := false
			for i := s.lo; i < s.hi; i++ {
				toks++
				if pred[i] != s.labels[i] {
					errs++
					wrong = true
				}
			}
			if wrong {
				prevG, prevP := nLabels, nLabels
				for i := s.lo; i < s.hi; i++ {
					g, p := s.labels[i], pred[i]
					if g != p {
						for _, f := range s.feats[s.off[i]:s.off[i+1]] {
							m.w[int(f)*nLabels+g]++
							acc[int(f)*nLabels+g] += c
							m.w[int(f)*nLabels+p]--
							acc[int(f)*nLabels+p] -= c
						}
					}
					if g != p || prevG != prevP {
						m.trans[prevG][g]++
						tacc[prevG][g] += c
						m.trans[prevP][p]--
						tacc[prevP][p] -= c
						k := s.cls[i]
						m.ctrans[k][prevG][g]++
						ctacc[k][prevG][g] += c
						m.ctrans[k][prevP][p]--
						ctacc[k][prevP][p] -= c
					}
					prevG, prevP = g, p
				}
			}
			c++
		}
		logf("epoch %d: token error %.4f", ep+1, float64(errs)/float64(max(1, toks)))
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	for i := range m.w {
		m.w[i] -= acc[i] / c
	}
	for a := range m.trans {
		for b := range m.trans[a] {
			m.trans[a][b] -= tacc[a][b] / c
			for k := range m.ctrans {
				m.ctrans[k][a][b] -= ctacc[k][a][b] / c
			}
		}
	}
	return m, nil
}

func (m *Model) setLexicon(words []string) {
	m.words = words
	m.lx = lexicon{cue: map[string]bool{}, prob: map[string]byte{}}
	for _, w := range words {
		if k, b, ok := strings.Cut(w, "\x00"); ok && len(b) == 1 {
			m.lx.prob[k] = b[0]
			continue
		}
		m.lx.cue[w] = true
	}
}

// lexicon is the cue knowledge a model carries: the cue words, and for
// words seen as cues in training, the bucketed share of their uses that
// are cues.
type lexicon struct {
	cue  map[string]bool
	prob map[string]byte
}

// Save writes the model gzip-compressed with weights quantized to int8.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	bw := bufio.NewWriter(zw)
	for lm := m; lm != nil; lm = lm.stage2 {
		lm.write(bw, lm.stage2 != nil)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	return nil
}

func (m *Model) write(bw *bufio.Writer, more bool) {
	if m.w == nil && m.q != nil {
		// A loaded model: write its quantized weights back as they are.
		m = m.withFloatWeights()
	}
	le := binary.LittleEndian
	bw.WriteString(magic)
	var flags byte
	if more {
		flags |= 1
	}
	if m.syntax {
		flags |= 2
	}
	bw.WriteByte(flags)
	binary.Write(bw, le, uint32(m.bits))
	binary.Write(bw, le, uint32(len(m.words)))
	for _, s := range m.words {
		binary.Write(bw, le, uint16(len(s)))
		bw.WriteString(s)
	}
	binary.Write(bw, le, m.trans)
	binary.Write(bw, le, m.ctrans)
	var scale [nLabels]float32
	for i, x := range m.w {
		y := i % nLabels
		if a := float32(math.Abs(float64(x))); a > scale[y] {
			scale[y] = a
		}
	}
	for y := range scale {
		scale[y] /= 127
		if scale[y] == 0 {
			scale[y] = 1
		}
	}
	binary.Write(bw, le, scale)
	// Label-major order compresses better.
	buf := make([]byte, len(m.w)/nLabels)
	for y := 0; y < nLabels; y++ {
		for f := range buf {
			q := math.Round(float64(m.w[f*nLabels+y] / scale[y]))
			buf[f] = byte(int8(max(-127, min(127, q))))
		}
		bw.Write(buf)
	}
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("load quotes model: %w", err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("load quotes model: %w", err)
	}
	br := bytes.NewReader(b)
	m, more, err := readLevel(br)
	if err != nil {
		return nil, err
	}
	if more {
		if m.stage2, _, err = readLevel(br); err != nil {
			return nil, err
		}
	}
	if br.Len() != 0 {
		return nil, errors.New("load quotes model: trailing data")
	}
	m.pool = newPool()
	m.joint = newJointTable(m)
	return m, nil
}

func readLevel(br *bytes.Reader) (*Model, bool, error) {
	le := binary.LittleEndian
	mg := make([]byte, 5)
	if _, err := io.ReadFull(br, mg); err != nil || string(mg[:4]) != magic {
		return nil, false, errors.New("load quotes model: bad magic")
	}
	more := mg[4]&1 != 0
	syntax := mg[4]&2 != 0
	var bits, nw uint32
	if err := binary.Read(br, le, &bits); err != nil || bits < 4 || bits > 26 {
		return nil, false, errors.New("load quotes model: bad header")
	}
	if err := binary.Read(br, le, &nw); err != nil || nw > 1<<20 {
		return nil, false, errors.New("load quotes model: bad lexicon")
	}
	words := make([]string, nw)
	for i := range words {
		var l uint16
		if err := binary.Read(br, le, &l); err != nil {
			return nil, false, fmt.Errorf("load quotes model: %w", err)
		}
		s := make([]byte, l)
		if _, err := io.ReadFull(br, s); err != nil {
			return nil, false, fmt.Errorf("load quotes model: %w", err)
		}
		words[i] = string(s)
	}
	m := &Model{bits: uint(bits), syntax: syntax}
	m.setLexicon(words)
	if err := binary.Read(br, le, &m.trans); err != nil {
		return nil, false, fmt.Errorf("load quotes model: %w", err)
	}
	if err := binary.Read(br, le, &m.ctrans); err != nil {
		return nil, false, fmt.Errorf("load quotes model: %w", err)
	}
	var scale [nLabels]float32
	if err := binary.Read(br, le, &scale); err != nil {
		return nil, false, fmt.Errorf("load quotes model: %w", err)
	}
	nf := 1 << bits
	if br.Len() < nf*nLabels {
		return nil, false, errors.New("load quotes model: truncated weights")
	}
	m.q = make([]int8, nf*nLabels)
	m.scale = scale
	buf := make([]byte, nf)
	for y := 0; y < nLabels; y++ {
		io.ReadFull(br, buf)
		for f, q := range buf {
			m.q[f*nLabels+y] = int8(q)
		}
	}
	return m, more, nil
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || (c >= 'A' && c <= 'Z') {
			return toLower(s)
		}
	}
	return s
}

// withFloatWeights returns a copy of a loaded model with float weights.
func (m *Model) withFloatWeights() *Model {
	c := *m
	c.w = make([]float32, len(m.q))
	for i, q := range m.q {
		c.w[i] = float32(q) * m.scale[i%nLabels]
	}
	return &c
}
