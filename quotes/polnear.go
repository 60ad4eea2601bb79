package quotes

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Frag is a half-open range [Start, End) of code points.
type Frag struct{ Start, End int }

// Attribution is one annotated (or predicted) attribution relation: the
// content, source and cue, each a list of fragments (empty when absent).
type Attribution struct {
	Content []Frag
	Source  []Frag
	Cue     []Frag
	// Direct reports a content with a double quotation mark in it (the
	// PolNeAR converter's definition of direct or mixed quotes).
	Direct bool
}

// GoldDoc is one annotated article.
type GoldDoc struct {
	ID        string
	Text      string
	Published string
	Attrs     []Attribution
}

// ReadData reads annotated attributions from path: a JSON Lines file in
// the converted PolNeAR form (*.jsonl), a brat .ann file (with its text in
// the sibling ../text/NAME.txt or NAME.txt), or a PolNeAR compartment
// directory with text/ and attributions/.
func ReadData(path string) ([]GoldDoc, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read quotes data: %w", err)
	}
	if fi.IsDir() {
		return ReadBratDir(path)
	}
	if strings.HasSuffix(path, ".ann") {
		d, err := readBratFile(path, "")
		if err != nil {
			return nil, err
		}
		return []GoldDoc{d}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read quotes data: %w", err)
	}
	defer f.Close()
	docs, err := ReadJSONL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}

type jsonQuote struct {
	ContentSpans [][2]int `json:"content_spans"`
	SourceSpans  [][2]int `json:"source_spans"`
	CueSpans     [][2]int `json:"cue_spans"`
	Direct       bool     `json:"direct"`
}

type jsonDoc struct {
	ID        string      `json:"id"`
	Text      string      `json:"text"`
	Published string      `json:"published"`
	Quotes    []jsonQuote `json:"quotes"`
}

// ReadJSONL reads the converted PolNeAR JSON Lines form, one document per line.
func ReadJSONL(r io.Reader) ([]GoldDoc, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var docs []GoldDoc
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		var jd jsonDoc
		if err := json.Unmarshal(b, &jd); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		n := utf8.RuneCountInString(jd.Text)
		d := GoldDoc{ID: jd.ID, Text: jd.Text, Published: jd.Published}
		for _, q := range jd.Quotes {
			a := Attribution{
				Content: toFrags(q.ContentSpans, n),
				Source:  toFrags(q.SourceSpans, n),
				Cue:     toFrags(q.CueSpans, n),
				Direct:  q.Direct,
			}
			if len(a.Content) == 0 {
				continue
			}
			d.Attrs = append(d.Attrs, a)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	return docs, nil
}

func toFrags(spans [][2]int, n int) []Frag {
	var out []Frag
	for _, s := range spans {
		if s[0] < 0 || s[1] > n || s[0] >= s[1] {
			continue
		}
		out = append(out, Frag{s[0], s[1]})
	}
	sortFrags(out)
	return out
}

func sortFrags(f []Frag) {
	sort.Slice(f, func(i, j int) bool { return f[i].Start < f[j].Start })
}

// ReadBratDir reads a PolNeAR compartment: DIR/text/*.txt and
// DIR/attributions/*.ann (NAME_ANNOTATOR.ann). Where several annotators
// annotated a text, the first annotator in sort order is kept.
func ReadBratDir(dir string) ([]GoldDoc, error) {
	groups, names, err := readBratGroups(dir)
	if err != nil {
		return nil, err
	}
	docs := make([]GoldDoc, len(groups))
	for i, g := range groups {
		docs[i] = g[0]
		docs[i].ID = names[i]
	}
	return docs, nil
}

// readBratGroups reads every annotator's file of a compartment, grouped by
// text: groups[i] are the annotations of the text names[i], texts and
// annotators in the sort order of the .ann file names. Files without a
// text are skipped.
func readBratGroups(dir string) (groups [][]GoldDoc, names []string, err error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, nil, fmt.Errorf("read brat dir %s: %w", dir, err)
	}
	sort.Strings(anns)
	index := map[string]int{}
	for _, a := range anns {
		base := strings.TrimSuffix(filepath.Base(a), ".ann")
		name := base
		if i := strings.LastIndexByte(base, '_'); i > 0 {
			name = base[:i]
		}
		txt := filepath.Join(dir, "text", name+".txt")
		if _, err := os.Stat(txt); err != nil {
			continue
		}
		d, err := readBratFile(a, txt)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", a, err)
		}
		k, ok := index[name]
		if !ok {
			k = len(groups)
			index[name] = k
			groups = append(groups, nil)
			names = append(names, name)
		}
		groups[k] = append(groups[k], d)
	}
	return groups, names, nil
}

