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
//	places  nPlaces records of recordSize bytes
//	keys    nKeys entries (key offset u32, place index u32), sorted by key
//	pool    strings, each a uvarint length and its bytes
const (
	magic      = "SITREPGZ"
	version    = 2
	headerSize = 8 + 4*4
	recordSize = 32
	keySize    = 8
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
	data            []byte
	nPlaces, nKeys  int
	places, keys    []byte
	pool            []byte
	poolOff, keyOff int
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

func (ix *index) place(i int) Place {
	r := ix.places[i*recordSize : (i+1)*recordSize]
	le := binary.LittleEndian
	p := Place{
		Index:      i,
		GeonameID:  int(int32(le.Uint32(r[0:]))),
		Lat:        float64(math.Float32frombits(le.Uint32(r[4:]))),
		Lon:        float64(math.Float32frombits(le.Uint32(r[8:]))),
		Population: int64(le.Uint32(r[12:])),
		Name:       ix.str(le.Uint32(r[16:])),
		Admin1:     ix.str(le.Uint32(r[20:])),
		Admin2:     ix.str(le.Uint32(r[24:])),
		Class:      r[30],
	}
	if r[28] != 0 {
		p.Country = string(r[28:30])
	}
	if int(r[31]) < len(featureCodes) {
		p.Code = featureCodes[r[31]]
	}
	return p
}

// lookup returns the place indexes stored under key.
func (ix *index) lookup(key string, dst []int) []int {
	le := binary.LittleEndian
	kb := []byte(key)
	lo := sort.Search(ix.nKeys, func(i int) bool {
		off := le.Uint32(ix.keys[i*keySize:])
		return bytes.Compare(ix.strBytes(off), kb) >= 0
	})
	for i := lo; i < ix.nKeys; i++ {
		off := le.Uint32(ix.keys[i*keySize:])
		if !bytes.Equal(ix.strBytes(off), kb) {
			break
		}
		p := int(le.Uint32(ix.keys[i*keySize+4:]))
		if p < ix.nPlaces {
			dst = append(dst, p)
		}
	}
	return dst
}

// hasPrefix reports whether some key starts with prefix + " " or equals it.
func (ix *index) hasPrefix(prefix string) bool {
	le := binary.LittleEndian
	kb := []byte(prefix)
	i := sort.Search(ix.nKeys, func(i int) bool {
		off := le.Uint32(ix.keys[i*keySize:])
		return bytes.Compare(ix.strBytes(off), kb) >= 0
	})
	if i >= ix.nKeys {
		return false
	}
	k := ix.strBytes(le.Uint32(ix.keys[i*keySize:]))
	return bytes.HasPrefix(k, kb) && (len(k) == len(kb) || k[len(kb)] == ' ')
}

// allKeys calls f for every (key, place) pair in key order.
func (ix *index) allKeys(f func(key string, place int)) {
	le := binary.LittleEndian
	for i := 0; i < ix.nKeys; i++ {
		f(ix.str(le.Uint32(ix.keys[i*keySize:])), int(le.Uint32(ix.keys[i*keySize+4:])))
	}
}
