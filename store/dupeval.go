package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/sitrep/sitrep/document"
)

// DupEvalConfig configures EvalDuplicates.
type DupEvalConfig struct {
	// Rates are the fractions of words edited in the copies, one run each
	// (each edit is a substitution, deletion or insertion, in equal parts).
	Rates []float64
	// Copies is the number of edited copies made (default 200).
	Copies int
	// Structural also drops one paragraph of copies with three or more and
	// appends a wire sign-off line, as syndicated copies often do.
	Structural bool
	// Seed makes the edits reproducible.
	Seed uint64
	// Threshold is the store's DuplicateThreshold (0: the default).
	Threshold float64
}

// DupEvalResult is the outcome of EvalDuplicates.
type DupEvalResult struct {
	Rate             float64 `json:"rate"`
	Structural       bool    `json:"structural"`
	Copies           int     `json:"copies"`
	Controls         int     `json:"controls"`
	CopiesLinked     int     `json:"copies_linked"`   // linked to the right story
	CopiesWrong      int     `json:"copies_wrong"`    // linked to another story
	ControlsLinked   int     `json:"controls_linked"` // controls wrongly linked
	Precision        float64 `json:"precision"`
	Recall           float64 `json:"recall"`
	MeanSimilarity   float64 `json:"mean_similarity"` // of the correctly linked copies
	CorpusDuplicates int     `json:"corpus_duplicates"`
	CorpusExact      int     `json:"corpus_exact"`
}

// DupText is one text of the evaluation corpus.
type DupText struct {
	ID, Text string
}

// EvalDuplicates measures near-duplicate detection on edited copies.
//
// The corpus is first stored as is, to find its own duplicates (reported as
// CorpusDuplicates, of which CorpusExact are exact). Its singletons (texts
// in a story of one) are split in two halves: the even ones are stored in a
// fresh database, then cfg.Copies edited copies of randomly chosen stored
// texts, and the odd ones as controls, which should link to nothing.
// Recall is the fraction of copies linked to their original's story;
// precision is the fraction of links made (copies and controls) that are
// right.
func EvalDuplicates(ctx context.Context, corpus []DupText, cfg DupEvalConfig) ([]DupEvalResult, error) {
	if cfg.Copies <= 0 {
		cfg.Copies = 200
	}
	var res DupEvalResult
	dir, err := os.MkdirTemp("", "sitrep-dupeval-")
	if err != nil {
		return nil, fmt.Errorf("dup eval: %w", err)
	}
	defer os.RemoveAll(dir)
	opts := Options{DuplicateThreshold: cfg.Threshold, Synchronous: "NORMAL"}

	// Pass 1: the corpus's own duplicates.
	s0, err := Open(ctx, filepath.Join(dir, "corpus.db"), opts)
	if err != nil {
		return nil, err
	}
	story := make(map[string]int64, len(corpus))
	storySize := map[int64]int{}
	for _, t := range corpus {
		r, err := s0.Put(ctx, evalDoc(t.ID, t.Text))
		if err != nil {
			s0.Close()
			return nil, err
		}
		story[t.ID] = r.Story
		storySize[r.Story]++
		if r.DupOf != "" {
			res.CorpusDuplicates++
			if r.Exact {
				res.CorpusExact++
			}
		}
	}
	s0.Close()
	var stored, controls []DupText
	for _, t := range corpus {
		if storySize[story[t.ID]] != 1 || len(words(t.Text)) < 20 {
			continue
		}
		if (len(stored)+len(controls))%2 == 0 {
			stored = append(stored, t)
		} else {
			controls = append(controls, t)
		}
	}
	if len(stored) == 0 {
		return nil, fmt.Errorf("dup eval: no usable texts")
	}
	var out []DupEvalResult
	for i, rate := range cfg.Rates {
		r := res
		r.Rate, r.Structural = rate, cfg.Structural
		if err := evalRate(ctx, filepath.Join(dir, fmt.Sprintf("eval%d.db", i)), opts, stored, controls, cfg, &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// evalRate runs pass 2 for one rate: originals, then copies and controls.
func evalRate(ctx context.Context, path string, opts Options, stored, controls []DupText, cfg DupEvalConfig, res *DupEvalResult) error {
	s, err := Open(ctx, path, opts)
	if err != nil {
		return err
	}
	defer s.Close()
	key := map[string]int64{}
	for _, t := range stored {
		r, err := s.Put(ctx, evalDoc(t.ID, t.Text))
		if err != nil {
			return err
		}
		key[t.ID] = r.Story
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	vocab := words(stored[0].Text)
	for _, t := range stored[1:min(len(stored), 50)] {
		vocab = append(vocab, words(t.Text)...)
	}
	simSum := 0.0
	for i := range cfg.Copies {
		orig := stored[rng.IntN(len(stored))]
		text := editText(rng, orig.Text, res.Rate, cfg.Structural, vocab)
		r, err := s.Put(ctx, evalDoc(fmt.Sprintf("copy-%d-%s", i, orig.ID), text))
		if err != nil {
			return err
		}
		res.Copies++
		switch {
		case r.DupOf == "":
		case r.Story == key[orig.ID]:
			res.CopiesLinked++
			simSum += r.Similarity
		default:
			res.CopiesWrong++
		}
	}
	for _, t := range controls {
		r, err := s.Put(ctx, evalDoc("control-"+t.ID, t.Text))
		if err != nil {
			return err
		}
		res.Controls++
		if r.DupOf != "" {
			res.ControlsLinked++
		}
	}
	if links := res.CopiesLinked + res.CopiesWrong + res.ControlsLinked; links > 0 {
		res.Precision = float64(res.CopiesLinked) / float64(links)
	}
	res.Recall = float64(res.CopiesLinked) / float64(res.Copies)
	if res.CopiesLinked > 0 {
		res.MeanSimilarity = simSum / float64(res.CopiesLinked)
	}
	return nil
}

func evalDoc(id, text string) *document.Document {
	d := document.New()
	d.ID, d.Text = id, text
	return d
}

// editText edits about rate of the words of text (substituting a word from
// vocab, deleting, or inserting one) and, when structural, drops a
// paragraph and appends a sign-off line.
func editText(rng *rand.Rand, text string, rate float64, structural bool, vocab []string) string {
	paras := strings.Split(text, "\n\n")
	if structural && len(paras) >= 3 {
		i := 1 + rng.IntN(len(paras)-1)
		paras = append(paras[:i:i], paras[i+1:]...)
	}
	for p, para := range paras {
		ws := strings.Fields(para)
		out := make([]string, 0, len(ws)+4)
		for _, w := range ws {
			if rng.Float64() >= rate {
				out = append(out, w)
				continue
			}
			switch rng.IntN(3) {
			case 0:
				out = append(out, vocab[rng.IntN(len(vocab))])
			case 1:
			case 2:
				out = append(out, w, vocab[rng.IntN(len(vocab))])
			}
		}
		paras[p] = strings.Join(out, " ")
	}
	if structural {
		paras = append(paras, "(Reporting by a staff correspondent; editing by the desk)")
	}
	return strings.Join(paras, "\n\n")
}
