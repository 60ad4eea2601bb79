package server

import (
	"context"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/sitrep/sitrep/store"
)

// BenchmarkHandler serves typical requests through the handler (no
// network) on the database named by $SITREP_BENCH_DB.
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
	h := New(st, Options{})
	for _, path := range []string{
		"/api/events?source=IRN&code=19&from=2024-01-01&limit=50",
		"/api/documents?text=oil%20prices&sort=newest&limit=20",
	} {
		b.Run(path[5:15], func(b *testing.B) {
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
				if w.Code != 200 {
					b.Fatal(w.Code, w.Body.String())
				}
			}
		})
	}
}
