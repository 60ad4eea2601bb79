package quotes

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/internal/shared"
)

func TestAgreement(t *testing.T) {
	text := "The mayor said the bridge would reopen. Critics said it was unsafe."
	same := "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n" +
		"T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 38\tthe bridge would reopen\nT4\tAttribution 10 14\tsaid\n"
	other := same + "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n" +
		"T5\tSource 40 47\tCritics\nT6\tCue 48 52\tsaid\nT7\tContent 53 66\tit was unsafe\nT8\tAttribution 48 52\tsaid\n"
	dir := t.TempDir()
	for _, sub := range []string{"text", "attributions"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		"text/a.txt":                text,
		"text/b.txt":                text,
		"attributions/a_0001.ann":   same,
		"attributions/a_0002.ann":   same,
		"attributions/b_0001.ann":   same,
		"attributions/b_0002.ann":   other,
		"attributions/c_0001.ann":   same, // no text: skipped
		"attributions/b_x_0003.ann": same, // text b_x absent: skipped
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	groups, err := ReadBratAnnotators(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 2 || len(groups[0]) != 2 || len(groups[1]) != 2 {
		t.Fatalf("groups: got %d (%v), want 2 texts of 2 annotators", len(groups), groups)
	}
	r, texts := Agreement(groups)
	if texts != 2 || r.Docs != 4 {
		t.Errorf("texts %d, pairs %d; want 2, 4", texts, r.Docs)
	}
	// Text a: one attribution each, the same, both ways (2 gold, 2 pred,
	// 2 matches); text b: 1 and 2 attributions with one in common, both
	// ways (3 gold, 3 pred, 2 matches).
	c := r.All.Content.Exact
	if c.Gold != 5 || c.Pred != 5 || c.Match != 4 {
		t.Errorf("content exact: got %+v, want gold 5, pred 5, match 4", c)
	}
	if _, err := ReadBratAnnotators(t.TempDir()); err == nil {
		t.Error("empty directory: want an error")
	}
}

// TestPolNeARAgreement checks the annotator agreement of PolNeAR's
// annotator-training compartment (4 texts, 6 annotators each).
func TestPolNeARAgreement(t *testing.T) {
	dir := shared.Path(t, "quotes/polnear/annotator-training")
	groups, err := ReadBratAnnotators(dir)
	if err != nil {
		t.Fatal(err)
	}
	r, texts := Agreement(groups)
	if texts != 4 || r.Docs != 4*6*5 {
		t.Errorf("texts %d, pairs %d; want 4, 120", texts, r.Docs)
	}
	if f := r.All.Content.Exact.F1(); f < 0.6 || f > 0.7 {
		t.Errorf("content exact agreement %.3f, measured 0.639", f)
	}
}
