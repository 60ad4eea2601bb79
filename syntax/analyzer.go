package syntax

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"sync"
)

//go:embed models
var modelFS embed.FS

// Embedded model file names inside the models directory.
const (
	TaggerModel = "models/tagger.gz"
	ParserModel = "models/parser.gz"
	// FastParserModel is the greedy parser: about 1.2 UAS less accurate,
	// about five times as fast.
	FastParserModel = "models/parser-greedy.gz"
)

// Analyzer tags and parses sentences. It is safe for concurrent use.
type Analyzer struct {
	Tagger *Tagger
	Parser *Parser // nil: tag only
	pool   sync.Pool
}

// NewAnalyzer returns an analyzer for the given models.
func NewAnalyzer(t *Tagger, p *Parser) *Analyzer {
	a := &Analyzer{Tagger: t, Parser: p}
	a.pool.New = func() any { return &Scratch{} }
	return a
}

// LoadAnalyzer loads the models from files; an empty path selects the
// embedded model (the beam-search parser).
func LoadAnalyzer(taggerPath, parserPath string) (*Analyzer, error) {
	return loadAnalyzer(taggerPath, parserPath, ParserModel)
}

// LoadFastAnalyzer is LoadAnalyzer with the embedded greedy parser.
func LoadFastAnalyzer(taggerPath string) (*Analyzer, error) {
	return loadAnalyzer(taggerPath, "", FastParserModel)
}

func loadAnalyzer(taggerPath, parserPath, embeddedParser string) (*Analyzer, error) {
	open := func(path, embedded string) ([]byte, error) {
		if path != "" {
			b, err := os.ReadFile(path)
			if err != nil {
				return nil, fmt.Errorf("read model: %w", err)
			}
			return b, nil
		}
		b, err := fs.ReadFile(modelFS, embedded)
		if err != nil {
			return nil, fmt.Errorf("embedded model %s missing (train it, see syntax/models/README.md): %w", embedded, err)
		}
		return b, nil
	}
	tb, err := open(taggerPath, TaggerModel)
	if err != nil {
		return nil, err
	}
	t, err := LoadTagger(bytes.NewReader(tb))
	if err != nil {
		return nil, err
	}
	pb, err := open(parserPath, embeddedParser)
	if err != nil {
		return nil, err
	}
	p, err := LoadParser(bytes.NewReader(pb))
	if err != nil {
		return nil, err
	}
	return NewAnalyzer(t, p), nil
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
	if a.Parser != nil {
		a.Parser.Parse(sc, s)
	}
}
