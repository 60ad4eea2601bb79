package syntax

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
)

// Beam search over arc-eager transitions with a globally trained
// perceptron (early update, Collins and Roark 2004; Zhang and Nivre 2011).
// The gold path is latent: any transition of minimal dynamic-oracle cost
// keeps an item gold, so non-projective trees need no special handling.

// maxBeamLen is the sentence length above which parsing falls back to
// greedy search (the beam copies states, which costs O(n) per step).
const maxBeamLen = 200

type histNode struct {
	parent int32
	act    int8
	label  int16
}

type beamItem struct {
	st    *parseState
	score float64
	node  int32
	gold  bool
}

type cand struct {
	item  int
	act   int
	score float64
	gold  bool
}

// beamScratch is the per-worker memory of the beam search.
type beamScratch struct {
	pool   [2][]*parseState
	items  [2][]beamItem
	cands  []cand
	hist   []histNode
	lbuf   []int32
	abuf   []int32
	fscore []float32
	acts   []histNode
	acts2  []histNode
	replay [2]parseState
	gold   goldTrack
}

// copyFrom makes st a copy of o; the per-sentence word arrays are shared.
func (st *parseState) copyFrom(o *parseState) {
	m := o.n + 1
	st.n, st.b = o.n, o.b
	st.w, st.p, st.suf, st.u, st.a, st.c, st.useCl = o.w, o.p, o.suf, o.u, o.a, o.c, o.useCl
	st.heads = append(growInts(st.heads, m)[:0], o.heads...)
	st.labels = append(growInts(st.labels, m)[:0], o.labels...)
	st.lc1 = append(growInts(st.lc1, m)[:0], o.lc1...)
	st.lc2 = append(growInts(st.lc2, m)[:0], o.lc2...)
	st.rc1 = append(growInts(st.rc1, m)[:0], o.rc1...)
	st.rc2 = append(growInts(st.rc2, m)[:0], o.rc2...)
	st.nl = append(growInts(st.nl, m)[:0], o.nl...)
	st.nr = append(growInts(st.nr, m)[:0], o.nr...)
	st.lset = append(growU64(st.lset, m)[:0], o.lset...)
	st.rset = append(growU64(st.rset, m)[:0], o.rset...)
	if cap(st.onStack) < m {
		st.onStack = make([]bool, m)
	}
	st.onStack = append(st.onStack[:0], o.onStack...)
	st.stack = append(st.stack[:0], o.stack...)
}

// arcScorer and labelScorer abstract over training (float perceptron) and
// inference (quantized table) weights.
type scorer interface {
	scores(feats []uint32, out []float32)
}

type linScorer struct {
	l   *linear
	buf []int32
	// cache, if set, holds the scores of the static feature groups of the
	// sentence (see arcCache), shared by all beam items.
	cache *arcCache
}

// stateScores sets out to the transition scores of st.
func (s *linScorer) stateScores(st *parseState, out []float32) {
	if cap(s.buf) < len(out) {
		s.buf = make([]int32, len(out))
	}
	b := s.buf[:len(out)]
	st.feats = st.dynFeatures(st.feats[:0])
	s.l.score(st.feats, b)
	s.cache.add(s.l, st, b)
	for i, v := range b {
		out[i] = float32(v)
	}
}

func (s *linScorer) scores(feats []uint32, out []float32) {
	if cap(s.buf) < len(out) {
		s.buf = make([]int32, len(out))
	}
	b := s.buf[:len(out)]
	s.l.score(feats, b)
	for i, v := range b {
		out[i] = float32(v)
	}
}

type percScorer struct{ p *perceptron }

func (s percScorer) scores(feats []uint32, out []float32) { s.p.score(feats, out) }

// chooseLabel labels the arc h -> d in state st.
func chooseLabel(st *parseState, lab scorer, nLabels int, h, d int, lscores []float32) int {
	if h == 0 {
		return 0
	}
	st.feats = st.labelFeatures(st.feats[:0], h, d)
	lab.scores(st.feats, lscores)
	return bestLabel(lscores[:nLabels])
}

