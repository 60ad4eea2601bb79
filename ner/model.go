package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// CoNLL entity types the model predicts, in label order.
var conllTypes = [4]string{"PER", "ORG", "LOC", "MISC"}

const numLabels = 1 + 4*len(conllTypes) // O + BILOU per type

// label layout: 0 = O; 1+4k+{0,1,2,3} = B, I, L, U of type k.
func labelKind(l int) byte {
	if l == 0 {
		return 'O'
	}
	return "BILU"[(l-1)%4]
}

func labelType(l int) int { return (l - 1) / 4 }

func allowed(p, c int) bool {
	pk, ck := labelKind(p), labelKind(c)
	if pk == 'B' || pk == 'I' {
		return (ck == 'I' || ck == 'L') && labelType(p) == labelType(c)
	}
	return ck == 'O' || ck == 'B' || ck == 'U'
}

// resources are the lexical tables features read.
type resources struct {
	clusters *Clusters
	gaz      *Gazetteer
	gazList  []GazEntry
}

// Model is a trained recognizer. It is safe for concurrent use.
type Model struct {
	bits  uint
	res   *resources
	trans []float32 // (numLabels+1) x numLabels; the last row scores the start

	// inference weights: row -> offset into qw (or -1), int16 scaled values.
	rowIdx []int32
	qw     []int16
	scale  float32
	// nz has a bit per row with weights; rank[k] counts the set bits of
	// nz[:k], so a row's weights are at qw[(rank+popcount)*numLabels]
	// without touching the large rowIdx table.
	nz   []uint64
	rank []uint32

	// training weights (dense) while training
	w []float32

	// first is the first pass of a two-pass model (nil for one pass); its
	// predictions give the document-history features of this pass.
	first *Model

	pool sync.Pool
}

func (m *Model) row(h uint64) uint32 {
	return uint32((h * 0x9E3779B97F4A7C15) >> (64 - m.bits))
}

type scratch struct {
	fz     featurizer
	parts  [2]typeSums
	feats  []uint64
	scores []float32
	acc    []int32
	back   []int8
	delta  []float32
	labels []int
	df     docFeats
}

func (m *Model) getScratch() *scratch {
	if s, ok := m.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{fz: featurizer{m: m}}
}

// typeSums caches, for one pass over one document, the summed quantized
// weights of each word type's leading word-only features (bias, word,
// lower case, prefixes, suffixes, shapes): repeated words look them up
// once. Integer sums make the result identical to scoring every feature.
type typeSums struct {
	sums []int32 // numLabels per type
	have []bool
}

func (ts *typeSums) reset(n int) {
	if cap(ts.have) < n {
		ts.have = make([]bool, n)
		ts.sums = make([]int32, n*numLabels)
	}
	ts.have = ts.have[:n]
	clear(ts.have)
	ts.sums = ts.sums[:n*numLabels]
}

// add adds the quantized weights of feats into acc.
func (m *Model) add(feats []uint64, acc *[numLabels]int32) {
	// Two phases per block of features: the first finds the rows and adds
	// their first and last weights, which starts every row's memory loads
	// early (rows are scattered over a few MB); the second adds the rest
	// from cache. Integer sums: the result does not depend on the order.
	var offs [32]int32
	for len(feats) > 0 {
		blk := feats[:min(len(feats), len(offs))]
		feats = feats[len(blk):]
		n := 0
		for _, h := range blk {
			r := m.row(h)
			word, bit := r>>6, uint64(1)<<(r&63)
			nzw := m.nz[word]
			if nzw&bit == 0 {
				continue
			}
			o := (int(m.rank[word]) + bits.OnesCount64(nzw&(bit-1))) * numLabels
			ws := (*[numLabels]int16)(m.qw[o : o+numLabels])
			acc[0] += int32(ws[0])
			acc[numLabels-1] += int32(ws[numLabels-1])
			offs[n] = int32(o)
			n++
		}
		for _, o := range offs[:n] {
			ws := (*[numLabels]int16)(m.qw[o : int(o)+numLabels])
			for l := 1; l < numLabels-1; l++ {
				acc[l] += int32(ws[l])
			}
		}
	}
}

// scoreTyped is score for token t of df, taking its word-only features'
// sum from ts (computing it on the type's first token).
func (m *Model) scoreTyped(df *docFeats, t int, rest []uint64, ts *typeSums, out []float32) {
	f := df.feats[df.offs[t]:df.offs[t+1]]
	k, p := df.typ[t], df.pre[t]
	part := (*[numLabels]int32)(ts.sums[int(k)*numLabels : int(k+1)*numLabels])
	if !ts.have[k] {
		*part = [numLabels]int32{}
		m.add(f[:p], part)
		ts.have[k] = true
	}
	acc := *part
	m.add(f[p:], &acc)
	m.add(rest, &acc)
	for l := range out {
		out[l] = float32(acc[l]) * m.scale
	}
}

