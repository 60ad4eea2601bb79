package syntax

import "testing"

func TestCaseOf(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"asia", caseLower}, {"TEHRAN", caseUpper}, {"Tehran", caseTitle}, {"McDonald", caseOther},
		{"I", caseTitle}, {"1,100", caseOther}, {"", caseOther}, {"été", caseLower}, {"ÉTÉ", caseUpper},
	}
	for _, tc := range tests {
		if got := caseOf(tc.s); got != tc.want {
			t.Errorf("caseOf(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}

func TestGroupedNumber(t *testing.T) {
	tests := []struct {
		s, want string
		ok      bool
	}{
		{"1,100", "1100", true}, {"6,606,000", "6606000", true}, {"3,40", "", false},
		{"1100", "", false}, {",100", "", false}, {"1234,567", "", false}, {"1,1a0", "", false}, {"", "", false},
	}
	for _, tc := range tests {
		got, ok := groupedNumber(tc.s)
		if got != tc.want || ok != tc.ok {
			t.Errorf("groupedNumber(%q) = %q, %t; want %q, %t", tc.s, got, ok, tc.want, tc.ok)
		}
	}
}

func TestContractedS(t *testing.T) {
	tests := []struct {
		forms, xpos []string
		want        string
	}{
		{[]string{"it", "'s", "been", "fun"}, []string{"PRP", "VBZ", "VBN", "JJ"}, "have"},
		{[]string{"he", "'s", "always", "got", "time"}, []string{"PRP", "VBZ", "RB", "VBN", "NN"}, "have"},
		{[]string{"it", "’s", "called", "X"}, []string{"PRP", "VBZ", "VBN", "NNP"}, "be"},
		{[]string{"she", "'s", "leaving"}, []string{"PRP", "VBZ", "VBG"}, "be"},
		{[]string{"that", "'s"}, []string{"DT", "VBZ"}, "be"},
	}
	for _, tc := range tests {
		s := &Sentence{Forms: tc.forms, XPOS: tc.xpos}
		if got := contractedS(s, 1); got != tc.want {
			t.Errorf("contractedS(%v) = %q, want %q", tc.forms, got, tc.want)
		}
	}
}

// TestLemmaBackoff checks the lexicon back-offs and the rule guards on a
// lemmatizer trained on a few words.
func TestLemmaBackoff(t *testing.T) {
	mk := func(words ...[4]string) *Sentence {
		s := &Sentence{}
		for _, w := range words {
			s.Forms = append(s.Forms, w[0])
			s.Lemmas = append(s.Lemmas, w[1])
			s.UPOS = append(s.UPOS, w[2])
			s.XPOS = append(s.XPOS, w[3])
			s.Feats = append(s.Feats, "")
		}
		return s
	}
	train := []*Sentence{
		mk([4]string{"Asia", "Asia", "PROPN", "NNP"}, [4]string{"converted", "convert", "VERB", "VBN"}),
		mk([4]string{"timed", "time", "VERB", "VBD"}, [4]string{"formed", "form", "VERB", "VBD"}, [4]string{"armed", "arm", "VERB", "VBD"}),
		mk([4]string{"named", "name", "VERB", "VBD"}, [4]string{"seemed", "seem", "VERB", "VBD"}, [4]string{"framed", "frame", "VERB", "VBD"}),
		mk([4]string{"time", "time", "NOUN", "NN"}, [4]string{"Holocaust", "Holocaust", "PROPN", "NNP"}),
	}
	tagIndex := map[string]int{}
	var upos []string
	gold := make([][]int, len(train))
	for si, s := range train {
		for i := range s.Forms {
			jt := jointTag(s.UPOS[i], s.XPOS[i])
			if _, ok := tagIndex[jt]; !ok {
				tagIndex[jt] = len(tagIndex)
				upos = append(upos, s.UPOS[i])
			}
			gold[si] = append(gold[si], tagIndex[jt])
		}
	}
	l := trainLemmatizer(train, gold, tagIndex, upos)
	tests := []struct{ form, upos, xpos, want string }{
		{"asia", "PROPN", "NNP", "Asia"},        // lower-case spelling of a known proper noun
		{"ASIA", "PROPN", "NNP", "Asia"},        // all caps
		{"Fiji", "PROPN", "NNP", "Fiji"},        // unseen proper noun keeps its case
		{"converted", "VERB", "VBD", "convert"}, // (form, UPOS) back-off
		{"reformed", "VERB", "VBD", "reform"},   // suffix rule
		{"timed", "VERB", "VBD", "time"},        // lexicon
		{"1,100", "NUM", "CD", "1,100"},         // NUM tag unknown here: no rule
	}
	for _, tc := range tests {
		tg, ok := tagIndex[jointTag(tc.upos, tc.xpos)]
		if !ok {
			continue
		}
		if got, _ := l.lemma(tc.form, hashLower(tc.form), tg, tc.upos); got != tc.want {
			t.Errorf("lemma(%q, %s) = %q, want %q", tc.form, tc.xpos, got, tc.want)
		}
	}
}
