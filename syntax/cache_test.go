package syntax

import (
	"slices"
	"testing"
)

// parseFull is Parser.parse scoring every feature of every transition,
// without arcCache.
func parseFull(p *Parser, st *parseState, scores, lscores []int32) {
	for !st.done() {
		st.feats = st.features(st.feats[:0])
		p.arcs.score(st.feats, scores)
		p.applyLabeled(st, bestValid(st, scores), lscores)
	}
	st.finish()
}

// checkCaches tags and parses sents with the caches (wordCache, arcCache)
// and without, and with a fresh and a reused scratch, and wants the same.
func checkCaches(t *testing.T, a *Analyzer, sents []*Sentence) {
	t.Helper()
	reused := &Scratch{}
	for si, g := range sents {
		n := g.Len()
		// Tagger: cached (reused scratch) against all features (fresh).
		sc := &Scratch{}
		ws := sc.prepare(a.Tagger, g.Forms)
		full := make([]int, n)
		greedy(a.Tagger.lin, sc, ws, full, a.Tagger.mode(), nil, 0, nil)
		if a.Tagger.lin2 != nil {
			for i, tg := range full {
				ws[i+2].st = uint64(tg + 1)
			}
			greedy(a.Tagger.lin2, sc, ws, full, a.Tagger.mode()|modeStacked, nil, 0, nil)
		}
		ws = reused.prepare(a.Tagger, g.Forms)
		cached := make([]int, n)
		a.Tagger.tagIDs(reused, g.Forms, ws, cached, nil)
		if !slices.Equal(full, cached) {
			t.Fatalf("sentence %d: cached tags %v, want %v", si, cached, full)
		}
		// Parser (greedy): cached against all features, on the gold tags.
		if a.Parser == nil || n == 0 {
			continue
		}
		st := &parseState{}
		st.init(g, a.Parser.amb, a.Parser.cl)
		scores := make([]int32, nActs+len(a.Parser.labels))
		parseFull(a.Parser, st, scores[:nActs], scores[nActs:])
		want := slices.Clone(st.heads)
		wantL := slices.Clone(st.labels)
		st2 := &reused.ps
		st2.init(g, a.Parser.amb, a.Parser.cl)
		a.Parser.parse(st2, &reused.arcC, scores[:nActs], scores[nActs:])
		if !slices.Equal(want, st2.heads) || !slices.Equal(wantL, st2.labels) {
			t.Fatalf("sentence %d: cached parse %v %v, want %v %v", si, st2.heads, st2.labels, want, wantL)
		}
	}
}

func TestCachesMatchFullScoring(t *testing.T) {
	a := tinyAnalyzer(t, 1)
	_, sents := readFixture(t)
	checkCaches(t, a, sents)
}

func TestCachesMatchFullScoringEmbedded(t *testing.T) {
	a, err := LoadFastAnalyzer("", "")
	if err != nil {
		t.Skipf("models not available: %v", err)
	}
	_, sents := readFixture(t)
	checkCaches(t, a, sents)
	if testing.Short() {
		return
	}
	checkCaches(t, a, devSentences(t)[:500])
}

func TestBeamCacheMatchesFullScoring(t *testing.T) {
	a := tinyAnalyzer(t, 4)
	p := a.Parser
	_, sents := readFixture(t)
	for si, g := range sents {
		if g.Len() == 0 {
			continue
		}
		run := func(cached bool) ([]int, []int) {
			sc := &Scratch{}
			st := &sc.ps
			st.init(g, p.amb, p.cl)
			var best *parseState
			if cached {
				p.parseBeam(sc, st, 4)
				best = st
			} else {
				best = beamSearch(&beamScratch{}, st, 4, &linScorer{l: p.arcs}, &linScorer{l: p.lab}, len(p.labels), nil)
				best.finish()
			}
			return slices.Clone(best.heads), slices.Clone(best.labels)
		}
		h1, l1 := run(false)
		h2, l2 := run(true)
		if !slices.Equal(h1, h2) || !slices.Equal(l1, l2) {
			t.Fatalf("sentence %d: cached beam %v %v, want %v %v", si, h2, l2, h1, l1)
		}
	}
}