// score adds the weights of feats into out.
func (m *Model) score(feats []uint64, out []float32) {
	if m.w != nil {
		for l := range out {
			out[l] = 0
		}
		for _, h := range feats {
			r := int(m.row(h)) * numLabels
			ws := m.w[r : r+numLabels]
			for l := range out {
				out[l] += ws[l]
			}
		}
		return
	}
	var acc [numLabels]int32
	m.add(feats, &acc)
	for l := range out {
		out[l] = float32(acc[l]) * m.scale
	}
}

// docFeats holds the pass-independent features of a document's tokens.
type docFeats struct {
	feats   []uint64
	offs    []int32 // token t's features are feats[offs[t]:offs[t+1]]
	lower   []string
	initCap []bool
	// typ is token t's word type (same word and normalized form), pre the
	// number of its leading word-only features; ntypes counts the types.
	typ    []int32
	pre    []int32
	types  map[[2]string]int32
	ntypes int
}

func (m *Model) docFeatures(s *scratch, sents [][]string, dc *docContext) *docFeats {
	df := &s.df
	df.feats, df.offs, df.lower, df.initCap = df.feats[:0], append(df.offs[:0], 0), df.lower[:0], df.initCap[:0]
	df.typ, df.pre = df.typ[:0], df.pre[:0]
	if df.types == nil {
		df.types = map[[2]string]int32{}
	}
	clear(df.types)
	df.ntypes = 0
	s.fz.m = m
	if s.fz.memo == nil {
		s.fz.memo = map[[2]string]tokInfo{}
	}
	clear(s.fz.memo)
	for _, words := range sents {
		if len(words) == 0 {
			continue
		}
		s.fz.prepare(words, dc)
		caps, num := isAllCapsSentence(words), isNumericSentence(words)
		for i := range words {
			df.feats = s.fz.features(i, words, dc, caps, num, df.feats)
			df.offs = append(df.offs, int32(len(df.feats)))
			ti := &s.fz.info[i]
			key := [2]string{words[i], ti.norm}
			k, ok := df.types[key]
			if !ok {
				k = int32(df.ntypes)
				df.types[key] = k
				df.ntypes++
			}
			df.typ = append(df.typ, k)
			df.pre = append(df.pre, int32(wordOnlyFeatures(ti)))
			df.lower = append(df.lower, s.fz.info[i].lower)
			df.initCap = append(df.initCap, s.fz.info[i].initCap)
		}
	}
	return df
}

// wordOnlyFeatures is the number of leading features of a token that
// depend on its word alone (see featurizer.features): bias, word, lower
// case, up to four prefixes and four suffixes, shape, short shape, word
// clusters (or their absence), lower-case cluster with capitalization.
func wordOnlyFeatures(t *tokInfo) int {
	k := 0
	if nr := utf8.RuneCountInString(t.lower); nr > 1 {
		k = min(4, nr-1)
	}
	cls := 1
	if t.hasCls {
		cls = 3
	}
	return 5 + 2*k + cls + 1
}

// tagFeats decodes every sentence from precomputed features, adding the
// history features when hist is not nil. pass (0 or 1) picks the cache
// of word-type sums of an inference pass; -1 scores every feature.
func (m *Model) tagFeats(s *scratch, sents [][]string, df *docFeats, hist *docHistory, pass int) [][]Chunk {
	out := make([][]Chunk, len(sents))
	var ts *typeSums
	if pass >= 0 && m.w == nil && len(df.typ) == len(df.offs)-1 {
		ts = &s.parts[pass]
		ts.reset(df.ntypes)
	}
	t := 0
	for k, words := range sents {
		n := len(words)
		if n == 0 {
			continue
		}
		if cap(s.scores) < n*numLabels {
			s.scores = make([]float32, n*numLabels)
		}
		sc := s.scores[:n*numLabels]
		for i := 0; i < n; i++ {
			if ts != nil {
				var rest []uint64
				if hist != nil {
					s.feats = hist.features(df.lower[t], df.initCap[t], s.feats[:0])
					rest = s.feats
				}
				m.scoreTyped(df, t, rest, ts, sc[i*numLabels:(i+1)*numLabels])
				t++
				continue
			}
			f := df.feats[df.offs[t]:df.offs[t+1]]
			if hist != nil {
				s.feats = append(s.feats[:0], f...)
				s.feats = hist.features(df.lower[t], df.initCap[t], s.feats)
				f = s.feats
			}
			m.score(f, sc[i*numLabels:(i+1)*numLabels])
			t++
		}
		out[k] = stripTitles(words, labelsToChunks(m.viterbi(s, sc, n)))
	}
	return out
}

