package main

// TEMPORARY stand-in for the lead's cmd/sitrep/extract.go, so that "sitrep
// ingest" can be built and tested on this branch. It mirrors main's
// pipelineFlags, register and processInputs (same names and signatures),
// reads sitrep/1 Document JSON Lines and simple UTF-8 feeds only, and runs
// no stage. Delete this file at merge; extract.go's pipelineFlags then needs
// the one field onFailure (see below), called where processInputs reports a
// failed input or record.

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/pipeline"
)

// pipelineFlags are the flags shared by every command that runs the
// pipeline (extract, ingest). The fields mirror main's; onFailure is the
// one ingest adds.
type pipelineFlags struct {
	published    string
	maxBytes     int64
	allowPrivate bool
	noFetch      bool
	stages       string
	inputFormat  string
	workers      int
	gazetteer    string
	// onFailure, when set, is called (besides the report on stderr) for
	// every input or record that could not be read or processed, with its
	// name and the reason; ingest records them for "sitrep failures".
	onFailure func(input string, err error)
}

func (pf *pipelineFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&pf.published, "published", "", "publication `DATE` for inputs that carry none")
	fs.BoolVar(&pf.noFetch, "no-fetch", false, "do not fetch the pages of feed items")
	fs.StringVar(&pf.stages, "stages", "", "comma-separated `STAGES` to run")
}

// buildStages returns the stages named by pf.stages (none here).
func buildStages(pf *pipelineFlags) ([]pipeline.Stage, error) {
	return nil, nil
}

// processInputs reads every input, runs the pipeline and calls handle for
// each document in input order. Each input or record that fails is reported
// on e.stderr, naming it; the others go on. It returns the number of
// failures; err is set only when the run as a whole could not go on.
func processInputs(ctx context.Context, e *env, pf *pipelineFlags, args []string, handle func(*document.Document) error) (failures int, err error) {
	fail := func(input string, err error) {
		failures++
		fmt.Fprintf(e.stderr, "sitrep: %s: %v\n", input, err)
		if pf.onFailure != nil {
			pf.onFailure(input, err)
		}
	}
	return failures, tmpRead(ctx, e, args, fail, handle)
}

func tmpRead(ctx context.Context, e *env, inputs []string, fail func(string, error), fn func(*document.Document) error) error {
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if ext := strings.ToLower(filepath.Ext(in)); ext == ".rss" || ext == ".atom" || ext == ".xml" || ext == ".rdf" {
			docs, err := tmpReadFeed(in)
			if err != nil {
				fail(in, err)
				continue
			}
			for _, d := range docs {
				if err := fn(d); err != nil {
					return err
				}
			}
			continue
		}
		var r io.Reader
		if in == "-" {
			r = e.stdin
		} else {
			f, err := os.Open(in)
			if err != nil {
				fail(in, err)
				continue
			}
			defer f.Close()
			r = f
		}
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for line := 1; sc.Scan(); line++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			if len(sc.Bytes()) == 0 {
				continue
			}
			where := fmt.Sprintf("%s:%d", in, line)
			d := document.New()
			if err := json.Unmarshal(sc.Bytes(), d); err != nil || d.ID == "" {
				if err == nil {
					err = fmt.Errorf("no id")
				}
				fail(where, err)
				continue
			}
			d.Normalize()
			if d.Input == "" {
				d.Input = where
			}
			if err := fn(d); err != nil {
				return err
			}
		}
		if err := sc.Err(); err != nil {
			fail(in, err)
			continue
		}
	}
	return nil
}

// tmpReadFeed is a minimal RSS 2.0 / RSS 1.0 / Atom reader (UTF-8 only),
// enough to test --follow until the lead's feed reader lands.
func tmpReadFeed(path string) ([]*document.Document, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f struct {
		Items []struct {
			Title   string `xml:"title"`
			Link    string `xml:"link"`
			GUID    string `xml:"guid"`
			Desc    string `xml:"description"`
			PubDate string `xml:"pubDate"`
		} `xml:"channel>item"`
		RDFItems []struct {
			Title string `xml:"title"`
			Link  string `xml:"link"`
			Desc  string `xml:"description"`
		} `xml:"item"`
		Entries []struct {
			Title string `xml:"title"`
			ID    string `xml:"id"`
			Link  struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Summary string `xml:"summary"`
			Content string `xml:"content"`
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	dec := xml.NewDecoder(strings.NewReader(string(b)))
	dec.CharsetReader = func(cs string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(cs, "utf-8") || strings.EqualFold(cs, "us-ascii") {
			return r, nil
		}
		return nil, fmt.Errorf("charset %s not supported by the temporary reader", cs)
	}
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	var docs []*document.Document
	add := func(title, link, body, date string) {
		if link == "" {
			return
		}
		d := document.New()
		h := sha256.Sum256([]byte(link))
		d.ID = "u" + hex.EncodeToString(h[:8])
		d.URL, d.Title, d.Input = link, strings.TrimSpace(title), path+"#"+link
		if t, err := time.Parse(time.RFC1123Z, strings.TrimSpace(date)); err == nil {
			d.Published = t.UTC().Format(time.RFC3339)
		} else if t, err := time.Parse(time.RFC3339, strings.TrimSpace(date)); err == nil {
			d.Published = t.UTC().Format(time.RFC3339)
		}
		d.Text = d.Title + "\n\n" + strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(body, " ")))
		docs = append(docs, d)
	}
	for _, it := range f.Items {
		add(it.Title, it.Link, it.Desc, it.PubDate)
	}
	for _, it := range f.RDFItems {
		add(it.Title, it.Link, it.Desc, "")
	}
	for _, it := range f.Entries {
		body := it.Content
		if body == "" {
			body = it.Summary
		}
		add(it.Title, it.Link.Href, body, it.Updated)
	}
	return docs, nil
}

var tagRE = regexp.MustCompile(`<[^>]*>`)
