// Package pipeline runs documents through a sequence of stages on a pool of
// workers.
//
// A Stage adds annotation layers to a document in place. Stages must be safe
// for concurrent use by several workers on different documents; per-worker
// scratch state belongs in the stage's own pool, not in package variables.
package pipeline

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sitrep/sitrep/document"
)

// Stage is one step of the pipeline.
type Stage interface {
	// Name is the stage's short name, as used by --stages ("segment", "syntax", ...).
	Name() string
	// Process annotates d. An error fails this document only.
	Process(ctx context.Context, d *document.Document) error
}

// Pipeline is an ordered list of stages.
type Pipeline struct {
	Stages []Stage
	// Workers is the number of documents processed at once; 0 means GOMAXPROCS.
	Workers int
	// Timings, when set, accumulates the time spent loading documents and
	// in each stage (see NewTimings).
	Timings *Timings
}

// Timings is the time a pipeline spent in each of its steps, summed over
// workers: on an idle machine with no more workers than cores, about the
// CPU time of each step. It is safe for concurrent use.
type Timings struct {
	names []string
	nanos []atomic.Int64
	docs  atomic.Int64
}

// LoadStep is the name Timings gives to reading and extracting documents.
const LoadStep = "read"

// NewTimings returns Timings for the steps of p: LoadStep, then each stage.
func NewTimings(p *Pipeline) *Timings {
	names := []string{LoadStep}
	for _, s := range p.Stages {
		names = append(names, s.Name())
	}
	return &Timings{names: names, nanos: make([]atomic.Int64, len(names))}
}

func (t *Timings) add(step int, since time.Time) {
	if t != nil && step < len(t.nanos) {
		t.nanos[step].Add(int64(time.Since(since)))
	}
}

// Docs is the number of documents loaded.
func (t *Timings) Docs() int { return int(t.docs.Load()) }

// Each calls fn for every step in pipeline order.
func (t *Timings) Each(fn func(step string, d time.Duration)) {
	for i, n := range t.names {
		fn(n, time.Duration(t.nanos[i].Load()))
	}
}

// Process runs every stage on d in order. A document read back in its
// processed form (d.Processed) is left as it is.
func (p *Pipeline) Process(ctx context.Context, d *document.Document) error {
	if d.Processed() {
		return nil
	}
	for i, s := range p.Stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		err := runStage(ctx, s, d)
		p.Timings.add(i+1, start)
		if err != nil {
			return fmt.Errorf("stage %s: %w", s.Name(), err)
		}
	}
	return nil
}

// runStage runs one stage, turning a panic into an error that names it.
func runStage(ctx context.Context, s Stage, d *document.Document) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	return s.Process(ctx, d)
}

// Job is one document to process. Load reads or extracts it; it runs on a
// worker, so that expensive extraction (HTML, fetching) is parallel too.
type Job struct {
	// Input names the document's origin for error messages.
	Input string
	Load  func(ctx context.Context) (*document.Document, error)
}

// Result is one processed document, or the error that stopped it.
type Result struct {
	Input string
	Doc   *document.Document
	Err   error
	// Seq is the position of the document in the input order.
	Seq int
}

// Run loads and processes the jobs read from in concurrently and sends results on
// the returned channel in input order. The channel is closed when in is
// closed and drained, or when ctx is done.
func (p *Pipeline) Run(ctx context.Context, in <-chan Job) <-chan Result {
	workers := p.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		seq int
		Job
	}
	jobs := make(chan job)
	done := make(chan Result, workers)
	out := make(chan Result, workers)

	go func() {
		defer close(jobs)
		seq := 0
		for j := range in {
			select {
			case jobs <- job{seq, j}:
				seq++
			case <-ctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				d, err := p.safeRun(ctx, j.Job)
				done <- Result{Input: j.Input, Doc: d, Err: err, Seq: j.seq}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()

	// Reorder so that output follows input order.
	go func() {
		defer close(out)
		pending := make(map[int]Result)
		next := 0
		for r := range done {
			pending[r.Seq] = r
			for {
				r, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				select {
				case out <- r:
				case <-ctx.Done():
					for range done {
					}
					return
				}
			}
		}
	}()
	return out
}

// safeRun loads and processes one job. A panic in a loader or a stage
// becomes an error for that document, so one bad input never takes the
// batch down.
func (p *Pipeline) safeRun(ctx context.Context, j Job) (d *document.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	start := time.Now()
	d, err = j.Load(ctx)
	if p.Timings != nil {
		p.Timings.add(0, start)
		p.Timings.docs.Add(1)
	}
	if err != nil {
		return nil, err
	}
	return d, p.Process(ctx, d)
}
