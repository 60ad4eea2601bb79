package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/document"
)

// Labels of the BIO tagger.
const (
	lO = iota
	lBC
	lIC
	lBS
	lIS
	lBQ
	lIQ
	nLabels
)

var labelNames = [nLabels]string{"O", "B-CONTENT", "I-CONTENT", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE"}

// roleOf maps a label to its role: 0 none, 1 content, 2 source, 3 cue.
func roleOf(l int) int { return (l + 1) / 2 }

// seq is one paragraph of a document as a token range [lo, hi).
type seq struct{ lo, hi int }

// view is the per-token information the tagger and the rules read.
type view struct {
	d      *document.Document
	lower  []string // lowercased, quotes normalized
	sent   []int    // sentence index of each token
	qstate []uint8  // 0 outside quotes, 1 inside, 2 opening mark, 3 closing mark
	cue    []bool   // token is a cue-lexicon word
	lx     *lexicon
	seqs   []seq
	cls    []uint8 // token class for class-dependent transitions
	stack  []int   // level-1 labels, for the second-level tagger
	syntax bool
	tr     *tree // the dependency tree, built on first use (see view.tree)
}

func normQuote(s string) string {
	switch s {
	case "“", "”", "„", "«", "»", "``", "''":
		return `"`
	case "‘", "’":
		return "'"
	}
	return s
}

func isDQ(s string) bool { return s == `"` }

// newView builds the view of a segmented document; lex is the cue lexicon.
func newView(d *document.Document, lx *lexicon) *view {
	n := len(d.Tokens)
	v := &view{d: d, lx: lx, lower: make([]string, n), sent: make([]int, n), qstate: make([]uint8, n), cue: make([]bool, n)}
	for i, t := range d.Tokens {
		v.lower[i] = normQuote(strings.ToLower(t.Text))
		if t.Deprel != "" {
			v.syntax = true
		}
	}
	for si, s := range d.Sentences {
		for i := s.TokenStart; i < s.TokenEnd && i < n; i++ {
			v.sent[i] = si
		}
	}
	// Paragraphs: a newline between two tokens ends one.
	rs := []rune(d.Text)
	lo := 0
	for i := 1; i <= n; i++ {
		if i == n || hasNewline(rs, d.Tokens[i-1].End, d.Tokens[i].Start) {
			if i > lo {
				v.seqs = append(v.seqs, seq{lo, i})
			}
			lo = i
		}
	}
	// Quote state per paragraph. Curly quotes say which side they are on;
	// straight quotes toggle.
	for _, sq := range v.seqs {
		in := false
		for i := sq.lo; i < sq.hi; i++ {
			t := d.Tokens[i].Text
			if !isDQ(v.lower[i]) {
				if in {
					v.qstate[i] = 1
				}
				continue
			}
			open := !in
			switch t {
			case "“", "«", "„":
				open = true
			case "”", "»":
				open = false
			}
			if open {
				v.qstate[i] = 2
				in = true
			} else {
				v.qstate[i] = 3
				in = false
			}
		}
	}
	for i := range v.lower {
		w := v.lower[i]
		if lx.cue[w] {
			v.cue[i] = true
		}
		if w == "according" && i+1 < n && v.lower[i+1] == "to" {
			v.cue[i] = true
		}
	}
	v.cls = make([]uint8, n)
	for i, w := range v.lower {
		var c uint8
		switch {
		case v.cue[i]:
			c = 1
		case w == ",":
			c = 2
		case w == "." || w == "?" || w == "!":
			c = 3
		case w == ":" || w == ";" || w == "—" || w == "--":
			c = 4
		case w == "that":
			c = 5
		case w == "he" || w == "she" || w == "they" || w == "i" || w == "we":
			c = 6
		case d.Tokens[i].Text != w && w != "" && i > 0 && v.sent[i-1] == v.sent[i]:
			c = 7 // capitalized inside a sentence
		}
		v.cls[i] = c*4 + v.qstate[i]
	}
	return v
}

// hasNewline reports whether rs[min(a, len(rs)):min(b, len(rs))] holds a
// newline (none when the range is empty or reversed).
func hasNewline(rs []rune, a, b int) bool {
	a, b = min(a, len(rs)), min(b, len(rs))
	if a > b {
		return false
	}
	for _, r := range rs[a:b] {
		if r == '\n' {
			return true
		}
	}
	return false
}

// nClasses is the number of token classes (8 kinds x 4 quote states).
const nClasses = 32

func shape(s string) string {
	var b strings.Builder
	var last rune
	n := 0
	for _, r := range s {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c != last {
			b.WriteRune(c)
			last = c
			n++
			if n > 5 {
				break
			}
		}
	}
	return b.String()
}

func bucket(d int) byte {
	switch {
	case d <= 0:
		return '0'
	case d <= 4:
		return byte('0' + d)
	case d <= 7:
		return '5'
	case d <= 12:
		return '6'
	case d <= 20:
		return '7'
	}
	return '8'
}

// hasher builds hashed feature ids.
type hasher struct {
	mask uint32
	out  []uint32
}

func (h *hasher) add(parts ...string) {
	var x uint64 = 14695981039346656037
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			x ^= uint64(p[i])
			x *= 1099511628211
		}
		x ^= 0xff
		x *= 1099511628211
	}
	h.out = append(h.out, uint32(x^(x>>32))&h.mask)
}

