// Package document defines sitrep's Document, the public contract that every
// pipeline stage reads and extends.
//
// A Document carries the article text and annotation layers (sentences,
// tokens, entities, places, times, quotes, events). Every layer points into
// Text by offsets: Unicode code point offsets, end exclusive. Stages that work
// on bytes convert with [Document.RuneOffset] and [Document.ByteOffset].
//
// The JSON encoding is versioned by the Schema field ("sitrep/1") and
// documented in docs/schema.md and docs/document.schema.json.
package document

import (
	"unicode/utf8"
)

// SchemaVersion is the value of Document.Schema for documents this package writes.
const SchemaVersion = "sitrep/1"

// Document is one article and everything sitrep found in it.
type Document struct {
	Schema string `json:"schema"`
	// ID is stable: the id given by the input, else "u" + hash of the URL,
	// else "t" + hash of the text.
	ID string `json:"id"`
	// Input is the path or URL the document was read from; JSON Lines
	// inputs carry ":LINE", WARC records "#OFFSET".
	Input  string `json:"input,omitempty"`
	URL    string `json:"url,omitempty"`
	Source string `json:"source,omitempty"`
	Byline string `json:"byline,omitempty"`
	Title  string `json:"title,omitempty"`
	// Published is RFC 3339 or a date (YYYY-MM-DD).
	Published string `json:"published,omitempty"`
	// PublishedFrom says where Published came from: "input", "html",
	// "feed", "flag", "dateline".
	PublishedFrom string `json:"published_from,omitempty"`
	Language      string `json:"language,omitempty"`

	// Text is the title line, the caption lines, then the body paragraphs,
	// separated by blank lines. It is exactly the string all offsets refer to.
	Text string `json:"text"`

	// TitleSpan, Captions, Paragraphs and Dateline locate the parts of Text.
	TitleSpan  *Span     `json:"title_span,omitempty"`
	Captions   []Span    `json:"captions"`
	Paragraphs []Span    `json:"paragraphs,omitempty"`
	Dateline   *Dateline `json:"dateline,omitempty"`

	Sentences []Sentence `json:"sentences"`
	// Tokens is written only when the tokens or syntax layer is asked for.
	Tokens []Token `json:"tokens,omitempty"`

	Entities []Entity `json:"entities"`
	Places   []Place  `json:"places"`
	// Focus is the country and city the article is about.
	Focus  *PlaceFocus `json:"focus,omitempty"`
	Times  []Time      `json:"times"`
	Quotes []Quote     `json:"quotes"`
	Events []Event     `json:"events"`

	Meta     map[string]any `json:"meta,omitempty"`
	Warnings []string       `json:"warnings,omitempty"`

	runeStarts []int // byte offset of each code point, built lazily
	processed  bool  // read back in sitrep/1 form: the stages have run
}

// SetProcessed marks a document read back in its sitrep/1 form, whose layers
// are already filled: the pipeline leaves it as it is.
func (d *Document) SetProcessed() { d.processed = true }

// Processed reports whether SetProcessed was called.
func (d *Document) Processed() bool { return d.processed }

// Span is a half-open range [Start, End) of code points in Document.Text.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text,omitempty"`
}

// Dateline is a parsed wire dateline such as "DAMASCUS, Sept 3 (Reuters) -".
type Dateline struct {
	Span
	Place  string `json:"place,omitempty"`
	Date   string `json:"date,omitempty"` // as written, or YYYY-MM-DD / --MM-DD when resolvable
	Source string `json:"source,omitempty"`
}

// Sentence is one sentence; TokenStart and TokenEnd index Document.Tokens.
type Sentence struct {
	Start      int `json:"start"`
	End        int `json:"end"`
	TokenStart int `json:"token_start"`
	TokenEnd   int `json:"token_end"`
}

// Token is one word or punctuation mark. Syntax fields are filled by the
// syntax stage; Head is 1-based within the sentence, 0 for the root.
type Token struct {
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Text       string `json:"text"`
	SpaceAfter bool   `json:"space_after"`
	UPOS       string `json:"upos,omitempty"`
	XPOS       string `json:"xpos,omitempty"`
	Feats      string `json:"feats,omitempty"`
	Lemma      string `json:"lemma,omitempty"`
	Head       int    `json:"head,omitempty"`
	Deprel     string `json:"deprel,omitempty"`
}

// New returns an empty document of the current schema with all list layers
// non-nil, so that they encode as [] rather than null.
func New() *Document {
	d := &Document{Schema: SchemaVersion}
	d.Normalize()
	return d
}

// Normalize sets the schema version and replaces nil layers by empty ones.
func (d *Document) Normalize() {
	if d.Schema == "" {
		d.Schema = SchemaVersion
	}
	if d.Captions == nil {
		d.Captions = []Span{}
	}
	if d.Sentences == nil {
		d.Sentences = []Sentence{}
	}
	if d.Entities == nil {
		d.Entities = []Entity{}
	}
	if d.Places == nil {
		d.Places = []Place{}
	}
	if d.Times == nil {
		d.Times = []Time{}
	}
	if d.Quotes == nil {
		d.Quotes = []Quote{}
	}
	if d.Events == nil {
		d.Events = []Event{}
	}
}

// SetText replaces the text and forgets the offset table built for the old one.
func (d *Document) SetText(s string) {
	d.Text = s
	d.runeStarts = nil
}

func (d *Document) index() []int {
	if d.runeStarts == nil {
		starts := make([]int, 0, len(d.Text)+1)
		for i := range d.Text {
			starts = append(starts, i)
		}
		starts = append(starts, len(d.Text))
		d.runeStarts = starts
	}
	return d.runeStarts
}

// ByteOffset converts a code point offset into a byte offset in Text.
// Offsets out of range are clamped.
func (d *Document) ByteOffset(r int) int {
	idx := d.index()
	switch {
	case r <= 0:
		return 0
	case r >= len(idx):
		return len(d.Text)
	}
	return idx[r]
}

// RuneOffset converts a byte offset into a code point offset in Text. A byte
// offset inside a multi-byte character maps to that character.
func (d *Document) RuneOffset(b int) int {
	if b <= 0 {
		return 0
	}
	if b >= len(d.Text) {
		return utf8.RuneCountInString(d.Text)
	}
	idx := d.index()
	lo, hi := 0, len(idx)-1
	for lo < hi {
		m := (lo + hi + 1) / 2
		if idx[m] <= b {
			lo = m
		} else {
			hi = m - 1
		}
	}
	return lo
}

// Slice returns the text of the code point range [start, end).
func (d *Document) Slice(start, end int) string {
	if end < start {
		return ""
	}
	return d.Text[d.ByteOffset(start):d.ByteOffset(end)]
}

// SentenceTokens returns the tokens of sentence i.
func (d *Document) SentenceTokens(i int) []Token {
	if i < 0 || i >= len(d.Sentences) {
		return nil
	}
	s := d.Sentences[i]
	if s.TokenStart < 0 || s.TokenEnd > len(d.Tokens) || s.TokenStart > s.TokenEnd {
		return nil
	}
	return d.Tokens[s.TokenStart:s.TokenEnd]
}
