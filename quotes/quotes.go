// Package quotes finds reported statements in news text: direct, partial
// and indirect quotes with their speakers, cues, reporting chains and times
// of speaking, and quoted terms that are not speech.
//
// An averaged-perceptron BIO tagger trained on PolNeAR (see Train) marks
// contents, sources and cues over tokens, reading the syntax layer when the
// model was trained with it; rules then assemble attributions (a quote
// resumed after its cue is one discontinuous content; a cue without a
// source takes its verb's subject from the parse), add direct quotes the
// tagger missed, continue quote paragraphs with the last speaker, mark
// scare quotes and titles as terms, read reporting chains ("according to
// Fars", "told reporters") and resolve speakers to the document's entities
// when the entity layer is present.
package quotes

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"sync"

	"github.com/sitrep/sitrep/document"
)

//go:embed model
var modelFS embed.FS

const (
	modelPath  = "model/quotes.bin.gz"
	boundsPath = "model/bounds.bin.gz" // optional: the edges model
)

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// DefaultModel returns the embedded model, loaded once.
func DefaultModel() (*Model, error) {
	defaultOnce.Do(func() {
		b, err := modelFS.ReadFile(modelPath)
		if errors.Is(err, fs.ErrNotExist) {
			defaultErr = errors.New("quotes: no embedded model (run sitrep train quotes)")
			return
		}
		if err != nil {
			defaultErr = fmt.Errorf("quotes: read embedded model: %w", err)
			return
		}
		defaultModel, defaultErr = Load(bytes.NewReader(b))
		if defaultErr != nil {
			return
		}
		b, err = modelFS.ReadFile(boundsPath)
		if errors.Is(err, fs.ErrNotExist) {
			return
		}
		if err != nil {
			defaultErr = fmt.Errorf("quotes: read embedded model: %w", err)
			return
		}
		bounds, err := LoadBounds(bytes.NewReader(b))
		if err != nil {
			defaultErr = fmt.Errorf("quotes: %s: %w", boundsPath, err)
			return
		}
		defaultModel.bounds = bounds
	})
	return defaultModel, defaultErr
}

// Attributions tags a segmented document and returns its attributions
// (the PolNeAR view: content, source and cue fragments), rules included.
func (m *Model) Attributions(d *document.Document) []Attribution {
	v := newView(d, &m.lx)
	raws := m.raw(v)
	out := make([]Attribution, 0, len(raws))
	for _, r := range raws {
		a := toAttribution(d, r)
		a.Direct = hasDoubleQuote(sliceFrags(d.Text, a.Content))
		out = append(out, a)
	}
	return out
}

// raw runs the tagger and the assembly rules, for the PolNeAR view.
func (m *Model) raw(v *view) []rawAttr { return m.rawAttrs(v, false) }

// rawAttrs runs the tagger and the assembly rules. For the Document's view
// (statements), a statement relayed by its tagged source ("X, Zarif said
// Monday, according to Fars") is turned inside out before the edges model
// moves its bounds, so that the inner speaker's content is the one
// refined and the relay goes to the reporting chain, and attitudes with
// no statement are dropped (dropNonStatements). PolNeAR annotates both as
// attributions, so its view keeps them.
func (m *Model) rawAttrs(v *view, docView bool) []rawAttr {
	labels := m.tag(v)
	fixLabels(v, labels)
	raws := assemble(v, labels)
	anchor := func(r rawAttr) int {
		if len(r.content) > 0 {
			return r.content[0].lo
		}
		return r.cue.lo
	}
	sort.SliceStable(raws, func(i, j int) bool { return anchor(raws[i]) < anchor(raws[j]) })
	raws = mergeOrphans(v, raws)
	for k := range raws {
		raws[k] = orphanSpeaker(v, raws[k])
	}
	for k := range raws {
		raws[k] = dropImpersonal(v, parseRoles(v, dropConnective(v, raws[k])))
	}
	shareSpeakers(v, raws)
	for k := range raws {
		raws[k] = dropAdjuncts(v, raws[k])
		raws[k].content = trimContent(v, raws[k].content)
		adverbToCue(v, &raws[k])
		if raws[k].source != nil {
			s := sourceCommas(v, relativeSource(v, antecedentSource(v, trimDateline(v, *raws[k].source), raws[k]), raws[k]), raws[k])
			raws[k].source = &s
		}
	}
	if docView {
		for k := range raws {
			raws[k] = unrelay(v, raws[k])
		}
	}
	if m.bounds != nil {
		m.bounds.refine(v, raws)
	}
	raws = absorbOverlaps(raws)
	raws = dropUnattributed(v, raws)
	if docView {
		raws = dropNonStatements(v, raws)
	}
	for k := range raws {
		frontedContent(v, raws, k)
	}
	return raws
}

// PredictText segments text (and parses it, for a model that reads the
// syntax layer) and returns its attributions.
func (m *Model) PredictText(ctx context.Context, text string) ([]Attribution, error) {
	if m.UsesSyntax() {
		return m.PredictParsed(ctx, text)
	}
	d, err := segmentDoc(ctx, text)
	if err != nil {
		return nil, err
	}
	return m.Attributions(d), nil
}
