package syntax

import (
	"unicode"
	"unicode/utf8"
)

// wordInfo holds the precomputed hashes of one token used by the feature
// templates of the tagger and the parser.
type wordInfo struct {
	lower, form, shape     uint64
	pre1, pre3             uint64
	suf1, suf2, suf3, suf4 uint64
	flags                  uint64
	amb                    uint64 // tag ambiguity class, 0 = unknown word
	st                     uint64 // first-pass tag + 1 (two-pass tagging)
	c64, c256, c1024       uint64 // word classes (0: unknown word)
	lowB                   uint64 // lower-case spelling bucket (0: unknown)
}

const (
	flagCap = 1 << iota
	flagAllCap
	flagDigit
	flagHyphen
	flagFirst
	flagNonASCII
	flagAlpha
)

// padding words for positions outside the sentence.
var (
	padBefore = wordInfo{lower: 0x1b2, form: 0x1b2, shape: 0x1b2, pre1: 0x1b2, pre3: 0x1b2, suf1: 0x1b2, suf2: 0x1b2, suf3: 0x1b2, suf4: 0x1b2, amb: 0x1b2, st: 0x1b2, c64: 0x1b2, c256: 0x1b2, c1024: 0x1b2, lowB: 0x1b2}
	padAfter  = wordInfo{lower: 0x2e3, form: 0x2e3, shape: 0x2e3, pre1: 0x2e3, pre3: 0x2e3, suf1: 0x2e3, suf2: 0x2e3, suf3: 0x2e3, suf4: 0x2e3, amb: 0x2e3, st: 0x2e3, c64: 0x2e3, c256: 0x2e3, c1024: 0x2e3, lowB: 0x2e3}
)

// suffixStart returns the byte index where the last n runes of s begin.
func suffixStart(s string, n int) int {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// prefixEnd returns the byte index after the first n runes of s.
func prefixEnd(s string, n int) int {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// shapeHash hashes the word shape of s: X for upper, x for lower, d for
// digits, other characters as is, runs longer than two collapsed.
func shapeHash(s string) uint64 {
	h := uint64(fnvOffset)
	var last rune = -1
	run := 0
	for _, r := range s {
		var c rune
		switch {
		case r >= 'a' && r <= 'z':
			c = 'x'
		case r >= 'A' && r <= 'Z':
			c = 'X'
		case r >= '0' && r <= '9':
			c = 'd'
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c == last {
			run++
			if run > 2 {
				continue
			}
		} else {
			run = 1
			last = c
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func wordFlags(s string, first bool) uint64 {
	var f uint64
	upper, letters := 0, 0
	for i, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
			letters++
			if i == 0 {
				f |= flagCap
			}
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			f |= flagDigit
		case r == '-':
			f |= flagHyphen
		}
		if r >= utf8.RuneSelf {
			f |= flagNonASCII
		}
	}
	if letters > 0 {
		f |= flagAlpha
	}
	if letters > 1 && upper == letters {
		f |= flagAllCap
	}
	if first {
		f |= flagFirst
	}
	return f
}

// fillWord computes the hashes of form (without the ambiguity class).
func fillWord(w *wordInfo, form string, first bool) {
	w.form = hashString(form)
	w.lower = hashLower(form)
	w.shape = shapeHash(form)
	w.pre1 = hashLower(form[:prefixEnd(form, 1)])
	w.pre3 = hashLower(form[:prefixEnd(form, 3)]) ^ 3
	w.suf1 = hashLower(form[suffixStart(form, 1):]) ^ 11
	w.suf2 = hashLower(form[suffixStart(form, 2):]) ^ 12
	w.suf3 = hashLower(form[suffixStart(form, 3):]) ^ 13
	w.suf4 = hashLower(form[suffixStart(form, 4):]) ^ 14
	w.flags = wordFlags(form, first)
}
