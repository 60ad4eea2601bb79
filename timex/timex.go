// Package timex finds and normalizes English time expressions in the style
// of HeidelTime: hand-written rules recognize dates, times, durations and
// sets, and a normalizer gives each its TimeML TIMEX3 value (2018-09-03,
// 2018-W35, 2018-Q1, P3D, XXXX-WXX-5, PRESENT_REF ...) against the
// document's publication date.
//
// Relative expressions follow news conventions: a weekday name or a month
// without a year refers to the past unless the sentence speaks of the future
// ("will", "next", "scheduled" ...); "a year earlier" and "the quarter"
// follow the last mentioned date. With no publication date, relative
// expressions keep an underspecified value (XXXX-WXX-1, PAST_REF) and are
// marked unresolved; nothing is guessed from the time of processing.
//
// Recognition works on the raw text (code point offsets), so it needs no
// tokens; sentence boundaries from the document are used for tense cues
// when present.
package timex

import (
	"context"
	"fmt"
	"strconv"

	"github.com/sitrep/sitrep/document"
)

// Options tune Tag.
type Options struct {
	// Published is the document creation time (RFC 3339 or YYYY-MM-DD).
	Published string
	// SentenceStarts are the code point offsets where sentences start, in
	// ascending order; nil means split sentences heuristically.
	SentenceStarts []int
}

// Tag finds the time expressions of text and normalizes them.
func Tag(text string, opt Options) []document.Time {
	toks := lex(text, opt.SentenceStarts)
	p := &parser{t: toks}
	ms := p.recognize()
	r := &resolver{}
	r.dct, r.hasDCT = parseDCT(opt.Published)
	out := make([]document.Time, 0, len(ms))
	for _, m := range ms {
		if !p.plausible(m) {
			continue
		}
		res := r.resolve(m.s, p.tense(m))
		start, end := toks[m.i].s, toks[m.j-1].e
		out = append(out, document.Time{
			ID:         "t" + strconv.Itoa(len(out)+1),
			Start:      start,
			End:        end,
			Text:       text[toks[m.i].bs:toks[m.j-1].be],
			Type:       res.typ,
			Value:      res.value,
			Mod:        res.mod,
			Anchor:     res.anchor,
			Unresolved: res.unresolved,
		})
	}
	return out
}

// plausible filters matches that rules accept but context rejects.
func (p *parser) plausible(m match) bool {
	s := m.s
	// a bare year: not "1998 people" nor a street number; keep years that
	// are preceded by a preposition or stand alone.
	if s.k == kAbs && s.y > 0 && s.m == 0 && s.q == 0 && s.h == 0 && m.j == m.i+1 {
		next := p.low(m.j)
		if _, ok := units[next]; ok {
			return false
		}
		switch next {
		case "people", "troops", "soldiers", "votes", "shares", "members", "cases", "tons", "miles", "feet", "meters", "dollars":
			return false
		}
		if y := s.y; y < 1800 {
			prev := p.low(m.i - 1)
			if prev != "in" && prev != "since" && prev != "of" && prev != "until" && prev != "by" {
				return false
			}
		}
	}
	return true
}

// tense returns +1 when the sentence of m speaks of the future, else -1.
func (p *parser) tense(m match) int {
	sent := p.t[m.i].sent
	lo := m.i
	for lo > 0 && p.t[lo-1].sent == sent {
		lo--
	}
	hi := m.j
	for hi < len(p.t) && p.t[hi].sent == sent {
		hi++
	}
	for k := lo; k < hi; k++ {
		if k >= m.i && k < m.j {
			continue
		}
		w := p.t[k].low
		if futureCues[w] {
			if w == "ll" && !(k > 0 && (p.t[k-1].text == "'" || p.t[k-1].text == "’")) {
				continue
			}
			if w == "won" && p.low(k+1) != "'" && p.low(k+1) != "’" {
				continue
			}
			return 1
		}
		if w == "going" && p.low(k+1) == "to" {
			return 1
		}
	}
	return -1
}

// Stage is the pipeline stage that fills Document.Times. It holds no
// per-document state and is safe for concurrent use.
type Stage struct{}

// NewStage returns the time expression stage.
func NewStage() *Stage { return &Stage{} }

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "time" }

// Process implements pipeline.Stage: it replaces d.Times.
func (*Stage) Process(ctx context.Context, d *document.Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("timex: %w", err)
	}
	var starts []int
	if len(d.Sentences) > 0 {
		starts = make([]int, len(d.Sentences))
		for i, s := range d.Sentences {
			starts[i] = s.Start
		}
	}
	d.Times = Tag(d.Text, Options{Published: d.Published, SentenceStarts: starts})
	return nil
}
