package quotes

import (
	"github.com/sitrep/sitrep/document"
)

// tspan is a tagged span of tokens [lo, hi) with its role (1 content,
// 2 source, 3 cue).
type tspan struct {
	role   int
	lo, hi int
}

func spansOf(labels []int, lo, hi int) []tspan {
	var out []tspan
	for i := lo; i < hi; {
		r := roleOf(labels[i])
		if r == 0 {
			i++
			continue
		}
		j := i + 1
		for j < hi && labels[j] == 2*r { // I- of the same role
			j++
		}
		out = append(out, tspan{r, i, j})
		i = j
	}
	return out
}

// gap is the number of tokens between two spans (0 when adjacent).
func gap(a, b tspan) int {
	if a.hi <= b.lo {
		return b.lo - a.hi
	}
	if b.hi <= a.lo {
		return a.lo - b.hi
	}
	return 0
}

// rawAttr is an attribution by token spans.
type rawAttr struct {
	content []tspan
	source  *tspan
	cue     *tspan
	term    bool // a quoted term, not speech
}

// assemble groups tagged spans into attributions, paragraph by paragraph.
func assemble(v *view, labels []int) []rawAttr {
	var out []rawAttr
	for _, sq := range v.seqs {
		sp := spansOf(labels, sq.lo, sq.hi)
		var cues, srcs, conts []int
		for k, s := range sp {
			switch s.role {
			case 1:
				conts = append(conts, k)
			case 2:
				srcs = append(srcs, k)
			case 3:
				cues = append(cues, k)
			}
		}
		between := func(a, b tspan, role int) bool {
			lo, hi := min(a.hi, b.hi), max(a.lo, b.lo)
			for _, s := range sp {
				if s.role == role && s.lo >= lo && s.hi <= hi {
					return true
				}
			}
			return false
		}
		sentDist := func(a, b tspan) int {
			sa, sb := v.sent[a.lo], v.sent[b.lo]
			ea, eb := v.sent[a.hi-1], v.sent[b.hi-1]
			if ea < sb {
				return sb - ea
			}
			if eb < sa {
				return sa - eb
			}
			return 0
		}
		// Each content goes to the closest cue.
		byCue := map[int][]int{}
		var orphan []int
		for _, ci := range conts {
			c := sp[ci]
			best, bestScore := -1, 1<<30
			for _, qi := range cues {
				q := sp[qi]
				score := gap(c, q) + 40*sentDist(c, q)
				if between(c, q, 1) {
					score += 200
				}
				if score < bestScore {
					best, bestScore = qi, score
				}
			}
			if best < 0 || bestScore >= 200 {
				orphan = append(orphan, ci)
				continue
			}
			byCue[best] = append(byCue[best], ci)
		}
		for _, qi := range cues {
			cs := byCue[qi]
			q := sp[qi]
			if len(cs) == 0 {
				// A cue that ends its paragraph may introduce the next one.
				if q.hi >= sq.hi-1 {
					qq := q
					var src *tspan
					for _, si := range srcs {
						if s := sp[si]; s.hi <= q.lo && v.sent[s.lo] == v.sent[q.lo] {
							ss := s
							src = &ss
						}
					}
					out = append(out, rawAttr{cue: &qq, source: src})
				}
				continue
			}
			// Source: the closest source, preferring the cue's sentence.
			var src *tspan
			bestScore := 1 << 30
			for _, si := range srcs {
				s := sp[si]
				score := gap(s, q) + 40*sentDist(s, q)
				if between(s, q, 3) {
					score += 100
				}
				if between(s, q, 1) {
					score += 30
				}
				if score < bestScore {
					bestScore = score
					ss := s
					src = &ss
				}
			}
			if bestScore >= 100 {
				src = nil
			}
			if src != nil && src.lo > q.hi && between(*src, q, 1) {
				// A source beyond the content belongs to another cue
				// ("Turkey has warned that ..., state media said") when a
				// name stands right before this one.
				j := q.lo - 1
				for j > sq.lo && auxiliaries[v.lower[j]] {
					j--
				}
				if np, ok := npRunLeft(v, j, v.d.Sentences[v.sent[q.lo]].TokenStart, func(int) bool { return false }); ok {
					src = &np
				}
			}
			if src == nil {
				var cont []tspan
				for _, ci := range cs {
					cont = append(cont, sp[ci])
				}
				if ss, ok := syntaxSource(v, rawAttr{content: cont, cue: &q}); ok {
					src = &ss
				} else if fs, ok := fallbackSource(v, q, cont); ok {
					src = &fs
				}
			}
			qq := q
			a := rawAttr{cue: &qq, source: src}
			// Contents split only by this cue and source are one
			// discontinuous content; others are attributions of their own.
			group := []tspan{sp[cs[0]]}
			flush := func() {
				a.content = group
				out = append(out, a)
				a = rawAttr{source: src}
			}
			for _, ci := range cs[1:] {
				c := sp[ci]
				prev := group[len(group)-1]
				if (onlyAttrBetween(v, sp, prev, c, &qq, src) && !plainAfterQuote(v, prev, c, qq)) || quoteResumes(v, sp, prev, c, qq) {
					group = append(group, c)
					continue
				}
				flush()
				group = []tspan{c}
			}
			flush()
		}
		for _, ci := range orphan {
			out = append(out, rawAttr{content: []tspan{sp[ci]}})
		}
	}
	return out
}

