package syntax

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
)

// Tagger assigns UPOS, XPOS, FEATS and LEMMA. It is read-only once loaded
// and safe for concurrent use; per-call scratch lives in a Scratch.
type Tagger struct {
	tags []string // joint "UPOS\tXPOS"
	upos []string
	xpos []string
	lin  *linear           // first pass
	lin2 *linear           // second pass, nil for one-pass tagging
	amb  map[uint64]uint64 // lowercased form hash -> ambiguity class
	lem  *lemmatizer
	cl   *clusterTable // word clusters, nil if none
	// reverse taggers read the sentence right to left.
	reverse bool
	// partner, if set, is a right-to-left tagger whose scores are added
	// to this one's before each word's tag is chosen; partnerTag maps this
	// tagger's tag ids to the partner's (-1: unknown to the partner).
	partner    *Tagger
	partnerTag []int
}

const taggerMagic = "sitrep-tagger/1"

// Scratch is per-worker memory for tagging and parsing one sentence.
type Scratch struct {
	words  []wordInfo // padded by 2 on each side
	tags   []int
	feats  []uint32
	scores []int32
	ps     parseState
	arcC   arcCache
	wcache wordCache
	sent   Sentence // for Stage.Process
	rev    Sentence // the reversed words, for right-to-left parsers
	ens    *ensembleScratch
	lab    *labelScratch
	// Bidirectional tagging: per-word scores of the tags, and the scratch
	// of the partner tagger (whose word cache must not be shared).
	tagScores []float32
	revForms  []string
	revTags   []int
	partner   *Scratch
	forms     []string
	beam      *beamScratch
	arcS      *linScorer
	labS      *linScorer
}

func (sc *Scratch) prepare(t *Tagger, forms []string) []wordInfo {
	n := len(forms)
	if cap(sc.words) < n+4 {
		sc.words = make([]wordInfo, n+4)
	}
	ws := sc.words[:n+4]
	ws[0], ws[1] = padBefore, padBefore
	ws[n+2], ws[n+3] = padAfter, padAfter
	caps, alpha := 0, 0
	first := 0
	if t.reverse {
		first = n - 1 // the sentence's first word is last
	}
	for i, f := range forms {
		w := &ws[i+2]
		fillWord(w, f, i == first)
		w.amb = t.amb[w.lower]
		if t.cl != nil {
			// Unknown words get 0 (the scratch may hold another word's).
			v, b := t.cl.lookup(f, w.lower)
			w.c64, w.c256, w.c1024 = 0, 0, 0
			if v != 0 {
				w.c64, w.c256, w.c1024 = uint64(v>>18), uint64(v>>10), uint64(v)
			}
			w.lowB = b
		}
		if w.flags&flagAlpha != 0 {
			alpha++
			if w.flags&flagCap != 0 {
				caps++
			}
		}
	}
	// ws[0].st carries the sentence's capitalization profile.
	prof := uint64(0)
	switch {
	case alpha == 0:
	case caps*10 >= alpha*8:
		prof = 3
	case caps*2 >= alpha:
		prof = 2
	case caps*5 >= alpha:
		prof = 1
	}
	ws[0].st = 0x51 + prof
	return ws
}

// tagFeatures appends the feature keys for word i (index i+2 in the padded
// ws) given the two previous tags (tag id + 1, 0 before the sentence);
// mode selects the feature sets. They are the word features, which depend
// only on the word's form, flags and the sentence's capitalization profile
// (and can be cached per word: see wordCache), and the context features.
func tagFeatures(buf []uint32, ws []wordInfo, i int, p1, p2 uint64, mode int) []uint32 {
	buf = wordFeatures(buf, &ws[i+2], ws[0].st, mode)
	return contextFeatures(buf, ws, i, p1, p2, mode)
}

