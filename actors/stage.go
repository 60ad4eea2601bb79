package actors

import (
	"context"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/document"
)

// Options configure the actors stage.
type Options struct {
	// Dictionaries are CAMEO/PETRARCH actor dictionary files added to the
	// built-in lexicon (--actors FILE).
	Dictionaries []string
}

// Stage codes every entity of a document as an actor (Entity.Actor).
type Stage struct {
	lex *Lexicon
}

// NewStage builds the actors stage with the built-in lexicon and the given
// dictionaries.
func NewStage(opts Options) (*Stage, error) {
	lex := Default()
	if len(opts.Dictionaries) > 0 {
		lex = New()
		for _, p := range opts.Dictionaries {
			if err := lex.LoadDictionaryFile(p); err != nil {
				return nil, err
			}
		}
	}
	return &Stage{lex: lex}, nil
}

// Lexicon returns the stage's lexicon (shared, read-only).
func (s *Stage) Lexicon() *Lexicon { return s.lex }

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "actors" }

// Process implements pipeline.Stage.
func (s *Stage) Process(ctx context.Context, d *document.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	CodeEntities(s.lex, d)
	return nil
}

// Date returns the YYYY-MM-DD publication date of d, or "".
func Date(d *document.Document) string {
	if len(d.Published) >= 10 && d.Published[4] == '-' && d.Published[7] == '-' {
		return d.Published[:10]
	}
	return ""
}

// SentenceWords holds the token texts and lexicon hits of one sentence.
type SentenceWords struct {
	Sentence int // index in d.Sentences
	Tok0     int // index of the first token in d.Tokens
	Words    []string
	Hits     []Hit
	hitAt    []int // hit index covering each word, -1 if none
}

// NewSentenceWords scans sentence si of d.
func NewSentenceWords(lex *Lexicon, d *document.Document, si int) *SentenceWords {
	s := d.Sentences[si]
	sw := &SentenceWords{Sentence: si, Tok0: s.TokenStart}
	if s.TokenStart < 0 || s.TokenEnd > len(d.Tokens) || s.TokenStart > s.TokenEnd {
		return sw
	}
	for _, t := range d.Tokens[s.TokenStart:s.TokenEnd] {
		sw.Words = append(sw.Words, t.Text)
	}
	sw.Hits = lex.Scan(sw.Words)
	sw.hitAt = make([]int, len(sw.Words))
	for i := range sw.hitAt {
		sw.hitAt[i] = -1
	}
	for k, h := range sw.Hits {
		for i := h.Start; i < h.End; i++ {
			sw.hitAt[i] = k
		}
	}
	return sw
}

// HitAt returns the hit covering word i, if any.
func (sw *SentenceWords) HitAt(i int) (Hit, bool) {
	if i < 0 || i >= len(sw.hitAt) || sw.hitAt[i] < 0 {
		return Hit{}, false
	}
	return sw.Hits[sw.hitAt[i]], true
}

// titleFillers may stand between a title and a name, or inside a title:
// "Lebanon's new President", "senior Israeli official".
var titleFillers = map[string]bool{
	"new": true, "former": true, "senior": true, "top": true, "deputy": true, "acting": true,
	"interim": true, "visiting": true, "ousted": true, "chief": true, "the": true, "'s": true,
	"'": true, "vice": true, "first": true, "federal": true, "general": true, "state": true,
	"outgoing": true, "incoming": true, "elected": true, "exiled": true, "then": true,
	"a": true, "an": true, "-": true, "and": true, "high": true, "ranking": true, "top-ranking": true,
	"semi-official": true, "official": true, "state-run": true, "state-owned": true, "pro-government": true,
	"regional": true, "local": true, "hardline": true, "radical": true, "moderate": true,
	"ethnic": true, "armed": true, "islamist": true, "opposition": true, "supreme": true,
	"ruling": true, "main": true, "president-elect": true, "self-declared": true,
}

// Extend widens the word span [start, end) of a mention to the title and
// modifiers before it ("Iranian Foreign Minister" + "Mohammad Javad Zarif")
// and returns the widened span.
func (sw *SentenceWords) Extend(start, end int) (int, int) {
	i := start
	for i > 0 {
		j := i - 1
		if h, ok := sw.HitAt(j); ok {
			i = h.Start
			continue
		}
		w := strings.ToLower(sw.Words[j])
		if titleFillers[w] && w != "and" && w != "the" && w != "a" && w != "an" {
			// fillers only when a hit lies further left ("Lebanon's new President")
			k := j
			for k > 0 && titleFillers[strings.ToLower(sw.Words[k-1])] {
				k--
			}
			if _, ok := sw.HitAt(k - 1); ok && k-1 >= 0 {
				i = k
				continue
			}
		}
		break
	}
	return i, end
}

// Apposition returns the span of an apposition right after [start, end):
// "Kofi Annan, UN secretary-general," -> the words between the commas, if
// they hold an actor hit.
func (sw *SentenceWords) Apposition(end int) (int, int, bool) {
	if end >= len(sw.Words) || sw.Words[end] != "," {
		return 0, 0, false
	}
	a := end + 1
	b := a
	hit := false
	var last Kind
	for b < len(sw.Words) && b-a < 8 {
		w := sw.Words[b]
		if w == "," || w == ";" || w == "." || w == "(" || w == ")" || w == "\"" {
			break
		}
		if (w == "and" || w == "or") && (last == KindCountry || last == KindCapital || last == KindDemonym) {
			return 0, 0, false // "Thailand, the Philippines and India": a list
		}
		if h, ok := sw.HitAt(b); ok {
			hit = true
			b = h.End
			last = h.Entry.Kind
			continue
		}
		if first := w[0]; first >= 'a' && first <= 'z' && !titleFillers[w] && w != "of" {
			// a verb or common word: not an apposition
			return 0, 0, false
		}
		b++
	}
	if !hit || b == a {
		return 0, 0, false
	}
	if b+1 < len(sw.Words) && sw.Words[b] == "," {
		// "Indonesia, Australia, Malaysia and Singapore": a list, not an
		// apposition
		if _, ok := sw.HitAt(b + 1); ok {
			return 0, 0, false
		}
	}
	return a, b, true
}

