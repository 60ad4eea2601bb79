// Package events codes who did what to whom in a document: CAMEO event
// codes with PLOVER types and modes, source and target actors from the
// dependency structure (or, without a parse, from the word order), place,
// date, modality and confidence, each with its evidence (sentence and
// trigger spans).
//
// The verb and noun pattern lexicon (lexicon.txt) is written by the project
// and can be extended with files in the same format. When the syntax layer is
// absent the coder falls back to lower-cased word forms, a small suffix
// lemmatizer and linear argument rules, so that it runs on tokens alone.
package events

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep/actors"
	"github.com/sitrep/sitrep/document"
)

// Options configure the events stage.
type Options struct {
	// Patterns are extra pattern files in the lexicon.txt format.
	Patterns []string
	// Actors are CAMEO/PETRARCH actor dictionaries added to the built-in
	// actor lexicon.
	Actors []string
	// ActorLexicon, when set, is used instead of building one from Actors
	// (share the actors stage's: actors.Stage.Lexicon()).
	ActorLexicon *actors.Lexicon
	// MinConfidence drops events below this confidence.
	MinConfidence float64
	// Dependencies takes sources and targets from the dependency parse
	// when the syntax layer has run. Off by default: with the project's
	// parser the word-order rules score better (see the README).
	Dependencies bool
}

// Stage fills Document.Events.
type Stage struct {
	lex   *Lexicon
	alex  *actors.Lexicon
	opts  Options
	codes map[string]CodeInfo
}

// NewStage builds the events stage.
func NewStage(opts Options) (*Stage, error) {
	var lex *Lexicon
	var err error
	if len(opts.Patterns) > 0 {
		lex, err = NewLexicon(opts.Patterns...)
	} else {
		lex, err = DefaultLexicon()
	}
	if err != nil {
		return nil, err
	}
	alex := opts.ActorLexicon
	if alex == nil {
		ast, err := actors.NewStage(actors.Options{Dictionaries: opts.Actors})
		if err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		alex = ast.Lexicon()
	}
	return &Stage{lex: lex, alex: alex, opts: opts}, nil
}

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "events" }

// Process implements pipeline.Stage.
func (s *Stage) Process(ctx context.Context, d *document.Document) error {
	if len(d.Entities) > 0 {
		coded := false
		for _, e := range d.Entities {
			if e.Actor != nil {
				coded = true
				break
			}
		}
		if !coded {
			actors.CodeEntities(s.alex, d)
		}
	}
	evs, err := s.Code(ctx, d)
	if err != nil {
		return err
	}
	d.Events = dropHeadlineRepeats(d, evs)
	return nil
}

// dropHeadlineRepeats removes the headline's events that the body codes
// again (same code and actors), so that one fact is not counted twice; a
// headline event the body does not repeat is kept.
func dropHeadlineRepeats(d *document.Document, evs []document.Event) []document.Event {
	if d.TitleSpan == nil {
		return evs
	}
	inTitle := func(e document.Event) bool {
		return e.Trigger.Start >= d.TitleSpan.Start && e.Trigger.Start < d.TitleSpan.End
	}
	type key struct{ code, src, tgt string }
	body := map[key]bool{}
	for _, e := range evs {
		if !inTitle(e) {
			body[key{e.Code, e.SourceActor, e.TargetActor}] = true
		}
	}
	kept := evs[:0]
	for _, e := range evs {
		if inTitle(e) && body[key{e.Code, e.SourceActor, e.TargetActor}] {
			continue
		}
		kept = append(kept, e)
	}
	return kept
}

