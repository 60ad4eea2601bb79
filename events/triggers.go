package events

import (
	"strings"
)

// proto is an event found in a sentence, before it becomes document.Events.
type proto struct {
	code       string
	head       int // trigger word
	trig0      int // trigger span [trig0, trig1) in words
	trig1      int
	sources    []int // chunk indexes
	targets    []int
	modality   string
	noun       bool
	report     bool
	pattern    *Pattern
	confidence float64
	// obligation marks "must", "should", "has to" before the trigger
	obligation bool
	// deniedBy marks an event inside "X denied that ..."
	deniedBy bool
}

// wordIs reports whether the words at i spell o (lemmas compared; o may be
// several words).
func (st *sentence) wordIs(lex *Lexicon, i int, o string) bool {
	parts := strings.Split(o, " ")
	if i+len(parts) > len(st.words) {
		return false
	}
	for k, p := range parts {
		w := st.words[i+k]
		if w.low == p || w.lemma == p && w.upos != "VERB" || irregular[w.low] == p ||
			w.low == p+"s" || w.low == p+"es" || strings.HasSuffix(p, "y") && w.low == p[:len(p)-1]+"ies" {
			continue
		}
		return false
	}
	return true
}

// lemmaFor returns the lemma of word i that has patterns in m.
func (st *sentence) lemmaFor(m map[string][]*Pattern, i int) string {
	w := st.words[i]
	if w.lemma != "" && m[w.lemma] != nil {
		return w.lemma
	}
	if l, ok := irregular[w.low]; ok && m[l] != nil {
		return l
	}
	if m[w.low] != nil {
		return w.low
	}
	for _, c := range lemmaCandidates(w.low) {
		if m[c] != nil {
			return c
		}
	}
	return ""
}

// verbLemma is lemmaFor(lex.verbs, i), remembered per sentence.
func (st *sentence) verbLemma(lex *Lexicon, i int) string {
	return st.memoLemma(&st.verbMemo, lex.verbs, i)
}

// nounLemma is lemmaFor(lex.nouns, i), remembered per sentence.
func (st *sentence) nounLemma(lex *Lexicon, i int) string {
	return st.memoLemma(&st.nounMemo, lex.nouns, i)
}

func (st *sentence) memoLemma(memo *[]lemmaMemo, m map[string][]*Pattern, i int) string {
	if len(*memo) != len(st.words) {
		*memo = make([]lemmaMemo, len(st.words))
	}
	e := &(*memo)[i]
	if !e.done {
		e.lemma, e.done = st.lemmaFor(m, i), true
	}
	return e.lemma
}

type lemmaMemo struct {
	lemma string
	done  bool
}

func isPunct(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127 {
			return false
		}
	}
	return true
}

