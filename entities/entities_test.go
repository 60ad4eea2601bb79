package entities

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep/document"
)

// build makes a one-sentence-per-line document from space-separated tokens
// and marks mentions given as [[TYPE tokens...]].
func build(t *testing.T, src string) (*document.Document, []Mention) {
	t.Helper()
	d := document.New()
	var text strings.Builder
	var ms []Mention
	pos := 0
	for li, line := range strings.Split(src, "\n") {
		if li > 0 {
			text.WriteString("\n")
			pos++
		}
		sent := document.Sentence{Start: pos, TokenStart: len(d.Tokens)}
		var open *Mention
		for wi, w := range strings.Fields(line) {
			if strings.HasPrefix(w, "[[") {
				open = &Mention{Type: w[2:], TokenStart: len(d.Tokens)}
				continue
			}
			closing := strings.HasSuffix(w, "]]")
			w = strings.TrimSuffix(w, "]]")
			if wi > 0 && !(len(d.Tokens) > sent.TokenStart && w == "'s") {
				text.WriteString(" ")
				pos++
			}
			n := utf8.RuneCountInString(w)
			d.Tokens = append(d.Tokens, document.Token{Start: pos, End: pos + n, Text: w})
			text.WriteString(w)
			if open != nil && open.Start == 0 && open.TokenStart == len(d.Tokens)-1 {
				open.Start = pos
			}
			pos += n
			if closing && open != nil {
				open.End = pos
				open.TokenEnd = len(d.Tokens)
				ms = append(ms, *open)
				open = nil
			}
		}
		sent.End, sent.TokenEnd = pos, len(d.Tokens)
		d.Sentences = append(d.Sentences, sent)
	}
	d.SetText(text.String())
	for i := range ms {
		ms[i].Text = d.Slice(ms[i].Start, ms[i].End)
	}
	return d, ms
}

func TestCluster(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want map[string][]string // canonical name -> mention texts
		role map[string]string
	}{
		{
			name: "person with title and surname",
			src: "[[NORP Iranian]] Foreign Minister [[PERSON Mohammad Javad Zarif]] said on Monday .\n" +
				"[[PERSON Zarif]] 's remarks came late .",
			want: map[string][]string{"Mohammad Javad Zarif": {"Mohammad Javad Zarif", "Zarif"}, "Iranian": {"Iranian"}},
			role: map[string]string{"Mohammad Javad Zarif": "Foreign Minister"},
		},
		{
			name: "assad variants",
			src: "President [[PERSON Bashar al-Assad]] spoke .\n[[PERSON Bashar Assad]] and the [[PERSON Assad]] regime .\n" +
				"[[PERSON Assad]] left .",
			want: map[string][]string{"Bashar al-Assad": {"Bashar al-Assad", "Bashar Assad", "Assad", "the Assad regime", "Assad"}},
			role: map[string]string{"Bashar al-Assad": "President"},
		},
		{
			name: "org short form and acronym",
			src: "[[ORG Fars News]] reported it .\n[[ORG Fars]] said so .\n" +
				"the [[ORG Syrian Arab News Agency]] ( SANA ) said .\n[[ORG SANA]] added .",
			want: map[string][]string{"Fars News": {"Fars News", "Fars"},
				"Syrian Arab News Agency": {"Syrian Arab News Agency", "SANA", "SANA"}},
		},
		{
			name: "a place name relaying a statement is the news outlet",
			src: "[[ORG Fars News]] reported it .\nhe said , according to [[GPE Fars]] .\n" +
				"troops entered [[GPE Fars]] province .",
			want: map[string][]string{"Fars News": {"Fars News", "Fars"}, "Fars": {"Fars"}},
		},
		{
			name: "club short form",
			src:  "[[ORG Manchester United]] won .\n[[ORG United]] lead the table .",
			want: map[string][]string{"Manchester United": {"Manchester United", "United"}},
		},
		{
			name: "spokesman role and places",
			src:  "spokesman [[PERSON Ali Rabiei]] said [[GPE U.S.]] troops left [[GPE United States]] bases .",
			want: map[string][]string{"Ali Rabiei": {"Ali Rabiei"}, "United States": {"U.S.", "United States"}},
			role: map[string]string{"Ali Rabiei": "spokesman"},
		},
		{
			name: "courtesy title makes a person and leaves the span",
			src:  "[[ORG Mrs Parker Bowles]] arrived .\n[[PERSON Parker Bowles]] waved .",
			want: map[string][]string{"Parker Bowles": {"Parker Bowles", "Parker Bowles"}},
		},
		{
			name: "first name refers back, not ahead",
			src:  "[[PERSON Charles]] spoke .\n[[PERSON Charles Kennedy]] replied .\n[[PERSON Kennedy]] left .",
			want: map[string][]string{"Charles": {"Charles"}, "Charles Kennedy": {"Charles Kennedy", "Kennedy"}},
		},
		{
			name: "organization namesake of a person",
			src:  "[[PERSON Camilla Parker]] came .\n[[ORG Camilla Parker]] said .",
			want: map[string][]string{"Camilla Parker": {"Camilla Parker", "Camilla Parker"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, ms := build(t, tc.src)
			ents := Cluster(d, ms)
			got := map[string]document.Entity{}
			for _, e := range ents {
				got[e.Name] = e
				for _, m := range e.Mentions {
					if d.Slice(m.Start, m.End) != m.Text {
						t.Errorf("mention %q does not match text %q", m.Text, d.Slice(m.Start, m.End))
					}
				}
			}
			for name, texts := range tc.want {
				e, ok := got[name]
				if !ok {
					t.Fatalf("no entity %q in %+v", name, ents)
				}
				var mt []string
				for _, m := range e.Mentions {
					mt = append(mt, m.Text)
				}
				if strings.Join(mt, "|") != strings.Join(sortedLike(texts, mt), "|") {
					t.Errorf("%s: mentions %q, want %q", name, mt, texts)
				}
				if r := tc.role[name]; r != e.Role {
					t.Errorf("%s: role %q, want %q", name, e.Role, r)
				}
			}
			if len(ents) != len(tc.want) {
				t.Errorf("got %d entities, want %d: %+v", len(ents), len(tc.want), ents)
			}
		})
	}
}

