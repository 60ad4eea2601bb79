package textindex

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// EachTerm calls fn with every term of text, in order: the runs of
// letters, digits and private-use characters (combining diacritical marks,
// U+0300 to U+036F, continue a run but do not start one; other marks
// separate), folded to lower case with diacritics removed,
// as FTS5's "unicode61 remove_diacritics 2" tokenizer does. The slice
// passed to fn is reused: copy it to keep it.
func EachTerm(text string, fn func(term []byte)) {
	var buf [64]byte
	term := buf[:0]
	in := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				term = append(term, c)
				in = true
			case 'A' <= c && c <= 'Z':
				term = append(term, c+'a'-'A')
				in = true
			default:
				if in {
					fn(term)
					term, in = term[:0], false
				}
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		switch {
		case isTokenRune(r):
			term = appendFolded(term, r)
			in = true
		case in && isDiacritic(r):
			// A combining diacritical mark inside a word is dropped.
		default:
			if in {
				fn(term)
				term, in = term[:0], false
			}
		}
	}
	if in {
		fn(term)
	}
}

// Terms returns the terms of text (see EachTerm).
func Terms(text string) []string {
	var out []string
	EachTerm(text, func(t []byte) { out = append(out, string(t)) })
	return out
}

func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}

// appendFolded appends r lowercased and, when it is a Latin letter with
// diacritics, as its ASCII base letter.
func appendFolded(dst []byte, r rune) []byte {
	r = unicode.ToLower(r)
	if r >= 0xC0 && r < 0x1F00 {
		var b [utf8.UTFMax]byte
		d := norm.NFD.Bytes(b[:utf8.EncodeRune(b[:], r)])
		if len(d) > 1 && d[0] < utf8.RuneSelf && isASCIILetter(d[0]) && allMarks(d[1:]) {
			return append(dst, d[0])
		}
	}
	return utf8.AppendRune(dst, r)
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func allMarks(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if !unicode.Is(unicode.Mn, r) {
			return false
		}
		b = b[n:]
	}
	return true
}

func isDiacritic(r rune) bool { return 0x300 <= r && r <= 0x36F }
