package syntax

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
)

// Labeler labels the arcs of a finished tree. The transition parsers label
// each arc when they make it, before the dependent's later children are
// known; the labeler sees the whole tree: the words and tags of head and
// dependent, their other children (case markers, auxiliaries, the nominals
// before this one), the grandparent and the distance. It is an averaged
// perceptron trained on the gold trees of the training set read with the
// tags the parser sees. Read-only once trained; safe for concurrent use.
type Labeler struct {
	labels []string // label 0 is "root"
	lin    *linear
	amb    map[uint64]uint64
	cl     *clusterTable
}

const labelerMagic = "sitrep-labeler/1"

// labelScratch is per-worker memory of the labeler.
type labelScratch struct {
	st     parseState
	heads  []int // 0..n, heads[0] = -1
	kids   []int // the children of every node, grouped by head, in order
	start  []int // node i's children are kids[start[i]:start[i+1]]
	fill   []int
	rel    []int // per node: its label id (0 for the root word), once chosen
	order  []int // nodes in breadth-first order from the root
	feats  []uint32
	scores []int32
}

// prepare reads the words of s and the tree heads (per word, 1-based).
func (l *Labeler) prepare(ls *labelScratch, s *Sentence, heads []int) {
	n := s.Len()
	ls.st.init(s, l.amb, l.cl)
	ls.heads = growInts(ls.heads, n+1)
	ls.heads[0] = -1
	ls.start = growInts(ls.start, n+2)
	clear(ls.start)
	for d := 1; d <= n; d++ {
		h := heads[d-1]
		if h < 0 || h > n || h == d {
			h = -1
		}
		ls.heads[d] = h
		if h >= 0 {
			ls.start[h+1]++
		}
	}
	for i := 1; i <= n+1; i++ {
		ls.start[i] += ls.start[i-1]
	}
	ls.kids = growInts(ls.kids, ls.start[n+1])
	ls.fill = growInts(ls.fill, n+1)
	fill := ls.fill
	copy(fill, ls.start[:n+1])
	for d := 1; d <= n; d++ {
		if h := ls.heads[d]; h >= 0 {
			ls.kids[fill[h]] = d
			fill[h]++
		}
	}
	ls.rel = growInts(ls.rel, n+1)
	for i := range ls.rel {
		ls.rel[i] = 0
	}
	// Heads are labelled before their dependents; words cut off from the
	// root (bad input) come last, in order.
	ls.order = append(ls.order[:0], 0)
	for i := 0; i < len(ls.order); i++ {
		ls.order = append(ls.order, ls.children(ls.order[i])...)
	}
	if len(ls.order) < n+1 {
		seen := ls.fill[:n+1]
		clear(seen)
		for _, v := range ls.order {
			seen[v] = 1
		}
		for d := 1; d <= n; d++ {
			if seen[d] == 0 {
				ls.order = append(ls.order, d)
			}
		}
	}
}

func (ls *labelScratch) children(i int) []int { return ls.kids[ls.start[i]:ls.start[i+1]] }

// Word classes the labeler's features single out.
var (
	uADP   = hashString("ADP")
	uAUX   = hashString("AUX")
	uSCONJ = hashString("SCONJ")
	uPART  = hashString("PART")
	uNOUN  = hashString("NOUN")
	uPROPN = hashString("PROPN")
	uPRON  = hashString("PRON")
	uPUNCT = hashString("PUNCT")
)

func nominal(u uint64) bool { return u == uNOUN || u == uPROPN || u == uPRON }

func bucket(d int) uint64 {
	switch {
	case d <= 3:
		return uint64(d)
	case d <= 5:
		return 4
	case d <= 10:
		return 5
	default:
		return 6
	}
}

