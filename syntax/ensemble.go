package syntax

import "fmt"

// Ensemble parses a sentence with several parsers and combines their trees
// by reparsing (Sagae and Lavie 2006): every arc proposed by a member gets
// the sum of the weights of the members that propose it, and the result is
// the maximum spanning tree over those arcs (Chu-Liu-Edmonds), so it is a
// tree even where the members disagree. Each arc's label is the weighted
// vote of the members that proposed that arc. Parsers reading in both
// directions make errors of different kinds, which the vote removes.
//
// An Ensemble is read-only once built and safe for concurrent use.
type Ensemble struct {
	parsers []*Parser
	weights []float64
	// labeler, if set, relabels the voted tree; each label's score is the
	// labeler's plus voteWeight times the weight of the members' votes.
	labeler    *Labeler
	voteWeight float64
}

// SetLabeler makes the ensemble label its trees with l, adding voteWeight
// times the members' votes for each label (in the labeler's weight
// units) to the labeler's scores.
func (e *Ensemble) SetLabeler(l *Labeler, voteWeight float64) {
	e.labeler, e.voteWeight = l, voteWeight
}

// NewEnsemble combines parsers with the given weights (one per parser;
// nil: all 1). Ties go to the parser listed first.
func NewEnsemble(parsers []*Parser, weights []float64) (*Ensemble, error) {
	if len(parsers) == 0 {
		return nil, fmt.Errorf("ensemble: no parsers")
	}
	if weights == nil {
		weights = make([]float64, len(parsers))
		for i := range weights {
			weights[i] = 1
		}
	}
	if len(weights) != len(parsers) {
		return nil, fmt.Errorf("ensemble: %d weights for %d parsers", len(weights), len(parsers))
	}
	for i, w := range weights {
		if !(w > 0) {
			return nil, fmt.Errorf("ensemble: weight %d is %v, want > 0", i, w)
		}
	}
	return &Ensemble{parsers: parsers, weights: weights}, nil
}

// Parsers returns the members, in order.
func (e *Ensemble) Parsers() []*Parser { return e.parsers }

// ensembleScratch holds one tree per member and the voted arcs.
type ensembleScratch struct {
	trees []memberTree
	used  int // trees in use
	arcs  []votedArc
	first []int // per dependent 1..n: index of its first arc in arcs
	edges []wedge
}

// memberTree is one tree proposed by a member, with its voting weight.
type memberTree struct {
	heads []int
	rels  []string
	w     float64
}

// add records a tree (copied) with weight w.
func (es *ensembleScratch) add(heads []int, rels []string, w float64) {
	if es.used == len(es.trees) {
		es.trees = append(es.trees, memberTree{})
	}
	t := &es.trees[es.used]
	es.used++
	t.heads = append(t.heads[:0], heads...)
	t.rels = append(t.rels[:0], rels...)
	t.w = w
}

// votedArc is an arc h -> d proposed by at least one member.
type votedArc struct {
	h, d   int
	w      float64
	labels []labelVote
}

type labelVote struct {
	label string
	w     float64
}

// Parse fills Heads and Rels of s from its forms and tags.
func (e *Ensemble) Parse(sc *Scratch, s *Sentence) {
	n := s.Len()
	if n == 0 {
		return
	}
	if len(e.parsers) == 1 {
		e.parsers[0].Parse(sc, s)
		return
	}
	if sc.ens == nil {
		sc.ens = &ensembleScratch{}
	}
	es := sc.ens
	es.used = 0
	for m, p := range e.parsers {
		p.Parse(sc, s)
		es.add(s.Heads, s.Rels, e.weights[m])
	}
	e.vote(es, n)
	heads := maxArborescence(n+1, es.edges)
	// Each dependent's arcs are contiguous in es.arcs, in member order.
	root := -1
	for d := 1; d <= n; d++ {
		h := heads[d]
		a := es.find(d, h)
		s.Heads[d-1] = h
		s.Rels[d-1] = a.label()
		if h == 0 {
			if root < 0 || a.w > es.find(root, 0).w {
				root = d
			}
		}
	}
	// A tree has one root word: attach any other to the best one.
	for d := 1; d <= n; d++ {
		if s.Heads[d-1] == 0 && d != root {
			s.Heads[d-1] = root
			if s.Rels[d-1] == "root" {
				s.Rels[d-1] = "parataxis"
			}
		}
	}
	if root > 0 {
		s.Rels[root-1] = "root"
	}
	if e.labeler != nil {
		e.relabel(sc, s)
	}
}

// relabel sets the labels of the tree in s from the labeler and the votes.
func (e *Ensemble) relabel(sc *Scratch, s *Sentence) {
	if sc.lab == nil {
		sc.lab = &labelScratch{}
	}
	ls, l, es := sc.lab, e.labeler, sc.ens
	n := s.Len()
	l.prepare(ls, s, s.Heads)
	l.decode(ls, n, func(d, c int) float64 {
		v := 0.0
		for _, lv := range es.find(d, ls.heads[d]).labels {
			if lv.label == l.labels[c] {
				v += e.voteWeight * lv.w
			}
		}
		return v
	})
	for d := 1; d <= n; d++ {
		s.Rels[d-1] = l.labels[ls.rel[d]]
	}
}

