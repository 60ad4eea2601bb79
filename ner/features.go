package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature template ids (mixed into the hash of each feature).
const (
	fBias = iota + 1
	fWord
	fLower
	fPre
	fSuf
	fShape
	fSShape
	fLm1
	fLp1
	fLm2
	fLp2
	fLm1L
	fLLp1
	fSS3
	fSSm1
	fSSp1
	fCls
	fClsM1
	fClsP1
	fClsM1C
	fClsCP1
	fNoCls
	fLowerB
	fGaz
	fGazM1
	fGazP1
	fFirst
	fDocCap
	fDocLower
	fVariant
	fHeadline
	fNumeric
	fLm1SS
	fLp1SS
	fHist
	fHistLast
	fHistSub
	fGazSeq
	fCapRun
	fSufM1
	fSufP1
	fSS3b
	fClsL
)

// tokInfo holds the per-token values the feature templates combine.
type tokInfo struct {
	norm, lower   string
	shape, sshape string
	cls           [3]uint16
	hasCls        bool
	lowerB        uint8
	gaz           gazMark
	initCap       bool
	allCap        bool
	variant       bool
}

// docContext holds label-free facts about the whole document.
type docContext struct {
	capNonInit map[string]bool   // capitalized at a non-initial position
	lowerSeen  map[string]bool   // seen in lower case
	variant    map[string]string // upper-case form -> mixed-case spelling
}

func isAllCapsSentence(words []string) bool {
	letters, upper := 0, 0
	for _, w := range words {
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
	}
	return letters >= 4 && upper*10 >= letters*9
}

func newDocContext(sents [][]string) *docContext {
	dc := &docContext{capNonInit: map[string]bool{}, lowerSeen: map[string]bool{}, variant: map[string]string{}}
	counts := map[string]int{}
	for _, s := range sents {
		caps := isAllCapsSentence(s)
		for i, w := range s {
			r, _ := utf8.DecodeRuneInString(w)
			if unicode.IsLower(r) {
				dc.lowerSeen[w] = true
				continue
			}
			if caps || !unicode.IsUpper(r) {
				continue
			}
			if i > 0 {
				dc.capNonInit[w] = true
			}
			up := strings.ToUpper(w)
			if up != w {
				counts[w]++
				if v, ok := dc.variant[up]; !ok || counts[w] > counts[v] || (counts[w] == counts[v] && w < v) {
					dc.variant[up] = w
				}
			}
		}
	}
	return dc
}

func wordShape(w string) (long, short string) {
	var lb, sb [24]byte
	l, s := lb[:0], sb[:0]
	var prev byte
	run := 0
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < 128:
			c = byte(r)
		default:
			c = '?'
		}
		if c == prev {
			run++
		} else {
			run = 1
		}
		if run <= 3 && len(l) < cap(l) {
			l = append(l, c)
		}
		if run == 1 && len(s) < cap(s) {
			s = append(s, c)
		}
		prev = c
	}
	return string(l), string(s)
}

// featurizer computes hashed features; it holds scratch space and is not
// safe for concurrent use.
type featurizer struct {
	m     *Model
	info  []tokInfo
	lower []string
	marks []gazMark
	// memo, when not nil, keeps the word-only facts of each (word,
	// normalized word) pair already prepared in the current document
	memo map[[2]string]tokInfo
}

