// Package geoparse resolves place names in news text to gazetteer
// entries: toponyms (GPE/LOC mentions) to literal places, demonyms and
// adjectives ("Iranian") to their country as associative references.
//
// Each mention's candidates come from the gazetteer (names, alternate
// names, abbreviations, "X province" forms). A small log-linear ranker
// (conditional logit, trained by [Train] on LGL and GeoVirus) scores them
// on priors (feature class, population), the mention's explicit qualifier
// ("London, Ontario", "Idlib province in northwestern Syria") and the
// document's coherence: countries and divisions already resolved in the
// same article, the dateline and the distance to the other places.
package geoparse

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/gazetteer"
)

// MaxCandidates caps the candidates scored per mention (by population).
const MaxCandidates = 30

// Mention is a place name to resolve: code point offsets into the text.
type Mention struct {
	Start, End int
	Text       string
	// Type is the entity type when known (GPE, LOC, NORP).
	Type string
}

// Resolution is the place chosen for a mention.
type Resolution struct {
	Mention
	// OK is false when no candidate was found.
	OK    bool
	Place gazetteer.Place
	// Kind is "literal" or "associative" (demonyms, adjectives, and the
	// places news outlets are named after).
	Kind string
	// Score is the ranker's probability of the chosen candidate.
	Score float64
}

// Resolver resolves mentions against a gazetteer. It is safe for
// concurrent use.
type Resolver struct {
	g     *gazetteer.Gazetteer
	model *Model
}

// NewResolver returns a Resolver over g with model m (nil: the embedded
// default model).
func NewResolver(g *gazetteer.Gazetteer, m *Model) (*Resolver, error) {
	if m == nil {
		var err error
		if m, err = DefaultModel(); err != nil {
			return nil, err
		}
	}
	return &Resolver{g: g, model: m}, nil
}

// Gazetteer returns the resolver's gazetteer.
func (r *Resolver) Gazetteer() *gazetteer.Gazetteer { return r.g }

// candidate is one gazetteer entry considered for a mention.
type candidate struct {
	p     gazetteer.Place
	exact bool // the main name matches the mention
	// Static coherence with the other names of the document.
	nearAny    float64 // mean closeness to the nearest candidate of each other name
	inOther    bool    // lies in a division that is a candidate of another name
	holdsOther bool    // is a division holding a candidate of another name
	partial    bool    // found for the name without its generic words ("Salinas Valley")
	derived    bool    // found for the place a demonym derives from ("Ohioans")
	feats      []float64
	score      float64
}

type mentionState struct {
	m         Mention
	key       string
	suffix    bool // "province", "county", ... was stripped
	cands     []candidate
	qualCC    map[string]bool
	qualA1    map[string]bool // "CC.A1"
	qualPlace []gazetteer.Place
	best      int
	demonym   string
	maxPop    int64 // largest population among the candidates
}

// possessive strips "'s" and "’s".
func possessive(s string) string {
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf)+1 {
			return s[:len(s)-len(suf)]
		}
	}
	return s
}