// CodeSpan codes the words [start, end) of sentence sw as an actor.
func (lex *Lexicon) CodeSpan(sw *SentenceWords, start, end int, date string) (document.Actor, bool) {
	return lex.CodeSpanOf(sw, start, end, date, "")
}

// CodeSpanOf is CodeSpan for the mention of an entity of type entType. In
// an organization's name, capitalized role words that other name words
// follow are part of the name, not its sector: "General Motors", "Jet
// Airways" (but "Finance Ministry", "Bank of England").
func (lex *Lexicon) CodeSpanOf(sw *SentenceWords, start, end int, date, entType string) (document.Actor, bool) {
	if start < 0 || end > len(sw.Words) || start >= end {
		return document.Actor{}, false
	}
	var hits []Hit
	for _, h := range sw.Hits {
		if h.Start >= start && h.End <= end {
			h.Start -= start
			h.End -= start
			hits = append(hits, h)
		}
	}
	words := sw.Words[start:end]
	return lex.CodeHits(words, nameHits(words, hits, entType), date)
}

// CodeNameOf codes the name of an entity of type entType, as CodeSpanOf
// codes its mentions.
func (lex *Lexicon) CodeNameOf(words []string, date, entType string) (document.Actor, bool) {
	return lex.CodeHits(words, nameHits(words, lex.Scan(words), entType), date)
}

// nameHits drops from the hits of an organization's name a capitalized
// role word that other name words follow: "General Motors", "General
// Electric", "Jet Airways" name no generals or jets.
func nameHits(words []string, hits []Hit, entType string) []Hit {
	if entType != "ORG" {
		return hits
	}
	out := hits[:0:0]
	for _, h := range hits {
		if h.Entry.Kind == KindAgent && h.Start == 0 && h.End < len(words) && isCap(words[h.Start]) && isCap(words[h.End]) {
			continue
		}
		out = append(out, h)
	}
	return out
}

func isCap(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// tokenRange returns the word span of sentence sw covering code points
// [start, end), or ok false.
func tokenRange(d *document.Document, sw *SentenceWords, start, end int) (int, int, bool) {
	s := d.Sentences[sw.Sentence]
	a, b := -1, -1
	for i := s.TokenStart; i < s.TokenEnd && i < len(d.Tokens); i++ {
		t := d.Tokens[i]
		if t.End > start && t.Start < end {
			if a < 0 {
				a = i - s.TokenStart
			}
			b = i - s.TokenStart + 1
		}
	}
	return a, b, a >= 0
}

// sentenceOf returns the index of the sentence holding code point off.
func sentenceOf(d *document.Document, off int) int {
	i := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End > off })
	if i < len(d.Sentences) && d.Sentences[i].Start <= off {
		return i
	}
	return -1
}

// CodeEntities sets Entity.Actor for every entity of d that the lexicon can
// code, from (in order of trust) titles and appositions around its mentions,
// its role, a dictionary entry for its name, and its name.
func CodeEntities(lex *Lexicon, d *document.Document) {
	date := Date(d)
	cache := map[int]*SentenceWords{}
	sent := func(si int) *SentenceWords {
		sw := cache[si]
		if sw == nil {
			sw = NewSentenceWords(lex, d, si)
			cache[si] = sw
		}
		return sw
	}
	for ei := range d.Entities {
		e := &d.Entities[ei]
		var best document.Actor
		score := -1
		consider := func(a document.Actor, ok bool, bonus int) {
			if !ok {
				return
			}
			sc := bonus
			if a.Country != "" {
				sc += 4
			}
			if len(a.Sectors) > 0 {
				sc += 2
			}
			if sc > score {
				best, score = a, sc
			}
		}
		for _, m := range e.Mentions {
			si := sentenceOf(d, m.Start)
			if si < 0 {
				continue
			}
			sw := sent(si)
			a, b, ok := tokenRange(d, sw, m.Start, m.End)
			if !ok {
				continue
			}
			xa, xb := sw.Extend(a, b)
			act, ok := lex.CodeSpanOf(sw, xa, xb, date, e.Type)
			bonus := 1
			if ok && xa < a && act.Source != "dictionary" {
				act.Source = "title"
				bonus = 2 // the text's own title beats a dictionary entry
			}
			consider(act, ok, bonus)
			if pa, pb, ok := sw.Apposition(b); ok {
				act, ok := lex.CodeSpan(sw, pa, pb, date)
				if ok {
					act.Source = "apposition"
				}
				consider(act, ok, 2)
			}
		}
		if e.Role != "" {
			act, ok := lex.Code(Words(e.Role), date)
			if ok {
				act.Source = "title"
			}
			consider(act, ok, 0)
		}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			act, ok := lex.CodeNameOf(Words(n), date, e.Type)
			consider(act, ok, 0)
		}
		if score >= 0 {
			a := best
			e.Actor = &a
		}
	}
}
