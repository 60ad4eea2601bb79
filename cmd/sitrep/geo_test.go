package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalGeo(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "geo.jsonl")
	doc := `{"id":"t1","dataset":"fixture","text":"Shelling hit Idlib province in northwestern Syria.","toponyms":[` +
		`{"start":13,"end":27,"name":"Idlib province","lat":35.85,"lon":36.68,"country_code":"SY"},` +
		`{"start":44,"end":49,"name":"Syria","lat":35.0,"lon":38.0,"country_code":"SY"}]}` + "\n"
	if err := os.WriteFile(data, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"eval", "geo", "--data", data, "--gold-spans"},
		{"eval", "geo", "--data", data},
	} {
		var out, errb bytes.Buffer
		e := &env{stdout: &out, stderr: &errb}
		if code := run(context.Background(), e, args); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		s := out.String()
		for _, want := range []string{"Acc@161km        1.000", "country acc      1.000", "exact-id acc"} {
			if !strings.Contains(s, want) {
				t.Errorf("%v: output lacks %q:\n%s", args, want, s)
			}
		}
		if len(args) == 4 && !strings.Contains(s, "F1 1.000") {
			t.Errorf("end-to-end output lacks F1 1.000:\n%s", s)
		}
	}
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb}
	if code := run(context.Background(), e, []string{"eval", "geo"}); code != 2 {
		t.Errorf("eval geo without --data: exit %d, want 2", code)
	}
	if code := run(context.Background(), e, []string{"train", "geo", "--data", data, "--split", "test"}); code != 2 {
		t.Errorf("train geo on test: exit %d, want 2", code)
	}
}
