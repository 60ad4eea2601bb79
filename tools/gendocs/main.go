// Command gendocs writes synthetic sitrep/1 Documents (JSON Lines) for load
// tests: each mixes paragraphs of real articles from a corpus (so that
// full-text search sees real vocabulary) and carries made-up entities,
// places, quotes and CAMEO events spread over two years.
//
//	go run ./tools/gendocs -n 100000 -corpus ../shared/data/news/bbc.jsonl > docs.jsonl
//
// With -queries DIR it writes instead, for the load test, lists of API
// request paths (one per line) of each query shape, drawn from the actors,
// codes and dates of the synthetic documents and from the corpus's
// vocabulary: events.txt (filtered event queries), text.txt (full-text
// search by relevance), newest.txt (the same, newest first), phrase.txt
// (two-word phrases).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/sitrep/sitrep/document"
)

var actors = []struct{ code, name string }{
	{"USAGOV", "United States"}, {"RUSGOV", "Russia"}, {"CHNGOV", "China"}, {"IRNGOV", "Iran"}, {"ISRMIL", "Israel"},
	{"SYRGOV", "Syria"}, {"TURGOV", "Turkey"}, {"UKRMIL", "Ukraine"}, {"GBRGOV", "Britain"}, {"FRAGOV", "France"},
	{"DEUGOV", "Germany"}, {"INDGOV", "India"}, {"PAKMIL", "Pakistan"}, {"EGYGOV", "Egypt"}, {"SAUGOV", "Saudi Arabia"},
	{"IRQGOV", "Iraq"}, {"AFGREB", "Taliban"}, {"NGAGOV", "Nigeria"}, {"BRAGOV", "Brazil"}, {"JPNGOV", "Japan"},
}

var places = []document.Place{
	{Name: "Damascus", Lat: 33.51, Lon: 36.29, Country: "SY", FeatureCode: "PPLC", GeonameID: 170654},
	{Name: "Kyiv", Lat: 50.45, Lon: 30.52, Country: "UA", FeatureCode: "PPLC", GeonameID: 703448},
	{Name: "Tehran", Lat: 35.69, Lon: 51.42, Country: "IR", FeatureCode: "PPLC", GeonameID: 112931},
	{Name: "Beijing", Lat: 39.91, Lon: 116.40, Country: "CN", FeatureCode: "PPLC", GeonameID: 1816670},
	{Name: "Geneva", Lat: 46.20, Lon: 6.15, Country: "CH", FeatureCode: "PPLA", GeonameID: 2660646},
	{Name: "Cairo", Lat: 30.04, Lon: 31.24, Country: "EG", FeatureCode: "PPLC", GeonameID: 360630},
	{Name: "Kabul", Lat: 34.53, Lon: 69.17, Country: "AF", FeatureCode: "PPLC", GeonameID: 1138958},
	{Name: "Lagos", Lat: 6.45, Lon: 3.39, Country: "NG", FeatureCode: "PPLA", GeonameID: 2332459},
}

var codes = []struct{ code, plover string }{
	{"010", ""}, {"036", "CONSULT"}, {"042", "CONSULT"}, {"057", "AGREE"}, {"061", "COOPERATE"}, {"071", "AID"},
	{"112", "ACCUSE"}, {"130", "THREATEN"}, {"141", "PROTEST"}, {"163", "SANCTION"}, {"173", "COERCE"},
	{"190", "ASSAULT"}, {"193", "ASSAULT"}, {"195", "ASSAULT"}, {"0311", "COOPERATE"}, {"051", "SUPPORT"},
}