// Code returns the events of d without storing them.
func (s *Stage) Code(ctx context.Context, d *document.Document) ([]document.Event, error) {
	date := actors.Date(d)
	entityAt := entityIndex(d)
	placeAt := placeIndex(d, s.alex, entityAt)
	out := []document.Event{}
	var prevSource *chunk
	docCountry := sync.OnceValue(func() string { return dominantCountry(d, s.alex) })
	names := map[string]document.Actor{}
	for si := range d.Sentences {
		if si%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		st := newSentence(s.alex, d, si)
		if len(st.words) == 0 {
			continue
		}
		// the word-order rules were built on tokens alone and do better
		// without the tagger's decisions (lemmas are still used)
		for k := range st.words {
			st.words[k].upos = ""
		}
		if !s.opts.Dependencies {
			st.parsed = false
		}
		st.buildChunksPlaces(s.alex, date, entityAt, s.lex, names, placeAt)
		st.fillContext(d, s.alex, docCountry, prevSource)
		st.rememberNames(names)
		if inCaption(d, d.Sentences[si].Start) {
			// A caption describes a picture ("A handout picture released
			// by ... shows ..."): its names help, its verbs are no events.
			continue
		}
		protos := st.codeSentence(s.lex)
		st.quoteSpeakers(d, protos)
		var sentEvents []document.Event
		for _, p := range protos {
			sentEvents = append(sentEvents, s.toEvents(d, st, p, date)...)
		}
		for _, ev := range dedupe(sentEvents) {
			if ev.Confidence >= s.opts.MinConfidence {
				ev.ID = fmt.Sprintf("ev%d", len(out)+1)
				out = append(out, ev)
			}
		}
		for _, p := range protos {
			if len(p.sources) > 0 {
				c := st.chunks[p.sources[0]]
				prevSource = &c
				break
			}
		}
	}
	return out, nil
}

// entityIndex returns a lookup from a word's code point span to the entity
// with a mention covering it.
func entityIndex(d *document.Document) func(start, end int) *document.Entity {
	type iv struct {
		start, end int
		e          *document.Entity
	}
	n := 0
	for i := range d.Entities {
		n += len(d.Entities[i].Mentions)
	}
	ivs := make([]iv, 0, n)
	for i := range d.Entities {
		e := &d.Entities[i]
		for _, m := range e.Mentions {
			ivs = append(ivs, iv{m.Start, m.End, e})
		}
	}
	sort.Slice(ivs, func(i, j int) bool { return ivs[i].start < ivs[j].start })
	return func(start, end int) *document.Entity {
		k := sort.Search(len(ivs), func(i int) bool { return ivs[i].start > start })
		for j := k - 1; j >= 0 && j >= k-8; j-- {
			if ivs[j].start <= start && ivs[j].end >= end {
				return ivs[j].e
			}
		}
		return nil
	}
}

// minPlaceScore is the resolver confidence a place needs to lend its
// country to actors; a place the entity layer also found (GPE, LOC) needs
// minEntityPlaceScore.
const (
	minPlaceScore       = 0.8
	minEntityPlaceScore = 0.4
)

func placeTrusted(p document.Place, m document.Mention, entityAt func(start, end int) *document.Entity) bool {
	if p.Score == 0 || p.Score >= minPlaceScore {
		return true
	}
	if e := entityAt(m.Start, m.End); e != nil && (e.Type == "GPE" || e.Type == "LOC") {
		return p.Score >= minEntityPlaceScore
	}
	return false
}

// placeIndex returns a lookup from a word's span to the ISO3 country of a
// literal place mention covering it.
func placeIndex(d *document.Document, lex *actors.Lexicon, entityAt func(start, end int) *document.Entity) func(start, end int) string {
	type iv struct {
		start, end int
		country    string
	}
	var ivs []iv
	for _, p := range d.Places {
		c := lex.ISO3(p.Country)
		if c == "" || p.Kind == "associative" {
			continue
		}
		for _, m := range p.Mentions {
			if placeTrusted(p, m, entityAt) {
				ivs = append(ivs, iv{m.Start, m.End, c})
			}
		}
	}
	sort.Slice(ivs, func(i, j int) bool { return ivs[i].start < ivs[j].start })
	return func(start, end int) string {
		k := sort.Search(len(ivs), func(i int) bool { return ivs[i].start > start })
		for j := k - 1; j >= 0 && j >= k-4; j-- {
			if ivs[j].start <= start && ivs[j].end >= end {
				return ivs[j].country
			}
		}
		return ""
	}
}

