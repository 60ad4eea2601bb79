package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseAndEvalCommands(t *testing.T) {
	const fixture = "../../syntax/testdata/tiny.conllu"
	if _, err := os.Stat("../../syntax/models/parser.gz"); err != nil {
		t.Skip("embedded models not built")
	}
	for _, fast := range []string{"--fast=false", "--fast"} {
		out, errs, code := runCmd(t, "parse", fast, "--conllu", fixture)
		if code != 0 {
			t.Fatalf("parse %s: exit %d: %s", fast, code, errs)
		}
		lines := 0
		for _, l := range strings.Split(out, "\n") {
			if l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			if f := strings.Split(l, "\t"); len(f) != 10 || f[3] == "_" || f[6] == "_" {
				t.Fatalf("bad CoNLL-U line %q", l)
			}
			lines++
		}
		if lines != 34 {
			t.Errorf("parse %s: %d word lines, want 34", fast, lines)
		}
		out, errs, code = runCmd(t, "eval", "parse", fast, "--gold", fixture)
		if code != 0 || !strings.Contains(out, "UAS") || !strings.Contains(out, "nsubj") {
			t.Fatalf("eval parse %s: exit %d: %s%s", fast, code, out, errs)
		}
	}
	if _, _, code := runCmd(t, "parse", "no-such-raw.txt"); code != 1 {
		t.Errorf("parse of a missing file: exit %d, want 1", code)
	}
	code, out, errs := sitrep(t, "They don't know Assad's plans. He left.", "parse", "--fast", "-")
	if code != 0 || !strings.Contains(out, "# text = He left.") || !strings.Contains(out, "2-3\tdon't") || !strings.Contains(out, "\troot\t") {
		t.Errorf("parse raw text: exit %d: %s%s", code, out, errs)
	}
	// A JSON Lines corpus: every record's text, a bad line skipped.
	jl := filepath.Join(t.TempDir(), "corpus.jsonl")
	if err := os.WriteFile(jl, []byte(`{"id":"a","text":"The talks resumed. They ended."}`+"\nnot json\n"+`{"id":"b","text":"Officials met."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code = runCmd(t, "parse", "--fast", jl)
	if code != 0 || strings.Count(out, "# sent_id = ") != 3 || !strings.Contains(out, "# sent_id = d2-s1") || !strings.Contains(errs, "corpus.jsonl:2: skipped") {
		t.Errorf("parse a JSON Lines corpus: exit %d: %s%s", code, out, errs)
	}
	if _, _, code := runCmd(t, "train", "tagger"); code != 2 {
		t.Errorf("train tagger without flags: exit %d, want 2", code)
	}
}