// candidates returns the gazetteer entries for a mention text.
func (r *Resolver) candidates(text string) (key string, suffix bool, out []candidate) {
	text = possessive(strings.TrimSpace(text))
	key = gazetteer.Normalize(text)
	var idx []int
	idx = r.g.LookupKey(key, idx)
	seen := make(map[int]bool, len(idx))
	for _, i := range idx {
		seen[i] = true
	}
	if s, ok := gazetteer.StripAdminSuffix(key); ok {
		suffix = true
		n := len(idx)
		idx = r.g.LookupKey(s, idx)
		// Keep only divisions among the stripped form's matches.
		kept := idx[:n]
		for _, i := range idx[n:] {
			if seen[i] {
				continue
			}
			if p := r.g.Place(i); p.Class == 'A' || p.Class == 'L' {
				kept = append(kept, i)
				seen[i] = true
			}
		}
		idx = kept
	}
	if strings.HasSuffix(key, " city") && len(key) > 5 {
		n := len(idx)
		idx = r.g.LookupKey(strings.TrimSuffix(key, " city"), idx)
		kept := idx[:n]
		for _, i := range idx[n:] {
			if !seen[i] && r.g.Place(i).Class == 'P' {
				kept = append(kept, i)
				seen[i] = true
			}
		}
		idx = kept
	}
	if len(idx) == 0 {
		for _, d := range []string{"north ", "south ", "east ", "west ", "northern ", "southern ", "eastern ", "western ", "central "} {
			if strings.HasPrefix(key, d) {
				for _, i := range r.g.LookupKey(key[len(d):], nil) {
					if p := r.g.Place(i); p.IsCountry() || p.Code == "ADM1" {
						idx = append(idx, i)
					}
				}
				break
			}
		}
	}
	partial, derived := false, false
	if len(idx) == 0 {
		if v := abbrevVariant(key); v != "" {
			idx = r.g.LookupKey(v, idx)
		}
	}
	if len(idx) == 0 {
		if head := headName(key); head != "" && head != key {
			idx = r.g.LookupKey(head, idx)
			partial = len(idx) > 0
		}
	}
	if len(idx) == 0 {
		// A demonym of a division, region or city ("Ohioans", "Texan",
		// "South Ossetian"): an associative reference to it.
		for _, base := range demonymBases(key) {
			for _, i := range r.g.LookupKey(base, nil) {
				if p := r.g.Place(i); p.Class == 'A' && p.Code != "ADM2" || p.Class == 'L' || p.Class == 'P' && p.Population >= 50000 {
					idx = append(idx, i)
				}
			}
			if len(idx) > 0 {
				derived = true
				break
			}
		}
	}
	out = make([]candidate, 0, len(idx))
	for _, i := range idx {
		p := r.g.Place(i)
		out = append(out, candidate{p: p, exact: gazetteer.Normalize(p.Name) == key, partial: partial, derived: derived})
	}
	sort.SliceStable(out, func(a, b int) bool { return prior(&out[a].p) > prior(&out[b].p) })
	if len(out) > MaxCandidates {
		out = out[:MaxCandidates]
	}
	return key, suffix, out
}

// genericHeads and genericTails are words around the name of a feature
// that the gazetteer lacks; without them the name is often that of a
// nearby settlement ("Port of Los Angeles", "Salinas Valley", "Kanawha
// River").
var (
	genericHeads = []string{"port of ", "city of ", "town of ", "village of ", "township of ", "county of ",
		"lake ", "mount ", "greater ", "downtown ", "metropolitan ", "metro ", "upstate ", "rural "}
	genericTails = []string{" river", " valley", " lake", " creek", " mountains", " mountain", " hills", " park",
		" bay", " harbor", " harbour", " island", " islands", " beach", " area", " metro area", " metropolitan area",
		" township", " twp", " borough", " village", " town", " city", " region", " coast", " peninsula",
		" airport", " national park", " state park", " forest", " desert", " basin", " delta", " falls", " springs"}
)

// abbrevVariant expands abbreviations that Normalize keeps: a trailing
// "co" (county), "twp" (township), a leading "w", "e", "n", "s" (west,
// east, north, south). It returns "" when there is none.
func abbrevVariant(key string) string {
	switch {
	case strings.HasSuffix(key, " co"):
		return strings.TrimSuffix(key, " co") + " county"
	case strings.HasSuffix(key, " twp"):
		return strings.TrimSuffix(key, " twp") + " township"
	}
	for _, d := range [][2]string{{"w ", "west "}, {"e ", "east "}, {"n ", "north "}, {"s ", "south "}} {
		if strings.HasPrefix(key, d[0]) {
			return d[1] + key[len(d[0]):]
		}
	}
	return ""
}

// demonymBases returns the place names a demonym may derive from:
// "ohioans" -> "ohio", "texan" -> "texas", "dagestani" -> "dagestan",
// "south ossetian" -> "south ossetia", "european" -> "europe".
func demonymBases(key string) []string {
	var out []string
	for _, suf := range []string{"ians", "ans", "ns", "ers", "ites", "ian", "an", "n", "er", "ite", "i", "ese"} {
		if !strings.HasSuffix(key, suf) || len(key) < len(suf)+3 {
			continue
		}
		stem := key[:len(key)-len(suf)]
		for _, add := range []string{"", "a", "o", "s", "e", "ia", "io"} {
			out = append(out, stem+add)
		}
	}
	return out
}

