package segment

import (
	"unicode"
	"unicode/utf8"
)

// Sentence is a range of tokens [First, Last) and of bytes [Start, End).
type Sentence struct {
	Start, End  int
	First, Last int
}

// Segmenter holds reusable buffers; the zero value is ready to use. A
// Segmenter is not safe for concurrent use; give each worker its own.
type Segmenter struct {
	Tokens    []Token
	Sentences []Sentence
}

// Segment tokenizes s and splits it into sentences. Paragraph breaks (a line
// that is empty or only whitespace) always end a sentence. The results stay
// valid until the next call.
func (sg *Segmenter) Segment(s string) ([]Token, []Sentence) {
	sg.Tokens = sg.Tokens[:0]
	sg.Sentences = sg.Sentences[:0]
	for start := 0; start < len(s); {
		end, next := paragraphEnd(s, start)
		sg.segmentParagraph(s, start, end)
		start = next
	}
	return sg.Tokens, sg.Sentences
}

// Segment is a convenience wrapper that allocates new slices.
func Segment(s string) ([]Token, []Sentence) {
	var sg Segmenter
	return sg.Segment(s)
}

// paragraphEnd returns the end of the paragraph starting at start and the
// start of the next one.
func paragraphEnd(s string, start int) (end, next int) {
	for i := start; i < len(s); i++ {
		if s[i] != '\n' {
			continue
		}
		// Look for another newline with only spaces in between.
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
			j++
		}
		if j < len(s) && s[j] == '\n' {
			k := j
			for k < len(s) && (s[k] == '\n' || s[k] == ' ' || s[k] == '\t' || s[k] == '\r') {
				k++
			}
			return i, k
		}
	}
	return len(s), len(s)
}

func (sg *Segmenter) segmentParagraph(s string, start, end int) {
	first := len(sg.Tokens)
	sg.Tokens = tokenizeRange(s, start, end, sg.Tokens)
	toks := sg.Tokens
	sentStart := first
	for k := first; k < len(toks); k++ {
		if !endsSentence(s, toks, k) {
			continue
		}
		final := toks[k].Text(s)
		// Closing quotes and brackets glued to the final mark stay with the
		// sentence they close.
		for k+1 < len(toks) && !toks[k].SpaceAfter && isCloser(toks[k+1].Text(s)) {
			k++
		}
		if k+1 < len(toks) && !startsSentence(s, toks, k+1, final) {
			continue
		}
		sg.addSentence(sentStart, k+1)
		sentStart = k + 1
	}
	if sentStart < len(toks) {
		sg.addSentence(sentStart, len(toks))
	}
}

func (sg *Segmenter) addSentence(first, last int) {
	sg.Sentences = append(sg.Sentences, Sentence{
		Start: sg.Tokens[first].Start, End: sg.Tokens[last-1].End, First: first, Last: last,
	})
}

// endsSentence reports whether token k can end a sentence.
func endsSentence(s string, toks []Token, k int) bool {
	t := toks[k].Text(s)
	switch t {
	case ".", "!", "?", "?!", "!?", "…":
		return true
	}
	if isURLOrEmail(t) {
		// Links often close a line of web text without punctuation.
		return k+1 < len(toks)
	}
	if len(t) >= 2 && t[len(t)-1] == '.' {
		if t[0] == '.' {
			return true // ellipsis
		}
		// An abbreviation that may also end a sentence ("in the U.S.").
		return sentenceFinalAbbrev(t)
	}
	return false
}

func sentenceFinalAbbrev(t string) bool {
	switch t {
	case "U.S.", "U.K.", "U.N.", "Inc.", "Corp.", "Co.", "Ltd.", "Jr.", "Sr.", "etc.", "a.m.", "p.m.", "D.C.", "E.U.":
		return true
	}
	return false
}

func isCloser(t string) bool {
	switch t {
	case "\"", "”", "’", "'", ")", "]", "}", "»":
		return true
	}
	return false
}

// startsSentence reports whether token k reads as the start of a sentence
// after the sentence-final token prev.
func startsSentence(s string, toks []Token, k int, prev string) bool {
	t := toks[k].Text(s)
	r, _ := utf8.DecodeRuneInString(t)
	if isOpenPunct(r) || r == '\'' || r == '-' || isDash(r) {
		if k+1 < len(toks) {
			r2, _ := utf8.DecodeRuneInString(toks[k+1].Text(s))
			return unicode.IsUpper(r2) || unicode.IsDigit(r2)
		}
		return true
	}
	if isURLOrEmail(prev) {
		return unicode.IsUpper(r) && k+1 < len(toks) && !isCloser(toks[k+1].Text(s))
	}
	if prev != "." && prev != "!" && prev != "?" && prev[0] != '.' && prev != "…" {
		// After an abbreviation only a typical sentence opener starts a sentence.
		return sentenceOpeners[t]
	}
	if unicode.IsUpper(r) || unicode.IsDigit(r) {
		return true
	}
	// A standalone final mark before a lower-case word still ends a
	// sentence in informal text ("so far nothing. i need ..."), but a
	// period is part of an ellipsis-like pause before a continuation less
	// often than "!" and "?".
	return unicode.IsLower(r) && (prev == "." || prev == "!" || prev == "?" || prev == "?!" || prev == "!?")
}

var sentenceOpeners = toSet("The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "A",
	"This", "That", "There", "His", "Her", "Its", "Their", "Our", "On", "At", "As", "If", "When",
	"While", "After", "Before", "Mr.", "Mrs.", "Ms.", "Dr.", "Some", "Many", "Most", "Officials",
	"However", "Meanwhile", "Earlier", "Later", "Last", "Next", "So", "Yet", "Still", "Also")
