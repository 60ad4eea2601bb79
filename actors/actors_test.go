package actors

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/internal/shared"
	"github.com/sitrep/sitrep/segment"
)

func TestCodePhrase(t *testing.T) {
	lex := Default()
	tests := []struct {
		phrase, code, source string
	}{
		{"Iranian Foreign Minister Mohammad Javad Zarif", "IRNGOV", "dictionary"},
		{"Syrian regime forces", "SYRMIL", "title"},
		{"Turkey's army", "TURMIL", "possessive"},
		{"Tehran", "IRNGOV", "capital"},
		{"Moscow", "RUSGOV", "capital"},
		{"the semi-official news agency ISNA", "IRNMED", "agency"},
		{"militants", "REB", "role"},
		{"the displaced", "REF", "role"},
		{"United Nations", "IGOUNO", "name"},
		{"UN peacekeepers", "IGOUNOMIL", "name"},
		{"U.S. Secretary of State Warren Christopher", "USAGOV", "title"},
		{"president of Armenia", "ARMGOV", "title"},
		{"Libya", "LBY", "name"},
		{"Palestinians", "PSE", "demonym"},
		{"Hezbollah", "LBNREBHEZ", "name"},
		{"Amnesty International", "NGOHRI", "name"},
		{"Doctors from two American aid groups", "USAHLH", "title"},
		{"the UN refugee agency", "IGOUNOREF", "name"},
		{"International Labor Office", "IGOUNOLAB", "name"},
		{"Congo", "COG", "name"},
		{"Congolese", "COD", "demonym"},
	}
	for _, tt := range tests {
		a, ok := lex.Code(Words(tt.phrase), "2018-09-03")
		if !ok {
			t.Errorf("%q: not coded", tt.phrase)
			continue
		}
		if a.Code != tt.code || a.Source != tt.source {
			t.Errorf("%q: got %s (%s, %v), want %s (%s)", tt.phrase, a.Code, a.Source, a.Sectors, tt.code, tt.source)
		}
	}
	for _, p := range []string{"us", "is", "the weather", "Is it"} {
		if a, ok := lex.Code(Words(p), ""); ok {
			t.Errorf("%q: coded %s, want nothing", p, a.Code)
		}
	}
}

func TestDictionaryDates(t *testing.T) {
	dict := `# test
MOHAMMAD_ZARIF_KHONSARI_  # comment
+MOHAMMAD_JAVAD_ZARIF
	[IRNGOV 030101-070731]
	[IRNUNO 070801-130814]
	[IRNGOVDIP >20130815]
KOFI_ANNAN_ [IGOUNO 970101-061231]
SOLDIER [~MIL]
BROKEN_ [XXX 12-]
`
	lex := New()
	if err := lex.LoadDictionary(strings.NewReader(dict)); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ phrase, date, code string }{
		{"Mohammad Javad Zarif", "2018-09-03", "IRNGOVDIP"},
		{"Mohammad Javad Zarif", "2005-01-01", "IRNGOV"},
		{"Mohammad Javad Zarif", "2010-01-01", "IRNUNO"},
		{"Mohammad Javad Zarif", "", "IRNGOVDIP"},
		{"Kofi Annan", "2000-01-01", "IGOUNO"},
		{"Iraqi soldiers", "", "IRQMIL"},
	} {
		a, ok := lex.Code(Words(tt.phrase), tt.date)
		if !ok || a.Code != tt.code {
			t.Errorf("%q on %q: got %+v, want %s", tt.phrase, tt.date, a, tt.code)
		}
	}
}

func TestRealDictionaries(t *testing.T) {
	lex := New()
	for _, f := range []string{"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.agents.txt"} {
		if err := lex.LoadDictionaryFile(shared.Path(t, "cameo/"+f)); err != nil {
			t.Fatal(err)
		}
	}
	if lex.Len() < 30000 {
		t.Errorf("only %d phrases", lex.Len())
	}
	for _, tt := range []struct{ phrase, date, code string }{
		{"Mohammad Javad Zarif", "2018-09-03", "IRNGOV"},
		{"Bashar al-Assad", "2018-09-03", "SYRGOV"},
		{"Kofi Annan", "2001-05-01", "IGOUNO"},
	} {
		a, ok := lex.Code(Words(tt.phrase), tt.date)
		if !ok || a.Code != tt.code {
			t.Errorf("%q: got %+v, want %s", tt.phrase, a, tt.code)
		}
	}
}

