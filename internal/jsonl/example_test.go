package jsonl_test

import (
	"fmt"
	"strings"

	"github.com/sitrep/sitrep/internal/jsonl"
)

func ExampleRead() {
	type doc struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	docs, err := jsonl.Read[doc](strings.NewReader(`{"id":"d1","text":"Zarif arrived."}
{"id":"d2","text":"Talks resumed."}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range docs {
		fmt.Println(d.ID, d.Text)
	}
	// Output:
	// d1 Zarif arrived.
	// d2 Talks resumed.
}
