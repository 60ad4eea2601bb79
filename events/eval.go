package events

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/document"
)

// GoldActor is an actor of a PLOVER gold record.
type GoldActor struct {
	Text   string  `json:"text"`
	Code   string  `json:"code"`
	Sector *string `json:"sector"`
}

// GoldSpan is a character span of a PLOVER gold record.
type GoldSpan struct {
	Role  string `json:"role"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// GoldTriple is one CAMEO-coded event: source and target actor codes and the
// event code.
type GoldTriple struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Code   string `json:"code"`
}

// GoldRecord is one line of an events gold file: either a PLOVER gold
// standard record (Event set) or a CAMEO-coded sentence (Events set).
type GoldRecord struct {
	ID           string       `json:"id"`
	Text         string       `json:"text"`
	Date         string       `json:"date"`
	Event        string       `json:"event"`
	EventCurrent string       `json:"event_current"`
	Actors       []GoldActor  `json:"actors"`
	Recipients   []GoldActor  `json:"recipients"`
	Reciprocal   bool         `json:"reciprocal"`
	Spans        []GoldSpan   `json:"spans"`
	Events       []GoldTriple `json:"events"`
}

// ReadGold reads a JSON Lines gold file.
func ReadGold(r io.Reader) ([]GoldRecord, error) {
	var out []GoldRecord
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var g GoldRecord
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if g.EventCurrent == "" {
			g.EventCurrent = g.Event
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// HeldOut reports whether a record belongs to the held-out fifth of a gold
// file: the FNV-1a hash of its id (of its text when it has none) is 0
// modulo 5. The split is fixed, so the develop part (the other four
// fifths) can be used to develop against while the fifth stays unseen.
func HeldOut(g GoldRecord) bool {
	key := g.ID
	if key == "" {
		key = g.Text
	}
	h := fnv.New32a()
	h.Write([]byte(key))
	return h.Sum32()%5 == 0
}

// SelectPart returns the records of part: "all", "develop" (four fifths)
// or "heldout" (the fifth HeldOut selects).
func SelectPart(gold []GoldRecord, part string) ([]GoldRecord, error) {
	switch part {
	case "", "all":
		return gold, nil
	case "develop", "heldout":
	default:
		return nil, fmt.Errorf("part %q: want all, develop or heldout", part)
	}
	var out []GoldRecord
	for _, g := range gold {
		if HeldOut(g) == (part == "heldout") {
			out = append(out, g)
		}
	}
	return out, nil
}

// SameDate reports whether every record carries one and the same date (a
// placeholder rather than the articles' dates).
func SameDate(gold []GoldRecord) bool {
	if len(gold) < 2 {
		return false
	}
	for _, g := range gold[1:] {
		if g.Date != gold[0].Date {
			return false
		}
	}
	return gold[0].Date != ""
}

// DefaultTripleMinConfidence is the confidence an event needs to count in
// the (source, target, code) triple scores.
const DefaultTripleMinConfidence = 0.6

// Annotator runs the pipeline on one text published on date.
type Annotator func(ctx context.Context, text, date string) (*document.Document, error)

// Report holds the figures of an events evaluation.
type Report struct {
	// PLOVER gold standard records
	PloverRecords   int
	TypeCorrect     int
	ActorTotal      int
	ActorCorrect    int
	RecipientTotal  int
	RecipientOK     int
	SectorTotal     int
	SectorCorrect   int
	SectorGoldTotal int // slots whose gold sector is not empty
	SectorGoldOK    int
	TriggerOverlap  int
	NoEvent         int
	Confusion       map[string]map[string]int
	SectorConfusion map[string]int // "gold>pred" counts of wrong sectors
	// CAMEO-coded records
	CameoRecords           int
	RootTP, RootFP, RootFN int
	FullTP, FullFP, FullFN int
	Misses                 []string
	tripleMin              float64
}

// Evaluate scores ann on the gold records.
//
// Triples are scored over the events with confidence >= tripleMin; the
// PLOVER records use the single most confident event.
func Evaluate(ctx context.Context, gold []GoldRecord, ann Annotator, keepMisses bool, tripleMin float64) (*Report, error) {
	rep := &Report{tripleMin: tripleMin, Confusion: map[string]map[string]int{}, SectorConfusion: map[string]int{}}
	for _, g := range gold {
		d, err := ann(ctx, g.Text, g.Date)
		if err != nil {
			return nil, fmt.Errorf("record %s: %w", g.ID, err)
		}
		if len(g.Events) > 0 || g.EventCurrent == "" {
			rep.cameo(d, g, keepMisses)
			continue
		}
		rep.plover(d, g, keepMisses)
	}
	return rep, nil
}

// mainEvent picks the event a single-event gold record is compared with:
// the most confident event with a PLOVER type, the earliest on ties.
func mainEvent(evs []document.Event) *document.Event {
	var best *document.Event
	for i := range evs {
		e := &evs[i]
		if e.Plover == nil {
			continue
		}
		if best == nil || e.Confidence > best.Confidence {
			best = e
		}
	}
	return best
}

// country and sector of an actor code: "IRNGOV" -> IRN, GOV;
// "IGOUNOMIL" -> IGO, MIL.
func splitActor(code string) (string, string) {
	if len(code) < 3 {
		return "", ""
	}
	country := code[:3]
	for i := 3; i+3 <= len(code); i += 3 {
		if seg := code[i : i+3]; sectorCodes[seg] {
			return country, seg
		}
	}
	return country, ""
}

var sectorCodes = map[string]bool{
	"GOV": true, "MIL": true, "REB": true, "OPP": true, "INS": true, "MED": true, "REF": true,
	"CVL": true, "BUS": true, "JUD": true, "LEG": true, "COP": true, "SPY": true, "EDU": true,
	"HLH": true, "LAB": true, "REL": true, "CRM": true, "ELI": true, "PTY": true, "AGR": true,
	"UAF": true, "IGO": false, "NGO": false, "JRN": true, "ENV": true, "HRI": true, "DEV": true,
}

// goldSector normalizes a PLOVER gold sector: the first three letters,
// upper case; PLOVER JRN (journalists) is CAMEO MED; "***" is unknown.
func goldSector(s *string) (string, bool) {
	if s == nil {
		return "", true
	}
	v := strings.ToUpper(*s)
	if len(v) < 3 || v == "***" {
		return "", false
	}
	v = v[:3]
	switch v {
	case "JRN":
		v = "MED"
	case "CIV":
		v = "CVL"
	}
	return v, true
}

func predSector(sec string) string {
	if sec == "HLH" {
		return "MED" // PLOVER MED is health
	}
	return sec
}

func (rep *Report) plover(d *document.Document, g GoldRecord, keep bool) {
	rep.PloverRecords++
	ev := mainEvent(d.Events)
	pred := "NONE"
	if ev != nil {
		pred = ev.Plover.Type
	} else {
		rep.NoEvent++
	}
	if rep.Confusion[g.EventCurrent] == nil {
		rep.Confusion[g.EventCurrent] = map[string]int{}
	}
	rep.Confusion[g.EventCurrent][pred]++
	if pred == g.EventCurrent {
		rep.TypeCorrect++
	}
	var srcCountry, srcSector, tgtCountry, tgtSector string
	if ev != nil {
		srcCountry, srcSector = splitActor(ev.SourceActor)
		tgtCountry, tgtSector = splitActor(ev.TargetActor)
		for _, sp := range g.Spans {
			if sp.Role == "trigger" && sp.Start < ev.Trigger.End && ev.Trigger.Start < sp.End {
				rep.TriggerOverlap++
				break
			}
		}
	}
	sectorOK := true
	sector := func(gs *string, pred string) {
		want, ok := goldSector(gs)
		if !ok {
			return
		}
		if want != predSector(pred) {
			sectorOK = false
		}
		rep.SectorTotal++
		if want == predSector(pred) {
			rep.SectorCorrect++
		} else {
			rep.SectorConfusion[orDash(want)+">"+orDash(predSector(pred))]++
		}
		if want != "" {
			rep.SectorGoldTotal++
			if want == predSector(pred) {
				rep.SectorGoldOK++
			}
		}
	}
	actorOK := false
	if len(g.Actors) > 0 {
		rep.ActorTotal++
		match := g.Actors[0]
		for _, a := range g.Actors {
			if codeCountry(a.Code) == srcCountry {
				match = a
				actorOK = true
				rep.ActorCorrect++
				break
			}
		}
		sector(match.Sector, srcSector)
	}
	recips := g.Recipients
	if len(recips) == 0 && g.Reciprocal && len(g.Actors) > 1 {
		recips = g.Actors
	}
	recipOK := true
	if len(recips) > 0 {
		rep.RecipientTotal++
		match := recips[0]
		recipOK = false
		for _, a := range recips {
			if codeCountry(a.Code) == tgtCountry && (!g.Reciprocal || len(g.Recipients) > 0 || tgtCountry != srcCountry || len(recips) == 1) {
				match = a
				recipOK = true
				rep.RecipientOK++
				break
			}
		}
		sector(match.Sector, tgtSector)
	}
	if keep && (pred != g.EventCurrent || !actorOK || !recipOK || !sectorOK) {
		var sys string
		if ev != nil {
			sys = fmt.Sprintf("%s %s %s->%s %q [%s->%s]", ev.Code, pred, ev.SourceActor, ev.TargetActor, ev.Trigger.Text,
				mentionIn(d, ev.Source, ev.Sentence), mentionIn(d, ev.Target, ev.Sentence))
		} else {
			sys = "no event"
		}
		var ga, gr []string
		for _, a := range g.Actors {
			ga = append(ga, a.Code+sectorString(a.Sector)+"="+a.Text)
		}
		for _, a := range g.Recipients {
			gr = append(gr, a.Code+sectorString(a.Sector)+"="+a.Text)
		}
		var wrong []string
		for _, w := range []struct {
			bad  bool
			name string
		}{{pred != g.EventCurrent, "type"}, {!actorOK, "actor"}, {!recipOK, "recipient"}, {!sectorOK, "sector"}} {
			if w.bad {
				wrong = append(wrong, w.name)
			}
		}
		rep.Misses = append(rep.Misses, fmt.Sprintf("%s\t%s\tgold %s %v->%v\tsys %s\t%s", g.ID, strings.Join(wrong, ","), g.EventCurrent, ga, gr, sys, g.Text))
	}
}

// mentionIn returns the text of entity id's first mention inside span, else
// its name.
func mentionIn(d *document.Document, id string, span document.Span) string {
	if id == "" {
		return ""
	}
	for _, e := range d.Entities {
		if e.ID != id {
			continue
		}
		for _, m := range e.Mentions {
			if m.Start >= span.Start && m.End <= span.End {
				return m.Text
			}
		}
		return e.Name
	}
	return id
}

func sectorString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// codeCountry normalizes a gold country code (a few CAMEO-era codes differ
// from ISO 3166-1: JAP, ITL).
func codeCountry(c string) string {
	if len(c) < 3 {
		return c
	}
	c = strings.ToUpper(c[:3])
	switch c {
	case "JAP":
		return "JPN"
	case "ITL":
		return "ITA"
	}
	return c
}

type triple struct{ src, tgt, code string }

func (rep *Report) cameo(d *document.Document, g GoldRecord, keep bool) {
	rep.CameoRecords++
	norm := func(a string) string {
		c, s := splitActor(a)
		return codeCountry(c) + s
	}
	countryOf := func(a string) string {
		c, _ := splitActor(a)
		return codeCountry(c)
	}
	sysFull, sysRoot := map[triple]bool{}, map[triple]bool{}
	for _, e := range d.Events {
		if e.SourceActor == "" || e.Confidence < rep.tripleMin {
			continue
		}
		sysFull[triple{norm(e.SourceActor), norm(e.TargetActor), e.Code}] = true
		sysRoot[triple{countryOf(e.SourceActor), countryOf(e.TargetActor), Root(e.Code)}] = true
	}
	goldFull, goldRoot := map[triple]bool{}, map[triple]bool{}
	for _, t := range g.Events {
		goldFull[triple{norm(t.Source), norm(t.Target), t.Code}] = true
		goldRoot[triple{countryOf(t.Source), countryOf(t.Target), Root(t.Code)}] = true
	}
	tp, ffp, ffn := setScore(sysFull, goldFull)
	rep.FullTP += tp
	rep.FullFP += ffp
	rep.FullFN += ffn
	tp, fp, fn := setScore(sysRoot, goldRoot)
	rep.RootTP += tp
	rep.RootFP += fp
	rep.RootFN += fn
	if keep && (fn > 0 || fp > 0 || ffn > 0 || ffp > 0) {
		var sys, gl []string
		for t := range sysFull {
			sys = append(sys, t.src+"-"+t.code+"-"+t.tgt)
		}
		for t := range goldFull {
			gl = append(gl, t.src+"-"+t.code+"-"+t.tgt)
		}
		sort.Strings(sys)
		sort.Strings(gl)
		rep.Misses = append(rep.Misses, fmt.Sprintf("cameo\tgold %v\tsys %v\t%s", gl, sys, g.Text))
	}
}

func setScore(sys, gold map[triple]bool) (tp, fp, fn int) {
	for t := range sys {
		if gold[t] {
			tp++
		} else {
			fp++
		}
	}
	for t := range gold {
		if !sys[t] {
			fn++
		}
	}
	return
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func prf(tp, fp, fn int) (float64, float64, float64) {
	p, r := ratio(tp, tp+fp), ratio(tp, tp+fn)
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Figures returns the report's headline figures by name.
func (rep *Report) Figures() map[string]float64 {
	m := map[string]float64{}
	if rep.PloverRecords > 0 {
		m["plover_type_accuracy"] = ratio(rep.TypeCorrect, rep.PloverRecords)
		m["actor_country_accuracy"] = ratio(rep.ActorCorrect, rep.ActorTotal)
		m["recipient_country_accuracy"] = ratio(rep.RecipientOK, rep.RecipientTotal)
		m["sector_accuracy"] = ratio(rep.SectorCorrect, rep.SectorTotal)
		m["sector_accuracy_gold_nonempty"] = ratio(rep.SectorGoldOK, rep.SectorGoldTotal)
		m["trigger_overlap"] = ratio(rep.TriggerOverlap, rep.PloverRecords)
	}
	if rep.CameoRecords > 0 {
		_, _, m["root_f1"] = prf(rep.RootTP, rep.RootFP, rep.RootFN)
		_, _, m["full_f1"] = prf(rep.FullTP, rep.FullFP, rep.FullFN)
	}
	return m
}

// Write prints the report.
func (rep *Report) Write(w io.Writer) {
	if rep.PloverRecords > 0 {
		fmt.Fprintf(w, "PLOVER gold records: %d (no event coded: %d)\n", rep.PloverRecords, rep.NoEvent)
		fmt.Fprintf(w, "  event type accuracy        %.3f (%d/%d)\n", ratio(rep.TypeCorrect, rep.PloverRecords), rep.TypeCorrect, rep.PloverRecords)
		fmt.Fprintf(w, "  actor country accuracy     %.3f (%d/%d)\n", ratio(rep.ActorCorrect, rep.ActorTotal), rep.ActorCorrect, rep.ActorTotal)
		fmt.Fprintf(w, "  recipient country accuracy %.3f (%d/%d)\n", ratio(rep.RecipientOK, rep.RecipientTotal), rep.RecipientOK, rep.RecipientTotal)
		fmt.Fprintf(w, "  sector accuracy            %.3f (%d/%d; gold sector empty counts as 'no sector')\n", ratio(rep.SectorCorrect, rep.SectorTotal), rep.SectorCorrect, rep.SectorTotal)
		fmt.Fprintf(w, "  sector accuracy, gold set  %.3f (%d/%d)\n", ratio(rep.SectorGoldOK, rep.SectorGoldTotal), rep.SectorGoldOK, rep.SectorGoldTotal)
		fmt.Fprintf(w, "  trigger span overlap       %.3f (%d/%d)\n", ratio(rep.TriggerOverlap, rep.PloverRecords), rep.TriggerOverlap, rep.PloverRecords)
		var types []string
		for t := range rep.Confusion {
			types = append(types, t)
		}
		sort.Strings(types)
		fmt.Fprintf(w, "  per type (gold: correct/total, top confusions)\n")
		for _, t := range types {
			row := rep.Confusion[t]
			total := 0
			type kv struct {
				k string
				v int
			}
			var kvs []kv
			for k, v := range row {
				total += v
				if k != t {
					kvs = append(kvs, kv{k, v})
				}
			}
			sort.Slice(kvs, func(i, j int) bool { return kvs[i].v > kvs[j].v || kvs[i].v == kvs[j].v && kvs[i].k < kvs[j].k })
			var conf []string
			for i, x := range kvs {
				if i == 3 {
					break
				}
				conf = append(conf, fmt.Sprintf("%s %d", x.k, x.v))
			}
			fmt.Fprintf(w, "    %-10s %3d/%-3d %s\n", t, row[t], total, strings.Join(conf, ", "))
		}
	}
	if len(rep.SectorConfusion) > 0 {
		type kv struct {
			k string
			v int
		}
		var kvs []kv
		for k, v := range rep.SectorConfusion {
			kvs = append(kvs, kv{k, v})
		}
		sort.Slice(kvs, func(i, j int) bool { return kvs[i].v > kvs[j].v || kvs[i].v == kvs[j].v && kvs[i].k < kvs[j].k })
		var parts []string
		for i, x := range kvs {
			if i == 12 {
				break
			}
			parts = append(parts, fmt.Sprintf("%s %d", x.k, x.v))
		}
		fmt.Fprintf(w, "  sector errors (gold>system): %s\n", strings.Join(parts, ", "))
	}
	if rep.CameoRecords > 0 {
		fmt.Fprintf(w, "CAMEO-coded records: %d\n", rep.CameoRecords)
		p, r, f := prf(rep.RootTP, rep.RootFP, rep.RootFN)
		fmt.Fprintf(w, "  root triples (source country, target country, root)  P %.3f R %.3f F1 %.3f\n", p, r, f)
		p, r, f = prf(rep.FullTP, rep.FullFP, rep.FullFN)
		fmt.Fprintf(w, "  full triples (country+sector, full code)            P %.3f R %.3f F1 %.3f\n", p, r, f)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
