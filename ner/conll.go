package ner

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// ConllToken is one line of a CoNLL-2003 file.
type ConllToken struct {
	Word string
	POS  string
	Tag  string // gold NER tag as written (IOB1 in CoNLL-2003)
}

// ConllDoc is one -DOCSTART- document: a list of sentences.
type ConllDoc struct {
	Sentences [][]ConllToken
}

// ReadConll reads CoNLL-2003 data (word POS chunk NER, blank line between
// sentences, -DOCSTART- between documents). The last column is the tag;
// lines with fewer than two columns are rejected. A file without
// -DOCSTART- lines is one document.
func ReadConll(r io.Reader) ([]ConllDoc, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var docs []ConllDoc
	var cur ConllDoc
	var sent []ConllToken
	flushSent := func() {
		if len(sent) > 0 {
			cur.Sentences = append(cur.Sentences, sent)
			sent = nil
		}
	}
	flushDoc := func() {
		flushSent()
		if len(cur.Sentences) > 0 {
			docs = append(docs, cur)
		}
		cur = ConllDoc{}
	}
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			flushSent()
			continue
		}
		if f[0] == "-DOCSTART-" {
			flushDoc()
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("conll line %d: want at least 2 columns, got %d", line, len(f))
		}
		t := ConllToken{Word: f[0], Tag: f[len(f)-1]}
		if len(f) >= 3 {
			t.POS = f[1]
		}
		sent = append(sent, t)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading conll: %w", err)
	}
	flushDoc()
	return docs, nil
}

// Chunk is an entity span over token indexes [Start, End) of a sentence.
type Chunk struct {
	Start, End int
	Type       string
}

func splitTag(t string) (prefix byte, typ string) {
	if t == "O" || t == "" || len(t) < 3 || t[1] != '-' {
		return 'O', ""
	}
	return t[0], t[2:]
}

// Chunks reads entity spans from IOB1, IOB2, IOE or BILOU tags with the
// conlleval rules for chunk starts and ends.
func Chunks(tags []string) []Chunk {
	var out []Chunk
	start := -1
	var typ string
	prevP, prevT := byte('O'), ""
	for i := 0; i <= len(tags); i++ {
		p, t := byte('O'), ""
		if i < len(tags) {
			p, t = splitTag(tags[i])
		}
		if start >= 0 && chunkEnd(prevP, prevT, p, t) {
			out = append(out, Chunk{start, i, typ})
			start = -1
		}
		if i < len(tags) && chunkStart(prevP, prevT, p, t) {
			start, typ = i, t
		}
		prevP, prevT = p, t
	}
	return out
}

// chunkEnd and chunkStart follow conlleval.pl's endOfChunk/startOfChunk.
func chunkEnd(pp byte, pt string, p byte, t string) bool {
	switch {
	case pp == 'E' || pp == 'L' || pp == 'U' || pp == 'S':
		return true
	case pp == 'B' && (p == 'B' || p == 'O' || p == 'U' || p == 'S'):
		return true
	case pp == 'I' && (p == 'B' || p == 'O' || p == 'U' || p == 'S'):
		return true
	case pp != 'O' && pt != t:
		return true
	}
	return false
}

func chunkStart(pp byte, pt string, p byte, t string) bool {
	switch {
	case p == 'B' || p == 'U' || p == 'S':
		return true
	case pp == 'E' || pp == 'L' || pp == 'U' || pp == 'S':
		return p != 'O'
	case pp == 'O' && (p == 'I' || p == 'E' || p == 'L'):
		return true
	case p != 'O' && pt != t:
		return true
	}
	return false
}

// Score accumulates conlleval-style counts.
type Score struct {
	Tokens, CorrectTags int
	Gold, Pred, Correct map[string]int
}

// NewScore returns an empty score.
func NewScore() *Score {
	return &Score{Gold: map[string]int{}, Pred: map[string]int{}, Correct: map[string]int{}}
}

// Add scores one sentence: gold and predicted tags of equal length.
func (s *Score) Add(gold, pred []string) {
	s.Tokens += len(gold)
	for i := range gold {
		if i < len(pred) && sameTag(gold[i], pred[i]) {
			s.CorrectTags++
		}
	}
	g, p := Chunks(gold), Chunks(pred)
	set := make(map[Chunk]bool, len(g))
	for _, c := range g {
		set[c] = true
		s.Gold[c.Type]++
	}
	for _, c := range p {
		s.Pred[c.Type]++
		if set[c] {
			s.Correct[c.Type]++
		}
	}
}

// sameTag compares tags by type only when both are inside entities, so that
// IOB1 gold and IOB2 predictions give conlleval's token accuracy on types.
func sameTag(a, b string) bool {
	_, ta := splitTag(a)
	_, tb := splitTag(b)
	return ta == tb
}

func prf(c, p, g int) (float64, float64, float64) {
	var pr, rc, f float64
	if p > 0 {
		pr = 100 * float64(c) / float64(p)
	}
	if g > 0 {
		rc = 100 * float64(c) / float64(g)
	}
	if pr+rc > 0 {
		f = 2 * pr * rc / (pr + rc)
	}
	return pr, rc, f
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// F1 returns the overall exact-span F1 (percent).
func (s *Score) F1() float64 {
	_, _, f := prf(sum(s.Correct), sum(s.Pred), sum(s.Gold))
	return f
}

// Report writes the conlleval-style report, ending with "F1 NN.NN".
func (s *Score) Report(w io.Writer) error {
	c, p, g := sum(s.Correct), sum(s.Pred), sum(s.Gold)
	pr, rc, f := prf(c, p, g)
	acc := 0.0
	if s.Tokens > 0 {
		acc = 100 * float64(s.CorrectTags) / float64(s.Tokens)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n", s.Tokens, g, p, c)
	fmt.Fprintf(&b, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n", acc, pr, rc, f)
	types := map[string]bool{}
	for t := range s.Gold {
		types[t] = true
	}
	for t := range s.Pred {
		types[t] = true
	}
	names := make([]string, 0, len(types))
	for t := range types {
		names = append(names, t)
	}
	sort.Strings(names)
	for _, t := range names {
		tp, tr, tf := prf(s.Correct[t], s.Pred[t], s.Gold[t])
		fmt.Fprintf(&b, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n", t, tp, tr, tf, s.Pred[t])
	}
	fmt.Fprintf(&b, "F1 %.2f\n", f)
	_, err := io.WriteString(w, b.String())
	return err
}

// chunksToTags writes spans as IOB2 tags.
func chunksToTags(n int, chunks []Chunk) []string {
	tags := make([]string, n)
	for i := range tags {
		tags[i] = "O"
	}
	for _, c := range chunks {
		tags[c.Start] = "B-" + c.Type
		for i := c.Start + 1; i < c.End; i++ {
			tags[i] = "I-" + c.Type
		}
	}
	return tags
}
