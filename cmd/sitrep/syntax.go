package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/conllu"
	"github.com/sitrep/sitrep/ner"
	"github.com/sitrep/sitrep/segment"
	"github.com/sitrep/sitrep/syntax"
	"github.com/sitrep/sitrep/udeval"
)

// writeFileAtomic writes via a temporary file in the same directory.
func writeModelFile(path string, save func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".model-*")
	if err != nil {
		return fmt.Errorf("create model: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := save(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write model: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return os.Rename(tmp.Name(), path)
}

// loadWordClusters reads the word clusters the syntax models use: "ner"
// takes those of the embedded NER model, "none" or "" none, anything else
// is a cluster file written by sitrep train ner --save-clusters.
func loadWordClusters(spec string) (*syntax.WordClusters, error) {
	var c *ner.Clusters
	switch spec {
	case "", "none":
		return nil, nil
	case "ner":
		m, err := ner.LoadDefault()
		if err != nil {
			return nil, fmt.Errorf("word clusters: %w", err)
		}
		c = m.Clusters()
	default:
		f, err := os.Open(spec)
		if err != nil {
			return nil, fmt.Errorf("word clusters: %w", err)
		}
		defer f.Close()
		if c, err = ner.ReadClusters(bufio.NewReader(f)); err != nil {
			return nil, fmt.Errorf("word clusters %s: %w", spec, err)
		}
	}
	return &syntax.WordClusters{Class: c.Class, Lower: c.Lower}, nil
}

// writeTagged writes the treebank at trainPath with the tags of tagged.
func writeTagged(trainPath, out string, tagged []*syntax.Sentence) error {
	cs, _, err := syntax.ReadTreebank(trainPath)
	if err != nil {
		return err
	}
	return writeModelFile(out, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		for i, c := range cs {
			tagged[i].ToCoNLLU(c)
			if err := conllu.Write(bw, c); err != nil {
				return fmt.Errorf("write tagged treebank: %w", err)
			}
		}
		return bw.Flush()
	})
}

func readSentences(path string) ([]*syntax.Sentence, error) {
	if path == "" {
		return nil, nil
	}
	_, s, err := syntax.ReadTreebank(path)
	return s, err
}

// combineTaggers writes the bidirectional tagger of the models in list
// ("LEFT,RIGHT") to out.
func combineTaggers(e *env, list, out string) error {
	names := strings.Split(list, ",")
	if len(names) != 2 || out == "" {
		fmt.Fprintln(e.stderr, "sitrep train tagger: --combine needs LEFT,RIGHT and --out")
		return errUsage
	}
	var ts [2]*syntax.Tagger
	for i, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("open tagger: %w", err)
		}
		ts[i], err = syntax.LoadTagger(bufio.NewReader(f))
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	t, err := ts[0].WithPartner(ts[1])
	if err != nil {
		return err
	}
	return writeModelFile(out, t.Save)
}

// runTrainTagger: sitrep train tagger --train FILE --dev FILE --out MODEL
func runTrainTagger(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("sitrep train tagger", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	train := fs.String("train", "", "training treebank (CoNLL-U)")
	dev := fs.String("dev", "", "development treebank (CoNLL-U), to pick the best epoch")
	out := fs.String("out", "", "output model file")
	epochs := fs.Int("epochs", 10, "maximum training epochs")
	seed := fs.Uint64("seed", 1, "shuffling seed")
	minCount := fs.Int("min-count", 2, "minimum occurrences of a feature")
	folds := fs.Int("folds", 5, "jackknife folds for the second tagging pass (0: one pass)")
	clusters := fs.String("clusters", "ner", "word clusters: \"ner\" (those of the embedded NER model), a cluster FILE (sitrep train ner --save-clusters), or \"none\"")
	minWeight := fs.Int("min-weight", 1, "drop quantized weights (int16 scale) below this magnitude (smaller, faster model)")
	reverse := fs.Bool("reverse", false, "train a right-to-left tagger (a partner for --combine)")
	combine := fs.String("combine", "", "LEFT,RIGHT: write one bidirectional model of a left-to-right and a right-to-left tagger model to --out, without training")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *combine != "" {
		return combineTaggers(e, *combine, *out)
	}
	wc, err := loadWordClusters(*clusters)
	if err != nil {
		return err
	}
	if *train == "" || *out == "" {
		fmt.Fprintln(e.stderr, "sitrep train tagger: --train and --out are required")
		return errUsage
	}
	tr, err := readSentences(*train)
	if err != nil {
		return err
	}
	dv, err := readSentences(*dev)
	if err != nil {
		return err
	}
	start := time.Now()
	t, err := syntax.TrainTagger(ctx, tr, dv, syntax.TaggerOptions{Epochs: *epochs, Seed: *seed, MinCount: *minCount, MinQ: *minWeight, Folds: *folds, Clusters: wc, Reverse: *reverse, Log: e.stderr})
	if err != nil {
		return err
	}
	if err := writeModelFile(*out, t.Save); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "tagger written to %s in %s\n", *out, time.Since(start).Round(time.Second))
	return nil
}

