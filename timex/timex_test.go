package timex

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep/document"
)

func TestTag(t *testing.T) {
	const dct = "2018-09-05" // a Wednesday, ISO week 36
	tests := []struct {
		text       string
		published  string
		want       string // text of the expected expression
		typ, value string
	}{
		{"Lavrov said Monday that the talks failed.", dct, "Monday", "DATE", "2018-09-03"},
		{"He will travel to Ankara on Friday.", dct, "Friday", "DATE", "2018-09-07"},
		{"The minister arrived on Sunday.", dct, "Sunday", "DATE", "2018-09-02"},
		{"The fighting began last year.", dct, "last year", "DATE", "2017"},
		{"It happened two weeks ago.", dct, "two weeks ago", "DATE", "2018-W34"},
		{"Elections are due next month.", dct, "next month", "DATE", "2018-10"},
		{"Talks resumed on Sept. 3 in Geneva.", dct, "Sept. 3", "DATE", "2018-09-03"},
		{"The deal was signed Aug. 12, 2015, in Vienna.", dct, "Aug. 12, 2015", "DATE", "2015-08-12"},
		{"Refugees fled in the 1990s.", dct, "the 1990s", "DATE", "199"},
		{"Protests grew this week.", dct, "this week", "DATE", "2018-W36"},
		{"The report was published 2018-09-03.", dct, "2018-09-03", "DATE", "2018-09-03"},
		{"Earnings rose in the first quarter of 1998.", dct, "the first quarter of 1998", "DATE", "1998-Q1"},
		{"Third-quarter profit fell.", dct, "Third-quarter", "DATE", "2018-Q3"},
		{"the seven-year uprising", dct, "seven-year", "DURATION", "P7Y"},
		{"The siege lasted three days.", dct, "three days", "DURATION", "P3D"},
		{"They meet every Friday.", dct, "every Friday", "SET", "XXXX-WXX-5"},
		{"Prices are rising now.", dct, "now", "DATE", "PRESENT_REF"},
		{"The vote is at 2 p.m. today.", dct, "2 p.m. today", "TIME", "2018-09-05T14:00"},
		{"The vote is at 2 p.m.", dct, "2 p.m.", "TIME", "2018-09-05T14:00"},
		{"The ceasefire held yesterday.", dct, "yesterday", "DATE", "2018-09-04"},
		{"Exports fell in March.", dct, "March", "DATE", "2018-03"},
		{"It was built in nineteen ninety-six.", dct, "nineteen ninety-six", "DATE", "1996"},
		{"Sales rose a year ago.", dct, "a year ago", "DATE", "2017"},
		{"the decades-long conflict", dct, "decades-long", "DURATION", "PXY"},
		{"a seven-year-long war", dct, "seven-year-long", "DURATION", "P7Y"},
		{"Sales rose in the quarter ended Sept. 30.", dct, "the quarter", "DATE", "2018-Q3"},
		{"Profit fell in the third quarter. A year earlier it rose.", dct, "A year earlier", "DATE", "2017-Q3"},
		{"The talks lasted 2 1/2 hours.", dct, "2 1/2 hours", "DURATION", "PT2H30M"},
		{"He was shot last Oct. 23 at home.", dct, "last Oct. 23", "DATE", "2017-10-23"},
		{"It happened last February.", "2018-03-01", "last February", "DATE", "2017-02"},
		{"The summit is planned for early March.", "2018-02-10", "early March", "DATE", "2018-03"},
		{"It was decided in December.", "2018-01-10", "December", "DATE", "2017-12"},
		{"Payments are due in January.", "2017-11-10", "January", "DATE", "2018-01"},
		{"The offer expired at midnight Friday.", dct, "midnight Friday", "TIME", "2018-08-31T24:00"},
		{"The offer expires at midnight Friday.", dct, "midnight Friday", "TIME", "2018-09-07T24:00"},
		{"They will meet next Tuesday.", dct, "next Tuesday", "DATE", "2018-09-11"},
		{"Fighting eased over the weekend.", dct, "the weekend", "DATE", "2018-W35-WE"},
		{"He has served since the 19th century.", dct, "the 19th century", "DATE", "18"},
		{"It grew in the '90s.", dct, "the '90s", "DATE", "199"},
		{"Exports rose 5% in the first half.", dct, "the first half", "DATE", "2018-H1"},
		{"He left three days later.", dct, "three days", "DURATION", "P3D"},
		{"Trading opened at 9:30 a.m. EDT.", dct, "9:30 a.m. EDT", "TIME", "2018-09-05T09:30"},
		{"Results improved from this year's second quarter.", dct, "this year's second quarter", "DATE", "2018-Q2"},
		{"Sales will rise this quarter.", dct, "this quarter", "DATE", "2018-Q3"},
		{"Profit rose in the third quarter; in the second quarter it fell. That quarter was weak.", dct, "That quarter", "DATE", "2018-Q2"},
		{"Profit rose in the third quarter. For the quarter a year ago it fell.", dct, "the quarter a year ago", "DATE", "2017-Q3"},
		{"A hearing is set for the week of March 6.", "2000-02-24", "the week of March 6", "DATE", "2000-W10"},
		// a month with no tense cue: the nearest year, leaning to the past
		{"A record high in August.", "2018-02-10", "August", "DATE", "2017-08"},
		{"The summit in April.", "2018-12-05", "April", "DATE", "2019-04"},
		// a past intention looks ahead to a date after it, not before it
		{"The delegation planned to fly home on Thursday.", dct, "Thursday", "DATE", "2018-09-06"},
		{"On Monday, the ministry planned to publish the list.", dct, "Monday", "DATE", "2018-09-03"},
		// a passive infinitive is no past-tense cue
		{"The sum to be paid in June.", "2018-03-10", "June", "DATE", "2018-06"},
		// the past year, the last decade: the calendar unit before the DCT's
		{"Prices rose sharply over the past year.", dct, "the past year", "DATE", "2017"},
		{"Wages lagged in the last decade.", dct, "the last decade", "DATE", "200"},
		{"Rents climbed in the past month.", dct, "the past month", "DURATION", "P1M"},
		{"Talks may take the next month.", dct, "the next month", "DURATION", "P1M"},
		// a time with its zone in parentheses takes the day after them
		{"The blast came at 10:35 a.m. (0735 GMT) Friday.", "2018-09-08", "10:35 a.m.", "TIME", "2018-09-07T10:35"},
		{"The blast came at 10:35 a.m. (0735 GMT) Friday.", "2018-09-08", "Friday", "DATE", "2018-09-07"},
		// a part of the day followed by its day
		{"Shares rose at mid-afternoon yesterday.", dct, "mid-afternoon yesterday", "TIME", "2018-09-04TAF"},
		// the then current: the present of a past time
		{"They bought at the then current price.", dct, "then current", "DATE", "PAST_REF"},
		{"They bought at the then-current price.", dct, "then-current", "DATE", "PAST_REF"},
		// a postponement points forward
		{"The judge postponed until Friday any ruling on the case.", dct, "Friday", "DATE", "2018-09-07"},
		// a part of the calendar year
		{"Sales fell in the first six months of the year.", dct, "the year", "DATE", "2018"},
		{"Sales fell 3% for the year.", dct, "the year", "DURATION", "P1Y"},
		{"Margins will improve during the fiscal year.", dct, "the fiscal year", "DURATION", "P1Y"},
		// vague future references
		{"Costs will stay high in the near term.", dct, "the near term", "DATE", "FUTURE_REF"},
		{"The bonds will be sold at a later date.", dct, "a later date", "DATE", "FUTURE_REF"},
		// more of a unit
		{"The troops will stay two more weeks.", dct, "two more weeks", "DURATION", "P2W"},
		{"The lease runs for an additional year.", dct, "an additional year", "DURATION", "P1Y"},
		{"Rates should fall over the next couple of years.", dct, "the next couple of years", "DURATION", "P2Y"},
		// the next day, the next morning, later in the day: from the date last spoken of
		{"The talks opened on March 3. The next day, they collapsed.", dct, "The next day", "DATE", "2018-03-04"},
		{"The talks opened on March 3. The next morning, they collapsed.", dct, "The next morning", "DATE", "2018-03-04"},
		{"Rebels attacked on Sept. 2 and fled later in the day.", dct, "later in the day", "DATE", "2018-09-02"},
		// a word in -ed after a determiner or adverb is an adjective, no tense cue
		{"It will be paid on a still unspecified date in June.", "2018-03-10", "June", "DATE", "2018-06"},
		// the half of a decade is the decade
		{"Sales slowed in the last half of the '80s.", dct, "the last half of the '80s", "DATE", "198"},
		{"Prices will not recover for a couple of years.", dct, "a couple of years", "DURATION", "P2Y"},
		{"The vote comes in a few days.", dct, "a few days", "DURATION", "PXD"},
		// coordinated days share the month
		{"The summit met on April 24 and 25 in Vienna.", dct, "25", "DATE", "2018-04-25"},
		{"It was held on Jan. 3 and 4.", dct, "4", "DATE", "2018-01-04"},
		// a bare hour with its part of the day
		{"The convoy leaves at 4 in the morning.", dct, "4 in the morning", "TIME", "2018-09-05T04:00"},
		{"They met at 8 in the evening.", dct, "8 in the evening", "TIME", "2018-09-05T20:00"},
		// a weekday evening keeps its part of the day; a weekday night does not
		{"The rally was held Monday evening.", dct, "Monday evening", "DATE", "2018-09-03TEV"},
		{"The rally was held Monday night.", dct, "Monday night", "DATE", "2018-09-03"},
		// a plan that had been made points back: the Friday just past
		{"The offer had been scheduled to expire Friday.", dct, "Friday", "DATE", "2018-08-31"},
		{"The offer is scheduled to expire Friday.", dct, "Friday", "DATE", "2018-09-07"},
		{"The deal closes the day after tomorrow.", dct, "the day after tomorrow", "DATE", "2018-09-07"},
		{"He left the day before yesterday.", dct, "the day before yesterday", "DATE", "2018-09-03"},
		{"He spent two and a half years in jail.", dct, "two and a half years", "DURATION", "P2Y6M"},
		{"Prices will rise in the weeks ahead.", dct, "the weeks ahead", "DURATION", "PXW"},
		{"The March accession will enlarge the alliance.", "1999-02-10", "March", "DATE", "1999-03"},
		{"Prices will fall now that the strike is over.", dct, "now", "DATE", "PRESENT_REF"},
		// a future cue later in a long clause
		{"On Tuesday, the National Association of Retired Federal Employees plans to hold a rally.", dct, "Tuesday", "DATE", "2018-09-11"},
		{"Robots will one day drive the trucks.", dct, "one day", "DATE", "FUTURE_REF"},
		{"The strike lasted one day.", dct, "one day", "DURATION", "P1D"},
		// halves and quarters of a relative year
		{"The second half of next year looks better.", dct, "The second half of next year", "DATE", "2019-H2"},
		{"Sales fell in the fourth quarter of last year.", dct, "the fourth quarter of last year", "DATE", "2017-Q4"},
		// the simple present of a scheduled event is future
		{"The trial opens Monday in The Hague.", dct, "Monday", "DATE", "2018-09-10"},
		{"The ceasefire takes effect at midnight Sunday.", dct, "midnight Sunday", "TIME", "2018-09-09T24:00"},
		// this Friday: the coming one unless the clause is past
		{"This Friday's vote will be close.", dct, "This Friday", "DATE", "2018-09-07"},
		{"This Monday he said no.", dct, "This Monday", "DATE", "2018-09-03"},
		// no publication date: relative values stay underspecified
		{"Lavrov said Monday that the talks failed.", "", "Monday", "DATE", "XXXX-WXX-1"},
		{"The fighting began last year.", "", "last year", "DATE", "XXXX"},
		{"The deal was signed Aug. 12, 2015.", "", "Aug. 12, 2015", "DATE", "2015-08-12"},
		// RFC 3339 publication date
		{"Lavrov said Monday that the talks failed.", "2018-09-05T10:00:00Z", "Monday", "DATE", "2018-09-03"},
	}
	for _, tc := range tests {
		got := Tag(tc.text, Options{Published: tc.published})
		var found *document.Time
		for k := range got {
			if got[k].Text == tc.want {
				found = &got[k]
			}
		}
		if found == nil {
			t.Errorf("%q: no expression %q in %+v", tc.text, tc.want, got)
			continue
		}
		if found.Type != tc.typ || found.Value != tc.value {
			t.Errorf("%q (published %q): %q = %s %s, want %s %s", tc.text, tc.published, tc.want, found.Type, found.Value, tc.typ, tc.value)
		}
		if r := []rune(tc.text); string(r[found.Start:found.End]) != found.Text {
			t.Errorf("%q: offsets %d:%d do not give %q", tc.text, found.Start, found.End, found.Text)
		}
	}
}

