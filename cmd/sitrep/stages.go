package main

import (
	"fmt"
	"strings"

	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/segment"
	"github.com/sitrep/sitrep/timex"
)

// stageFactory builds one pipeline stage.
type stageFactory struct {
	name string
	make func() (pipeline.Stage, error)
}

// stageFactories lists the stages in pipeline order.
func stageFactories() []stageFactory {
	return []stageFactory{
		{"segment", func() (pipeline.Stage, error) { return segment.NewStage(), nil }},
		{"time", func() (pipeline.Stage, error) { return timex.NewStage(), nil }},
	}
}

func stageNames() []string {
	var names []string
	for _, f := range stageFactories() {
		names = append(names, f.name)
	}
	return names
}

// buildStages builds the stages named in the comma-separated list (all when
// empty), in pipeline order.
func buildStages(list string) ([]pipeline.Stage, error) {
	want := map[string]bool{}
	for _, n := range strings.Split(list, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	var out []pipeline.Stage
	for _, f := range stageFactories() {
		if len(want) > 0 && !want[f.name] {
			continue
		}
		delete(want, f.name)
		s, err := f.make()
		if err != nil {
			return nil, fmt.Errorf("stage %s: %w", f.name, err)
		}
		out = append(out, s)
	}
	for n := range want {
		return nil, fmt.Errorf("unknown stage %q (have %s)", n, strings.Join(stageNames(), ", "))
	}
	return out, nil
}
