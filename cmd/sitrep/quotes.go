package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sitrep/sitrep/quotes"
)

// runEvalQuotes implements "sitrep eval quotes --data FILE".
func runEvalQuotes(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval quotes", "--data FILE.jsonl|DIR|FILE.ann [--model FILE] | --agreement DIR")
	data := fs.String("data", "", "PolNeAR data: converted .jsonl, a compartment directory (text/, attributions/) or one .ann (required)")
	modelPath := fs.String("model", "", "model file (default: the embedded model)")
	showErrors := fs.Bool("errors", false, "print the attributions each document gets wrong")
	dump := fs.String("dump", "", "print found contents with a wrong source (\"speakers\", \"direct-speakers\") or with inexact bounds (\"direct-contents\")")
	parse := fs.Bool("syntax", true, "parse the text with the syntax stage first, as the pipeline does (a model trained with --syntax always parses)")
	boundsPath := fs.String("bounds", "", "span-edge model FILE (sitrep train quote-bounds), or \"none\" (default: the embedded one with the embedded tagger)")
	agreement := fs.String("agreement", "", "instead of a model, score the annotators of a PolNeAR compartment DIR against each other (pairwise inter-annotator F1 on its texts with several annotators)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *agreement != "" {
		groups, err := quotes.ReadBratAnnotators(*agreement)
		if err != nil {
			return err
		}
		r, texts := quotes.Agreement(groups)
		if texts == 0 {
			return fmt.Errorf("%s: no text has several annotators", *agreement)
		}
		fmt.Fprintf(e.stdout, "texts with several annotators: %d; ordered annotator pairs below (\"documents\")\n", texts)
		r.Write(e.stdout)
		return nil
	}
	if *data == "" {
		fs.Usage()
		return errUsage
	}
	docs, err := quotes.ReadData(*data)
	if err != nil {
		return err
	}
	m, err := loadQuotesModel(*modelPath)
	if err != nil {
		return err
	}
	if m, err = withBounds(m, *boundsPath); err != nil {
		return err
	}
	start := time.Now()
	pred := make([][]quotes.Attribution, len(docs))
	for i, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		predict := m.PredictText
		if *parse {
			predict = m.PredictParsed
		}
		if pred[i], err = predict(ctx, d.Text); err != nil {
			return fmt.Errorf("%s: %w", d.ID, err)
		}
		if *showErrors {
			fmt.Fprintf(e.stdout, "## %s\n", d.ID)
			quotes.WriteErrors(e.stdout, d, pred[i])
		}
		if *dump != "" {
			fmt.Fprintf(e.stdout, "## %s\n", d.ID)
			quotes.WriteSpeakerErrors(e.stdout, d, pred[i], strings.HasPrefix(*dump, "direct"), strings.HasSuffix(*dump, "contents"))
		}
	}
	el := time.Since(start)
	quotes.Evaluate(docs, pred).Write(e.stdout)
	fmt.Fprintf(e.stdout, "\ntime: %.2f ms/doc\n", float64(el.Microseconds())/1000/float64(max(1, len(docs))))
	return nil
}

// withBounds gives m the span-edge model at path ("none": none; "": m's
// own).
func withBounds(m *quotes.Model, path string) (*quotes.Model, error) {
	switch path {
	case "":
		return m, nil
	case "none":
		return m.WithBounds(nil), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open bounds model: %w", err)
	}
	defer f.Close()
	b, err := quotes.LoadBounds(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m.WithBounds(b), nil
}

// runTrainQuoteBounds: sitrep train quote-bounds --train FILE --out FILE
func runTrainQuoteBounds(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "train quote-bounds", "--train FILE --out FILE [--model FILE] [--epochs N] [--reach N]")
	train := fs.String("train", "", "training data (PolNeAR .jsonl or compartment directory; required)")
	out := fs.String("out", "", "model file to write (required)")
	modelPath := fs.String("model", "", "with --folds 0: the quotes tagger model whose spans to correct (default: the embedded one)")
	epochs := fs.Int("epochs", 10, "training epochs")
	reach := fs.Int("reach", quotes.DefaultReach, "how far (in tokens) a content edge may move")
	sourceReach := fs.Int("source-reach", quotes.DefaultSourceReach, "how far (in tokens) a source edge may move")
	folds := fs.Int("folds", 3, "train the tagger on all folds but one, for each fold, and learn from its edges on that fold (0: use --model on train itself)")
	foldDir := fs.String("fold-dir", "", "--folds: keep the fold taggers in DIR and reuse those already there")
	tagEpochs := fs.Int("tagger-epochs", 20, "--folds: epochs of the fold taggers (other options as shipped: --syntax --bits 20 --stack --min-cue 5 --cue-ratio 0.2)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *train == "" || *out == "" {
		fs.Usage()
		return errUsage
	}
	docs, err := quotes.ReadData(*train)
	if err != nil {
		return err
	}
	start := time.Now()
	var b *quotes.Bounds
	if *folds > 0 {
		topt := quotes.TrainOptions{Epochs: *tagEpochs, Bits: 20, MinCue: 5, CueRatio: 0.2, Stack: true, Prepare: quotes.ParseSyntax}
		var models []*quotes.Model
		if models, err = quotes.FoldTaggers(ctx, docs, topt, *folds, foldCache(e, *foldDir, *folds), e.stderr); err != nil {
			return err
		}
		b, err = quotes.TrainBounds(ctx, models, docs, quotes.BoundsOptions{Epochs: *epochs, Reach: *reach, SourceReach: *sourceReach}, e.stderr)
	} else {
		var m *quotes.Model
		if m, err = loadQuotesModel(*modelPath); err != nil {
			return err
		}
		b, err = quotes.TrainBounds(ctx, []*quotes.Model{m}, docs, quotes.BoundsOptions{Epochs: *epochs, Reach: *reach, SourceReach: *sourceReach}, e.stderr)
	}
	if err != nil {
		return err
	}
	if err := writeModelFile(*out, b.Save); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "bounds model written to %s in %s\n", *out, time.Since(start).Round(time.Second))
	return nil
}

