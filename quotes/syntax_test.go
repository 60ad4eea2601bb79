package quotes

import (
	"strings"
	"testing"
)

// parsed builds a view of one sentence with a hand-made parse: deps
// lists "UPOS HEAD DEPREL [XPOS]" per token (HEAD 1-based, 0 for the
// root).
func parsed(t *testing.T, text string, deps []string) *view {
	t.Helper()
	v := testView(t, text)
	if len(v.d.Tokens) != len(deps) {
		t.Fatalf("%q: %d tokens, %d parse rows", text, len(v.d.Tokens), len(deps))
	}
	for i, row := range deps {
		f := strings.Fields(row)
		tk := &v.d.Tokens[i]
		tk.UPOS, tk.Deprel = f[0], f[2]
		if len(f) > 3 {
			tk.XPOS = f[3]
		}
		for _, c := range f[1] {
			tk.Head = tk.Head*10 + int(c-'0')
		}
	}
	v.syntax = true
	return v
}

func TestSyntaxSource(t *testing.T) {
	tests := []struct {
		name, text string
		deps       []string
		cue, cont  string
		want       string // "" for none
	}{
		{
			"apposition", "Ronald Fieldstone, a Miami lawyer, said the program is open.",
			[]string{"PROPN 2 flat", "PROPN 8 nsubj", "PUNCT 6 punct", "DET 6 det", "PROPN 6 compound", "NOUN 2 appos", "PUNCT 6 punct",
				"VERB 0 root", "DET 10 det", "NOUN 12 nsubj", "AUX 12 cop", "ADJ 8 ccomp", "PUNCT 8 punct"},
			"said", "the program is open", "Ronald Fieldstone, a Miami lawyer",
		},
		{
			"participle", "Trump defended his comments, adding that it was rigged.",
			[]string{"PROPN 2 nsubj", "VERB 0 root", "PRON 4 nmod:poss", "NOUN 2 obj", "PUNCT 6 punct", "VERB 2 advcl",
				"SCONJ 10 mark", "PRON 10 nsubj:pass", "AUX 10 aux:pass", "VERB 6 ccomp", "PUNCT 2 punct"},
			"adding", "that it was rigged", "Trump",
		},
		{
			"participle hung low", "Groups granted him time to clean it, saying it was late.",
			[]string{"NOUN 2 nsubj", "VERB 0 root", "PRON 2 iobj", "NOUN 2 obj", "PART 6 mark", "VERB 4 acl", "PRON 6 obj", "PUNCT 9 punct",
				"VERB 6 advcl VBG", "PRON 12 nsubj", "AUX 12 cop", "ADJ 9 ccomp", "PUNCT 2 punct"},
			"saying", "it was late", "Groups",
		},
		{
			"two subjects", "During a talk earlier, Lee attacked Kim, saying it failed.",
			[]string{"ADP 3 case", "DET 3 det", "NOUN 4 obl", "ADV 7 nsubj", "PUNCT 4 punct", "PROPN 7 nsubj", "VERB 0 root", "PROPN 7 obj", "PUNCT 10 punct",
				"VERB 7 advcl VBG", "PRON 12 nsubj", "VERB 10 ccomp", "PUNCT 7 punct"},
			"saying", "it failed", "Lee",
		},
		{
			"prepositional subject", "Lee said so in a talk, arguing it failed.",
			[]string{"PROPN 2 nsubj", "VERB 0 root", "ADV 2 advmod", "ADP 6 case", "DET 6 det", "NOUN 8 nsubj", "PUNCT 8 punct",
				"VERB 2 ccomp VBG", "PRON 10 nsubj", "VERB 8 ccomp", "PUNCT 2 punct"},
			"arguing", "it failed", "Lee",
		},
		{
			"no subject", "Asked about it, the answer was no.",
			[]string{"VERB 6 advcl", "ADP 3 case", "PRON 1 obl", "PUNCT 1 punct", "DET 5 det", "NOUN 7 nsubj", "AUX 7 cop", "INTJ 0 root", "PUNCT 7 punct"},
			"Asked", "about it", "",
		},
		{
			"subject inside the content", "The plan, it said, works.",
			[]string{"DET 2 det", "NOUN 7 nsubj", "PUNCT 5 punct", "PRON 5 nsubj", "VERB 7 parataxis", "PUNCT 5 punct", "VERB 0 root", "PUNCT 7 punct"},
			"it said", "The plan", "",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := parsed(t, tc.text, tc.deps)
			q := spanOf(t, v, 3, tc.cue, 0)
			c := spanOf(t, v, 1, tc.cont, 0)
			r := rawAttr{content: []tspan{c}, cue: &q}
			s, ok := syntaxSource(v, r)
			got := ""
			if ok {
				got = v.d.Slice(v.d.Tokens[s.lo].Start, v.d.Tokens[s.hi-1].End)
			}
			if got != tc.want {
				t.Errorf("source %q, want %q", got, tc.want)
			}
			if r2 := parseRoles(v, r); (r2.source != nil) != (tc.want != "") {
				t.Errorf("parseRoles source %v, want %q", r2.source, tc.want)
			}
		})
	}
}

