// Package extract reads articles from files, directories, standard input and
// URLs in several formats (plain text, HTML, JSON Lines, RSS/Atom feeds,
// WARC) and lays each one out as a [document.Document]: title, captions and
// body paragraphs, with the dateline, publication date and metadata found.
//
// Every failure names its input (and line or record) and stops only that
// input or record; the caller decides what to do with the rest of the batch.
package extract

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/fetch"
	"github.com/sitrep/sitrep/pipeline"
)

// Format is an input format.
type Format string

// The input formats.
const (
	FormatAuto  Format = ""
	FormatText  Format = "text"
	FormatHTML  Format = "html"
	FormatJSONL Format = "jsonl"
	FormatFeed  Format = "feed"
	FormatWARC  Format = "warc"
)

// Options configure an Extractor.
type Options struct {
	// Published is used for documents that carry no publication date
	// (RFC 3339 or YYYY-MM-DD).
	Published string
	// MaxBytes caps each document: a file, a JSON line, a WARC record, a
	// fetched page. 0 means 20 MB.
	MaxBytes int64
	// Fetcher fetches URLs and feed items' pages; nil disables fetching.
	Fetcher *fetch.Client
	// NoFetch keeps feed items as the feed gives them, without fetching pages.
	NoFetch bool
	// Format forces the input format; FormatAuto detects it.
	Format Format
}

// Extractor turns inputs into documents. It is safe for concurrent use.
type Extractor struct {
	opts Options
}

// New returns an Extractor.
func New(opts Options) *Extractor {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 20 << 20
	}
	return &Extractor{opts: opts}
}

// Emit receives one job per document found. The job's Load does the
// expensive part (extraction, fetching) on a pipeline worker; a job for an
// input or record that could not be read returns its error. Returning an
// error from Emit stops the input.
type Emit func(j pipeline.Job) error

// failed returns a job that reports err for the named input or record.
func failed(name string, err error) pipeline.Job {
	e := &Error{Input: name, Err: err}
	return pipeline.Job{Input: name, Load: func(context.Context) (*document.Document, error) { return nil, e }}
}

// job returns a job that loads a document with f.
func job(name string, f func(ctx context.Context) (*document.Document, error)) pipeline.Job {
	return pipeline.Job{Input: name, Load: func(ctx context.Context) (*document.Document, error) {
		d, err := f(ctx)
		if err != nil {
			return nil, &Error{Input: name, Err: err}
		}
		return d, nil
	}}
}

// Error is a failure to read one input or one record of it.
type Error struct {
	Input string // path or URL, with ":LINE" or "#OFFSET" for records
	Err   error
}

