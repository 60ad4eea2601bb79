// Package entities groups the entity mentions of one document into
// entities: every mention of one real-world entity ("Bashar al-Assad",
// "Assad", "the Assad regime") becomes one entity with a canonical name,
// its mentions, its title or role ("Foreign Minister") and its aliases,
// with acronyms ("SANA") linked to their expansions ("Syrian Arab News
// Agency").
package entities

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/document"
)

// Mention is one recognized name: code point span, text, fine type and
// token span (indexes into Document.Tokens, end exclusive).
type Mention struct {
	Start, End           int
	Text                 string
	Type                 string
	TokenStart, TokenEnd int
}

type entity struct {
	typ      string
	mentions []*mention
	roles    map[string]int
	roleSeq  []string
	first    int
}

type mention struct {
	Mention
	toks  []string // normalized tokens (lowercased, particles split off)
	key   string
	acro  bool
	alias *mention // expansion of an acronym
	ent   *entity
	role  string
}

var particles = map[string]bool{"al": true, "el": true, "ad": true, "as": true, "ash": true, "an": true,
	"bin": true, "ibn": true, "bint": true, "abu": false, "de": true, "da": true, "di": true, "van": true,
	"von": true, "der": true, "den": true, "la": true, "le": true, "du": true, "mc": false}

var titleWords = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "sir": true, "mr.": true,
	"mrs.": true, "ms.": true, "dr.": true, "prof": true, "prof.": true, "lord": true, "lady": true}

// roleHeads are nouns that head a title or role before or after a name.
var roleHeads = setOf("minister", "president", "spokesman", "spokeswoman", "spokesperson", "secretary",
	"general", "chairman", "chairwoman", "chair", "director", "governor", "ambassador", "envoy", "leader",
	"king", "queen", "prince", "princess", "sheikh", "emir", "ayatollah", "chancellor", "premier", "mayor",
	"senator", "sen.", "rep.", "representative", "congressman", "congresswoman", "commander", "chief",
	"officer", "official", "head", "judge", "justice", "attorney", "prosecutor", "lawyer", "colonel",
	"col.", "gen.", "lt.", "major", "maj.", "captain", "capt.", "admiral", "adm.", "sergeant", "sgt.",
	"lieutenant", "marshal", "deputy", "vice", "executive", "ceo", "founder", "coach", "manager", "analyst",
	"economist", "correspondent", "reporter", "editor", "mp", "cleric", "imam", "pope", "cardinal",
	"bishop", "archbishop", "rabbi", "patriarch", "dictator", "mullah", "negotiator", "adviser", "advisor",
	"aide", "member", "monarch", "sultan", "speaker", "treasurer", "president-elect", "candidate",
	"nominee", "rebel", "activist", "founder", "owner", "partner", "professor", "scientist", "researcher",
	"striker", "midfielder", "defender", "goalkeeper", "captain", "player", "champion", "actor", "actress",
	"singer", "star", "writer", "author", "director-general", "secretary-general", "governor-general",
	"commissioner", "inspector", "superintendent", "chief executive", "prime", "foreign", "defence",
	"defense", "interior", "finance", "trade", "state", "supreme", "top", "senior", "former")

// roleNouns are the heads that make a role (the others only modify).
var roleNouns = setOf("minister", "president", "spokesman", "spokeswoman", "spokesperson", "secretary",
	"general", "chairman", "chairwoman", "director", "governor", "ambassador", "envoy", "leader", "king",
	"queen", "prince", "princess", "sheikh", "emir", "ayatollah", "chancellor", "premier", "mayor",
	"senator", "representative", "congressman", "congresswoman", "commander", "chief", "officer",
	"official", "head", "judge", "justice", "attorney", "prosecutor", "colonel", "captain", "admiral",
	"lieutenant", "marshal", "ceo", "founder", "coach", "manager", "analyst", "economist", "correspondent",
	"editor", "mp", "cleric", "imam", "pope", "cardinal", "bishop", "archbishop", "rabbi", "patriarch",
	"dictator", "negotiator", "adviser", "advisor", "aide", "monarch", "sultan", "speaker", "treasurer",
	"president-elect", "candidate", "nominee", "professor", "director-general", "secretary-general",
	"governor-general", "commissioner", "inspector", "superintendent", "striker", "midfielder",
	"goalkeeper", "defender", "owner", "executive", "gen.", "col.", "sen.", "rep.", "lt.", "capt.",
	"sgt.", "maj.", "adm.", "sergeant", "major")

