package syntax

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
)

// Transitions of the arc-eager system.
const (
	actShift = iota
	actReduce
	actLeft
	actRight
	nActs
)

// Parser is a greedy arc-eager dependency parser with an arc labeler, both
// averaged perceptrons. Read-only once loaded; safe for concurrent use.
type Parser struct {
	labels []string // label 0 is "root"
	arcs   *linear  // 4 transitions
	lab    *linear  // labels
	// Beam is the beam width used by Parse (1: greedy); the model stores
	// the width it was trained with.
	Beam int
	// amb maps a lowercased form hash to the hash of the set of tags the
	// word had in training, which lets the parser doubt the tagger.
	amb map[uint64]uint64
	cl  *clusterTable // word clusters, nil if none
	// Reverse parsers read the sentence right to left: they parse the
	// reversed words and map the tree back. Their errors differ from a
	// left-to-right parser's, which is what an Ensemble needs.
	Reverse bool
}

const parserMagic = "sitrep-parser/1"

const (
	none    = uint64(0x7f4a7c15)
	rootTok = uint64(0x3c6ef372)
)

// parseState is the configuration of the arc-eager parser over tokens
// 1..n (0 is the artificial root).
type parseState struct {
	n       int
	stack   []int
	b       int
	heads   []int
	labels  []int
	lc1     []int
	lc2     []int
	rc1     []int
	rc2     []int
	nl, nr  []int
	lset    []uint64
	rset    []uint64
	onStack []bool
	w, p    []uint64 // per token 0..n: lowercased form hash, tag hash
	u       []uint64 // UPOS hash
	a       []uint64 // tag ambiguity class
	suf     []uint64
	c       []uint64 // packed word classes (see packClasses)
	useCl   bool     // add the word-cluster features
	feats   []uint32
}

func growInts(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}

func growU64(s []uint64, n int) []uint64 {
	if cap(s) < n {
		return make([]uint64, n)
	}
	return s[:n]
}

// tagHash is the parser's view of a tag.
func tagHash(upos, xpos string) uint64 { return mix64(hashString(upos)) ^ hashString(xpos) }

// init prepares the state for the words of s, using its tags and the
// ambiguity lexicon amb (may be nil).
func (st *parseState) init(s *Sentence, amb map[uint64]uint64, cl *clusterTable) {
	n := s.Len()
	st.n = n
	m := n + 1
	st.heads = growInts(st.heads, m)
	st.labels = growInts(st.labels, m)
	st.lc1 = growInts(st.lc1, m)
	st.lc2 = growInts(st.lc2, m)
	st.rc1 = growInts(st.rc1, m)
	st.rc2 = growInts(st.rc2, m)
	st.nl = growInts(st.nl, m)
	st.nr = growInts(st.nr, m)
	st.lset = growU64(st.lset, m)
	st.rset = growU64(st.rset, m)
	st.w = growU64(st.w, m)
	st.p = growU64(st.p, m)
	st.suf = growU64(st.suf, m)
	st.u = growU64(st.u, m)
	st.a = growU64(st.a, m)
	st.c = growU64(st.c, m)
	st.useCl = cl != nil
	if cap(st.onStack) < m {
		st.onStack = make([]bool, m)
	}
	st.onStack = st.onStack[:m]
	for i := 0; i < m; i++ {
		st.heads[i], st.labels[i] = -1, -1
		st.lc1[i], st.lc2[i], st.rc1[i], st.rc2[i] = -1, -1, -1, -1
		st.nl[i], st.nr[i] = 0, 0
		st.lset[i], st.rset[i] = 0, 0
		st.onStack[i] = false
		if i == 0 {
			st.w[0], st.p[0], st.suf[0], st.u[0], st.a[0], st.c[0] = rootTok, rootTok, rootTok, rootTok, rootTok, rootTok
		} else {
			f := s.Forms[i-1]
			st.w[i] = hashLower(f)
			st.p[i] = tagHash(s.UPOS[i-1], s.XPOS[i-1])
			st.u[i] = hashString(s.UPOS[i-1])
			st.a[i] = amb[st.w[i]]
			st.suf[i] = hashLower(f[suffixStart(f, 3):])
			v, _ := cl.lookup(f, st.w[i])
			st.c[i] = uint64(v)
		}
	}
	st.stack = append(st.stack[:0], 0)
	st.onStack[0] = true
	st.b = 1
}

// done reports whether the parse is complete: the buffer is empty and only
// the root is left on the stack (every parse takes exactly 2n transitions).
func (st *parseState) done() bool { return st.b > st.n && len(st.stack) == 1 }

