package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/timex"
)

// runEvalTime scores the time expression stage against TimeML JSON Lines
// (../shared/data/timeml/{timebank,aquaint}.jsonl). Every fifth document of
// each file (index % 5 == 4) is the dev set; the rest is the train set.
func runEvalTime(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("sitrep eval time", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := fs.String("data", "", "TimeML JSON Lines file(s), comma-separated (required)")
	split := fs.String("split", "", "score only this split: train, dev or all (default: all three)")
	errs := fs.Int("errors", 0, "print up to N misses, spurious and wrong values of the scored split(s) to stderr")
	withSyntax := fs.Bool("syntax", false, "segment and parse each text first and give the tagger the sentences and the syntax layer, as the pipeline does")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *data == "" {
		fmt.Fprintln(e.stderr, "sitrep eval time: --data FILE is required")
		return errUsage
	}
	splits := []string{"train", "dev", "all"}
	if *split != "" {
		switch *split {
		case "train", "dev", "all":
			splits = []string{*split}
		default:
			fmt.Fprintf(e.stderr, "sitrep eval time: unknown --split %q\n", *split)
			return errUsage
		}
	}
	var docs []timex.GoldDoc
	var dev []bool
	for _, path := range strings.Split(*data, ",") {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("eval time: %w", err)
		}
		ds, err := timex.ReadGold(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("eval time: %s: %w", path, err)
		}
		for i := range ds {
			docs = append(docs, ds[i])
			dev = append(dev, i%5 == 4)
		}
	}
	var before []pipeline.Stage
	if *withSyntax {
		var err error
		if before, err = buildStages(&pipelineFlags{stages: "segment,syntax"}); err != nil {
			return fmt.Errorf("eval time: %w", err)
		}
	}
	scores := map[string]*timex.Score{"train": {}, "dev": {}, "all": {}}
	shown := 0
	var elapsed time.Duration
	for i, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		opt := timex.Options{Published: d.DCT}
		if before != nil {
			doc := document.New()
			doc.SetText(d.Text)
			for _, st := range before {
				if err := st.Process(ctx, doc); err != nil {
					return fmt.Errorf("eval time: document %d: %w", i+1, err)
				}
			}
			opt.Tokens = doc.Tokens
			for _, s := range doc.Sentences {
				opt.SentenceStarts = append(opt.SentenceStarts, s.Start)
			}
		}
		t0 := time.Now()
		sys := timex.Tag(d.Text, opt)
		elapsed += time.Since(t0)
		part := "train"
		if dev[i] {
			part = "dev"
		}
		pairs, missed, spurious := scores[part].Add(d.Timexes, sys)
		scores["all"].Add(d.Timexes, sys)
		if *errs > 0 && (len(splits) == 3 || splits[0] == part || splits[0] == "all") {
			for _, g := range missed {
				if shown < *errs {
					fmt.Fprintf(e.stderr, "MISS\t%s\t%q\t%s\t%s\n", d.ID, g.Text, g.Type, g.Value)
					shown++
				}
			}
			for _, t := range spurious {
				if shown < *errs {
					fmt.Fprintf(e.stderr, "SPUR\t%s\t%q\t%s\t%s\t%s\n", d.ID, t.Text, t.Type, t.Value, snippet(d.Text, t.Start, t.End))
					shown++
				}
			}
			for _, pr := range pairs {
				if shown < *errs && (pr.Gold.Value != pr.System.Value || pr.Gold.Type != pr.System.Type) {
					fmt.Fprintf(e.stderr, "VAL\t%s\tdct=%s\t%q/%q\tgold=%s %s\tsys=%s %s\t%s\n", d.ID, d.DCT, pr.Gold.Text, pr.System.Text, pr.Gold.Type, pr.Gold.Value, pr.System.Type, pr.System.Value, snippet(d.Text, pr.System.Start, pr.System.End))
					shown++
				}
			}
		}
	}
	if len(docs) == 0 {
		return errors.New("eval time: no documents")
	}
	fmt.Fprintf(e.stdout, "%-6s %5s %5s %5s  %-17s  %-17s  %6s %6s %7s\n", "split", "docs", "gold", "sys", "strict P/R/F1", "relaxed P/R/F1", "type", "value", "valueF1")
	for _, sp := range splits {
		s := scores[sp]
		n := 0
		for i := range docs {
			if sp == "all" || (sp == "dev") == dev[i] {
				n++
			}
		}
		sp1, sr, sf := s.StrictPRF()
		rp, rr, rf := s.RelaxedPRF()
		fmt.Fprintf(e.stdout, "%-6s %5d %5d %5d  %.3f/%.3f/%.3f  %.3f/%.3f/%.3f  %6.3f %6.3f %7.3f\n",
			sp, n, s.Gold, s.System, sp1, sr, sf, rp, rr, rf, s.TypeAccuracy(), s.ValueAccuracy(), rf*s.ValueAccuracy())
	}
	fmt.Fprintf(e.stdout, "time: %.3f ms per document (%d documents)\n", float64(elapsed.Microseconds())/1000/float64(len(docs)), len(docs))
	return nil
}

// snippet returns a short window of text around [start, end) for error listings.
func snippet(text string, start, end int) string {
	r := []rune(text)
	a, b := start-40, end+40
	if a < 0 {
		a = 0
	}
	if b > len(r) {
		b = len(r)
	}
	return strings.ReplaceAll(string(r[a:start])+"["+string(r[start:end])+"]"+string(r[end:b]), "\n", " ")
}
