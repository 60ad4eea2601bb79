package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/store"
)

func strp(s string) *string { return &s }

func doc(id, day, src, srcCode, tgt, tgtCode, code string) *document.Document {
	d := document.New()
	d.ID, d.Title, d.Published = id, src+" and "+tgt, day
	d.Text = d.Title + "\n\n" + src + " attacked " + tgt + " near Kabul, said " + src + "."
	d.Entities = []document.Entity{
		{ID: "e1", Type: "GPE", Name: src, Actor: &document.Actor{Code: srcCode}},
		{ID: "e2", Type: "GPE", Name: tgt, Actor: &document.Actor{Code: tgtCode}},
	}
	d.Places = []document.Place{{ID: "p1", Name: "Kabul", Lat: 34.5, Lon: 69.2, Country: "AF", Kind: "literal"}}
	d.Quotes = []document.Quote{{ID: "q1", Text: "attacked", Kind: "indirect", Speaker: strp("e1")}}
	d.Events = []document.Event{{ID: "v1", Code: code, Source: "e1", Target: "e2", SourceActor: srcCode, TargetActor: tgtCode,
		Place: "p1", Time: strp(day), Trigger: document.Mention{Text: "attacked"}}}
	return d
}

func newTestServer(t *testing.T, token string) *httptest.Server {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for i, d := range []*document.Document{
		doc("a", "2024-02-01", "Iran", "IRNGOV", "Iraq", "IRQMIL", "190"),
		doc("b", "2024-02-02", "Iran", "IRNGOV", "Syria", "SYRGOV", "042"),
		doc("c", "2024-02-03", "Chad", "TCDGOV", "Niger", "NERGOV", "112"),
	} {
		if _, err := st.Put(context.Background(), d); err != nil {
			t.Fatal(i, err)
		}
	}
	ts := httptest.NewServer(New(st, Options{Token: token, MaxBody: 4096}))
	t.Cleanup(ts.Close)
	return ts
}

func get(t *testing.T, ts *httptest.Server, path string) (int, map[string]any, http.Header) {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	b, _ := io.ReadAll(resp.Body)
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: bad JSON %q", path, b)
		}
	}
	return resp.StatusCode, m, resp.Header
}

func TestReadEndpoints(t *testing.T) {
	ts := newTestServer(t, "")
	tests := []struct {
		path   string
		status int
		key    string
		n      int
	}{
		{"/api/documents", 200, "documents", 3},
		{"/api/documents?limit=2", 200, "documents", 2},
		{"/api/documents?text=Chad", 200, "documents", 1},
		{"/api/events?source=IRN", 200, "events", 2},
		{"/api/events?code=19,04&limit=1&offset=1", 200, "events", 1},
		{"/api/events?near=34.5,69.2,10", 200, "events", 3},
		{"/api/events?from=2024-02-02&to=2024-02-02", 200, "events", 1},
		{"/api/places", 200, "places", 1},
		{"/api/aggregates/per-day", 200, "rows", 3},
		{"/api/aggregates/pairs?source=IRN", 200, "rows", 2},
		{"/api/aggregates/speakers", 200, "rows", 2},
		{"/api/aggregates/index", 200, "rows", 3},
		{"/api/failures", 200, "failures", 0},
		{"/api/events?near=1,2", 400, "", 0},
		{"/api/events?from=tomorrow", 400, "", 0},
		{"/api/events?limit=x", 400, "", 0},
		{"/api/aggregates/nope", 404, "", 0},
		{"/api/documents/nope", 404, "", 0},
		{"/api/nothing", 404, "", 0},
	}
	for _, tc := range tests {
		status, m, h := get(t, ts, tc.path)
		if status != tc.status {
			t.Errorf("%s: status %d, want %d (%v)", tc.path, status, tc.status, m)
			continue
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: security headers missing", tc.path)
		}
		if tc.status != 200 {
			if _, ok := m["error"]; !ok {
				t.Errorf("%s: no error message", tc.path)
			}
			continue
		}
		rows, _ := m[tc.key].([]any)
		if len(rows) != tc.n {
			t.Errorf("%s: %d %s, want %d", tc.path, len(rows), tc.key, tc.n)
		}
	}
	status, m, _ := get(t, ts, "/api/documents/a")
	if status != 200 || m["id"] != "a" || len(m["events"].([]any)) != 1 {
		t.Errorf("document a: %d %v", status, m)
	}
	status, m, _ = get(t, ts, "/api/openapi.json")
	if status != 200 || m["openapi"] != "3.0.3" {
		t.Errorf("openapi: %d", status)
	}
	status, _, _ = get(t, ts, "/")
	if status != 200 {
		t.Errorf("ui: %d", status)
	}
}

func post(t *testing.T, ts *httptest.Server, token string, body []byte) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", ts.URL+"/api/documents", bytes.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

func TestPost(t *testing.T) {
	body, _ := json.Marshal(doc("n1", "2024-03-01", "Peru", "PERGOV", "Chile", "CHLGOV", "036"))
	if status, _ := post(t, newTestServer(t, ""), "", body); status != http.StatusForbidden {
		t.Errorf("post without server token: %d", status)
	}
	ts := newTestServer(t, "s3cret")
	if status, _ := post(t, ts, "", body); status != http.StatusUnauthorized {
		t.Errorf("post without token: %d", status)
	}
	if status, _ := post(t, ts, "wrong", body); status != http.StatusUnauthorized {
		t.Errorf("post with wrong token: %d", status)
	}
	status, m := post(t, ts, "s3cret", body)
	if status != 200 || fmt.Sprint(m["stored"]) != "[map[id:n1 status:inserted]]" {
		t.Errorf("post: %d %v", status, m)
	}
	if st, m, _ := get(t, ts, "/api/events?source=PER"); st != 200 || len(m["events"].([]any)) != 1 {
		t.Errorf("posted event not found: %v", m)
	}
	if status, _ := post(t, ts, "s3cret", []byte("{bad")); status != http.StatusBadRequest {
		t.Errorf("bad json: %d", status)
	}
	if status, _ := post(t, ts, "s3cret", bytes.Repeat([]byte(" "), 5000)); status != http.StatusRequestEntityTooLarge {
		t.Errorf("large body: %d", status)
	}
	req, _ := http.NewRequest("DELETE", ts.URL+"/api/documents/a", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed && resp.StatusCode != http.StatusNotFound {
		t.Errorf("DELETE: %d", resp.StatusCode)
	}
}

func FuzzFilterFromQuery(f *testing.F) {
	for _, s := range []string{"text=a&code=19", "near=1,2,3", "from=2024-01-01&limit=5", "text=%22&code=1x", "near=nan,0,1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := urlParse(s)
		if err != nil {
			return
		}
		FilterFromQuery(q) // must not panic
	})
}

func urlParse(s string) (map[string][]string, error) {
	return url.ParseQuery(s)
}

// TestEncodedEventPage checks that the events page written from stored
// encodings is what encoding the page of Events writes.
func TestEncodedEventPage(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, d := range []*document.Document{
		doc("a", "2024-02-01", "Iran", "IRNGOV", "Iraq", "IRQMIL", "190"),
		doc("b", "2024-02-02", "Iran", "IRNGOV", "Syria", "SYRGOV", "042"),
	} {
		if _, err := st.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []store.Filter{{}, {Limit: 1}, {Limit: 1, Offset: 1}, {Source: "IRQ"}} {
		evs, err := st.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := st.EventsJSON(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(page("events", evs, len(evs), f))
		if got := encodedPage("events", raw, f); string(got) != string(want) {
			t.Errorf("%+v:\n got %s\nwant %s", f, got, want)
		}
	}
}