func (fz *featurizer) prepare(words []string, dc *docContext) {
	n := len(words)
	if cap(fz.info) < n {
		fz.info = make([]tokInfo, n)
		fz.lower = make([]string, n)
		fz.marks = make([]gazMark, n)
	}
	fz.info, fz.lower, fz.marks = fz.info[:n], fz.lower[:n], fz.marks[:n]
	caps := isAllCapsSentence(words)
	res := fz.m.res
	for i, w := range words {
		ti := &fz.info[i]
		*ti = tokInfo{}
		norm, variant := w, false
		if caps && dc != nil {
			if v, ok := dc.variant[w]; ok {
				norm, variant = v, true
			}
		}
		if fz.memo != nil {
			if t, ok := fz.memo[[2]string{w, norm}]; ok {
				*ti = t
				ti.variant = variant
				fz.lower[i] = ti.lower
				continue
			}
		}
		ti.variant = variant
		r, _ := utf8.DecodeRuneInString(w)
		ti.initCap = unicode.IsUpper(r)
		ti.allCap = ti.initCap && strings.ToUpper(w) == w && hasLetter(w)
		ti.norm = norm
		ti.lower = strings.ToLower(norm)
		ti.shape, ti.sshape = wordShape(w)
		if c, ok := res.clusters.Class[norm]; ok {
			ti.cls, ti.hasCls = c, true
		} else if c, ok := res.clusters.Class[ti.lower]; ok {
			ti.cls, ti.hasCls = c, true
		}
		ti.lowerB = res.clusters.Lower[ti.lower]
		fz.lower[i] = ti.lower
		if fz.memo != nil {
			fz.memo[[2]string{w, norm}] = *ti
		}
	}
	res.gaz.Match(fz.lower, fz.marks)
	for i := range fz.info {
		fz.info[i].gaz = fz.marks[i]
	}
}

const (
	hOff   = 14695981039346656037
	hPrime = 1099511628211
)

func hStr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= hPrime
	}
	return h
}

func hNum(h uint64, v uint64) uint64 {
	h ^= v
	h *= hPrime
	h ^= h >> 29
	return h
}

func hT(t int) uint64 { return hNum(hOff, uint64(t)*0x9E3779B97F4A7C15) }

func hSep(h uint64) uint64 {
	h ^= 0x1f
	h *= hPrime
	return h
}

