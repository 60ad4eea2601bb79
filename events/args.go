package events

import (
	"strings"

	"github.com/sitrep/sitrep/actors"
)

// codeSentence finds the events of one sentence.
func (st *sentence) codeSentence(lex *Lexicon) []proto {
	var out []proto
	n := len(st.words)
	inSpan := func(i int) bool {
		for _, p := range out {
			if p.trig0 <= i && i < p.trig1 {
				return true
			}
		}
		return false
	}
	for i := 0; i < n; i++ {
		if st.consumed[i] || inSpan(i) {
			continue
		}
		lemma := st.verbAt(lex, i)
		if lemma == "" {
			continue
		}
		if p, ok := st.codeVerb(lex, i, lemma); ok {
			out = append(out, p)
		}
	}
	inVerbSpan := func(i int) bool {
		for _, p := range out {
			if p.trig0 <= i && i < p.trig1 {
				return true
			}
		}
		return false
	}
	for i := 0; i < n; i++ {
		if st.consumed[i] || st.chunkAt[i] >= 0 || inVerbSpan(i) {
			continue
		}
		if st.nounAt(lex, i) == "" {
			continue
		}
		if p, ok := st.codeNoun(lex, i); ok {
			out = append(out, p)
		}
	}
	st.denials(out)
	st.inheritPlans(out)
	out = st.bareObligations(out)
	st.obligations(out)
	st.demote(out)
	st.demoteDemanded(out)
	// reporting verbs count only when nothing else was found
	var real []proto
	for _, p := range out {
		if !p.report {
			real = append(real, p)
		}
	}
	if len(real) > 0 {
		return real
	}
	return out
}