func TestNoTime(t *testing.T) {
	for _, text := range []string{
		"after the fall of Kabul",
		"under Security Council Resolution 1973",
		"Mr. Schwarz, 52 years old, will succeed him.",
		"a 6-year-old boy",
		"It would cost $2 million a year.",
		"It holds about three-quarters of the market.",
		"A second group of directors resigned.",
		"Its quarterly dividend was cut.",
		"May I ask a question?",
		"The March on Washington drew crowds.",
		"He took a short-term loan.",
		"The couple of them left.",
		"Protesters march on the capital.",
		"",
	} {
		if got := Tag(text, Options{Published: "2018-09-05"}); len(got) != 0 {
			t.Errorf("%q: want no expression, got %+v", text, got)
		}
	}
}

func TestNotCoordinatedDay(t *testing.T) {
	for _, text := range []string{"Voters rallied on May 3 and 4 more people came.", "Talks ended on May 3 and 4 percent voted."} {
		got := Tag(text, Options{Published: "2018-09-05"})
		if len(got) != 1 || got[0].Text != "May 3" {
			t.Errorf("%q: want only May 3, got %+v", text, got)
		}
	}
}

func TestUnresolvedFlag(t *testing.T) {
	got := Tag("He said Monday that it ended last year.", Options{})
	if len(got) != 2 {
		t.Fatalf("got %+v", got)
	}
	for _, tm := range got {
		if !tm.Unresolved || tm.Anchor != "" {
			t.Errorf("%q: want unresolved without anchor, got %+v", tm.Text, tm)
		}
	}
	got = Tag("He said Monday that it ended last year.", Options{Published: "2018-09-05"})
	for _, tm := range got {
		if tm.Unresolved || tm.Anchor != "dct" {
			t.Errorf("%q: want anchored on the DCT, got %+v", tm.Text, tm)
		}
	}
}

