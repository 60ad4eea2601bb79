package syntax

import (
	"fmt"
	"os"
	"strings"

	"github.com/sitrep/sitrep/conllu"
)

// Sentence is one sentence for the analyzers: the word forms and, once
// analyzed (or when read from a treebank), their annotation. Heads are
// 1-based, 0 for the root.
type Sentence struct {
	Forms  []string
	UPOS   []string
	XPOS   []string
	Feats  []string
	Lemmas []string
	Heads  []int
	Rels   []string
}

// Len returns the number of words.
func (s *Sentence) Len() int { return len(s.Forms) }

// Reset makes s an unannotated sentence of the given forms, reusing memory.
func (s *Sentence) Reset(forms []string) {
	n := len(forms)
	s.Forms = append(s.Forms[:0], forms...)
	s.UPOS = resize(s.UPOS, n)
	s.XPOS = resize(s.XPOS, n)
	s.Feats = resize(s.Feats, n)
	s.Lemmas = resize(s.Lemmas, n)
	s.Rels = resize(s.Rels, n)
	if cap(s.Heads) < n {
		s.Heads = make([]int, n)
	}
	s.Heads = s.Heads[:n]
	for i := range s.Heads {
		s.Heads[i] = 0
	}
}

func resize(s []string, n int) []string {
	if cap(s) < n {
		return make([]string, n)
	}
	s = s[:n]
	for i := range s {
		s[i] = ""
	}
	return s
}

// FromCoNLLU converts a CoNLL-U sentence (its syntactic words).
func FromCoNLLU(cs *conllu.Sentence) *Sentence {
	n := len(cs.Words)
	s := &Sentence{}
	s.Reset(make([]string, n))
	for i, w := range cs.Words {
		s.Forms[i] = w.Form
		s.UPOS[i] = under(w.UPOS)
		s.XPOS[i] = under(w.XPOS)
		s.Feats[i] = under(w.Feats)
		s.Lemmas[i] = under(w.Lemma)
		s.Heads[i] = w.Head
		s.Rels[i] = under(w.Deprel)
	}
	return s
}

// ToCoNLLU copies the annotation of s into cs, which must have the same words.
func (s *Sentence) ToCoNLLU(cs *conllu.Sentence) {
	for i := range cs.Words {
		if i >= s.Len() {
			break
		}
		w := &cs.Words[i]
		w.UPOS, w.XPOS, w.Feats, w.Lemma = s.UPOS[i], s.XPOS[i], s.Feats[i], s.Lemmas[i]
		w.Head, w.Deprel = s.Heads[i], s.Rels[i]
		if w.Deprel == "" {
			w.Deprel = "dep"
		}
	}
}

func under(s string) string {
	if s == "_" {
		return ""
	}
	return s
}

// ReadTreebank reads a CoNLL-U file into sentences.
func ReadTreebank(path string) ([]*conllu.Sentence, []*Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open treebank: %w", err)
	}
	defer f.Close()
	cs, err := conllu.ReadAll(f, path)
	if err != nil {
		return nil, nil, fmt.Errorf("read treebank: %w", err)
	}
	out := make([]*Sentence, len(cs))
	for i, c := range cs {
		out[i] = FromCoNLLU(c)
	}
	return cs, out, nil
}

// jointTag is the tagger's class: UPOS and XPOS together.
func jointTag(upos, xpos string) string { return upos + "\t" + xpos }

func splitTag(t string) (string, string) {
	u, x, _ := strings.Cut(t, "\t")
	return u, x
}