// codeVerb codes the verb trigger at word i.
func (st *sentence) codeVerb(lex *Lexicon, i int, lemma string) (proto, bool) {
	pat, trigEnd, obj := st.matchVerb(lex, i, lemma)
	if pat == nil {
		return proto{}, false
	}
	p := proto{code: pat.Code, head: i, trig0: i, trig1: trigEnd, pattern: pat, confidence: 0.6}
	if pat.specificity() > 0 {
		p.confidence += 0.1
	}
	if obj >= 0 {
		p.trig1 = max(p.trig1, obj+1)
	}
	st.consumed[i] = true
	for k := i; k < trigEnd; k++ {
		st.consumed[k] = true
	}
	// light verbs take the code of their object noun
	if pat.Flags&FlagLight != 0 {
		if np, s, j := st.objectNoun(lex, trigEnd); np != nil {
			p.code = np.Code
			p.trig1 = j + 1
			for k := s; k <= j; k++ {
				st.consumed[k] = true
			}
			_ = s
		}
	}
	wrapper := pat.Flags.wrapper()
	if tryVerbs[lemma] {
		wrapper = FlagTry
	}
	subjEnd := i // where the subject search starts
	var argTarget = -1
	// "be willing to", "was due to meet"
	if i >= 2 && st.words[i-1].low == "to" {
		if a := st.words[i-2].low; intentAdjectives[a] {
			p.code = wrap(FlagIntent, p.code)
			p.modality = "planned"
			subjEnd = i - 2
		}
	}
	if wrapper != 0 || pat.Flags&FlagReport == 0 && false {
		allowThat := wrapper == FlagDemand || wrapper == FlagAppeal
		if k := st.complement(lex, trigEnd, allowThat); k >= 0 {
			// the object between wrapper and complement is the target: "urged Iran to ..."
			for c := range st.chunks {
				ch := st.chunks[c]
				if ch.start >= trigEnd && ch.end <= k && !ch.pronoun {
					argTarget = c
					break
				}
			}
			inner, ok := st.codeVerb(lex, k, st.verbLemma(lex, k))
			if !ok && tryVerbs[st.verbLemma(lex, k)] && k+1 < len(st.words) {
				// "prepared to resume shelling"
				if lem := st.verbLemma(lex, k+1); lem != "" {
					inner, ok = st.codeVerb(lex, k+1, lem)
				} else if st.nounAt(lex, k+1) != "" {
					inner, ok = st.codeNoun(lex, k+1)
				}
			}
			if ok && !inner.report {
				p.code = wrap(wrapper, inner.code)
				if lemma == "order" && Root(inner.code) >= "15" {
					// "ordered the newspaper to suspend publication": the order is the coercion
					p.code = inner.code
				}
				p.trig1 = inner.trig1
				if wrapper == FlagIntent || wrapper == FlagTry && p.modality == "" {
					if wrapper == FlagIntent {
						p.modality = "planned"
					}
				}
				p.targets = inner.targets
				if argTarget >= 0 && (wrapper == FlagAppeal || wrapper == FlagDemand || len(p.targets) == 0) {
					p.targets = st.coordinated(argTarget)
				}
				if inner.pattern != nil && inner.pattern.Flags&FlagMove != 0 {
					p.pattern = inner.pattern
				}
				p.confidence = max(p.confidence, inner.confidence)
			}
		} else if obj < 0 || pat.Flags&FlagLight == 0 {
			// "rejected a US offer of talks": recode from the object noun;
			// "appealed to the UN for humanitarian aid": from the "for" phrase
			np, _, j := st.objectNoun(lex, trigEnd)
			if np == nil && (wrapper == FlagAppeal || wrapper == FlagDemand) {
				end := st.segmentEnd(trigEnd - 1)
				for k := trigEnd; k < end && k <= trigEnd+6; k++ {
					if st.words[k].low == "for" {
						np, _, j = st.objectNoun(lex, k+1)
						break
					}
				}
			}
			if np != nil && wrapper != FlagTry {
				p.code = wrap(wrapper, np.Code)
				if Root(np.Code) == Root(pat.Code) || Root(np.Code) == "10" || Root(np.Code) == "02" {
					p.code = pat.Code
				}
				p.trig1 = j + 1
			}
		}
	}
	if pat.Flags&FlagReport != 0 && p.code == pat.Code {
		p.report = true
		p.confidence = 0.3
	}
	passive := st.isPassive(i)
	if len(p.targets) == 0 {
		if passive {
			p.targets = st.subjectsBefore(subjEnd)
		} else {
			if p.trig1 > trigEnd && pat.Flags&FlagLight != 0 {
				// "provided ... backing to Assad": after the object noun first
				p.targets = st.objectsAfter(p.trig1, pat)
			}
			if len(p.targets) == 0 {
				p.targets = st.objectsAfter(trigEnd, pat)
			}
		}
	}
	if wrapper == FlagReject || authorVerbs[lemma] || Root(p.code) == "12" && !p.report {
		// "rejected a US offer", "rejected calls by Belarus's rulers": the author
		if a := st.authorOf(lex, trigEnd); len(a) > 0 {
			p.targets = a
		}
	}
	if len(p.targets) == 0 && (wrapper == FlagDemand || wrapper == FlagAppeal || Root(p.code) == "10" && !p.report) {
		// "demanded that the United States match ..."
		for j := trigEnd; j < len(st.words) && j <= trigEnd+3; j++ {
			if st.words[j].low == "that" {
				for k := j + 1; k < len(st.words) && k <= j+4; k++ {
					if c := st.chunkAt[k]; c >= 0 {
						p.targets = st.resolve(st.coordinated(c))
						break
					}
				}
				break
			}
		}
	}
	if passive {
		p.sources = st.agentAfter(trigEnd)
		if len(p.sources) == 0 {
			// "was arrested in Lebanon": the state where it happened
			end := st.segmentEnd(trigEnd - 1)
			for c, ch := range st.chunks {
				if ch.start >= trigEnd && ch.start < end && ch.inPP == "in" && len(ch.actor.Sectors) == 0 &&
					(ch.actor.Source == "name" || ch.actor.Source == "place") {
					p.sources = []int{c}
					break
				}
			}
		}
	} else {
		p.sources = st.subjectsBefore(subjEnd)
	}
	if st.parsed {
		// the parse fills what the word-order rules did not find
		dp := p
		st.depArgs(i, &dp, passive)
		if len(p.sources) == 0 {
			p.sources = dp.sources
		}
		if len(p.targets) == 0 {
			p.targets = dp.targets
		}
	} else if strings.HasSuffix(st.words[i].low, "ing") && i > 0 && st.words[i-1].low == "," {
		// "..., warning that": the subject of the main clause
		if s := st.mainSubject(); len(s) > 0 {
			p.sources = s
		}
	}
	if r := Root(p.code); (r == "09" || r == "11" || r == "14") && !passive && !p.report {
		// "investigating war crimes by Croatian extremists", "complained to
		// the UN over two Israeli air raids": the offender is the target
		if o := st.offender(max(trigEnd, p.trig1)); len(o) > 0 {
			p.targets = o
		}
	}
	if r := Root(p.code); (r == "10" || r == "14" || r == "17") && len(p.targets) == 0 && !passive && !p.report {
		// "to demand political reforms by President Suharto's government",
		// "prevented the demonstration staged by students"
		if a := st.nounAgent(max(trigEnd, p.trig1)); len(a) > 0 {
			p.targets = a
		}
	}
	if !passive {
		if o := st.othersTarget(i, trigEnd); len(o) > 0 {
			p.targets = o
		}
	}
	p.targets = without(p.targets, p.sources)
	if len(p.targets) == 0 && placeTargetRoots[Root(p.code)] && !p.report {
		// "lifted a state of emergency in West Darfur": the place's country
		end := st.segmentEnd(trigEnd - 1)
		for c, ch := range st.chunks {
			if ch.start >= trigEnd && ch.start < end && len(ch.actor.Sectors) == 0 && !ch.pronoun &&
				(ch.inPP == "in" || ch.inPP == "into" || ch.inPP == "across" || ch.inPP == "near" || ch.inPP == "around" || ch.inPP == "on") &&
				(ch.actor.Source == "name" || ch.actor.Source == "place" || ch.actor.Source == "capital" || ch.actor.Source == "possessive") {
				p.targets = []int{c}
				break
			}
		}
	}
	if Root(p.code) >= "17" {
		// "arrested 100 Palestinians": people attacked or detained are civilians
		for _, t := range p.targets {
			c := &st.chunks[t]
			if len(c.actor.Sectors) == 0 && c.end-c.start == 1 && strings.HasSuffix(st.words[c.start].low, "s") {
				if h, ok := st.sw.HitAt(c.start); ok && h.Entry.Kind == actors.KindDemonym {
					c.actor.Sectors = []string{"CVL"}
					c.actor.Code = c.actor.Country + "CVL"
				}
			}
		}
	}
	if obj >= 0 && st.chunkAt[obj] >= 0 && (st.chunks[st.chunkAt[obj]].actor.Source == "role" || st.chunks[st.chunkAt[obj]].actor.Source == "context") {
		// the matched object noun is the thing, not the target: "shared intelligence"
		p.targets = without(p.targets, []int{st.chunkAt[obj]})
		if len(p.targets) == 0 {
			p.targets = st.objectsAfter(obj+1, pat)
		}
	}
	if p.pattern != nil && p.pattern.Flags&FlagMove != 0 {
		// "visited Damascus": the capital is the destination, not its government
		for _, c := range p.targets {
			if a := &st.chunks[c].actor; a.Source == "capital" {
				a.Sectors, a.Code = nil, a.Country
			}
		}
	}
	if r := Root(p.code); (r == "04" || r == "05" || r == "06") && len(p.sources) > 0 && !p.report {
		p.targets = st.hostTargets(p)
	}
	if len(p.sources) > 1 && symmetric[Root(p.code)] && len(p.targets) > 0 {
		// "Israel and Lebanon renewed negotiations on an Israeli troop pullback":
		// coordinated subjects of a joint act act on each other
		sameSide := false
		for _, t := range p.targets {
			for _, s := range p.sources {
				if st.chunks[t].actor.Country == st.chunks[s].actor.Country {
					sameSide = true
				}
			}
		}
		if sameSide {
			p.targets = nil
		}
	}
	if len(p.sources) > 1 && len(p.targets) == 1 {
		// "Iran and Syria signed ... in Damascus": a place, not a third party
		if t := st.chunks[p.targets[0]]; (t.inPP == "in" || t.inPP == "at") && len(t.actor.Sectors) == 0 {
			p.targets = nil
		}
	}
	// "a suicide bomber killed": the bombing is the event
	if r := Root(p.code); (r == "18" || r == "19") && len(p.sources) > 0 {
		src := st.chunks[p.sources[0]]
		for k := src.start; k < src.end; k++ {
			if w := st.words[k].low; strings.HasPrefix(w, "bomber") {
				p.code = "183"
				if k > 0 && st.words[k-1].low == "suicide" {
					p.code = "1831"
				}
			}
		}
	}
	if len(p.sources) > 0 {
		p.confidence += 0.1
	}
	if len(p.targets) > 0 {
		p.confidence += 0.05
	}
	st.modality(i, &p)
	return p, true
}

