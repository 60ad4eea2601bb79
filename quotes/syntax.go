package quotes

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/syntax"
)

var (
	syntaxOnce  sync.Once
	syntaxStage *syntax.Stage
	syntaxErr   error
)

// ParseSyntax fills the syntax layer of a segmented document with the
// pipeline's syntax stage (the greedy parser), loaded once. The pipeline
// runs that stage before the quotes stage; evaluation calls this to see
// the same input.
func ParseSyntax(ctx context.Context, d *document.Document) error {
	syntaxOnce.Do(func() { syntaxStage, syntaxErr = syntax.NewFastStage() })
	if syntaxErr != nil {
		return fmt.Errorf("quotes: %w", syntaxErr)
	}
	if err := syntaxStage.Process(ctx, d); err != nil {
		return fmt.Errorf("quotes: syntax: %w", err)
	}
	return nil
}

// PredictParsed segments and parses text, as the pipeline does before the
// quotes stage, and returns its attributions.
func (m *Model) PredictParsed(ctx context.Context, text string) ([]Attribution, error) {
	d, err := segmentDoc(ctx, text)
	if err != nil {
		return nil, err
	}
	if err := ParseSyntax(ctx, d); err != nil {
		return nil, err
	}
	return m.Attributions(d), nil
}

// tree is the dependency tree of a view's tokens (document-wide indices).
type tree struct {
	head []int // head token, -1 for a root or no parse
	kid  []int // dependents, grouped by head in text order
	koff []int // token i's dependents are kid[koff[i]:koff[i+1]]
	lo   []int // leftmost token of each subtree
	hi   []int // one past the rightmost token of each subtree
}

// kids returns the dependents of token i.
func (t *tree) kids(i int) []int { return t.kid[t.koff[i]:t.koff[i+1]] }

// tree returns the dependency tree of v, or nil without a syntax layer.
func (v *view) tree() *tree {
	if !v.syntax {
		return nil
	}
	if v.tr != nil {
		return v.tr
	}
	n := len(v.lower)
	buf := make([]int, 5*n+1)
	t := &tree{head: buf[:n:n], kid: buf[n : 2*n : 2*n], koff: buf[2*n : 3*n+1 : 3*n+1], lo: buf[3*n+1 : 4*n+1 : 4*n+1], hi: buf[4*n+1:]}
	for i := range t.head {
		t.head[i] = -1
		t.lo[i], t.hi[i] = i, i+1
	}
	for _, s := range v.d.Sentences {
		for i := s.TokenStart; i < s.TokenEnd && i < n; i++ {
			h := v.d.Tokens[i].Head
			if h <= 0 {
				continue
			}
			if j := s.TokenStart + h - 1; j < s.TokenEnd && j < n && j != i {
				t.head[i] = j
				t.koff[j+1]++
			}
		}
	}
	for i := 0; i < n; i++ {
		t.koff[i+1] += t.koff[i]
	}
	fill := make([]int, n)
	copy(fill, t.koff[:n])
	for i, h := range t.head {
		if h >= 0 {
			t.kid[fill[h]] = i
			fill[h]++
		}
	}
	// Subtree extents, deepest tokens first; a walk longer than its
	// sentence is a cycle, whose tokens keep their own extent.
	depth := fill // reuse
	maxd := 0
	for _, s := range v.d.Sentences {
		lim := s.TokenEnd - s.TokenStart
		for i := s.TokenStart; i < s.TokenEnd && i < n; i++ {
			d, j := 0, i
			for t.head[j] >= 0 && d <= lim {
				j = t.head[j]
				d++
			}
			if d > lim {
				d = -1
			}
			depth[i] = d
			maxd = max(maxd, d)
		}
	}
	byDepth := make([][]int, maxd+1)
	for i, d := range depth {
		if d > 0 {
			byDepth[d] = append(byDepth[d], i)
		}
	}
	for d := maxd; d > 0; d-- {
		for _, i := range byDepth[d] {
			h := t.head[i]
			t.lo[h] = min(t.lo[h], t.lo[i])
			t.hi[h] = max(t.hi[h], t.hi[i])
		}
	}
	v.tr = t
	return t
}

// rel returns the universal relation of token i ("nsubj" for "nsubj:pass").
func (v *view) rel(i int) string {
	r, _, _ := strings.Cut(v.d.Tokens[i].Deprel, ":")
	return r
}

// cueHead returns the syntactic head of cue q: its token whose head lies
// outside it (the verb of "has said", "told reporters"), or -1.
func (v *view) cueHead(t *tree, q tspan) int {
	for i := q.lo; i < q.hi; i++ {
		if h := t.head[i]; h < q.lo || h >= q.hi {
			if u := v.d.Tokens[i].UPOS; u == "VERB" || u == "NOUN" || u == "AUX" {
				return i
			}
		}
	}
	return -1
}

