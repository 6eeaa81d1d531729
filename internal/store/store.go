// Package store defines the contract every Tocsin store keeps — what is
// written in one transaction, what can be read back — and the query types
// shared by its implementations (sqlite now, postgres to follow). The
// implementations live in sub-packages and pass one shared test suite,
// storetest. This package does no I/O itself.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/tocsin/tocsin/internal/dedup"
	"github.com/tocsin/tocsin/internal/news"
)

// ErrNotFound is returned when a requested record does not exist.
var ErrNotFound = errors.New("not found")

// Preloader is a store that can load ahead what its first ingest would
// otherwise wait for (SQLite: its near-duplicate index).
type Preloader interface {
	Preload(ctx context.Context) error
}

// Store is the contract of a Tocsin store.
type Store interface {
	// Begin starts the one write transaction in which new articles are
	// checked for duplicates and inserted. Only one is open at a time, in
	// this process and in any other writing to the same store: Begin waits
	// for the others to end, so that duplicates are checked and events
	// assigned against everything committed before.
	Begin(ctx context.Context) (Tx, error)
	// Article returns one article by id or ErrNotFound.
	Article(ctx context.Context, id string) (news.Article, error)
	// Articles lists articles matching q.
	Articles(ctx context.Context, q ArticleQuery) ([]news.Article, error)
	// Facts returns the facts stored for an article, or ErrNotFound when
	// there are none (a duplicate, or an article stored without them).
	Facts(ctx context.Context, id string) (news.Facts, error)
	// Stats summarises what the store holds.
	Stats(ctx context.Context) (Stats, error)

	// Events lists events matching q, the most recently active first.
	Events(ctx context.Context, q EventQuery) ([]news.Event, error)
	// Event returns one event or ErrNotFound.
	Event(ctx context.Context, id string) (news.Event, error)
	// EventArticles returns an event's original articles in the order they
	// joined, with the evidence of each assignment.
	EventArticles(ctx context.Context, id string) ([]EventArticle, error)
	// Storylines lists storylines of more than one event, newest first,
	// each with its events in time order.
	Storylines(ctx context.Context, q EventQuery) ([]news.Storyline, error)
	// Replay calls fn with every original article, in insertion order, whose
	// event was active at or after since (or is undated), with its facts
	// and event: what a clusterer needs to resume where it stopped.
	Replay(ctx context.Context, since time.Time, fn func(Replayed) error) error
	// Dump calls fn with every stored article, duplicates included, in
	// insertion order, with its facts and event: what an export holds.
	Dump(ctx context.Context, fn func(Replayed) error) error

	// Lease takes or renews the lease on key for holder until ttl passes,
	// and reports whether holder has it: false while another holder's lease
	// on key is unexpired. Workers sharing a store use leases so that one
	// piece of work (a feed to poll) is done by one of them at a time, and
	// the leases of a worker that died expire.
	Lease(ctx context.Context, key, holder string, ttl time.Duration) (bool, error)
	// Release gives up holder's lease on key; it does nothing when holder
	// does not hold it.
	Release(ctx context.Context, key, holder string) error

	// Entities lists entities mentioned in events, the most widely
	// reported first.
	Entities(ctx context.Context, q EntityQuery) ([]EntityCount, error)
	// Entity returns one entity with its counts, or ErrNotFound.
	Entity(ctx context.Context, id string) (EntityCount, error)

	Close() error
}

// EventQuery selects events. Zero values select everything.
type EventQuery struct {
	Since   time.Time // active (last seen) at or after
	Until   time.Time // first seen before
	Type    string
	Country string // ISO 3166-1 alpha-2 of the event's place
	Place   string // place name, as geocoded
	// BBox keeps events whose place lies in the box; MinLon > MaxLon
	// means a box across the antimeridian.
	BBox       *BBox
	Entity     string // an entity id some article of the event mentions
	Lang       string // a language some article of the event is written in
	MinSources int    // at least this many independent sources
	Search     string // full-text query some article of the event matches (ArticleQuery.Search syntax)
	// Storyline selects the events of one storyline (its id).
	Storyline string
	Limit     int
	Offset    int
}

// BBox is a longitude/latitude box in degrees.
type BBox struct {
	MinLon, MinLat, MaxLon, MaxLat float64
}

// EntityQuery selects entities for a listing. Zero values select everything.
type EntityQuery struct {
	Type   string // PER, ORG, LOC, MISC
	Limit  int
	Offset int
}

// EntityCount is an entity with how many events and original articles
// mention it.
type EntityCount struct {
	news.Entity
	Events   int `json:"events"`
	Articles int `json:"articles"`
}

// EventArticle is an article of an event with its assignment.
type EventArticle struct {
	Article  news.Article    `json:"article"`
	Score    float64         `json:"score"`
	Created  bool            `json:"created_event"`
	Evidence json.RawMessage `json:"evidence"`
}

