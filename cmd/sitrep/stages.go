package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/sitrep/sitrep/actors"
	"github.com/sitrep/sitrep/events"
	"github.com/sitrep/sitrep/geoparse"
	"github.com/sitrep/sitrep/ner"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/quotes"
	"github.com/sitrep/sitrep/segment"
	"github.com/sitrep/sitrep/syntax"
	"github.com/sitrep/sitrep/timex"
)

// stageFactory builds one pipeline stage.
type stageFactory struct {
	name string
	make func() (pipeline.Stage, error)
}

// stageFactories lists the stages in pipeline order; pf may be nil for the
// defaults.
func stageFactories(pf *pipelineFlags) []stageFactory {
	if pf == nil {
		pf = &pipelineFlags{}
	}
	// The actors and events stages share one actor lexicon.
	actorStage := sync.OnceValues(func() (*actors.Stage, error) {
		return actors.NewStage(actors.Options{Dictionaries: pf.actors})
	})
	return []stageFactory{
		{"segment", func() (pipeline.Stage, error) { return segment.NewStage(), nil }},
		{"syntax", func() (pipeline.Stage, error) {
			switch pf.syntax {
			case "", "fast":
				return syntax.NewFastStage()
			case "accurate":
				return syntax.NewStage()
			}
			return nil, fmt.Errorf("unknown --syntax %q (want fast or accurate)", pf.syntax)
		}},
		{"ner", func() (pipeline.Stage, error) { return ner.NewStage() }},
		{"time", func() (pipeline.Stage, error) { return timex.NewStage(), nil }},
		{"geo", func() (pipeline.Stage, error) {
			return geoparse.NewStage(geoparse.Options{GazetteerDir: pf.gazetteer})
		}},
		{"quotes", func() (pipeline.Stage, error) { return quotes.NewStage() }},
		{"actors", func() (pipeline.Stage, error) { return actorStage() }},
		{"events", func() (pipeline.Stage, error) {
			st, err := actorStage()
			if err != nil {
				return nil, err
			}
			return events.NewStage(events.Options{ActorLexicon: st.Lexicon(), Patterns: pf.patterns})
		}},
	}
}

func stageNames() []string {
	var names []string
	for _, f := range stageFactories(nil) {
		names = append(names, f.name)
	}
	return names
}

// buildStages builds the stages named in pf.stages, a comma-separated list
// (all when empty), in pipeline order. The stages load their models
// concurrently (most of start-up is decompressing them).
func buildStages(pf *pipelineFlags) ([]pipeline.Stage, error) {
	list := pf.stages
	want := map[string]bool{}
	for _, n := range strings.Split(list, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	var picked []stageFactory
	all := len(want) == 0
	for _, f := range stageFactories(pf) {
		if !all && !want[f.name] {
			continue
		}
		delete(want, f.name)
		picked = append(picked, f)
	}
	for n := range want {
		return nil, fmt.Errorf("unknown stage %q (have %s)", n, strings.Join(stageNames(), ", "))
	}
	out := make([]pipeline.Stage, len(picked))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range picked {
		g.Go(func() (err error) {
			if out[i], err = f.make(); err != nil {
				return fmt.Errorf("stage %s: %w", f.name, err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}
