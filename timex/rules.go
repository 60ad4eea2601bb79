package timex

import (
	"strconv"
)

// kind is the semantic class of a recognized expression, which selects how
// the normalizer computes its value.
type kind uint8

const (
	kLit     kind = iota // value given literally (PRESENT_REF, P1D ...)
	kAbs                 // calendar date, year possibly missing (Sept. 3, 1998; the third quarter)
	kRel                 // this/last/next UNIT (rel = 0, -1, +1)
	kAgo                 // N UNITs ago/earlier/later
	kWeekday             // a weekday name
	kDay                 // today, yesterday, tomorrow (shift days from the DCT)
	kDur                 // N UNITs
	kTime                // clock time on a day
	kRefQ                // "the quarter", "the year-ago quarter": last mentioned quarter + rel
	kDecade              // the 1990s
	kCentury             // the 19th century
)

// sem is what a rule understood; the normalizer turns it into a value.
type sem struct {
	typ     string
	k       kind
	lit     string
	y, m, d int // 0 when absent
	q, h    int // quarter, half
	season  string
	dec     int    // decade: 199 for the 1990s
	cent    int    // century: 18 for the 19th century
	unit    string // unit code for kRel, kAgo, kDur
	n       int    // quantity, -1 when vague
	rel     int    // -1 last, 0 this, +1 next (kRel, kWeekday with hasRel, kRefQ)
	hasRel  bool
	wd      int // ISO weekday
	pod     string
	hh, mm  int
	hasHM   bool
	shift   int  // day shift for kDay
	fromRef bool // earlier/later: relative to the last mentioned date
	thisQ   bool // "this quarter": the quarter reported, else the DCT's
	weekOf  bool // "the week of March 6": the week of the date
	yRel    int  // year relative to the DCT ("last year's third quarter")
	hasYRel bool
	mod     string
	day     *sem // the date part of a time ("10 p.m. Wednesday")
}

type match struct {
	i, j int // token range [i, j)
	s    sem
}

type parser struct {
	t []tok
}

func (p *parser) low(i int) string {
	if i < 0 || i >= len(p.t) {
		return ""
	}
	return p.t[i].low
}

// glued reports whether token i follows token i-1 with no space.
func (p *parser) glued(i int) bool {
	return i > 0 && i < len(p.t) && !p.t[i].sp
}

// words matches a sequence of lower-case words at i and returns the end.
func (p *parser) words(i int, ws ...string) (int, bool) {
	for _, w := range ws {
		if p.low(i) != w {
			return i, false
		}
		i++
	}
	return i, true
}

// dot skips an optional period glued to the previous token.
func (p *parser) dot(i int) int {
	if p.low(i) == "." && p.glued(i) {
		return i + 1
	}
	return i
}

// digits returns the integer value of a digit token at i.
func (p *parser) digits(i int) (int, bool) {
	if i < 0 || i >= len(p.t) || p.t[i].kind != 'd' || len(p.t[i].text) > 4 {
		return 0, false
	}
	v, err := strconv.Atoi(p.t[i].text)
	return v, err == nil
}

// number parses a quantity at i: digits, number words ("twenty-four"),
// "a"/"an", "a couple of", "a few", "several". n is -1 when vague.
func (p *parser) number(i int) (n, j int, ok bool) {
	w := p.low(i)
	if v, ok := p.digits(i); ok {
		// not part of a larger number: 1,000 or 2.5
		if (p.low(i+1) == "," || p.low(i+1) == ".") && p.glued(i+1) && p.t[i+1].kind == 'p' && i+2 < len(p.t) && p.t[i+2].kind == 'd' && p.glued(i+2) {
			return 0, i, false
		}
		if i > 0 && p.glued(i) && (p.low(i-1) == "," || p.low(i-1) == "." || p.low(i-1) == "$") {
			return 0, i, false
		}
		return v, i + 1, true
	}
	switch w {
	case "a", "an":
		if j, ok := p.words(i+1, "couple", "of"); ok {
			return 2, j, true
		}
		if p.low(i+1) == "few" {
			return -1, i + 2, true
		}
		if p.low(i+1) == "half" {
			return 0, i, false
		}
		return 1, i + 1, true
	case "several", "few", "many", "numerous":
		return -1, i + 1, true
	case "dozens":
		if p.low(i+1) == "of" {
			return -1, i + 2, true
		}
	case "dozen":
		return 12, i + 1, true
	case "couple":
		// "the next couple of years"
		if p.low(i+1) == "of" && (p.low(i-1) == "next" || p.low(i-1) == "past" || p.low(i-1) == "last" || p.low(i-1) == "first") {
			return 2, i + 2, true
		}
	}
	if v, ok := numberWords[w]; ok {
		j = i + 1
		if v >= 20 && v < 100 {
			k := j
			if p.low(k) == "-" && p.glued(k) {
				k++
			}
			if u, ok := numberWords[p.low(k)]; ok && u < 10 {
				v += u
				j = k + 1
			}
		}
		if p.low(j) == "hundred" {
			v *= 100
			j++
		}
		return v, j, true
	}
	return 0, i, false
}

// month parses a month name at i (capitalized; abbreviations may carry a period).
func (p *parser) month(i int) (m, j int, ok bool) {
	if i >= len(p.t) || p.t[i].kind != 'a' || !p.t[i].upper {
		return 0, i, false
	}
	w := p.t[i].low
	if v, ok := monthNames[w]; ok {
		return v, i + 1, true
	}
	if v, ok := monthAbbr[w]; ok {
		return v, p.dot(i + 1), true
	}
	return 0, i, false
}

// weekday parses a weekday name at i.
func (p *parser) weekday(i int) (wd, j int, ok bool) {
	if i >= len(p.t) || p.t[i].kind != 'a' {
		return 0, i, false
	}
	w := p.t[i].low
	if v, ok := weekdays[w]; ok {
		return v, i + 1, true
	}
	if v, ok := weekdayAbbr[w]; ok && p.t[i].upper && p.low(i+1) == "." && p.glued(i+1) {
		return v, i + 2, true
	}
	return 0, i, false
}

// dayNum parses a day of month (1-31, optional st/nd/rd/th).
func (p *parser) dayNum(i int) (d, j int, ok bool) {
	v, ok := p.digits(i)
	if !ok || v < 1 || v > 31 || len(p.t[i].text) > 2 {
		return 0, i, false
	}
	j = i + 1
	switch p.low(j) {
	case "st", "nd", "rd", "th":
		if p.glued(j) {
			j++
		}
	}
	// not "3:30" nor "3.5"
	if (p.low(j) == ":" || p.low(j) == ".") && j+1 < len(p.t) && p.t[j+1].kind == 'd' && p.glued(j+1) {
		return 0, i, false
	}
	return v, j, true
}

