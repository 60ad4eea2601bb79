package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// gran is the granularity of a calendar point.
type gran uint8

const (
	gNone gran = iota
	gCentury
	gDecade
	gYear
	gHalf
	gSeason
	gQuarter
	gMonth
	gWeek
	gWeekend
	gDay
)

// point is a calendar value at some granularity.
type point struct {
	g      gran
	y      int // year (ISO year for weeks)
	q, h   int
	m, d   int
	w      int // ISO week
	season string
	dec    int
	cent   int
}

func (pt point) String() string {
	switch pt.g {
	case gCentury:
		return fmt.Sprintf("%02d", pt.cent)
	case gDecade:
		return fmt.Sprintf("%03d", pt.dec)
	case gYear:
		return fmt.Sprintf("%04d", pt.y)
	case gHalf:
		return fmt.Sprintf("%04d-H%d", pt.y, pt.h)
	case gSeason:
		return fmt.Sprintf("%04d-%s", pt.y, pt.season)
	case gQuarter:
		return fmt.Sprintf("%04d-Q%d", pt.y, pt.q)
	case gMonth:
		return fmt.Sprintf("%04d-%02d", pt.y, pt.m)
	case gWeek:
		return fmt.Sprintf("%04d-W%02d", pt.y, pt.w)
	case gWeekend:
		return fmt.Sprintf("%04d-W%02d-WE", pt.y, pt.w)
	case gDay:
		return fmt.Sprintf("%04d-%02d-%02d", pt.y, pt.m, pt.d)
	}
	return ""
}

func dayPoint(t time.Time) point {
	return point{g: gDay, y: t.Year(), m: int(t.Month()), d: t.Day()}
}

func weekPoint(t time.Time, g gran) point {
	y, w := t.ISOWeek()
	return point{g: g, y: y, w: w}
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC) }

// at coarsens a day to granularity g.
func at(t time.Time, g gran) point {
	switch g {
	case gYear:
		return point{g: gYear, y: t.Year()}
	case gQuarter:
		return point{g: gQuarter, y: t.Year(), q: (int(t.Month())-1)/3 + 1}
	case gHalf:
		return point{g: gHalf, y: t.Year(), h: (int(t.Month())-1)/6 + 1}
	case gMonth:
		return point{g: gMonth, y: t.Year(), m: int(t.Month())}
	case gWeek, gWeekend:
		return weekPoint(t, g)
	case gDecade:
		return point{g: gDecade, dec: t.Year() / 10}
	case gCentury:
		return point{g: gCentury, cent: t.Year() / 100}
	}
	return dayPoint(t)
}

// shift moves pt by n of its own granularity.
func (pt point) shift(n int) point {
	switch pt.g {
	case gYear:
		pt.y += n
	case gQuarter:
		k := pt.y*4 + pt.q - 1 + n
		pt.y, pt.q = floorDiv(k, 4), k-floorDiv(k, 4)*4+1
	case gHalf:
		k := pt.y*2 + pt.h - 1 + n
		pt.y, pt.h = floorDiv(k, 2), k-floorDiv(k, 2)*2+1
	case gMonth:
		k := pt.y*12 + pt.m - 1 + n
		pt.y, pt.m = floorDiv(k, 12), k-floorDiv(k, 12)*12+1
	case gWeek, gWeekend:
		t := isoWeekStart(pt.y, pt.w).AddDate(0, 0, 7*n)
		return weekPoint(t, pt.g)
	case gDay:
		return dayPoint(date(pt.y, pt.m, pt.d).AddDate(0, 0, n))
	case gSeason:
		pt.y += n
	case gDecade:
		pt.dec += n
	case gCentury:
		pt.cent += n
	}
	return pt
}

