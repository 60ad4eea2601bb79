package ner

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Clusters maps a word to its distributional classes at three nested
// granularities (64, 256 and 1024 classes), computed by exchange clustering
// (Martin, Liermann and Ney 1998; the class-bigram mutual information
// objective of Brown et al. 1992) on unlabeled news text, and records how
// often each lowercased form is written in lower case there.
type Clusters struct {
	// Class holds the class ids of a word: [c64, c256, c1024].
	Class map[string][3]uint16
	// Lower holds a bucket 1..5 of the share of lower-case spellings of a
	// lowercased form (1: never lower case ... 5: almost always).
	Lower map[string]uint8
}

// ClusterOptions sets the size of the clustering.
type ClusterOptions struct {
	MinCount   int // words rarer than this share one unknown class (default 3)
	Iterations int // exchange passes over the vocabulary (default 8)
}

// newsRecord is the part of a news JSON line the clustering reads.
type newsRecord struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// ReadNewsSentences reads JSON Lines news records (title and text) and
// returns their sentences as token lists, using a light tokenizer.
func ReadNewsSentences(ctx context.Context, r io.Reader, out [][]string) ([][]string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		if n%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var rec newsRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("news line %d: %w", n, err)
		}
		for _, para := range append([]string{rec.Title}, strings.Split(rec.Text, "\n")...) {
			toks := simpleTokens(para, nil)
			start := 0
			for i, t := range toks {
				if t == "." || t == "?" || t == "!" {
					if i+1 > start {
						out = append(out, toks[start:i+1])
					}
					start = i + 1
				}
			}
			if start < len(toks) {
				out = append(out, toks[start:])
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading news: %w", err)
	}
	return out, nil
}

// bigrams is a sparse item bigram table in compressed rows.
type bigrams struct {
	n          int
	count      []float64
	rs, ls     []int32 // row starts, len n+1
	rIdx, lIdx []int32
	rCnt, lCnt []float64
	selfCount  []float64
}

func buildBigrams(n int, count []float64, pairs map[uint64]float64) *bigrams {
	b := &bigrams{n: n, count: count, selfCount: make([]float64, n)}
	keys := make([]uint64, 0, len(pairs))
	for k := range pairs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	rdeg := make([]int32, n+1)
	ldeg := make([]int32, n+1)
	for _, k := range keys {
		u, v := int32(k>>32), int32(uint32(k))
		if u == v {
			b.selfCount[u] += pairs[k]
			continue
		}
		rdeg[u+1]++
		ldeg[v+1]++
	}
	for i := 0; i < n; i++ {
		rdeg[i+1] += rdeg[i]
		ldeg[i+1] += ldeg[i]
	}
	b.rs, b.ls = rdeg, ldeg
	m := rdeg[n]
	b.rIdx, b.rCnt = make([]int32, m), make([]float64, m)
	b.lIdx, b.lCnt = make([]int32, m), make([]float64, m)
	rp := append([]int32(nil), rdeg[:n]...)
	lp := append([]int32(nil), ldeg[:n]...)
	for _, k := range keys {
		u, v := int32(k>>32), int32(uint32(k))
		if u == v {
			continue
		}
		c := pairs[k]
		b.rIdx[rp[u]], b.rCnt[rp[u]] = v, c
		rp[u]++
		b.lIdx[lp[v]], b.lCnt[lp[v]] = u, c
		lp[v]++
	}
	return b
}

// xlogx caches x*log(x) for small integer counts.
type xlogx struct{ tab []float64 }

func newXlogx(n int) *xlogx {
	t := make([]float64, n)
	for i := 1; i < n; i++ {
		t[i] = float64(i) * math.Log(float64(i))
	}
	return &xlogx{t}
}

func (f *xlogx) at(x float64) float64 {
	if x <= 0 {
		return 0
	}
	if i := int(x); float64(i) == x && i < len(f.tab) {
		return f.tab[i]
	}
	return x * math.Log(x)
}