var regimeWords = setOf("regime", "government", "administration", "forces", "family", "camp", "loyalists", "clan")

var placeAliases = map[string]string{"u.s.": "united states", "us": "united states", "u.s.a.": "united states",
	"usa": "united states", "america": "united states", "uk": "united kingdom", "u.k.": "united kingdom",
	"britain": "united kingdom", "great britain": "united kingdom", "uae": "united arab emirates",
	"u.a.e.": "united arab emirates", "ussr": "soviet union", "u.s.s.r.": "soviet union",
	"drc": "democratic republic of congo", "prc": "china", "people's republic of china": "china"}

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func normTokens(text string) []string {
	var out []string
	for _, f := range strings.Fields(text) {
		f = strings.ToLower(f)
		f = strings.ReplaceAll(f, "’", "'")
		f = strings.TrimSuffix(f, "'s")
		f = strings.Trim(f, ",;:\"()[]")
		for _, p := range []string{"al-", "el-", "ad-", "as-", "ash-", "an-"} {
			if strings.HasPrefix(f, p) && len(f) > len(p)+1 {
				f = f[len(p):]
				break
			}
		}
		if f == "" || particles[f] || f == "the" {
			continue
		}
		out = append(out, f)
	}
	return out
}

func isAcronym(s string) bool {
	n := 0
	for _, r := range s {
		if r == '.' || r == '&' || r == '-' {
			continue
		}
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 8
}

// initials of the capitalized words of text ("Syrian Arab News Agency" ->
// "SANA"); the second result also counts lower-case content words.
func initials(text string) (caps, all string) {
	var a, b strings.Builder
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == '-' }) {
		r, _ := utf8.DecodeRuneInString(f)
		lf := strings.ToLower(f)
		if lf == "of" || lf == "the" || lf == "and" || lf == "for" || lf == "&" || lf == "de" || lf == "la" {
			continue
		}
		if unicode.IsUpper(r) {
			a.WriteRune(r)
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return a.String(), b.String()
}

// acronymMarks strips the punctuation of "U.S." and "AT&T" (read-only; a
// Replacer is safe for concurrent use).
var acronymMarks = strings.NewReplacer(".", "", "&", "", "-", "")

func acronymOf(acr, text string) bool {
	a := acronymMarks.Replace(acr)
	if len(a) < 2 {
		return false
	}
	c, all := initials(text)
	return a == c || a == all
}

// Cluster groups mentions into entities. Mentions may be in any order;
// entities come out in order of first mention, with ids e1, e2, ...
func Cluster(d *document.Document, in []Mention) (out []document.Entity) {
	if len(in) == 0 {
		return []document.Entity{}
	}
	defer func() {
		// entities must never take a document down; an invariant broken by
		// odd input yields no entities rather than a panic
		if r := recover(); r != nil {
			out = []document.Entity{}
		}
	}()
	ms := make([]*mention, 0, len(in)+4)
	covered := map[int]bool{}
	for _, m := range in {
		if m.TokenStart < 0 || m.TokenEnd > len(d.Tokens) || m.TokenStart >= m.TokenEnd || m.End <= m.Start {
			continue // not a span of this document
		}
		m = personByTitle(d, m)
		mm := &mention{Mention: m}
		ms = append(ms, mm)
		for t := m.TokenStart; t < m.TokenEnd; t++ {
			covered[t] = true
		}
	}
	// acronyms in parentheses after a name: "Syrian Arab News Agency (SANA)"
	for _, m := range ms[:len(ms):len(ms)] {
		e := m.TokenEnd
		if e+2 < len(d.Tokens) && d.Tokens[e].Text == "(" && d.Tokens[e+2].Text == ")" {
			a := d.Tokens[e+1]
			if isAcronym(a.Text) && acronymOf(a.Text, m.Text) {
				if covered[e+1] {
					for _, o := range ms {
						if o.TokenStart == e+1 {
							o.alias, o.Type = m, m.Type
						}
					}
				} else {
					ms = append(ms, &mention{Mention: Mention{Start: a.Start, End: a.End, Text: a.Text,
						Type: m.Type, TokenStart: e + 1, TokenEnd: e + 2}, alias: m})
					covered[e+1] = true
				}
			}
		}
	}
	for _, m := range ms {
		m.toks = normTokens(m.Text)
		m.key = strings.Join(m.toks, " ")
		if m.Type == "GPE" || m.Type == "LOC" {
			if a, ok := placeAliases[m.key]; ok {
				m.key = a
				m.toks = strings.Fields(a)
			}
		}
		m.acro = isAcronym(m.Text)
		if m.Type == "PERSON" {
			m.role = findRole(d, m)
		}
	}
	relayedMedia(d, ms)
	// longest first, then text order
	order := append([]*mention(nil), ms...)
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if a.alias != nil || b.alias != nil {
			return a.alias == nil && b.alias != nil
		}
		if len(a.toks) != len(b.toks) {
			return len(a.toks) > len(b.toks)
		}
		return a.Start < b.Start
	})
	var ents []*entity
	byKey := map[string]*entity{}
	for _, m := range order {
		var target *entity
		switch {
		case m.alias != nil && m.alias.ent != nil:
			target = m.alias.ent
		case byKey[typeClass(m.Type)+"|"+m.key] != nil && m.key != "":
			target = byKey[typeClass(m.Type)+"|"+m.key]
		default:
			target = bestMatch(ents, m)
		}
		if target == nil {
			target = &entity{typ: m.Type, roles: map[string]int{}, first: m.Start}
			ents = append(ents, target)
		}
		m.ent = target
		target.mentions = append(target.mentions, m)
		if m.Start < target.first {
			target.first = m.Start
		}
		if m.role != "" {
			if target.roles[m.role] == 0 {
				target.roleSeq = append(target.roleSeq, m.role)
			}
			target.roles[m.role]++
		}
		if m.key != "" {
			k := typeClass(m.Type) + "|" + m.key
			if byKey[k] == nil {
				byKey[k] = target
			}
		}
	}
	ents = mergeNamesakes(ents)
	// "the Assad regime": extend to a mention of the person
	for _, e := range ents {
		if e.typ != "PERSON" {
			continue
		}
		for _, m := range append([]*mention(nil), e.mentions...) {
			s, t := m.TokenStart, m.TokenEnd
			if s > 0 && t < len(d.Tokens) && strings.EqualFold(d.Tokens[s-1].Text, "the") &&
				regimeWords[strings.ToLower(d.Tokens[t].Text)] {
				st, en := d.Tokens[s-1].Start, d.Tokens[t].End
				e.mentions = append(e.mentions, &mention{Mention: Mention{Start: st, End: en,
					Text: d.Slice(st, en), Type: e.typ, TokenStart: s - 1, TokenEnd: t + 1}, ent: e})
			}
		}
	}
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].first < ents[j].first })
	out = make([]document.Entity, 0, len(ents))
	for i, e := range ents {
		sort.SliceStable(e.mentions, func(a, b int) bool { return e.mentions[a].Start < e.mentions[b].Start })
		de := document.Entity{ID: "e" + strconv.Itoa(i+1), Type: e.typ, Name: canonical(e)}
		seen := map[string]bool{de.Name: true}
		for _, m := range e.mentions {
			de.Mentions = append(de.Mentions, document.Mention{Start: m.Start, End: m.End, Text: m.Text})
			t := strings.TrimSuffix(strings.TrimSuffix(m.Text, "'s"), "’s")
			if !seen[t] {
				seen[t] = true
				de.Aliases = append(de.Aliases, t)
			}
		}
		best := 0
		for _, r := range e.roleSeq {
			if e.roles[r] > best {
				de.Role, best = r, e.roles[r]
			}
		}
		out = append(out, de)
	}
	return out
}

