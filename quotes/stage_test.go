package quotes

import (
	"context"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/document"
)

func newTestStage(t testing.TB) *Stage {
	t.Helper()
	st, err := NewStage()
	if err != nil {
		t.Skipf("no model: %v", err)
	}
	return st
}

func process(t testing.TB, st *Stage, text string, ents []document.Entity) *document.Document {
	t.Helper()
	d := document.New()
	d.SetText(text)
	d.Entities = ents
	if err := st.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

// findQuote returns the first quote whose text contains sub.
func findQuote(d *document.Document, sub string) *document.Quote {
	for i := range d.Quotes {
		if strings.Contains(d.Quotes[i].Text, sub) {
			return &d.Quotes[i]
		}
	}
	return nil
}

// mention builds an entity mention of the first occurrence of s at or after from.
func mention(text, s string, from int) document.Mention {
	rs := []rune(text)
	for i := from; i+len([]rune(s)) <= len(rs); i++ {
		if string(rs[i:i+len([]rune(s))]) == s {
			return document.Mention{Start: i, End: i + len([]rune(s)), Text: s}
		}
	}
	return document.Mention{}
}

const fixture = "Talks must go on, Iranian FM Zarif says\n\n" +
	"Zarif arrived in Beirut for a short visit to Lebanon, his ministry said. " +
	"MOSCOW — Russian Foreign Minister Sergei Lavrov said on Monday that the government has every right to retake the city. " +
	"\"We will not stop,\" he told reporters in Moscow. \"The terrorists must leave.\n\n" +
	"\"There is no other way.\"\n\n" +
	"Ghasemi said Iran would remain an adviser \"in its efforts to fight terrorism\", according to Fars. " +
	"The two countries signed a \"defense and technical agreement\" last year.\n\n" +
	"Turkey has warned that it will respond, state media said. " +
	"\"This is unacceptable,\" Erdogan said in an interview with CNN."

func TestStageFixture(t *testing.T) {
	st := newTestStage(t)
	ents := []document.Entity{
		{ID: "e1", Type: "PERSON", Name: "Sergei Lavrov", Role: "Foreign Minister", Mentions: []document.Mention{mention(fixture, "Sergei Lavrov", 0)}},
		{ID: "e2", Type: "PERSON", Name: "Mohammad Javad Zarif", Mentions: []document.Mention{mention(fixture, "Zarif", 0), mention(fixture, "Zarif", 45)}},
		{ID: "e8", Type: "GPE", Name: "Lebanon", Mentions: []document.Mention{mention(fixture, "Lebanon", 0)}},
		{ID: "e3", Type: "PERSON", Name: "Bahram Ghasemi", Mentions: []document.Mention{mention(fixture, "Ghasemi", 0)}},
		{ID: "e4", Type: "GPE", Name: "Turkey", Mentions: []document.Mention{mention(fixture, "Turkey", 0)}},
		{ID: "e5", Type: "ORG", Name: "Fars", Mentions: []document.Mention{mention(fixture, "Fars", 0)}},
		{ID: "e6", Type: "ORG", Name: "CNN", Mentions: []document.Mention{mention(fixture, "CNN", 0)}},
		{ID: "e7", Type: "PERSON", Name: "Recep Tayyip Erdogan", Mentions: []document.Mention{mention(fixture, "Erdogan", 0)}},
	}
	d := process(t, st, fixture, ents)
	tests := []struct {
		name, sub, kind, speaker, cue string
		via                           []string
	}{
		{"headline", "Talks must go on", "indirect", "e2", "says", nil},
		{"possessive description", "arrived in Beirut", "indirect", "e2", "said", nil},
		{"indirect", "has every right", "indirect", "e1", "said", nil},
		{"pronoun", "We will not stop", "direct", "e1", "told", []string{"reporters"}},
		// The quote resumes after its cue and runs on into the next
		// paragraph: one statement, told to reporters.
		{"continuation", "There is no other way", "direct", "e1", "", []string{"reporters"}},
		{"partial", "would remain an adviser", "partial", "e3", "said", []string{"e5"}},
		{"term", "defense and technical agreement", "term", "", "", nil},
		{"country", "it will respond", "indirect", "e4", "", []string{"state media"}},
		{"interview", "This is unacceptable", "direct", "e7", "said", []string{"e6"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := findQuote(d, tc.sub)
			if q == nil {
				t.Fatalf("no quote with %q in %+v", tc.sub, d.Quotes)
			}
			if q.Kind != tc.kind {
				t.Errorf("kind %q, want %q", q.Kind, tc.kind)
			}
			got := ""
			if q.Speaker != nil {
				got = *q.Speaker
			}
			if got != tc.speaker {
				t.Errorf("speaker %q, want %q (mention %+v)", got, tc.speaker, q.SpeakerMention)
			}
			if tc.cue != "" && (q.Cue == nil || q.Cue.Text != tc.cue) {
				t.Errorf("cue %+v, want %q", q.Cue, tc.cue)
			}
			if strings.Join(q.Via, "|") != strings.Join(tc.via, "|") {
				t.Errorf("via %q, want %q", q.Via, tc.via)
			}
			if q.Text != d.Slice(q.Start, q.End) {
				t.Errorf("text %q does not match offsets", q.Text)
			}
		})
	}
	if q := findQuote(d, "has every right"); q != nil && q.Time != "Monday" {
		t.Errorf("time %q, want Monday", q.Time)
	}
}

// relayFixture holds a statement relayed around its own attribution, an
// attitude that is no statement, and a quote its attribution interrupts.
const relayFixture = "Rebels must leave the city of Homs, Defence Minister Amir Hatami said Monday at the start of a visit to Beirut, according to Tasnim News.\n\n" +
	"Iranian advisers have backed the army in the long war. The bank has agreed to buy the insurer.\n\n" +
	"\"We will stay as long as we are needed,\" Hatami said. \"Our mission is not over.\""

func TestStageRelayedStatements(t *testing.T) {
	st := newTestStage(t)
	ents := []document.Entity{
		{ID: "e1", Type: "PERSON", Name: "Amir Hatami", Mentions: []document.Mention{mention(relayFixture, "Amir Hatami", 0), mention(relayFixture, "Hatami", 150)}},
		{ID: "e2", Type: "ORG", Name: "Tasnim News", Mentions: []document.Mention{mention(relayFixture, "Tasnim News", 0), mention(relayFixture, "Tasnim", 150)}},
	}
	d := process(t, st, relayFixture, ents)
	// The relay's content holds the minister's own attribution: the edges
	// model refines the minister's content, not the relay's.
	q := findQuote(d, "Rebels must leave")
	if q == nil {
		t.Fatalf("no relayed statement in %+v", d.Quotes)
	}
	if q.Text != "Rebels must leave the city of Homs" || q.Speaker == nil || *q.Speaker != "e1" || strings.Join(q.Via, "|") != "e2" {
		t.Errorf("relayed statement %q by %v via %q, want the minister's content by e1 via e2", q.Text, q.SpeakerMention, q.Via)
	}
	if q := findQuote(d, "the army in the long war"); q != nil {
		t.Errorf("an attitude with no statement is a quote: %+v", q)
	}
	if q := findQuote(d, "to buy the insurer"); q != nil {
		t.Errorf("an agreement to act is a quote: %+v", q)
	}
	q = findQuote(d, "We will stay")
	if q == nil {
		t.Fatalf("no direct quote in %+v", d.Quotes)
	}
	if len(q.Parts) != 2 || !strings.HasSuffix(q.Parts[0].Text, "needed,\"") || q.Parts[1].Text != "\"Our mission is not over.\"" {
		t.Errorf("parts %+v, want the two fragments around the attribution", q.Parts)
	}
	for _, p := range q.Parts {
		if p.Text != d.Slice(p.Start, p.End) || p.Start < q.Start || p.End > q.End {
			t.Errorf("part %+v does not match its offsets within %d-%d", p, q.Start, q.End)
		}
	}
	if err := d.Validate(); err != nil {
		t.Error(err)
	}
}

// TestSpeakerHeads: the speaker is the head of the source phrase, not a
// place or employer in what modifies it, and a person in apposition speaks
// for a description.
func TestSpeakerHeads(t *testing.T) {
	st := newTestStage(t)
	text := "\"The rally will go on,\" said Jose Ramirez, an economist at Acme Bank in New York.\n\n" +
		"\"We saw no damage,\" said the agency's correspondent in Aleppo, Rima Saleh.\n\n" +
		"\"Prices will rise,\" said officials in Cojedes state.\n\n" +
		"Profits fell at Eircom, which said that sales would recover next year."
	ents := []document.Entity{
		{ID: "e1", Type: "PERSON", Name: "Jose Ramirez", Mentions: []document.Mention{mention(text, "Jose Ramirez", 0)}},
		{ID: "e2", Type: "ORG", Name: "Acme Bank", Mentions: []document.Mention{mention(text, "Acme Bank", 0)}},
		{ID: "e3", Type: "GPE", Name: "New York", Mentions: []document.Mention{mention(text, "New York", 0)}},
		{ID: "e4", Type: "GPE", Name: "Aleppo", Mentions: []document.Mention{mention(text, "Aleppo", 0)}},
		{ID: "e5", Type: "PERSON", Name: "Rima Saleh", Mentions: []document.Mention{mention(text, "Rima Saleh", 0)}},
		{ID: "e6", Type: "GPE", Name: "Cojedes", Mentions: []document.Mention{mention(text, "Cojedes", 0)}},
		{ID: "e7", Type: "ORG", Name: "Eircom", Mentions: []document.Mention{mention(text, "Eircom", 0)}},
	}
	d := process(t, st, text, ents)
	for _, tc := range []struct{ sub, want string }{
		{"The rally will go on", "e1"},
		{"We saw no damage", "e5"},
		{"Prices will rise", ""},
		{"sales would recover", "e7"}, // a relative pronoun speaks for the name it follows
	} {
		q := findQuote(d, tc.sub)
		if q == nil {
			t.Errorf("no quote %q in %+v", tc.sub, d.Quotes)
			continue
		}
		got := ""
		if q.Speaker != nil {
			got = *q.Speaker
		}
		if got != tc.want {
			t.Errorf("%q: speaker %q, want %q (mention %+v)", tc.sub, got, tc.want, q.SpeakerMention)
		}
	}
}

// TestShortQuotes: a short quotation hung from a speech verb is its
// subject's words; one after "so-called" or inside a name is a term.
func TestShortQuotes(t *testing.T) {
	st := newTestStage(t)
	text := "The airline reported its results on Monday.\n\n" +
		"Analyst Ann Lee described the results as \"pretty modest\". The so-called \"flash estimate\" rose by 2%."
	ents := []document.Entity{{ID: "e1", Type: "PERSON", Name: "Ann Lee", Mentions: []document.Mention{mention(text, "Ann Lee", 0)}}}
	d := process(t, st, text, ents)
	for _, tc := range []struct{ sub, kind, speaker string }{
		{"pretty modest", "partial", "e1"},
		{"flash estimate", "term", ""},
	} {
		q := findQuote(d, tc.sub)
		if q == nil {
			t.Errorf("no quote %q in %+v", tc.sub, d.Quotes)
			continue
		}
		got := ""
		if q.Speaker != nil {
			got = *q.Speaker
		}
		if (tc.kind == "term") != (q.Kind == "term") || got != tc.speaker {
			t.Errorf("%q: kind %s speaker %q, want %s by %q", tc.sub, q.Kind, got, tc.kind, tc.speaker)
		}
	}
}

func TestStageWithoutEntities(t *testing.T) {
	st := newTestStage(t)
	d := process(t, st, fixture, nil)
	for _, q := range d.Quotes {
		if q.Speaker != nil {
			t.Errorf("speaker %q without an entity layer", *q.Speaker)
		}
	}
	if q := findQuote(d, "We will not stop"); q == nil || q.SpeakerMention == nil || q.SpeakerMention.Text != "he" {
		t.Errorf("want speaker mention \"he\": %+v", q)
	}
}

func TestStageEmpty(t *testing.T) {
	st := newTestStage(t)
	for _, s := range []string{"", " \n\n ", "\"", "“", "said", "\"a\" \"b"} {
		d := process(t, st, s, nil)
		if d.Quotes == nil {
			t.Errorf("%q: nil quotes", s)
		}
	}
}

func FuzzStage(f *testing.F) {
	st := newTestStage(f)
	f.Add(fixture)
	f.Add("“Yes,” he said.\n\n“No")
	f.Add("a, b says")
	f.Add("The ad uses footage of Ann Lee asking, “Why?” During a talk earlier, Lee attacked Kim, saying “it failed.”\n\n“Stop,” she yells while running.")
	f.Add(relayFixture)
	f.Add("Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt.\n\n“We deserve better.”― Sonya Herridge.\n\nHe also vowed to form a task force, which would include the army, to crack down on hackers.")
	f.Fuzz(func(t *testing.T, s string) {
		d := process(t, st, s, []document.Entity{{ID: "e1", Type: "PERSON", Name: "X", Mentions: []document.Mention{{Start: 0, End: 1}}}})
		n := len([]rune(d.Text))
		for _, q := range d.Quotes {
			if q.Start < 0 || q.End > n || q.Start > q.End {
				t.Fatalf("bad span %d-%d of %d", q.Start, q.End, n)
			}
		}
	})
}

func BenchmarkStage(b *testing.B) {
	st := newTestStage(b)
	text := strings.Repeat(fixture+"\n\n", 8)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		d := document.New()
		d.SetText(text)
		if err := st.Process(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStageParsed times the stage alone on a document the pipeline
// has segmented and parsed.
func BenchmarkStageParsed(b *testing.B) {
	st := newTestStage(b)
	text := strings.Repeat(fixture+"\n\n", 8)
	d, err := segmentDoc(context.Background(), text)
	if err != nil {
		b.Fatal(err)
	}
	if err := ParseSyntax(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if err := st.Process(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
}
