package gazetteer

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"sort"
	"unsafe"
)

func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// Builder collects places and names and writes the binary index. It is
// used by the generator of the embedded default and by the GeoNames dump
// loader.
type Builder struct {
	places []Place
	keys   []builderKey
	seen   map[builderKey]struct{}
}

type builderKey struct {
	key   string
	place int32
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{seen: make(map[builderKey]struct{})}
}

// Len returns the number of places added.
func (b *Builder) Len() int { return len(b.places) }

// Place returns a pointer to the i-th added place, for later fixes.
func (b *Builder) Place(i int) *Place { return &b.places[i] }

// Add adds a place and returns its index. Its Name is indexed.
func (b *Builder) Add(p Place) int {
	i := len(b.places)
	p.Index = i
	b.places = append(b.places, p)
	b.AddName(i, p.Name)
	return i
}

// AddName indexes name (and its St./Mt./Ft. variants, and for divisions the
// form without a trailing "Province", "Governorate", ...) for place i.
func (b *Builder) AddName(i int, name string) {
	k := Normalize(name)
	if k == "" || len(k) > 120 {
		return
	}
	b.AddKey(i, k)
	for _, v := range variants(k) {
		b.AddKey(i, v)
	}
	if p := b.places[i]; p.Class == 'A' {
		if s, ok := StripAdminSuffix(k); ok {
			b.AddKey(i, s)
		}
	}
}

// AddKey indexes an already normalized key for place i.
func (b *Builder) AddKey(i int, key string) {
	bk := builderKey{key, int32(i)}
	if _, ok := b.seen[bk]; ok {
		return
	}
	b.seen[bk] = struct{}{}
	b.keys = append(b.keys, bk)
}

// WriteTo writes the binary index.
func (b *Builder) WriteTo(w io.Writer) (int64, error) {
	sort.Slice(b.keys, func(i, j int) bool {
		if b.keys[i].key != b.keys[j].key {
			return b.keys[i].key < b.keys[j].key
		}
		return b.keys[i].place < b.keys[j].place
	})
	var pool []byte
	offs := make(map[string]uint32)
	intern := func(s string) uint32 {
		if o, ok := offs[s]; ok {
			return o
		}
		o := uint32(len(pool))
		pool = binary.AppendUvarint(pool, uint64(len(s)))
		pool = append(pool, s...)
		offs[s] = o
		return o
	}
	intern("")
	le := binary.LittleEndian
	np, nk := len(b.places), len(b.keys)
	recs := make([]byte, np*recordSize)
	for i, p := range b.places {
		le.PutUint32(recs[colID*np+i*4:], uint32(int32(p.GeonameID)))
		le.PutUint32(recs[colLat*np+i*4:], math.Float32bits(float32(p.Lat)))
		le.PutUint32(recs[colLon*np+i*4:], math.Float32bits(float32(p.Lon)))
		pop := p.Population
		if pop < 0 {
			pop = 0
		}
		if pop > math.MaxUint32 {
			pop = math.MaxUint32
		}
		le.PutUint32(recs[colPop*np+i*4:], uint32(pop))
		le.PutUint32(recs[colName*np+i*4:], intern(p.Name))
		le.PutUint32(recs[colAdmin1*np+i*4:], intern(p.Admin1))
		le.PutUint32(recs[colAdmin2*np+i*4:], intern(p.Admin2))
		if len(p.Country) == 2 {
			recs[colCC*np+i*2], recs[colCC*np+i*2+1] = p.Country[0], p.Country[1]
		}
		recs[colClass*np+i] = p.Class
		recs[colCode*np+i] = featureIndex[p.Code]
	}
	keys := make([]byte, nk*keySize)
	for i, k := range b.keys {
		le.PutUint32(keys[i*4:], intern(k.key))
		le.PutUint32(keys[nk*4+i*4:], uint32(k.place))
	}
	hdr := make([]byte, headerSize)
	copy(hdr, magic)
	le.PutUint32(hdr[8:], version)
	le.PutUint32(hdr[12:], uint32(len(b.places)))
	le.PutUint32(hdr[16:], uint32(len(b.keys)))
	le.PutUint32(hdr[20:], uint32(len(pool)))
	var n int64
	for _, part := range [][]byte{hdr, recs, keys, pool} {
		m, err := w.Write(part)
		n += int64(m)
		if err != nil {
			return n, fmt.Errorf("write gazetteer index: %w", err)
		}
	}
	return n, nil
}

// AddCurated adds the hand-curated regions, continents and the name
// aliases and abbreviations of countries and divisions. Countries and
// first-level divisions must already be added; aliases whose target is
// missing are skipped.
func (b *Builder) AddCurated() {
	countries := map[string]int{}
	admin1 := map[string]int{} // "CC|normalized name"
	for i, p := range b.places {
		switch {
		case p.IsCountry():
			if _, ok := countries[p.Country]; !ok || p.Code == "PCLI" {
				countries[p.Country] = i
			}
		case p.Code == "ADM1":
			admin1[p.Country+"|"+Normalize(p.Name)] = i
		}
	}
	for cc, pt := range countryPoints {
		if i, ok := countries[cc]; ok {
			b.places[i].Lat, b.places[i].Lon = pt[0], pt[1]
		}
	}
	for _, r := range curatedRegions {
		i := b.Add(Place{GeonameID: r.id, Name: r.name, Lat: r.lat, Lon: r.lon, Country: r.cc, Class: r.class, Code: r.code, Population: r.pop})
		for _, a := range r.aliases {
			b.AddName(i, a)
		}
	}
	for _, a := range countryAliases {
		if i, ok := countries[a.cc]; ok {
			for _, n := range a.names {
				b.AddName(i, n)
			}
		}
	}
	cities := map[string]int{} // "CC|normalized name" -> most populous place
	for i, p := range b.places {
		if p.Class != 'P' {
			continue
		}
		k := p.Country + "|" + Normalize(p.Name)
		if j, ok := cities[k]; !ok || b.places[j].Population < p.Population {
			cities[k] = i
		}
	}
	for _, a := range cityAliases {
		if i, ok := cities[a.cc+"|"+Normalize(a.target)]; ok {
			for _, n := range a.names {
				b.AddName(i, n)
			}
		}
	}
	for _, a := range adminAliases {
		i, ok := admin1[a.cc+"|"+Normalize(a.target)]
		if !ok {
			continue
		}
		for _, n := range a.names {
			b.AddName(i, n)
		}
	}
}
