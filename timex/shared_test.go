package timex

import (
	"os"
	"testing"

	"github.com/sitrep/sitrep/internal/shared"
)

// TestTimeMLFloor checks the figures on the TimeML dev fifth (every fifth
// document) stay above a floor; it runs in well under a second.
func TestTimeMLFloor(t *testing.T) {
	var sc Score
	for _, name := range []string{"timeml/timebank.jsonl", "timeml/aquaint.jsonl"} {
		f, err := os.Open(shared.Path(t, name))
		if err != nil {
			t.Fatal(err)
		}
		docs, err := ReadGold(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for i, d := range docs {
			if i%5 == 4 {
				sc.Add(d.Timexes, Tag(d.Text, Options{Published: d.DCT}))
			}
		}
	}
	_, _, rf := sc.RelaxedPRF()
	t.Logf("dev: relaxed F1 %.3f, value accuracy %.3f", rf, sc.ValueAccuracy())
	if rf < 0.90 || sc.ValueAccuracy() < 0.84 {
		t.Errorf("dev relaxed F1 %.3f (floor 0.90), value accuracy %.3f (floor 0.84)", rf, sc.ValueAccuracy())
	}
}