func TestACLSource(t *testing.T) {
	tests := []struct {
		name, text string
		deps       []string
		want       string // "" for none
	}{
		{
			"noun's participle", "The ad shows Ann Lee asking, “Why?”",
			[]string{"DET 2 det", "NOUN 3 nsubj", "VERB 0 root", "PROPN 5 compound", "PROPN 3 obj", "VERB 5 acl VBG",
				"PUNCT 9 punct", "PUNCT 9 punct", "ADV 6 ccomp", "PUNCT 9 punct", "PUNCT 9 punct"},
			"Ann Lee",
		},
		{
			"hung from the footage", "The ad uses footage of Lee asking, “Why?”",
			[]string{"DET 2 det", "NOUN 3 nsubj", "VERB 0 root", "NOUN 3 obj", "ADP 6 case", "PROPN 4 nmod", "VERB 4 acl VBG",
				"PUNCT 10 punct", "PUNCT 10 punct", "ADV 7 ccomp", "PUNCT 10 punct", "PUNCT 10 punct"},
			"Lee",
		},
		{
			"common noun", "The ad shows a man asking, “Why?”",
			[]string{"DET 2 det", "NOUN 3 nsubj", "VERB 0 root", "DET 5 det", "NOUN 3 obj", "VERB 5 acl VBG",
				"PUNCT 9 punct", "PUNCT 9 punct", "ADV 6 ccomp", "PUNCT 9 punct", "PUNCT 9 punct"},
			"",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := parsed(t, tc.text, tc.deps)
			q := spanOf(t, v, 3, "asking", 0)
			c := spanOf(t, v, 1, "“Why?”", 0)
			s, ok := aclSource(v, rawAttr{content: []tspan{c}, cue: &q})
			got := ""
			if ok {
				got = v.d.Slice(v.d.Tokens[s.lo].Start, v.d.Tokens[s.hi-1].End)
			}
			if got != tc.want {
				t.Errorf("source %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSubjectVerb(t *testing.T) {
	v := parsed(t, "“Stop,” she yells while running.", []string{
		"PUNCT 2 punct", "VERB 6 ccomp", "PUNCT 2 punct", "PUNCT 2 punct", "PRON 6 nsubj", "VERB 0 root VBZ",
		"SCONJ 8 mark", "VERB 6 advcl VBG", "PUNCT 6 punct"})
	she := spanOf(t, v, 2, "she", 0)
	if !subjectVerb(v, she, she.hi) {
		t.Error("“she yells”: want a subject and its verb")
	}
	if subjectVerb(v, she, she.hi+2) {
		t.Error("“running” is no verb of “she”")
	}
}

func TestTreeCycle(t *testing.T) {
	// A malformed parse (a cycle) must not hang or panic.
	v := parsed(t, "He said so.", []string{"PRON 2 nsubj", "VERB 3 root", "ADV 2 advmod", "PUNCT 2 punct"})
	tr := v.tree()
	if tr == nil || len(tr.lo) != 4 {
		t.Fatalf("tree %+v", tr)
	}
	q := spanOf(t, v, 3, "said", 0)
	syntaxSource(v, rawAttr{cue: &q})
}

func TestTrimContent(t *testing.T) {
	tests := []struct{ text, cont, want string }{
		{"He said the plan works.", "the plan works.", "the plan works"},
		{"He said the plan works, and left.", "the plan works,", "the plan works"},
		{"He said: “The plan works.”", "“The plan works.”", "“The plan works.”"},
		{"“It works,” he said.", "“It works,”", "“It works,”"},
		{"He said .", ".", "."},
	}
	for _, tc := range tests {
		v := testView(t, tc.text)
		c := spanOf(t, v, 1, tc.cont, 0)
		got := trimContent(v, []tspan{c})[0]
		if s := v.d.Slice(v.d.Tokens[got.lo].Start, v.d.Tokens[got.hi-1].End); s != tc.want {
			t.Errorf("%q: trimmed %q, want %q", tc.text, s, tc.want)
		}
	}
}

func TestTreeFeatures(t *testing.T) {
	v := parsed(t, "Trump defended his comments, adding that it was rigged.",
		[]string{"PROPN 2 nsubj", "VERB 0 root", "PRON 4 nmod:poss", "NOUN 2 obj", "PUNCT 6 punct", "VERB 2 advcl",
			"SCONJ 10 mark", "PRON 10 nsubj:pass", "AUX 10 aux:pass", "VERB 6 ccomp", "PUNCT 2 punct"})
	tr := v.tree()
	if lo, hi := tr.lo[9], tr.hi[9]; lo != 6 || hi != 10 {
		t.Errorf("subtree of rigged = [%d, %d), want [6, 10)", lo, hi)
	}
	// "that" opens the complement of the cue "adding"; "it" is inside it;
	// "comments" hangs from no cue.
	that := appendTreeFeatures(nil, v, tr, 6)
	it := appendTreeFeatures(nil, v, tr, 7)
	comments := appendTreeFeatures(nil, v, tr, 3)
	if that[0] != it[0] {
		t.Errorf("tokens of one complement differ in their governing relation: %x %x", that[0], it[0])
	}
	if that[0] == comments[0] {
		t.Errorf("a token under the cue and one outside share the governing relation %x", that[0])
	}
	if len(that) != len(it) || that[2] == it[2] {
		t.Errorf("the complement's first token should differ from an inner one at the edge feature")
	}
}

func TestClosingVerbSpeaker(t *testing.T) {
	tests := []struct {
		text string
		deps []string
		want string // speaker, "" for none
	}{
		{"“Why not?” Vitter demanded.", []string{"PUNCT 3 punct", "ADV 3 advmod", "PART 6 parataxis", "PUNCT 3 punct", "PUNCT 3 punct", "PROPN 6 nsubj", "VERB 0 root", "PUNCT 6 punct"}, "Vitter"},
		{"“Why not?” Vitter walks.", []string{"PUNCT 3 punct", "ADV 3 advmod", "PART 6 parataxis", "PUNCT 3 punct", "PUNCT 3 punct", "PROPN 6 nsubj", "VERB 0 root", "PUNCT 6 punct"}, ""},
	}
	for _, tc := range tests {
		v := parsed(t, tc.text, tc.deps)
		c := spanOf(t, v, 1, "“Why not?”", 0)
		r := orphanSpeaker(v, rawAttr{content: []tspan{c}})
		got := ""
		if r.source != nil {
			got = v.d.Slice(v.d.Tokens[r.source.lo].Start, v.d.Tokens[r.source.hi-1].End)
		}
		if got != tc.want {
			t.Errorf("%q: speaker %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestParticipleSource(t *testing.T) {
	// The tagger's guess "Friday" gives way to the subject of the verb the
	// participle hangs from.
	v := parsed(t, "On Friday Trump defended his comments, saying that it was rigged.",
		[]string{"ADP 2 case", "PROPN 4 obl", "PROPN 4 nsubj", "VERB 0 root", "PRON 6 nmod:poss", "NOUN 4 obj", "PUNCT 8 punct", "VERB 4 advcl",
			"SCONJ 12 mark", "PRON 12 nsubj:pass", "AUX 12 aux:pass", "VERB 8 ccomp", "PUNCT 4 punct"})
	q := spanOf(t, v, 3, "saying", 0)
	c := spanOf(t, v, 1, "that it was rigged", 0)
	bad := spanOf(t, v, 2, "Friday", 0)
	r := parseRoles(v, rawAttr{content: []tspan{c}, cue: &q, source: &bad})
	if r.source == nil || v.d.Slice(v.d.Tokens[r.source.lo].Start, v.d.Tokens[r.source.hi-1].End) != "Trump" {
		t.Errorf("source %v, want Trump", r.source)
	}
	// Not a participle: the tagger's source stays.
	said := spanOf(t, v, 3, "defended", 0)
	r = parseRoles(v, rawAttr{content: []tspan{c}, cue: &said, source: &bad})
	if r.source == nil || *r.source != bad {
		t.Errorf("source %v, want the tagger's", r.source)
	}
}