// runTrainParser: sitrep train parser --train FILE --dev FILE --out MODEL
func runTrainParser(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("sitrep train parser", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	train := fs.String("train", "", "training treebank (CoNLL-U)")
	dev := fs.String("dev", "", "development treebank (CoNLL-U), to pick the best epoch")
	out := fs.String("out", "", "output model file")
	taggerPath := fs.String("tagger", "", "tagger model for the dev set (default: the embedded one)")
	epochs := fs.Int("epochs", 15, "maximum training epochs")
	folds := fs.Int("folds", 5, "jackknife folds for the training tags (0: gold tags)")
	tagEpochs := fs.Int("tagger-epochs", 6, "epochs of the jackknife taggers")
	tagFolds := fs.Int("tagger-folds", 5, "second-pass folds of the jackknife taggers (0: one pass)")
	beam := fs.Int("beam", 8, "beam width (1: greedy with dynamic oracle)")
	maxViolation := fs.Bool("max-violation", false, "beam training: update where the gold path trails the beam most, not where it first falls off")
	minWeight := fs.Int("min-weight", 512, "drop quantized weights (int16 scale) below this magnitude")
	explore := fs.Float64("explore", 0.9, "dynamic oracle: probability of following a wrong prediction")
	seed := fs.Uint64("seed", 1, "shuffling seed")
	clusters := fs.String("clusters", "ner", "word clusters: \"ner\" (those of the embedded NER model), a cluster FILE, or \"none\"")
	minCount := fs.Int("min-count", 1, "minimum occurrences of a feature along the oracle transitions (1: all)")
	clFeats := fs.Bool("parser-clusters", true, "give the parser word-cluster features (the jackknife taggers use --clusters either way)")
	saveTagged := fs.String("save-tagged", "", "write the jackknifed training tags to FILE (CoNLL-U), for --tagged")
	reverse := fs.Bool("reverse", false, "train a right-to-left parser (for an ensemble)")
	taggedPath := fs.String("tagged", "", "read the jackknifed training tags from FILE (written by --save-tagged with the same --train and jackknife flags) instead of computing them")
	auto := fs.String("auto", "", "comma-separated CoNLL-U files parsed by sitrep parse (the accurate analyzer) to train on as well, their tags and trees taken as given (uptraining; only sentences that look like prose, see syntax.Prose)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	wc, err := loadWordClusters(*clusters)
	if err != nil {
		return err
	}
	if *train == "" || *out == "" {
		fmt.Fprintln(e.stderr, "sitrep train parser: --train and --out are required")
		return errUsage
	}
	tr, dv, tagger, err := readTrainDev(*train, *dev, *taggerPath)
	if err != nil {
		return err
	}
	start := time.Now()
	tagged := tr
	switch {
	case *taggedPath != "":
		if tagged, err = readTagged(*taggedPath, tr); err != nil {
			return err
		}
	case *folds > 0:
		tagged, err = syntax.Jackknife(ctx, tr, *folds, syntax.TaggerOptions{Epochs: *tagEpochs, Seed: *seed, Folds: *tagFolds, Clusters: wc, Log: e.stderr})
		if err != nil {
			return err
		}
	}
	if *saveTagged != "" {
		if err := writeTagged(*train, *saveTagged, tagged); err != nil {
			return err
		}
	}
	if *auto != "" {
		extra, err := readProse(strings.Split(*auto, ","))
		if err != nil {
			return err
		}
		tr = append(tr[:len(tr):len(tr)], extra...)
		tagged = append(tagged[:len(tagged):len(tagged)], extra...)
		fmt.Fprintf(e.stderr, "parser: %d automatically parsed sentences from %s\n", len(extra), *auto)
	}
	pwc := wc
	if !*clFeats {
		pwc = nil
	}
	p, err := syntax.TrainParser(ctx, tagger, tr, tagged, dv, syntax.ParserOptions{Epochs: *epochs, Seed: *seed, Explore: *explore, Beam: *beam, MaxViolation: *maxViolation, MinQ: *minWeight, MinCount: *minCount, Clusters: pwc, Reverse: *reverse, Log: e.stderr})
	if err != nil {
		return err
	}
	if err := writeModelFile(*out, p.Save); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "parser written to %s in %s\n", *out, time.Since(start).Round(time.Second))
	return nil
}

// readProse reads the sentences of automatically parsed CoNLL-U files
// that look like prose (syntax.Prose).
func readProse(paths []string) ([]*syntax.Sentence, error) {
	var out []*syntax.Sentence
	for _, p := range paths {
		ss, err := readSentences(p)
		if err != nil {
			return nil, err
		}
		if len(ss) == 0 {
			return nil, fmt.Errorf("%s: no sentences", p)
		}
		for _, s := range ss {
			if syntax.Prose(s) {
				out = append(out, s)
			}
		}
	}
	return out, nil
}

// readTrainDev reads the training and dev treebanks of a parser or
// labeler and the tagger of the dev set.
func readTrainDev(train, dev, taggerPath string) (tr, dv []*syntax.Sentence, t *syntax.Tagger, err error) {
	if tr, err = readSentences(train); err != nil {
		return nil, nil, nil, err
	}
	if dv, err = readSentences(dev); err != nil {
		return nil, nil, nil, err
	}
	if t, err = devTagger(taggerPath, len(dv) > 0); err != nil {
		return nil, nil, nil, err
	}
	return tr, dv, t, nil
}

// devTagger loads the tagger that tags a dev set during training: the
// model at path, or the embedded left-to-right one.
func devTagger(path string, needed bool) (*syntax.Tagger, error) {
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("open tagger: %w", err)
		}
		defer f.Close()
		return syntax.LoadTagger(bufio.NewReader(f))
	}
	a, err := syntax.LoadFastAnalyzer("", "")
	if err != nil && needed {
		return nil, fmt.Errorf("no tagger for the dev set (give --tagger): %w", err)
	}
	if a == nil {
		return nil, nil
	}
	return a.Tagger, nil
}

