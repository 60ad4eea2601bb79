package events

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
)

//go:embed lexicon.txt
var builtinLexicon string

// Pattern is one entry of the event pattern lexicon.
type Pattern struct {
	Noun     bool     // noun trigger (else verb)
	Lemma    string   // head lemma (last word of a multi-word pattern)
	Before   []string // words of a multi-word pattern before the head (air_strike)
	Particle string   // phrasal verb particle (call_off)
	Objects  []string // object nouns, any of
	Preps    []string // the target follows one of these prepositions
	Code     string
	Flags    Flags
	Line     int
}

// Flags modify how a pattern is coded.
type Flags uint16

// Pattern flags (see lexicon.txt).
const (
	FlagLight Flags = 1 << iota
	FlagIntent
	FlagReject
	FlagThreaten
	FlagAppeal
	FlagDemand
	FlagTry
	FlagReport
	FlagMove
	FlagPassive
)

var flagNames = map[string]Flags{
	"light": FlagLight, "intent": FlagIntent, "reject": FlagReject, "threaten": FlagThreaten,
	"appeal": FlagAppeal, "demand": FlagDemand, "try": FlagTry, "report": FlagReport,
	"move": FlagMove, "passive": FlagPassive,
}

// wrapper reports the wrapper flag of f (intent, reject, ...), or 0.
func (f Flags) wrapper() Flags {
	return f & (FlagIntent | FlagReject | FlagThreaten | FlagAppeal | FlagDemand | FlagTry)
}

// specificity ranks patterns: the most specific matching one wins.
func (p *Pattern) specificity() int {
	s := 0
	if len(p.Objects) > 0 {
		s += 4
		for _, o := range p.Objects {
			if strings.Contains(o, " ") {
				s++ // "military aid" is more specific than "aid"
				break
			}
		}
	}
	if len(p.Preps) > 0 {
		s += 2
	}
	if p.Particle != "" {
		s += 3
	}
	s += 3 * len(p.Before)
	return s
}

// Lexicon holds the event patterns by head lemma. It is read-only once
// built and safe for concurrent use.
type Lexicon struct {
	verbs map[string][]*Pattern
	nouns map[string][]*Pattern
	// lemmas of all patterns, for the fallback lemmatizer
	known map[string]bool
}

var defaultLexicon = sync.OnceValues(func() (*Lexicon, error) {
	l := newLexicon()
	if err := l.Load(strings.NewReader(builtinLexicon)); err != nil {
		return nil, fmt.Errorf("built-in event lexicon: %w", err)
	}
	return l, nil
})

// DefaultLexicon returns the built-in pattern lexicon.
func DefaultLexicon() (*Lexicon, error) { return defaultLexicon() }

func newLexicon() *Lexicon {
	return &Lexicon{verbs: map[string][]*Pattern{}, nouns: map[string][]*Pattern{}, known: map[string]bool{}}
}

// NewLexicon returns the built-in lexicon extended with the pattern files.
func NewLexicon(files ...string) (*Lexicon, error) {
	l := newLexicon()
	if err := l.Load(strings.NewReader(builtinLexicon)); err != nil {
		return nil, fmt.Errorf("built-in event lexicon: %w", err)
	}
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			return nil, fmt.Errorf("event lexicon: %w", err)
		}
		err = l.Load(r)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("event lexicon %s: %w", f, err)
		}
	}
	return l, nil
}

// Load adds the patterns read from r (the lexicon.txt format).
func (l *Lexicon) Load(r io.Reader) error {
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		p, err := parsePattern(f)
		if err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		p.Line = n
		l.add(p)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	for _, m := range []map[string][]*Pattern{l.verbs, l.nouns} {
		for _, ps := range m {
			sort.SliceStable(ps, func(i, j int) bool { return ps[i].specificity() > ps[j].specificity() })
		}
	}
	return nil
}

func parsePattern(f []string) (*Pattern, error) {
	if len(f) < 3 {
		return nil, fmt.Errorf("want KIND LEMMA ... CODE, got %q", strings.Join(f, " "))
	}
	p := &Pattern{}
	switch f[0] {
	case "v":
	case "n":
		p.Noun = true
	default:
		return nil, fmt.Errorf("kind %q is not v or n", f[0])
	}
	words := strings.Split(strings.ToLower(f[1]), "_")
	if p.Noun {
		p.Lemma = words[len(words)-1]
		p.Before = words[:len(words)-1]
	} else {
		p.Lemma = words[0]
		p.Particle = strings.Join(words[1:], " ")
	}
	for _, x := range f[2:] {
		switch {
		case strings.HasPrefix(x, "+"):
			for _, o := range strings.Split(x[1:], "|") {
				p.Objects = append(p.Objects, strings.ReplaceAll(strings.ToLower(o), "_", " "))
			}
		case strings.HasPrefix(x, "@"):
			p.Preps = append(p.Preps, strings.Split(strings.ToLower(x[1:]), "|")...)
		case strings.HasPrefix(x, "!"):
			fl, ok := flagNames[x[1:]]
			if !ok {
				return nil, fmt.Errorf("unknown flag %q", x)
			}
			p.Flags |= fl
		default:
			if p.Code != "" {
				return nil, fmt.Errorf("two codes %q and %q", p.Code, x)
			}
			if !validCode(x) {
				return nil, fmt.Errorf("bad CAMEO code %q", x)
			}
			p.Code = x
		}
	}
	if p.Code == "" {
		return nil, fmt.Errorf("no code")
	}
	return p, nil
}

func validCode(c string) bool {
	if len(c) < 2 || len(c) > 4 {
		return false
	}
	for _, r := range c {
		if r < '0' || r > '9' {
			return false
		}
	}
	return c[:2] >= "01" && c[:2] <= "20"
}

func (l *Lexicon) add(p *Pattern) {
	if p.Noun {
		l.nouns[p.Lemma] = append(l.nouns[p.Lemma], p)
	} else {
		l.verbs[p.Lemma] = append(l.verbs[p.Lemma], p)
	}
	l.known[p.Lemma] = true
	for _, o := range p.Objects {
		if i := strings.LastIndexByte(o, ' '); i >= 0 {
			o = o[i+1:]
		}
		l.known[o] = true
	}
}

// Verbs returns the verb patterns of lemma, most specific first.
func (l *Lexicon) Verbs(lemma string) []*Pattern { return l.verbs[lemma] }

// Nouns returns the noun patterns of lemma, most specific first.
func (l *Lexicon) Nouns(lemma string) []*Pattern { return l.nouns[lemma] }

// Size is the number of patterns.
func (l *Lexicon) Size() int {
	n := 0
	for _, ps := range l.verbs {
		n += len(ps)
	}
	for _, ps := range l.nouns {
		n += len(ps)
	}
	return n
}
