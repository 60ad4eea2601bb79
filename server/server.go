// Package server is sitrep's HTTP JSON API (and embedded web UI) over a
// document store.
//
// Every endpoint but POST /api/documents is read-only. Writes are refused
// unless the server has an API token, and then need it as
// "Authorization: Bearer TOKEN". Requests are bounded in size, time and
// concurrency; errors never carry stack traces or internal messages.
package server

import (
	"context"
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/store"
)

//go:embed openapi.json
var openAPI []byte

//go:embed ui/index.html ui/app.js ui/style.css ui/countries-110m.json ui/world-atlas.LICENSE
var uiFiles embed.FS

// Options configure the API.
type Options struct {
	// Token enables POST /api/documents; requests must carry it.
	Token string
	// Process, when set, runs the pipeline on a posted document before it
	// is stored.
	Process func(ctx context.Context, d *document.Document) error
	// QueryTimeout bounds each request's database work (default 10 s).
	QueryTimeout time.Duration
	// MaxBody bounds a POST body (default 8 MiB).
	MaxBody int64
	// MaxConcurrent bounds the requests served at once (default 64);
	// further requests wait up to QueryTimeout, then get 503.
	MaxConcurrent int
	// Workers bounds the queries run at once (default: GOMAXPROCS). It
	// should match the store's read connections: requests beyond it wait
	// in arrival order, where database/sql would hand a freed connection
	// to a random waiter and so give a long latency tail under load.
	Workers int
	// Logger receives request errors (default: discarded).
	Logger *slog.Logger
	// CacheBytes bounds the cache of GET responses (default 64 MiB;
	// negative: no cache). The cache is emptied by every commit to the
	// database, whoever makes it, so it never serves a stale answer.
	CacheBytes int
}

// Server is the HTTP handler.
type Server struct {
	st   *store.Store
	opts Options
	mux  *http.ServeMux
	sem  chan struct{}
	// work admits queries in arrival order (a channel's blocked senders
	// are woken first in, first out); see Options.Workers.
	work  chan struct{}
	cache *respCache // nil when off
	// flight runs concurrent cache misses for one key once.
	flight singleflight.Group
}

// New returns the API over st.
func New(st *store.Store, opts Options) *Server {
	if opts.QueryTimeout <= 0 {
		opts.QueryTimeout = 10 * time.Second
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = 8 << 20
	}
	if opts.MaxConcurrent <= 0 {
		opts.MaxConcurrent = 64
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.CacheBytes == 0 {
		opts.CacheBytes = 64 << 20
	}
	s := &Server{st: st, opts: opts, mux: http.NewServeMux(), sem: make(chan struct{}, opts.MaxConcurrent),
		work: make(chan struct{}, opts.Workers)}
	if opts.CacheBytes > 0 {
		s.cache = newRespCache(opts.CacheBytes)
	}
	s.routes()
	return s
}

// CacheStats returns the response cache's counters (zero when off).
func (s *Server) CacheStats() CacheStats {
	if s.cache == nil {
		return CacheStats{}
	}
	return s.cache.stats()
}

// HTTPServer returns an http.Server for s on addr with safe timeouts.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      s.opts.QueryTimeout + 20*time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
	}
}

func (s *Server) routes() {
	s.mux.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPI)
	})
	s.mux.HandleFunc("GET /api/stats", s.handle(func(r *http.Request, f store.Filter) (any, error) {
		return s.st.Stats(r.Context())
	}))
	s.mux.HandleFunc("GET /api/documents", s.handle(func(r *http.Request, f store.Filter) (any, error) {
		docs, err := s.st.Documents(r.Context(), f)
		return page("documents", docs, len(docs), f), err
	}))
	s.mux.HandleFunc("GET /api/documents/{id}", s.handle(func(r *http.Request, f store.Filter) (any, error) {
		d, err := s.st.Document(r.Context(), r.PathValue("id"))
		if errors.Is(err, store.ErrNotFound) {
			return nil, httpError{http.StatusNotFound, "no such document"}
		}
		return d, err
	}))
	s.mux.HandleFunc("POST /api/documents", s.handlePost)
	s.mux.HandleFunc("GET /api/events", s.handle(func(r *http.Request, f store.Filter) (any, error) {
		evs, err := s.st.EventsJSON(r.Context(), f)
		return encodedPage("events", evs, f), err
	}))
	s.mux.HandleFunc("GET /api/places", s.handle(func(r *http.Request, f store.Filter) (any, error) {
		ps, err := s.st.Places(r.Context(), f)
		return page("places", ps, len(ps), f), err
	}))
	s.mux.HandleFunc("GET /api/aggregates/{kind}", s.handle(func(r *http.Request, f store.Filter) (any, error) {
		ctx := r.Context()
		switch r.PathValue("kind") {
		case "per-day":
			return wrap(s.st.EventsPerDay(ctx, f))
		case "pairs":
			return wrap(s.st.ActorPairs(ctx, f))
		case "speakers":
			return wrap(s.st.TopSpeakers(ctx, f))
		case "index":
			return wrap(s.st.GoldsteinIndex(ctx, f))
		}
		return nil, httpError{http.StatusNotFound, "unknown aggregate (want per-day, pairs, speakers or index)"}
	}))
	s.mux.HandleFunc("GET /api/failures", s.handle(func(r *http.Request, f store.Filter) (any, error) {
		fl, err := s.st.Failures(r.Context(), f.Limit)
		return map[string]any{"failures": fl}, err
	}))
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint")
	})
	ui, err := fs.Sub(uiFiles, "ui")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	files := http.FileServerFS(ui)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "method not allowed")
			return
		}
		files.ServeHTTP(w, r)
	})
}

