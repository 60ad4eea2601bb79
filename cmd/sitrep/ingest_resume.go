package main

// Ingest resume: a document already stored from the same input by the same
// pipeline is not processed again.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/store"
)

// resume decides, before the stages run, whether a document read from an
// input is already stored as that input processed by this pipeline. It
// remembers the input hash of each document it lets through, for the
// store to record with it.
type resume struct {
	st  *store.Store
	sig string
	// hashes maps each document let through to its input hash.
	hashes sync.Map // *document.Document -> string
	// err is the first error looking the store up; documents are then
	// processed as if new.
	mu  sync.Mutex
	err error
}

func newResume(st *store.Store, pf *pipelineFlags) *resume {
	return &resume{st: st, sig: pipelineSignature(pf)}
}

// skip reports whether d is stored from the same input and pipeline.
func (r *resume) skip(ctx context.Context, d *document.Document) bool {
	h := store.InputHash(d, r.sig)
	ok, err := r.st.HasInput(ctx, d.ID, h)
	if err != nil {
		r.mu.Lock()
		if r.err == nil {
			r.err = err
		}
		r.mu.Unlock()
		ok = false
	}
	if !ok {
		r.hashes.Store(d, h)
	}
	return ok
}

// take returns (and forgets) the input hash of d, "" when unknown.
func (r *resume) take(d *document.Document) string {
	if r == nil {
		return ""
	}
	v, ok := r.hashes.LoadAndDelete(d)
	if !ok {
		return ""
	}
	return v.(string)
}

// pipelineSignature names what decides a document's processed form besides
// its input: the program build, the stages and their data files.
func pipelineSignature(pf *pipelineFlags) string {
	var b strings.Builder
	fmt.Fprintf(&b, "sitrep %s\n", version)
	stamped := false
	if bi, ok := debug.ReadBuildInfo(); ok {
		settings := map[string]string{}
		for _, s := range bi.Settings {
			settings[s.Key] = s.Value
		}
		if rev := settings["vcs.revision"]; rev != "" && settings["vcs.modified"] != "true" {
			fmt.Fprintf(&b, "build %s %s\n", rev, bi.GoVersion)
			stamped = true
		}
	}
	if !stamped {
		// An unstamped or locally modified build: the executable itself.
		fmt.Fprintf(&b, "executable %s\n", executableHash())
	}
	stages := pf.stages
	if strings.TrimSpace(stages) == "" {
		stages = strings.Join(stageNames(), ",")
	}
	fmt.Fprintf(&b, "stages %s\n", stages)
	if pf.syntax != "" && pf.syntax != "fast" {
		fmt.Fprintf(&b, "syntax %s\n", pf.syntax)
	}
	for _, f := range append(append([]string{pf.gazetteer}, pf.actors...), pf.patterns...) {
		if f == "" {
			continue
		}
		fi, err := os.Stat(f)
		if err != nil {
			fmt.Fprintf(&b, "file %s ?\n", f)
			continue
		}
		fmt.Fprintf(&b, "file %s %d %d\n", f, fi.Size(), fi.ModTime().UnixNano())
	}
	if pf.gazetteer == "" {
		fmt.Fprintf(&b, "gazetteer %s\n", os.Getenv("SITREP_GAZETTEER"))
	}
	fmt.Fprintf(&b, "published %s\n", pf.published)
	return b.String()
}

func executableHash() string {
	p, err := os.Executable()
	if err != nil {
		return "?"
	}
	f, err := os.Open(p)
	if err != nil {
		return "?"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "?"
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
