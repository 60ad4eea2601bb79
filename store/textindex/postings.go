package textindex

import (
	"encoding/binary"
	"errors"
	"slices"
	"sort"
)

// A Posting is one document's entry in a term's postings list.
type Posting struct {
	Doc  int64  // the document's key
	Freq uint32 // weighted occurrences: the sum over fields of weight × count
	Len  uint32 // the document's length in terms, all fields together
}

// AppendPostings appends the encoding of ps (sorted by Doc, each Doc once)
// to dst: per posting, the uvarints of the Doc delta, Freq and Len.
func AppendPostings(dst []byte, ps []Posting) []byte {
	var prev int64
	for _, p := range ps {
		dst = binary.AppendUvarint(dst, uint64(p.Doc-prev))
		dst = binary.AppendUvarint(dst, uint64(p.Freq))
		dst = binary.AppendUvarint(dst, uint64(p.Len))
		prev = p.Doc
	}
	return dst
}

var errCorrupt = errors.New("textindex: corrupt postings")

// DecodePostings appends the postings encoded in data to dst.
func DecodePostings(dst []Posting, data []byte) ([]Posting, error) {
	var doc int64
	for i := 0; i < len(data); {
		// Most values fit in one byte (doc deltas of common terms, counts).
		var v [3]uint64
		for j := range v {
			if i < len(data) && data[i] < 0x80 {
				v[j] = uint64(data[i])
				i++
				continue
			}
			x, n := binary.Uvarint(data[i:])
			if n <= 0 {
				return dst, errCorrupt
			}
			v[j] = x
			i += n
		}
		if v[0] == 0 && doc != 0 || v[0] > 1<<62 || v[1] > 1<<32-1 || v[2] > 1<<32-1 {
			return dst, errCorrupt
		}
		doc += int64(v[0])
		dst = append(dst, Posting{Doc: doc, Freq: uint32(v[1]), Len: uint32(v[2])})
	}
	return dst, nil
}

// A Field is a part of a document and the weight of its terms (FTS5's
// bm25 column weights).
type Field struct {
	Text   string
	Weight uint32
}

// A DocLen is a document added to a Builder and its length in terms.
type DocLen struct {
	Doc int64
	Len uint32
}

// Builder collects the postings of one segment. The zero value is ready.
type Builder struct {
	terms map[string][]Posting
	docs  []DocLen
	seen  map[int64]bool
	freq  map[string]uint32 // per document, reused
}

// Add indexes one document. A document added twice keeps its first
// version.
func (b *Builder) Add(doc int64, fields ...Field) {
	if b.terms == nil {
		b.terms = make(map[string][]Posting)
		b.seen = make(map[int64]bool)
		b.freq = make(map[string]uint32)
	}
	if b.seen[doc] {
		return
	}
	b.seen[doc] = true
	clear(b.freq)
	var n uint32
	for _, f := range fields {
		EachTerm(f.Text, func(t []byte) {
			n++
			b.freq[string(t)] += f.Weight
		})
	}
	for t, f := range b.freq {
		if f == 0 {
			continue // only in zero-weight fields
		}
		b.terms[t] = append(b.terms[t], Posting{Doc: doc, Freq: f})
	}
	// Len is known only now: set it on this document's postings, which
	// are the last of each of its terms.
	for t, f := range b.freq {
		if f == 0 {
			continue
		}
		ps := b.terms[t]
		ps[len(ps)-1].Len = n
	}
	b.docs = append(b.docs, DocLen{Doc: doc, Len: n})
}

// Docs returns the documents added, in order.
func (b *Builder) Docs() []DocLen { return b.docs }

// Tokens returns the total length of the documents added.
func (b *Builder) Tokens() int64 {
	var t int64
	for _, d := range b.docs {
		t += int64(d.Len)
	}
	return t
}

// Each calls fn with every term, in sorted order, with its postings sorted
// by document, stopping at the first error.
func (b *Builder) Each(fn func(term string, ps []Posting) error) error {
	terms := make([]string, 0, len(b.terms))
	for t := range b.terms {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	for _, t := range terms {
		ps := b.terms[t]
		slices.SortFunc(ps, func(a, b Posting) int { return compareInt64(a.Doc, b.Doc) })
		if err := fn(t, ps); err != nil {
			return err
		}
	}
	return nil
}

func compareInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Merge returns the postings of lists (each sorted by document) that keep
// reports live, sorted by document; a document in several lists keeps its
// first live posting.
func Merge(lists [][]Posting, keep func(list int, p Posting) bool) []Posting {
	var out []Posting
	for i, l := range lists {
		for _, p := range l {
			if keep(i, p) {
				out = append(out, p)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Posting) int { return compareInt64(a.Doc, b.Doc) })
	return slices.CompactFunc(out, func(a, b Posting) bool { return a.Doc == b.Doc })
}
