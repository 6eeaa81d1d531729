package news

import "time"

// Event is a group of articles reporting one happening.
type Event struct {
	ID       string     `json:"id"`
	Title    string     `json:"title"`
	Type     string     `json:"type"`            // the most frequent event type of its articles
	Place    *Place     `json:"place,omitempty"` // the most frequent main place of its articles
	First    *time.Time `json:"first_seen"`      // earliest publication time; nil when no article is dated
	Last     *time.Time `json:"last_seen"`
	Articles int        `json:"articles"` // original articles; copies are not counted
	// Independent counts the distinct agencies or outlets of the original
	// articles (an agency's wire copy in several outlets counts once).
	Independent int    `json:"independent_sources"`
	Storyline   string `json:"storyline"`
}

// Link kinds between events.
const (
	LinkFollows   = "follows"   // a later development of the same story
	LinkPrecursor = "precursor" // a warning or foiled plot before an attack there
)

// EventLink joins two events of one storyline.
type EventLink struct {
	From  string  `json:"from"`
	To    string  `json:"to"`
	Kind  string  `json:"kind"`
	Score float64 `json:"score"`
}

// Storyline is a developing story: its events in order and how they link.
type Storyline struct {
	ID     string      `json:"id"`
	Title  string      `json:"title"`
	Events []Event     `json:"events"`
	Links  []EventLink `json:"links,omitempty"`
}
