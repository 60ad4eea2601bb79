// Package timex finds and normalizes English time expressions in the style
// of HeidelTime: hand-written rules recognize dates, times, durations and
// sets, and a normalizer gives each its TimeML TIMEX3 value (2018-09-03,
// 2018-W35, 2018-Q1, P3D, XXXX-WXX-5, PRESENT_REF ...) against the
// document's publication date.
//
// Relative expressions follow news conventions: a weekday name refers to
// the past week unless the clause speaks of the future ("will travel on
// Friday", "next", "scheduled", "by Friday", "postponed until Friday", a
// past intention before the date: "planned to leave on Friday"); a month
// without a year takes the nearest year in that direction, leaning to the
// past when the clause gives no cue. "The past year" and "the last decade"
// are the calendar units before the DCT's ("the past three years" is the
// duration P3Y); "then current" is PAST_REF, "the near term" FUTURE_REF.
// Financial-report anaphora follow the text: "the quarter" and "a year
// ago" refer to the quarter named in the same sentence, else to the first
// quarter of the document (the one reported); "that day", "the next day", "later in the day", "a month
// later" and clock times follow the date last mentioned ("three days later"
// is, as in TimeBank, the duration "three days"); "April 24 and 25" gives
// two dates of one month. Values computed from the publication date carry
// anchor "dct", those computed from the text "ref". With no publication
// date, relative expressions keep an underspecified value (XXXX-WXX-1,
// XXXX-09, PAST_REF) and are marked unresolved; nothing is guessed from the
// time of processing.
//
// Recognition works on the raw text (code point offsets), so it needs no
// tokens. Sentence boundaries from the document, when present, bound the
// tense cues; tokens tagged by the syntax layer add past-tense verbs as cues.
// [Stage] wraps [Tag] as a pipeline stage that fills Document.Times.
package timex

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/document"
)

// Options tune Tag.
type Options struct {
	// Published is the document creation time (RFC 3339 or YYYY-MM-DD).
	Published string
	// SentenceStarts are the code point offsets where sentences start, in
	// ascending order; nil means split sentences heuristically.
	SentenceStarts []int
	// Tokens, when tagged by the syntax stage, mark past-tense verbs
	// (XPOS VBD or Tense=Past) as tense cues beyond the built-in word list.
	Tokens []document.Token
}

