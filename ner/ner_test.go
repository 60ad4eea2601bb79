package ner

import (
	"bytes"
	"context"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/internal/shared"
	"github.com/sitrep/sitrep/segment"
)

func TestChunks(t *testing.T) {
	tests := []struct {
		tags string
		want []Chunk
	}{
		{"I-PER I-PER O I-LOC", []Chunk{{0, 2, "PER"}, {3, 4, "LOC"}}},
		{"I-PER B-PER O", []Chunk{{0, 1, "PER"}, {1, 2, "PER"}}},
		{"B-ORG I-ORG I-LOC", []Chunk{{0, 2, "ORG"}, {2, 3, "LOC"}}},
		{"U-MISC B-PER L-PER", []Chunk{{0, 1, "MISC"}, {1, 3, "PER"}}},
		{"O O", nil},
	}
	for _, tc := range tests {
		if got := Chunks(strings.Fields(tc.tags)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Chunks(%q) = %v, want %v", tc.tags, got, tc.want)
		}
	}
}

func TestLabelsRoundTrip(t *testing.T) {
	chunks := []Chunk{{0, 1, "PER"}, {2, 5, "ORG"}, {5, 7, "MISC"}}
	labels := chunksToLabels(8, chunks)
	if got := labelsToChunks(labels); !reflect.DeepEqual(got, chunks) {
		t.Fatalf("round trip = %v, want %v", got, chunks)
	}
	for i := 1; i < len(labels); i++ {
		if !allowed(labels[i-1], labels[i]) {
			t.Errorf("transition %d -> %d not allowed", labels[i-1], labels[i])
		}
	}
}

