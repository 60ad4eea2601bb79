package extract

import (
	"strings"
	"time"
)

var dateLayouts = []string{
	time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05",
	"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -0700", "2006-01-02", "20060102",
	time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST", "Mon, 02 Jan 2006 15:04 -0700", "2 Jan 2006", "02 Jan 2006",
	"January 2, 2006", "Jan 2, 2006", "Jan. 2, 2006", "2 January 2006", "January 2 2006",
	"Jan 2 2006", "Sept 2, 2006", "Sept. 2, 2006", "2006/01/02", "01/02/2006",
	"Jan 2", "Jan. 2", "January 2", "Sept 2", "Sept. 2",
}

// parseDate reads a publication date in the common formats. A date without
// a year has year 0.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// formatDate writes a date-only time as YYYY-MM-DD and others as RFC 3339.
// A time without zone is read as UTC.
func formatDate(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 && t.Location() == time.UTC {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}

// ValidPublished reports whether s is a date sitrep accepts for --published.
func ValidPublished(s string) (string, bool) {
	t, ok := parseDate(s)
	if !ok || t.Year() == 0 {
		return "", false
	}
	return formatDate(t), true
}
