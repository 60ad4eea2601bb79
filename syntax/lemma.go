package syntax

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lemmaRule rewrites a form into its lemma: optionally lowercase, strip
// bytes from the end, append a string.
type lemmaRule struct {
	lower bool
	strip int
	add   string
}

func (r lemmaRule) apply(form string) string {
	base := form
	if r.lower {
		base = strings.ToLower(form)
	}
	if r.strip > len(base) {
		return base
	}
	cut := base[:len(base)-r.strip]
	if !utf8.ValidString(cut) {
		return base
	}
	if r.add == "" {
		return cut
	}
	return cut + r.add
}

// small reports whether r only changes an ending of form, keeping a stem of
// at least 3 bytes.
func (r lemmaRule) small(form string) bool {
	return r.strip <= 3 && len(r.add) <= 2 && len(form)-r.strip >= 3
}

func (r lemmaRule) id() string { return fmt.Sprintf("%t|%d|%s", r.lower, r.strip, r.add) }

func ruleFor(form, lemma string) lemmaRule {
	best := lemmaRule{}
	bestCost := -1
	for _, lower := range []bool{false, true} {
		base := form
		if lower {
			base = strings.ToLower(form)
		}
		cp := 0
		for cp < len(base) && cp < len(lemma) && base[cp] == lemma[cp] {
			cp++
		}
		for cp > 0 && cp < len(lemma) && !utf8.RuneStart(lemma[cp]) {
			cp--
		}
		r := lemmaRule{lower: lower, strip: len(base) - cp, add: lemma[cp:]}
		cost := r.strip + len(r.add)
		if bestCost < 0 || cost < bestCost {
			best, bestCost = r, cost
		}
	}
	return best
}

// lemmatizer holds the exception lexicon and suffix rules learned from the
// treebank, and the FEATS lexicon.
type lemmatizer struct {
	nTags  int
	exact  map[uint64]string // (form, tag)
	lower  map[uint64]string // (lowercased form, tag)
	anyTag map[uint64]string // form, most frequent lemma over all tags
	rules  []lemmaRule
	suffix map[uint64]int32  // (tag, n, last n runes lowercased) -> rule
	feats  map[uint64]string // (lowercased form, tag) -> FEATS
	tagFt  []string          // tag -> most frequent FEATS
	// lowerU maps (lowercased form, UPOS id) to the lemma its tags agree
	// on; known holds the lemmas of the lexicon. Both are derived from the
	// lists when loading.
	lowerU  map[uint64]string
	known   map[uint64]struct{}
	tagUPOS []int // tag -> UPOS id

	// saved lists, to encode the model
	exactList, lowerList, anyList, featList [][3]string // form, tag, value
	suffixList                              []suffixEntry
	// suffix2 holds the second most frequent rule of a suffix, tried when
	// the first does not give a known lemma ("timed": "tim" -> "time").
	suffix2     map[uint64]int32
	suffix2List []suffixEntry
}

type suffixEntry struct {
	tag  int
	suf  string
	rule int32
}

func formTagKey(h uint64, tag int) uint64 { return mix64(h ^ uint64(tag+1)*0x9e3779b97f4a7c15) }

func suffixKey(tag, n int, h uint64) uint64 {
	return mix64(mix64(h^uint64(n)) ^ uint64(tag+1)*0xc2b2ae3d27d4eb4f)
}

// lemma returns the lemma and FEATS of form given its tag. The lookups go
// from the most to the least specific: (form, tag), (lowercased form, tag),
// (lowercased form, UPOS) when all its tags agree, form over all tags, then
// suffix rules of the tag, preferring a rule whose result is a known lemma.
func (l *lemmatizer) lemma(form string, lowerHash uint64, tag int, upos string) (string, string) {
	fh := hashString(form)
	ft, ok := l.feats[formTagKey(lowerHash, tag)]
	if !ok && tag < len(l.tagFt) {
		ft = l.tagFt[tag]
	}
	if lm, ok := l.exact[formTagKey(fh, tag)]; ok {
		return lm, ft
	}
	propn := upos == "PROPN"
	if propn {
		// Proper nouns keep their case ("Holocaust", not "holocaust"),
		// but a lower-case or all-caps spelling of a known one takes its
		// lemma ("asia", "TEHRAN" -> "Asia", "Tehran").
		if caseOf(form) != caseTitle {
			if lm, ok := l.lower[formTagKey(lowerHash, tag)]; ok {
				return lm, ft
			}
		}
	} else {
		if lm, ok := l.lower[formTagKey(lowerHash, tag)]; ok {
			return lm, ft
		}
		if tag < len(l.tagUPOS) {
			if lm, ok := l.lowerU[formTagKey(lowerHash, l.tagUPOS[tag])]; ok {
				return lm, ft
			}
		}
		if upos == "VERB" {
			// For a verb, an inflection rule giving a known lemma beats
			// the lemma of the form under another part of speech
			// ("converted" as an adjective).
			if lm, known, _ := l.byRule(form, tag, false); known {
				return lm, ft
			}
		}
		if lm, ok := l.anyTag[fh]; ok && upos != "PUNCT" && upos != "NUM" {
			return lm, ft
		}
	}
	if upos == "NUM" {
		if lm, ok := groupedNumber(form); ok {
			return lm, ft
		}
	}
	if !hasLetter(form) {
		// Rules learned on words do not apply to numbers and symbols
		// ("3200" -> "200").
		return form, ft
	}
	if lm, _, found := l.byRule(form, tag, propn); found {
		return lm, ft
	}
	if propn {
		return form, ft
	}
	return strings.ToLower(form), ft
}

