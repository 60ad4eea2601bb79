package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalTime(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "gold.jsonl")
	// Two made-up documents; offsets are code points.
	data := `{"id": "a", "dct": "2018-09-05", "text": "Lavrov said Monday that talks failed last year.", "timexes": [{"start": 12, "end": 18, "type": "DATE", "value": "2018-09-03", "text": "Monday"}, {"start": 37, "end": 46, "type": "DATE", "value": "2017", "text": "last year"}]}
{"id": "b", "dct": "2018-09-05", "text": "The siege lasted three days.", "timexes": [{"start": 17, "end": 27, "type": "DURATION", "value": "P3D", "text": "three days"}]}
`
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb}
	if code := run(context.Background(), e, []string{"eval", "time", "--data", path, "--split", "all"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "all        2     3     3  1.000/1.000/1.000  1.000/1.000/1.000   1.000  1.000   1.000") {
		t.Errorf("unexpected output:\n%s", out.String())
	}
	if code := run(context.Background(), e, []string{"eval", "time"}); code != 2 {
		t.Errorf("missing --data: exit %d, want 2", code)
	}
}
