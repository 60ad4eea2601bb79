// Package segment splits news English into tokens and sentences.
//
// Tokens follow Universal Dependencies (English EWT) conventions: clitics and
// possessives are split off ("Assad's" -> "Assad" "'s", "don't" -> "do"
// "n't"), punctuation is separated, hyphenated compounds are split except
// after bound prefixes ("e-mail", "co-workers"), and abbreviations, initials,
// decimals, times, dates, URLs and e-mail addresses stay whole. Sentences end
// at final punctuation followed by a likely sentence start, and always at a
// paragraph break (a blank line).
//
// The segmenter works on byte offsets into the input string and never
// allocates per token beyond the output slices. [Stage] converts to the code
// point offsets of a [document.Document].
package segment

import (
	"unicode"
	"unicode/utf8"
)

// Token is one syntactic word, by byte offsets into the segmented text.
type Token struct {
	Start, End int
	// SpaceAfter reports whether whitespace follows the token.
	SpaceAfter bool
	// Joined reports that the token belongs to the same surface token as the
	// previous one: a clitic split off a word ("do" + "n't" of "don't").
	Joined bool
}

// Text returns the token's text in s.
func (t Token) Text(s string) string { return s[t.Start:t.End] }

// Tokenize appends the tokens of s to dst and returns it.
func Tokenize(s string, dst []Token) []Token {
	return tokenizeRange(s, 0, len(s), dst)
}

// tokenizeRange appends the tokens of s[start:end], with offsets into s.
func tokenizeRange(s string, start, end int, dst []Token) []Token {
	i := start
	for i < end {
		// Skip whitespace.
		r, n := decode(s, i)
		if isSpace(r) {
			i += n
			continue
		}
		j := i
		for j < end {
			r, n := decode(s, j)
			if isSpace(r) {
				break
			}
			j += n
		}
		before := len(dst)
		dst = tokenizeChunk(s, i, j, dst)
		if len(dst) > before {
			dst[len(dst)-1].SpaceAfter = j < len(s)
		}
		i = j
	}
	return dst
}

func decode(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func decodeLast(s string, end int) (rune, int) {
	c := s[end-1]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(s[:end])
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', 0xa0, 0x2009, 0x200a, 0x202f, 0x3000, 0xfeff, 0x200b:
		return true
	}
	return r > 0x7f && unicode.IsSpace(r)
}

func isOpenPunct(r rune) bool {
	switch r {
	case '"', '(', '[', '{', '<', '“', '‘', '«', '‹', '„', '‚', '¿', '¡', '`', '*':
		return true
	}
	return false
}

func isClosePunct(r rune) bool {
	switch r {
	case '"', ')', ']', '}', '>', '”', '’', '»', '›', ',', ';', ':', '!', '?', '*', '…':
		return true
	}
	return false
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '‘' || r == '`' }

func isDash(r rune) bool {
	return r == '—' || r == '–' || r == '―' || r == '‒'
}

