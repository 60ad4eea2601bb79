package gazetteer

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// EnvVar names the environment variable that points at a GeoNames dump
// directory, used when no --gazetteer flag is given.
const EnvVar = "SITREP_GAZETTEER"

// CacheEnvVar overrides the directory of built on-disk indexes.
const CacheEnvVar = "SITREP_CACHE"

// mainFiles are the GeoNames place tables LoadDir accepts, best first.
var mainFiles = []string{"allCountries.txt", "cities500.txt", "cities1000.txt", "cities5000.txt", "cities15000.txt"}

// LoadOptions configures LoadDir.
type LoadOptions struct {
	// CacheDir holds the built index; default $SITREP_CACHE, else the
	// user cache directory + "/sitrep", else the temporary directory.
	CacheDir string
	// Rebuild forces a new build of the index.
	Rebuild bool
	// MaxAltNames caps the alternate names kept per place (default 20).
	MaxAltNames int
}

// IndexPath returns where the on-disk index of the dump in dir is (or
// would be) kept. The name depends on the dump files' paths, sizes and
// modification times, so a changed dump gets a new index.
func IndexPath(dir string, o LoadOptions) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("gazetteer dir %s: %w", dir, err)
	}
	main := ""
	for _, f := range mainFiles {
		if _, err := os.Stat(filepath.Join(abs, f)); err == nil {
			main = f
			break
		}
	}
	if main == "" {
		return "", fmt.Errorf("gazetteer dir %s: none of %s found", dir, strings.Join(mainFiles, ", "))
	}
	h := sha256.New()
	fmt.Fprintf(h, "v%d|%s|%d\n", version, abs, o.MaxAltNames)
	for _, f := range []string{main, "admin1CodesASCII.txt", "admin2Codes.txt", "countryInfo.txt"} {
		if fi, err := os.Stat(filepath.Join(abs, f)); err == nil {
			fmt.Fprintf(h, "%s|%d|%d\n", f, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	cache := o.CacheDir
	if cache == "" {
		cache = os.Getenv(CacheEnvVar)
	}
	if cache == "" {
		if d, err := os.UserCacheDir(); err == nil {
			cache = filepath.Join(d, "sitrep")
		} else {
			cache = filepath.Join(os.TempDir(), "sitrep")
		}
	}
	return filepath.Join(cache, "gazetteer-"+strings.TrimSuffix(main, ".txt")+"-"+hex.EncodeToString(h.Sum(nil))[:16]+".idx"), nil
}

// LoadDir opens the GeoNames dump in dir (allCountries.txt or
// cities500/1000/5000/15000.txt, with admin1CodesASCII.txt,
// admin2Codes.txt and countryInfo.txt beside it). The first call builds a
// compact index in the cache directory; later calls memory-map it.
// Coordinates of countries and divisions that the dump lacks come from
// the embedded default, or from the centroid of their settlements.
func LoadDir(dir string, o LoadOptions) (*Gazetteer, error) {
	if o.MaxAltNames <= 0 {
		o.MaxAltNames = 20
	}
	path, err := IndexPath(dir, o)
	if err != nil {
		return nil, err
	}
	if !o.Rebuild {
		if g, err := openFile(path); err == nil {
			return g, nil
		}
	}
	if err := buildDir(dir, path, o); err != nil {
		// An unwritable cache directory: build into the temporary one.
		if o.CacheDir != "" || !errors.Is(err, os.ErrPermission) {
			return nil, err
		}
		o.CacheDir = filepath.Join(os.TempDir(), "sitrep")
		if path, err = IndexPath(dir, o); err != nil {
			return nil, err
		}
		if g, err := openFile(path); err == nil && !o.Rebuild {
			return g, nil
		}
		if err := buildDir(dir, path, o); err != nil {
			return nil, err
		}
	}
	return openFile(path)
}

func openFile(path string) (*Gazetteer, error) {
	data, closer, err := mapFile(path)
	if err != nil {
		return nil, err
	}
	g, err := open(data, path, closer)
	if err != nil {
		closer.Close()
		return nil, err
	}
	return g, nil
}

type dumpRow struct {
	id          int
	name, ascii string
	alts        string
	lat, lon    float64
	class, code string
	cc, a1, a2  string
	pop         int64
}

func parseRow(line string) (dumpRow, bool) {
	t := strings.Split(line, "\t")
	if len(t) < 15 {
		return dumpRow{}, false
	}
	id, err1 := strconv.Atoi(t[0])
	lat, err2 := strconv.ParseFloat(t[4], 64)
	lon, err3 := strconv.ParseFloat(t[5], 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return dumpRow{}, false
	}
	pop, _ := strconv.ParseInt(t[14], 10, 64)
	return dumpRow{id: id, name: t[1], ascii: t[2], alts: t[3], lat: lat, lon: lon,
		class: t[6], code: t[7], cc: t[8], a1: t[10], a2: t[11], pop: pop}, true
}

// keepRow selects the rows of a dump that become places.
func keepRow(r *dumpRow, all bool) bool {
	switch r.class {
	case "P":
		return !all || r.pop > 0 || seatCode(r.code)
	case "A":
		return false // countries and divisions come from their own tables
	case "L", "T", "H":
		return all && (r.pop > 0 || strings.Count(r.alts, ",") >= 3)
	}
	return false
}

func seatCode(c string) bool {
	return c == "PPLC" || c == "PPLA" || c == "PPLA2" || c == "PPLG"
}

type centroid struct {
	lat, lon float64
	n        int
	pop      int64
}

func eachLine(path string, f func(string)) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f(line)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

func buildDir(dir, out string, o LoadOptions) error {
	main := ""
	for _, f := range mainFiles {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			main = f
			break
		}
	}
	if main == "" {
		return fmt.Errorf("gazetteer dir %s: none of %s found", dir, strings.Join(mainFiles, ", "))
	}
	all := main == "allCountries.txt"
	def, err := Default()
	if err != nil {
		return err
	}

	var rows []dumpRow
	cent := map[string]*centroid{} // "CC", "CC.A1", "CC.A1.A2"
	adminRows := map[int]dumpRow{} // geonameid -> ADM1/ADM2/PCL row (allCountries only)
	add := func(k string, r *dumpRow) {
		c := cent[k]
		if c == nil {
			c = &centroid{}
			cent[k] = c
		}
		c.lat += r.lat
		c.lon += r.lon
		c.n++
		c.pop += r.pop
	}
	err = eachLine(filepath.Join(dir, main), func(line string) {
		r, ok := parseRow(line)
		if !ok {
			return
		}
		if r.class == "A" {
			if all {
				adminRows[r.id] = r
			}
			return
		}
		if r.class == "P" {
			add(r.cc, &r)
			add(r.cc+"."+r.a1, &r)
			if r.a2 != "" {
				add(r.cc+"."+r.a1+"."+r.a2, &r)
			}
		}
		if keepRow(&r, all) {
			rows = append(rows, r)
		}
	})
	if err != nil {
		return fmt.Errorf("gazetteer %s: %w", dir, err)
	}

	b := NewBuilder()
	addAlts := func(i int, alts string, max int) {
		if alts == "" {
			return
		}
		for _, a := range PickAlternates(b.places[i].Name, strings.Split(alts, ","), max) {
			b.AddName(i, a)
		}
	}
	// Embedded keys of countries and first-level divisions, to carry their
	// aliases, translations and abbreviations over.
	defKeys := map[string][]string{}
	def.ix.allKeys(func(key string, pi int) {
		p := def.ix.place(pi)
		switch {
		case p.IsCountry():
			defKeys[p.Country] = append(defKeys[p.Country], key)
		case p.Code == "ADM1":
			k := p.Country + "." + p.Admin1
			defKeys[k] = append(defKeys[k], key)
		}
	})

	// Countries.
	err = eachLine(filepath.Join(dir, "countryInfo.txt"), func(line string) {
		t := strings.Split(line, "\t")
		if len(t) < 17 || len(t[0]) != 2 {
			return
		}
		cc := t[0]
		id, _ := strconv.Atoi(t[16])
		pop, _ := strconv.ParseInt(t[7], 10, 64)
		p := Place{GeonameID: id, Name: t[4], Country: cc, Class: 'A', Code: "PCLI", Population: pop}
		if r, ok := adminRows[id]; ok {
			p.Lat, p.Lon = r.lat, r.lon
		} else if dp, ok := def.Country(cc); ok {
			p.Lat, p.Lon = dp.Lat, dp.Lon
		} else if c := cent[cc]; c != nil {
			p.Lat, p.Lon = c.lat/float64(c.n), c.lon/float64(c.n)
		} else {
			return
		}
		i := b.Add(p)
		for _, k := range defKeys[cc] {
			b.AddKey(i, k)
		}
		if r, ok := adminRows[id]; ok {
			addAlts(i, r.alts, o.MaxAltNames)
		}
	})
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("gazetteer %s: %w", dir, err)
	}
	// Divisions.
	for _, level := range []struct {
		file, code string
		parts      int
	}{{"admin1CodesASCII.txt", "ADM1", 2}, {"admin2Codes.txt", "ADM2", 3}} {
		err = eachLine(filepath.Join(dir, level.file), func(line string) {
			t := strings.Split(line, "\t")
			if len(t) < 4 {
				return
			}
			parts := strings.Split(t[0], ".")
			if len(parts) != level.parts {
				return
			}
			id, _ := strconv.Atoi(t[3])
			p := Place{GeonameID: id, Name: t[1], Country: parts[0], Admin1: parts[1], Class: 'A', Code: level.code}
			if level.parts == 3 {
				p.Admin2 = parts[2]
			}
			c := cent[t[0]]
			if c != nil {
				p.Population = c.pop
			}
			var dp Place
			var inDef bool
			if level.parts == 2 {
				dp, inDef = def.Admin1(parts[0], parts[1])
			}
			if r, ok := adminRows[id]; ok {
				p.Lat, p.Lon = r.lat, r.lon
				if r.pop > 0 {
					p.Population = r.pop
				}
			} else if inDef {
				p.Lat, p.Lon = dp.Lat, dp.Lon
			} else if c != nil {
				p.Lat, p.Lon = c.lat/float64(c.n), c.lon/float64(c.n)
			} else {
				return
			}
			i := b.Add(p)
			if t[2] != t[1] {
				b.AddName(i, t[2])
			}
			for _, k := range defKeys[t[0]] {
				if level.parts == 2 {
					b.AddKey(i, k)
				}
			}
			if r, ok := adminRows[id]; ok {
				addAlts(i, r.alts, o.MaxAltNames)
			}
		})
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("gazetteer %s: %w", dir, err)
		}
	}
	// Places.
	for k := range rows {
		r := &rows[k]
		cls := byte('P')
		if r.class != "" {
			cls = r.class[0]
		}
		i := b.Add(Place{GeonameID: r.id, Name: r.name, Lat: r.lat, Lon: r.lon, Country: r.cc, Admin1: r.a1, Admin2: r.a2, Class: cls, Code: r.code, Population: r.pop})
		if r.ascii != r.name {
			b.AddName(i, r.ascii)
		}
		addAlts(i, r.alts, o.MaxAltNames)
	}
	b.AddCurated()

	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return fmt.Errorf("gazetteer index: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".gazetteer-*.tmp")
	if err != nil {
		return fmt.Errorf("gazetteer index: %w", err)
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 1<<20)
	if _, err := b.WriteTo(w); err != nil {
		tmp.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("gazetteer index: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("gazetteer index: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("gazetteer index: %w", err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("gazetteer index: %w", err)
	}
	return nil
}

// isCode reports whether an alternate name looks like a code (IATA, ICAO,
// postal abbreviations): short and all upper case, or with digits.
func isCode(s string) bool {
	upper, lower := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			return true
		case r >= 'A' && r <= 'Z':
			upper++
		case r >= 'a' && r <= 'z':
			lower++
		}
	}
	return lower == 0 && upper <= 4
}

var _ io.Closer = nopCloser{}

type nopCloser struct{}

func (nopCloser) Close() error { return nil }
