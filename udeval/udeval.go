// Package udeval scores tokenization and sentence segmentation the way the
// CoNLL 2018 shared task evaluation script does: tokens and sentences are
// compared by their character spans over the text with whitespace removed.
package udeval

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/conllu"
)

// Span is a range of non-whitespace characters [Start, End).
type Span struct{ Start, End int }

// Segmentation is the tokens and sentences of a text, by character spans over
// the text with all whitespace removed.
type Segmentation struct {
	chars     []rune
	Tokens    []Span
	Sentences []Span
}

// FromCoNLLU collects the surface tokens (multiword token ranges count as one
// token) and sentences of a CoNLL-U file.
func FromCoNLLU(sents []*conllu.Sentence) Segmentation {
	var seg Segmentation
	for _, s := range sents {
		sentStart := len(seg.chars)
		ri := 0
		for wi := 0; wi < len(s.Words); wi++ {
			w := s.Words[wi]
			form := w.Form
			if ri < len(s.Ranges) && s.Ranges[ri].First == w.ID {
				r := s.Ranges[ri]
				form = r.Form
				for wi+1 < len(s.Words) && s.Words[wi+1].ID <= r.Last {
					wi++
				}
				ri++
			}
			start := len(seg.chars)
			for _, c := range form {
				if !unicode.IsSpace(c) {
					seg.chars = append(seg.chars, c)
				}
			}
			if len(seg.chars) > start {
				seg.Tokens = append(seg.Tokens, Span{start, len(seg.chars)})
			}
		}
		if len(seg.chars) > sentStart {
			seg.Sentences = append(seg.Sentences, Span{sentStart, len(seg.chars)})
		}
	}
	return seg
}

// Score is precision, recall and F1 of one kind of unit.
type Score struct {
	Gold, System, Correct int
}

// Precision is Correct/System.
func (s Score) Precision() float64 { return ratio(s.Correct, s.System) }

// Recall is Correct/Gold.
func (s Score) Recall() float64 { return ratio(s.Correct, s.Gold) }

// F1 is the harmonic mean of precision and recall.
func (s Score) F1() float64 { return ratio(2*s.Correct, s.Gold+s.System) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Result holds the scores of a comparison.
type Result struct {
	Tokens, Sentences Score
}

// Compare scores system against gold. The two must cover the same text once
// whitespace is removed; otherwise Compare returns an error that names the
// first differing character, as the CoNLL 2018 script does.
func Compare(gold, system Segmentation) (Result, error) {
	if len(gold.chars) != len(system.chars) || string(gold.chars) != string(system.chars) {
		i := 0
		for i < len(gold.chars) && i < len(system.chars) && gold.chars[i] == system.chars[i] {
			i++
		}
		return Result{}, fmt.Errorf("text differs at non-space character %d: gold %q, system %q",
			i, context(gold.chars, i), context(system.chars, i))
	}
	return Result{Tokens: match(gold.Tokens, system.Tokens), Sentences: match(gold.Sentences, system.Sentences)}, nil
}

func context(c []rune, i int) string {
	end := min(i+20, len(c))
	if i > end {
		return ""
	}
	return string(c[i:end])
}

func match(gold, sys []Span) Score {
	s := Score{Gold: len(gold), System: len(sys)}
	i, j := 0, 0
	for i < len(gold) && j < len(sys) {
		switch {
		case gold[i] == sys[j]:
			s.Correct++
			i++
			j++
		case gold[i].Start < sys[j].Start || gold[i].Start == sys[j].Start && gold[i].End < sys[j].End:
			i++
		default:
			j++
		}
	}
	return s
}

// RawText rebuilds the raw text of a treebank from its "# text" comments:
// sentences of a paragraph joined by a space, paragraphs and documents
// separated by a blank line.
func RawText(sents []*conllu.Sentence) string {
	var b strings.Builder
	for i, s := range sents {
		if i > 0 {
			if s.HasComment("newpar") || s.HasComment("newdoc") {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(s.Text())
	}
	b.WriteByte('\n')
	return b.String()
}

// FromSpans builds a segmentation from byte spans of tokens and sentences
// over text, for segmenters that do not write CoNLL-U. Characters of text
// that no token covers still count, so the result compares with gold built
// from the same text.
func FromSpans(text string, tokens, sentences [][2]int) Segmentation {
	var seg Segmentation
	// Non-whitespace character index of every byte offset.
	index := make([]int, len(text)+1)
	n := 0
	for i, c := range text {
		index[i] = n
		if !unicode.IsSpace(c) {
			seg.chars = append(seg.chars, c)
			n++
		}
	}
	// Fill continuation bytes and the end.
	last := 0
	for i := range index {
		if i < len(text) && !utf8.RuneStart(text[i]) {
			index[i] = last
			continue
		}
		if i == len(text) {
			index[i] = n
		}
		last = index[i]
	}
	conv := func(spans [][2]int) []Span {
		var out []Span
		for _, s := range spans {
			if s[0] < 0 || s[1] > len(text) || s[0] >= s[1] {
				continue
			}
			sp := Span{index[s[0]], index[s[1]]}
			if sp.End > sp.Start {
				out = append(out, sp)
			}
		}
		return out
	}
	seg.Tokens = conv(tokens)
	seg.Sentences = conv(sentences)
	return seg
}
