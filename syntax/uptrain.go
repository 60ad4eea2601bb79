package syntax

import (
	"unicode"
	"unicode/utf8"
)

// Prose reports whether an automatically parsed sentence looks like
// running prose, worth training a parser on (uptraining, Petrov et al.
// 2010): 5 to 60 words, at least 60% of them with a letter, at most 30%
// of those written in capitals (not a headline, a table or a stock
// report), and a verb or an auxiliary.
func Prose(s *Sentence) bool {
	n := s.Len()
	if n < 5 || n > 60 || len(s.UPOS) != n {
		return false
	}
	alpha, caps, verb := 0, 0, false
	for i, f := range s.Forms {
		letter, lower := false, false
		for _, r := range f {
			letter = letter || unicode.IsLetter(r)
			lower = lower || unicode.IsLower(r)
		}
		if letter {
			alpha++
			if !lower && utf8.RuneCountInString(f) > 1 {
				caps++
			}
		}
		if u := s.UPOS[i]; u == "VERB" || u == "AUX" {
			verb = true
		}
	}
	return verb && 10*alpha >= 6*n && 10*caps <= 3*alpha
}