func wrap[T any](rows []T, err error) (any, error) {
	return map[string]any{"rows": rows}, err
}

// page wraps a result list with paging information.
func page(name string, rows any, n int, f store.Filter) map[string]any {
	limit := f.Limit
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	limit = min(limit, store.MaxLimit)
	m := map[string]any{name: rows, "offset": f.Offset, "limit": limit}
	if n == limit {
		m["next_offset"] = f.Offset + n
	}
	return m
}

// rawJSON is a response body already encoded (answer writes it as is).
type rawJSON []byte

// encodedPage is the encoding of page(name, rows, len(rows), f) for rows
// already encoded, written without encoding/json re-validating them.
func encodedPage(name string, rows []json.RawMessage, f store.Filter) rawJSON {
	m := page(name, nil, len(rows), f)
	n := 0
	for _, r := range rows {
		n += len(r) + 1
	}
	b := make([]byte, 0, n+64)
	b = append(b, `{"`...)
	b = append(b, name...)
	b = append(b, `":[`...)
	for i, r := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, r...)
	}
	b = append(b, `],"limit":`...)
	b = strconv.AppendInt(b, int64(m["limit"].(int)), 10)
	if next, ok := m["next_offset"]; ok {
		b = append(b, `,"next_offset":`...)
		b = strconv.AppendInt(b, int64(next.(int)), 10)
	}
	b = append(b, `,"offset":`...)
	b = strconv.AppendInt(b, int64(f.Offset), 10)
	return append(b, '}')
}

// httpError is an error with a status and a message safe to show.
type httpError struct {
	status int
	msg    string
}

func (e httpError) Error() string { return e.msg }

// ServeHTTP applies the security headers, the concurrency bound and panic
// recovery around the routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
	defer func() {
		if v := recover(); v != nil {
			s.opts.Logger.Error("panic serving request", "path", r.URL.Path, "panic", fmt.Sprint(v))
			writeError(w, http.StatusInternalServerError, "internal error")
		}
	}()
	t := time.NewTimer(s.opts.QueryTimeout)
	select {
	case s.sem <- struct{}{}:
		t.Stop()
		defer func() { <-s.sem }()
	case <-t.C:
		writeError(w, http.StatusServiceUnavailable, "server busy")
		return
	case <-r.Context().Done():
		t.Stop()
		return
	}
	s.mux.ServeHTTP(w, r)
}

// handle adapts a query function: it answers from the response cache when
// it can, else parses the filter from the URL, bounds the time, and writes
// the JSON result (caching it) or a safe error. With the cache on,
// concurrent misses for the same path and data version run the query once
// and share its answer, so that a burst of identical requests (a dashboard
// opened by many people, a cold cache) costs one query.
func (s *Server) handle(fn func(r *http.Request, f store.Filter) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		version, key := int64(-1), ""
		if s.cache != nil {
			ctx, cancel := context.WithTimeout(r.Context(), s.opts.QueryTimeout)
			v, err := s.st.DataVersion(ctx)
			cancel()
			if err == nil {
				version, key = v, r.URL.Path+"?"+r.URL.RawQuery
				if body, ok := s.cache.get(key, version); ok {
					w.Header().Set("X-Cache", "hit")
					writeBody(w, http.StatusOK, body)
					return
				}
			}
		}
		if version < 0 {
			ctx, cancel := context.WithTimeout(r.Context(), s.opts.QueryTimeout)
			defer cancel()
			body, err := s.answer(r.WithContext(ctx), fn)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			writeBody(w, http.StatusOK, body)
			return
		}
		// The shared query must not end when the request that started it
		// goes away: others may be waiting for it.
		res, err, _ := s.flight.Do(strconv.FormatInt(version, 10)+" "+key, func() (any, error) {
			ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), s.opts.QueryTimeout)
			defer cancel()
			body, err := s.answer(r.WithContext(ctx), fn)
			if err == nil {
				s.cache.put(key, version, body)
			}
			return body, err
		})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		writeBody(w, http.StatusOK, res.([]byte))
	}
}