func (st *parseState) s0() int { return st.stack[len(st.stack)-1] }

func (st *parseState) valid(a int) bool {
	s0 := st.s0()
	switch a {
	case actShift:
		return st.b <= st.n
	case actReduce:
		// With the buffer empty, reducing a headless word attaches it to
		// the root.
		return s0 != 0 && (st.heads[s0] >= 0 || st.b > st.n)
	case actLeft:
		return st.b <= st.n && s0 != 0 && st.heads[s0] < 0
	case actRight:
		return st.b <= st.n
	}
	return false
}

func (st *parseState) addArc(h, d, label int) {
	st.heads[d] = h
	st.labels[d] = label
	var bit uint64
	if label >= 0 {
		bit = 1 << (uint(label) & 63)
	}
	if d < h {
		st.nl[h]++
		st.lset[h] |= bit
		if st.lc1[h] < 0 || d < st.lc1[h] {
			st.lc2[h] = st.lc1[h]
			st.lc1[h] = d
		} else if st.lc2[h] < 0 || d < st.lc2[h] {
			st.lc2[h] = d
		}
	} else {
		st.nr[h]++
		st.rset[h] |= bit
		if d > st.rc1[h] {
			st.rc2[h] = st.rc1[h]
			st.rc1[h] = d
		} else if d > st.rc2[h] {
			st.rc2[h] = d
		}
	}
}

// apply performs transition a; label is used by the arc transitions.
func (st *parseState) apply(a, label int) {
	switch a {
	case actShift:
		st.stack = append(st.stack, st.b)
		st.onStack[st.b] = true
		st.b++
	case actReduce:
		s0 := st.s0()
		if st.heads[s0] < 0 {
			st.addArc(0, s0, 0)
		}
		st.onStack[s0] = false
		st.stack = st.stack[:len(st.stack)-1]
	case actLeft:
		s0 := st.s0()
		st.addArc(st.b, s0, label)
		st.onStack[s0] = false
		st.stack = st.stack[:len(st.stack)-1]
	case actRight:
		st.addArc(st.s0(), st.b, label)
		st.stack = append(st.stack, st.b)
		st.onStack[st.b] = true
		st.b++
	}
}

// finish attaches the tokens left without a head to the root.
func (st *parseState) finish() {
	for i := 1; i <= st.n; i++ {
		if st.heads[i] < 0 {
			st.heads[i] = 0
			st.labels[i] = 0
		}
	}
}

func (st *parseState) at(i int) int {
	if i < 0 || i > st.n {
		return -1
	}
	return i
}

func (st *parseState) W(i int) uint64 {
	if i < 0 {
		return none
	}
	return st.w[i]
}

func (st *parseState) P(i int) uint64 {
	if i < 0 {
		return none
	}
	return st.p[i]
}

func (st *parseState) U(i int) uint64 {
	if i < 0 {
		return none
	}
	return st.u[i]
}

func (st *parseState) A(i int) uint64 {
	if i < 0 {
		return none
	}
	return st.a[i]
}

// C6, C8 and C10 are the 64-, 256- and 1024-class clusters of token i.
func (st *parseState) C6(i int) uint64 {
	if i < 0 {
		return none
	}
	return st.c[i] >> 18
}

func (st *parseState) C8(i int) uint64 {
	if i < 0 {
		return none
	}
	return st.c[i] >> 10
}

func (st *parseState) C10(i int) uint64 {
	if i < 0 {
		return none
	}
	return st.c[i]
}

func (st *parseState) L(i int) uint64 {
	if i < 0 || st.labels[i] < 0 {
		return none
	}
	return uint64(st.labels[i] + 1)
}

func (st *parseState) head(i int) int {
	if i < 0 {
		return -1
	}
	return st.heads[i]
}

func pick(a []int, i int) int {
	if i < 0 {
		return -1
	}
	return a[i]
}

func f4(t, a, b, c, d uint64) uint32 {
	return key(mix64(mix64(mix64(mix64(t*0x9e3779b97f4a7c15^a)^b)^c) ^ d))
}

// features appends the transition feature keys of the current state
// (templates after Zhang and Nivre 2011). They are the features of s0's own
// word and tags, of s1's, of the buffer's first three words (all three fixed
// per token or per buffer position, which lets parsing cache their scores:
// see arcCache) and those of the rest of the configuration.
func (st *parseState) features(buf []uint32) []uint32 {
	buf = st.dynFeatures(buf)
	s1 := -1
	if len(st.stack) > 1 {
		s1 = st.stack[len(st.stack)-2]
	}
	buf = st.s0Features(buf, st.s0())
	buf = st.s1Features(buf, s1)
	return st.bufferFeatures(buf, st.b)
}