// year parses a four-digit year (1000-2099) at i.
func (p *parser) year(i int) (y, j int, ok bool) {
	if i >= len(p.t) || p.t[i].kind != 'd' || len(p.t[i].text) != 4 {
		return 0, i, false
	}
	v, _ := strconv.Atoi(p.t[i].text)
	if v < 1000 || v > 2099 {
		return 0, i, false
	}
	if i > 0 && p.glued(i) && (p.low(i-1) == "$" || p.low(i-1) == "," || p.low(i-1) == "." || p.low(i-1) == "#") {
		return 0, i, false
	}
	n := p.low(i + 1)
	if p.glued(i+1) && (n == "," || n == "." || n == ":") && i+2 < len(p.t) && p.t[i+2].kind == 'd' && p.glued(i+2) {
		return 0, i, false
	}
	if n == "%" || n == "percent" {
		return 0, i, false
	}
	return v, i + 1, true
}

// unit parses a unit word at i.
func (p *parser) unit(i int) (u string, pl bool, j int, ok bool) {
	w := p.low(i)
	if u, ok := units[w]; ok {
		return u, plural[w], i + 1, true
	}
	return "", false, i, false
}

// recognize finds all expressions in the token stream, left to right,
// longest match first, without overlaps.
func (p *parser) recognize() []match {
	var out []match
	for i := 0; i < len(p.t); {
		if m, ok := p.at(i); ok && m.j > i {
			out = append(out, m)
			i = m.j
			if s := m.s; s.k == kAbs && s.m > 0 && s.d > 0 && !s.weekOf && (p.low(i) == "and" || p.low(i) == "or") {
				// "April 24 and 25": the second day shares the month
				if d, j, ok := p.dayNum(i + 1); ok {
					if _, isUnit := units[p.low(j)]; !isUnit && !(p.low(j) == "%" || p.low(j) == "percent") {
						if _, _, isMonth := p.month(j); !isMonth && (j >= len(p.t) || p.t[j].kind != 'a' || afterDay[p.low(j)]) {
							s.d = d
							s.mod = ""
							out = append(out, match{i: i + 1, j: j, s: s})
							i = j
						}
					}
				}
			}
			continue
		}
		i++
	}
	return out
}

// clockPreps open a bare hour of the clock ("at 4 in the morning").
var clockPreps = map[string]bool{
	"at": true, "by": true, "until": true, "till": true, "around": true, "about": true,
	"after": true, "before": true, "since": true, "from": true, "to": true,
}

// afterDay are the words that may follow the second day of "April 24 and
// 25"; other words make the number a quantity ("on May 3 and 4 more").
var afterDay = map[string]bool{
	"in": true, "at": true, "on": true, "for": true, "with": true, "when": true, "as": true,
	"respectively": true, "during": true, "to": true,
}

// at returns the longest expression starting at token i.
func (p *parser) at(i int) (match, bool) {
	t := &p.t[i]
	if t.kind != 'd' && !triggers[t.low] {
		return match{}, false
	}
	best := match{i: i, j: i}
	try := func(j int, s sem, ok bool) {
		if ok && j > best.j {
			best = match{i: i, j: j, s: s}
		}
	}
	// modifiers
	for _, dm := range durationMods {
		if j, ok := p.words(i, dm.words...); ok {
			if p.low(j) == "the" {
				continue // "over the past year": a preposition, not "more than"
			}
			if m, ok := p.core(j); ok && (m.s.k == kDur || m.s.k == kAgo) {
				m.s.mod = dm.mod
				try(m.j, m.s, true)
			}
		}
	}
	for _, dm := range dateMods {
		if j, ok := p.words(i, dm.words...); ok {
			if dm.words[0] == "earlier" || dm.words[0] == "later" {
				// "earlier this year", "later that day"
				if !(p.low(j) == "this" || p.low(j) == "that" || p.low(j) == "today" || p.low(j) == "yesterday" || p.low(j) == "tonight" || p.low(j) == "in" || p.low(j) == "next" || p.low(j) == "last" || weekdays[p.low(j)] > 0) {
					continue
				}
				if _, ok := p.words(j, "in", "the"); ok {
					j++ // "earlier in the year": "the" is read below
				}
			}
			if m, ok := p.core(j); ok && m.s.k != kDur && m.s.k != kLit && m.s.typ != "SET" && p.low(j-1) != "in" {
				m.s.mod = dm.mod
				try(m.j, m.s, true)
			}
			// "the end of the year", "earlier in the year"
			k := j
			if p.low(k) == "the" {
				k++
			}
			if u, pl, k2, ok := p.unit(k); ok && !pl && k > j && u == "D" && dm.mod == "" {
				// "later in the day": the day last spoken of
				try(k2, sem{typ: "DATE", k: kRel, unit: u, fromRef: true}, true)
				continue
			}
			if u, pl, k2, ok := p.unit(k); ok && !pl && k > j && (u == "Y" || u == "M" || u == "W" || u == "Q") {
				if p.low(k2) == "of" {
					if y, k3, ok := p.year(k2 + 1); ok && u == "Y" {
						try(k3, sem{typ: "DATE", k: kAbs, y: y, mod: dm.mod}, true)
						continue
					}
				}
				try(k2, sem{typ: "DATE", k: kRel, unit: u, mod: dm.mod}, true)
			}
		}
	}
	if m, ok := p.core(i); ok {
		try(m.j, m.s, true)
	}
	// "the week of March 6"
	if j, ok := p.words(i, "the", "week", "of"); ok {
		if e, s, ok := p.monthDate(j); ok && s.d > 0 {
			s.weekOf = true
			try(e, s, true)
		}
	}
	return best, best.j > i
}

// core returns the longest unmodified expression at i.
func (p *parser) core(i int) (match, bool) {
	best := match{i: i, j: i}
	try := func(j int, s sem, ok bool) {
		if ok && j > best.j {
			best = match{i: i, j: j, s: s}
		}
	}
	try(p.isoDate(i))
	try(p.monthDate(i))
	try(p.yearExpr(i))
	try(p.weekdayExpr(i))
	try(p.dayWords(i))
	try(p.literal(i))
	try(p.deictic(i))
	try(p.quarterExpr(i))
	try(p.quantity(i))
	try(p.clock(i))
	try(p.setExpr(i))
	try(p.holiday(i))
	if best.j <= i {
		return best, false
	}
	// a clock time followed by a day: "10 p.m. Wednesday", "5 p.m. EST, Nov. 9"
	if best.s.k == kTime && best.s.day == nil {
		j := best.j
		if p.low(j) == "(" {
			// "10:35 a.m. (0735 GMT) Friday": the day after the time in
			// another zone dates the time but is an expression of its own
			for k := j + 1; k < j+6 && k < len(p.t); k++ {
				if p.low(k) == ")" {
					if d, ok := p.dayAfterTime(k + 1); ok {
						ds := d.s
						best.s.day = &ds
					}
					break
				}
			}
			return best, true
		}
		if p.low(j) == "," || p.low(j) == "on" {
			j++
		}
		if d, ok := p.dayAfterTime(j); ok {
			ds := d.s
			best.s.day = &ds
			best.j = d.j
		}
	}
	return best, true
}

func (p *parser) dayAfterTime(j int) (match, bool) {
	var best match
	best.j = j
	for _, f := range []func(int) (int, sem, bool){p.weekdayExpr, p.monthDate, p.dayWords} {
		if e, s, ok := f(j); ok && e > best.j && s.typ == "DATE" {
			best = match{i: j, j: e, s: s}
		}
	}
	return best, best.j > j
}

