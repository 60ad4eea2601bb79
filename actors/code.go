package actors

import (
	"strings"

	"github.com/sitrep/sitrep/document"
)

// boundaryWords end the head part of a noun phrase: the role word that
// names the actor comes before them ("President of Armenia", "Doctors from
// ... aid groups").
var boundaryWords = map[string]bool{
	"of": true, "from": true, "in": true, "for": true, "at": true, "with": true,
	"on": true, "against": true, "to": true, "who": true, "which": true, "that": true,
	"based": true, "fleeing": true, "living": true, "near": true, "around": true,
}

// Code codes a phrase (its tokens) as an actor. date (YYYY-MM-DD, may be
// empty) selects date-restricted dictionary codes. ok is false when nothing
// in the phrase names an actor.
func (l *Lexicon) Code(words []string, date string) (document.Actor, bool) {
	return l.CodeHits(words, l.Scan(words), date)
}

// CodeHits is Code with the lexicon hits of words already computed.
func (l *Lexicon) CodeHits(words []string, hits []Hit, date string) (document.Actor, bool) {
	if len(hits) == 0 {
		return document.Actor{}, false
	}
	boundary := len(words)
	for i, w := range words {
		if i > 0 && boundaryWords[strings.ToLower(w)] {
			boundary = i
			break
		}
	}
	var named *Hit
	var head *Hit
	for i := range hits {
		h := &hits[i]
		if h.Entry.Kind == KindAgent {
			if h.Start < boundary {
				head = h
			}
			continue
		}
		if named == nil || (named.Start >= boundary && h.Start < boundary) ||
			(named.Entry.Kind == KindDemonym && h.Entry.Kind == KindDict && h.Start < boundary) {
			named = h
		}
	}
	if head == nil {
		for i := range hits {
			if hits[i].Entry.Kind == KindAgent {
				head = &hits[i]
			}
		}
	}
	var a document.Actor
	var root string // org or dictionary code
	if named != nil {
		e := named.Entry
		switch e.Kind {
		case KindDict:
			code := resolveDated(e.Codes, date)
			if len(code) >= 3 {
				a.Country = code[:3]
				a.Sectors = splitSectors(code[3:])
				root = code
			}
			a.Source = "dictionary"
		case KindOrg:
			a.Country = e.Country
			root = e.Code
			a.Sectors = append(a.Sectors, e.Sectors...)
			a.Source = "name"
		case KindAgency:
			a.Country = e.Country
			a.Sectors = append(a.Sectors, e.Sectors...)
			a.Source = "agency"
		case KindCapital:
			a.Country = e.Country
			if head == nil && named.End-named.Start == len(words) {
				a.Sectors = append(a.Sectors, e.Sectors...)
			}
			a.Source = "capital"
		case KindCountry:
			a.Country = e.Country
			a.Source = "name"
			if named.End < len(words) && words[named.End] == "'s" {
				a.Source = "possessive"
			}
		case KindDemonym:
			a.Country = e.Country
			a.Source = "demonym"
		}
	}
	if head != nil {
		s := head.Entry.Sectors[0]
		if s == "NGO" {
			if a.Country == "" {
				a.Country = "NGO"
			}
		} else if !contains(a.Sectors, s) && !(root != "" && hasSectorSegment(root)) {
			// the head role word comes first: "Syrian regime forces" -> MIL;
			// an organization coded with its own sector keeps it (LBNREBHEZ)
			a.Sectors = append([]string{s}, a.Sectors...)
		}
		if a.Source == "" || a.Source == "name" || a.Source == "demonym" || a.Source == "capital" {
			if named != nil && named.Entry.Kind != KindOrg {
				a.Source = "title"
			} else if named == nil {
				a.Source = "role"
			}
		}
	}
	if a.Country == "" && len(a.Sectors) == 0 {
		return document.Actor{}, false
	}
	a.Code = buildCode(a.Country, root, a.Sectors)
	return a, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// buildCode concatenates the root (country, or an organization's full
// code) with the sectors it does not already carry.
func buildCode(country, root string, sectors []string) string {
	code := root
	if code == "" {
		code = country
	}
	for _, s := range sectors {
		if !hasSegment(code, s) {
			code += s
		}
	}
	return code
}

func hasSegment(code, seg string) bool {
	for i := 0; i+3 <= len(code); i += 3 {
		if code[i:i+3] == seg {
			return true
		}
	}
	return false
}

func splitSectors(s string) []string {
	var out []string
	for i := 0; i+3 <= len(s); i += 3 {
		out = append(out, s[i:i+3])
	}
	return out
}

// resolveDated picks the code valid on date: a dated code whose range holds
// date, else the undated code; with no date, the most recent dated role (a
// document with no date is most likely recent), else the undated code.
func resolveDated(codes []DatedCode, date string) string {
	undated, recent, recentFrom := "", "", ""
	for _, c := range codes {
		if c.From == "" && c.To == "" {
			if undated == "" {
				undated = c.Code
			}
			continue
		}
		if date != "" && (c.From == "" || c.From <= date) && (c.To == "" || date <= c.To) {
			return c.Code
		}
		if recent == "" || c.From > recentFrom {
			recent, recentFrom = c.Code, c.From
		}
	}
	if date == "" && recent != "" {
		return recent
	}
	return undated
}

var sectorSegments = map[string]bool{
	"GOV": true, "MIL": true, "REB": true, "OPP": true, "COP": true, "JUD": true, "LEG": true,
	"SPY": true, "MED": true, "REF": true, "CVL": true, "PTY": true,
}

func hasSectorSegment(code string) bool {
	for i := 3; i+3 <= len(code); i += 3 {
		if sectorSegments[code[i:i+3]] {
			return true
		}
	}
	return false
}