// dynFeatures appends the features of the configuration other than those
// of s0Features, s1Features and bufferFeatures.
func (st *parseState) dynFeatures(buf []uint32) []uint32 {
	buf = st.baseFeatures(buf)
	if st.useCl {
		buf = st.clusterFeatures(buf)
	}
	return buf
}

// s0Features appends the features of token s0's word and tags as s0.
func (st *parseState) s0Features(buf []uint32, s0 int) []uint32 {
	s0w, s0p := st.W(s0), st.P(s0)
	buf = append(buf, f2(1, s0w, s0p), f1(2, s0w), f1(3, s0p), f2(85, st.A(s0), s0p))
	if st.useCl {
		buf = append(buf, f1(201, st.C8(s0)))
	}
	return buf
}

// s1Features appends the features of token s1 (-1: none) as s1.
func (st *parseState) s1Features(buf []uint32, s1 int) []uint32 {
	return append(buf, f2(73, st.W(s1), st.P(s1)))
}

// bufferFeatures appends the features of the first three buffer words when
// the buffer starts at b.
func (st *parseState) bufferFeatures(buf []uint32, b int) []uint32 {
	n0, n1, n2 := st.at(b), st.at(b+1), st.at(b+2)
	if n0 < 0 {
		n1, n2 = -1, -1
	}
	n0w, n0p := st.W(n0), st.P(n0)
	n1w, n1p := st.W(n1), st.P(n1)
	n2w, n2p := st.W(n2), st.P(n2)
	buf = append(buf,
		f2(4, n0w, n0p), f1(5, n0w), f1(6, n0p),
		f2(7, n1w, n1p), f1(8, n1w), f1(9, n1p),
		f2(10, n2w, n2p), f1(11, n2w), f1(12, n2p),
		f2(20, n0p, n1p), f3(21, n0p, n1p, n2p),
		f2(86, st.A(n0), n0p), f2(90, st.A(n1), n1p),
	)
	if st.useCl {
		buf = append(buf, f1(202, st.C8(n0)), f1(203, st.C8(n1)))
	}
	return buf
}