func TestScore(t *testing.T) {
	s := NewScore()
	s.Add(strings.Fields("I-PER I-PER O I-LOC O"), strings.Fields("B-PER I-PER O B-ORG O"))
	var b bytes.Buffer
	if err := s.Report(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasSuffix(out, "F1 50.00\n") {
		t.Errorf("report does not end with F1 50.00:\n%s", out)
	}
	if !strings.Contains(out, "PER: precision: 100.00%") {
		t.Errorf("missing per-type line:\n%s", out)
	}
}

func TestSimpleTokens(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Assad's forces (SANA) said.", "Assad 's forces ( SANA ) said ."},
		{"the U.S. didn't, Mr. Smith", "the U.S. did n't , Mr. Smith"},
	}
	for _, tc := range tests {
		if got := strings.Join(simpleTokens(tc.in, nil), " "); got != tc.want {
			t.Errorf("simpleTokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWordShape(t *testing.T) {
	tests := []struct{ in, long, short string }{
		{"Washington", "Xxxx", "Xx"},
		{"1996-08-22", "ddd-dd-dd", "d-d-d"},
		{"U.S.", "X.X.", "X.X."},
	}
	for _, tc := range tests {
		l, s := wordShape(tc.in)
		if l != tc.long || s != tc.short {
			t.Errorf("wordShape(%q) = %q, %q; want %q, %q", tc.in, l, s, tc.long, tc.short)
		}
	}
}

func TestGazetteerMatch(t *testing.T) {
	g := NewGazetteer([]GazEntry{{"new york", GazCity}, {"york", GazCity}, {"syrian", GazDemonym}})
	words := []string{"the", "new", "york", "syrian", "x"}
	marks := make([]gazMark, len(words))
	g.Match(words, marks)
	city := []uint8{0, 1, 3, 0, 0}
	for i, want := range city {
		if marks[i][0] != 0 || marks[i][1] != want {
			t.Errorf("token %d marks %v, want city %d", i, marks[i], want)
		}
	}
	if marks[3][3] != 4 {
		t.Errorf("syrian: %v, want demonym U", marks[3])
	}
	if got := g.lookup([]string{"new", "york"}); got != GazCity {
		t.Errorf("lookup(new york) = %d", got)
	}
}

const fixture = `-DOCSTART- -X- O O

Ahmed NNP I-NP I-PER
Karimi NNP I-NP I-PER
visited VBD I-VP O
Kabul NNP I-NP I-LOC
with IN I-PP O
Acme NNP I-NP I-ORG
Corp NNP I-NP I-ORG
. . O O

Karimi NNP I-NP I-PER
praised VBD I-VP O
the DT I-NP O
Afghan JJ I-NP I-MISC
army NN I-NP O
. . O O

-DOCSTART- -X- O O

Acme NNP I-NP I-ORG
Corp NNP I-NP I-ORG
opened VBD I-VP O
in IN I-PP O
Kabul NNP I-NP I-LOC
. . O O
`

func tinyModel(t testing.TB, twoPass bool) *Model {
	t.Helper()
	docs, err := ReadConll(strings.NewReader(fixture))
	if err != nil {
		t.Fatal(err)
	}
	cl := &Clusters{Class: map[string][3]uint16{"Kabul": {1, 2, 3}, "Karimi": {4, 5, 6}}, Lower: map[string]uint8{"the": 5}}
	gaz := []GazEntry{{"kabul", GazCity | GazAdmin1}, {"afghan", GazDemonym}, {"us", GazCountry}}
	m, err := Train(context.Background(), docs, cl, gaz, TrainOptions{Epochs: 5, Bits: 16, TwoPass: twoPass, Folds: 2})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTrainWriteRead(t *testing.T) {
	for _, two := range []bool{false, true} {
		testTrainWriteRead(t, two)
	}
}

func testTrainWriteRead(t *testing.T, two bool) {
	m := tinyModel(t, two)
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := ReadConll(strings.NewReader(fixture))
	for _, d := range docs {
		p1, p2 := m.TagConll(d), m2.TagConll(d)
		if !reflect.DeepEqual(p1, p2) {
			t.Errorf("read model tags %v, want %v", p2, p1)
		}
		for k, s := range d.Sentences {
			if two {
				break // the jackknifed second pass need not fit two documents
			}
			for i, tok := range s {
				if _, gt := splitTag(tok.Tag); gt != func() string { _, x := splitTag(p1[k][i]); return x }() {
					t.Errorf("training sentence not fit: %s gold %s pred %s", tok.Word, tok.Tag, p1[k][i])
				}
			}
		}
	}
	// determinism
	m3 := tinyModel(t, two)
	var b3 bytes.Buffer
	if err := m3.Write(&b3); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), b3.Bytes()) {
		t.Error("training is not deterministic")
	}
}

func TestFineType(t *testing.T) {
	m := tinyModel(t, false)
	tests := []struct {
		conll, text, want string
	}{
		{"PER", "Ahmed Karimi", Person},
		{"LOC", "Kabul", GPE},
		{"LOC", "Jordan River", Loc},
		{"LOC", "Middle East", Loc},
		{"MISC", "Afghan", NORP},
		{"MISC", "Kurdish", NORP},
		{"MISC", "World Cup", Event},
		{"MISC", "Patriot Act", Law},
		{"MISC", "Windows", Misc},
		{"MISC", "US", GPE}, // modern "US" tagged like "US Open"
	}
	for _, tc := range tests {
		got := m.FineType(tc.conll, strings.Fields(tc.text))
		if got != tc.want {
			t.Errorf("FineType(%s, %q) = %s, want %s", tc.conll, tc.text, got, tc.want)
		}
		if ConllType(got) != tc.conll && tc.want != GPE {
			t.Errorf("ConllType(%s) = %s, want %s", got, ConllType(got), tc.conll)
		}
	}
}

// docFromWords builds a document with one sentence per line.
func docFromWords(lines ...string) *document.Document {
	d := document.New()
	var sb strings.Builder
	pos := 0
	for li, line := range lines {
		if li > 0 {
			sb.WriteString("\n")
			pos++
		}
		s := document.Sentence{Start: pos, TokenStart: len(d.Tokens)}
		for wi, w := range strings.Fields(line) {
			if wi > 0 {
				sb.WriteString(" ")
				pos++
			}
			n := len([]rune(w))
			d.Tokens = append(d.Tokens, document.Token{Start: pos, End: pos + n, Text: w, SpaceAfter: true})
			sb.WriteString(w)
			pos += n
		}
		s.End, s.TokenEnd = pos, len(d.Tokens)
		d.Sentences = append(d.Sentences, s)
	}
	d.SetText(sb.String())
	return d
}

func TestStageTiny(t *testing.T) {
	st := NewStageWithModel(tinyModel(t, false))
	d := docFromWords("Ahmed Karimi visited Kabul with Acme Corp .", "Karimi praised the Afghan army .", "Afghan border posts", "the Afghan border")
	if err := st.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, e := range d.Entities {
		names[e.Name] = e.Type
		for _, m := range e.Mentions {
			if d.Slice(m.Start, m.End) != m.Text {
				t.Errorf("mention text %q != %q", m.Text, d.Slice(m.Start, m.End))
			}
		}
	}
	want := map[string]string{"Ahmed Karimi": Person, "Kabul": GPE, "Acme Corp": Org, "Afghan": NORP, "Afghan border": Loc}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("entities %v, want %v", names, want)
	}
	// empty and odd documents must not fail
	for _, d := range []*document.Document{document.New(), {Sentences: []document.Sentence{{TokenStart: 3, TokenEnd: 1}}}} {
		if err := st.Process(context.Background(), d); err != nil {
			t.Errorf("Process: %v", err)
		}
	}
}

func FuzzReadConll(f *testing.F) {
	f.Add(fixture)
	f.Add("a\n\nb B-X\n-DOCSTART-\n")
	f.Fuzz(func(t *testing.T, s string) {
		docs, err := ReadConll(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, d := range docs {
			for _, sent := range d.Sentences {
				tags := make([]string, len(sent))
				for i, tk := range sent {
					tags[i] = tk.Tag
				}
				for _, c := range Chunks(tags) {
					if c.Start < 0 || c.End > len(tags) || c.Start >= c.End {
						t.Fatalf("bad chunk %v", c)
					}
				}
			}
		}
	})
}

func FuzzReadModel(f *testing.F) {
	var b bytes.Buffer
	if err := tinyModel(f, true).Write(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes()[:200])
	f.Add([]byte("SRNER\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = ReadModel(bytes.NewReader(data))
	})
}

// TestEmbeddedConll checks the shipped model on CoNLL-2003 test (a floor,
// not a tuning target; the model trains on train + dev).
func TestEmbeddedConll(t *testing.T) {
	p := shared.Path(t, "conll2003/test.txt")
	m, err := LoadDefault()
	if err != nil {
		t.Skipf("no embedded model: %v", err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := ReadConll(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := NewScore()
	for _, d := range docs {
		pred := m.TagConll(d)
		for k, s := range d.Sentences {
			gold := make([]string, len(s))
			for i, tk := range s {
				gold[i] = tk.Tag
			}
			sc.Add(gold, pred[k])
		}
	}
	if f1 := sc.F1(); f1 < 88 {
		t.Errorf("CoNLL-2003 test F1 %.2f < 88", f1)
	}
}

func BenchmarkStage(b *testing.B) {
	m, err := LoadDefault()
	if err != nil {
		b.Skipf("no embedded model: %v", err)
	}
	st := NewStageWithModel(m)
	lines := []string{
		"Iranian Foreign Minister Mohammad Javad Zarif met Syrian President Bashar al-Assad in Damascus on Tuesday , the Syrian Arab News Agency ( SANA ) said .",
		"Zarif told reporters that Tehran would continue to support the Assad government against rebels near the Turkish border .",
		"The United Nations Security Council will meet in New York on Friday , a spokesman for Secretary-General Antonio Guterres said .",
	}
	d := docFromWords(lines...)
	ntok := len(d.Tokens)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := st.Process(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(ntok*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func TestStageOffsetsUnicode(t *testing.T) {
	st := NewStageWithModel(tinyModel(t, false))
	d := docFromWords("Café Ahmed Karimi visited Kabul’s Acme Corp .")
	if err := st.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			if got := d.Slice(m.Start, m.End); got != m.Text {
				t.Errorf("mention %q at [%d,%d) slices to %q", m.Text, m.Start, m.End, got)
			}
		}
	}
}

func TestStageConcurrent(t *testing.T) {
	st := NewStageWithModel(tinyModel(t, true))
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func() {
			var err error
			for i := 0; i < 20 && err == nil; i++ {
				d := docFromWords("Ahmed Karimi visited Kabul with Acme Corp .", "Karimi praised the Afghan army .")
				err = st.Process(context.Background(), d)
				if err == nil && len(d.Entities) == 0 {
					err = context.DeadlineExceeded // any non-nil marker
				}
			}
			done <- err
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Errorf("concurrent Process: %v", err)
		}
	}
}

func TestBuildClusters(t *testing.T) {
	var sents [][]string
	for i := 0; i < 200; i++ {
		city := []string{"Paris", "London", "Rome", "Berlin"}[i%4]
		name := []string{"Smith", "Jones", "Brown", "Green"}[i%4]
		sents = append(sents, strings.Fields("Mr "+name+" flew to "+city+" on Monday ."),
			strings.Fields("In "+city+" , Mr "+name+" said the talks went well ."))
	}
	a, err := BuildClusters(context.Background(), sents, ClusterOptions{MinCount: 2, Iterations: 4})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := BuildClusters(context.Background(), sents, ClusterOptions{MinCount: 2, Iterations: 4})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("clustering is not deterministic")
	}
	for w, c := range a.Class {
		if c[2]/4 != c[1] || c[0] >= 64 || c[1] >= 256 {
			t.Errorf("%s: classes %v do not nest", w, c)
		}
	}
	if a.Lower["the"] != 5 || a.Lower["paris"] != 1 {
		t.Errorf("lower-case buckets: the=%d paris=%d", a.Lower["the"], a.Lower["paris"])
	}
	var buf bytes.Buffer
	if err := WriteClusters(&buf, a); err != nil {
		t.Fatal(err)
	}
	c, err := ReadClusters(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, c) {
		t.Error("cluster table round trip differs")
	}
}

// BenchmarkTagConll measures NER alone (both passes) on CoNLL-2003 dev.
func BenchmarkTagConll(b *testing.B) {
	p := shared.Path(b, "conll2003/dev.txt")
	m, err := LoadDefault()
	if err != nil {
		b.Skipf("no embedded model: %v", err)
	}
	f, err := os.Open(p)
	if err != nil {
		b.Fatal(err)
	}
	docs, err := ReadConll(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	sents := make([][][]string, len(docs))
	ntok := 0
	for i, d := range docs {
		sents[i], _ = docWords(d)
		for _, s := range sents[i] {
			ntok += len(s)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			m.TagDocument(s)
		}
	}
	b.ReportMetric(float64(ntok*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// TestArabicNames: the segmenter splits "al-Assad" as UD English does; the
// model reads it as CoNLL-2003 writes it, one word.
func TestArabicNames(t *testing.T) {
	st, err := NewStage()
	if err != nil {
		t.Skipf("no embedded model: %v", err)
	}
	d := document.New()
	d.SetText("Syrian President Bashar al-Assad met Abu Bakr al-Baghdadi and Ayman al-Zawahiri. Troops left Chicago-based firms. " +
		"Jean-Philippe Cotis and Claude Veron-Reville spoke. Bizarrely, a plane landed. " +
		"Jets struck Idlib, the Syrian Observatory for Human Rights said.")
	if err := segment.NewStage().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if err := st.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			got[m.Text] = e.Type
		}
	}
	for _, name := range []string{"Bashar al-Assad", "Abu Bakr al-Baghdadi", "Ayman al-Zawahiri", "Jean-Philippe Cotis", "Claude Veron-Reville"} {
		if got[name] != "PERSON" {
			t.Errorf("%s: %q, want PERSON (mentions %v)", name, got[name], got)
		}
	}
	if got["Syrian Observatory for Human Rights"] != "ORG" {
		t.Errorf("no organization named with its nationality: %v", got)
	}
	if len(got) != 9 {
		t.Errorf("mentions %v, want Syrian, the five people, Chicago, Idlib and the observatory", got)
	}
	if got["Chicago"] == "" {
		t.Errorf("no mention of Chicago in a hyphenated word: %v", got)
	}
}
