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

// conllWords returns the words of tokens [lo, hi) (a valid range of
// d.Tokens) as CoNLL-2003, on which
// the model is trained, writes them, and the tokens each covers: an Arabic
// name particle joined by a hyphen to a name ("al-Assad", "el-Sisi",
// which the segmenter splits as UD English does) is one word, as in
// CoNLL's "al-Turabi". Other hyphenated words stay split: CoNLL tags
// "Chicago-based" as one word outside any name, and place names inside
// such words are places (LGL recognition recall 0.814 split, 0.796 with
// every hyphenated word joined, on its train and dev parts).
func conllWords(d *document.Document, lo, hi int) ([]string, [][2]int) {
	words := make([]string, 0, hi-lo)
	spans := make([][2]int, 0, hi-lo)
	for i := lo; i < hi; {
		j := i + 1
		if j+1 < hi && d.Tokens[j].Text == "-" && d.Tokens[i].End == d.Tokens[j].Start &&
			d.Tokens[j].End == d.Tokens[j+1].Start && nameParticles[strings.ToLower(d.Tokens[i].Text)] && startsUpper(d.Tokens[j+1].Text) {
			j += 2
		}
		w := d.Tokens[i].Text
		if j > i+1 {
			w = d.Slice(d.Tokens[i].Start, d.Tokens[j-1].End)
		}
		words = append(words, normalizeWord(w))
		spans = append(spans, [2]int{i, j})
		i = j
	}
	return words, spans
}

// lexiconAdverb reports whether a capitalized word ending in -ly is an
// adverb made from an adjective ("Bizarrely", "Separately", "Earlier" is
// not one) rather than a name ending so ("Kelly", "Beverly", "Reilly").
func lexiconAdverb(w string) bool {
	lw := strings.ToLower(w)
	if len(lw) < 7 {
		return false // Kelly, Emily, Sally, Lily, Holly
	}
	stem := lw[:len(lw)-2]
	return strings.HasSuffix(stem, "al") || strings.HasSuffix(stem, "ate") || strings.HasSuffix(stem, "ous") ||
		strings.HasSuffix(stem, "ent") || strings.HasSuffix(stem, "ant") || strings.HasSuffix(stem, "ive") ||
		strings.HasSuffix(stem, "ful") || strings.HasSuffix(stem, "less") || strings.HasSuffix(stem, "ar") ||
		strings.HasSuffix(stem, "ic") || strings.HasSuffix(lw, "ably") || strings.HasSuffix(lw, "ibly") ||
		strings.HasSuffix(lw, "edly") || strings.HasSuffix(lw, "ingly") || strings.HasSuffix(stem, "re")
}

// hyphened reports whether token i is a capitalized word joined by a
// hyphen, with no space, to the capitalized word two tokens on.
func hyphened(d *document.Document, i int) bool {
	if i < 0 || i+2 >= len(d.Tokens) {
		return false
	}
	a, h, b := d.Tokens[i], d.Tokens[i+1], d.Tokens[i+2]
	return h.Text == "-" && a.End == h.Start && h.End == b.Start && startsUpper(a.Text) && startsUpper(b.Text)
}

// nameParticles are the Arabic articles written before a name with a
// hyphen.
var nameParticles = map[string]bool{"al": true, "el": true, "ad": true, "ar": true, "as": true,
	"ash": true, "at": true, "az": true, "an": true, "ud": true, "ul": true}

var borderWords = map[string]bool{"border": true, "borders": true, "frontier": true, "coast": true,
	"coastline": true, "side": true, "waters": true}

// Mentions tags the document's sentences and returns the entity mentions
// with fine types, in text order.
func (m *Model) Mentions(d *document.Document) []entities.Mention {
	sents := make([][]string, 0, len(d.Sentences))
	spans := make([][][2]int, 0, len(d.Sentences)) // per word: its tokens [lo, hi) in d.Tokens
	for i := range d.Sentences {
		if len(d.SentenceTokens(i)) == 0 {
			continue // empty, or not a span of the token layer
		}
		words, ws := conllWords(d, d.Sentences[i].TokenStart, d.Sentences[i].TokenEnd)
		sents = append(sents, words)
		spans = append(spans, ws)
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
			lo, hi := spans[k][c.Start][0], spans[k][end-1][1]
			first, last := d.Tokens[lo], d.Tokens[hi-1]
			if last.End <= first.Start {
				continue
			}
			if n := len(out); n > 0 && out[n-1].TokenEnd > lo {
				continue // inside a hyphened person's name taken whole below
			}
			if hi-lo == 1 && c.Start == 0 && hi < len(d.Tokens) && d.Tokens[hi].Text == "," &&
				strings.HasSuffix(strings.ToLower(first.Text), "ly") && lexiconAdverb(first.Text) {
				continue // "Bizarrely, an AirAsia plane ...": a sentence adverb
			}
			if typ == Person {
				// "Claude Veron-Reville", "Jean-Philippe Cotis": the model
				// tags a part of a hyphened name, and maybe the other part
				// apart
				for lo >= 2 && hyphened(d, lo-2) {
					lo -= 2
				}
				for hi+1 < len(d.Tokens) && hyphened(d, hi-1) {
					hi += 2
				}
				for n := len(out); n > 0 && out[n-1].TokenEnd > lo; n-- {
					out = out[:n-1]
				}
				first, last = d.Tokens[lo], d.Tokens[hi-1]
			}
			if n := len(out); n > 0 && typ == Org && out[n-1].Type == NORP && out[n-1].TokenEnd == lo && out[n-1].TokenEnd-out[n-1].TokenStart == 1 &&
				d.Tokens[lo-1].End < first.Start {
				// "the Syrian Observatory for Human Rights", "the Iraqi Red
				// Crescent": the nationality begins the organization's name
				out[n-1].Type, out[n-1].End, out[n-1].TokenEnd = typ, last.End, hi
				out[n-1].Text = d.Slice(out[n-1].Start, last.End)
				continue
			}
			if n := len(out); n > 0 && out[n-1].Type == Person && out[n-1].TokenEnd == lo && hi-lo == 3 && spans[k][c.Start][1] == hi &&
				nameParticles[strings.ToLower(first.Text)] {
				// "Abu Bakr al-Baghdadi": the family name the model took
				// for a name of its own ends the person's
				out[n-1].End, out[n-1].TokenEnd = last.End, hi
				out[n-1].Text = d.Slice(out[n-1].Start, last.End)
				continue
			}
			out = append(out, entities.Mention{
				Start:      first.Start,
				End:        last.End,
				Text:       d.Slice(first.Start, last.End),
				Type:       typ,
				TokenStart: lo,
				TokenEnd:   hi,
			})
		}
	}
	return out
}
