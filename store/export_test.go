package store

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

func TestExports(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	seed(t, s)
	export := func(format string, f Filter) string {
		t.Helper()
		var b bytes.Buffer
		if err := s.Export(ctx, &b, format, f); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		return b.String()
	}

	lines := strings.Split(strings.TrimSpace(export("jsonl", Filter{})), "\n")
	if len(lines) != 4 || !strings.Contains(lines[0], `"id":"d1"`) {
		t.Errorf("jsonl: %d lines: %.100s", len(lines), lines[0])
	}

	recs, err := csv.NewReader(strings.NewReader(export("csv", Filter{}))).ReadAll()
	if err != nil || len(recs) != 5 || strings.Join(recs[0], ",") != strings.Join(CSVHeader, ",") {
		t.Errorf("csv: %v %v", recs, err)
	}

	gd := strings.Split(strings.TrimSpace(export("gdelt", Filter{Source: "IRN"})), "\n")
	if len(gd) != 1 {
		t.Fatalf("gdelt: %d rows", len(gd))
	}
	cols := strings.Split(gd[0], "\t")
	if len(cols) != 61 {
		t.Fatalf("gdelt: %d columns", len(cols))
	}
	want := map[int]string{1: "20240301", 2: "202403", 3: "2024", 4: "2024.1671", 5: "IRNGOV", 6: "IRAN", 7: "IRN", 12: "GOV",
		15: "SYRMIL", 17: "SYR", 22: "MIL", 25: "1", 26: "112", 27: "112", 28: "11", 29: "3", 30: "-2", 31: "1",
		51: "4", 52: "Aleppo", 53: "SY", 56: "36.2021", 57: "37.1343", 58: "170063", 60: "d1"}
	for i, v := range want {
		if cols[i] != v {
			t.Errorf("gdelt column %d = %q, want %q", i+1, cols[i], v)
		}
	}

	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Geometry struct {
				Coordinates [2]float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal([]byte(export("geojson", Filter{})), &fc); err != nil {
		t.Fatalf("geojson: %v", err)
	}
	kinds := map[string]int{}
	for _, f := range fc.Features {
		kinds[f.Properties["kind"].(string)]++
	}
	if fc.Type != "FeatureCollection" || kinds["event"] != 4 || kinds["place"] != 2 {
		t.Errorf("geojson: %s %v", fc.Type, kinds)
	}
	if c := fc.Features[0].Geometry.Coordinates; c[0] != 37.1343 {
		t.Errorf("geojson: first coordinates %v (want lon first, Aleppo)", c)
	}

	pl := strings.Split(strings.TrimSpace(export("plover", Filter{Plover: []string{"ASSAULT"}})), "\n")
	if len(pl) != 1 {
		t.Fatalf("plover: %d records", len(pl))
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(pl[0]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec["quad_code"].(float64) != 4 || !strings.HasPrefix(rec["text"].(string), "Israel accused Syria") {
		t.Errorf("plover: %s", pl[0])
	}
	if err := s.Export(ctx, &bytes.Buffer{}, "xml", Filter{}); err == nil {
		t.Error("unknown format accepted")
	}
}