// isoDate: 1998-09-03, 1998/09/03, 9/3/1998.
func (p *parser) isoDate(i int) (int, sem, bool) {
	y, j, ok := p.year(i)
	if ok && (p.low(j) == "-" || p.low(j) == "/") && p.glued(j) {
		sep := p.low(j)
		m, ok1 := p.digits(j + 1)
		if ok1 && m >= 1 && m <= 12 && p.glued(j+1) && p.low(j+2) == sep && p.glued(j+2) {
			if d, ok2 := p.digits(j + 3); ok2 && d >= 1 && d <= 31 && p.glued(j+3) {
				return j + 4, sem{typ: "DATE", k: kAbs, y: y, m: m, d: d}, true
			}
		}
	}
	// US m/d/yyyy
	if m, ok := p.digits(i); ok && m >= 1 && m <= 12 && p.low(i+1) == "/" && p.glued(i+1) {
		if d, ok := p.digits(i + 2); ok && d >= 1 && d <= 31 && p.glued(i+2) && p.low(i+3) == "/" && p.glued(i+3) {
			if y, _, ok := p.year(i + 4); ok && p.glued(i+4) {
				return i + 5, sem{typ: "DATE", k: kAbs, y: y, m: m, d: d}, true
			}
		}
	}
	return i, sem{}, false
}

// monthDate: [Weekday,] Month [day[,] [year]] | Month year | day Month [year].
func (p *parser) monthDate(i int) (int, sem, bool) {
	start := i
	// a leading weekday only confirms the date: "Friday, Aug. 7"
	if _, j, ok := p.weekday(i); ok {
		k := j
		if p.low(k) == "," {
			k++
		}
		if _, _, ok := p.month(k); ok {
			i = k
		} else if _, _, ok := p.dayNum(k); ok {
			if _, _, ok := p.month(k + 1); ok {
				i = k
			}
		}
	}
	if d, j, ok := p.dayNum(i); ok {
		k := j
		if p.low(k) == "of" {
			k++
		}
		if m, j2, ok := p.month(k); ok {
			s := sem{typ: "DATE", k: kAbs, m: m, d: d}
			j = j2
			k = j
			if p.low(k) == "," {
				k++
			}
			if y, j3, ok := p.year(k); ok {
				s.y = y
				j = j3
			}
			return j, s, true
		}
		return start, sem{}, false
	}
	m, j, ok := p.month(i)
	if !ok {
		return start, sem{}, false
	}
	w := p.t[i].low
	s := sem{typ: "DATE", k: kAbs, m: m}
	if d, j2, ok := p.dayNum(j); ok && !(p.low(j2) == "%" || p.low(j2) == "percent") {
		// "Sept. 3", "Sept. 3, 1998"
		if _, isUnit := units[p.low(j2)]; !isUnit {
			s.d = d
			j = j2
			k := j
			if p.low(k) == "," {
				k++
			}
			if y, j3, ok := p.year(k); ok {
				s.y = y
				j = j3
			}
			return j, s, true
		}
	}
	if y, j3, ok := p.spelledYear(j); ok {
		s.y = y // "January nineteen ninety-seven"
		return j3, s, true
	}
	k := j
	if p.low(k) == "," || p.low(k) == "of" {
		k++
	}
	if y, j3, ok := p.year(k); ok {
		s.y = y
		return j3, s, true
	}
	// a bare month name: "May" and "March" are also words
	if w == "may" || w == "march" {
		prev := p.low(i - 1)
		if prev == "the" && p.attributive(j) {
			prev = "in" // "the March accession", "the May elections"
		}
		if !(prev == "in" || prev == "since" || prev == "until" || prev == "by" || prev == "of" || prev == "last" || prev == "next" || prev == "this" || prev == "early" || prev == "late" || prev == "mid" || prev == "-" || prev == "from" || prev == "through" || prev == "to" || prev == "before" || prev == "after" || prev == "during") {
			return start, sem{}, false
		}
	}
	if _, ok := monthAbbr[w]; ok && p.low(j-1) != "." {
		// bare abbreviation without a period or a number: too ambiguous
		return start, sem{}, false
	}
	return j, s, true
}

// relYear parses "this year", "last year", "next year" at i as a year
// relative to the DCT.
func (p *parser) relYear(i int) (rel, j int, ok bool) {
	if p.low(i+1) != "year" {
		return 0, i, false
	}
	switch p.low(i) {
	case "this":
		return 0, i + 2, true
	case "last":
		return -1, i + 2, true
	case "next":
		return 1, i + 2, true
	}
	return 0, i, false
}

// attributive reports whether token j is a lower-case noun that a month
// name can modify ("the March accession"), not a preposition ("the March
// on Washington").
func (p *parser) attributive(j int) bool {
	if j >= len(p.t) || p.t[j].kind != 'a' || p.t[j].upper {
		return false
	}
	switch p.t[j].low {
	case "of", "on", "to", "for", "in", "from", "through", "against", "past", "and", "or", "by", "with", "at":
		return false
	}
	return true
}

// yearExpr: 1998, fiscal 1998, the 1988 period, the 1990s, the '90s, mid-1990s, the 19th century.
func (p *parser) yearExpr(i int) (int, sem, bool) {
	j := i
	the := false
	if p.low(j) == "the" {
		the = true
		j++
	}
	mod := ""
	switch p.low(j) {
	case "early":
		mod, j = "START", j+1
	case "late":
		mod, j = "END", j+1
	case "mid":
		mod, j = "MID", j+1
		if p.low(j) == "-" {
			j++
		}
	}
	// decades
	if y, k, ok := p.year(j); ok && y%10 == 0 && p.low(k) == "s" && p.glued(k) {
		return k + 1, sem{typ: "DATE", k: kDecade, dec: y / 10, mod: mod}, true
	}
	if y, k, ok := p.year(j); ok && y%10 == 0 && p.low(k) == "'" && p.low(k+1) == "s" && p.glued(k) && p.glued(k+1) {
		return k + 2, sem{typ: "DATE", k: kDecade, dec: y / 10, mod: mod}, true
	}
	if (p.low(j) == "'" || p.low(j) == "’") && j+1 < len(p.t) && p.t[j+1].kind == 'd' && len(p.t[j+1].text) == 2 && p.glued(j+1) {
		if v, _ := strconv.Atoi(p.t[j+1].text); v%10 == 0 && p.low(j+2) == "s" && p.glued(j+2) {
			return j + 3, sem{typ: "DATE", k: kDecade, dec: -(v / 10), mod: mod}, true
		}
	}
	// centuries: the 19th century, the twentieth century
	{
		k := j
		c := 0
		if v, ok := p.digits(k); ok && v > 0 && v <= 21 {
			k++
			switch p.low(k) {
			case "st", "nd", "rd", "th":
				k++
				c = v
			}
		} else if v, ok := ordinals[p.low(k)]; ok {
			c = v
			k++
		}
		if c > 0 && p.low(k) == "-" {
			k++
		}
		if c > 0 && p.low(k) == "century" {
			return k + 1, sem{typ: "DATE", k: kCentury, cent: c - 1, mod: mod}, true
		}
	}
	if y, k, ok := p.spelledYear(j); ok {
		if _, isUnit := units[p.low(k)]; !isUnit {
			return k, sem{typ: "DATE", k: kAbs, y: y, mod: mod}, true
		}
	}
	if p.low(j) == "year" {
		if y, k, ok := p.spelledYear(j + 1); ok && the {
			return k, sem{typ: "DATE", k: kAbs, y: y, mod: mod}, true
		}
	}
	if p.low(j) == "fiscal" {
		j++
		if y, k, ok := p.year(j); ok {
			return k, sem{typ: "DATE", k: kAbs, y: y, mod: mod}, true
		}
		return i, sem{}, false
	}
	y, k, ok := p.year(j)
	if !ok {
		return i, sem{}, false
	}
	if the {
		if p.low(k) == "season" {
			return k + 1, sem{typ: "DATE", k: kAbs, y: y, mod: mod}, true
		}
		j = i + 1 // "the" belongs to something else
	}
	if mod == "" && (the || i != j) {
		return i, sem{}, false
	}
	// years as quantities: "1998 people" are rare; "1,998" was rejected.
	if p.low(k) == "-" && p.glued(k) {
		// 1998-99 season
		if _, ok := p.digits(k + 1); ok && p.glued(k+1) && len(p.t[k+1].text) == 2 {
			return k + 2, sem{typ: "DATE", k: kAbs, y: y, mod: mod}, true
		}
	}
	return k, sem{typ: "DATE", k: kAbs, y: y, mod: mod}, true
}