// wordFeatures appends the features of word w alone; prof is the
// sentence's capitalization profile (ws[0].st).
func wordFeatures(buf []uint32, w *wordInfo, prof uint64, mode int) []uint32 {
	buf = append(buf,
		f1(0, 0),
		f1(1, w.lower),
		f1(2, w.suf3),
		f1(3, w.suf2),
		f1(4, w.suf1),
		f1(5, w.suf4),
		f1(6, w.pre1),
		f1(7, w.pre3),
		f1(8, w.shape),
		f1(21, w.amb),
		f1(25, w.flags),
		f1(26, w.form),
		f2(30, w.flags, w.suf3),
		f2(32, prof, w.flags),
		f3(33, prof, w.flags, w.suf3),
	)
	if mode&modeClusters != 0 {
		// Word clusters.
		buf = append(buf,
			f1(60, w.c1024),
			f1(61, w.c256),
			f1(62, w.c64),
			f2(68, w.lowB, w.flags),
			f3(69, w.lowB, w.flags, prof),
		)
	}
	return buf
}

// contextFeatures appends the features of word i that involve the previous
// tags or other words.
func contextFeatures(buf []uint32, ws []wordInfo, i int, p1, p2 uint64, mode int) []uint32 {
	w := &ws[i+2]
	l1, l2 := &ws[i+1], &ws[i]
	r1, r2 := &ws[i+3], &ws[i+4]
	buf = append(buf,
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
		f2(22, l1.lower, w.lower),
		f2(23, w.lower, r1.lower),
		f2(24, p1, r1.amb),
		f1(27, r1.shape),
		f2(28, w.amb, r1.amb),
		f2(29, p1, w.suf3),
		f2(31, l1.amb, w.amb),
		f3(34, ws[0].st, w.flags, p1),
	)
	if mode&modeClusters != 0 {
		// Word clusters.
		buf = append(buf,
			f2(63, p1, w.c256),
			f1(64, l1.c256),
			f1(65, r1.c256),
			f1(66, r2.c64),
			f2(67, w.c256, r1.c256),
			f2(70, l1.c64, w.c256),
		)
	}
	if mode&modeStacked != 0 {
		buf = stackedFeatures(buf, ws, i, p1)
	}
	return buf
}

// stackedFeatures appends the second-pass features, which see the
// first-pass tags of the whole sentence.
func stackedFeatures(buf []uint32, ws []wordInfo, i int, p1 uint64) []uint32 {
	w := &ws[i+2]
	l1 := &ws[i+1]
	r1, r2 := &ws[i+3], &ws[i+4]
	return append(buf,
		f1(40, r1.st),
		f1(41, r2.st),
		f2(42, r1.st, r2.st),
		f2(43, p1, r1.st),
		f1(44, w.st),
		f2(45, w.lower, r1.st),
		f2(46, w.st, r1.st),
		f3(47, p1, w.st, r1.st),
		f2(48, w.suf3, r1.st),
		f2(49, l1.st, w.st),
	)
}

func argmax32(scores []int32) int {
	best := 0
	for c, v := range scores {
		if v > scores[best] {
			best = c
		}
	}
	return best
}

// Feature sets of a tagging pass.
const (
	modeStacked  = 1 << iota // second pass: sees the first-pass tags
	modeClusters             // word-cluster features
)

// greedy tags ws left to right with lin; mode selects the feature sets.
// If wc is set, it holds the scores of the word features of the sentence's
// words for tagging pass pass (0 or 1). If keep is set, it receives the
// scores of every word's tags (word i at i*nClasses), in weight units.
func greedy(lin *linear, sc *Scratch, ws []wordInfo, out []int, mode int, wc *wordCache, pass int, keep []float32) {
	n := len(ws) - 4
	nc := lin.nClasses
	if cap(sc.scores) < nc {
		sc.scores = make([]int32, nc)
	}
	scores := sc.scores[:nc]
	var p1, p2 uint64
	for i := 0; i < n; i++ {
		if wc != nil {
			sc.feats = contextFeatures(sc.feats[:0], ws, i, p1, p2, mode)
			lin.score(sc.feats, scores)
			v := wc.scores(i, pass)[:nc]
			for c := range scores {
				scores[c] += v[c]
			}
		} else {
			sc.feats = tagFeatures(sc.feats[:0], ws, i, p1, p2, mode)
			lin.score(sc.feats, scores)
		}
		best := argmax32(scores)
		if keep != nil {
			row := keep[i*nc : (i+1)*nc]
			for c, v := range scores {
				row[c] = float32(v) * lin.scale
			}
		}
		out[i] = best
		p2, p1 = p1, uint64(best+1)
	}
}

