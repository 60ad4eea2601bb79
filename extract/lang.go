package extract

import (
	"strings"

	"github.com/RadhiFadlillah/whatlanggo"
)

var englishFunctionWords = toWordSet("the", "of", "and", "to", "in", "a", "is", "that", "for",
	"on", "was", "with", "he", "it", "as", "at", "by", "said", "from", "his", "be", "have", "has",
	"are", "an", "were", "will", "not", "they", "this", "but", "or", "which", "their", "had", "been")

func toWordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// detectLanguage returns the ISO 639-1 code of the text's language: a fast
// English function-word check first, else trigram profiles on its start,
// which decide only when they are reliable or the text has few English
// function words.
func detectLanguage(text string) string {
	sample := text
	if len(sample) > 2000 {
		sample = sample[:2000]
	}
	words := strings.Fields(strings.ToLower(sample))
	if len(words) == 0 {
		return ""
	}
	hits := 0
	for _, w := range words {
		if englishFunctionWords[strings.Trim(w, ".,;:\"'()")] {
			hits++
		}
	}
	if len(words) >= 8 && hits*100 >= len(words)*18 {
		return "en"
	}
	if len(sample) > 800 {
		sample = sample[:800]
	}
	info := whatlanggo.Detect(sample)
	if !info.IsReliable() && hits > 0 && hits*100 >= len(words)*10 {
		// Trigrams are unsure on a short text with English function
		// words in it ("Troops shelled ... on Monday, state media said.").
		return "en"
	}
	if code := info.Lang.Iso6391(); code != "" {
		return code
	}
	return ""
}