// start returns the first day of pt.
func (pt point) start() time.Time {
	switch pt.g {
	case gYear:
		return date(pt.y, 1, 1)
	case gQuarter:
		return date(pt.y, (pt.q-1)*3+1, 1)
	case gHalf:
		return date(pt.y, (pt.h-1)*6+1, 1)
	case gMonth:
		return date(pt.y, pt.m, 1)
	case gWeek, gWeekend:
		return isoWeekStart(pt.y, pt.w)
	case gDay:
		return date(pt.y, pt.m, pt.d)
	case gSeason:
		return date(pt.y, seasonStart[pt.season], 1)
	case gDecade:
		return date(pt.dec*10, 1, 1)
	case gCentury:
		return date(pt.cent*100, 1, 1)
	}
	return time.Time{}
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func isoWeekStart(y, w int) time.Time {
	// January 4 is always in week 1.
	j4 := date(y, 1, 4)
	wd := int(j4.Weekday())
	if wd == 0 {
		wd = 7
	}
	return j4.AddDate(0, 0, -(wd-1)+7*(w-1))
}

func isoWeekday(t time.Time) int {
	wd := int(t.Weekday())
	if wd == 0 {
		return 7
	}
	return wd
}

func unitGran(u string) gran {
	switch u {
	case "Y":
		return gYear
	case "Q":
		return gQuarter
	case "M", "MONTHNAME":
		return gMonth
	case "W":
		return gWeek
	case "WE":
		return gWeekend
	case "D":
		return gDay
	case "HALF":
		return gHalf
	case "E":
		return gDecade
	case "C":
		return gCentury
	}
	return gNone
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// durValue formats a TimeML duration: P3D, PT2H, PXY.
func durValue(u string, n int, frac string) string {
	q := "X"
	if n < 0 && u == "E" {
		return "PXY" // "decades"
	}
	if n >= 0 {
		q = strconv.Itoa(n)
		if frac == "half" {
			switch u {
			case "MIN":
				return "PT" + q + "M30S"
			case "H":
				return "PT" + q + "H30M"
			case "D":
				return "P" + q + "DT12H"
			case "Y":
				return "P" + q + "Y6M"
			}
			q += ".5"
		}
		if u == "E" {
			return "P" + strconv.Itoa(10*n) + "Y"
		}
	}
	switch u {
	case "S":
		return "PT" + q + "S"
	case "MIN":
		return "PT" + q + "M"
	case "H":
		return "PT" + q + "H"
	case "FN":
		if n >= 0 {
			return "P" + strconv.Itoa(2*n) + "W"
		}
		return "PXW"
	case "WE":
		return "P" + q + "WE"
	}
	return "P" + q + u
}

// resolver turns recognized semantics into TIMEX3 values in document order,
// keeping the last mentioned date as reference for anaphoric expressions.
type resolver struct {
	dct     time.Time
	hasDCT  bool
	ref     *point // last mentioned calendar date
	refQ    *point // last mentioned quarter
	sent    int    // sentence of the expression being resolved
	refAt   int    // sentence of ref
	lastQ   *point // most recent quarter
	lastQAt int    // its sentence
	// durInSent is set when the sentence so far has a duration ("the first
	// nine months ... a year earlier" compares years, not quarters).
	durInSent bool
}

// quarterRef is the quarter that "the quarter" and "a year ago" refer to: a
// quarter named in the same sentence, else the first quarter of
// the document (the one a financial report is about; later ones are
// comparisons such as "compared with a flat second quarter").
func (r *resolver) quarterRef() *point {
	if r.lastQ != nil && r.sent == r.lastQAt {
		return r.lastQ
	}
	return r.refQ
}

// result is one normalized value.
type result struct {
	typ, value, mod, anchor string
	unresolved              bool
}

func (r *resolver) remember(pt point) {
	p := pt
	r.ref = &p
	r.refAt = r.sent
	if pt.g == gQuarter {
		q := pt
		if r.refQ == nil {
			r.refQ = &q
		}
		r.lastQ, r.lastQAt = &q, r.sent
	}
}

// yearFor picks the year of a month (and day) written without one: the
// next occurrence in a future clause, the last one in a past clause, else
// the occurrence nearest the DCT.
func (r *resolver) yearFor(m, tense int) int {
	y := r.dct.Year()
	dm := int(r.dct.Month())
	switch {
	case tense > 0:
		if m < dm {
			return y + 1
		}
	case tense < 0:
		if m > dm+2 {
			return y - 1
		}
	default:
		if m-dm >= 5 {
			return y - 1
		}
		if dm-m >= 8 {
			return y + 1
		}
	}
	return y
}

func (r *resolver) resolve(s sem, tense int) result {
	res := result{typ: s.typ, mod: s.mod}
	if r.hasDCT {
		res.anchor = "dct"
	}
	podSuffix := func(v string) string {
		if s.pod != "" {
			return v + "T" + s.pod
		}
		return v
	}
	unresolved := func(v string) result {
		res.value, res.unresolved, res.anchor = v, true, ""
		return res
	}
	switch s.k {
	case kLit:
		res.value = s.lit
		res.anchor = ""
		return res
	case kDur:
		res.value = durValue(s.unit, s.n, s.lit)
		res.anchor = ""
		return res
	case kDecade:
		dec := s.dec
		if dec < 0 { // '90s
			c := 19
			if r.hasDCT && r.dct.Year() >= 2000 && -dec <= (r.dct.Year()%100)/10 {
				c = 20
			}
			dec = c*10 + (-dec)
		}
		res.value = fmt.Sprintf("%03d", dec)
		res.anchor = ""
		return res
	case kCentury:
		res.value = fmt.Sprintf("%02d", s.cent)
		res.anchor = ""
		return res
	case kAbs:
		y := s.y
		if s.hasYRel {
			if !r.hasDCT {
				return unresolved("XXXX")
			}
			y = r.dct.Year() + s.yRel
		}
		if y == 0 {
			if !r.hasDCT {
				switch {
				case s.q > 0:
					return unresolved("XXXX-Q" + strconv.Itoa(s.q))
				case s.h > 0:
					return unresolved("XXXX-H" + strconv.Itoa(s.h))
				case s.d > 0:
					return unresolved("XXXX-" + pad2(s.m) + "-" + pad2(s.d))
				default:
					return unresolved("XXXX-" + pad2(s.m))
				}
			}
			switch {
			case s.q > 0:
				y = r.dct.Year()
				dq := (int(r.dct.Month())-1)/3 + 1
				if s.q > dq && tense <= 0 {
					y--
				}
			case s.h > 0:
				y = r.dct.Year()
				dh := (int(r.dct.Month())-1)/6 + 1
				if s.h > dh && tense <= 0 {
					y--
				}
			default:
				y = r.yearFor(s.m, tense)
			}
		} else {
			res.anchor = ""
		}
		var pt point
		switch {
		case s.season != "":
			pt = point{g: gSeason, y: y, season: s.season}
		case s.q > 0:
			pt = point{g: gQuarter, y: y, q: s.q}
		case s.h > 0:
			pt = point{g: gHalf, y: y, h: s.h}
		case s.m > 0 && s.d < 0: // n-th Thursday
			t := date(y, s.m, 1)
			for isoWeekday(t) != 4 {
				t = t.AddDate(0, 0, 1)
			}
			pt = dayPoint(t.AddDate(0, 0, 7*(-s.d-1)))
		case s.m > 0 && s.d > 0 && s.weekOf:
			pt = weekPoint(date(y, s.m, s.d), gWeek)
		case s.m > 0 && s.d > 0:
			pt = point{g: gDay, y: y, m: s.m, d: s.d}
		case s.m > 0:
			pt = point{g: gMonth, y: y, m: s.m}
		default:
			pt = point{g: gYear, y: y}
		}
		r.remember(pt)
		res.value = pt.String()
		return res
	}
	if !r.hasDCT {
		switch s.k {
		case kWeekday:
			return unresolved(podSuffix("XXXX-WXX-" + strconv.Itoa(s.wd)))
		case kDay:
			return unresolved(podSuffix("XXXX-XX-XX"))
		case kTime:
			return unresolved(fmt.Sprintf("XXXX-XX-XXT%02d:%02d", s.hh, s.mm))
		case kAgo:
			if s.rel > 0 {
				return unresolved("FUTURE_REF")
			}
			return unresolved("PAST_REF")
		case kRefQ:
			if s.q > 0 {
				return unresolved("XXXX-Q" + strconv.Itoa(s.q))
			}
			return unresolved("XXXX-QX")
		case kRel:
			switch s.unit {
			case "MONTHNAME":
				if s.d > 0 {
					return unresolved("XXXX-" + pad2(s.m) + "-" + pad2(s.d))
				}
				return unresolved("XXXX-" + pad2(s.m))
			case "SEASON":
				return unresolved("XXXX-" + s.season)
			case "HALF":
				return unresolved("XXXX-HX")
			case "WE":
				return unresolved("XXXX-WXX-WE")
			}
			switch unitGran(s.unit) {
			case gYear:
				return unresolved("XXXX")
			case gMonth:
				return unresolved("XXXX-XX")
			case gWeek:
				return unresolved("XXXX-WXX")
			case gDay:
				return unresolved("XXXX-XX-XX")
			}
			return unresolved("XXXX-QX")
		}
		return unresolved("XXXX-XX-XX")
	}
	dct := r.dct
	switch s.k {
	case kDay:
		pt := dayPoint(dct.AddDate(0, 0, s.shift))
		r.remember(pt)
		res.value = podSuffix(pt.String())
		return res
	case kWeekday:
		dwd := isoWeekday(dct)
		dir := tense
		if s.hasRel && s.rel != 0 {
			dir = s.rel
		} else if s.hasRel && tense == 0 {
			dir = 1 // "this Friday": the coming one
		}
		var t time.Time
		if dir > 0 {
			diff := (s.wd - dwd + 7) % 7
			if diff == 0 && s.hasRel {
				diff = 7
			}
			t = dct.AddDate(0, 0, diff)
		} else {
			diff := (dwd - s.wd + 7) % 7
			if diff == 0 && s.hasRel && s.rel < 0 {
				diff = 7
			}
			t = dct.AddDate(0, 0, -diff)
		}
		pt := dayPoint(t)
		r.remember(pt)
		res.value = podSuffix(pt.String())
		return res
	case kTime:
		day := dayPoint(dct)
		if r.ref != nil && r.ref.g == gDay && r.sent-r.refAt <= 0 {
			day = *r.ref // a clock time belongs to the day just spoken of
			res.anchor = "ref"
		}
		if s.day != nil {
			v := r.resolve(*s.day, tense).value
			if len(v) >= 10 && v[4] == '-' && v[7] == '-' {
				res.value = fmt.Sprintf("%sT%02d:%02d", v[:10], s.hh, s.mm)
				return res
			}
		}
		res.value = fmt.Sprintf("%sT%02d:%02d", day.String(), s.hh, s.mm)
		return res
	case kRel:
		var pt point
		switch s.unit {
		case "SEASON":
			y := dct.Year()
			st := seasonStart[s.season]
			dm := int(dct.Month())
			switch s.rel {
			case -1:
				if !(dm >= st+3) || st == 12 {
					y--
				}
			case 1:
				if st <= dm {
					y++
				}
			}
			pt = point{g: gSeason, y: y, season: s.season}
		case "MONTHNAME":
			y := dct.Year()
			dm := int(dct.Month())
			switch s.rel {
			case -1:
				// "last February" in March is a year back
				if s.m >= dm-1 {
					y--
				}
			case 1:
				if s.m <= dm {
					y++
				}
			}
			pt = point{g: gMonth, y: y, m: s.m}
			if s.d > 0 {
				pt = point{g: gDay, y: y, m: s.m, d: s.d}
			}
		case "WE":
			base := dct
			if s.rel == 0 && (isoWeekday(dct) < 5 && tense <= 0 || isoWeekday(dct) == 5 && tense < 0) {
				base = dct.AddDate(0, 0, -7)
			}
			pt = at(base, gWeekend).shift(s.rel)
		default:
			g := unitGran(s.unit)
			if g == gNone {
				return unresolved("XXXX-XX-XX")
			}
			if s.fromRef && r.ref != nil && r.ref.g >= g {
				pt = at(r.ref.start(), g).shift(s.rel)
				res.value, res.anchor = pt.String(), "ref"
				return res
			}
			pt = at(dct, g).shift(s.rel)
		}
		r.remember(pt)
		res.value = pt.String()
		return res
	case kRefQ:
		var base point
		switch {
		case s.q > 0:
			// the year-earlier third quarter
			y := dct.Year()
			if s.q > (int(dct.Month())-1)/3+1 {
				y--
			}
			base = point{g: gQuarter, y: y, q: s.q}
		case s.fromRef && r.lastQ != nil: // "that quarter"
			base = *r.lastQ
			res.anchor = "ref"
		case r.quarterRef() != nil:
			base = *r.quarterRef()
			res.anchor = "ref"
		case s.thisQ:
			base = at(dct, gQuarter)
		default:
			base = at(dct, gQuarter).shift(-1)
		}
		if s.hasYRel {
			base.y = dct.Year() + s.yRel
		} else if s.y != 0 {
			base.y = s.y
		}
		pt := base.shift(s.rel)
		if s.rel == 0 && s.y == 0 && !s.hasYRel {
			r.remember(pt)
		}
		res.value = pt.String()
		return res
	case kAgo:
		n := s.n
		sign := -1
		if s.rel > 0 {
			sign = 1
		}
		g := unitGran(s.unit)
		mult := 1
		switch s.unit {
		case "E":
			g, mult = gYear, 10
		case "C":
			g, mult = gYear, 100
		case "FN":
			g, mult = gWeek, 2
		case "H", "MIN", "S":
			res.value = "PAST_REF"
			if sign > 0 {
				res.value = "FUTURE_REF"
			}
			return res
		}
		if g == gNone {
			return unresolved("PAST_REF")
		}
		if q := r.quarterRef(); s.unit == "Y" && q != nil && !r.durInSent {
			// financial news: "a year ago" compares with the quarter spoken of
			res.value, res.anchor = q.shift(sign*n*4).String(), "ref"
			return res
		}
		var pt point
		if s.fromRef && r.ref != nil && r.ref.g >= g {
			pt = at(r.ref.start(), g)
			res.anchor = "ref"
		} else {
			pt = at(dct, g)
		}
		pt = pt.shift(sign * n * mult)
		res.value = pt.String()
		return res
	}
	return unresolved("XXXX-XX-XX")
}

// parseDCT reads an RFC 3339 timestamp or a YYYY-MM-DD date.
func parseDCT(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return date(t.Year(), int(t.Month()), t.Day()), true
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return date(t.Year(), int(t.Month()), t.Day()), true
		}
	}
	return time.Time{}, false
}
