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

// speechVerbs are the cue words the rules accept for direct quotes.
var speechVerbs = map[string]bool{}

func init() {
	for _, w := range reportingVerbs {
		speechVerbs[w] = true
	}
}
