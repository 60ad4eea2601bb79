package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/sitrep/sitrep/conllu"
	"github.com/sitrep/sitrep/segment"
	"github.com/sitrep/sitrep/udeval"
)

// runSegment implements "sitrep segment --conllu-out [INPUT]": raw text in,
// CoNLL-U out.
func runSegment(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "segment", "[--conllu-out] [FILE|-]")
	_ = fs.Bool("conllu-out", true, "write CoNLL-U (the only output format)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	in, name, closeIn, err := openInput(e, fs.Args())
	if err != nil {
		return err
	}
	defer closeIn()
	text, err := io.ReadAll(in)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	return writeSegmentation(w, string(text))
}

func writeSegmentation(w io.Writer, text string) error {
	toks, sents := segment.Segment(text)
	for _, s := range segment.CoNLLU(text, toks, sents, "s") {
		if err := conllu.Write(w, s); err != nil {
			return err
		}
	}
	return nil
}

// runEvalSegment implements "sitrep eval segment --gold FILE [--system FILE]".
func runEvalSegment(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval segment", "--gold FILE.conllu [--system FILE.conllu]")
	goldPath := fs.String("gold", "", "gold CoNLL-U file (required)")
	sysPath := fs.String("system", "", "system CoNLL-U file; default: segment the gold file's raw text")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *goldPath == "" {
		fs.Usage()
		return errUsage
	}
	gold, err := readCoNLLU(*goldPath)
	if err != nil {
		return err
	}
	var sys []*conllu.Sentence
	if *sysPath != "" {
		if sys, err = readCoNLLU(*sysPath); err != nil {
			return err
		}
	} else {
		text := udeval.RawText(gold)
		toks, sents := segment.Segment(text)
		sys = segment.CoNLLU(text, toks, sents, "s")
	}
	res, err := udeval.Compare(udeval.FromCoNLLU(gold), udeval.FromCoNLLU(sys))
	if err != nil {
		return fmt.Errorf("compare %s: %w", *goldPath, err)
	}
	fmt.Fprintf(e.stdout, "Metric     | Precision |    Recall |  F1 Score\n")
	fmt.Fprintf(e.stdout, "-----------+-----------+-----------+-----------\n")
	for _, m := range []struct {
		name string
		s    udeval.Score
	}{{"Tokens", res.Tokens}, {"Sentences", res.Sentences}} {
		fmt.Fprintf(e.stdout, "%-10s | %9.2f | %9.2f | %9.2f\n", m.name, 100*m.s.Precision(), 100*m.s.Recall(), 100*m.s.F1())
	}
	return nil
}

func readCoNLLU(path string) ([]*conllu.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return conllu.ReadAll(bufio.NewReaderSize(f, 1<<16), path)
}

// openInput opens the single optional input argument, "-" or none for stdin.
func openInput(e *env, args []string) (io.Reader, string, func(), error) {
	if len(args) == 0 || args[0] == "-" {
		return e.stdin, "<stdin>", func() {}, nil
	}
	if len(args) > 1 {
		return nil, "", nil, fmt.Errorf("want at most one input, got %d", len(args))
	}
	f, err := os.Open(args[0])
	if err != nil {
		return nil, "", nil, err
	}
	return f, args[0], func() { f.Close() }, nil
}

// newFlagSet returns a flag set that reports errors to e.stderr.
func newFlagSet(e *env, name, argsUsage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: sitrep %s %s\n", name, argsUsage)
		fs.PrintDefaults()
	}
	return fs
}

func openBytes(b []byte) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
}
