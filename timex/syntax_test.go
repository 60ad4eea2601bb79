package timex

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep/document"
)

// parsed builds the tokens of a space-separated sentence with the given
// (upos, xpos, lemma, head, deprel) analyses.
func parsed(t *testing.T, words []string, ana [][5]string) (string, []document.Token) {
	t.Helper()
	if len(words) != len(ana) {
		t.Fatal("bad fixture")
	}
	var toks []document.Token
	pos := 0
	for i, w := range words {
		head := 0
		for _, r := range ana[i][3] {
			head = head*10 + int(r-'0')
		}
		toks = append(toks, document.Token{Start: pos, End: pos + len(w), Text: w,
			UPOS: ana[i][0], XPOS: ana[i][1], Lemma: ana[i][2], Head: head, Deprel: ana[i][4]})
		pos += len(w) + 1
	}
	return strings.Join(words, " "), toks
}

func TestClauseTense(t *testing.T) {
	// "will" is too far from "Friday" for the word cues; the tree links them.
	words := strings.Fields("Erdogan will travel to the Iranian capital for a trilateral meeting with his Iranian and Russian counterparts on Friday .")
	text, toks := parsed(t, words, [][5]string{
		{"PROPN", "NNP", "Erdogan", "3", "nsubj"},
		{"AUX", "MD", "will", "3", "aux"},
		{"VERB", "VB", "travel", "0", "root"},
		{"ADP", "IN", "to", "7", "case"},
		{"DET", "DT", "the", "7", "det"},
		{"ADJ", "JJ", "Iranian", "7", "amod"},
		{"NOUN", "NN", "capital", "3", "obl"},
		{"ADP", "IN", "for", "11", "case"},
		{"DET", "DT", "a", "11", "det"},
		{"ADJ", "JJ", "trilateral", "11", "amod"},
		{"NOUN", "NN", "meeting", "3", "obl"},
		{"ADP", "IN", "with", "17", "case"},
		{"PRON", "PRP$", "his", "17", "nmod:poss"},
		{"ADJ", "JJ", "Iranian", "17", "amod"},
		{"CCONJ", "CC", "and", "16", "cc"},
		{"ADJ", "JJ", "Russian", "14", "conj"},
		{"NOUN", "NNS", "counterpart", "11", "nmod"},
		{"ADP", "IN", "on", "19", "case"},
		{"PROPN", "NNP", "Friday", "11", "nmod"},
		{"PUNCT", ".", ".", "3", "punct"},
	})
	flat := make([]document.Token, len(toks))
	for i, tk := range toks {
		flat[i] = document.Token{Start: tk.Start, End: tk.End, Text: tk.Text}
	}
	said := append([]document.Token(nil), toks...)
	// "Friday" on a finite verb whose "will" is no auxiliary.
	said[1].Deprel = "discourse"
	said[2].XPOS = "VBD"
	said[18].Head = 3
	for _, tc := range []struct {
		name string
		toks []document.Token
		want string
	}{
		{"future clause", toks, "2018-09-07"},
		{"no syntax layer", flat, "2018-08-31"},
		{"finite verb without future auxiliary", said, "2018-08-31"},
	} {
		got := Tag(text, Options{Published: "2018-09-05", SentenceStarts: []int{0}, Tokens: tc.toks})
		if len(got) != 1 || got[0].Value != tc.want {
			t.Errorf("%s: got %+v, want %s", tc.name, got, tc.want)
		}
	}
}
