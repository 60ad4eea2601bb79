// Package actors codes the entities of a document as CAMEO-style actors:
// a country or international root code (IRN, SYR, IGOUNO, NGO, ...) followed
// by sector codes (GOV, MIL, REB, OPP, MED, ...).
//
// Codes are inferred in the document, not only looked up: titles and
// appositions ("Iranian Foreign Minister Mohammad Javad Zarif" -> IRNGOV),
// demonyms and possessives ("Turkey's army" -> TURMIL), capitals used as
// metonymy ("Moscow said" -> RUSGOV), news agencies with their country and
// status, and the entity's other mentions. The built-in lexicon (countries,
// organizations, news agencies, role words) is written by the project; users
// may add CAMEO/PETRARCH actor dictionaries with date-restricted codes
// (see [Lexicon.LoadDictionary]).
package actors

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/segment"
)

// Kind says what a lexicon entry is.
type Kind uint8

// Entry kinds.
const (
	KindCountry Kind = iota + 1 // a country name: "Iran"
	KindDemonym                 // an adjective or people noun: "Iranian", "Iranians"
	KindCapital                 // a capital or seat of government: "Tehran", "White House"
	KindOrg                     // an organization: "United Nations", "Hezbollah"
	KindAgency                  // a news agency: "ISNA"
	KindAgent                   // a role word: "minister", "troops"
	KindDict                    // an entry of a user dictionary
)

// DatedCode is one code of a dictionary entry, valid from From to To
// (YYYY-MM-DD, inclusive; empty = open).
type DatedCode struct {
	Code     string
	From, To string
}

// Entry is one phrase of the lexicon.
type Entry struct {
	Kind    Kind
	Country string // ISO 3166-1 alpha-3, or IGO, NGO, IMG, MNC
	Code    string // full code (organizations, dictionaries)
	Sectors []string
	Status  string // news agencies: state, semi-official, independent
	Codes   []DatedCode
	// exact requires the text to match case exactly (acronyms such as US, IS).
	exact bool
	// named requires a capitalized first word.
	named    bool
	spelling string
	// lowerAt marks the words a named entry spells in lower case ("UN
	// refugee agency"): the text may have them in lower case too.
	lowerAt []bool
}

type node struct {
	next  map[string]*node
	entry *Entry
}

// Lexicon is a phrase dictionary over tokens. It is read-only once built
// and safe for concurrent use.
type Lexicon struct {
	root   node
	iso2   map[string]string // ISO2 -> ISO3
	names  map[string]string // ISO3 -> English name
	phrase int
}

//go:embed leaders.txt
var leadersDictionary string

var defaultLexicon = sync.OnceValue(func() *Lexicon {
	l := &Lexicon{iso2: map[string]string{}, names: map[string]string{}}
	l.addBuiltins()
	return l
})

// Default returns the built-in lexicon, built once and shared.
func Default() *Lexicon { return defaultLexicon() }

// New returns a fresh lexicon holding the built-in entries, to which
// dictionaries can be added.
func New() *Lexicon {
	l := &Lexicon{iso2: map[string]string{}, names: map[string]string{}}
	l.addBuiltins()
	return l
}

// Len is the number of phrases in the lexicon.
func (l *Lexicon) Len() int { return l.phrase }

func (l *Lexicon) addBuiltins() {
	defer func() {
		// the built-in leaders file is the project's own and always parses
		_ = l.LoadDictionary(strings.NewReader(leadersDictionary))
	}()
	for _, line := range lines(countryTable) {
		f := strings.Split(line, "|")
		if len(f) < 4 {
			continue
		}
		iso3 := f[0]
		for i, n := range split(f[1]) {
			if i == 0 {
				l.names[iso3] = n
			}
			l.addNamed(n, &Entry{Kind: KindCountry, Country: iso3})
		}
		for _, n := range split(f[2]) {
			l.addNamed(n, &Entry{Kind: KindDemonym, Country: iso3})
		}
		for _, n := range split(f[3]) {
			l.addNamed(n, &Entry{Kind: KindCapital, Country: iso3, Sectors: []string{"GOV"}})
		}
	}
	for iso2, iso3 := range iso2Table() {
		l.iso2[iso2] = iso3
	}
	for _, line := range lines(orgTable) {
		f := strings.Split(line, "|")
		if len(f) < 2 {
			continue
		}
		code := f[0]
		var sectors []string
		if len(f) > 2 {
			sectors = split(f[2])
		}
		for _, n := range split(f[1]) {
			l.addNamed(n, &Entry{Kind: KindOrg, Country: code[:3], Code: code, Sectors: sectors})
		}
	}
	for _, line := range lines(agencyTable) {
		f := strings.Split(line, "|")
		if len(f) < 3 {
			continue
		}
		for _, n := range split(f[2]) {
			l.addNamed(n, &Entry{Kind: KindAgency, Country: f[0], Sectors: []string{"MED"}, Status: f[1]})
		}
	}
	for _, line := range lines(agentTable) {
		f := strings.Split(line, "|")
		if len(f) < 2 {
			continue
		}
		for _, w := range split(f[1]) {
			e := &Entry{Kind: KindAgent, Sectors: []string{f[0]}}
			l.add(w, e)
			if p := plural(w); p != w {
				l.add(p, e)
			}
		}
	}
}

func lines(table string) []string {
	var out []string
	for _, s := range strings.Split(table, "\n") {
		if s = strings.TrimSpace(s); s != "" && !strings.HasPrefix(s, "#") {
			out = append(out, s)
		}
	}
	return out
}

