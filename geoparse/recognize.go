package geoparse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/gazetteer"
)

// notPlaces are capitalized words that the fallback recognizer never takes
// alone as a place, although some village bears the name.
var notPlaces = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`i a an the he she it we they you his her its our their this that these those
	mr mrs ms dr sir president minister governor mayor senator rep gen col sgt officer police chief king queen prince
	monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
	september october november december jan feb mar apr jun jul aug sep sept oct nov dec
	but and or if when while after before as at in on of for to from by with about said says says
	god christ jesus allah church university college school hospital court center centre county city state
	north south east west central northern southern eastern western new old great little
	mother father man woman boy girl bank union party army navy republic republicans democrats
	story video photo news times post today tonight yesterday tomorrow internet web online
	northeast northwest southeast southwest metro federal human drug miss un fda bush street
	hamas hezbollah taliban nato commerce congress senate parliament government ministry
	christmas easter thanksgiving ramadan covid ebola zika sars mers aids hiv flu`) {
		notPlaces[w] = true
	}
}

// orgWords end the name of an organization or a building; a place name
// is not extended over them ("Texas Department", "White House").
var orgWords = map[string]bool{}

// titles precede a person's name ("Mr. Brown", "Sen. Clark").
var titles = map[string]bool{}

// directions do not make the word after them a surname ("North Texas").
var directions = map[string]bool{"north": true, "south": true, "east": true, "west": true, "northern": true,
	"southern": true, "eastern": true, "western": true, "central": true, "new": true, "upper": true, "lower": true,
	"greater": true, "downtown": true, "northeast": true, "northwest": true, "southeast": true, "southwest": true}

func init() {
	for _, w := range strings.Fields(`department house street road avenue boulevard drive lane university college school
	hospital church center centre club company corp inc bank board council times news post herald tribune journal
	police fire office court hall park stadium airport station county-wide high middle elementary academy institute
	association society foundation committee commission party republicans democrats chamber commerce`) {
		orgWords[w] = true
	}
	for _, w := range strings.Fields(`mr mrs ms miss dr sen senator rep gov governor gen general president judge officer
	sgt lt capt coach sheriff detective deputy mayor prof professor rev father sister brother st. pastor chief`) {
		titles[w] = true
	}
}

// firstNames are common given names that some village also bears; alone
// they are not taken as places, and a capitalized word after them is a
// person's surname.
var firstNames = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`michael george patrick mary paul john james robert william david richard joseph thomas charles daniel
	matthew anthony mark donald steven andrew kenneth joshua kevin brian edward ronald timothy jason jeffrey
	ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel frank gregory
	raymond alexander jack dennis jerry tyler aaron jose adam henry nathan douglas zachary peter kyle walter
	ethan jeremy harold keith christian roger noah gerald carl terry sean  arthur lawrence jesse dylan
	bryan joe  billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene vincent
	russell elijah louis bobby philip johnny linda patricia jennifer elizabeth barbara susan jessica sarah
	karen nancy lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa
	deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole
	emma samantha katherine christine debra rachel catherine carolyn janet ruth maria heather diane 
	julie joyce  olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha
	jacqueline frances gloria ann teresa kathryn sara janice jean alice  doris abigail julia judy
	grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie isabella 
	rose alexis kayla nadia`) {
		firstNames[w] = true
	}
}

// connectors may join capitalized words inside a place name.
var connectors = map[string]bool{"of": true, "de": true, "del": true, "la": true, "le": true, "al": true,
	"el": true, "upon": true, "on": true, "sur": true, "da": true, "do": true, "dos": true, "das": true, "and": true}

// suffixWords are the lower-case division words that may end a name
// ("Idlib province", "Kent county").
var suffixWords = map[string]bool{"province": true, "governorate": true, "region": true,
	"oblast": true, "prefecture": true, "county": true, "parish": true}

type tok struct {
	start, end int // byte offsets
	text       string
	upper      bool
	sentStart  bool
}

