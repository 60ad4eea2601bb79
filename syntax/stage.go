package syntax

import (
	"context"
	"fmt"

	"github.com/sitrep/sitrep/document"
)

// Stage is the pipeline stage "syntax": it fills UPOS, XPOS, Feats, Lemma,
// Head and Deprel of the tokens of every sentence.
type Stage struct {
	a *Analyzer
}

// NewStage loads the accurate analyzer (LoadAnalyzer): the bidirectional
// tagger and the ensemble of six parsers with the labeler. On EWT test it
// is 2.2 UAS and 2.4 LAS better than NewFastStage, about twenty times
// slower.
func NewStage() (*Stage, error) {
	a, err := LoadAnalyzer("", "")
	if err != nil {
		return nil, fmt.Errorf("syntax stage: %w", err)
	}
	return &Stage{a: a}, nil
}

// NewFastStage loads the fast analyzer (LoadFastAnalyzer): the
// left-to-right tagger and the greedy parser, the pipeline's default.
func NewFastStage() (*Stage, error) {
	a, err := LoadFastAnalyzer("", "")
	if err != nil {
		return nil, fmt.Errorf("syntax stage: %w", err)
	}
	return &Stage{a: a}, nil
}

// NewStageWith returns a stage using the given analyzer.
func NewStageWith(a *Analyzer) *Stage { return &Stage{a: a} }

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "syntax" }

// Process implements pipeline.Stage. Sentences with invalid token ranges
// are skipped.
func (s *Stage) Process(ctx context.Context, d *document.Document) error {
	sc := s.a.pool.Get().(*Scratch)
	defer s.a.pool.Put(sc)
	sent := &sc.sent
	forms := sc.forms[:0]
	defer func() {
		// Keep the memory, not the document's strings.
		clear(forms)
		sc.forms = forms[:0]
		sent.Reset(nil)
	}()
	for i, se := range d.Sentences {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if se.TokenStart < 0 || se.TokenEnd > len(d.Tokens) || se.TokenStart >= se.TokenEnd {
			continue
		}
		toks := d.Tokens[se.TokenStart:se.TokenEnd]
		forms = forms[:0]
		for _, t := range toks {
			forms = append(forms, t.Text)
		}
		sent.Reset(forms)
		s.a.AnalyzeWith(sc, sent)
		for j := range toks {
			t := &toks[j]
			t.UPOS, t.XPOS, t.Feats, t.Lemma = sent.UPOS[j], sent.XPOS[j], sent.Feats[j], sent.Lemmas[j]
			t.Head, t.Deprel = sent.Heads[j], sent.Rels[j]
		}
	}
	return nil
}
