package document

import (
	"fmt"
	"unicode/utf8"
)

// Validate checks that every span of every layer lies inside Text and that
// sentences index existing tokens, so that a document read from outside can
// be used safely.
func (d *Document) Validate() error {
	n := utf8.RuneCountInString(d.Text)
	check := func(what string, i, start, end int) error {
		if start < 0 || end > n || start > end {
			return fmt.Errorf("%s %d: span [%d, %d) outside the text of %d code points", what, i, start, end, n)
		}
		return nil
	}
	for i, s := range d.Sentences {
		if err := check("sentence", i, s.Start, s.End); err != nil {
			return err
		}
		if len(d.Tokens) > 0 && (s.TokenStart < 0 || s.TokenEnd > len(d.Tokens) || s.TokenStart > s.TokenEnd) {
			return fmt.Errorf("sentence %d: tokens [%d, %d) outside the %d tokens", i, s.TokenStart, s.TokenEnd, len(d.Tokens))
		}
	}
	for i, t := range d.Tokens {
		if err := check("token", i, t.Start, t.End); err != nil {
			return err
		}
	}
	if d.TitleSpan != nil {
		if err := check("title", 0, d.TitleSpan.Start, d.TitleSpan.End); err != nil {
			return err
		}
	}
	if d.Dateline != nil {
		if err := check("dateline", 0, d.Dateline.Start, d.Dateline.End); err != nil {
			return err
		}
	}
	for i, c := range d.Captions {
		if err := check("caption", i, c.Start, c.End); err != nil {
			return err
		}
	}
	for i, p := range d.Paragraphs {
		if err := check("paragraph", i, p.Start, p.End); err != nil {
			return err
		}
	}
	for i, e := range d.Entities {
		for _, m := range e.Mentions {
			if err := check("entity", i, m.Start, m.End); err != nil {
				return err
			}
		}
	}
	for i, p := range d.Places {
		for _, m := range p.Mentions {
			if err := check("place", i, m.Start, m.End); err != nil {
				return err
			}
		}
	}
	for i, t := range d.Times {
		if err := check("time", i, t.Start, t.End); err != nil {
			return err
		}
	}
	for i, q := range d.Quotes {
		if err := check("quote", i, q.Start, q.End); err != nil {
			return err
		}
		for _, m := range []*Mention{q.SpeakerMention, q.Cue} {
			if m != nil {
				if err := check("quote", i, m.Start, m.End); err != nil {
					return err
				}
			}
		}
		for _, m := range q.Parts {
			if err := check("quote part", i, m.Start, m.End); err != nil {
				return err
			}
		}
	}
	for i, e := range d.Events {
		if err := check("event sentence", i, e.Sentence.Start, e.Sentence.End); err != nil {
			return err
		}
		if err := check("event trigger", i, e.Trigger.Start, e.Trigger.End); err != nil {
			return err
		}
	}
	return nil
}