func (st *parseState) baseFeatures(buf []uint32) []uint32 {
	s0 := st.s0()
	s1 := -1
	if len(st.stack) > 1 {
		s1 = st.stack[len(st.stack)-2]
	}
	n0, n1 := st.at(st.b), st.at(st.b+1)
	if n0 < 0 {
		n1 = -1
	}
	s0w, s0p := st.W(s0), st.P(s0)
	n0w, n0p := st.W(n0), st.P(n0)
	n1p := st.P(n1)
	s0h := st.head(s0)
	s0h2 := st.head(s0h)
	s0l, s0r := pick(st.lc1, s0), pick(st.rc1, s0)
	s0l2, s0r2 := pick(st.lc2, s0), pick(st.rc2, s0)
	n0l, n0l2 := pick(st.lc1, n0), pick(st.lc2, n0)
	var d uint64 = none
	if n0 >= 0 {
		d = uint64(min(n0-s0, 6))
		if s0 == 0 {
			d = 99
		}
	}
	var vl, vr, nvl uint64 = uint64(st.nl[s0]), uint64(st.nr[s0]), none
	var sl, sr, nsl uint64 = st.lset[s0], st.rset[s0], none
	if n0 >= 0 {
		nvl, nsl = uint64(st.nl[n0]), st.lset[n0]
	}
	s0hp, s0lp, s0rp, n0lp := st.P(s0h), st.P(s0l), st.P(s0r), st.P(n0l)
	s0hs := uint64(0)
	if st.heads[s0] >= 0 {
		s0hs = 1
	}
	return append(buf,
		f4(13, s0w, s0p, n0w, n0p), f3(14, s0w, s0p, n0w), f3(15, s0w, n0w, n0p),
		f3(16, s0w, s0p, n0p), f3(17, s0p, n0w, n0p), f2(18, s0w, n0w),
		f2(19, s0p, n0p),
		f3(22, s0p, n0p, n1p), f3(23, s0hp, s0p, n0p),
		f3(24, s0p, s0lp, n0p), f3(25, s0p, s0rp, n0p), f3(26, s0p, n0p, n0lp),
		f2(27, s0w, d), f2(28, s0p, d), f2(29, n0w, d), f2(30, n0p, d),
		f3(31, s0w, n0w, d), f3(32, s0p, n0p, d),
		f2(33, s0w, vr), f2(34, s0p, vr), f2(35, s0w, vl), f2(36, s0p, vl),
		f2(37, n0w, nvl), f2(38, n0p, nvl),
		f1(39, st.W(s0h)), f1(40, s0hp), f1(41, st.L(s0)),
		f1(42, st.W(s0l)), f1(43, s0lp), f1(44, st.L(s0l)),
		f1(45, st.W(s0r)), f1(46, s0rp), f1(47, st.L(s0r)),
		f1(48, st.W(n0l)), f1(49, n0lp), f1(50, st.L(n0l)),
		f1(51, st.W(s0h2)), f1(52, st.P(s0h2)), f1(53, st.L(s0h)),
		f1(54, st.W(s0l2)), f1(55, st.P(s0l2)), f1(56, st.L(s0l2)),
		f1(57, st.W(s0r2)), f1(58, st.P(s0r2)), f1(59, st.L(s0r2)),
		f1(60, st.W(n0l2)), f1(61, st.P(n0l2)), f1(62, st.L(n0l2)),
		f3(63, s0p, s0lp, st.P(s0l2)), f3(64, s0p, s0rp, st.P(s0r2)),
		f3(65, s0p, s0hp, st.P(s0h2)), f3(66, n0p, n0lp, st.P(n0l2)),
		f2(67, s0w, sr), f2(68, s0p, sr), f2(69, s0w, sl), f2(70, s0p, sl),
		f2(71, n0w, nsl), f2(72, n0p, nsl),
		f3(74, st.P(s1), s0p, n0p), f3(75, s0hs, s0p, n0p),
		f2(76, s0hs, st.L(s0)), f3(77, st.suf[s0], s0p, n0p), f3(78, s0p, n0p, st.suf[max(n0, 0)]),
		f3(79, st.U(s0), st.U(n0), st.U(n1)), f4(80, st.U(s1), st.U(s0), st.U(n0), d),
		f3(81, st.U(s0h), st.U(s0), st.U(n0)), f4(82, st.U(s0), st.L(s0l), st.L(s0r), st.U(n0)),
		f3(83, s0w, st.U(n0), st.U(n1)), f3(84, st.U(s0), n0w, st.U(n1)),
		f3(87, st.A(s0), st.A(n0), d),
		f3(88, s0p, st.A(n0), n0p), f3(89, st.A(s0), s0p, n0p),
	)
}

// clusterFeatures appends the word-cluster transition features (after Koo,
// Carreras and Collins 2008) other than those of s0Features and
// bufferFeatures.
func (st *parseState) clusterFeatures(buf []uint32) []uint32 {
	s0 := st.s0()
	n0 := st.at(st.b)
	s0p, n0p := st.P(s0), st.P(n0)
	s0c, n0c := st.C8(s0), st.C8(n0)
	var d uint64 = none
	if n0 >= 0 {
		d = uint64(min(n0-s0, 6))
		if s0 == 0 {
			d = 99
		}
	}
	return append(buf,
		f2(204, s0c, n0p), f2(205, s0p, n0c), f2(206, s0c, n0c),
		f3(207, st.C6(s0), st.C6(n0), d), f2(208, st.C10(s0), n0p), f2(209, s0p, st.C10(n0)),
		f3(210, st.C6(st.head(s0)), s0p, n0p),
	)
}

// labelClusterFeatures appends the word-cluster features for labeling
// the arc h -> d.
func (st *parseState) labelClusterFeatures(buf []uint32, h, d int) []uint32 {
	dir := uint64(1)
	if d < h {
		dir = 2
	}
	hp, dp := st.P(h), st.P(d)
	return append(buf,
		f2(221, st.C8(h), dp), f2(222, hp, st.C8(d)), f3(223, dir, st.C6(h), st.C6(d)),
		f2(224, st.C10(d), dir),
	)
}

// labelFeatures appends the feature keys for labeling the arc h -> d.
func (st *parseState) labelFeatures(buf []uint32, h, d int) []uint32 {
	buf = st.baseLabelFeatures(buf, h, d)
	if st.useCl {
		buf = st.labelClusterFeatures(buf, h, d)
	}
	return buf
}