// relayedMedia retypes as an organization a place name that relays a
// statement and begins the name of a news organization in the document:
// after "according to Fars News", the "Fars" of "Zarif said, according to
// Fars" is the agency, not the province.
func relayedMedia(d *document.Document, ms []*mention) {
	for _, m := range ms {
		if typeClass(m.Type) != "PLACE" || len(m.toks) != 1 || !relayContext(d, m.TokenStart, m.TokenEnd) {
			continue
		}
		for _, o := range ms {
			if o.Type == "ORG" && len(o.toks) > 1 && o.toks[0] == m.toks[0] && allMediaWords(o.toks[1:]) {
				m.Type = "ORG"
				break
			}
		}
	}
}

// relayContext reports whether tokens [s, e) relay a statement: "according
// to X", "told X", "X reported".
func relayContext(d *document.Document, s, e int) bool {
	low := func(i int) string { return strings.ToLower(d.Tokens[i].Text) }
	if s >= 2 && low(s-2) == "according" && low(s-1) == "to" {
		return true
	}
	if s >= 1 && low(s-1) == "told" {
		return true
	}
	return e < len(d.Tokens) && relayVerbs[low(e)]
}

var (
	relayVerbs = setOf("reported", "reports", "quoted", "cited", "said", "says")
	mediaWords = setOf("news", "agency", "tv", "television", "radio", "press", "daily", "times", "post")
)

