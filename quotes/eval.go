package quotes

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// PRF counts matches for precision, recall and F1.
type PRF struct{ Gold, Pred, Match int }

// P is the precision.
func (c PRF) P() float64 { return ratio(c.Match, c.Pred) }

// R is the recall.
func (c PRF) R() float64 { return ratio(c.Match, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c PRF) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// RoleScores scores one role (content, source or cue) exactly and by
// overlap, unit by unit (a discontinuous content is one unit, right only
// when all its fragments are), and span by span: every contiguous fragment
// is one span, matched exactly, as conlleval scores BIO spans and as
// CofeNet (COLING 2022) scores PolNeAR.
type RoleScores struct{ Exact, Overlap, Span PRF }

// Scores is the evaluation of one subset of attributions (all, or direct
// quotes alone).
type Scores struct {
	Content, Source, Cue RoleScores
	// SpeakerFound counts gold contents matched (by overlap) by a predicted
	// content; SpeakerRight those whose predicted source overlaps the gold
	// source (or both have none).
	SpeakerFound, SpeakerRight int
}

// SpeakerAccuracy is SpeakerRight / SpeakerFound.
func (s Scores) SpeakerAccuracy() float64 { return ratio(s.SpeakerRight, s.SpeakerFound) }

// Report is the evaluation over a corpus.
type Report struct {
	Docs        int
	All, Direct Scores
}

// Evaluate scores predicted attributions against gold, document by
// document (pred[i] belongs to gold[i]). Direct predictions are those
// whose content text has a double quotation mark, as for the gold.
func Evaluate(gold []GoldDoc, pred [][]Attribution) Report {
	var r Report
	for i, g := range gold {
		var p []Attribution
		if i < len(pred) {
			p = pred[i]
		}
		r.Docs++
		scoreDoc(&r.All, g.Attrs, p)
		var gd, pd []Attribution
		for _, a := range g.Attrs {
			if a.Direct {
				gd = append(gd, a)
			}
		}
		for _, a := range p {
			if hasDoubleQuote(sliceFrags(g.Text, a.Content)) {
				pd = append(pd, a)
			}
		}
		scoreDoc(&r.Direct, gd, pd)
	}
	return r
}

func scoreDoc(s *Scores, gold, pred []Attribution) {
	role := func(rs *RoleScores, get func(Attribution) []Frag) []int {
		var g, p [][]Frag
		var gi, pi []int
		for i, a := range gold {
			if f := get(a); len(f) > 0 {
				g = append(g, f)
				gi = append(gi, i)
			}
		}
		for i, a := range pred {
			if f := get(a); len(f) > 0 {
				p = append(p, f)
				pi = append(pi, i)
			}
		}
		rs.Span.add(spanCounts(g, p))
		rs.Exact.Gold += len(g)
		rs.Exact.Pred += len(p)
		rs.Overlap.Gold += len(g)
		rs.Overlap.Pred += len(p)
		used := make([]bool, len(g))
		for _, pf := range p {
			for j, gf := range g {
				if !used[j] && sameFrags(pf, gf) {
					used[j] = true
					rs.Exact.Match++
					break
				}
			}
		}
		// Overlap: one-to-one, each prediction takes the free gold unit
		// it overlaps most.
		match := make([]int, len(gold))
		for i := range match {
			match[i] = -1
		}
		used = make([]bool, len(g))
		for k, pf := range p {
			best, bestOv := -1, 0
			for j, gf := range g {
				if used[j] {
					continue
				}
				if ov := overlapFrags(pf, gf); ov > bestOv {
					best, bestOv = j, ov
				}
			}
			if best >= 0 {
				used[best] = true
				rs.Overlap.Match++
				match[gi[best]] = pi[k]
			}
		}
		return match
	}
	m := role(&s.Content, func(a Attribution) []Frag { return a.Content })
	role(&s.Source, func(a Attribution) []Frag { return a.Source })
	role(&s.Cue, func(a Attribution) []Frag { return a.Cue })
	for gi, pi := range m {
		if pi < 0 {
			continue
		}
		s.SpeakerFound++
		gs, ps := gold[gi].Source, pred[pi].Source
		if (len(gs) == 0 && len(ps) == 0) || overlapFrags(gs, ps) > 0 {
			s.SpeakerRight++
		}
	}
}

// add adds the counts of d to c.
func (c *PRF) add(d PRF) {
	c.Gold += d.Gold
	c.Pred += d.Pred
	c.Match += d.Match
}

// spanCounts counts the contiguous fragments of gold and predicted units
// and those predicted exactly, each gold fragment matched at most once.
func spanCounts(gold, pred [][]Frag) PRF {
	var c PRF
	free := make(map[Frag]int)
	for _, u := range gold {
		for _, f := range u {
			free[f]++
			c.Gold++
		}
	}
	for _, u := range pred {
		for _, f := range u {
			c.Pred++
			if free[f] > 0 {
				free[f]--
				c.Match++
			}
		}
	}
	return c
}

func sameFrags(a, b []Frag) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func overlapFrags(a, b []Frag) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			s, e := max(x.Start, y.Start), min(x.End, y.End)
			if e > s {
				n += e - s
			}
		}
	}
	return n
}

