package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestGet(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.UserAgent(), "sitrep/") {
			t.Errorf("user agent %q", r.UserAgent())
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write([]byte("hello"))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(strings.Repeat("x", 2000))) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := context.Background()

	if _, err := New(Options{}).Get(ctx, srv.URL+"/ok", nil); err == nil || !strings.Contains(err.Error(), "private address") {
		t.Errorf("loopback allowed by default: %v", err)
	}
	c := New(Options{AllowPrivate: true, MaxBytes: 1000})
	resp, err := c.Get(ctx, srv.URL+"/ok", nil)
	if err != nil || string(resp.Body) != "hello" || resp.ETag != `"v1"` {
		t.Fatalf("Get /ok = %+v, %v", resp, err)
	}
	if _, err := c.Get(ctx, srv.URL+"/big", nil); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Get /big: %v, want ErrTooLarge", err)
	}
	if _, err := c.Get(ctx, srv.URL+"/loop", nil); err == nil || !strings.Contains(err.Error(), "redirects") {
		t.Errorf("Get /loop: %v", err)
	}
	if _, err := c.Get(ctx, srv.URL+"/gone", nil); err == nil || !strings.Contains(err.Error(), "410") {
		t.Errorf("Get /gone: %v", err)
	}
	if _, err := c.Get(ctx, "ftp://example.org/x", nil); err == nil {
		t.Error("ftp URL accepted")
	}
}
