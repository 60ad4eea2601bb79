package conllu

import (
	"bytes"
	"strings"
	"testing"
)

const sample = `# sent_id = 1
# newpar id = p1
# text = Don't go.
1-2	Don't	_	_	_	_	_	_	_	_
1	Do	do	AUX	VB	_	3	aux	_	_
2	n't	not	PART	RB	_	3	advmod	_	_
3	go	go	VERB	VB	_	0	root	_	SpaceAfter=No
3.1	gone	_	_	_	_	_	_	_	_
4	.	.	PUNCT	.	_	3	punct	_	_

`

func TestRoundTrip(t *testing.T) {
	sents, err := ReadAll(strings.NewReader(sample), "sample")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 1 || len(sents[0].Words) != 4 || len(sents[0].Ranges) != 1 {
		t.Fatalf("read %+v", sents)
	}
	s := sents[0]
	if s.Text() != "Don't go." || !s.HasComment("newpar") || s.Words[2].SpaceAfter() || !s.Words[1].SpaceAfter() {
		t.Errorf("sentence = %+v", s)
	}
	var buf bytes.Buffer
	if err := Write(&buf, s); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(sample, "3.1\tgone\t_\t_\t_\t_\t_\t_\t_\t_\n", "", 1)
	if buf.String() != want {
		t.Errorf("Write:\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestErrors(t *testing.T) {
	for _, in := range []string{"1\tonly\tthree\n", "x\ta\tb\tc\td\te\tf\tg\th\ti\n", "1\ta\tb\tc\td\te\tX\tg\th\ti\n", "3-1\ta\t_\t_\t_\t_\t_\t_\t_\t_\n"} {
		if _, err := ReadAll(strings.NewReader(in), "bad.conllu"); err == nil || !strings.HasPrefix(err.Error(), "bad.conllu:1:") {
			t.Errorf("ReadAll(%q) error = %v", in, err)
		}
	}
}
