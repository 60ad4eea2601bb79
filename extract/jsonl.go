package extract

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/sitrep/sitrep/document"
	"io"
	"strconv"
	"strings"
)

// extractJSONL reads one article per line. Known fields: id, url, title,
// source, published (also date, dct, publish_date), text, html; every other
// field is kept under meta. A bad line is reported with its number and the
// other lines are still read.
func (x *Extractor) extractJSONL(ctx context.Context, in Input, br *bufio.Reader, emit Emit) error {
	lineNo := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, tooLong, err := readLine(br, x.opts.MaxBytes)
		if len(line) == 0 && err == io.EOF {
			return nil
		}
		lineNo++
		name := in.Name + ":" + strconv.Itoa(lineNo)
		if err != nil && err != io.EOF {
			return emit(failed(name, err))
		}
		if tooLong {
			if e := emit(failed(name, fmt.Errorf("%w: line over %d bytes (see --max-bytes)", ErrTooLarge, x.opts.MaxBytes))); e != nil {
				return e
			}
			continue
		}
		if len(bytes.TrimSpace(line)) > 0 {
			line := bytes.Clone(line)
			if e := emit(job(name, func(context.Context) (*document.Document, error) { return x.fromJSONLine(line, name) })); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine reads one line of at most max bytes; a longer line is consumed
// and reported as tooLong.
func readLine(br *bufio.Reader, max int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(chunk)) > max {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), tooLong, err
	}
}

func (x *Extractor) fromJSONLine(line []byte, name string) (*document.Document, error) {
	var rec map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	if err := dec.Decode(&rec); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("bad JSON at byte %d: %v", se.Offset, err)
		}
		return nil, fmt.Errorf("bad JSON: %v", err)
	}
	if rec == nil {
		return nil, fmt.Errorf("bad JSON: not an object")
	}
	if raw, ok := rec["schema"]; ok && string(raw) == `"`+document.SchemaVersion+`"` {
		return processedDocument(line, name)
	}
	str := func(keys ...string) (string, error) {
		for _, k := range keys {
			raw, ok := rec[k]
			if !ok {
				continue
			}
			delete(rec, k)
			if string(raw) == "null" {
				continue
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				// Numbers are accepted as ids.
				var n json.Number
				if json.Unmarshal(raw, &n) == nil {
					return n.String(), nil
				}
				return "", fmt.Errorf("field %q: want a string", k)
			}
			return s, nil
		}
		return "", nil
	}
	var a article
	var err error
	fields := []struct {
		dst  *string
		keys []string
	}{
		{&a.id, []string{"id"}}, {&a.url, []string{"url", "link"}}, {&a.title, []string{"title", "headline"}},
		{&a.source, []string{"source"}}, {&a.published, []string{"published", "date", "dct", "publish_date", "published_at"}},
		{&a.byline, []string{"byline", "author"}},
	}
	for _, f := range fields {
		if *f.dst, err = str(f.keys...); err != nil {
			return nil, err
		}
	}
	text, err := str("text", "body", "content")
	if err != nil {
		return nil, err
	}
	htmlSrc, err := str("html")
	if err != nil {
		return nil, err
	}
	if a.published != "" {
		a.publishedFrom = "input"
	}
	meta := map[string]any{}
	if raw, ok := rec["meta"]; ok {
		delete(rec, "meta")
		var m map[string]any
		if json.Unmarshal(raw, &m) == nil {
			for k, v := range m {
				meta[k] = v
			}
		}
	}
	for k, raw := range rec {
		var v any
		if json.Unmarshal(raw, &v) == nil {
			meta[k] = v
		}
	}
	if len(meta) > 0 {
		a.meta = meta
	}
	switch {
	case strings.TrimSpace(text) != "":
		a.paragraphs = splitParagraphs(text)
		a.detectTitle = a.title == ""
	case strings.TrimSpace(htmlSrc) != "":
		h, err := x.articleFromHTML([]byte(htmlSrc), "text/html; charset=utf-8", a.url)
		if err != nil {
			return nil, err
		}
		h.id, h.meta = a.id, a.meta
		h.title = firstNonEmpty(a.title, h.title)
		h.source = firstNonEmpty(a.source, h.source)
		h.byline = firstNonEmpty(a.byline, h.byline)
		if a.published != "" {
			h.published, h.publishedFrom = a.published, a.publishedFrom
		}
		a = *h
	default:
		return nil, fmt.Errorf("no text: the record has neither a \"text\" nor an \"html\" field")
	}
	x.finishDates(&a)
	return x.finish(&a, name), nil
}

// processedDocument reads a line that is a sitrep/1 Document, as
// "sitrep extract" writes them, so that extracted documents can be stored
// later without running the pipeline again. Its layers must lie inside its
// text.
func processedDocument(line []byte, name string) (*document.Document, error) {
	d := &document.Document{}
	if err := json.Unmarshal(line, d); err != nil {
		return nil, fmt.Errorf("bad %s document: %v", document.SchemaVersion, err)
	}
	if d.ID == "" || strings.TrimSpace(d.Text) == "" {
		return nil, fmt.Errorf("bad %s document: no id or no text", document.SchemaVersion)
	}
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("bad %s document: %w", document.SchemaVersion, err)
	}
	d.Normalize()
	if d.Input == "" {
		d.Input = name
	}
	d.SetProcessed()
	return d, nil
}
