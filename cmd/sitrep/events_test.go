package main

import (
	"strings"
	"testing"
)

func TestEvalEventsFixtures(t *testing.T) {
	code, out, errOut := sitrep(t, "", "eval", "events", "--data", "../../events/testdata/cameo_fixtures.jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"CAMEO-coded records: 57", "root triples", "full triples"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := sitrep(t, "", "eval", "events"); code != 2 {
		t.Errorf("missing --data: exit %d, want 2", code)
	}
}
