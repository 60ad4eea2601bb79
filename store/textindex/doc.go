// Package textindex is sitrep's ranked full-text index: postings lists
// that carry what BM25 needs (a weighted term frequency and the document's
// length), so that a relevance search reads each query term's postings
// once and ranks the matches itself, instead of asking SQLite's FTS5 for
// bm25() of every match (which looks up each matching row's size and
// position lists: about 3 µs a match, 6–20 ms for a common word in 100,000
// documents).
//
// The index is a set of immutable segments, each holding the postings of
// the documents written in one transaction. A store writes a segment with
// every batch of documents and merges segments of one level into one of
// the next (see package store): a query then reads a few blobs per term.
// This package holds what does not need the database: the tokenizer
// (the same terms as FTS5's unicode61 tokenizer with remove_diacritics 2),
// segment building, the postings encoding, merging and top-k ranking with
// FTS5's own bm25 formula, so that rankings agree with FTS5's.
package textindex