// Write prints the report as a table.
func (r Report) Write(w io.Writer) {
	fmt.Fprintf(w, "documents: %d\n", r.Docs)
	for _, sub := range []struct {
		name string
		s    Scores
	}{{"all attributions", r.All}, {"direct quotes", r.Direct}} {
		fmt.Fprintf(w, "\n%s\n", sub.name)
		fmt.Fprintf(w, "%-8s %-8s %6s %6s %6s %6s %6s %6s\n", "role", "match", "gold", "pred", "hit", "P", "R", "F1")
		for _, rl := range []struct {
			name string
			rs   RoleScores
		}{{"content", sub.s.Content}, {"source", sub.s.Source}, {"cue", sub.s.Cue}} {
			for _, m := range []struct {
				name string
				c    PRF
			}{{"exact", rl.rs.Exact}, {"overlap", rl.rs.Overlap}, {"span", rl.rs.Span}} {
				fmt.Fprintf(w, "%-8s %-8s %6d %6d %6d %6.3f %6.3f %6.3f\n", rl.name, m.name, m.c.Gold, m.c.Pred, m.c.Match, m.c.P(), m.c.R(), m.c.F1())
			}
		}
		fmt.Fprintf(w, "speaker accuracy on found contents: %.3f (%d/%d)\n", sub.s.SpeakerAccuracy(), sub.s.SpeakerRight, sub.s.SpeakerFound)
	}
}

// WriteErrors prints, for one document, gold attributions whose content no
// prediction matches exactly and predictions matching no gold content.
func WriteErrors(w io.Writer, g GoldDoc, pred []Attribution) {
	show := func(tag string, a Attribution) {
		fmt.Fprintf(w, "%s C[%s] S[%s] Q[%s]\n", tag, sliceFrags(g.Text, a.Content), sliceFrags(g.Text, a.Source), sliceFrags(g.Text, a.Cue))
	}
	for _, a := range g.Attrs {
		ok := false
		for _, p := range pred {
			if sameFrags(a.Content, p.Content) {
				ok = true
			}
		}
		if !ok {
			show("- gold", a)
		}
	}
	for _, p := range pred {
		ok := false
		for _, a := range g.Attrs {
			if sameFrags(a.Content, p.Content) {
				ok = true
			}
		}
		if !ok {
			show("+ pred", p)
		}
	}
}

// WriteSpeakerErrors prints, for one document, the gold attributions
// (direct quotes alone when direct is set) whose content a prediction
// overlaps but whose predicted source does not overlap the gold source:
// the gold content, gold source and cue, then the predicted ones.
func WriteSpeakerErrors(w io.Writer, g GoldDoc, pred []Attribution, direct, content bool) {
	for _, a := range g.Attrs {
		if direct && !a.Direct {
			continue
		}
		best, bestOv := -1, 0
		for k, p := range pred {
			if ov := overlapFrags(a.Content, p.Content); ov > bestOv {
				best, bestOv = k, ov
			}
		}
		if best < 0 {
			continue
		}
		p := pred[best]
		if content {
			if !sameFrags(a.Content, p.Content) {
				fmt.Fprintf(w, "gold C[%s] S[%s]\npred C[%s] S[%s]\nfrags %v %v\n\n", fragList(g.Text, a.Content), sliceFrags(g.Text, a.Source), fragList(g.Text, p.Content), sliceFrags(g.Text, p.Source), a.Content, p.Content)
			}
			continue
		}
		if (len(a.Source) == 0 && len(p.Source) == 0) || overlapFrags(a.Source, p.Source) > 0 {
			continue
		}
		fmt.Fprintf(w, "gold C[%s] S[%s] Q[%s]\npred C[%s] S[%s] Q[%s]\n",
			clip(sliceFrags(g.Text, a.Content)), sliceFrags(g.Text, a.Source), sliceFrags(g.Text, a.Cue),
			clip(sliceFrags(g.Text, p.Content)), sliceFrags(g.Text, p.Source), sliceFrags(g.Text, p.Cue))
		if len(a.Source) > 0 {
			s := a.Source[0]
			fmt.Fprintf(w, "near gold source: %q\n", sliceFrags(g.Text, []Frag{{max(0, s.Start-80), s.Start}})+"[["+sliceFrags(g.Text, a.Source)+"]]"+sliceFrags(g.Text, []Frag{{s.End, min(utf8.RuneCountInString(g.Text), s.End+60)}}))
		}
		fmt.Fprintln(w)
	}
}

// fragList shows each fragment, clipped, between bars.
func fragList(text string, fr []Frag) string {
	var b strings.Builder
	for i, f := range fr {
		if i > 0 {
			b.WriteString(" | ")
		}
		b.WriteString(clip(sliceFrags(text, []Frag{f})))
	}
	return b.String()
}

// clip shortens a long content for error listings.
func clip(s string) string {
	r := []rune(s)
	if len(r) <= 160 {
		return s
	}
	return string(r[:80]) + " … " + string(r[len(r)-70:])
}
