// Package syntax is sitrep's Universal Dependencies analyzer for English, in
// pure Go: a part-of-speech tagger (UPOS, XPOS and FEATS), a lemmatizer and
// a dependency parser, trained by the project's own code on UD English EWT
// (CC BY-SA 4.0) and embedded in the binary (models/*.gz).
//
// # Tagger
//
// The tagger is a two-pass greedy averaged perceptron over joint UPOS+XPOS
// tags. Pass one reads left to right with the two previous tags, the word,
// its affixes, shape and capitalization, the words around it and their tag
// ambiguity classes (the set of tags each word had in training). Pass two
// repeats this and also sees the first-pass tags of the following words; it
// is trained on first-pass tags jackknifed over five folds. Both passes also
// see word clusters (the exchange clusters of the ner package, stored in the
// model). FEATS come from a (word, tag) lexicon with a per-tag default.
//
// The accurate analyzer (LoadAnalyzer) pairs this tagger with one trained
// the same way on reversed sentences (Tagger.WithPartner): each word's
// second-pass scores of both are added before its tag is chosen, which
// gains 0.1 UPOS on dev at half the tagging speed. The fast analyzer
// (LoadFastAnalyzer, the pipeline's) tags left to right only.
//
// # Lemmatizer
//
// An exception lexicon learned from the treebank, keyed by (form, tag), then
// (lowercased form, tag), then form; unseen words get the most frequent
// edit rule (lowercase?, strip n bytes, append s) for their tag and longest
// known suffix ("fought" -> "fight" is in the lexicon, "liquidated" ->
// "liquidate" comes from the "-ated" rule of VBD/VBN).
//
// # Parser
//
// A transition-based arc-eager parser (Nivre 2003) with the rich feature
// templates of Zhang and Nivre (2011): words, tags, distance, valency,
// second-order and third-order children and label sets. Transitions are
// scored by an averaged perceptron; arc labels by a second perceptron when
// each arc is made, so later features can see them. Two search modes share
// the model format:
//
//   - greedy, trained with the arc-eager dynamic oracle of Goldberg and
//     Nivre (2012) with exploration;
//   - beam search (the shipped model: width 16), trained globally with early update;
//     the gold path is latent (any transition of minimal oracle cost), so
//     non-projective training trees need no preprocessing. Sentences longer
//     than 200 words fall back to greedy search.
//
// The parser is trained on jackknifed tags (five folds) so that it learns
// from tags as noisy as those it sees at run time.
//
// # Ensemble
//
// The accurate analyzer parses every sentence with six parsers: beam
// search left to right (early update; max-violation with another seed),
// beam search right to left (the same two; a right-to-left parser reads the
// reversed sentence, Parser.Reverse), and greedy in both directions. Each
// arc gets one vote per parser that proposes it, and the tree is the
// maximum spanning tree of the votes (Chu-Liu-Edmonds), so it is a tree
// where the members disagree (reparsing, Sagae and Lavie 2006). Right to
// left parsers are weaker alone (UAS 1.5 lower) but make different errors;
// the vote gains about 1 UAS over the best member. A Labeler then labels
// the voted tree: an averaged perceptron that sees the whole tree (the
// dependent's case marker and other children, the head's auxiliaries and
// label, the siblings between them), its scores added to ten times the
// members' label votes. The ensemble is about ten times slower than the
// greedy parser; the pipeline keeps the greedy one. Every parse ends with a
// single root; any input (empty, only punctuation, thousands of tokens,
// any script) gets a valid tree.
//
// # Models
//
// Perceptron weights are averaged, quantized to int16 with one scale per
// model, and stored sparsely (feature hash -> class, weight) in a gzip'd
// file. At run time they live in an open-addressing table keyed by 32-bit
// feature hashes; feature keys are computed by hashing without allocation.
// Rows with many entries are stored dense (two classes per 64-bit add). The
// scores of feature groups that do not change within a sentence are cached:
// the tagger's word features per word (wordCache, per worker) and the
// parser's features of s0, s1 and the buffer per token (arcCache); outputs
// are those of scoring every feature, since scores are integer sums.
// Training is deterministic (fixed seeds): see models/README.md for the
// commands and the package README for the figures.
package syntax
