package store

import "strings"

// goldsteinTable is the Goldstein conflict-cooperation weight of each CAMEO
// code, -10 (most conflictual) to +10 (most cooperative).
//
// Source: Goldstein, J. S. (1992), "A Conflict-Cooperation Scale for WEIS
// Events Data", Journal of Conflict Resolution 36(2), as assigned to CAMEO
// codes by GDELT's lookup file CAMEO.goldsteinscale.txt (the GDELT Project,
// open data; cite GDELT). The table keeps the one- and two-level codes and
// only those four-digit codes whose weight differs from their parent
// (0334, 0874, 1821, 1822, 1823); every other four-digit code takes its
// three-digit parent's weight, which is what the source file lists for it.
var goldsteinTable = map[string]float64{
	"01": 0, "010": 0, "011": -0.1, "012": -0.4, "013": 0.4, "014": 0, "015": 0, "016": -2,
	"017": 0, "018": 3.4, "019": 3.4, "02": 3, "020": 3, "021": 3.4, "022": 3.2, "023": 3.4,
	"024": -0.3, "025": -0.3, "026": 4, "027": 4, "028": 4, "03": 4, "030": 4, "031": 5.2,
	"032": 4.5, "033": 5.2, "0334": 6, "034": 7, "035": 7, "036": 4, "037": 5, "038": 7,
	"039": 5, "04": 1, "040": 1, "041": 1, "042": 1.9, "043": 2.8, "044": 2.5, "045": 5,
	"046": 7, "05": 3.5, "050": 3.5, "051": 3.4, "052": 3.5, "053": 3.8, "054": 6, "055": 7,
	"056": 7, "057": 8, "06": 6, "060": 6, "061": 6.4, "062": 7.4, "063": 7.4, "064": 7,
	"07": 7, "070": 7, "071": 7.4, "072": 8.3, "073": 7.4, "074": 8.5, "075": 7, "08": 5,
	"080": 5, "081": 5, "082": 5, "083": 5, "084": 7, "085": 7, "086": 9, "087": 9,
	"0874": 10, "09": -2, "090": -2, "091": -2, "092": -2, "093": -2, "094": -2, "10": -5,
	"100": -5, "101": -5, "102": -5, "103": -5, "104": -5, "105": -5, "106": -5, "107": -5,
	"108": -5, "11": -2, "110": -2, "111": -2, "112": -2, "113": -2, "114": -2, "115": -2,
	"116": -2, "12": -4, "120": -4, "121": -4, "122": -4, "123": -4, "124": -4, "125": -5,
	"126": -5, "127": -5, "128": -5, "129": -5, "13": -6, "130": -4.4, "131": -5.8, "132": -5.8,
	"133": -5.8, "134": -5.8, "135": -5.8, "136": -7, "137": -7, "138": -7, "139": -7, "14": -6.5,
	"140": -6.5, "141": -6.5, "142": -6.5, "143": -6.5, "144": -7.5, "145": -7.5, "15": -7.2, "150": -7.2,
	"151": -7.2, "152": -7.2, "153": -7.2, "154": -7.2, "16": -4, "160": -4, "161": -4, "162": -5.6,
	"163": -8, "164": -7, "165": -6.5, "166": -7, "17": -7, "170": -7, "171": -9.2, "172": -5,
	"173": -5, "174": -5, "175": -9, "18": -9, "180": -9, "181": -9, "182": -9.5, "1821": -9,
	"1822": -9, "1823": -10, "183": -10, "184": -8, "185": -8, "186": -10, "19": -10, "190": -10,
	"191": -9.5, "192": -9.5, "193": -10, "194": -10, "195": -10, "196": -9.5, "20": -10, "200": -10,
	"201": -9.5, "202": -10, "203": -10, "204": -10,
}

// Goldstein returns the Goldstein scale weight of a CAMEO event code and
// whether the code (or a parent of it) is known.
func Goldstein(code string) (float64, bool) {
	code = strings.TrimSpace(code)
	for c := code; len(c) >= 2; c = c[:len(c)-1] {
		if v, ok := goldsteinTable[c]; ok {
			return v, true
		}
	}
	return 0, false
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
