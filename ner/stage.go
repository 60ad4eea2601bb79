package ner

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/entities"
)

//go:embed model
var modelFS embed.FS

// ModelPath is the embedded model's path inside the package's model/ folder.
const ModelPath = "model/ner.bin.gz"

// LoadDefault reads the embedded model.
func LoadDefault() (*Model, error) {
	b, err := fs.ReadFile(modelFS, ModelPath)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errors.New("ner: no embedded model (run: sitrep train ner)")
		}
		return nil, fmt.Errorf("ner: %w", err)
	}
	return ReadModel(bytes.NewReader(b))
}

// Stage is the pipeline stage "ner": it fills Document.Entities from the
// tokens and sentences, then clusters the mentions of each entity.
type Stage struct {
	m *Model
}

// NewStage loads the embedded model.
func NewStage() (*Stage, error) {
	m, err := LoadDefault()
	if err != nil {
		return nil, err
	}
	return &Stage{m: m}, nil
}

// NewStageWithModel returns a stage that uses m.
func NewStageWithModel(m *Model) *Stage { return &Stage{m: m} }

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "ner" }

// Process implements pipeline.Stage.
func (s *Stage) Process(ctx context.Context, d *document.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	mentions := s.m.Mentions(d)
	d.Entities = entities.Cluster(d, mentions)
	return nil
}

var borderWords = map[string]bool{"border": true, "borders": true, "frontier": true, "coast": true,
	"coastline": true, "side": true, "waters": true}

// Mentions tags the document's sentences and returns the entity mentions
// with fine types, in text order.
func (m *Model) Mentions(d *document.Document) []entities.Mention {
	sents := make([][]string, 0, len(d.Sentences))
	starts := make([]int, 0, len(d.Sentences))
	for i := range d.Sentences {
		toks := d.SentenceTokens(i)
		if len(toks) == 0 {
			continue
		}
		words := make([]string, len(toks))
		for j, t := range toks {
			words[j] = normalizeWord(t.Text)
		}
		sents = append(sents, words)
		starts = append(starts, d.Sentences[i].TokenStart)
	}
	chunks := m.TagDocument(sents)
	var out []entities.Mention
	for k, cs := range chunks {
		for _, c := range cs {
			typ := m.FineType(c.Type, sents[k][c.Start:c.End])
			end := c.End
			// "the Turkish border" is a place (LOC), not the nationality
			if typ == NORP && end < len(sents[k]) && borderWords[strings.ToLower(sents[k][end])] {
				typ, end = Loc, end+1
			}
			first, last := d.Tokens[starts[k]+c.Start], d.Tokens[starts[k]+end-1]
			if last.End <= first.Start {
				continue
			}
			out = append(out, entities.Mention{
				Start:      first.Start,
				End:        last.End,
				Text:       d.Slice(first.Start, last.End),
				Type:       typ,
				TokenStart: starts[k] + c.Start,
				TokenEnd:   starts[k] + end,
			})
		}
	}
	return out
}