func readBratFile(annPath, txtPath string) (GoldDoc, error) {
	if txtPath == "" {
		txtPath = strings.TrimSuffix(annPath, ".ann") + ".txt"
	}
	text, err := os.ReadFile(txtPath)
	if err != nil {
		return GoldDoc{}, fmt.Errorf("read brat text: %w", err)
	}
	ann, err := os.ReadFile(annPath)
	if err != nil {
		return GoldDoc{}, fmt.Errorf("read brat annotations: %w", err)
	}
	d := GoldDoc{ID: strings.TrimSuffix(filepath.Base(annPath), ".ann"), Text: string(text)}
	d.Attrs = ParseBrat(string(ann), d.Text)
	return d, nil
}

// ParseBrat parses brat standoff annotations in PolNeAR's scheme (text
// bound Source, Cue, Content and Attribution spans, and Attribution events
// tying them) against text. Malformed lines are skipped.
func ParseBrat(ann, text string) []Attribution {
	n := utf8.RuneCountInString(text)
	spans := map[string][]Frag{}
	kinds := map[string]string{}
	type event struct{ args map[string]string }
	var events []event
	for _, line := range strings.Split(ann, "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 || f[0] == "" {
			continue
		}
		switch f[0][0] {
		case 'T':
			sp := strings.SplitN(f[1], " ", 2)
			if len(sp) != 2 {
				continue
			}
			var frags []Frag
			for _, part := range strings.Split(sp[1], ";") {
				xy := strings.Fields(part)
				if len(xy) != 2 {
					continue
				}
				s, err1 := strconv.Atoi(xy[0])
				e, err2 := strconv.Atoi(xy[1])
				if err1 != nil || err2 != nil || s < 0 || e > n || s >= e {
					continue
				}
				frags = append(frags, Frag{s, e})
			}
			sortFrags(frags)
			spans[f[0]] = frags
			kinds[f[0]] = sp[0]
		case 'E':
			ev := event{args: map[string]string{}}
			for _, arg := range strings.Fields(f[1]) {
				if k, v, ok := strings.Cut(arg, ":"); ok {
					ev.args[k] = v
				}
			}
			events = append(events, ev)
		}
	}
	var out []Attribution
	for _, ev := range events {
		a := Attribution{
			Content: spans[ev.args["Content"]],
			Source:  spans[ev.args["Source"]],
			Cue:     spans[ev.args["Cue"]],
		}
		if len(a.Content) == 0 {
			continue
		}
		a.Direct = hasDoubleQuote(sliceFrags(text, a.Content))
		out = append(out, a)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Content[0].Start < out[j].Content[0].Start })
	return out
}

func hasDoubleQuote(s string) bool {
	return strings.ContainsAny(s, "\"“”„«»")
}

// sliceFrags returns the text of the fragments joined by spaces.
func sliceFrags(text string, fr []Frag) string {
	rs := []rune(text)
	var b strings.Builder
	for i, f := range fr {
		if i > 0 {
			b.WriteByte(' ')
		}
		if f.Start >= 0 && f.End <= len(rs) && f.Start < f.End {
			b.WriteString(string(rs[f.Start:f.End]))
		}
	}
	return b.String()
}
