package main

import (
	"context"
	"encoding/json"
	"os"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/events"
	"github.com/sitrep/sitrep/ner"
	"github.com/sitrep/sitrep/segment"
)

func main() {
	b, _ := os.ReadFile(os.Args[1])
	var rec struct{ Title, Text string }
	json.Unmarshal(b, &rec)
	d := document.New()
	d.SetText(rec.Title + "\n\n" + rec.Text)
	ctx := context.Background()
	segment.NewStage().Process(ctx, d)
	n, _ := ner.NewStage()
	n.Process(ctx, d)
	ev, _ := events.NewStage(events.Options{})
	ev.Process(ctx, d)
}
