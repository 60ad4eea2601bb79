package gazetteer

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
)

// The index is one byte slice, used in place (decompressed from the
// embedded default, or memory-mapped from the on-disk index):
//
//	header  magic "SITREPGZ", version, nPlaces, nKeys, poolLen (u32 each, LE)
//	places  columns of nPlaces values each: geonameid i32, lat f32, lon f32,
//	        population u32, name, admin1, admin2 (pool offsets u32),
//	        country [2]byte, class byte, feature code byte
//	keys    nKeys key offsets (u32), sorted by key string, then nKeys place
//	        indexes (u32)
//	pool    strings, each a uvarint length and its bytes
const (
	magic      = "SITREPGZ"
	version    = 3
	headerSize = 8 + 4*4
	recordSize = 32
	keySize    = 8
)

// Column offsets in units of nPlaces bytes.
const (
	colID     = 0
	colLat    = 4
	colLon    = 8
	colPop    = 12
	colName   = 16
	colAdmin1 = 20
	colAdmin2 = 24
	colCC     = 28
	colClass  = 30
	colCode   = 31
)

// featureCodes is the table of feature codes a record's code byte indexes.
var featureCodes = []string{
	"", "PCLI", "PCLD", "PCLS", "PCLF", "PCLIX", "PCL", "TERR", "ADM1", "ADM2", "ADM3", "ADMD",
	"PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLG", "PPL", "PPLX", "PPLL", "PPLS",
	"PPLF", "PPLR", "PPLCH", "PPLH", "PPLQ", "PPLW", "STLMT", "CONT", "RGN", "AREA",
	"ISL", "ISLS", "PEN", "MT", "MTS", "STM", "LK", "SEA", "GULF", "BAY", "OCN", "STRT",
	"VAL", "DSRT", "PRK", "ZN", "PLN", "PLAT", "RSV", "HBR", "CHN", "CAPE", "LKS",
	"RGNE", "RGNH", "ADM1H", "ADM2H", "ZNB", "BCH", "ISLT", "PRSH", "CST", "UPLD",
}

var featureIndex = func() map[string]byte {
	m := make(map[string]byte, len(featureCodes))
	for i, c := range featureCodes {
		m[c] = byte(i)
	}
	return m
}()

// Place is one gazetteer entry.
type Place struct {
	// Index is the entry's position in its gazetteer.
	Index int
	// GeonameID is the GeoNames id, or 0 for entries without one (curated
	// regions, divisions of the embedded default).
	GeonameID int
	Name      string
	Lat, Lon  float64
	// Country is the ISO 3166-1 alpha-2 code ("" for continents and
	// regions that span countries).
	Country string
	// Admin1 and Admin2 are GeoNames division codes within Country
	// ("12" for Idlib in SY, "KY" for Kentucky).
	Admin1, Admin2 string
	// Class is the GeoNames feature class: 'A' (country, division),
	// 'P' (populated place), 'L' (region, area), 'T', 'H', 'S', 'V'.
	Class byte
	// Code is the GeoNames feature code ("PCLI", "ADM1", "PPLA", "RGN", ...).
	Code       string
	Population int64
}

// IsCountry reports whether p is a country or dependent territory.
func (p *Place) IsCountry() bool {
	return p.Class == 'A' && (len(p.Code) >= 3 && p.Code[:3] == "PCL" || p.Code == "TERR")
}

// IsAdmin1 reports whether p is a first-level division.
func (p *Place) IsAdmin1() bool { return p.Code == "ADM1" }

// IsAdmin2 reports whether p is a second-level division.
func (p *Place) IsAdmin2() bool { return p.Code == "ADM2" }

// index is a decoded view of the binary index.
type index struct {
	data           []byte
	nPlaces, nKeys int
	places, keys   []byte
	pool           []byte
}

func openIndex(data []byte) (*index, error) {
	if len(data) < headerSize || string(data[:8]) != magic {
		return nil, errors.New("not a sitrep gazetteer index")
	}
	le := binary.LittleEndian
	if v := le.Uint32(data[8:]); v != version {
		return nil, fmt.Errorf("gazetteer index version %d, want %d", v, version)
	}
	np := int(le.Uint32(data[12:]))
	nk := int(le.Uint32(data[16:]))
	pl := int(le.Uint32(data[20:]))
	need := headerSize + np*recordSize + nk*keySize + pl
	if np < 0 || nk < 0 || pl < 0 || need != len(data) {
		return nil, fmt.Errorf("gazetteer index truncated or corrupt (%d bytes, want %d)", len(data), need)
	}
	ix := &index{data: data, nPlaces: np, nKeys: nk}
	ix.places = data[headerSize : headerSize+np*recordSize]
	ix.keys = data[headerSize+np*recordSize : headerSize+np*recordSize+nk*keySize]
	ix.pool = data[headerSize+np*recordSize+nk*keySize:]
	return ix, nil
}

