package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/events"
	"github.com/sitrep/sitrep/segment"
)

func TestEvalEventsFixtures(t *testing.T) {
	code, out, errOut := sitrep(t, "", "eval", "events", "--data", "../../events/testdata/cameo_fixtures.jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"CAMEO-coded records: 52", "root triples", "full triples"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := sitrep(t, "", "eval", "events"); code != 2 {
		t.Errorf("missing --data: exit %d, want 2", code)
	}
}

func TestExportGDELT(t *testing.T) {
	d := document.New()
	d.ID = "t1"
	d.SetText("Iran and Russia backed Assad in Syria.")
	d.Published = "2018-09-03"
	if err := segment.NewStage().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	st, err := events.NewStage(events.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := sitrep(t, string(b)+"\n", "export", "--format", "gdelt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1+len(d.Events) || len(d.Events) == 0 {
		t.Fatalf("want header + %d rows, got:\n%s", len(d.Events), out)
	}
	row := strings.Split(lines[1], "\t")
	if len(row) != len(events.GDELTHeader) || row[1] != "20180903" || row[7] != "IRN" || row[18] != "050" || row[21] != "1" {
		t.Errorf("row: %q", row)
	}
	if code, _, _ := sitrep(t, "", "export", "--format", "csv"); code == 0 {
		t.Error("unknown format accepted")
	}
}
