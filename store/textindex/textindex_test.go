package textindex

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestTerms(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ,.;  ", nil},
		{"Iran's FM Zarif", []string{"iran", "s", "fm", "zarif"}},
		{"U.S.-led strikes, 2018-09-03", []string{"u", "s", "led", "strikes", "2018", "09", "03"}},
		{"Déjà vu CAFÉ naïve Ångström", []string{"deja", "vu", "cafe", "naive", "angstrom"}},
		{"Straße Ærø", []string{"straße", "ærø"}},
		{"e\u0301te \u0301x", []string{"ete", "x"}},
		{"Москва Ελλάδα 北京", []string{"москва", "ελλάδα", "北京"}},
		{"x² ½ Ⅲ", []string{"x²", "½", "ⅲ"}},
		{"\xff\xfebad utf8", []string{"bad", "utf8"}},
	} {
		if got := Terms(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Terms(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPostingsRoundTrip(t *testing.T) {
	ps := []Posting{{1, 3, 10}, {2, 1, 400}, {1000, 7, 1 << 20}, {1 << 40, 1, 1}}
	data := AppendPostings(nil, ps)
	got, err := DecodePostings(nil, data)
	if err != nil || !reflect.DeepEqual(got, ps) {
		t.Fatalf("round trip: %v %v", got, err)
	}
	for _, bad := range [][]byte{{0x80}, {1, 1}, append(AppendPostings(nil, ps[:1]), 0, 1, 1)} {
		if _, err := DecodePostings(nil, bad); err == nil {
			t.Errorf("DecodePostings(% x): no error", bad)
		}
	}
}

func FuzzDecodePostings(f *testing.F) {
	f.Add(AppendPostings(nil, []Posting{{1, 3, 10}, {5, 1, 2}}))
	f.Add([]byte{0x80, 0x80})
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := DecodePostings(nil, data)
		if err != nil {
			return
		}
		if !slices.IsSortedFunc(ps, func(a, b Posting) int { return compareInt64(a.Doc, b.Doc) }) {
			t.Fatalf("decoded postings out of order: %v", ps)
		}
		// Whatever decodes can be searched.
		TopK([]TermPostings{{Term: "x", Hits: int64(len(ps)), Segs: []SegmentList{{1, ps}}}}, Stats{Docs: 10, Tokens: 100}, 3, nil)
	})
}

func TestBuilder(t *testing.T) {
	var b Builder
	b.Add(7, Field{"Oil prices", 3}, Field{"Oil prices rose. Oil fell.", 1})
	b.Add(3, Field{"", 3}, Field{"Prices", 1})
	b.Add(7, Field{"ignored", 1}) // a document once
	got := map[string][]Posting{}
	b.Each(func(term string, ps []Posting) error {
		got[term] = slices.Clone(ps)
		return nil
	})
	want := map[string][]Posting{
		"oil":    {{7, 3 + 2, 7}},
		"prices": {{3, 1, 1}, {7, 3 + 1, 7}},
		"rose":   {{7, 1, 7}},
		"fell":   {{7, 1, 7}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("postings %v, want %v", got, want)
	}
	if b.Tokens() != 8 || len(b.Docs()) != 2 {
		t.Fatalf("docs %v tokens %d", b.Docs(), b.Tokens())
	}
}

func TestMerge(t *testing.T) {
	a := []Posting{{1, 1, 1}, {4, 1, 1}, {9, 1, 1}}
	b := []Posting{{2, 2, 2}, {4, 2, 2}}
	got := Merge([][]Posting{a, b}, func(list int, p Posting) bool { return !(list == 0 && p.Doc == 4) })
	want := []Posting{{1, 1, 1}, {2, 2, 2}, {4, 2, 2}, {9, 1, 1}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Merge = %v, want %v", got, want)
	}
}

// bruteTopK scores every document of one segment the slow way.
func bruteTopK(terms []TermPostings, st Stats, k int) []Hit {
	avg := float64(st.Tokens) / float64(st.Docs)
	docs := map[int64][]Posting{}
	for _, t := range terms {
		for _, p := range t.Segs[0].Postings {
			docs[p.Doc] = append(docs[p.Doc], p)
		}
	}
	var hits []Hit
	for d, ps := range docs {
		if len(ps) != len(terms) {
			continue
		}
		var s float64
		for i, p := range ps {
			f := float64(p.Freq)
			s += IDF(st.Docs, terms[i].Hits) * f * (k1 + 1) / (f + k1*(1-b+b*float64(p.Len)/avg))
		}
		hits = append(hits, Hit{Doc: d, Seg: 1, Score: s})
	}
	slices.SortFunc(hits, func(x, y Hit) int {
		if better(x, y) {
			return -1
		}
		return 1
	})
	return hits[:min(k, len(hits))]
}

func TestTopKMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 50 {
		nterms := 1 + trial%3
		var terms []TermPostings
		for i := range nterms {
			var ps []Posting
			for d := int64(1); d <= 300; d++ {
				if rng.IntN(3+i) == 0 {
					ps = append(ps, Posting{Doc: d, Freq: uint32(1 + rng.IntN(5)), Len: uint32(50 + rng.IntN(500))})
				}
			}
			terms = append(terms, TermPostings{Term: fmt.Sprint(i), Hits: int64(len(ps)), Segs: []SegmentList{{1, ps}}})
		}
		st := Stats{Docs: 300, Tokens: 300 * 300}
		got := TopK(terms, st, 10, nil)
		want := bruteTopK(terms, st, 10)
		if len(got) != len(want) {
			t.Fatalf("trial %d: %d hits, want %d", trial, len(got), len(want))
		}
		for i := range got {
			if got[i].Doc != want[i].Doc || got[i].Score-want[i].Score > 1e-12 || want[i].Score-got[i].Score > 1e-12 {
				t.Fatalf("trial %d: hit %d = %+v, want %+v", trial, i, got[i], want[i])
			}
		}
	}
}

func TestTopKSegmentsAndFilter(t *testing.T) {
	// Term a in segments 1 and 3, term b in 2 and 3: only segment 3 has both.
	a := TermPostings{Term: "a", Hits: 3, Segs: []SegmentList{{1, []Posting{{1, 1, 5}}}, {3, []Posting{{5, 1, 5}, {6, 1, 5}}}}}
	b := TermPostings{Term: "b", Hits: 3, Segs: []SegmentList{{2, []Posting{{1, 1, 5}}}, {3, []Posting{{5, 2, 5}, {6, 1, 5}}}}}
	st := Stats{Docs: 100, Tokens: 500}
	got := TopK([]TermPostings{a, b}, st, 5, nil)
	if len(got) != 2 || got[0].Doc != 5 || got[1].Doc != 6 || got[0].Seg != 3 {
		t.Fatalf("TopK = %+v", got)
	}
	got = TopK([]TermPostings{a, b}, st, 5, func(d int64) bool { return d != 5 })
	if len(got) != 1 || got[0].Doc != 6 {
		t.Fatalf("TopK with filter = %+v", got)
	}
	if got := TopK(nil, st, 5, nil); got != nil {
		t.Fatalf("no terms: %v", got)
	}
}

func ExampleTopK() {
	var b Builder
	b.Add(1, Field{"Ceasefire in Idlib", 3}, Field{"Talks on a ceasefire resumed.", 1})
	b.Add(2, Field{"Shelling in Idlib", 3}, Field{"Shelling continued despite talks.", 1})
	b.Add(3, Field{"Markets", 3}, Field{"Oil prices fell.", 1})
	b.Add(4, Field{"Football", 3}, Field{"The league resumed.", 1})
	b.Add(5, Field{"Weather", 3}, Field{"Rain in Aleppo.", 1})
	terms := map[string]*TermPostings{}
	b.Each(func(term string, ps []Posting) error {
		terms[term] = &TermPostings{Term: term, Hits: int64(len(ps)), Segs: []SegmentList{{Seg: 1, Postings: slices.Clone(ps)}}}
		return nil
	})
	st := Stats{Docs: 5, Tokens: b.Tokens()}
	for _, h := range TopK([]TermPostings{*terms["idlib"], *terms["talks"]}, st, 10, nil) {
		fmt.Printf("document %d: %.3f\n", h.Doc, h.Score)
	}
	// Output:
	// document 2: 0.797
	// document 1: 0.760
}

func BenchmarkTopK(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	var terms []TermPostings
	for i, every := range []int{7, 20} { // terms in 14% and 5% of 100,000 documents
		var ps []Posting
		for d := int64(1); d <= 100000; d++ {
			if rng.IntN(every) == 0 {
				ps = append(ps, Posting{Doc: d, Freq: uint32(1 + rng.IntN(4)), Len: uint32(100 + rng.IntN(600))})
			}
		}
		terms = append(terms, TermPostings{Term: fmt.Sprint(i), Hits: int64(len(ps)), Segs: []SegmentList{{1, ps}}})
	}
	st := Stats{Docs: 100000, Tokens: 100000 * 400}
	for _, n := range []int{1, 2} {
		b.Run(fmt.Sprint(n, "terms"), func(b *testing.B) {
			for b.Loop() {
				TopK(terms[:n], st, 20, nil)
			}
		})
	}
	data := AppendPostings(nil, terms[0].Segs[0].Postings)
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		var ps []Posting
		for b.Loop() {
			ps, _ = DecodePostings(ps[:0], data)
		}
	})
	b.Run("terms", func(b *testing.B) {
		text := strings.Repeat("Iranian Foreign Minister Mohammad Javad Zarif said on Monday that talks would resume. ", 20)
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			EachTerm(text, func([]byte) {})
		}
	})
}