// quoteResumes reports whether quoted span b resumes the quote a after its
// cue: "“A,” she said last month. “B.”" is one discontinuous content when
// a closes a quotation, b opens the next one in the cue's sentence or the
// one after it, and no other tagged span lies between them.
func quoteResumes(v *view, sp []tspan, a, b, cue tspan) bool {
	if v.qstate[a.hi-1] != 3 || v.qstate[b.lo] != 2 || cue.lo < a.hi || cue.hi > b.lo {
		return false
	}
	if b.lo-a.hi > maxResumeGap || v.sent[b.lo] > v.sent[cue.lo]+1 || v.sent[a.hi-1] != v.sent[cue.lo] {
		return false
	}
	for _, s := range sp {
		if s.lo >= a.hi && s.hi <= b.lo && s.role != 2 && s != cue {
			return false
		}
	}
	return true
}

// plainAfterQuote reports whether span b, after the cue, holds no
// quotation while a before it ends one: "“...,” she said after reading
// the outline" does not go on with "the outline".
func plainAfterQuote(v *view, a, b, cue tspan) bool {
	if v.qstate[a.hi-1] != 3 || b.lo < cue.hi {
		return false
	}
	for i := b.lo; i < b.hi; i++ {
		if v.qstate[i] != 0 {
			return false
		}
	}
	return true
}

// maxResumeGap is the most tokens between a quote and the quote that
// resumes it after the cue.
const maxResumeGap = 40

// onlyAttrBetween reports whether only the cue, the source and punctuation
// lie between spans a and b.
func onlyAttrBetween(v *view, sp []tspan, a, b tspan, cue, src *tspan) bool {
	for i := a.hi; i < b.lo; i++ {
		if cue != nil && i >= cue.lo && i < cue.hi {
			continue
		}
		if src != nil && i >= src.lo && i < src.hi {
			continue
		}
		if isPunct(v.d.Tokens[i].Text) {
			continue
		}
		return false
	}
	return true
}

func isPunct(s string) bool {
	for _, r := range s {
		if r == '\'' || r == '"' || r == ',' || r == '.' || r == ';' || r == ':' || r == '“' || r == '”' || r == '’' || r == '‘' || r == '—' || r == '-' || r == '–' || r == '(' || r == ')' {
			continue
		}
		return false
	}
	return true
}

// tokFrag converts a token span to a code point fragment.
func tokFrag(d *document.Document, s tspan) Frag {
	return Frag{d.Tokens[s.lo].Start, d.Tokens[s.hi-1].End}
}

// toAttribution converts a raw attribution to code point fragments.
func toAttribution(d *document.Document, r rawAttr) Attribution {
	var a Attribution
	for _, c := range r.content {
		a.Content = append(a.Content, tokFrag(d, c))
	}
	if r.source != nil {
		a.Source = []Frag{tokFrag(d, *r.source)}
	}
	if r.cue != nil {
		a.Cue = []Frag{tokFrag(d, *r.cue)}
	}
	return a
}
