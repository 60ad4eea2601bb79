package ner

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"
)

// TrainOptions configures Train.
type TrainOptions struct {
	Epochs  int    // perceptron passes (default 12)
	Bits    uint   // log2 of the hashed feature table rows (default 18)
	Seed    uint64 // shuffling seed (default 1)
	Seeds   int    // average the weights of this many runs with seeds Seed, Seed+1, ... (default 1)
	TwoPass bool   // add a second pass with document-history features
	Folds   int    // jackknife folds for the second pass's training input (default 4)
	Log     io.Writer
}

func (o *TrainOptions) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 12
	}
	if o.Bits == 0 {
		o.Bits = 18
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Seeds <= 0 {
		o.Seeds = 1
	}
	if o.Folds <= 1 {
		o.Folds = 4
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

type trainSent struct {
	rows []uint32 // feature rows of all tokens
	offs []int32  // token i's rows are rows[offs[i]:offs[i+1]]
	gold []int
}

// sentWords returns the words and gold BILOU labels of a CoNLL document.
func docWords(d ConllDoc) ([][]string, [][]int) {
	sents := make([][]string, len(d.Sentences))
	gold := make([][]int, len(d.Sentences))
	for k, s := range d.Sentences {
		words := make([]string, len(s))
		tags := make([]string, len(s))
		for i, t := range s {
			words[i], tags[i] = t.Word, t.Tag
		}
		sents[k] = words
		gold[k] = chunksToLabels(len(s), Chunks(tags))
	}
	return sents, gold
}

// extract computes the training instances of docs; hist gives, per
// document, the first-pass history (nil for none).
func (m *Model) extract(docs []ConllDoc, hist []*docHistory) []trainSent {
	s := &scratch{fz: featurizer{m: m}}
	var out []trainSent
	for di, d := range docs {
		sents, gold := docWords(d)
		dc := newDocContext(sents)
		var h *docHistory
		if hist != nil {
			h = hist[di]
		}
		for k, words := range sents {
			s.fz.prepare(words, dc)
			caps, num := isAllCapsSentence(words), isNumericSentence(words)
			ts := trainSent{gold: gold[k], offs: make([]int32, 1, len(words)+1)}
			for i := range words {
				s.feats = s.fz.features(i, words, dc, caps, num, s.feats[:0])
				if h != nil {
					s.feats = h.features(s.fz.info[i].lower, s.fz.info[i].initCap, s.feats)
				}
				for _, f := range s.feats {
					ts.rows = append(ts.rows, m.row(f))
				}
				ts.offs = append(ts.offs, int32(len(ts.rows)))
			}
			out = append(out, ts)
		}
	}
	return out
}

// perceptron trains m.w and m.trans by the averaged structured perceptron,
// averaging the weights of opt.Seeds runs over different shuffles.
func (m *Model) perceptron(ctx context.Context, data []trainSent, opt TrainOptions, tag string) error {
	if opt.Seeds <= 1 {
		return m.perceptron1(ctx, data, opt, tag)
	}
	var sw, st []float32
	for k := 0; k < opt.Seeds; k++ {
		o := opt
		o.Seed = opt.Seed + uint64(k)
		if err := m.perceptron1(ctx, data, o, fmt.Sprintf("%s seed%d", tag, o.Seed)); err != nil {
			return err
		}
		if sw == nil {
			sw, st = m.w, m.trans
			continue
		}
		for i, v := range m.w {
			sw[i] += v
		}
		for i, v := range m.trans {
			st[i] += v
		}
	}
	inv := 1 / float32(opt.Seeds)
	for i := range sw {
		sw[i] *= inv
	}
	for i := range st {
		st[i] *= inv
	}
	m.w, m.trans = sw, st
	return nil
}

func (m *Model) perceptron1(ctx context.Context, data []trainSent, opt TrainOptions, tag string) error {
	nw := (1 << m.bits) * numLabels
	m.w = make([]float32, nw)
	u := make([]float32, nw)
	m.trans = make([]float32, (numLabels+1)*numLabels)
	ut := make([]float32, len(m.trans))
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	s := &scratch{}
	c := float32(1)
	tr := func(p, l int) int {
		if p < 0 {
			return numLabels*numLabels + l
		}
		return p*numLabels + l
	}
	for ep := 0; ep < opt.Epochs; ep++ {
		t0 := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, toks := 0, 0
		for oi, idx := range order {
			if oi%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			d := &data[idx]
			n := len(d.gold)
			if cap(s.scores) < n*numLabels {
				s.scores = make([]float32, n*numLabels)
			}
			sc := s.scores[:n*numLabels]
			for i := 0; i < n; i++ {
				out := sc[i*numLabels : (i+1)*numLabels]
				for l := range out {
					out[l] = 0
				}
				for _, r := range d.rows[d.offs[i]:d.offs[i+1]] {
					ws := m.w[int(r)*numLabels : int(r)*numLabels+numLabels]
					for l := range out {
						out[l] += ws[l]
					}
				}
			}
			pred := m.viterbi(s, sc, n)
			toks += n
			pp, gp := -1, -1
			for i := 0; i < n; i++ {
				g, p := d.gold[i], pred[i]
				if g != p {
					errs++
					for _, r := range d.rows[d.offs[i]:d.offs[i+1]] {
						b := int(r) * numLabels
						m.w[b+g]++
						u[b+g] += c
						m.w[b+p]--
						u[b+p] -= c
					}
				}
				if g != p || gp != pp {
					m.trans[tr(gp, g)]++
					ut[tr(gp, g)] += c
					m.trans[tr(pp, p)]--
					ut[tr(pp, p)] -= c
				}
				gp, pp = g, p
			}
			c++
		}
		fmt.Fprintf(opt.Log, "ner train %s: epoch %d: token errors %.2f%% (%v)\n", tag, ep+1, 100*float64(errs)/float64(max(toks, 1)), time.Since(t0).Round(time.Millisecond))
	}
	for i := range m.w {
		m.w[i] -= u[i] / c
	}
	for i := range m.trans {
		m.trans[i] -= ut[i] / c
	}
	return nil
}

// finalize quantizes the dense weights to int16 rows, dropping zero rows.
func (m *Model) finalize() {
	maxAbs := float32(0)
	for _, v := range m.w {
		if a := float32(math.Abs(float64(v))); a > maxAbs {
			maxAbs = a
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	m.scale = maxAbs / 32767
	rows := 1 << m.bits
	m.rowIdx = make([]int32, rows)
	m.qw = m.qw[:0]
	for r := 0; r < rows; r++ {
		ws := m.w[r*numLabels : (r+1)*numLabels]
		var q [numLabels]int16
		nz := false
		for l, v := range ws {
			q[l] = int16(math.Round(float64(v / m.scale)))
			if q[l] != 0 {
				nz = true
			}
		}
		if !nz {
			m.rowIdx[r] = -1
			continue
		}
		m.rowIdx[r] = int32(len(m.qw))
		m.qw = append(m.qw, q[:]...)
	}
	m.w = nil
	m.buildIndex()
}

// Train trains a model on CoNLL documents with the given lexical tables.
func Train(ctx context.Context, docs []ConllDoc, clusters *Clusters, gaz []GazEntry, opt TrainOptions) (*Model, error) {
	opt.defaults()
	res := &resources{clusters: clusters, gaz: NewGazetteer(gaz), gazList: gaz}
	m := &Model{bits: opt.Bits, res: res}
	t0 := time.Now()
	data := m.extract(docs, nil)
	fmt.Fprintf(opt.Log, "ner train: %d sentences, features in %v\n", len(data), time.Since(t0).Round(time.Millisecond))
	if err := m.perceptron(ctx, data, opt, "pass1"); err != nil {
		return nil, err
	}
	m.finalize()
	if !opt.TwoPass {
		return m, nil
	}
	// Jackknife: first-pass predictions on each fold come from a model
	// trained on the other folds, so that the second pass learns how far
	// to trust first-pass output on unseen text.
	hist := make([]*docHistory, len(docs))
	for f := 0; f < opt.Folds; f++ {
		var in, out []int
		for i := range docs {
			if i%opt.Folds == f {
				out = append(out, i)
			} else {
				in = append(in, i)
			}
		}
		sub := make([]ConllDoc, len(in))
		for k, i := range in {
			sub[k] = docs[i]
		}
		fm := &Model{bits: opt.Bits, res: res}
		fo := opt
		fo.Seeds = 1
		if err := fm.perceptron(ctx, fm.extract(sub, nil), fo, fmt.Sprintf("fold%d", f+1)); err != nil {
			return nil, err
		}
		fm.finalize()
		for _, i := range out {
			sents, _ := docWords(docs[i])
			s := fm.getScratch()
			hist[i] = newDocHistory(sents, fm.tagFeats(s, sents, fm.docFeatures(s, sents, newDocContext(sents)), nil, -1))
		}
	}
	m2 := &Model{bits: opt.Bits, res: res, first: m}
	if err := m2.perceptron(ctx, m2.extract(docs, hist), opt, "pass2"); err != nil {
		return nil, err
	}
	m2.finalize()
	return m2, nil
}

// BuildOptions configures Build, the whole reproducible training run.
type BuildOptions struct {
	DataDir     string // the shared data directory (…/shared/data)
	WithDev     bool   // train on train + dev (the shipped model)
	ClustersIn  string // read the cluster table from this file instead of computing it
	ClustersOut string // write the computed cluster table here
	Train       TrainOptions
}

// Build computes the word clusters from DataDir/news, derives the
// gazetteers from DataDir/geonames and DataDir/cameo, and trains on
// DataDir/conll2003. It is deterministic.
func Build(ctx context.Context, opt BuildOptions) (*Model, error) {
	opt.Train.defaults()
	log := opt.Train.Log
	t0 := time.Now()
	var cl *Clusters
	if opt.ClustersIn != "" {
		f, err := os.Open(opt.ClustersIn)
		if err != nil {
			return nil, fmt.Errorf("ner: %w", err)
		}
		cl, err = ReadClusters(f)
		f.Close()
		if err != nil {
			return nil, err
		}
	} else {
		var sents [][]string
		for _, name := range []string{"reuters21578.jsonl", "bbc.jsonl"} {
			f, err := os.Open(filepath.Join(opt.DataDir, "news", name))
			if err != nil {
				return nil, fmt.Errorf("ner: %w", err)
			}
			sents, err = ReadNewsSentences(ctx, f, sents)
			f.Close()
			if err != nil {
				return nil, err
			}
		}
		var err error
		cl, err = BuildClusters(ctx, sents, ClusterOptions{})
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(log, "ner train: %d clustered words from %d news sentences (%v)\n", len(cl.Class), len(sents), time.Since(t0).Round(time.Millisecond))
		if opt.ClustersOut != "" {
			f, err := os.Create(opt.ClustersOut)
			if err != nil {
				return nil, fmt.Errorf("ner: %w", err)
			}
			if err := WriteClusters(f, cl); err != nil {
				f.Close()
				return nil, err
			}
			if err := f.Close(); err != nil {
				return nil, fmt.Errorf("ner: %w", err)
			}
		}
	}
	gaz, err := BuildGazetteer(filepath.Join(opt.DataDir, "geonames"), filepath.Join(opt.DataDir, "cameo"))
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "ner train: %d gazetteer names\n", len(gaz))
	files := []string{"train.txt"}
	if opt.WithDev {
		files = append(files, "dev.txt")
	}
	var docs []ConllDoc
	for _, name := range files {
		f, err := os.Open(filepath.Join(opt.DataDir, "conll2003", name))
		if err != nil {
			return nil, fmt.Errorf("ner: %w", err)
		}
		d, err := ReadConll(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("ner: %s: %w", name, err)
		}
		docs = append(docs, d...)
	}
	m, err := Train(ctx, docs, cl, gaz, opt.Train)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "ner train: done in %v\n", time.Since(t0).Round(time.Millisecond))
	return m, nil
}

// TagConll tags one CoNLL document and returns IOB2 tags per sentence.
func (m *Model) TagConll(d ConllDoc) [][]string {
	sents, _ := docWords(d)
	chunks := m.TagDocument(sents)
	out := make([][]string, len(sents))
	for k, cs := range chunks {
		// fine types and back, as the stage types them
		for i := range cs {
			cs[i].Type = ConllType(m.FineType(cs[i].Type, sents[k][cs[i].Start:cs[i].End]))
		}
		out[k] = chunksToTags(len(sents[k]), cs)
	}
	return out
}