// vote collects the members' arcs of a sentence of n words.
func (e *Ensemble) vote(es *ensembleScratch, n int) {
	es.arcs = es.arcs[:0]
	es.first = growInts(es.first, n+2)
	es.edges = es.edges[:0]
	for d := 1; d <= n; d++ {
		es.first[d] = len(es.arcs)
		for ti := 0; ti < es.used; ti++ {
			t := &es.trees[ti]
			h, rel, w := t.heads[d-1], t.rels[d-1], t.w
			if h < 0 || h > n || h == d {
				continue
			}
			i := es.first[d]
			for ; i < len(es.arcs) && es.arcs[i].h != h; i++ {
			}
			if i == len(es.arcs) {
				es.arcs = append(es.arcs, votedArc{h: h, d: d})
			}
			a := &es.arcs[i]
			a.w += w
			if rel != "" {
				a.addLabel(rel, w)
			}
		}
	}
	es.first[n+1] = len(es.arcs)
	for _, a := range es.arcs {
		es.edges = append(es.edges, wedge{h: a.h, d: a.d, w: a.w})
	}
}

// find returns the arc h -> d (which vote made).
func (es *ensembleScratch) find(d, h int) *votedArc {
	for i := es.first[d]; i < es.first[d+1]; i++ {
		if es.arcs[i].h == h {
			return &es.arcs[i]
		}
	}
	return &votedArc{h: h, d: d}
}

func (a *votedArc) addLabel(label string, w float64) {
	for i := range a.labels {
		if a.labels[i].label == label {
			a.labels[i].w += w
			return
		}
	}
	a.labels = append(a.labels, labelVote{label, w})
}

// label returns the label with the most weight (the first on ties); only
// an arc from the root is labelled "root".
func (a *votedArc) label() string {
	if a.h == 0 {
		return "root"
	}
	best := -1
	for i, v := range a.labels {
		if v.label == "root" {
			continue
		}
		if best < 0 || v.w > a.labels[best].w {
			best = i
		}
	}
	if best < 0 {
		return "dep"
	}
	return a.labels[best].label
}

// wedge is a weighted arc h -> d of a graph for maxArborescence.
type wedge struct {
	h, d int
	w    float64
}

// maxArborescence returns the heads (heads[0] = -1) of the maximum
// spanning arborescence rooted at node 0 of the graph of nv nodes and
// edges (Chu-Liu-Edmonds). Nodes with no incoming edge keep head -1; when
// the edges contain a spanning arborescence, the result is one. Ties go to
// the edge listed first.
func maxArborescence(nv int, edges []wedge) []int {
	in := chooseEdges(nv, edges)
	heads := make([]int, nv)
	for v := range heads {
		heads[v] = -1
		if in[v] >= 0 {
			heads[v] = edges[in[v]].h
		}
	}
	return heads
}

// chooseEdges returns, per node, the index in edges of its incoming edge
// in the maximum arborescence (-1 for the root and unreachable nodes).
func chooseEdges(nv int, edges []wedge) []int {
	best := make([]int, nv)
	for v := range best {
		best[v] = -1
	}
	for i, e := range edges {
		if e.d <= 0 || e.d >= nv || e.h < 0 || e.h >= nv || e.h == e.d {
			continue
		}
		if best[e.d] < 0 || e.w > edges[best[e.d]].w {
			best[e.d] = i
		}
	}
	// Find the cycles of the best incoming edges.
	cycle := make([]int, nv) // cycle number + 1, 0 if none
	mark := make([]int, nv)  // walk that visited the node + 1
	ncycles := 0
	for v := 1; v < nv; v++ {
		u := v
		for u > 0 && mark[u] == 0 && best[u] >= 0 {
			mark[u] = v + 1
			u = edges[best[u]].h
		}
		if u > 0 && mark[u] == v+1 && cycle[u] == 0 {
			ncycles++
			for x := u; cycle[x] == 0; x = edges[best[x]].h {
				cycle[x] = ncycles
			}
		}
	}
	if ncycles == 0 {
		return best
	}
	// Contract each cycle into one node: the root stays 0, cycles are
	// 1..ncycles, the other nodes follow.
	id := make([]int, nv)
	next := ncycles + 1
	for v := 1; v < nv; v++ {
		if cycle[v] > 0 {
			id[v] = cycle[v]
		} else {
			id[v] = next
			next++
		}
	}
	var sub []wedge
	var orig []int
	for i, e := range edges {
		if e.d <= 0 || e.d >= nv || e.h < 0 || e.h >= nv {
			continue
		}
		h, d := id[e.h], id[e.d]
		if h == d {
			continue
		}
		w := e.w
		if cycle[e.d] > 0 {
			// Entering the cycle at e.d replaces e.d's cycle edge.
			w -= edges[best[e.d]].w
		}
		sub = append(sub, wedge{h: h, d: d, w: w})
		orig = append(orig, i)
	}
	chosen := chooseEdges(next, sub)
	out := append([]int(nil), best...)
	for v := 1; v < next; v++ {
		if chosen[v] < 0 {
			continue
		}
		e := edges[orig[chosen[v]]]
		out[e.d] = orig[chosen[v]]
	}
	return out
}
