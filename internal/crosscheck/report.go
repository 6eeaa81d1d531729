// Package crosscheck turns the stored facts of one event's articles into
// what an analyst decides from: a ledger of every reported figure with the
// best current estimate and its rule, revisions told apart from
// contradictions, independent sources counted once, a claims table, a
// timeline and a short extractive summary.
package crosscheck

import (
	"time"

	"github.com/tocsin/tocsin/internal/news"
)

// Report is everything cross-checked about one event. Its JSON field names
// are part of the documented output (docs/json.md) and of the HTTP API.
type Report struct {
	Event     news.Event   `json:"event"`
	Headline  string       `json:"headline"`
	Summary   []Sentence   `json:"summary"`    // 3–5 sentences from several sources
	Main      news.FiveW1H `json:"main_event"` // the event's 5W1H
	Ledger    []Entry      `json:"ledger"`     // every figure reported, by kind then time
	Estimates []Estimate   `json:"estimates"`  // one per figure kind reported
	Findings  []Finding    `json:"findings"`   // revisions and contradictions
	Claims    []ClaimGroup `json:"claims"`     // claims, denials, accusations, warnings by actor and stance
	Timeline  []Happening  `json:"timeline"`   // dated happenings of the event and its storyline
	Quotes    []QuoteRow   `json:"quotes"`
	Entities  []EntityRow  `json:"entities"` // people, organisations and places, most mentioned first
	Sources   Sources      `json:"sources"`
}

// Ref names the article a row comes from.
type Ref struct {
	Article   string     `json:"article"`
	Source    string     `json:"source,omitempty"` // outlet
	URL       string     `json:"url,omitempty"`
	Lang      string     `json:"lang"`
	Published *time.Time `json:"published"`
	// Group is the independent-source group the article belongs to: its
	// own id, or the id of the report it copies (wire copy, translation).
	Group string `json:"group"`
}

// Entry is one reported figure: a row of the ledger.
type Entry struct {
	Ref
	Kind      string `json:"kind"` // news.Killed, news.Injured, …
	Value     int    `json:"value"`
	Low       int    `json:"low"`
	High      int    `json:"high,omitempty"`
	Qualifier string `json:"qualifier"`
	Authority string `json:"authority,omitempty"` // "Russian authorities", "the Kremlin"
	Text      string `json:"text"`                // the figure phrase
	Sentence  string `json:"sentence"`
	// Headline is true for a figure read in the article's headline (when
	// the headline is not its first sentence); Sentence is the headline.
	Headline bool `json:"headline,omitempty"`
}

// Estimate is the current best reading of one kind of figure.
type Estimate struct {
	Kind      string `json:"kind"`
	Value     int    `json:"value"`
	Qualifier string `json:"qualifier"`
	Low       int    `json:"low"`            // lowest value reported
	High      int    `json:"high,omitempty"` // highest value reported
	Rule      string `json:"rule"`           // why this value, in words
	Entries   []int  `json:"entries"`        // ledger rows that give this value
	// Independent is how many independent sources report this value.
	Independent int `json:"independent_sources"`
}

// Finding kinds.
const (
	Revision      = "revision"      // a figure that changes over time
	Contradiction = "contradiction" // sources disagree at the same time, or a claim meets its denial
)

// Finding is a revision or a contradiction, explained.
type Finding struct {
	Kind        string `json:"kind"`
	Figure      string `json:"figure,omitempty"` // figure kind; "" for claims
	Entries     []int  `json:"entries,omitempty"`
	Claims      []int  `json:"claims,omitempty"` // indexes into Report.Claims
	Explanation string `json:"explanation"`
}

// ClaimGroup is what one actor says with one stance.
type ClaimGroup struct {
	Actor       string      `json:"actor"`
	Entity      string      `json:"entity,omitempty"`
	Stance      string      `json:"stance"` // news.Claims, news.Denies, …
	Target      string      `json:"target,omitempty"`
	Statements  []Statement `json:"statements"`
	Independent int         `json:"independent_sources"`
}

// Statement is one report of a claim.
type Statement struct {
	Ref
	Text string `json:"text"`
}

// Happening is one entry of the timeline. An undated happening (its day
// cannot be resolved: no publication date to resolve "on Friday" against)
// has the zero When and no granularity, keeps what its sentence says of the
// day and hour in Weekday and Clock, and follows the dated ones.
type Happening struct {
	When        time.Time `json:"when"`
	Granularity string    `json:"granularity"` // day, hour, minute, …; "" when undated
	What        string    `json:"what"`
	Type        string    `json:"type,omitempty"`  // event type of the happening when known
	Event       string    `json:"event,omitempty"` // the event it belongs to, within a storyline
	Sources     []Ref     `json:"sources"`
	Undated     bool      `json:"undated,omitempty"`
	Weekday     string    `json:"weekday,omitempty"` // English weekday name, undated happenings only
	Clock       string    `json:"clock,omitempty"`   // "15:04", undated happenings only
}

// Sentence is one sentence of the summary.
type Sentence struct {
	Ref
	Text string `json:"text"`
}

// QuoteRow is a quote with its speaker and source.
type QuoteRow struct {
	Ref
	Speaker string `json:"speaker,omitempty"`
	Entity  string `json:"entity,omitempty"`
	Text    string `json:"text"`
	Direct  bool   `json:"direct"`
}

// EntityRow is an entity of the event with how often its articles name it.
type EntityRow struct {
	news.Entity
	Articles int `json:"articles"` // original articles that mention it
}

// Sources says who reported the event.
type Sources struct {
	Articles    int      `json:"articles"`    // original articles
	Independent int      `json:"independent"` // after folding wire copies and translations
	Outlets     []Outlet `json:"outlets"`
	// WithoutOutlet counts the original articles whose outlet is not known
	// (a pasted text, a file without source or URL), listed under no outlet.
	WithoutOutlet int      `json:"without_outlet"`
	Countries     []string `json:"countries"` // ISO 3166-1 alpha-2 of the outlets, where known
	Languages     []string `json:"languages"`
}

// Outlet is one publisher of the event's articles.
type Outlet struct {
	Name     string `json:"name"`
	Country  string `json:"country,omitempty"`
	Articles int    `json:"articles"`
}