// sortedLike returns want if it is a permutation of got (order by text
// position is checked by the mention offsets), else want unchanged.
func sortedLike(want, got []string) []string {
	if len(want) != len(got) {
		return want
	}
	c := map[string]int{}
	for _, w := range want {
		c[w]++
	}
	for _, g := range got {
		c[g]--
	}
	for _, v := range c {
		if v != 0 {
			return want
		}
	}
	return got
}

func TestClusterEmpty(t *testing.T) {
	d := document.New()
	if got := Cluster(d, nil); got == nil || len(got) != 0 {
		t.Fatalf("Cluster(nil) = %v, want empty non-nil", got)
	}
}

func TestAcronymOf(t *testing.T) {
	tests := []struct {
		acr, text string
		want      bool
	}{
		{"SANA", "Syrian Arab News Agency", true},
		{"U.N.", "United Nations", true},
		{"IAEA", "International Atomic Energy Agency", true},
		{"NATO", "North Atlantic Treaty Organisation", true},
		{"EU", "European Commission", false},
		{"A", "Agency", false},
	}
	for _, tc := range tests {
		if got := acronymOf(tc.acr, tc.text); got != tc.want {
			t.Errorf("acronymOf(%q, %q) = %v, want %v", tc.acr, tc.text, got, tc.want)
		}
	}
}

func FuzzCluster(f *testing.F) {
	f.Add("[[PERSON Bashar al-Assad]] met [[ORG Fars News]] ( FN ) .\n[[PERSON Assad]] left the [[PERSON Assad]] regime", 3, 9)
	f.Fuzz(func(t *testing.T, src string, a, b int) {
		if strings.Count(src, "[[") > 50 || len(src) > 2000 {
			return
		}
		d, ms := build(t, src)
		// also an arbitrary, possibly invalid mention
		ms = append(ms, Mention{Start: a, End: b, Text: "x", Type: "PERSON", TokenStart: a, TokenEnd: b})
		for _, e := range Cluster(d, ms) {
			if len(e.Mentions) == 0 || e.Name == "" && len(e.Mentions) == 0 {
				t.Fatalf("empty entity %+v", e)
			}
		}
	})
}