func split(field string) []string {
	var out []string
	for _, s := range strings.Split(field, ";") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// plural forms the regular plural of the last word of a role phrase.
func plural(w string) string {
	i := strings.LastIndexByte(w, ' ')
	head, last := w[:i+1], w[i+1:]
	switch {
	case last == "" || strings.HasSuffix(last, "s") || last == "police" || last == "people" ||
		last == "media" || last == "press" || last == "military" || last == "intelligence" || last == "public":
		return w
	case strings.HasSuffix(last, "man"):
		return head + last[:len(last)-3] + "men"
	case strings.HasSuffix(last, "y") && len(last) > 2 && !strings.ContainsAny(last[len(last)-2:len(last)-1], "aeiou"):
		return head + last[:len(last)-1] + "ies"
	case strings.HasSuffix(last, "ch") || strings.HasSuffix(last, "sh") || strings.HasSuffix(last, "x"):
		return head + last + "es"
	}
	return head + last + "s"
}

// Words splits a phrase into lexicon keys with the project's tokenizer.
func Words(phrase string) []string {
	toks := segment.Tokenize(phrase, nil)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, t.Text(phrase))
	}
	return out
}

func (l *Lexicon) addNamed(name string, e *Entry) {
	c := *e
	c.named = true
	c.exact = isAcronym(name)
	for k, w := range Words(name) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && !connectors[w] {
			if c.lowerAt == nil {
				c.lowerAt = make([]bool, len(Words(name)))
			}
			c.lowerAt[k] = true
		}
	}
	l.add(name, &c)
}

// isAcronym reports names of all capital letters (and dots), which must match
// case exactly: "US", "IS", "WHO".
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '.' || r == '-' || r == '/' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	return letters > 0 && letters <= 5
}

func (l *Lexicon) add(phrase string, e *Entry) {
	words := Words(phrase)
	if len(words) == 0 {
		return
	}
	n := &l.root
	for _, w := range words {
		k := strings.ToLower(w)
		if n.next == nil {
			n.next = map[string]*node{}
		}
		c := n.next[k]
		if c == nil {
			c = &node{}
			n.next[k] = c
		}
		n = c
	}
	if e.exact {
		c := *e
		c.spelling = strings.Join(words, " ")
		e = &c
	}
	if n.entry == nil {
		l.phrase++
		n.entry = e
		return
	}
	// a later dictionary entry overrides a built-in one; built-ins keep the first
	if e.Kind == KindDict || (n.entry.Kind == KindAgent && e.named) {
		n.entry = e
	}
}

// Hit is one lexicon match over tokens [Start, End).
type Hit struct {
	Start, End int
	Entry      *Entry
}

// Match returns the longest entry that starts at token i of words.
func (l *Lexicon) Match(words []string, i int) (Hit, bool) {
	return l.match(words, nil, i)
}

// match is Match with the lower-cased words precomputed (lower may be nil).
func (l *Lexicon) match(words, lower []string, i int) (Hit, bool) {
	n := &l.root
	best := Hit{}
	found := false
	for j := i; j < len(words); j++ {
		if n.next == nil {
			break
		}
		var key string
		if lower != nil {
			key = lower[j]
		} else {
			key = strings.ToLower(words[j])
		}
		c := n.next[key]
		if c == nil {
			break
		}
		n = c
		if n.entry != nil && l.accepts(n.entry, words[i:j+1]) {
			best = Hit{Start: i, End: j + 1, Entry: n.entry}
			found = true
		}
	}
	return best, found
}

func (l *Lexicon) accepts(e *Entry, words []string) bool {
	if e.exact {
		return strings.Join(words, " ") == e.spelling
	}
	if e.named {
		// "Iran", "al-Qaeda", "Russia Today" (not "Russia today"): every
		// word capitalized but connectors, and at least one
		caps := false
		for k, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			switch {
			case unicode.IsUpper(r) || unicode.IsDigit(r):
				caps = true
			case connectors[strings.ToLower(w)] || !unicode.IsLetter(r) || k < len(e.lowerAt) && e.lowerAt[k]:
			default:
				return false
			}
		}
		return caps
	}
	return true
}

// connectors may be lower case inside a name: "Organization of American
// States", "al-Qaeda", "Bosnia and Herzegovina".
var connectors = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "de": true, "al": true, "el": true, "bin": true,
	"'s": true, "on": true, "in": true, "du": true, "des": true, "la": true, "le": true, "d'ivoire": true,
	"fateh": false, "e": true,
}

// Scan returns the non-overlapping longest matches in words, left to right.
func (l *Lexicon) Scan(words []string) []Hit {
	var hits []Hit
	lower := make([]string, len(words))
	for i, w := range words {
		lower[i] = strings.ToLower(w)
	}
	for i := 0; i < len(words); {
		if l.root.next[lower[i]] == nil {
			i++
			continue
		}
		if h, ok := l.match(words, lower, i); ok {
			hits = append(hits, h)
			i = h.End
			continue
		}
		i++
	}
	return hits
}

// CountryName returns the English name of an ISO3 country code.
func (l *Lexicon) CountryName(iso3 string) string { return l.names[iso3] }

// ISO3 converts an ISO 3166-1 alpha-2 code (as places carry) to alpha-3.
func (l *Lexicon) ISO3(iso2 string) string { return l.iso2[strings.ToUpper(iso2)] }
