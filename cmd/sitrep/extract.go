package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/fetch"
	"github.com/sitrep/sitrep/pipeline"
)

// pipelineFlags are the flags shared by every command that runs the pipeline
// (extract, ingest).
type pipelineFlags struct {
	published    string
	maxBytes     int64
	allowPrivate bool
	noFetch      bool
	stages       string
	inputFormat  string
	workers      int
	gazetteer    string
	actors       stringList
	patterns     stringList
	syntax       string // "fast" (default) or "accurate"
	// onFailure, when set, is told of every input or record that failed
	// (ingest records them in the database).
	onFailure func(input string, err error)
	// timings, when set, is filled with the time spent in each stage.
	timings **pipeline.Timings
	// skip, when set, is asked about each document as read, before any
	// stage runs (concurrently, on the workers); a document it reports
	// done is neither processed nor handled (ingest resume), and onSkip,
	// when set, is told of it in input order.
	skip   func(ctx context.Context, d *document.Document) bool
	onSkip func(input string)
}

// errSkipped marks a document that pipelineFlags.skip left out.
var errSkipped = errors.New("already stored")

func (pf *pipelineFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&pf.published, "published", "", "publication `DATE` (YYYY-MM-DD or RFC 3339) for inputs that carry none")
	fs.Int64Var(&pf.maxBytes, "max-bytes", 20<<20, "largest document (file, JSON line, WARC record, page) in bytes")
	fs.BoolVar(&pf.allowPrivate, "allow-private", false, "allow fetching from private, loopback and link-local addresses")
	fs.BoolVar(&pf.noFetch, "no-fetch", false, "do not fetch the pages of feed items")
	fs.StringVar(&pf.stages, "stages", "", "comma-separated `STAGES` to run (default all: "+strings.Join(stageNames(), ",")+")")
	fs.StringVar(&pf.inputFormat, "input-format", "", "force the input `FORMAT`: text, html, jsonl, feed, warc (default: detect)")
	fs.IntVar(&pf.workers, "workers", 0, "documents processed at once (default: number of cores)")
	fs.Var(&pf.actors, "actors", "CAMEO/PETRARCH actor dictionary `FILE` to add to the built-in actor lexicon (repeatable)")
	fs.Var(&pf.patterns, "patterns", "event pattern `FILE` (events/lexicon.txt format) to add to the built-in lexicon (repeatable)")
	fs.StringVar(&pf.gazetteer, "gazetteer", "", "GeoNames download `DIR` to use instead of the embedded gazetteer (default $SITREP_GAZETTEER)")
	fs.StringVar(&pf.syntax, "syntax", "fast", "syntax `ANALYZER`: fast (greedy parser, ~100k tokens/s) or accurate (parser ensemble, UAS +2.2, ~20x slower)")
}

