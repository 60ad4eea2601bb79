package syntax

import (
	"fmt"
	"math"
	"sort"
)

// perceptron is a multiclass averaged perceptron used for training. Rows
// are created on first update; features never updated carry no weight.
type perceptron struct {
	nClasses int
	index    map[uint32]int32
	keys     []uint32
	w        []float32 // row*nClasses + class
	acc      []float32 // sum of t*delta, for averaging
	t        int       // number of instances seen
	// allow, when set, limits the features that may get a row.
	allow map[uint32]struct{}
}

func newPerceptron(nClasses int) *perceptron {
	return &perceptron{nClasses: nClasses, index: make(map[uint32]int32)}
}

// score adds the weights of feats to scores (len nClasses).
func (p *perceptron) score(feats []uint32, scores []float32) {
	for i := range scores {
		scores[i] = 0
	}
	c := p.nClasses
	for _, f := range feats {
		r, ok := p.index[f]
		if !ok {
			continue
		}
		row := p.w[int(r)*c : int(r)*c+c]
		for j, v := range row {
			scores[j] += v
		}
	}
}

func (p *perceptron) row(f uint32) int32 {
	r, ok := p.index[f]
	if ok {
		return r
	}
	if p.allow != nil {
		if _, ok := p.allow[f]; !ok {
			return -1
		}
	}
	r = int32(len(p.keys))
	p.index[f] = r
	p.keys = append(p.keys, f)
	p.w = append(p.w, make([]float32, p.nClasses)...)
	p.acc = append(p.acc, make([]float32, p.nClasses)...)
	return r
}

// tick counts one training instance (for averaging).
func (p *perceptron) tick() { p.t++ }

// update moves weights of feats toward good and away from bad by delta.
func (p *perceptron) update(feats []uint32, good, bad int, delta float32) {
	if good == bad {
		return
	}
	c := p.nClasses
	t := float32(p.t)
	for _, f := range feats {
		r := p.row(f)
		if r < 0 {
			continue
		}
		i := int(r) * c
		p.w[i+good] += delta
		p.acc[i+good] += t * delta
		p.w[i+bad] -= delta
		p.acc[i+bad] -= t * delta
	}
}

// averaged returns the averaged weights (same layout as w).
func (p *perceptron) averaged() []float32 {
	out := make([]float32, len(p.w))
	t := float32(p.t)
	if t == 0 {
		t = 1
	}
	for i, w := range p.w {
		out[i] = w - p.acc[i]/t
	}
	return out
}