func main() {
	n := flag.Int("n", 100000, "documents to write")
	corpus := flag.String("corpus", "", "JSON Lines corpus with a text field")
	seed := flag.Uint64("seed", 1, "random seed")
	unique := flag.Int("unique", 0, "append a paragraph of this many made-up words, so that documents are not near duplicates")
	queries := flag.String("queries", "", "write request path lists of each query shape into this directory instead")
	nq := flag.Int("nq", 300, "with -queries: paths per shape")
	flag.Parse()
	if *queries != "" {
		if err := writeQueries(*queries, *corpus, *nq, *seed); err != nil {
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*n, *corpus, *seed, *unique); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

func run(n int, corpus string, seed uint64, unique int) error {
	f, err := os.Open(corpus)
	if err != nil {
		return err
	}
	defer f.Close()
	var paras []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var r struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return err
		}
		for _, p := range strings.Split(r.Text, "\n\n") {
			if len(p) > 80 {
				paras = append(paras, p)
			}
		}
	}
	if len(paras) == 0 {
		return fmt.Errorf("no paragraphs in %s", corpus)
	}
	rng := rand.New(rand.NewPCG(seed, 99))
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()
	enc := json.NewEncoder(w)
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		d := document.New()
		d.ID = fmt.Sprintf("syn-%07d", i)
		d.Source = "Synthetic Wire"
		day := start.AddDate(0, 0, rng.IntN(730)).Format("2006-01-02")
		d.Published = day
		a, b := actors[rng.IntN(len(actors))], actors[rng.IntN(len(actors))]
		pl := places[rng.IntN(len(places))]
		d.Title = fmt.Sprintf("%s and %s: report %d", a.name, b.name, i)
		var sb strings.Builder
		sb.WriteString(d.Title)
		lead := fmt.Sprintf("%s said %s was responsible for events near %s.", a.name, b.name, pl.Name)
		sb.WriteString("\n\n" + lead)
		for range 3 + rng.IntN(5) {
			sb.WriteString("\n\n" + paras[rng.IntN(len(paras))])
		}
		if unique > 0 {
			sb.WriteString("\n\n")
			for k := range unique {
				if k > 0 {
					sb.WriteByte(' ')
				}
				fmt.Fprintf(&sb, "zq%x", rng.IntN(100000))
			}
			sb.WriteByte('.')
		}
		d.Text = sb.String()
		off := len([]rune(d.Title)) + 2
		said := off + len([]rune(a.name)) + 1
		d.Entities = []document.Entity{
			{ID: "e1", Type: "GPE", Name: a.name, Actor: &document.Actor{Code: a.code, Country: a.code[:3]},
				Mentions: []document.Mention{{Start: off, End: off + len([]rune(a.name)), Text: a.name}}},
			{ID: "e2", Type: "GPE", Name: b.name, Actor: &document.Actor{Code: b.code, Country: b.code[:3]}},
		}
		p := pl
		p.ID, p.Kind = "p1", "literal"
		d.Places = []document.Place{p}
		speaker := "e1"
		d.Quotes = []document.Quote{{ID: "q1", Start: off, End: off + len([]rune(lead)), Text: lead, Kind: "indirect", Speaker: &speaker}}
		for k := range 1 + rng.IntN(5) {
			c := codes[rng.IntN(len(codes))]
			ev := document.Event{ID: fmt.Sprintf("v%d", k+1), Code: c.code, Source: "e1", Target: "e2",
				SourceActor: a.code, TargetActor: b.code, Place: "p1", Time: &day, Confidence: 0.8,
				Sentence: document.Span{Start: off, End: off + len([]rune(lead))}, Trigger: document.Mention{Start: said, End: said + 4, Text: "said"}}
			if c.plover != "" {
				ev.Plover = &document.Plover{Type: c.plover}
			}
			d.Events = append(d.Events, ev)
		}
		if err := enc.Encode(d); err != nil {
			return err
		}
	}
	return nil
}