func (st *parseState) baseLabelFeatures(buf []uint32, h, d int) []uint32 {
	hw, hp, dw, dp := st.W(h), st.P(h), st.W(d), st.P(d)
	dir := uint64(1)
	dist := d - h
	if d < h {
		dir = 2
		dist = h - d
	}
	dd := uint64(min(dist, 8))
	dl, dr := st.lc1[d], st.rc1[d]
	prev, next := st.at(d-1), st.at(d+1)
	if prev == 0 {
		prev = -1
	}
	return append(buf,
		f1(101, hw), f1(102, hp), f1(103, dw), f1(104, dp),
		f2(105, hp, dp), f2(106, hw, dp), f2(107, hp, dw), f2(108, hw, dw),
		f4(109, dir, dd, hp, dp), f2(110, dir, dp), f2(111, dir, hp),
		f2(112, st.L(dl), dp), f3(113, st.W(dl), dp, dir), f2(114, st.L(dr), dp),
		f2(115, st.L(h), dp), f3(116, hp, dp, st.P(prev)), f3(117, hp, dp, st.P(next)),
		f3(118, dir, dp, st.lset[d]), f3(119, dir, dp, st.lset[h]), f3(120, dir, dp, st.rset[h]),
		f3(121, hp, dp, st.P(st.head(h))), f2(122, dir, dw), f3(123, st.suf[d], dp, dir),
		f1(124, st.W(dl)), f3(125, dir, hw, dw), f3(126, st.W(dl), st.P(dl), dp),
		f3(127, dir, st.P(st.head(h)), st.L(h)),
		f3(128, dir, st.U(h), st.U(d)), f4(129, dir, st.U(h), st.U(d), st.L(dl)),
		f3(130, dir, st.A(d), dp), f3(131, dir, st.A(h), hp),
	)
}

// parse runs the parser on a state prepared with init.
func (p *Parser) parse(st *parseState, c *arcCache, scores []int32, lscores []int32) {
	c.reset(st.n)
	for !st.done() {
		best := -1
		if st.b > st.n {
			// Only reduce is possible: no need to score.
			best = actReduce
		} else {
			st.feats = st.dynFeatures(st.feats[:0])
			p.arcs.score(st.feats, scores)
			c.add(p.arcs, st, scores)
			best = bestValid(st, scores)
		}
		p.applyLabeled(st, best, lscores)
	}
	st.finish()
}

// bestValid returns the highest scoring transition valid in st.
func bestValid(st *parseState, scores []int32) int {
	best := -1
	for a := 0; a < nActs; a++ {
		if st.valid(a) && (best < 0 || scores[a] > scores[best]) {
			best = a
		}
	}
	return best
}

// applyLabeled applies transition act to st, labelling the arc it makes
// (if any) with the best scoring label.
func (p *Parser) applyLabeled(st *parseState, act int, lscores []int32) {
	label := -1
	if act == actLeft || act == actRight {
		h, d := arcEnds(st, act)
		label = 0
		if h != 0 {
			st.feats = st.labelFeatures(st.feats[:0], h, d)
			p.lab.score(st.feats, lscores)
			label = bestLabel(lscores[:len(p.labels)])
		}
	}
	st.apply(act, label)
}

// Parse fills Heads and Rels of s from its forms and tags.
func (p *Parser) Parse(sc *Scratch, s *Sentence) {
	n := s.Len()
	if n == 0 {
		return
	}
	out := s
	if p.Reverse {
		reverseWords(&sc.rev, s)
		s = &sc.rev
	}
	st := &sc.ps
	st.init(s, p.amb, p.cl)
	if p.Beam > 1 && n <= maxBeamLen {
		p.parseBeam(sc, st, p.Beam)
	} else {
		if cap(sc.scores) < len(p.labels)+nActs {
			sc.scores = make([]int32, len(p.labels)+nActs)
		}
		p.parse(st, &sc.arcC, sc.scores[:nActs], sc.scores[nActs:nActs+len(p.labels)])
	}
	singleRoot(st)
	for i := 1; i <= n; i++ {
		l := st.labels[i]
		if l < 0 || l >= len(p.labels) {
			l = 0
		}
		if p.Reverse {
			out.Heads[n-i] = mirror(st.heads[i], n)
			out.Rels[n-i] = p.labels[l]
			continue
		}
		out.Heads[i-1] = st.heads[i]
		out.Rels[i-1] = p.labels[l]
	}
}

// mirror maps a 1-based token position (0: the root) of a sentence of n
// words to its position in the reversed sentence, and back.
func mirror(i, n int) int {
	if i <= 0 {
		return i
	}
	return n + 1 - i
}

