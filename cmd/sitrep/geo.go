package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/gazetteer"
	"github.com/sitrep/sitrep/geoparse"
	"github.com/sitrep/sitrep/ner"
	"github.com/sitrep/sitrep/segment"
)

// openGazetteer opens --gazetteer DIR, else $SITREP_GAZETTEER, else the
// embedded default, and reports the load time.
func openGazetteer(e *env, dir string) (*gazetteer.Gazetteer, error) {
	if dir == "" {
		dir = os.Getenv(gazetteer.EnvVar)
	}
	t0 := time.Now()
	g, err := gazetteer.Open(dir)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(e.stderr, "gazetteer: %s, %d places, %d names, loaded in %v\n", g.Source(), g.Len(), g.Keys(), time.Since(t0).Round(time.Millisecond))
	return g, nil
}

func readGeoDocs(path, split string) ([]geoparse.Doc, error) {
	var docs []geoparse.Doc
	for _, p := range strings.Split(path, ",") {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		ds, err := geoparse.ReadDocs(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		docs = append(docs, ds...)
	}
	return geoparse.FilterSplit(docs, split), nil
}

// runEvalGeo is "sitrep eval geo".
func runEvalGeo(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("sitrep eval geo", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := fs.String("data", "", "annotated articles, JSON Lines (id, text, toponyms); several files separated by commas")
	gold := fs.Bool("gold-spans", false, "resolve the gold toponym spans only (measures resolution apart from recognition)")
	dir := fs.String("gazetteer", "", "GeoNames dump directory (default $SITREP_GAZETTEER, else the embedded gazetteer)")
	split := fs.String("split", "all", "which fixed part of the data to score: all, train, dev, test (the held-out part), or e.g. train+dev")
	modelPath := fs.String("model", "", "ranker model JSON (default: the embedded one)")
	withNER := fs.Bool("ner", false, "recognize toponyms with the named-entity stage (GPE, LOC, NORP mentions) instead of the resolver's own recognizer")
	showErrors := fs.Bool("errors", false, "list toponyms resolved more than 161 km off on standard error (do not use on the test part for tuning)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *data == "" {
		fmt.Fprintln(e.stderr, "sitrep eval geo: --data is required")
		return errUsage
	}
	docs, err := readGeoDocs(*data, *split)
	if err != nil {
		return err
	}
	g, err := openGazetteer(e, *dir)
	if err != nil {
		return err
	}
	var model *geoparse.Model
	if *modelPath != "" {
		b, err := os.ReadFile(*modelPath)
		if err != nil {
			return err
		}
		if model, err = geoparse.ParseModel(b); err != nil {
			return err
		}
	}
	r, err := geoparse.NewResolver(g, model)
	if err != nil {
		return err
	}
	var errw io.Writer
	if *showErrors {
		errw = e.stderr
	}
	var m *geoparse.Metrics
	mode := "end to end (own recognition)"
	switch {
	case *gold:
		mode = "gold spans"
		m, err = r.Evaluate(ctx, docs, true, errw)
	case *withNER:
		mode = "end to end (NER mentions)"
		recognize, rerr := nerToponyms(g, model)
		if rerr != nil {
			return rerr
		}
		m, err = r.EvaluateWith(ctx, docs, recognize, errw)
	default:
		m, err = r.Evaluate(ctx, docs, false, errw)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "data %s, split %s, %s, gazetteer %s\n", *data, *split, mode, g.Source())
	m.Report(e.stdout, *gold)
	return nil
}

// runTrainGeo is "sitrep train geo".
func runTrainGeo(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("sitrep train geo", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := fs.String("data", "", "annotated articles, JSON Lines; several files separated by commas")
	dir := fs.String("gazetteer", "", "GeoNames dump directory (default $SITREP_GAZETTEER, else the embedded gazetteer)")
	split := fs.String("split", "train", "part of the data to train on (never test)")
	out := fs.String("o", "geoparse/model.json", "output model file")
	epochs := fs.Int("epochs", 30, "training epochs per round")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *data == "" {
		fmt.Fprintln(e.stderr, "sitrep train geo: --data is required")
		return errUsage
	}
	if strings.Contains(*split, "test") || *split == "all" {
		fmt.Fprintln(e.stderr, "sitrep train geo: refusing to train on the held-out test part")
		return errUsage
	}
	docs, err := readGeoDocs(*data, *split)
	if err != nil {
		return err
	}
	g, err := openGazetteer(e, *dir)
	if err != nil {
		return err
	}
	r, err := geoparse.NewResolver(g, geoparse.HeuristicModel())
	if err != nil {
		return err
	}
	m, err := r.Train(ctx, docs, geoparse.TrainOptions{Epochs: *epochs, Log: func(f string, a ...any) {
		fmt.Fprintf(e.stderr, f+"\n", a...)
	}})
	if err != nil {
		return err
	}
	b, err := m.Encode()
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, append(b, '\n'), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %s\n", *out)
	return nil
}

// nerToponyms returns the toponym mentions the geo stage resolves in the
// pipeline: after the segment and ner stages, entity mentions plus its own
// recognition elsewhere.
func nerToponyms(g *gazetteer.Gazetteer, model *geoparse.Model) (func(string) []geoparse.Mention, error) {
	seg := segment.NewStage()
	rec, err := ner.NewStage()
	if err != nil {
		return nil, err
	}
	geo, err := geoparse.NewStage(geoparse.Options{Gazetteer: g, Model: model})
	if err != nil {
		return nil, err
	}
	return func(text string) []geoparse.Mention {
		d := document.New()
		d.SetText(text)
		ctx := context.Background()
		if seg.Process(ctx, d) != nil || rec.Process(ctx, d) != nil {
			return []geoparse.Mention{}
		}
		return geo.Mentions(d)
	}, nil
}