// readTagged reads the training sentences with the tags the parser will
// see (written by sitrep train parser --save-tagged) and checks that they
// are those of train.
func readTagged(path string, train []*syntax.Sentence) ([]*syntax.Sentence, error) {
	tagged, err := readSentences(path)
	if err != nil {
		return nil, err
	}
	if len(tagged) != len(train) {
		return nil, fmt.Errorf("--tagged %s: %d sentences, --train has %d", path, len(tagged), len(train))
	}
	for i := range train {
		if tagged[i].Len() != train[i].Len() {
			return nil, fmt.Errorf("--tagged %s: sentence %d does not match --train", path, i+1)
		}
	}
	return tagged, nil
}

// runTrainLabeler: sitrep train labeler --train FILE --tagged FILE --dev FILE --out MODEL
func runTrainLabeler(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("sitrep train labeler", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	train := fs.String("train", "", "training treebank (CoNLL-U)")
	taggedPath := fs.String("tagged", "", "the training sentences with jackknifed tags (sitrep train parser --save-tagged)")
	dev := fs.String("dev", "", "development treebank (CoNLL-U), to pick the best epoch")
	out := fs.String("out", "", "output model file")
	taggerPath := fs.String("tagger", "", "tagger model for the dev set (default: the embedded left-to-right one)")
	epochs := fs.Int("epochs", 10, "maximum training epochs")
	seed := fs.Uint64("seed", 1, "shuffling seed")
	minWeight := fs.Int("min-weight", 512, "drop quantized weights (int16 scale) below this magnitude")
	clusters := fs.String("clusters", "ner", "word clusters: \"ner\" (those of the embedded NER model), a cluster FILE, or \"none\"")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *train == "" || *taggedPath == "" || *out == "" {
		fmt.Fprintln(e.stderr, "sitrep train labeler: --train, --tagged and --out are required")
		return errUsage
	}
	wc, err := loadWordClusters(*clusters)
	if err != nil {
		return err
	}
	tr, dv, tagger, err := readTrainDev(*train, *dev, *taggerPath)
	if err != nil {
		return err
	}
	tagged, err := readTagged(*taggedPath, tr)
	if err != nil {
		return err
	}
	start := time.Now()
	l, err := syntax.TrainLabeler(ctx, tagger, tr, tagged, dv, syntax.LabelerOptions{Epochs: *epochs, Seed: *seed, MinQ: *minWeight, Clusters: wc, Log: e.stderr})
	if err != nil {
		return err
	}
	if err := writeModelFile(*out, l.Save); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "labeler written to %s in %s\n", *out, time.Since(start).Round(time.Second))
	return nil
}