// weekdayExpr: [last|next|this|coming] Weekday [morning|night ...].
func (p *parser) weekdayExpr(i int) (int, sem, bool) {
	j := i
	s := sem{typ: "DATE", k: kWeekday}
	switch p.low(j) {
	case "last", "past", "previous":
		s.rel, s.hasRel = -1, true
		j++
	case "next", "coming":
		s.rel, s.hasRel = 1, true
		j++
	case "this":
		s.rel, s.hasRel = 0, true
		j++
	}
	wd, k, ok := p.weekday(j)
	if !ok {
		return i, s, false
	}
	s.wd = wd
	if plural[p.low(j)] || (len(p.low(j)) > 0 && p.low(j)[len(p.low(j))-1] == 's' && weekdays[p.low(j)] > 0) {
		// "Fridays": a set
		return k, sem{typ: "SET", k: kLit, lit: "XXXX-WXX-" + strconv.Itoa(wd)}, true
	}
	if pod, ok := partsOfDay[p.low(k)]; ok {
		// TimeBank gives "Friday evening" the part of the day
		// (1998-08-07TEV); "Friday night" and "Friday morning" it marks
		// with the date alone (often on "Friday" alone) as often as not,
		// and the date alone scores best there
		if pod == "EV" {
			s.pod = pod
		}
		k++
	} else if pod, ok := partsOfDay[trimS(p.low(k))]; ok && p.low(k) != trimS(p.low(k)) {
		return k + 1, sem{typ: "SET", k: kLit, lit: "XXXX-WXX-" + strconv.Itoa(wd) + "T" + pod}, true
	}
	return k, s, true
}

// podDay reads the day word after a part of the day ("mid-afternoon
// yesterday"), shifting s, and returns the end of the expression.
func (p *parser) podDay(j int, s *sem) int {
	switch p.low(j) {
	case "yesterday":
		s.shift = -1
	case "today":
	case "tomorrow":
		s.shift = 1
	default:
		return j
	}
	return j + 1
}

func trimS(w string) string {
	if len(w) > 1 && w[len(w)-1] == 's' {
		return w[:len(w)-1]
	}
	return w
}

// dayWords: today, yesterday, tomorrow, tonight, [this|yesterday|last|tomorrow] morning, ...
func (p *parser) dayWords(i int) (int, sem, bool) {
	w := p.low(i)
	s := sem{typ: "DATE", k: kDay}
	j := i + 1
	switch w {
	case "today":
		if p.low(j) == "'" || p.low(j) == "’" { // today's: still today
			return j, s, true
		}
	case "yesterday":
		s.shift = -1
	case "tomorrow":
		s.shift = 1
	case "tonight":
		s.typ, s.pod = "TIME", "NI"
		return j, s, true
	case "overnight":
		s.typ, s.pod = "TIME", "NI"
		return j, s, true
	case "the":
		// "the day after tomorrow", "the day before yesterday"
		if e, ok := p.words(j, "day", "after", "tomorrow"); ok {
			s.shift = 2
			return e, s, true
		}
		if e, ok := p.words(j, "day", "before", "yesterday"); ok {
			s.shift = -2
			return e, s, true
		}
		fallthrough
	case "this", "mid":
		pod, ok := partsOfDay[p.low(j)]
		if !ok || p.low(j) == "overnight" {
			if w == "mid" && p.low(j) == "-" {
				if pod, ok := partsOfDay[p.low(j+1)]; ok {
					s.typ, s.pod, s.mod = "TIME", pod, "MID"
					return p.podDay(j+2, &s), s, true
				}
			}
			return i, s, false
		}
		if w == "the" && p.low(i-1) != "in" {
			return i, s, false
		}
		s.typ, s.pod = "TIME", pod
		if w == "mid" {
			s.mod = "MID"
			return p.podDay(j+1, &s), s, true
		}
		return j + 1, s, true
	case "last":
		if p.low(j) == "night" {
			s.typ, s.pod, s.shift = "TIME", "NI", -1
			return j + 1, s, true
		}
		return i, s, false
	default:
		return i, s, false
	}
	if pod, ok := partsOfDay[p.low(j)]; ok && p.low(j) != "overnight" {
		s.typ, s.pod = "TIME", pod
		j++
	}
	return j, s, true
}