// byRule applies the suffix rules of tag to form, from the longest
// matching suffix (at most 5 runes) to the shortest, and returns the first
// result that is a known lemma (known true) or else the result of the
// longest suffix; found is false when no rule matches.
func (l *lemmatizer) byRule(form string, tag int, propn bool) (lemma string, known, found bool) {
	first := ""
	n := utf8.RuneCountInString(form)
	if n > 5 {
		n = 5
	}
	apply := func(r int32) string {
		lm := l.rules[r].apply(form)
		if !propn && !l.rules[r].lower {
			// Unseen words other than proper nouns have lowercase
			// lemmas in UD English ("RFP" -> "rfp").
			lm = strings.ToLower(lm)
		}
		return lm
	}
	for ; n >= 0; n-- {
		k := suffixKey(tag, n, hashLower(form[suffixStart(form, n):]))
		r, ok := l.suffix[k]
		if !ok || int(r) >= len(l.rules) {
			continue
		}
		lm := apply(r)
		if !found {
			first, found = lm, true
		}
		// The second rule of the suffix, or a rule of a shorter one, may
		// give a known lemma where the most specific one does not
		// ("timed" -> "time", not "tim"; "bombed" -> "bomb", not "bom").
		if _, ok := l.known[hashLower(lm)]; ok {
			return lm, true, true
		}
		if r2, ok := l.suffix2[k]; ok && int(r2) < len(l.rules) && l.rules[r2].small(form) {
			lm2 := apply(r2)
			if _, ok := l.known[hashLower(lm2)]; ok {
				return lm2, true, true
			}
		}
	}
	return first, false, found
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// Letter case of a word.
const (
	caseOther = iota // mixed, or no letters
	caseLower
	caseUpper // all caps, at least two letters
	caseTitle // first letter upper, the others lower
)

func caseOf(s string) int {
	up, lo, first := 0, 0, true
	firstUp := false
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			up++
			if first {
				firstUp = true
			}
		case unicode.IsLower(r):
			lo++
		}
		first = false
	}
	switch {
	case up == 0 && lo > 0:
		return caseLower
	case lo == 0 && up > 1:
		return caseUpper
	case firstUp && up == 1:
		return caseTitle
	}
	return caseOther
}

// groupedNumber drops the thousands separators of a number like
// "1,100" (UD English lemma "1100").
func groupedNumber(s string) (string, bool) {
	parts := strings.Split(s, ",")
	if len(parts) < 2 || len(parts[0]) == 0 || len(parts[0]) > 3 {
		return "", false
	}
	for i, p := range parts {
		if (i > 0 && len(p) != 3) || strings.Trim(p, "0123456789") != "" {
			return "", false
		}
	}
	return strings.Join(parts, ""), true
}

func argmaxCount(m map[string]int) string {
	best, bc := "", -1
	for k, c := range m {
		if c > bc || (c == bc && k < best) {
			best, bc = k, c
		}
	}
	return best
}

