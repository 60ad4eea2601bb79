package syntax

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

//go:embed models
var modelFS embed.FS

// Embedded model file names inside the models directory.
const (
	// TaggerModel is the left-to-right tagger.
	TaggerModel = "models/tagger.gz"
	// ReverseTaggerModel is the right-to-left tagger that LoadAnalyzer
	// pairs with TaggerModel (see Tagger.WithPartner).
	ReverseTaggerModel = "models/tagger-r2l.gz"
	// ParserModel is the left-to-right beam-search parser (beam 16).
	ParserModel = "models/parser.gz"
	// MaxViolationParserModel is a second left-to-right beam parser,
	// trained with max-violation updates and another seed.
	MaxViolationParserModel = "models/parser-mv.gz"
	// ReverseParserModel is the right-to-left beam-search parser.
	ReverseParserModel = "models/parser-r2l.gz"
	// ReverseMaxViolationParserModel is the right-to-left counterpart of
	// MaxViolationParserModel.
	ReverseMaxViolationParserModel = "models/parser-r2l-mv.gz"
	// FastParserModel is the greedy parser, the pipeline's: several
	// times as fast as the beam parsers, less accurate.
	FastParserModel = "models/parser-greedy.gz"
	// ReverseFastParserModel is the right-to-left greedy parser.
	ReverseFastParserModel = "models/parser-greedy-r2l.gz"
	// LabelerModel relabels the ensemble's trees.
	LabelerModel = "models/labeler.gz"
)

// labelVoteWeight is the weight of the ensemble members' label votes
// against the labeler's scores, chosen on EWT dev: with the six parsers,
// 10 gives LAS 84.29 (5: 84.24, 15: 84.26; the members' votes alone,
// without the labeler, about 0.2 less).
const labelVoteWeight = 10

// EnsembleModels returns the embedded parsers that LoadAnalyzer combines,
// in order of precedence on tied votes.
func EnsembleModels() []string {
	return []string{
		ParserModel, MaxViolationParserModel, ReverseParserModel, ReverseMaxViolationParserModel,
		FastParserModel, ReverseFastParserModel,
	}
}

// Analyzer tags and parses sentences. It is safe for concurrent use.
type Analyzer struct {
	Tagger *Tagger
	Parser *Parser // nil: tag only
	// Ensemble, if set, parses instead of Parser.
	Ensemble *Ensemble
	pool     sync.Pool
}

// NewAnalyzer returns an analyzer for the given models.
func NewAnalyzer(t *Tagger, p *Parser) *Analyzer {
	a := &Analyzer{Tagger: t, Parser: p}
	a.pool.New = func() any { return &Scratch{} }
	return a
}

// LoadAnalyzer loads the most accurate analyzer: the tagger from
// taggerPath (empty: the embedded bidirectional tagger, TaggerModel with
// ReverseTaggerModel) and the parser from
// parserPath (a file, or "embedded:FILE"; empty: the ensemble of the
// embedded EnsembleModels).
func LoadAnalyzer(taggerPath, parserPath string) (*Analyzer, error) {
	if parserPath != "" {
		t, p, err := loadPair(taggerPath, true, parserPath)
		if err != nil {
			return nil, err
		}
		return NewAnalyzer(t, p), nil
	}
	// The models decode concurrently, as many at a time as there are
	// processors (most of the loading time is gzip; more at once only
	// holds more buffers).
	names := EnsembleModels()
	ps := make([]*Parser, len(names))
	var t *Tagger
	var l *Labeler
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	g.Go(func() (err error) { t, err = loadTaggerModel(taggerPath, true); return err })
	g.Go(func() (err error) { l, err = loadLabelerModel(); return err })
	for i, name := range names {
		g.Go(func() (err error) { ps[i], err = LoadParserModel("embedded:" + path.Base(name)); return err })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	ens, err := NewEnsemble(ps, nil)
	if err != nil {
		return nil, err
	}
	ens.SetLabeler(l, labelVoteWeight)
	a := NewAnalyzer(t, ps[0])
	a.Ensemble = ens
	return a, nil
}

// loadLabelerModel loads the embedded labeler.
func loadLabelerModel() (*Labeler, error) {
	b, err := fs.ReadFile(modelFS, LabelerModel)
	if err != nil {
		return nil, fmt.Errorf("read labeler model (see syntax/models/README.md): %w", err)
	}
	l, err := LoadLabeler(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", LabelerModel, err)
	}
	return l, nil
}

// LoadFastAnalyzer loads the fast analyzer: the left-to-right pass of the
// tagger from taggerPath and the greedy parser from parserPath (see
// LoadParserModel; empty: the embedded ones).
func LoadFastAnalyzer(taggerPath, parserPath string) (*Analyzer, error) {
	if parserPath == "" {
		parserPath = "embedded:" + path.Base(FastParserModel)
	}
	t, p, err := loadPair(taggerPath, false, parserPath)
	if err != nil {
		return nil, err
	}
	return NewAnalyzer(t.Forward(), p), nil
}

// loadPair loads a tagger (see loadTaggerModel) and a parser (see
// LoadParserModel) concurrently.
func loadPair(taggerPath string, bidirectional bool, parserPath string) (*Tagger, *Parser, error) {
	var t *Tagger
	var p *Parser
	var g errgroup.Group
	g.Go(func() (err error) { t, err = loadTaggerModel(taggerPath, bidirectional); return err })
	g.Go(func() (err error) { p, err = LoadParserModel(parserPath); return err })
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	return t, p, nil
}

// loadTaggerModel loads a tagger from a file, or if name is empty the
// embedded one, with its right-to-left partner if bidirectional.
func loadTaggerModel(name string, bidirectional bool) (*Tagger, error) {
	if name != "" {
		b, err := os.ReadFile(name)
		return readTagger(name, b, err)
	}
	b, err := fs.ReadFile(modelFS, TaggerModel)
	t, err := readTagger(TaggerModel, b, err)
	if err != nil || !bidirectional {
		return t, err
	}
	b, err = fs.ReadFile(modelFS, ReverseTaggerModel)
	r, err := readTagger(ReverseTaggerModel, b, err)
	if err != nil {
		return nil, err
	}
	return t.WithPartner(r)
}

func readTagger(name string, b []byte, err error) (*Tagger, error) {
	if err != nil {
		return nil, fmt.Errorf("read tagger model (see syntax/models/README.md): %w", err)
	}
	t, err := LoadTagger(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return t, nil
}

// LoadParserModel loads a parser model from a file, or from the embedded
// models when name is "embedded:FILE" (e.g. "embedded:parser.gz").
func LoadParserModel(name string) (*Parser, error) {
	var b []byte
	var err error
	if rest, ok := strings.CutPrefix(name, "embedded:"); ok {
		b, err = fs.ReadFile(modelFS, path.Join("models", rest))
	} else {
		b, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, fmt.Errorf("read parser model (see syntax/models/README.md): %w", err)
	}
	p, err := LoadParser(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return p, nil
}

// Analyze fills the tags, features, lemmas and (with a parser) the tree of s.
func (a *Analyzer) Analyze(s *Sentence) {
	sc := a.pool.Get().(*Scratch)
	a.AnalyzeWith(sc, s)
	a.pool.Put(sc)
}

// AnalyzeWith is Analyze with caller-owned scratch memory.
func (a *Analyzer) AnalyzeWith(sc *Scratch, s *Sentence) {
	if s.Len() == 0 {
		return
	}
	a.Tagger.Tag(sc, s)
	if a.Ensemble != nil {
		a.Ensemble.Parse(sc, s)
	} else if a.Parser != nil {
		a.Parser.Parse(sc, s)
	}
}
