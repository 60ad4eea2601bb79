package geoparse

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/gazetteer"
)

// Options configures NewStage.
type Options struct {
	// Gazetteer to use; nil loads GazetteerDir, else $SITREP_GAZETTEER,
	// else the embedded default.
	Gazetteer    *gazetteer.Gazetteer
	GazetteerDir string
	// Model is the ranker; nil uses the embedded one.
	Model *Model
	// NoFallback disables the stage's own recognizer, used when the
	// document has no GPE/LOC/NORP entities.
	NoFallback bool
}

// Stage is the "geoparse" pipeline stage: it resolves the GPE, LOC and
// NORP entities' mentions (or, without such entities, its own
// recognizer's) into Document.Places and sets the focus country and city.
type Stage struct {
	r          *Resolver
	noFallback bool
}

// NewStage returns the geoparse stage.
func NewStage(o Options) (*Stage, error) {
	g := o.Gazetteer
	if g == nil {
		var err error
		dir := o.GazetteerDir
		if dir == "" {
			dir = lookupEnv(gazetteer.EnvVar)
		}
		if g, err = gazetteer.Open(dir); err != nil {
			return nil, fmt.Errorf("geoparse: %w", err)
		}
	}
	r, err := NewResolver(g, o.Model)
	if err != nil {
		return nil, fmt.Errorf("geoparse: %w", err)
	}
	return &Stage{r: r, noFallback: o.NoFallback}, nil
}

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "geoparse" }

// Resolver returns the stage's resolver.
func (s *Stage) Resolver() *Resolver { return s.r }

// Process implements pipeline.Stage.
func (s *Stage) Process(ctx context.Context, d *document.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ms := s.Mentions(d)
	dateline := ""
	if d.Dateline != nil {
		dateline = d.Dateline.Place
	}
	res := s.r.ResolveText(d.Text, ms, dateline)
	outletNames(d, res)
	d.Places, d.Focus = s.places(res, s.r.datelinePlaces(dateline))
	return nil
}

