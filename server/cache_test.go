package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep/sitrep/store"
)

func fetch(t *testing.T, ts *httptest.Server, path string) (status int, body string, hit bool) {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header.Get("X-Cache") == "hit"
}

// TestResponseCache checks that cached answers are the uncached ones and
// that any commit to the database, by another connection or process too,
// empties the cache.
func TestResponseCache(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Put(ctx, doc("a", "2024-02-01", "Iran", "IRNGOV", "Iraq", "IRQMIL", "190")); err != nil {
		t.Fatal(err)
	}
	cached := httptest.NewServer(New(st, Options{Token: "t"}))
	defer cached.Close()
	plain := httptest.NewServer(New(st, Options{CacheBytes: -1}))
	defer plain.Close()

	for _, p := range []string{"/api/events?source=IRN", "/api/documents?text=Iran", "/api/documents", "/api/stats", "/api/documents/a", "/api/aggregates/pairs"} {
		s1, b1, hit1 := fetch(t, cached, p)
		s2, b2, hit2 := fetch(t, cached, p)
		s3, b3, hit3 := fetch(t, plain, p)
		if s1 != 200 || hit1 || !hit2 || hit3 || b1 != b2 || b1 != b3 || s2 != 200 || s3 != 200 {
			t.Errorf("%s: %d %v %q / %d %v %q / uncached %d %v %q", p, s1, hit1, b1, s2, hit2, b2, s3, hit3, b3)
		}
	}
	// Errors are not cached.
	for range 2 {
		if s, _, hit := fetch(t, cached, "/api/events?from=yesterday"); s != 400 || hit {
			t.Errorf("bad request: %d hit=%v", s, hit)
		}
	}

	// A write by another process (here another Store on the same file).
	other, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Put(ctx, doc("b", "2024-02-02", "Iran", "IRNGOV", "Syria", "SYRGOV", "042")); err != nil {
		t.Fatal(err)
	}
	other.Close()
	_, b, hit := fetch(t, cached, "/api/events?source=IRN")
	_, want, _ := fetch(t, plain, "/api/events?source=IRN")
	if hit || b != want {
		t.Fatalf("after another process's write: hit=%v %s, want %s", hit, b, want)
	}
	if _, _, hit := fetch(t, cached, "/api/events?source=IRN"); !hit {
		t.Fatal("not cached again")
	}
	// A write through the API.
	body := []byte(fmt.Sprintf(`{"schema":"sitrep/1","id":"c","title":"Iran","text":"Iran and Oman.","published":"2024-02-03","events":[{"id":"v1","code":"036","source_actor":"IRNGOV","trigger":{"start":0,"end":4,"text":"Iran"},"sentence":{"start":0,"end":14}}]}`))
	if status, m := post(t, cached, "t", body); status != 200 {
		t.Fatalf("post: %d %v", status, m)
	}
	_, b, hit = fetch(t, cached, "/api/events?source=IRN")
	_, want, _ = fetch(t, plain, "/api/events?source=IRN")
	if hit || b != want {
		t.Fatalf("after a posted document: hit=%v %s, want %s", hit, b, want)
	}
	if cs := New(st, Options{}).CacheStats(); cs.Hits != 0 {
		t.Fatalf("fresh server stats %+v", cs)
	}
}

func TestRespCacheBounds(t *testing.T) {
	c := newRespCache(64 * 10)
	body := make([]byte, 8)
	for i := range 100 {
		c.put(fmt.Sprint("k", i), 1, body)
	}
	if st := c.stats(); st.Bytes > 640 || st.Entries == 0 || st.Entries > 80 {
		t.Fatalf("stats %+v", st)
	}
	if _, ok := c.get("k99", 1); !ok {
		t.Fatal("newest entry evicted")
	}
	if _, ok := c.get("k0", 1); ok {
		t.Fatal("oldest entry kept")
	}
	c.put("big", 1, make([]byte, 11)) // above maxEntry (640/64)
	if _, ok := c.get("big", 1); ok {
		t.Fatal("oversized entry cached")
	}
	if _, ok := c.get("k99", 2); ok {
		t.Fatal("entry survived a new data version")
	}
	c.put("old", 1, body) // computed before version 2 was seen
	if _, ok := c.get("old", 2); ok {
		t.Fatal("stale entry cached")
	}
}

// TestConcurrentMissesShareOneQuery checks that identical requests that
// miss the cache together run the query once and all get its answer, and
// that a client going away does not cancel the query others wait for.
func TestConcurrentMissesShareOneQuery(t *testing.T) {
	ctx := context.Background()
	s := New(emptyStore(t), Options{})
	var calls atomic.Int32
	release := make(chan struct{})
	h := s.handle(func(r *http.Request, f store.Filter) (any, error) {
		calls.Add(1)
		<-release
		if err := r.Context().Err(); err != nil {
			return nil, err
		}
		return map[string]string{"text": f.Text}, nil
	})
	const n = 8
	var wg sync.WaitGroup
	codes := make([]int, n)
	bodies := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rctx := ctx
			if i == 0 {
				// The first client gives up at once.
				c, cancel := context.WithCancel(ctx)
				cancel()
				rctx = c
			}
			w := httptest.NewRecorder()
			h(w, httptest.NewRequest("GET", "/api/documents?text=oil", nil).WithContext(rctx))
			codes[i], bodies[i] = w.Code, w.Body.String()
		}()
	}
	// Let the requests reach the shared query before it answers.
	for deadline := time.Now().Add(5 * time.Second); calls.Load() == 0 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if c := calls.Load(); c < 1 || c > 2 {
		// One query for the burst (a straggler that missed the cache just
		// before the answer was stored may run a second one).
		t.Errorf("query ran %d times for %d identical requests", c, n)
	}
	for i := 1; i < n; i++ {
		if codes[i] != 200 || bodies[i] != `{"text":"oil"}`+"\n" {
			t.Errorf("request %d: %d %q", i, codes[i], bodies[i])
		}
	}
}

// TestWorkersAdmitInArrivalOrder checks that queries beyond Options.Workers
// wait and then run first come, first served, never more at once than the
// bound.
func TestWorkersAdmitInArrivalOrder(t *testing.T) {
	s := New(emptyStore(t), Options{Workers: 1, CacheBytes: -1})
	var (
		mu       sync.Mutex
		order    []string
		running  atomic.Int32
		overlaps atomic.Int32
	)
	release := make(chan struct{})
	h := s.handle(func(r *http.Request, f store.Filter) (any, error) {
		if running.Add(1) > 1 {
			overlaps.Add(1)
		}
		defer running.Add(-1)
		mu.Lock()
		order = append(order, f.Text)
		mu.Unlock()
		if f.Text == "first" {
			<-release
		}
		return nil, nil
	})
	var wg sync.WaitGroup
	get := func(text string) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h(httptest.NewRecorder(), httptest.NewRequest("GET", "/api/documents?text="+text, nil))
		}()
	}
	get("first")
	for deadline := time.Now().Add(5 * time.Second); running.Load() == 0 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	want := []string{"first", "a", "b", "c", "d", "e"}
	for _, text := range want[1:] {
		get(text)
		time.Sleep(20 * time.Millisecond) // let it queue before the next
	}
	close(release)
	wg.Wait()
	if n := overlaps.Load(); n != 0 {
		t.Errorf("%d queries ran beside another with Workers 1", n)
	}
	if fmt.Sprint(order) != fmt.Sprint(want) {
		t.Errorf("queries ran in order %v, want arrival order %v", order, want)
	}
}

// emptyStore opens a new database for the test, closed at its end.
func emptyStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