// headName returns key without generic words, or "".
func headName(key string) string {
	h := key
	for _, p := range genericHeads {
		if strings.HasPrefix(h, p) && len(h) > len(p) {
			h = h[len(p):]
			break
		}
	}
	for _, t := range genericTails {
		if strings.HasSuffix(h, t) && len(h) > len(t) {
			h = h[:len(h)-len(t)]
			break
		}
	}
	if len(h) < 3 {
		return ""
	}
	return h
}

// prior orders candidates before scoring: divisions and big places first.
func prior(p *gazetteer.Place) float64 {
	s := math.Log10(float64(p.Population) + 1)
	switch {
	case p.IsCountry():
		s += 10
	case p.Code == "ADM1":
		s += 5
	case p.Code == "CONT" || p.Code == "RGN":
		s += 4
	case p.Code == "PPLC":
		s += 3
	}
	return s
}

// Feature indexes.
const (
	fBias = iota
	fLogPop
	fCountry
	fAdmin1
	fAdmin2
	fCapital
	fSeat
	fRegion
	fExact
	fTopPop
	fPopShare
	fNumCands
	fQualCountry
	fQualAdmin1
	fQualNear
	fDocCountryShare
	fDocAdmin1Share
	fDocCountryExplicit
	fDocAdmin1Explicit
	fDateline
	fNearKm
	fSuffixAdmin
	fSamePlace
	fDemonymCountry
	fCityNoSuffix
	fNearAny
	fInOther
	fHoldsOther
	fPartial
	fNumFeatures
)

var featureNames = []string{
	"bias", "log_pop", "country", "admin1", "admin2", "capital", "seat", "region", "exact",
	"top_pop", "pop_share", "num_cands", "qual_country", "qual_admin1", "qual_near",
	"doc_country_share", "doc_admin1_share", "doc_country_explicit", "doc_admin1_explicit",
	"dateline", "near_km", "suffix_admin", "same_place", "demonym_country", "admin_no_suffix", "near_any", "in_other", "holds_other", "partial",
}

// docContext is what the document says about where it is.
type docContext struct {
	countryCount map[string]float64
	admin1Count  map[string]float64
	total        float64
	// countryExpl and admin1Expl count, per country ("CC") or division
	// ("CC.A1"), the mention keys that name it explicitly.
	countryExpl explicit
	admin1Expl  explicit
	placeIDs    map[int]int // place index -> count of mentions resolved to it
	points      [][2]float64
	dateline    []gazetteer.Place
	demonymCC   map[string]bool
}

// explicit maps a country or division code to the keys of the mentions
// that name it.
type explicit map[string]map[string]bool

func (e explicit) add(code, key string) {
	m := e[code]
	if m == nil {
		m = map[string]bool{}
		e[code] = m
	}
	m[key] = true
}

// byOther reports whether a mention other than those of key names code.
func (e explicit) byOther(code, key string) bool {
	for k := range e[code] {
		if k != key {
			return true
		}
	}
	return false
}

