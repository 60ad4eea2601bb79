package geoparse

import (
	"context"
	"fmt"
	"io"
	"time"
)

// Metrics are the geoparsing figures of an evaluation.
type Metrics struct {
	Docs int
	// Recognition (end to end only): exact span matches of literal places.
	Gold, Predicted, Matched int
	// Resolution over the gold toponyms that have a predicted span (all of
	// them with gold spans).
	Resolved, Scored int
	WithID, ExactID  int
	Within161        int
	ErrorKmSum       float64
	ErrorKmN         int
	WithCountry      int
	CountryOK        int
	Elapsed          time.Duration
}

// Precision, Recall and F1 of toponym recognition.
func (m *Metrics) Precision() float64 { return ratio(m.Matched, m.Predicted) }

// Recall of toponym recognition.
func (m *Metrics) Recall() float64 { return ratio(m.Matched, m.Gold) }

// F1 of toponym recognition.
func (m *Metrics) F1() float64 {
	p, r := m.Precision(), m.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Acc161 is the share of scored toponyms resolved within 161 km of gold
// (unresolved ones count as misses).
func (m *Metrics) Acc161() float64 { return ratio(m.Within161, m.Scored) }

// ExactAcc is the share of toponyms with a gold GeoNames id resolved to it.
func (m *Metrics) ExactAcc() float64 { return ratio(m.ExactID, m.WithID) }

// MeanKm is the mean error distance over resolved toponyms.
func (m *Metrics) MeanKm() float64 {
	if m.ErrorKmN == 0 {
		return 0
	}
	return m.ErrorKmSum / float64(m.ErrorKmN)
}

// CountryAcc is the share of toponyms with a gold country resolved into it.
func (m *Metrics) CountryAcc() float64 { return ratio(m.CountryOK, m.WithCountry) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Evaluate resolves docs (the gold spans when goldSpans, else the
// resolver's own recognition) and scores the result.
//
// When errs is not nil, each toponym resolved more than 161 km off is
// written to it (for error analysis on training data).
func (r *Resolver) Evaluate(ctx context.Context, docs []Doc, goldSpans bool, errs io.Writer) (*Metrics, error) {
	if !goldSpans {
		return r.EvaluateWith(ctx, docs, nil, errs)
	}
	m, err := r.EvaluateWith(ctx, docs, func(string) []Mention { return nil }, errs)
	if m != nil {
		m.Predicted, m.Matched = 0, 0
	}
	return m, err
}

// EvaluateWith is Evaluate with the toponym mentions found by recognize
// (for instance a named-entity recognizer's GPE, LOC and NORP mentions); a
// nil recognize uses the resolver's own recognition, and a recognize that
// returns nil falls back on the gold spans.
func (r *Resolver) EvaluateWith(ctx context.Context, docs []Doc, recognize func(text string) []Mention, errs io.Writer) (*Metrics, error) {
	m := &Metrics{}
	start := time.Now()
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m.Docs++
		m.Gold += len(d.Toponyms)
		var ms []Mention
		switch {
		case recognize == nil:
			ms = r.Recognize(d.Text)
		default:
			if ms = recognize(d.Text); ms == nil {
				ms = d.GoldMentions()
			}
		}
		res := r.ResolveText(d.Text, ms, "")
		pred := map[[2]int]Resolution{}
		for _, x := range res {
			// Demonyms count as recognized toponyms: LGL and GeoVirus
			// annotate adjectival forms ("Russian") as toponyms.
			// A mention left unresolved yields no place in the
			// document, so it is not a recognized toponym.
			if x.OK {
				m.Predicted++
			}
			pred[[2]int{x.Start, x.End}] = x
		}
		for _, t := range d.Toponyms {
			x, ok := pred[[2]int{t.Start, t.End}]
			if !ok {
				continue
			}
			if x.OK {
				m.Matched++
			}
			m.Scored++
			if t.GeonameID != 0 {
				m.WithID++
			}
			if t.CountryCode != "" {
				m.WithCountry++
			}
			if !x.OK {
				if errs != nil {
					fmt.Fprintf(errs, "%s\t%q\tgold %d %.2f,%.2f %s\tunresolved\n", d.ID, x.Text, t.GeonameID, t.Lat, t.Lon, t.CountryCode)
				}
				continue
			}
			m.Resolved++
			dist := haversine(t.Lat, t.Lon, x.Place.Lat, x.Place.Lon)
			m.ErrorKmSum += dist
			m.ErrorKmN++
			if dist <= 161 {
				m.Within161++
			} else if errs != nil {
				fmt.Fprintf(errs, "%s\t%q\tgold %d %.2f,%.2f %s\tgot %s %s/%s %s pop %d (%.0f km, p=%.2f)\n", d.ID, x.Text, t.GeonameID, t.Lat, t.Lon, t.CountryCode,
					x.Place.Name, x.Place.Country, x.Place.Admin1, x.Place.Code, x.Place.Population, dist, x.Score)
			}
			if t.GeonameID != 0 && x.Place.GeonameID == t.GeonameID {
				m.ExactID++
			}
			if t.CountryCode != "" && x.Place.Country == t.CountryCode {
				m.CountryOK++
			}
		}
	}
	m.Elapsed = time.Since(start)
	return m, nil
}

// Report writes the metrics as a small table.
func (m *Metrics) Report(w io.Writer, goldSpans bool) {
	fmt.Fprintf(w, "documents        %d\n", m.Docs)
	fmt.Fprintf(w, "gold toponyms    %d\n", m.Gold)
	if !goldSpans {
		fmt.Fprintf(w, "recognition      P %.3f  R %.3f  F1 %.3f  (predicted %d, matched %d)\n", m.Precision(), m.Recall(), m.F1(), m.Predicted, m.Matched)
	}
	fmt.Fprintf(w, "scored toponyms  %d (resolved %d)\n", m.Scored, m.Resolved)
	fmt.Fprintf(w, "exact-id acc     %.3f  (of %d with a GeoNames id)\n", m.ExactAcc(), m.WithID)
	fmt.Fprintf(w, "Acc@161km        %.3f\n", m.Acc161())
	fmt.Fprintf(w, "mean error km    %.1f\n", m.MeanKm())
	fmt.Fprintf(w, "country acc      %.3f  (of %d with a country)\n", m.CountryAcc(), m.WithCountry)
	if m.Scored > 0 {
		fmt.Fprintf(w, "time             %v (%.0f toponyms/s)\n", m.Elapsed.Round(time.Millisecond), float64(m.Scored)/m.Elapsed.Seconds())
	}
}
