package quotes

import (
	"strings"
	"testing"
)

const bratText = "The ministry said on Monday that talks would resume.\n\n“We are ready,” Dana Holt told reporters, “and so are they.”\n"

// Offsets are code points: the curly quotes are one each.
const bratAnn = "T1\tSource 0 12\tThe ministry\n" +
	"T2\tCue 13 17\tsaid\n" +
	"T3\tContent 28 51\tthat talks would resume\n" +
	"T4\tAttribution 13 17\tsaid\n" +
	"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n" +
	"T5\tContent 54 69;96 114\t“We are ready,” “and so are they.”\n" +
	"T6\tSource 70 79\tDana Holt\n" +
	"T7\tCue 80 84\ttold\n" +
	"E2\tAttribution:T7 Content:T5 Cue:T7 Source:T6\n" +
	"T8\tContent 1 999\tout of range\n" +
	"E3\tAttribution:T8 Content:T8\n" +
	"garbage line\n"

func TestParseBrat(t *testing.T) {
	attrs := ParseBrat(bratAnn, bratText)
	if len(attrs) != 2 {
		t.Fatalf("got %d attributions, want 2: %+v", len(attrs), attrs)
	}
	tests := []struct {
		i                     int
		content, source, cue  string
		direct                bool
		contentFrags, srcFrag int
	}{
		{0, "that talks would resume", "The ministry", "said", false, 1, 1},
		{1, "“We are ready,” “and so are they.”", "Dana Holt", "told", true, 2, 1},
	}
	for _, tc := range tests {
		a := attrs[tc.i]
		if got := sliceFrags(bratText, a.Content); got != tc.content {
			t.Errorf("%d: content %q, want %q", tc.i, got, tc.content)
		}
		if got := sliceFrags(bratText, a.Source); got != tc.source {
			t.Errorf("%d: source %q, want %q", tc.i, got, tc.source)
		}
		if got := sliceFrags(bratText, a.Cue); got != tc.cue {
			t.Errorf("%d: cue %q, want %q", tc.i, got, tc.cue)
		}
		if a.Direct != tc.direct || len(a.Content) != tc.contentFrags {
			t.Errorf("%d: direct %v frags %d", tc.i, a.Direct, len(a.Content))
		}
	}
}

func TestReadJSONL(t *testing.T) {
	in := `{"id":"x","text":"Ann said it rained.","published":"2016-09-12","quotes":[{"content_spans":[[9,18]],"source_spans":[[0,3]],"cue_spans":[[4,8]],"direct":false},{"content_spans":[],"source_spans":[],"cue_spans":[]}]}` + "\n\n"
	docs, err := ReadJSONL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || len(docs[0].Attrs) != 1 {
		t.Fatalf("got %+v", docs)
	}
	a := docs[0].Attrs[0]
	if got := sliceFrags(docs[0].Text, a.Content); got != "it rained" {
		t.Errorf("content %q", got)
	}
	if _, err := ReadJSONL(strings.NewReader("{bad\n")); err == nil {
		t.Error("want an error on bad JSON")
	}
}

func FuzzParseBrat(f *testing.F) {
	f.Add(bratAnn, bratText)
	f.Add("T1\tContent 0 3;5 2\tx\nE1\tAttribution:T1 Content:T1", "héllo wörld")
	f.Fuzz(func(t *testing.T, ann, text string) {
		for _, a := range ParseBrat(ann, text) {
			_ = sliceFrags(text, a.Content)
		}
	})
}

func FuzzReadJSONL(f *testing.F) {
	f.Add(`{"id":"x","text":"Ann said it.","quotes":[{"content_spans":[[9,11]],"source_spans":[[0,3]],"cue_spans":[[4,8]]}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		docs, err := ReadJSONL(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, d := range docs {
			for _, a := range d.Attrs {
				_ = sliceFrags(d.Text, a.Content)
			}
		}
	})
}
