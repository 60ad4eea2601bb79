package segment

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/shared"
)

func tokenTexts(s string) []string {
	var out []string
	for _, t := range Tokenize(s, nil) {
		out = append(out, t.Text(s))
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens joined by " | "
	}{
		{"Assad's forces", "Assad | 's | forces"},
		{"They don't know.", "They | do | n't | know | ."},
		{"I can't, won't.", "I | ca | n't | , | wo | n't | ."},
		{"On Aug. 12, 2015, Gen. Smith left the U.S. capital.", "On | Aug. | 12 | , | 2015 | , | Gen. | Smith | left | the | U.S. | capital | ."},
		{"J. R. R. Tolkien", "J. | R. | R. | Tolkien"},
		{"It rose 3.5% to $1,200.50.", "It | rose | 3.5 | % | to | $ | 1,200.50 | ."},
		{`He said "no."`, `He | said | " | no | . | "`},
		{"“Stop,” she said…", "“ | Stop | , | ” | she | said | …"},
		{"a search-engine and e-mail, co-workers", "a | search | - | engine | and | e-mail | , | co-workers"},
		{"call 713-853-3989 or 1-800-991-9019", "call | 713-853-3989 | or | 1-800-991-9019"},
		{"see http://example.com/a?b=c. Then", "see | http://example.com/a?b=c | . | Then"},
		{"mail joe@example.org, now", "mail | joe@example.org | , | now"},
		{"wait... what?!", "wait | ... | what | ?!"},
		{"the workers' union", "the | workers | ' | union"},
		{"(AFP Photo)", "( | AFP | Photo | )"},
		{"and/or 9/11", "and | / | or | 9/11"},
		{"great!!! :)", "great | !!! | :)"},
		{"I'm sure you're right", "I | 'm | sure | you | 're | right"},
		{"cannot", "can | not"},
		{"F-16 jets", "F-16 | jets"},
		{"", ""},
	}
	for _, tc := range tests {
		got := strings.Join(tokenTexts(tc.in), " | ")
		if got != tc.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

func TestJoinedAndSpaceAfter(t *testing.T) {
	s := "don't go"
	toks := Tokenize(s, nil)
	if len(toks) != 3 || toks[0].Joined || !toks[1].Joined || toks[0].SpaceAfter || !toks[1].SpaceAfter || toks[2].SpaceAfter {
		t.Fatalf("got %+v", toks)
	}
}

func sentenceTexts(s string) []string {
	_, sents := Segment(s)
	var out []string
	for _, st := range sents {
		out = append(out, s[st.Start:st.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Zarif arrived on Monday. He met Assad.", []string{"Zarif arrived on Monday.", "He met Assad."}},
		{"Gen. Smith met Mr. Jones in Washington. They talked.", []string{"Gen. Smith met Mr. Jones in Washington.", "They talked."}},
		{`"We will win," he said. "Never."`, []string{`"We will win," he said.`, `"Never."`}},
		{"He lives in the U.S. The weather is fine.", []string{"He lives in the U.S.", "The weather is fine."}},
		{"The U.S. government said no.", []string{"The U.S. government said no."}},
		{"Headline without stop\n\nBody starts here. And goes on.", []string{"Headline without stop", "Body starts here.", "And goes on."}},
		{"Is it true? Yes! (It is.) Fine.", []string{"Is it true?", "Yes!", "(It is.)", "Fine."}},
		{"It cost 3.5 million. 2015 was worse.", []string{"It cost 3.5 million.", "2015 was worse."}},
	}
	for _, tc := range tests {
		got := sentenceTexts(tc.in)
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("Segment(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// TestOffsetsCoverText checks that tokens are ordered, non-overlapping and
// that only whitespace lies between them.
func TestOffsetsCoverText(t *testing.T) {
	s := "Militants must be “cleaned out” of Idlib — Zarif's visit, 2018-09-03.\n\nIt's 5:30 p.m. in Damascus."
	checkInvariants(t, s)
}

func checkInvariants(t *testing.T, s string) {
	t.Helper()
	toks, sents := Segment(s)
	prev := 0
	for i, tok := range toks {
		if tok.Start < prev || tok.End <= tok.Start || tok.End > len(s) {
			t.Fatalf("token %d %+v out of order (prev end %d) in %q", i, tok, prev, s)
		}
		if gap := s[prev:tok.Start]; strings.TrimSpace(gap) != "" && !isAllSpace(gap) {
			t.Fatalf("non-space %q skipped before token %d in %q", gap, i, s)
		}
		prev = tok.End
	}
	if rest := s[prev:]; !isAllSpace(rest) {
		t.Fatalf("non-space tail %q skipped in %q", rest, s)
	}
	next := 0
	for _, st := range sents {
		if st.First != next || st.Last <= st.First {
			t.Fatalf("sentences do not tile the tokens: %+v after %d", st, next)
		}
		next = st.Last
	}
	if next != len(toks) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(toks))
	}
}

func isAllSpace(s string) bool {
	for _, r := range s {
		if !isSpace(r) {
			return false
		}
	}
	return true
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"Assad's men don't.", "U.S. Gen. J. Doe...", "“Hi,” he said!!! :) e-mail a@b.co http://x.y/z.",
		"\xff\xfe bad utf8 \x80", "--- ''' ``` ((( )))", "a\n\n\n b.\r\n\r\nC"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkInvariants(t, s)
	})
}

// BenchmarkText measures segmentation speed over the news corpora.
func BenchmarkText(b *testing.B) {
	path := shared.Path(b, "news/bbc.jsonl")
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var texts []string
	size := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var rec struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			b.Fatal(err)
		}
		texts = append(texts, rec.Text)
		size += len(rec.Text)
	}
	var sg Segmenter
	b.SetBytes(int64(size))
	b.ResetTimer()
	for range b.N {
		for _, s := range texts {
			sg.Segment(s)
		}
	}
}
