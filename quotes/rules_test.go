package quotes

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// testView segments text and returns its view with an empty lexicon plus
// the reporting verbs.
func testView(t *testing.T, text string) *view {
	t.Helper()
	d, err := segmentDoc(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	lx := &lexicon{cue: map[string]bool{}, prob: map[string]byte{}}
	for _, w := range reportingVerbs {
		lx.cue[w] = true
	}
	return newView(d, lx)
}

// spanOf returns the tokens covering the first occurrence of sub at or
// after token from, with role r.
func spanOf(t *testing.T, v *view, r int, sub string, from int) tspan {
	t.Helper()
	rs := []rune(v.d.Text)
	for i := from; i < len(v.d.Tokens); i++ {
		s := v.d.Tokens[i].Start
		if !strings.HasPrefix(string(rs[s:]), sub) {
			continue
		}
		e := s + len([]rune(sub))
		j := i
		for j < len(v.d.Tokens) && v.d.Tokens[j].Start < e {
			j++
		}
		return tspan{r, i, j}
	}
	t.Fatalf("%q not found in %q", sub, v.d.Text)
	return tspan{}
}

func TestQuoteResumes(t *testing.T) {
	tests := []struct {
		text, a, cue, b string
		other           string // another tagged cue between, if any
		want            bool
	}{
		{`“Here comes Big Daddy,” she said last month. “The Donald.”`, `“Here comes Big Daddy,”`, "said", `“The Donald.”`, "", true},
		{`“Here comes Big Daddy,” she said. “The Donald,” he said.`, `“Here comes Big Daddy,”`, "said", `“The Donald,”`, "", true},
		{`“Here comes Big Daddy,” she said. Then she left. “The Donald.”`, `“Here comes Big Daddy,”`, "said", `“The Donald.”`, "", false},
		{`“Here comes Big Daddy,” she said, and he denied it. “No.”`, `“Here comes Big Daddy,”`, "said", `“No.”`, "denied", false},
		{`“Here comes Big Daddy,” she said, and the Donald replied.`, `“Here comes Big Daddy,”`, "said", `the Donald replied`, "", false},
	}
	for _, tc := range tests {
		v := testView(t, tc.text)
		a := spanOf(t, v, 1, tc.a, 0)
		q := spanOf(t, v, 3, tc.cue, a.hi)
		b := spanOf(t, v, 1, tc.b, q.hi)
		sp := []tspan{a, q}
		if tc.other != "" {
			sp = append(sp, spanOf(t, v, 3, tc.other, q.hi))
		}
		sp = append(sp, b)
		if got := quoteResumes(v, sp, a, b, q); got != tc.want {
			t.Errorf("%s: quoteResumes = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestQuoteBefore(t *testing.T) {
	text := `“We will win,” said Caddell, speaking of the polls. “They are wrong.” Later, “Nobody asked.”`
	v := testView(t, text)
	a := spanOf(t, v, 1, `“We will win,”`, 0)
	q := spanOf(t, v, 3, "said", a.hi)
	s := spanOf(t, v, 2, "Caddell", q.hi)
	prev := []rawAttr{{content: []tspan{a}, cue: &q, source: &s}}
	c := spanOf(t, v, 1, `“They are wrong.”`, s.hi)
	if got := quoteBefore(v, prev, c); got == nil {
		t.Errorf("quoteBefore(%q) = nil, want the Caddell quote", `“They are wrong.”`)
	}
	far := spanOf(t, v, 1, `“Nobody asked.”`, c.hi)
	prev[0].content = append(prev[0].content, c)
	if got := quoteBefore(v, prev, far); got != nil {
		t.Errorf("quoteBefore(%q) = %v, want nil (the last part does not end before the cue)", `“Nobody asked.”`, got)
	}
	plain := spanOf(t, v, 1, `speaking of the polls`, s.hi)
	if got := quoteBefore(v, prev[:1], plain); got != nil {
		t.Errorf("quoteBefore of an unquoted span = %v, want nil", got)
	}
}

func TestShareSpeakers(t *testing.T) {
	tests := []struct {
		text, src, cue, part string
		want                 bool
	}{
		{`“It works,” the mayor said, adding that it would take hours.`, "the mayor", "said", "adding", true},
		{`“It works,” the mayor said in a statement, adding that it would take hours.`, "the mayor", "said", "adding", true},
		{`“It works,” the mayor said. Adding that it would take hours, he left.`, "the mayor", "said", "Adding", false},
		{`The mayor said it works and the governor agreed, saying it would take hours.`, "The mayor", "said", "saying", false},
	}
	for _, tc := range tests {
		v := testView(t, tc.text)
		s := spanOf(t, v, 2, tc.src, 0)
		q := spanOf(t, v, 3, tc.cue, s.hi)
		p := spanOf(t, v, 3, tc.part, q.hi)
		raws := []rawAttr{{cue: &q, source: &s}, {cue: &p}}
		shareSpeakers(v, raws)
		if got := raws[1].source != nil; got != tc.want {
			t.Errorf("%s: shared source %v, want %v", tc.text, got, tc.want)
		}
		if tc.want && raws[1].source != nil && *raws[1].source != s {
			t.Errorf("%s: shared source %v, want %v", tc.text, *raws[1].source, s)
		}
	}
}

func TestSourceCommas(t *testing.T) {
	tests := []struct{ text, src, want string }{
		{"Scott Pruitt, the attorney general of Oklahoma, said it works.", "Scott Pruitt, the attorney general of Oklahoma", "Scott Pruitt, the attorney general of Oklahoma,"},
		{"Scott Pruitt, the attorney general of Oklahoma, said it works.", "Scott Pruitt, the attorney general of Oklahoma,", "Scott Pruitt, the attorney general of Oklahoma,"},
		{"“It works,” said Caddell, a pollster.", "Caddell,", "Caddell"},
		{"Caddell said it works.", "Caddell", "Caddell"},
	}
	for _, tc := range tests {
		v := testView(t, tc.text)
		s := sourceCommas(v, spanOf(t, v, 2, tc.src, 0), rawAttr{})
		if got := v.d.Slice(v.d.Tokens[s.lo].Start, v.d.Tokens[s.hi-1].End); got != tc.want {
			t.Errorf("%q: source %q, want %q", tc.src, got, tc.want)
		}
	}
}

func TestPlainAfterQuote(t *testing.T) {
	tests := []struct {
		text, a, cue, b string
		want            bool
	}{
		{`“I don't see details,” she said after reading the outline.`, `“I don't see details,”`, "said", "the outline", true},
		{`“I don't see details,” she said. “None at all.”`, `“I don't see details,”`, "said", `“None at all.”`, false},
		{`The plan works, she said, because it is “simple.”`, `The plan works`, "said", `because it is “simple.”`, false},
		{`The plan works, she said, because it is simple.`, `The plan works`, "said", `because it is simple`, false},
	}
	for _, tc := range tests {
		v := testView(t, tc.text)
		a := spanOf(t, v, 1, tc.a, 0)
		q := spanOf(t, v, 3, tc.cue, a.hi)
		b := spanOf(t, v, 1, tc.b, q.hi)
		if got := plainAfterQuote(v, a, b, q); got != tc.want {
			t.Errorf("%s: plainAfterQuote = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestRelativeSource(t *testing.T) {
	tests := []struct{ text, src, cue, want string }{
		{"It was Mr. Obama, who said the plan works.", "Mr. Obama, who", "said", "who"},
		{"The police department which reported it.", "The police department which", "reported", "which"},
		{"Mr. Obama said the plan works.", "Mr. Obama", "said", "Mr. Obama"},
		{"Mr. Obama, who left, said the plan works.", "Mr. Obama, who left,", "said", "Mr. Obama, who left,"},
	}
	for _, tc := range tests {
		v := testView(t, tc.text)
		s := spanOf(t, v, 2, tc.src, 0)
		q := spanOf(t, v, 3, tc.cue, s.hi)
		got := relativeSource(v, s, rawAttr{cue: &q})
		if g := v.d.Slice(v.d.Tokens[got.lo].Start, v.d.Tokens[got.hi-1].End); g != tc.want {
			t.Errorf("%q: source %q, want %q", tc.text, g, tc.want)
		}
	}
}

func TestAdverbToCue(t *testing.T) {
	tests := []struct {
		text    string
		deps    []string
		src     string
		wantSrc string
		wantCue string
	}{
		{"Gingrich cynically said no.", []string{"PROPN 3 nsubj", "ADV 3 advmod", "VERB 0 root", "INTJ 3 obj", "PUNCT 3 punct"}, "Gingrich cynically", "Gingrich", "cynically said"},
		{"The minister said no.", []string{"DET 2 det", "NOUN 3 nsubj", "VERB 0 root", "INTJ 3 obj", "PUNCT 3 punct"}, "The minister", "The minister", "said"},
	}
	for _, tc := range tests {
		v := parsed(t, tc.text, tc.deps)
		s := spanOf(t, v, 2, tc.src, 0)
		q := spanOf(t, v, 3, "said", 0)
		r := rawAttr{source: &s, cue: &q}
		adverbToCue(v, &r)
		gs := v.d.Slice(v.d.Tokens[r.source.lo].Start, v.d.Tokens[r.source.hi-1].End)
		gq := v.d.Slice(v.d.Tokens[r.cue.lo].Start, v.d.Tokens[r.cue.hi-1].End)
		if gs != tc.wantSrc || gq != tc.wantCue {
			t.Errorf("%q: source %q cue %q, want %q %q", tc.text, gs, gq, tc.wantSrc, tc.wantCue)
		}
	}
}

func TestDropConnective(t *testing.T) {
	for _, tc := range []struct {
		text, src string
		keep      bool
	}{
		{"But environmentalists worry that it fails.", "But", false},
		{"Meanwhile, it attacked Trump.", "Meanwhile", false},
		{"Trump said it fails.", "Trump", true},
		{"But Trump said it fails.", "But Trump", true},
	} {
		v := testView(t, tc.text)
		s := spanOf(t, v, 2, tc.src, 0)
		if got := dropConnective(v, rawAttr{source: &s}).source != nil; got != tc.keep {
			t.Errorf("%q: source kept %v, want %v", tc.src, got, tc.keep)
		}
	}
}

func TestTrimDateline(t *testing.T) {
	for _, tc := range []struct{ text, src, want string }{
		{"MOSCOW — Russian Foreign Minister Sergei Lavrov said it.", "MOSCOW — Russian Foreign Minister Sergei Lavrov", "Russian Foreign Minister Sergei Lavrov"},
		{"NEW YORK -- The mayor said it.", "NEW YORK -- The mayor", "The mayor"},
		{"Lavrov — a veteran — said it.", "Lavrov — a veteran —", "Lavrov — a veteran —"},
		{"Lavrov said it.", "Lavrov", "Lavrov"},
	} {
		v := testView(t, tc.text)
		s := trimDateline(v, spanOf(t, v, 2, tc.src, 0))
		if got := v.d.Slice(v.d.Tokens[s.lo].Start, v.d.Tokens[s.hi-1].End); got != tc.want {
			t.Errorf("%q: source %q, want %q", tc.src, got, tc.want)
		}
	}
}

func TestDateOrNumberSource(t *testing.T) {
	for _, tc := range []struct {
		text, src string
		keep      bool
	}{
		{"On Friday, saying it fails, he left.", "Friday", false},
		{"September 27 saw it announced.", "September 27", false},
		{"Forty-three said yes.", "Forty-three", false},
		{"The 9/11 families said no.", "9/11", false},
		{"The 9/11 families said no.", "The 9/11 families", true},
		{"One said no.", "One", true},
	} {
		v := testView(t, tc.text)
		s := spanOf(t, v, 2, tc.src, 0)
		if got := dropConnective(v, rawAttr{source: &s}).source != nil; got != tc.keep {
			t.Errorf("%q: source kept %v, want %v", tc.src, got, tc.keep)
		}
	}
	for w, want := range map[string]bool{"27": true, "1,000": true, "forty-three": true, "": false, "-": false, "b-52": false, "twenty": true} {
		if got := isNumberWord(w); got != want {
			t.Errorf("isNumberWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestUnrelay checks that a statement tagged with its relay as source is
// given its own speaker, with the relay left for the reporting chain.
func TestUnrelay(t *testing.T) {
	tests := []struct {
		text, content, source, cue    string // the tagged attribution
		wantContent, wantSrc, wantCue string
	}{
		{"Ghasemi said Iran would stay, according to Fars.",
			"Ghasemi said Iran would stay", "Fars", "according to",
			"Iran would stay", "Ghasemi", "said"},
		{"The rebels must leave the city, Foreign Minister Sergei Lavrov said Monday on a visit to Ankara, according to Interfax.",
			"The rebels must leave the city, Foreign Minister Sergei Lavrov said Monday on a visit to Ankara", "Interfax", "according to",
			"The rebels must leave the city", "Foreign Minister Sergei Lavrov", "said"},
		// Not a relay: the source speaks itself.
		{"The rebels must leave the city, Lavrov said, the minister told reporters.",
			"The rebels must leave the city, Lavrov said", "the minister", "told",
			"The rebels must leave the city, Lavrov said", "the minister", "told"},
	}
	for _, tc := range tests {
		v := testView(t, tc.text)
		c := spanOf(t, v, 1, tc.content, 0)
		src := spanOf(t, v, 2, tc.source, c.hi)
		cue := spanOf(t, v, 3, tc.cue, c.hi)
		got := unrelay(v, rawAttr{content: []tspan{c}, source: &src, cue: &cue})
		text := func(s tspan) string { return v.d.Slice(v.d.Tokens[s.lo].Start, v.d.Tokens[s.hi-1].End) }
		if g := text(got.content[0]); g != tc.wantContent {
			t.Errorf("%s: content %q, want %q", tc.text, g, tc.wantContent)
		}
		if g := text(*got.source); g != tc.wantSrc {
			t.Errorf("%s: source %q, want %q", tc.text, g, tc.wantSrc)
		}
		if g := text(*got.cue); g != tc.wantCue {
			t.Errorf("%s: cue %q, want %q", tc.text, g, tc.wantCue)
		}
	}
}

func TestMergeOrphansContinuations(t *testing.T) {
	tests := []struct {
		name, text, content, cue, source, orphan string
		want                                     int // content fragments of the first statement after merging
	}{
		{"next paragraph", "“We will win,” Carson continued.\n\n“They are wrong.”", `“We will win,”`, "continued", "Carson", `“They are wrong.”`, 2},
		{"next paragraph after an indirect statement", "Carson said the server was unsafe.\n\n“They are wrong.”", "the server was unsafe", "said", "Carson", `“They are wrong.”`, 2},
		{"next paragraph with its own speaker", "“We will win,” Carson continued.\n\n“They are wrong,” Cruz said.", `“We will win,”`, "continued", "Carson", `“They are wrong,”`, 1},
		{"quote after an indirect statement", "Clinton touted her record on the bill. “We need unions.”", "her record on the bill", "touted", "Clinton", `“We need unions.”`, 2},
		{"plain sentence after an indirect statement", "Clinton touted her record on the bill. We need unions.", "her record on the bill", "touted", "Clinton", "We need unions", 1},
	}
	for _, tc := range tests {
		v := testView(t, tc.text)
		s := spanOf(t, v, 2, tc.source, 0)
		q := spanOf(t, v, 3, tc.cue, 0)
		c := spanOf(t, v, 1, tc.content, 0)
		o := spanOf(t, v, 1, tc.orphan, c.hi)
		raws := []rawAttr{{content: []tspan{c}, cue: &q, source: &s}, {content: []tspan{o}}}
		got := mergeOrphans(v, raws)
		if n := len(got[0].content); n != tc.want {
			t.Errorf("%s: %d content fragments, want %d", tc.name, n, tc.want)
		}
	}
}

func TestAntecedentSource(t *testing.T) {
	tests := []struct{ text, source, cue, want string }{
		{"Sen. Claire McCaskill (D-Mo.), who has endorsed Clinton, said the race is close.", "who", "said", "Sen. Claire McCaskill (D-Mo.)"},
		{"Michael Bloomberg, who is thinking about running, said it was impossible.", "who", "said", "Michael Bloomberg"},
		{"Mr. Obama, who said the race is close, left.", "who", "said", "who"},
	}
	for _, tc := range tests {
		v := testView(t, tc.text)
		s := spanOf(t, v, 2, tc.source, 0)
		q := spanOf(t, v, 3, tc.cue, s.hi)
		got := antecedentSource(v, s, rawAttr{cue: &q})
		if txt := v.d.Slice(v.d.Tokens[got.lo].Start, v.d.Tokens[got.hi-1].End); txt != tc.want {
			t.Errorf("%s: source %q, want %q", tc.text, txt, tc.want)
		}
	}
}

func TestDropImpersonal(t *testing.T) {
	tests := []struct {
		text, source, cue string
		vbn               string // the token tagged VBN, if any
		keep              bool
	}{
		{"Trump was asked whether he would run.", "Trump", "was asked", "asked", false},
		{"Rubio was asked by the moderator whether he would run.", "Rubio", "was asked", "asked", true},
		{"The vote is widely expected to pass.", "The vote", "is widely expected", "expected", false},
		{"The offer was lambasted as weak.", "The offer", "was lambasted", "lambasted", true},
		{"Trump seemed to question the result.", "Trump", "seemed", "", false},
		{"Cruz seemed to blame the network.", "Cruz", "seemed to blame", "", true},
		{"Clinton said she would run.", "Clinton", "said", "", true},
		{"When asked about the polls, Trump laughed.", "When", "asked", "", false},
		{"Trump asked whether the polls were right.", "Trump", "asked", "", true},
	}
	for _, tc := range tests {
		v := testView(t, tc.text)
		v.syntax = true
		if tc.vbn != "" {
			v.d.Tokens[spanOf(t, v, 0, tc.vbn, 0).lo].XPOS = "VBN"
		}
		for i := range v.d.Tokens {
			if strings.HasSuffix(v.lower[i], "ly") {
				v.d.Tokens[i].UPOS = "ADV"
			}
		}
		s := spanOf(t, v, 2, tc.source, 0)
		q := spanOf(t, v, 3, tc.cue, s.hi)
		got := dropImpersonal(v, rawAttr{cue: &q, source: &s})
		if (got.source != nil) != tc.keep {
			t.Errorf("%s: source kept %v, want %v", tc.text, got.source != nil, tc.keep)
		}
	}
}

func TestColonSpeaker(t *testing.T) {
	tests := []struct{ text, quote, want string }{
		{"More from Jones: “The state is a starting point.”", "“The state is a starting point.”", "Jones"},
		{"The answer was simple: “Nobody knows.”", "“Nobody knows.”", ""},
	}
	for _, tc := range tests {
		v := testView(t, tc.text)
		c := spanOf(t, v, 1, tc.quote, 0)
		got := colonSpeaker(v, rawAttr{content: []tspan{c}})
		src := ""
		if got.source != nil {
			src = v.d.Slice(v.d.Tokens[got.source.lo].Start, v.d.Tokens[got.source.hi-1].End)
		}
		if src != tc.want {
			t.Errorf("%s: source %q, want %q", tc.text, src, tc.want)
		}
	}
	// A quote paragraph after a paragraph that ends in a colon: the
	// subject of that sentence's verb, by the parse.
	v := parsed(t, "Cruz called them on it:\n\n“Never.”", []string{
		"PROPN 2 nsubj", "VERB 0 root", "PRON 2 obj", "ADP 5 case", "PRON 2 obl", "PUNCT 2 punct",
		"PUNCT 2 punct", "ADV 0 root", "PUNCT 2 punct", "PUNCT 2 punct"})
	c := spanOf(t, v, 1, "“Never.”", 0)
	got := colonSpeaker(v, rawAttr{content: []tspan{c}})
	if got.source == nil || v.lower[got.source.lo] != "cruz" {
		t.Errorf("colon paragraph: source %v, want Cruz", got.source)
	}
}

func TestBylineQuotes(t *testing.T) {
	tests := []struct {
		text         string
		content, src string // "" when the paragraph is no byline quote
	}{
		{"“We deserve better than this.” ― Sonya Herridge", "“We deserve better than this.”", "Sonya Herridge"},
		{"“We deserve better than this.”― Sonya Herridge.", "“We deserve better than this.”", "Sonya Herridge"},
		{"“We deserve better than this.” ― Sonya Herridge, a voter.", "", ""},
		{"We deserve better than this ― Sonya Herridge.", "", ""},
	}
	for _, tc := range tests {
		v := testView(t, tc.text)
		labels := make([]int, len(v.d.Tokens))
		bylineQuotes(v, labels)
		var got [4][]string
		for _, s := range spansOf(labels, 0, len(labels)) {
			rs := []rune(v.d.Text)
			got[s.role] = append(got[s.role], string(rs[v.d.Tokens[s.lo].Start:v.d.Tokens[s.hi-1].End]))
		}
		if tc.content == "" {
			if len(got[1])+len(got[2]) > 0 {
				t.Errorf("%s: labeled content %q, source %q; want none", tc.text, got[1], got[2])
			}
			continue
		}
		if len(got[1]) != 1 || got[1][0] != tc.content || len(got[2]) != 1 || got[2][0] != tc.src {
			t.Errorf("%s: content %q, source %q; want %q, %q", tc.text, got[1], got[2], tc.content, tc.src)
		}
	}
}

func TestFrontedContent(t *testing.T) {
	tests := []struct {
		text, content, cue, src string
		want                    string // the first part, "" for none
	}{
		{"Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt.", "until it went bankrupt", "said", "Mr. Clarke", "Lenox was a juggernaut"},
		{"That is why, said the governor, the party should wait.", "the party should wait", "said", "the governor", "That is why"},
		{"Lenox was a juggernaut, Mr. Clarke said on Monday, until it went bankrupt.", "until it went bankrupt", "said", "Mr. Clarke", ""},
		{"“Lenox was a juggernaut,” Mr. Clarke said, “until it went bankrupt.”", "“until it went bankrupt.”", "said", "Mr. Clarke", ""},
		{"Mr. Clarke said, until it went bankrupt, it paid well.", "it paid well", "said", "Mr. Clarke", ""},
	}
	for _, tc := range tests {
		v := testView(t, tc.text)
		q := spanOf(t, v, 3, tc.cue, 0)
		s := spanOf(t, v, 2, tc.src, 0)
		c := spanOf(t, v, 1, tc.content, max(q.hi, s.hi))
		raws := []rawAttr{{content: []tspan{c}, cue: &q, source: &s}}
		frontedContent(v, raws, 0)
		got := ""
		if cs := raws[0].content; len(cs) == 2 {
			rs := []rune(v.d.Text)
			got = string(rs[v.d.Tokens[cs[0].lo].Start:v.d.Tokens[cs[0].hi-1].End])
		}
		if got != tc.want {
			t.Errorf("%s: first part %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestAbsorbOverlaps(t *testing.T) {
	q, s := tspan{3, 1, 2}, tspan{2, 0, 1}
	tests := []struct {
		name string
		in   []rawAttr
		want []rawAttr
	}{
		{
			"an uncued content over a cued one joins it",
			[]rawAttr{{content: []tspan{{1, 2, 6}}, cue: &q, source: &s}, {content: []tspan{{1, 2, 12}}}},
			[]rawAttr{{content: []tspan{{1, 2, 12}}, cue: &q, source: &s}},
		},
		{
			"apart, both stay",
			[]rawAttr{{content: []tspan{{1, 2, 6}}, cue: &q, source: &s}, {content: []tspan{{1, 7, 12}}}},
			[]rawAttr{{content: []tspan{{1, 2, 6}}, cue: &q, source: &s}, {content: []tspan{{1, 7, 12}}}},
		},
		{
			"a term stays",
			[]rawAttr{{content: []tspan{{1, 2, 6}}, cue: &q, source: &s}, {content: []tspan{{1, 4, 5}}, term: true}},
			[]rawAttr{{content: []tspan{{1, 2, 6}}, cue: &q, source: &s}, {content: []tspan{{1, 4, 5}}, term: true}},
		},
		{
			"two uncued contents stay",
			[]rawAttr{{content: []tspan{{1, 2, 6}}}, {content: []tspan{{1, 4, 9}}}},
			[]rawAttr{{content: []tspan{{1, 2, 6}}}, {content: []tspan{{1, 4, 9}}}},
		},
	}
	for _, tc := range tests {
		got := absorbOverlaps(tc.in)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d attributions, want %d", tc.name, len(got), len(tc.want))
			continue
		}
		for i := range got {
			if !slices.Equal(got[i].content, tc.want[i].content) || got[i].cue != tc.want[i].cue || got[i].term != tc.want[i].term {
				t.Errorf("%s: attribution %d = %+v, want %+v", tc.name, i, got[i], tc.want[i])
			}
		}
	}
}

func TestDropUnattributed(t *testing.T) {
	v := testView(t, `Prices rose. “We will win,” the crowd chanted. Officials said prices fell.`)
	plain := spanOf(t, v, 1, "Prices rose", 0)
	quote := spanOf(t, v, 1, "“We will win,”", 0)
	q := spanOf(t, v, 3, "said", 0)
	cued := spanOf(t, v, 1, "prices fell", q.hi)
	raws := []rawAttr{{content: []tspan{plain}}, {content: []tspan{quote}}, {content: []tspan{cued}, cue: &q}, {content: []tspan{plain}, term: true}}
	got := dropUnattributed(v, raws)
	if len(got) != 3 || got[0].content[0] != quote || got[1].content[0] != cued || !got[2].term {
		t.Errorf("dropUnattributed kept %+v; want the quotation, the cued content and the term", got)
	}
}