// exchange moves items between k classes to maximize the class bigram
// objective sum N(c,d)logN(c,d) - 2 sum N(c)logN(c). cand lists the classes
// an item may move to (nil: all). It returns the number of moves per pass.
func exchange(ctx context.Context, b *bigrams, cls []int32, k int, iters int, cand func(w int) (lo, hi int)) error {
	f := newXlogx(1 << 20)
	N := make([]float64, k*k)
	Nc := make([]float64, k)
	for u := 0; u < b.n; u++ {
		Nc[cls[u]] += b.count[u]
		N[int(cls[u])*k+int(cls[u])] += b.selfCount[u]
		for p := b.rs[u]; p < b.rs[u+1]; p++ {
			N[int(cls[u])*k+int(cls[b.rIdx[p]])] += b.rCnt[p]
		}
	}
	R := make([]float64, k) // counts of (w, class d)
	L := make([]float64, k) // counts of (class c, w)
	var rt, lt []int32
	for it := 0; it < iters; it++ {
		moves := 0
		for w := 0; w < b.n; w++ {
			if w%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			a := int(cls[w])
			rt, lt = rt[:0], lt[:0]
			for p := b.rs[w]; p < b.rs[w+1]; p++ {
				d := cls[b.rIdx[p]]
				if R[d] == 0 {
					rt = append(rt, d)
				}
				R[d] += b.rCnt[p]
			}
			for p := b.ls[w]; p < b.ls[w+1]; p++ {
				c := cls[b.lIdx[p]]
				if L[c] == 0 {
					lt = append(lt, c)
				}
				L[c] += b.lCnt[p]
			}
			self := b.selfCount[w]
			nw := b.count[w]
			// remove w from a
			for _, d := range rt {
				N[a*k+int(d)] -= R[d]
			}
			for _, c := range lt {
				N[int(c)*k+a] -= L[c]
			}
			N[a*k+a] -= self
			Nc[a] -= nw
			lo, hi := 0, k
			if cand != nil {
				lo, hi = cand(w)
			}
			best, bestGain := a, math.Inf(-1)
			for bb := lo; bb < hi; bb++ {
				g := 0.0
				row := N[bb*k : bb*k+k]
				for _, d := range rt {
					if int(d) != bb {
						x := row[d]
						g += f.at(x+R[d]) - f.at(x)
					}
				}
				for _, c := range lt {
					if int(c) != bb {
						x := N[int(c)*k+bb]
						g += f.at(x+L[c]) - f.at(x)
					}
				}
				x := row[bb]
				g += f.at(x+R[bb]+L[bb]+self) - f.at(x)
				g -= 2 * (f.at(Nc[bb]+nw) - f.at(Nc[bb]))
				if g > bestGain+1e-9 || (bb == a && g >= bestGain-1e-9) {
					best, bestGain = bb, g
				}
			}
			// insert into best
			for _, d := range rt {
				N[best*k+int(d)] += R[d]
			}
			for _, c := range lt {
				N[int(c)*k+best] += L[c]
			}
			N[best*k+best] += self
			Nc[best] += nw
			if best != a {
				moves++
				cls[w] = int32(best)
			}
			for _, d := range rt {
				R[d] = 0
			}
			for _, c := range lt {
				L[c] = 0
			}
		}
		if moves == 0 {
			break
		}
	}
	return nil
}

