package quotes

import (
	"sort"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/document"
)

// entityIndex maps tokens to the entity layer, when there is one.
type entityIndex struct {
	d     *document.Document
	tok   []int // entity index + 1 covering each token, 0 for none
	ents  []document.Entity
	byTok []int // tokens covered by some mention, in text order
}

func newEntityIndex(d *document.Document) *entityIndex {
	x := &entityIndex{d: d, ents: d.Entities}
	if len(d.Entities) == 0 {
		return x
	}
	x.tok = make([]int, len(d.Tokens))
	for ei, e := range d.Entities {
		for _, m := range e.Mentions {
			lo := sort.Search(len(d.Tokens), func(i int) bool { return d.Tokens[i].End > m.Start })
			for i := lo; i < len(d.Tokens) && d.Tokens[i].Start < m.End; i++ {
				if x.tok[i] == 0 {
					x.tok[i] = ei + 1
				}
			}
		}
	}
	for i, e := range x.tok {
		if e != 0 {
			x.byTok = append(x.byTok, i)
		}
	}
	return x
}

func (x *entityIndex) id(ei int) *string {
	s := x.ents[ei].ID
	return &s
}

func (x *entityIndex) typeOf(id *string) string {
	if id == nil {
		return ""
	}
	for _, e := range x.ents {
		if e.ID == *id {
			return e.Type
		}
	}
	return ""
}

// entityAt returns the entity most covering tokens [lo, hi), preferring
// the one at the last (head) token.
func (x *entityIndex) entityAt(lo, hi int) (int, bool) {
	if x.tok == nil {
		return 0, false
	}
	for i := hi - 1; i >= lo; i-- {
		if x.tok[i] != 0 {
			return x.tok[i] - 1, true
		}
	}
	return 0, false
}

// recent returns the last entity of one of types mentioned before token i.
func (x *entityIndex) recent(i int, types ...string) (int, bool) {
	k := sort.SearchInts(x.byTok, i)
	for k--; k >= 0; k-- {
		ei := x.tok[x.byTok[k]] - 1
		for _, t := range types {
			if x.ents[ei].Type == t {
				return ei, true
			}
		}
	}
	return 0, false
}

var personNouns = map[string]bool{
	"minister": true, "president": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"official": true, "senator": true, "governor": true, "candidate": true, "nominee": true,
	"chairman": true, "secretary": true, "ambassador": true, "leader": true, "mayor": true,
	"general": true, "commander": true, "prime": true, "chief": true, "director": true, "diplomat": true,
	"man": true, "woman": true, "businessman": true, "congressman": true, "congresswoman": true,
}

var orgNouns = map[string]bool{
	"ministry": true, "government": true, "office": true, "department": true, "agency": true,
	"campaign": true, "committee": true, "company": true, "party": true, "administration": true,
	"army": true, "military": true, "embassy": true, "council": true, "commission": true, "group": true,
}

