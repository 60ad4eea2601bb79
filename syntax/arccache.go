package syntax

// arcCache holds, for one sentence, the transition scores of the feature
// groups that do not change from one transition to the next: those of
// each token as s0 (s0Features) and as s1 (s1Features), and those of each
// buffer position (bufferFeatures). Greedy parsing takes 2n transitions
// but sees each token as s0 and each buffer position only about once or
// twice, so the cache saves a fifth of the weight-table lookups, most of
// them on word features, the ones that miss the CPU cache. Scores are
// integer sums, so the order of addition does not change them.
type arcCache struct {
	s0, s1, b []arcVec
	ok        []uint8 // per index: bit 0 s0, bit 1 s1, bit 2 b valid
	feats     []uint32
}

type arcVec [nActs]int32

// reset prepares the cache for a sentence of n tokens. Indexes: s0 in
// 0..n, s1+1 in 0..n+1, b in 1..n+1.
func (c *arcCache) reset(n int) {
	m := n + 2
	if cap(c.ok) < m {
		c.s0 = make([]arcVec, m)
		c.s1 = make([]arcVec, m)
		c.b = make([]arcVec, m)
		c.ok = make([]uint8, m)
	}
	c.s0, c.s1, c.b, c.ok = c.s0[:m], c.s1[:m], c.b[:m], c.ok[:m]
	clear(c.ok)
}

// add adds the cached group scores of the state st (computing those not
// yet cached with arcs) to scores.
func (c *arcCache) add(arcs *linear, st *parseState, scores []int32) {
	s0 := st.s0()
	s1 := -1
	if len(st.stack) > 1 {
		s1 = st.stack[len(st.stack)-2]
	}
	b := st.b
	if c.ok[s0]&1 == 0 {
		c.feats = st.s0Features(c.feats[:0], s0)
		arcs.score(c.feats, c.s0[s0][:])
		c.ok[s0] |= 1
	}
	if c.ok[s1+1]&2 == 0 {
		c.feats = st.s1Features(c.feats[:0], s1)
		arcs.score(c.feats, c.s1[s1+1][:])
		c.ok[s1+1] |= 2
	}
	if c.ok[b]&4 == 0 {
		c.feats = st.bufferFeatures(c.feats[:0], b)
		arcs.score(c.feats, c.b[b][:])
		c.ok[b] |= 4
	}
	v0, v1, vb := &c.s0[s0], &c.s1[s1+1], &c.b[b]
	for a := range scores[:nActs] {
		scores[a] += v0[a] + v1[a] + vb[a]
	}
}
