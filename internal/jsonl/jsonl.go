// Package jsonl reads JSON Lines: one JSON value per line, as the annotated
// corpora and the project's own fixtures are written.
//
// Blank lines and lines starting with '#' are skipped; a line that does not
// decode is an error naming its line number. Lines may be up to MaxLine
// bytes long.
package jsonl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// MaxLine is the longest line read, in bytes.
const MaxLine = 64 << 20

// Each decodes every line of r into a new T and calls fn with its 1-based
// line number. It stops at the first error, of decoding or of fn.
func Each[T any](r io.Reader, fn func(line int, v T) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), MaxLine)
	for line := 1; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 || b[0] == '#' {
			continue
		}
		var v T
		if err := json.Unmarshal(b, &v); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		if err := fn(line, v); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading JSON Lines: %w", err)
	}
	return nil
}

// Read decodes every line of r.
func Read[T any](r io.Reader) ([]T, error) {
	var out []T
	err := Each(r, func(_ int, v T) error {
		out = append(out, v)
		return nil
	})
	return out, err
}
