package geoparse

import (
	"encoding/json"
	"hash/fnv"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/jsonl"
)

// Doc is one annotated article of a geoparsing corpus (LGL, GeoVirus in
// the JSON Lines form of ../shared/data/geoparsing).
type Doc struct {
	ID       string
	Dataset  string
	Text     string
	Toponyms []Toponym
}

// Toponym is one gold place name.
type Toponym struct {
	Start, End  int
	Name        string
	Lat, Lon    float64
	GeonameID   int
	CountryCode string
}

type rawDoc struct {
	ID       string `json:"id"`
	Dataset  string `json:"dataset"`
	Text     string `json:"text"`
	Toponyms []struct {
		Start       int             `json:"start"`
		End         int             `json:"end"`
		Name        string          `json:"name"`
		Lat         float64         `json:"lat"`
		Lon         float64         `json:"lon"`
		GeonameID   json.RawMessage `json:"geonameid"`
		CountryCode string          `json:"country_code"`
	} `json:"toponyms"`
}

// ReadDocs reads JSON Lines of annotated articles. Toponyms with spans
// outside the text are dropped.
func ReadDocs(r io.Reader) ([]Doc, error) {
	var out []Doc
	err := jsonl.Each(r, func(_ int, rd rawDoc) error {
		d := Doc{ID: rd.ID, Dataset: rd.Dataset, Text: rd.Text}
		n := utf8.RuneCountInString(rd.Text)
		for _, t := range rd.Toponyms {
			if t.Start < 0 || t.End > n || t.Start >= t.End {
				continue
			}
			id := 0
			if len(t.GeonameID) > 0 {
				s := strings.Trim(string(t.GeonameID), `"`)
				id, _ = strconv.Atoi(s)
			}
			d.Toponyms = append(d.Toponyms, Toponym{Start: t.Start, End: t.End, Name: t.Name,
				Lat: t.Lat, Lon: t.Lon, GeonameID: id, CountryCode: t.CountryCode})
		}
		out = append(out, d)
		return nil
	})
	return out, err
}

// Split returns the fixed part of a corpus a document belongs to, by a
// hash of its id: "test" (20%), "dev" (10%) or "train" (70%). The test
// part is held out: training and tuning never read it.
func Split(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	switch h.Sum32() % 10 {
	case 0, 1:
		return "test"
	case 2:
		return "dev"
	}
	return "train"
}

// FilterSplit keeps the documents of one split ("all" keeps every one;
// "train+dev" both).
func FilterSplit(docs []Doc, split string) []Doc {
	if split == "" || split == "all" {
		return docs
	}
	want := map[string]bool{}
	for _, s := range strings.Split(split, "+") {
		want[s] = true
	}
	var out []Doc
	for _, d := range docs {
		if want[Split(d.ID)] {
			out = append(out, d)
		}
	}
	return out
}

// GoldMentions returns the toponyms as mentions with their text.
func (d *Doc) GoldMentions() []Mention {
	rs := []rune(d.Text)
	out := make([]Mention, len(d.Toponyms))
	for i, t := range d.Toponyms {
		out[i] = Mention{Start: t.Start, End: t.End, Text: string(rs[t.Start:t.End])}
	}
	return out
}
