// Package conllu reads and writes CoNLL-U, the Universal Dependencies file
// format (https://universaldependencies.org/format.html).
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is one syntactic word line (integer ID). Multiword token ranges
// ("3-4") are kept in Sentence.Ranges; empty nodes ("3.1") are skipped.
type Word struct {
	ID     int
	Form   string
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int
	Deprel string
	Deps   string
	Misc   string
}

// SpaceAfter reports whether MISC lacks SpaceAfter=No.
func (w Word) SpaceAfter() bool { return !hasMisc(w.Misc, "SpaceAfter=No") }

// Range is a multiword token "First-Last FORM" covering several words.
type Range struct {
	First, Last int
	Form        string
	Misc        string
}

// Sentence is one sentence: its comment lines (without "# "), words and
// multiword token ranges.
type Sentence struct {
	Comments []string
	Words    []Word
	Ranges   []Range
}

// Comment returns the value of the comment "key = value", or "" and false.
func (s *Sentence) Comment(key string) (string, bool) {
	for _, c := range s.Comments {
		k, v, ok := strings.Cut(c, "=")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v), true
		}
		if !ok && strings.TrimSpace(c) == key {
			return "", true
		}
	}
	return "", false
}

// Text returns the "# text" comment.
func (s *Sentence) Text() string {
	t, _ := s.Comment("text")
	return t
}

// HasComment reports whether a comment starts with prefix, such as "newdoc"
// or "newpar" (which may carry an id: "newpar id = ...").
func (s *Sentence) HasComment(prefix string) bool {
	for _, c := range s.Comments {
		if c == prefix || strings.HasPrefix(c, prefix+" ") {
			return true
		}
	}
	return false
}

func hasMisc(misc, item string) bool {
	if misc == "" || misc == "_" {
		return false
	}
	for _, m := range strings.Split(misc, "|") {
		if m == item {
			return true
		}
	}
	return false
}

// Reader reads sentences one at a time.
type Reader struct {
	sc   *bufio.Scanner
	line int
	name string
}

// NewReader returns a Reader; name is used in error messages.
func NewReader(r io.Reader, name string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	return &Reader{sc: sc, name: name}
}

// Next returns the next sentence, or io.EOF after the last one.
func (r *Reader) Next() (*Sentence, error) {
	var s *Sentence
	for r.sc.Scan() {
		r.line++
		line := strings.TrimRight(r.sc.Text(), "\r")
		if line == "" {
			if s != nil {
				return s, nil
			}
			continue
		}
		if s == nil {
			s = &Sentence{}
		}
		if strings.HasPrefix(line, "#") {
			s.Comments = append(s.Comments, strings.TrimSpace(strings.TrimPrefix(line, "#")))
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("%s:%d: want 10 tab-separated fields, got %d", r.name, r.line, len(f))
		}
		if a, b, ok := strings.Cut(f[0], "-"); ok {
			first, err1 := strconv.Atoi(a)
			last, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil || last < first {
				return nil, fmt.Errorf("%s:%d: bad token range %q", r.name, r.line, f[0])
			}
			s.Ranges = append(s.Ranges, Range{First: first, Last: last, Form: f[1], Misc: f[9]})
			continue
		}
		if strings.Contains(f[0], ".") {
			continue // empty node of the enhanced graph
		}
		id, err := strconv.Atoi(f[0])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: bad word id %q", r.name, r.line, f[0])
		}
		head := 0
		if f[6] != "_" {
			if head, err = strconv.Atoi(f[6]); err != nil {
				return nil, fmt.Errorf("%s:%d: bad head %q", r.name, r.line, f[6])
			}
		}
		s.Words = append(s.Words, Word{ID: id, Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4],
			Feats: f[5], Head: head, Deprel: f[7], Deps: f[8], Misc: f[9]})
	}
	if err := r.sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", r.name, err)
	}
	if s != nil {
		return s, nil
	}
	return nil, io.EOF
}

// ReadAll reads every sentence of r.
func ReadAll(r io.Reader, name string) ([]*Sentence, error) {
	cr := NewReader(r, name)
	var out []*Sentence
	for {
		s, err := cr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
}

// Write writes s in CoNLL-U, followed by a blank line.
func Write(w io.Writer, s *Sentence) error {
	bw := bufio.NewWriter(w)
	for _, c := range s.Comments {
		bw.WriteString("# ")
		bw.WriteString(c)
		bw.WriteByte('\n')
	}
	ri := 0
	for _, wd := range s.Words {
		for ri < len(s.Ranges) && s.Ranges[ri].First == wd.ID {
			r := s.Ranges[ri]
			fmt.Fprintf(bw, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", r.First, r.Last, r.Form, dash(r.Misc))
			ri++
		}
		head := "_"
		if wd.Deprel != "" && wd.Deprel != "_" {
			head = strconv.Itoa(wd.Head)
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", wd.ID, wd.Form, dash(wd.Lemma),
			dash(wd.UPOS), dash(wd.XPOS), dash(wd.Feats), head, dash(wd.Deprel), dash(wd.Deps), dash(wd.Misc))
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