// literal: now, currently, recently, the past, the future, recent years ...
func (p *parser) literal(i int) (int, sem, bool) {
	w := p.low(i)
	if v, ok := literalWords[w]; ok {
		return i + 1, sem{typ: "DATE", k: kLit, lit: v}, true
	}
	switch w {
	case "the":
		if u, pl, j, ok := p.unit(i + 1); ok && pl && u != "WE" && p.low(j) == "ahead" {
			// "in the weeks ahead": as "the coming weeks"
			return j + 1, sem{typ: "DURATION", k: kDur, unit: u, n: -1}, true
		}
		switch p.low(i + 1) {
		case "past":
			if _, _, _, ok := p.unit(i + 2); ok {
				return i, sem{}, false
			}
			if _, _, ok := p.number(i + 2); ok {
				return i, sem{}, false
			}
			return i + 2, sem{typ: "DATE", k: kLit, lit: "PAST_REF"}, true
		case "future":
			return i + 2, sem{typ: "DATE", k: kLit, lit: "FUTURE_REF"}, true
		case "near", "short", "long":
			// "in the near term"
			if p.low(i+2) == "term" && p.low(i+3) != "-" {
				return i + 3, sem{typ: "DATE", k: kLit, lit: "FUTURE_REF"}, true
			}
		case "fiscal":
			// "for the fiscal year": a duration, like "for the year"
			if p.low(i+2) == "year" && p.low(i+3) != "-" && p.low(i+3) != "'" && p.low(i+3) != "’" {
				return i + 3, sem{typ: "DURATION", k: kDur, unit: "Y", n: 1}, true
			}
		case "present":
			return i + 2, sem{typ: "DATE", k: kLit, lit: "PRESENT_REF"}, true
		case "year":
			// "for the year", "the year's results": TimeBank marks a duration
			if n := p.low(i + 2); n != "-" && n != "before" && n != "after" {
				if p.low(i-1) == "of" {
					// "the first nine months of the year": the calendar year
					return i + 2, sem{typ: "DATE", k: kRel, unit: "Y"}, true
				}
				return i + 2, sem{typ: "DURATION", k: kDur, unit: "Y", n: 1}, true
			}
		}
	case "future":
		if p.low(i-1) == "near" || p.low(i-1) == "foreseeable" || p.low(i-1) == "distant" {
			return i + 1, sem{typ: "DATE", k: kLit, lit: "FUTURE_REF"}, true
		}
	case "recent", "coming":
		if u, pl, j, ok := p.unit(i + 1); ok && pl && u != "WE" {
			if w == "recent" {
				if u == "D" || u == "Y" {
					return j, sem{typ: "DATE", k: kLit, lit: "PAST_REF"}, true
				}
				return j, sem{typ: "DURATION", k: kDur, unit: u, n: -1}, true
			}
			return j, sem{typ: "DATE", k: kLit, lit: "FUTURE_REF"}, true
		}
	case "one", "some":
		// "Islam will one day be ...": an indefinite future
		if p.low(i+1) == "day" {
			switch p.low(i - 1) {
			case "will", "would", "could", "may", "might", "can", "should", "must", "ll":
				return i + 2, sem{typ: "DATE", k: kLit, lit: "FUTURE_REF"}, true
			}
		}
	case "a":
		// "at a later date"
		if w := p.low(i + 1); (w == "later" || w == "future") && p.low(i+2) == "date" {
			return i + 3, sem{typ: "DATE", k: kLit, lit: "FUTURE_REF"}, true
		}
	case "then":
		// "the then current price": the present of a past time
		k := i + 1
		if p.low(k) == "-" && p.glued(k) {
			k++
		}
		if w := p.low(k); w == "current" || w == "present" {
			return k + 1, sem{typ: "DATE", k: kLit, lit: "PAST_REF"}, true
		}
	case "current", "currently":
		if w == "current" && p.low(i+1) == "account" {
			return i, sem{}, false
		}
		return i + 1, sem{typ: "DATE", k: kLit, lit: "PRESENT_REF"}, true
	case "these":
		if p.low(i+1) == "days" {
			return i + 2, sem{typ: "DATE", k: kLit, lit: "PRESENT_REF"}, true
		}
	case "years", "decades", "months", "weeks", "centuries", "days":
		if p.low(i+1) == "ago" {
			return i + 2, sem{typ: "DATE", k: kLit, lit: "PAST_REF"}, true
		}
	case "once":
		return i, sem{}, false
	}
	return i, sem{}, false
}

// deictic: this/last/next/coming/past/current/previous/following UNIT|season|month|weekend.
func (p *parser) deictic(i int) (int, sem, bool) {
	j := i
	rel := 0
	switch p.low(j) {
	case "that":
		if p.low(j+1) == "quarter" {
			return j + 2, sem{typ: "DATE", k: kRefQ, fromRef: true}, true
		}
		if u, pl, k, ok := p.unit(j + 1); ok && !pl && (u == "Y" || u == "M" || u == "W" || u == "D") {
			return k, sem{typ: "DATE", k: kRel, unit: u, fromRef: true}, true
		}
		return i, sem{}, false
	case "this", "current":
		rel = 0
		if p.low(j+1) == "quarter" {
			// in a financial report "this quarter" is the quarter reported
			return j + 2, sem{typ: "DATE", k: kRefQ, rel: 0, thisQ: true}, true
		}
	case "last", "past", "previous":
		rel = -1
	case "next", "coming", "following":
		rel = 1
	case "the":
		switch p.low(j + 1) {
		case "current":
			rel, j = 0, j+1
		case "past", "last", "previous":
			rel, j = -1, j+1
		case "next", "coming", "following":
			rel, j = 1, j+1
		case "same":
			// "the same period" resolves like "the quarter"
			if p.low(j+2) == "period" || p.low(j+2) == "quarter" {
				return j + 3, sem{typ: "DATE", k: kRefQ}, true
			}
			return i, sem{}, false
		case "weekend":
			return j + 2, sem{typ: "DATE", k: kRel, unit: "WE", rel: 0}, true
		case "summer", "winter", "spring", "fall", "autumn":
			se := seasons[p.low(j+1)]
			if p.low(j+2) == "of" {
				if y, k, ok := p.year(j + 3); ok {
					return k, sem{typ: "DATE", k: kAbs, y: y, season: se}, true
				}
				if y, k, ok := p.spelledYear(j + 3); ok {
					return k, sem{typ: "DATE", k: kAbs, y: y, season: se}, true
				}
				return i, sem{}, false // "the fall of Kabul"
			}
			return j + 2, sem{typ: "DATE", k: kRel, unit: "SEASON", season: se, rel: 0}, true
		case "nineties", "eighties", "seventies", "sixties", "fifties", "forties", "thirties", "twenties":
			dec := map[string]int{"nineties": 199, "eighties": 198, "seventies": 197, "sixties": 196, "fifties": 195, "forties": 194, "thirties": 193, "twenties": 192}[p.low(j+1)]
			return j + 2, sem{typ: "DATE", k: kDecade, dec: dec}, true
		default:
			return i, sem{}, false
		}
	default:
		return i, sem{}, false
	}
	j++
	if u, pl, k, ok := p.unit(j); ok && !pl {
		if p.low(i) == "the" && p.low(i+1) == "following" && u != "WE" && u != "H" && u != "MIN" && u != "S" {
			// "the following month": after the last mentioned date
			return k, sem{typ: "DATE", k: kRel, unit: u, rel: 1, fromRef: true}, true
		}
		if p.low(i) == "the" && u == "D" && rel != 0 && p.low(i+1) != "past" && p.low(i+1) != "last" {
			// "the next day", "the previous day": from the last mentioned date
			return k, sem{typ: "DATE", k: kRel, unit: u, rel: rel, fromRef: true}, true
		}
		if p.low(i) == "the" && rel != 0 && u != "WE" {
			if u == "Q" {
				return k, sem{typ: "DATE", k: kRefQ, rel: 0}, true
			}
			if rel < 0 && (u == "Y" || u == "E") {
				// "the past year", "the last decade": the calendar year
				// or decade before the DCT's, as TimeBank marks them
				return k, sem{typ: "DATE", k: kRel, unit: u, rel: -1}, true
			}
			// "the past week", "the next month": a duration
			return k, sem{typ: "DURATION", k: kDur, unit: u, n: 1}, true
		}
		if u == "S" || u == "MIN" || u == "FN" {
			return i, sem{}, false
		}
		if u == "H" {
			return i, sem{}, false
		}
		return k, sem{typ: "DATE", k: kRel, unit: u, rel: rel}, true
	}
	if se, ok := seasons[p.low(j)]; ok {
		return j + 1, sem{typ: "DATE", k: kRel, unit: "SEASON", season: se, rel: rel}, true
	}
	if _, ok := partsOfDay[p.low(j)]; ok && p.low(i) == "the" && rel != 0 && p.low(i+1) != "past" && p.low(i+1) != "last" {
		// "the next morning": the day after the last mentioned date (the
		// part of the day dropped, as with "Friday night")
		return j + 1, sem{typ: "DATE", k: kRel, unit: "D", rel: rel, fromRef: true}, true
	}
	if m, k, ok := p.month(j); ok && p.low(i) != "the" {
		s := sem{typ: "DATE", k: kRel, unit: "MONTHNAME", m: m, rel: rel}
		if d, k2, ok := p.dayNum(k); ok {
			s.d, k = d, k2 // "last Oct. 23"
		}
		return k, s, true
	}
	if w := p.low(j); (w == "half" || w == "fiscal") && p.low(i) != "the" {
		k := j + 1
		if w == "fiscal" {
			if p.low(k) != "year" {
				return i, sem{}, false
			}
			return k + 1, sem{typ: "DATE", k: kRel, unit: "Y", rel: rel}, true
		}
		return k, sem{typ: "DATE", k: kRel, unit: "HALF", rel: rel}, true
	}
	return i, sem{}, false
}

