package timex

// Read-only vocabulary tables of the recognizer.

var monthNames = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

// monthAbbr are abbreviations, which may be followed by a period.
var monthAbbr = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// weekdays are ISO weekday numbers (Monday 1 .. Sunday 7).
var weekdays = map[string]int{
	"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
	"mondays": 1, "tuesdays": 2, "wednesdays": 3, "thursdays": 4, "fridays": 5, "saturdays": 6, "sundays": 7,
}

// weekdayAbbr need a following period.
var weekdayAbbr = map[string]int{
	"mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7,
}

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90, "hundred": 100,
}

// vagueNumbers are quantities with no value ("several years" -> PXY).
var vagueNumbers = map[string]bool{"several": true, "few": true, "many": true, "some": true, "numerous": true}

var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
	"thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
	"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}

// units maps unit words to unit codes: S, MIN, H (time units), D, W, M, Q,
// Y, E (decade), C (century), L (millennium), WE (weekend).
var units = map[string]string{
	"second": "S", "seconds": "S", "minute": "MIN", "minutes": "MIN", "hour": "H", "hours": "H",
	"day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M",
	"quarter": "Q", "quarters": "Q", "year": "Y", "years": "Y", "decade": "E", "decades": "E",
	"century": "C", "centuries": "C", "millennium": "L", "millennia": "L",
	"weekend": "WE", "weekends": "WE", "fortnight": "FN",
}

var plural = map[string]bool{
	"seconds": true, "minutes": true, "hours": true, "days": true, "weeks": true, "months": true,
	"quarters": true, "years": true, "decades": true, "centuries": true, "millennia": true, "weekends": true,
}

var seasons = map[string]string{"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

// seasonStart is the first month of each season (northern hemisphere).
var seasonStart = map[string]int{"SP": 3, "SU": 6, "FA": 9, "WI": 12}

var partsOfDay = map[string]string{"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}

var timeZones = map[string]bool{
	"est": true, "edt": true, "cst": true, "cdt": true, "mst": true, "mdt": true, "pst": true, "pdt": true,
	"gmt": true, "utc": true, "bst": true, "cet": true, "cest": true, "et": true, "pt": true,
}

// literal words and their TIMEX3 value (all DATE).
var literalWords = map[string]string{
	"now": "PRESENT_REF", "currently": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF",
	"recently": "PAST_REF", "lately": "PAST_REF",
}

// setAdverbs are frequency adverbs (SET).
var setAdverbs = map[string]string{
	"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
	"nightly": "P1D", "hourly": "PT1H", "quarterly": "P1Q", "biweekly": "P2W",
}

// durationMods are quantity modifiers that open a duration.
var durationMods = []struct {
	words []string
	mod   string
}{
	{[]string{"more", "than"}, "MORE_THAN"},
	{[]string{"less", "than"}, "LESS_THAN"},
	{[]string{"fewer", "than"}, "LESS_THAN"},
	{[]string{"at", "least"}, "EQUAL_OR_MORE"},
	{[]string{"at", "most"}, "EQUAL_OR_LESS"},
	{[]string{"up", "to"}, "EQUAL_OR_LESS"},
	{[]string{"no", "more", "than"}, "EQUAL_OR_LESS"},
	{[]string{"about"}, "APPROX"},
	{[]string{"around"}, "APPROX"},
	{[]string{"approximately"}, "APPROX"},
	{[]string{"roughly"}, "APPROX"},
	{[]string{"some"}, "APPROX"},
	{[]string{"nearly"}, "APPROX"},
	{[]string{"almost"}, "LESS_THAN"},
	{[]string{"over"}, "MORE_THAN"},
	{[]string{"just", "over"}, "MORE_THAN"},
	{[]string{"just", "under"}, "LESS_THAN"},
}

// dateMods are point modifiers that open a date.
var dateMods = []struct {
	words []string
	mod   string
}{
	{[]string{"the", "end", "of"}, "END"},
	{[]string{"the", "beginning", "of"}, "START"},
	{[]string{"the", "start", "of"}, "START"},
	{[]string{"the", "middle", "of"}, "MID"},
	{[]string{"early"}, "START"},
	{[]string{"late"}, "END"},
	{[]string{"mid", "-"}, "MID"},
	{[]string{"mid"}, "MID"},
	{[]string{"earlier"}, ""},
	{[]string{"later"}, ""},
}

// triggers are the words an expression can start with; other words are
// skipped without trying the rules.
var triggers = buildTriggers()

func buildTriggers() map[string]bool {
	t := map[string]bool{}
	for _, m := range []map[string]int{monthNames, monthAbbr, weekdays, weekdayAbbr, numberWords, ordinals} {
		for w := range m {
			t[w] = true
		}
	}
	for _, m := range []map[string]string{units, seasons, partsOfDay, literalWords, setAdverbs} {
		for w := range m {
			t[w] = true
		}
	}
	for w := range vagueNumbers {
		t[w] = true
	}
	for _, dm := range durationMods {
		t[dm.words[0]] = true
	}
	for _, dm := range dateMods {
		t[dm.words[0]] = true
	}
	for _, w := range []string{
		"a", "an", "the", "this", "that", "these", "last", "next", "past", "previous", "coming", "following",
		"current", "currently", "fiscal", "every", "each", "per", "today", "yesterday", "tomorrow", "tonight",
		"noon", "midday", "midnight", "christmas", "new", "thanksgiving", "independence", "halloween",
		"recent", "future", "then", "dozens", "dozen", "latest", "most", "same", "'", "’", "nineteen", "eighteen", "two", "year",
	} {
		t[w] = true
	}
	return t
}
