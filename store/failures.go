package store

import (
	"context"
	"fmt"
	"time"
)

// Failure is an input that could not be read, processed or stored.
type Failure struct {
	Input  string `json:"input"`
	Reason string `json:"reason"`
	At     string `json:"at"`
}

// RecordFailure records that input failed, replacing an earlier record of
// the same input.
func (s *Store) RecordFailure(ctx context.Context, input, reason string) error {
	if s.w == nil {
		return ErrReadOnly
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("record failure: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM failures WHERE input = ?`, input); err != nil {
		return fmt.Errorf("record failure: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO failures(input, reason, at) VALUES (?, ?, ?)`,
		input, reason, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("record failure: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record failure: %w", err)
	}
	return nil
}

// ClearFailure forgets the failure of input (after it succeeded).
func (s *Store) ClearFailure(ctx context.Context, input string) error {
	if s.w == nil {
		return ErrReadOnly
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if _, err := s.w.ExecContext(ctx, `DELETE FROM failures WHERE input = ?`, input); err != nil {
		return fmt.Errorf("clear failure: %w", err)
	}
	return nil
}

// Failures lists the recorded failures, newest first.
func (s *Store) Failures(ctx context.Context, limit int) ([]Failure, error) {
	if limit <= 0 {
		limit = MaxLimit
	}
	rows, err := s.r.QueryContext(ctx, `SELECT input, reason, at FROM failures ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("list failures: %w", err)
	}
	defer rows.Close()
	out := []Failure{}
	for rows.Next() {
		var f Failure
		if err := rows.Scan(&f.Input, &f.Reason, &f.At); err != nil {
			return nil, fmt.Errorf("list failures: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list failures: %w", err)
	}
	return out, nil
}
