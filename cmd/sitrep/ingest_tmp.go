package main

// TEMPORARY stand-in for the lead's cmd/sitrep/extract.go, so that "sitrep
// ingest" can be built and tested before the readers and the pipeline land.
// It reads sitrep/1 Document JSON Lines only and runs no stage. The lead
// replaces this file at merge with the real extractOptions,
// addExtractFlags and readAndProcess.

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/sitrep/sitrep/document"
)

// extractOptions are the reading and pipeline options shared by extract
// and ingest.
type extractOptions struct {
	// OnFailure, when set, is called for every input or record that could
	// not be read or processed; reading goes on with the next one.
	OnFailure func(input string, err error)
}

// addExtractFlags registers the reading and pipeline flags on fs.
func addExtractFlags(fs *flag.FlagSet) *extractOptions {
	return &extractOptions{}
}

// readAndProcess reads every input ("-" is standard input), runs the
// pipeline on each document and calls fn with it, in input order. An error
// from fn stops the run and is returned.
func readAndProcess(ctx context.Context, e *env, opts *extractOptions, inputs []string, fn func(*document.Document) error) error {
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		var r io.Reader
		if in == "-" {
			r = e.stdin
		} else {
			f, err := os.Open(in)
			if err != nil {
				if opts.OnFailure != nil {
					opts.OnFailure(in, err)
					continue
				}
				return fmt.Errorf("read %s: %w", in, err)
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
				if opts.OnFailure != nil {
					opts.OnFailure(where, err)
					continue
				}
				return fmt.Errorf("%s: %w", where, err)
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
			if opts.OnFailure != nil {
				opts.OnFailure(in, err)
				continue
			}
			return fmt.Errorf("read %s: %w", in, err)
		}
	}
	return nil
}