// bestLabel returns the highest scoring label of scores, leaving out
// label 0 (the root's, only ever given to arcs from the root).
func bestLabel[T int32 | float32](scores []T) int {
	best := 1
	for l := 2; l < len(scores); l++ {
		if scores[l] > scores[best] {
			best = l
		}
	}
	return best
}

func arcEnds(st *parseState, a int) (h, d int) {
	if a == actRight {
		return st.s0(), st.b
	}
	return st.b, st.s0()
}

// beamTrain holds what a training run needs inside beamSearch.
type beamTrain struct {
	gh     []int // gold heads, 1..n
	rels   []int // gold labels
	labP   *perceptron
	update func(gold, pred int32) // early update between two history nodes
	costs  [nActs]int
	// maxViolation: when the gold path falls off the beam, follow it
	// outside the beam to the end and update where the beam's best
	// item outscores it most (Huang, Fayong and Guo 2012), instead of at
	// the first step.
	maxViolation bool
}

// goldTrack is the gold path followed outside the beam (max-violation).
type goldTrack struct {
	on       bool
	st       *parseState
	node     int32
	score    float64
	bestGold int32 // history nodes of the largest violation so far
	bestPred int32
	bestV    float64
}

// beamSearch parses the sentence in init (already initialized) with the
// given beam width and returns the best final item. With tr set it trains:
// it stops at the first step where no gold item survives (early update).
func beamSearch(bs *beamScratch, init *parseState, width int, arcs, lab scorer, nLabels int, tr *beamTrain) *parseState {
	for k := 0; k < 2; k++ {
		for len(bs.pool[k]) < width {
			bs.pool[k] = append(bs.pool[k], &parseState{})
		}
		bs.items[k] = bs.items[k][:0]
	}
	if cap(bs.fscore) < nActs+nLabels {
		bs.fscore = make([]float32, nActs+nLabels)
	}
	ascores := bs.fscore[:nActs]
	lscores := bs.fscore[nActs : nActs+nLabels]
	bs.hist = append(bs.hist[:0], histNode{parent: -1, act: -1})
	gt := &bs.gold
	gt.on = false
	cur := 0
	first := bs.pool[0][0]
	first.copyFrom(init)
	bs.items[0] = append(bs.items[0], beamItem{st: first, node: 0, gold: true})
	for {
		items := bs.items[cur]
		if items[0].st.done() {
			break
		}
		bs.cands = bs.cands[:0]
		bestGold := -1
		for i := range items {
			it := &items[i]
			st := it.st
			if st.done() {
				continue
			}
			scoreState(arcs, st, ascores)
			minCost := 1 << 30
			if tr != nil && it.gold {
				for a := 0; a < nActs; a++ {
					tr.costs[a] = -1
					if st.valid(a) {
						tr.costs[a] = st.cost(a, tr.gh)
						minCost = min(minCost, tr.costs[a])
					}
				}
			}
			for a := 0; a < nActs; a++ {
				if !st.valid(a) {
					continue
				}
				c := cand{item: i, act: a, score: it.score + float64(ascores[a])}
				c.gold = tr != nil && it.gold && tr.costs[a] == minCost
				bs.cands = append(bs.cands, c)
				if c.gold && (bestGold < 0 || c.score > bs.cands[bestGold].score) {
					bestGold = len(bs.cands) - 1
				}
			}
		}
		if len(bs.cands) == 0 {
			break
		}
		// Partial selection sort of the top width candidates.
		k := min(width, len(bs.cands))
		for i := 0; i < k; i++ {
			m := i
			for j := i + 1; j < len(bs.cands); j++ {
				if bs.cands[j].score > bs.cands[m].score {
					m = j
				}
			}
			bs.cands[i], bs.cands[m] = bs.cands[m], bs.cands[i]
			if bestGold == i {
				bestGold = m
			} else if bestGold == m {
				bestGold = i
			}
		}
		next := 1 - cur
		bs.items[next] = bs.items[next][:0]
		anyGold := false
		labTrained := false
		for i := 0; i < k; i++ {
			c := bs.cands[i]
			parent := &items[c.item]
			st := bs.pool[next][i]
			st.copyFrom(parent.st)
			label := -1
			if c.act == actLeft || c.act == actRight {
				h, d := arcEnds(st, c.act)
				label = chooseLabel(st, lab, nLabels, h, d, lscores)
				if tr != nil && c.gold && !labTrained && h != 0 && tr.gh[d] == h {
					labTrained = true
					tr.labP.tick()
					if g := tr.rels[d]; g != label && g != 0 {
						tr.labP.update(st.feats, g, label, 1)
					}
				}
			}
			st.apply(c.act, label)
			bs.hist = append(bs.hist, histNode{parent: parent.node, act: int8(c.act), label: int16(label)})
			bs.items[next] = append(bs.items[next], beamItem{st: st, score: c.score, node: int32(len(bs.hist) - 1), gold: c.gold})
			anyGold = anyGold || c.gold
		}
		cur = next
		if tr != nil && gt.on {
			bs.extendGold(gt, arcs, lab, nLabels, tr, ascores, lscores)
			gt.observe(bs.items[cur][0])
		}
		if tr != nil && !anyGold && bestGold >= 0 && !gt.on {
			// The gold path falls off the beam: the best gold candidate
			// against the beam's best.
			c := bs.cands[bestGold]
			parent := &items[c.item]
			tmp := &bs.replay[0]
			tmp.copyFrom(parent.st)
			label := -1
			if c.act == actLeft || c.act == actRight {
				h, d := arcEnds(tmp, c.act)
				label = chooseLabel(tmp, lab, nLabels, h, d, lscores)
			}
			bs.hist = append(bs.hist, histNode{parent: parent.node, act: int8(c.act), label: int16(label)})
			if !tr.maxViolation {
				tr.update(int32(len(bs.hist)-1), bs.items[cur][0].node)
				return nil
			}
			tmp.apply(c.act, label)
			*gt = goldTrack{on: true, st: tmp, node: int32(len(bs.hist) - 1), score: c.score, bestV: -1}
			gt.observe(bs.items[cur][0])
		}
	}
	if gt.on {
		tr.update(gt.bestGold, gt.bestPred)
		return nil
	}
	best := bs.items[cur][0]
	if tr != nil && !best.gold {
		for _, it := range bs.items[cur] {
			if it.gold {
				tr.update(it.node, best.node)
				break
			}
		}
	}
	return best.st
}