// tagIDs runs the tagger over ws (prepared from forms) and stores tag ids
// in out, and the last pass's scores in keep if set.
func (t *Tagger) tagIDs(sc *Scratch, forms []string, ws []wordInfo, out []int, keep []float32) {
	wc := &sc.wcache
	if !wc.prepare(t, forms, ws) {
		wc = nil
	}
	if t.lin2 == nil {
		greedy(t.lin, sc, ws, out, t.mode(), wc, 0, keep)
		return
	}
	greedy(t.lin, sc, ws, out, t.mode(), wc, 0, nil)
	for i, tg := range out {
		ws[i+2].st = uint64(tg + 1)
	}
	greedy(t.lin2, sc, ws, out, t.mode()|modeStacked, wc, 1, keep)
}

// tagWords stores the tag ids of the words forms in out: those of this
// tagger, or with a partner, those of both taggers' summed scores.
func (t *Tagger) tagWords(sc *Scratch, forms []string, out []int) {
	if t.partner == nil {
		t.tagDirected(sc, forms, out, nil)
		return
	}
	n, nc, pc := len(forms), len(t.tags), len(t.partner.tags)
	sc.tagScores = growF32(sc.tagScores, n*nc)
	t.tagDirected(sc, forms, out, sc.tagScores)
	if sc.partner == nil {
		sc.partner = &Scratch{}
	}
	ps := sc.partner
	ps.tagScores = growF32(ps.tagScores, n*pc)
	ps.tags = growInts(ps.tags, n)
	t.partner.tagDirected(ps, forms, ps.tags, ps.tagScores)
	for i := range out {
		own, other := sc.tagScores[i*nc:(i+1)*nc], ps.tagScores[i*pc:(i+1)*pc]
		best, bestScore := out[i], float32(0)
		for c, v := range own {
			if m := t.partnerTag[c]; m >= 0 {
				v += other[m]
			}
			if c == 0 || v > bestScore {
				best, bestScore = c, v
			}
		}
		out[i] = best
	}
}

// tagDirected is tagIDs in the tagger's own reading direction, with the
// results in the order of forms.
func (t *Tagger) tagDirected(sc *Scratch, forms []string, out []int, keep []float32) {
	if !t.reverse {
		t.tagIDs(sc, forms, sc.prepare(t, forms), out, keep)
		return
	}
	n := len(forms)
	sc.revForms = sc.revForms[:0]
	for i := n - 1; i >= 0; i-- {
		sc.revForms = append(sc.revForms, forms[i])
	}
	sc.revTags = growInts(sc.revTags, n)
	t.tagIDs(sc, sc.revForms, sc.prepare(t, sc.revForms), sc.revTags, keep)
	for i := range out {
		out[i] = sc.revTags[n-1-i]
	}
	if keep != nil {
		nc := len(t.tags)
		for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
			a, b := keep[i*nc:(i+1)*nc], keep[j*nc:(j+1)*nc]
			for c := range a {
				a[c], b[c] = b[c], a[c]
			}
		}
	}
	clear(sc.revForms) // do not keep the document's text alive
}

