package main

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/sitrep/sitrep/gazetteer"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// notices lists the data and software whose licences require attribution in
// the binary. Stages that embed data add their notice here.
func notices() []string {
	return []string{
		"sitrep is licensed under the Apache License 2.0.",
		gazetteer.Attribution,
		"Article extraction: go-trafilatura and go-htmldate (Apache 2.0, github.com/markusmobius); feeds: gofeed (MIT, github.com/mmcdole/gofeed).",
	}
}

// runVersion implements "sitrep version [--notices]".
func runVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "version", "[--notices]")
	withNotices := fs.Bool("notices", false, "also print the licences and attributions of embedded data and libraries")
	if err := fs.Parse(args); err != nil {
		return err
	}
	v := version
	if bi, ok := debug.ReadBuildInfo(); ok {
		v += " (" + bi.GoVersion + ")"
	}
	fmt.Fprintf(e.stdout, "sitrep %s\n", v)
	if *withNotices {
		fmt.Fprintln(e.stdout, "\nNotices:")
		for _, n := range notices() {
			fmt.Fprintln(e.stdout, "- "+strings.TrimSpace(n))
		}
	}
	return nil
}
