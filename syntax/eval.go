package syntax

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/conllu"
)

// Metric is a CoNLL 2018 style score: correct items out of gold and
// system words (F1 equals accuracy when the tokenization is the gold one).
type Metric struct {
	Correct, Gold, System int
}

// Precision, Recall and F1 in [0, 1].
func (m Metric) Precision() float64 { return ratio(m.Correct, m.System) }
func (m Metric) Recall() float64    { return ratio(m.Correct, m.Gold) }
func (m Metric) F1() float64 {
	p, r := m.Precision(), m.Recall()
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

// Report holds the scores of a system file against a gold file.
type Report struct {
	Words, UPOS, XPOS, UFeats, Lemma, UAS, LAS, LASFull Metric
	// PerRel is LAS per universal relation (gold/system counts of words
	// with that relation).
	PerRel map[string]*Metric
}

type evalWord struct {
	start, end int
	w          *conllu.Word
	head       int // global index of the head word, -1 for root
}

// flatten numbers the words of all sentences and gives each a span in the
// stream of non-space characters of their forms.
func flatten(sents []*conllu.Sentence) ([]evalWord, []rune) {
	var out []evalWord
	var chars []rune
	for _, s := range sents {
		base := len(out)
		for i := range s.Words {
			w := &s.Words[i]
			start := len(chars)
			for _, r := range w.Form {
				if !unicode.IsSpace(r) {
					chars = append(chars, r)
				}
			}
			h := -1
			if w.Head > 0 && w.Head <= len(s.Words) {
				h = base + w.Head - 1
			}
			out = append(out, evalWord{start: start, end: len(chars), w: w, head: h})
		}
	}
	return out, chars
}

func univ(rel string) string {
	r, _, _ := strings.Cut(rel, ":")
	return r
}

// Evaluate scores sys against gold. Words are aligned by their character
// spans (CoNLL 2018 style); the character streams must be identical.
func Evaluate(gold, sys []*conllu.Sentence) (*Report, error) {
	gw, gc := flatten(gold)
	sw, scs := flatten(sys)
	if string(gc) != string(scs) {
		i := 0
		for i < len(gc) && i < len(scs) && gc[i] == scs[i] {
			i++
		}
		return nil, fmt.Errorf("gold and system texts differ at character %d", i)
	}
	r := &Report{PerRel: map[string]*Metric{}}
	all := []*Metric{&r.Words, &r.UPOS, &r.XPOS, &r.UFeats, &r.Lemma, &r.UAS, &r.LAS, &r.LASFull}
	for _, m := range all {
		m.Gold, m.System = len(gw), len(sw)
	}
	rel := func(name string) *Metric {
		m := r.PerRel[name]
		if m == nil {
			m = &Metric{}
			r.PerRel[name] = m
		}
		return m
	}
	for _, w := range gw {
		rel(univ(w.w.Deprel)).Gold++
	}
	for _, w := range sw {
		rel(univ(w.w.Deprel)).System++
	}
	// Align: both lists are sorted by span.
	g2s := make([]int, len(gw))
	for i := range g2s {
		g2s[i] = -1
	}
	for i, j := 0, 0; i < len(gw) && j < len(sw); {
		a, b := gw[i], sw[j]
		switch {
		case a.start == b.start && a.end == b.end:
			g2s[i] = j
			i++
			j++
		case a.end < b.end:
			i++
		case b.end < a.end:
			j++
		default:
			i++
			j++
		}
	}
	for i, j := range g2s {
		if j < 0 {
			continue
		}
		g, s := gw[i].w, sw[j].w
		r.Words.Correct++
		if g.UPOS == s.UPOS {
			r.UPOS.Correct++
		}
		if g.XPOS == s.XPOS {
			r.XPOS.Correct++
		}
		if featsEqual(g.Feats, s.Feats) {
			r.UFeats.Correct++
		}
		if g.Lemma == s.Lemma || (g.Lemma == "_" && s.Lemma == "") {
			r.Lemma.Correct++
		}
		headOK := (gw[i].head < 0 && sw[j].head < 0) ||
			(gw[i].head >= 0 && sw[j].head >= 0 && g2s[gw[i].head] == sw[j].head)
		if headOK {
			r.UAS.Correct++
			if univ(g.Deprel) == univ(s.Deprel) {
				r.LAS.Correct++
				rel(univ(g.Deprel)).Correct++
			}
			if g.Deprel == s.Deprel {
				r.LASFull.Correct++
			}
		}
	}
	return r, nil
}

func featsEqual(a, b string) bool {
	if a == "" {
		a = "_"
	}
	if b == "" {
		b = "_"
	}
	return a == b
}

// Write prints the report as a table.
func (r *Report) Write(w io.Writer) error {
	fmt.Fprintf(w, "%-10s %9s %9s %9s\n", "Metric", "Precision", "Recall", "F1")
	rows := []struct {
		name string
		m    Metric
	}{{"Words", r.Words}, {"UPOS", r.UPOS}, {"XPOS", r.XPOS}, {"UFeats", r.UFeats},
		{"Lemmas", r.Lemma}, {"UAS", r.UAS}, {"LAS", r.LAS}, {"LAS-full", r.LASFull}}
	for _, row := range rows {
		fmt.Fprintf(w, "%-10s %9.2f %9.2f %9.2f\n", row.name, 100*row.m.Precision(), 100*row.m.Recall(), 100*row.m.F1())
	}
	fmt.Fprintf(w, "\nPer relation (labeled attachment, universal relations)\n")
	fmt.Fprintf(w, "%-12s %7s %7s %9s %9s %9s\n", "Relation", "Gold", "System", "Precision", "Recall", "F1")
	names := make([]string, 0, len(r.PerRel))
	for n := range r.PerRel {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := r.PerRel[names[i]], r.PerRel[names[j]]
		if a.Gold != b.Gold {
			return a.Gold > b.Gold
		}
		return names[i] < names[j]
	})
	for _, n := range names {
		m := r.PerRel[n]
		_, err := fmt.Fprintf(w, "%-12s %7d %7d %9.2f %9.2f %9.2f\n", n, m.Gold, m.System, 100*m.Precision(), 100*m.Recall(), 100*m.F1())
		if err != nil {
			return err
		}
	}
	return nil
}