// codeNoun codes the nominal event at word i ("a surprise visit", "the offensive").
func (st *sentence) codeNoun(lex *Lexicon, i int) (proto, bool) {
	np, start := st.nounCode(lex, i)
	if np == nil {
		return proto{}, false
	}
	p := proto{code: np.Code, head: i, trig0: start, trig1: i + 1, noun: true, pattern: np, confidence: 0.4}
	st.consumed[i] = true
	// possessor or modifier: "the Assad regime's offensive", "Israeli air raids"
	for j := start - 1; j >= 0 && j >= start-4; j-- {
		if c := st.chunkAt[j]; c >= 0 {
			p.sources = st.coordinatedBack(c)
			break
		}
		w := st.words[j].low
		if !(determiners[w] || strings.HasSuffix(w, "ing") || isAdjectiveLike(w)) {
			break
		}
	}
	if len(p.sources) == 0 {
		if a := st.agentAfter(i + 1); len(a) > 0 {
			p.sources = a
		}
	}
	inPP := false
	lower := 0
	for j := start - 1; j >= 0 && j >= start-7; j-- {
		w := st.words[j].low
		if prepositions[w] {
			inPP = true
			break
		}
		// "in the biggest politically motivated cyber attack"
		if determiners[w] || isAdjectiveLike(w) || st.chunkAt[j] >= 0 || strings.HasSuffix(w, "ing") ||
			j >= start-5 && isLowerWord(w) && (strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "est") || strings.HasSuffix(w, "ed") && !beForms[w] && !auxiliaries[w]) {
			continue
		}
		// a compound modifier: "ahead of peace talks"
		if lower < 2 && isLowerWord(w) && !nounStop[w] && st.verbLemma(lex, j) == "" {
			lower++
			continue
		}
		break
	}
	if inPP {
		p.confidence -= 0.2
	}
	if len(p.sources) == 0 && (!inPP || np.Flags&FlagMove != 0) {
		// "said Monday at the start of a visit to Damascus": the visitor is the subject
		p.sources = st.subjectsBefore(start)
	}
	// target: "against X", "on X", "to X", "with X"
	end := st.segmentEnd(i)
	limit := i + 4
scan:
	for j := i + 1; j < end && j <= limit; j++ {
		w := st.words[j].low
		if w == "against" || w == "on" || w == "to" || w == "with" || w == "in" || w == "of" || w == "at" ||
			w == "from" && limit > i+4 {
			for k := j + 1; k < end && k <= j+5; k++ {
				if c := st.chunkAt[k]; c >= 0 {
					if ch := st.chunks[c]; (ch.own || ch.ctxSubj) && limit == i+4 {
						// "the withdrawal of some invasion forces from
						// Panama": past the actor's own forces
						j = ch.end - 1
						limit = ch.end + 2
						continue scan
					}
					p.targets = st.coordinated(c)
					break
				}
			}
			break
		}
	}
	p.targets = without(p.targets, p.sources)
	if len(p.sources) == 0 && len(p.targets) == 0 {
		return proto{}, false
	}
	if len(p.sources) > 0 {
		p.confidence += 0.1
	}
	if len(p.sources) > 0 && len(p.targets) > 0 {
		p.confidence += 0.1
	}
	st.modality(i, &p)
	return p, true
}

func isAdjectiveLike(w string) bool {
	for _, suf := range []string{"al", "ic", "ful", "ous", "ive", "ary", "ed", "-scale", "-range"} {
		if strings.HasSuffix(w, suf) && len(w) > 4 {
			return true
		}
	}
	switch w {
	case "surprise", "new", "latest", "major", "fresh", "joint", "full", "air", "ground", "last", "brief",
		"first", "second", "two-day", "three-day", "official", "state", "large", "massive", "heavy", "deadly":
		return true
	}
	return false
}

// isPassive reports "was attacked", "has been indicted", "were killed".
func (st *sentence) isPassive(i int) bool {
	w := st.words[i]
	if st.parsed {
		for j, d := range st.words {
			if d.head != i {
				continue
			}
			if d.deprel == "aux:pass" || d.deprel == "nsubj:pass" || d.deprel == "obl:agent" {
				return true
			}
			// "remains targeted by Israel": a by-phrase under a participle
			if strings.HasPrefix(d.deprel, "obl") && strings.HasSuffix(w.low, "ed") {
				for _, c := range st.words {
					if c.head == j && c.deprel == "case" && c.low == "by" {
						return true
					}
				}
			}
		}
		return false
	}
	if !(strings.HasSuffix(w.low, "ed") || strings.HasSuffix(w.low, "en") || irregular[w.low] != "") {
		return false
	}
	if adjectival[w.low] {
		return false
	}
	if strings.HasSuffix(w.low, "ed") && i+2 < len(st.words) && st.words[i+1].low == "by" &&
		(st.chunkAt[i+2] >= 0 || i+3 < len(st.words) && determiners[st.words[i+2].low] && st.chunkAt[i+3] >= 0) {
		return true // "a deal brokered by Turkey"
	}
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		p := st.words[j].low
		if beForms[p] && p != "'s" {
			return true
		}
		if !(auxiliaries[p] || strings.HasSuffix(p, "ly")) {
			return false
		}
	}
	return false
}