// dominantCountry is the country most mentioned in d (places and lexicon
// country names), used for role-only actors with no country in their clause.
func dominantCountry(d *document.Document, lex *actors.Lexicon) string {
	count := map[string]int{}
	for _, p := range d.Places {
		if c := lex.ISO3(p.Country); c != "" && p.Kind != "associative" {
			count[c] += len(p.Mentions)
		}
	}
	if len(count) == 0 {
		for si := range d.Sentences {
			sw := actors.NewSentenceWords(lex, d, si)
			for _, h := range sw.Hits {
				switch h.Entry.Kind {
				case actors.KindCountry, actors.KindCapital, actors.KindDemonym:
					count[h.Entry.Country]++
				}
			}
		}
	}
	top, n := "", 0
	for c, k := range count {
		if k > n || k == n && c < top {
			top, n = c, k
		}
	}
	return top
}

// insurgent reports whether an actor's first sector is an armed or
// political opposition's (REB, INS, OPP).
func insurgent(sectors []string) bool {
	return len(sectors) > 0 && (sectors[0] == "REB" || sectors[0] == "INS" || sectors[0] == "OPP")
}

// placedElsewhere reports whether a literal place of the country (ISO3)
// is mentioned outside sentence si.
func placedElsewhere(d *document.Document, lex *actors.Lexicon, si int, country string) bool {
	s := d.Sentences[si]
	for _, p := range d.Places {
		if p.Kind != "literal" || lex.ISO3(p.Country) != country {
			continue
		}
		for _, m := range p.Mentions {
			if m.End <= s.Start || m.Start >= s.End {
				return true
			}
		}
	}
	return false
}

// fillContext gives role-only chunks ("militants", "the displaced") the
// country of their clause: a literal place of the sentence, a place-like
// chunk ("in Syria"), else the document's dominant country. Unresolved
// pronouns take the previous sentence's source.
func (st *sentence) fillContext(d *document.Document, lex *actors.Lexicon, docCountry func() string, prev *chunk) {
	s := d.Sentences[st.index]
	placeCountry, ethnicCountry := "", ""
	first, ethnicFirst := -1, -1
	entityAt := st.entityAt
	if entityAt == nil {
		entityAt = entityIndex(d)
	}
	for _, p := range d.Places {
		if p.Kind == "associative" {
			continue
		}
		for _, m := range p.Mentions {
			if m.Start < s.Start || m.End > s.End || first >= 0 && m.Start >= first || !placeTrusted(p, m, entityAt) {
				continue
			}
			c := lex.ISO3(p.Country)
			if c == "" {
				continue
			}
			// a destination is not where the actor is: "will travel to Tehran"
			w := st.wordBefore(m.Start)
			if w == "to" || w == "for" {
				continue
			}
			if ethnicCountry == "" || m.Start < ethnicFirst {
				ethnicCountry, ethnicFirst = c, m.Start
			}
			// nor is a target or partner: "a war against Iraq"
			if w == "against" || w == "with" || w == "toward" || w == "towards" {
				continue
			}
			placeCountry, first = c, m.Start
		}
	}
	if ethnicCountry == "" {
		ethnicCountry = placeCountry
	}
	if placeCountry == "" {
		for _, c := range st.chunks {
			if !c.pronoun && len(c.actor.Sectors) == 0 && len(c.actor.Country) == 3 && c.actor.Source != "demonym" &&
				c.actor.Country != "IGO" && c.actor.Country != "NGO" && locativePreps[c.inPP] {
				placeCountry = c.actor.Country
				break
			}
		}
	}
	// the subject-like chunk: the first actor outside a prepositional phrase
	subj := -1
	for k, c := range st.chunks {
		if !c.pronoun && c.inPP == "" && !c.own && len(c.actor.Country) == 3 &&
			c.actor.Country != "IGO" && c.actor.Country != "NGO" && c.actor.Country != "IMG" {
			subj = k
			break
		}
	}
	subjCountry := ""
	if subj >= 0 {
		subjCountry = st.chunks[subj].actor.Country
	}
	for k := range st.chunks {
		c := &st.chunks[k]
		// "ethnic Albanians in south Serbia": an ethnic group is coded with
		// the country it lives in (SRBCVL), as CAMEO does
		if ethnicCountry != "" && c.actor.Country != "" && c.actor.Country != ethnicCountry && st.ethnic(*c) {
			c.actor.Country = ethnicCountry
			c.actor.Code = ethnicCountry + strings.Join(c.actor.Sectors, "")
			c.actor.Source = "context"
		}
		if c.pronoun {
			if prev != nil {
				c.actor = prev.actor
				c.entity = prev.entity
			}
			continue
		}
		if c.actor.Country != "" {
			continue
		}
		country := ""
		switch {
		case c.own:
			country = subjCountry
			c.ctxSubj = true
		case subj >= 0 && subj < k:
			// "Kurdish militants in northern Syria"; "Darfur rebels" after "the Sudanese government"
			country = placeCountry
			if country == "" || c.named {
				country = subjCountry
				// a foreign force's rebels are the story country's:
				// "Russian warplanes struck rebel positions" in a story
				// about Syria, told by its other sentences (the Sudanese
				// army's are Sudanese)
				if dc := docCountry(); placeCountry == "" && !c.named && dc != "" && dc != subjCountry &&
					insurgent(c.actor.Sectors) && placedElsewhere(d, lex, st.index, dc) {
					country = dc
				}
			}
			// own forces are instruments, not targets: "deployed troops"
			if country == subjCountry {
				c.ctxSubj = len(c.actor.Sectors) > 0 && (c.actor.Sectors[0] == "MIL" || c.actor.Sectors[0] == "COP")
			}
		default:
			// "Militants must be cleaned out of Idlib ... in Syria"
			country = placeCountry
			if country == "" && !c.named {
				country = docCountry()
			}
			if country == "" && c.named && len(c.actor.Sectors) > 0 {
				// a titled leader: the country the clause is about ("President
				// Museveni has banned Ugandan opposition candidates")
				// only when the clause names one country
				seen := map[string]bool{}
				for _, o := range st.chunks {
					if o.inPP == "to" || o.inPP == "with" || o.inPP == "for" {
						continue
					}
					if !o.pronoun && len(o.actor.Country) == 3 && o.actor.Country != "IGO" &&
						o.actor.Country != "NGO" && o.actor.Country != "IMG" {
						seen[o.actor.Country] = true
						country = o.actor.Country
					}
				}
				if len(seen) != 1 {
					country = ""
				}
			}
		}
		if country == "" {
			continue
		}
		c.actor.Country = country
		c.actor.Code = country + strings.Join(c.actor.Sectors, "")
		c.actor.Source = "context"
	}
}