// reverseWords makes dst the words and tags of s in reverse order, with
// the tree of s (if any) mirrored.
func reverseWords(dst, s *Sentence) {
	n := s.Len()
	dst.Reset(s.Forms)
	for i := 0; i < n; i++ {
		j := n - 1 - i
		dst.Forms[j] = s.Forms[i]
		dst.UPOS[j], dst.XPOS[j] = s.UPOS[i], s.XPOS[i]
		if i < len(s.Heads) {
			dst.Heads[j] = mirror(s.Heads[i], n)
		}
		if i < len(s.Rels) {
			dst.Rels[j] = s.Rels[i]
		}
		if i < len(s.Feats) {
			dst.Feats[j] = s.Feats[i]
		}
		if i < len(s.Lemmas) {
			dst.Lemmas[j] = s.Lemmas[i]
		}
	}
}

// singleRoot keeps the first root and attaches any other root to it.
func singleRoot(st *parseState) {
	root := -1
	for i := 1; i <= st.n; i++ {
		if st.heads[i] == 0 {
			if root < 0 {
				root = i
				st.labels[i] = 0
			} else {
				st.heads[i] = root
				if st.labels[i] == 0 {
					st.labels[i] = -1
				}
			}
		}
	}
}

// ParserOptions control training.
type ParserOptions struct {
	Epochs  int
	Seed    uint64
	Explore float64 // probability of following a wrong prediction (dynamic oracle), from epoch 2
	MinQ    int
	Beam    int // beam width (1 or 0: greedy with dynamic oracle)
	// MaxViolation trains the beam parser with max-violation updates
	// instead of early updates.
	MaxViolation bool
	// MinCount > 1 gives weights only to features seen at least MinCount
	// times along the oracle transitions of the training set (smaller,
	// faster models).
	MinCount int
	// Clusters, if set, adds word-cluster features (stored in the model).
	Clusters *WordClusters
	// Reverse trains a right-to-left parser (see Parser.Reverse).
	Reverse bool
	Log     io.Writer
}

// parseExample is one training sentence: words with the tags the parser
// will see (e.g. jackknifed), and the gold tree.
type parseExample struct {
	s     *Sentence
	heads []int // 1..n, index 0 unused
	rels  []int
}

// cost is the number of gold arcs made unreachable by transition a (arc-eager
// dynamic oracle, Goldberg and Nivre 2012).
func (st *parseState) cost(a int, gh []int) int {
	s0, b := st.s0(), st.b
	c := 0
	switch a {
	case actShift:
		if h := gh[b]; h != 0 && st.onStack[h] {
			c++
		}
		for _, k := range st.stack {
			if k != 0 && st.heads[k] < 0 && gh[k] == b {
				c++
			}
		}
	case actRight:
		if h := gh[b]; h != s0 && (h > b || st.onStack[h]) {
			c++
		}
		for _, k := range st.stack {
			if k != 0 && st.heads[k] < 0 && gh[k] == b {
				c++
			}
		}
	case actReduce:
		for k := b; k <= st.n; k++ {
			if gh[k] == s0 {
				c++
			}
		}
	case actLeft:
		if h := gh[s0]; h == 0 || h > b {
			c++
		}
		for k := b; k <= st.n; k++ {
			if gh[k] == s0 {
				c++
			}
		}
	}
	return c
}