// qualifier parses the text right after a mention for ", X" or
// "in [direction] X" and returns X.
func qualifier(text string, end int) string {
	rest := text[end:]
	if len(rest) > 80 {
		rest = rest[:80]
	}
	trim := strings.TrimLeft(rest, " ")
	var after string
	switch {
	case strings.HasPrefix(trim, ","):
		after = strings.TrimLeft(trim[1:], " ")
	case strings.HasPrefix(trim, "in "):
		after = trim[3:]
		for _, d := range []string{"northern ", "southern ", "eastern ", "western ", "central ", "northwestern ", "northeastern ", "southwestern ", "southeastern ", "north ", "south ", "east ", "west ", "the "} {
			after = strings.TrimPrefix(after, d)
		}
	case strings.HasPrefix(trim, "("):
		after = strings.TrimLeft(trim[1:], " ")
	default:
		return ""
	}
	// Take a capitalized run (or a dotted abbreviation).
	var b strings.Builder
	words := 0
	for after != "" && words < 4 {
		r, _ := utf8.DecodeRuneInString(after)
		if !unicode.IsUpper(r) {
			break
		}
		j := strings.IndexAny(after, " ,;:)(\"")
		w := after
		if j >= 0 {
			w = after[:j]
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		words++
		if j < 0 || after[j] != ' ' {
			break
		}
		after = after[j+1:]
	}
	return strings.TrimRight(b.String(), ".")
}

// resolveQualifier looks the qualifier up among countries and divisions
// (and big places).
func (r *Resolver) resolveQualifier(q string, st *mentionState) {
	if q == "" {
		return
	}
	if p, ok := r.g.Postal(q); ok {
		st.qualA1[p.Country+"."+p.Admin1] = true
		st.qualCC[p.Country] = true
		return
	}
	forms := []string{q}
	if len(q) <= 5 {
		forms = append(forms, q+".")
	}
	for _, form := range forms {
		_, _, cs := r.candidates(form)
		for _, c := range cs {
			p := c.p
			switch {
			case p.IsCountry():
				st.qualCC[p.Country] = true
			case p.Code == "ADM1":
				st.qualA1[p.Country+"."+p.Admin1] = true
				st.qualCC[p.Country] = true
			case p.Code == "ADM2" || p.Class == 'P' && p.Population > 50000:
				st.qualPlace = append(st.qualPlace, p)
			}
		}
	}
}

// features fills c.feats for candidate c of st in context ctx.
func (r *Resolver) features(st *mentionState, ci int, ctx *docContext) {
	c := &st.cands[ci]
	p := &c.p
	f := c.feats
	if len(f) != fNumFeatures {
		f = make([]float64, fNumFeatures)
	} else {
		clear(f)
	}
	f[fBias] = 1
	f[fLogPop] = math.Log10(float64(p.Population)+1) / 7
	if p.IsCountry() {
		f[fCountry] = 1
	}
	if p.Code == "ADM1" {
		f[fAdmin1] = 1
	}
	if p.Code == "ADM2" {
		f[fAdmin2] = 1
	}
	if p.Code == "PPLC" {
		f[fCapital] = 1
	}
	if p.Code == "PPLA" || p.Code == "PPLA2" {
		f[fSeat] = 1
	}
	if p.Class == 'L' || p.Class == 'H' || p.Class == 'T' {
		f[fRegion] = 1
	}
	if c.exact {
		f[fExact] = 1
	}
	maxPop := st.maxPop
	if p.Population == maxPop {
		f[fTopPop] = 1
	}
	if maxPop > 0 {
		f[fPopShare] = float64(p.Population) / float64(maxPop)
	}
	f[fNumCands] = math.Log(float64(len(st.cands))) / 4
	if st.qualCC[p.Country] && !p.IsCountry() {
		f[fQualCountry] = 1
	}
	if st.qualA1[p.Country+"."+p.Admin1] && p.Code != "ADM1" {
		f[fQualAdmin1] = 1
	}
	for _, q := range st.qualPlace {
		if q.Index != p.Index && fastKm(q.Lat, q.Lon, p.Lat, p.Lon) < 100 {
			f[fQualNear] = 1
		}
	}
	if ctx != nil && ctx.total > 0 {
		// This mention's own current resolution must not count as context.
		var sp *gazetteer.Place
		counted := false
		if st.best >= 0 {
			sp, counted = &st.cands[st.best].p, true
		} else if len(st.cands) == 1 {
			sp = &st.cands[0].p
		}
		selfC, selfA, selfP := 0.0, 0.0, 0
		if sp != nil {
			if counted && sp.Country == p.Country {
				selfC = 1
			}
			if counted && sp.Country == p.Country && sp.Admin1 == p.Admin1 {
				selfA = 1
			}
			if counted && sp.Index == p.Index {
				selfP = 1
			}
		}
		f[fDocCountryShare] = (ctx.countryCount[p.Country] - selfC) / ctx.total
		f[fDocAdmin1Share] = (ctx.admin1Count[p.Country+"."+p.Admin1] - selfA) / ctx.total
		if p.Admin1 == "" {
			f[fDocAdmin1Share] = 0
		}
		if ctx.countryExpl.byOther(p.Country, st.key) && !p.IsCountry() {
			f[fDocCountryExplicit] = 1
		}
		if ctx.admin1Expl.byOther(p.Country+"."+p.Admin1, st.key) && p.Code != "ADM1" && p.Admin1 != "" {
			f[fDocAdmin1Explicit] = 1
		}
		if ctx.placeIDs[p.Index]-selfP > 0 {
			f[fSamePlace] = 1
		}
		if ctx.demonymCC[p.Country] {
			f[fDemonymCountry] = 1
		}
		best := math.Inf(1)
		for _, pt := range ctx.points {
			if sp != nil && counted && pt[0] == sp.Lat && pt[1] == sp.Lon {
				continue
			}
			d := fastKm(pt[0], pt[1], p.Lat, p.Lon)
			if d < best {
				best = d
			}
		}
		if !math.IsInf(best, 1) {
			f[fNearKm] = 1 - math.Min(math.Log10(best+1)/4.3, 1)
		}
	}
	if ctx != nil {
		for _, dl := range ctx.dateline {
			if dl.Country == p.Country && (dl.IsCountry() || dl.Admin1 == p.Admin1 || dl.Index == p.Index) {
				f[fDateline] = 1
			}
		}
	}
	f[fNearAny] = c.nearAny
	if c.partial {
		f[fPartial] = 1
	}
	if c.inOther {
		f[fInOther] = 1
	}
	if c.holdsOther {
		f[fHoldsOther] = 1
	}
	if st.suffix && p.Class == 'A' {
		f[fSuffixAdmin] = 1
	}
	if !st.suffix && (p.Code == "ADM2") {
		f[fCityNoSuffix] = 1
	}
	c.feats = f
}

// ResolveText resolves mentions in text (code point offsets); dateline is
// the dateline place name ("DAMASCUS") or "".
func (r *Resolver) ResolveText(text string, mentions []Mention, dateline string) []Resolution {
	sts := r.prepare(text, withContext(mentions, r.Recognize(text)))
	coherence(sts)
	ctx := r.context(sts, r.datelinePlaces(dateline))
	for round := 0; round < 2; round++ {
		for i := range sts {
			r.score(&sts[i], ctx.ctx)
		}
		ctx = r.context(sts, ctx.dl)
	}
	oneSense(sts)
	out := make([]Resolution, len(mentions))
	for i := range mentions {
		st := &sts[i]
		out[i] = Resolution{Mention: st.m, Kind: "literal"}
		if st.demonym != "" {
			out[i].Kind = "associative"
			if p, ok := r.g.Country(st.demonym); ok {
				out[i].OK, out[i].Place, out[i].Score = true, p, 1
			}
			continue
		}
		if st.best >= 0 {
			out[i].OK = true
			out[i].Place = st.cands[st.best].p
			out[i].Score = st.cands[st.best].score
			if st.cands[st.best].derived {
				out[i].Kind = "associative"
			}
		}
	}
	return out
}

type ctxState struct {
	ctx *docContext
	dl  []gazetteer.Place
}

// prepare builds mention states with candidates and qualifiers.
func (r *Resolver) prepare(text string, mentions []Mention) []mentionState {
	byteOff := runeToByte(text)
	sts := make([]mentionState, len(mentions))
	for i, m := range mentions {
		st := &sts[i]
		st.m = m
		st.best = -1
		st.qualCC = map[string]bool{}
		st.qualA1 = map[string]bool{}
		if m.Type == "NORP" || len(m.Text) > 0 {
			if cc, ok := r.g.Demonym(possessive(m.Text)); ok && (m.Type == "NORP" || !r.strong(gazetteer.Normalize(possessive(m.Text)))) {
				st.demonym = cc
				continue
			}
		}
		if m.Type == "NORP" {
			continue
		}
		st.key, st.suffix, st.cands = r.candidates(m.Text)
		for j := range st.cands {
			st.maxPop = max(st.maxPop, st.cands[j].p.Population)
		}
		if m.End >= 0 && m.End < len(byteOff) {
			r.resolveQualifier(qualifier(text, byteOff[m.End]), st)
		}
	}
	return sts
}

// context summarizes the current best resolutions of a document.
func (r *Resolver) context(sts []mentionState, dl []gazetteer.Place) ctxState {
	ctx := &docContext{
		countryCount: map[string]float64{}, admin1Count: map[string]float64{},
		countryExpl: explicit{}, admin1Expl: explicit{},
		placeIDs: map[int]int{}, demonymCC: map[string]bool{}, dateline: dl,
	}
	for _, p := range dl {
		ctx.countryExpl.add(p.Country, "\x00dateline")
		if !p.IsCountry() && p.Admin1 != "" {
			ctx.admin1Expl.add(p.Country+"."+p.Admin1, "\x00dateline")
		}
	}
	for i := range sts {
		st := &sts[i]
		if st.demonym != "" {
			ctx.demonymCC[st.demonym] = true
			continue
		}
		if st.best < 0 && len(st.cands) > 0 {
			// Before scoring: an unambiguous country or division is explicit.
			if len(st.cands) == 1 {
				p := st.cands[0].p
				if p.IsCountry() {
					ctx.countryExpl.add(p.Country, st.key)
				} else if p.Code == "ADM1" {
					ctx.admin1Expl.add(p.Country+"."+p.Admin1, st.key)
				}
			}
			continue
		}
		if st.best < 0 {
			continue
		}
		p := st.cands[st.best].p
		ctx.total++
		ctx.countryCount[p.Country]++
		if p.Admin1 != "" {
			ctx.admin1Count[p.Country+"."+p.Admin1]++
		}
		ctx.placeIDs[p.Index]++
		if p.IsCountry() {
			ctx.countryExpl.add(p.Country, st.key)
		} else if p.Code == "ADM1" {
			ctx.admin1Expl.add(p.Country+"."+p.Admin1, st.key)
		}
		if !p.IsCountry() && p.Class != 'L' {
			ctx.points = append(ctx.points, [2]float64{p.Lat, p.Lon})
		}
	}
	return ctxState{ctx: ctx, dl: dl}
}

// score sets st.best by the model over the candidates' features.
func (r *Resolver) score(st *mentionState, ctx *docContext) {
	if len(st.cands) == 0 {
		return
	}
	for i := range st.cands {
		r.features(st, i, ctx)
		st.cands[i].score = r.model.dot(st.cands[i].feats)
	}
	softmax(st.cands)
	best := 0
	for i := range st.cands {
		if st.cands[i].score > st.cands[best].score {
			best = i
		}
	}
	st.best = best
}

func softmax(cs []candidate) {
	m := math.Inf(-1)
	for i := range cs {
		m = math.Max(m, cs[i].score)
	}
	sum := 0.0
	for i := range cs {
		cs[i].score = math.Exp(cs[i].score - m)
		sum += cs[i].score
	}
	for i := range cs {
		cs[i].score /= sum
	}
}

// runeToByte returns the byte offset of each code point of s (and len(s)).
func runeToByte(s string) []int {
	out := make([]int, 0, len(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

// maxCoherenceKeys caps the distinct names compared by coherence.
const maxCoherenceKeys = 25

// coherence sets the static coherence features of every candidate: how
// close it is to some candidate of each other name of the document, and
// containment between candidates of different names ("Paris" and "Henry
// County": Paris, Tennessee lies in Henry County, Tennessee).
func coherence(sts []mentionState) {
	var keys []string
	byKey := map[string]*mentionState{}
	for i := range sts {
		st := &sts[i]
		if st.demonym != "" || len(st.cands) == 0 {
			continue
		}
		if _, ok := byKey[st.key]; ok || len(keys) >= maxCoherenceKeys {
			continue
		}
		byKey[st.key] = st
		keys = append(keys, st.key)
	}
	spatial := func(p *gazetteer.Place) bool { return !p.IsCountry() && p.Class != 'L' && p.Class != 'H' }
	for _, k := range keys {
		st := byKey[k]
		for ci := range st.cands {
			c := &st.cands[ci]
			p := &c.p
			sum, n := 0.0, 0
			for _, k2 := range keys {
				if k2 == k {
					continue
				}
				best := math.Inf(1)
				for cj := range byKey[k2].cands {
					q := &byKey[k2].cands[cj].p
					if spatial(p) && spatial(q) {
						best = math.Min(best, fastKm(p.Lat, p.Lon, q.Lat, q.Lon))
					}
					if q.Country != p.Country || p.Country == "" {
						continue
					}
					if contains(q, p) {
						c.inOther = true
					}
					if contains(p, q) {
						c.holdsOther = true
					}
				}
				if !math.IsInf(best, 1) {
					sum += 1 - math.Min(math.Log10(best+1)/4.3, 1)
					n++
				}
			}
			if n > 0 && spatial(p) {
				c.nearAny = sum / float64(n)
			}
		}
	}
	// Mentions of the same name share the first one's candidates' values.
	for i := range sts {
		st := &sts[i]
		first, ok := byKey[st.key]
		if !ok || first == st || len(first.cands) != len(st.cands) {
			continue
		}
		for ci := range st.cands {
			st.cands[ci].nearAny = first.cands[ci].nearAny
			st.cands[ci].inOther = first.cands[ci].inOther
			st.cands[ci].holdsOther = first.cands[ci].holdsOther
		}
	}
}

// contains reports whether division a holds place b (same country).
func contains(a, b *gazetteer.Place) bool {
	switch a.Code {
	case "ADM1":
		return b.Code != "ADM1" && b.Admin1 == a.Admin1 && a.Admin1 != ""
	case "ADM2":
		if b.Code == "ADM1" || b.Code == "ADM2" || b.Admin1 != a.Admin1 {
			return false
		}
		if b.Admin2 != "" {
			return b.Admin2 == a.Admin2
		}
		return fastKm(a.Lat, a.Lon, b.Lat, b.Lon) < 40
	}
	return false
}

// fastKm is an equirectangular approximation of the distance in km.
func fastKm(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	x := (lon2 - lon1) * rad * math.Cos((lat1+lat2)/2*rad)
	y := (lat2 - lat1) * rad
	return 6371 * math.Sqrt(x*x+y*y)
}

// haversine returns the great-circle distance in km.
func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// Distance returns the great-circle distance in km between two points.
func Distance(lat1, lon1, lat2, lon2 float64) float64 { return haversine(lat1, lon1, lat2, lon2) }

// oneSense gives every mention of a name the candidate with the highest
// summed log-probability over the name's mentions (one sense per
// discourse): "London, Ontario" settles the later bare "London"s.
func oneSense(sts []mentionState) {
	groups := map[string][]int{}
	for i := range sts {
		if sts[i].demonym == "" && len(sts[i].cands) > 1 {
			groups[sts[i].key] = append(groups[sts[i].key], i)
		}
	}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		n := len(sts[g[0]].cands)
		sum := make([]float64, n)
		ok := true
		for _, i := range g {
			if len(sts[i].cands) != n {
				ok = false
				break
			}
			for j := range sts[i].cands {
				sum[j] += math.Log(sts[i].cands[j].score + 1e-9)
			}
		}
		if !ok {
			continue
		}
		best := 0
		for j := range sum {
			if sum[j] > sum[best] {
				best = j
			}
		}
		for _, i := range g {
			sts[i].best = best
		}
	}
}

// datelinePlaces resolves a dateline place ("DAMASCUS", "Idlib, Syria") by
// prior alone.
func (r *Resolver) datelinePlaces(dateline string) []gazetteer.Place {
	dateline = strings.TrimSpace(dateline)
	if dateline == "" {
		return nil
	}
	name, qual, _ := strings.Cut(dateline, ",")
	_, _, cs := r.candidates(name)
	var qcc map[string]bool
	if q := strings.TrimSpace(qual); q != "" {
		st := mentionState{qualCC: map[string]bool{}, qualA1: map[string]bool{}}
		r.resolveQualifier(q, &st)
		qcc = st.qualCC
	}
	best, bestScore := -1, math.Inf(-1)
	for i := range cs {
		s := prior(&cs[i].p)
		if cs[i].p.Class == 'P' {
			s += 6 // datelines name cities
		}
		if qcc[cs[i].p.Country] {
			s += 20
		}
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	if best < 0 {
		return nil
	}
	return []gazetteer.Place{cs[best].p}
}

// withContext appends to mentions the recognized ones that overlap none
// of them: they inform the document context but are not returned.
func withContext(mentions, recognized []Mention) []Mention {
	out := append(make([]Mention, 0, len(mentions)+len(recognized)), mentions...)
	for _, x := range recognized {
		overlap := false
		for _, m := range mentions {
			if x.Start < m.End && m.Start < x.End {
				overlap = true
				break
			}
		}
		if !overlap {
			out = append(out, x)
		}
	}
	return out
}