func trainLemmatizer(train []*Sentence, gold [][]int, tagIndex map[string]int, upos []string) *lemmatizer {
	type ft struct {
		form string
		tag  int
	}
	exact := map[ft]map[string]int{}
	lower := map[ft]map[string]int{}
	anyT := map[string]map[string]int{}
	feats := map[ft]map[string]int{}
	tagFeats := make([]map[string]int, len(tagIndex))
	inc := func(m map[string]int, v string) map[string]int {
		if m == nil {
			m = map[string]int{}
		}
		m[v]++
		return m
	}
	for si, s := range train {
		for i, f := range s.Forms {
			tg := gold[si][i]
			lm := s.Lemmas[i]
			if lm == "" {
				continue
			}
			lf := strings.ToLower(f)
			exact[ft{f, tg}] = inc(exact[ft{f, tg}], lm)
			lower[ft{lf, tg}] = inc(lower[ft{lf, tg}], lm)
			anyT[f] = inc(anyT[f], lm)
			feats[ft{lf, tg}] = inc(feats[ft{lf, tg}], s.Feats[i])
			tagFeats[tg] = inc(tagFeats[tg], s.Feats[i])
		}
	}
	l := &lemmatizer{nTags: len(tagIndex)}
	tagName := make([]string, len(tagIndex))
	for k, v := range tagIndex {
		tagName[v] = k
	}
	for k, m := range exact {
		l.exactList = append(l.exactList, [3]string{k.form, tagName[k.tag], argmaxCount(m)})
	}
	for k, m := range lower {
		lm := argmaxCount(m)
		l.lowerList = append(l.lowerList, [3]string{k.form, tagName[k.tag], lm})
	}
	for k, m := range anyT {
		l.anyList = append(l.anyList, [3]string{k, "", argmaxCount(m)})
	}
	for k, m := range feats {
		l.featList = append(l.featList, [3]string{k.form, tagName[k.tag], argmaxCount(m)})
	}
	for _, m := range tagFeats {
		l.tagFt = append(l.tagFt, argmaxCount(m))
	}
	// Suffix rules, counted over (form, tag) types.
	type sk struct {
		tag int
		suf string
	}
	ruleCount := map[sk]map[string]int{}
	ruleByID := map[string]lemmaRule{}
	for k, m := range exact {
		r := ruleFor(k.form, argmaxCount(m))
		id := r.id()
		ruleByID[id] = r
		n := min(utf8.RuneCountInString(k.form), 5)
		for ; n >= 0; n-- {
			key := sk{k.tag, strings.ToLower(k.form[suffixStart(k.form, n):])}
			ruleCount[key] = inc(ruleCount[key], id)
		}
	}
	ids := make([]string, 0, len(ruleByID))
	for id := range ruleByID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	ruleNum := map[string]int32{}
	for i, id := range ids {
		ruleNum[id] = int32(i)
		l.rules = append(l.rules, ruleByID[id])
	}
	for k, m := range ruleCount {
		total := 0
		for _, c := range m {
			total += c
		}
		if total < 2 && k.suf != "" {
			continue
		}
		top := argmaxCount(m)
		l.suffixList = append(l.suffixList, suffixEntry{k.tag, k.suf, ruleNum[top]})
		if len(m) > 1 {
			rest := make(map[string]int, len(m)-1)
			for id, c := range m {
				if id != top {
					rest[id] = c
				}
			}
			if second := argmaxCount(rest); rest[second] >= 2 {
				l.suffix2List = append(l.suffix2List, suffixEntry{k.tag, k.suf, ruleNum[second]})
			}
		}
	}
	sortLists(l)
	l.index(tagIndex)
	return l
}

func sortLists(l *lemmatizer) {
	for _, ls := range [][][3]string{l.exactList, l.lowerList, l.anyList, l.featList} {
		sort.Slice(ls, func(i, j int) bool {
			if ls[i][0] != ls[j][0] {
				return ls[i][0] < ls[j][0]
			}
			return ls[i][1] < ls[j][1]
		})
	}
	for _, ls := range [][]suffixEntry{l.suffixList, l.suffix2List} {
		sort.Slice(ls, func(i, j int) bool {
			a, b := ls[i], ls[j]
			if a.tag != b.tag {
				return a.tag < b.tag
			}
			return a.suf < b.suf
		})
	}
}

// index builds the lookup maps from the lists.
func (l *lemmatizer) index(tagIndex map[string]int) {
	l.exact = make(map[uint64]string, len(l.exactList))
	l.lower = make(map[uint64]string, len(l.lowerList))
	l.anyTag = make(map[uint64]string, len(l.anyList))
	l.feats = make(map[uint64]string, len(l.featList))
	for _, e := range l.exactList {
		if tg, ok := tagIndex[e[1]]; ok {
			l.exact[formTagKey(hashString(e[0]), tg)] = e[2]
		}
	}
	l.tagUPOS = make([]int, len(tagIndex))
	uposID := map[string]int{}
	for jt, tg := range tagIndex {
		u, _ := splitTag(jt)
		if _, ok := uposID[u]; !ok {
			uposID[u] = len(uposID)
		}
		if tg < len(l.tagUPOS) {
			l.tagUPOS[tg] = uposID[u]
		}
	}
	l.lowerU = map[uint64]string{}
	conflict := map[uint64]bool{}
	l.known = map[uint64]struct{}{}
	for _, e := range l.lowerList {
		tg, ok := tagIndex[e[1]]
		if !ok {
			continue
		}
		h := hashLower(e[0])
		l.lower[formTagKey(h, tg)] = e[2]
		l.known[hashLower(e[2])] = struct{}{}
		k := formTagKey(h, l.tagUPOS[tg])
		if lm, ok := l.lowerU[k]; ok && lm != e[2] {
			conflict[k] = true
		}
		l.lowerU[k] = e[2]
	}
	for k := range conflict {
		delete(l.lowerU, k)
	}
	for _, e := range l.anyList {
		l.anyTag[hashString(e[0])] = e[2]
	}
	for _, e := range l.featList {
		if tg, ok := tagIndex[e[1]]; ok {
			l.feats[formTagKey(hashLower(e[0]), tg)] = e[2]
		}
	}
	l.suffix = suffixMap(l.suffixList)
	l.suffix2 = suffixMap(l.suffix2List)
}

