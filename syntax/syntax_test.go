package syntax

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/conllu"
	"github.com/sitrep/sitrep/document"
)

func readFixture(t *testing.T) ([]*conllu.Sentence, []*Sentence) {
	t.Helper()
	cs, s, err := ReadTreebank("testdata/tiny.conllu")
	if err != nil {
		t.Fatal(err)
	}
	return cs, s
}

// tinyClusters is a small word cluster table for the fixture.
func tinyClusters() *WordClusters {
	return &WordClusters{
		Class: map[string][3]uint16{
			"rebels": {1, 10, 40}, "men": {1, 10, 41}, "army": {1, 11, 44}, "office": {1, 11, 45},
			"fought": {2, 20, 80}, "arrested": {2, 20, 81}, "cleaned": {2, 21, 84}, "said": {2, 22, 88},
			"Paris": {3, 30, 120}, "the": {4, 40, 160}, "The": {4, 41, 164},
		},
		Lower: map[string]uint8{"paris": 1, "police": 3, "the": 5},
	}
}

// tinyAnalyzer trains small models on the fixture and round-trips them
// through Save/Load.
func tinyAnalyzer(t *testing.T, beam int) *Analyzer {
	t.Helper()
	return tinyAnalyzerWith(t, ParserOptions{Epochs: 5, Seed: 1, Beam: beam, Explore: 0.9, Clusters: tinyClusters()})
}

// tinyAnalyzerWith is tinyAnalyzer with the given parser training options.
func tinyAnalyzerWith(t *testing.T, popt ParserOptions) *Analyzer {
	t.Helper()
	_, train := readFixture(t)
	ctx := context.Background()
	tg, err := TrainTagger(ctx, train, train, TaggerOptions{Epochs: 5, Seed: 1, MinCount: 1, Folds: 2, Clusters: tinyClusters()})
	if err != nil {
		t.Fatal(err)
	}
	p, err := TrainParser(ctx, tg, train, train, train, popt)
	if err != nil {
		t.Fatal(err)
	}
	var tb, pb bytes.Buffer
	if err := tg.Save(&tb); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(&pb); err != nil {
		t.Fatal(err)
	}
	tg2, err := LoadTagger(&tb)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := LoadParser(&pb)
	if err != nil {
		t.Fatal(err)
	}
	if tg2.cl == nil || p2.cl == nil || len(tg2.cl.words) != len(tinyClusters().Class) {
		t.Fatal("word clusters lost in Save/Load")
	}
	return NewAnalyzer(tg2, p2)
}

func TestClusterLookup(t *testing.T) {
	ct := newClusterTable(tinyClusters())
	tests := []struct {
		form  string
		class [3]uint16
		known bool
		lower uint64
	}{
		{"Paris", [3]uint16{3, 30, 120}, true, 1},
		{"PARIS", [3]uint16{}, false, 1},
		{"The", [3]uint16{4, 41, 164}, true, 5},
		{"THE", [3]uint16{4, 40, 160}, true, 5}, // falls back to the lowercased form
		{"Police", [3]uint16{}, false, 3},
		{"unseen", [3]uint16{}, false, 0},
	}
	for _, tc := range tests {
		v, b := ct.lookup(tc.form, hashLower(tc.form))
		want := uint32(0)
		if tc.known {
			want = packClasses(tc.class)
		}
		if v != want || b != tc.lower {
			t.Errorf("lookup(%q) = %x, %d; want %x, %d", tc.form, v, b, want, tc.lower)
		}
	}
	var nilTable *clusterTable
	if v, b := nilTable.lookup("x", hashLower("x")); v != 0 || b != 0 {
		t.Error("nil table must know no word")
	}
}

func TestTrainRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		beam         int
		maxViolation bool
	}{{1, false}, {4, false}, {4, true}} {
		beam := tc.beam
		a := tinyAnalyzerWith(t, ParserOptions{Epochs: 5, Seed: 1, Beam: beam, MaxViolation: tc.maxViolation, Explore: 0.9, Clusters: tinyClusters()})
		gold, _ := readFixture(t)
		var sys []*conllu.Sentence
		for _, g := range gold {
			cs := &conllu.Sentence{Words: append([]conllu.Word(nil), g.Words...)}
			s := FromCoNLLU(cs)
			s.Reset(s.Forms)
			a.Analyze(s)
			s.ToCoNLLU(cs)
			sys = append(sys, cs)
		}
		rep, err := Evaluate(gold, sys)
		if err != nil {
			t.Fatal(err)
		}
		// The models must at least learn their own training data.
		if rep.UPOS.F1() < 0.9 || rep.Lemma.F1() < 0.9 || rep.UAS.F1() < 0.8 {
			t.Errorf("beam %d (max-violation %v): training-set scores too low: UPOS %.2f lemma %.2f UAS %.2f", beam, tc.maxViolation, rep.UPOS.F1(), rep.Lemma.F1(), rep.UAS.F1())
		}
	}
}

