package server

import (
	"bufio"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/store"
)

// BenchmarkHandler serves requests through the handler (no network, no
// response cache) on the database named by $SITREP_BENCH_DB: with
// $SITREP_BENCH_QUERIES naming a directory of path lists (tools/gendocs
// -queries), each list in turn, else a few typical paths.
func BenchmarkHandler(b *testing.B) {
	p := os.Getenv("SITREP_BENCH_DB")
	if p == "" {
		b.Skip("set SITREP_BENCH_DB")
	}
	st, err := store.Open(context.Background(), p, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	h := New(st, Options{CacheBytes: -1})
	lists := map[string][]string{
		"events": {"/api/events?source=IRN&code=19&from=2024-01-01&limit=50"},
		"newest": {"/api/documents?text=oil%20prices&sort=newest&limit=20"},
	}
	if dir := os.Getenv("SITREP_BENCH_QUERIES"); dir != "" {
		lists = map[string][]string{}
		for _, name := range []string{"events", "text", "newest", "phrase"} {
			f, err := os.Open(filepath.Join(dir, name+".txt"))
			if err != nil {
				b.Fatal(err)
			}
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				lists[name] = append(lists[name], sc.Text())
			}
			f.Close()
		}
	}
	for name, paths := range lists {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest("GET", paths[i%len(paths)], nil))
				if w.Code != 200 {
					b.Fatal(w.Code, w.Body.String())
				}
				i++
			}
		})
	}
}