// verbAt decides whether word i is a verb trigger and returns its lemma.
func (st *sentence) verbAt(lex *Lexicon, i int) string {
	w := st.words[i]
	if st.chunkAt[i] >= 0 || isPunct(w.text) || w.low == "according" {
		return ""
	}
	lemma := st.verbLemma(lex, i)
	if lemma == "" {
		return ""
	}
	if p, start := st.nounCode(lex, i); p != nil && start < i {
		return "" // "hunger strike", "air strike"
	}
	if i+2 < len(st.words) && st.words[i+1].low == "to" && w.upos == "" && (lex.verbs[lemma][0].Flags.wrapper() != 0 || tryVerbs[lemma]) {
		if st.verbLemma(lex, i+2) != "" {
			return lemma // "plans to impose"
		}
	}
	if lemma == "release" && i > 0 && mediaNouns[st.words[i-1].low] {
		return "" // "a picture released by SANA"
	}
	if i+1 < len(st.words) && (lemma == "strike" || lemma == "hit") {
		switch st.words[i+1].low {
		case "me", "us", "you", "him", "her", "them", "home":
			return "" // "it strikes me"
		}
	}
	if i > 0 && particles[w.low] {
		if p := st.words[i-1].low; strings.HasSuffix(p, "ed") || irregular[p] != "" {
			return "" // "fought back"
		}
	}
	switch w.upos {
	case "":
	case "VERB":
		return lemma
	case "NOUN", "ADJ":
		// the tagger's noun or adjective may be a verb the word-order rules
		// know better ("is prepared to", "plans to"): decide below
	default:
		return ""
	}
	if i > 0 && isCapitalized(w.text) && !isCapitalized(st.words[i-1].text) {
		return "" // a name
	}
	hasNoun := st.nounLemma(lex, i) != ""
	prev := ""
	if i > 0 {
		prev = st.words[i-1].low
	}
	if w.low == "back" && !(prev == "to" || auxiliaries[prev] || pronouns[prev]) {
		return "" // "send them back"
	}
	if prepositions[prev] && prev != "to" && !strings.HasSuffix(w.low, "ing") {
		return "" // "talks on trade", "release of detained leaders"
	}
	if strings.HasSuffix(w.low, "ed") && (determiners[prev] || prev != "" && prev[0] >= '0' && prev[0] <= '9' || numberWords[prev]) &&
		i+1 < len(st.words) && !isPunct(st.words[i+1].text) && !prepositions[st.words[i+1].low] {
		return "" // "two kidnapped soldiers": an adjective
	}
	if strings.HasSuffix(w.low, "ed") || irregular[w.low] != "" && w.low != "talks" {
		if prev != "" && determiners[prev] && hasNoun {
			return ""
		}
		return lemma
	}
	if !hasNoun {
		if determiners[prev] && prev != "'s" {
			return ""
		}
		return lemma
	}
	// both a noun and a verb: decide from the left context
	if i > 1 && st.determinedNP(i-1) && isLowerWord(prev) && !auxiliaries[prev] && !pronouns[prev] &&
		!strings.HasSuffix(prev, "ly") && st.chunkAt[i-1] < 0 && !strings.HasSuffix(w.low, "ed") {
		return "" // "the cyber attack", "a surprise visit", "the biggest politically motivated cyber attack"
	}
	switch {
	case prev == "to" || auxiliaries[prev] || pronouns[prev] || beForms[prev]:
		return lemma
	case determiners[prev] || prev == "of" || prev == "for" || prev == "on" || prev == "and" && i > 1 && determiners[st.words[i-2].low]:
		return ""
	case i > 0 && st.chunkAt[i-1] >= 0:
		// "Iran attacks ..." vs "Israeli air raids": a plural form after a demonym is a noun
		c := st.chunks[st.chunkAt[i-1]]
		if c.start > 0 && (st.words[c.start-1].low == "a" || st.words[c.start-1].low == "an") {
			return "" // "a US offer"
		}
		if strings.HasSuffix(w.low, "s") && c.end-c.start == 1 && !isCapitalized(w.text) {
			if h, ok := st.sw.HitAt(c.start); ok && h.Entry.Kind == 2 { // demonym
				return ""
			}
		}
		return lemma
	case strings.HasSuffix(w.low, "ing"):
		// "a trilateral meeting", "the heavy fighting": a noun
		if i > 1 && (isAdjectiveLike(prev) || isLowerWord(prev) && !nounStop[prev] && st.verbLemma(lex, i-1) == "") && determiners[st.words[i-2].low] {
			return ""
		}
		return lemma
	}
	if strings.HasSuffix(w.low, "s") {
		return ""
	}
	return lemma
}

// determinedNP reports a determiner before the modifier at word m, with
// only lower-case modifiers between (adverbs, superlatives, participles):
// "the cyber", "the biggest politically motivated cyber".
func (st *sentence) determinedNP(m int) bool {
	for j := m - 1; j >= 0 && j >= m-4; j-- {
		w := st.words[j].low
		if determiners[w] {
			return true
		}
		if !isLowerWord(w) || st.chunkAt[j] >= 0 || nounStop[w] || auxiliaries[w] || pronouns[w] || beForms[w] || prepositions[w] ||
			!(isAdjectiveLike(w) || strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "est")) {
			return false
		}
	}
	return false
}

