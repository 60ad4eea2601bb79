package extract

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/pipeline"
)

func bytesInput(name string, data []byte) Input {
	return Input{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
}

// run extracts one input and returns its documents and errors in order.
func run(t *testing.T, x *Extractor, in Input) ([]*document.Document, []error) {
	t.Helper()
	var docs []*document.Document
	var errs []error
	err := x.Extract(context.Background(), in, func(j pipeline.Job) error {
		d, err := j.Load(context.Background())
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return docs, errs
}

const wireStory = `Rebels must leave the valley, Ruritanian minister says

A handout picture released by the official Ruritania News Agency shows the minister in Strelsau on May 2, 2019. (AFP Photo)

STRELSAU, Sept 3 (Reuters) - Ruritanian Foreign Minister Rudolf Rassendyll said on Monday that rebels must leave the Zenda valley.

"They have no place here," Rassendyll said, according to the state news agency.
`

func TestPlainTextLayout(t *testing.T) {
	x := New(Options{Published: "2018-09-03"})
	docs, errs := run(t, x, bytesInput("story.txt", []byte(wireStory)))
	if len(errs) > 0 || len(docs) != 1 {
		t.Fatalf("docs %d, errs %v", len(docs), errs)
	}
	d := docs[0]
	if d.Title != "Rebels must leave the valley, Ruritanian minister says" {
		t.Errorf("title = %q", d.Title)
	}
	if d.TitleSpan == nil || d.Slice(d.TitleSpan.Start, d.TitleSpan.End) != d.Title {
		t.Errorf("title span %+v does not point at the title", d.TitleSpan)
	}
	if len(d.Captions) != 1 || !strings.HasSuffix(d.Captions[0].Text, "(AFP Photo)") {
		t.Errorf("captions = %+v", d.Captions)
	}
	if d.Dateline == nil || d.Dateline.Place != "STRELSAU" || d.Dateline.Date != "Sept 3" || d.Dateline.Source != "Reuters" {
		t.Fatalf("dateline = %+v", d.Dateline)
	}
	if got := d.Slice(d.Dateline.Start, d.Dateline.End); got != "STRELSAU, Sept 3 (Reuters) -" {
		t.Errorf("dateline span text = %q", got)
	}
	if d.Published != "2018-09-03" || d.PublishedFrom != "flag" {
		t.Errorf("published = %q from %q", d.Published, d.PublishedFrom)
	}
	if len(d.Paragraphs) != 2 || d.Language != "en" || d.Source != "Reuters" || !strings.HasPrefix(d.ID, "t") {
		t.Errorf("paragraphs %d language %q source %q id %q", len(d.Paragraphs), d.Language, d.Source, d.ID)
	}
}

func TestDatelines(t *testing.T) {
	tests := []struct {
		in, place, date, source string
	}{
		{"BEIRUT (AP) — Syrian troops advanced.", "BEIRUT", "", "AP"},
		{"LONDON, March 5 - Shares fell.", "LONDON", "March 5", ""},
		{"WASHINGTON, D.C., Jan. 2, 2019 (Reuters) - The Senate voted.", "WASHINGTON, D.C.", "Jan. 2, 2019", "Reuters"},
		{"NEW YORK -- Stocks rose.", "NEW YORK", "", ""},
		{"SURABAYA, Indonesia/JAKARTA (Reuters) - Rescuers pulled bodies from the sea.", "SURABAYA, Indonesia/JAKARTA", "", "Reuters"},
		{"The minister said - nothing.", "", "", ""},
	}
	for _, tc := range tests {
		dl := parseDateline(tc.in)
		if tc.place == "" {
			if dl != nil {
				t.Errorf("parseDateline(%q) = %+v, want none", tc.in, dl)
			}
			continue
		}
		if dl == nil || dl.Place != tc.place || dl.Date != tc.date || dl.Source != tc.source {
			t.Errorf("parseDateline(%q) = %+v, want %s/%s/%s", tc.in, dl, tc.place, tc.date, tc.source)
		}
	}
}

func TestDropPageChrome(t *testing.T) {
	in := []string{"Storm hits coast", "BEIRUT", "Tweet", "Share this", "BEIRUT (Reuters) - The storm hit.", "Email", "It rained."}
	got := dropPageChrome(in, "Storm hits coast.")
	want := []string{"BEIRUT (Reuters) - The storm hit.", "It rained."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("dropPageChrome = %q, want %q", got, want)
	}
}

func TestJSONLines(t *testing.T) {
	data := strings.Join([]string{
		`{"id": "a1", "title": "First", "date": "1987-02-26T15:01:01", "text": "One paragraph.\n\nTwo paragraphs.", "topic": "earn"}`,
		`{"id": "a2", "text": `, // broken
		``,
		`{"url": "https://example.org/x", "html": "<html><head><title>T</title></head><body><article><p>` + strings.Repeat("Body text of the page goes on. ", 20) + `</p></article></body></html>"}`,
		`{"title": "no text"}`,
	}, "\n")
	docs, errs := run(t, New(Options{}), bytesInput("in.jsonl", []byte(data)))
	if len(docs) != 2 || len(errs) != 2 {
		t.Fatalf("docs %d errs %v", len(docs), errs)
	}
	if d := docs[0]; d.ID != "a1" || d.Input != "in.jsonl:1" || d.Published != "1987-02-26T15:01:01Z" || d.Meta["topic"] != "earn" || len(d.Paragraphs) != 2 {
		t.Errorf("doc 1 = %+v", d)
	}
	if !strings.Contains(errs[0].Error(), "in.jsonl:2: bad JSON") {
		t.Errorf("error 1 = %v", errs[0])
	}
	if !strings.Contains(errs[1].Error(), "in.jsonl:5: no text") {
		t.Errorf("error 2 = %v", errs[1])
	}
	if d := docs[1]; d.URL != "https://example.org/x" || !strings.HasPrefix(d.ID, "u") || !strings.Contains(d.Text, "Body text") {
		t.Errorf("doc 2 = %+v", d)
	}
}

func TestBadInputs(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty.txt", []byte(" \n\n "), ErrEmpty},
		{"binary.txt", []byte("abc\x00\x01\x02def"), ErrBinary},
		{"big.txt", bytes.Repeat([]byte("word "), 100), ErrTooLarge},
	}
	x := New(Options{MaxBytes: 200})
	for _, tc := range tests {
		docs, errs := run(t, x, bytesInput(tc.name, tc.data))
		if len(docs) != 0 || len(errs) != 1 || !errors.Is(errs[0], tc.want) || !strings.HasPrefix(errs[0].Error(), tc.name+": ") {
			t.Errorf("%s: docs %d errs %v, want %v", tc.name, len(docs), errs, tc.want)
		}
	}
}

func TestInvalidUTF8IsRepaired(t *testing.T) {
	docs, errs := run(t, New(Options{}), bytesInput("latin1.txt", []byte("Caf\xe9 owners in S\xe3o Paulo said they would reopen on Monday.")))
	if len(errs) != 0 || len(docs) != 1 {
		t.Fatalf("docs %d errs %v", len(docs), errs)
	}
	if !strings.Contains(docs[0].Text, "Café") || len(docs[0].Warnings) == 0 {
		t.Errorf("text %q warnings %v", docs[0].Text, docs[0].Warnings)
	}
}

const rssFeed = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel><title>Gazette</title>" +
	"<item><title>Caf\xe9 reopens</title><link>https://example.org/cafe</link><pubDate>Mon, 03 Sep 2018 10:00:00 GMT</pubDate>" +
	"<description>&lt;p&gt;The caf\xe9 reopened on Monday after the storm.&lt;/p&gt;</description></item>" +
	"<item><title>Empty</title></item></channel></rss>"

func TestFeed(t *testing.T) {
	docs, errs := run(t, New(Options{NoFetch: true}), bytesInput("feed.rss", []byte(rssFeed)))
	if len(docs) != 1 || len(errs) != 1 {
		t.Fatalf("docs %d errs %v", len(docs), errs)
	}
	d := docs[0]
	if d.Title != "Café reopens" || d.Source != "Gazette" || d.Published != "2018-09-03T10:00:00Z" || !strings.Contains(d.Text, "The café reopened") {
		t.Errorf("doc = title %q source %q published %q text %q", d.Title, d.Source, d.Published, d.Text)
	}
	if !strings.Contains(errs[0].Error(), "feed.rss#item2") {
		t.Errorf("error = %v", errs[0])
	}
}

// TestHTMLParagraphs: the body keeps the page's paragraphs and headings
// apart (go-trafilatura's ContentText runs them together).
func TestHTMLParagraphs(t *testing.T) {
	body := strings.Repeat("The storm hit the coast on Monday night and closed the roads. ", 6)
	page := "<html><head><title>Storm</title></head><body><article><p>" + body + "</p>" +
		"<h2>Will the winds ease?</h2><p>" + body + "</p><p>\"We are ready,\" the mayor said.</p></article></body></html>"
	docs, errs := run(t, New(Options{}), bytesInput("storm.html", []byte(page)))
	if len(docs) != 1 || len(errs) != 0 {
		t.Fatalf("docs %d errs %v", len(docs), errs)
	}
	d := docs[0]
	for _, want := range []string{"\n\nWill the winds ease?\n\n", "\n\n\"We are ready,\" the mayor said."} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, d.Text)
		}
	}
}

