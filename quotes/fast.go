package quotes

import (
	"math"
	"sync"
	"unicode"
	"unicode/utf8"
)

// This file is the inference path of a loaded (quantized) model. It gives
// exactly the labels of tagOne/features (the training path) but hashes each
// token's features once per document for both levels, with no per-feature
// allocation, precomputed feature-name states and linear-time neighbour
// scans, and it reuses its buffers through the model's pool.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hs continues an FNV-1a state over the bytes of one feature part and its
// separator, as hasher.add does.
func hs(x uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		x ^= uint64(s[i])
		x *= fnvPrime
	}
	x ^= 0xff
	x *= fnvPrime
	return x
}

// hb is hs for a one-byte ASCII part.
func hb(x uint64, b byte) uint64 {
	x ^= uint64(b)
	x *= fnvPrime
	x ^= 0xff
	x *= fnvPrime
	return x
}

// hr is hs for the part string(r).
func hr(x uint64, r rune) uint64 {
	if r >= 0 && r < utf8.RuneSelf {
		return hb(x, byte(r))
	}
	return hs(x, string(r))
}

// fold is the feature id before masking.
func fold(x uint64) uint32 { return uint32(x ^ (x >> 32)) }

func seedOf(name string) uint64 { return hs(fnvOffset, name) }

// names are the FNV states after each feature name (read-only).
var names = struct {
	b, w, wm1, wm2, wp1, wp2, wm1w, wwp1, wm2wm1, wp1wp2, sh, suf, pre       uint64
	q, q3, qw, cwL, cwR, cL, cR, cLR, cLRq, cLw, cRw, cue, sc, sq, pos, posw uint64
	rel, psent, cap, pb, pb3, pbw, first, dse, comma, cuenext, caprun        uint64
	prevend, upos, dep, hdcue, hdw                                           uint64
	s0, sm1, sp1, s3, sm2, sp2, s0w, sd, ssent                               uint64
}{
	b: seedOf("b"), w: seedOf("w"), wm1: seedOf("w-1"), wm2: seedOf("w-2"), wp1: seedOf("w+1"), wp2: seedOf("w+2"),
	wm1w: seedOf("w-1w"), wwp1: seedOf("ww+1"), wm2wm1: seedOf("w-2w-1"), wp1wp2: seedOf("w+1w+2"),
	sh: seedOf("sh"), suf: seedOf("suf"), pre: seedOf("pre"),
	q: seedOf("q"), q3: seedOf("q3"), qw: seedOf("qw"), cwL: seedOf("cwL"), cwR: seedOf("cwR"),
	cL: seedOf("cL"), cR: seedOf("cR"), cLR: seedOf("cLR"), cLRq: seedOf("cLRq"), cLw: seedOf("cLw"), cRw: seedOf("cRw"),
	cue: seedOf("cue"), sc: seedOf("sc"), sq: seedOf("sq"), pos: seedOf("pos"), posw: seedOf("posw"),
	rel: seedOf("rel"), psent: seedOf("psent"), cap: seedOf("cap"), pb: seedOf("pb"), pb3: seedOf("pb3"), pbw: seedOf("pbw"),
	first: seedOf("first"), dse: seedOf("dse"), comma: seedOf("comma"), cuenext: seedOf("cuenext"), caprun: seedOf("caprun"),
	prevend: seedOf("prevend"), upos: seedOf("upos"), dep: seedOf("dep"), hdcue: seedOf("hdcue"), hdw: seedOf("hdw"),
	s0: seedOf("s0"), sm1: seedOf("s-1"), sp1: seedOf("s+1"), s3: seedOf("s3"), sm2: seedOf("s-2"), sp2: seedOf("s+2"),
	s0w: seedOf("s0w"), sd: seedOf("sd"), ssent: seedOf("ssent"),
}

