package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Aggregates count events of first copies only (duplicates' events are not
// counted twice) unless the filter asks for Duplicates. All take the same
// Filter as Events; Limit bounds the number of rows (default MaxLimit).

// DayCount is the number of events of one root code on one day.
type DayCount struct {
	Day    string `json:"day"`
	Root   string `json:"root"`
	Events int    `json:"events"`
}

// PairCount is the number of events from one actor to another.
type PairCount struct {
	Source    string  `json:"source"`
	Target    string  `json:"target"`
	Events    int     `json:"events"`
	Goldstein float64 `json:"goldstein_sum"`
}

// SpeakerCount is the number of quotes of one speaker.
type SpeakerCount struct {
	Speaker   string `json:"speaker"`
	Quotes    int    `json:"quotes"`
	Documents int    `json:"documents"`
}

// IndexPoint is the Goldstein-weighted conflict/cooperation index of a
// country pair on a day: the sum and mean of the Goldstein weights of its
// events (negative: conflict, positive: cooperation).
type IndexPoint struct {
	Day           string  `json:"day"`
	SourceCountry string  `json:"source_country"`
	TargetCountry string  `json:"target_country"`
	Events        int     `json:"events"`
	Sum           float64 `json:"goldstein_sum"`
	Mean          float64 `json:"goldstein_mean"`
}

func aggLimit(f *Filter) int {
	if f.Limit <= 0 {
		return MaxLimit
	}
	return min(f.Limit, 100*MaxLimit)
}

func (s *Store) aggregate(ctx context.Context, f Filter, sel, extra, group string, scan func(*sql.Rows) error) error {
	if err := f.Validate(); err != nil {
		return err
	}
	w := eventWhere(&f)
	if extra != "" {
		w.add(extra)
	}
	q := `SELECT ` + sel + ` FROM events e` + w.sql() + ` ` + group + ` LIMIT ?`
	rows, err := s.query(ctx, q, append(w.args, aggLimit(&f))...)
	if err != nil {
		return fmt.Errorf("aggregate: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("aggregate: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("aggregate: %w", err)
	}
	return nil
}

// EventsPerDay counts events per day and root code, by day then root.
func (s *Store) EventsPerDay(ctx context.Context, f Filter) ([]DayCount, error) {
	out := []DayCount{}
	err := s.aggregate(ctx, f, `e.day, e.root, count(*)`, `e.day IS NOT NULL`, `GROUP BY e.day, e.root ORDER BY e.day, e.root`,
		func(r *sql.Rows) error {
			var c DayCount
			if err := r.Scan(&c.Day, &c.Root, &c.Events); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	return out, err
}

// ActorPairs counts events per (source, target) actor, most events first.
// Actors are named by their actor code, else their entity name.
func (s *Store) ActorPairs(ctx context.Context, f Filter) ([]PairCount, error) {
	out := []PairCount{}
	src := `coalesce(nullif(e.source_actor, ''), e.source_name)`
	tgt := `coalesce(nullif(e.target_actor, ''), e.target_name)`
	err := s.aggregate(ctx, f, src+`, `+tgt+`, count(*), coalesce(sum(e.goldstein), 0)`,
		src+` <> '' AND `+tgt+` <> ''`, `GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
		func(r *sql.Rows) error {
			var c PairCount
			if err := r.Scan(&c.Source, &c.Target, &c.Events, &c.Goldstein); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	return out, err
}

// GoldsteinIndex sums the Goldstein weights of events per day and
// (source country, target country), by day.
func (s *Store) GoldsteinIndex(ctx context.Context, f Filter) ([]IndexPoint, error) {
	out := []IndexPoint{}
	err := s.aggregate(ctx, f, `e.day, e.source_country, e.target_country, count(*), sum(e.goldstein), avg(e.goldstein)`,
		`e.day IS NOT NULL AND e.goldstein IS NOT NULL AND e.source_country <> '' AND e.target_country <> ''`,
		`GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
		func(r *sql.Rows) error {
			var c IndexPoint
			if err := r.Scan(&c.Day, &c.SourceCountry, &c.TargetCountry, &c.Events, &c.Sum, &c.Mean); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	return out, err
}

// TopSpeakers counts quotes per speaker name, most quoted first, over the
// documents matching f's text, date and speaker filters.
func (s *Store) TopSpeakers(ctx context.Context, f Filter) ([]SpeakerCount, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var w where
	w.add(`q.speaker_name <> ''`)
	if f.Text != "" {
		w.add(`q.doc_key IN (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?)`, ftsQuery(f.Text))
	}
	if f.Speaker != "" {
		w.add(`q.speaker_name LIKE ? ESCAPE '\'`, likeContains(f.Speaker))
	}
	if f.From != "" {
		w.add(`d.day >= ?`, f.From)
	}
	if f.To != "" {
		w.add(`d.day <= ?`, f.To)
	}
	if !f.Duplicates {
		w.add(`d.dup_of IS NULL`)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	rows, err := s.r.QueryContext(ctx, `SELECT q.speaker_name, count(*), count(DISTINCT q.doc_key) FROM quotes q JOIN documents d ON d.doc_key = q.doc_key`+
		w.sql()+` GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?`, append(w.args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("top speakers: %w", err)
	}
	defer rows.Close()
	out := []SpeakerCount{}
	for rows.Next() {
		var c SpeakerCount
		if err := rows.Scan(&c.Speaker, &c.Quotes, &c.Documents); err != nil {
			return nil, fmt.Errorf("top speakers: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("top speakers: %w", err)
	}
	return out, nil
}