func growF32(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

// WithPartner returns a tagger that adds the scores of r, a right-to-left
// tagger (trained with TaggerOptions.Reverse), to those of t, a
// left-to-right one, before choosing each word's tag. Features and lemmas
// come from t.
func (t *Tagger) WithPartner(r *Tagger) (*Tagger, error) {
	if t.reverse || r == nil || !r.reverse || r.partner != nil {
		return nil, fmt.Errorf("tagger partner: need a left-to-right tagger and a right-to-left one")
	}
	index := make(map[string]int, len(r.tags))
	for i, jt := range r.tags {
		index[jt] = i
	}
	c := *t
	c.partner = r
	c.partnerTag = make([]int, len(t.tags))
	for i, jt := range t.tags {
		c.partnerTag[i] = -1
		if m, ok := index[jt]; ok {
			c.partnerTag[i] = m
		}
	}
	return &c, nil
}

// Forward returns t without its right-to-left partner (faster, a little
// less accurate), or t itself if it has none.
func (t *Tagger) Forward() *Tagger {
	if t.partner == nil {
		return t
	}
	c := *t
	c.partner, c.partnerTag = nil, nil
	return &c
}

// mode is the first-pass feature set of t.
func (t *Tagger) mode() int {
	if t.cl != nil {
		return modeClusters
	}
	return 0
}

// Tag fills UPOS, XPOS, Feats and Lemmas of s.
func (t *Tagger) Tag(sc *Scratch, s *Sentence) {
	n := s.Len()
	if cap(sc.tags) < n {
		sc.tags = make([]int, n)
	}
	tags := sc.tags[:n]
	t.tagWords(sc, s.Forms, tags)
	for i, tg := range tags {
		s.UPOS[i], s.XPOS[i] = t.upos[tg], t.xpos[tg]
		s.Lemmas[i], s.Feats[i] = t.lem.lemma(s.Forms[i], hashLower(s.Forms[i]), tg, t.upos[tg])
	}
	for i, f := range s.Forms {
		if s.XPOS[i] == "VBZ" && (f == "'s" || f == "’s") {
			s.Lemmas[i] = contractedS(s, i)
		}
	}
}

// contractedS picks the lemma of a contracted "'s" tagged VBZ at i: "have"
// before a participle that is not passive ("it's been", "he's got"), else
// "be" ("it's done", "she's leaving", "it's a ...").
func contractedS(s *Sentence, i int) string {
	j := i + 1
	for j < s.Len() && (s.XPOS[j] == "RB" || s.XPOS[j] == "RBR") {
		j++
	}
	if j < s.Len() && s.XPOS[j] == "VBN" {
		switch strings.ToLower(s.Forms[j]) {
		case "been", "got", "gotten", "had", "become":
			return "have"
		}
	}
	return "be"
}

// TaggerOptions control training.
type TaggerOptions struct {
	Epochs int    // maximum passes over the training set
	Seed   uint64 // shuffling seed
	MinQ   int    // drop quantized weights below this magnitude
	// MinCount is the number of times a feature must occur (with gold
	// history) in the training set to get weights; default 2.
	MinCount int
	// Folds > 1 trains a second pass that sees the first-pass tags of the
	// whole sentence, trained on first-pass tags jackknifed over Folds folds.
	Folds int
	// Clusters, if set, adds word-cluster features (and is stored in the
	// model).
	Clusters *WordClusters
	// Reverse trains a right-to-left tagger (see Tagger.WithPartner).
	Reverse bool
	Log     io.Writer
}

// taggerData is a training or dev set prepared for the tagger.
type taggerData struct {
	ws   [][]wordInfo // padded
	gold [][]int
}

func (t *Tagger) prepareData(sents []*Sentence, tagIndex map[string]int) taggerData {
	var d taggerData
	sc := &Scratch{}
	for _, s := range sents {
		ws := sc.prepare(t, s.Forms)
		d.ws = append(d.ws, append([]wordInfo(nil), ws...))
		g := make([]int, s.Len())
		for i := range g {
			id, ok := tagIndex[jointTag(s.UPOS[i], s.XPOS[i])]
			if !ok {
				id = -1
			}
			g[i] = id
		}
		d.gold = append(d.gold, g)
	}
	return d
}

func (d taggerData) subset(idx []int) taggerData {
	var o taggerData
	for _, i := range idx {
		o.ws = append(o.ws, d.ws[i])
		o.gold = append(o.gold, d.gold[i])
	}
	return o
}

// accuracyOf scores lin on data (joint tag accuracy).
func accuracyOf(lin *linear, d taggerData, mode int) float64 {
	sc := &Scratch{}
	ok, n := 0, 0
	var out []int
	for si, ws := range d.ws {
		out = growInts(out, len(ws)-4)
		greedy(lin, sc, ws, out, mode, nil, 0, nil)
		for i, tg := range out {
			if tg == d.gold[si][i] {
				ok++
			}
			n++
		}
	}
	return float64(ok) / float64(max(n, 1))
}

// trainLinear trains one tagging pass; with dev data it returns the epoch
// that scores best on dev, else the last one.
func trainLinear(ctx context.Context, nTags int, train, dev taggerData, mode int, epochs int, opt TaggerOptions, name string) (*linear, int, error) {
	counts := map[uint32]int32{}
	var feats []uint32
	for si, ws := range train.ws {
		var p1, p2 uint64
		for i := range train.gold[si] {
			feats = tagFeatures(feats[:0], ws, i, p1, p2, mode)
			for _, f := range feats {
				counts[f]++
			}
			p2, p1 = p1, uint64(train.gold[si][i]+1)
		}
	}
	p := newPerceptron(nTags)
	p.allow = make(map[uint32]struct{}, len(counts)/2)
	for f, c := range counts {
		if int(c) >= opt.MinCount {
			p.allow[f] = struct{}{}
		}
	}
	fmt.Fprintf(opt.Log, "%s: %d features (%d kept)\n", name, len(counts), len(p.allow))
	counts = nil

	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x5eed))
	order := make([]int, len(train.ws))
	for i := range order {
		order[i] = i
	}
	scores := make([]float32, nTags)
	var best *linear
	bestEp := 0
	bestAcc := -1.0
	for ep := 0; ep < epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, total := 0, 0
		for _, si := range order {
			ws := train.ws[si]
			var p1, p2 uint64
			for i, g := range train.gold[si] {
				feats = tagFeatures(feats[:0], ws, i, p1, p2, mode)
				p.score(feats, scores)
				pred := 0
				for c, v := range scores {
					if v > scores[pred] {
						pred = c
					}
				}
				p.tick()
				if pred != g {
					p.update(feats, g, pred, 1)
					errs++
				}
				total++
				p2, p1 = p1, uint64(pred+1)
			}
		}
		if len(dev.ws) == 0 {
			if ep == epochs-1 {
				best, bestEp = p.compile(opt.MinQ), ep+1
			}
			continue
		}
		lin := p.compile(opt.MinQ)
		acc := accuracyOf(lin, dev, mode)
		fmt.Fprintf(opt.Log, "%s epoch %d: train err %.2f%%, dev joint tag acc %.2f%%\n", name, ep+1, 100*float64(errs)/float64(max(total, 1)), 100*acc)
		if acc > bestAcc {
			bestAcc, best, bestEp = acc, lin, ep+1
		}
	}
	return best, bestEp, nil
}

