package document

// The layer types below are filled by the later stages. Each stage owns its
// type; fields are added as the stage grows, never renamed (the JSON is the
// public contract).

// Entity is one real-world entity of the document with all its mentions.
type Entity struct {
	ID       string    `json:"id"`
	Type     string    `json:"type"` // PERSON, ORG, GPE, LOC, NORP, EVENT, LAW, MISC
	Name     string    `json:"name"` // canonical name
	Mentions []Mention `json:"mentions"`
	Role     string    `json:"role,omitempty"` // title or role: "Foreign Minister"
	Aliases  []string  `json:"aliases,omitempty"`
	Actor    *Actor    `json:"actor,omitempty"`
}

// Mention is one occurrence of an entity, place or speaker in the text.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Actor is the CAMEO-style actor code of an entity.
type Actor struct {
	Code    string   `json:"code"`
	Country string   `json:"country,omitempty"` // ISO 3166-1 alpha-3 or IGO code
	Sectors []string `json:"sectors,omitempty"`
	Source  string   `json:"source,omitempty"` // "title", "dictionary", "context", ...
}

// Place is a toponym resolved to a gazetteer entry.
type Place struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Lat         float64   `json:"lat"`
	Lon         float64   `json:"lon"`
	Country     string    `json:"country,omitempty"` // ISO 3166-1 alpha-2
	Admin1      string    `json:"admin1,omitempty"`
	GeonameID   int       `json:"geonameid,omitempty"`
	FeatureCode string    `json:"feature_code,omitempty"`
	Kind        string    `json:"kind"` // "literal" or "associative"
	Mentions    []Mention `json:"mentions"`
	// Admin1Name is the name of the first-level division ("Idlib").
	Admin1Name string `json:"admin1_name,omitempty"`
	// Score is the resolver's confidence in the chosen entry (0..1).
	Score float64 `json:"score,omitempty"`
}

// PlaceFocus is the article's focus: the country and city it is about,
// as place ids of Document.Places (the geoparse stage fills it).
type PlaceFocus struct {
	Country string `json:"country,omitempty"` // ISO 3166-1 alpha-2
	// CountryPlace and CityPlace are place ids ("p1").
	CountryPlace string `json:"country_place,omitempty"`
	City         string `json:"city,omitempty"` // city name
	CityPlace    string `json:"city_place,omitempty"`
}

// Time is a normalized time expression (TimeML TIMEX3 style).
type Time struct {
	ID    string `json:"id"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"` // DATE, TIME, DURATION, SET
	Value string `json:"value"`
	// Mod is the TIMEX3 mod: START, END, MID, APPROX, MORE_THAN, LESS_THAN ...
	Mod string `json:"mod,omitempty"`
	// Anchor says what a relative value was computed from: "dct" (the
	// publication date) or "ref" (the date last mentioned in the text).
	Anchor string `json:"anchor,omitempty"`
	// Unresolved is true when a relative expression had no publication date
	// to resolve against; Value is then underspecified (XXXX-WXX-1, PAST_REF).
	Unresolved bool `json:"unresolved,omitempty"`
}

// Quote is a reported statement with its speaker and reporting chain.
type Quote struct {
	ID    string `json:"id"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Parts are the fragments of a statement interrupted by its
	// attribution ("“A,” Zarif said, according to Fars. “B.”"): the
	// words between them are not the speaker's. Nil for one span.
	Parts          []Mention `json:"parts,omitempty"`
	Kind           string    `json:"kind"` // direct, partial, indirect, term
	Speaker        *string   `json:"speaker"`
	SpeakerMention *Mention  `json:"speaker_mention,omitempty"`
	Cue            *Mention  `json:"cue,omitempty"`
	Via            []string  `json:"via,omitempty"`
	Time           string    `json:"time,omitempty"`
}

// Event is one CAMEO-coded event with its evidence.
type Event struct {
	ID          string  `json:"id"`
	Code        string  `json:"code"`
	Label       string  `json:"label,omitempty"`
	Plover      *Plover `json:"plover,omitempty"`
	Source      string  `json:"source,omitempty"` // entity id
	Target      string  `json:"target,omitempty"` // entity id
	SourceActor string  `json:"source_actor,omitempty"`
	TargetActor string  `json:"target_actor,omitempty"`
	Place       string  `json:"place,omitempty"` // place id
	Time        *string `json:"time"`
	TimeSource  string  `json:"time_source,omitempty"`
	Modality    string  `json:"modality,omitempty"`
	Quote       string  `json:"quote,omitempty"`
	Sentence    Span    `json:"sentence"`
	Trigger     Mention `json:"trigger"`
	Confidence  float64 `json:"confidence"`
}

// Plover is the PLOVER type and mode of an event.
type Plover struct {
	Type string `json:"type"`
	Mode string `json:"mode,omitempty"`
}