// TrainParser trains the parser on the gold trees of train, read with the
// tags in tagged (the tags it will see at run time, e.g. jackknifed; same
// sentences as train), and keeps the epoch with the best LAS on dev,
// tagged by t.
func TrainParser(ctx context.Context, t *Tagger, train, tagged []*Sentence, dev []*Sentence, opt ParserOptions) (*Parser, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 12
	}
	if opt.MinQ <= 0 {
		opt.MinQ = 1
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	p := &Parser{labels: []string{"root"}, Reverse: opt.Reverse}
	p.amb = parserAmbiguity(train)
	if opt.Reverse {
		train, tagged = reversedAll(train), reversedAll(tagged)
	}
	p.cl = newClusterTable(opt.Clusters)
	labIndex := map[string]int{"root": 0}
	var exs []parseExample
	for si, s := range train {
		n := s.Len()
		if n == 0 {
			continue
		}
		ex := parseExample{s: tagged[si], heads: make([]int, n+1), rels: make([]int, n+1)}
		okTree := true
		for i := 0; i < n; i++ {
			h := s.Heads[i]
			if h < 0 || h > n {
				okTree = false
				break
			}
			ex.heads[i+1] = h
			r := s.Rels[i]
			if h == 0 {
				r = "root"
			}
			id, ok := labIndex[r]
			if !ok {
				id = len(p.labels)
				labIndex[r] = id
				p.labels = append(p.labels, r)
			}
			ex.rels[i+1] = id
		}
		if okTree {
			exs = append(exs, ex)
		}
	}
	if len(p.labels) < 2 {
		return nil, fmt.Errorf("train parser: need at least one non-root relation")
	}
	fmt.Fprintf(opt.Log, "parser: %d sentences, %d labels\n", len(exs), len(p.labels))
	p.Beam = max(opt.Beam, 1)
	if opt.Beam > 1 {
		if err := trainBeam(ctx, p, t, exs, dev, opt); err != nil {
			return nil, err
		}
		return p, nil
	}
	arcs := newPerceptron(nActs)
	lab := newPerceptron(len(p.labels))
	if opt.MinCount > 1 {
		arcs.allow, lab.allow = oracleFeatures(p, exs, opt.MinCount)
		fmt.Fprintf(opt.Log, "parser: %d transition and %d label features seen %d+ times\n", len(arcs.allow), len(lab.allow), opt.MinCount)
	}
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0xa5a5))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	scores := make([]float32, nActs)
	lscores := make([]float32, len(p.labels))
	var costs [nActs]int
	st := &parseState{}
	var bestArcs, bestLab *linear
	bestLAS := -1.0
	for ep := 0; ep < opt.Epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, total := 0, 0
		for _, ei := range order {
			ex := &exs[ei]
			st.init(ex.s, p.amb, p.cl)
			for !st.done() {
				st.feats = st.features(st.feats[:0])
				arcs.score(st.feats, scores)
				pred, bestGold := -1, -1
				minCost := 1 << 30
				for a := 0; a < nActs; a++ {
					costs[a] = -1
					if !st.valid(a) {
						continue
					}
					costs[a] = st.cost(a, ex.heads)
					if costs[a] < minCost {
						minCost = costs[a]
					}
					if pred < 0 || scores[a] > scores[pred] {
						pred = a
					}
				}
				for a := 0; a < nActs; a++ {
					if costs[a] == minCost && (bestGold < 0 || scores[a] > scores[bestGold]) {
						bestGold = a
					}
				}
				arcs.tick()
				total++
				next := pred
				if costs[pred] != minCost {
					errs++
					arcs.update(st.feats, bestGold, pred, 1)
					if ep == 0 || rng.Float64() >= opt.Explore {
						next = bestGold
					}
				}
				label := -1
				if next == actLeft || next == actRight {
					h, d := arcEnds(st, next)
					label = 0
					if h != 0 {
						st.feats = st.labelFeatures(st.feats[:0], h, d)
						lab.score(st.feats, lscores)
						label = bestLabel(lscores[:len(p.labels)])
						lab.tick()
						if ex.heads[d] == h {
							if g := ex.rels[d]; g != label && g != 0 {
								lab.update(st.feats, g, label, 1)
							}
						}
					}
				}
				st.apply(next, label)
			}
		}
		p.arcs = arcs.compile(opt.MinQ)
		p.lab = lab.compile(opt.MinQ)
		las := 1.0
		if len(dev) > 0 {
			var uas float64
			uas, las = p.score(t, dev)
			fmt.Fprintf(opt.Log, "parser epoch %d: train err %.2f%%, dev UAS %.2f LAS %.2f\n", ep+1, 100*float64(errs)/float64(max(total, 1)), 100*uas, 100*las)
		}
		if las > bestLAS {
			bestLAS, bestArcs, bestLab = las, p.arcs, p.lab
		}
	}
	p.arcs, p.lab = bestArcs, bestLab
	return p, nil
}

// reversedAll returns the sentences of ss reversed (see reverseWords).
func reversedAll(ss []*Sentence) []*Sentence {
	out := make([]*Sentence, len(ss))
	for i, s := range ss {
		out[i] = &Sentence{}
		reverseWords(out[i], s)
	}
	return out
}

// Parser model flags, stored after the word clusters.
const flagReverse = 1