func TestCodePointOffsets(t *testing.T) {
	text := "Präsident Erdoğan sagte — “on Friday” — nothing."
	got := Tag(text, Options{Published: "2018-09-05"})
	if len(got) != 1 {
		t.Fatalf("got %+v", got)
	}
	r := []rune(text)
	if string(r[got[0].Start:got[0].End]) != "Friday" {
		t.Errorf("offsets %d:%d give %q", got[0].Start, got[0].End, string(r[got[0].Start:got[0].End]))
	}
}

func TestStageUsesSentences(t *testing.T) {
	d := document.New()
	d.Text = "He said Friday. They will meet Friday."
	d.Published = "2018-09-05"
	d.Sentences = []document.Sentence{{Start: 0, End: 15}, {Start: 16, End: 38}}
	s := NewStage()
	if s.Name() != "time" {
		t.Errorf("name %q", s.Name())
	}
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Times) != 2 || d.Times[0].Value != "2018-08-31" || d.Times[1].Value != "2018-09-07" {
		t.Errorf("got %+v", d.Times)
	}
	if d.Times[0].ID != "t1" || d.Times[1].ID != "t2" {
		t.Errorf("ids %q %q", d.Times[0].ID, d.Times[1].ID)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Process(ctx, d); err == nil {
		t.Error("want an error on a cancelled context")
	}
}