// subjectOf returns the subject of cue verb c: its nsubj, or for a
// participle or a conjoined verb with no subject ("..., adding that",
// "and said"), its head's.
func (v *view) subjectOf(t *tree, c int) int {
	for hop := 0; hop < 3 && c >= 0; hop++ {
		// The nominal subject nearest the verb: a parse that gives the
		// verb two subjects ("During a speech earlier ..., Trump
		// attacked") most often errs on the one further away.
		subj := -1
		for _, k := range t.kids(c) {
			if v.rel(k) != "nsubj" || hasCase(v, t, k) {
				continue
			}
			if subj < 0 || (nominal(v.d.Tokens[k].UPOS) && (!nominal(v.d.Tokens[subj].UPOS) || abs(k-c) < abs(subj-c))) {
				subj = k
			}
		}
		if subj >= 0 {
			return subj
		}
		switch v.rel(c) {
		case "advcl", "conj", "xcomp":
			c = t.head[c]
		case "ccomp":
			// "said as much in an interview, arguing": a participle
			// is no complement clause of its own.
			if v.d.Tokens[c].XPOS != "VBG" {
				return -1
			}
			c = t.head[c]
		default:
			return -1
		}
	}
	return -1
}

// hasCase reports whether token k governs a preposition ("in an
// interview"), which no subject does.
func hasCase(v *view, t *tree, k int) bool {
	for _, j := range t.kids(k) {
		if v.rel(j) == "case" {
			return true
		}
	}
	return false
}