// str reads the pool string at off; out-of-range offsets give "".
func (ix *index) str(off uint32) string {
	if int(off) >= len(ix.pool) {
		return ""
	}
	n, w := binary.Uvarint(ix.pool[off:])
	if w <= 0 || int(off)+w+int(n) > len(ix.pool) {
		return ""
	}
	b := ix.pool[int(off)+w : int(off)+w+int(n)]
	return unsafeString(b)
}

// strBytes is str without conversion, for comparisons.
func (ix *index) strBytes(off uint32) []byte {
	if int(off) >= len(ix.pool) {
		return nil
	}
	n, w := binary.Uvarint(ix.pool[off:])
	if w <= 0 || int(off)+w+int(n) > len(ix.pool) {
		return nil
	}
	return ix.pool[int(off)+w : int(off)+w+int(n)]
}

func (ix *index) u32(col, i int) uint32 {
	return binary.LittleEndian.Uint32(ix.places[col*ix.nPlaces+i*4:])
}

// class returns the feature class byte of place i.
func (ix *index) class(i int) byte { return ix.places[colClass*ix.nPlaces+i] }

func (ix *index) place(i int) Place {
	np := ix.nPlaces
	p := Place{
		Index:      i,
		GeonameID:  int(int32(ix.u32(colID, i))),
		Lat:        float64(math.Float32frombits(ix.u32(colLat, i))),
		Lon:        float64(math.Float32frombits(ix.u32(colLon, i))),
		Population: int64(ix.u32(colPop, i)),
		Name:       ix.str(ix.u32(colName, i)),
		Admin1:     ix.str(ix.u32(colAdmin1, i)),
		Admin2:     ix.str(ix.u32(colAdmin2, i)),
		Class:      ix.class(i),
	}
	if cc := ix.places[colCC*np+i*2 : colCC*np+i*2+2]; cc[0] != 0 {
		p.Country = string(cc)
	}
	if c := int(ix.places[colCode*np+i]); c < len(featureCodes) {
		p.Code = featureCodes[c]
	}
	return p
}

// keyOff and keyPlace read entry i of the key index.
func (ix *index) keyOff(i int) uint32 { return binary.LittleEndian.Uint32(ix.keys[i*4:]) }

func (ix *index) keyPlace(i int) int {
	return int(binary.LittleEndian.Uint32(ix.keys[ix.nKeys*4+i*4:]))
}

// lookup returns the place indexes stored under key.
func (ix *index) lookup(key string, dst []int) []int {
	kb := []byte(key)
	lo := sort.Search(ix.nKeys, func(i int) bool {
		return bytes.Compare(ix.strBytes(ix.keyOff(i)), kb) >= 0
	})
	for i := lo; i < ix.nKeys; i++ {
		if !bytes.Equal(ix.strBytes(ix.keyOff(i)), kb) {
			break
		}
		if p := ix.keyPlace(i); p < ix.nPlaces {
			dst = append(dst, p)
		}
	}
	return dst
}

// hasPrefix reports whether some key starts with prefix + " " or equals it.
func (ix *index) hasPrefix(prefix string) bool {
	kb := []byte(prefix)
	i := sort.Search(ix.nKeys, func(i int) bool {
		return bytes.Compare(ix.strBytes(ix.keyOff(i)), kb) >= 0
	})
	if i >= ix.nKeys {
		return false
	}
	k := ix.strBytes(ix.keyOff(i))
	return bytes.HasPrefix(k, kb) && (len(k) == len(kb) || k[len(kb)] == ' ')
}

// allKeys calls f for every (key, place) pair in key order.
func (ix *index) allKeys(f func(key string, place int)) {
	for i := 0; i < ix.nKeys; i++ {
		if p := ix.keyPlace(i); p < ix.nPlaces {
			f(ix.str(ix.keyOff(i)), p)
		}
	}
}