func tokenize(text string) []tok {
	var out []tok
	sent := true
	i := 0
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			j := i
			for j < len(text) {
				r2, w2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) || r2 == '\'' || r2 == '’' ||
					r2 == '.' && j+w2 < len(text) && isLetterAt(text, j+w2) {
					j += w2
					continue
				}
				// Keep a period that ends an abbreviation (Ky., B.C., St.).
				if r2 == '.' && j-i <= 5 {
					j += w2
				}
				break
			}
			t := text[i:j]
			// Drop a trailing possessive or hyphen.
			for _, suf := range []string{"'s", "’s", "-", "'", "’"} {
				if strings.HasSuffix(t, suf) && len(t) > len(suf) {
					t = t[:len(t)-len(suf)]
				}
			}
			out = append(out, tok{start: i, end: i + len(t), text: t, upper: unicode.IsUpper(r), sentStart: sent})
			sent = strings.HasSuffix(t, ".") && len(t) > 4
			i = j
			continue
		}
		switch r {
		case '.', '!', '?', '\n', '"', '“', ':':
			sent = true
		}
		i += w
	}
	return out
}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// Recognize finds place names and demonyms in text without a named-entity
// layer: maximal capitalized word sequences that name a gazetteer entry.
// It is the fallback when no GPE/LOC/NORP entities are given. Offsets of
// the mentions are code points.
func (r *Resolver) Recognize(text string) []Mention {
	toks := tokenize(text)
	var out []Mention
	c := newLookupCache(r)
	surnames := r.surnames(text, toks, c)
	cpOf := byteToRune(text)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.upper {
			continue
		}
		lower := strings.ToLower(strings.TrimSuffix(t.text, "."))
		if cc, ok := r.g.Demonym(t.text); ok && cc != "" {
			// Multi-word demonyms ("South Korean") are tried first.
			if i+1 < len(toks) && toks[i+1].upper {
				if _, ok2 := r.g.Demonym(t.text + " " + toks[i+1].text); ok2 {
					out = append(out, mk(text, cpOf, t.start, toks[i+1].end, "NORP"))
					i++
					continue
				}
			}
			if !c.hasPrefix(gazetteer.Normalize(t.text)) || i+1 >= len(toks) || !toks[i+1].upper {
				out = append(out, mk(text, cpOf, t.start, t.end, "NORP"))
				continue
			}
		}
		// Longest gazetteer match starting here.
		best := -1
		key, bestKey := "", ""
		for j := i; j < len(toks) && j < i+6; j++ {
			tj := toks[j]
			if j > i {
				gap := text[toks[j-1].end:tj.start]
				if strings.TrimSpace(gap) != "" && gap != "-" {
					break
				}
				if !tj.upper && !connectors[tj.text] && !suffixWords[tj.text] {
					break
				}
				if orgWords[strings.ToLower(tj.text)] {
					break
				}
			}
			if j == i {
				key = gazetteer.Normalize(tj.text)
			} else {
				key += " " + gazetteer.Normalize(tj.text)
			}
			if !c.hasPrefix(key) {
				if s, ok := gazetteer.StripAdminSuffix(key); ok && s == bestKey && best == j-1 && c.is(s, kDivision) {
					best, bestKey = j, key
				}
				break
			}
			if (tj.upper || suffixWords[tj.text] && c.is(strings.TrimSuffix(key, " "+tj.text), kDivision)) && c.is(key, kAny) {
				best, bestKey = j, key
			}
		}
		if best < 0 {
			continue
		}
		single := best == i
		if single {
			if notPlaces[lower] || firstNames[lower] || len(lower) < 2 || surnames[strings.ToLower(t.text)] && !c.is(bestKey, kStrong) {
				continue
			}
			if i > 0 && titles[strings.ToLower(strings.TrimSuffix(toks[i-1].text, "."))] {
				continue
			}
			// A person's name: "Jordan Peterson", "Michael Jordan".
			if i+1 < len(toks) && toks[i+1].upper && strings.TrimSpace(text[t.end:toks[i+1].start]) == "" && !c.is(bestKey, kStrong) {
				continue
			}
			if i > 0 && toks[i-1].upper && !toks[i].sentStart && strings.TrimSpace(text[toks[i-1].end:t.start]) == "" {
				prev := strings.ToLower(toks[i-1].text)
				if !notPlaces[prev] && !directions[prev] || titles[strings.TrimSuffix(prev, ".")] {
					continue
				}
			}
			if t.sentStart && !c.is(bestKey, kStrong) {
				continue
			}
			if !c.is(bestKey, kPlausible) {
				continue
			}
		}
		end := toks[best].end
		if last := toks[best].text; strings.HasSuffix(last, ".") && !strings.Contains(last[:len(last)-1], ".") && len(last) >= 3 && sentenceEnd(text, end) {
			end--
		}
		out = append(out, mk(text, cpOf, t.start, end, ""))
		i = best
	}
	return out
}

