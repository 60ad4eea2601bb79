package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/store"
)

// TestMain lets the test binary act as the sitrep command when
// SITREP_TEST_MAIN is set, so that tests can run it as a child process.
func TestMain(m *testing.M) {
	if os.Getenv("SITREP_TEST_MAIN") == "1" {
		e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
		os.Exit(run(context.Background(), e, os.Args[1:]))
	}
	os.Exit(m.Run())
}

// TestIngestSurvivesSIGKILL kills "sitrep ingest" at random moments 20
// times in a row. After each kill the database must pass
// PRAGMA integrity_check, hold at least as many documents as before (no
// committed document is lost), and every stored document must have all its
// events; a last uninterrupted run then completes the input.
func TestIngestSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	in := filepath.Join(dir, "in.jsonl")
	const n = 2500
	rng := rand.New(rand.NewPCG(1, 2))
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for i := range n {
		d := storeTestDoc(fmt.Sprintf("k%05d", i), fmt.Sprintf("2024-01-%02d", 1+i%28), "Iran", "IRNGOV", "Israel", "ISRGOV", "138")
		d.Text += fmt.Sprintf(" Item %d of the test feed.", i)
		for range 30 {
			d.Text += " " + crashWords[rng.IntN(len(crashWords))]
		}
		for j := range i % 4 {
			ev := d.Events[0]
			ev.ID = fmt.Sprintf("v%d", j+2)
			d.Events = append(d.Events, ev)
		}
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()

	prev, midway := 0, 0
	ctx := context.Background()
	for round := range 20 {
		cmd := exec.Command(os.Args[0], "ingest", "--quiet", "--db", db, in)
		cmd.Env = append(os.Environ(), "SITREP_TEST_MAIN=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill mid-ingest: once the run has committed something new (or
		// after 10 s), then at a random moment in the next 60 ms.
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
			if countDocs(ctx, db) > prev {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(time.Duration(rng.IntN(60)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		got := checkCrashDB(ctx, t, db)
		if got > 0 && got < n {
			midway++
		}
		if got < prev {
			t.Fatalf("round %d: %d documents after kill, %d before: committed documents lost", round, got, prev)
		}
		prev = got
	}
	cmd := exec.Command(os.Args[0], "ingest", "--quiet", "--db", db, in)
	cmd.Env = append(os.Environ(), "SITREP_TEST_MAIN=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("final ingest: %v\n%s", err, out)
	}
	if got := checkCrashDB(ctx, t, db); got != n {
		t.Fatalf("after the final run: %d documents, want %d", got, n)
	}
	if midway < 10 {
		t.Fatalf("only %d of 20 kills landed mid-ingest", midway)
	}
	t.Logf("20 kills survived (%d mid-ingest); documents after the kills: %d of %d", midway, prev, n)
}

var crashWords = strings.Fields("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike " +
	"november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu red green blue")

// countDocs returns the number of committed documents, -1 if the database
// cannot be read yet.
func countDocs(ctx context.Context, db string) int {
	if _, err := os.Stat(db); err != nil {
		return -1
	}
	st, err := store.Open(ctx, db, store.Options{ReadOnly: true})
	if err != nil {
		return -1
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		return -1
	}
	return s.Documents
}

// checkCrashDB checks integrity and per-document completeness and returns
// the number of documents.
func checkCrashDB(ctx context.Context, t *testing.T, db string) int {
	t.Helper()
	if _, err := os.Stat(db); err != nil {
		return 0
	}
	st, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer st.Close()
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	events := 0
	if err := st.EachDocument(ctx, func(d *document.Document) error {
		events += len(d.Events)
		if !strings.HasPrefix(d.ID, "k") {
			return fmt.Errorf("stray document %q", d.ID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if events != stats.Events {
		t.Fatalf("documents hold %d events, events table %d: a document was stored in part", events, stats.Events)
	}
	return stats.Documents
}
