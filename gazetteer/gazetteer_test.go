package gazetteer

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/shared"
)

func TestNormalize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"London", "london"},
		{"Şanlıurfa", "sanliurfa"},
		{"B.C.", "bc"},
		{"Ky.", "ky"},
		{"The Gaza Strip", "gaza strip"},
		{"gaza-strip", "gaza strip"},
		{"Côte d'Ivoire", "cote divoire"},
		{"  St. John's ", "st johns"},
		{"Bosnia & Herzegovina", "bosnia and herzegovina"},
		{"Straße", "strasse"},
		{"", ""},
	} {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestStripAdminSuffix(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"idlib province", "idlib", true},
		{"kent county", "kent", true},
		{"province of idlib", "idlib", true},
		{"idlib", "idlib", false},
		{"province", "province", false},
	} {
		got, ok := StripAdminSuffix(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("StripAdminSuffix(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func smallIndex(t testing.TB) *Gazetteer {
	b := NewBuilder()
	sy := b.Add(Place{GeonameID: 163843, Name: "Syria", Lat: 35, Lon: 38, Country: "SY", Class: 'A', Code: "PCLI", Population: 22000000})
	b.AddName(sy, "Syrian Arab Republic")
	b.Add(Place{Name: "Idlib", Lat: 35.8, Lon: 36.6, Country: "SY", Admin1: "12", Class: 'A', Code: "ADM1", Population: 1500000})
	b.Add(Place{GeonameID: 169389, Name: "Idlib", Lat: 35.93, Lon: 36.63, Country: "SY", Admin1: "12", Class: 'P', Code: "PPLA", Population: 128840})
	b.Add(Place{Name: "Saint Louis", Lat: 38.6, Lon: -90.2, Country: "US", Admin1: "MO", Class: 'P', Code: "PPL", Population: 300000})
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	g, err := FromBytes(buf.Bytes(), "test")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func names(g *Gazetteer, idx []int) []string {
	var out []string
	for _, i := range idx {
		p := g.Place(i)
		out = append(out, p.Name+"/"+p.Code)
	}
	return out
}

func TestBuilderLookup(t *testing.T) {
	g := smallIndex(t)
	for _, c := range []struct {
		name string
		want int
	}{
		{"Idlib", 2}, {"IDLIB", 2}, {"Syria", 1}, {"syrian arab republic", 1},
		{"St. Louis", 1}, {"Saint-Louis", 1}, {"Nowhere", 0}, {"", 0},
	} {
		if got := g.Lookup(c.name, nil); len(got) != c.want {
			t.Errorf("Lookup(%q) = %v, want %d results", c.name, names(g, got), c.want)
		}
	}
	if p, ok := g.Admin1("SY", "12"); !ok || p.Name != "Idlib" {
		t.Errorf("Admin1(SY, 12) = %v, %v", p, ok)
	}
	if p, ok := g.Country("SY"); !ok || p.GeonameID != 163843 {
		t.Errorf("Country(SY) = %v, %v", p, ok)
	}
	if !g.HasPrefix("syrian") || g.HasPrefix("syr") {
		t.Errorf("HasPrefix: want word-boundary prefixes only")
	}
}

func TestFromGzip(t *testing.T) {
	var raw bytes.Buffer
	b := NewBuilder()
	b.Add(Place{Name: "Gaza", Lat: 31.5, Lon: 34.46, Country: "PS", Class: 'P', Code: "PPLA", Population: 410000})
	if _, err := b.WriteTo(&raw); err != nil {
		t.Fatal(err)
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(raw.Bytes())
	zw.Close()
	g, err := FromGzip(&z, "gz")
	if err != nil {
		t.Fatal(err)
	}
	if got := g.Lookup("gaza", nil); len(got) != 1 {
		t.Fatalf("Lookup(gaza) = %v", got)
	}
	if _, err := FromGzip(bytes.NewReader([]byte("not gzip")), "bad"); err == nil {
		t.Error("FromGzip accepted garbage")
	}
}

func TestCorruptIndex(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("SITREPGZ"), []byte("XXXXXXXXXXXXXXXXXXXXXXXXXXXX")} {
		if _, err := FromBytes(data, "bad"); err == nil {
			t.Errorf("FromBytes(%q) succeeded", data)
		}
	}
}

func TestDefault(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() < 50000 {
		t.Errorf("default gazetteer has %d places, want >= 50000", g.Len())
	}
	for _, c := range []struct {
		name, cc, code string
	}{
		{"Syria", "SY", "PCLI"},
		{"Ky.", "US", "ADM1"},
		{"B.C.", "CA", "ADM1"},
		{"Idlib province", "SY", "ADM1"},
		{"Gaza Strip", "PS", ""},
		{"Middle East", "", "RGN"},
		{"Africa", "", "CONT"},
		{"U.S.", "US", "PCLI"},
		{"London", "GB", "PPLC"},
		{"Sanliurfa", "TR", ""},
	} {
		idx := g.Lookup(c.name, nil)
		if len(idx) == 0 {
			if s, ok := StripAdminSuffix(Normalize(c.name)); ok {
				idx = g.LookupKey(s, nil)
			}
		}
		found := false
		for _, i := range idx {
			p := g.Place(i)
			if p.Country == c.cc && (c.code == "" || p.Code == c.code) {
				found = true
			}
		}
		if !found {
			t.Errorf("default: %q has no %s/%s entry: %v", c.name, c.cc, c.code, names(g, idx))
		}
	}
	if cc, ok := g.Demonym("Iranian"); !ok || cc != "IR" {
		t.Errorf("Demonym(Iranian) = %q, %v", cc, ok)
	}
	if p, ok := g.Postal("KY"); !ok || p.Name != "Kentucky" {
		t.Errorf("Postal(KY) = %v, %v", p.Name, ok)
	}
}

func TestLoadDirFixture(t *testing.T) {
	cache := t.TempDir()
	o := LoadOptions{CacheDir: cache}
	g, err := LoadDir("testdata/dump", o)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	check := func(g *Gazetteer) {
		t.Helper()
		idx := g.Lookup("Idlib", nil)
		if len(idx) != 2 {
			t.Fatalf("Lookup(Idlib) = %v", names(g, idx))
		}
		if idx := g.Lookup("Edleb", nil); len(idx) != 1 {
			t.Errorf("alternate name Idleb: %v", names(g, idx))
		}
		if idx := g.Lookup("DAM", nil); len(idx) != 0 {
			t.Errorf("code DAM indexed: %v", names(g, idx))
		}
		p, ok := g.Admin1("SY", "12")
		if !ok || p.GeonameID != 169387 || p.Lat == 0 {
			t.Errorf("Admin1(SY,12) = %+v", p)
		}
		if p, ok := g.Country("CA"); !ok || p.GeonameID != 6251999 {
			t.Errorf("Country(CA) = %+v", p)
		}
		// Aliases carried over from the embedded default.
		if idx := g.Lookup("Syrian Arab Republic", nil); len(idx) != 1 {
			t.Errorf("country alias: %v", names(g, idx))
		}
	}
	check(g)
	entries, _ := os.ReadDir(cache)
	if len(entries) != 1 {
		t.Fatalf("cache holds %d files, want 1", len(entries))
	}
	// Second open memory-maps the built index.
	g2, err := LoadDir("testdata/dump", o)
	if err != nil {
		t.Fatal(err)
	}
	defer g2.Close()
	check(g2)
	if _, err := LoadDir(t.TempDir(), o); err == nil {
		t.Error("LoadDir of an empty directory succeeded")
	}
}

func TestLoadDirShared(t *testing.T) {
	p := shared.Path(t, "geonames/cities500.txt")
	dir := filepath.Dir(p)
	cache := t.TempDir()
	g, err := LoadDir(dir, LoadOptions{CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	g.Close()
	t0 := time.Now()
	g, err = LoadDir(dir, LoadOptions{CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	t.Logf("full index: %d places, %d names, reopened in %v", g.Len(), g.Keys(), time.Since(t0))
	if g.Len() < 150000 {
		t.Errorf("full index has %d places", g.Len())
	}
	if p, ok := g.Admin1("SY", "12"); !ok || p.GeonameID == 0 {
		t.Errorf("Admin1(SY,12) = %+v", p)
	}
}

func FuzzFromBytes(f *testing.F) {
	var buf bytes.Buffer
	b := NewBuilder()
	b.Add(Place{Name: "Gaza", Lat: 31.5, Lon: 34.46, Country: "PS", Class: 'P', Code: "PPLA"})
	b.WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte("SITREPGZ\x02\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := FromBytes(data, "fuzz")
		if err != nil {
			return
		}
		for _, i := range g.Lookup("gaza", nil) {
			_ = g.Place(i)
		}
		for i := 0; i < g.Len(); i++ {
			_ = g.Place(i)
		}
		g.HasPrefix("ga")
	})
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"B.C.", "Şanlıurfa", "the Sahel", "\xff\xfe", "idlib province"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Normalize(s)
		if Normalize(k) != k {
			t.Errorf("Normalize not idempotent: %q -> %q -> %q", s, k, Normalize(k))
		}
		StripAdminSuffix(k)
		variants(k)
	})
}

func BenchmarkLoadDefault(b *testing.B) {
	for b.Loop() {
		if _, err := FromGzip(bytes.NewReader(defaultData), "embedded"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReopenFull(b *testing.B) {
	p := shared.Path(b, "geonames/cities500.txt")
	cache := b.TempDir()
	g, err := LoadDir(filepath.Dir(p), LoadOptions{CacheDir: cache})
	if err != nil {
		b.Fatal(err)
	}
	g.Close()
	b.ResetTimer()
	for b.Loop() {
		g, err := LoadDir(filepath.Dir(p), LoadOptions{CacheDir: cache})
		if err != nil {
			b.Fatal(err)
		}
		g.Close()
	}
}

func BenchmarkLookup(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	names := []string{"London", "Idlib", "Springfield", "Nowhere", "Ky.", "Middle East", "Paris", "Aleppo"}
	var buf []int
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		buf = g.Lookup(names[i%len(names)], buf[:0])
	}
}