func suffixMap(ls []suffixEntry) map[uint64]int32 {
	m := make(map[uint64]int32, len(ls))
	for _, e := range ls {
		n := utf8.RuneCountInString(e.suf)
		m[suffixKey(e.tag, n, hashLower(e.suf))] = e.rule
	}
	return m
}

func encodeSuffixes(e *encoder, ls []suffixEntry) {
	e.uvarint(uint64(len(ls)))
	for _, s := range ls {
		e.uvarint(uint64(s.tag))
		e.string(s.suf)
		e.uvarint(uint64(s.rule))
	}
}

func decodeSuffixes(d *decoder) ([]suffixEntry, error) {
	n := d.uvarint()
	if n > 1<<24 {
		return nil, fmt.Errorf("lemmatizer: bad suffix count")
	}
	var out []suffixEntry
	for i := uint64(0); i < n && d.err == nil; i++ {
		tg := int(d.uvarint())
		suf := d.string()
		r := int32(d.uvarint())
		out = append(out, suffixEntry{tg, suf, r})
	}
	return out, d.err
}

// encodeSuffix2 writes the second suffix rules (a section of its own, after
// those of older models).
func (l *lemmatizer) encodeSuffix2(e *encoder) { encodeSuffixes(e, l.suffix2List) }

func (l *lemmatizer) decodeSuffix2(d *decoder) error {
	ls, err := decodeSuffixes(d)
	if err != nil {
		return err
	}
	l.suffix2List = ls
	l.suffix2 = suffixMap(ls)
	return nil
}

func encodeTriples(e *encoder, ls [][3]string) {
	e.uvarint(uint64(len(ls)))
	for _, t := range ls {
		e.string(t[0])
		e.string(t[1])
		e.string(t[2])
	}
}

func decodeTriples(d *decoder) [][3]string {
	n := d.uvarint()
	if n > 1<<24 {
		d.fail(fmt.Errorf("lexicon too long"))
		return nil
	}
	var out [][3]string
	for i := uint64(0); i < n && d.err == nil; i++ {
		out = append(out, [3]string{d.string(), d.string(), d.string()})
	}
	return out
}

func (l *lemmatizer) encode(e *encoder) {
	encodeTriples(e, l.exactList)
	encodeTriples(e, l.lowerList)
	encodeTriples(e, l.anyList)
	encodeTriples(e, l.featList)
	e.strings(l.tagFt)
	e.uvarint(uint64(len(l.rules)))
	for _, r := range l.rules {
		if r.lower {
			e.byte(1)
		} else {
			e.byte(0)
		}
		e.uvarint(uint64(r.strip))
		e.string(r.add)
	}
	encodeSuffixes(e, l.suffixList)
}

func decodeLemmatizer(d *decoder, tags []string) (*lemmatizer, error) {
	l := &lemmatizer{nTags: len(tags)}
	l.exactList = decodeTriples(d)
	l.lowerList = decodeTriples(d)
	l.anyList = decodeTriples(d)
	l.featList = decodeTriples(d)
	l.tagFt = d.strings()
	n := d.uvarint()
	if n > 1<<24 {
		return nil, fmt.Errorf("lemmatizer: bad rule count")
	}
	for i := uint64(0); i < n && d.err == nil; i++ {
		lower := d.byte() == 1
		strip := int(d.uvarint())
		l.rules = append(l.rules, lemmaRule{lower, strip, d.string()})
	}
	var err error
	if l.suffixList, err = decodeSuffixes(d); err != nil {
		return nil, err
	}
	idx := map[string]int{}
	for i, t := range tags {
		idx[t] = i
	}
	l.index(idx)
	return l, nil
}

func sortedU64(m map[uint64]uint64) [][2]uint64 {
	out := make([][2]uint64, 0, len(m))
	for k, v := range m {
		out = append(out, [2]uint64{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}