func (e *Error) Error() string { return e.Input + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// ErrTooLarge, ErrEmpty and ErrBinary classify rejected inputs.
var (
	ErrTooLarge = errors.New("too large")
	ErrEmpty    = errors.New("empty input")
	ErrBinary   = errors.New("binary content, not text")
)

// Input is one thing to read: a file, standard input, or a fetched page.
type Input struct {
	// Name is the path or URL, as given.
	Name string
	// URL is the page's URL when known.
	URL string
	// ContentType is the declared media type, if any.
	ContentType string
	// Open opens the content.
	Open func() (io.ReadCloser, error)
}

// Extract reads in and emits a job per document. Failures, of the whole
// input or of one record, are emitted as jobs that return the error; the
// returned error is only Emit's own.
func (x *Extractor) Extract(ctx context.Context, in Input, emit Emit) error {
	fail := func(err error) error { return emit(failed(in.Name, err)) }
	if in.Open == nil && in.URL != "" {
		if x.opts.Fetcher == nil {
			return fail(errors.New("fetching URLs is disabled"))
		}
		resp, err := x.opts.Fetcher.Get(ctx, in.URL, nil)
		if err != nil {
			return fail(err)
		}
		in.URL, in.ContentType = resp.URL, resp.ContentType
		body := resp.Body
		in.Open = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	}
	rc, err := in.Open()
	if err != nil {
		return fail(err)
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 64<<10)
	head, _ := br.Peek(4096)
	format := x.opts.Format
	if format == FormatAuto {
		format = Detect(in.Name, in.ContentType, head)
	}
	switch format {
	case FormatJSONL:
		return x.extractJSONL(ctx, in, br, emit)
	case FormatWARC:
		return x.extractWARC(ctx, in, br, emit)
	}
	data, err := io.ReadAll(io.LimitReader(br, x.opts.MaxBytes+1))
	if err != nil {
		return fail(fmt.Errorf("read: %w", err))
	}
	if int64(len(data)) > x.opts.MaxBytes {
		return fail(fmt.Errorf("%w: over %d bytes (see --max-bytes)", ErrTooLarge, x.opts.MaxBytes))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(ErrEmpty)
	}
	switch format {
	case FormatHTML:
		return emit(job(in.Name, func(context.Context) (*document.Document, error) {
			return x.fromHTML(data, in.ContentType, in.URL, in.Name)
		}))
	case FormatFeed:
		return x.extractFeed(ctx, in, data, emit)
	default:
		if isBinary(data) {
			return fail(ErrBinary)
		}
		return emit(job(in.Name, func(context.Context) (*document.Document, error) {
			text, warn := toUTF8(data)
			a := &article{paragraphs: splitParagraphs(text), detectTitle: true, url: in.URL}
			if warn != "" {
				a.warnings = append(a.warnings, warn)
			}
			x.finishDates(a)
			return x.finish(a, in.Name), nil
		}))
	}
}

// finish lays out a and resolves its publication date and dateline.
func (x *Extractor) finish(a *article, input string) *document.Document {
	d := layout(a, input)
	if d.Published == "" && d.Dateline != nil && d.Dateline.Date != "" {
		if t, ok := parseDate(d.Dateline.Date); ok && t.Year() > 1 {
			d.Published = t.Format(time.DateOnly)
			d.PublishedFrom = "dateline"
		}
	}
	return d
}

// finishDates normalizes a.published and falls back on Options.Published.
func (x *Extractor) finishDates(a *article) {
	if a.published != "" {
		if t, ok := parseDate(a.published); ok {
			a.published = formatDate(t)
		} else {
			a.warnings = append(a.warnings, fmt.Sprintf("unparsed publication date %q", a.published))
			a.published = ""
			a.publishedFrom = ""
		}
	}
	if a.published == "" && x.opts.Published != "" {
		a.published = x.opts.Published
		a.publishedFrom = "flag"
	}
}

// Detect guesses the format from the name, the media type and the first bytes.
func Detect(name, contentType string, head []byte) Format {
	lname := strings.ToLower(name)
	if i := strings.IndexAny(lname, "?#"); i >= 0 && strings.Contains(lname, "://") {
		lname = lname[:i]
	}
	switch {
	case strings.HasSuffix(lname, ".warc"), strings.HasSuffix(lname, ".warc.gz"):
		return FormatWARC
	case strings.HasSuffix(lname, ".jsonl"), strings.HasSuffix(lname, ".ndjson"):
		return FormatJSONL
	}
	ct := strings.ToLower(contentType)
	switch {
	case strings.Contains(ct, "rss"), strings.Contains(ct, "atom"):
		return FormatFeed
	case strings.Contains(ct, "html"):
		return FormatHTML
	}
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		return FormatWARC // only WARC may come gzip-compressed
	}
	h := bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf")
	lh := bytes.ToLower(h[:min(len(h), 1024)])
	switch {
	case bytes.HasPrefix(h, []byte("WARC/")):
		return FormatWARC
	case bytes.HasPrefix(h, []byte("{")):
		return FormatJSONL
	case bytes.Contains(lh, []byte("<rss")), bytes.Contains(lh, []byte("<feed")), bytes.Contains(lh, []byte("<rdf:rdf")):
		return FormatFeed
	case bytes.HasPrefix(lh, []byte("<!doctype html")), bytes.Contains(lh, []byte("<html")),
		bytes.HasPrefix(lh, []byte("<head")), bytes.HasPrefix(lh, []byte("<body")):
		return FormatHTML
	}
	switch filepath.Ext(lname) {
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".rss", ".atom":
		return FormatFeed
	case ".xml":
		if bytes.HasPrefix(lh, []byte("<?xml")) {
			return FormatFeed
		}
	}
	return FormatText
}

// isBinary reports NUL bytes or a high share of control bytes.
func isBinary(data []byte) bool {
	n := min(len(data), 8192)
	ctrl := 0
	for _, c := range data[:n] {
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	return n > 0 && ctrl*10 > n
}

// toUTF8 returns data as valid UTF-8: a BOM is dropped, and invalid bytes are
// read as Windows-1252 when the whole text looks like it, else replaced.
func toUTF8(data []byte) (string, string) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return string(data), ""
	}
	if s, ok := decodeCharset(data, "windows-1252"); ok && mostlyInvalidHigh(data) {
		return s, "input is not valid UTF-8; read as Windows-1252"
	}
	return strings.ToValidUTF8(string(data), "\uFFFD"), "invalid UTF-8 replaced by U+FFFD"
}

// mostlyInvalidHigh reports whether most bytes >= 0x80 are not part of valid
// UTF-8 sequences (a legacy single-byte encoding rather than damaged UTF-8).
func mostlyInvalidHigh(data []byte) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			valid++
		}
		i += n
	}
	return invalid > valid
}