// processInputs reads every input, runs the pipeline and calls handle for
// each document in input order. Each input or record that fails is reported
// on e.stderr, naming it; the others go on. It returns the number of
// failures; err is set only when the run as a whole could not go on.
func processInputs(ctx context.Context, e *env, pf *pipelineFlags, args []string, handle func(*document.Document) error) (failures int, err error) {
	opts := extract.Options{MaxBytes: pf.maxBytes, NoFetch: pf.noFetch, Format: extract.Format(pf.inputFormat)}
	switch opts.Format {
	case extract.FormatAuto, extract.FormatText, extract.FormatHTML, extract.FormatJSONL, extract.FormatFeed, extract.FormatWARC:
	default:
		return 0, fmt.Errorf("unknown --input-format %q", pf.inputFormat)
	}
	if pf.published != "" {
		p, ok := extract.ValidPublished(pf.published)
		if !ok {
			return 0, fmt.Errorf("--published %q: want YYYY-MM-DD or RFC 3339", pf.published)
		}
		opts.Published = p
	}
	opts.Fetcher = fetch.New(fetch.Options{MaxBytes: pf.maxBytes, AllowPrivate: pf.allowPrivate})
	stages, err := buildStages(pf)
	if err != nil {
		return 0, err
	}
	x := extract.New(opts)
	p := &pipeline.Pipeline{Stages: stages, Workers: pf.workers}
	if pf.timings != nil {
		p.Timings = pipeline.NewTimings(p)
		*pf.timings = p.Timings
	}

	inputs, errs := extract.Inputs(args, e.stdin)
	for _, err := range errs {
		fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
		failures++
		if pf.onFailure != nil {
			pf.onFailure("", err)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan pipeline.Job, 64)
	go func() {
		defer close(jobs)
		for _, in := range inputs {
			err := x.Extract(ctx, in, func(j pipeline.Job) error {
				if pf.skip != nil {
					load := j.Load
					j.Load = func(ctx context.Context) (*document.Document, error) {
						d, err := load(ctx)
						if err == nil && pf.skip(ctx, d) {
							return nil, errSkipped
						}
						return d, err
					}
				}
				select {
				case jobs <- j:
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			})
			if err != nil {
				return
			}
		}
	}()
	var handleErr error
	for r := range p.Run(ctx, jobs) {
		if r.Err == errSkipped {
			if pf.onSkip != nil {
				pf.onSkip(r.Input)
			}
			continue
		}
		if r.Err != nil {
			var xe *extract.Error
			if errors.As(r.Err, &xe) {
				fmt.Fprintf(e.stderr, "sitrep: %v\n", r.Err)
			} else {
				fmt.Fprintf(e.stderr, "sitrep: %s: %v\n", r.Input, r.Err)
			}
			failures++
			if pf.onFailure != nil {
				pf.onFailure(r.Input, r.Err)
			}
			continue
		}
		for _, w := range r.Doc.Warnings {
			fmt.Fprintf(e.stderr, "sitrep: warning: %s: %s\n", r.Doc.Input, w)
		}
		if handleErr == nil {
			if handleErr = handle(r.Doc); handleErr != nil {
				cancel()
			}
		}
	}
	if handleErr != nil {
		return failures, handleErr
	}
	return failures, ctx.Err()
}

// runExtract implements "sitrep extract [flags] INPUT...".
func runExtract(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "extract", "[flags] INPUT... (files, directories, -, http(s) URLs)")
	var pf pipelineFlags
	pf.register(fs)
	format := fs.String("format", "", "output `FORMAT`: jsonl, json or text (default: text on a terminal, jsonl otherwise)")
	layers := fs.String("layers", "", "extra `LAYERS` to output: tokens, syntax")
	debug := fs.Bool("debug", false, "output every layer, tokens included")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to `FILE` (go tool pprof)")
	stats := fs.Bool("stats", false, "print documents, bytes, rate and the time of each stage on standard error at the end")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	if *format == "" {
		*format = "jsonl"
		if e.stdoutIsTerminal {
			*format = "text"
		}
	}
	withTokens := *debug
	for _, l := range strings.Split(*layers, ",") {
		switch strings.TrimSpace(l) {
		case "":
		case "tokens", "syntax":
			withTokens = true
		default:
			return fmt.Errorf("unknown layer %q (want tokens, syntax)", l)
		}
	}
	w := bufio.NewWriterSize(e.stdout, 1<<16)
	defer w.Flush()
	var write func(*document.Document) error
	switch *format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		write = func(d *document.Document) error { return enc.Encode(d) }
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		write = func(d *document.Document) error { return enc.Encode(d) }
	case "text":
		write = func(d *document.Document) error { return writeSummary(w, d) }
	default:
		return fmt.Errorf("unknown --format %q (want jsonl, json, text)", *format)
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	var timings *pipeline.Timings
	if *stats {
		pf.timings = &timings
	}
	start := time.Now()
	var docs, chars int
	failures, err := processInputs(ctx, e, &pf, fs.Args(), func(d *document.Document) error {
		docs++
		chars += len(d.Text)
		if !withTokens {
			d.Tokens = nil
		}
		return write(d)
	})
	if *stats {
		el := time.Since(start).Seconds()
		fmt.Fprintf(e.stderr, "sitrep: %d documents, %.1f MB of text in %.2f s: %.0f documents/s, %.2f MB/s; %d failed\n",
			docs, float64(chars)/1e6, el, float64(docs)/el, float64(chars)/1e6/el, failures)
		if timings != nil {
			writeTimings(e.stderr, timings)
		}
	}
	if err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if failures > 0 {
		return errSilent
	}
	return nil
}

// writeTimings prints the time of each pipeline step, summed over workers,
// and its share of the total.
func writeTimings(w io.Writer, t *pipeline.Timings) {
	var total time.Duration
	t.Each(func(_ string, d time.Duration) { total += d })
	if total <= 0 {
		return
	}
	fmt.Fprintf(w, "sitrep: time per step, summed over workers (%.2f s in all, %.2f ms per document):\n",
		total.Seconds(), total.Seconds()*1e3/float64(max(t.Docs(), 1)))
	t.Each(func(step string, d time.Duration) {
		fmt.Fprintf(w, "  %-8s %7.2f s  %5.1f%%\n", step, d.Seconds(), 100*d.Seconds()/total.Seconds())
	})
}

// writeSummary prints a document for a person to read.
func writeSummary(w io.Writer, d *document.Document) error {
	fmt.Fprintf(w, "== %s\n", d.Input)
	if d.Title != "" {
		fmt.Fprintf(w, "title:     %s\n", d.Title)
	}
	if d.URL != "" {
		fmt.Fprintf(w, "url:       %s\n", d.URL)
	}
	if d.Source != "" {
		fmt.Fprintf(w, "source:    %s\n", d.Source)
	}
	if d.Published != "" {
		fmt.Fprintf(w, "published: %s (%s)\n", d.Published, d.PublishedFrom)
	}
	fmt.Fprintf(w, "id:        %s  language: %s  sentences: %d\n", d.ID, d.Language, len(d.Sentences))
	if d.Dateline != nil {
		fmt.Fprintf(w, "dateline:  %q place=%s date=%s source=%s\n", d.Dateline.Text, d.Dateline.Place, d.Dateline.Date, d.Dateline.Source)
	}
	for _, c := range d.Captions {
		fmt.Fprintf(w, "caption:   %s\n", c.Text)
	}
	for _, en := range d.Entities {
		actor := ""
		if en.Actor != nil {
			actor = " [" + en.Actor.Code + "]"
		}
		fmt.Fprintf(w, "entity:    %-6s %s%s (%d mentions)\n", en.Type, en.Name, actor, len(en.Mentions))
	}
	if d.Focus != nil {
		fmt.Fprintf(w, "focus:     country %s, city %s\n", d.Focus.Country, d.Focus.City)
	}
	for _, p := range d.Places {
		fmt.Fprintf(w, "place:     %s (%s, %.3f,%.3f) %s\n", p.Name, p.Country, p.Lat, p.Lon, p.Kind)
	}
	for _, t := range d.Times {
		fmt.Fprintf(w, "time:      %q %s %s\n", t.Text, t.Type, t.Value)
	}
	for _, q := range d.Quotes {
		sp := "?"
		switch {
		case q.Speaker != nil:
			sp = *q.Speaker
			for _, en := range d.Entities {
				if en.ID == sp {
					sp = en.Name
				}
			}
		case q.SpeakerMention != nil:
			sp = q.SpeakerMention.Text
		}
		fmt.Fprintf(w, "quote:     %s by %s: %q\n", q.Kind, sp, q.Text)
	}
	for _, ev := range d.Events {
		fmt.Fprintf(w, "event:     %s %s -> %s %q\n", ev.Code, ev.SourceActor, ev.TargetActor, ev.Trigger.Text)
	}
	_, err := fmt.Fprintln(w)
	return err
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }
