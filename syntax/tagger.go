package syntax

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
)

// Tagger assigns UPOS, XPOS, FEATS and LEMMA. It is read-only once loaded
// and safe for concurrent use; per-call scratch lives in a Scratch.
type Tagger struct {
	tags []string // joint "UPOS\tXPOS"
	upos []string
	xpos []string
	lin  *linear
	amb  map[uint64]uint64 // lowercased form hash -> ambiguity class
	lem  *lemmatizer
}

const taggerMagic = "sitrep-tagger/1"

// Scratch is per-worker memory for tagging and parsing one sentence.
type Scratch struct {
	words  []wordInfo // padded by 2 on each side
	tags   []int
	feats  []uint32
	scores []int32
	ps     parseState
}

func (sc *Scratch) prepare(t *Tagger, forms []string) []wordInfo {
	n := len(forms)
	if cap(sc.words) < n+4 {
		sc.words = make([]wordInfo, n+4)
	}
	ws := sc.words[:n+4]
	ws[0], ws[1] = padBefore, padBefore
	ws[n+2], ws[n+3] = padAfter, padAfter
	for i, f := range forms {
		w := &ws[i+2]
		fillWord(w, f, i == 0)
		w.amb = t.amb[w.lower]
	}
	return ws
}

// tagFeatures appends the feature keys for word i (index i+2 in the padded
// ws) given the two previous tags (tag id + 1, 0 before the sentence).
func tagFeatures(buf []uint32, ws []wordInfo, i int, p1, p2 uint64) []uint32 {
	w := &ws[i+2]
	l1, l2 := &ws[i+1], &ws[i]
	r1, r2 := &ws[i+3], &ws[i+4]
	return append(buf,
		f1(0, 0),
		f1(1, w.lower),
		f1(2, w.suf3),
		f1(3, w.suf2),
		f1(4, w.suf1),
		f1(5, w.suf4),
		f1(6, w.pre1),
		f1(7, w.pre3),
		f1(8, w.shape),
		f1(9, p1),
		f1(10, p2),
		f2(11, p1, p2),
		f2(12, p1, w.lower),
		f1(13, l1.lower),
		f1(14, l1.suf3),
		f1(15, l2.lower),
		f1(16, r1.lower),
		f1(17, r1.suf3),
		f1(18, r2.lower),
		f1(19, r1.amb),
		f1(20, r2.amb),
		f1(21, w.amb),
		f2(22, l1.lower, w.lower),
		f2(23, w.lower, r1.lower),
		f2(24, p1, r1.amb),
		f1(25, w.flags),
		f1(26, w.form),
		f1(27, r1.shape),
		f2(28, w.amb, r1.amb),
		f2(29, p1, w.suf3),
		f2(30, w.flags, w.suf3),
		f2(31, l1.amb, w.amb),
	)
}

// tagIDs runs the greedy tagger over ws and stores tag ids in out.
func (t *Tagger) tagIDs(sc *Scratch, ws []wordInfo, out []int) {
	n := len(ws) - 4
	if cap(sc.scores) < len(t.tags) {
		sc.scores = make([]int32, len(t.tags))
	}
	scores := sc.scores[:len(t.tags)]
	var p1, p2 uint64
	for i := 0; i < n; i++ {
		sc.feats = tagFeatures(sc.feats[:0], ws, i, p1, p2)
		t.lin.score(sc.feats, scores)
		best := 0
		for c, v := range scores {
			if v > scores[best] {
				best = c
			}
		}
		out[i] = best
		p2, p1 = p1, uint64(best+1)
	}
}

// Tag fills UPOS, XPOS, Feats and Lemmas of s.
func (t *Tagger) Tag(sc *Scratch, s *Sentence) {
	n := s.Len()
	ws := sc.prepare(t, s.Forms)
	if cap(sc.tags) < n {
		sc.tags = make([]int, n)
	}
	tags := sc.tags[:n]
	t.tagIDs(sc, ws, tags)
	for i, tg := range tags {
		s.UPOS[i], s.XPOS[i] = t.upos[tg], t.xpos[tg]
		s.Lemmas[i], s.Feats[i] = t.lem.lemma(s.Forms[i], ws[i+2].lower, tg, t.upos[tg])
	}
}

// TaggerOptions control training.
type TaggerOptions struct {
	Epochs int    // maximum passes over the training set
	Seed   uint64 // shuffling seed
	MinQ   int    // drop quantized weights below this magnitude
	Log    io.Writer
}

// TrainTagger trains a tagger and lemmatizer on train, keeping the epoch
// that scores best on dev (if dev is non-empty).
func TrainTagger(ctx context.Context, train, dev []*Sentence, opt TaggerOptions) (*Tagger, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.MinQ <= 0 {
		opt.MinQ = 1
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	t := &Tagger{}
	tagIndex := map[string]int{}
	gold := make([][]int, len(train))
	for si, s := range train {
		gold[si] = make([]int, s.Len())
		for i := range s.Forms {
			jt := jointTag(s.UPOS[i], s.XPOS[i])
			id, ok := tagIndex[jt]
			if !ok {
				id = len(t.tags)
				tagIndex[jt] = id
				t.tags = append(t.tags, jt)
				u, x := splitTag(jt)
				t.upos = append(t.upos, u)
				t.xpos = append(t.xpos, x)
			}
			gold[si][i] = id
		}
	}
	if len(t.tags) == 0 {
		return nil, fmt.Errorf("train tagger: empty training set")
	}
	t.amb = buildAmbiguity(train, gold, len(t.tags))
	t.lem = trainLemmatizer(train, gold, tagIndex, t.upos)

	// Count features with gold history; keep those seen at least twice.
	counts := map[uint32]int32{}
	sc := &Scratch{}
	for si, s := range train {
		ws := sc.prepare(t, s.Forms)
		var p1, p2 uint64
		for i := range s.Forms {
			sc.feats = tagFeatures(sc.feats[:0], ws, i, p1, p2)
			for _, f := range sc.feats {
				counts[f]++
			}
			p2, p1 = p1, uint64(gold[si][i]+1)
		}
	}
	p := newPerceptron(len(t.tags))
	p.allow = make(map[uint32]struct{}, len(counts)/2)
	for f, c := range counts {
		if c >= 2 {
			p.allow[f] = struct{}{}
		}
	}
	fmt.Fprintf(opt.Log, "tagger: %d tags, %d features (%d kept)\n", len(t.tags), len(counts), len(p.allow))
	counts = nil

	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x5eed))
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	scores := make([]float32, len(t.tags))
	var best *linear
	bestAcc := -1.0
	for ep := 0; ep < opt.Epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, total := 0, 0
		for _, si := range order {
			s := train[si]
			ws := sc.prepare(t, s.Forms)
			var p1, p2 uint64
			for i := range s.Forms {
				sc.feats = tagFeatures(sc.feats[:0], ws, i, p1, p2)
				p.score(sc.feats, scores)
				pred := 0
				for c, v := range scores {
					if v > scores[pred] {
						pred = c
					}
				}
				g := gold[si][i]
				p.tick()
				if pred != g {
					p.update(sc.feats, g, pred, 1)
					errs++
				}
				total++
				p2, p1 = p1, uint64(pred+1)
			}
		}
		t.lin = p.compile(opt.MinQ)
		acc := 1.0
		if len(dev) > 0 {
			acc = t.accuracy(dev)
		}
		fmt.Fprintf(opt.Log, "tagger epoch %d: train err %.2f%%, dev joint tag acc %.2f%%\n", ep+1, 100*float64(errs)/float64(max(total, 1)), 100*acc)
		if acc > bestAcc || len(dev) == 0 {
			bestAcc, best = acc, t.lin
		}
	}
	t.lin = best
	return t, nil
}

// accuracy is the joint UPOS+XPOS accuracy of t on gold sentences.
func (t *Tagger) accuracy(gold []*Sentence) float64 {
	sc := &Scratch{}
	ok, n := 0, 0
	for _, g := range gold {
		ws := sc.prepare(t, g.Forms)
		if cap(sc.tags) < g.Len() {
			sc.tags = make([]int, g.Len())
		}
		tags := sc.tags[:g.Len()]
		t.tagIDs(sc, ws, tags)
		for i, tg := range tags {
			if t.upos[tg] == g.UPOS[i] && t.xpos[tg] == g.XPOS[i] {
				ok++
			}
			n++
		}
	}
	return float64(ok) / float64(max(n, 1))
}

// buildAmbiguity maps each word seen at least twice to a hash of the set
// of tags it was seen with.
func buildAmbiguity(train []*Sentence, gold [][]int, nTags int) map[uint64]uint64 {
	type entry struct {
		n    int
		bits [4]uint64
	}
	m := map[uint64]*entry{}
	for si, s := range train {
		for i, f := range s.Forms {
			h := hashLower(f)
			e := m[h]
			if e == nil {
				e = &entry{}
				m[h] = e
			}
			e.n++
			tg := gold[si][i]
			e.bits[tg/64] |= 1 << (tg % 64)
		}
	}
	out := make(map[uint64]uint64, len(m))
	for h, e := range m {
		if e.n < 2 {
			continue
		}
		a := mix64(e.bits[0] ^ mix64(e.bits[1]^mix64(e.bits[2]^mix64(e.bits[3]))))
		if a == 0 {
			a = 1
		}
		out[h] = a
	}
	return out
}

// Save writes the tagger model (gzip'd).
func (t *Tagger) Save(w io.Writer) error {
	return writeModel(w, taggerMagic, func(e *encoder) {
		e.strings(t.tags)
		e.uvarint(uint64(len(t.amb)))
		for _, kv := range sortedU64(t.amb) {
			e.uvarint(kv[0])
			e.uvarint(kv[1])
		}
		t.lin.encode(e)
		t.lem.encode(e)
	})
}

// LoadTagger reads a model written by Save.
func LoadTagger(r io.Reader) (*Tagger, error) {
	t := &Tagger{}
	err := readModel(r, taggerMagic, func(d *decoder) error {
		t.tags = d.strings()
		if d.err == nil && (len(t.tags) == 0 || len(t.tags) > 65535) {
			return fmt.Errorf("tagger model: bad tag count %d", len(t.tags))
		}
		for _, jt := range t.tags {
			u, x := splitTag(jt)
			t.upos = append(t.upos, u)
			t.xpos = append(t.xpos, x)
		}
		n := d.uvarint()
		if n > 1<<24 {
			return fmt.Errorf("tagger model: bad lexicon size")
		}
		t.amb = make(map[uint64]uint64, n)
		for i := uint64(0); i < n && d.err == nil; i++ {
			k := d.uvarint()
			t.amb[k] = d.uvarint()
		}
		var err error
		if t.lin, err = decodeLinear(d); err != nil {
			return fmt.Errorf("tagger model: %w", err)
		}
		if t.lin.nClasses != len(t.tags) {
			return fmt.Errorf("tagger model: %d classes for %d tags", t.lin.nClasses, len(t.tags))
		}
		if t.lem, err = decodeLemmatizer(d, t.tags); err != nil {
			return fmt.Errorf("tagger model: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load tagger: %w", err)
	}
	return t, nil
}