// tokenizeChunk appends the tokens of the whitespace-free chunk s[start:end].
func tokenizeChunk(s string, start, end int, dst []Token) []Token {
	if isURLOrEmail(s[start:end]) {
		// Leading brackets or quotes, trailing punctuation are still split off.
		for start < end {
			r, n := decode(s, start)
			if !isOpenPunct(r) {
				break
			}
			dst = append(dst, Token{Start: start, End: start + n})
			start += n
		}
		var tail []Token
		for end > start {
			r, n := decodeLast(s, end)
			if !isClosePunct(r) && r != '.' {
				break
			}
			tail = append(tail, Token{Start: end - n, End: end})
			end -= n
		}
		if end > start {
			dst = append(dst, Token{Start: start, End: end})
		}
		for k := len(tail) - 1; k >= 0; k-- {
			dst = append(dst, tail[k])
		}
		return dst
	}

	if isEmoticon(s[start:end]) {
		return append(dst, Token{Start: start, End: end})
	}
	// A trailing emoticon is one token.
	if k, ok := emoticonSuffix(s, start, end); ok {
		dst = tokenizeChunk(s, start, k, dst)
		return append(dst, Token{Start: k, End: end})
	}

	// Leading punctuation.
	for start < end {
		r, n := decode(s, start)
		if k := punctRun(s, start, end); k > start+1 {
			dst = append(dst, Token{Start: start, End: k})
			start = k
			continue
		}
		switch {
		case r == '\'' || r == '‘' || r == '’':
			// A leading apostrophe is a quote unless it starts a clipped
			// form ('em, '90s, 'n').
			if start+n < end && isClippedForm(s[start+n:end]) {
				goto body
			}
		case isOpenPunct(r):
		case isDash(r), r == '-' && start+n < end && s[start+n] == '-':
			// "--" or a dash glued to the word.
			k := start + n
			for k < end && s[k] == '-' {
				k++
			}
			dst = append(dst, Token{Start: start, End: k})
			start = k
			continue
		case r == '.' && start+n < end && s[start+n] == '.':
			k := start
			for k < end && s[k] == '.' {
				k++
			}
			dst = append(dst, Token{Start: start, End: k})
			start = k
			continue
		case r == '…':
		case r == '$' || r == '£' || r == '€' || r == '#' || r == '¥':
			if start+n < end {
				dst = append(dst, Token{Start: start, End: start + n})
				start += n
				continue
			}
			goto body
		default:
			goto body
		}
		dst = append(dst, Token{Start: start, End: start + n})
		start += n
	}
body:
	if start >= end {
		return dst
	}

	// Trailing punctuation, collected in reverse.
	var tailBuf [8]Token
	tail := tailBuf[:0]
	for end > start {
		r, n := decodeLast(s, end)
		if k := punctRunBack(s, start, end); k < end-1 && r != '.' && r != '-' {
			tail = append(tail, Token{Start: k, End: end})
			end = k
			continue
		}
		switch {
		case r == '.':
			k := end
			for k > start && s[k-1] == '.' {
				k--
			}
			if end-k >= 2 {
				tail = append(tail, Token{Start: k, End: end}) // ellipsis
				end = k
				continue
			}
			if keepsPeriod(s[start:end]) {
				goto done
			}
		case r == '%':
			if end-n == start {
				goto done
			}
		case isClosePunct(r) || r == '\'':
			if r == '’' || r == '\'' {
				// Plural possessive (workers') or a closing quote?
				w := s[start : end-n]
				if isPluralPossessive(w) && len(tail) == 0 && !hasOpenQuote(s[start:end]) {
					tail = append(tail, Token{Start: end - n, End: end})
					end -= n
					goto done
				}
			}
		case isDash(r), r == '-' && end-n > start && s[end-n-1] == '-':
			k := end - n
			for k > start && (s[k-1] == '-') {
				k--
			}
			tail = append(tail, Token{Start: k, End: end})
			end = k
			continue
		default:
			goto done
		}
		tail = append(tail, Token{Start: end - n, End: end})
		end -= n
	}
done:
	if end > start {
		dst = splitWord(s, start, end, dst)
	}
	for k := len(tail) - 1; k >= 0; k-- {
		dst = append(dst, tail[k])
	}
	return dst
}

func hasOpenQuote(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return r == '\'' || r == '‘'
}

// isPluralPossessive reports whether w followed by an apostrophe reads as a
// plural possessive ("workers'", "Jesus'").
func isPluralPossessive(w string) bool {
	if len(w) < 2 {
		return false
	}
	last := w[len(w)-1]
	return last == 's' || last == 'S' || last == 'z'
}

func isClippedForm(w string) bool {
	switch {
	case len(w) >= 2 && w[0] >= '0' && w[0] <= '9' && w[1] >= '0' && w[1] <= '9':
		return true // '90s
	}
	switch lowerASCII(trimRightPunct(w)) {
	case "em", "n", "til", "cause", "bout", "twas", "tis":
		return true
	}
	return false
}