func warcRecord(typ, uri, block string) string {
	return fmt.Sprintf("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", typ, uri, len(block), block)
}

func TestWARC(t *testing.T) {
	page := "<html><head><title>Storm</title></head><body><article><p>" + strings.Repeat("The storm hit the coast on Monday night. ", 12) + "</p></article></body></html>"
	resp := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	io.WriteString(zw, warcRecord("warcinfo", "", "software: test\r\n"))
	io.WriteString(zw, warcRecord("response", "<https://example.org/storm>", resp))
	io.WriteString(zw, warcRecord("response", "https://example.org/bad", "not http"))
	zw.Close()
	docs, errs := run(t, New(Options{}), bytesInput("pages.warc.gz", buf.Bytes()))
	if len(docs) != 1 || len(errs) != 1 {
		t.Fatalf("docs %d errs %v", len(docs), errs)
	}
	if docs[0].URL != "https://example.org/storm" || !strings.Contains(docs[0].Text, "The storm hit") {
		t.Errorf("doc url %q text %q", docs[0].URL, docs[0].Text)
	}
	// A truncated file is an error for the input, after the good records.
	trunc := buf.Bytes()[:buf.Len()/2]
	_, errs = run(t, New(Options{}), bytesInput("t.warc.gz", trunc))
	if len(errs) == 0 {
		t.Errorf("truncated WARC: no error")
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, ct, head string
		want           Format
	}{
		{"a.jsonl", "", "", FormatJSONL},
		{"a.warc.gz", "", "", FormatWARC},
		{"page", "text/html", "", FormatHTML},
		{"x", "", "<!DOCTYPE html><html>", FormatHTML},
		{"x", "", "<?xml version='1.0'?><rss>", FormatFeed},
		{"x", "", `{"text": "a"}`, FormatJSONL},
		{"x.txt", "", "Plain words.", FormatText},
		{"https://example.org/feed.xml?x=1", "", "<?xml version='1.0'?><feed>", FormatFeed},
	}
	for _, tc := range tests {
		if got := Detect(tc.name, tc.ct, []byte(tc.head)); got != tc.want {
			t.Errorf("Detect(%q, %q, %q) = %q, want %q", tc.name, tc.ct, tc.head, got, tc.want)
		}
	}
}

