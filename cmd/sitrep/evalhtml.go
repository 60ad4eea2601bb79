package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/extract"
	"github.com/sitrep/sitrep/pipeline"
)

// runEvalHTML implements "sitrep eval html --data DIR": article bodies
// extracted from real pages, scored by word-level F1 against reference
// texts, for sitrep and for go-trafilatura alone.
func runEvalHTML(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval html", "--data DIR (with index.jsonl, pages/, expected_text/)")
	dir := fs.String("data", "", "data directory (required)")
	verbose := fs.Bool("v", false, "print one line per page")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		fs.Usage()
		return errUsage
	}
	f, err := os.Open(filepath.Join(*dir, "index.jsonl"))
	if err != nil {
		return err
	}
	defer f.Close()
	x := extract.New(extract.Options{})
	var sitrepF1, baseF1 []float64
	captions := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var rec struct {
			File, Charset, URL string
			ExpectedText       string `json:"expected_text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return fmt.Errorf("index.jsonl: %w", err)
		}
		page, err1 := os.ReadFile(filepath.Join(*dir, "pages", rec.File))
		want, err2 := os.ReadFile(filepath.Join(*dir, "expected_text", rec.ExpectedText))
		if err1 != nil || err2 != nil || rec.ExpectedText == "" {
			continue
		}
		ct := "text/html"
		if rec.Charset != "" {
			ct += "; charset=" + rec.Charset
		}
		var body string
		in := extract.Input{Name: rec.File, URL: rec.URL, ContentType: ct, Open: openBytes(page)}
		x.Extract(ctx, in, func(j pipeline.Job) error {
			if d, err := j.Load(ctx); err == nil {
				body = bodyText(d)
				captions += len(d.Captions)
			}
			return nil
		})
		base, _ := extract.TrafilaturaText(page, ct)
		s, b := wordF1(body, string(want)), wordF1(base, string(want))
		sitrepF1 = append(sitrepF1, s)
		baseF1 = append(baseF1, b)
		if *verbose {
			fmt.Fprintf(e.stdout, "%-40s sitrep %.3f trafilatura %.3f\n", rec.File, s, b)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "pages %d, captions kept apart %d\n", len(sitrepF1), captions)
	fmt.Fprintf(e.stdout, "%-18s mean F1 %.3f  median F1 %.3f\n", "sitrep", mean(sitrepF1), median(sitrepF1))
	fmt.Fprintf(e.stdout, "%-18s mean F1 %.3f  median F1 %.3f\n", "go-trafilatura", mean(baseF1), median(baseF1))
	return nil
}

// bodyText joins the body paragraphs of d (title and captions left out).
func bodyText(d *document.Document) string {
	var parts []string
	for _, p := range d.Paragraphs {
		parts = append(parts, d.Slice(p.Start, p.End))
	}
	return strings.Join(parts, "\n")
}

// wordF1 is the F1 of the bags of lower-cased words of got and want.
func wordF1(got, want string) float64 {
	split := func(s string) map[string]int {
		m := map[string]int{}
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			m[w]++
		}
		return m
	}
	g, w := split(got), split(want)
	ng, nw, common := 0, 0, 0
	for k, c := range g {
		ng += c
		common += min(c, w[k])
	}
	for _, c := range w {
		nw += c
	}
	if ng+nw == 0 {
		return 1
	}
	return 2 * float64(common) / float64(ng+nw)
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}