func allMediaWords(toks []string) bool {
	for _, t := range toks {
		if !mediaWords[t] {
			return false
		}
	}
	return true
}

// mergeNamesakes folds an entity into a person written with exactly the
// same name elsewhere in the document: NER types one mention of "Camilla
// Parker Bowles" as an organization and the others as a person.
func mergeNamesakes(ents []*entity) []*entity {
	persons := map[string]*entity{}
	for _, e := range ents {
		if e.typ != "PERSON" {
			continue
		}
		for _, m := range e.mentions {
			if len(m.toks) > 1 && persons[m.key] == nil {
				persons[m.key] = e
			}
		}
	}
	out := ents[:0]
	for _, e := range ents {
		var p *entity
		if e.typ == "ORG" || e.typ == "MISC" {
			for _, m := range e.mentions {
				if p = persons[m.key]; p != nil && len(m.toks) > 1 {
					break
				}
				p = nil
			}
		}
		if p == nil {
			out = append(out, e)
			continue
		}
		for _, m := range e.mentions {
			m.ent, m.Type = p, p.typ
			p.mentions = append(p.mentions, m)
		}
		p.first = min(p.first, e.first)
	}
	return out
}

// personByTitle types a name that begins with a courtesy title ("Mrs
// Parker Bowles", which NER may take for an organization) as a person and
// leaves the title out of the span, as person mentions are written.
func personByTitle(d *document.Document, m Mention) Mention {
	if m.TokenEnd-m.TokenStart < 2 || !titleWords[strings.ToLower(d.Tokens[m.TokenStart].Text)] {
		return m
	}
	next := d.Tokens[m.TokenStart+1]
	if next.Text == "." {
		if m.TokenEnd-m.TokenStart < 3 {
			return m
		}
		next = d.Tokens[m.TokenStart+2]
	}
	if !unicode.IsUpper(firstRune(next.Text)) {
		return m
	}
	m.Type = "PERSON"
	m.TokenStart = indexOfToken(d, next.Start, m.TokenStart)
	m.Start = next.Start
	m.Text = d.Slice(m.Start, m.End)
	return m
}

// indexOfToken returns the index of the token starting at start, searching
// from index from.
func indexOfToken(d *document.Document, start, from int) int {
	for i := from; i < len(d.Tokens); i++ {
		if d.Tokens[i].Start == start {
			return i
		}
	}
	return from
}

func typeClass(t string) string {
	if t == "GPE" || t == "LOC" {
		return "PLACE"
	}
	return t
}

