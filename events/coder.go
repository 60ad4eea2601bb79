package events

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/actors"
	"github.com/sitrep/sitrep/document"
)

// word is one token of a sentence as the coder sees it.
type word struct {
	text, low string
	lemma     string // syntax layer lemma, lower case ("" when absent)
	upos      string
	head      int // index in the sentence, -1 for the root or unknown
	deprel    string
	start     int // code points
	end       int
}

// chunk is an actor phrase: a word span with its actor code.
type chunk struct {
	start, end int
	actor      document.Actor
	entity     string
	pronoun    bool
	// inPP is the preposition governing the chunk ("in", "to", ...), or "".
	inPP string
	// named marks a chunk with a name the lexicon does not know ("President Bush")
	named bool
	// own marks "its troops", "their forces": the country is the subject's
	own bool
	// ctxSubj marks a role-only chunk given the subject's country
	ctxSubj bool
}

// sentence is the coder's working view of one sentence.
type sentence struct {
	d        *document.Document
	index    int
	words    []word
	sw       *actors.SentenceWords
	chunks   []chunk
	chunkAt  []int // chunk index of each word, -1 if none
	parsed   bool
	consumed []bool // words already used by an event
	// verbMemo and nounMemo remember the lexicon lemmas of the words
	verbMemo, nounMemo []lemmaMemo
	// entityAt is the document's entity lookup (set by buildChunksPlaces)
	entityAt func(start, end int) *document.Entity
}

var prepositions = map[string]bool{
	"in": true, "at": true, "of": true, "from": true, "to": true, "near": true, "on": true,
	"for": true, "with": true, "against": true, "under": true, "into": true, "by": true,
	"around": true, "across": true, "inside": true, "outside": true, "over": true, "about": true,
	"between": true, "among": true, "toward": true, "towards": true, "upon": true, "behind": true,
	"through": true, "throughout": true, "within": true, "after": true, "before": true, "during": true,
	"despite": true, "amid": true, "via": true, "including": true,
}

var pronouns = map[string]bool{
	"he": true, "she": true, "it": true, "they": true, "we": true, "i": true, "who": true,
}

var determiners = map[string]bool{
	"a": true, "an": true, "the": true, "its": true, "his": true, "her": true, "their": true,
	"this": true, "that": true, "these": true, "those": true, "our": true, "my": true, "any": true,
	"no": true, "every": true, "each": true, "some": true, "'s": true, "another": true, "further": true,
	"new": true, "first": true, "fresh": true, "surprise": true, "major": true, "joint": true,
}

var beForms = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true,
	"'s": true, "'re": true, "get": true, "got": true, "gets": true,
}

var auxiliaries = map[string]bool{
	"has": true, "have": true, "had": true, "will": true, "would": true, "shall": true, "should": true,
	"can": true, "could": true, "may": true, "might": true, "must": true, "did": true, "does": true,
	"do": true, "to": true, "'ll": true, "'d": true, "not": true, "n't": true, "never": true,
	"also": true, "reportedly": true, "again": true, "already": true, "finally": true, "then": true,
	"today": true, "yesterday": true, "jointly": true, "formally": true, "officially": true,
	"repeatedly": true, "flatly": true, "strongly": true, "just": true, "recently": true,
	"once": true, "still": true, "now": true, "further": true, "outright": true, "publicly": true,
	"allegedly": true, "apparently": true, "immediately": true, "later": true, "unilaterally": true,
}

var boundaryWords = map[string]bool{
	";": true, "but": true, "while": true, "whereas": true, "although": true, "though": true,
	"because": true, "since": true, "when": true, "where": true, "after": false, "as": true,
	"according": true, "which": true, "whom": true, ":": true, "—": true, "--": true,
}

var reportLemmas = map[string]bool{
	"say": true, "tell": true, "report": true, "announce": true, "add": true, "state": true,
	"claim": true, "confirm": true, "quote": true, "accord": true, "insist": true,
}