// quarterExpr: [the] (first|...|fourth|latest|current|year-ago|year-earlier) quarter [of 1989],
// third-quarter, the first half, the first nine months, the quarter.
func (p *parser) quarterExpr(i int) (int, sem, bool) {
	j := i
	the := p.low(j) == "the"
	if the {
		j++
	}
	// a year before the quarter: "1989's", "the 1988", "this year's"
	yAbs, yRel, hasY, hasYRel := 0, 0, false, false
	if y, k, ok := p.year(j); ok && (the || (p.low(k) == "'" || p.low(k) == "’") && p.low(k+1) == "s") {
		if p.low(k) == "'" || p.low(k) == "’" {
			k += 2
		}
		yAbs, hasY, j = y, true, k
	} else if w := p.low(j); (w == "this" || w == "last" || w == "next") && p.low(j+1) == "year" && (p.low(j+2) == "'" || p.low(j+2) == "’") && p.low(j+3) == "s" {
		yRel, hasY, hasYRel = map[string]int{"this": 0, "last": -1, "next": 1}[w], true, true
		j += 4
	}
	setY := func(s sem) sem {
		if hasY {
			s.y, s.yRel, s.hasYRel = yAbs, yRel, hasYRel
		}
		return s
	}
	ord := 0
	refShift := 0
	isRef := false
	if hasY && (p.low(j) == "quarter" || p.low(j) == "period") {
		return j + 1, setY(sem{typ: "DATE", k: kRefQ}), true
	}
	if v, ok := ordinals[p.low(j)]; ok {
		ord = v
		j++
	} else if p.low(j) == "last" && p.low(j+1) == "half" {
		ord = 2
		j++
	} else if v, ok := p.digits(j); ok && v >= 1 && v <= 4 {
		switch p.low(j + 1) {
		case "st", "nd", "rd", "th":
			ord = v
			j += 2
		}
	}
	if ord == 0 {
		switch p.low(j) {
		case "latest", "recent", "most":
			if p.low(j) == "most" {
				if p.low(j+1) != "recent" {
					return i, sem{}, false
				}
				j++
			}
			isRef = true
			j++
		case "year":
			// year-ago / year-earlier
			if p.low(j+1) == "-" && (p.low(j+2) == "ago" || p.low(j+2) == "earlier") {
				isRef, refShift = true, -4
				j += 3
				if v, ok := ordinals[p.low(j)]; ok && v <= 4 {
					ord = v
					j++
				}
				if w := p.low(j); !the && w != "quarter" && w != "period" && w != "fiscal" && w != "-" {
					// "year-earlier results": the same period a year before
					return j, sem{typ: "DATE", k: kAgo, unit: "Y", n: 1, fromRef: true}, true
				}
			} else {
				return i, sem{}, false
			}
		case "quarter", "period":
			if !the {
				return i, sem{}, false
			}
			isRef = true
		default:
			return i, sem{}, false
		}
	}
	if p.low(j) == "fiscal" {
		j++
	}
	if p.low(j) == "-" {
		j++
	}
	w := p.low(j)
	switch w {
	case "quarter", "quarters", "period":
		if w == "period" && !isRef {
			return i, sem{}, false
		}
		if w == "quarters" && !(ord > 0) {
			return i, sem{}, false
		}
		j++
		if p.low(j) == "-" && p.glued(j) && p.low(j+1) == "to" {
			return i, sem{}, false // "quarter-to-quarter"
		}
		if isRef && ord == 0 {
			s := sem{typ: "DATE", k: kRefQ, rel: refShift}
			// "the quarter a year ago"
			if refShift == 0 {
				if k, ok := p.words(j, "a", "year", "ago"); ok {
					s.rel, j = -4, k
				} else if k, ok := p.words(j, "a", "year", "earlier"); ok {
					s.rel, j = -4, k
				}
			}
			// "the quarter ended Sept. 30": the quarter of its last month
			if e := p.low(j); (e == "ended" || e == "ending") && refShift == 0 {
				if m, _, ok := p.month(j + 1); ok {
					m--
					if m == 0 {
						m = 12
					}
					s.q = (m-1)/3 + 1
				}
			}
			return j, setY(s), true
		}
		if ord < 1 || ord > 4 {
			return i, sem{}, false
		}
		s := sem{typ: "DATE", k: kAbs, q: ord}
		if refShift != 0 {
			s = sem{typ: "DATE", k: kRefQ, rel: refShift, q: ord}
		}
		k := j
		if p.low(k) == "of" {
			k++
			if p.low(k) == "fiscal" {
				k++
			}
			if y, k2, ok := p.year(k); ok {
				s.y = y
				j = k2
			} else if rel, k2, ok := p.relYear(k); ok {
				s.yRel, s.hasYRel, j = rel, true, k2 // "the third quarter of next year"
			}
		}
		if !the && j == i+1 {
			return i, sem{}, false
		}
		if hasY {
			s = setY(s)
		}
		return j, s, true
	case "half":
		if ord < 1 || ord > 2 || isRef {
			return i, sem{}, false
		}
		j++
		s := setY(sem{typ: "DATE", k: kAbs, h: ord})
		if p.low(j) == "of" {
			if y, k2, ok := p.year(j + 1); ok {
				s.y = y
				j = k2
			} else if rel, k2, ok := p.relYear(j + 1); ok {
				s.yRel, s.hasYRel, j = rel, true, k2 // "the second half of next year"
			} else if k2, ys, ok := p.yearExpr(j + 1); ok && (ys.k == kDecade || ys.k == kCentury) {
				// "the last half of the '80s": TimeML has no half decades
				mod := "START"
				if ord == 2 {
					mod = "END"
				}
				ys.mod = mod
				return k2, ys, true
			}
		}
		return j, s, true
	}
	// the first nine months, the year-earlier nine months
	if (ord == 1 || (isRef && refShift != 0)) && the {
		if n, k, ok := p.number(j); ok && n > 0 {
			if u, pl, k2, ok := p.unit(k); ok && pl {
				return k2, sem{typ: "DURATION", k: kDur, unit: u, n: n}, true
			}
		}
	}
	return i, sem{}, false
}