// bestMatch finds the entity a shorter mention refers to.
func bestMatch(ents []*entity, m *mention) *entity {
	var best *entity
	bestN := 0
	for _, e := range ents {
		if !compatible(e, m) {
			continue
		}
		ok := false
		for _, o := range e.mentions {
			if matches(o, m) {
				ok = true
				break
			}
		}
		if ok && len(e.mentions) > bestN {
			best, bestN = e, len(e.mentions)
		}
	}
	return best
}

func compatible(e *entity, m *mention) bool {
	if typeClass(e.typ) == typeClass(m.Type) {
		return true
	}
	// a single name tagged otherwise that is a known person's name
	return e.typ == "PERSON" && len(m.toks) == 1 && m.Type != "GPE"
}

// matches reports whether the shorter mention m can refer to o.
func matches(o, m *mention) bool {
	if len(m.toks) == 0 || len(o.toks) == 0 || len(m.toks) > len(o.toks) {
		return false
	}
	switch typeClass(o.Type) {
	case "PERSON":
		// every token of m appears in o, and m ends with o's last name or
		// is a single token of o
		j := 0
		for _, t := range o.toks {
			if j < len(m.toks) && m.toks[j] == t {
				j++
			}
		}
		if j < len(m.toks) {
			return false
		}
		if m.toks[len(m.toks)-1] == o.toks[len(o.toks)-1] {
			return true // "Zarif", "Javad Zarif", also in a headline before the full name
		}
		// a first name alone ("Charles") refers back to a full name already
		// written, not ahead to a namesake introduced later
		return len(m.toks) == 1 && o.Start < m.Start
	case "ORG", "MISC", "NORP", "EVENT", "LAW":
		if m.acro && acronymOf(m.Text, o.Text) {
			return true
		}
		if typeClass(o.Type) == "ORG" && len(m.toks) == 1 && len(o.toks) == 2 && o.toks[1] == m.toks[0] {
			return true // "United" for "Manchester United"
		}
		for i, t := range m.toks {
			if o.toks[i] != t {
				return false
			}
		}
		return typeClass(o.Type) == "ORG"
	}
	return false
}

func canonical(e *entity) string {
	var best *mention
	for _, m := range e.mentions {
		if m.alias != nil {
			continue
		}
		if best == nil || (best.acro && !m.acro) || (best.acro == m.acro && len(m.toks) > len(best.toks)) {
			best = m
		}
	}
	if best == nil {
		best = e.mentions[0]
	}
	name := strings.TrimSuffix(strings.TrimSuffix(best.Text, "'s"), "’s")
	return strings.TrimSpace(name)
}

// findRole reads a title before a person's name ("Foreign Minister
// Mohammad Javad Zarif", "spokesman Ali Rabiei") or an appositive after
// it ("Zarif, the foreign minister,").
func findRole(d *document.Document, m *mention) string {
	toks := d.Tokens
	// before
	s := m.TokenStart
	start, hasNoun := s, false
	for k := s - 1; k >= 0 && s-k <= 5; k-- {
		lw := strings.ToLower(toks[k].Text)
		if titleWords[lw] {
			break
		}
		if roleHeads[lw] {
			start = k
			if roleNouns[lw] {
				hasNoun = true
			}
			continue
		}
		break
	}
	if hasNoun && start < s {
		// drop leading modifiers that are not part of a title
		for start < s && !roleNouns[strings.ToLower(toks[start].Text)] &&
			!unicode.IsUpper(firstRune(toks[start].Text)) {
			start++
		}
		if start < s {
			return d.Slice(toks[start].Start, toks[s-1].End)
		}
	}
	// after: ", the/a foreign minister ,"
	e := m.TokenEnd
	if e+2 < len(toks) && toks[e].Text == "," {
		k := e + 1
		lw := strings.ToLower(toks[k].Text)
		if lw == "the" || lw == "a" || lw == "an" {
			k++
		}
		first, last := k, -1
		for ; k < len(toks) && k-first < 6; k++ {
			lw := strings.ToLower(toks[k].Text)
			if lw == "," || lw == "." || lw == "said" || lw == "who" || lw == "of" || lw == "for" {
				break
			}
			if roleNouns[lw] {
				last = k
			}
		}
		if last >= first {
			return d.Slice(toks[first].Start, toks[last].End)
		}
	}
	return ""
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