// features appends the features of the arc into word d (1-based).
func (ls *labelScratch) features(buf []uint32, d int) []uint32 {
	st := &ls.st
	h := ls.heads[d]
	dir := uint64(1)
	if d > h {
		dir = 2
	}
	dist := bucket(max(h-d, d-h))
	hw, hp, hu := st.W(h), st.P(h), st.U(h)
	dw, dp, du := st.w[d], st.p[d], st.u[d]
	gh := -1
	if h > 0 {
		gh = ls.heads[h]
	}
	// The dependent's own children.
	kids := ls.children(d)
	caseW, markW, auxW, set := none, none, none, uint64(0)
	lc, rc := -1, -1
	for _, k := range kids {
		u := st.u[k]
		set += mix64(u)
		switch {
		case u == uADP && caseW == none:
			caseW = st.w[k]
		case (u == uSCONJ || u == uPART) && markW == none:
			markW = st.w[k]
		case u == uAUX && auxW == none:
			auxW = st.w[k]
		}
		if u == uPUNCT {
			continue
		}
		if lc < 0 {
			lc = k
		}
		rc = k
	}
	// The head's other children: auxiliaries, and nominals and the
	// nearest sibling on d's side.
	hAux, nomBefore, prev := uint64(0), uint64(0), -1
	if h >= 0 {
		for _, k := range ls.children(h) {
			u := st.u[k]
			if u == uAUX {
				hAux += mix64(st.w[k])
			}
			if (d < h && k > d && k < h) || (d > h && k < d && k > h) {
				// A sibling between h and d.
				if nominal(u) {
					nomBefore++
				}
				if d > h || prev < 0 {
					prev = k // the one nearest to d
				}
			}
		}
	}
	nk := uint64(min(len(kids), 4))
	hl := 0 // the head's label id + 1; 0 at the root
	if h > 0 {
		hl = ls.rel[h] + 1
	}
	edge := uint64(0)
	if d == 1 {
		edge |= 1
	}
	if d == st.n {
		edge |= 2
	}
	return append(buf,
		f1(200, dw), f1(201, dp), f2(202, dp, dir), f3(203, hp, dp, dir),
		f3(204, hu, du, dir), f4(205, hp, dp, dir, dist), f3(206, hw, dp, dir),
		f3(207, hp, dw, dir), f3(208, hw, dw, dir), f2(209, st.suf[d], dp),
		f3(210, dp, caseW, dir), f4(211, hu, du, caseW, dir), f3(212, dp, markW, dir),
		f3(213, hu, markW, du), f3(214, du, set, dir), f3(215, du, st.W(lc), dir),
		f3(216, du, st.P(lc), hu), f3(217, du, st.P(rc), dir),
		f4(218, hu, du, dir, hAux), f4(219, du, dir, nomBefore, hu),
		f4(220, hp, st.P(gh), dp, dir), f3(221, du, dir, st.P(prev)),
		f3(222, dw, hu, dir), f3(223, hw, du, caseW), f2(224, dp, st.a[d]),
		f4(225, hu, du, dir, nk), f3(226, dp, dir, edge),
		f3(227, st.C8(h), st.C8(d), dir), f3(228, hu, st.C8(d), dir),
		f3(229, du, auxW, dir), f1(231, 1),
		f3(232, uint64(hl), du, dir), f4(233, uint64(hl), hu, du, dir),
		f3(234, uint64(hl), dw, dir),
	)
}

// decode labels the prepared tree of n words, heads first, and leaves the
// label ids in ls.rel. bonus, if set, adds to the score (in weight units)
// of label c for word d.
func (l *Labeler) decode(ls *labelScratch, n int, bonus func(d, c int) float64) {
	nl := len(l.labels)
	ls.scores = growInt32(ls.scores, nl)
	scale := float64(l.lin.scale)
	for _, d := range ls.order {
		if d == 0 || ls.heads[d] <= 0 {
			continue
		}
		ls.feats = ls.features(ls.feats[:0], d)
		l.lin.score(ls.feats, ls.scores)
		best, bestScore := 1, 0.0
		for c := 1; c < nl; c++ {
			v := float64(ls.scores[c]) * scale
			if bonus != nil {
				v += bonus(d, c)
			}
			if c == 1 || v > bestScore {
				best, bestScore = c, v
			}
		}
		ls.rel[d] = best
	}
}

// Label sets Rels of s from its words, tags and Heads.
func (l *Labeler) Label(ls *labelScratch, s *Sentence) {
	n := s.Len()
	l.prepare(ls, s, s.Heads)
	l.decode(ls, n, nil)
	for d := 1; d <= n; d++ {
		s.Rels[d-1] = l.labels[ls.rel[d]]
	}
}

// LabelerOptions control training.
type LabelerOptions struct {
	Epochs   int
	Seed     uint64
	MinQ     int // drop quantized weights below this magnitude
	Clusters *WordClusters
	Log      io.Writer
}

