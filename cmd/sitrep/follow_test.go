package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/internal/shared"
	"github.com/sitrep/sitrep/store"
)

// TestFollowFeeds serves real feed files on loopback and checks that
// polling uses conditional requests, stores new items only and backs off
// on errors.
func TestFollowFeeds(t *testing.T) {
	guardian := shared.Path(t, "feeds/guardian-us_2018-01-31.rss")
	wapo := shared.Path(t, "feeds/washingtonpost-wellness_2012-08.rss")
	var mu sync.Mutex
	var log []string // what the server answered
	var times []time.Time
	// Polls 1-2: guardian (200, then 304 thanks to the ETag); 3: 500;
	// 4: 503; 5: wapo (200); 6: guardian again (200, items already seen).
	serve := []string{guardian, guardian, "500", "503", wapo, guardian}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		i := len(log)
		times = append(times, time.Now())
		if i >= len(serve) {
			i = len(serve) - 1
		}
		switch serve[i] {
		case "500", "503":
			log = append(log, serve[i])
			http.Error(w, "down", map[string]int{"500": 500, "503": 503}[serve[i]])
			return
		}
		etag := `"` + filepath.Base(serve[i]) + `"`
		if r.Header.Get("If-None-Match") == etag {
			log = append(log, "304")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		log = append(log, "200")
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Wed, 31 Jan 2018 12:00:00 GMT")
		w.Header().Set("Content-Type", "application/rss+xml")
		b, _ := os.ReadFile(serve[i])
		w.Write(b)
	}))
	defer srv.Close()

	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "f.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e := &env{stdout: io.Discard, stderr: io.Discard}
	stored := 0
	put := func(d *document.Document) error {
		if _, err := st.Put(ctx, d); err != nil {
			return err
		}
		stored++
		return nil
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	const interval = 20 * time.Millisecond
	if err := followFeeds(ctx, e, st, &pipelineFlags{noFetch: true}, []string{srv.URL + "/feed.rss"}, interval, len(serve), logger, put, func() error { return nil }); err != nil {
		t.Fatal(err)
	}
	want := []string{"200", "304", "500", "503", "200", "200"}
	if len(log) != len(want) {
		t.Fatalf("server answered %v, want %v", log, want)
	}
	for i := range want {
		if log[i] != want[i] {
			t.Fatalf("server answered %v, want %v", log, want)
		}
	}
	stats, _ := st.Stats(ctx)
	if stored != stats.Documents || stored < 60 {
		t.Fatalf("stored %d items, database has %d", stored, stats.Documents)
	}
	// Backoff: after the first error the wait doubles (2x, then 4x).
	gap1, gap2 := times[3].Sub(times[2]), times[4].Sub(times[3])
	if gap1 < 2*interval || gap2 < 4*interval {
		t.Errorf("no backoff: gaps %v, %v after errors (interval %v)", gap1, gap2, interval)
	}
	fs, _ := st.Feed(ctx, srv.URL+"/feed.rss")
	if fs.Errors != 0 || fs.ETag == "" {
		t.Errorf("feed state %+v", fs)
	}
	if err := followFeeds(ctx, e, st, &pipelineFlags{noFetch: true}, []string{"file:///etc/passwd"}, interval, 1, logger, put, func() error { return nil }); err == nil {
		t.Error("non-http feed accepted")
	}
}
