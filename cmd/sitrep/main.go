// Command sitrep turns news articles into structured, sourced facts.
//
// Usage:
//
//	sitrep COMMAND [flags] [ARGS...]
//
// Run "sitrep help" for the list of commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// env is what a command may touch: its streams and arguments. Commands take
// it instead of reaching for os.Stdout, so that tests can run them.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// stdoutIsTerminal selects human-readable defaults.
	stdoutIsTerminal bool
}

// command is one subcommand of sitrep.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// errSilent is returned by commands that already reported their failure on
// standard error; main only sets the exit status.
var errSilent = errors.New("failed")

// commands lists the top-level subcommands. Each lives in a file of its own.
func commands() []command {
	return []command{
		{"extract", "read inputs and print Documents", runExtract},
		{"segment", "tokenize and split sentences (CoNLL-U out)", runSegment},
		{"ner", "tag CoNLL-2003 input: token gold predicted", runNER},
		{"parse", "tag, lemmatize and parse (CoNLL-U out)", runParse},
		{"eval", "score a stage against annotated data", runEval},
		{"train", "train a model from annotated data", runTrain},
		{"version", "print the version (and --notices)", runVersion},
		{"ingest", "run the pipeline and store documents in a database", runIngest},
		{"query", "search stored documents and events, and aggregate them", runQuery},
		{"export", "export stored data (jsonl, csv, gdelt, geojson, plover)", runExport},
		{"failures", "list the inputs that failed to ingest", runFailures},
		{"stats", "count what a database holds (--check: integrity check)", runStats},
		{"serve", "serve the HTTP API and web UI over a database", runServe},
	}
}

// evalCommands lists "sitrep eval" subcommands.
func evalCommands() []command {
	return []command{
		{"segment", "tokens and sentences F1 against CoNLL-U (CoNLL 2018 alignment)", runEvalSegment},
		{"html", "article bodies of HTML pages against reference texts", runEvalHTML},
		{"time", "time expressions span F1, type and value accuracy against TimeML JSON Lines", runEvalTime},
		{"geo", "toponym recognition and resolution (P/R/F1, Acc@161, exact id) on JSON Lines", runEvalGeo},
		{"events", "CAMEO/PLOVER events against PLOVER or CAMEO-coded gold (JSON Lines)", runEvalEvents},
		{"quotes", "quotes and attributions against PolNeAR (content, source, cue F1)", runEvalQuotes},
		{"ner", "named entities P/R/F1 against CoNLL-2003 (conlleval)", runEvalNER},
		{"dedup", "near-duplicate precision and recall on edited copies of a corpus", runEvalDedup},
		{"parse", "UPOS, XPOS, lemma, UAS, LAS against CoNLL-U (CoNLL 2018 style)", runEvalParse},
	}
}

// trainCommands lists "sitrep train" subcommands.
func trainCommands() []command {
	return []command{
		{"geo", "train the geoparse ranker on LGL/GeoVirus JSON Lines", runTrainGeo},
		{"quotes", "the quotes BIO tagger on PolNeAR", runTrainQuotes},
		{"quote-bounds", "the model that re-chooses the edges of quote contents and sources, on PolNeAR", runTrainQuoteBounds},
		{"ner", "named entity recognizer (reproduces ner/model/ner.bin.gz)", runTrainNER},
		{"tagger", "train the POS tagger and lemmatizer (syntax)", runTrainTagger},
		{"parser", "train the dependency parser (syntax)", runTrainParser},
		{"labeler", "train the dependency labeler of the parser ensemble (syntax)", runTrainLabeler},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, stdoutIsTerminal: isTerminal(os.Stdout)}
	os.Exit(run(ctx, e, os.Args[1:]))
}

// run executes the command line args and returns the exit status.
func run(ctx context.Context, e *env, args []string) int {
	err := dispatch(ctx, e, "sitrep", commands(), args)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errSilent):
		return 1
	case errors.Is(err, errUsage), isFlagError(err):
		return 2
	default:
		fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
		return 1
	}
}

var errUsage = errors.New("usage")

func dispatch(ctx context.Context, e *env, prog string, cmds []command, args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stderr, prog, cmds)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	for _, c := range cmds {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "%s: unknown command %q\n", prog, args[0])
	usage(e.stderr, prog, cmds)
	return errUsage
}

func usage(w io.Writer, prog string, cmds []command) {
	fmt.Fprintf(w, "usage: %s COMMAND [flags] [ARGS...]\n\ncommands:\n", prog)
	sorted := append([]command(nil), cmds...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].name < sorted[j].name })
	for _, c := range sorted {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
}

func runEval(ctx context.Context, e *env, args []string) error {
	return dispatch(ctx, e, "sitrep eval", evalCommands(), args)
}

func runTrain(ctx context.Context, e *env, args []string) error {
	return dispatch(ctx, e, "sitrep train", trainCommands(), args)
}

// isFlagError reports errors from flag parsing, which the flag package has
// already printed with the usage.
func isFlagError(err error) bool {
	return strings.HasPrefix(err.Error(), "flag provided but not defined") ||
		strings.HasPrefix(err.Error(), "invalid value") || strings.HasPrefix(err.Error(), "invalid boolean") ||
		strings.HasPrefix(err.Error(), "bad flag syntax") || strings.HasPrefix(err.Error(), "flag needs an argument")
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