func trimRightPunct(w string) string {
	for len(w) > 0 {
		r, n := utf8.DecodeLastRuneInString(w)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		w = w[:len(w)-n]
	}
	return w
}

// splitWord appends the tokens of the word s[start:end], which has no
// leading or trailing punctuation left except abbreviation periods: clitics,
// internal hyphens and slashes, and trailing unit signs are split.
func splitWord(s string, start, end int, dst []Token) []Token {
	w := s[start:end]
	if isEmoticon(w) {
		return append(dst, Token{Start: start, End: end})
	}
	// Clitics at the end.
	if k, ok := cliticStart(w); ok && k > 0 {
		dst = splitInner(s, start, start+k, dst)
		dst = append(dst, Token{Start: start + k, End: end, Joined: true})
		return dst
	}
	return splitInner(s, start, end, dst)
}

// splitInner splits internal hyphens, slashes and other joining punctuation.
func splitInner(s string, start, end int, dst []Token) []Token {
	w := s[start:end]
	tokStart := start
	for i := 0; i < len(w); {
		r, n := decode(w, i)
		split := false
		switch r {
		case '-':
			split = splitsHyphen(w, i)
		case '/':
			split = i > 0 && i+1 < len(w) && isLetterAt(w, i-1) && isLetterAt(w, i+1) && !looksLikePath(w)
		case '(', ')', '[', ']', '"', '“', '”', ';', '!', '?', '—', '–', '…':
			split = true
		case '.':
			if i+1 < len(w) && w[i+1] == '.' {
				k := i
				for k < len(w) && w[k] == '.' {
					k++
				}
				if start+i > tokStart {
					dst = append(dst, Token{Start: tokStart, End: start + i})
				}
				dst = append(dst, Token{Start: start + i, End: start + k})
				tokStart = start + k
				i = k
				continue
			}
		case ',':
			// Keep "1,000", split "word,word".
			split = !(i > 0 && i+1 < len(w) && isDigitAt(w, i-1) && isDigitAt(w, i+1))
		case '%':
			split = i > 0
		}
		if split {
			if start+i > tokStart {
				dst = append(dst, Token{Start: tokStart, End: start + i})
			}
			// Runs of hyphens are one token.
			k := i + n
			if r == '-' {
				for k < len(w) && w[k] == '-' {
					k++
				}
			}
			dst = append(dst, Token{Start: start + i, End: start + k})
			tokStart = start + k
			i = k
			continue
		}
		i += n
	}
	if end > tokStart {
		dst = append(dst, Token{Start: tokStart, End: end})
	}
	return dst
}

func isLetterAt(w string, i int) bool {
	c := w[i]
	if c < utf8.RuneSelf {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	// Continuation bytes: find the rune containing i.
	for i > 0 && !utf8.RuneStart(w[i]) {
		i--
	}
	r, _ := utf8.DecodeRuneInString(w[i:])
	return unicode.IsLetter(r)
}

func isDigitAt(w string, i int) bool { return w[i] >= '0' && w[i] <= '9' }

func looksLikePath(w string) bool {
	n := 0
	for i := 0; i < len(w); i++ {
		if w[i] == '/' {
			n++
		}
	}
	return n >= 2
}

// splitsHyphen decides whether the hyphen at w[i] separates two words.
// Hyphens between digits (phone numbers, ranges, dates) and after bound
// prefixes stay inside the word.
func splitsHyphen(w string, i int) bool {
	if i == 0 || i+1 >= len(w) {
		return false
	}
	if !isLetterAt(w, i-1) && !isDigitAt(w, i-1) {
		return false
	}
	if !isLetterAt(w, i+1) && !isDigitAt(w, i+1) {
		return false
	}
	if isDigitAt(w, i-1) && isDigitAt(w, i+1) {
		return false
	}
	// The word before the hyphen.
	j := i
	for j > 0 && w[j-1] != '-' {
		j--
	}
	prefix := lowerASCII(w[j:i])
	if boundPrefixes[prefix] {
		return false
	}
	// Single letters ("e-mail", "x-ray", "T-shirt") and letter-digit codes ("F-16").
	if i-j == 1 {
		return false
	}
	if isLetterAt(w, i-1) && isDigitAt(w, i+1) && isUpperWord(w[j:i]) {
		return false
	}
	return true
}

func isUpperWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return len(w) > 0
}

