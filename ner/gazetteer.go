package ner

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Gazetteer list types (bits of a GazEntry mask).
const (
	GazCountry = 1 << iota
	GazCity
	GazAdmin1
	GazDemonym
	GazPerson
	GazFirstName
	GazOrg
	gazTypes = iota
)

const gazPrefix = 1 << 15

var gazNames = [gazTypes]string{"country", "city", "admin1", "demonym", "person", "first", "org"}

// GazEntry is one name of a gazetteer: lowercased tokens joined by spaces.
type GazEntry struct {
	Phrase string
	Mask   uint16
}

// Gazetteer matches token sequences against name lists.
type Gazetteer struct {
	entries map[uint64]uint16
	maxLen  int
}

const gazSeed = 14695981039346656037

func gazMix(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	h ^= 0xff
	h *= 1099511628211
	return h
}

// NewGazetteer indexes entries.
func NewGazetteer(list []GazEntry) *Gazetteer {
	g := &Gazetteer{entries: make(map[uint64]uint16, len(list)*2)}
	for _, e := range list {
		toks := strings.Split(e.Phrase, " ")
		if len(toks) > g.maxLen {
			g.maxLen = len(toks)
		}
		h := uint64(gazSeed)
		for i, t := range toks {
			h = gazMix(h, t)
			if i < len(toks)-1 {
				g.entries[h] |= gazPrefix
			}
		}
		g.entries[h] |= e.Mask
	}
	return g
}

// gazMark is a token's position in the longest match of each list type:
// 0 none, 1 B, 2 I, 3 L, 4 U.
type gazMark [gazTypes]uint8

// Match marks the tokens (lowercased) covered by gazetteer names.
func (g *Gazetteer) Match(lower []string, marks []gazMark) {
	lens := make([][gazTypes]uint8, len(lower))
	for i := range marks {
		marks[i] = gazMark{}
	}
	for i := range lower {
		h := uint64(gazSeed)
		for j := i; j < len(lower) && j-i < g.maxLen; j++ {
			h = gazMix(h, lower[j])
			m, ok := g.entries[h]
			if !ok {
				break
			}
			n := j - i + 1
			for t := 0; t < gazTypes; t++ {
				if m&(1<<t) == 0 {
					continue
				}
				for k := i; k <= j; k++ {
					if int(lens[k][t]) >= n {
						continue
					}
					lens[k][t] = uint8(n)
					switch {
					case n == 1:
						marks[k][t] = 4
					case k == i:
						marks[k][t] = 1
					case k == j:
						marks[k][t] = 3
					default:
						marks[k][t] = 2
					}
				}
			}
			if m&gazPrefix == 0 {
				break
			}
		}
	}
}

// BuildGazetteer derives the name lists from the GeoNames extracts
// (countryInfo, admin1 codes, cities15000) and the Wikipedia country
// demonyms in geoDir (world-countries.json is left out: it is ODbL) and the CAMEO actor dictionaries in cameoDir
// (either may be empty to skip it). The result is sorted and deterministic.
func BuildGazetteer(geoDir, cameoDir string) ([]GazEntry, error) {
	m := map[string]uint16{}
	add := func(name string, mask uint16) {
		toks := simpleTokens(name, nil)
		if len(toks) == 0 || len(toks) > 8 {
			return
		}
		if !hasLetter(name) {
			return
		}
		for i := range toks {
			toks[i] = strings.ToLower(toks[i])
		}
		m[strings.Join(toks, " ")] |= mask
	}
	if geoDir != "" {
		if err := eachTSV(filepath.Join(geoDir, "countryInfo.txt"), func(f []string) {
			if len(f) > 5 {
				add(f[4], GazCountry)
				add(f[5], GazCity)
			}
		}); err != nil {
			return nil, err
		}
		if err := eachTSV(filepath.Join(geoDir, "admin1CodesASCII.txt"), func(f []string) {
			if len(f) > 2 {
				add(f[1], GazAdmin1)
				add(f[2], GazAdmin1)
			}
		}); err != nil {
			return nil, err
		}
		if err := eachTSV(filepath.Join(geoDir, "cities15000.txt"), func(f []string) {
			if len(f) < 15 {
				return
			}
			add(f[1], GazCity)
			add(f[2], GazCity)
			pop, _ := strconv.Atoi(f[14])
			if pop >= 300000 {
				for _, a := range strings.Split(f[3], ",") {
					if isASCIIName(a) {
						add(a, GazCity)
					}
				}
			}
		}); err != nil {
			return nil, err
		}
		if err := eachTSV(filepath.Join(geoDir, "wikipedia-demonyms.tsv"), func(f []string) {
			if len(f) < 3 || f[0] == "Country name" {
				return
			}
			add(f[0], GazCountry)
			for _, col := range f[1:] {
				for _, a := range strings.Split(col, ",") {
					a = strings.TrimSpace(a)
					if a != "" && !strings.Contains(a, "see ") && isASCIIName(a) {
						add(a, GazDemonym)
					}
				}
			}
		}); err != nil {
			return nil, err
		}
		// short forms written in running text (ISO codes in general are too
		// ambiguous: "IT", "IN", "NO")
		for _, a := range []string{"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "U.A.E.", "DRC", "PRC", "ROK", "DPRK", "USSR", "U.S.S.R."} {
			add(a, GazCountry)
		}
	}
	if cameoDir != "" {
		if err := readActors(filepath.Join(cameoDir, "Phoenix.Countries.actors.txt"), true, add); err != nil {
			return nil, err
		}
		for _, f := range []string{"Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"} {
			if err := readActors(filepath.Join(cameoDir, f), false, add); err != nil {
				return nil, err
			}
		}
	}
	out := make([]GazEntry, 0, len(m))
	for p, mask := range m {
		out = append(out, GazEntry{p, mask})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Phrase < out[j].Phrase })
	return out, nil
}

func isASCIIName(s string) bool {
	if s == "" || !unicode.IsUpper(rune(s[0])) {
		return false
	}
	for _, r := range s {
		if r > 127 || !(unicode.IsLetter(r) || r == ' ' || r == '-' || r == '\'' || r == '.') {
			return false
		}
	}
	return true
}

func eachTSV(path string, fn func([]string)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		fn(strings.Split(line, "\t"))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gazetteer %s: %w", path, err)
	}
	return nil
}

// readActors reads the names of a CAMEO actor dictionary. In the country
// file, entries marked "# CountryInfo.txt" are people (leaders): their full
// names go to the person list and their first tokens to the first-name
// list; other dictionaries give organisation names.
func readActors(path string, people bool, add func(string, uint16)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || line[0] == '+' {
			continue
		}
		isPerson := strings.Contains(line, "CountryInfo.txt")
		if people != isPerson {
			continue
		}
		name := line
		if i := strings.IndexAny(name, " \t[#"); i >= 0 {
			name = name[:i]
		}
		name = strings.Trim(strings.ReplaceAll(name, "_", " "), " ")
		if len(name) < 2 {
			continue
		}
		if people {
			add(name, GazPerson)
			if toks := strings.Fields(name); len(toks) >= 2 && len(toks[0]) > 1 {
				add(toks[0], GazFirstName)
			}
		} else {
			add(name, GazOrg)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gazetteer %s: %w", path, err)
	}
	return nil
}