// features appends the hashed features of token i of the prepared sentence.
func (fz *featurizer) features(i int, words []string, dc *docContext, sentCaps, sentNum bool, out []uint64) []uint64 {
	info := fz.info
	t := &info[i]
	n := len(info)
	lw := func(k int) string {
		if k < 0 {
			return "<s>"
		}
		if k >= n {
			return "</s>"
		}
		return info[k].lower
	}
	ss := func(k int) string {
		if k < 0 {
			return "<s>"
		}
		if k >= n {
			return "</s>"
		}
		return info[k].sshape
	}
	out = append(out, hT(fBias))
	out = append(out, hStr(hT(fWord), t.norm))
	out = append(out, hStr(hT(fLower), t.lower))
	lwr := t.lower
	nr := utf8.RuneCountInString(lwr)
	if nr > 1 {
		for k, bi := 1, 0; k <= 4 && k < nr; k++ {
			_, sz := utf8.DecodeRuneInString(lwr[bi:])
			bi += sz
			out = append(out, hStr(hNum(hT(fPre), uint64(k)), lwr[:bi]))
		}
		for k, bi := 1, len(lwr); k <= 4 && k < nr; k++ {
			_, sz := utf8.DecodeLastRuneInString(lwr[:bi])
			bi -= sz
			out = append(out, hStr(hNum(hT(fSuf), uint64(k)), lwr[bi:]))
		}
	}
	out = append(out, hStr(hT(fShape), t.shape))
	out = append(out, hStr(hT(fSShape), t.sshape))
	if t.hasCls {
		for g := 0; g < 3; g++ {
			out = append(out, hNum(hNum(hT(fCls), uint64(g)), uint64(t.cls[g])))
		}
	} else {
		out = append(out, hStr(hT(fNoCls), t.sshape))
	}
	capBit := uint64(0)
	if t.initCap {
		capBit = 1
	}
	if t.allCap {
		capBit = 2
	}
	out = append(out, hNum(hNum(hT(fLowerB), uint64(t.lowerB)), capBit))
	// the features above depend on the word alone and come first (see
	// wordOnlyFeatures); the ones below depend on its context too
	out = append(out, hStr(hT(fLm1), lw(i-1)))
	out = append(out, hStr(hT(fLp1), lw(i+1)))
	out = append(out, hStr(hT(fLm2), lw(i-2)))
	out = append(out, hStr(hT(fLp2), lw(i+2)))
	out = append(out, hStr(hSep(hStr(hT(fLm1L), lw(i-1))), t.lower))
	out = append(out, hStr(hSep(hStr(hT(fLLp1), t.lower)), lw(i+1)))
	out = append(out, hStr(hSep(hStr(hSep(hStr(hT(fSS3), ss(i-1))), t.sshape)), ss(i+1)))
	out = append(out, hStr(hSep(hStr(hT(fSSm1), ss(i-1))), t.sshape))
	out = append(out, hStr(hSep(hStr(hT(fSSp1), t.sshape)), ss(i+1)))
	out = append(out, hStr(hSep(hStr(hT(fLm1SS), lw(i-1))), t.sshape))
	out = append(out, hStr(hSep(hStr(hT(fLp1SS), lw(i+1))), t.sshape))
	for g := 1; g < 3; g++ {
		var pc, nc uint64 = 5000, 5001
		if i > 0 {
			pc = 4000
			if info[i-1].hasCls {
				pc = uint64(info[i-1].cls[g])
			}
		}
		if i+1 < n {
			nc = 4000
			if info[i+1].hasCls {
				nc = uint64(info[i+1].cls[g])
			}
		}
		out = append(out, hNum(hNum(hT(fClsM1), uint64(g)), pc))
		out = append(out, hNum(hNum(hT(fClsP1), uint64(g)), nc))
		if g == 1 {
			cc := uint64(4000)
			if t.hasCls {
				cc = uint64(t.cls[g])
			}
			out = append(out, hNum(hNum(hT(fClsM1C), pc), cc))
			out = append(out, hNum(hNum(hT(fClsCP1), cc), nc))
		}
	}
	for g := 0; g < gazTypes; g++ {
		if m := t.gaz[g]; m != 0 {
			out = append(out, hNum(hNum(hNum(hT(fGaz), uint64(g)), uint64(m)), capBit))
		}
		if i > 0 {
			if m := info[i-1].gaz[g]; m != 0 {
				out = append(out, hNum(hNum(hT(fGazM1), uint64(g)), uint64(m)))
			}
		}
		if i+1 < n {
			if m := info[i+1].gaz[g]; m != 0 {
				out = append(out, hNum(hNum(hT(fGazP1), uint64(g)), uint64(m)))
			}
		}
	}
	if i == 0 {
		out = append(out, hStr(hT(fFirst), t.sshape))
	}
	{
		if i > 0 {
			out = append(out, hStr(hT(fSufM1), suffix(info[i-1].lower, 3)))
		}
		if i+1 < n {
			out = append(out, hStr(hT(fSufP1), suffix(info[i+1].lower, 3)))
		}
		out = append(out, hStr(hSep(hStr(hSep(hStr(hT(fSS3b), ss(i-2))), ss(i-1))), t.sshape))
		out = append(out, hStr(hSep(hStr(hSep(hStr(hT(fSS3b+100), t.sshape)), ss(i+1))), ss(i+2)))
	}
	if dc != nil && t.initCap {
		w := words[i]
		if i == 0 || sentCaps {
			b := uint64(0)
			if dc.capNonInit[t.norm] {
				b = 1
			}
			out = append(out, hNum(hNum(hT(fDocCap), b), capBit))
		}
		b := uint64(0)
		if dc.lowerSeen[strings.ToLower(w)] {
			b = 1
		}
		out = append(out, hNum(hNum(hT(fDocLower), b), capBit))
	}
	if t.variant {
		out = append(out, hT(fVariant))
	}
	if sentCaps {
		out = append(out, hStr(hT(fHeadline), t.sshape))
	}
	if sentNum {
		out = append(out, hStr(hSep(hStr(hT(fNumeric), t.sshape)), ss(i+1)))
	}
	return out
}

func suffix(s string, k int) string {
	if len(s) <= k {
		return s
	}
	return s[len(s)-k:]
}

func isNumericSentence(words []string) bool {
	num := 0
	for _, w := range words {
		for _, r := range w {
			if unicode.IsDigit(r) {
				num++
				break
			}
		}
	}
	return len(words) > 0 && num*10 >= len(words)*4
}
