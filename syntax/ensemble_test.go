package syntax

import (
	"bytes"
	"context"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestMaxArborescence(t *testing.T) {
	tests := []struct {
		name  string
		nv    int
		edges []wedge
		want  []int
	}{
		{
			name:  "chain",
			nv:    4,
			edges: []wedge{{0, 1, 1}, {1, 2, 1}, {2, 3, 1}},
			want:  []int{-1, 0, 1, 2},
		},
		{
			name: "best heads without a cycle",
			nv:   4,
			edges: []wedge{
				{0, 2, 3}, {2, 1, 2}, {3, 1, 1}, {2, 3, 2}, {1, 3, 1},
			},
			want: []int{-1, 2, 0, 2},
		},
		{
			// 1 and 2 prefer each other; the root enters the cycle
			// where that costs least: at 1 (3-10) rather than 2 (2-10).
			name: "two-node cycle",
			nv:   3,
			edges: []wedge{
				{0, 1, 3}, {0, 2, 2}, {2, 1, 10}, {1, 2, 10},
			},
			want: []int{-1, 0, 1},
		},
		{
			name: "three-node cycle and an outside word",
			nv:   5,
			edges: []wedge{
				{0, 1, 1}, {1, 2, 5}, {2, 3, 5}, {3, 1, 5}, {0, 3, 4}, {3, 4, 2}, {4, 2, 1},
			},
			want: []int{-1, 3, 1, 0, 3},
		},
		{
			name:  "ties go to the edge listed first",
			nv:    3,
			edges: []wedge{{0, 1, 1}, {0, 2, 1}, {1, 2, 1}},
			want:  []int{-1, 0, 0},
		},
		{
			name:  "unreachable word keeps no head",
			nv:    3,
			edges: []wedge{{0, 1, 1}, {5, 2, 1}},
			want:  []int{-1, 0, -1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := maxArborescence(tt.nv, tt.edges)
			if !slices.Equal(got, tt.want) {
				t.Errorf("heads %v, want %v", got, tt.want)
			}
		})
	}
}

// TestMaxArborescenceIsOptimal compares with brute force on random graphs
// that contain the chain 0 -> 1 -> ... (so a spanning tree exists).
func TestMaxArborescenceIsOptimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for iter := 0; iter < 300; iter++ {
		nv := 2 + rng.IntN(5)
		var edges []wedge
		for d := 1; d < nv; d++ {
			edges = append(edges, wedge{d - 1, d, float64(rng.IntN(4))})
			for h := 0; h < nv; h++ {
				if h != d && h != d-1 && rng.IntN(2) == 0 {
					edges = append(edges, wedge{h, d, float64(rng.IntN(6))})
				}
			}
		}
		got := maxArborescence(nv, edges)
		if !isTree(got) {
			t.Fatalf("graph %v: %v is not a tree", edges, got)
		}
		if g, b := treeWeight(got, edges), bruteBest(nv, edges); g != b {
			t.Fatalf("graph %v: tree %v weighs %v, best is %v", edges, got, g, b)
		}
	}
}

func isTree(heads []int) bool {
	for v := 1; v < len(heads); v++ {
		seen := 0
		for u := v; u != 0; u = heads[u] {
			if u < 0 || seen > len(heads) {
				return false
			}
			seen++
		}
	}
	return true
}

func treeWeight(heads []int, edges []wedge) float64 {
	w := 0.0
	for v := 1; v < len(heads); v++ {
		best, found := 0.0, false
		for _, e := range edges {
			if e.h == heads[v] && e.d == v && (!found || e.w > best) {
				best, found = e.w, true
			}
		}
		w += best
	}
	return w
}

func bruteBest(nv int, edges []wedge) float64 {
	heads := make([]int, nv)
	heads[0] = -1
	best := -1.0
	var rec func(v int)
	rec = func(v int) {
		if v == nv {
			if isTree(heads) {
				if w := treeWeight(heads, edges); w > best {
					best = w
				}
			}
			return
		}
		for _, e := range edges {
			if e.d == v {
				heads[v] = e.h
				rec(v + 1)
			}
		}
	}
	rec(1)
	return best
}

// TestReverseParser trains a right-to-left parser on the fixture: it must
// survive Save/Load, give valid trees in the sentence's own order, and
// learn the training trees.
func TestReverseParser(t *testing.T) {
	a := tinyAnalyzerWith(t, ParserOptions{Epochs: 8, Seed: 1, Beam: 1, Explore: 0.9, Reverse: true, Clusters: tinyClusters()})
	if !a.Parser.Reverse {
		t.Fatal("Reverse lost in Save/Load")
	}
	_, gold := readFixture(t)
	right, total := 0, 0
	for _, g := range gold {
		s := &Sentence{}
		s.Reset(g.Forms)
		a.Analyze(s)
		if !isTree(append([]int{-1}, s.Heads...)) {
			t.Fatalf("%v: heads %v are not a tree", g.Forms, s.Heads)
		}
		for i := range g.Heads {
			if s.Heads[i] == g.Heads[i] {
				right++
			}
			total++
		}
	}
	if uas := float64(right) / float64(total); uas < 0.8 {
		t.Errorf("right-to-left parser learns the fixture to UAS %.2f, want >= 0.8", uas)
	}
}