// compile quantizes the averaged weights into an inference table. Weights
// whose quantized magnitude is below minQ are dropped.
func (p *perceptron) compile(minQ int) *linear {
	avg := p.averaged()
	maxAbs := float32(0)
	for _, v := range avg {
		if a := float32(math.Abs(float64(v))); a > maxAbs {
			maxAbs = a
		}
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	c := p.nClasses
	rows := make([]qrow, 0, len(p.keys))
	for r, k := range p.keys {
		var ents []uint32
		for j := 0; j < c; j++ {
			q := int(math.Round(float64(avg[r*c+j] / scale)))
			if q >= minQ || q <= -minQ {
				ents = append(ents, uint32(j)<<16|uint32(uint16(int16(q))))
			}
		}
		if len(ents) > 0 {
			rows = append(rows, qrow{k, ents})
		}
	}
	return buildLinear(c, scale, rows)
}

type qrow struct {
	key  uint32
	ents []uint32 // class<<16 | uint16(weight)
}

// linear is a read-only, quantized sparse weight table: feature key ->
// (class, int16 weight) entries, in an open-addressing hash table.
type linear struct {
	nClasses int
	scale    float32
	mask     uint32
	keys     []uint32 // per slot; 0 = empty
	start    []uint32 // per slot, len(keys)+1: entries of slot s are ents[start[s]:start[s+1]]
	ents     []uint32
	// slots interleaves keys and start for the lookup (one cache miss).
	slots []slot
	// dense replaces keys/start/ents for models of at most 4 classes: one
	// cache line per feature.
	dense []dslot
	// heavy holds the rows with many entries as dense rows of biased
	// weights, two classes per word (see heavyRow); such a row's entries in
	// ents are a single marker heavyMark<<16 | row number.
	heavy []uint64
	hw    int // words per heavy row, (nClasses+1)/2; 0: no heavy rows
}

// heavyMark is the class field of the marker entry of a heavy row.
const heavyMark = 0xffff

// heavyBias is added to every weight of a heavy row so that lanes never
// go negative: a sum of up to 65535 biased int16 weights fits a 32-bit
// lane without carrying into the next.
const heavyBias = 32768

// maxHeavyClasses bounds the classes of models with heavy rows (the
// accumulator of score lives on the stack).
const maxHeavyClasses = 128

// heavyMin is the number of entries from which a row is stored dense: one
// 64-bit add covers two classes, while each sparse entry is a scattered
// add of its own.
func heavyMin(nClasses int) int { return max(8, nClasses/4) }

type slot struct{ key, start uint32 }

type dslot struct {
	key uint32
	w   [4]int16
}

func buildLinear(nClasses int, scale float32, rows []qrow) *linear {
	size := 1
	for size < len(rows)*2 {
		size <<= 1
	}
	if size < 16 {
		size = 16
	}
	l := &linear{nClasses: nClasses, scale: scale, mask: uint32(size - 1)}
	l.keys = make([]uint32, size)
	slotRow := make([]int32, size)
	for i := range slotRow {
		slotRow[i] = -1
	}
	for i, r := range rows {
		s := r.key & l.mask
		for l.keys[s] != 0 && l.keys[s] != r.key {
			s = (s + 1) & l.mask
		}
		if l.keys[s] == r.key {
			continue // duplicate key: keep the first
		}
		l.keys[s] = r.key
		slotRow[s] = int32(i)
	}
	l.start = make([]uint32, size+1)
	n := 0
	for _, r := range rows {
		n += len(r.ents)
	}
	useHeavy := nClasses > 4 && nClasses <= maxHeavyClasses
	if useHeavy {
		l.hw = (nClasses + 1) / 2
	}
	l.ents = make([]uint32, 0, n)
	for s := 0; s < size; s++ {
		l.start[s] = uint32(len(l.ents))
		r := slotRow[s]
		if r < 0 {
			continue
		}
		ents := rows[r].ents
		if useHeavy && len(ents) >= heavyMin(nClasses) && len(l.heavy)/l.hw < 1<<16 {
			l.ents = append(l.ents, heavyMark<<16|uint32(len(l.heavy)/l.hw))
			l.heavy = append(l.heavy, heavyRow(nClasses, ents)...)
			continue
		}
		l.ents = append(l.ents, ents...)
	}
	l.start[size] = uint32(len(l.ents))
	l.slots = make([]slot, size+1)
	for s := 0; s <= size; s++ {
		l.slots[s].start = l.start[s]
		if s < size {
			l.slots[s].key = l.keys[s]
		}
	}
	if nClasses <= 4 {
		l.dense = make([]dslot, size)
		for s, k := range l.keys {
			l.dense[s].key = k
			for _, e := range l.ents[l.start[s]:l.start[s+1]] {
				l.dense[s].w[e>>16] = int16(uint16(e))
			}
		}
		l.slots, l.ents = nil, nil
	}
	// Only slots (or dense) are used from here on.
	l.keys, l.start = nil, nil
	return l
}

// heavyRow packs the entries of a row into words of two 32-bit lanes
// (class 2j low, class 2j+1 high), each weight plus heavyBias.
func heavyRow(nClasses int, ents []uint32) []uint64 {
	w := make([]int32, (nClasses+1)/2*2)
	for _, e := range ents {
		w[e>>16] += int32(int16(uint16(e)))
	}
	out := make([]uint64, len(w)/2)
	for j := range out {
		lo := uint64(uint32(min(max(w[2*j], -heavyBias), heavyBias-1) + heavyBias))
		hi := uint64(uint32(min(max(w[2*j+1], -heavyBias), heavyBias-1) + heavyBias))
		out[j] = lo | hi<<32
	}
	return out
}

// heavyEnts unpacks heavy row h into sparse entries (nonzero weights).
func (l *linear) heavyEnts(h int) []uint32 {
	var ents []uint32
	for j, v := range l.heavy[h*l.hw : h*l.hw+l.hw] {
		for k, lane := range [2]uint32{uint32(v), uint32(v >> 32)} {
			c := 2*j + k
			if w := int32(lane) - heavyBias; w != 0 && c < l.nClasses {
				ents = append(ents, uint32(c)<<16|uint32(uint16(int16(w))))
			}
		}
	}
	return ents
}

// touch loads the home slot of every feature before any of them is
// probed. The loads are independent of each other and of any branch, so the
// CPU overlaps their cache misses instead of taking them one at a time in
// the probe loop, which branches on each loaded key. The returned value is
// meaningless; callers keep it so that the loads are not optimized away.
func (l *linear) touch(feats []uint32) uint32 {
	var x uint32
	if l.dense != nil {
		d := l.dense
		for _, f := range feats {
			x += d[f&l.mask].key
		}
		return x
	}
	slots := l.slots
	for _, f := range feats {
		x += slots[f&l.mask].key
	}
	return x
}

// scoreDense is score for models with at most 4 classes.
func (l *linear) scoreDense(feats []uint32, scores []int32) {
	if len(scores) == 0 {
		return
	}
	scores[0] = int32(l.touch(feats)) // overwritten below
	var a0, a1, a2, a3 int32
	for _, f := range feats {
		s := f & l.mask
		for {
			d := &l.dense[s]
			if d.key == f {
				a0 += int32(d.w[0])
				a1 += int32(d.w[1])
				a2 += int32(d.w[2])
				a3 += int32(d.w[3])
				break
			}
			if d.key == 0 {
				break
			}
			s = (s + 1) & l.mask
		}
	}
	var acc = [4]int32{a0, a1, a2, a3}
	copy(scores, acc[:])
}

// score sets scores (len nClasses) to the sum of the weights of feats.
func (l *linear) score(feats []uint32, scores []int32) {
	if l.dense != nil {
		l.scoreDense(feats, scores)
		return
	}
	if len(scores) == 0 {
		return
	}
	scores[0] = int32(l.touch(feats)) // overwritten below
	for i := range scores {
		scores[i] = 0
	}
	// Resolve the rows of a chunk of features first, then touch the first
	// entry of each row (overlapping those misses too), then add.
	const chunk = 64
	var lo, hi [chunk]uint32
	slots, ents := l.slots, l.ents
	// acc sums the heavy rows, two classes per word.
	var acc [maxHeavyClasses / 2]uint64
	hw := l.hw
	nHeavy := uint32(0)
	for len(feats) > 0 {
		m := min(len(feats), chunk)
		found := 0
		for _, f := range feats[:m] {
			s := f & l.mask
			for {
				k := slots[s].key
				if k == f {
					a, b := slots[s].start, slots[s+1].start
					if a < b {
						lo[found], hi[found] = a, b
						found++
					}
					break
				}
				if k == 0 {
					break
				}
				s = (s + 1) & l.mask
			}
		}
		feats = feats[m:]
		// Loading the first entries in a loop of their own lets their
		// misses overlap.
		var first [chunk]uint32
		for r := 0; r < found; r++ {
			first[r] = ents[lo[r]]
		}
		for r := 0; r < found; r++ {
			e := first[r]
			if e>>16 == heavyMark {
				h := int(e&0xffff) * hw
				row := l.heavy[h : h+hw]
				a := acc[:len(row)]
				for j, v := range row {
					a[j] += v
				}
				if nHeavy++; nHeavy == 1<<15 {
					l.flushHeavy(&acc, nHeavy, scores)
					nHeavy = 0
				}
				continue
			}
			scores[e>>16] += int32(int16(uint16(e)))
			for _, e := range ents[lo[r]+1 : hi[r]] {
				scores[e>>16] += int32(int16(uint16(e)))
			}
		}
	}
	if nHeavy > 0 {
		l.flushHeavy(&acc, nHeavy, scores)
	}
}

// flushHeavy adds the sums of n heavy rows in acc to scores and clears acc.
func (l *linear) flushHeavy(acc *[maxHeavyClasses / 2]uint64, n uint32, scores []int32) {
	bias := n * heavyBias
	for j, v := range acc[:l.hw] {
		scores[2*j] += int32(uint32(v) - bias)
		if 2*j+1 < len(scores) {
			scores[2*j+1] += int32(uint32(v>>32) - bias)
		}
		acc[j] = 0
	}
}

// rows returns the table's rows sorted by key, for saving.
func (l *linear) rows() []qrow {
	var rows []qrow
	if l.dense != nil {
		for _, d := range l.dense {
			if d.key == 0 {
				continue
			}
			var ents []uint32
			for c, w := range d.w {
				if w != 0 && c < l.nClasses {
					ents = append(ents, uint32(c)<<16|uint32(uint16(w)))
				}
			}
			if len(ents) > 0 {
				rows = append(rows, qrow{d.key, ents})
			}
		}
	} else {
		for s := 0; s+1 < len(l.slots); s++ {
			if k := l.slots[s].key; k != 0 {
				ents := l.ents[l.slots[s].start:l.slots[s+1].start]
				if len(ents) == 1 && ents[0]>>16 == heavyMark {
					ents = l.heavyEnts(int(ents[0] & 0xffff))
				}
				rows = append(rows, qrow{k, ents})
			}
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].key < rows[j].key })
	return rows
}

