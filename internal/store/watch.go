package store

import (
	"context"
	"errors"
	"time"
)

// ErrExists is returned when adding a record that is already stored (a feed
// with the same URL, a rule with the same name).
var ErrExists = errors.New("already exists")

// Watches is the contract of what the feed poller and the alert dispatcher
// keep: feeds with their polling health, the items already seen, watch
// rules, the alerts raised and every delivery attempt. It is separate from
// Store so that the server can be wired to either half; both SQLite and
// PostgreSQL stores implement it and pass storetest.RunWatches.
type Watches interface {
	// AddFeed stores a new feed and returns it with its id; ErrExists when
	// its URL is already watched.
	AddFeed(ctx context.Context, f Feed) (Feed, error)
	// Feeds lists feeds in the order they were added.
	Feeds(ctx context.Context) ([]Feed, error)
	// Feed returns one feed or ErrNotFound.
	Feed(ctx context.Context, id int64) (Feed, error)
	// RemoveFeed forgets a feed and its seen items; ErrNotFound when absent.
	RemoveFeed(ctx context.Context, id int64) error
	// UpdateFeed records the outcome of a poll.
	UpdateFeed(ctx context.Context, id int64, s FeedState) error
	// SeenItems returns which of keys (item GUIDs or links) the feed
	// has already delivered.
	SeenItems(ctx context.Context, feed int64, keys []string) (map[string]bool, error)
	// MarkSeen remembers items of a feed and adds the new ones to its
	// item count.
	MarkSeen(ctx context.Context, feed int64, keys []string) error

	// AddRule stores a new rule and returns it with its id; ErrExists when
	// its name is taken.
	AddRule(ctx context.Context, r Rule) (Rule, error)
	// Rules lists rules in the order they were added.
	Rules(ctx context.Context) ([]Rule, error)
	// Rule returns one rule by id or ErrNotFound.
	Rule(ctx context.Context, id int64) (Rule, error)
	// RemoveRule forgets a rule with its alerts and their deliveries.
	RemoveRule(ctx context.Context, id int64) error

	// InsertAlert stores a, unless an alert with the same rule, event and
	// revision is already stored (another worker raised it first): it
	// reports whether a was inserted, and sets a.ID when it was.
	InsertAlert(ctx context.Context, a *Alert) (bool, error)
	// LatestAlert returns the last alert raised for an event by a rule, or
	// ErrNotFound.
	LatestAlert(ctx context.Context, rule int64, event string) (Alert, error)
	// Alerts lists alerts matching q, in the order they were raised.
	Alerts(ctx context.Context, q AlertQuery) ([]Alert, error)
	// LogDelivery records one delivery attempt.
	LogDelivery(ctx context.Context, d Delivery) error
	// Deliveries lists the attempts to deliver an alert, in order.
	Deliveries(ctx context.Context, alert int64) ([]Delivery, error)
}

// Feed is an RSS, Atom or JSON Feed source with its polling health.
type Feed struct {
	ID       int64         `json:"id"`
	URL      string        `json:"url"`
	Name     string        `json:"name,omitempty"`
	Interval time.Duration `json:"interval_ns"`
	Added    time.Time     `json:"added"`
	FeedState
}

// FeedState is what the poller learnt about a feed at its last poll.
type FeedState struct {
	ETag         string     `json:"etag,omitempty"`
	LastModified string     `json:"last_modified,omitempty"` // as the server sent it
	LastPolled   *time.Time `json:"last_polled"`
	LastSuccess  *time.Time `json:"last_success"`
	LastError    string     `json:"last_error,omitempty"`
	Errors       int        `json:"consecutive_errors"`
	NextPoll     time.Time  `json:"next_poll"`
	Items        int        `json:"items_seen"` // set by MarkSeen; UpdateFeed leaves it alone
}

// Rule selects events worth an alert. Zero values match everything; every
// non-zero criterion must hold.
type Rule struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Near        *Point    `json:"near,omitempty"` // with RadiusKm: within that distance of the event's place
	RadiusKm    float64   `json:"radius_km,omitempty"`
	Country     string    `json:"country,omitempty"`      // ISO 3166-1 alpha-2 of the event's place
	Entity      string    `json:"entity,omitempty"`       // canonical id (org:isis-k) or name, case-insensitive
	Type        string    `json:"type,omitempty"`         // event type
	MinSeverity int       `json:"min_severity,omitempty"` // 0–100, see docs/alerts.md
	MinSources  int       `json:"min_sources,omitempty"`  // independent sources
	Webhook     string    `json:"webhook,omitempty"`
	Secret      string    `json:"-"` // never printed or served
	Created     time.Time `json:"created"`
}

// Point is a latitude and longitude in degrees.
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Alert reasons.
const (
	AlertNew     = "new"     // the event matched the rule for the first time
	AlertFigures = "figures" // its figures changed materially since the last alert
)

// Alert is one notification that an event matches a rule, with the event's
// figures as they were when it was raised.
type Alert struct {
	ID       int64          `json:"id"`
	Rule     int64          `json:"rule"`
	Event    string         `json:"event"`
	Revision int            `json:"revision"` // 0 for the first alert of (rule, event), then 1, 2, …
	Reason   string         `json:"reason"`   // AlertNew or AlertFigures
	Title    string         `json:"title"`
	Type     string         `json:"type,omitempty"`
	Place    string         `json:"place,omitempty"`
	Country  string         `json:"country,omitempty"`
	Severity int            `json:"severity"`
	Sources  int            `json:"independent_sources"`
	Figures  map[string]int `json:"figures"` // best estimate by figure kind
	Raised   time.Time      `json:"raised"`
}

// AlertQuery selects alerts. Zero values select everything.
type AlertQuery struct {
	Rule  int64
	Since time.Time // raised at or after
	After int64     // alert id greater than this: what a follower has not seen
	Limit int       // 0 means no limit; with a limit, the latest alerts are returned
}

// Delivery is one attempt to deliver an alert.
type Delivery struct {
	Alert   int64     `json:"alert"`
	Attempt int       `json:"attempt"` // 1-based
	Target  string    `json:"target"`  // webhook URL
	Status  int       `json:"status"`  // HTTP status; 0 when no response came
	Error   string    `json:"error,omitempty"`
	OK      bool      `json:"ok"`
	Time    time.Time `json:"time"`
}
