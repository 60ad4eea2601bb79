package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/sitrep/sitrep/internal/shared"
)

// sitrep runs the command line in-process and returns its exit status and output.
func sitrep(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut}
	code := run(context.Background(), e, args)
	return code, out.String(), errOut.String()
}

func loadSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	s, err := c.Compile("../../docs/document.schema.json")
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	return s
}

// validateLines checks every JSON line of out against the Document schema
// and that every span lies inside the text.
func validateLines(t *testing.T, schema *jsonschema.Schema, out string) int {
	t.Helper()
	n := 0
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		n++
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(sc.Bytes()))
		if err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		if err := schema.Validate(v); err != nil {
			t.Fatalf("line %d does not match the schema: %v", n, err)
		}
		var d struct {
			Text      string
			Sentences []struct{ Start, End int }
			Tokens    []struct {
				Start, End int
				Text       string
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		runes := []rune(d.Text)
		for _, s := range d.Sentences {
			if s.Start < 0 || s.End > len(runes) || s.Start >= s.End {
				t.Fatalf("line %d: sentence %+v outside text", n, s)
			}
		}
		for _, tok := range d.Tokens {
			if string(runes[tok.Start:tok.End]) != tok.Text {
				t.Fatalf("line %d: token %+v does not match text %q", n, tok, string(runes[tok.Start:tok.End]))
			}
		}
	}
	return n
}

func TestExtractExampleMatchesSchema(t *testing.T) {
	code, out, errOut := sitrep(t, "", "extract", "--published", "2018-09-05", "--layers", "tokens", "../../examples/")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if n := validateLines(t, loadSchema(t), out); n != 1 {
		t.Fatalf("got %d documents, want 1", n)
	}
	var d struct {
		Title, Published string
		Dateline         struct{ Place, Source string }
		Captions         []struct{ Text string }
	}
	json.Unmarshal([]byte(out), &d)
	if !strings.HasPrefix(d.Title, "Turkey warns") || d.Published != "2018-09-05" || d.Dateline.Place != "ANKARA" || len(d.Captions) != 1 {
		t.Errorf("document = %+v", d)
	}
}

func TestExtractBadInputsGoOn(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", "Storm hits coast\n\nThe storm hit the coast on Monday. Officials said two people died.")
	empty := write("empty.txt", "")
	binary := write("binary.txt", "\x00\x01\x02\x03")
	jsonl := write("mixed.jsonl", `{"text": "First good line."}`+"\n"+`{"text": oops}`+"\n"+`{"text": "Third line."}`+"\n")
	code, out, errOut := sitrep(t, "", "extract", good, empty, binary, filepath.Join(dir, "missing.txt"), jsonl)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if n := validateLines(t, loadSchema(t), out); n != 3 {
		t.Errorf("got %d documents, want 3 (good.txt and two JSON lines)", n)
	}
	for _, want := range []string{"empty.txt: empty input", "binary.txt: binary content", "missing.txt: no such file", "mixed.jsonl:2: bad JSON"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if lines := strings.Count(errOut, "\n"); lines != 4 {
		t.Errorf("stderr has %d lines, want one per failure:\n%s", lines, errOut)
	}
}

func TestExtractURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.UserAgent(), "sitrep/") {
			t.Errorf("user agent %q", r.UserAgent())
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><head><title>Flood</title></head><body><article><p>" +
			strings.Repeat("The river burst its banks on Sunday, officials said. ", 10) + "</p></article></body></html>"))
	}))
	defer srv.Close()
	code, _, errOut := sitrep(t, "", "extract", srv.URL+"/flood")
	if code != 1 || !strings.Contains(errOut, "refusing to connect to private address") {
		t.Errorf("loopback fetch without --allow-private: exit %d, stderr %s", code, errOut)
	}
	code, out, errOut := sitrep(t, "", "extract", "--allow-private", srv.URL+"/flood")
	if code != 0 || !strings.Contains(out, "The river burst its banks") {
		t.Errorf("exit %d, stderr %s, out %.200s", code, errOut, out)
	}
}

func TestSegmentCoNLLU(t *testing.T) {
	code, out, _ := sitrep(t, "They don't know. Assad's men left.", "segment", "--conllu-out")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"# text = They don't know.", "2-3\tdon't", "2\tdo", "3\tn't", "# text = Assad's men left.", "1-2\tAssad's"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestEvalSegmentEWT checks the segmentation figures the foundation issue
// asks for on the UD English EWT test set.
func TestEvalSegmentEWT(t *testing.T) {
	gold := shared.Path(t, "ud-ewt/en_ewt-ud-test.conllu")
	code, out, errOut := sitrep(t, "", "eval", "segment", "--gold", gold)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	f1 := func(metric string) float64 {
		for _, l := range strings.Split(out, "\n") {
			parts := strings.Split(l, "|")
			if len(parts) == 4 && strings.TrimSpace(parts[0]) == metric {
				f, err := strconv.ParseFloat(strings.TrimSpace(parts[3]), 64)
				if err != nil {
					t.Fatalf("bad F1 in %q", l)
				}
				return f
			}
		}
		t.Fatalf("no %s line in\n%s", metric, out)
		return 0
	}
	if tok := f1("Tokens"); tok < 98.5 {
		t.Errorf("tokens F1 %.2f < 98.5", tok)
	}
	if sent := f1("Sentences"); sent < 75 {
		t.Errorf("sentences F1 %.2f < 75", sent)
	}
}

func TestExtractBBC(t *testing.T) {
	bbc := shared.Path(t, "news/bbc.jsonl")
	// Every stage over every article: no document may fail.
	code, out, errOut := sitrep(t, "", "extract", bbc)
	if code != 0 {
		t.Fatalf("exit %d: %.500s", code, errOut)
	}
	if n := strings.Count(out, "\n"); n != 2225 {
		t.Errorf("got %d documents, want 2225", n)
	}
}

func TestUnknownCommand(t *testing.T) {
	if code, _, errOut := sitrep(t, "", "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Errorf("exit %d stderr %s", code, errOut)
	}
}

func TestBuildStages(t *testing.T) {
	stages, err := buildStages(&pipelineFlags{stages: "segment"})
	if err != nil || len(stages) != 1 || stages[0].Name() != "segment" {
		t.Fatalf("buildStages(segment) = %v, %v", stages, err)
	}
	all, err := buildStages(&pipelineFlags{})
	if err != nil {
		t.Fatalf("buildStages(all): %v", err)
	}
	want := stageNames()
	if len(all) != len(want) {
		t.Fatalf("buildStages(all): %d stages, want %d", len(all), len(want))
	}
	for i, st := range all {
		if !strings.HasPrefix(st.Name(), want[i]) { // "geo" is the geoparse stage
			t.Errorf("stage %d is %s, want %s (pipeline order)", i, st.Name(), want[i])
		}
	}
	if _, err := buildStages(&pipelineFlags{stages: "segment,bogus"}); err == nil || !strings.Contains(err.Error(), `unknown stage "bogus"`) {
		t.Errorf("unknown stage accepted: %v", err)
	}
	if _, err := buildStages(&pipelineFlags{stages: "syntax", syntax: "bogus"}); err == nil || !strings.Contains(err.Error(), `unknown --syntax "bogus"`) {
		t.Errorf("unknown syntax analyzer accepted: %v", err)
	}
}