// foldCache keeps fold taggers in dir (nil without a dir): it returns the
// saved tagger of fold f when asked with m nil, and saves m otherwise.
func foldCache(e *env, dir string, folds int) func(f int, m *quotes.Model) *quotes.Model {
	if dir == "" {
		return nil
	}
	return func(f int, m *quotes.Model) *quotes.Model {
		path := filepath.Join(dir, fmt.Sprintf("fold-%d-of-%d.bin.gz", f+1, folds))
		if m == nil {
			old, err := loadQuotesModel(path)
			if err != nil {
				return nil
			}
			return old
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fmt.Fprintf(e.stderr, "sitrep: fold taggers not kept: %v\n", err)
			return m
		}
		if err := writeModelFile(path, m.Save); err != nil {
			fmt.Fprintf(e.stderr, "sitrep: fold tagger not kept: %v\n", err)
		}
		return m
	}
}

func loadQuotesModel(path string) (*quotes.Model, error) {
	if path == "" {
		return quotes.DefaultModel()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open model: %w", err)
	}
	defer f.Close()
	return quotes.Load(f)
}

// runTrainQuotes implements "sitrep train quotes".
func runTrainQuotes(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "train quotes", "--train FILE --out FILE [--dev FILE] [--epochs N] [--bits N]")
	train := fs.String("train", "", "training data (PolNeAR .jsonl or compartment directory; required)")
	dev := fs.String("dev", "", "development data to score after training")
	out := fs.String("out", "", "model file to write (required)")
	epochs := fs.Int("epochs", 12, "training epochs")
	bits := fs.Uint("bits", 20, "log2 of the hashed feature table")
	minCue := fs.Int("min-cue", 5, "learned cue lexicon: minimum count")
	cueRatio := fs.Float64("cue-ratio", 0.2, "learned cue lexicon: minimum share of uses as a cue")
	stack := fs.Bool("stack", true, "train a second-level tagger over the first one's labels")
	seed := fs.Int64("seed", 0, "random seed of the training order")
	useSyntax := fs.Bool("syntax", false, "parse the text with the syntax stage and train on its features too")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *train == "" || *out == "" {
		fs.Usage()
		return errUsage
	}
	docs, err := quotes.ReadData(*train)
	if err != nil {
		return err
	}
	start := time.Now()
	opt := quotes.TrainOptions{Epochs: *epochs, Bits: *bits, Seed: *seed, MinCue: *minCue, CueRatio: *cueRatio, Stack: *stack, Log: func(f string, a ...any) {
		fmt.Fprintf(e.stderr, "[%5.1fs] "+f+"\n", append([]any{time.Since(start).Seconds()}, a...)...)
	}}
	if *useSyntax {
		opt.Prepare = quotes.ParseSyntax
	}
	m, err := quotes.Train(ctx, docs, opt)
	if err != nil {
		return fmt.Errorf("train quotes: %w", err)
	}
	f, err := os.Create(*out)
	if err != nil {
		return fmt.Errorf("train quotes: %w", err)
	}
	if err := m.Save(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("train quotes: %w", err)
	}
	if *dev != "" {
		// Score the saved (quantized) model, as it will be shipped.
		m, err = loadQuotesModel(*out)
		if err != nil {
			return err
		}
		dd, err := quotes.ReadData(*dev)
		if err != nil {
			return err
		}
		pred := make([][]quotes.Attribution, len(dd))
		for i, d := range dd {
			// Score as eval quotes does, on parsed text.
			if pred[i], err = m.PredictParsed(ctx, d.Text); err != nil {
				return fmt.Errorf("%s: %w", d.ID, err)
			}
		}
		quotes.Evaluate(dd, pred).Write(e.stdout)
	}
	return nil
}
