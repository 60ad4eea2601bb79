package jsonl

import (
	"errors"
	"strings"
	"testing"
)

type rec struct {
	ID string `json:"id"`
	N  int    `json:"n"`
}

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []rec
		err      string
	}{
		{"empty", "", nil, ""},
		{"lines", "{\"id\":\"a\",\"n\":1}\n\n# a comment\n  {\"id\":\"b\"}  \r\n", []rec{{"a", 1}, {"b", 0}}, ""},
		{"bad line", "{\"id\":\"a\"}\n{\"id\":\n", nil, "line 2:"},
		{"wrong type", "{\"n\":\"x\"}", nil, "line 1:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Read[rec](strings.NewReader(tc.in))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("record %d = %v, want %v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestEachStopsOnCallbackError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Each(strings.NewReader("{}\n{}\n{}\n"), func(line int, _ rec) error {
		n++
		if line == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("err = %v after %d records, want stop at line 2", err, n)
	}
}
