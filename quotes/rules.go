package quotes

// fixLabels applies label-level rules to the tagger's output.
func fixLabels(v *view, labels []int) {}