// BuildClusters computes the word classes of sentences.
func BuildClusters(ctx context.Context, sents [][]string, opt ClusterOptions) (*Clusters, error) {
	if opt.MinCount <= 0 {
		opt.MinCount = 3
	}
	if opt.Iterations <= 0 {
		opt.Iterations = 8
	}
	freq := map[string]int{}
	lowerN := map[string][2]int{} // lowercased form -> [lower-case spellings, other spellings] (not sentence initial)
	for _, s := range sents {
		for i, w := range s {
			freq[w]++
			if i == 0 || !hasLetter(w) {
				continue
			}
			lw := strings.ToLower(w)
			c := lowerN[lw]
			if lw == w {
				c[0]++
			} else {
				c[1]++
			}
			lowerN[lw] = c
		}
	}
	words := make([]string, 0, len(freq))
	for w, c := range freq {
		if c >= opt.MinCount {
			words = append(words, w)
		}
	}
	sort.Slice(words, func(i, j int) bool {
		if freq[words[i]] != freq[words[j]] {
			return freq[words[i]] > freq[words[j]]
		}
		return words[i] < words[j]
	})
	id := make(map[string]int32, len(words))
	for i, w := range words {
		id[w] = int32(i)
	}
	unk, bos := int32(len(words)), int32(len(words)+1)
	n := len(words) + 2
	count := make([]float64, n)
	pairs := make(map[uint64]float64, 1<<20)
	for _, s := range sents {
		prev := bos
		count[bos]++
		for _, w := range s {
			cur, ok := id[w]
			if !ok {
				cur = unk
			}
			count[cur]++
			pairs[uint64(prev)<<32|uint64(uint32(cur))]++
			prev = cur
		}
		pairs[uint64(prev)<<32|uint64(uint32(bos))]++
	}
	bg := buildBigrams(n, count, pairs)
	pairs = nil
	// items sorted by frequency (bos and unk at the end of id order is fine)
	const k1, k2, k3 = 256, 1024, 64
	cls := make([]int32, n)
	for i := range cls {
		cls[i] = int32(i % k1)
	}
	if err := exchange(ctx, bg, cls, k1, opt.Iterations, nil); err != nil {
		return nil, err
	}
	// refine each of the 256 classes into 4
	fine := make([]int32, n)
	seen := make([]int32, k1)
	for i := range fine {
		c := cls[i]
		fine[i] = c*4 + seen[c]%4
		seen[c]++
	}
	if err := exchange(ctx, bg, fine, k2, opt.Iterations, func(w int) (int, int) {
		c := int(cls[w])
		return c * 4, c*4 + 4
	}); err != nil {
		return nil, err
	}
	// coarse: cluster the 256 classes into 64
	ccount := make([]float64, k1)
	cpairs := map[uint64]float64{}
	for u := 0; u < n; u++ {
		cu := cls[u]
		ccount[cu] += count[u]
		cpairs[uint64(cu)<<32|uint64(uint32(cu))] += bg.selfCount[u]
		for p := bg.rs[u]; p < bg.rs[u+1]; p++ {
			cpairs[uint64(cu)<<32|uint64(uint32(cls[bg.rIdx[p]]))] += bg.rCnt[p]
		}
	}
	// order class items by frequency for the pass order
	order := make([]int32, k1)
	for i := range order {
		order[i] = int32(i)
	}
	sort.SliceStable(order, func(i, j int) bool { return ccount[order[i]] > ccount[order[j]] })
	rank := make([]int32, k1)
	for r, c := range order {
		rank[c] = int32(r)
	}
	rc := make([]float64, k1)
	rp := make(map[uint64]float64, len(cpairs))
	for kk, v := range cpairs {
		u, w := rank[kk>>32], rank[uint32(kk)]
		rp[uint64(u)<<32|uint64(uint32(w))] = v
	}
	for c := 0; c < k1; c++ {
		rc[rank[c]] = ccount[c]
	}
	cb := buildBigrams(k1, rc, rp)
	coarse := make([]int32, k1)
	for i := range coarse {
		coarse[i] = int32(i % k3)
	}
	if err := exchange(ctx, cb, coarse, k3, 20, nil); err != nil {
		return nil, err
	}
	out := &Clusters{Class: make(map[string][3]uint16, len(words)), Lower: map[string]uint8{}}
	for i, w := range words {
		c := cls[i]
		out.Class[w] = [3]uint16{uint16(coarse[rank[c]]), uint16(c), uint16(fine[i])}
	}
	for lw, c := range lowerN {
		tot := c[0] + c[1]
		if tot < 2 {
			continue
		}
		fr := float64(c[0]) / float64(tot)
		var b uint8
		switch {
		case fr < 0.01:
			b = 1
		case fr < 0.1:
			b = 2
		case fr < 0.5:
			b = 3
		case fr < 0.9:
			b = 4
		default:
			b = 5
		}
		out.Lower[lw] = b
	}
	return out, nil
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// WriteClusters writes the tables as gzip'd TSV lines: "c WORD C64 C256
// C1024" and "l LOWER BUCKET", sorted.
func WriteClusters(w io.Writer, c *Clusters) error {
	zw := gzip.NewWriter(w)
	bw := bufio.NewWriter(zw)
	words := make([]string, 0, len(c.Class))
	for k := range c.Class {
		words = append(words, k)
	}
	sort.Strings(words)
	for _, k := range words {
		v := c.Class[k]
		fmt.Fprintf(bw, "c\t%s\t%d\t%d\t%d\n", k, v[0], v[1], v[2])
	}
	words = words[:0]
	for k := range c.Lower {
		words = append(words, k)
	}
	sort.Strings(words)
	for _, k := range words {
		fmt.Fprintf(bw, "l\t%s\t%d\n", k, c.Lower[k])
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing clusters: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("writing clusters: %w", err)
	}
	return nil
}

// ReadClusters reads tables written by WriteClusters.
func ReadClusters(r io.Reader) (*Clusters, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("reading clusters: %w", err)
	}
	defer zr.Close()
	c := &Clusters{Class: map[string][3]uint16{}, Lower: map[string]uint8{}}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		switch {
		case len(f) == 5 && f[0] == "c":
			var v [3]uint16
			for i := range v {
				n, err := strconv.Atoi(f[2+i])
				if err != nil {
					return nil, fmt.Errorf("reading clusters: %w", err)
				}
				v[i] = uint16(n)
			}
			c.Class[f[1]] = v
		case len(f) == 3 && f[0] == "l":
			n, err := strconv.Atoi(f[2])
			if err != nil {
				return nil, fmt.Errorf("reading clusters: %w", err)
			}
			c.Lower[f[1]] = uint8(n)
		default:
			return nil, fmt.Errorf("reading clusters: bad line %q", sc.Text())
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading clusters: %w", err)
	}
	return c, nil
}

// Clusters returns the word cluster table of the model (shared, read-only).
func (m *Model) Clusters() *Clusters { return m.res.clusters }