var boundPrefixes = map[string]bool{
	"non": true, "co": true, "pre": true, "post": true, "re": true, "pro": true, "anti": true,
	"semi": true, "multi": true, "mid": true, "ex": true, "sub": true, "un": true, "vice": true,
	"over": true, "under": true, "inter": true, "intra": true, "counter": true, "neo": true,
	"micro": true, "macro": true, "mini": true, "psycho": true, "bi": true,
	"tri": true, "de": true, "dis": true, "mis": true, "ultra": true, "mega": true,
	"socio": true, "geo": true, "euro": true, "afro": true, "pan": true, "quasi": true,
	"trans": true, "extra": true, "hyper": true, "cyber": true, "meta": true, "proto": true,
	"pseudo": true, "infra": true, "supra": true, "uni": true, "mono": true, "poly": true,
}

// cliticStart returns the byte index where a trailing clitic of w begins.
func cliticStart(w string) (int, bool) {
	n := len(w)
	if n < 2 {
		return 0, false
	}
	// n't (ASCII or curly apostrophe).
	for _, apos := range [...]string{"'", "’"} {
		ntLen := 1 + len(apos) + 1
		if n > ntLen && (w[n-1] == 't' || w[n-1] == 'T') && w[n-1-len(apos):n-1] == apos && (w[n-ntLen] == 'n' || w[n-ntLen] == 'N') {
			return n - ntLen, true
		}
		for _, c := range [...]string{"s", "S", "m", "M", "d", "D", "re", "RE", "ll", "LL", "ve", "VE"} {
			l := len(apos) + len(c)
			if n > l && w[n-len(c):] == c && w[n-l:n-len(c)] == apos {
				k := n - l
				if !isLetterAt(w, k-1) && !isDigitAt(w, k-1) && w[k-1] != '.' {
					return 0, false
				}
				return k, true
			}
		}
	}
	switch lowerASCII(w) {
	case "cannot":
		return 3, true
	case "gonna", "wanna", "gotta":
		return 3, true
	}
	return 0, false
}

func isEmoticon(w string) bool {
	switch w {
	case ":)", ":(", ":-)", ":-(", ";)", ";-)", ":D", ":P", ":p", ":/", "<3", ":o)", "=)", "^_^", "XD":
		return true
	}
	return false
}

