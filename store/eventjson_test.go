package store

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/sitrep/sitrep/document"
)

// TestEventsJSONIsMarshalOfEvents checks that the spliced encoding of
// EventsJSON is byte for byte json.Marshal of what Events returns, for
// events with and without places, Goldstein values, PLOVER types and
// times, and for awkward strings.
func TestEventsJSONIsMarshalOfEvents(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := testDoc("a1", "2024-03-04", "Iran", "IRNGOV", "Syria", "SYRMIL", "112", "ACCUSE")
	b := testDoc("b1", "2024-03-05", `Tom & "Jerry" <x>`, "USAGOV", "Ünïcode\u2028line", "RUSGOV", "0", "")
	b.URL = "http://example.com/?a=1&b=<2>"
	b.Events[0].Place, b.Events[0].Time, b.Events[0].Quote, b.Events[0].Plover = "", nil, "", nil
	c := testDoc("c1", "", "Turkey", "TURGOV", "Greece", "GRCGOV", "190", "ASSAULT")
	c.Places[0].Lat, c.Places[0].Lon = 0, 0
	c.Events = append(c.Events, document.Event{ID: "v2", Code: "0213", Source: "e2", Trigger: document.Mention{Text: "tab\there"}, Confidence: 0.25})
	for _, d := range []*document.Document{a, b, c, testDoc("a2", "2024-03-04", "Iran", "IRNGOV", "Syria", "SYRMIL", "112", "ACCUSE")} {
		if _, err := s.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []Filter{{}, {Duplicates: true}, {Source: "IRN"}, {Codes: []string{"19"}}, {Limit: 2, Offset: 1}} {
		evs, err := s.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := s.EventsJSON(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(raw) != len(evs) {
			t.Fatalf("%+v: %d encoded events, %d events", f, len(raw), len(evs))
		}
		for i := range evs {
			want, _ := json.Marshal(evs[i])
			if !bytes.Equal(raw[i], want) {
				t.Errorf("%+v: event %d:\n got %s\nwant %s", f, i, raw[i], want)
			}
		}
	}
}
