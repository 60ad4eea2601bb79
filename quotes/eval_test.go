package quotes

import (
	"bytes"
	"strings"
	"testing"
)

func TestEvaluate(t *testing.T) {
	text := `Ann said "it rained." Bob said snow fell.`
	gold := []GoldDoc{{Text: text, Attrs: []Attribution{
		{Content: []Frag{{9, 21}}, Source: []Frag{{0, 3}}, Cue: []Frag{{4, 8}}, Direct: true},
		{Content: []Frag{{31, 40}}, Source: []Frag{{22, 25}}, Cue: []Frag{{26, 30}}},
	}}}
	tests := []struct {
		name                                 string
		pred                                 []Attribution
		contentExact, contentOverlap, source int
		speaker                              int
		directExact                          int
	}{
		{"perfect", gold[0].Attrs, 2, 2, 2, 2, 1},
		{"boundaries", []Attribution{
			{Content: []Frag{{10, 20}}, Source: []Frag{{0, 3}}, Cue: []Frag{{4, 8}}},
			{Content: []Frag{{31, 41}}, Source: []Frag{{0, 3}}},
		}, 0, 2, 1, 1, 0},
		{"none", nil, 0, 0, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Evaluate(gold, [][]Attribution{tc.pred})
			if r.All.Content.Exact.Match != tc.contentExact || r.All.Content.Overlap.Match != tc.contentOverlap {
				t.Errorf("content exact %d overlap %d", r.All.Content.Exact.Match, r.All.Content.Overlap.Match)
			}
			if r.All.Source.Exact.Match != tc.source {
				t.Errorf("source exact %d", r.All.Source.Exact.Match)
			}
			if r.All.SpeakerRight != tc.speaker {
				t.Errorf("speaker right %d", r.All.SpeakerRight)
			}
			if r.Direct.Content.Exact.Match != tc.directExact {
				t.Errorf("direct exact %d", r.Direct.Content.Exact.Match)
			}
			var b bytes.Buffer
			r.Write(&b)
			if !strings.Contains(b.String(), "direct quotes") {
				t.Error("report lacks the direct quotes table")
			}
		})
	}
}

func TestPRF(t *testing.T) {
	c := PRF{Gold: 4, Pred: 2, Match: 2}
	if c.P() != 1 || c.R() != 0.5 || c.F1() < 0.666 || c.F1() > 0.667 {
		t.Errorf("P %v R %v F1 %v", c.P(), c.R(), c.F1())
	}
	if (PRF{}).F1() != 0 {
		t.Error("empty F1 not 0")
	}
}

func TestSpanCounts(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred [][]Frag
		want       PRF
	}{
		{"one fragment of two", [][]Frag{{{0, 5}, {9, 14}}}, [][]Frag{{{0, 5}, {9, 12}}}, PRF{Gold: 2, Pred: 2, Match: 1}},
		{"split prediction", [][]Frag{{{0, 5}, {9, 14}}}, [][]Frag{{{0, 5}}, {{9, 14}}}, PRF{Gold: 2, Pred: 2, Match: 2}},
		{"duplicate prediction", [][]Frag{{{0, 5}}}, [][]Frag{{{0, 5}}, {{0, 5}}}, PRF{Gold: 1, Pred: 2, Match: 1}},
		{"none", [][]Frag{{{0, 5}}}, nil, PRF{Gold: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := spanCounts(tc.gold, tc.pred); got != tc.want {
				t.Errorf("spanCounts = %+v, want %+v", got, tc.want)
			}
		})
	}
}
