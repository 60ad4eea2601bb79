package store

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/document"
)

// Export formats.
var ExportFormats = []string{"jsonl", "csv", "gdelt", "geojson", "plover"}

// Export writes the stored data in format to w: "jsonl" all documents
// (sitrep/1 JSON, one per line); "csv" the events matching f with a header
// row; "gdelt" the events as GDELT 2.0 event table rows (61 tab-separated
// columns, no header; docs/export.md gives the mapping); "geojson" a
// FeatureCollection of the located events and the places; "plover" one
// PLOVER JSON record per event that has a PLOVER type, one per line.
func (s *Store) Export(ctx context.Context, w io.Writer, format string, f Filter) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var err error
	switch format {
	case "jsonl":
		err = s.exportJSONL(ctx, bw)
	case "csv":
		err = s.exportCSV(ctx, bw, f)
	case "gdelt":
		err = s.exportGDELT(ctx, bw, f)
	case "geojson":
		err = s.exportGeoJSON(ctx, bw, f)
	case "plover":
		err = s.exportPlover(ctx, bw, f)
	default:
		return fmt.Errorf("unknown export format %q (want one of %s)", format, strings.Join(ExportFormats, ", "))
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

func (s *Store) exportJSONL(ctx context.Context, w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return s.EachDocument(ctx, func(d *document.Document) error {
		return enc.Encode(d)
	})
}

// CSVHeader is the header row of the CSV event export.
var CSVHeader = []string{"doc_id", "event_id", "day", "code", "root", "quad_class", "goldstein", "plover_type", "plover_mode",
	"source_actor", "source_name", "source_country", "target_actor", "target_name", "target_country",
	"place_name", "place_country", "lat", "lon", "modality", "trigger", "trigger_start", "trigger_end",
	"confidence", "dup_of", "url", "title"}

func fmtFloat(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

func (s *Store) exportCSV(ctx context.Context, w io.Writer, f Filter) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	err := s.EachEvent(ctx, f, func(e EventRow) error {
		return cw.Write([]string{e.DocID, e.ID, e.Day, e.Code, e.Root, strconv.Itoa(e.Quad), fmtFloat(e.Goldstein), e.PloverType, e.PloverMode,
			e.SourceActor, e.SourceName, e.SourceCountry, e.TargetActor, e.TargetName, e.TargetCountry,
			e.PlaceName, e.PlaceCountry, fmtFloat(e.Lat), fmtFloat(e.Lon), e.Modality, e.Trigger,
			strconv.Itoa(e.TriggerStart), strconv.Itoa(e.TriggerEnd), strconv.FormatFloat(e.Confidence, 'f', -1, 64),
			e.DupOf, e.URL, e.DocTitle})
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// storySizes returns, per story, the number of documents and of distinct
// sources.
func (s *Store) storySizes(ctx context.Context) (map[int64][2]int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT coalesce(story, doc_key), count(*), count(DISTINCT source) FROM documents GROUP BY 1`)
	if err != nil {
		return nil, fmt.Errorf("story sizes: %w", err)
	}
	defer rows.Close()
	out := map[int64][2]int{}
	for rows.Next() {
		var k int64
		var n, src int
		if err := rows.Scan(&k, &n, &src); err != nil {
			return nil, fmt.Errorf("story sizes: %w", err)
		}
		out[k] = [2]int{n, src}
	}
	return out, rows.Err()
}

// actorTypes splits the role codes that follow a 3-letter country code in
// a CAMEO actor code ("IRNGOVMIL" -> GOV, MIL).
func actorTypes(code, country string) [3]string {
	var t [3]string
	rest := code
	if country != "" && strings.HasPrefix(code, country) {
		rest = code[len(country):]
	} else if len(code) > 3 && isUpper(code[:3]) {
		rest = code[3:]
	}
	for i := 0; i < 3 && len(rest) >= 3; i++ {
		t[i], rest = rest[:3], rest[3:]
	}
	return t
}

// knownGroups are CAMEO codes of international and non-state groups that
// GDELT reports in Actor*KnownGroupCode.
var knownGroups = map[string]bool{"IGO": true, "NGO": true, "IMG": true, "MNC": true, "UNO": true}

// geoType is GDELT's ActionGeo_Type of a place: 1 country, 2 US state, 3 US
// city, 4 world city, 5 world state (first-order division).
func geoType(country, feature string) int {
	switch {
	case feature == "":
		return 0
	case strings.HasPrefix(feature, "PCL"):
		return 1
	case feature == "ADM1":
		if country == "US" {
			return 2
		}
		return 5
	case country == "US":
		return 3
	}
	return 4
}

func (s *Store) exportGDELT(ctx context.Context, w io.Writer, f Filter) error {
	sizes, err := s.storySizes(ctx)
	if err != nil {
		return err
	}
	firstOfDoc := map[string]bool{}
	row := make([]string, 61)
	return s.EachEvent(ctx, f, func(e EventRow) error {
		for i := range row {
			row[i] = ""
		}
		row[0] = strconv.FormatInt(e.Seq, 10)
		if t, err := time.Parse("2006-01-02", e.Day); err == nil {
			row[1] = t.Format("20060102")
			row[2] = t.Format("200601")
			row[3] = t.Format("2006")
			// The codebook says (MONTH*30+DAY)/365; GDELT's files use
			// ((MONTH-1)*30+DAY)/365 (20140218 -> 2014.1315), as here.
			row[4] = fmt.Sprintf("%.4f", float64(t.Year())+float64((int(t.Month())-1)*30+t.Day())/365)
		}
		actor := func(at int, code, name, country string) {
			row[at] = code
			row[at+1] = strings.ToUpper(name)
			row[at+2] = country
			if len(code) >= 3 && knownGroups[code[:3]] {
				row[at+3] = code[:3]
			}
			ts := actorTypes(code, country)
			row[at+7], row[at+8], row[at+9] = ts[0], ts[1], ts[2]
		}
		actor(5, e.SourceActor, e.SourceName, e.SourceCountry)
		actor(15, e.TargetActor, e.TargetName, e.TargetCountry)
		if !firstOfDoc[e.DocID] {
			firstOfDoc[e.DocID] = true
			row[25] = "1"
		} else {
			row[25] = "0"
		}
		row[26], row[27], row[28] = e.Code, BaseCode(e.Code), RootCode(e.Code)
		row[29] = strconv.Itoa(e.Quad)
		row[30] = fmtFloat(e.Goldstein)
		sz := sizes[e.Story]
		if sz[0] == 0 {
			sz = [2]int{1, 1}
		}
		row[31], row[32], row[33] = strconv.Itoa(sz[0]), strconv.Itoa(max(sz[1], 1)), strconv.Itoa(sz[0])
		// 34 AvgTone: sitrep computes no tone; left empty.
		row[35], row[43] = "0", "0" // actor geographies are not resolved
		if e.Lat != nil {
			row[51] = strconv.Itoa(geoType(e.PlaceCountry, e.PlaceFeature))
			row[52] = e.PlaceName
			row[53] = FIPS(e.PlaceCountry)
			if e.PlaceAdmin1 != "" && row[53] != "" {
				row[54] = row[53] + e.PlaceAdmin1
			}
			row[56] = fmtFloat(e.Lat)
			row[57] = fmtFloat(e.Lon)
			if e.PlaceGeonameID != 0 {
				row[58] = strconv.Itoa(e.PlaceGeonameID)
			}
		} else {
			row[51] = "0"
		}
		if t, err := time.Parse(time.RFC3339, e.Ingested); err == nil {
			row[59] = t.UTC().Format("20060102150405")
		}
		row[60] = e.URL
		if row[60] == "" {
			row[60] = e.DocID
		}
		for i, v := range row {
			row[i] = tsvClean.Replace(v)
		}
		_, err := io.WriteString(w, strings.Join(row, "\t")+"\n")
		return err
	})
}

var tsvClean = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

type geoFeature struct {
	Type       string         `json:"type"`
	Geometry   geoPoint       `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type geoPoint struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

func (s *Store) exportGeoJSON(ctx context.Context, w io.Writer, f Filter) error {
	if _, err := io.WriteString(w, `{"type":"FeatureCollection","features":[`); err != nil {
		return err
	}
	n := 0
	emit := func(ft geoFeature) error {
		b, err := json.Marshal(ft)
		if err != nil {
			return err
		}
		if n > 0 {
			if _, err := io.WriteString(w, ",\n"); err != nil {
				return err
			}
		} else if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
		n++
		_, err = w.Write(b)
		return err
	}
	err := s.EachEvent(ctx, f, func(e EventRow) error {
		if e.Lat == nil || e.Lon == nil {
			return nil
		}
		props := map[string]any{"kind": "event", "doc_id": e.DocID, "event_id": e.ID, "code": e.Code, "root": e.Root,
			"quad_class": e.Quad, "day": e.Day, "source": e.SourceActor, "target": e.TargetActor, "place": e.PlaceName, "trigger": e.Trigger}
		if e.Goldstein != nil {
			props["goldstein"] = *e.Goldstein
		}
		if e.PloverType != "" {
			props["plover"] = e.PloverType
		}
		return emit(geoFeature{"Feature", geoPoint{"Point", [2]float64{*e.Lon, *e.Lat}}, props})
	})
	if err != nil {
		return err
	}
	pf := Filter{Text: f.Text, Country: f.Country, Near: f.Near, From: f.From, To: f.To, Duplicates: f.Duplicates, Limit: 100 * MaxLimit}
	for off := 0; ; off += MaxLimit {
		pf.Limit, pf.Offset = MaxLimit, off
		places, err := s.Places(ctx, pf)
		if err != nil {
			return err
		}
		for _, p := range places {
			props := map[string]any{"kind": "place", "name": p.Name, "country": p.Country, "documents": p.Documents, "mentions": p.Mentions}
			if p.GeonameID != 0 {
				props["geonameid"] = p.GeonameID
			}
			if err := emit(geoFeature{"Feature", geoPoint{"Point", [2]float64{p.Lon, p.Lat}}, props}); err != nil {
				return err
			}
		}
		if len(places) < MaxLimit {
			break
		}
	}
	_, err = io.WriteString(w, "\n]}\n")
	return err
}

// ploverQuad is the quad code of each PLOVER event type (PLOVER manual:
// verbal cooperation 1, material cooperation 2, verbal conflict 3,
// material conflict 4).
var ploverQuad = map[string]int{
	"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
	"COOPERATE": 2, "AID": 2, "RETREAT": 2,
	"REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
	"PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

type ploverEntity struct {
	Code       string `json:"code,omitempty"`
	Sector     string `json:"sector,omitempty"`
	EntityText string `json:"entity_text,omitempty"`
}

type ploverLoc struct {
	Name        string  `json:"name,omitempty"`
	GeonameID   int     `json:"geonameid,omitempty"`
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	FeatureCode string  `json:"feature_code,omitempty"`
	CountryCode string  `json:"country_code,omitempty"`
}

type ploverRecord struct {
	ID        string         `json:"id"`
	HasEvent  bool           `json:"has_event"`
	Date      string         `json:"date,omitempty"`
	Actor     []ploverEntity `json:"actor"`
	Recipient []ploverEntity `json:"recipient"`
	Event     []string       `json:"event"`
	Mode      []string       `json:"mode"`
	EventLoc  *ploverLoc     `json:"event_loc,omitempty"`
	EventText []string       `json:"event_text,omitempty"`
	QuadCode  int            `json:"quad_code,omitempty"`
	Link      string         `json:"link,omitempty"`
	Text      string         `json:"text,omitempty"`
	TextInfo  map[string]int `json:"text_info,omitempty"`
	CiteInfo  map[string]any `json:"cite_info,omitempty"`
	Coder     string         `json:"coder"`
	CodedDate string         `json:"coded_date,omitempty"`
}

func ploverActor(code, country, name string) []ploverEntity {
	if code == "" && name == "" {
		return []ploverEntity{}
	}
	e := ploverEntity{Code: country, EntityText: name}
	if e.Code == "" && len(code) >= 3 {
		e.Code = code[:3]
	}
	if len(code) > 3 {
		e.Sector = code[3:]
	}
	return []ploverEntity{e}
}

func (s *Store) exportPlover(ctx context.Context, w io.Writer, f Filter) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	sent, err := s.r.PrepareContext(ctx, `SELECT substr(b.text, ? + 1, ? - ?) FROM documents d JOIN bodies b ON b.doc_key = d.doc_key WHERE d.id = ?`)
	if err != nil {
		return fmt.Errorf("plover export: %w", err)
	}
	defer sent.Close()
	return s.EachEvent(ctx, f, func(e EventRow) error {
		if e.PloverType == "" {
			return nil
		}
		rec := ploverRecord{
			ID: e.DocID + "#" + e.ID, HasEvent: true, Date: e.Day,
			Actor:     ploverActor(e.SourceActor, e.SourceCountry, e.SourceName),
			Recipient: ploverActor(e.TargetActor, e.TargetCountry, e.TargetName),
			Event:     []string{e.PloverType}, Mode: []string{},
			EventText: []string{e.Trigger}, QuadCode: ploverQuad[e.PloverType], Link: e.DocID,
			TextInfo: map[string]int{"start": e.SentenceStart, "end": e.SentenceEnd},
			CiteInfo: map[string]any{"doc_id": e.DocID, "url": e.URL, "title": e.DocTitle},
			Coder:    "sitrep",
		}
		if e.PloverMode != "" {
			rec.Mode = []string{e.PloverMode}
		}
		if e.Lat != nil {
			rec.EventLoc = &ploverLoc{Name: e.PlaceName, GeonameID: e.PlaceGeonameID, Lat: *e.Lat, Lon: *e.Lon, FeatureCode: e.PlaceFeature, CountryCode: e.PlaceCountry}
		}
		if t, err := time.Parse(time.RFC3339, e.Ingested); err == nil {
			rec.CodedDate = t.Format("2006-01-02")
		}
		if e.SentenceEnd > e.SentenceStart {
			var text *string
			if err := sent.QueryRowContext(ctx, e.SentenceStart, e.SentenceEnd, e.SentenceStart, e.DocID).Scan(&text); err == nil && text != nil {
				rec.Text = *text
			}
		}
		return enc.Encode(rec)
	})
}