// locativePreps introduce where a clause happens: "militants in Idlib",
// unlike a target or partner ("war against Iraq", "talks with Iran").
var locativePreps = map[string]bool{
	"in": true, "at": true, "near": true, "around": true, "inside": true, "across": true,
	"throughout": true, "within": true, "outside": true, "along": true, "of": true, "from": true,
}

// toEvents turns a proto into document events, one per source-target pair.
func (s *Stage) toEvents(d *document.Document, st *sentence, p proto, date string) []document.Event {
	sent := d.Sentences[st.index]
	base := document.Event{
		Code:       p.code,
		Sentence:   document.Span{Start: sent.Start, End: sent.End},
		Modality:   p.modality,
		Confidence: round2(min(p.confidence, 0.95)),
	}
	if ci, ok := Info(p.code); ok {
		base.Label = ci.Label
		if ci.Plover != "" {
			base.Plover = &document.Plover{Type: ci.Plover, Mode: ci.Mode}
		}
	}
	t0, t1 := st.words[p.trig0].start, st.words[p.trig1-1].end
	base.Trigger = document.Mention{Start: t0, End: t1, Text: d.Slice(t0, t1)}
	base.Place = placeFor(d, st, p)
	base.Time, base.TimeSource = timeFor(d, sent, t0, date)
	if p.modality == "planned" && base.TimeSource == "text" && base.Time != nil && date != "" {
		// "will travel to Tehran on Friday": a plan is not in the past
		if v := *base.Time; len(v) == 10 && v < date {
			if t, err := time.Parse("2006-01-02", v); err == nil {
				if pub, err := time.Parse("2006-01-02", date); err == nil && pub.Sub(t) <= 7*24*time.Hour {
					next := t.AddDate(0, 0, 7).Format("2006-01-02")
					base.Time = &next
				}
			}
		}
	}
	if q := quoteAt(d, t0); q != nil {
		base.Quote = q.ID
		if base.Modality == "asserted" {
			base.Modality = "reported"
		}
	}
	srcs, tgts := p.sources, p.targets
	if len(tgts) == 0 && len(srcs) > 1 {
		// "Israel and Lebanon renewed negotiations": each with the others
		var out []document.Event
		for _, a := range srcs {
			for _, b := range srcs {
				if a != b {
					out = append(out, s.pair(base, st, a, b)...)
				}
			}
		}
		return out
	}
	if len(srcs) == 0 {
		srcs = []int{-1}
	}
	if len(tgts) == 0 {
		tgts = []int{-1}
	}
	var out []document.Event
	for _, a := range srcs {
		for _, b := range tgts {
			out = append(out, s.pair(base, st, a, b)...)
		}
	}
	return out
}

