package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
)

func runCmd(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
	code := run(context.Background(), e, args)
	return out.String(), errb.String(), code
}

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
	if _, _, code := runCmd(t, "parse", "raw.txt"); code != 2 {
		t.Errorf("parse without --conllu: exit %d, want 2 (not yet supported)", code)
	}
	if _, _, code := runCmd(t, "train", "tagger"); code != 2 {
		t.Errorf("train tagger without flags: exit %d, want 2", code)
	}
}