var personTitles = map[string]bool{"mr": true, "mr.": true, "mrs": true, "mrs.": true, "ms": true,
	"ms.": true, "dr": true, "dr.": true, "messrs": true, "messrs.": true, "mme": true, "mme.": true}

// stripTitles drops a leading "Mr"/"Dr" from person spans, as CoNLL
// annotates names without courtesy titles.
func stripTitles(words []string, cs []Chunk) []Chunk {
	for i := range cs {
		c := &cs[i]
		if c.Type == "PER" && c.End-c.Start > 1 && personTitles[strings.ToLower(words[c.Start])] {
			c.Start++
		}
	}
	return cs
}

// viterbi returns the best allowed label sequence.
func (m *Model) viterbi(s *scratch, sc []float32, n int) []int {
	if cap(s.delta) < n*numLabels {
		s.delta = make([]float32, n*numLabels)
		s.back = make([]int8, n*numLabels)
	}
	if cap(s.labels) < n {
		s.labels = make([]int, n)
	}
	delta, back, labels := s.delta[:n*numLabels], s.back[:n*numLabels], s.labels[:n]
	neg := float32(math.Inf(-1))
	start := m.trans[numLabels*numLabels:]
	for c := 0; c < numLabels; c++ {
		k := labelKind(c)
		if k == 'O' || k == 'B' || k == 'U' {
			delta[c] = start[c] + sc[c]
		} else {
			delta[c] = neg
		}
	}
	// the allowed transitions into each label, in predTab order (a
	// disallowed or unreachable predecessor scores -Inf and never wins)
	var tw [numLabels][numLabels]float32
	for c := 0; c < numLabels; c++ {
		for k, p8 := range predTab[c] {
			tw[c][k] = m.trans[int(p8)*numLabels+c]
		}
	}
	for i := 1; i < n; i++ {
		prev := (*[numLabels]float32)(delta[(i-1)*numLabels : i*numLabels])
		cur := (*[numLabels]float32)(delta[i*numLabels : (i+1)*numLabels])
		row := (*[numLabels]float32)(sc[i*numLabels : (i+1)*numLabels])
		bk := (*[numLabels]int8)(back[i*numLabels : (i+1)*numLabels])
		for c := 0; c < numLabels; c++ {
			best, bi := neg, 0
			w := &tw[c]
			for k, p8 := range predTab[c] {
				if v := prev[p8] + w[k]; v > best {
					best, bi = v, int(p8)
				}
			}
			cur[c] = best + row[c]
			bk[c] = int8(bi)
		}
	}
	last := delta[(n-1)*numLabels:]
	best, bi := neg, 0
	for c := 0; c < numLabels; c++ {
		k := labelKind(c)
		if (k == 'O' || k == 'L' || k == 'U') && last[c] > best {
			best, bi = last[c], c
		}
	}
	for i := n - 1; i >= 0; i-- {
		labels[i] = bi
		bi = int(back[i*numLabels+bi])
	}
	return labels
}

// predTab lists the allowed previous labels of each label.
var predTab = func() (t [numLabels][]int8) {
	for c := 0; c < numLabels; c++ {
		for p := 0; p < numLabels; p++ {
			if allowed(p, c) {
				t[c] = append(t[c], int8(p))
			}
		}
	}
	return
}()

var allowedTab = func() (t [numLabels][numLabels]bool) {
	for p := 0; p < numLabels; p++ {
		for c := 0; c < numLabels; c++ {
			t[p][c] = allowed(p, c)
		}
	}
	return
}()

// labelsToChunks converts BILOU labels into spans with CoNLL types.
func labelsToChunks(labels []int) []Chunk {
	var out []Chunk
	start := -1
	for i, l := range labels {
		switch labelKind(l) {
		case 'U':
			out = append(out, Chunk{i, i + 1, conllTypes[labelType(l)]})
			start = -1
		case 'B':
			start = i
		case 'L':
			if start >= 0 {
				out = append(out, Chunk{start, i + 1, conllTypes[labelType(l)]})
			}
			start = -1
		case 'O':
			start = -1
		}
	}
	return out
}

