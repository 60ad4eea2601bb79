package events

import "strings"

// irregular maps irregular English verb and noun forms to their lemma, for
// the fallback lemmatizer used when the syntax layer has not run.
var irregular = map[string]string{
	"said": "say", "says": "say", "met": "meet", "held": "hold", "gave": "give", "given": "give",
	"sent": "send", "took": "take", "taken": "take", "made": "make", "fought": "fight",
	"shot": "shoot", "struck": "strike", "stricken": "strike", "brought": "bring", "sought": "seek",
	"told": "tell", "began": "begin", "begun": "begin", "led": "lead", "fled": "flee", "paid": "pay",
	"laid": "lay", "won": "win", "lost": "lose", "kept": "keep", "left": "leave", "beaten": "beat",
	"broke": "break", "broken": "break", "drew": "draw", "drawn": "draw", "fell": "fall", "fallen": "fall",
	"flew": "fly", "flown": "fly", "forgave": "forgive", "forgiven": "forgive", "got": "get", "gotten": "get",
	"went": "go", "gone": "go", "goes": "go", "knew": "know", "known": "know", "ran": "run", "overran": "overrun",
	"rose": "rise", "risen": "rise", "saw": "see", "seen": "see", "sold": "sell", "sped": "speed",
	"spoke": "speak", "spoken": "speak", "stood": "stand", "swore": "swear", "sworn": "swear",
	"thought": "think", "threw": "throw", "thrown": "throw", "undertook": "undertake", "undertaken": "undertake",
	"withdrew": "withdraw", "withdrawn": "withdraw", "wrote": "write", "written": "write", "bore": "bear",
	"borne": "bear", "blew": "blow", "blown": "blow", "caught": "catch", "chose": "choose", "chosen": "choose",
	"did": "do", "done": "do", "does": "do", "had": "have", "has": "have", "was": "be", "were": "be", "is": "be",
	"are": "be", "been": "be", "am": "be", "being": "be", "hid": "hide", "hidden": "hide", "lent": "lend",
	"meant": "mean", "rang": "ring", "shook": "shake", "slew": "slay", "slain": "slay", "spent": "spend",
	"stole": "steal", "stolen": "steal", "taught": "teach", "understood": "understand", "woke": "wake",
	"wound": "wound", "arose": "arise", "arisen": "arise", "overtook": "overtake", "overtaken": "overtake",
	"retook": "retake", "retaken": "retake", "mistook": "mistake", "dealt": "deal", "felt": "feel",
	"heard": "hear", "built": "build", "bought": "buy", "fed": "feed", "forbade": "forbid", "forbidden": "forbid",
	"froze": "freeze", "frozen": "freeze", "rode": "ride", "sank": "sink", "sunk": "sink", "slid": "slide",
	"strove": "strive", "swept": "sweep", "tore": "tear", "torn": "tear", "wept": "weep", "men": "man",
	"women": "woman", "children": "child", "people": "people", "talks": "talks", "arms": "arms",
	"forces": "forces", "troops": "troops", "news": "news", "supplies": "supplies", "goods": "goods",
	"relations": "relations", "ties": "ties", "war_games": "war_games", "games": "games", "drove": "drive",
	"driven": "drive", "grew": "grow", "grown": "grow", "hung": "hang", "bid": "bid", "put": "put",
	"set": "set", "cut": "cut", "hit": "hit", "quit": "quit", "shut": "shut", "let": "let", "spread": "spread",
	"cast": "cast", "hurt": "hurt", "thrust": "thrust", "burst": "burst", "shed": "shed", "wed": "wed",
	"sat": "sit", "stuck": "stick", "struck down": "strike", "slept": "sleep", "lay": "lie", "lain": "lie",
	"ate": "eat", "eaten": "eat", "bled": "bleed", "besieged": "besiege", "rebuilt": "rebuild",
	"abode": "abide", "bent": "bend", "clung": "cling", "crept": "creep", "dug": "dig", "fought back": "fight",
	"fled from": "flee", "forgot": "forget", "forgotten": "forget", "lit": "light", "mislead": "mislead",
	"misled": "mislead", "overthrew": "overthrow", "overthrown": "overthrow", "sought out": "seek",
	"spat": "spit", "sprang": "spring", "sprung": "spring", "stung": "sting", "strode": "stride",
	"swam": "swim", "swung": "swing", "withheld": "withhold", "upheld": "uphold", "wrung": "wring",
}

// lemmaOf returns a lemma for a word form: the syntax layer's lemma when it
// is known to the lexicon, else the first candidate of a small suffix
// lemmatizer that the lexicon knows, else the lower-cased form.
func (l *Lexicon) lemmaOf(form, given string) string {
	low := strings.ToLower(form)
	if given != "" {
		g := strings.ToLower(given)
		if l.known[g] {
			return g
		}
	}
	if lem, ok := irregular[low]; ok {
		return lem
	}
	if l.known[low] {
		return low
	}
	for _, c := range lemmaCandidates(low) {
		if l.known[c] {
			return c
		}
	}
	if given != "" {
		return strings.ToLower(given)
	}
	if cs := lemmaCandidates(low); len(cs) > 0 {
		return cs[0]
	}
	return low
}

// lemmaCandidates strips regular inflections: -s, -es, -ies, -ed, -d, -ied,
// -ing (with undoubling and e-restoration).
func lemmaCandidates(w string) []string {
	var out []string
	add := func(s string) {
		if len(s) >= 2 {
			out = append(out, s)
		}
	}
	n := len(w)
	switch {
	case strings.HasSuffix(w, "ies") && n > 4:
		add(w[:n-3] + "y")
	case strings.HasSuffix(w, "ied") && n > 4:
		add(w[:n-3] + "y")
	case strings.HasSuffix(w, "ing") && n > 4:
		stem := w[:n-3]
		add(stem)
		add(stem + "e")
		if len(stem) > 2 && stem[len(stem)-1] == stem[len(stem)-2] {
			add(stem[:len(stem)-1])
		}
	case strings.HasSuffix(w, "ed") && n > 3:
		stem := w[:n-2]
		add(stem)
		add(w[:n-1])
		if len(stem) > 2 && stem[len(stem)-1] == stem[len(stem)-2] {
			add(stem[:len(stem)-1])
		}
	case strings.HasSuffix(w, "es") && n > 4:
		add(w[:n-2])
		add(w[:n-1])
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && n > 3:
		add(w[:n-1])
	}
	return out
}