// quantity: N UNIT (duration), N UNIT ago/earlier/later, N-UNIT, the past N UNITs.
func (p *parser) quantity(i int) (int, sem, bool) {
	j := i
	the := false
	if p.low(j) == "the" {
		the = true
		j++
		switch p.low(j) {
		case "past", "last", "next", "first", "previous", "coming", "following", "final":
			j++
		default:
			// "the nine months"
			if n, k, ok := p.number(j); ok && n > 1 {
				if u, pl, k2, ok := p.unit(k); ok && pl && u != "WE" {
					return k2, sem{typ: "DURATION", k: kDur, unit: u, n: n}, true
				}
			}
			return i, sem{}, false
		}
	}
	n, k, ok := p.number(j)
	if !ok {
		if the {
			// "the past few years", "the last year" handled in deictic
			if u, pl, k2, ok := p.unit(j); ok && pl && u != "WE" {
				return k2, sem{typ: "DURATION", k: kDur, unit: u, n: -1}, true
			}
		}
		// "decades-long"
		if u, pl, k2, ok := p.unit(j); ok && pl && p.low(k2) == "-" && p.low(k2+1) == "long" && p.glued(k2) {
			return k2 + 2, sem{typ: "DURATION", k: kDur, unit: u, n: -1}, true
		}
		// bare plurals after "for": "for years"
		if u, pl, k2, ok := p.unit(j); ok && pl && u != "WE" && u != "Q" && (p.low(j-1) == "for" || p.low(j-1) == "within") {
			if p.low(k2) == "ago" {
				return k2 + 1, sem{typ: "DATE", k: kLit, lit: "PAST_REF"}, true
			}
			return k2, sem{typ: "DURATION", k: kDur, unit: u, n: -1}, true
		}
		return i, sem{}, false
	}
	// hyphenated adjective: 10-year, two-week, 16-hour
	if p.low(k) == "-" && p.glued(k) {
		if u, pl, k2, ok := p.unit(k + 1); ok && p.glued(k+1) && u != "WE" && !(u == "Q" && pl) {
			if p.low(k2) == "-" && p.low(k2+1) == "old" {
				return i, sem{}, false // ages are not time expressions
			}
			if p.low(k2) == "-" && p.low(k2+1) == "long" {
				k2 += 2 // "a seven-year-long war"
			}
			return k2, sem{typ: "DURATION", k: kDur, unit: u, n: n}, true
		}
		return i, sem{}, false
	}
	// "2 1/2 years"
	half := false
	if n >= 0 && p.low(k) == "1" && p.low(k+1) == "/" && p.low(k+2) == "2" && p.glued(k+1) && p.glued(k+2) {
		half = true
		k += 3
	} else if e, ok := p.words(k, "and", "a", "half"); ok && n > 0 {
		// "two and a half years"
		if _, _, _, ok := p.unit(e); ok {
			half, k = true, e
		}
	}
	more := false
	switch p.low(k) {
	case "more", "additional", "extra", "further":
		// "two more weeks", "an additional year"
		if n > 0 || n < 0 && p.low(k-1) != "many" {
			more = true
			k++
		}
	}
	u, pl, k2, ok := p.unit(k)
	if !ok || u == "WE" {
		return i, sem{}, false
	}
	if more && (u == "S" || u == "Q") {
		return i, sem{}, false // "two more seconds" is rare, "a further quarter" a share
	}
	if n == 1 && pl {
		return i, sem{}, false
	}
	if p.low(j) == "a" || p.low(j) == "an" {
		if pl && n == 1 {
			return i, sem{}, false
		}
		// "a second group", "a quarter of the market"
		if (u == "S" && n == 1) || (u == "Q" && p.low(k2) == "of") {
			return i, sem{}, false
		}
	}
	s := sem{typ: "DURATION", k: kDur, unit: u, n: n}
	if half {
		s.lit = "half"
	}
	end := k2
	if !the {
		switch p.low(k2) {
		case "ago", "back":
			s = sem{typ: "DATE", k: kAgo, unit: u, n: n}
			end = k2 + 1
		case "earlier", "before", "later", "after":
			if u == "H" || u == "MIN" || u == "S" || u == "D" || u == "W" {
				// "three days later": the gold marks the duration
				break
			}
			nx := p.low(k2 + 1)
			if (p.low(k2) == "before" || p.low(k2) == "after") && nx != "," && nx != "." && nx != "" && nx != "that" {
				break
			}
			s = sem{typ: "DATE", k: kAgo, unit: u, n: n, fromRef: true}
			if p.low(k2) == "later" || p.low(k2) == "after" {
				s.rel = 1
			}
			end = k2 + 1
		case "from":
			if p.low(k2+1) == "now" {
				s = sem{typ: "DATE", k: kAgo, unit: u, n: n, rel: 1}
				end = k2 + 2
			}
		case "hence":
			s = sem{typ: "DATE", k: kAgo, unit: u, n: n, rel: 1}
			end = k2 + 1
		case "or":
			if p.low(k2+1) == "so" && p.low(k2+2) == "ago" {
				s = sem{typ: "DATE", k: kAgo, unit: u, n: n}
				end = k2 + 3
			}
		case "and":
			if p.low(k2+1) == "a" && p.low(k2+2) == "half" {
				s.lit = "half"
				end = k2 + 3
			}
		}
	}
	if s.k == kDur && (p.low(j) == "a" || p.low(j) == "an") {
		// "$1.76 a year", "four flights a week": a rate, not a duration
		switch prev := p.low(j - 1); {
		case j > 0 && p.t[j-1].kind == 'd', prev == "million", prev == "billion", prev == "thousand", prev == "cents", prev == "times", prev == "once", prev == "twice", prev == "flights", prev == "dollars", prev == "seats", prev == "hours":
			return i, sem{}, false
		}
	}
	if s.k == kDur && p.low(end) == "old" {
		return i, sem{}, false // an age: "52 years old"
	}
	if s.k == kAgo && n < 0 {
		s = sem{typ: "DATE", k: kLit, lit: "PAST_REF"}
		if s.rel > 0 {
			s.lit = "FUTURE_REF"
		}
	}
	if s.k == kAgo && (u == "H" || u == "MIN" || u == "S") {
		s.typ = "TIME"
	}
	return end, s, true
}