// placeTargetRoots code the country where the act happens as its target
// when no one else is named: curfews lifted, forces deployed, attacks.
var placeTargetRoots = map[string]bool{"08": true, "14": true, "15": true, "16": true, "17": true, "18": true, "19": true, "20": true}

// symmetric roots: joint acts of coordinated subjects (agree, meet, sign, cooperate).
var symmetric = map[string]bool{"03": true, "04": true, "05": true, "06": true}

// adjectival participles: "is opposed to", "is committed to".
var adjectival = map[string]bool{
	"opposed": true, "committed": true, "determined": true, "prepared": true, "concerned": true,
	"involved": true, "interested": true, "pleased": true, "satisfied": true, "worried": true,
	"engaged": true, "based": true, "supposed": true, "entitled": true, "convinced": true,
}

// objectOfVerb reports a chunk that directly follows a verb (skipping
// determiners and numbers): the object of an earlier verb, not a subject.
func (st *sentence) objectOfVerb(ch chunk) bool {
	for j := ch.start - 1; j >= 0 && j >= ch.start-4; j-- {
		w := st.words[j].low
		if determiners[w] || w[0] >= '0' && w[0] <= '9' || numberWords[w] || quantityWords[w] || w == "up" || w == "to" && j > 0 && st.words[j-1].low == "up" ||
			w == "about" || w == "some" || w == "more" || w == "than" || w == "at" && false {
			continue
		}
		return strings.HasSuffix(w, "ed") && !beForms[w] && !adjectival[w]
	}
	return false
}

// othersTarget codes "killed two Iraqi youths and wounded five others":
// "others" after the second verb are more of the first verb's object.
func (st *sentence) othersTarget(i, from int) []int {
	k := from
	for k < len(st.words) && (numberLike(st.words[k].low) || quantityWords[st.words[k].low]) {
		k++
	}
	if k >= len(st.words) || k == from || st.words[k].low != "others" || i < 2 || st.words[i-1].low != "and" {
		return nil
	}
	if c := st.chunkAt[i-2]; c >= 0 && st.objectOfVerb(st.chunks[c]) {
		return []int{c}
	}
	return nil
}

// hostTargets checks the targets of a joint act (consult, sign, cooperate)
// of a state actor: its own country, bare, is no partner ("signed an
// agreement designed to ensure the presence of Iran in Syria" by an Iranian
// minister). Without a partner (none named, or only its own country), the
// foreign country the source is in
// earlier in the clause hosts the act: "was in Damascus last week and
// signed an agreement" -> SYR.
func (st *sentence) hostTargets(p proto) []int {
	own := st.chunks[p.sources[0]].actor.Country
	if len(own) != 3 || own == "IGO" || own == "NGO" || own == "IMG" {
		return p.targets
	}
	var keep []int
	for _, t := range p.targets {
		if a := st.chunks[t].actor; a.Country == own && len(a.Sectors) == 0 {
			continue
		}
		keep = append(keep, t)
	}
	if len(keep) > 0 {
		return keep
	}
	src := st.chunks[p.sources[len(p.sources)-1]]
	for c := st.chunkAt[src.start] + 1; c < len(st.chunks) && st.chunks[c].end <= p.trig0; c++ {
		ch := st.chunks[c]
		if (ch.inPP == "in" || ch.inPP == "to") && len(ch.actor.Country) == 3 && ch.actor.Country != own &&
			(ch.actor.Source == "capital" || ch.actor.Source == "name" || ch.actor.Source == "place") {
			return []int{c}
		}
	}
	return nil
}

// quantityWords come between a verb and its object: "killed at least
// 20", "tortured scores of".
var quantityWords = map[string]bool{"scores": true, "nearly": true, "almost": true, "least": true, "over": true, "dozen": true, "one": true}

// subjectsBefore returns the subject chunks before word i: the nearest
// chunk outside a prepositional phrase, with its coordinated chunks.
func (st *sentence) subjectsBefore(i int) []int {
	best := -1
	fallback := -1
	for c := len(st.chunks) - 1; c >= 0; c-- {
		ch := st.chunks[c]
		if ch.end > i {
			continue
		}
		// a boundary word between the chunk and the trigger ends the search
		blocked := false
		for k := ch.end; k < i; k++ {
			if w := st.words[k].low; w == ";" || w == "but" || w == "whereas" {
				blocked = true
			}
		}
		if blocked {
			break
		}
		if gap := i - ch.end; gap >= 1 && gap <= 2 && st.words[i-1].low == "and" && (gap == 1 || st.words[i-2].low == ",") && st.objectOfVerb(ch) {
			// "killed two Iraqi youths and wounded five others": the
			// subject of the first verb
			for v := ch.start - 1; v >= 0 && v >= ch.start-5; v-- {
				if w := st.words[v].low; strings.HasSuffix(w, "ed") && !beForms[w] {
					return st.subjectsBefore(v)
				}
			}
		}
		if ch.inPP != "" && ch.inPP != "by" || st.objectOfVerb(ch) {
			if fallback < 0 {
				fallback = c
			}
			continue
		}
		best = c
		break
	}
	if best < 0 {
		best = fallback
	}
	if best < 0 {
		return nil
	}
	return st.resolve(st.coordinatedBack(best))
}

// resolve replaces pronoun chunks by the first actor chunk before them.
func (st *sentence) resolve(cs []int) []int {
	var out []int
	for _, c := range cs {
		if !st.chunks[c].pronoun {
			out = append(out, c)
			continue
		}
		for k := 0; k < c; k++ {
			if !st.chunks[k].pronoun && st.chunks[k].inPP == "" {
				out = append(out, k)
				break
			}
		}
		if len(out) == 0 {
			out = append(out, c) // unresolved: coded from context later
		}
	}
	return out
}

