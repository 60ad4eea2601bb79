package quotes

import "fmt"

// ReadBratAnnotators reads a PolNeAR compartment (DIR/text/*.txt and
// DIR/attributions/NAME_ANNOTATOR.ann) keeping every annotator: one group
// per text, one GoldDoc per annotator (its ID is NAME_ANNOTATOR), texts and
// annotators in the sort order of the .ann file names. Texts annotated once are
// groups of one.
func ReadBratAnnotators(dir string) ([][]GoldDoc, error) {
	groups, _, err := readBratGroups(dir)
	if err == nil && len(groups) == 0 {
		err = fmt.Errorf("read brat dir %s: no attributions/*.ann with a text", dir)
	}
	return groups, err
}

// Agreement scores annotators against each other: for every text with
// several annotators and every ordered pair of them, the first annotator's
// attributions are the gold and the second's the prediction, scored as
// Evaluate scores a system. Summed over both orders, precision and recall
// swap, so F1 is the pairwise inter-annotator F1. Report.Docs counts the
// ordered pairs; texts is the number of texts with several annotators.
func Agreement(groups [][]GoldDoc) (r Report, texts int) {
	var gold []GoldDoc
	var pred [][]Attribution
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		texts++
		for i := range g {
			for j := range g {
				if i != j {
					gold = append(gold, g[i])
					pred = append(pred, g[j].Attrs)
				}
			}
		}
	}
	return Evaluate(gold, pred), texts
}