// Mentions returns the toponym mentions of d: the GPE, LOC, NORP and FAC
// entities' mentions, and the stage's own recognition where it overlaps no
// entity mention but an organization's (NER misses many small places, and
// place names inside organization names, "Chicago Police Department", are
// toponyms too) and is not an organization's acronym (the news agency
// "SANA" is not the city of Sanaa; NER takes whole place names for
// organizations too often to exclude those).
func (s *Stage) Mentions(d *document.Document) []Mention {
	var ms []Mention
	var taken, orgs [][2]int
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			if e.Type != "ORG" {
				taken = append(taken, [2]int{m.Start, m.End})
			} else if isAcronym(d.Slice(m.Start, m.End)) {
				orgs = append(orgs, [2]int{m.Start, m.End})
			}
			switch e.Type {
			case "GPE", "LOC", "NORP", "FAC":
				ms = append(ms, Mention{Start: m.Start, End: m.End, Text: d.Slice(m.Start, m.End), Type: e.Type})
			}
		}
	}
	if !s.noFallback {
		for _, m := range s.r.Recognize(d.Text) {
			free := true
			for _, t := range taken {
				if m.Start < t[1] && t[0] < m.End {
					free = false
					break
				}
			}
			for _, o := range orgs {
				if m.Start <= o[0] && o[1] <= m.End {
					free = false
					break
				}
			}
			if free {
				ms = append(ms, m)
			}
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	return ms
}

// outletNames makes associative the places named in a news outlet's name
// ("Tehran Times", "Fars News", and "Fars" for it): the outlet is named
// after the place, which is not where anything it reports happens. They
// stay in the places layer (LGL annotates them as toponyms) but do not
// count as places of the story.
func outletNames(d *document.Document, res []Resolution) {
	var spans [][2]int
	for _, e := range d.Entities {
		if e.Type != "ORG" || !mediaName(e.Name) {
			continue
		}
		for _, m := range e.Mentions {
			spans = append(spans, [2]int{m.Start, m.End})
		}
	}
	for i := range res {
		for _, sp := range spans {
			if res[i].OK && sp[0] <= res[i].Start && res[i].End <= sp[1] {
				res[i].Kind = "associative"
			}
		}
	}
}

// mediaName reports whether an organization's name is a news outlet's:
// its last word is one like News, Agency, Times or Post.
func mediaName(name string) bool {
	i := strings.LastIndexByte(name, ' ')
	return i > 0 && outletWords[strings.ToLower(name[i+1:])]
}

var outletWords = map[string]bool{
	"news": true, "agency": true, "times": true, "post": true, "tribune": true, "herald": true,
	"journal": true, "gazette": true, "tv": true, "television": true, "radio": true, "press": true,
	"daily": true, "telegraph": true, "chronicle": true,
}

// places groups resolutions by place and kind and picks the focus.
func (s *Stage) places(res []Resolution, dl []gazetteer.Place) ([]document.Place, *document.PlaceFocus) {
	type key struct {
		idx  int
		kind string
	}
	byKey := map[key]int{}
	out := []document.Place{}
	for _, r := range res {
		if !r.OK {
			continue
		}
		k := key{r.Place.Index, r.Kind}
		i, ok := byKey[k]
		if !ok {
			p := r.Place
			dp := document.Place{ID: "p" + strconv.Itoa(len(out)+1), Name: p.Name, Lat: round5(p.Lat), Lon: round5(p.Lon),
				Country: p.Country, Admin1: p.Admin1, GeonameID: p.GeonameID, FeatureCode: p.Code, Kind: r.Kind,
				Score: round5(r.Score), Mentions: []document.Mention{}}
			if a, ok := s.r.g.Admin1(p.Country, p.Admin1); ok && p.Code != "ADM1" && p.Admin1 != "" {
				dp.Admin1Name = a.Name
			}
			i = len(out)
			out = append(out, dp)
			byKey[k] = i
		}
		out[i].Mentions = append(out[i].Mentions, document.Mention{Start: r.Start, End: r.End, Text: r.Text})
	}
	f := focus(out, dl)
	if f.Country == "" && f.City == "" {
		return out, nil
	}
	return out, &f
}

// focus picks the country with the most literal mentions (its own and
// its places', the dateline counting twice) and the most mentioned city in
// it (the dateline city when it is one).
func focus(ps []document.Place, dl []gazetteer.Place) document.PlaceFocus {
	cw := map[string]float64{}
	for _, p := range dl {
		if p.Country != "" {
			cw[p.Country] += 2
		}
	}
	for _, p := range ps {
		if p.Country == "" {
			continue
		}
		w := float64(len(p.Mentions))
		if p.Kind == "associative" {
			w *= 0.5
		}
		cw[p.Country] += w
	}
	var f document.PlaceFocus
	best := 0.0
	for cc, w := range cw {
		if w > best || w == best && cc < f.Country {
			f.Country, best = cc, w
		}
	}
	bestCity := 0
	for _, p := range ps {
		if p.Kind != "literal" {
			continue
		}
		if p.Country == f.Country && (p.FeatureCode == "PCLI" || len(p.FeatureCode) >= 3 && p.FeatureCode[:3] == "PCL") && f.CountryPlace == "" {
			f.CountryPlace = p.ID
		}
		if p.Country == f.Country && len(p.FeatureCode) >= 3 && p.FeatureCode[:3] == "PPL" && len(p.Mentions) > bestCity {
			f.City, f.CityPlace, bestCity = p.Name, p.ID, len(p.Mentions)
		}
	}
	for _, p := range dl {
		if p.Class == 'P' && p.Country == f.Country {
			f.City, f.CityPlace = p.Name, ""
			for _, q := range ps {
				if q.Kind == "literal" && q.GeonameID == p.GeonameID && q.Name == p.Name {
					f.CityPlace = q.ID
				}
			}
		}
	}
	return f
}

func round5(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 5, 64), 64)
	return v
}

// isAcronym reports whether s is written in capitals only, with at least
// two letters: "SANA", "U.N.".
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			letters++
		}
	}
	return letters >= 2
}
