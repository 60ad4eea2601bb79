package timex

import (
	"fmt"
	"io"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/internal/jsonl"
)

// GoldDoc is one document of the TimeML JSON Lines format
// (../shared/data/timeml): text, document creation time and gold TIMEX3s.
type GoldDoc struct {
	ID      string      `json:"id"`
	Dataset string      `json:"dataset"`
	DCT     string      `json:"dct"`
	Text    string      `json:"text"`
	Timexes []GoldTimex `json:"timexes"`
}

// GoldTimex is one gold TIMEX3 (code point offsets into GoldDoc.Text).
type GoldTimex struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Value string `json:"value"`
	Text  string `json:"text"`
}

// ReadGold reads TimeML JSON Lines.
func ReadGold(r io.Reader) ([]GoldDoc, error) {
	docs, err := jsonl.Read[GoldDoc](r)
	if err != nil {
		return nil, fmt.Errorf("reading gold: %w", err)
	}
	return docs, nil
}

// Score accumulates span, type and value agreement over documents.
type Score struct {
	Gold, System  int // expressions
	Strict        int // exact span matches
	Relaxed       int // overlapping one-to-one matches
	TypeOK        int // relaxed matches with the right type
	ValueOK       int // relaxed matches with the right value
	StrictValueOK int // exact matches with the right value
}

// Pair is a relaxed match between a gold and a system expression.
type Pair struct {
	Gold   GoldTimex
	System document.Time
}

// Add scores one document and returns its relaxed matches, the gold
// expressions missed and the system expressions not in the gold.
func (s *Score) Add(gold []GoldTimex, sys []document.Time) (pairs []Pair, missed []GoldTimex, spurious []document.Time) {
	s.Gold += len(gold)
	s.System += len(sys)
	used := make([]bool, len(sys))
	for _, g := range gold {
		best := -1
		for k, t := range sys {
			if used[k] || t.End <= g.Start || t.Start >= g.End {
				continue
			}
			if best < 0 || (t.Start == g.Start && t.End == g.End) {
				best = k
			}
		}
		if best < 0 {
			missed = append(missed, g)
			continue
		}
		used[best] = true
		t := sys[best]
		s.Relaxed++
		exact := t.Start == g.Start && t.End == g.End
		if exact {
			s.Strict++
		}
		if t.Type == g.Type {
			s.TypeOK++
		}
		if t.Value == g.Value {
			s.ValueOK++
			if exact {
				s.StrictValueOK++
			}
		}
		pairs = append(pairs, Pair{g, t})
	}
	for k, t := range sys {
		if !used[k] {
			spurious = append(spurious, t)
		}
	}
	return pairs, missed, spurious
}

func prf(match, sys, gold int) (p, r, f float64) {
	if sys > 0 {
		p = float64(match) / float64(sys)
	}
	if gold > 0 {
		r = float64(match) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// StrictPRF is precision, recall and F1 of exact spans.
func (s *Score) StrictPRF() (p, r, f float64) { return prf(s.Strict, s.System, s.Gold) }

// RelaxedPRF is precision, recall and F1 of overlapping spans.
func (s *Score) RelaxedPRF() (p, r, f float64) { return prf(s.Relaxed, s.System, s.Gold) }

// TypeAccuracy is the share of relaxed matches with the gold type.
func (s *Score) TypeAccuracy() float64 { return ratio(s.TypeOK, s.Relaxed) }

// ValueAccuracy is the share of relaxed matches with the gold value.
func (s *Score) ValueAccuracy() float64 { return ratio(s.ValueOK, s.Relaxed) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