// chunksToLabels converts spans into BILOU labels.
func chunksToLabels(n int, chunks []Chunk) []int {
	labels := make([]int, n)
	for _, c := range chunks {
		k := -1
		for i, t := range conllTypes {
			if t == c.Type {
				k = i
			}
		}
		if k < 0 {
			continue
		}
		if c.End-c.Start == 1 {
			labels[c.Start] = 1 + 4*k + 3
			continue
		}
		labels[c.Start] = 1 + 4*k
		for i := c.Start + 1; i < c.End-1; i++ {
			labels[i] = 1 + 4*k + 1
		}
		labels[c.End-1] = 1 + 4*k + 2
	}
	return labels
}

// TagDocument tags the sentences of one document and returns the entity
// spans of each sentence, with CoNLL types. It runs two passes when the
// model has document-history features.
func (m *Model) TagDocument(sents [][]string) [][]Chunk {
	s := m.getScratch()
	defer m.pool.Put(s)
	dc := newDocContext(sents)
	if m.first == nil {
		return m.tagFeats(s, sents, m.docFeatures(s, sents, dc), nil, 0)
	}
	df := m.docFeatures(s, sents, dc)
	hist := newDocHistory(sents, m.first.tagFeats(s, sents, df, nil, 0))
	return m.tagFeats(s, sents, df, hist, 1)
}

// buildIndex derives the bitset and rank tables from rowIdx (rows must be
// stored in row order in qw).
func (m *Model) buildIndex() {
	n := len(m.rowIdx)
	m.nz = make([]uint64, (n+63)/64)
	m.rank = make([]uint32, len(m.nz))
	for r, o := range m.rowIdx {
		if o >= 0 {
			m.nz[r>>6] |= 1 << (r & 63)
		}
	}
	c := uint32(0)
	for k, w := range m.nz {
		m.rank[k] = c
		c += uint32(bits.OnesCount64(w))
	}
	m.rowIdx = nil
}

// ---- serialization ----

const modelMagic = "SRNER\x01"

type binWriter struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
	err error
}

func (b *binWriter) uvarint(v uint64) {
	n := binary.PutUvarint(b.buf[:], v)
	if _, err := b.w.Write(b.buf[:n]); err != nil && b.err == nil {
		b.err = err
	}
}

func (b *binWriter) varint(v int64) {
	n := binary.PutVarint(b.buf[:], v)
	if _, err := b.w.Write(b.buf[:n]); err != nil && b.err == nil {
		b.err = err
	}
}

func (b *binWriter) str(s string) {
	b.uvarint(uint64(len(s)))
	if _, err := b.w.WriteString(s); err != nil && b.err == nil {
		b.err = err
	}
}

func (b *binWriter) f32(f float32) { b.uvarint(uint64(math.Float32bits(f))) }

