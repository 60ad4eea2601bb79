package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const quotesFixture = `{"id":"a","text":"Ann Lee said the plan would fail.\n\n\"It is over,\" Bob Hart told reporters.","quotes":[{"content_spans":[[13,32]],"source_spans":[[0,7]],"cue_spans":[[8,12]],"direct":false},{"content_spans":[[35,48]],"source_spans":[[49,57]],"cue_spans":[[58,62]],"direct":true}]}
`

func TestTrainAndEvalQuotes(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "q.jsonl")
	if err := os.WriteFile(data, []byte(quotesFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(dir, "m.bin.gz")
	code, _, stderr := sitrep(t, "", "train", "quotes", "--train", data, "--out", model, "--epochs", "3", "--bits", "12")
	if code != 0 {
		t.Fatalf("train: exit %d: %s", code, stderr)
	}
	code, out, stderr := sitrep(t, "", "eval", "quotes", "--data", data, "--model", model)
	if code != 0 {
		t.Fatalf("eval: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"all attributions", "direct quotes", "content  exact", "speaker accuracy"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := sitrep(t, "", "eval", "quotes"); code != 2 {
		t.Errorf("eval without --data: exit %d, want 2", code)
	}
}