// coordinatedBack returns chunk c with the chunks coordinated before it:
// "Iran and Russia", "Hungarian and Romanian officials".
func (st *sentence) coordinatedBack(c int) []int {
	out := []int{c}
	for k := c - 1; k >= 0 && len(out) < 5; k-- {
		gap := st.words[st.chunks[k].end:st.chunks[k+1].start]
		// "Iran, Russia and Turkey": the conjunction comes last, so the
		// first gap back must hold it ("Syria, Zarif said" is no list)
		if !isCoordination(gap) || k == c-1 && !hasConjunction(gap) {
			break
		}
		out = append([]int{k}, out...)
	}
	return out
}

// coordinated returns chunk c with the chunks coordinated after it.
func (st *sentence) coordinated(c int) []int {
	out := []int{c}
	conj := false // a list joined by commas must end with a conjunction
	for k := c + 1; k < len(st.chunks) && len(out) < 6; k++ {
		gap := st.words[st.chunks[k-1].end:st.chunks[k].start]
		if !isCoordination(gap) {
			break
		}
		out = append(out, k)
		if hasConjunction(gap) {
			conj = true
		}
	}
	// "with Bulgaria, Macedonian officials said": no list without "and"
	for !conj && len(out) > 1 {
		out = out[:len(out)-1]
	}
	return out
}

func isCoordination(gap []word) bool {
	if len(gap) == 0 || len(gap) > 3 {
		return false
	}
	and := false
	for _, w := range gap {
		switch w.low {
		case "and", "&", "or":
			and = true
		case ",", "the", "both", "with":
		default:
			return false
		}
	}
	return and || len(gap) == 1 && gap[0].low == ","
}

// objectsAfter returns the target chunks after word from.
func (st *sentence) objectsAfter(from int, pat *Pattern) []int {
	end := st.segmentEnd(from - 1)
	firstComma := end
	for j := from; j < end; j++ {
		if st.words[j].low == "," {
			firstComma = j
			break
		}
	}
	move := pat != nil && pat.Flags&FlagMove != 0
	wantPrep := map[string]bool{}
	if pat != nil {
		for _, p := range pat.Preps {
			wantPrep[p] = true
		}
	}
	last := false
	pick := func(ok func(ch chunk) bool, limit int) int {
		for c, ch := range st.chunks {
			if ch.start < from || ch.start >= limit || ch.pronoun && ch.inPP == "" || ch.own || ch.ctxSubj && !last || st.possessedNounPP(ch) {
				continue
			}
			if ok(ch) {
				return c
			}
		}
		return -1
	}
	c := -1
	if len(wantPrep) > 0 {
		c = pick(func(ch chunk) bool { return wantPrep[ch.inPP] }, firstComma)
	}
	// "strengthened its forces in Lebanon", "withdraw its troops from Chad":
	// after the actor's own forces, the place they act on
	for k, ch := range st.chunks {
		if ch.start < from || ch.start >= firstComma || c >= 0 {
			continue
		}
		if ch.own || ch.ctxSubj {
			for k2 := k + 1; k2 < len(st.chunks) && st.chunks[k2].start < firstComma; k2++ {
				switch st.chunks[k2].inPP {
				case "in", "into", "to", "from", "along", "near", "on", "inside", "against":
					c = k2
				}
				if c >= 0 {
					break
				}
			}
		}
		break
	}
	if c < 0 && move {
		c = pick(func(ch chunk) bool { return ch.inPP == "to" || ch.inPP == "in" || ch.inPP == "at" || ch.inPP == "" }, end)
	}
	near := min(firstComma, from+5)
	if c < 0 {
		c = pick(func(ch chunk) bool { return ch.inPP == "" || ch.inPP == "of" }, near)
	}
	if c < 0 {
		c = pick(func(ch chunk) bool {
			switch ch.inPP {
			case "against", "to", "with", "on", "for", "from", "over", "toward", "towards", "into", "upon", "between":
				return true
			}
			return false
		}, firstComma)
	}
	if c < 0 {
		// "launched artillery, mortar, and rocket fire against Kampuchean
		// guerrilla camps": an "against" phrase past the commas of a list
		c = pick(func(ch chunk) bool { return ch.inPP == "against" }, end)
	}
	if c < 0 {
		c = pick(func(ch chunk) bool { return ch.inPP == "" || ch.inPP == "of" }, firstComma)
	}
	if c < 0 {
		c = pick(func(ch chunk) bool {
			return ch.inPP != "by" && ch.inPP != "according" && ch.inPP != "after" && ch.inPP != "during" && ch.inPP != "through"
		}, firstComma)
	}
	if c < 0 && pat != nil && len(pat.Preps) > 0 {
		c = pick(func(ch chunk) bool {
			return ch.inPP == "" || ch.inPP == "to" || ch.inPP == "against" || ch.inPP == "with"
		}, end)
	}
	if c < 0 {
		// role-only chunks of the subject's country: "released 300 government soldiers"
		last = true
		c = pick(func(ch chunk) bool { return ch.inPP == "" || ch.inPP == "of" }, firstComma)
	}
	if c < 0 {
		return nil
	}
	return st.resolve(st.coordinated(c))
}

// possessedNounPP reports a chunk in a prepositional phrase that modifies
// a possessed noun: "near Macedonia's border with Bulgaria" -- the phrase
// belongs to the border, not to the verb.
func (st *sentence) possessedNounPP(ch chunk) bool {
	j := ch.start - 1 // the preposition, after determiners
	for j > 0 && determiners[st.words[j].low] {
		j--
	}
	if j < 2 || st.words[j].low != ch.inPP || !isLowerWord(st.words[j-1].low) {
		return false
	}
	k := j - 2 // "'s", inside the possessor's chunk or right after it
	if w := st.words[k].low; w != "'s" && w != "’s" {
		return false
	}
	return st.chunkAt[k] >= 0 || k > 0 && st.chunkAt[k-1] >= 0
}

// agentAfter returns the chunks of a "by X" phrase after word from.
func (st *sentence) agentAfter(from int) []int {
	end := st.segmentEnd(from - 1)
	for j := from; j < end && j <= from+6; j++ {
		if st.words[j].low == "by" {
			for k := j + 1; k < end && k <= j+4; k++ {
				if c := st.chunkAt[k]; c >= 0 {
					return st.coordinated(c)
				}
			}
			return nil
		}
	}
	return nil
}