// pair is the event of base between chunks a and b (-1: none).
func (s *Stage) pair(base document.Event, st *sentence, a, b int) []document.Event {
	ev := base
	if a >= 0 {
		c := st.chunks[a]
		ev.Source, ev.SourceActor = c.entity, c.actor.Code
	}
	if b >= 0 {
		c := st.chunks[b]
		ev.Target, ev.TargetActor = c.entity, c.actor.Code
	}
	// one entity on both sides is one actor, unless a demonym entity is
	// shared by differently coded groups ("Algerian landowners" and
	// "Algerian government forces")
	if a >= 0 && b >= 0 && (a == b || ev.Source != "" && ev.Source == ev.Target &&
		(ev.SourceActor == ev.TargetActor || len(st.chunks[a].actor.Sectors) == 0 || len(st.chunks[b].actor.Sectors) == 0)) {
		return nil
	}
	if a < 0 {
		ev.Confidence = round2(ev.Confidence * 0.6)
	}
	if ev.SourceActor != "" && ev.SourceActor == ev.TargetActor {
		// two mentions coded alike: likely one actor, or a parse slip
		ev.Confidence = round2(ev.Confidence * 0.6)
	}
	return []document.Event{ev}
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }

// placeFor picks the literal place mention of the sentence nearest the
// trigger, else the dateline's place.
func placeFor(d *document.Document, st *sentence, p proto) string {
	sent := d.Sentences[st.index]
	trig := st.words[p.head].start
	best, bestDist := "", -1
	for _, pl := range d.Places {
		if pl.Kind == "associative" {
			continue
		}
		for _, m := range pl.Mentions {
			if m.Start < sent.Start || m.End > sent.End || st.agencyAt(m.Start) {
				continue
			}
			dist := m.Start - trig
			if dist < 0 {
				dist = -dist + 1 // a place after the trigger is preferred on ties
			}
			if bestDist < 0 || dist < bestDist {
				best, bestDist = pl.ID, dist
			}
		}
	}
	if best != "" || d.Dateline == nil || d.Dateline.Place == "" {
		return best
	}
	for _, pl := range d.Places {
		if strings.EqualFold(pl.Name, d.Dateline.Place) {
			return pl.ID
		}
		for _, m := range pl.Mentions {
			if m.Start >= d.Dateline.Start && m.End <= d.Dateline.End {
				return pl.ID
			}
		}
	}
	return ""
}

// timeFor picks the DATE expression of the sentence nearest the trigger,
// else the publication date.
func timeFor(d *document.Document, sent document.Sentence, trig int, date string) (*string, string) {
	var best *document.Time
	bestDist := -1
	for i := range d.Times {
		t := &d.Times[i]
		if t.Start < sent.Start || t.End > sent.End || t.Type != "DATE" || !isDateValue(t.Value) {
			continue
		}
		dist := t.Start - trig
		if dist < 0 {
			dist = -dist
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = t, dist
		}
	}
	if best != nil {
		v := best.Value
		return &v, "text"
	}
	if date != "" {
		v := date
		return &v, "published"
	}
	return nil, ""
}