// nounAt returns the noun lemma of word i when it is a noun trigger.
func (st *sentence) nounAt(lex *Lexicon, i int) string {
	w := st.words[i]
	if isPunct(w.text) || w.low == "according" {
		return ""
	}
	lemma := st.nounLemma(lex, i)
	if lemma == "" {
		return ""
	}
	if w.upos != "" && w.upos != "NOUN" && w.upos != "PROPN" {
		return ""
	}
	if w.upos == "" && isCapitalized(w.text) && i > 0 {
		return ""
	}
	if w.upos == "" && i+1 < len(st.words) && isModifiedNoun(st.words[i+1].text) {
		return "" // "the Iran arms affair": a modifier, not the head
	}
	return lemma
}

// segmentEnd returns the index where the clause material after word i ends
// (exclusive): at a boundary word, a semicolon or a reporting clause.
func (st *sentence) segmentEnd(i int) int { return st.segmentEndThat(i, true) }

func (st *sentence) segmentEndThat(i int, stopThat bool) int {
	for j := i + 1; j < len(st.words); j++ {
		w := st.words[j].low
		if boundaryWords[w] || stopThat && w == "that" && j > i+1 {
			return j
		}
		if w == "," {
			// ", X said" / ", said X": stop before the reporting clause
			for k := j + 1; k < len(st.words) && k <= j+8; k++ {
				lw := st.words[k].low
				if lw == "," || lw == "." {
					break
				}
				if reportLemmas[irregularOr(lw)] || reportLemmas[trimS(lw)] {
					return j
				}
			}
		}
	}
	return len(st.words)
}

func irregularOr(w string) string {
	if l, ok := irregular[w]; ok {
		return l
	}
	if strings.HasSuffix(w, "ed") {
		return strings.TrimSuffix(w, "ed")
	}
	return w
}

func trimS(w string) string { return strings.TrimSuffix(strings.TrimSuffix(w, "ed"), "s") }

// separatedParticle reports the particle part after the actor object of
// the verb at i, with an apposition: "forced Jakarta's critics out",
// "forced the UN refugee agency, UNHCR, out".
func (st *sentence) separatedParticle(i int, part string) bool {
	j := i + 1
	for j < len(st.words) && determiners[st.words[j].low] {
		j++
	}
	if j >= len(st.words) || st.chunkAt[j] < 0 {
		return false
	}
	k := st.chunks[st.chunkAt[j]].end
	if k+2 < len(st.words) && st.words[k].low == "," && st.chunkAt[k+1] >= 0 {
		if e := st.chunks[st.chunkAt[k+1]].end; e < len(st.words) && st.words[e].low == "," {
			k = e + 1
		}
	}
	return k < len(st.words) && st.words[k].low == part
}