func without(a, b []int) []int {
	var out []int
	for _, x := range a {
		keep := true
		for _, y := range b {
			if x == y {
				keep = false
			}
		}
		if keep {
			out = append(out, x)
		}
	}
	return out
}

// depArgs refines the arguments of the verb at i from the dependency parse:
// nsubj (source), nsubj:pass (target), obj/iobj/obl (target), obl:agent
// (source), following xcomp control up to the governing verb.
func (st *sentence) depArgs(i int, p *proto, passive bool) {
	chunkOf := func(h int) int {
		if c := st.chunkAt[h]; c >= 0 {
			return c
		}
		for j, w := range st.words {
			if w.head == h && st.chunkAt[j] >= 0 && (w.deprel == "compound" || w.deprel == "amod" ||
				w.deprel == "nmod:poss" || w.deprel == "nmod" || w.deprel == "flat" || w.deprel == "appos") {
				return st.chunkAt[j]
			}
		}
		return -1
	}
	var subj, obj, agent []int
	var obl = map[string]int{}
	collect := func(v int) {
		for j, w := range st.words {
			if w.head != v {
				continue
			}
			c := chunkOf(j)
			if c < 0 {
				continue
			}
			switch {
			case w.deprel == "nsubj" || w.deprel == "nsubj:pass" || w.deprel == "csubj":
				subj = append(subj, st.depConj(j, c, chunkOf)...)
			case w.deprel == "obj" || w.deprel == "iobj":
				obj = append(obj, st.depConj(j, c, chunkOf)...)
			case w.deprel == "obl:agent":
				agent = append(agent, st.depConj(j, c, chunkOf)...)
			case strings.HasPrefix(w.deprel, "obl"):
				prep := ""
				for _, x := range st.words {
					if x.head == j && x.deprel == "case" {
						prep = x.low
					}
				}
				if prep == "by" && passive {
					agent = append(agent, st.depConj(j, c, chunkOf)...)
				} else if _, seen := obl[prep]; !seen {
					obl[prep] = c
				}
			}
		}
	}
	collect(i)
	// controlled subjects: "agreed to visit" -> subject of "agreed"
	for v, hops := i, 0; len(subj) == 0 && hops < 3; hops++ {
		w := st.words[v]
		if w.head < 0 || !(w.deprel == "xcomp" || w.deprel == "conj" || w.deprel == "advcl" || w.deprel == "ccomp") {
			break
		}
		v = w.head
		for j, d := range st.words {
			if d.head == v && (d.deprel == "nsubj" || d.deprel == "nsubj:pass") {
				if c := chunkOf(j); c >= 0 {
					subj = st.depConj(j, c, chunkOf)
				}
			}
		}
		if w.deprel == "ccomp" || w.deprel == "advcl" {
			break
		}
	}
	subj = st.resolve(subj)
	if passive {
		if len(subj) > 0 {
			p.targets = subj
		}
		if len(agent) > 0 {
			p.sources = agent
		}
		return
	}
	if len(subj) > 0 {
		p.sources = subj
	}
	if len(obj) > 0 {
		p.targets = obj
		return
	}
	if p.pattern != nil {
		for _, pr := range p.pattern.Preps {
			if c, ok := obl[pr]; ok {
				p.targets = st.coordinated(c)
				return
			}
		}
	}
}

// depConj returns chunk c of word j with the chunks of its conj dependents.
func (st *sentence) depConj(j, c int, chunkOf func(int) int) []int {
	out := []int{c}
	for k, w := range st.words {
		if w.head == j && w.deprel == "conj" {
			if c2 := chunkOf(k); c2 >= 0 && c2 != c {
				out = append(out, c2)
			}
		}
	}
	return out
}

// modality sets the modality of p from the words before the trigger and
// recodes planned cooperation as intent and negated cooperation as rejection.
func (st *sentence) modality(i int, p *proto) {
	neg, planned, hypo := false, p.modality == "planned", false
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		w := st.words[j].low
		switch w {
		case "not", "n't", "never", "no", "cannot":
			neg = true
		case "will", "'ll", "shall":
			planned = true
		case "must", "should", "ought":
			p.obligation = true
		case "would", "could", "may", "might":
			hypo = true
		case "to":
			if j > 0 && plannedAdjectives[st.words[j-1].low] {
				planned = true
			}
			if j > 0 && (st.words[j-1].low == "has" || st.words[j-1].low == "have" || st.words[j-1].low == "need") {
				p.obligation = true
			}
		}
		if st.chunkAt[j] >= 0 || w == "," {
			break
		}
	}
	if j := i - 1; j > 0 && st.words[j].low == "longer" && st.words[j-1].low == "no" {
		neg = true
	}
	conditional := false
	for j := 0; j < len(st.words); j++ {
		if w := st.words[j].low; w == "if" || w == "unless" {
			conditional = true
		}
	}
	root := Root(p.code)
	coop := root >= "03" && root <= "08"
	switch {
	case neg:
		p.modality = "negated"
		if coop {
			p.code = wrap(FlagReject, p.code)
		}
	case planned && conditional && (root == "08" || root == "16" || root >= "17"):
		p.modality = "hypothetical"
		p.code = wrap(FlagThreaten, p.code)
	case hypo && conditional:
		p.modality = "hypothetical"
	case planned || hypo && !conditional:
		p.modality = "planned"
		if coop && root != "03" {
			p.code = wrap(FlagIntent, p.code)
		} else if root >= "14" && !p.noun {
			// "will boycott", "would blockade Paris": a threat
			p.code = wrap(FlagThreaten, p.code)
		}
	case p.modality == "":
		p.modality = "asserted"
	}
}

