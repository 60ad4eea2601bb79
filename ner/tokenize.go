package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// simpleTokens splits running text into CoNLL-like tokens: whitespace
// separated, leading and trailing punctuation split off, "'s" and "n't"
// split, abbreviations with inner periods kept. It is used on the unlabeled
// news text (word clusters) and on gazetteer names, never on documents
// (the segment stage tokenizes those).
func simpleTokens(s string, out []string) []string {
	for _, f := range strings.Fields(s) {
		out = splitChunk(f, out)
	}
	return out
}

func isPunct(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

func splitChunk(f string, out []string) []string {
	// leading punctuation
	for len(f) > 0 {
		r, n := utf8.DecodeRuneInString(f)
		if !isPunct(r) || len(f) == n {
			break
		}
		out = append(out, f[:n])
		f = f[n:]
	}
	var tail []string
	for len(f) > 0 {
		r, n := utf8.DecodeLastRuneInString(f)
		if !isPunct(r) || len(f) == n {
			break
		}
		if r == '.' {
			body := f[:len(f)-n]
			if strings.Contains(body, ".") || (utf8.RuneCountInString(body) <= 3 && startsUpper(body)) {
				break // U.S. / Inc. / Mr.
			}
		}
		tail = append(tail, f[len(f)-n:])
		f = f[:len(f)-n]
	}
	if len(f) > 0 {
		lf := strings.ToLower(f)
		switch {
		case len(f) > 3 && strings.HasSuffix(lf, "n't"):
			out = append(out, f[:len(f)-3], f[len(f)-3:])
		case len(f) > 2 && (strings.HasSuffix(lf, "'s") || strings.HasSuffix(lf, "’s")):
			k := strings.LastIndexAny(f, "'’")
			out = append(out, f[:k], f[k:])
		default:
			out = append(out, f)
		}
	}
	for i := len(tail) - 1; i >= 0; i-- {
		out = append(out, tail[i])
	}
	return out
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