func TestTrainingDeterministic(t *testing.T) {
	_, train := readFixture(t)
	var outs [2][]byte
	for i := range outs {
		tg, err := TrainTagger(context.Background(), train, train, TaggerOptions{Epochs: 3, Seed: 7, MinCount: 1, Folds: 2, Clusters: tinyClusters()})
		if err != nil {
			t.Fatal(err)
		}
		p, err := TrainParser(context.Background(), tg, train, train, train, ParserOptions{Epochs: 3, Seed: 7, Beam: 2, Clusters: tinyClusters()})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := tg.Save(&b); err != nil {
			t.Fatal(err)
		}
		if err := p.Save(&b); err != nil {
			t.Fatal(err)
		}
		outs[i] = b.Bytes()
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("two training runs with the same seed gave different models")
	}
}

func TestLemmaRule(t *testing.T) {
	tests := []struct{ form, lemma string }{
		{"fought", "fight"}, {"Apples", "apple"}, {"Paris", "Paris"}, {"men", "man"},
		{"The", "the"}, {"liquidated", "liquidate"}, {"cafés", "café"}, {"", ""},
	}
	for _, tc := range tests {
		r := ruleFor(tc.form, tc.lemma)
		if got := r.apply(tc.form); got != tc.lemma {
			t.Errorf("ruleFor(%q, %q).apply = %q", tc.form, tc.lemma, got)
		}
	}
}

func TestEvaluateAlignment(t *testing.T) {
	mk := func(forms ...string) *conllu.Sentence {
		s := &conllu.Sentence{}
		for i, f := range forms {
			s.Words = append(s.Words, conllu.Word{ID: i + 1, Form: f, Lemma: strings.ToLower(f), UPOS: "X", Head: 0, Deprel: "root"})
		}
		return s
	}
	gold := []*conllu.Sentence{mk("do", "n't", "go")}
	sys := []*conllu.Sentence{mk("don't", "go")}
	r, err := Evaluate(gold, sys)
	if err != nil {
		t.Fatal(err)
	}
	if r.Words.Correct != 1 || r.Words.Gold != 3 || r.Words.System != 2 {
		t.Errorf("words: %+v", r.Words)
	}
	if _, err := Evaluate(gold, []*conllu.Sentence{mk("dont", "go")}); err == nil {
		t.Error("different texts: want an error")
	}
}

// doc builds a document with one sentence per entry, tokens split on spaces.
func doc(sents ...[]string) *document.Document {
	d := document.New()
	var text strings.Builder
	pos := 0
	for _, toks := range sents {
		s := document.Sentence{Start: pos, TokenStart: len(d.Tokens)}
		for _, tk := range toks {
			n := len([]rune(tk))
			d.Tokens = append(d.Tokens, document.Token{Start: pos, End: pos + n, Text: tk, SpaceAfter: true})
			text.WriteString(tk + " ")
			pos += n + 1
		}
		s.End, s.TokenEnd = pos, len(d.Tokens)
		d.Sentences = append(d.Sentences, s)
	}
	d.SetText(text.String())
	return d
}

func checkTree(t *testing.T, d *document.Document) {
	t.Helper()
	for i := range d.Sentences {
		toks := d.SentenceTokens(i)
		roots := 0
		for _, tk := range toks {
			if tk.Head < 0 || tk.Head > len(toks) {
				t.Fatalf("sentence %d: head %d out of range", i, tk.Head)
			}
			if tk.Head == 0 {
				roots++
			}
			if tk.UPOS == "" || tk.Deprel == "" {
				t.Fatalf("sentence %d: token %q not analyzed", i, tk.Text)
			}
		}
		if len(toks) > 0 && roots != 1 {
			t.Fatalf("sentence %d: %d roots", i, roots)
		}
	}
}

func TestStageBadInput(t *testing.T) {
	a := tinyAnalyzer(t, 4)
	st := NewStageWith(a)
	long := make([]string, 2000)
	for i := range long {
		long[i] = []string{"the", "men", "fought", ",", "and"}[i%5]
	}
	d := doc([]string{"Police", "arrested", "two", "men", "."}, []string{"!", "?", "...", "--"},
		[]string{"Москва", "東京", "القاهرة"}, long, []string{""}, nil)
	// A sentence with broken token offsets must be skipped, not panic.
	d.Sentences = append(d.Sentences, document.Sentence{TokenStart: 5, TokenEnd: 1 << 30})
	if err := st.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	d.Sentences = d.Sentences[:len(d.Sentences)-1]
	checkTree(t, d)
	if st.Name() != "syntax" {
		t.Errorf("Name = %q", st.Name())
	}
}

