package segment

import (
	"context"
	"sync"

	"github.com/sitrep/sitrep/document"
)

// Stage fills a document's Sentences and Tokens. It is safe for concurrent use.
type Stage struct {
	pool sync.Pool
}

// NewStage returns the segmentation stage.
func NewStage() *Stage {
	return &Stage{pool: sync.Pool{New: func() any { return new(Segmenter) }}}
}

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "segment" }

// Process implements pipeline.Stage.
func (st *Stage) Process(ctx context.Context, d *document.Document) error {
	sg := st.pool.Get().(*Segmenter)
	defer st.pool.Put(sg)
	toks, sents := sg.Segment(d.Text)

	// Convert byte offsets to code point offsets in one forward pass.
	conv := newRuneCounter(d.Text)
	d.Tokens = make([]document.Token, len(toks))
	for i, t := range toks {
		d.Tokens[i] = document.Token{
			Start:      conv.at(t.Start),
			End:        conv.at(t.End),
			Text:       d.Text[t.Start:t.End],
			SpaceAfter: t.SpaceAfter,
		}
	}
	d.Sentences = make([]document.Sentence, len(sents))
	for i, s := range sents {
		d.Sentences[i] = document.Sentence{
			Start:      d.Tokens[s.First].Start,
			End:        d.Tokens[s.Last-1].End,
			TokenStart: s.First,
			TokenEnd:   s.Last,
		}
	}
	return nil
}

// runeCounter converts increasing byte offsets into code point offsets.
type runeCounter struct {
	s           string
	byte, runes int
	ascii       bool
}

func newRuneCounter(s string) *runeCounter {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	return &runeCounter{s: s, ascii: ascii}
}

func (c *runeCounter) at(b int) int {
	if c.ascii {
		return b
	}
	if b < c.byte {
		c.byte, c.runes = 0, 0
	}
	for c.byte < b && c.byte < len(c.s) {
		_, n := decode(c.s, c.byte)
		c.byte += n
		c.runes++
	}
	return c.runes
}