// matchVerb picks the most specific pattern of lemma that fits around word
// i. It returns the pattern and the end of the trigger (after a particle),
// and the index of the matched object noun (or -1).
func (st *sentence) matchVerb(lex *Lexicon, i int, lemma string) (*Pattern, int, int) {
	end := st.segmentEnd(i)
	for _, p := range lex.verbs[lemma] {
		trigEnd := i + 1
		if p.Particle != "" {
			parts := strings.Split(p.Particle, " ")
			ok := true
			for k, part := range parts {
				j := i + 1 + k
				if j >= len(st.words) || st.words[j].low != part {
					ok = false
					break
				}
			}
			if !ok && st.parsed {
				ok = false
				for j := range st.words {
					if st.words[j].head == i && strings.HasPrefix(st.words[j].deprel, "compound:prt") && st.words[j].low == parts[0] {
						ok = true
					}
				}
			}
			if !ok && len(parts) == 1 && st.separatedParticle(i, parts[0]) {
				// "forced the UN refugee agency, UNHCR, out of the country":
				// the object between verb and particle is the target
				parts = nil
				ok = true
			}
			if !ok {
				continue
			}
			trigEnd = i + 1 + len(parts)
		}
		obj := -1
		if len(p.Objects) > 0 {
			for j := trigEnd; j < end && j <= trigEnd+7 && obj < 0; j++ {
				for _, o := range p.Objects {
					if st.wordIs(lex, j, o) {
						obj = j
						break
					}
				}
			}
			if obj < 0 {
				continue
			}
		}
		if len(p.Preps) > 0 {
			found := false
			for j := trigEnd; j < end && j <= trigEnd+8 && !found; j++ {
				for _, pr := range p.Preps {
					if st.words[j].low == pr {
						// "agreed to resign" is a complement, not "to X"
						if pr == "to" && j+1 < len(st.words) && st.verbAtRelaxed(lex, j+1) != "" &&
							st.nounLemma(lex, j+1) == "" {
							continue
						}
						found = true
					}
				}
			}
			if !found {
				continue
			}
		}
		return p, trigEnd, obj
	}
	return nil, 0, -1
}

// nounCode returns the best noun pattern of the noun at word i, checking
// multi-word patterns against the words before it, and the start of its span.
func (st *sentence) nounCode(lex *Lexicon, i int) (*Pattern, int) {
	lemma := st.nounLemma(lex, i)
	if lemma == "" {
		return nil, i
	}
	for _, p := range lex.nouns[lemma] {
		if len(p.Before) == 0 {
			return p, i
		}
		start := i - len(p.Before)
		if start < 0 {
			continue
		}
		ok := true
		for k, b := range p.Before {
			if !st.wordIs(lex, start+k, b) {
				ok = false
				break
			}
		}
		if ok {
			return p, start
		}
	}
	return nil, i
}

// objectNoun finds the first noun trigger in the object window after a
// light verb: "held talks", "staged a protest", "imposed sanctions".
func (st *sentence) objectNoun(lex *Lexicon, from int) (*Pattern, int, int) {
	end := st.segmentEnd(from - 1)
	for j := from; j < end && j <= from+8; j++ {
		w := st.words[j].low
		if prepositions[w] && (w != "of" || j == from) || pronouns[w] || auxiliaries[w] && w != "further" || w == "that" {
			break
		}
		if isCapitalized(st.words[j].text) {
			continue
		}
		if p, start := st.nounCode(lex, j); p != nil {
			// prefer the longest compound ending further right: "food aid"
			if j+1 < end {
				if p2, s2 := st.nounCode(lex, j+1); p2 != nil && s2 <= j {
					return p2, s2, j + 1
				}
			}
			return p, start, j
		}
	}
	return nil, 0, -1
}

// complement finds "to VERB" (or "that ... VERB" for demands) after a
// wrapper verb ending at word from, returning the verb index.
func (st *sentence) complement(lex *Lexicon, from int, allowThat bool) int {
	end := st.segmentEndThat(from-1, false)
	for j := from; j < end && j <= from+7; j++ {
		w := st.words[j].low
		if w == "to" || (allowThat && w == "that") {
			for k := j + 1; k < end && k <= j+6; k++ {
				if lem := st.verbAtRelaxed(lex, k); lem != "" {
					return k
				}
				lw := st.words[k].low
				if w == "to" && !auxiliaries[lw] && !strings.HasSuffix(lw, "ly") && lw != "be" {
					break
				}
			}
		}
	}
	return -1
}

// verbAtRelaxed accepts a verb trigger after "to" even when it could be a
// noun: "agreed to visit", "threatened to attack".
func (st *sentence) verbAtRelaxed(lex *Lexicon, k int) string {
	if st.chunkAt[k] >= 0 {
		return ""
	}
	if w := st.words[k]; w.upos != "" && w.upos != "VERB" {
		return ""
	}
	return st.verbLemma(lex, k)
}

