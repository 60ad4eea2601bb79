package quotes

import "strings"

func toLower(s string) string { return strings.ToLower(s) }

// reportingVerbs are speech and cognition cue words (lowercase forms).
var reportingVerbs = []string{
	"said", "says", "say", "saying", "told", "tells", "tell", "telling", "added", "adds",
	"wrote", "writes", "reported", "reports", "stated", "states", "claimed", "claims",
	"argued", "argues", "noted", "notes", "explained", "explains", "warned", "warns",
	"insisted", "insists", "denied", "denies", "announced", "announces", "asserted",
	"suggested", "asked", "asks", "replied", "responded", "acknowledged", "admitted",
	"conceded", "declared", "maintained", "predicted", "promised", "vowed", "urged",
	"tweeted", "posted", "confirmed", "recalled", "observed", "emphasized", "stressed",
	"testified", "revealed", "contended", "countered", "complained", "boasted", "joked",
	"quipped", "cautioned", "reiterated", "remarked", "alleged", "charged", "accused",
	"believes", "believed", "thinks", "thought", "hopes", "hoped", "expects", "expected",
	"according", "announcing", "insisting", "warning", "adding", "noting", "arguing",
	"explaining", "claiming", "asserts", "disclosed", "signaled", "indicated", "concluded",
}

// speechLemmas are the lemmas of speech verbs whose object can be what
// is said ("denied the allegations", "called for a ceasefire").
var speechLemmas = map[string]bool{
	"say": true, "tell": true, "call": true, "deny": true, "announce": true, "claim": true,
	"state": true, "declare": true, "warn": true, "urge": true, "demand": true, "propose": true,
	"confirm": true, "admit": true, "acknowledge": true, "reject": true, "promise": true,
	"pledge": true, "vow": true, "threaten": true, "report": true, "predict": true, "dismiss": true,
	"condemn": true, "criticize": true, "praise": true, "accuse": true, "insist": true,
	"suggest": true, "recommend": true, "repeat": true, "reiterate": true, "describe": true,
	"explain": true, "ask": true, "answer": true, "reply": true, "respond": true, "argue": true,
	"tweet": true, "write": true, "post": true, "testify": true, "allege": true, "note": true,
	"blame": true, "attribute": true, "dispute": true, "question": true, "cite": true,
}

// speechVerbs are the cue words the rules accept for direct quotes.
var speechVerbs = map[string]bool{}

func init() {
	for _, w := range reportingVerbs {
		speechVerbs[w] = true
	}
}