// FuzzDocument feeds arbitrary bytes to every reader: no input may panic,
// and every document's spans must lie inside its text.
func FuzzDocument(f *testing.F) {
	f.Add([]byte(wireStory), "story.txt")
	f.Add([]byte(rssFeed), "feed.rss")
	f.Add([]byte(`{"id":"1","text":"a\n\nb"}`+"\n{bad"), "x.jsonl")
	f.Add([]byte(`{"schema":"sitrep/1","id":"d","text":"Storm hits.","paragraphs":[{"start":0,"end":11}],"quotes":[{"id":"q1","start":0,"end":5,"text":"Storm","kind":"term","speaker":null,"cue":{"start":9,"end":99,"text":"x"}}]}`), "docs.jsonl")
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999\r\n\r\nshort"), "x.warc")
	f.Add([]byte("<html><body><figure><figcaption>A photo of things here</figcaption></figure><p>Hi</p></body></html>"), "x.html")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		x := New(Options{MaxBytes: 1 << 16, NoFetch: true})
		err := x.Extract(context.Background(), bytesInput(name, data), func(j pipeline.Job) error {
			d, err := j.Load(context.Background())
			if err != nil {
				return nil
			}
			n := len([]rune(d.Text))
			check := func(what string, sp document.Span) {
				if sp.Start < 0 || sp.End > n || sp.Start > sp.End {
					t.Fatalf("%s span %+v outside text of %d code points", what, sp, n)
				}
			}
			for _, c := range d.Captions {
				check("caption", c)
			}
			for _, p := range d.Paragraphs {
				check("paragraph", p)
			}
			if d.Dateline != nil {
				check("dateline", d.Dateline.Span)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestProcessedDocumentsAreKept(t *testing.T) {
	good := `{"schema":"sitrep/1","id":"d1","text":"Storm hits.","captions":[],"sentences":[{"start":0,"end":11,"token_start":0,"token_end":0}],"entities":[],"places":[],"times":[],"quotes":[],"events":[{"id":"v1","code":"190","sentence":{"start":0,"end":11},"trigger":{"start":6,"end":10,"text":"hits"},"time":null,"confidence":0.5}]}`
	bad := `{"schema":"sitrep/1","id":"d2","text":"Short.","entities":[{"id":"e1","type":"PERSON","name":"X","mentions":[{"start":3,"end":99,"text":"X"}]}]}`
	docs, errs := run(t, New(Options{}), bytesInput("docs.jsonl", []byte(good+"\n"+bad+"\n")))
	if len(docs) != 1 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "docs.jsonl:2: bad sitrep/1 document: entity 0") {
		t.Fatalf("docs %d errs %v", len(docs), errs)
	}
	if d := docs[0]; !d.Processed() || len(d.Events) != 1 || d.Events[0].Code != "190" {
		t.Errorf("processed document = %+v", d)
	}
}
