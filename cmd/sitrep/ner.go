package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/shared"
	"github.com/sitrep/sitrep/ner"
)

// loadNERModel reads the model at path, or the embedded one when path is "".
func loadNERModel(path string) (*ner.Model, error) {
	if path == "" {
		return ner.LoadDefault()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	defer f.Close()
	return ner.ReadModel(f)
}

func readConllFile(path string) ([]ner.ConllDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := ner.ReadConll(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}

// runNER: sitrep ner --conll IN writes "token gold predicted" lines.
func runNER(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("sitrep ner", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	conll := fs.String("conll", "", "CoNLL-2003 file to tag (required)")
	model := fs.String("model", "", "model file (default: the embedded model)")
	timing := fs.Bool("time", false, "print the tagging speed (tokens/s) on standard error")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *conll == "" {
		fmt.Fprintln(e.stderr, "sitrep ner: --conll IN is required")
		return errUsage
	}
	m, err := loadNERModel(*model)
	if err != nil {
		return err
	}
	docs, err := readConllFile(*conll)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(e.stdout)
	preds := make([][][]string, len(docs))
	t0, c0 := time.Now(), cpuTime()
	ntok := 0
	for i, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		preds[i] = m.TagConll(d)
		for _, s := range d.Sentences {
			ntok += len(s)
		}
	}
	if *timing {
		el, cpu := time.Since(t0), cpuTime()-c0
		fmt.Fprintf(e.stderr, "sitrep: %d tokens in %v", ntok, el.Round(time.Millisecond))
		if cpu > 0 {
			fmt.Fprintf(e.stderr, " (%v CPU: %.0f tokens per CPU second)", cpu.Round(time.Millisecond), float64(ntok)/cpu.Seconds())
		}
		fmt.Fprintf(e.stderr, ": %.0f tokens/s\n", float64(ntok)/el.Seconds())
	}
	for i, d := range docs {
		fmt.Fprint(w, "-DOCSTART- O O\n\n")
		pred := preds[i]
		for k, s := range d.Sentences {
			for i, t := range s {
				fmt.Fprintf(w, "%s %s %s\n", t.Word, t.Tag, pred[k][i])
			}
			fmt.Fprintln(w)
		}
	}
	return w.Flush()
}

// runEvalNER: sitrep eval ner --conll IN prints conlleval-style figures.
func runEvalNER(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("sitrep eval ner", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	conll := fs.String("conll", "", "CoNLL-2003 file with gold tags (required unless --pred)")
	model := fs.String("model", "", "model file (default: the embedded model)")
	pred := fs.String("pred", "", "score a conlleval file (token gold predicted) instead of tagging")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *pred != "" {
		return scorePredFile(e, *pred)
	}
	if *conll == "" {
		fmt.Fprintln(e.stderr, "sitrep eval ner: --conll IN is required")
		return errUsage
	}
	m, err := loadNERModel(*model)
	if err != nil {
		return err
	}
	docs, err := readConllFile(*conll)
	if err != nil {
		return err
	}
	sc := ner.NewScore()
	t0, c0 := time.Now(), cpuTime()
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		pred := m.TagConll(d)
		for k, s := range d.Sentences {
			gold := make([]string, len(s))
			for i, t := range s {
				gold[i] = t.Tag
			}
			sc.Add(gold, pred[k])
		}
	}
	el, cpu := time.Since(t0), cpuTime()-c0
	fmt.Fprintf(e.stderr, "tagged %d tokens in %v, %v CPU (%.0f tokens/s, %.0f per CPU second)\n", sc.Tokens,
		el.Round(time.Millisecond), cpu.Round(time.Millisecond), float64(sc.Tokens)/el.Seconds(), float64(sc.Tokens)/cpu.Seconds())
	return sc.Report(e.stdout)
}

// runTrainNER: sitrep train ner reproduces the embedded model.
func runTrainNER(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("sitrep train ner", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := fs.String("data", shared.Dir(), "shared data directory (conll2003, news, geonames, cameo)")
	out := fs.String("o", filepath.Join("ner", "model", "ner.bin.gz"), "output model file")
	trainOnly := fs.Bool("train-only", false, "train on the train split only (default: train + dev, as shipped)")
	clIn := fs.String("clusters", "", "read the word cluster table from FILE instead of computing it")
	clOut := fs.String("save-clusters", "", "write the computed word cluster table to FILE")
	epochs := fs.Int("epochs", 0, "perceptron epochs (0: default)")
	bits := fs.Uint("bits", 0, "log2 of the feature table size (0: default)")
	twoPass := fs.Bool("two-pass", true, "train the second, document-history pass")
	seeds := fs.Int("seeds", 3, "average the weights of this many shuffled runs")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *data == "" {
		return errors.New("train ner: no shared data directory (use --data or $" + shared.EnvVar + ")")
	}
	opt := ner.BuildOptions{DataDir: *data, WithDev: !*trainOnly, ClustersIn: *clIn, ClustersOut: *clOut,
		Train: ner.TrainOptions{Epochs: *epochs, Bits: *bits, TwoPass: *twoPass, Seeds: *seeds, Log: e.stderr}}
	m, err := ner.Build(ctx, opt)
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	if err := m.Write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	fmt.Fprintf(e.stderr, "wrote %s\n", *out)
	return nil
}

// scorePredFile scores "token gold predicted" lines (conlleval input; the
// last two columns are gold and predicted, -DOCSTART- lines are skipped).
func scorePredFile(e *env, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := ner.NewScore()
	var gold, pred []string
	flush := func() {
		if len(gold) > 0 {
			sc.Add(gold, pred)
		}
		gold, pred = gold[:0], pred[:0]
	}
	in := bufio.NewScanner(f)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for in.Scan() {
		line++
		fields := strings.Fields(in.Text())
		switch {
		case len(fields) == 0:
			flush()
		case fields[0] == "-DOCSTART-":
			flush()
		case len(fields) < 3:
			return fmt.Errorf("%s:%d: want token gold predicted", path, line)
		default:
			gold = append(gold, fields[len(fields)-2])
			pred = append(pred, fields[len(fields)-1])
		}
	}
	if err := in.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	flush()
	return sc.Report(e.stdout)
}