func isDateValue(v string) bool {
	return len(v) >= 4 && v[0] >= '0' && v[0] <= '9' && v[1] >= '0' && v[1] <= '9'
}

func quoteAt(d *document.Document, off int) *document.Quote {
	for i := range d.Quotes {
		q := &d.Quotes[i]
		if q.Start <= off && off < q.End && (q.Kind == "direct" || q.Kind == "partial" || q.Kind == "") {
			return q
		}
	}
	return nil
}

// dedupe keeps, for each (source, target, root code) of a sentence, the most
// confident event.
func dedupe(evs []document.Event) []document.Event {
	type key struct{ src, tgt, srcID, tgtID, root string }
	best := map[key]int{}
	for i, e := range evs {
		k := key{e.SourceActor, e.TargetActor, e.Source, e.Target, Root(e.Code)}
		if j, ok := best[k]; !ok || e.Confidence > evs[j].Confidence {
			best[k] = i
		}
	}
	out := make([]document.Event, 0, len(best))
	for i, e := range evs {
		k := key{e.SourceActor, e.TargetActor, e.Source, e.Target, Root(e.Code)}
		if best[k] == i {
			out = append(out, e)
		}
	}
	return out
}

// quoteSpeakers makes the speaker of a direct quote the source of the
// quote's events that have none or a first-person one ("we will ..."), and
// the source of its obligations: Zarif said: "the displaced should return"
// is Zarif demanding their return.
func (st *sentence) quoteSpeakers(d *document.Document, ps []proto) {
	speakerChunk := map[string]int{}
	chunkOf := func(q *document.Quote, head int) (int, bool) {
		if q == nil || q.Speaker == nil || *q.Speaker == "" {
			return 0, false
		}
		var ent *document.Entity
		for k := range d.Entities {
			if d.Entities[k].ID == *q.Speaker {
				ent = &d.Entities[k]
			}
		}
		if ent == nil || ent.Actor == nil {
			return 0, false
		}
		c, ok := speakerChunk[ent.ID]
		if !ok {
			st.chunks = append(st.chunks, chunk{start: head, end: head, actor: *ent.Actor, entity: ent.ID})
			c = len(st.chunks) - 1
			speakerChunk[ent.ID] = c
		}
		return c, true
	}
	for i := range ps {
		p := &ps[i]
		// The speech verb of a statement ("He said ..."): its speaker is
		// the one the quotes stage resolved, which reads the statements
		// before it ("He" after a Lavrov statement is Lavrov).
		if c, ok := chunkOf(cueQuote(d, st.words[p.head].start), p.head); ok && st.pronounSources(p) {
			p.sources = []int{c}
			continue
		}
		c, ok := chunkOf(quoteAt(d, st.words[p.head].start), p.head)
		if !ok {
			continue
		}
		firstPerson := len(p.sources) == 1 && st.chunks[p.sources[0]].pronoun &&
			(st.words[st.chunks[p.sources[0]].start].low == "we" || st.words[st.chunks[p.sources[0]].start].low == "i")
		switch {
		case p.obligation && !p.report && Root(p.code) != "10":
			p.code = wrap(FlagDemand, p.code)
			p.targets = p.sources
			p.sources = []int{c}
		case len(p.sources) == 0 || firstPerson:
			p.sources = []int{c}
		}
	}
}

// pronounSources reports whether p has no source or only pronouns.
func (st *sentence) pronounSources(p *proto) bool {
	for _, c := range p.sources {
		if !st.chunks[c].pronoun {
			return false
		}
	}
	return true
}

// cueQuote returns the quote whose cue holds the code point offset.
func cueQuote(d *document.Document, off int) *document.Quote {
	for i := range d.Quotes {
		q := &d.Quotes[i]
		if q.Cue != nil && q.Cue.Start <= off && off < q.Cue.End {
			return q
		}
	}
	return nil
}

// inCaption reports whether the code point offset lies in an image caption.
func inCaption(d *document.Document, off int) bool {
	for _, c := range d.Captions {
		if off >= c.Start && off < c.End {
			return true
		}
	}
	return false
}