// Replayed is a stored article with what clustering needs to resume.
type Replayed struct {
	Seq     int64 // the article's place in insertion order
	Article news.Article
	Facts   *news.Facts // nil when stored without facts
	Event   string      // "" when not assigned
}

// StoredArticle is an original article of an event with its facts as
// stored, the JSON of news.Facts (nil when stored without facts), for
// readers that decode only the part they need.
type StoredArticle struct {
	Event   string
	Article news.Article
	Facts   json.RawMessage
}

// ByEvents orders rows event by event in the order of ids, keeping the
// order of each event's rows: what EventsArticles returns.
func ByEvents(rows []StoredArticle, ids []string) []StoredArticle {
	byEvent := map[string][]StoredArticle{}
	for _, r := range rows {
		byEvent[r.Event] = append(byEvent[r.Event], r)
	}
	out := make([]StoredArticle, 0, len(rows))
	for _, id := range ids {
		out = append(out, byEvent[id]...)
	}
	return out
}

// Assignment records where the clusterer put an article, and the event's
// summary after it.
type Assignment struct {
	Article  string // article id
	Event    string
	Created  bool   // the article started the event
	Title    string // event title
	Type     string
	Place    *news.Place
	Score    float64
	Evidence json.RawMessage
	Time     *time.Time // the article's publication time
}

// Tx is a write transaction. Reads through it see its own uncommitted writes.
type Tx interface {
	// Fingerprint returns the exact fingerprint of the article stored under
	// id, or ErrNotFound.
	Fingerprint(ctx context.Context, id string) (string, error)
	// FindExact returns the id of the first original article with this exact
	// fingerprint, or ErrNotFound.
	FindExact(ctx context.Context, fingerprint string) (string, error)
	// FindNear returns the original articles sharing at least one band key,
	// with their signatures, in insertion order.
	FindNear(ctx context.Context, keys [dedup.Bands]int64) ([]Candidate, error)
	// Assign records an article's event, creating or updating the event.
	Assign(ctx context.Context, a Assignment) error
	// Link joins two events; their storylines become one. It returns the
	// events whose storyline changed: a server keeping reports of events
	// learns which of them the link outdated without reading every row.
	Link(ctx context.Context, l news.EventLink) (moved []string, err error)
	// After calls fn with every original article stored after the one
	// numbered seq (Replayed.Seq), in insertion order, with its facts and
	// event. Several writers share a store: a clusterer calls After at the
	// start of each transaction to learn what the others committed since it
	// last looked, before assigning articles of its own. skip, when not
	// nil, names articles whose facts fn does not need (the clusterer's
	// own): they come with Facts nil, spared decoding.
	After(ctx context.Context, seq int64, skip func(id string) bool, fn func(Replayed) error) error
	// ClearEvents forgets every event, assignment and link (to recluster).
	ClearEvents(ctx context.Context) error
	// Insert stores a new article. Originals are indexed for search and,
	// when they have a signature, for near-duplicate lookups; duplicates
	// are neither.
	Insert(ctx context.Context, d Doc) error
	Commit() error
	Rollback() error
}

// Doc is an article ready to be stored, with what the store indexes.
type Doc struct {
	Article *news.Article
	Sig     *dedup.Signature // nil for texts too short for near-duplicate matching
	// Terms are the article's search terms, text.TermString of its title
	// and body, computed by the caller where it can run in parallel.
	Terms string
	// Facts extracted from the article; nil when extraction was not run.
	// Stored for originals only: a duplicate's facts are its original's.
	Facts *news.Facts
}

// Candidate is a possible original of a near-duplicate.
type Candidate struct {
	ID  string
	Sig *dedup.Signature
}

// ArticleQuery selects articles. Zero values select everything.
type ArticleQuery struct {
	Search     string    // full-text query: words (all must match), "quoted phrases", prefix*
	Since      time.Time // published at or after (articles of unknown date are left out)
	Until      time.Time // published before
	Lang       string
	Source     string
	Duplicates bool // include duplicates of other articles
	Limit      int  // 0 means no limit
	Offset     int
}

// Stats summarises a store.
type Stats struct {
	Articles   int            `json:"articles"`   // all stored, duplicates included
	Originals  int            `json:"originals"`  // articles that are no copy of another
	Duplicates int            `json:"duplicates"` // exact and near copies
	Undated    int            `json:"undated"`    // articles whose publication time is unknown
	Bytes      int64          `json:"bytes"`      // input bytes of stored articles
	Languages  map[string]int `json:"languages"`  // originals by language
	Sources    map[string]int `json:"sources"`    // originals by outlet ("" = unknown)
	Formats    map[string]int `json:"formats"`    // all articles by input format
	First      *time.Time     `json:"first_published"`
	Last       *time.Time     `json:"last_published"`
}

// Migration is a schema migration applied to a store.
type Migration struct {
	Version int       `json:"version"`
	Name    string    `json:"name"`
	Applied time.Time `json:"applied"`
}
