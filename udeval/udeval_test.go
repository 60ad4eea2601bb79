package udeval

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep/conllu"
)

const gold = `# newdoc id = d1
# newpar id = p1
# text = They don't know.
1	They	they	PRON	PRP	_	3	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	.	_	4	punct	_	_

# text = Fine.
1	Fine	fine	ADJ	JJ	_	0	root	_	SpaceAfter=No
2	.	.	PUNCT	.	_	1	punct	_	_

`

// system splits "don't" wrongly and misses the sentence break.
const system = `# text = They don't know. Fine.
1	They	_	_	_	_	_	_	_	_
2	don	_	_	_	_	_	_	_	SpaceAfter=No
3	't	_	_	_	_	_	_	_	_
4	know	_	_	_	_	_	_	_	SpaceAfter=No
5	.	_	_	_	_	_	_	_	_
6	Fine	_	_	_	_	_	_	_	SpaceAfter=No
7	.	_	_	_	_	_	_	_	_

`

func read(t *testing.T, s string) []*conllu.Sentence {
	t.Helper()
	sents, err := conllu.ReadAll(strings.NewReader(s), "test")
	if err != nil {
		t.Fatal(err)
	}
	return sents
}

func TestCompare(t *testing.T) {
	g := read(t, gold)
	res, err := Compare(FromCoNLLU(g), FromCoNLLU(g))
	if err != nil || res.Tokens.F1() != 1 || res.Sentences.F1() != 1 {
		t.Fatalf("self-comparison: %+v, %v", res, err)
	}
	res, err = Compare(FromCoNLLU(g), FromCoNLLU(read(t, system)))
	if err != nil {
		t.Fatal(err)
	}
	// Gold tokens: They, don't, know, ., Fine, . (6); system: 7, of which 5 match.
	if res.Tokens != (Score{Gold: 6, System: 7, Correct: 5}) {
		t.Errorf("tokens = %+v", res.Tokens)
	}
	if res.Sentences != (Score{Gold: 2, System: 1, Correct: 0}) {
		t.Errorf("sentences = %+v", res.Sentences)
	}
}

func TestCompareDifferentText(t *testing.T) {
	_, err := Compare(FromCoNLLU(read(t, gold)), FromCoNLLU(read(t, "1\tOther\t_\t_\t_\t_\t_\t_\t_\t_\n\n")))
	if err == nil {
		t.Fatal("no error for different texts")
	}
}

func TestRawText(t *testing.T) {
	if got, want := RawText(read(t, gold)), "They don't know. Fine.\n"; got != want {
		t.Errorf("RawText = %q, want %q", got, want)
	}
}