// resolve returns the entity id of a source mention [lo, hi): an entity
// mention it overlaps, or for pronouns and descriptions ("he", "the
// minister", "his ministry") the last compatible speaker or entity.
func (x *entityIndex) resolve(v *view, lo, hi int, lastSpeaker *string) *string {
	if len(x.ents) == 0 {
		return nil
	}
	if cut := x.headEnd(v, lo, hi); cut < hi {
		if ei, ok := x.apposed(v, lo, cut, hi); ok {
			return x.id(ei)
		}
		hi = cut
	}
	head := v.lower[hi-1]
	switch head {
	case "he", "she", "him", "her", "i":
		if x.typeOf(lastSpeaker) == "PERSON" {
			return lastSpeaker
		}
		if ei, ok := x.recent(lo, "PERSON"); ok {
			return x.id(ei)
		}
		return nil
	case "who", "which":
		// "Latasha Abney, who joined ...": the name the clause follows
		if hi-lo == 1 && lo >= 2 && v.lower[lo-1] == "," && x.tok != nil && x.tok[lo-2] != 0 {
			return x.id(x.tok[lo-2] - 1)
		}
		return nil
	case "they", "it", "we":
		if t := x.typeOf(lastSpeaker); t == "ORG" || t == "GPE" || t == "NORP" || (head != "it" && t != "") {
			return lastSpeaker
		}
		if ei, ok := x.recent(lo, "ORG", "GPE", "NORP"); ok {
			return x.id(ei)
		}
		return nil
	}
	if ei, ok := x.entityAt(lo, hi); ok {
		return x.id(ei)
	}
	// Descriptions: the head noun names a role or an organization.
	if orgNouns[head] && hi-lo >= 2 && (v.lower[hi-2] == "his" || v.lower[hi-2] == "her") {
		// "his ministry said": the body of the person last spoken of,
		// whose actor code it shares, not the last organization or
		// country named.
		if x.typeOf(lastSpeaker) == "PERSON" {
			return lastSpeaker
		}
		if ei, ok := x.recent(lo, "PERSON"); ok {
			return x.id(ei)
		}
		return nil
	}
	if orgNouns[head] {
		if ei, ok := x.byRole(lo, head, "ORG", "GPE"); ok {
			return x.id(ei)
		}
		if ei, ok := x.recent(lo, "ORG", "GPE"); ok {
			return x.id(ei)
		}
		return nil
	}
	if personNouns[head] || personNouns[strings.TrimSuffix(head, "s")] {
		if ei, ok := x.byRole(lo, head, "PERSON"); ok {
			return x.id(ei)
		}
		if !personNouns[head] {
			return nil // "officials": several people, not the last one named
		}
		if x.typeOf(lastSpeaker) == "PERSON" {
			return lastSpeaker
		}
		if ei, ok := x.recent(lo, "PERSON"); ok {
			return x.id(ei)
		}
		return nil
	}
	// A surname or short name not linked by the entity stage.
	name := x.d.Tokens[hi-1].Text
	if r := []rune(name); len(r) > 1 && unicode.IsUpper(r[0]) {
		for k := len(x.byTok) - 1; k >= 0; k-- {
			ei := x.tok[x.byTok[k]] - 1
			for _, w := range strings.Fields(x.ents[ei].Name) {
				if w == name {
					return x.id(ei)
				}
			}
		}
	}
	return nil
}

// headEnd returns where the head phrase of source span [lo, hi) ends:
// before an apposition, a relative clause or a modifying phrase that is
// not part of a name ("Jose Ramirez, who was in New York", "Seqret Watson,
// among the drivers in Arkansas", "a resident of Aleppo"), whose places
// do not speak.
func (x *entityIndex) headEnd(v *view, lo, hi int) int {
	for i := lo + 1; i < hi; i++ {
		if x.tok != nil && x.tok[i] != 0 {
			continue // inside a name: "Bank of England"
		}
		switch v.lower[i] {
		case ",", "(", "who", "which", "whose", "that", "of", "among", "in", "at", "with", "for", "on":
			return i
		case "-", "--", "—":
			if spacedDash(v, i) {
				return i
			}
		}
	}
	return hi
}

// apposed returns the entity that speaks for a source phrase whose head
// [lo, cut) names no person: a person named in apposition ("The BBC's
// correspondent in Jakarta, Rachel Harvey", "One member of the committee -
// Paul Tucker -"); and, when the head names no entity at all, an
// organization in apposition ("The statistics agency, INSEE", "One of the
// bidders, Dutch group LNM") or the one the head belongs to ("senior
// officials at the European Central Bank", "the board of Lufthansa").
// Places do not speak for a description: "officials in Cojedes state".
func (x *entityIndex) apposed(v *view, lo, cut, hi int) (int, bool) {
	if x.tok == nil {
		return 0, false
	}
	named := false
	for i := lo; i < cut; i++ {
		if x.tok[i] != 0 {
			if x.ents[x.tok[i]-1].Type == "PERSON" {
				return 0, false
			}
			named = true
		}
	}
	sep := func(i int) bool {
		w := v.lower[i]
		return w == "," || (w == "-" || w == "--" || w == "—") && spacedDash(v, i)
	}
	comma := cut
	for comma < hi && !sep(comma) {
		comma++
	}
	org := -1
	for i := comma + 1; i < hi && !sep(i); i++ {
		if x.tok[i] == 0 {
			continue
		}
		switch x.ents[x.tok[i]-1].Type {
		case "PERSON":
			return x.tok[i] - 1, true
		case "ORG":
			if org < 0 {
				org = x.tok[i] - 1
			}
		}
	}
	if named {
		return 0, false
	}
	if org >= 0 {
		return org, true
	}
	if w := v.lower[cut]; w == "of" || w == "at" || w == "for" || w == "with" || w == "(" {
		// "(" : "Internet service provider (ISP) Plus.net"
		for i := cut + 1; i < hi && !sep(i); i++ {
			if x.tok[i] != 0 && x.ents[x.tok[i]-1].Type == "ORG" {
				return x.tok[i] - 1, true
			}
		}
	}
	return 0, false
}

