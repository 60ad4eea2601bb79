package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/events"
	"github.com/sitrep/sitrep/pipeline"
)

// runEvalEvents implements "sitrep eval events --data FILE.jsonl": PLOVER
// gold standard records (event type, actor and recipient country and sector,
// trigger overlap) and CAMEO-coded sentences (triple P/R/F1 at the root and
// the full code), through the whole pipeline up to the events stage.
func runEvalEvents(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval events", "--data FILE.jsonl [--actors DICT]... [--patterns FILE]... [--misses]")
	data := fs.String("data", "", "gold JSON Lines: PLOVER gold records or {text, date, events: [{source, target, code}]} (required)")
	var dicts, patterns listFlag
	fs.Var(&dicts, "actors", "CAMEO/PETRARCH actor dictionary to add (repeatable)")
	fs.Var(&patterns, "patterns", "event pattern file to add, lexicon.txt format (repeatable)")
	misses := fs.Bool("misses", false, "list the records the coder gets wrong on standard error")
	stages := fs.String("stages", "", "upstream stages to run before events (default: all available)")
	minConf := fs.Float64("min-confidence", 0, "drop events below this confidence")
	deps := fs.Bool("dependencies", false, "take sources and targets from the dependency parse (default: word-order rules)")
	dates := fs.String("dates", "auto", "record dates: use, ignore, or auto (ignore them when every record has the same date, a placeholder as in the PLOVER gold standard's 2000-01-01)")
	tripleMin := fs.Float64("triple-min-confidence", events.DefaultTripleMinConfidence, "confidence an event needs to count in the CAMEO triple scores")
	part := fs.String("part", "all", "records to score: all, develop (a fixed four fifths by id hash) or heldout (the other fifth)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *data == "" {
		fs.Usage()
		return errUsage
	}
	f, err := os.Open(*data)
	if err != nil {
		return err
	}
	gold, err := events.ReadGold(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", *data, err)
	}
	if gold, err = events.SelectPart(gold, *part); err != nil {
		return fmt.Errorf("--part: %w", err)
	}
	useDates := true
	switch *dates {
	case "use":
	case "ignore":
		useDates = false
	case "auto":
		useDates = !events.SameDate(gold)
	default:
		return fmt.Errorf("--dates: want use, ignore or auto, got %q", *dates)
	}
	up, err := buildStages(&pipelineFlags{stages: *stages})
	if err != nil {
		return err
	}
	var upstream []pipeline.Stage
	for _, s := range up {
		if s.Name() != "events" && s.Name() != "actors" {
			upstream = append(upstream, s)
		}
	}
	ev, err := events.NewStage(events.Options{Actors: dicts, Patterns: patterns, MinConfidence: *minConf, Dependencies: *deps})
	if err != nil {
		return err
	}
	p := &pipeline.Pipeline{Stages: append(upstream, ev)}
	var names []string
	for _, s := range p.Stages {
		names = append(names, s.Name())
	}
	ann := func(ctx context.Context, text, date string) (*document.Document, error) {
		d := document.New()
		d.SetText(text)
		if useDates {
			d.Published = date
		}
		if err := p.Process(ctx, d); err != nil {
			return nil, err
		}
		return d, nil
	}
	rep, err := events.Evaluate(ctx, gold, ann, *misses, *tripleMin)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s (%s): stages %s; record dates %s\n", *data, *part, strings.Join(names, ","), map[bool]string{true: "used", false: "ignored"}[useDates])
	rep.Write(e.stdout)
	if *misses {
		for _, m := range rep.Misses {
			fmt.Fprintln(e.stderr, m)
		}
	}
	return nil
}
