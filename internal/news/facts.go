package news

import "time"

// Span is a range of an article's body in Unicode code points, End
// exclusive: []rune(body)[Start:End]. Code points (not bytes) so that a
// browser or another language can highlight the same range.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Facts are what Tocsin extracts from one article. Every fact keeps the
// span it was read from.
type Facts struct {
	Lang      string        `json:"lang"`
	Sentences []Span        `json:"sentences,omitempty"`
	Mentions  []Mention     `json:"mentions,omitempty"`
	Entities  []Entity      `json:"entities,omitempty"`
	Dates     []DateMention `json:"dates,omitempty"`
	Figures   []Figure      `json:"figures,omitempty"`
	Quotes    []Quote       `json:"quotes,omitempty"`
	Claims    []Claim       `json:"claims,omitempty"`
	Type      EventType     `json:"event_type"`
	Main      FiveW1H       `json:"main_event"`
}

// Entity types.
const (
	PER  = "PER"
	ORG  = "ORG"
	LOC  = "LOC"
	MISC = "MISC"
)

// Mention is one occurrence of a named entity.
type Mention struct {
	Span
	Text   string `json:"text"`
	Type   string `json:"type"`             // PER, ORG, LOC, MISC
	Entity string `json:"entity,omitempty"` // Entity.ID it resolves to
}

// Entity is a canonical person, organisation or place that mentions merge
// into ("Putin", "President Vladimir Putin" → one entity).
type Entity struct {
	ID      string   `json:"id"` // stable across articles: "per:vladimir-putin", "org:isis-k", "geo:524901"
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Aliases []string `json:"aliases,omitempty"` // surface forms seen in this article
	Place   *Place   `json:"place,omitempty"`   // for geocoded places
	Count   int      `json:"count"`             // mentions in this article
}

// Place is a geocoded location.
type Place struct {
	ID         int64   `json:"id"` // GeoNames id; countries are minus their ISO numeric code
	Name       string  `json:"name"`
	Country    string  `json:"country"` // ISO 3166-1 alpha-2
	Admin1     string  `json:"admin1,omitempty"`
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	Population int64   `json:"population,omitempty"`
	Kind       string  `json:"kind,omitempty"` // city, capital, country, …
}

// DateMention is a date or time expression resolved against the
// publication date. Value is nil when the expression cannot be resolved
// (unknown stays unknown).
type DateMention struct {
	Span
	Text        string     `json:"text"`
	Value       *time.Time `json:"value"`
	Granularity string     `json:"granularity"` // year, month, week, day, hour, minute; "" when unresolved
	Relative    bool       `json:"relative"`    // resolved from the publication date ("on Friday", "yesterday")
	// Weekday and Clock keep the parts of the expression that a reference
	// date completes, so that an expression left unresolved for want of a
	// publication date ("8:30 p.m. on Friday evening") can be resolved
	// later against another reference time (facts.ResolveDate).
	Weekday string `json:"weekday,omitempty"` // English weekday name ("Friday")
	Clock   string `json:"clock,omitempty"`   // time of day, 24-hour "15:04" ("20:30"; "21:00" for "9 pm")
}

// Figure kinds.
const (
	Killed    = "killed"
	Injured   = "injured"
	Detained  = "detained" // arrested, detained, held
	Missing   = "missing"
	Evacuated = "evacuated"
)

// Figure is a reported count of people: "at least 143 killed".
type Figure struct {
	Kind      string `json:"kind"`
	Value     int    `json:"value"`          // best single reading: the stated number, or the low bound of "dozens"
	Low       int    `json:"low"`            // lower bound
	High      int    `json:"high,omitempty"` // upper bound; 0 when open ("at least 143")
	Qualifier string `json:"qualifier"`      // exact, at_least, more_than, about, up_to, at_most, vague, range
	Authority string `json:"authority,omitempty"`
	Text      string `json:"text"`     // the figure phrase
	Span      Span   `json:"span"`     // of the phrase
	Sentence  Span   `json:"sentence"` // the sentence it was read in
}

// Quote is a direct quotation or reported speech.
type Quote struct {
	Text    string `json:"text"` // what was said
	Span    Span   `json:"span"`
	Speaker string `json:"speaker,omitempty"` // as named in the text, resolved through "he said" where possible
	Entity  string `json:"entity,omitempty"`  // Entity.ID of the speaker when resolved
	Cue     string `json:"cue,omitempty"`     // "said", "sagte", "told Reuters"
	Direct  bool   `json:"direct"`
}

// Claim stances.
const (
	Claims  = "claims" // claims responsibility
	Denies  = "denies"
	Blames  = "blames" // blames or accuses
	Warns   = "warns"
	Asserts = "asserts" // other official statements of fact
)

// Claim is who claims, denies, blames or warns of what.
type Claim struct {
	Actor  string `json:"actor"`
	Entity string `json:"entity,omitempty"`
	Stance string `json:"stance"`
	Target string `json:"target,omitempty"` // whom it blames or what it claims or denies
	Text   string `json:"text"`             // the clause
	Span   Span   `json:"span"`
}

// Event types (the taxonomy is documented in docs/facts-eventtype.md).
const (
	TypeArmedAttack = "armed_attack"
	TypeBombing     = "bombing"
	TypeWarning     = "threat_warning"
	TypeFoiledPlot  = "foiled_plot" // raids and arrests too
	TypeClaim       = "claim_of_responsibility"
	TypeStatement   = "official_statement" // accusations too
	TypeProtest     = "protest"
	TypeDisaster    = "disaster" // accidents too
	TypeOther       = "other"
)

// EventType is the kind of an article's main event.
type EventType struct {
	Type       string  `json:"type"`
	Confidence float64 `json:"confidence"`
}

// FiveW1H describes an article's main event.
type FiveW1H struct {
	Who   string     `json:"who,omitempty"`
	What  string     `json:"what,omitempty"`
	When  *time.Time `json:"when,omitempty"`
	Where *Place     `json:"where,omitempty"`
	Why   string     `json:"why,omitempty"`
	How   string     `json:"how,omitempty"`
}
