package syntax

import (
	"errors"
	"sort"
)

var errBadClusters = errors.New("bad word cluster table")

// WordClusters are distributional word classes computed from unlabeled
// text (the exchange clusters of the ner package, built from news): per
// word, its class at three nested granularities (64, 256 and 1024 classes),
// and per lowercased word a bucket 1..5 of how often it is written in lower
// case (1: never ... 5: almost always).
type WordClusters struct {
	Class map[string][3]uint16
	Lower map[string]uint8
}

// clusterTable is the run-time form of WordClusters: form hash -> packed
// classes, and salted lowercased-form hash -> lower-case bucket.
type clusterTable struct {
	m     map[uint64]uint32
	words []string // kept for saving, sorted
	class [][3]uint16
	lw    []string
	lb    []uint8
}

const lowerSalt = 0x6c6f776572 // "lower"

// packClasses packs the three classes with a marker bit, so 0 means
// unknown: c64 is v>>18, c256 is v>>10 (with c64), c1024 is v.
func packClasses(c [3]uint16) uint32 {
	return 1<<24 | uint32(c[0]&63)<<18 | uint32(c[1]&255)<<10 | uint32(c[2]&1023)
}

func newClusterTable(wc *WordClusters) *clusterTable {
	if wc == nil || len(wc.Class) == 0 {
		return nil
	}
	t := &clusterTable{m: make(map[uint64]uint32, len(wc.Class)+len(wc.Lower))}
	for w := range wc.Class {
		t.words = append(t.words, w)
	}
	sort.Strings(t.words)
	for _, w := range t.words {
		t.class = append(t.class, wc.Class[w])
	}
	for w := range wc.Lower {
		t.lw = append(t.lw, w)
	}
	sort.Strings(t.lw)
	for _, w := range t.lw {
		t.lb = append(t.lb, wc.Lower[w])
	}
	t.index()
	return t
}

func (t *clusterTable) index() {
	t.m = make(map[uint64]uint32, len(t.words)+len(t.lw))
	for i, w := range t.words {
		t.m[hashString(w)] = packClasses(t.class[i])
	}
	for i, w := range t.lw {
		t.m[hashString(w)^lowerSalt] |= uint32(t.lb[i]&7) << 28
	}
}

// lookup returns the packed classes of a form (exact spelling first, then
// lowercased; 0 if unknown) and its lower-case bucket (0 if unknown).
func (t *clusterTable) lookup(form string, lower uint64) (uint32, uint64) {
	if t == nil {
		return 0, 0
	}
	v := t.m[hashString(form)] & (1<<25 - 1)
	if v == 0 {
		v = t.m[lower] & (1<<25 - 1)
	}
	b := uint64(t.m[lower^lowerSalt] >> 28)
	return v, b
}

func (t *clusterTable) encode(e *encoder) {
	if t == nil {
		e.uvarint(0)
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(len(t.words)))
	for i, w := range t.words {
		e.string(w)
		for _, c := range t.class[i] {
			e.uvarint(uint64(c))
		}
	}
	e.uvarint(uint64(len(t.lw)))
	for i, w := range t.lw {
		e.string(w)
		e.byte(t.lb[i])
	}
}

func decodeClusterTable(d *decoder) *clusterTable {
	n := d.uvarint()
	if n > 1<<24 {
		d.fail(errBadClusters)
		return nil
	}
	t := &clusterTable{}
	for i := uint64(0); i < n && d.err == nil; i++ {
		t.words = append(t.words, d.string())
		var c [3]uint16
		for j := range c {
			c[j] = uint16(d.uvarint())
		}
		t.class = append(t.class, c)
	}
	n = d.uvarint()
	if n > 1<<24 {
		d.fail(errBadClusters)
		return nil
	}
	for i := uint64(0); i < n && d.err == nil; i++ {
		t.lw = append(t.lw, d.string())
		t.lb = append(t.lb, d.byte())
	}
	if d.err != nil || len(t.words) == 0 {
		return nil
	}
	t.index()
	return t
}
