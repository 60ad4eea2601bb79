package quotes

import (
	"bytes"
	"context"
	"reflect"
	"testing"
)

func tinyDocs() []GoldDoc {
	text := "Ann Lee said the plan would fail.\n\n\"It is over,\" Bob Hart told reporters."
	return []GoldDoc{{ID: "a", Text: text, Attrs: []Attribution{
		{Content: []Frag{{13, 32}}, Source: []Frag{{0, 7}}, Cue: []Frag{{8, 12}}},
		{Content: []Frag{{35, 48}}, Source: []Frag{{49, 57}}, Cue: []Frag{{58, 62}}, Direct: true},
	}}}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	ctx := context.Background()
	docs := tinyDocs()
	for _, stack := range []bool{false, true} {
		m, err := Train(ctx, docs, TrainOptions{Epochs: 3, Bits: 10, Stack: stack})
		if err != nil {
			t.Fatal(err)
		}
		var b1 bytes.Buffer
		if err := m.Save(&b1); err != nil {
			t.Fatal(err)
		}
		m1, err := Load(bytes.NewReader(b1.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		var b2 bytes.Buffer
		if err := m1.Save(&b2); err != nil {
			t.Fatal(err)
		}
		m2, err := Load(bytes.NewReader(b2.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		p1, _ := m1.PredictText(ctx, docs[0].Text)
		p2, _ := m2.PredictText(ctx, docs[0].Text)
		if !reflect.DeepEqual(p1, p2) {
			t.Errorf("stack=%v: predictions differ after a second save:\n%+v\n%+v", stack, p1, p2)
		}
		if (m1.stage2 != nil) != stack {
			t.Errorf("stack=%v: stage2 %v", stack, m1.stage2 != nil)
		}
	}
	if _, err := Load(bytes.NewReader([]byte("not gzip"))); err == nil {
		t.Error("want an error loading garbage")
	}
}
