package syntax

import (
	"bytes"
	"os"
	"strconv"
	"testing"
)

func TestExpPrune(t *testing.T) {
	pp := os.Getenv("SX_PARSER")
	tp := os.Getenv("SX_TAGGER")
	if pp == "" {
		t.Skip()
	}
	a, err := LoadAnalyzer(tp, pp)
	if err != nil {
		t.Fatal(err)
	}
	_, dev, _ := ReadTreebank(sharedPath(t, "ud-ewt/en_ewt-ud-dev.conllu"))
	for _, q := range []int{512} {
		p := *a.Parser
		p.arcs = a.Parser.arcs.prune(q)
		p.lab = a.Parser.lab.prune(q)
		var b bytes.Buffer
		p.Save(&b)
		os.WriteFile("/tmp/sx/pruned.gz", b.Bytes(), 0o644)
		for _, beam := range []int{1, 2, 4, 8, 16} {
			if w, err := strconv.Atoi(os.Getenv("SX_BEAM")); err == nil && beam != w {
				continue
			}
			p.Beam = beam
			uas, las := p.score(a.Tagger, dev)
			t.Logf("minQ %d size %.1f MB beam %d: UAS %.2f LAS %.2f", q, float64(b.Len())/1e6, beam, 100*uas, 100*las)
		}
	}
}