// surnames returns the lower-cased last words of two-word capitalized
// names that are not places ("Sherrod Brown"): alone elsewhere in the
// document, such a word is a person.
func (r *Resolver) surnames(text string, toks []tok, c *lookupCache) map[string]bool {
	out := map[string]bool{}
	for i := 0; i < len(toks); {
		if !toks[i].upper {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].upper && strings.TrimSpace(text[toks[j-1].end:toks[j].start]) == "" &&
			!strings.HasSuffix(toks[j-1].text, ".") || j < len(toks) && toks[j].upper && isInitial(toks[j-1].text) && j-1 > i {
			j++
		}
		if j-i >= 2 {
			first := strings.ToLower(strings.TrimSuffix(toks[i].text, "."))
			run := text[toks[i].start:toks[j-1].end]
			if !directions[first] && (!notPlaces[first] || titles[first]) && !c.is(gazetteer.Normalize(run), kAny) {
				out[strings.ToLower(strings.TrimSuffix(toks[j-1].text, "."))] = true
			}
		}
		i = j
	}
	return out
}

// isInitial reports whether w is a middle initial such as "D.".
func isInitial(w string) bool {
	return len(w) == 2 && w[1] == '.' && w[0] >= 'A' && w[0] <= 'Z'
}

// strong reports whether key names a country, division or big city.
func (r *Resolver) strong(key string) bool {
	for _, i := range r.g.LookupKey(key, nil) {
		p := r.g.Place(i)
		if p.IsCountry() || p.Code == "ADM1" || p.Class == 'L' || p.Class == 'P' && p.Population >= 100000 {
			return true
		}
	}
	return false
}

func mk(text string, cpOf []int, bs, be int, typ string) Mention {
	return Mention{Start: cpOf[bs], End: cpOf[be], Text: text[bs:be], Type: typ}
}

// byteToRune maps each byte offset of s (and len(s)) to its code point
// offset.
func byteToRune(s string) []int {
	out := make([]int, len(s)+1)
	n := 0
	for i := range s {
		out[i] = n
		n++
	}
	// Fill continuation bytes and the end.
	last := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) {
			out[i] = n
			break
		}
		if utf8.RuneStart(s[i]) {
			last = out[i]
		} else {
			out[i] = last
		}
	}
	return out
}

// sentenceEnd reports whether the period before byte offset i ends a
// sentence: what follows is the end, a line break, or a space and a capital.
func sentenceEnd(text string, i int) bool {
	rest := text[i:]
	if rest == "" || rest[0] == '\n' || rest[0] == '"' {
		return true
	}
	rest = strings.TrimLeft(rest, " ")
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r) || r == '"' || r == '“'
}

// Kinds of names, for lookupCache.is.
const (
	kAny       = 1 << iota // some place has the name
	kStrong                // a country, division, region or city of 100,000
	kPlausible             // a country, division, region or town of 5,000
	kDivision              // a first- or second-level division
)

// lookupCache memoizes the gazetteer look-ups of one document.
type lookupCache struct {
	r      *Resolver
	kinds  map[string]uint8
	prefix map[string]bool
}

func newLookupCache(r *Resolver) *lookupCache {
	return &lookupCache{r: r, kinds: map[string]uint8{}, prefix: map[string]bool{}}
}

func (c *lookupCache) hasPrefix(key string) bool {
	v, ok := c.prefix[key]
	if !ok {
		v = c.r.g.HasPrefix(key)
		c.prefix[key] = v
	}
	return v
}

// is reports whether key names a place of kind k.
func (c *lookupCache) is(key string, k uint8) bool {
	v, ok := c.kinds[key]
	if !ok {
		for _, i := range c.r.g.LookupKey(key, nil) {
			p := c.r.g.Place(i)
			v |= kAny
			admin := p.IsCountry() || p.Code == "ADM1" || p.Class == 'L'
			if admin || p.Class == 'P' && p.Population >= 100000 {
				v |= kStrong
			}
			if admin || p.Class == 'P' && p.Population >= 5000 {
				v |= kPlausible
			}
			if p.Code == "ADM1" || p.Code == "ADM2" {
				v |= kDivision
			}
		}
		c.kinds[key] = v
	}
	return v&k != 0
}
