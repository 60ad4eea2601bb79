package geoparse

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/gazetteer"
)

func resolver(t testing.TB) *Resolver {
	t.Helper()
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewResolver(g, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// mention returns the mention of the first occurrence of name in text.
func mention(text, name string) Mention {
	i := strings.Index(text, name)
	if i < 0 {
		panic("no " + name)
	}
	s := utf8.RuneCountInString(text[:i])
	return Mention{Start: s, End: s + utf8.RuneCountInString(name), Text: name}
}

func TestResolve(t *testing.T) {
	r := resolver(t)
	for _, c := range []struct {
		text, name   string
		cc, code, a1 string
		kind         string
	}{
		{"He grew up in London, Ontario, before moving.", "London", "CA", "", "08", "literal"},
		{"Protests spread in London on Sunday.", "London", "GB", "", "", "literal"},
		{"Shelling hit Idlib province in northwestern Syria.", "Idlib province", "SY", "ADM1", "", "literal"},
		{"Iranian officials denied the report.", "Iranian", "IR", "", "", "associative"},
		{"The Turkish army crossed the border.", "Turkish", "TR", "", "", "associative"},
		{"A fire broke out in Lexington, Ky., overnight.", "Lexington", "US", "", "KY", "literal"},
		{"Talks on the Gaza Strip resumed.", "Gaza Strip", "PS", "", "", "literal"},
		{"Paris is the capital of France.", "Paris", "FR", "", "", "literal"},
		{"Officials in Paris, Texas, said the road was closed.", "Paris", "US", "", "TX", "literal"},
		{"The U.S. imposed sanctions.", "U.S.", "US", "PCLI", "", "literal"},
		{"Troops moved across the Sahel.", "Sahel", "", "RGN", "", "literal"},
	} {
		m := mention(c.text, c.name)
		res := r.ResolveText(c.text, []Mention{m}, "")
		if len(res) != 1 || !res[0].OK {
			t.Errorf("%q: %q unresolved", c.text, c.name)
			continue
		}
		p := res[0].Place
		if p.Country != c.cc || c.code != "" && p.Code != c.code || c.a1 != "" && p.Admin1 != c.a1 || res[0].Kind != c.kind {
			t.Errorf("%q: %q -> %s %s/%s %s (%s), want %s/%s %s (%s)", c.text, c.name, p.Name, p.Country, p.Admin1, p.Code, res[0].Kind, c.cc, c.a1, c.code, c.kind)
		}
	}
}

func TestDatelineCoherence(t *testing.T) {
	r := resolver(t)
	text := "Officials said the clinic in Alexandria would reopen."
	m := mention(text, "Alexandria")
	res := r.ResolveText(text, []Mention{m}, "ALEXANDRIA, Va.")
	if !res[0].OK || res[0].Place.Country != "US" {
		t.Errorf("with a Virginia dateline, Alexandria -> %+v", res[0].Place)
	}
}

func TestRecognize(t *testing.T) {
	r := resolver(t)
	text := "DAMASCUS (Reuters) - Syrian forces shelled Idlib province on Monday, while Turkey and the United States called for talks in Geneva. Michael Jordan was not there."
	ms := r.Recognize(text)
	got := map[string]string{}
	for _, m := range ms {
		got[m.Text] = m.Type
	}
	for _, want := range []string{"Idlib province", "Turkey", "United States", "Geneva", "Syrian"} {
		if _, ok := got[want]; !ok {
			t.Errorf("Recognize missed %q; got %v", want, got)
		}
	}
	if got["Syrian"] != "NORP" {
		t.Errorf("Syrian type %q, want NORP", got["Syrian"])
	}
	if _, ok := got["Jordan"]; ok {
		t.Errorf("Recognize took the person Michael Jordan's surname as a place")
	}
	for _, m := range ms {
		if string([]rune(text)[m.Start:m.End]) != m.Text {
			t.Errorf("mention %q has offsets %d-%d that do not match the text", m.Text, m.Start, m.End)
		}
	}
}

func TestStage(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewStage(Options{Gazetteer: g})
	if err != nil {
		t.Fatal(err)
	}
	if s.Name() != "geoparse" {
		t.Errorf("Name() = %q", s.Name())
	}
	text := "Syrian troops entered Idlib on Tuesday. Idlib province borders Turkey. Residents of Idlib fled."
	// With entities.
	d := document.New()
	d.SetText(text)
	ent := func(typ, name string, idx ...int) document.Entity {
		e := document.Entity{Type: typ, Name: name}
		off := 0
		for range idx {
			m := mention(text[off:], name)
			bs := utf8.RuneCountInString(text[:off])
			e.Mentions = append(e.Mentions, document.Mention{Start: bs + m.Start, End: bs + m.End, Text: name})
			off += strings.Index(text[off:], name) + len(name)
		}
		return e
	}
	d.Entities = []document.Entity{ent("NORP", "Syrian", 0), ent("GPE", "Idlib", 0, 1, 2), ent("GPE", "Turkey", 0)}
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, p := range d.Places {
		kinds = append(kinds, p.Name+":"+p.Kind)
		if p.ID == "" || len(p.Mentions) == 0 {
			t.Errorf("place %+v lacks id or mentions", p)
		}
	}
	if len(d.Places) < 3 {
		t.Fatalf("places %v", kinds)
	}
	f := d.Focus
	if f == nil || f.Country != "SY" {
		t.Errorf("focus %+v, want SY", d.Focus)
	}
	// The dateline sets the focus city.
	dd := document.New()
	dd.SetText("Officials said shelling hit the city. Syria denied it.")
	dd.Dateline = &document.Dateline{Place: "ALEPPO"}
	if err := s.Process(context.Background(), dd); err != nil {
		t.Fatal(err)
	}
	if f := dd.Focus; f == nil || f.Country != "SY" || f.City != "Aleppo" {
		t.Errorf("dateline focus %+v, want SY/Aleppo", dd.Focus)
	}
	// Fallback recognizer.
	d2 := document.New()
	d2.SetText(text)
	if err := s.Process(context.Background(), d2); err != nil {
		t.Fatal(err)
	}
	if len(d2.Places) == 0 {
		t.Error("fallback found no places")
	}
	// An organization's acronym is not a place, though the fallback
	// recognizer knows a city of that name.
	agency := "The news agency SANA said the talks went well."
	d3 := document.New()
	d3.SetText(agency)
	d3.Entities = []document.Entity{{Type: "ORG", Name: "SANA", Mentions: []document.Mention{{Start: 16, End: 20, Text: "SANA"}}}}
	if err := s.Process(context.Background(), d3); err != nil {
		t.Fatal(err)
	}
	for _, p := range d3.Places {
		t.Errorf("place %s (%s) from an organization's acronym", p.Name, p.Country)
	}
	// The place a news outlet is named after is no place of the story.
	outlet := "Troops left Aleppo, the Tehran Times reported."
	d4 := document.New()
	d4.SetText(outlet)
	d4.Entities = []document.Entity{
		{Type: "GPE", Name: "Aleppo", Mentions: []document.Mention{{Start: 12, End: 18, Text: "Aleppo"}}},
		{Type: "ORG", Name: "Tehran Times", Mentions: []document.Mention{{Start: 24, End: 36, Text: "Tehran Times"}}},
	}
	if err := s.Process(context.Background(), d4); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range d4.Places {
		got[p.Name] = p.Kind
	}
	if got["Aleppo"] != "literal" || got["Tehran"] != "associative" {
		t.Errorf("places %v, want Aleppo literal and Tehran associative", got)
	}
	if f := d4.Focus; f == nil || f.Country != "SY" {
		t.Errorf("focus %+v, want SY", d4.Focus)
	}
	// Empty and odd inputs.
	for _, txt := range []string{"", "   ", "\xff\xfe broken", strings.Repeat("A ", 1000)} {
		d := document.New()
		d.SetText(txt)
		if err := s.Process(context.Background(), d); err != nil {
			t.Errorf("Process(%q): %v", txt[:min(len(txt), 10)], err)
		}
	}
}

func TestSplit(t *testing.T) {
	n := map[string]int{}
	for i := 0; i < 1000; i++ {
		n[Split("doc:"+string(rune('a'+i%26))+strings.Repeat("x", i%37)+string(rune(i)))]++
	}
	if n["test"] == 0 || n["dev"] == 0 || n["train"] < n["test"] {
		t.Errorf("split sizes %v", n)
	}
	if Split("lgl:40450848") != Split("lgl:40450848") {
		t.Error("Split not deterministic")
	}
}

func TestReadDocs(t *testing.T) {
	in := `{"id":"a","dataset":"x","text":"In Idlib.","toponyms":[{"start":3,"end":8,"name":"Idlib","lat":35.9,"lon":36.6,"geonameid":"169389","country_code":"SY"},{"start":5,"end":99,"name":"bad","lat":0,"lon":0}]}
{"id":"b","text":"none","toponyms":[]}
`
	docs, err := ReadDocs(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].Toponyms) != 1 || docs[0].Toponyms[0].GeonameID != 169389 {
		t.Fatalf("ReadDocs = %+v", docs)
	}
	if _, err := ReadDocs(strings.NewReader("{")); err == nil {
		t.Error("ReadDocs accepted bad JSON")
	}
	r := resolver(t)
	m, err := r.Evaluate(context.Background(), docs, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Scored != 1 || m.Within161 != 1 {
		t.Errorf("Evaluate = %+v", m)
	}
}

// TestLGLDev asserts a floor on held-in dev data (not the held-out test).
func TestLGLDev(t *testing.T) {
	docs := FilterSplit(loadLGL(t), "dev")
	r := resolver(t)
	m, err := r.Evaluate(context.Background(), docs, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("LGL dev, gold spans, embedded gazetteer: Acc@161 %.3f, exact %.3f", m.Acc161(), m.ExactAcc())
	if m.Acc161() < 0.78 {
		t.Errorf("LGL dev Acc@161 %.3f < 0.78", m.Acc161())
	}
}

func FuzzResolve(f *testing.F) {
	for _, s := range []string{"London, Ontario", "Idlib province in northwestern Syria", "Iranian", "\xff", "A, B, C in D"} {
		f.Add(s)
	}
	g, err := gazetteer.Default()
	if err != nil {
		f.Fatal(err)
	}
	r, err := NewResolver(g, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ms := r.Recognize(s)
		n := utf8.RuneCountInString(s)
		for _, m := range ms {
			if m.Start < 0 || m.End > n || m.Start > m.End {
				t.Fatalf("bad mention %+v in %q", m, s)
			}
		}
		ms = append(ms, Mention{Start: 0, End: n, Text: s})
		r.ResolveText(s, ms, s)
	})
}

func TestStageConcurrent(t *testing.T) {
	s, err := NewStage(Options{})
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Syrian troops entered Idlib on Tuesday.",
		"Officials in Paris, Texas, said the road was closed.",
		"The Iranian foreign minister flew to Geneva.",
	}
	done := make(chan error)
	for i := 0; i < 6; i++ {
		go func(i int) {
			d := document.New()
			d.SetText(texts[i%len(texts)])
			done <- s.Process(context.Background(), d)
		}(i)
	}
	for i := 0; i < 6; i++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
