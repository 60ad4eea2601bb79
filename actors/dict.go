package actors

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// LoadDictionaryFile adds the entries of a CAMEO/PETRARCH actor dictionary
// file to l (see [Lexicon.LoadDictionary]).
func (l *Lexicon) LoadDictionaryFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("actors dictionary: %w", err)
	}
	defer f.Close()
	if err := l.LoadDictionary(f); err != nil {
		return fmt.Errorf("actors dictionary %s: %w", path, err)
	}
	return nil
}

// LoadDictionary adds the entries of a CAMEO/PETRARCH (TABARI-style) actor
// dictionary read from r. The format: one phrase a line with words joined by
// "_" ("MOHAMMAD_JAVAD_ZARIF"), synonyms on following lines starting with
// "+", and codes in brackets either on the phrase line or on indented lines
// below, optionally date-restricted: "[IRNGOV >20130815]",
// "[EGYMIL 770101-120812]", "[IGOUNO <070101]" (dates YYMMDD or YYYYMMDD).
// Agent entries ("SOLDIER [~MIL]") add role words. "#" starts a comment.
// Lines that cannot be parsed are skipped; the first few problems are
// reported in the error only when nothing at all could be read.
func (l *Lexicon) LoadDictionary(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var phrases []string
	var codes []DatedCode
	added := 0
	var bad []string
	flush := func() {
		if len(phrases) > 0 && len(codes) > 0 {
			for _, p := range phrases {
				if l.addDictPhrase(p, codes) {
					added++
				}
			}
		}
		phrases, codes = nil, nil
	}
	lineNo := 0
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		line = strings.TrimSpace(line)
		// split off bracketed codes
		phrase := line
		var lineCodes []DatedCode
		if i := strings.IndexByte(line, '['); i >= 0 {
			phrase = strings.TrimSpace(line[:i])
			for _, c := range bracketed(line[i:]) {
				dc, err := parseDatedCode(c)
				if err != nil {
					if len(bad) < 3 {
						bad = append(bad, fmt.Sprintf("line %d: %v", lineNo, err))
					}
					continue
				}
				lineCodes = append(lineCodes, dc)
			}
		}
		switch {
		case strings.HasPrefix(phrase, "+"):
			phrases = append(phrases, phrase[1:])
		case phrase != "":
			flush()
			phrases = append(phrases, phrase)
		}
		codes = append(codes, lineCodes...)
	}
	flush()
	if err := sc.Err(); err != nil {
		return err
	}
	if added == 0 && len(bad) > 0 {
		return fmt.Errorf("no entries read: %s", strings.Join(bad, "; "))
	}
	return nil
}

func bracketed(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			return out
		}
		out = append(out, strings.TrimSpace(s[i+1:i+j]))
		s = s[i+j+1:]
	}
}

// addDictPhrase adds one dictionary phrase; it reports whether it was added.
func (l *Lexicon) addDictPhrase(p string, codes []DatedCode) bool {
	p = strings.TrimSpace(p)
	if b := strings.IndexByte(p, '{'); b >= 0 {
		p = strings.TrimSpace(p[:b])
	}
	noPlural := strings.HasSuffix(p, "_")
	p = strings.Trim(strings.ReplaceAll(p, "_", " "), " ")
	p = strings.Join(strings.Fields(p), " ")
	if p == "" || strings.ContainsAny(p, "!") {
		return false
	}
	if strings.HasPrefix(codes[0].Code, "~") {
		sector := strings.TrimPrefix(codes[0].Code, "~")
		if len(sector) < 3 {
			return false
		}
		e := &Entry{Kind: KindAgent, Sectors: []string{sector[:3]}}
		w := strings.ToLower(p)
		l.add(w, e)
		if !noPlural {
			l.add(plural(w), e)
		}
		return true
	}
	cs := append([]DatedCode(nil), codes...)
	e := &Entry{Kind: KindDict, Codes: cs, named: true}
	if len(cs[0].Code) >= 3 {
		e.Country = cs[0].Code[:3]
	}
	l.add(p, e)
	return true
}

// parseDatedCode parses "IRNGOV", "IRNGOV >20130815", "EGYMIL 770101-120812",
// "IGOUNO <070101".
func parseDatedCode(s string) (DatedCode, error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return DatedCode{}, fmt.Errorf("empty code")
	}
	dc := DatedCode{Code: strings.ToUpper(f[0])}
	rest := strings.Join(f[1:], "")
	if rest == "" {
		return dc, nil
	}
	var err error
	switch {
	case strings.HasPrefix(rest, ">"):
		dc.From, err = parseDictDate(rest[1:])
	case strings.HasPrefix(rest, "<"):
		dc.To, err = parseDictDate(rest[1:])
	case strings.Contains(rest, "-"):
		i := strings.IndexByte(rest, '-')
		if dc.From, err = parseDictDate(rest[:i]); err == nil && rest[i+1:] != "" {
			// "D1-" is open-ended, as sitrep's own files write it
			dc.To, err = parseDictDate(rest[i+1:])
		}
	default:
		// a single date: valid on that date onward
		dc.From, err = parseDictDate(rest)
	}
	if err != nil {
		return DatedCode{}, fmt.Errorf("code %q: %w", s, err)
	}
	return dc, nil
}

// parseDictDate converts YYMMDD or YYYYMMDD to YYYY-MM-DD. Two-digit years
// up to 30 are 20YY, the others 19YY.
func parseDictDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", fmt.Errorf("bad date %q", s)
		}
	}
	switch len(s) {
	case 6:
		yy := s[:2]
		century := "19"
		if yy <= "30" {
			century = "20"
		}
		return century + yy + "-" + s[2:4] + "-" + s[4:6], nil
	case 8:
		return s[:4] + "-" + s[4:6] + "-" + s[6:8], nil
	case 7, 9, 10:
		// malformed dates occur in the real files (2004017): keep the year
		return s[:4] + "-01-01", nil
	}
	return "", fmt.Errorf("bad date %q", s)
}
