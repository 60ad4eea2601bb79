// Command prose-ner tags CoNLL-2003 input with github.com/jdkato/prose/v2
// and writes conlleval lines (token gold predicted), mapping prose's
// OntoNotes labels to CoNLL types. It prints tokens per second on stderr.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/jdkato/prose/v2"
)

func conllType(l string) string {
	switch l {
	case "PERSON":
		return "PER"
	case "ORG":
		return "ORG"
	case "GPE", "LOC", "FAC":
		return "LOC"
	case "NORP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE":
		return "MISC"
	}
	return ""
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: prose-ner CONLL > out.txt")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	var sents [][][2]string
	var cur [][2]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fl := strings.Fields(sc.Text())
		if len(fl) == 0 || fl[0] == "-DOCSTART-" {
			if len(cur) > 0 {
				sents = append(sents, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, [2]string{fl[0], fl[len(fl)-1]})
	}
	if len(cur) > 0 {
		sents = append(sents, cur)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	// load prose's default model once (NewDocument would load it per call)
	first, err := prose.NewDocument("Init.", prose.WithSegmentation(false))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	model := first.Model
	t0 := time.Now()
	ntok := 0
	preds := make([][]string, len(sents))
	for k, s := range sents {
		words := make([]string, len(s))
		starts := make([]int, len(s))
		pos := 0
		for i, t := range s {
			words[i] = t[0]
			starts[i] = pos
			pos += len(t[0]) + 1
		}
		text := strings.Join(words, " ")
		pred := make([]string, len(s))
		for i := range pred {
			pred[i] = "O"
		}
		doc, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.UsingModel(model))
		if err == nil {
			cursor := 0
			prevType := ""
			for _, tok := range doc.Tokens() {
				j := strings.Index(text[cursor:], tok.Text)
				if j < 0 {
					continue
				}
				at := cursor + j
				cursor = at + len(tok.Text)
				// the CoNLL token containing this prose token's start
				ti := 0
				for ti+1 < len(starts) && starts[ti+1] <= at {
					ti++
				}
				typ := ""
				if len(tok.Label) > 2 {
					typ = conllType(tok.Label[2:])
				}
				if typ == "" {
					prevType = ""
					continue
				}
				if pred[ti] == "O" {
					if strings.HasPrefix(tok.Label, "B-") || prevType != typ {
						pred[ti] = "B-" + typ
					} else {
						pred[ti] = "I-" + typ
					}
				}
				prevType = typ
			}
		}
		preds[k] = pred
		ntok += len(s)
	}
	el := time.Since(t0)
	for k, s := range sents {
		for i, t := range s {
			fmt.Fprintf(w, "%s %s %s\n", t[0], t[1], preds[k][i])
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(os.Stderr, "prose: %d tokens in %v: %.0f tokens/s\n", ntok, el.Round(time.Millisecond), float64(ntok)/el.Seconds())
}