// oracleFeatures returns the transition and label features seen at least
// minCount times along an oracle path (the first zero-cost transition, gold
// labels) through each training sentence.
func oracleFeatures(p *Parser, exs []parseExample, minCount int) (map[uint32]struct{}, map[uint32]struct{}) {
	ac, lc := map[uint32]int32{}, map[uint32]int32{}
	st := &parseState{}
	for ei := range exs {
		ex := &exs[ei]
		st.init(ex.s, p.amb, p.cl)
		for !st.done() {
			st.feats = st.features(st.feats[:0])
			for _, f := range st.feats {
				ac[f]++
			}
			next := -1
			for a := 0; a < nActs; a++ {
				if st.valid(a) && st.cost(a, ex.heads) == 0 {
					next = a
					break
				}
			}
			if next < 0 {
				for a := 0; a < nActs; a++ {
					if st.valid(a) {
						next = a
						break
					}
				}
			}
			label := -1
			if next == actLeft || next == actRight {
				h, d := arcEnds(st, next)
				label = 0
				if h != 0 {
					st.feats = st.labelFeatures(st.feats[:0], h, d)
					for _, f := range st.feats {
						lc[f]++
					}
					label = max(ex.rels[d], 1)
				}
			}
			st.apply(next, label)
		}
	}
	keep := func(c map[uint32]int32) map[uint32]struct{} {
		out := make(map[uint32]struct{}, len(c)/2)
		for f, n := range c {
			if int(n) >= minCount {
				out[f] = struct{}{}
			}
		}
		return out
	}
	return keep(ac), keep(lc)
}

// score tags and parses gold sentences and returns UAS and LAS (full labels).
func (p *Parser) score(t *Tagger, gold []*Sentence) (float64, float64) {
	sc := &Scratch{}
	s := &Sentence{}
	ua, la, n := 0, 0, 0
	for _, g := range gold {
		s.Reset(g.Forms)
		t.Tag(sc, s)
		p.Parse(sc, s)
		for i := range s.Forms {
			if s.Heads[i] == g.Heads[i] {
				ua++
				if s.Rels[i] == g.Rels[i] {
					la++
				}
			}
			n++
		}
	}
	return float64(ua) / float64(max(n, 1)), float64(la) / float64(max(n, 1))
}

// Save writes the parser model (gzip'd).
func (p *Parser) Save(w io.Writer) error {
	return writeModel(w, parserMagic, func(e *encoder) {
		e.strings(p.labels)
		e.uvarint(uint64(p.Beam))
		encodeLexicon(e, p.amb)
		p.arcs.encode(e)
		p.lab.encode(e)
		p.cl.encode(e)
		var flags uint64
		if p.Reverse {
			flags |= flagReverse
		}
		e.uvarint(flags)
	})
}

// LoadParser reads a model written by Save.
func LoadParser(r io.Reader) (*Parser, error) {
	p := &Parser{}
	err := readModel(r, parserMagic, func(d *decoder) error {
		var err error
		if p.labels, err = decodeLabels(d, "parser"); err != nil {
			return err
		}
		p.Beam = int(min(d.uvarint(), 64))
		amb, err := decodeLexicon(d)
		if err != nil {
			return fmt.Errorf("parser model: %w", err)
		}
		p.amb = amb

		if p.arcs, err = decodeLinear(d); err != nil {
			return err
		}
		if p.lab, err = decodeLinear(d); err != nil {
			return err
		}
		if p.arcs.nClasses != nActs || p.lab.nClasses != len(p.labels) {
			return fmt.Errorf("parser model: class counts do not match")
		}
		// Models before word clusters end here.
		if _, err := d.r.Peek(1); err == nil {
			p.cl = decodeClusterTable(d)
		}
		// Models before right-to-left parsing end here.
		if _, err := d.r.Peek(1); err == nil && d.err == nil {
			flags := d.uvarint()
			p.Reverse = flags&flagReverse != 0
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load parser: %w", err)
	}
	return p, nil
}

// parserAmbiguity maps each word seen at least twice in train to a hash of
// its set of joint tags.
func parserAmbiguity(train []*Sentence) map[uint64]uint64 {
	type entry struct {
		n   int
		set map[uint64]struct{}
	}
	m := map[uint64]*entry{}
	for _, s := range train {
		for i, f := range s.Forms {
			h := hashLower(f)
			e := m[h]
			if e == nil {
				e = &entry{set: map[uint64]struct{}{}}
				m[h] = e
			}
			e.n++
			e.set[tagHash(s.UPOS[i], s.XPOS[i])] = struct{}{}
		}
	}
	out := make(map[uint64]uint64, len(m))
	for h, e := range m {
		if e.n < 2 {
			continue
		}
		var a uint64
		for t := range e.set {
			a += mix64(t) // order-independent
		}
		if a == 0 {
			a = 1
		}
		out[h] = a
	}
	return out
}