func TestLoadBadModel(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("garbage"), {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0}} {
		if _, err := LoadTagger(bytes.NewReader(b)); err == nil {
			t.Error("LoadTagger: want error")
		}
		if _, err := LoadParser(bytes.NewReader(b)); err == nil {
			t.Error("LoadParser: want error")
		}
	}
}

func FuzzStage(f *testing.F) {
	f.Add("Police arrested two men in Paris .")
	f.Add("!!! ??? ...")
	f.Add("Москва 東京 القاهرة")
	f.Add("")
	f.Add("a\x00b \xff\xfe")
	a := tinyAnalyzerFuzz(f)
	st := NewStageWith(a)
	f.Fuzz(func(t *testing.T, text string) {
		var sents [][]string
		for _, line := range strings.Split(text, ".") {
			sents = append(sents, strings.Fields(line))
		}
		d := doc(sents...)
		if err := st.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		checkTree(t, d)
	})
}

func tinyAnalyzerFuzz(f *testing.F) *Analyzer {
	_, train, err := ReadTreebank("testdata/tiny.conllu")
	if err != nil {
		f.Fatal(err)
	}
	tg, err := TrainTagger(context.Background(), train, nil, TaggerOptions{Epochs: 3, Seed: 1, MinCount: 1, Clusters: tinyClusters()})
	if err != nil {
		f.Fatal(err)
	}
	p, err := TrainParser(context.Background(), tg, train, train, nil, ParserOptions{Epochs: 3, Seed: 1, Beam: 4, Clusters: tinyClusters()})
	if err != nil {
		f.Fatal(err)
	}
	return NewAnalyzer(tg, p)
}

// TestEmbeddedOnDev checks the shipped models on EWT dev (skips without
// the models or the data): floors well below the measured figures.
func TestEmbeddedOnDev(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	a := loadOrSkip(t)
	p := devPath(t)
	gold, _, err := ReadTreebank(p)
	if err != nil {
		t.Fatal(err)
	}
	gold = gold[:500]
	var sys []*conllu.Sentence
	for _, g := range gold {
		cs := &conllu.Sentence{Words: append([]conllu.Word(nil), g.Words...)}
		s := FromCoNLLU(cs)
		s.Reset(s.Forms)
		a.Analyze(s)
		s.ToCoNLLU(cs)
		sys = append(sys, cs)
	}
	r, err := Evaluate(gold, sys)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("dev[:500]: UPOS %.2f lemma %.2f UAS %.2f LAS %.2f", 100*r.UPOS.F1(), 100*r.Lemma.F1(), 100*r.UAS.F1(), 100*r.LAS.F1())
	if r.UPOS.F1() < 0.92 || r.Lemma.F1() < 0.94 || r.UAS.F1() < 0.80 || r.LAS.F1() < 0.76 {
		t.Errorf("below floor: UPOS %.4f lemma %.4f UAS %.4f LAS %.4f", r.UPOS.F1(), r.Lemma.F1(), r.UAS.F1(), r.LAS.F1())
	}
}

func devPath(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("models"); err != nil {
		t.Skip("no models directory")
	}
	return sharedPath(t, "ud-ewt/en_ewt-ud-dev.conllu")
}

func TestStageConcurrent(t *testing.T) {
	st := NewStageWith(tinyAnalyzer(t, 4))
	done := make(chan error)
	for w := 0; w < 4; w++ {
		go func() {
			var err error
			for i := 0; i < 20 && err == nil; i++ {
				d := doc([]string{"Troops", "attacked", "villages", "near", "Aleppo", "."}, []string{"She", "said", "so"})
				err = st.Process(context.Background(), d)
			}
			done <- err
		}()
	}
	for w := 0; w < 4; w++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

func TestProse(t *testing.T) {
	tests := []struct {
		forms, upos string
		want        bool
	}{
		{"The talks will resume next week .", "DET NOUN AUX VERB ADJ NOUN PUNCT", true},
		{"Talks to resume .", "NOUN PART VERB PUNCT", false},                                           // too short
		{"The new round of talks in Geneva .", "DET ADJ NOUN ADP NOUN ADP PROPN PUNCT", false},         // no verb
		{"SHR 1.25 DLRS VS 1.10 DLRS , NET ROSE", "NOUN NUM NOUN ADP NUM NOUN PUNCT NOUN VERB", false}, // capitals
		{"1.25 1.10 2.3 4.5 6.7 said", "NUM NUM NUM NUM NUM VERB", false},                              // few words
	}
	for _, tt := range tests {
		s := &Sentence{Forms: strings.Fields(tt.forms), UPOS: strings.Fields(tt.upos)}
		if got := Prose(s); got != tt.want {
			t.Errorf("Prose(%q) = %v, want %v", tt.forms, got, tt.want)
		}
	}
}