// TrainTagger trains a tagger and lemmatizer on train, keeping the epochs
// that score best on dev (if dev is non-empty).
func TrainTagger(ctx context.Context, train, dev []*Sentence, opt TaggerOptions) (*Tagger, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.MinQ <= 0 {
		opt.MinQ = 1
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 2
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	t := &Tagger{cl: newClusterTable(opt.Clusters), reverse: opt.Reverse}
	if opt.Reverse {
		train, dev = reversedAll(train), reversedAll(dev)
	}
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
	fmt.Fprintf(opt.Log, "tagger: %d tags\n", len(t.tags))
	tr := t.prepareData(train, tagIndex)
	dv := t.prepareData(dev, tagIndex)
	var err error
	var ep1 int
	if t.lin, ep1, err = trainLinear(ctx, len(t.tags), tr, dv, t.mode(), opt.Epochs, opt, "pass 1"); err != nil {
		return nil, err
	}
	if opt.Folds < 2 {
		return t, nil
	}
	// Jackknife first-pass tags for the training set.
	sc := &Scratch{}
	var out []int
	for fold := 0; fold < opt.Folds; fold++ {
		var rest, held []int
		for i := range tr.ws {
			if i%opt.Folds == fold {
				held = append(held, i)
			} else {
				rest = append(rest, i)
			}
		}
		o := opt
		o.Log = io.Discard
		lin, _, err := trainLinear(ctx, len(t.tags), tr.subset(rest), taggerData{}, t.mode(), ep1, o, "fold")
		if err != nil {
			return nil, err
		}
		for _, i := range held {
			ws := tr.ws[i]
			out = growInts(out, len(ws)-4)
			greedy(lin, sc, ws, out, t.mode(), nil, 0, nil)
			for j, tg := range out {
				ws[j+2].st = uint64(tg + 1)
			}
		}
		fmt.Fprintf(opt.Log, "tagger jackknife fold %d/%d done\n", fold+1, opt.Folds)
	}
	for _, ws := range dv.ws {
		out = growInts(out, len(ws)-4)
		greedy(t.lin, sc, ws, out, t.mode(), nil, 0, nil)
		for j, tg := range out {
			ws[j+2].st = uint64(tg + 1)
		}
	}
	if t.lin2, _, err = trainLinear(ctx, len(t.tags), tr, dv, t.mode()|modeStacked, opt.Epochs, opt, "pass 2"); err != nil {
		return nil, err
	}
	return t, nil
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
		if e.n < expInt("AMBMIN", 2) {
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
	return writeModel(w, taggerMagic, t.encode)
}

// Tagger model flags, stored after the lemmatizer's suffix rules.
const (
	taggerReverse = 1 << iota // reads right to left
	taggerPartner             // a right-to-left partner model follows
)

func (t *Tagger) encode(e *encoder) {
	e.strings(t.tags)
	encodeLexicon(e, t.amb)
	t.lin.encode(e)
	if t.lin2 != nil {
		e.byte(1)
		t.lin2.encode(e)
	} else {
		e.byte(0)
	}
	t.lem.encode(e)
	t.cl.encode(e)
	// Since syntax-4: the second suffix rules of the lemmatizer.
	t.lem.encodeSuffix2(e)
	// Since syntax-5: direction and partner.
	var flags uint64
	if t.reverse {
		flags |= taggerReverse
	}
	if t.partner != nil {
		flags |= taggerPartner
	}
	e.uvarint(flags)
	if t.partner != nil {
		t.partner.encode(e)
	}
}

// LoadTagger reads a model written by Save.
func LoadTagger(r io.Reader) (*Tagger, error) {
	var t *Tagger
	err := readModel(r, taggerMagic, func(d *decoder) error {
		var err error
		t, err = decodeTagger(d, true)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load tagger: %w", err)
	}
	return t, nil
}

// decodeTagger reads what encode wrote; a partner may follow only if
// withPartner.
func decodeTagger(d *decoder, withPartner bool) (*Tagger, error) {
	t := &Tagger{}
	t.tags = d.strings()
	if d.err == nil && (len(t.tags) == 0 || len(t.tags) > 65535) {
		return nil, fmt.Errorf("tagger model: bad tag count %d", len(t.tags))
	}
	for _, jt := range t.tags {
		u, x := splitTag(jt)
		t.upos = append(t.upos, u)
		t.xpos = append(t.xpos, x)
	}
	amb, err := decodeLexicon(d)
	if err != nil {
		return nil, fmt.Errorf("tagger model: %w", err)
	}
	t.amb = amb

	if t.lin, err = decodeLinear(d); err != nil {
		return nil, fmt.Errorf("tagger model: %w", err)
	}
	if t.lin.nClasses != len(t.tags) {
		return nil, fmt.Errorf("tagger model: %d classes for %d tags", t.lin.nClasses, len(t.tags))
	}
	if d.byte() == 1 {
		if t.lin2, err = decodeLinear(d); err != nil {
			return nil, fmt.Errorf("tagger model: %w", err)
		}
		if t.lin2.nClasses != len(t.tags) {
			return nil, fmt.Errorf("tagger model: second pass has %d classes for %d tags", t.lin2.nClasses, len(t.tags))
		}
	}
	if t.lem, err = decodeLemmatizer(d, t.tags); err != nil {
		return nil, fmt.Errorf("tagger model: %w", err)
	}
	// Models before word clusters end here.
	if _, err := d.r.Peek(1); err == nil {
		t.cl = decodeClusterTable(d)
	}
	// Models before syntax-4 end here.
	if _, err := d.r.Peek(1); err == nil {
		if err := t.lem.decodeSuffix2(d); err != nil {
			return nil, fmt.Errorf("tagger model: %w", err)
		}
	}
	// Models before syntax-5 end here.
	if _, err := d.r.Peek(1); err != nil || d.err != nil {
		return t, d.err
	}
	flags := d.uvarint()
	t.reverse = flags&taggerReverse != 0
	if flags&taggerPartner == 0 {
		return t, d.err
	}
	if !withPartner {
		return nil, fmt.Errorf("tagger model: a partner has a partner")
	}
	r, err := decodeTagger(d, false)
	if err != nil {
		return nil, fmt.Errorf("tagger model partner: %w", err)
	}
	if t, err = t.WithPartner(r); err != nil {
		return nil, fmt.Errorf("tagger model: %w", err)
	}
	return t, d.err
}

func expInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv("SX_" + name)); err == nil {
		return v
	}
	return def
}
