package store

import (
	"strings"

	"github.com/sitrep/sitrep/events"
)

// Goldstein returns the Goldstein scale weight of a CAMEO event code (-10,
// most conflictual, to +10, most cooperative) and whether the code or a
// parent of it is known. The weights are the events package's table, derived
// from GDELT's CAMEO.goldsteinscale.txt.
func Goldstein(code string) (float64, bool) {
	ci, ok := events.Info(strings.TrimSpace(code))
	return ci.Goldstein, ok
}

// QuadClass returns GDELT's QuadClass of a CAMEO code: 1 verbal cooperation
// (roots 01-05), 2 material cooperation (06-08), 3 verbal conflict (09-13),
// 4 material conflict (14-20); 0 when the root is not a CAMEO root.
func QuadClass(code string) int {
	r := RootCode(code)
	if r == "" {
		return 0
	}
	n := int(r[0]-'0')*10 + int(r[1]-'0')
	switch {
	case n >= 1 && n <= 5:
		return 1
	case n >= 6 && n <= 8:
		return 2
	case n >= 9 && n <= 13:
		return 3
	case n >= 14 && n <= 20:
		return 4
	}
	return 0
}

// RootCode returns the two-digit root of a CAMEO code ("190" -> "19"), or ""
// when code does not start with two digits.
func RootCode(code string) string {
	if len(code) < 2 || !isDigit(code[0]) || !isDigit(code[1]) {
		return ""
	}
	return code[:2]
}

// BaseCode returns the three-digit base of a CAMEO code ("0251" -> "025");
// codes of two or three digits are their own base.
func BaseCode(code string) string {
	if len(code) > 3 {
		return code[:3]
	}
	return code
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