func lowerASCII(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			b := []byte(w)
			for k := i; k < len(b); k++ {
				if b[k] >= 'A' && b[k] <= 'Z' {
					b[k] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return w
}

// isURLOrEmail reports whether the chunk is (or wraps) a URL or an e-mail address.
func isURLOrEmail(w string) bool {
	if len(w) < 5 {
		return false
	}
	for i := 0; i+3 <= len(w); i++ {
		if w[i] == ':' && w[i+1] == '/' && w[i+2] == '/' {
			return true
		}
	}
	lw := w
	for len(lw) > 0 && isOpenPunctByte(lw[0]) {
		lw = lw[1:]
	}
	if len(lw) > 4 && (lw[:4] == "www." || lw[:4] == "WWW.") {
		return true
	}
	at := -1
	for i := 0; i < len(lw); i++ {
		if lw[i] == '@' {
			at = i
			break
		}
	}
	if at > 0 {
		for i := at + 1; i < len(lw)-1; i++ {
			if lw[i] == '.' && isLetterAt(lw, i+1) {
				return true
			}
		}
	}
	return false
}

func isOpenPunctByte(c byte) bool {
	return c == '(' || c == '[' || c == '<' || c == '"' || c == '\''
}

// keepsPeriod reports whether the final period of w belongs to it: an
// abbreviation ("Gen.", "Sept.", "U.S.", "e.g."), an initial ("J."), or a
// number-like form.
func keepsPeriod(w string) bool {
	core := w[:len(w)-1]
	if core == "" {
		return false
	}
	// Internal periods: U.S., e.g., a.m., D.C.
	if hasInnerPeriod(core) {
		return true
	}
	// Single letter initial.
	if r, n := utf8.DecodeRuneInString(core); n == len(core) && unicode.IsLetter(r) {
		return true
	}
	return abbreviations[core]
}

func hasInnerPeriod(core string) bool {
	dots := 0
	for i := 0; i < len(core); i++ {
		if core[i] == '.' {
			dots++
			if i+1 >= len(core) || !isLetterAt(core, i+1) {
				return false
			}
		}
	}
	if dots == 0 {
		return false
	}
	// Every part short: "U.S", "e.g", "Ph.D".
	run := 0
	for i := 0; i < len(core); i++ {
		if core[i] == '.' {
			run = 0
			continue
		}
		run++
		if run > 3 {
			return false
		}
	}
	return true
}

// abbreviations are words whose trailing period is part of the word.
var abbreviations = toSet(
	// Titles and ranks.
	"Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cpl", "Sgt", "Adm", "Cmdr",
	"Rep", "Sen", "Gov", "Pres", "Rev", "Hon", "Amb", "Sec", "Supt", "Insp", "Brig", "Fr", "Sr", "Jr",
	"St", "Mt", "Ft", "Messrs", "Mme", "Mlle", "Esq", "Atty", "Dep",
	// Months and days.
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
	"Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
	// Companies and places.
	"Inc", "Corp", "Co", "Ltd", "Bros", "Cos", "Plc", "Ave", "Blvd", "Rd", "Hwy",
	"Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans",
	"Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore",
	"Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "Ont", "Que", "Alta",
	// Others.
	"No", "Nos", "vs", "etc", "approx", "est", "dept", "Dept", "Univ", "Assn", "Fig", "fig", "vol",
	"Vol", "pp", "cf", "ca", "al", "Gov't", "govt", "Jr", "Sr", "Ph", "oz", "lb", "lbs", "ft", "mins",
)

func toSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// repeatable is punctuation whose runs ("!!!", "***", "$$$") form one token.
func repeatable(c byte) bool {
	switch c {
	case '!', '?', '*', '$', '=', '#', '<', '>', '+', '~', '_', '^':
		return true
	}
	return false
}

// punctRun returns the end of the run of one repeatable punctuation byte (or
// a mix of '!' and '?') starting at i.
func punctRun(s string, i, end int) int {
	c := s[i]
	if !repeatable(c) {
		return i
	}
	k := i + 1
	for k < end && (s[k] == c || (c == '!' || c == '?') && (s[k] == '!' || s[k] == '?')) {
		k++
	}
	return k
}

// punctRunBack returns the start of the run of repeatable punctuation ending at end.
func punctRunBack(s string, start, end int) int {
	c := s[end-1]
	if !repeatable(c) {
		return end
	}
	k := end - 1
	for k > start && (s[k-1] == c || (c == '!' || c == '?') && (s[k-1] == '!' || s[k-1] == '?')) {
		k--
	}
	return k
}

// emoticonSuffix reports whether s[start:end] ends with an emoticon glued to
// a word ("great:)"), and where it starts.
func emoticonSuffix(s string, start, end int) (int, bool) {
	for _, e := range [...]string{":-)", ":-(", ":)", ":(", ";)", ":D", ":P"} {
		if end-start > len(e) && s[end-len(e):end] == e {
			return end - len(e), true
		}
	}
	return 0, false
}
