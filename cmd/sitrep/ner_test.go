package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
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

func TestEvalNERPred(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pred.txt")
	data := "-DOCSTART- O O\n\nAhmed I-PER B-PER\nKarimi I-PER I-PER\nin O O\nKabul I-LOC B-ORG\n\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCmd(t, "eval", "ner", "--pred", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if last := lines[len(lines)-1]; last != "F1 50.00" {
		t.Errorf("last line %q, want F1 50.00\n%s", last, out)
	}
}

func TestNERConll(t *testing.T) {
	p := filepath.Join(t.TempDir(), "in.txt")
	data := "-DOCSTART- -X- O O\n\nGerman JJ I-NP I-MISC\nChancellor NNP I-NP O\nHelmut NNP I-NP I-PER\nKohl NNP I-NP I-PER\nvisited VBD I-VP O\nParis NNP I-NP I-LOC\n. . O O\n\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCmd(t, "ner", "--conll", p)
	if code != 0 {
		if strings.Contains(errs, "no embedded model") {
			t.Skip(errs)
		}
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := "German I-MISC B-MISC\nChancellor O O\nHelmut I-PER B-PER\nKohl I-PER I-PER\nvisited O O\nParis I-LOC B-LOC\n. O O\n"
	if !strings.Contains(out, want) {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	if _, _, code := runCmd(t, "ner"); code != 2 {
		t.Errorf("missing --conll: exit %d, want 2", code)
	}
}