// spacedDash reports whether the dash at token i stands apart from the
// words around it ("member - Paul Tucker -"), not inside a word
// ("left-wing").
func spacedDash(v *view, i int) bool {
	t := v.d.Tokens
	return (i == 0 || t[i-1].End < t[i].Start) && (i+1 >= len(t) || t[i].End < t[i+1].Start)
}

// byRole finds the most recent entity before token i, of one of types,
// whose role or name contains the word.
func (x *entityIndex) byRole(i int, word string, types ...string) (int, bool) {
	best, bestPos := -1, -1
	for ei, e := range x.ents {
		ok := false
		for _, t := range types {
			ok = ok || e.Type == t
		}
		if !ok || !(strings.Contains(strings.ToLower(e.Role), word) || strings.Contains(strings.ToLower(e.Name), word)) {
			continue
		}
		for _, m := range e.Mentions {
			if m.Start < x.d.Tokens[i].Start && m.Start > bestPos {
				best, bestPos = ei, m.Start
			}
		}
	}
	return best, best >= 0
}

// name returns the entity id for tokens [lo, hi) or else their text.
func (x *entityIndex) name(lo, hi int) string {
	if ei, ok := x.entityAt(lo, hi); ok {
		return x.ents[ei].ID
	}
	return x.d.Slice(x.d.Tokens[lo].Start, x.d.Tokens[hi-1].End)
}

var mediaNouns = map[string]bool{
	"reporters": true, "journalists": true, "media": true, "television": true, "tv": true,
	"radio": true, "agency": true, "newspaper": true, "press": true, "broadcaster": true,
}

func isCap(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r) || unicode.IsDigit(r)
	}
	return false
}

// npAfter reads a source name starting at token i: optional determiner,
// then capitalized words (with "of", "'s") and media nouns.
func npAfter(v *view, i, end int) (int, int, bool) {
	if i < end && (v.lower[i] == "the" || v.lower[i] == "a" || v.lower[i] == "an") {
		i++
	}
	lo := i
	for i < end {
		t := v.d.Tokens[i].Text
		if isCap(t) || mediaNouns[v.lower[i]] || v.lower[i] == "state" || v.lower[i] == "local" || v.lower[i] == "news" ||
			((v.lower[i] == "of" || v.lower[i] == "'s") && i > lo && i+1 < end && isCap(v.d.Tokens[i+1].Text)) {
			i++
			continue
		}
		break
	}
	return lo, i, i > lo
}

// npBefore reads a source name ending before token i.
func npBefore(v *view, i, start int) (int, int, bool) {
	hi := i
	for i > start {
		t := v.d.Tokens[i-1].Text
		if isCap(t) || mediaNouns[v.lower[i-1]] || v.lower[i-1] == "state" || v.lower[i-1] == "local" || v.lower[i-1] == "news" {
			i--
			continue
		}
		break
	}
	return i, hi, i < hi
}