// nominal reports whether a UPOS heads a noun phrase.
func nominal(upos string) bool {
	switch upos {
	case "NOUN", "PROPN", "PRON", "NUM", "X":
		return true
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// rootOf returns the root of token i's sentence in the parse, or -1.
func (v *view) rootOf(t *tree, i int) int {
	for hop := 0; hop < 64 && i >= 0; hop++ {
		if t.head[i] < 0 {
			return i
		}
		i = t.head[i]
	}
	return -1
}

// trimPunct shrinks [lo, hi) past punctuation at both ends (quotation
// marks excepted when keepQuotes).
func (v *view) trimPunct(lo, hi int) (int, int) {
	for lo < hi && isPunct(v.d.Tokens[lo].Text) && v.lower[lo] != "(" {
		lo++
	}
	for hi > lo && isPunct(v.d.Tokens[hi-1].Text) && v.lower[hi-1] != ")" {
		hi--
	}
	return lo, hi
}

// syntaxSource reads the source of an attribution from the parse: the
// subtree of the cue verb's subject ("Ronald Fieldstone, a Miami lawyer
// who has worked on such projects, said"). It returns false when there is
// no parse, no subject, or the subject overlaps the content or the cue.
func syntaxSource(v *view, r rawAttr) (tspan, bool) {
	t := v.tree()
	if t == nil || r.cue == nil {
		return tspan{}, false
	}
	c := v.cueHead(t, *r.cue)
	if c < 0 {
		return tspan{}, false
	}
	s := v.subjectOf(t, c)
	if s < 0 && v.d.Tokens[c].XPOS == "VBG" && v.lower[c] != "according" {
		// A participle the parse hangs low ("granted Smith an
		// extension to clean the water, saying"): the main clause's
		// subject speaks.
		if root := v.rootOf(t, c); root >= 0 && root < c {
			s = v.subjectOf(t, root)
		}
	}
	if s < 0 {
		return tspan{}, false
	}
	lo, hi := v.trimPunct(t.lo[s], t.hi[s])
	if lo >= hi || (lo < r.cue.hi && hi > r.cue.lo) {
		return tspan{}, false
	}
	for _, k := range r.content {
		if lo < k.hi && hi > k.lo {
			return tspan{}, false
		}
	}
	return tspan{2, lo, hi}, true
}

// parseRoles completes an attribution by the parse, when there is one: a
// cue the tagger left without a source gets its verb's subject. (Snapping
// tagged sources and contents to subtrees was measured on PolNeAR dev and
// lost: the greedy parser's subtrees are less exact than the tagger's
// spans.)
func parseRoles(v *view, r rawAttr) rawAttr {
	if v.tree() == nil {
		return r
	}
	if s, ok := aclSource(v, r); ok {
		// "footage of Trump saying ...": the participle's noun speaks.
		r.source = &s
		return r
	}
	if r.source != nil && participleCue(v, r) {
		// "..., saying": the parse's subject of the verb it hangs from
		// beats the tagger's guess ("Friday", "During a speech").
		if s, ok := syntaxSource(v, r); ok {
			r.source = &s
		}
		return r
	}
	if r.source != nil {
		return r
	}
	if s, ok := syntaxSource(v, r); ok {
		r.source = &s
	}
	return r
}

// UsesSyntax reports whether the model reads the syntax layer (UPOS,
// Head, Deprel), which the pipeline's syntax stage fills before the
// quotes stage runs.
func (m *Model) UsesSyntax() bool {
	for lm := m; lm != nil; lm = lm.stage2 {
		if lm.syntax {
			return true
		}
	}
	return false
}

// hasSyntax reports whether d's tokens carry the syntax layer.
func hasSyntax(d *document.Document) bool {
	for _, t := range d.Tokens {
		if t.Deprel != "" {
			return true
		}
	}
	return false
}

// Feature-name states of the tree features (read-only).
var treeNames = struct{ anc, ancw, edge, hrel, kid uint64 }{
	anc: seedOf("anc"), ancw: seedOf("ancw"), edge: seedOf("edge"), hrel: seedOf("hrel"), kid: seedOf("kid"),
}

// maxAncestors bounds the walk from a token up to its governing cue.
const maxAncestors = 8

// appendTreeFeatures appends the (unmasked) tree features of token i: the
// relation by which its subtree hangs from the nearest cue word above it
// (the cue's complement, its subject ...), whether i opens or closes that
// subtree, the relation of its head, and whether a cue word governs it
// directly.
func appendTreeFeatures(f []uint32, v *view, t *tree, i int) []uint32 {
	nm := &treeNames
	under, child := -1, i
	for a, hop := t.head[i], 0; a >= 0 && hop < maxAncestors; a, hop = t.head[a], hop+1 {
		if v.cue[a] {
			under = a
			break
		}
		child = a
	}
	rel := "-"
	if under >= 0 {
		rel = v.rel(child)
		f = append(f, fold(hs(nm.anc, rel)), fold(hs(hs(nm.ancw, rel), v.lower[under])))
		var e byte = 'm'
		switch {
		case i == t.lo[child] && i == t.hi[child]-1:
			e = 'o'
		case i == t.lo[child]:
			e = 'b'
		case i == t.hi[child]-1:
			e = 'e'
		}
		f = append(f, fold(hb(hs(nm.edge, rel), e)))
	} else {
		f = append(f, fold(hs(nm.anc, rel)))
	}
	if h := t.head[i]; h >= 0 {
		f = append(f, fold(hs(hs(nm.hrel, v.rel(i)), v.rel(h))))
	}
	kc := byte('0')
	for _, k := range t.kids(i) {
		if v.cue[k] {
			kc = '1'
			break
		}
	}
	f = append(f, fold(hb(hs(nm.kid, v.rel(i)), kc)))
	return f
}

// aclSource returns the noun a participle cue modifies ("footage of
// Hillary Clinton asking, “...”"): the words of its phrase up to the noun,
// when the parse hangs the cue from a proper noun or pronoun as acl.
func aclSource(v *view, r rawAttr) (tspan, bool) {
	t := v.tree()
	if t == nil || r.cue == nil {
		return tspan{}, false
	}
	c := v.cueHead(t, *r.cue)
	if c < 0 || v.rel(c) != "acl" || v.d.Tokens[c].XPOS != "VBG" {
		return tspan{}, false
	}
	h := t.head[c]
	if h >= 0 && v.d.Tokens[h].UPOS == "NOUN" {
		// The parse often hangs the participle from the noun the
		// speaker depends on: "footage of Trump saying".
		for _, k := range t.kids(h) {
			if k > h && k < c && v.rel(k) == "nmod" {
				h = k
			}
		}
	}
	if h < 0 || h >= c || (v.d.Tokens[h].UPOS != "PROPN" && v.d.Tokens[h].UPOS != "PRON") {
		return tspan{}, false
	}
	lo, hi := h, h+1
	for lo > t.lo[h] && v.rel(lo-1) != "case" && v.d.Tokens[lo-1].UPOS != "PUNCT" {
		lo--
	}
	if lo >= hi {
		return tspan{}, false
	}
	for _, k := range r.content {
		if lo < k.hi && hi > k.lo {
			return tspan{}, false
		}
	}
	return tspan{2, lo, hi}, true
}

// participleCue reports whether r's cue is a participle after a comma
// ("..., saying that", "..., adding").
func participleCue(v *view, r rawAttr) bool {
	if r.cue == nil || r.cue.lo == 0 || v.lower[r.cue.lo-1] != "," {
		return false
	}
	w := v.lower[r.cue.lo]
	return strings.HasSuffix(w, "ing") && v.d.Tokens[r.cue.lo].UPOS == "VERB"
}
