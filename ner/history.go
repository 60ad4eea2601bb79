package ner

import "strings"

// docHistory summarizes the first-pass predictions of a document, for the
// second pass: a name tagged PERSON somewhere is likely PERSON elsewhere.
type docHistory struct {
	// per lowercased word: counts of the types of entities containing it
	// (index 0..3) and of times it was seen capitalized outside entities (4)
	types map[string]*[5]uint16
	// word is the last (resp. first) token of a multi-token entity of a type
	last, first map[string]uint8
}

func newDocHistory(sents [][]string, chunks [][]Chunk) *docHistory {
	h := &docHistory{types: map[string]*[5]uint16{}, last: map[string]uint8{}, first: map[string]uint8{}}
	for k, words := range sents {
		in := make([]int, len(words))
		for i := range in {
			in[i] = -1
		}
		for _, c := range chunks[k] {
			t := typeIndex(c.Type)
			for i := c.Start; i < c.End; i++ {
				in[i] = t
			}
			if c.End-c.Start > 1 {
				h.last[strings.ToLower(words[c.End-1])] |= 1 << t
				h.first[strings.ToLower(words[c.Start])] |= 1 << t
			}
		}
		for i, w := range words {
			if !startsUpper(w) {
				continue
			}
			lw := strings.ToLower(w)
			c := h.types[lw]
			if c == nil {
				c = &[5]uint16{}
				h.types[lw] = c
			}
			if in[i] >= 0 {
				c[in[i]]++
			} else {
				c[4]++
			}
		}
	}
	return h
}

func typeIndex(t string) int {
	for i, c := range conllTypes {
		if c == t {
			return i
		}
	}
	return 3
}

func (h *docHistory) features(lower string, initCap bool, out []uint64) []uint64 {
	if !initCap {
		return out
	}
	c := h.types[lower]
	if c != nil {
		tot, best, bi := 0, uint16(0), 0
		for k, v := range c {
			tot += int(v)
			if v > best {
				best, bi = v, k
			}
		}
		share := uint64(0)
		if tot > 0 && int(best)*3 >= tot*2 {
			share = 1
		}
		if tot > 1 {
			share += 2
		}
		out = append(out, hNum(hNum(hT(fHist), uint64(bi)), share))
	}
	if m := h.last[lower]; m != 0 {
		out = append(out, hNum(hT(fHistLast), uint64(m)))
	}
	if m := h.first[lower]; m != 0 {
		out = append(out, hNum(hT(fHistSub), uint64(m)))
	}
	return out
}