// family splits a cooperation code into the families the wrappers refine
// with a fourth digit: "coop" (061-064), "aid" (071-074), "reform"
// (0831-0834) and "yield" (081 082 084 085 086 087 -> 1..6).
func family(code string) (string, byte) {
	three := code
	if len(three) > 3 {
		three = three[:3]
	}
	switch {
	case len(code) == 4 && three == "083" && code[3] >= '1' && code[3] <= '4':
		return "reform", code[3]
	case three >= "061" && three <= "064":
		return "coop", three[2]
	case three >= "071" && three <= "074":
		return "aid", three[2]
	}
	if d, ok := map[string]byte{"081": '1', "082": '2', "084": '3', "085": '4', "086": '5', "087": '6'}[three]; ok {
		return "yield", d
	}
	return "", 0
}

// refined gives the wrapper's code the fourth digit of the complement's
// family: appeal + 072 (military aid) -> 0232.
func refined(fl Flags, code string) string {
	fam, d := family(code)
	if fam == "" {
		return ""
	}
	bases := map[Flags]map[string]string{
		FlagAppeal: {"coop": "021", "aid": "023", "reform": "024", "yield": "025"},
		FlagDemand: {"coop": "101", "aid": "103", "reform": "104", "yield": "105"},
		FlagReject: {"coop": "121", "aid": "122", "reform": "123", "yield": "124"},
		FlagIntent: {"coop": "031", "aid": "033", "reform": "034", "yield": "035"},
	}
	b, ok := bases[fl][fam]
	if !ok {
		return ""
	}
	return b + string(d)
}

// wrap recodes the code of a complement under a wrapper verb.
func wrap(fl Flags, code string) string {
	if r := refined(fl, code); r != "" {
		if _, ok := Info(r); ok {
			return r
		}
	}
	root := Root(code)
	// already wrapped: "is prepared to" inside "announced that it is prepared to"
	switch {
	case fl == FlagIntent && (root == "03" || root == "13"),
		fl == FlagReject && root == "12", fl == FlagThreaten && root == "13",
		fl == FlagAppeal && root == "02", fl == FlagDemand && root == "10":
		return code
	}
	three := code
	if len(three) > 3 {
		three = three[:3]
	}
	switch fl {
	case FlagIntent:
		switch root {
		case "03":
			return code
		case "04":
			if three == "045" {
				return "039"
			}
			return "036"
		case "05":
			return "032"
		case "06":
			return "031"
		case "07":
			if len(three) == 3 && three[2] >= '1' && three[2] <= '4' {
				return "033" + three[2:]
			}
			return "033"
		case "08":
			switch three {
			case "081", "082":
				return "0351"
			case "083":
				return "034"
			case "084":
				return "0353"
			case "085":
				return "0354"
			case "086":
				return "0355"
			case "087":
				return "0356"
			}
			return "035"
		case "14":
			return "133"
		case "16":
			return "131"
		case "17":
			return "137"
		case "18", "19", "20":
			return "138"
		}
		return "030"
	case FlagReject:
		switch root {
		case "03":
			return "120"
		case "04":
			if three == "045" {
				return "126"
			}
			return "125"
		case "05":
			if three == "057" {
				return "127"
			}
			return "120"
		case "06":
			return "121"
		case "07":
			return "121"
		case "08":
			return "124"
		case "02", "10":
			return "120"
		}
		return "120"
	case FlagThreaten:
		switch root {
		case "16":
			switch three {
			case "161":
				return "1313"
			case "162":
				return "1311"
			case "163":
				return "1312"
			case "164":
				return "134"
			case "165":
				return "135"
			case "166":
				return "136"
			}
			return "131"
		case "08":
			return "136"
		case "04":
			return "134"
		case "17":
			if three == "172" {
				return "132"
			}
			return "137"
		case "14":
			return "133"
		case "18", "20":
			return "138"
		case "19":
			switch three {
			case "191":
				return "1381"
			case "192":
				return "1382"
			}
			return "138"
		}
		return "130"
	case FlagAppeal:
		switch root {
		case "04":
			if three == "045" {
				return "028"
			}
			return "026"
		case "05":
			return "022"
		case "06":
			return "021"
		case "07":
			return "023"
		case "08":
			if three == "083" {
				return "024"
			}
			return "025"
		}
		return "020"
	case FlagDemand:
		switch root {
		case "04":
			if three == "045" {
				return "108"
			}
			return "106"
		case "05":
			return "102"
		case "06":
			return "101"
		case "07":
			return "103"
		case "08":
			if three == "083" {
				return "104"
			}
			return "105"
		}
		return "100"
	case FlagTry:
		if three == "186" {
			return "185"
		}
		return code
	}
	return code
}

