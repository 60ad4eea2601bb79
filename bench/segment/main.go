// Command segment compares sitrep's tokenizer and sentence splitter with
// peers a user might pick instead, on the same UD treebank, in one run:
// CoNLL 2018 token and sentence F1 and speed, side by side.
//
// Go peers run in-process: github.com/jdkato/prose/v2 and
// github.com/neurosnap/sentences (Punkt). JavaScript peers (npm compromise,
// wink-nlp) run under node when bench/segment/node has been installed
// (run.sh does it).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
	"github.com/neurosnap/sentences/english"

	"github.com/sitrep/sitrep/conllu"
	"github.com/sitrep/sitrep/segment"
	"github.com/sitrep/sitrep/udeval"
)

// result is one peer's segmentation as byte spans over the raw text.
type result struct {
	tokens, sentences [][2]int
	elapsed           time.Duration
	err               error
}

func main() {
	gold := flag.String("gold", "../shared/data/ud-ewt/en_ewt-ud-test.conllu", "gold CoNLL-U")
	nodeDir := flag.String("node", "", "directory with node_modules for the JavaScript peers (empty: skip them)")
	flag.Parse()
	f, err := os.Open(*gold)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sents, err := conllu.ReadAll(bufio.NewReader(f), *gold)
	f.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	text := udeval.RawText(sents)
	goldSeg := udeval.FromCoNLLU(sents)

	peers := []struct {
		name string
		run  func(string) result
	}{
		{"sitrep", runSitrep},
		{"prose/v2 (Go)", runProse},
		{"neurosnap/sentences (Go, Punkt)", runPunkt},
	}
	if *nodeDir != "" {
		peers = append(peers,
			struct {
				name string
				run  func(string) result
			}{"compromise (npm)", func(s string) result { return runNode(*nodeDir, "compromise", s) }},
			struct {
				name string
				run  func(string) result
			}{"wink-nlp (npm)", func(s string) result { return runNode(*nodeDir, "wink", s) }},
		)
	}
	fmt.Printf("UD treebank %s: %d bytes of raw text, %d sentences\n\n", filepath.Base(*gold), len(text), len(sents))
	fmt.Printf("%-34s %10s %12s %12s\n", "segmenter", "tokens F1", "sentences F1", "MB/s")
	for _, p := range peers {
		r := p.run(text)
		if r.err != nil {
			fmt.Printf("%-34s error: %v\n", p.name, r.err)
			continue
		}
		sys := udeval.FromSpans(text, r.tokens, r.sentences)
		res, err := udeval.Compare(goldSeg, sys)
		if err != nil {
			fmt.Printf("%-34s error: %v\n", p.name, err)
			continue
		}
		tokF1 := fmt.Sprintf("%.2f", 100*res.Tokens.F1())
		if r.tokens == nil {
			tokF1 = "-"
		}
		fmt.Printf("%-34s %10s %12.2f %12.2f\n", p.name, tokF1, 100*res.Sentences.F1(), float64(len(text))/1e6/r.elapsed.Seconds())
	}
}

func runSitrep(text string) result {
	start := time.Now()
	var sg segment.Segmenter
	toks, sents := sg.Segment(text)
	el := time.Since(start)
	var r result
	// Surface tokens: words joined by a clitic split form one token.
	for _, t := range toks {
		if t.Joined && len(r.tokens) > 0 {
			r.tokens[len(r.tokens)-1][1] = t.End
			continue
		}
		r.tokens = append(r.tokens, [2]int{t.Start, t.End})
	}
	for _, s := range sents {
		r.sentences = append(r.sentences, [2]int{s.Start, s.End})
	}
	r.elapsed = el
	return r
}

func runProse(text string) result {
	start := time.Now()
	doc, err := prose.NewDocument(text, prose.WithTagging(false), prose.WithExtraction(false))
	if err != nil {
		return result{err: err}
	}
	var toks, sents []string
	for _, t := range doc.Tokens() {
		toks = append(toks, t.Text)
	}
	for _, s := range doc.Sentences() {
		sents = append(sents, s.Text)
	}
	el := time.Since(start)
	return result{tokens: align(text, toks), sentences: align(text, sents), elapsed: el}
}

func runPunkt(text string) result {
	start := time.Now()
	tok, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		return result{err: err}
	}
	var sents []string
	for _, s := range tok.Tokenize(text) {
		sents = append(sents, s.Text)
	}
	el := time.Since(start)
	return result{sentences: align(text, sents), elapsed: el}
}

// runNode runs bench/segment/peers.js with one peer on the text.
func runNode(nodeDir, peer, text string) result {
	cmd := exec.Command("node", "peers.js", peer)
	cmd.Dir = nodeDir
	cmd.Stdin = strings.NewReader(text)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return result{err: fmt.Errorf("%v: %s", err, errOut.String())}
	}
	var res struct {
		Tokens, Sentences []string
		Millis            float64
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		return result{err: err}
	}
	return result{tokens: align(text, res.Tokens), sentences: align(text, res.Sentences), elapsed: time.Duration(res.Millis * float64(time.Millisecond))}
}

// align finds each piece in text in order and returns its byte span; pieces
// that a peer normalized beyond recognition are skipped. Whitespace inside a
// piece may differ from the text.
func align(text string, pieces []string) [][2]int {
	var spans [][2]int
	pos := 0
	for _, p := range pieces {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		start, end, ok := find(text, pos, p)
		if !ok {
			continue
		}
		spans = append(spans, [2]int{start, end})
		pos = end
	}
	return spans
}

// find matches p at or after pos, ignoring whitespace differences, within
// a short window.
func find(text string, pos int, p string) (int, int, bool) {
	limit := min(len(text), pos+200+len(p))
	for s := pos; s < limit; {
		r, n := utf8.DecodeRuneInString(text[s:])
		if unicode.IsSpace(r) {
			s += n
			continue
		}
		if e, ok := matchAt(text, s, p); ok {
			return s, e, true
		}
		s += n
	}
	return 0, 0, false
}

func matchAt(text string, s int, p string) (int, bool) {
	i, j := s, 0
	for j < len(p) {
		pr, pn := utf8.DecodeRuneInString(p[j:])
		if unicode.IsSpace(pr) {
			j += pn
			continue
		}
		for i < len(text) {
			tr, tn := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(tr) {
				break
			}
			i += tn
		}
		if i >= len(text) {
			return 0, false
		}
		tr, tn := utf8.DecodeRuneInString(text[i:])
		if tr != pr {
			return 0, false
		}
		i += tn
		j += pn
	}
	return i, true
}