// Tag finds the time expressions of text and normalizes them.
func Tag(text string, opt Options) []document.Time {
	toks := lex(text, opt.SentenceStarts)
	markPast(toks, opt.Tokens)
	clauses := newClauseTenses(opt.Tokens, opt.SentenceStarts)
	p := &parser{t: toks}
	ms := p.recognize()
	r := &resolver{sent: -1}
	r.dct, r.hasDCT = parseDCT(opt.Published)
	out := make([]document.Time, 0, len(ms))
	for _, m := range ms {
		if !p.plausible(m) {
			continue
		}
		if toks[m.i].sent != r.sent {
			r.durInSent = false
		}
		r.sent = toks[m.i].sent
		tense := p.tense(m)
		if tense == 0 {
			tense = clauses.tense(toks[m.i].s, toks[m.j-1].e)
		}
		res := r.resolve(m.s, tense)
		if res.typ == "DURATION" {
			r.durInSent = true
		}
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

// markPast flags the tokens that the syntax layer tagged as past-tense verbs.
func markPast(toks []tok, dt []document.Token) {
	if len(dt) == 0 {
		return
	}
	past := map[int]bool{}
	for _, t := range dt {
		if t.XPOS == "VBD" || strings.Contains(t.Feats, "Tense=Past") && t.XPOS != "VBN" && t.UPOS != "ADJ" {
			past[t.Start] = true
		}
	}
	for i := range toks {
		if past[toks[i].s] {
			toks[i].past = true
		}
	}
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
		switch p.low(m.i - 1) {
		case "resolution", "flight", "no", "number", "route", "highway", "room", "page", "article", "item",
			"model", "code", "bus", "chapter", "section", "rule", "law", "cf", "#", "unit", "battalion", "brigade":
			return false // "Resolution 1973", "Flight 1549"
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

// tense returns +1 when the clause around m speaks of the future, -1 when a
// past-tense cue stands close to it and 0 otherwise. The nearest cue before
// the expression decides, then the nearest after it.
func (p *parser) tense(m match) int {
	if (p.low(m.j) == "'" || p.low(m.j) == "’") && p.low(m.j+1) == "s" {
		// "Wednesday's ruling": an event already known
		return 0
	}
	if p.low(m.i-1) == "for" && p.low(m.i-2) == "planned" {
		return 1
	}
	deadline := false
	if s := m.s; (s.k == kAbs && s.m > 0 && s.y == 0) || s.k == kWeekday || s.k == kTime {
		switch p.low(m.i - 1) {
		case "by", "until", "till":
			// a deadline: "by February", "until 9 a.m. Tuesday", unless
			// the clause is plainly past ("had filed reports by Wednesday")
			deadline = !p.t[m.i-1].upper
		}
	}
	if deadline {
		// a postponement points forward: "postponed until Tuesday"
		for k := m.i - 2; k >= 0 && k >= m.i-4; k-- {
			if postponing[p.low(k)] {
				return 1
			}
		}
		if t := p.cueTense(m); t < 0 {
			return t
		}
		return 1
	}
	return p.cueTense(m)
}

// cueTense is tense without the deadline rule.
func (p *parser) cueTense(m match) int {
	sent := p.t[m.i].sent
	for k := m.i - 1; k >= 0 && k >= m.i-12 && p.t[k].sent == sent; k-- {
		if c := p.cue(k, false); c != 0 {
			if c < 0 && k < m.i-8 {
				return 0
			}
			return c
		}
	}
	for k := m.j; k < len(p.t) && k < m.j+12 && p.t[k].sent == sent; k++ {
		if c := p.cue(k, true); c != 0 {
			if c < 0 && k > m.j+4 {
				return 0
			}
			return c
		}
	}
	return 0
}

// pastPlan are the words of a plan that "had been" made: "had been
// scheduled to expire at midnight Friday" is the Friday just past.
var pastPlan = map[string]bool{"scheduled": true, "due": true, "expected": true, "set": true, "planned": true, "slated": true}

// cue classifies token k as a future (+1) or past (-1) tense cue, or 0.
// after says that k follows the expression: a past intention ("planned
// to") looks ahead to the date after it ("planned to leave on Thursday")
// but is itself past for a date before it ("On Friday, they planned to").
func (p *parser) cue(k int, after bool) int {
	w := p.t[k].low
	if pastPlan[w] && p.low(k-1) == "been" && p.low(k-2) == "had" {
		// "had been due to expire Friday": a plan overtaken, in the past
		return -1
	}
	switch w {
	case "next":
		if p.low(k+1) != "to" {
			return 1
		}
	case "will", "would", "shall", "scheduled", "expected", "expects", "upcoming", "tomorrow", "intends", "hopes", "payable", "effective":
		return 1
	case "ll":
		if k > 0 && (p.t[k-1].text == "'" || p.t[k-1].text == "’") {
			return 1
		}
	case "set", "due", "going", "plans", "plan", "planning", "wants", "want", "hope", "intend", "expect", "aims":
		if p.low(k+1) == "to" {
			return 1
		}
	case "planned", "intended", "vowed", "pledged", "hoped", "wanted", "aimed", "agreed", "decided", "promised", "threatened":
		if p.low(k+1) == "to" && !after {
			return 1
		}
		return -1
	case "begins", "starts", "opens", "ends", "expires", "resumes", "meets", "convenes", "arrives",
		"departs", "visits", "travels", "returns", "closes":
		// the simple present of a scheduled event: "the trial opens Monday"
		return 1
	case "takes":
		if p.low(k+1) == "effect" {
			return 1
		}
	case "soon":
		if p.low(k-1) == "as" {
			return 1
		}
	case "to":
		switch p.low(k - 1) {
		case "is", "are", "was", "were":
			return 1 // "is to resume"
		}
	case "is", "are", "was", "were", "had", "has":
		// "were planning to", "was expected to": the future of the past
		for n := k + 1; n <= k+2 && n < len(p.t); n++ {
			switch p.t[n].low {
			case "planning", "expected", "scheduled", "due", "set", "going", "supposed":
				return 1
			}
		}
		if w == "is" || w == "are" || w == "has" {
			return 0
		}
		return -1
	case "said", "did", "told", "met", "came", "went", "began", "took", "left", "held", "says", "made", "gave", "saw", "won", "lost", "ago", "last", "earlier", "since",
		"shot", "fell", "rose", "found", "got", "hit", "struck", "ran", "led", "brought", "bought", "sold",
		"thought", "felt", "kept", "spent", "sent", "built", "paid", "heard", "stood", "fought", "caught",
		"grew", "knew", "wrote", "spoke", "broke", "chose", "flew", "became", "fled", "read":
		if b := p.low(k - 1); b == "be" || b == "being" {
			return 0 // a passive infinitive: "to be paid in January"
		}
		return -1
	}
	if p.t[k].past {
		return -1
	}
	if len(w) > 4 && p.t[k].kind == 'a' && !p.t[k].upper && w[len(w)-2:] == "ed" && !notVerbsEd[w] {
		if b := p.low(k - 1); b == "be" || b == "being" {
			return 0 // a passive infinitive: "to be completed by Dec. 15"
		}
		if beforeAdjective[p.low(k-1)] {
			return 0 // an adjective: "on a still unspecified date"
		}
		return -1
	}
	return 0
}

// postponing are verbs that move an event to a later deadline.
var postponing = map[string]bool{
	"postponed": true, "delayed": true, "adjourned": true, "deferred": true, "extended": true,
	"suspended": true, "recessed": true, "rescheduled": true, "postpone": true, "delay": true,
	"adjourn": true, "defer": true, "extend": true, "postpones": true, "delays": true,
	"adjourns": true, "extends": true,
}

// beforeAdjective are words after which a word in -ed is an adjective,
// not a past tense verb ("the revised plan", "a still undisclosed sum").
var beforeAdjective = map[string]bool{
	"a": true, "an": true, "the": true, "its": true, "their": true, "his": true, "her": true,
	"our": true, "my": true, "your": true, "this": true, "these": true, "those": true,
	"still": true, "very": true, "more": true, "most": true, "less": true, "least": true,
	"newly": true,
}

// notVerbsEd are common words in -ed that are not past tense verbs.
var notVerbsEd = map[string]bool{
	"hundred": true, "indeed": true, "need": true, "speed": true, "seed": true, "feed": true,
	"breed": true, "creed": true, "greed": true, "shed": true, "sled": true, "naked": true,
	"sacred": true, "wicked": true, "kindred": true, "rugged": true, "proceed": true, "exceed": true,
	"succeed": true, "embed": true,
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
	d.Times = Tag(d.Text, Options{Published: d.Published, SentenceStarts: starts, Tokens: d.Tokens})
	return nil
}