func TestEnsemble(t *testing.T) {
	_, train := readFixture(t)
	ctx := context.Background()
	tg, err := TrainTagger(ctx, train, nil, TaggerOptions{Epochs: 3, Seed: 1, MinCount: 1, Clusters: tinyClusters()})
	if err != nil {
		t.Fatal(err)
	}
	var ps []*Parser
	for _, opt := range []ParserOptions{
		{Epochs: 5, Seed: 1, Beam: 4},
		{Epochs: 5, Seed: 1, Explore: 0.9},
		{Epochs: 5, Seed: 2, Explore: 0.9, Reverse: true},
	} {
		p, err := TrainParser(ctx, tg, train, train, nil, opt)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := p.Save(&b); err != nil {
			t.Fatal(err)
		}
		if p, err = LoadParser(&b); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	if _, err := NewEnsemble(ps, []float64{1, 2}); err == nil {
		t.Error("NewEnsemble accepted 2 weights for 3 parsers")
	}
	if _, err := NewEnsemble(nil, nil); err == nil {
		t.Error("NewEnsemble accepted no parsers")
	}
	ens, err := NewEnsemble(ps, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := NewAnalyzer(tg, nil)
	a.Ensemble = ens
	inputs := [][]string{
		{"Troops", "attacked", "villages", "near", "Aleppo", "."},
		{"."},
		{"Москва", "東京", "القاهرة"},
		make([]string, 300),
	}
	for i := range inputs[3] {
		inputs[3][i] = []string{"the", "rebels", "fought", ",", "and"}[i%5]
	}
	check := func(name string) {
		t.Helper()
		for _, forms := range inputs {
			s := &Sentence{}
			s.Reset(forms)
			a.Analyze(s)
			if !isTree(append([]int{-1}, s.Heads...)) {
				t.Fatalf("%s, %d words: heads %v are not a tree", name, len(forms), s.Heads)
			}
			roots := 0
			for i, h := range s.Heads {
				if h == 0 {
					roots++
					if s.Rels[i] != "root" {
						t.Errorf("%s: root word labelled %q", name, s.Rels[i])
					}
				} else if s.Rels[i] == "root" || s.Rels[i] == "" {
					t.Errorf("%s: word %d attached to %d labelled %q", name, i+1, h, s.Rels[i])
				}
			}
			if roots != 1 {
				t.Errorf("%s, %d words: %d roots, want 1", name, len(forms), roots)
			}
		}
	}
	check("votes")
	l, err := TrainLabeler(ctx, tg, train, train, nil, LabelerOptions{Epochs: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	ens.SetLabeler(l, 10)
	check("labeler")
	// One member alone parses as that member does.
	one, err := NewEnsemble(ps[:1], nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range train {
		s1, s2 := &Sentence{}, &Sentence{}
		s1.Reset(g.Forms)
		s2.Reset(g.Forms)
		sc := &Scratch{}
		tg.Tag(sc, s1)
		tg.Tag(sc, s2)
		one.Parse(sc, s1)
		ps[0].Parse(sc, s2)
		if !slices.Equal(s1.Heads, s2.Heads) {
			t.Fatalf("one-member ensemble %v, parser %v", s1.Heads, s2.Heads)
		}
	}
}

func TestLabeler(t *testing.T) {
	_, train := readFixture(t)
	ctx := context.Background()
	tg, err := TrainTagger(ctx, train, nil, TaggerOptions{Epochs: 3, Seed: 1, MinCount: 1, Clusters: tinyClusters()})
	if err != nil {
		t.Fatal(err)
	}
	l, err := TrainLabeler(ctx, tg, train, train, train, LabelerOptions{Epochs: 8, Seed: 1, Clusters: tinyClusters()})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := l.Save(&b); err != nil {
		t.Fatal(err)
	}
	if l, err = LoadLabeler(&b); err != nil {
		t.Fatal(err)
	}
	if acc := l.accuracy(tg, train); acc < 0.9 {
		t.Errorf("labeler learns the fixture's labels to %.2f, want >= 0.9", acc)
	}
	if _, err := TrainLabeler(ctx, tg, train, train[:1], nil, LabelerOptions{}); err == nil {
		t.Error("TrainLabeler accepted tagged sentences that do not match")
	}
	// Broken trees (bad heads, cycles, no root) get labels, no panic.
	ls := &labelScratch{}
	for _, heads := range [][]int{{0, 1, 2}, {2, 3, 1}, {-4, 9, 0}, {0, 0, 0}} {
		s := &Sentence{}
		s.Reset([]string{"rebels", "fought", "."})
		tg.Tag(&Scratch{}, s)
		copy(s.Heads, heads)
		l.Label(ls, s)
		for i, r := range s.Rels {
			if r == "" {
				t.Errorf("heads %v: word %d has no label", heads, i+1)
			}
		}
	}
}
