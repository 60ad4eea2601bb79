package segment

import (
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/conllu"
)

// CoNLLU converts a segmentation of s into CoNLL-U sentences with "# text"
// comments, SpaceAfter=No marks, and multiword token ranges for words joined
// by a clitic split ("don't" = "do" + "n't"). Only ID and FORM are filled.
func CoNLLU(s string, toks []Token, sents []Sentence, idPrefix string) []*conllu.Sentence {
	out := make([]*conllu.Sentence, 0, len(sents))
	for si, st := range sents {
		cs := &conllu.Sentence{Comments: []string{
			"sent_id = " + idPrefix + strconv.Itoa(si+1),
			"text = " + strings.Join(strings.Fields(s[st.Start:st.End]), " "),
		}}
		for k := st.First; k < st.Last; k++ {
			t := toks[k]
			id := k - st.First + 1
			misc := ""
			// A surface token made of several words gets a range line.
			if !t.Joined && k+1 < st.Last && toks[k+1].Joined {
				last := k + 1
				for last+1 < st.Last && toks[last+1].Joined {
					last++
				}
				rmisc := ""
				if !toks[last].SpaceAfter && last+1 < st.Last {
					rmisc = "SpaceAfter=No"
				}
				cs.Ranges = append(cs.Ranges, conllu.Range{First: id, Last: id + last - k, Form: s[t.Start:toks[last].End], Misc: rmisc})
			} else if !t.Joined && !t.SpaceAfter && k+1 < st.Last {
				misc = "SpaceAfter=No"
			}
			cs.Words = append(cs.Words, conllu.Word{ID: id, Form: t.Text(s), Misc: misc})
		}
		out = append(out, cs)
	}
	return out
}