func (l *linear) encode(e *encoder) {
	e.uvarint(uint64(l.nClasses))
	e.float32(l.scale)
	rows := l.rows()
	e.uvarint(uint64(len(rows)))
	prev := uint32(0)
	for _, r := range rows {
		e.uvarint(uint64(r.key - prev))
		prev = r.key
		e.uvarint(uint64(len(r.ents)))
		for _, x := range r.ents {
			e.byte(byte(x >> 16))
			e.uvarint(zigzag(int64(int16(uint16(x)))))
		}
	}
}

func decodeLinear(d *decoder) (*linear, error) {
	nc := int(d.uvarint())
	scale := d.float32()
	n := d.uvarint()
	if d.err != nil {
		return nil, d.err
	}
	if nc <= 0 || nc > 65535 || n > 1<<26 {
		return nil, fmt.Errorf("bad linear model header (classes %d, rows %d)", nc, n)
	}
	rows := make([]qrow, 0, n)
	prev := uint32(0)
	for i := uint64(0); i < n && d.err == nil; i++ {
		k := prev + uint32(d.uvarint())
		prev = k
		m := d.uvarint()
		if m > uint64(nc) {
			return nil, fmt.Errorf("bad linear model row %d", i)
		}
		ents := make([]uint32, m)
		for j := range ents {
			c := uint32(d.byte())
			if int(c) >= nc {
				return nil, fmt.Errorf("bad class %d in linear model", c)
			}
			w := unzigzag(d.uvarint())
			ents[j] = c<<16 | uint32(uint16(int16(w)))
		}
		if k != 0 {
			rows = append(rows, qrow{k, ents})
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	return buildLinear(nc, scale, rows), nil
}

func zigzag(v int64) uint64   { return uint64((v << 1) ^ (v >> 63)) }
func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

// prune returns a copy of l without the weights of magnitude below minQ.
func (l *linear) prune(minQ int) *linear {
	var rows []qrow
	for _, r := range l.rows() {
		var ents []uint32
		for _, e := range r.ents {
			if w := int(int16(uint16(e))); w >= minQ || w <= -minQ {
				ents = append(ents, e)
			}
		}
		if len(ents) > 0 {
			rows = append(rows, qrow{r.key, ents})
		}
	}
	return buildLinear(l.nClasses, l.scale, rows)
}
