package syntax

import (
	"context"
	"fmt"
	"io"
)

// Jackknife returns copies of train whose UPOS and XPOS come from taggers
// trained on the other k-1 folds, so that the parser learns from tags as
// noisy as those it will see at run time.
func Jackknife(ctx context.Context, train []*Sentence, k int, opt TaggerOptions) ([]*Sentence, error) {
	if k < 2 {
		k = 2
	}
	out := make([]*Sentence, len(train))
	log := opt.Log
	if log == nil {
		log = io.Discard
	}
	for fold := 0; fold < k; fold++ {
		var rest, held []int
		var restS []*Sentence
		for i, s := range train {
			if i%k == fold {
				held = append(held, i)
			} else {
				rest = append(rest, i)
				restS = append(restS, s)
			}
		}
		o := opt
		o.Log = io.Discard
		t, err := TrainTagger(ctx, restS, nil, o)
		if err != nil {
			return nil, fmt.Errorf("jackknife fold %d: %w", fold, err)
		}
		sc := &Scratch{}
		for _, i := range held {
			g := train[i]
			s := &Sentence{}
			s.Reset(g.Forms)
			t.Tag(sc, s)
			copy(s.Heads, g.Heads)
			copy(s.Rels, g.Rels)
			out[i] = s
		}
		fmt.Fprintf(log, "jackknife fold %d/%d done\n", fold+1, k)
	}
	return out, nil
}