// scoreState sets out to the transition scores of st (leaving its
// features in st.feats unless a cached scorer needs none).
func scoreState(arcs scorer, st *parseState, out []float32) {
	if ls, ok := arcs.(*linScorer); ok && ls.cache != nil {
		ls.stateScores(st, out)
		return
	}
	st.feats = st.features(st.feats[:0])
	arcs.scores(st.feats, out)
}

// observe records the violation of the beam's best item against the gold
// track after the same number of transitions.
func (gt *goldTrack) observe(top beamItem) {
	if v := top.score - gt.score; v > gt.bestV {
		gt.bestV, gt.bestGold, gt.bestPred = v, gt.node, top.node
	}
}

// extendGold moves the gold track one transition on: the best-scoring
// transition of minimal oracle cost. A finished track stays where it is.
func (bs *beamScratch) extendGold(gt *goldTrack, arcs, lab scorer, nLabels int, tr *beamTrain, ascores, lscores []float32) {
	st := gt.st
	if st.done() {
		return
	}
	scoreState(arcs, st, ascores)
	best, minCost := -1, 1<<30
	for a := 0; a < nActs; a++ {
		if !st.valid(a) {
			continue
		}
		c := st.cost(a, tr.gh)
		if c < minCost || c == minCost && ascores[a] > ascores[best] {
			best, minCost = a, c
		}
	}
	if best < 0 {
		return
	}
	label := -1
	if best == actLeft || best == actRight {
		h, d := arcEnds(st, best)
		label = chooseLabel(st, lab, nLabels, h, d, lscores)
	}
	gt.score += float64(ascores[best])
	st.apply(best, label)
	bs.hist = append(bs.hist, histNode{parent: gt.node, act: int8(best), label: int16(label)})
	gt.node = int32(len(bs.hist) - 1)
}

// path returns the transitions leading to history node n.
func (bs *beamScratch) path(n int32, out []histNode) []histNode {
	out = out[:0]
	for n > 0 {
		out = append(out, bs.hist[n])
		n = bs.hist[n].parent
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// perceptron.add adds delta to the weights of class c for feats.
func (p *perceptron) add(feats []uint32, c int, delta float32) {
	t := float32(p.t)
	for _, f := range feats {
		r := p.row(f)
		if r < 0 {
			continue
		}
		i := int(r)*p.nClasses + c
		p.w[i] += delta
		p.acc[i] += t * delta
	}
}

// earlyUpdate rewards the transitions of the gold path and penalizes those
// of the predicted path, from the point where they diverge.
func (bs *beamScratch) earlyUpdate(init *parseState, arcsP *perceptron, gold, pred int32) {
	gp := bs.path(gold, bs.acts)
	pp := bs.path(pred, bs.acts2)
	bs.acts, bs.acts2 = gp, pp
	a, b := &bs.replay[0], &bs.replay[1]
	a.copyFrom(init)
	i := 0
	for i < len(gp) && i < len(pp) && gp[i].act == pp[i].act && gp[i].label == pp[i].label {
		a.apply(int(gp[i].act), int(gp[i].label))
		i++
	}
	b.copyFrom(a)
	for j := i; j < len(gp); j++ {
		a.feats = a.features(a.feats[:0])
		arcsP.add(a.feats, int(gp[j].act), 1)
		a.apply(int(gp[j].act), int(gp[j].label))
	}
	for j := i; j < len(pp); j++ {
		b.feats = b.features(b.feats[:0])
		arcsP.add(b.feats, int(pp[j].act), -1)
		b.apply(int(pp[j].act), int(pp[j].label))
	}
}

// parseBeam parses with the quantized models.
func (p *Parser) parseBeam(sc *Scratch, st *parseState, width int) {
	if sc.beam == nil {
		sc.beam = &beamScratch{}
	}
	if sc.arcS == nil {
		sc.arcS = &linScorer{l: p.arcs}
		sc.labS = &linScorer{l: p.lab}
	}
	sc.arcS.l, sc.labS.l = p.arcs, p.lab
	sc.arcC.reset(st.n)
	sc.arcS.cache = &sc.arcC
	best := beamSearch(sc.beam, st, width, sc.arcS, sc.labS, len(p.labels), nil)
	if best != nil && best != st {
		st.copyFrom(best)
	}
	st.finish()
}

// trainBeam is TrainParser's loop for beam widths above 1.
func trainBeam(ctx context.Context, p *Parser, t *Tagger, exs []parseExample, dev []*Sentence, opt ParserOptions) error {
	arcs := newPerceptron(nActs)
	lab := newPerceptron(len(p.labels))
	if opt.MinCount > 1 {
		arcs.allow, lab.allow = oracleFeatures(p, exs, opt.MinCount)
	}
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0xa5a5))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	bs := &beamScratch{}
	st := &parseState{}
	tr := &beamTrain{labP: lab, maxViolation: opt.MaxViolation}
	tr.update = func(g, pr int32) { bs.earlyUpdate(st, arcs, g, pr) }
	var bestArcs, bestLab *linear
	bestLAS := -1.0
	log := opt.Log
	if log == nil {
		log = io.Discard
	}
	for ep := 0; ep < opt.Epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, ei := range order {
			ex := &exs[ei]
			if ex.s.Len() > maxBeamLen {
				continue
			}
			st.init(ex.s, p.amb, p.cl)
			tr.gh, tr.rels = ex.heads, ex.rels
			arcs.tick()
			beamSearch(bs, st, opt.Beam, percScorer{arcs}, percScorer{lab}, len(p.labels), tr)
		}
		p.arcs = arcs.compile(opt.MinQ)
		p.lab = lab.compile(opt.MinQ)
		las := 1.0
		if len(dev) > 0 {
			var uas float64
			uas, las = p.score(t, dev)
			fmt.Fprintf(log, "parser (beam %d) epoch %d: dev UAS %.2f LAS %.2f\n", opt.Beam, ep+1, 100*uas, 100*las)
		}
		if las > bestLAS {
			bestLAS, bestArcs, bestLab = las, p.arcs, p.lab
		}
	}
	p.arcs, p.lab = bestArcs, bestLab
	return nil
}