// runParse: sitrep parse [--conllu IN] [INPUT...]
func runParse(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("sitrep parse", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	in := fs.String("conllu", "", "CoNLL-U input whose tokenization is kept (\"-\" for stdin)")
	taggerPath := fs.String("tagger", "", "tagger model (default: embedded)")
	parserPath := fs.String("parser", "", "parser model (default: embedded)")
	fast := fs.Bool("fast", false, "use the fast analyzer: the left-to-right tagger and a greedy parser (--parser, default the embedded one)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	a, err := loadAnalyzer(*taggerPath, *parserPath, *fast)
	if err != nil {
		return err
	}
	if *in == "" {
		// Raw text: segment it ourselves.
		r, name, closeIn, err := openInput(e, fs.Args())
		if err != nil {
			return err
		}
		defer closeIn()
		text, err := io.ReadAll(r)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		texts := []string{string(text)}
		if strings.HasSuffix(strings.ToLower(name), ".jsonl") {
			texts = jsonlTexts(e, name, text)
		}
		w := bufio.NewWriter(e.stdout)
		defer w.Flush()
		for k, t := range texts {
			if err := ctx.Err(); err != nil {
				return err
			}
			prefix := "s"
			if len(texts) > 1 {
				prefix = fmt.Sprintf("d%d-s", k+1)
			}
			for _, cs := range parseRaw(a, t, prefix) {
				if err := conllu.Write(w, cs); err != nil {
					return fmt.Errorf("write: %w", err)
				}
			}
		}
		return w.Flush()
	}
	var r io.Reader = e.stdin
	name := "stdin"
	if *in != "-" {
		f, err := os.Open(*in)
		if err != nil {
			return fmt.Errorf("open input: %w", err)
		}
		defer f.Close()
		r, name = f, *in
	}
	cr := conllu.NewReader(r, name)
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		cs, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		s := syntax.FromCoNLLU(cs)
		s.Reset(s.Forms)
		a.Analyze(s)
		s.ToCoNLLU(cs)
		if err := conllu.Write(w, cs); err != nil {
			return fmt.Errorf("write: %w", err)
		}
	}
	return w.Flush()
}

// runEvalParse: sitrep eval parse --gold FILE [--system FILE]
func runEvalParse(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("sitrep eval parse", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	goldPath := fs.String("gold", "", "gold treebank (CoNLL-U)")
	sysPath := fs.String("system", "", "system output (CoNLL-U); default: parse the gold tokens with the models")
	taggerPath := fs.String("tagger", "", "tagger model (default: embedded)")
	parserPath := fs.String("parser", "", "parser model (default: embedded)")
	goldTags := fs.Bool("gold-tags", false, "parse with the gold UPOS and XPOS (diagnostic)")
	raw := fs.Bool("raw", false, "segment the gold file's raw text (# text lines) with sitrep's own segmenter, then tag and parse")
	fast := fs.Bool("fast", false, "use the fast analyzer: the left-to-right tagger and a greedy parser (--parser, default the embedded one)")
	ensemble := fs.String("ensemble", "", "comma-separated parser models to combine by weighted arc votes (\"embedded:NAME\" for an embedded one, e.g. embedded:parser.gz)")
	weights := fs.String("weights", "", "comma-separated weights of the --ensemble parsers (default: all 1)")
	labeler := fs.String("labeler", "", "--ensemble: labeler model that relabels the voted trees")
	voteWeight := fs.Float64("vote-weight", 1, "--labeler: weight of the members' label votes against the labeler's scores")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *goldPath == "" {
		fmt.Fprintln(e.stderr, "sitrep eval parse: --gold is required")
		return errUsage
	}
	gold, _, err := syntax.ReadTreebank(*goldPath)
	if err != nil {
		return err
	}
	var sys []*conllu.Sentence
	if *sysPath != "" {
		if sys, _, err = syntax.ReadTreebank(*sysPath); err != nil {
			return err
		}
	} else if *raw {
		a, err := loadAnalyzer(*taggerPath, *parserPath, *fast)
		if err != nil {
			return err
		}
		if err := addEnsemble(a, *ensemble, *weights, *labeler, *voteWeight); err != nil {
			return err
		}
		sys = parseRaw(a, udeval.RawText(gold), "s")
	} else {
		a, err := loadAnalyzer(*taggerPath, *parserPath, *fast)
		if err != nil {
			return err
		}
		if err := addEnsemble(a, *ensemble, *weights, *labeler, *voteWeight); err != nil {
			return err
		}
		start := time.Now()
		words := 0
		sc := &syntax.Scratch{}
		for _, g := range gold {
			if err := ctx.Err(); err != nil {
				return err
			}
			cs := &conllu.Sentence{Words: append([]conllu.Word(nil), g.Words...)}
			s := syntax.FromCoNLLU(cs)
			if *goldTags && a.Ensemble != nil {
				a.Ensemble.Parse(sc, s)
			} else if *goldTags {
				a.Parser.Parse(sc, s)
			} else {
				s.Reset(s.Forms)
				a.AnalyzeWith(sc, s)
			}
			s.ToCoNLLU(cs)
			sys = append(sys, cs)
			words += len(cs.Words)
		}
		el := time.Since(start)
		fmt.Fprintf(e.stdout, "Parsed %d words in %s (%.0f words/s, one goroutine)\n\n", words, el.Round(time.Millisecond), float64(words)/el.Seconds())
	}
	rep, err := syntax.Evaluate(gold, sys)
	if err != nil {
		return err
	}
	return rep.Write(e.stdout)
}

// addEnsemble makes a parse with the ensemble of the parser models listed
// in list (comma-separated), if any.
func addEnsemble(a *syntax.Analyzer, list, weights, labeler string, voteWeight float64) error {
	if list == "" {
		return nil
	}
	var ps []*syntax.Parser
	for _, name := range strings.Split(list, ",") {
		p, err := syntax.LoadParserModel(strings.TrimSpace(name))
		if err != nil {
			return err
		}
		ps = append(ps, p)
	}
	var ws []float64
	if weights != "" {
		for _, f := range strings.Split(weights, ",") {
			w, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil {
				return fmt.Errorf("--weights: %w", err)
			}
			ws = append(ws, w)
		}
	}
	ens, err := syntax.NewEnsemble(ps, ws)
	if err != nil {
		return err
	}
	if labeler != "" {
		b, err := os.ReadFile(labeler)
		if err != nil {
			return fmt.Errorf("read labeler: %w", err)
		}
		l, err := syntax.LoadLabeler(bytes.NewReader(b))
		if err != nil {
			return fmt.Errorf("%s: %w", labeler, err)
		}
		ens.SetLabeler(l, voteWeight)
	}
	a.Ensemble = ens
	return nil
}

func loadAnalyzer(taggerPath, parserPath string, fast bool) (*syntax.Analyzer, error) {
	if fast {
		return syntax.LoadFastAnalyzer(taggerPath, parserPath)
	}
	return syntax.LoadAnalyzer(taggerPath, parserPath)
}

// jsonlTexts returns the "text" of every JSON Lines record of data (a
// corpus such as ../shared/data/news/bbc.jsonl); lines that are not such
// a record are reported on stderr and skipped.
func jsonlTexts(e *env, name string, data []byte) []string {
	var texts []string
	for n, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var rec struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			fmt.Fprintf(e.stderr, "sitrep parse: %s:%d: skipped: %v\n", name, n+1, err)
			continue
		}
		if strings.TrimSpace(rec.Text) != "" {
			texts = append(texts, rec.Text)
		}
	}
	return texts
}

// parseRaw segments text and tags and parses every sentence; sentence ids
// are prefix followed by the sentence's number.
func parseRaw(a *syntax.Analyzer, text, prefix string) []*conllu.Sentence {
	toks, sents := segment.Segment(text)
	out := segment.CoNLLU(text, toks, sents, prefix)
	sc := &syntax.Scratch{}
	for _, cs := range out {
		s := syntax.FromCoNLLU(cs)
		s.Reset(s.Forms)
		a.AnalyzeWith(sc, s)
		s.ToCoNLLU(cs)
	}
	return out
}
