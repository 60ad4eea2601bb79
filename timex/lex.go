package timex

import (
	"strings"
	"unicode"
)

// tok is one lexical unit of the text: a run of letters, a run of digits,
// or a single other non-space character.
type tok struct {
	s, e   int    // code point offsets in the text, end exclusive
	bs, be int    // byte offsets
	text   string // as written
	low    string // lower case
	kind   byte   // 'a' letters, 'd' digits, 'p' other
	sp     bool   // whitespace precedes the token
	sent   int    // sentence index
	upper  bool   // first letter is upper case
	past   bool   // a past-tense verb according to the syntax layer
}

// titleAbbr are abbreviations after which a period does not end a sentence.
var titleAbbr = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "sen": true, "rep": true,
	"gov": true, "lt": true, "col": true, "sgt": true, "capt": true, "maj": true, "adm": true, "jr": true,
	"sr": true, "prof": true, "rev": true, "pres": true, "no": true, "vs": true, "mt": true, "ft": true,
	"jan": true, "feb": true, "aug": true, "sept": true, "sep": true, "oct": true, "nov": true, "dec": true,
}

// lex splits text into tokens. Sentence indexes come from bounds (code point
// start offsets of sentences, ascending) when given, else from a simple
// heuristic: a blank line, or ". ! ?" followed by space and a capital.
func lex(text string, bounds []int) []tok {
	toks := make([]tok, 0, len(text)/4)
	ri := 0 // rune index
	sp := true
	blank := false // a blank line (or newline) precedes
	sent := 0
	bi := 0 // next bound
	cur := -1
	curByte := 0
	startTok := func(r int, k byte, b int) {
		cur = len(toks)
		curByte = b
		toks = append(toks, tok{s: r, bs: b, kind: k, sp: sp, sent: sent})
	}
	closeTok := func(r, b int) {
		if cur < 0 {
			return
		}
		t := &toks[cur]
		t.e = r
		t.be = b
		t.text = text[curByte:b]
		t.low = strings.ToLower(t.text)
		if t.kind == 'a' {
			for _, c := range t.text {
				t.upper = unicode.IsUpper(c)
				break
			}
		}
		cur = -1
	}
	for b, c := range text {
		var k byte
		switch {
		case unicode.IsSpace(c):
			k = ' '
		case unicode.IsLetter(c):
			k = 'a'
		case c >= '0' && c <= '9':
			k = 'd'
		default:
			k = 'p'
		}
		if cur >= 0 && (k != toks[cur].kind || k == 'p') {
			closeTok(ri, b)
		}
		if k == ' ' {
			sp = true
			if c == '\n' {
				blank = true
			}
		} else if cur < 0 {
			// sentence assignment
			if bounds != nil {
				for bi < len(bounds) && bounds[bi] <= ri {
					bi++
				}
				sent = bi
			} else if len(toks) > 0 {
				prev := toks[len(toks)-1]
				if blank {
					sent++
				} else if sp && prev.kind == 'p' && (prev.text == "." || prev.text == "!" || prev.text == "?") && unicode.IsUpper(c) {
					// not after an initial or a title: "Daniel P. Davison", "Mr. Smith"
					abbr := false
					if prev.text == "." && len(toks) > 1 {
						w := toks[len(toks)-2]
						abbr = w.kind == 'a' && (len(w.text) == 1 || titleAbbr[w.low])
					}
					if !abbr {
						sent++
					}
				}
			}
			startTok(ri, k, b)
			sp = false
			blank = false
		}
		ri++
	}
	closeTok(ri, len(text))
	return toks
}