// clock: 10:30 a.m. [EDT], 3 p.m., noon, midnight, 4 in the morning.
func (p *parser) clock(i int) (int, sem, bool) {
	w := p.low(i)
	if w == "noon" || w == "midday" {
		return i + 1, sem{typ: "TIME", k: kTime, hh: 12, hasHM: true}, true
	}
	if w == "midnight" {
		return i + 1, sem{typ: "TIME", k: kTime, hh: 24, hasHM: true}, true
	}
	h, ok := p.digits(i)
	if !ok || h > 24 || len(p.t[i].text) > 2 {
		return i, sem{}, false
	}
	j := i + 1
	mm := 0
	colon := false
	if (p.low(j) == ":" || p.low(j) == ".") && p.glued(j) && j+1 < len(p.t) && p.t[j+1].kind == 'd' && len(p.t[j+1].text) == 2 && p.glued(j+1) {
		mm, _ = strconv.Atoi(p.t[j+1].text)
		if mm > 59 {
			return i, sem{}, false
		}
		colon = p.low(j) == ":"
		j += 2
	}
	ampm := ""
	switch p.low(j) {
	case "a", "p":
		if p.low(j+1) == "." && p.low(j+2) == "m" && p.glued(j+1) && p.glued(j+2) {
			ampm = p.low(j)
			j = p.dot(j + 3)
		}
	case "am", "pm":
		ampm = p.low(j)[:1]
		j = p.dot(j + 1)
	case "o":
		if (p.low(j+1) == "'" || p.low(j+1) == "’") && p.low(j+2) == "clock" {
			ampm = "-"
			j += 3
		}
	}
	if ampm == "" && h >= 1 && h <= 12 && clockPreps[p.low(i-1)] {
		// "at 4 in the morning", "by 8 in the evening", "at 11 at night"
		k, pm := j, false
		if e, ok := p.words(j, "in", "the", "morning"); ok {
			k = e
		} else if e, ok := p.words(j, "in", "the", "afternoon"); ok {
			k, pm = e, true
		} else if e, ok := p.words(j, "in", "the", "evening"); ok {
			k, pm = e, true
		} else if e, ok := p.words(j, "at", "night"); ok && h >= 6 {
			k, pm = e, true
		}
		if k > j {
			if pm && h < 12 {
				h += 12
			} else if !pm && h == 12 {
				h = 0
			}
			return k, sem{typ: "TIME", k: kTime, hh: h, mm: mm, hasHM: true}, true
		}
	}
	if ampm == "" && !colon {
		return i, sem{}, false
	}
	if ampm == "" && colon && (h > 23) {
		return i, sem{}, false
	}
	if ampm == "p" && h < 12 {
		h += 12
	}
	if ampm == "a" && h == 12 {
		h = 0
	}
	if ampm != "" && ampm != "-" && h > 24 {
		return i, sem{}, false
	}
	if timeZones[p.low(j)] {
		j++
	} else if _, ok := p.words(j, "local", "time"); ok {
		j += 2
	}
	if k, ok := p.words(j, "in", "the", "morning"); ok && ampm == "-" || ok && ampm == "" {
		j = k
	}
	return j, sem{typ: "TIME", k: kTime, hh: h, mm: mm, hasHM: true}, true
}

// setExpr: every|each UNIT|Weekday|Month, daily, weekly, N times a UNIT.
func (p *parser) setExpr(i int) (int, sem, bool) {
	w := p.low(i)
	if v, ok := setAdverbs[w]; ok {
		switch p.low(i - 1) {
		case "the", "a", "an", "its", "their", "his", "her", "our", "average", "initial", "first", "regular", "s", "this", "that":
			return i, sem{}, false // an adjective: "its quarterly dividend"
		}
		switch p.low(i + 1) {
		case "dividend", "dividends", "results", "volume", "report", "payment", "payments", "basis", "rate", "average":
			return i, sem{}, false
		}
		return i + 1, sem{typ: "SET", k: kLit, lit: v}, true
	}
	if w == "every" || w == "each" || w == "per" {
		j := i + 1
		n := 1
		if v, k, ok := p.number(j); ok && v > 1 && w == "every" {
			n, j = v, k
		} else if p.low(j) == "other" && w == "every" {
			n, j = 2, j+1
		}
		if u, pl, k, ok := p.unit(j); ok && (pl == (n > 1)) {
			return k, sem{typ: "SET", k: kLit, lit: durValue(u, n, "")}, true
		}
		if wd, k, ok := p.weekday(j); ok && w != "per" {
			lit := "XXXX-WXX-" + strconv.Itoa(wd)
			if pod, ok := partsOfDay[p.low(k)]; ok {
				lit += "T" + pod
				k++
			}
			return k, sem{typ: "SET", k: kLit, lit: lit}, true
		}
		if m, k, ok := p.month(j); ok && w != "per" {
			return k, sem{typ: "SET", k: kLit, lit: "XXXX-" + pad2(m)}, true
		}
		if pod, ok := partsOfDay[p.low(j)]; ok && w != "per" {
			return j + 1, sem{typ: "SET", k: kLit, lit: "TXX" + pod}, true
		}
	}
	return i, sem{}, false
}

// holiday: Christmas, Christmas Day, New Year's Day, Thanksgiving, Independence Day.
func (p *parser) holiday(i int) (int, sem, bool) {
	w := p.low(i)
	switch w {
	case "christmas":
		j := i + 1
		if p.low(j) == "day" || p.low(j) == "eve" {
			if p.low(j) == "eve" {
				return j + 1, sem{typ: "DATE", k: kAbs, m: 12, d: 24}, true
			}
			j++
		}
		return j, sem{typ: "DATE", k: kAbs, m: 12, d: 25}, p.t[i].upper
	case "new":
		if j, ok := p.words(i+1, "year", "'", "s", "day"); ok && p.t[i].upper {
			return j, sem{typ: "DATE", k: kAbs, m: 1, d: 1}, true
		}
		if j, ok := p.words(i+1, "year", "'", "s", "eve"); ok && p.t[i].upper {
			return j, sem{typ: "DATE", k: kAbs, m: 12, d: 31}, true
		}
	case "thanksgiving":
		j := i + 1
		if p.low(j) == "day" {
			j++
		}
		return j, sem{typ: "DATE", k: kAbs, m: 11, d: -4}, p.t[i].upper
	case "independence":
		if p.low(i+1) == "day" && p.t[i].upper {
			return i + 2, sem{typ: "DATE", k: kAbs, m: 7, d: 4}, true
		}
	case "halloween":
		return i + 1, sem{typ: "DATE", k: kAbs, m: 10, d: 31}, p.t[i].upper
	}
	return i, sem{}, false
}

// spelledYear parses "nineteen ninety-six", "two thousand".
func (p *parser) spelledYear(i int) (int, int, bool) {
	switch p.low(i) {
	case "nineteen", "eighteen":
		c := numberWords[p.low(i)]
		if v, k, ok := p.number(i + 1); ok && v >= 10 && v < 100 && p.low(i+1) != "a" && p.low(i+1) != "an" {
			return c*100 + v, k, true
		}
	case "two":
		if p.low(i+1) == "thousand" {
			k := i + 2
			v := 0
			if p.low(k) == "and" {
				k++
			}
			if n, k2, ok := p.number(k); ok && n > 0 && n < 100 && p.low(k) != "a" {
				v, k = n, k2
			} else if p.low(i+2) == "and" {
				k = i + 2
			}
			return 2000 + v, k, true
		}
	}
	return 0, i, false
}