// answer runs fn on the filter of r's URL and returns the JSON body. The
// query and its encoding wait for a worker slot, in arrival order.
func (s *Server) answer(r *http.Request, fn func(r *http.Request, f store.Filter) (any, error)) ([]byte, error) {
	f, err := FilterFromQuery(r.URL.Query())
	if err != nil {
		return nil, httpError{http.StatusBadRequest, err.Error()}
	}
	select {
	case s.work <- struct{}{}:
		defer func() { <-s.work }()
	case <-r.Context().Done():
		return nil, r.Context().Err()
	}
	v, err := fn(r, f)
	if err != nil {
		return nil, err
	}
	if raw, ok := v.(rawJSON); ok {
		return append(raw, '\n'), nil
	}
	body, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", r.URL.Path, err)
	}
	return append(body, '\n'), nil
}

// writeBody writes an encoded JSON body.
func writeBody(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var he httpError
	switch {
	case errors.As(err, &he):
		writeError(w, he.status, he.msg)
	case errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusServiceUnavailable, "query timed out")
	case errors.Is(err, context.Canceled):
		// the client went away
	default:
		s.opts.Logger.Error("request failed", "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// FilterFromQuery reads a Filter from URL query parameters: text, source,
// target, code (repeatable or comma-separated), plover, country,
// near=LAT,LON,KM, from, to, speaker, story, duplicates=1, limit, offset.
func FilterFromQuery(q url.Values) (store.Filter, error) {
	var f store.Filter
	f.Text = q.Get("text")
	f.Source = q.Get("source")
	f.Target = q.Get("target")
	f.Codes = splitList(q["code"])
	f.Plover = splitList(q["plover"])
	f.Country = q.Get("country")
	f.From = q.Get("from")
	f.To = q.Get("to")
	f.Speaker = q.Get("speaker")
	f.Sort = q.Get("sort")
	for _, v := range []string{f.Text, f.Source, f.Target, f.Country, f.Speaker} {
		if len(v) > 500 {
			return f, errors.New("parameter too long")
		}
	}
	if len(f.Codes) > 50 || len(f.Plover) > 50 {
		return f, errors.New("too many codes")
	}
	var err error
	if f.Story, err = intParam(q, "story"); err != nil {
		return f, err
	}
	var n int64
	if n, err = intParam(q, "limit"); err != nil {
		return f, err
	}
	f.Limit = int(min(max(n, 0), store.MaxLimit))
	if n, err = intParam(q, "offset"); err != nil {
		return f, err
	}
	f.Offset = int(min(max(n, 0), store.MaxOffset))
	switch q.Get("duplicates") {
	case "", "0", "false":
	case "1", "true":
		f.Duplicates = true
	default:
		return f, errors.New("duplicates: want 0 or 1")
	}
	if near := q.Get("near"); near != "" {
		p := strings.Split(near, ",")
		if len(p) != 3 {
			return f, errors.New("near: want LAT,LON,KM")
		}
		var v [3]float64
		for i := range p {
			if v[i], err = strconv.ParseFloat(strings.TrimSpace(p[i]), 64); err != nil {
				return f, errors.New("near: want LAT,LON,KM")
			}
		}
		f.Near = &store.Circle{Lat: v[0], Lon: v[1], Km: v[2]}
	}
	return f, f.Validate()
}

func intParam(q url.Values, name string) (int64, error) {
	v := q.Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s: not an integer", name)
	}
	return n, nil
}

func splitList(vs []string) []string {
	var out []string
	for _, v := range vs {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// handlePost stores the documents of the body: one Document JSON object,
// or JSON Lines of them.
func (s *Server) handlePost(w http.ResponseWriter, r *http.Request) {
	if s.opts.Token == "" {
		writeError(w, http.StatusForbidden, "writes are disabled (start the server with --api-token)")
		return
	}
	auth := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(tok), []byte(s.opts.Token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
		writeError(w, http.StatusUnauthorized, "missing or wrong API token")
		return
	}
	body := http.MaxBytesReader(w, r.Body, s.opts.MaxBody)
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.QueryTimeout)
	defer cancel()
	dec := json.NewDecoder(body)
	type result struct {
		ID         string  `json:"id"`
		Status     string  `json:"status"`
		DupOf      string  `json:"dup_of,omitempty"`
		Similarity float64 `json:"similarity,omitempty"`
	}
	var results []result
	for {
		d := document.New()
		err := dec.Decode(d)
		if err == io.EOF {
			break
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				writeError(w, http.StatusRequestEntityTooLarge, "body too large")
				return
			}
			writeError(w, http.StatusBadRequest, "bad document JSON")
			return
		}
		if d.ID == "" {
			writeError(w, http.StatusBadRequest, "document without id")
			return
		}
		if len(results) >= 1000 {
			writeError(w, http.StatusRequestEntityTooLarge, "at most 1000 documents per request")
			return
		}
		d.Normalize()
		if s.opts.Process != nil {
			if err := s.opts.Process(ctx, d); err != nil {
				s.opts.Logger.Warn("processing posted document failed", "id", d.ID, "err", err)
				writeError(w, http.StatusUnprocessableEntity, "processing failed for document "+d.ID)
				return
			}
		}
		res, err := s.st.Put(ctx, d)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		results = append(results, result{d.ID, res.Status.String(), res.DupOf, res.Similarity})
	}
	if len(results) == 0 {
		writeError(w, http.StatusBadRequest, "no documents in body")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"stored": results})
}