// obligations recodes "X said (that) Y must VERB" as X demanding that Y
// VERB: the reporting verb's subject is the source, the clause subject the
// target.
func (st *sentence) obligations(ps []proto) {
	for i := range ps {
		p := &ps[i]
		if !p.obligation || p.report {
			continue
		}
		for j := range ps {
			r := &ps[j]
			if !r.report || len(r.sources) == 0 || r.head == p.head {
				continue
			}
			p.code = wrap(FlagDemand, p.code)
			p.targets = p.sources
			p.sources = r.sources
			p.modality = "asserted"
			p.confidence += 0.05
			break
		}
	}
}

var subordinators = map[string]bool{
	"who": true, "which": true, "that": true, "whom": true, "after": true, "following": true,
	"because": true, "despite": true, "amid": true, "during": true, "since": true, "before": true,
	"when": true, "while": true, "if": true, "unless": true, "as": true, "until": true,
}

// demote lowers the confidence of events in subordinate material: relative
// and adverbial clauses, "-ing" participles after a comma, nominal events
// inside adjunct phrases.
func (st *sentence) demote(ps []proto) {
	for i := range ps {
		p := &ps[i]
		for j := p.trig0 - 1; j >= 0 && j >= p.trig0-6; j-- {
			w := st.words[j].low
			if subordinators[w] {
				p.confidence -= 0.12
				break
			}
			if st.chunkAt[j] >= 0 && !p.noun {
				break
			}
		}
		w := st.words[p.head].low
		prev := ""
		if p.head > 0 {
			prev = st.words[p.head-1].low
		}
		switch {
		case p.noun:
		case strings.HasSuffix(w, "ing") && prev == ",":
			p.confidence -= 0.15
		case strings.HasSuffix(w, "ing") && !beForms[prev] && !auxiliaries[prev] && st.chunkAt[max(p.head-1, 0)] < 0:
			// a participle clause: "a resolution criticising ..."
			p.confidence -= 0.15
		case strings.HasSuffix(w, "ed") && p.head > 0 && !beForms[prev] && !auxiliaries[prev] && st.chunkAt[p.head-1] < 0 &&
			!strings.HasSuffix(prev, "ly") && p.head+1 < len(st.words) && st.words[p.head+1].low == "by":
			// a reduced relative: "property seized by government forces"
			p.confidence -= 0.15
		case prev == "to" && p.modality != "planned":
			// a purpose clause: "summoned the ambassador to protest"
			p.confidence -= 0.2
		}
		if p.deniedBy {
			p.confidence -= 0.3
		}
	}
}

// demoteDemanded lowers the events of a "that" clause after a demand: in
// "reiterated its demand that Israel ease restrictions" the easing is what
// is asked for, not an event.
func (st *sentence) demoteDemanded(ps []proto) {
	for i := range ps {
		p := &ps[i]
		if r := Root(p.code); r != "10" && r != "02" || p.report {
			continue
		}
		end := st.segmentEnd(p.trig1 - 1)
		that := -1
		for j := p.trig1; j < end && j <= p.trig1+3; j++ {
			if st.words[j].low == "that" {
				that = j
				break
			}
		}
		if that < 0 {
			continue
		}
		for k := range ps {
			if q := &ps[k]; k != i && q.trig0 > that && q.trig0 <= that+8 {
				q.confidence -= 0.15
			}
		}
	}
}

// mainSubject returns the first actor chunk outside a prepositional phrase.
func (st *sentence) mainSubject() []int {
	for c, ch := range st.chunks {
		if !ch.pronoun && ch.inPP == "" {
			return st.coordinated(c)
		}
	}
	return nil
}

// authorVerbs react to a proposal: its author is the target.
var authorVerbs = map[string]bool{
	"reject": true, "refuse": true, "decline": true, "dismiss": true, "rebuff": true, "spurn": true,
	"turn": true, "accept": true, "welcome": true, "praise": true, "criticize": true, "criticise": true,
	"condemn": true, "oppose": true, "endorse": true, "support": true, "back": true, "veto": true,
	"denounce": true, "hail": true,
}

// requestNouns are proposals whose author is the target of their rejection
// or acceptance.
var requestNouns = map[string]bool{
	"offer": true, "proposal": true, "call": true, "appeal": true, "demand": true, "request": true,
	"invitation": true, "plan": true, "ultimatum": true, "change": true, "initiative": true,
	"statement": true, "decision": true, "policy": true, "resolution": true, "idea": true,
	"suggestion": true, "bid": true, "peace plan": true, "mediation": true, "ban": true,
}

// authorOf finds the author of a request noun in the object after a verb:
// a modifier ("a US offer"), a possessor ("Iraq's proposal") or a
// "from/by X" after the noun.
func (st *sentence) authorOf(lex *Lexicon, from int) []int {
	end := st.segmentEnd(from - 1)
	for j := from; j < end && j <= from+6; j++ {
		w := st.words[j].low
		base := strings.TrimSuffix(w, "s")
		if !requestNouns[w] && !requestNouns[base] {
			continue
		}
		for k := j - 1; k >= from; k-- {
			if c := st.chunkAt[k]; c >= 0 {
				return []int{c}
			}
			if !(determiners[st.words[k].low] || isAdjectiveLike(st.words[k].low) || st.words[k].low == "peace") {
				break
			}
		}
		for k := j + 1; k < end && k <= j+2; k++ {
			if w2 := st.words[k].low; w2 == "from" || w2 == "by" {
				for m := k + 1; m < end && m <= k+4; m++ {
					if c := st.chunkAt[m]; c >= 0 {
						return []int{c}
					}
				}
			}
		}
		return nil
	}
	return nil
}

// denials codes "X denied (that) ..." as 016 and marks the denied events.
func (st *sentence) denials(ps []proto) {
	for i := range ps {
		p := &ps[i]
		if p.noun || p.pattern == nil || p.pattern.Lemma != "deny" {
			continue
		}
		that := -1
		for j := p.trig1; j < len(st.words) && j <= p.trig1+3; j++ {
			if st.words[j].low == "that" {
				that = j
				break
			}
		}
		if that < 0 {
			continue
		}
		p.code = "016"
		p.targets = nil
		for k := range ps {
			if k != i && ps[k].head > that {
				ps[k].deniedBy = true
				ps[k].modality = "negated"
			}
		}
	}
}