func TestSyntaxTenseCue(t *testing.T) {
	// "sought" is in no word list: only the syntax layer knows it is past,
	// and it outweighs the future cue further away.
	const text = "Talks will go on, but officials sought Friday a new deal."
	toks := []document.Token{{Start: 32, End: 38, Text: "sought", XPOS: "VBD"}}
	if r := []rune(text); string(r[32:38]) != "sought" {
		t.Fatal("bad fixture offsets")
	}
	for _, tc := range []struct {
		toks []document.Token
		want string
	}{
		{nil, "2018-09-07"},
		{toks, "2018-08-31"},
	} {
		got := Tag(text, Options{Published: "2018-09-05", Tokens: tc.toks})
		if len(got) != 1 || got[0].Value != tc.want {
			t.Errorf("tokens %v: got %+v, want %s", tc.toks, got, tc.want)
		}
	}
}

func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"", "Monday", "Sept. 3, 1998", "the 1990s", "10:30 a.m. EDT Thursday", "a year and a half ago",
		"the year-earlier third quarter", "nineteen ninety-six", "'90s", "12/31/1999", "mid-", "the",
		"every other week", "2018-13-45", "0:99 p.m.", "99999999999999999999 years", "the 0th century",
	} {
		f.Add(s, "2018-09-05")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, text, published string) {
		got := Tag(text, Options{Published: published})
		n := utf8.RuneCountInString(text)
		last := -1
		for _, tm := range got {
			if tm.Start < 0 || tm.End > n || tm.Start >= tm.End || tm.Start < last {
				t.Fatalf("bad span %d:%d (len %d) in %q", tm.Start, tm.End, n, text)
			}
			last = tm.End
			if tm.Value == "" || tm.Type == "" {
				t.Fatalf("empty value or type %+v in %q", tm, text)
			}
			if !strings.Contains(text, tm.Text) {
				t.Fatalf("text %q not in input", tm.Text)
			}
		}
	})
}

// benchText is a made-up wire story of typical length and density.
var benchText = strings.Repeat(`ANKARA, Sept. 3 (Reuters) - Turkey's foreign minister said on Monday that talks
with Russia would resume next week, two years after the seven-year war began. "We will meet again on
Friday," he told reporters, adding that exports fell 3 percent in the third quarter from a year earlier.
Officials met for three hours on Sunday and again at 10:30 a.m. today; the ceasefire has held since
early August. Aid flights arrive daily, and the U.N. said last month that it needed $2 billion.

`, 4)

func BenchmarkTag(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Tag(benchText, Options{Published: "2018-09-05"})
	}
}

func BenchmarkStage(b *testing.B) {
	s := NewStage()
	ctx := context.Background()
	b.ReportAllocs()
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		d := &document.Document{Text: benchText, Published: "2018-09-05"}
		if err := s.Process(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
}