// Write serializes the model (gzip-compressed).
func (m *Model) Write(w io.Writer) error {
	if m.nz == nil {
		return errors.New("ner: model is not finalized")
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("ner: %w", err)
	}
	b := &binWriter{w: bufio.NewWriter(zw)}
	b.w.WriteString(modelMagic)
	passes := []*Model{m}
	if m.first != nil {
		passes = []*Model{m.first, m}
	}
	b.uvarint(uint64(len(passes)))
	for _, p := range passes {
		p.writeWeights(b)
	}
	cl := m.res.clusters
	words := make([]string, 0, len(cl.Class))
	for w := range cl.Class {
		words = append(words, w)
	}
	sort.Strings(words)
	b.uvarint(uint64(len(words)))
	for _, w := range words {
		c := cl.Class[w]
		b.str(w)
		b.uvarint(uint64(c[0]))
		b.uvarint(uint64(c[1]))
		b.uvarint(uint64(c[2]))
	}
	lws := make([]string, 0, len(cl.Lower))
	for w := range cl.Lower {
		lws = append(lws, w)
	}
	sort.Strings(lws)
	b.uvarint(uint64(len(lws)))
	for _, w := range lws {
		b.str(w)
		b.uvarint(uint64(cl.Lower[w]))
	}
	b.uvarint(uint64(len(m.res.gazList)))
	for _, e := range m.res.gazList {
		b.str(e.Phrase)
		b.uvarint(uint64(e.Mask))
	}
	if b.err != nil {
		return fmt.Errorf("ner: writing model: %w", b.err)
	}
	if err := b.w.Flush(); err != nil {
		return fmt.Errorf("ner: writing model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("ner: writing model: %w", err)
	}
	return nil
}

func (m *Model) writeWeights(b *binWriter) {
	b.uvarint(uint64(m.bits))
	b.f32(m.scale)
	for _, t := range m.trans {
		b.f32(t)
	}
	var rows []uint32
	for k, w := range m.nz {
		for w != 0 {
			rows = append(rows, uint32(k*64+bits.TrailingZeros64(w)))
			w &= w - 1
		}
	}
	b.uvarint(uint64(len(rows)))
	prev := uint32(0)
	for _, r := range rows {
		b.uvarint(uint64(r - prev))
		prev = r
	}
	// values column-major by label gives long runs of zeros; rows are
	// stored in row order, so row i's weights are at qw[i*numLabels]
	for l := 0; l < numLabels; l++ {
		for i := range rows {
			b.varint(int64(m.qw[i*numLabels+l]))
		}
	}
}

type binReader struct {
	r   *bufio.Reader
	err error
}

func (b *binReader) uvarint() uint64 {
	if b.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(b.r)
	if err != nil {
		b.err = err
	}
	return v
}

func (b *binReader) varint() int64 {
	if b.err != nil {
		return 0
	}
	v, err := binary.ReadVarint(b.r)
	if err != nil {
		b.err = err
	}
	return v
}

func (b *binReader) str() string {
	n := b.uvarint()
	if b.err != nil {
		return ""
	}
	if n > 1<<20 {
		b.err = errors.New("string too long")
		return ""
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(b.r, buf); err != nil {
		b.err = err
	}
	return string(buf)
}

func (b *binReader) f32() float32 { return math.Float32frombits(uint32(b.uvarint())) }

// ReadModel reads a model written by Write.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner: reading model: %w", err)
	}
	defer zr.Close()
	b := &binReader{r: bufio.NewReader(zr)}
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(b.r, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("ner: not a sitrep NER model")
	}
	np := b.uvarint()
	if np < 1 || np > 2 {
		return nil, errors.New("ner: bad pass count")
	}
	var passes []*Model
	for i := uint64(0); i < np; i++ {
		p, err := readWeights(b)
		if err != nil {
			return nil, err
		}
		passes = append(passes, p)
	}
	m := passes[len(passes)-1]
	if np == 2 {
		m.first = passes[0]
	}
	cl := &Clusters{Class: map[string][3]uint16{}, Lower: map[string]uint8{}}
	nw := b.uvarint()
	for i := uint64(0); i < nw && b.err == nil; i++ {
		w := b.str()
		cl.Class[w] = [3]uint16{uint16(b.uvarint()), uint16(b.uvarint()), uint16(b.uvarint())}
	}
	nl := b.uvarint()
	for i := uint64(0); i < nl && b.err == nil; i++ {
		w := b.str()
		cl.Lower[w] = uint8(b.uvarint())
	}
	ng := b.uvarint()
	var gl []GazEntry
	for i := uint64(0); i < ng && b.err == nil; i++ {
		p := b.str()
		gl = append(gl, GazEntry{p, uint16(b.uvarint())})
	}
	if b.err != nil {
		return nil, fmt.Errorf("ner: reading model: %w", b.err)
	}
	m.res = &resources{clusters: cl, gaz: NewGazetteer(gl), gazList: gl}
	if m.first != nil {
		m.first.res = m.res
	}
	return m, nil
}

func readWeights(b *binReader) (*Model, error) {
	m := &Model{}
	m.bits = uint(b.uvarint())
	if m.bits < 8 || m.bits > 22 {
		return nil, fmt.Errorf("ner: bad model table size 2^%d", m.bits)
	}
	m.scale = b.f32()
	m.trans = make([]float32, (numLabels+1)*numLabels)
	for i := range m.trans {
		m.trans[i] = b.f32()
	}
	nrows := b.uvarint()
	if b.err != nil || nrows > 1<<m.bits {
		return nil, errors.New("ner: bad row count")
	}
	m.rowIdx = make([]int32, 1<<m.bits)
	for i := range m.rowIdx {
		m.rowIdx[i] = -1
	}
	rows := make([]uint32, nrows)
	prev := uint64(0)
	for i := range rows {
		prev += b.uvarint()
		if prev >= 1<<m.bits {
			return nil, errors.New("ner: bad row index")
		}
		rows[i] = uint32(prev)
		m.rowIdx[prev] = int32(i * numLabels)
	}
	m.qw = make([]int16, int(nrows)*numLabels)
	for l := 0; l < numLabels && b.err == nil; l++ {
		for i := range rows {
			m.qw[i*numLabels+l] = int16(b.varint())
		}
	}
	if b.err != nil {
		return nil, fmt.Errorf("ner: reading model: %w", b.err)
	}
	m.buildIndex()
	return m, nil
}
