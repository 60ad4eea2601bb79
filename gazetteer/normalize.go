package gazetteer

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// special folds letters that NFD does not decompose into ASCII.
var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l",
	'đ': "d", 'Đ': "d", 'ı': "i", 'œ': "oe", 'Œ': "oe", 'þ': "th", 'Þ': "th",
	'ð': "d", 'Ð': "d", 'ħ': "h", 'Ħ': "h", 'ŀ': "l", 'Ŀ': "l",
}

// Fold returns s with diacritics removed and letters folded to ASCII where a
// Latin equivalent exists ("Şanlıurfa" -> "Sanliurfa"). Case is kept.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if f, ok := special[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Normalize maps a place name to its index key: folded to ASCII, lower
// case, periods and apostrophes dropped, other punctuation turned into
// spaces, spaces collapsed and a leading "the" removed. "The Gaza Strip"
// and "gaza-strip" share the key "gaza strip"; "B.C." becomes "bc".
func Normalize(s string) string {
	s = Fold(s)
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress leading spaces
	for _, r := range s {
		switch {
		case r == '.' || r == '\'' || r == '’' || r == '‘' || r == '`' || r == 'ʻ' || r == 'ʼ':
			continue
		case r == '&':
			if !space {
				b.WriteByte(' ')
			}
			b.WriteString("and ")
			space = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	out := strings.TrimRight(b.String(), " ")
	out = strings.TrimPrefix(out, "the ")
	return out
}

// latinOnly reports whether s is written in Latin script (after folding),
// so that an alternate name is useful for English news.
func latinOnly(s string) bool {
	letters := 0
	for _, r := range s {
		if r >= 0x250 && unicode.IsLetter(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// variants returns extra keys for a normalized name: "saint x" <-> "st x",
// "mount x" <-> "mt x", "fort x" <-> "ft x".
func variants(key string) []string {
	pairs := [][2]string{{"saint ", "st "}, {"sainte ", "ste "}, {"mount ", "mt "}, {"fort ", "ft "}, {"port ", "pt "}}
	var out []string
	for _, p := range pairs {
		if strings.HasPrefix(key, p[0]) {
			out = append(out, p[1]+key[len(p[0]):])
		} else if strings.HasPrefix(key, p[1]) {
			out = append(out, p[0]+key[len(p[1]):])
		}
		if i := strings.Index(key, " "+p[0]); i >= 0 {
			out = append(out, key[:i+1]+p[1]+key[i+1+len(p[0]):])
		}
	}
	return out
}

// adminSuffixes are generic words that follow a first- or second-level
// division's name ("Idlib province", "Kent County").
var adminSuffixes = []string{
	"province", "governorate", "state", "region", "oblast", "prefecture",
	"department", "district", "county", "parish", "municipality", "territory",
	"krai", "kray", "voivodeship", "canton", "emirate", "division", "republic",
	"autonomous region", "special administrative region",
}

// StripAdminSuffix removes a trailing division word from a normalized key:
// "idlib province" -> ("idlib", true).
func StripAdminSuffix(key string) (string, bool) {
	for _, s := range adminSuffixes {
		if strings.HasSuffix(key, " "+s) && len(key) > len(s)+1 {
			return key[:len(key)-len(s)-1], true
		}
	}
	for _, p := range []string{"province of ", "state of ", "governorate of ", "region of ", "republic of "} {
		if strings.HasPrefix(key, p) && len(key) > len(p) {
			return key[len(p):], true
		}
	}
	return key, false
}

// PickAlternates returns up to max alternate names of a place named name,
// best first: Latin-script names that are not codes, preferring ASCII
// names and names that contain, or are contained in, the main name
// ("New York" for "New York City").
func PickAlternates(name string, alts []string, max int) []string {
	main := Normalize(name)
	type cand struct {
		s     string
		score int
		pos   int
	}
	var cs []cand
	seen := map[string]bool{main: true, Normalize(Fold(name)): true}
	for i, a := range alts {
		if len(a) < 3 || len(a) > 60 || !latinOnly(a) || isCode(a) {
			continue
		}
		k := Normalize(a)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		score := 0
		if Fold(a) == a {
			score += 2
		}
		if strings.Contains(" "+main+" ", " "+k+" ") || strings.Contains(" "+k+" ", " "+main+" ") {
			score += 4
		}
		if r, _ := utf8.DecodeRuneInString(a); unicode.IsUpper(r) {
			score++
		}
		cs = append(cs, cand{a, score, i})
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
	var out []string
	for _, c := range cs {
		if len(out) >= max {
			break
		}
		out = append(out, c.s)
	}
	return out
}