// TrainLabeler trains a labeler on the gold trees of train read with the
// tags of tagged (same sentences), keeping the epoch with the best label
// accuracy on the gold trees of dev tagged by t.
func TrainLabeler(ctx context.Context, t *Tagger, train, tagged, dev []*Sentence, opt LabelerOptions) (*Labeler, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if len(tagged) != len(train) {
		return nil, fmt.Errorf("train labeler: %d tagged sentences for %d", len(tagged), len(train))
	}
	l := &Labeler{labels: []string{"root"}, amb: parserAmbiguity(train), cl: newClusterTable(opt.Clusters)}
	index := map[string]int{"root": 0}
	labelOf := func(r string) int {
		id, ok := index[r]
		if !ok {
			id = len(l.labels)
			index[r] = id
			l.labels = append(l.labels, r)
		}
		return id
	}
	type example struct {
		s    *Sentence
		gold []int // per word: label id, -1 for the root word
	}
	var exs []example
	for i, s := range train {
		if s.Len() == 0 || tagged[i].Len() != s.Len() {
			continue
		}
		ex := example{s: &Sentence{}, gold: make([]int, s.Len())}
		ex.s.Reset(s.Forms)
		copy(ex.s.UPOS, tagged[i].UPOS)
		copy(ex.s.XPOS, tagged[i].XPOS)
		copy(ex.s.Heads, s.Heads)
		for d, h := range s.Heads {
			ex.gold[d] = -1
			if h > 0 {
				ex.gold[d] = labelOf(s.Rels[d])
			}
		}
		exs = append(exs, ex)
	}
	if len(l.labels) < 2 {
		return nil, fmt.Errorf("train labeler: need at least one non-root relation")
	}
	p := newPerceptron(len(l.labels))
	scores := make([]float32, len(l.labels))
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x5a5a))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	ls := &labelScratch{}
	best, bestAcc := (*linear)(nil), -1.0
	for ep := 0; ep < opt.Epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, total := 0, 0
		for _, ei := range order {
			ex := &exs[ei]
			l.prepare(ls, ex.s, ex.s.Heads)
			for d := 1; d <= ex.s.Len(); d++ {
				ls.rel[d] = max(ex.gold[d-1], 0)
			}
			for d := 1; d <= ex.s.Len(); d++ {
				g := ex.gold[d-1]
				if g < 0 || ls.heads[d] <= 0 {
					continue
				}
				ls.feats = ls.features(ls.feats[:0], d)
				p.score(ls.feats, scores)
				pred := 1
				for c := 2; c < len(scores); c++ {
					if scores[c] > scores[pred] {
						pred = c
					}
				}
				p.tick()
				total++
				if pred != g {
					errs++
					p.update(ls.feats, g, pred, 1)
				}
			}
		}
		l.lin = p.compile(opt.MinQ)
		acc := 1.0
		if len(dev) > 0 && t != nil {
			acc = l.accuracy(t, dev)
			fmt.Fprintf(opt.Log, "labeler epoch %d: train err %.2f%%, dev label accuracy on gold trees %.2f\n", ep+1, 100*float64(errs)/float64(max(total, 1)), 100*acc)
		}
		if acc > bestAcc {
			best, bestAcc = l.lin, acc
		}
	}
	l.lin = best
	return l, nil
}

// accuracy labels the gold trees of gold, tagged by t, and returns the
// fraction of words with the gold label.
func (l *Labeler) accuracy(t *Tagger, gold []*Sentence) float64 {
	sc, ls := &Scratch{}, &labelScratch{}
	s := &Sentence{}
	ok, n := 0, 0
	for _, g := range gold {
		s.Reset(g.Forms)
		t.Tag(sc, s)
		copy(s.Heads, g.Heads)
		l.Label(ls, s)
		for i := range g.Forms {
			if s.Rels[i] == g.Rels[i] {
				ok++
			}
			n++
		}
	}
	return float64(ok) / float64(max(n, 1))
}

// Save writes the labeler model (gzip'd).
func (l *Labeler) Save(w io.Writer) error {
	return writeModel(w, labelerMagic, func(e *encoder) {
		e.strings(l.labels)
		encodeLexicon(e, l.amb)
		l.lin.encode(e)
		l.cl.encode(e)
	})
}

// LoadLabeler reads a model written by Save.
func LoadLabeler(r io.Reader) (*Labeler, error) {
	l := &Labeler{}
	err := readModel(r, labelerMagic, func(d *decoder) error {
		var err error
		if l.labels, err = decodeLabels(d, "labeler"); err != nil {
			return err
		}
		amb, err := decodeLexicon(d)
		if err != nil {
			return fmt.Errorf("labeler model: %w", err)
		}
		l.amb = amb

		if l.lin, err = decodeLinear(d); err != nil {
			return err
		}
		if l.lin.nClasses != len(l.labels) {
			return fmt.Errorf("labeler model: class counts do not match")
		}
		l.cl = decodeClusterTable(d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load labeler: %w", err)
	}
	return l, nil
}