// tryVerbs keep the code of their complement: "tried to assassinate",
// "continued to send arms".
var tryVerbs = map[string]bool{
	"try": true, "attempt": true, "continue": true, "begin": true, "start": true, "resume": true,
	"seek": true, "manage": true, "move": true, "vote": true, "step": true, "help": false,
}

// adjective wrappers: "is willing to send", "was due to meet".
var intentAdjectives = map[string]bool{
	"willing": true, "ready": true, "prepared": true, "keen": true, "eager": true,
	"determined": true, "committed": true, "poised": true, "open": true,
}

var plannedAdjectives = map[string]bool{
	"due": true, "set": true, "expected": true, "scheduled": true, "slated": true, "going": true,
	"likely": true, "planning": true, "poised": true,
}

var particles = map[string]bool{"back": true, "off": true, "out": true, "up": true, "down": true, "over": true}

var numberWords = map[string]bool{
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "eight": true,
	"nine": true, "ten": true, "dozens": true, "hundreds": true, "thousands": true, "several": true, "many": true,
}

var nounStop = map[string]bool{
	"of": true, "to": true, "in": true, "on": true, "for": true, "with": true, "against": true, "by": true,
	"at": true, "from": true, "and": true, "or": true, "but": true, "that": true, "which": true, "who": true,
	"was": true, "were": true, "is": true, "are": true, "has": true, "have": true, "had": true, "will": true,
	"would": true, "could": true, "may": true, "might": true, "can": true, "must": true, "should": true,
	"said": true, "says": true, "say": true, "into": true, "over": true, "after": true, "before": true,
	"since": true, "as": true, "near": true, "between": true, "the": true, "a": true, "an": true, "this": true,
	"last": true, "next": true, "there": true, "here": true, "began": true, "continued": true, "killed": true,
	"aimed": true, "if": true, "unless": true, "while": true, "when": true, "where": true, "than": true,
	"because": true, "despite": true, "during": true, "until": true, "across": true, "around": true, "under": true,
	"been": true, "be": true, "being": true, "not": true, "also": true, "yesterday": true, "today": true, "tonight": true,
}

// isModifiedNoun reports a word that makes the noun before it a modifier:
// a lower-case content word ("arms affair", "aid deliveries").
func isModifiedNoun(next string) bool {
	if next == "" || !isLowerWord(next) || nounStop[next] {
		return false
	}
	return !strings.HasSuffix(next, "ed") && !strings.HasSuffix(next, "ing") && !strings.HasSuffix(next, "ly")
}

func isLowerWord(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '-') {
			return false
		}
	}
	return true
}

var mediaNouns = map[string]bool{
	"picture": true, "photo": true, "photograph": true, "video": true, "statement": true, "report": true,
	"footage": true, "image": true, "images": true, "figures": true, "data": true, "document": true,
	"documents": true, "recording": true, "audio": true, "letter": true, "list": true,
}
