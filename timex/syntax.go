package timex

import (
	"sort"

	"github.com/sitrep/sitrep/document"
)

// clauseTenses reads the tense of the clause that governs a time
// expression from the syntax layer (heads, relations, tags), for the cases
// where no tense word stands near the expression: in "Erdogan will travel
// to Tehran for a trilateral meeting with his counterparts on Friday" the
// "will" is too far from "Friday" for the word window, but "Friday" hangs
// from "meeting", which hangs from "travel", whose auxiliary is "will".
type clauseTenses struct {
	toks []document.Token
	// sentStart is the index of the first token of each token's sentence.
	sentStart []int
	// future marks verbs with a future auxiliary (will, shall, 'll).
	future []bool
}

// newClauseTenses indexes tokens (as the syntax stage left them) within
// the sentences starting at the given code point offsets. It returns nil
// when the tokens carry no dependency analysis.
func newClauseTenses(toks []document.Token, sentenceStarts []int) *clauseTenses {
	parsed := false
	for _, t := range toks {
		if t.Deprel != "" {
			parsed = true
			break
		}
	}
	if !parsed {
		return nil
	}
	c := &clauseTenses{toks: toks, sentStart: make([]int, len(toks)), future: make([]bool, len(toks))}
	si, first := 0, 0
	for i, t := range toks {
		for si < len(sentenceStarts) && t.Start >= sentenceStarts[si] {
			si++
			first = i
		}
		c.sentStart[i] = first
	}
	for i, t := range toks {
		if t.Deprel != "aux" {
			continue
		}
		switch t.Lemma {
		case "will", "shall":
			if h := c.head(i); h >= 0 {
				c.future[h] = true
			}
		}
	}
	return c
}

// head returns the token index of token i's head, or -1 for the root or a
// head outside the token list.
func (c *clauseTenses) head(i int) int {
	h := c.toks[i].Head
	if h <= 0 {
		return -1
	}
	j := c.sentStart[i] + h - 1
	if j < 0 || j >= len(c.toks) || j == i {
		return -1
	}
	return j
}

// tense returns +1 when the expression at code points [start, end) hangs,
// through nouns, prepositions and infinitives, from a verb with a future
// auxiliary, and 0 otherwise. Past tense is left to the word cues, which
// see the syntax layer's past-tense verbs already.
func (c *clauseTenses) tense(start, end int) int {
	if c == nil {
		return 0
	}
	i := sort.Search(len(c.toks), func(k int) bool { return c.toks[k].Start >= start })
	// The expression's own head: its first token whose head lies outside it.
	h := -1
	for k := i; k < len(c.toks) && c.toks[k].Start < end; k++ {
		p := c.head(k)
		if p < 0 || c.toks[p].Start < start || c.toks[p].Start >= end {
			h = k
			break
		}
	}
	for hops := 0; h >= 0 && hops < 5; hops++ {
		h = c.head(h)
		if h < 0 {
			return 0
		}
		if c.future[h] {
			return 1
		}
		t := c.toks[h]
		if t.UPOS == "VERB" || t.UPOS == "AUX" {
			// A finite verb without a future auxiliary decides: not
			// future. Infinitives and participles pass the question on
			// to the verb they complete ("will travel to meet him on
			// Friday").
			switch t.XPOS {
			case "VBD", "VBZ", "VBP":
				return 0
			}
		}
	}
	return 0
}
