package events

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/document"
)

// GDELTHeader names the columns of GDELTRow, after the GDELT 1.0 event
// table (actor attributes, event codes, Goldstein scale, action
// geography, source URL), plus sitrep's document and event ids.
var GDELTHeader = []string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1Type1Code", "Actor1Type2Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2Type1Code", "Actor2Type2Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL", "sitrep_doc", "sitrep_event", "PloverType", "PloverMode", "Modality", "Confidence", "Trigger",
}

// QuadClass is GDELT's quad class of a CAMEO code: 1 verbal cooperation
// (roots 01-05), 2 material cooperation (06-08), 3 verbal conflict (09-13),
// 4 material conflict (14-20).
func QuadClass(code string) int {
	switch r := Root(code); {
	case r <= "05":
		return 1
	case r <= "08":
		return 2
	case r <= "13":
		return 3
	}
	return 4
}

var knownGroupRoots = map[string]bool{"IGO": true, "NGO": true, "IMG": true, "MNC": true}

// actorColumns splits a CAMEO actor code into GDELT's code, country,
// known group and two type columns.
func actorColumns(code string) [5]string {
	var c [5]string
	c[0] = code
	if len(code) < 3 {
		return c
	}
	root := code[:3]
	rest := code[3:]
	if knownGroupRoots[root] {
		c[2] = root
		if len(rest) >= 3 && !sectorCodes[rest[:3]] {
			c[2] = rest[:3]
			rest = rest[3:]
		}
	} else if _, ok := sectorCodes[root]; ok && sectorCodes[root] {
		rest = code
	} else {
		c[1] = root
	}
	for i, k := 0, 3; i+3 <= len(rest) && k < 5; i += 3 {
		c[k] = rest[i : i+3]
		k++
	}
	return c
}

// GDELTRow renders event i of d as a GDELT-style row (columns of
// GDELTHeader).
func GDELTRow(d *document.Document, i int) []string {
	e := d.Events[i]
	date := ""
	if e.Time != nil {
		date = *e.Time
	}
	sql := strings.ReplaceAll(date, "-", "")
	if len(sql) > 8 || len(sql) < 8 || strings.ContainsAny(sql, "TWX") {
		sql = ""
	}
	year, month, frac := "", "", ""
	if sql != "" {
		year, month = sql[:4], sql[:6]
		if y, err := strconv.Atoi(sql[:4]); err == nil {
			m, _ := strconv.Atoi(sql[4:6])
			dd, _ := strconv.Atoi(sql[6:8])
			frac = fmt.Sprintf("%.4f", float64(y)+float64((m-1)*30+dd)/365)
		}
	}
	a1, a2 := actorColumns(e.SourceActor), actorColumns(e.TargetActor)
	name := func(id string) string {
		for _, en := range d.Entities {
			if en.ID == id {
				return en.Name
			}
		}
		return ""
	}
	base, root := e.Code, Root(e.Code)
	if len(base) > 3 {
		base = base[:3]
	}
	gold := ""
	if ci, ok := Info(e.Code); ok {
		gold = strconv.FormatFloat(ci.Goldstein, 'f', -1, 64)
	}
	var geo [6]string
	for _, p := range d.Places {
		if p.ID == e.Place {
			geo = [6]string{"4", p.Name, p.Country, strconv.FormatFloat(p.Lat, 'f', 4, 64),
				strconv.FormatFloat(p.Lon, 'f', 4, 64), strconv.Itoa(p.GeonameID)}
			if p.FeatureCode == "PCLI" {
				geo[0] = "1"
			}
		}
	}
	ptype, pmode := "", ""
	if e.Plover != nil {
		ptype, pmode = e.Plover.Type, e.Plover.Mode
	}
	isRoot := "0"
	if len(d.Sentences) > 0 && e.Sentence.Start == d.Sentences[0].Start {
		isRoot = "1"
	}
	row := []string{
		d.ID + "-" + e.ID, sql, month, year, frac,
		a1[0], name(e.Source), a1[1], a1[2], a1[3], a1[4],
		a2[0], name(e.Target), a2[1], a2[2], a2[3], a2[4],
		isRoot, e.Code, base, root, strconv.Itoa(QuadClass(e.Code)), gold,
		"1", "1", "1",
		geo[0], geo[1], geo[2], geo[3], geo[4], geo[5],
		"", d.URL, d.ID, e.ID, ptype, pmode, e.Modality, strconv.FormatFloat(e.Confidence, 'f', 2, 64), e.Trigger.Text,
	}
	for k, v := range row {
		row[k] = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(v)
	}
	return row
}