func newSentence(lex *actors.Lexicon, d *document.Document, si int) *sentence {
	s := d.Sentences[si]
	st := &sentence{d: d, index: si, sw: actors.NewSentenceWords(lex, d, si)}
	if s.TokenStart < 0 || s.TokenEnd > len(d.Tokens) || s.TokenStart > s.TokenEnd {
		return st
	}
	toks := d.Tokens[s.TokenStart:s.TokenEnd]
	st.words = make([]word, len(toks))
	for i, t := range toks {
		w := word{text: t.Text, low: strings.ToLower(t.Text), upos: t.UPOS, deprel: t.Deprel,
			head: -1, start: t.Start, end: t.End}
		if t.Lemma != "" && t.Lemma != "_" {
			w.lemma = strings.ToLower(t.Lemma)
		}
		if t.Deprel != "" {
			st.parsed = true
			if t.Head > 0 && t.Head <= len(toks) {
				w.head = t.Head - 1
			}
		}
		st.words[i] = w
	}
	st.consumed = make([]bool, len(st.words))
	return st
}

func isCapitalized(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// buildChunks finds the actor phrases of the sentence: entity mentions and
// lexicon phrases, widened to their titles.
func (st *sentence) buildChunks(lex *actors.Lexicon, date string, entityAt func(start, end int) *document.Entity, elex *Lexicon, names map[string]document.Actor) {
	st.buildChunksPlaces(lex, date, entityAt, elex, names, nil)
}

// buildChunksPlaces is buildChunks with the literal places of the document
// (placeAt returns the ISO3 country of a place mention covering a word).
func (st *sentence) buildChunksPlaces(lex *actors.Lexicon, date string, entityAt func(start, end int) *document.Entity, elex *Lexicon, names map[string]document.Actor, placeAt func(start, end int) string) {
	n := len(st.words)
	st.entityAt = entityAt
	st.chunkAt = make([]int, n)
	for i := range st.chunkAt {
		st.chunkAt[i] = -1
	}
	covered := make([]bool, n)
	type span struct{ a, b int }
	var spans []span
	// entity mentions
	for i := 0; i < n; i++ {
		if e := entityAt(st.words[i].start, st.words[i].end); e != nil && isActorType(e.Type) {
			j := i + 1
			for j < n && entityAt(st.words[j].start, st.words[j].end) == e {
				j++
			}
			// "Palestinian" (NORP) + "police": the role words after a demonym or country
			if e.Type == "NORP" || e.Type == "GPE" {
				for j < n && entityAt(st.words[j].start, st.words[j].end) == nil {
					h, ok := st.sw.HitAt(j)
					if !ok || h.Entry.Kind != actors.KindAgent || h.Start != j {
						break
					}
					j = h.End
				}
			}
			spans = append(spans, span{i, j})
			for k := i; k < j; k++ {
				covered[k] = true
			}
			i = j - 1
		}
	}
	// lexicon phrases and capitalized names glued to them
	for i := 0; i < n; i++ {
		if covered[i] {
			continue
		}
		h, ok := st.sw.HitAt(i)
		if !ok {
			continue
		}
		if st.parsed && h.Entry.Kind == actors.KindAgent && h.End-h.Start == 1 {
			u := st.words[i].upos
			if u != "" && u != "NOUN" && u != "PROPN" && u != "ADJ" {
				continue
			}
		}
		if !st.parsed && h.Entry.Kind == actors.KindAgent && h.End-h.Start == 1 && i > 0 {
			p := st.words[i-1].low
			if auxiliaries[p] || pronouns[p] || p == "to" {
				continue // a verb: "will head", "to press"
			}
		}
		j := h.End
		for j < n && !covered[j] {
			if h2, ok := st.sw.HitAt(j); ok {
				j = h2.End
				continue
			}
			w := st.words[j]
			if w.text == "'s" || (isCapitalized(w.text) && w.low != "i" && !isSentenceWord(w.low)) {
				j++
				continue
			}
			// "Bashar al-Assad", "Osama bin Laden"
			if nameParticles[w.low] && j+1 < n && (isCapitalized(st.words[j+1].text) || st.words[j+1].text == "-") && j > i {
				j++
				continue
			}
			break
		}
		// "military aid", "police custody": a role word modifying an event noun
		if h.Entry.Kind == actors.KindAgent && j == h.End && j < n && isNounForm(elex, st.words[j].low) &&
			(i == 0 || !isCapitalized(st.words[i].text)) {
			if _, ok := st.sw.HitAt(i - 1); !ok || i == 0 {
				i = j - 1
				continue
			}
		}
		// "all official contact with": "official" as an adjective
		if h.Entry.Kind == actors.KindAgent && j == h.End && j-i == 1 && st.words[i].low == "official" && j < n && st.adjectiveBefore(j) {
			continue
		}
		spans = append(spans, span{i, j})
		for k := i; k < j; k++ {
			covered[k] = true
		}
		i = j - 1
	}
	// names seen earlier in the document with a coded title: "Zarif" after
	// "Iranian Foreign Minister Mohammad Javad Zarif"
	for i := 0; i < n; i++ {
		if covered[i] || !isCapitalized(st.words[i].text) {
			continue
		}
		if _, ok := names[nameKey(st.words[i].text)]; !ok {
			continue
		}
		j := i + 1
		for j < n && !covered[j] && isCapitalized(st.words[j].text) && !isSentenceWord(st.words[j].low) {
			j++
		}
		spans = append(spans, span{i, j})
		for k := i; k < j; k++ {
			covered[k] = true
		}
		i = j - 1
	}
	// toponyms the places layer resolved: "Idlib", "Kadugli"
	placeCountry := map[int]string{}
	if placeAt != nil {
		for i := 0; i < n; i++ {
			c := placeAt(st.words[i].start, st.words[i].end)
			if c == "" {
				continue
			}
			placeCountry[i] = c
			if covered[i] {
				continue
			}
			// part of a person's name: "Sheikh Ali al-Sabah"
			if i > 0 {
				if p := st.words[i-1]; nameParticles[p.low] || isCapitalized(p.text) && i > 1 && !isSentenceWord(p.low) {
					if _, hit := st.sw.HitAt(i - 1); !hit {
						continue
					}
				}
			}
			j := i + 1
			for j < n && !covered[j] && placeAt(st.words[j].start, st.words[j].end) == c {
				placeCountry[j] = c
				j++
			}
			spans = append(spans, span{i, j})
			for k := i; k < j; k++ {
				covered[k] = true
			}
			i = j - 1
		}
	}
	// pronouns
	for i := 0; i < n; i++ {
		if !covered[i] && pronouns[st.words[i].low] {
			spans = append(spans, span{i, i + 1})
			covered[i] = true
		}
	}
	sortSpans(spans, func(s span) int { return s.a })
	for _, sp := range spans {
		a, b := st.sw.Extend(sp.a, sp.b)
		if a < sp.a && st.chunkAt[a] >= 0 {
			// "Jordan's visiting King Abdullah II": absorb the possessor chunk
			k := st.chunkAt[a]
			if k == len(st.chunks)-1 && st.chunks[k].start == a && !st.chunks[k].pronoun {
				st.chunks = st.chunks[:k]
				for x := a; x < sp.a; x++ {
					st.chunkAt[x] = -1
				}
			}
		}
		for a < sp.a && st.chunkAt[a] >= 0 {
			a++
		}
		// Chunks never overlap: an extension may reach into the next span.
		if k := len(st.chunks); k > 0 && a < st.chunks[k-1].end {
			a = st.chunks[k-1].end
		}
		if a >= b {
			continue
		}
		c := chunk{start: a, end: b}
		if pronouns[st.words[sp.a].low] && b-a == 1 {
			c.pronoun = true
		} else {
			var ent *document.Entity
			for k := a; k < b && ent == nil; k++ {
				ent = entityAt(st.words[k].start, st.words[k].end)
			}
			entType := ""
			if ent != nil {
				entType = ent.Type
			}
			act, ok := lex.CodeSpanOf(st.sw, a, b, date, entType)
			if !ok || act.Country == "" {
				for k := b - 1; k >= a; k-- {
					if na, found := names[nameKey(st.words[k].text)]; found {
						act, ok = na, true
						act.Source = "context"
						break
					}
				}
			}
			if !ok || act.Country == "" {
				for k := a; k < b; k++ {
					if pc, found := placeCountry[k]; found {
						act = document.Actor{Country: pc, Code: pc + strings.Join(act.Sectors, ""), Sectors: act.Sectors, Source: "place"}
						ok = true
						break
					}
				}
			}
			if ent != nil {
				c.entity = ent.ID
				if ent.Actor != nil && (!ok || act.Country == "" && ent.Actor.Country != "" ||
					len(act.Sectors) == 0 && len(ent.Actor.Sectors) > 0 && act.Country == ent.Actor.Country) {
					act, ok = *ent.Actor, true
				}
			}
			if !ok {
				continue
			}
			c.actor = act
			for k := a; k < b; k++ {
				if _, hit := st.sw.HitAt(k); !hit && isCapitalized(st.words[k].text) && k > 0 {
					c.named = true
				}
			}
			if ent != nil && ent.Type == "PERSON" {
				c.named = true
			}
		}
		if a > 0 {
			switch st.words[a-1].low {
			case "its", "their", "his", "her", "our":
				c.own = c.actor.Country == ""
			}
		}
		// peacekeepers are sent by the subject: "refused to deploy peacekeepers in Iraq"
		if c.actor.Country == "" && strings.HasPrefix(st.words[b-1].low, "peacekeep") {
			c.own = true
		}
		// "thousands of Nigerians", "100 ethnic Albanians": people, CVL
		if !c.pronoun && len(c.actor.Sectors) == 0 && c.actor.Country != "" && b-a <= 2 {
			if h, ok := st.sw.HitAt(a); ok && h.Entry.Kind == actors.KindDemonym && isQuantified(st.words, a) {
				c.actor.Sectors = []string{"CVL"}
				c.actor.Code = c.actor.Country + "CVL"
			}
		}
		for k := a - 1; k >= 0 && k >= a-3; k-- {
			w := st.words[k].low
			if w == "of" && k > 0 && quantityNouns[st.words[k-1].low] {
				break // "thousands of students", "members of the militia"
			}
			if w == "to" && k > 0 && st.words[k-1].low == "up" && k+1 < a && numberLike(st.words[k+1].low) {
				break // "kidnapped up to 16 Russian advisers": a quantity
			}
			if prepositions[w] {
				c.inPP = w
				break
			}
			if !determiners[w] && !directions[w] && !numberWords[w] && !(w[0] >= '0' && w[0] <= '9') {
				break
			}
		}
		// a capital in a prepositional phrase is a place, not its government
		if c.inPP != "" && c.actor.Source == "capital" {
			c.actor.Sectors = nil
			c.actor.Code = c.actor.Country
		}
		// "Rebels in the Ivory Coast", "president of Armenia": glue an agent
		// chunk to a following "in/of COUNTRY" chunk
		if k := len(st.chunks) - 1; k >= 0 && !c.pronoun && (c.inPP == "of" || c.inPP == "in" || c.inPP == "from") {
			p := &st.chunks[k]
			gap := a - p.end
			people := (c.inPP != "from" || len(p.actor.Sectors) > 0 && p.actor.Sectors[0] != "MIL" && p.actor.Sectors[0] != "GOV") &&
				!strings.HasPrefix(st.words[p.end-1].low, "peacekeep")
			if !p.pronoun && !p.own && people && p.actor.Country == "" && len(p.actor.Sectors) > 0 && gap >= 1 && gap <= 2 && c.actor.Country != "" {
				p.actor.Country = c.actor.Country
				p.actor.Code = c.actor.Country + strings.Join(p.actor.Sectors, "")
				p.actor.Source = "title"
				p.end = b
				for k2 := p.start; k2 < b; k2++ {
					st.chunkAt[k2] = k
				}
				continue
			}
		}
		st.chunks = append(st.chunks, c)
		for k := a; k < b; k++ {
			st.chunkAt[k] = len(st.chunks) - 1
		}
	}
	// conjuncts share the preposition of the first: "with his Iranian and
	// Russian counterparts"
	for k := 1; k < len(st.chunks); k++ {
		gap := st.words[st.chunks[k-1].end:st.chunks[k].start]
		if st.chunks[k].inPP == "" && isCoordination(gap) && hasConjunction(gap) {
			st.chunks[k].inPP = st.chunks[k-1].inPP
		}
	}
	// "Hungarian and Romanian officials": share the role of the second
	for k := 0; k+1 < len(st.chunks); k++ {
		p, q := &st.chunks[k], &st.chunks[k+1]
		if p.pronoun || q.pronoun || q.start != p.end+1 || st.words[p.end].low != "and" {
			continue
		}
		if len(p.actor.Sectors) == 0 && p.actor.Country != "" && len(q.actor.Sectors) > 0 && p.end-p.start == 1 {
			if h, ok := st.sw.HitAt(p.start); ok && (h.Entry.Kind == actors.KindDemonym || h.Entry.Kind == actors.KindCountry) {
				p.actor.Sectors = append([]string(nil), q.actor.Sectors...)
				p.actor.Code = p.actor.Country + strings.Join(p.actor.Sectors, "")
			}
		}
	}
}

// isSentenceWord keeps capitalized function words out of names.
func isSentenceWord(low string) bool {
	switch low {
	case "the", "a", "an", "on", "in", "at", "and", "but", "monday", "tuesday", "wednesday",
		"thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
		"may", "june", "july", "august", "september", "october", "november", "december",
		"sept", "aug", "oct", "nov", "dec", "jan", "feb", "mar", "apr", "jun", "jul":
		return true
	}
	return false
}

func isActorType(t string) bool {
	switch t {
	case "PERSON", "ORG", "GPE", "NORP", "":
		return true
	}
	return false
}

func sortSpans[T any](s []T, key func(T) int) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && key(s[j]) < key(s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// isQuantified reports a number or quantity word shortly before word a:
// "thousands of", "100 ethnic", "some 800,000".
func isQuantified(ws []word, a int) bool {
	for j := a - 1; j >= 0 && j >= a-3; j-- {
		w := ws[j].low
		if w[0] >= '0' && w[0] <= '9' {
			return true
		}
		switch w {
		case "thousands", "hundreds", "dozens", "tens", "scores", "millions", "several", "many",
			"ethnic", "young", "some", "angry", "radical", "two", "three", "four", "five", "six",
			"seven", "eight", "nine", "ten", "twenty", "fifty", "hundred", "thousand":
			return true
		}
	}
	return false
}

// nameKey normalizes a name word for the document's name memory.
func nameKey(w string) string {
	w = strings.ToLower(w)
	for _, p := range []string{"al-", "el-", "ad-", "as-"} {
		w = strings.TrimPrefix(w, p)
	}
	return w
}

// rememberNames records the name words of titled, coded chunks.
func (st *sentence) rememberNames(names map[string]document.Actor) {
	for _, c := range st.chunks {
		if c.pronoun || !c.named || c.actor.Country == "" || c.actor.Source == "context" {
			continue
		}
		for k := c.start; k < c.end; k++ {
			w := st.words[k].text
			if _, hit := st.sw.HitAt(k); hit || !isCapitalized(w) || len(w) < 3 || isSentenceWord(strings.ToLower(w)) {
				continue
			}
			if old, seen := names[nameKey(w)]; !seen || len(old.Sectors) == 0 && len(c.actor.Sectors) > 0 {
				names[nameKey(w)] = c.actor
			}
		}
	}
}

var nameParticles = map[string]bool{
	"al": true, "el": true, "bin": true, "ibn": true, "de": true, "van": true, "von": true,
	"da": true, "di": true, "abu": true, "-": true, "ul": true, "ur": true,
}

var directions = map[string]bool{
	"northern": true, "southern": true, "eastern": true, "western": true, "central": true,
	"north": true, "south": true, "east": true, "west": true, "northeastern": true, "northwestern": true,
	"southeastern": true, "southwestern": true, "neighbouring": true, "neighboring": true, "war-torn": true,
}

// isNounForm reports a noun of the event lexicon in its base or plural form.
func isNounForm(lex *Lexicon, w string) bool {
	if lex.nouns[w] != nil {
		return true
	}
	if strings.HasSuffix(w, "s") && lex.nouns[w[:len(w)-1]] != nil {
		return true
	}
	return strings.HasSuffix(w, "es") && lex.nouns[w[:len(w)-2]] != nil
}

// wordBefore returns the lower-cased word before code point off in the
// sentence, skipping determiners.
func (st *sentence) wordBefore(off int) string {
	for i := len(st.words) - 1; i >= 0; i-- {
		if st.words[i].start < off {
			for j := i; j >= 0; j-- {
				if w := st.words[j].low; !determiners[w] && !directions[w] {
					return w
				}
			}
			return ""
		}
	}
	return ""
}

// ethnic reports an ethnic-group chunk: "ethnic Albanians", "the Albanians of
// southern Serbia".
func (st *sentence) ethnic(c chunk) bool {
	if c.pronoun {
		return false
	}
	h, ok := st.sw.HitAt(c.start)
	if !ok || h.Entry.Kind != actors.KindDemonym {
		if c.start+1 < c.end && st.words[c.start].low == "ethnic" {
			h, ok = st.sw.HitAt(c.start + 1)
			return ok && h.Entry.Kind == actors.KindDemonym
		}
		return false
	}
	if c.start > 0 && st.words[c.start-1].low == "ethnic" {
		return true
	}
	// "The Albanians of southern Serbia"
	w := st.words[h.End-1].low
	return h.End == c.end && strings.HasSuffix(w, "s") && c.end < len(st.words) &&
		(st.words[c.end].low == "of" || st.words[c.end].low == "in")
}

var quantityNouns = map[string]bool{
	"thousands": true, "hundreds": true, "dozens": true, "tens": true, "scores": true, "millions": true,
	"group": true, "members": true, "some": true, "many": true, "most": true, "all": true, "one": true,
	"two": true, "three": true, "number": true, "majority": true, "part": true, "third": true, "half": true,
	"leaders": true, "delegation": true, "team": true, "contingent": true, "supporters": true,
}

// agencyAt reports a news agency or organization chunk at code point off:
// "SANA" is the agency, not Sanaa.
func (st *sentence) agencyAt(off int) bool {
	for i, w := range st.words {
		if w.start <= off && off < w.end {
			if c := st.chunkAt[i]; c >= 0 {
				src := st.chunks[c].actor.Source
				return src == "agency" || src == "name" && len(st.chunks[c].actor.Code) > 3 && st.chunks[c].actor.Country == "IGO"
			}
			if h, ok := st.sw.HitAt(i); ok {
				return h.Entry.Kind == actors.KindAgency || h.Entry.Kind == actors.KindOrg
			}
			return false
		}
	}
	return false
}

// adjectiveBefore reports a plain lower-case noun at word j that an
// adjectival role word before it modifies ("official contact"), unlike a
// verb ("official said") or another actor word ("official news agency").
func (st *sentence) adjectiveBefore(j int) bool {
	w := st.words[j]
	if w.text != w.low || nounStop[w.low] || strings.HasSuffix(w.low, "ed") || reportWords[w.low] {
		return false
	}
	for _, r := range w.low {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	_, hit := st.sw.HitAt(j)
	return !hit
}

// reportWords are verbs that follow a subject noun directly.
var reportWords = map[string]bool{"says": true, "told": true, "added": true, "warns": true, "insists": true}

func hasConjunction(gap []word) bool {
	for _, w := range gap {
		if w.low == "and" || w.low == "or" {
			return true
		}
	}
	return false
}

// numberLike reports a numeral: "16", "1,000", "two".
func numberLike(w string) bool {
	return w != "" && (w[0] >= '0' && w[0] <= '9' || numberWords[w])
}