// viaChain reads the reporting chain of an attribution from its
// sentences: the recipient ("told reporters", "in an interview with
// CNN") first, then relays ("according to Fars", "Interfax reported",
// "state media said") in text order, outermost last.
func viaChain(v *view, x *entityIndex, r *rawAttr) []string {
	anchor := r.content[0].lo
	if r.cue != nil {
		anchor = r.cue.lo
	}
	si := v.sent[anchor]
	lo, hi := v.d.Sentences[si].TokenStart, v.d.Sentences[si].TokenEnd
	// Include the sentences the content spans.
	for _, c := range r.content {
		lo = min(lo, v.d.Sentences[v.sent[c.lo]].TokenStart)
		hi = max(hi, v.d.Sentences[v.sent[c.hi-1]].TokenEnd)
	}
	inContent := func(i int) bool {
		for _, c := range r.content {
			if i >= c.lo && i < c.hi {
				return true
			}
		}
		return false
	}
	inSource := func(a, b int) bool {
		return r.source != nil && a < r.source.hi && b > r.source.lo
	}
	type hop struct {
		prio, pos int
		name      string
	}
	var hops []hop
	add := func(prio, a, b int) {
		if a >= b || inSource(a, b) || inContent(a) {
			return
		}
		name := x.name(a, b)
		for _, h := range hops {
			if h.name == name {
				return
			}
		}
		hops = append(hops, hop{prio, a, name})
	}
	w := func(i int) string {
		if i < lo || i >= hi {
			return ""
		}
		return v.lower[i]
	}
	for i := lo; i < hi; i++ {
		if inContent(i) {
			continue
		}
		switch w(i) {
		case "according":
			if w(i+1) == "to" && (r.cue == nil || r.cue.lo != i) {
				if a, b, ok := npAfter(v, i+2, hi); ok {
					add(1, a, b)
				}
			}
		case "told":
			if a, b, ok := npAfter(v, i+1, hi); ok {
				add(0, a, b)
			}
		case "interview", "statement", "speaking", "talking":
			j := i + 1
			if w(j) == "with" || w(j) == "to" {
				if a, b, ok := npAfter(v, j+1, hi); ok {
					add(0, a, b)
				}
			}
		case "quoted", "cited":
			if w(i+1) == "by" {
				if a, b, ok := npAfter(v, i+2, hi); ok {
					add(1, a, b)
				}
			}
		case "reported", "reports", "said", "says":
			if r.cue != nil && r.cue.lo == i {
				continue
			}
			if a, b, ok := npBefore(v, i, lo); ok && (w(i) == "reported" || w(i) == "reports" || mediaNouns[v.lower[b-1]]) {
				add(1, a, b)
			} else if w(i) == "reported" || w(i) == "reports" {
				if a, b, ok := npAfter(v, i+1, hi); ok {
					add(1, a, b)
				}
			}
		}
	}
	sort.SliceStable(hops, func(i, j int) bool {
		if hops[i].prio != hops[j].prio {
			return hops[i].prio < hops[j].prio
		}
		return hops[i].pos < hops[j].pos
	})
	var out []string
	for _, h := range hops {
		out = append(out, h.name)
	}
	return out
}

var weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "yesterday": true, "today": true, "tonight": true,
}

// speakingTime returns the time of speaking next to the cue: the value of
// a time expression of the Times layer, else a weekday word as written.
func speakingTime(v *view, r *rawAttr) string {
	if r.cue == nil {
		return ""
	}
	d := v.d
	lo, hi := max(0, r.cue.lo-3), min(len(d.Tokens), r.cue.hi+3)
	s, e := d.Tokens[lo].Start, d.Tokens[hi-1].End
	for _, t := range d.Times {
		if t.Start >= s && t.End <= e && v.sent[lo] == v.sent[r.cue.lo] && t.Type != "DURATION" {
			if t.Value != "" {
				return t.Value
			}
			return t.Text
		}
	}
	for i := r.cue.hi; i < hi; i++ {
		if v.sent[i] != v.sent[r.cue.lo] {
			break
		}
		if weekdays[v.lower[i]] {
			return d.Tokens[i].Text
		}
		if v.lower[i] != "on" {
			break
		}
	}
	return ""
}