func suffix(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[len(r)-n:])
}

func prefix(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

var qnames = [4]string{"o", "i", "O", "C"}

// features appends the hashed features of every token of v to h.out and
// returns the offsets: token i's features are out[off[i]:off[i+1]].
func (v *view) features(h *hasher) []int {
	n := len(v.lower)
	off := make([]int, n+1)
	lx := v.lx
	w := func(i int) string {
		if i < 0 {
			return "<s>"
		}
		if i >= n {
			return "</s>"
		}
		return v.lower[i]
	}
	sents := v.d.Sentences
	// Per-sentence facts.
	sentCue := make([]bool, len(sents))
	sentQ := make([]bool, len(sents))
	for i := 0; i < n; i++ {
		if v.cue[i] {
			sentCue[v.sent[i]] = true
		}
		if v.qstate[i] >= 2 {
			sentQ[v.sent[i]] = true
		}
	}
	var seqOf = make([]int, n)
	for k, sq := range v.seqs {
		for i := sq.lo; i < sq.hi; i++ {
			seqOf[i] = k
		}
	}
	for i := 0; i < n; i++ {
		off[i] = len(h.out)
		si := v.sent[i]
		s := sents[si]
		sq := v.seqs[seqOf[i]]
		in := func(j int) bool { return j >= sq.lo && j < sq.hi }
		ww := func(j int) string {
			if !in(j) {
				if j < sq.lo {
					return "<p>"
				}
				return "</p>"
			}
			return w(j)
		}
		w0 := v.lower[i]
		tok := v.d.Tokens[i].Text
		h.add("b")
		h.add("w", w0)
		h.add("w-1", ww(i-1))
		h.add("w-2", ww(i-2))
		h.add("w+1", ww(i+1))
		h.add("w+2", ww(i+2))
		h.add("w-1w", ww(i-1), w0)
		h.add("ww+1", w0, ww(i+1))
		h.add("w-2w-1", ww(i-2), ww(i-1))
		h.add("w+1w+2", ww(i+1), ww(i+2))
		sh := shape(tok)
		h.add("sh", sh)
		h.add("suf", suffix(w0, 3))
		h.add("pre", prefix(w0, 3))
		q := qnames[v.qstate[i]]
		qp, qn := "<", ">"
		if in(i - 1) {
			qp = qnames[v.qstate[i-1]]
		}
		if in(i + 1) {
			qn = qnames[v.qstate[i+1]]
		}
		h.add("q", q)
		h.add("q3", qp, q, qn)
		h.add("qw", q, w0)
		// Nearest cue words left and right in the sentence.
		dl, dr := -1, -1
		for j := i - 1; j >= s.TokenStart; j-- {
			if v.cue[j] {
				dl = i - j
				break
			}
		}
		for j := i + 1; j < s.TokenEnd; j++ {
			if v.cue[j] {
				dr = j - i
				break
			}
		}
		bl, br := "-", "-"
		if dl > 0 {
			bl = string(bucket(dl))
			h.add("cwL", v.lower[i-dl], bl)
		}
		if dr > 0 {
			br = string(bucket(dr))
			h.add("cwR", v.lower[i+dr], br)
		}
		h.add("cL", bl)
		h.add("cR", br)
		h.add("cLR", bl, br)
		h.add("cLRq", bl, br, q)
		h.add("cLw", bl, w0)
		h.add("cRw", br, w0)
		h.add("cue", boolStr(v.cue[i]), w0)
		sc := boolStr(sentCue[si])
		pc, nc := "-", "-"
		if si > 0 && in(sents[si-1].TokenStart) {
			pc = boolStr(sentCue[si-1])
		}
		if si+1 < len(sents) && in(sents[si+1].TokenStart) {
			nc = boolStr(sentCue[si+1])
		}
		h.add("sc", pc, sc, nc)
		h.add("sq", boolStr(sentQ[si]), q, sc)
		// Position in the sentence and the paragraph.
		pos := "m"
		switch {
		case i == s.TokenStart:
			pos = "f"
		case i == s.TokenEnd-1:
			pos = "l"
		case i == s.TokenEnd-2:
			pos = "l2"
		}
		h.add("pos", pos)
		h.add("posw", pos, w0)
		h.add("rel", string(rune('0'+5*(i-s.TokenStart)/max(1, s.TokenEnd-s.TokenStart))), bl, br)
		h.add("psent", boolStr(si == v.sent[sq.lo]), boolStr(v.qstate[sq.lo] == 2))
		cap := i > s.TokenStart && sh != "" && sh[0] == 'X'
		h.add("cap", boolStr(cap), bl, br)
		// Cue probability of this and the neighbouring words.
		pb := func(j int) string {
			if !in(j) {
				return "|"
			}
			if b, ok := lx.prob[v.lower[j]]; ok {
				return string(b)
			}
			return "_"
		}
		h.add("pb", pb(i))
		h.add("pb3", pb(i-1), pb(i), pb(i+1))
		h.add("pbw", pb(i), w0)
		// Sentence shape: first word, distances to the sentence ends,
		// nearest commas, "that" after the nearest cue.
		h.add("first", v.lower[s.TokenStart], pos)
		h.add("dse", string(bucket(i-s.TokenStart)), string(bucket(s.TokenEnd-1-i)))
		cl, cr := "-", "-"
		for j := i - 1; j >= s.TokenStart; j-- {
			if v.lower[j] == "," {
				cl = string(bucket(i - j))
				break
			}
		}
		for j := i + 1; j < s.TokenEnd; j++ {
			if v.lower[j] == "," {
				cr = string(bucket(j - i))
				break
			}
		}
		h.add("comma", cl, cr, bl, br)
		if dl > 0 && i-dl+1 < n {
			h.add("cuenext", v.lower[i-dl+1], bl)
		}
		// Runs of capitalized words (names) and the position in them.
		capAt := func(j int) bool {
			if !in(j) {
				return false
			}
			t := v.d.Tokens[j].Text
			return t != "" && t != v.lower[j] && !isPunct(t)
		}
		if capAt(i) {
			h.add("caprun", boolStr(capAt(i-1)), boolStr(capAt(i+1)), bl, br)
		}
		if si > 0 && in(sents[si-1].TokenEnd-1) {
			h.add("prevend", qnames[v.qstate[sents[si-1].TokenEnd-1]], boolStr(sentCue[si-1]), pos)
		}
		if v.stack != nil {
			v.stackFeatures(h, i, s, in)
		}
		if v.syntax {
			k := len(h.out)
			h.out = appendTreeFeatures(h.out, v, v.tree(), i)
			for j := k; j < len(h.out); j++ {
				h.out[j] &= h.mask
			}
			t := v.d.Tokens[i]
			h.add("upos", t.UPOS)
			h.add("dep", t.Deprel)
			hd := s.TokenStart + t.Head - 1
			if t.Head > 0 && hd < n {
				h.add("hdcue", t.Deprel, boolStr(v.cue[hd]))
				h.add("hdw", t.Deprel, v.lower[hd])
			}
		}
	}
	off[n] = len(h.out)
	return off
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

var roleNames = [4]string{"o", "c", "s", "q"}

// stackFeatures adds features of the level-1 labels around token i.
func (v *view) stackFeatures(h *hasher, i int, s document.Sentence, in func(int) bool) {
	st := func(j int) string {
		if !in(j) {
			return "|"
		}
		return labelNames[v.stack[j]]
	}
	l0 := st(i)
	h.add("s0", l0)
	h.add("s-1", st(i-1), l0)
	h.add("s+1", l0, st(i+1))
	h.add("s3", st(i-1), l0, st(i+1))
	h.add("s-2", st(i-2), st(i-1), l0)
	h.add("s+2", l0, st(i+1), st(i+2))
	h.add("s0w", l0, v.lower[i])
	// Nearest level-1 cue and source on each side in the sentence.
	for _, role := range []int{2, 3} {
		dl, dr := "-", "-"
		for j := i - 1; j >= s.TokenStart; j-- {
			if roleOf(v.stack[j]) == role {
				dl = string(bucket(i - j))
				break
			}
		}
		for j := i + 1; j < s.TokenEnd; j++ {
			if roleOf(v.stack[j]) == role {
				dr = string(bucket(j - i))
				break
			}
		}
		h.add("sd", roleNames[role], dl, dr, l0)
	}
	var has [4]bool
	for j := s.TokenStart; j < s.TokenEnd; j++ {
		has[roleOf(v.stack[j])] = true
	}
	h.add("ssent", boolStr(has[1]), boolStr(has[2]), boolStr(has[3]), l0)
}
