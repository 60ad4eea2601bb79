package events

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/actors"
	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/internal/shared"
	"github.com/sitrep/sitrep/segment"
)

func newStage(t testing.TB) *Stage {
	t.Helper()
	s, err := NewStage(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// segmented returns a Document of text with sentences and tokens.
func segmented(t testing.TB, text, published string) *document.Document {
	t.Helper()
	d := document.New()
	d.SetText(text)
	d.Published = published
	if err := segment.NewStage().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

func mention(d *document.Document, s string, nth int) document.Mention {
	i := -1
	for k := 0; k <= nth; k++ {
		j := strings.Index(d.Text[i+1:], s)
		if j < 0 {
			panic("no " + s)
		}
		i += 1 + j
	}
	return document.Mention{Start: d.RuneOffset(i), End: d.RuneOffset(i + len(s)), Text: s}
}

func TestLexiconCoversEveryRoot(t *testing.T) {
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	roots := map[string]int{}
	for _, m := range []map[string][]*Pattern{lex.verbs, lex.nouns} {
		for _, ps := range m {
			for _, p := range ps {
				roots[Root(p.Code)]++
				if _, ok := Info(p.Code); !ok {
					t.Errorf("line %d: code %s has no description", p.Line, p.Code)
				}
			}
		}
	}
	for r := 1; r <= 20; r++ {
		root := string(rune('0'+r/10)) + string(rune('0'+r%10))
		if roots[root] == 0 {
			t.Errorf("no pattern for CAMEO root %s", root)
		}
	}
	if lex.Size() < 500 {
		t.Errorf("only %d patterns", lex.Size())
	}
}

func TestLexiconErrorsAndExtension(t *testing.T) {
	for _, bad := range []string{"x visit 042", "v visit", "v visit 999", "v visit 042 !nope", "v visit 042 043"} {
		l := newLexicon()
		if err := l.Load(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	f := t.TempDir() + "/extra.txt"
	if err := os.WriteFile(f, []byte("v parley @with 040\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := NewStage(Options{Patterns: []string{f}})
	if err != nil {
		t.Fatal(err)
	}
	d := segmented(t, "Egypt parleyed with Israel on Monday.", "2020-01-01")
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Events) != 1 || d.Events[0].Code != "040" || d.Events[0].TargetActor != "ISR" {
		t.Errorf("extension pattern: got %+v", d.Events)
	}
}

func TestCodeTables(t *testing.T) {
	for _, tt := range []struct {
		code, plover, mode string
		goldstein          float64
	}{
		{"042", "CONSULT", "visit", 1.9},
		{"057", "SUPPORT", "", 8},
		{"190", "ASSAULT", "", -10},
		{"163", "COERCE", "restrict", -8},
		{"1712", "ASSAULT", "seize", -9.2},
		{"010", "", "", 0},
		{"020", "REQUEST", "appeal", 3},
		{"0874", "RETREAT", "disarm", 10},
	} {
		ci, ok := Info(tt.code)
		if !ok {
			t.Errorf("%s: no info", tt.code)
			continue
		}
		if ci.Plover != tt.plover || ci.Mode != tt.mode || ci.Goldstein != tt.goldstein {
			t.Errorf("%s: got %+v", tt.code, ci)
		}
	}
	if ci, ok := Info("0429"); !ok || ci.Plover != "CONSULT" {
		t.Errorf("unknown four-digit code should fall back to its parent: %+v", ci)
	}
}

func TestWrap(t *testing.T) {
	for _, tt := range []struct {
		fl         Flags
		code, want string
	}{
		{FlagIntent, "042", "036"},
		{FlagIntent, "073", "0333"},
		{FlagIntent, "190", "138"},
		{FlagReject, "040", "125"},
		{FlagReject, "057", "127"},
		{FlagThreaten, "163", "1312"},
		{FlagThreaten, "161", "1313"},
		{FlagAppeal, "0841", "0253"},
		{FlagDemand, "087", "1056"},
		{FlagTry, "186", "185"},
	} {
		if got := wrap(tt.fl, tt.code); got != tt.want {
			t.Errorf("wrap(%d, %s) = %s, want %s", tt.fl, tt.code, got, tt.want)
		}
	}
}

// TestTokensOnly codes sentences with tokens alone (no syntax, no entities).
func TestTokensOnly(t *testing.T) {
	s := newStage(t)
	tests := []struct {
		text, code, source, target, modality string
	}{
		{"Iranian Foreign Minister Mohammad Javad Zarif visited Damascus on Monday.", "042", "IRNGOV", "SYR", "asserted"},
		{"Turkey's president will travel to Tehran for a meeting on Friday.", "036", "TURGOV", "IRN", "planned"},
		{"Syrian regime forces have gathered around the last opposition bastion in Idlib.", "154", "SYRMIL", "SYROPP", "asserted"},
		{"The Israeli army did not attack the town.", "190", "ISRMIL", "", "negated"},
		{"Tehran has provided military backing to Damascus.", "050", "IRNGOV", "SYR", "asserted"},
		{"Moscow said the rebels in Idlib had attacked Russian troops.", "190", "REB", "RUSMIL", "asserted"},
		{"The rebels were attacked by Syrian warplanes.", "190", "SYRMIL", "SYRREB", "asserted"},
		{"Egypt rejected an Israeli offer of talks.", "125", "EGY", "ISR", "asserted"},
		{"China urged North Korea to resume negotiations with South Korea.", "026", "CHN", "PRK", "asserted"},
		{"The UN refused to send peacekeepers to Burundi.", "1224", "IGOUNO", "BDI", "asserted"},
		{"Russia threatened to cut diplomatic ties with Georgia.", "1313", "RUS", "GEO", "asserted"},
	}
	for _, tt := range tests {
		d := segmented(t, tt.text, "2018-09-03")
		if err := s.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		ev := mainEvent(d.Events)
		if ev == nil {
			t.Errorf("%q: no event", tt.text)
			continue
		}
		if ev.Code != tt.code || !strings.HasSuffix(ev.SourceActor, tt.source) || ev.TargetActor != tt.target && tt.target != "" || ev.Modality != tt.modality {
			t.Errorf("%q:\n got %s %s->%s %s\nwant %s %s->%s %s", tt.text, ev.Code, ev.SourceActor, ev.TargetActor, ev.Modality,
				tt.code, tt.source, tt.target, tt.modality)
		}
		if ev.Time == nil || *ev.Time != "2018-09-03" || ev.TimeSource != "published" {
			t.Errorf("%q: time %v %s", tt.text, ev.Time, ev.TimeSource)
		}
		if got := d.Slice(ev.Trigger.Start, ev.Trigger.End); got != ev.Trigger.Text || got == "" {
			t.Errorf("%q: trigger %+v", tt.text, ev.Trigger)
		}
	}
}

// parsed builds a one-sentence document with a hand-made dependency parse:
// each row is FORM LEMMA UPOS HEAD DEPREL.
func parsed(t *testing.T, rows [][5]string) *document.Document {
	var words []string
	for _, r := range rows {
		words = append(words, r[0])
	}
	text := strings.Join(words, " ")
	d := document.New()
	d.SetText(text)
	off := 0
	for _, r := range rows {
		head := 0
		for _, c := range r[3] {
			head = head*10 + int(c-'0')
		}
		n := len([]rune(r[0]))
		d.Tokens = append(d.Tokens, document.Token{Start: off, End: off + n, Text: r[0], SpaceAfter: true,
			Lemma: r[1], UPOS: r[2], Head: head, Deprel: r[4]})
		off += n + 1
	}
	d.Sentences = []document.Sentence{{Start: 0, End: off - 1, TokenStart: 0, TokenEnd: len(rows)}}
	return d
}

func TestDependencyArguments(t *testing.T) {
	s, err := NewStage(Options{Dependencies: true})
	if err != nil {
		t.Fatal(err)
	}
	// "Iran and Russia backed Assad ." with entities, Assad coded by the actors stage
	d := parsed(t, [][5]string{
		{"Iran", "Iran", "PROPN", "4", "nsubj"},
		{"and", "and", "CCONJ", "3", "cc"},
		{"Russia", "Russia", "PROPN", "1", "conj"},
		{"backed", "back", "VERB", "0", "root"},
		{"Assad", "Assad", "PROPN", "4", "obj"},
		{".", ".", "PUNCT", "4", "punct"},
	})
	d.Entities = []document.Entity{
		{ID: "e1", Type: "GPE", Name: "Iran", Mentions: []document.Mention{mention(d, "Iran", 0)}},
		{ID: "e2", Type: "GPE", Name: "Russia", Mentions: []document.Mention{mention(d, "Russia", 0)}},
		{ID: "e3", Type: "PERSON", Name: "Assad", Mentions: []document.Mention{mention(d, "Assad", 0)},
			Actor: &document.Actor{Code: "SYRGOV", Country: "SYR", Sectors: []string{"GOV"}, Source: "dictionary"}},
	}
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range d.Events {
		got = append(got, e.Source+">"+e.Code+">"+e.Target+":"+e.TargetActor)
	}
	if strings.Join(got, " ") != "e1>050>e3:SYRGOV e2>050>e3:SYRGOV" {
		t.Errorf("coordination: got %v", got)
	}

	// passive: "Assad was backed by Iran ."
	d = parsed(t, [][5]string{
		{"Assad", "Assad", "PROPN", "3", "nsubj:pass"},
		{"was", "be", "AUX", "3", "aux:pass"},
		{"backed", "back", "VERB", "0", "root"},
		{"by", "by", "ADP", "5", "case"},
		{"Iran", "Iran", "PROPN", "3", "obl:agent"},
		{".", ".", "PUNCT", "3", "punct"},
	})
	d.Entities = []document.Entity{
		{ID: "e1", Type: "PERSON", Name: "Assad", Mentions: []document.Mention{mention(d, "Assad", 0)},
			Actor: &document.Actor{Code: "SYRGOV", Country: "SYR", Sectors: []string{"GOV"}}},
		{ID: "e2", Type: "GPE", Name: "Iran", Mentions: []document.Mention{mention(d, "Iran", 0)}},
	}
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Events) != 1 || d.Events[0].Source != "e2" || d.Events[0].Target != "e1" {
		t.Errorf("passive: got %+v", d.Events)
	}
}

func TestPlaceTimeQuote(t *testing.T) {
	s := newStage(t)
	text := `Zarif said: "Iran will send aid to Aleppo next week." Turkish troops attacked Afrin on 2018-01-20.`
	d := segmented(t, text, "2018-09-03")
	q := mention(d, `"Iran will send aid to Aleppo next week."`, 0)
	d.Quotes = []document.Quote{{ID: "q1", Start: q.Start, End: q.End, Text: q.Text, Kind: "direct"}}
	d.Places = []document.Place{
		{ID: "p1", Name: "Aleppo", Country: "SY", Kind: "literal", Mentions: []document.Mention{mention(d, "Aleppo", 0)}},
		{ID: "p2", Name: "Afrin", Country: "SY", Kind: "literal", Mentions: []document.Mention{mention(d, "Afrin", 0)}},
	}
	tm := mention(d, "2018-01-20", 0)
	d.Times = []document.Time{{ID: "t1", Start: tm.Start, End: tm.End, Text: tm.Text, Type: "DATE", Value: "2018-01-20"}}
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	byCode := map[string]document.Event{}
	for _, e := range d.Events {
		byCode[Root(e.Code)] = e
	}
	aid, ok := byCode["03"]
	if !ok || aid.Quote != "q1" || aid.Place != "p1" || aid.Modality != "planned" || aid.TimeSource != "published" {
		t.Errorf("quoted aid: %+v", aid)
	}
	att, ok := byCode["19"]
	if !ok || att.Place != "p2" || att.Time == nil || *att.Time != "2018-01-20" || att.TimeSource != "text" || att.Quote != "" {
		t.Errorf("attack: %+v", att)
	}
}

// TestForeignForceRebels: rebels a foreign force strikes belong to the
// story's country, which the other sentences place, not to the force's.
func TestForeignForceRebels(t *testing.T) {
	s := newStage(t)
	for _, tc := range []struct {
		name, text, want string
	}{
		{"story elsewhere", "Syrian troops massed near Idlib. Russian warplanes struck rebel positions on Tuesday.", "SYRREB"},
		{"no story", "Russian warplanes struck rebel positions on Tuesday.", "RUSREB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := segmented(t, tc.text, "2018-09-05")
			if strings.Contains(tc.text, "Idlib") {
				d.Places = []document.Place{{ID: "p1", Name: "Idlib", Country: "SY", Kind: "literal",
					Mentions: []document.Mention{mention(d, "Idlib", 0)}}}
			}
			if err := s.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			for _, e := range d.Events {
				if e.Trigger.Text == "struck" {
					if e.SourceActor != "RUSMIL" || e.TargetActor != tc.want {
						t.Errorf("%s -> %s, want RUSMIL -> %s", e.SourceActor, e.TargetActor, tc.want)
					}
					return
				}
			}
			t.Errorf("no strike in %+v", d.Events)
		})
	}
}

func evaluateFile(t *testing.T, path string) *Report {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := ReadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	s := newStage(t)
	seg := segment.NewStage()
	ann := func(ctx context.Context, text, date string) (*document.Document, error) {
		d := document.New()
		d.SetText(text)
		d.Published = date
		if err := seg.Process(ctx, d); err != nil {
			return nil, err
		}
		return d, s.Process(ctx, d)
	}
	rep, err := Evaluate(context.Background(), gold, ann, false, DefaultTripleMinConfidence)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestFixtures scores the project's own CAMEO-coded fixtures (development
// data: written while building the coder).
func TestFixtures(t *testing.T) {
	rep := evaluateFile(t, "testdata/cameo_fixtures.jsonl")
	fig := rep.Figures()
	if rep.CameoRecords < 40 || fig["root_f1"] < 0.75 || fig["full_f1"] < 0.6 {
		t.Errorf("fixtures: %d records, %v", rep.CameoRecords, fig)
	}
}

// TestPloverGold puts floors under the figures on the PLOVER gold standard
// records (the data the coder was developed on; see the README).
func TestPloverGold(t *testing.T) {
	rep := evaluateFile(t, shared.Path(t, "events/plover_gsr.jsonl"))
	fig := rep.Figures()
	floors := map[string]float64{"plover_type_accuracy": 0.70, "actor_country_accuracy": 0.76,
		"recipient_country_accuracy": 0.64, "sector_accuracy": 0.65}
	for k, v := range floors {
		if fig[k] < v {
			t.Errorf("%s = %.3f < %.2f", k, fig[k], v)
		}
	}
}

func FuzzCode(f *testing.F) {
	for _, s := range []string{
		"Iran and Russia backed Assad.", "", "\"", "The rebels were attacked by", "will not", "said that they must",
		"Iranian FM Zarif 's visit to", "to to to", "A, and B, and C attacked D and E",
	} {
		f.Add(s)
	}
	s := newStage(f)
	f.Fuzz(func(t *testing.T, text string) {
		d := segmented(t, text, "2018-09-03")
		if err := s.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		for _, e := range d.Events {
			if e.Trigger.Start < 0 || e.Trigger.End < e.Trigger.Start || e.Code == "" {
				t.Fatalf("bad event %+v", e)
			}
		}
	})
}

const benchArticle = `Militants must be "cleaned out" of Idlib province in northwestern Syria, Iranian Foreign Minister Mohammad Javad Zarif said Monday at the start of a visit to Damascus.

Iranian forces have backed Bashar Assad in Syria's civil war. Zarif was due to meet with Assad, according to the semi-official news agency ISNA.

Syrian regime forces have gathered around the last opposition bastion in the northwestern province of Idlib near the Turkish border. Turkey has been working with Iran and Russia to find a peaceful solution.

President Recep Tayyip Erdogan will travel to Tehran for a trilateral meeting with his Iranian and Russian counterparts on Friday. Tehran has provided steady political, financial and military backing to Assad.`

func BenchmarkStage(b *testing.B) {
	s := newStage(b)
	base := segmented(b, benchArticle, "2018-09-03")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := *base
		d.Events = nil
		if err := s.Process(context.Background(), &d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStageNews runs the events stage (with the actors coding it
// triggers) on segmented BBC articles from the shared news corpus; ns/op is
// per article.
func BenchmarkStageNews(b *testing.B) {
	f, err := os.Open(shared.Path(b, "news/bbc.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	var docs []*document.Document
	for len(docs) < 300 {
		var r struct {
			Text string `json:"text"`
			Date string `json:"date"`
		}
		if err := dec.Decode(&r); err != nil {
			break
		}
		docs = append(docs, segmented(b, r.Text, "2005-01-01"))
	}
	s := newStage(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := *docs[i%len(docs)]
		d.Events = nil
		if err := s.Process(context.Background(), &d); err != nil {
			b.Fatal(err)
		}
	}
}

func TestQuoteSpeaker(t *testing.T) {
	s := newStage(t)
	text := `Iranian Foreign Minister Mohammad Javad Zarif spoke. "We will send aid to Syria," Zarif said.`
	d := segmented(t, text, "2018-09-03")
	zarif := document.Entity{ID: "e1", Type: "PERSON", Name: "Mohammad Javad Zarif",
		Mentions: []document.Mention{mention(d, "Mohammad Javad Zarif", 0), mention(d, "Zarif", 1)}}
	d.Entities = []document.Entity{zarif}
	q := mention(d, `"We will send aid to Syria,"`, 0)
	sp := "e1"
	d.Quotes = []document.Quote{{ID: "q1", Start: q.Start, End: q.End, Text: q.Text, Kind: "direct", Speaker: &sp}}
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	var got *document.Event
	for i := range d.Events {
		if Root(d.Events[i].Code) == "03" {
			got = &d.Events[i]
		}
	}
	if got == nil || got.Source != "e1" || got.SourceActor != "IRNGOV" || got.TargetActor != "SYR" || got.Quote != "q1" {
		t.Errorf("quoted intent: %+v", got)
	}
}

// TestCueSpeaker: the speech verb of a statement takes the speaker the
// quotes stage resolved, not the person last named ("He" after a Lavrov
// statement about Assad is Lavrov).
func TestCueSpeaker(t *testing.T) {
	s := newStage(t)
	text := `Russian Foreign Minister Sergei Lavrov said Monday that the Assad regime has every right to liquidate terrorists in Idlib. He said it is not possible to tolerate the situation there indefinitely.`
	d := segmented(t, text, "2018-09-03")
	lavrov := document.Entity{ID: "e1", Type: "PERSON", Name: "Sergei Lavrov",
		Mentions: []document.Mention{mention(d, "Sergei Lavrov", 0)}}
	assad := document.Entity{ID: "e2", Type: "PERSON", Name: "Bashar Assad",
		Mentions: []document.Mention{mention(d, "Assad", 0)}}
	d.Entities = []document.Entity{lavrov, assad}
	cue := mention(d, "said", 1)
	content := mention(d, "it is not possible to tolerate the situation there indefinitely", 0)
	he := mention(d, "He", 0)
	sp := "e1"
	d.Quotes = []document.Quote{{ID: "q2", Start: content.Start, End: content.End, Text: content.Text, Kind: "indirect",
		Speaker: &sp, SpeakerMention: &he, Cue: &cue}}
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, e := range d.Events {
		if e.Trigger.Start == cue.Start {
			if e.Source != "e1" || e.SourceActor != "RUSGOV" {
				t.Errorf("statement by %q (%s), want e1 (RUSGOV): %+v", e.Source, e.SourceActor, e)
			}
			return
		}
	}
	t.Errorf("no event on the second cue: %+v", d.Events)
}

func TestQuadClassAndDedupe(t *testing.T) {
	for code, want := range map[string]int{"010": 1, "057": 1, "073": 2, "112": 3, "138": 3, "141": 4, "190": 4, "2041": 4} {
		if got := QuadClass(code); got != want {
			t.Errorf("QuadClass(%s) = %d, want %d", code, got, want)
		}
	}
	evs := []document.Event{
		{Code: "190", SourceActor: "A", TargetActor: "B", Confidence: 0.5},
		{Code: "193", SourceActor: "A", TargetActor: "B", Confidence: 0.7},
		{Code: "111", SourceActor: "A", TargetActor: "B", Confidence: 0.4},
	}
	out := dedupe(evs)
	if len(out) != 2 || out[0].Code != "193" || out[1].Code != "111" {
		t.Errorf("dedupe: %+v", out)
	}
}

func FuzzLexiconLoad(f *testing.F) {
	f.Add("v visit 042 !move\nn talks 040\n")
	f.Add("v sign +agreement|deal @with 057 !light\n# c\n")
	f.Add("v x_y_z +a_b @c|d 1234 !intent !report")
	f.Fuzz(func(t *testing.T, s string) {
		l := newLexicon()
		_ = l.Load(strings.NewReader(s))
		_ = l.Size()
	})
}

// FuzzLayers codes documents whose other layers point anywhere: entity,
// place, time and quote offsets out of order or out of range must not panic.
func FuzzLayers(f *testing.F) {
	f.Add("Iran and Russia backed Assad in Syria.", 0, 4, 18, 23, -3, 99)
	f.Add("Rebels attacked the town.", 5, 2, 0, 0, 1000, -1000)
	s := newStage(f)
	f.Fuzz(func(t *testing.T, text string, a, b, c, e, g, h int) {
		d := segmented(t, text, "2020-02-30")
		m1 := document.Mention{Start: a, End: b}
		m2 := document.Mention{Start: c, End: e}
		sp := "e1"
		d.Entities = []document.Entity{{ID: "e1", Type: "PERSON", Mentions: []document.Mention{m1, m2}},
			{ID: "e2", Type: "GPE", Name: text, Mentions: []document.Mention{m2}}}
		d.Places = []document.Place{{ID: "p1", Country: "SY", Kind: "literal", Mentions: []document.Mention{m1, {Start: g, End: h}}}}
		d.Times = []document.Time{{ID: "t1", Start: g, End: h, Type: "DATE", Value: "2020"}}
		d.Quotes = []document.Quote{{ID: "q1", Start: h, End: g, Kind: "direct", Speaker: &sp}}
		d.Dateline = &document.Dateline{Span: document.Span{Start: a, End: h}, Place: "x"}
		if err := s.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		for i := range d.Events {
			_ = GDELTRow(d, i)
		}
	})
}

// TestConcurrent runs one stage on several documents at once (go test -race).
func TestConcurrent(t *testing.T) {
	s := newStage(t)
	texts := []string{benchArticle, "Iran and Russia backed Assad.", "The rebels were attacked by Syrian warplanes.", "Turkey threatened to cut ties with Israel."}
	done := make(chan error)
	for i := 0; i < 8; i++ {
		go func(i int) {
			d := segmented(t, texts[i%len(texts)], "2018-09-03")
			done <- s.Process(context.Background(), d)
		}(i)
	}
	for i := 0; i < 8; i++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestAnalystEvents checks the events an analyst would note in an article
// like the Idlib example (the project's own paraphrase, tokens only).
func TestAnalystEvents(t *testing.T) {
	s := newStage(t)
	d := segmented(t, benchArticle, "2018-09-03")
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	want := []struct{ code, source, target, modality string }{
		{"042", "IRNGOV", "SYR", "asserted"},    // Zarif's visit to Damascus
		{"050", "IRNMIL", "SYRGOV", "asserted"}, // Iranian forces backed Assad
		{"036", "TURGOV", "IRN", "planned"},     // Erdogan will travel to Tehran
		{"154", "SYRMIL", "SYROPP", "asserted"}, // regime forces gathered around Idlib
		{"050", "IRNGOV", "SYRGOV", "asserted"}, // Tehran has provided backing to Assad
	}
	for _, w := range want {
		found := false
		for _, e := range d.Events {
			if e.Code == w.code && e.SourceActor == w.source && e.TargetActor == w.target && e.Modality == w.modality {
				found = true
			}
		}
		if !found {
			t.Errorf("missing %+v", w)
		}
	}
	if t.Failed() {
		for _, e := range d.Events {
			t.Logf("%s %s->%s %s %q", e.Code, e.SourceActor, e.TargetActor, e.Modality, e.Trigger.Text)
		}
	}
}

func TestGDELTRow(t *testing.T) {
	s := newStage(t)
	d := segmented(t, "Iran and Russia backed Assad in Syria.", "2018-09-03")
	d.ID = "t1"
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Events) == 0 {
		t.Fatal("no events")
	}
	row := GDELTRow(d, 0)
	if len(row) != len(GDELTHeader) || row[1] != "20180903" || row[7] != "IRN" || row[18] != "050" || row[21] != "1" {
		t.Errorf("row: %q", row)
	}
}

func TestSharedActorLexicon(t *testing.T) {
	as, err := actors.NewStage(actors.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewStage(Options{ActorLexicon: as.Lexicon()})
	if err != nil {
		t.Fatal(err)
	}
	d := segmented(t, "Syrian troops shelled rebel positions.", "2018-09-03")
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Events) == 0 || d.Events[0].SourceActor != "SYRMIL" {
		t.Errorf("events: %+v", d.Events)
	}
}