// writeQueries writes n distinct request paths of each query shape into dir.
func writeQueries(dir, corpus string, n int, seed uint64) error {
	f, err := os.Open(corpus)
	if err != nil {
		return err
	}
	defer f.Close()
	// Words of 4+ letters, with the number of corpus documents holding
	// them, and the word pairs (bigrams) seen.
	docFreq := map[string]int{}
	pairs := map[[2]string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	docs := 0
	for sc.Scan() {
		var r struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return err
		}
		docs++
		seen := map[string]bool{}
		words := strings.FieldsFunc(strings.ToLower(r.Text), func(c rune) bool { return c < 'a' || c > 'z' })
		for i, w := range words {
			if len(w) < 4 {
				continue
			}
			if !seen[w] {
				seen[w] = true
				docFreq[w]++
			}
			if i+1 < len(words) && len(words[i+1]) >= 4 {
				pairs[[2]string{w, words[i+1]}]++
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	// Search terms: words in 0.5% to 15% of the corpus's documents (not
	// stop words, not hapaxes), in a fixed order for a given seed.
	var vocab []string
	for w, c := range docFreq {
		if c*200 >= docs && c*100 <= docs*15 {
			vocab = append(vocab, w)
		}
	}
	var bigrams []string
	for p, c := range pairs {
		if c >= 5 && docFreq[p[0]]*100 <= docs*15 && docFreq[p[1]]*100 <= docs*15 {
			bigrams = append(bigrams, p[0]+" "+p[1])
		}
	}
	slices.Sort(vocab)
	slices.Sort(bigrams)
	if len(vocab) < 10 || len(bigrams) < 10 {
		return fmt.Errorf("%s: too small a vocabulary", corpus)
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	distinct := func(gen func() string) []string {
		seen := map[string]bool{}
		var out []string
		for tries := 0; len(out) < n && tries < 100*n; tries++ {
			if p := gen(); !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
		return out
	}
	day := func() time.Time { return time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(700)) }
	actor := func() string {
		a := actors[rng.IntN(len(actors))].code
		if rng.IntN(3) == 0 {
			return a // a full code
		}
		return a[:3] // a country prefix
	}
	root := func() string { return codes[rng.IntN(len(codes))].code[:2] }
	plover := func() string {
		for {
			if p := codes[rng.IntN(len(codes))].plover; p != "" {
				return p
			}
		}
	}
	events := distinct(func() string {
		q := url.Values{}
		switch rng.IntN(5) {
		case 0: // source, root, since a day
			q.Set("source", actor())
			q.Set("code", root())
			q.Set("from", day().Format("2006-01-02"))
		case 1: // target and PLOVER types
			q.Set("target", actor())
			q.Set("plover", plover()+","+plover())
		case 2: // an actor pair
			q.Set("source", actor())
			q.Set("target", actor())
		case 3: // a root in a date range
			d := day()
			q.Set("code", root())
			q.Set("from", d.Format("2006-01-02"))
			q.Set("to", d.AddDate(0, 0, 7+rng.IntN(60)).Format("2006-01-02"))
		case 4: // a PLOVER type and a source
			q.Set("plover", plover())
			q.Set("source", actor())
		}
		q.Set("limit", "50")
		return "/api/events?" + q.Encode()
	})
	term := func() string {
		if rng.IntN(2) == 0 {
			return vocab[rng.IntN(len(vocab))]
		}
		return vocab[rng.IntN(len(vocab))] + " " + vocab[rng.IntN(len(vocab))]
	}
	text := distinct(func() string {
		t := term()
		return "/api/documents?" + url.Values{"text": {t}, "limit": {"20"}}.Encode()
	})
	newest := distinct(func() string {
		return "/api/documents?" + url.Values{"text": {term()}, "sort": {"newest"}, "limit": {"20"}}.Encode()
	})
	phrase := distinct(func() string {
		return "/api/documents?" + url.Values{"text": {`"` + bigrams[rng.IntN(len(bigrams))] + `"`}, "limit": {"20"}}.Encode()
	})
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, paths := range map[string][]string{"events.txt": events, "text.txt": text, "newest.txt": newest, "phrase.txt": phrase} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(paths, "\n")+"\n"), 0o644); err != nil {
			return err
		}
	}
	return nil
}
