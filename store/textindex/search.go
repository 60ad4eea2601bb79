package textindex

import (
	"container/heap"
	"math"
	"sort"
)

// BM25 parameters, those of FTS5's bm25().
const (
	k1 = 1.2
	b  = 0.75
)

// Stats are the index-wide figures that BM25 needs.
type Stats struct {
	Docs   int64 // documents indexed
	Tokens int64 // their total length
}

// IDF is FTS5's inverse document frequency of a term found in hits of
// docs documents (never below 1e-6, so that very common terms still count
// a little).
func IDF(docs, hits int64) float64 {
	idf := math.Log((float64(docs-hits) + 0.5) / (float64(hits) + 0.5))
	if idf <= 0 {
		idf = 1e-6
	}
	return idf
}

// A SegmentList is a term's postings in one segment.
type SegmentList struct {
	Seg      int64
	Postings []Posting
}

// A TermPostings is one query term's postings, segment by segment (in
// increasing Seg order), and its document frequency.
type TermPostings struct {
	Term string
	Hits int64
	Segs []SegmentList
}

// A Hit is a document matching every term, with its BM25 score (higher is
// better) and the segment its postings came from.
type Hit struct {
	Doc   int64
	Seg   int64
	Score float64
}

// TopK returns the k best documents that contain every term and that keep
// accepts (nil: all), best first (ties: the higher document key first). Score is FTS5's bm25 with the sign
// turned: the sum over terms of IDF × Freq(k1+1) / (Freq + k1(1 − b + b ×
// Len/avgLen)). A document found in several segments (an old version not
// yet merged away) appears once per segment; the caller keeps the live one.
func TopK(terms []TermPostings, st Stats, k int, keep func(doc int64) bool) []Hit {
	if len(terms) == 0 || k <= 0 || st.Docs <= 0 {
		return nil
	}
	avg := float64(st.Tokens) / float64(st.Docs)
	if avg <= 0 {
		avg = 1
	}
	idf := make([]float64, len(terms))
	for i, t := range terms {
		idf[i] = IDF(st.Docs, t.Hits)
	}
	h := &hitHeap{}
	score := func(i int, p Posting) float64 {
		f := float64(p.Freq)
		return idf[i] * f * (k1 + 1) / (f + k1*(1-b+b*float64(p.Len)/avg))
	}
	push := func(x Hit) {
		if h.Len() < k {
			heap.Push(h, x)
		} else if better(x, (*h)[0]) {
			(*h)[0] = x
			heap.Fix(h, 0)
		}
	}
	// Walk the segments that every term has, intersecting their lists.
	pos := make([]int, len(terms)) // index into each term's Segs
	lists := make([][]Posting, len(terms))
	cur := make([]int, len(terms))
	for {
		// The next segment present in all terms.
		var seg int64 = math.MinInt64
		for i, t := range terms {
			if pos[i] >= len(t.Segs) {
				return h.sorted()
			}
			seg = max(seg, t.Segs[pos[i]].Seg)
		}
		all := true
		for i, t := range terms {
			for pos[i] < len(t.Segs) && t.Segs[pos[i]].Seg < seg {
				pos[i]++
			}
			if pos[i] >= len(t.Segs) {
				return h.sorted()
			}
			if t.Segs[pos[i]].Seg != seg {
				all = false
			}
		}
		if !all {
			continue
		}
		for i, t := range terms {
			lists[i] = t.Segs[pos[i]].Postings
			cur[i] = 0
			pos[i]++
		}
		intersect(lists, cur, func(ps []Posting) {
			if keep != nil && !keep(ps[0].Doc) {
				return
			}
			var s float64
			for i, p := range ps {
				s += score(i, p)
			}
			push(Hit{Doc: ps[0].Doc, Seg: seg, Score: s})
		})
	}
}

// intersect calls fn with the postings of each document found in every
// list (lists sorted by document), one per list.
func intersect(lists [][]Posting, cur []int, fn func([]Posting)) {
	ps := make([]Posting, len(lists))
	if len(lists) == 1 {
		for _, p := range lists[0] {
			ps[0] = p
			fn(ps)
		}
		return
	}
	for {
		var doc int64 = math.MinInt64
		for i, l := range lists {
			if cur[i] >= len(l) {
				return
			}
			doc = max(doc, l[cur[i]].Doc)
		}
		match := true
		for i, l := range lists {
			// Gallop to doc.
			j, step := cur[i], 1
			for j+step < len(l) && l[j+step].Doc < doc {
				j += step
				step *= 2
			}
			hi := min(j+step, len(l))
			j += sort.Search(hi-j, func(x int) bool { return l[j+x].Doc >= doc })
			cur[i] = j
			if j >= len(l) {
				return
			}
			if l[j].Doc != doc {
				match = false
			}
		}
		if !match {
			continue
		}
		for i, l := range lists {
			ps[i] = l[cur[i]]
			cur[i]++
		}
		fn(ps)
	}
}

func better(a, b Hit) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.Doc > b.Doc
}

// hitHeap is a min-heap of hits by better: its root is the worst kept.
type hitHeap []Hit

func (h hitHeap) Len() int           { return len(h) }
func (h hitHeap) Less(i, j int) bool { return better(h[j], h[i]) }
func (h hitHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *hitHeap) Push(x any)        { *h = append(*h, x.(Hit)) }
func (h *hitHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// sorted empties h into a slice, best first.
func (h *hitHeap) sorted() []Hit {
	out := make([]Hit, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(h).(Hit)
	}
	return out
}
