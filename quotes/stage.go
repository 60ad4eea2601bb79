package quotes

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/segment"
)

// Stage fills Document.Quotes. It is safe for concurrent use.
type Stage struct {
	m *Model
}

// NewStage returns the quotes stage with the embedded model.
func NewStage() (*Stage, error) {
	m, err := DefaultModel()
	if err != nil {
		return nil, err
	}
	return &Stage{m: m}, nil
}

// NewStageWithModel returns the quotes stage with model m.
func NewStageWithModel(m *Model) *Stage { return &Stage{m: m} }

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "quotes" }

// Process implements pipeline.Stage: it reads Tokens and Sentences (and,
// when present, the syntax fields, Entities and Times) and sets Quotes.
func (st *Stage) Process(ctx context.Context, d *document.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	work := d
	if len(d.Tokens) == 0 || len(d.Sentences) == 0 {
		// Segment a shallow copy: the token layer belongs to the segmenter.
		cp := *d
		cp.Tokens, cp.Sentences = nil, nil
		if err := segment.NewStage().Process(ctx, &cp); err != nil {
			return fmt.Errorf("quotes: segment: %w", err)
		}
		work = &cp
	}
	if st.m.UsesSyntax() && !hasSyntax(work) {
		// The pipeline's syntax stage did not run: parse a copy of the
		// tokens, which belong to that stage.
		cp := *work
		cp.Tokens = append([]document.Token(nil), work.Tokens...)
		if err := ParseSyntax(ctx, &cp); err != nil {
			return err
		}
		work = &cp
	}
	d.Quotes = dropCaptions(st.m.quotes(work), d.Captions)
	return nil
}

// dropCaptions removes statements found inside image captions ("... shows
// the minister speaking to reporters"), which describe a picture, not speech.
func dropCaptions(qs []document.Quote, captions []document.Span) []document.Quote {
	kept := make([]document.Quote, 0, len(qs))
	for _, q := range qs {
		inCaption := false
		for _, c := range captions {
			if q.Start >= c.Start && q.Start < c.End {
				inCaption = true
				break
			}
		}
		if !inCaption {
			kept = append(kept, q)
		}
	}
	return kept
}

// mentionOf returns the mention of tokens [lo, hi).
func mentionOf(d *document.Document, lo, hi int) *document.Mention {
	s, e := d.Tokens[lo].Start, d.Tokens[hi-1].End
	return &document.Mention{Start: s, End: e, Text: d.Slice(s, e)}
}

// quotes finds the document's statements and terms.
func (m *Model) quotes(d *document.Document) []document.Quote {
	v := newView(d, &m.lx)
	raws := m.rawAttrs(v, true)
	regions := quoteRegions(v)
	covered := make([]bool, len(v.lower))
	kept := raws[:0]
	var terms []rawAttr
	for _, r := range raws {
		if ts := termRegions(v, r, regions); len(ts) > 0 {
			for _, q := range ts {
				terms = append(terms, rawAttr{content: []tspan{{1, q.lo, q.hi}}, term: true})
			}
			continue
		}
		kept = append(kept, r)
	}
	raws = append(kept, terms...)
	raws = append(raws, headlineAttrs(v, coveredBy(raws, len(v.lower)))...)
	for _, r := range raws {
		for _, c := range r.content {
			for i := c.lo; i < c.hi; i++ {
				covered[i] = true
			}
		}
	}
	// Quoted regions the tagger left out: terms, or direct quotes whose
	// speaker is read by rules (continuation paragraphs go to the last
	// speaker).
	for _, q := range regions {
		if anyCovered(covered, q.lo, q.hi) {
			continue
		}
		if isTermQuote(v, q) {
			if r, ok := speechFrame(v, q); ok {
				// "described the results as "pretty modest"": the
				// words of whoever the speech verb's subject is
				raws = append(raws, r)
				for i := q.lo; i < q.hi; i++ {
					covered[i] = true
				}
				continue
			}
			raws = append(raws, rawAttr{content: []tspan{{1, q.lo, q.hi}}, term: true})
			continue
		}
		if v.wordCount(q.lo, q.hi) < 3 {
			continue
		}
		raws = append(raws, rawAttr{content: []tspan{{1, q.lo, q.hi}}})
		for i := q.lo; i < q.hi; i++ {
			covered[i] = true
		}
	}
	sort.SliceStable(raws, func(i, j int) bool { return raws[i].content[0].lo < raws[j].content[0].lo })
	ents := newEntityIndex(d)
	var out []document.Quote
	var last *rawAttr // last statement with a speaker
	var lastSpeaker *string
	lastSeq := -1
	for k := range raws {
		r := &raws[k]
		first, lastSpan := r.content[0], r.content[len(r.content)-1]
		s := d.Tokens[first.lo].Start
		e := d.Tokens[lastSpan.hi-1].End
		q := document.Quote{Start: s, End: e, Text: d.Slice(s, e)}
		switch {
		case r.term:
			q.Kind = "term"
			out = append(out, q)
			continue
		default:
			var b strings.Builder
			for i, c := range r.content {
				if i > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(d.Slice(d.Tokens[c.lo].Start, d.Tokens[c.hi-1].End))
			}
			q.Kind = kindOf(b.String())
			if len(r.content) > 1 {
				q.Parts = make([]document.Mention, len(r.content))
				for i, c := range r.content {
					q.Parts[i] = *mentionOf(d, c.lo, c.hi)
				}
			}
		}
		seqi := v.seqIndex(first.lo)
		if r.cue != nil {
			q.Cue = mentionOf(d, r.cue.lo, r.cue.hi)
		}
		if r.source != nil {
			q.SpeakerMention = mentionOf(d, r.source.lo, r.source.hi)
			q.Speaker = ents.resolve(v, r.source.lo, r.source.hi, lastSpeaker)
		} else if r.cue == nil && last != nil && q.Kind != "indirect" && seqi <= lastSeq+1 && last.source != nil {
			// A quote paragraph with no cue of its own continues the
			// last speaker.
			q.SpeakerMention = mentionOf(d, last.source.lo, last.source.hi)
			q.Speaker = lastSpeaker
		}
		if r.source != nil {
			last = r
			lastSpeaker = q.Speaker
			lastSeq = v.seqIndex(r.content[len(r.content)-1].hi - 1)
		} else if q.SpeakerMention != nil {
			lastSeq = seqi
		}
		q.Via = viaChain(v, ents, r)
		q.Time = speakingTime(v, r)
		out = append(out, q)
	}
	for i := range out {
		out[i].ID = fmt.Sprintf("q%d", i+1)
	}
	return out
}

func coveredBy(raws []rawAttr, n int) []bool {
	c := make([]bool, n)
	for _, r := range raws {
		for _, s := range r.content {
			for i := s.lo; i < s.hi; i++ {
				c[i] = true
			}
		}
	}
	return c
}

func anyCovered(c []bool, lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if c[i] {
			return true
		}
	}
	return false
}