// scratch holds the buffers of one tagging run.
type scratch struct {
	feats, syn, stk []uint32
	off, synOff     []int32
	stkOff          []int32
	shape           []byte
	seqOf           []int32
	pb              []int16 // cue probability byte, -1 for none
	capTok          []bool
	prevCue         []int32
	nextCue         []int32
	prevComma       []int32
	nextComma       []int32
	prevRole        [2][]int32
	nextRole        [2][]int32
	sentCue, sentQ  []bool
	sentHas         [][4]bool
	em              []float32
	base2           []int32
	score           []float32
	back            []int8
	l1, l2          []int
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

func (m *Model) getScratch() *scratch {
	if m.pool != nil {
		if s, ok := m.pool.Get().(*scratch); ok {
			return s
		}
	}
	return &scratch{}
}

func (m *Model) putScratch(s *scratch) {
	if m.pool != nil {
		m.pool.Put(s)
	}
}

func newPool() *sync.Pool { return &sync.Pool{} }

// canFast reports whether tagFast applies: every level is a loaded model.
func (m *Model) canFast() bool {
	for lm := m; lm != nil; lm = lm.stage2 {
		if lm.q == nil || len(lm.q) != (1<<lm.bits)*nLabels {
			return false
		}
	}
	return m.stage2 == nil || m.stage2.stage2 == nil
}

// tagFast is tag for a loaded model.
func (m *Model) tagFast(v *view) []int {
	s := m.getScratch()
	defer m.putScratch(s)
	n := len(v.lower)
	s.prepare(v)
	s.baseFeatures(v)
	needSyn := v.syntax && (m.syntax || (m.stage2 != nil && m.stage2.syntax))
	if needSyn {
		s.syntaxFeatures(v)
	}
	s.l1 = grow(s.l1, n)
	if m.joint != nil {
		m.tagJoint(v, s, needSyn)
		return append([]int(nil), s.l2...)
	}
	m.tagLevel(v, s, v.syntax && m.syntax, false, s.l1)
	if m.stage2 == nil {
		return append([]int(nil), s.l1...)
	}
	s.stackFeatures(v, s.l1)
	s.l2 = grow(s.l2, n)
	m.stage2.tagLevel(v, s, v.syntax && m.stage2.syntax, true, s.l2)
	return append([]int(nil), s.l2...)
}

// jointTable holds the int8 weights of both levels of a stacked model with
// equal table sizes, interleaved so that one feature's 14 weights share a
// 16-byte row (one memory access for both levels). Each weight is stored
// biased by 128 as a byte; row f is words 2f (level 1, lanes 0-6) and 2f+1
// (level 2).
type jointTable struct {
	mask uint32
	rows []uint64
}

// newJointTable interleaves the weights of m and m.stage2, or returns nil
// when they cannot share one table.
func newJointTable(m *Model) *jointTable {
	m2 := m.stage2
	if m2 == nil || m2.stage2 != nil || m.bits != m2.bits || m.q == nil || m2.q == nil || len(m.q) != len(m2.q) {
		return nil
	}
	nf := len(m.q) / nLabels
	t := &jointTable{mask: m.mask(), rows: make([]uint64, 2*nf)}
	for f := 0; f < nf; f++ {
		var a, b uint64
		for y := nLabels - 1; y >= 0; y-- {
			a = a<<8 | uint64(uint8(int16(m.q[f*nLabels+y])+128))
			b = b<<8 | uint64(uint8(int16(m2.q[f*nLabels+y])+128))
		}
		// Lane 7 holds 128 too (weight 0), so every lane is unbiased alike.
		a |= 128 << 56
		b |= 128 << 56
		t.rows[2*f], t.rows[2*f+1] = a, b
	}
	return t
}

const laneMask = 0x00ff00ff00ff00ff

// lanes are biased 16-bit lane sums: even holds lanes 0, 2, 4, 6 and odd
// lanes 1, 3, 5, 7 of the rows added, n the number of rows.
type lanes struct {
	even, odd uint64
	n         int32
}

func (l *lanes) add(w uint64) {
	l.even += w & laneMask
	l.odd += (w >> 8) & laneMask
	l.n++
}

// sums unbiases the lanes into sum.
func (l *lanes) sums(sum *[nLabels]int32) {
	bias := 128 * l.n
	for y := 0; y < nLabels; y++ {
		w := l.even
		if y&1 == 1 {
			w = l.odd
		}
		sum[y] += int32((w>>(16*(y/2)))&0xffff) - bias
	}
	*l = lanes{}
}

// maxLaneRows is how many rows a 16-bit lane holds without overflow.
const maxLaneRows = 65535 / 255

// tagJoint tags both levels with the joint table into s.l1 and s.l2.
func (m *Model) tagJoint(v *view, s *scratch, needSyn bool) {
	n := len(v.lower)
	t := m.joint
	m2 := m.stage2
	syn1, syn2 := v.syntax && m.syntax, v.syntax && m2.syntax
	s.em = grow(s.em, n*nLabels)
	s.base2 = grow(s.base2, n*nLabels)
	rows := t.rows
	mask := t.mask
	for i := 0; i < n; i++ {
		var l1, l2 lanes
		var sum1, sum2 [nLabels]int32
		for _, f := range s.feats[s.off[i]:s.off[i+1]] {
			j := 2 * int(f&mask)
			r := rows[j : j+2 : j+2]
			l1.add(r[0])
			l2.add(r[1])
			if l1.n == maxLaneRows {
				l1.sums(&sum1)
				l2.sums(&sum2)
			}
		}
		if needSyn {
			for _, f := range s.syn[s.synOff[i]:s.synOff[i+1]] {
				j := 2 * int(f&mask)
				r := rows[j : j+2 : j+2]
				if syn1 {
					l1.add(r[0])
				}
				if syn2 {
					l2.add(r[1])
				}
				if l1.n == maxLaneRows || l2.n == maxLaneRows {
					l1.sums(&sum1)
					l2.sums(&sum2)
				}
			}
		}
		l1.sums(&sum1)
		l2.sums(&sum2)
		copy(s.base2[i*nLabels:], sum2[:])
		e := s.em[i*nLabels : i*nLabels+nLabels]
		for y := range sum1 {
			e[y] = float32(sum1[y]) * m.scale[y]
		}
	}
	for _, sq := range v.seqs {
		m.decode(s, v.cls, sq.lo, sq.hi, s.l1)
	}
	s.stackFeatures(v, s.l1)
	for i := 0; i < n; i++ {
		var l2 lanes
		var sum2 [nLabels]int32
		copy(sum2[:], s.base2[i*nLabels:])
		for _, f := range s.stk[s.stkOff[i]:s.stkOff[i+1]] {
			l2.add(rows[2*int(f&mask)+1])
			if l2.n == maxLaneRows {
				l2.sums(&sum2)
			}
		}
		l2.sums(&sum2)
		e := s.em[i*nLabels : i*nLabels+nLabels]
		for y := range sum2 {
			e[y] = float32(sum2[y]) * m2.scale[y]
		}
	}
	s.l2 = grow(s.l2, n)
	for _, sq := range v.seqs {
		m2.decode(s, v.cls, sq.lo, sq.hi, s.l2)
	}
}

// tagLevel computes the emissions of this level and decodes every
// paragraph into out.
func (m *Model) tagLevel(v *view, s *scratch, syn, stack bool, out []int) {
	n := len(v.lower)
	mask := m.mask()
	s.em = grow(s.em, n*nLabels)
	q := m.q
	for i := 0; i < n; i++ {
		var sum [nLabels]int32
		sum = addWeights(q, mask, s.feats[s.off[i]:s.off[i+1]], sum)
		if stack {
			sum = addWeights(q, mask, s.stk[s.stkOff[i]:s.stkOff[i+1]], sum)
		}
		if syn {
			sum = addWeights(q, mask, s.syn[s.synOff[i]:s.synOff[i+1]], sum)
		}
		e := s.em[i*nLabels : i*nLabels+nLabels]
		for y := range sum {
			e[y] = float32(sum[y]) * m.scale[y]
		}
	}
	for _, sq := range v.seqs {
		m.decode(s, v.cls, sq.lo, sq.hi, out)
	}
}

// addWeights adds the int8 weights of features fs to sum.
func addWeights(q []int8, mask uint32, fs []uint32, sum [nLabels]int32) [nLabels]int32 {
	for _, f := range fs {
		j := int(f&mask) * nLabels
		ws := (*[nLabels]int8)(q[j : j+nLabels])
		sum[0] += int32(ws[0])
		sum[1] += int32(ws[1])
		sum[2] += int32(ws[2])
		sum[3] += int32(ws[3])
		sum[4] += int32(ws[4])
		sum[5] += int32(ws[5])
		sum[6] += int32(ws[6])
	}
	return sum
}

// decode is the Viterbi search of viterbi over precomputed emissions.
func (m *Model) decode(s *scratch, cls []uint8, lo, hi int, out []int) {
	n := hi - lo
	if n == 0 {
		return
	}
	em := s.em[lo*nLabels : hi*nLabels]
	neg := float32(math.Inf(-1))
	s.score = grow(s.score, n*nLabels)
	s.back = grow(s.back, n*nLabels)
	score, back := s.score, s.back
	for y := 0; y < nLabels; y++ {
		if valid(nLabels, y) {
			score[y] = em[y] + m.trans[nLabels][y] + m.ctrans[cls[lo]][nLabels][y]
		} else {
			score[y] = neg
		}
	}
	for i := 1; i < n; i++ {
		ct := &m.ctrans[cls[lo+i]]
		prev := (*[nLabels]float32)(score[(i-1)*nLabels : i*nLabels])
		cur := (*[nLabels]float32)(score[i*nLabels : (i+1)*nLabels])
		e := (*[nLabels]float32)(em[i*nLabels : (i+1)*nLabels])
		bk := (*[nLabels]int8)(back[i*nLabels : (i+1)*nLabels])
		// O and B labels may follow any label; candidates in label order.
		for _, y := range [...]int{lO, lBC, lBS, lBQ} {
			best, bi := neg, 0
			for p := 0; p < nLabels; p++ {
				if s := prev[p] + m.trans[p][y] + ct[p][y]; s > best {
					best, bi = s, p
				}
			}
			cur[y] = best + e[y]
			bk[y] = int8(bi)
		}
		// An I label follows only its B (y-1) or itself.
		for _, y := range [...]int{lIC, lIS, lIQ} {
			best, bi := neg, 0
			if s := prev[y-1] + m.trans[y-1][y] + ct[y-1][y]; s > best {
				best, bi = s, y-1
			}
			if s := prev[y] + m.trans[y][y] + ct[y][y]; s > best {
				best, bi = s, y
			}
			cur[y] = best + e[y]
			bk[y] = int8(bi)
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

// prepare fills the per-token and per-sentence tables of v.
func (s *scratch) prepare(v *view) {
	n := len(v.lower)
	s.seqOf = grow(s.seqOf, n)
	for k, sq := range v.seqs {
		for i := sq.lo; i < sq.hi; i++ {
			s.seqOf[i] = int32(k)
		}
	}
	s.pb = grow(s.pb, n)
	s.capTok = grow(s.capTok, n)
	s.prevCue = grow(s.prevCue, n)
	s.nextCue = grow(s.nextCue, n)
	s.prevComma = grow(s.prevComma, n)
	s.nextComma = grow(s.nextComma, n)
	pc, pm := int32(-1), int32(-1)
	for i := 0; i < n; i++ {
		w := v.lower[i]
		if b, ok := v.lx.prob[w]; ok {
			s.pb[i] = int16(b)
		} else {
			s.pb[i] = -1
		}
		t := v.d.Tokens[i].Text
		s.capTok[i] = t != "" && t != w && !isPunct(t)
		s.prevCue[i], s.prevComma[i] = pc, pm
		if v.cue[i] {
			pc = int32(i)
		}
		if w == "," {
			pm = int32(i)
		}
	}
	nc, nm := int32(n), int32(n)
	for i := n - 1; i >= 0; i-- {
		s.nextCue[i], s.nextComma[i] = nc, nm
		if v.cue[i] {
			nc = int32(i)
		}
		if v.lower[i] == "," {
			nm = int32(i)
		}
	}
	ns := len(v.d.Sentences)
	s.sentCue = grow(s.sentCue, ns)
	s.sentQ = grow(s.sentQ, ns)
	clear(s.sentCue)
	clear(s.sentQ)
	for i := 0; i < n; i++ {
		if v.cue[i] {
			s.sentCue[v.sent[i]] = true
		}
		if v.qstate[i] >= 2 {
			s.sentQ[v.sent[i]] = true
		}
	}
}

// pbPart is the hashed "pb" part of token j of paragraph [lo, hi).
func (s *scratch) pbPart(x uint64, j, lo, hi int) uint64 {
	if j < lo || j >= hi {
		return hb(x, '|')
	}
	if b := s.pb[j]; b >= 0 {
		return hr(x, rune(b))
	}
	return hb(x, '_')
}

// shapeOf writes shape(tok) into buf.
func shapeOf(buf []byte, tok string) []byte {
	buf = buf[:0]
	var last rune
	n := 0
	for _, r := range tok {
		var c rune
		switch {
		case r < utf8.RuneSelf:
			switch {
			case r >= 'A' && r <= 'Z':
				c = 'X'
			case r >= 'a' && r <= 'z':
				c = 'x'
			case r >= '0' && r <= '9':
				c = 'd'
			default:
				c = r
			}
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c != last {
			buf = utf8.AppendRune(buf, c)
			last = c
			n++
			if n > 5 {
				break
			}
		}
	}
	return buf
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func suffix3(s string) string {
	if isASCII(s) {
		if len(s) <= 3 {
			return s
		}
		return s[len(s)-3:]
	}
	return suffix(s, 3)
}

func prefix3(s string) string {
	if isASCII(s) {
		if len(s) <= 3 {
			return s
		}
		return s[:3]
	}
	return prefix(s, 3)
}

func b01(b bool) byte {
	if b {
		return '1'
	}
	return '0'
}

// baseFeatures hashes the level-independent features of every token (all
// but the stack and syntax ones) into s.feats.
func (s *scratch) baseFeatures(v *view) {
	n := len(v.lower)
	sents := v.d.Sentences
	s.off = grow(s.off, n+1)
	f := s.feats[:0]
	nm := &names
	for i := 0; i < n; i++ {
		s.off[i] = int32(len(f))
		si := v.sent[i]
		st := sents[si]
		sq := v.seqs[s.seqOf[i]]
		lo, hi := sq.lo, sq.hi
		in := func(j int) bool { return j >= lo && j < hi }
		ww := func(x uint64, j int) uint64 {
			if j < lo {
				return hs(x, "<p>")
			}
			if j >= hi {
				return hs(x, "</p>")
			}
			return hs(x, v.lower[j])
		}
		w0 := v.lower[i]
		tok := v.d.Tokens[i].Text
		f = append(f,
			fold(nm.b),
			fold(hs(nm.w, w0)),
			fold(ww(nm.wm1, i-1)),
			fold(ww(nm.wm2, i-2)),
			fold(ww(nm.wp1, i+1)),
			fold(ww(nm.wp2, i+2)),
			fold(hs(ww(nm.wm1w, i-1), w0)),
			fold(ww(hs(nm.wwp1, w0), i+1)),
			fold(ww(ww(nm.wm2wm1, i-2), i-1)),
			fold(ww(ww(nm.wp1wp2, i+1), i+2)),
		)
		s.shape = shapeOf(s.shape, tok)
		sh := s.shape
		f = append(f,
			fold(hs(nm.sh, string(sh))),
			fold(hs(nm.suf, suffix3(w0))),
			fold(hs(nm.pre, prefix3(w0))),
		)
		q := qnames[v.qstate[i]][0]
		qp, qn := byte('<'), byte('>')
		if in(i - 1) {
			qp = qnames[v.qstate[i-1]][0]
		}
		if in(i + 1) {
			qn = qnames[v.qstate[i+1]][0]
		}
		f = append(f,
			fold(hb(nm.q, q)),
			fold(hb(hb(hb(nm.q3, qp), q), qn)),
			fold(hs(hb(nm.qw, q), w0)),
		)
		dl, dr := -1, -1
		if j := int(s.prevCue[i]); j >= st.TokenStart {
			dl = i - j
		}
		if j := int(s.nextCue[i]); j < st.TokenEnd {
			dr = j - i
		}
		bl, br := byte('-'), byte('-')
		if dl > 0 {
			bl = bucket(dl)
			f = append(f, fold(hb(hs(nm.cwL, v.lower[i-dl]), bl)))
		}
		if dr > 0 {
			br = bucket(dr)
			f = append(f, fold(hb(hs(nm.cwR, v.lower[i+dr]), br)))
		}
		sc := b01(s.sentCue[si])
		pc, nc := byte('-'), byte('-')
		if si > 0 && in(sents[si-1].TokenStart) {
			pc = b01(s.sentCue[si-1])
		}
		if si+1 < len(sents) && in(sents[si+1].TokenStart) {
			nc = b01(s.sentCue[si+1])
		}
		f = append(f,
			fold(hb(nm.cL, bl)),
			fold(hb(nm.cR, br)),
			fold(hb(hb(nm.cLR, bl), br)),
			fold(hb(hb(hb(nm.cLRq, bl), br), q)),
			fold(hs(hb(nm.cLw, bl), w0)),
			fold(hs(hb(nm.cRw, br), w0)),
			fold(hs(hb(nm.cue, b01(v.cue[i])), w0)),
			fold(hb(hb(hb(nm.sc, pc), sc), nc)),
			fold(hb(hb(hb(nm.sq, b01(s.sentQ[si])), q), sc)),
		)
		pos := "m"
		switch {
		case i == st.TokenStart:
			pos = "f"
		case i == st.TokenEnd-1:
			pos = "l"
		case i == st.TokenEnd-2:
			pos = "l2"
		}
		rel := rune('0' + 5*(i-st.TokenStart)/max(1, st.TokenEnd-st.TokenStart))
		capb := i > st.TokenStart && len(sh) > 0 && sh[0] == 'X'
		f = append(f,
			fold(hs(nm.pos, pos)),
			fold(hs(hs(nm.posw, pos), w0)),
			fold(hb(hb(hr(nm.rel, rel), bl), br)),
			fold(hb(hb(nm.psent, b01(si == v.sent[lo])), b01(v.qstate[lo] == 2))),
			fold(hb(hb(hb(nm.cap, b01(capb)), bl), br)),
			fold(s.pbPart(nm.pb, i, lo, hi)),
			fold(s.pbPart(s.pbPart(s.pbPart(nm.pb3, i-1, lo, hi), i, lo, hi), i+1, lo, hi)),
			fold(hs(s.pbPart(nm.pbw, i, lo, hi), w0)),
			fold(hs(hs(nm.first, v.lower[st.TokenStart]), pos)),
			fold(hb(hb(nm.dse, bucket(i-st.TokenStart)), bucket(st.TokenEnd-1-i))),
		)
		cl, cr := byte('-'), byte('-')
		if j := int(s.prevComma[i]); j >= st.TokenStart {
			cl = bucket(i - j)
		}
		if j := int(s.nextComma[i]); j < st.TokenEnd {
			cr = bucket(j - i)
		}
		f = append(f, fold(hb(hb(hb(hb(nm.comma, cl), cr), bl), br)))
		if dl > 0 && i-dl+1 < n {
			f = append(f, fold(hb(hs(nm.cuenext, v.lower[i-dl+1]), bl)))
		}
		capAt := func(j int) bool { return in(j) && s.capTok[j] }
		if capAt(i) {
			f = append(f, fold(hb(hb(hb(hb(nm.caprun, b01(capAt(i-1))), b01(capAt(i+1))), bl), br)))
		}
		if si > 0 && in(sents[si-1].TokenEnd-1) {
			f = append(f, fold(hs(hb(hb(nm.prevend, qnames[v.qstate[sents[si-1].TokenEnd-1]][0]), b01(s.sentCue[si-1])), pos)))
		}
	}
	s.off[n] = int32(len(f))
	s.feats = f
}

// syntaxFeatures hashes the syntax features of every token into s.syn.
func (s *scratch) syntaxFeatures(v *view) {
	n := len(v.lower)
	s.synOff = grow(s.synOff, n+1)
	f := s.syn[:0]
	nm := &names
	tr := v.tree()
	for i := 0; i < n; i++ {
		s.synOff[i] = int32(len(f))
		f = appendTreeFeatures(f, v, tr, i)
		t := &v.d.Tokens[i]
		st := v.d.Sentences[v.sent[i]]
		f = append(f, fold(hs(nm.upos, t.UPOS)), fold(hs(nm.dep, t.Deprel)))
		hd := st.TokenStart + t.Head - 1
		if t.Head > 0 && hd < n {
			f = append(f,
				fold(hb(hs(nm.hdcue, t.Deprel), b01(v.cue[hd]))),
				fold(hs(hs(nm.hdw, t.Deprel), v.lower[hd])))
		}
	}
	s.synOff[n] = int32(len(f))
	s.syn = f
}

// stackFeatures hashes the features of the level-1 labels into s.stk.
func (s *scratch) stackFeatures(v *view, stack []int) {
	n := len(v.lower)
	s.stkOff = grow(s.stkOff, n+1)
	for k := range 2 {
		s.prevRole[k] = grow(s.prevRole[k], n)
		s.nextRole[k] = grow(s.nextRole[k], n)
	}
	p := [2]int32{-1, -1}
	for i := 0; i < n; i++ {
		r := roleOf(stack[i])
		s.prevRole[0][i], s.prevRole[1][i] = p[0], p[1]
		if r == 2 || r == 3 {
			p[r-2] = int32(i)
		}
	}
	p = [2]int32{int32(n), int32(n)}
	for i := n - 1; i >= 0; i-- {
		r := roleOf(stack[i])
		s.nextRole[0][i], s.nextRole[1][i] = p[0], p[1]
		if r == 2 || r == 3 {
			p[r-2] = int32(i)
		}
	}
	sents := v.d.Sentences
	s.sentHas = grow(s.sentHas, len(sents))
	for k, st := range sents {
		var has [4]bool
		for j := st.TokenStart; j < st.TokenEnd && j < n; j++ {
			has[roleOf(stack[j])] = true
		}
		s.sentHas[k] = has
	}
	f := s.stk[:0]
	tb := stackTab
	for i := 0; i < n; i++ {
		s.stkOff[i] = int32(len(f))
		si := v.sent[i]
		st := sents[si]
		sq := v.seqs[s.seqOf[i]]
		lo, hi := sq.lo, sq.hi
		code := func(j int) int {
			if j < lo || j >= hi {
				return nLabels
			}
			return stack[j]
		}
		l0 := stack[i]
		cm2, cm1, cp1, cp2 := code(i-2), code(i-1), code(i+1), code(i+2)
		f = append(f,
			tb.s0[l0],
			tb.sm1[cm1][l0],
			tb.sp1[l0][cp1],
			tb.s3[cm1][l0][cp1],
			tb.sm2[cm2][cm1][l0],
			tb.sp2[l0][cp1][cp2],
			fold(hs(tb.s0w[l0], v.lower[i])),
		)
		for k := range 2 {
			dl, dr := 0, 0
			if j := int(s.prevRole[k][i]); j >= st.TokenStart {
				dl = int(bucket(i-j)-'0') + 1
			}
			if j := int(s.nextRole[k][i]); j < st.TokenEnd {
				dr = int(bucket(j-i)-'0') + 1
			}
			f = append(f, tb.sd[k][dl][dr][l0])
		}
		has := s.sentHas[si]
		f = append(f, tb.ssent[b2i(has[1])][b2i(has[2])][b2i(has[3])][l0])
	}
	s.stkOff[n] = int32(len(f))
	s.stk = f
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// nCodes counts the level-1 label codes of the stack features: the labels
// and nLabels for a token outside the paragraph ("|").
const nCodes = nLabels + 1

func codePart(c int) string {
	if c == nLabels {
		return "|"
	}
	return labelNames[c]
}

// stackTables are the stack features' ids by their parts, which all come
// from small sets (s0w: the state before the word).
type stackTables struct {
	s0    [nLabels]uint32
	sm1   [nCodes][nLabels]uint32
	sp1   [nLabels][nCodes]uint32
	s3    [nCodes][nLabels][nCodes]uint32
	sm2   [nCodes][nCodes][nLabels]uint32
	sp2   [nLabels][nCodes][nCodes]uint32
	s0w   [nLabels]uint64
	sd    [2][10][10][nLabels]uint32 // role s/q, bucket index ('-' 0, '0'+k k+1)
	ssent [2][2][2][nLabels]uint32
}

// stackTab is read-only after init.
var stackTab = newStackTables()

func newStackTables() *stackTables {
	t := &stackTables{}
	nm := &names
	bpart := func(k int) byte {
		if k == 0 {
			return '-'
		}
		return byte('0' + k - 1)
	}
	for l := 0; l < nLabels; l++ {
		l0 := labelNames[l]
		t.s0[l] = fold(hs(nm.s0, l0))
		t.s0w[l] = hs(nm.s0w, l0)
		for a := 0; a < nCodes; a++ {
			t.sm1[a][l] = fold(hs(hs(nm.sm1, codePart(a)), l0))
			t.sp1[l][a] = fold(hs(hs(nm.sp1, l0), codePart(a)))
			for b := 0; b < nCodes; b++ {
				t.s3[a][l][b] = fold(hs(hs(hs(nm.s3, codePart(a)), l0), codePart(b)))
				t.sm2[a][b][l] = fold(hs(hs(hs(nm.sm2, codePart(a)), codePart(b)), l0))
				t.sp2[l][a][b] = fold(hs(hs(hs(nm.sp2, l0), codePart(a)), codePart(b)))
			}
		}
		for k, role := range [2]byte{'s', 'q'} {
			for dl := 0; dl < 10; dl++ {
				for dr := 0; dr < 10; dr++ {
					t.sd[k][dl][dr][l] = fold(hs(hb(hb(hb(nm.sd, role), bpart(dl)), bpart(dr)), l0))
				}
			}
		}
		for a := 0; a < 2; a++ {
			for b := 0; b < 2; b++ {
				for c := 0; c < 2; c++ {
					t.ssent[a][b][c][l] = fold(hs(hb(hb(hb(nm.ssent, b01(a == 1)), b01(b == 1)), b01(c == 1)), l0))
				}
			}
		}
	}
	return t
}
