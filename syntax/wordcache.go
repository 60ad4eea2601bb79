package syntax

import "strings"

// wordCacheSize is the number of distinct words a worker's wordCache holds
// (about 1.7 MB for a two-pass tagger of 102 tags).
const wordCacheSize = 2048

// wordCache is a per-worker cache of the scores of the tagger's word
// features (wordFeatures) for both tagging passes, keyed by the word's
// form, flags and the sentence's capitalization profile, which determine
// them. A third of the tagger's features are word features, and frequent
// words make up most of any text, so the cache saves most of their
// weight-table lookups. Scores are integer sums, so the results are those
// of scoring all features at once.
type wordCache struct {
	t     *Tagger
	m     map[wordKey]int32 // -> entry
	vecs  []int32           // per entry, 2 passes x nc scores
	nc    int
	n     int     // entries used
	slot  []int32 // per word of the current sentence: its entry
	feats []uint32
}

type wordKey struct {
	form        string
	flags, prof uint64
}

// prepare looks up or computes the word-feature scores of the words of the
// sentence (forms, prepared as ws) for tagger t. It returns false, and the
// caller scores all features itself, for sentences longer than the cache.
func (c *wordCache) prepare(t *Tagger, forms []string, ws []wordInfo) bool {
	n := len(forms)
	if n > wordCacheSize || t.lin == nil {
		return false
	}
	if c.t != t {
		c.t, c.nc, c.n = t, t.lin.nClasses, 0
		c.m = make(map[wordKey]int32, wordCacheSize)
		c.vecs = make([]int32, wordCacheSize*2*c.nc)
	}
	if c.n+n > wordCacheSize {
		// Full: start again (the sentence's words must all fit).
		clear(c.m)
		c.n = 0
	}
	c.slot = growInt32(c.slot, n)
	prof := ws[0].st
	mode := t.mode()
	nc := c.nc
	for i, f := range forms {
		w := &ws[i+2]
		k := wordKey{f, w.flags, prof}
		e, ok := c.m[k]
		if !ok {
			e = int32(c.n)
			c.n++
			k.form = strings.Clone(f) // do not keep the document's text alive
			c.m[k] = e
			off := int(e) * 2 * nc
			c.feats = wordFeatures(c.feats[:0], w, prof, mode)
			t.lin.score(c.feats, c.vecs[off:off+nc])
			if t.lin2 != nil {
				t.lin2.score(c.feats, c.vecs[off+nc:off+2*nc])
			}
		}
		c.slot[i] = e
	}
	return true
}

// scores returns the word-feature scores of word i of the prepared
// sentence for tagging pass 0 or 1.
func (c *wordCache) scores(i, pass int) []int32 {
	off := (int(c.slot[i])*2 + pass) * c.nc
	return c.vecs[off : off+c.nc]
}

func growInt32(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}
