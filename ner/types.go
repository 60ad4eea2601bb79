package ner

import "strings"

// Fine entity types of the Document's entity layer.
const (
	Person = "PERSON"
	Org    = "ORG"
	GPE    = "GPE"
	Loc    = "LOC"
	NORP   = "NORP"
	Event  = "EVENT"
	Law    = "LAW"
	Misc   = "MISC"
)

// ConllType maps a fine type back to the CoNLL-2003 scheme.
func ConllType(fine string) string {
	switch fine {
	case Person:
		return "PER"
	case Org:
		return "ORG"
	case GPE, Loc:
		return "LOC"
	}
	return "MISC"
}

var (
	locHeads = setOf("river", "sea", "ocean", "mountains", "mountain", "mount", "mt", "lake", "gulf", "valley",
		"strait", "straits", "bay", "desert", "border", "region", "peninsula", "island", "islands", "coast",
		"basin", "heights", "plateau", "channel", "canal", "hills", "range", "plain", "plains", "forest",
		"delta", "cape", "glacier", "falls", "strip", "bank", "corridor", "pass")
	locNames = setOf("europe", "asia", "africa", "america", "north america", "south america", "latin america",
		"middle east", "the middle east", "mideast", "gulf", "the gulf", "balkans", "the balkans", "caucasus",
		"central asia", "east asia", "southeast asia", "south asia", "scandinavia", "antarctica", "arctic",
		"the west", "west", "caribbean", "pacific", "atlantic", "mediterranean", "sahel", "sahara",
		"west bank", "gaza strip", "golan heights", "kashmir", "western europe", "eastern europe",
		"north africa", "west africa", "east africa", "horn of africa", "asia-pacific", "oceania", "siberia")
	eventWords = setOf("war", "cup", "championship", "championships", "olympics", "olympic", "games", "open",
		"tour", "prix", "summit", "festival", "election", "elections", "revolution", "crisis", "uprising",
		"conference", "series", "marathon", "trophy", "rally", "massacre", "intifada", "spring", "offensive",
		"operation", "grand", "league", "derby", "classic")
	lawWords = setOf("act", "law", "treaty", "accord", "accords", "agreement", "convention", "constitution",
		"amendment", "code", "charter", "protocol", "resolution", "bill", "directive", "regulation", "pact")
	orgHeads = setOf("news", "agency", "bank", "corp", "corp.", "inc", "inc.", "ltd", "ltd.", "plc", "party",
		"ministry", "department", "council", "committee", "commission", "university", "association",
		"federation", "union", "company", "group", "organisation", "organization", "institute", "airlines",
		"airways", "foundation", "front", "movement", "brigade", "brigades", "army", "police", "club",
		"times", "post", "herald", "journal", "telegraph", "tribune", "television", "radio", "tv")
	norpWords = setOf("muslim", "muslims", "moslem", "moslems", "christian", "christians", "jewish", "jew", "jews",
		"shi'ite", "shiite", "shia", "shi'ites", "shiites", "sunni", "sunnis", "kurd", "kurds", "kurdish",
		"catholic", "catholics", "protestant", "protestants", "hindu", "hindus", "buddhist", "buddhists",
		"communist", "communists", "socialist", "socialists", "republican", "republicans", "democrat",
		"democrats", "democratic", "islamist", "islamists", "arab", "arabs", "alawite", "alawites", "druze", "orthodox",
		"sikh", "sikhs", "tamil", "tamils", "pashtun", "pashtuns", "hutu", "hutus", "tutsi", "tutsis",
		"palestinian", "palestinians", "latino", "latinos", "hispanic", "conservative", "conservatives",
		"liberal", "liberals", "labour", "tory", "tories", "zionist", "baathist", "salafist", "jihadist",
		"taliban", "western", "european", "asian", "african")
)

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// FineType refines a CoNLL type (PER, ORG, LOC, MISC) of the span words
// into the Document's types with the gazetteer and word lists: LOC becomes
// GPE for countries, cities and provinces, MISC becomes NORP, EVENT or LAW.
func (m *Model) FineType(conll string, words []string) string {
	switch conll {
	case "PER":
		return Person
	case "ORG":
		return Org
	}
	lower := make([]string, len(words))
	for i, w := range words {
		lower[i] = strings.ToLower(normalizeWord(w))
	}
	phrase := strings.Join(lower, " ")
	mask := m.res.gaz.lookup(lower)
	last := lower[len(lower)-1]
	if len(lower) > 1 && orgHeads[last] && mask&(GazCountry|GazCity|GazAdmin1) == 0 {
		return Org // "Fars News", "Kabul Bank" tagged as places
	}
	switch conll {
	case "LOC":
		if norpWords[phrase] {
			return NORP
		}
		if locNames[phrase] {
			return Loc
		}
		if mask&(GazCountry|GazCity|GazAdmin1) != 0 {
			return GPE
		}
		if locHeads[last] || (len(lower) > 1 && locHeads[lower[0]]) {
			return Loc
		}
		return GPE
	case "MISC":
		if mask&GazCountry != 0 && mask&GazDemonym == 0 {
			return GPE // "US" alone is the country ("US Open" is not a country name)
		}
		if mask&GazDemonym != 0 || norpWords[phrase] {
			return NORP
		}
		if len(lower) > 1 {
			for _, w := range lower[1:] {
				if lawWords[w] {
					return Law
				}
			}
			for _, w := range lower {
				if eventWords[w] {
					return Event
				}
			}
		}
		if len(lower) == 1 && (strings.HasSuffix(last, "ian") || strings.HasSuffix(last, "ians") ||
			strings.HasSuffix(last, "ese") || strings.HasSuffix(last, "ish") || strings.HasSuffix(last, "ean") ||
			strings.HasSuffix(last, "ans")) {
			return NORP
		}
		return Misc
	}
	return Misc
}

// lookup returns the list mask of the whole phrase (0 when absent).
func (g *Gazetteer) lookup(lower []string) uint16 {
	h := uint64(gazSeed)
	for _, t := range lower {
		h = gazMix(h, t)
	}
	return g.entries[h] &^ gazPrefix
}

// normalizeWord maps typographic quotes and dashes of modern text to the
// ASCII forms of the 1996 training data.
func normalizeWord(w string) string {
	if !strings.ContainsAny(w, "‘’“”–—") {
		return w
	}
	return typographic.Replace(w)
}

// typographic is read-only after init (a Replacer is safe for concurrent use).
var typographic = strings.NewReplacer("‘", "'", "’", "'", "“", "\"", "”", "\"", "–", "-", "—", "--")
