package events

import (
	"context"
	"strings"
	"testing"
)

// TestTargetRules covers the target rules added for recipients: quantities
// and "N others" after coordinated verbs, comma lists that need a
// conjunction, phrases of a possessed noun, noun compounds after modifiers, adjectival "official", separated particles, demands with a
// "that" clause, and the CAMEO country dictionary's Congo.
func TestTargetRules(t *testing.T) {
	s := newStage(t)
	tests := []struct {
		name, text, code, source, target string
		notTarget                        string // no event may have this target
	}{
		{"others", "A car bomb near the village of Tal Afar killed three Iraqi soldiers and wounded four others.", "190", "", "IRQMIL", ""},
		{"adjectival official", "The Kurdish opposition will boycott all official contact with Turkey.", "", "", "TUR", ""},
		{"separated particle", "Jakarta forced the UN refugee agency, UNHCR, out of the province.", "174", "IDNGOV", "IGOUNOREF", ""},
		{"Congo", "Pakistan cut diplomatic ties with Congo.", "", "PAK", "COG", ""},
		{"Congolese", "Burundian militiamen attacked Congolese refugees.", "190", "BDI", "CODREF", ""},
		{"demand that", "The ILO reiterated its demand that Qatar end forced labour.", "100", "IGOUNOLAB", "QAT", ""},
		{"reminder", "The French minister issued a stern reminder to Ukraine that it must repay its debts.", "100", "FRAGOV", "UKR", ""},
		{"host country", "The Iranian defence minister was in Damascus on Monday and signed an accord meant to keep Iran in Syria.", "057", "IRNGOV", "SYR", ""},
		{"noun compound", "Hackers defaced 500 Danish websites in the biggest politically motivated cyber attack yet.", "170", "", "DNK", ""},
		{"possessed noun", "Rebels attacked villages near Serbia's border with Hungary.", "190", "", "SRB", ""},
		{"comma list", "Rebels attacked villages near the border with Chad, Sudanese officials said.", "190", "", "", "SDNGOV"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := segmented(t, tt.text, "2018-09-03")
			if err := s.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			for _, e := range d.Events {
				if tt.notTarget != "" && e.TargetActor == tt.notTarget {
					t.Errorf("%q: event %s with target %s", tt.text, e.Code, e.TargetActor)
				}
			}
			ev := mainEvent(d.Events)
			if ev == nil {
				t.Fatalf("%q: no event", tt.text)
			}
			if tt.code != "" && ev.Code != tt.code || !strings.HasPrefix(ev.SourceActor, tt.source) || !strings.HasPrefix(ev.TargetActor, tt.target) {
				t.Errorf("%q:\n got %s %s->%s\nwant %s %s->%s", tt.text, ev.Code, ev.SourceActor, ev.TargetActor, tt.code, tt.source, tt.target)
			}
		})
	}
}