// newDoc segments text into a Document for tests.
func newDoc(t testing.TB, text string) *document.Document {
	d := document.New()
	d.SetText(text)
	if err := segment.NewStage().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

func mention(d *document.Document, s string) document.Mention {
	i := strings.Index(d.Text, s)
	if i < 0 {
		panic("no " + s)
	}
	return document.Mention{Start: d.RuneOffset(i), End: d.RuneOffset(i + len(s)), Text: s}
}

func TestStage(t *testing.T) {
	d := newDoc(t, "Iranian Foreign Minister Mohammad Javad Zarif arrived in Damascus. Zarif met Kofi Annan, the UN secretary-general, on Monday.")
	d.Published = "2018-09-03"
	d.Entities = []document.Entity{
		{ID: "e1", Type: "PERSON", Name: "Mohammad Javad Zarif", Mentions: []document.Mention{mention(d, "Mohammad Javad Zarif"), mention(d, "Zarif met")}},
		{ID: "e2", Type: "GPE", Name: "Damascus", Mentions: []document.Mention{mention(d, "Damascus")}},
		{ID: "e3", Type: "PERSON", Name: "Kofi Annan", Mentions: []document.Mention{mention(d, "Kofi Annan")}},
		{ID: "e4", Type: "PERSON", Name: "Nobody Known", Mentions: []document.Mention{mention(d, "Monday")}},
	}
	st, err := NewStage(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"e1": "IRNGOV", "e2": "SYRGOV", "e3": "IGOUNOGOV"}
	for _, e := range d.Entities {
		got := ""
		if e.Actor != nil {
			got = e.Actor.Code
		}
		if got != want[e.ID] {
			t.Errorf("%s %s: got %q, want %q", e.ID, e.Name, got, want[e.ID])
		}
	}
}

// TestListsAreNoAppositions: in a list of countries each keeps its own
// code; "X, Y," is an apposition only when Y ends the phrase.
func TestListsAreNoAppositions(t *testing.T) {
	d := newDoc(t, "Ships from Indonesia, Australia, Malaysia and Singapore searched. Affiliates in Thailand, the Philippines and India grew.")
	names := []string{"Indonesia", "Australia", "Malaysia", "Singapore", "Thailand", "Philippines", "India"}
	for i, n := range names {
		d.Entities = append(d.Entities, document.Entity{ID: fmt.Sprintf("e%d", i+1), Type: "GPE", Name: n, Mentions: []document.Mention{mention(d, n)}})
	}
	st, err := NewStage(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	want := []string{"IDN", "AUS", "MYS", "SGP", "THA", "PHL", "IND"}
	for i, e := range d.Entities {
		if e.Actor == nil || e.Actor.Code != want[i] {
			t.Errorf("%s: %+v, want %s", e.Name, e.Actor, want[i])
		}
	}
}

// TestOrganizationNames: a role word that begins an organization's name is
// part of the name, in the entity's name as in its mentions.
func TestOrganizationNames(t *testing.T) {
	d := newDoc(t, "The engines were made by GE and a partner.")
	d.Entities = []document.Entity{{ID: "e1", Type: "ORG", Name: "General Electric", Mentions: []document.Mention{mention(d, "GE")}}}
	st, err := NewStage(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if a := d.Entities[0].Actor; a != nil {
		t.Errorf("General Electric coded %+v, want no actor", a)
	}
}

func BenchmarkCodeEntities(b *testing.B) {
	lex := Default()
	d := newDoc(b, strings.Repeat("Iranian Foreign Minister Mohammad Javad Zarif said Syrian regime forces and Turkey's army met UN envoys in Damascus. ", 20))
	m := mention(d, "Mohammad Javad Zarif")
	d.Entities = []document.Entity{{ID: "e1", Type: "PERSON", Name: "Mohammad Javad Zarif", Mentions: []document.Mention{m}}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Entities[0].Actor = nil
		CodeEntities(lex, d)
	}
}

func FuzzLoadDictionary(f *testing.F) {
	f.Add("ZARIF_ [IRNGOV >20130815]\n")
	f.Add("A_\n+B\n\t[USAGOV 990101-]\n")
	f.Add("SOLDIER [~MIL]\n[")
	f.Fuzz(func(t *testing.T, s string) {
		lex := New()
		_ = lex.LoadDictionary(strings.NewReader(s))
		lex.Code(Words("A B soldier"), "2020-01-01")
	})
}

func TestBuiltinLeaders(t *testing.T) {
	lex := Default()
	for _, tt := range []struct{ phrase, date, code string }{
		{"Vladimir Putin", "2018-09-03", "RUSGOV"},
		{"Putin", "1995-01-01", "RUSELI"},
		{"Recep Tayyip Erdoğan", "2018-09-03", "TURGOV"},
		{"President Bush", "2003-03-20", "USAGOV"},
		{"Bush", "1999-06-01", "USAELI"},
		{"Kofi Annan", "2001-05-01", "IGOUNO"},
		{"Assad", "", "SYRGOV"},
	} {
		a, ok := lex.Code(Words(tt.phrase), tt.date)
		if !ok || a.Code != tt.code {
			t.Errorf("%q on %q: got %+v, want %s", tt.phrase, tt.date, a, tt.code)
		}
	}
}
