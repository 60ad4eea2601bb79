// Package shared locates the annotated corpora in ../shared/data, which CI
// provides beside the checkout and a user's clone does not have.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// EnvVar overrides the location of the shared data directory.
const EnvVar = "SITREP_SHARED_DATA"

// Dir returns the shared data directory (…/shared/data), looking at
// $SITREP_SHARED_DATA and then for shared/data beside each parent of the
// working directory. It returns "" when there is none.
func Dir() string {
	if d := os.Getenv(EnvVar); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for dir := wd; ; {
		cand := filepath.Join(dir, "..", "shared", "data")
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			return filepath.Clean(cand)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Path returns the path of rel inside the shared data directory, or skips
// the test with a clear message when the data is absent.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	d := Dir()
	if d == "" {
		tb.Skipf("shared data not found (no ../shared/data and $%s unset); skipping test that needs %s", EnvVar, rel)
	}
	p := filepath.Join(d, rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared data file %s not present: %v", p, err)
	}
	return p
}