// bareObligations adds a demand for "X said (that) Y must VERB" when VERB is
// not itself an event: "said US and British forces must ensure security".
func (st *sentence) bareObligations(ps []proto) []proto {
	var report *proto
	for i := range ps {
		if ps[i].report && len(ps[i].sources) > 0 {
			report = &ps[i]
			break
		}
	}
	if report == nil {
		return ps
	}
	for m, w := range st.words {
		if (w.low != "must" && w.low != "should") || m <= report.head || m+1 >= len(st.words) {
			continue
		}
		v := m + 1
		for v < len(st.words) && (strings.HasSuffix(st.words[v].low, "ly") || st.words[v].low == "not") {
			v++
		}
		if v >= len(st.words) || !isLowerWord(st.words[v].low) || st.chunkAt[v] >= 0 {
			continue
		}
		covered := false
		for _, p := range ps {
			if p.trig0 <= v && v < p.trig1 || p.head == v || p.head > m && p.head <= v+3 {
				covered = true
			}
		}
		if covered {
			continue
		}
		subj := st.subjectsBefore(m)
		if len(subj) == 0 {
			continue
		}
		src := report.sources
		ps = append(ps, proto{code: "100", head: v, trig0: v, trig1: v + 1, sources: src, targets: without(subj, src),
			modality: "asserted", confidence: 0.7})
	}
	return ps
}

// inheritPlans makes nominal events in the clause of a planned verb planned
// too: "will travel to Tehran for a trilateral meeting".
func (st *sentence) inheritPlans(ps []proto) {
	for i := range ps {
		n := &ps[i]
		if !n.noun || n.modality == "negated" {
			continue
		}
		for _, v := range ps {
			if v.noun || v.head >= n.head || st.segmentEnd(v.head) < n.head {
				continue
			}
			if v.modality == "planned" && n.modality != "planned" {
				n.modality = "planned"
				if r := Root(n.code); r >= "04" && r <= "08" {
					n.code = wrap(FlagIntent, n.code)
				}
			}
			// "travelled to Tehran for talks": the traveller talks
			if len(n.sources) == 0 && len(v.sources) > 0 && n.trig0 > 0 && st.words[n.trig0-1].low == "for" ||
				len(n.sources) == 0 && len(v.sources) > 0 && n.trig0 > 1 && st.words[n.trig0-2].low == "for" && determiners[st.words[n.trig0-1].low] ||
				len(n.sources) == 0 && len(v.sources) > 0 && n.trig0 > 2 && st.words[n.trig0-3].low == "for" && determiners[st.words[n.trig0-2].low] {
				n.sources = v.sources
				n.confidence += 0.2
			}
		}
	}
}

// offenceNouns are acts whose author an accusation, protest or
// investigation is aimed at.
var offenceNouns = map[string]bool{
	"crime": true, "violation": true, "abuse": true, "suppression": true, "repression": true,
	"crackdown": true, "killing": true, "massacre": true, "atrocity": true, "atrocities": true,
	"attack": true, "raid": true, "bombing": true, "shelling": true, "occupation": true,
	"aggression": true, "persecution": true, "torture": true, "harassment": true, "arrest": true,
	"detention": true, "invasion": true, "incursion": true, "treatment": true, "discrimination": true,
	"interference": true, "execution": true, "genocide": true, "cleansing": true, "deportation": true,
	"expulsion": true, "blockade": true, "intervention": true, "misconduct": true, "fraud": true,
	"corruption": true, "assassination": true, "murder": true, "strike": true, "airstrike": true,
}

// offender finds the author of an offence noun in the clause after word
// from: a modifier or possessor ("Israeli air raids", "Serbia's
// suppression") or a "by X" phrase after it ("crimes committed by Croat
// forces").
func (st *sentence) offender(from int) []int {
	if from < len(st.words) && st.words[from].low == "as" {
		from++ // "denounced as an ugly crime Serbia's suppression"
	}
	end := st.segmentEnd(from - 1)
	for j := from; j < end && j <= from+20; j++ {
		w := st.words[j].low
		if !offenceNouns[w] && !offenceNouns[strings.TrimSuffix(w, "s")] {
			continue
		}
		for k := j - 1; k >= from; k-- {
			if c := st.chunkAt[k]; c >= 0 {
				if ch := st.chunks[c]; !ch.pronoun && ch.actor.Country != "" {
					return []int{c}
				}
				break
			}
			if x := st.words[k].low; !(determiners[x] || isAdjectiveLike(x) || x == "air" || x == "rights" || x == "human" || x == "war" || x == "alleged" || x == "'s") {
				break
			}
		}
		for k := j + 1; k < end && k <= j+5; k++ {
			x := st.words[k].low
			if x == "," || x == "and" {
				break
			}
			if x != "by" {
				continue
			}
			for m := k + 1; m < end && m <= k+4; m++ {
				if c := st.chunkAt[m]; c >= 0 {
					if ch := st.chunks[c]; !ch.pronoun && ch.actor.Country != "" {
						return st.coordinated(c)
					}
					return nil
				}
			}
			return nil
		}
	}
	return nil
}

// nounAgent finds a "by X" phrase after a noun (or a noun and its
// participle) in the clause after word from: the doer of what the event
// is about.
func (st *sentence) nounAgent(from int) []int {
	end := st.segmentEnd(from - 1)
	for k := from + 1; k < end && k <= from+10; k++ {
		if st.words[k].low != "by" {
			continue
		}
		prev := st.words[k-1].low
		if k-2 >= from && strings.HasSuffix(prev, "ed") {
			prev = st.words[k-2].low // "the demonstration staged by"
		}
		if !isLowerWord(prev) || determiners[prev] || prepositions[prev] || st.chunkAt[k-1] >= 0 {
			return nil
		}
		for m := k + 1; m < end && m <= k+4; m++ {
			if c := st.chunkAt[m]; c >= 0 {
				if ch := st.chunks[c]; !ch.pronoun {
					return st.coordinated(c)
				}
				return nil
			}
		}
		return nil
	}
	return nil
}
