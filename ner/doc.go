// Package ner is sitrep's named entity recognizer for news English.
//
// The model is a first-order structured averaged perceptron over BILOU
// labels of the four CoNLL-2003 types (PER, ORG, LOC, MISC), decoded by
// Viterbi with the BILOU transition constraints. Features are hashed into a
// fixed table of 2^18 rows (one weight per label), quantized to int16 and
// stored sparsely in a gzip'd file embedded with go:embed:
//
//   - the word, its lower case form, prefixes and suffixes up to 4, word
//     shapes, and a window of two words and shapes on each side;
//   - distributional word classes at three nested granularities (64, 256,
//     1024), computed by exchange clustering of the unlabeled news text in
//     shared/data/news (see BuildClusters), and how often the word is
//     written in lower case there;
//   - gazetteer matches (BILU position per list) against names derived from
//     GeoNames (countries, provinces, cities), country demonyms, and the
//     CAMEO actor dictionaries (people, organisations);
//   - label-free document features: the word capitalized elsewhere in the
//     document, or in lower case; in upper-case headlines, the spelling the
//     body uses ("JAPAN" -> "Japan");
//   - a second pass with document-history features from the first pass's
//     predictions (a name tagged PERSON once is likely PERSON elsewhere);
//     the second pass is trained on jackknifed first-pass output.
//
// Weights are averaged over several shuffled runs. FineType refines the
// CoNLL types into the Document's PERSON, ORG, GPE, LOC, NORP, EVENT, LAW
// and MISC with the gazetteers and word lists; ConllType maps back.
// Stage is the pipeline stage: it tags Document.Tokens sentence by
// sentence and clusters the mentions into entities (package entities).
//
// Build reproduces the embedded model deterministically from shared/data
// (sitrep train ner).
package ner
