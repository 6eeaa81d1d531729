package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tocsin/tocsin/internal/store"
)

var _ store.Watches = (*Store)(nil)

// isUnique reports a unique constraint violation.
func isUnique(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// sec is a time as the store keeps it: UTC, to the second (as SQLite does).
func sec(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }

func secOrNil(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	s := sec(*t)
	return &s
}

func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return store.ErrNotFound
	}
	return err
}

const feedColumns = `id, url, name, interval_s, added, etag, last_modified, last_polled, last_success, last_error, errors, next_poll, items`

func scanFeed(row pgx.Row) (store.Feed, error) {
	var f store.Feed
	var interval int64
	err := row.Scan(&f.ID, &f.URL, &f.Name, &interval, &f.Added, &f.ETag, &f.LastModified, &f.LastPolled, &f.LastSuccess,
		&f.LastError, &f.Errors, &f.NextPoll, &f.Items)
	if err != nil {
		return f, notFound(err)
	}
	f.Interval = time.Duration(interval) * time.Second
	f.Added, f.NextPoll = f.Added.UTC(), f.NextPoll.UTC()
	f.LastPolled, f.LastSuccess = utc(f.LastPolled), utc(f.LastSuccess)
	return f, nil
}

// AddFeed stores a new feed, due at once.
func (s *Store) AddFeed(ctx context.Context, f store.Feed) (store.Feed, error) {
	if f.Added.IsZero() {
		f.Added = time.Now()
	}
	f.Added = sec(f.Added)
	if f.NextPoll.IsZero() {
		f.NextPoll = f.Added
	}
	var id int64
	err := s.pool.QueryRow(ctx, `INSERT INTO feeds (url, name, interval_s, added, next_poll) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		f.URL, f.Name, int64(f.Interval/time.Second), f.Added, sec(f.NextPoll)).Scan(&id)
	if isUnique(err) {
		return f, fmt.Errorf("feed %s: %w", f.URL, store.ErrExists)
	}
	if err != nil {
		return f, fmt.Errorf("add feed: %w", err)
	}
	return s.Feed(ctx, id)
}

// Feeds lists feeds in the order they were added.
func (s *Store) Feeds(ctx context.Context) ([]store.Feed, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY id`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Feed, error) { return scanFeed(r) })
}

// Feed returns one feed.
func (s *Store) Feed(ctx context.Context, id int64) (store.Feed, error) {
	return scanFeed(s.pool.QueryRow(ctx, `SELECT `+feedColumns+` FROM feeds WHERE id = $1`, id))
}

// RemoveFeed forgets a feed and its seen items.
func (s *Store) RemoveFeed(ctx context.Context, id int64) error {
	return s.remove(ctx, `DELETE FROM feeds WHERE id = $1`, id)
}

func (s *Store) remove(ctx context.Context, query string, id int64) error {
	tag, err := s.pool.Exec(ctx, query, id)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return store.ErrNotFound
	}
	return nil
}

// UpdateFeed records the outcome of a poll.
func (s *Store) UpdateFeed(ctx context.Context, id int64, st store.FeedState) error {
	tag, err := s.pool.Exec(ctx, `UPDATE feeds SET etag = $1, last_modified = $2, last_polled = $3, last_success = $4,
		last_error = $5, errors = $6, next_poll = $7 WHERE id = $8`,
		st.ETag, st.LastModified, secOrNil(st.LastPolled), secOrNil(st.LastSuccess), st.LastError, st.Errors,
		sec(st.NextPoll), id)
	if err != nil {
		return fmt.Errorf("update feed %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return store.ErrNotFound
	}
	return nil
}

// SeenItems returns which keys the feed already delivered.
func (s *Store) SeenItems(ctx context.Context, feed int64, keys []string) (map[string]bool, error) {
	seen := map[string]bool{}
	rows, err := s.pool.Query(ctx, `SELECT key FROM feed_items WHERE feed = $1 AND key = ANY($2)`, feed, keys)
	if err != nil {
		return nil, err
	}
	var k string
	_, err = pgx.ForEachRow(rows, []any{&k}, func() error {
		seen[k] = true
		return nil
	})
	return seen, err
}

// MarkSeen remembers items and counts the new ones.
func (s *Store) MarkSeen(ctx context.Context, feed int64, keys []string) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO feed_items (feed, key, seen) SELECT $1, k, $3 FROM unnest($2::text[]) AS k
			ON CONFLICT DO NOTHING`, feed, keys, sec(time.Now()))
		if err != nil {
			return fmt.Errorf("mark seen: %w", err)
		}
		_, err = tx.Exec(ctx, `UPDATE feeds SET items = items + $1 WHERE id = $2`, tag.RowsAffected(), feed)
		return err
	})
}

const ruleColumns = `id, name, lat, lon, radius_km, country, entity, type, min_severity, min_sources, webhook, secret, created`

func scanRule(row pgx.Row) (store.Rule, error) {
	var r store.Rule
	var lat, lon *float64
	err := row.Scan(&r.ID, &r.Name, &lat, &lon, &r.RadiusKm, &r.Country, &r.Entity, &r.Type, &r.MinSeverity,
		&r.MinSources, &r.Webhook, &r.Secret, &r.Created)
	if err != nil {
		return r, notFound(err)
	}
	if lat != nil && lon != nil {
		r.Near = &store.Point{Lat: *lat, Lon: *lon}
	}
	r.Created = r.Created.UTC()
	return r, nil
}

// AddRule stores a new rule.
func (s *Store) AddRule(ctx context.Context, r store.Rule) (store.Rule, error) {
	if r.Created.IsZero() {
		r.Created = time.Now()
	}
	var lat, lon *float64
	if r.Near != nil {
		lat, lon = &r.Near.Lat, &r.Near.Lon
	}
	var id int64
	err := s.pool.QueryRow(ctx, `INSERT INTO rules (name, lat, lon, radius_km, country, entity, type, min_severity,
		min_sources, webhook, secret, created) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		r.Name, lat, lon, r.RadiusKm, r.Country, r.Entity, r.Type, r.MinSeverity, r.MinSources, r.Webhook, r.Secret,
		sec(r.Created)).Scan(&id)
	if isUnique(err) {
		return r, fmt.Errorf("rule %q: %w", r.Name, store.ErrExists)
	}
	if err != nil {
		return r, fmt.Errorf("add rule: %w", err)
	}
	return s.Rule(ctx, id)
}

// Rules lists rules in the order they were added.
func (s *Store) Rules(ctx context.Context) ([]store.Rule, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+ruleColumns+` FROM rules ORDER BY id`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Rule, error) { return scanRule(r) })
}

// Rule returns one rule.
func (s *Store) Rule(ctx context.Context, id int64) (store.Rule, error) {
	return scanRule(s.pool.QueryRow(ctx, `SELECT `+ruleColumns+` FROM rules WHERE id = $1`, id))
}

// RemoveRule forgets a rule, its alerts and their deliveries.
func (s *Store) RemoveRule(ctx context.Context, id int64) error {
	return s.remove(ctx, `DELETE FROM rules WHERE id = $1`, id)
}

const alertColumns = `id, rule, event, revision, reason, title, type, place, country, severity, sources, figures, raised`

func scanAlert(row pgx.Row) (store.Alert, error) {
	var a store.Alert
	var figures []byte
	err := row.Scan(&a.ID, &a.Rule, &a.Event, &a.Revision, &a.Reason, &a.Title, &a.Type, &a.Place, &a.Country,
		&a.Severity, &a.Sources, &figures, &a.Raised)
	if err != nil {
		return a, notFound(err)
	}
	if err := json.Unmarshal(figures, &a.Figures); err != nil {
		return a, fmt.Errorf("alert %d: figures: %w", a.ID, err)
	}
	a.Raised = a.Raised.UTC()
	return a, nil
}

// InsertAlert stores a unless its (rule, event, revision) is taken.
func (s *Store) InsertAlert(ctx context.Context, a *store.Alert) (bool, error) {
	if a.Raised.IsZero() {
		a.Raised = time.Now()
	}
	a.Raised = sec(a.Raised)
	figures := a.Figures
	if figures == nil {
		figures = map[string]int{}
	}
	fj, err := json.Marshal(figures)
	if err != nil {
		return false, err
	}
	var id int64
	err = s.pool.QueryRow(ctx, `INSERT INTO alerts (rule, event, revision, reason, title, type, place, country,
		severity, sources, figures, raised) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		ON CONFLICT DO NOTHING RETURNING id`,
		a.Rule, a.Event, a.Revision, a.Reason, a.Title, a.Type, a.Place, a.Country, a.Severity, a.Sources, string(fj),
		a.Raised).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil // another worker raised it first
	}
	if err != nil {
		return false, fmt.Errorf("insert alert: %w", err)
	}
	a.ID = id
	return true, nil
}

// LatestAlert returns the last alert of (rule, event).
func (s *Store) LatestAlert(ctx context.Context, rule int64, event string) (store.Alert, error) {
	return scanAlert(s.pool.QueryRow(ctx, `SELECT `+alertColumns+` FROM alerts WHERE rule = $1 AND event = $2
		ORDER BY revision DESC LIMIT 1`, rule, event))
}

// Alerts lists alerts in the order they were raised.
func (s *Store) Alerts(ctx context.Context, q store.AlertQuery) ([]store.Alert, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if q.Rule != 0 {
		add(`rule = $%d`, q.Rule)
	}
	if !q.Since.IsZero() {
		add(`raised >= $%d`, q.Since.UTC())
	}
	if q.After != 0 {
		add(`id > $%d`, q.After)
	}
	query := `SELECT ` + alertColumns + ` FROM alerts` + whereClause(where)
	if q.Limit > 0 {
		// The latest q.Limit, still returned oldest first.
		query = `SELECT * FROM (` + query + fmt.Sprintf(` ORDER BY id DESC LIMIT %d) AS latest`, q.Limit)
	}
	rows, err := s.pool.Query(ctx, query+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Alert, error) { return scanAlert(r) })
}

// LogDelivery records one delivery attempt.
func (s *Store) LogDelivery(ctx context.Context, d store.Delivery) error {
	if d.Time.IsZero() {
		d.Time = time.Now()
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO deliveries (alert, attempt, target, status, error, ok, time)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, d.Alert, d.Attempt, d.Target, d.Status, d.Error, d.OK, sec(d.Time))
	if err != nil {
		return fmt.Errorf("log delivery: %w", err)
	}
	return nil
}

// Deliveries lists the attempts to deliver an alert.
func (s *Store) Deliveries(ctx context.Context, alert int64) ([]store.Delivery, error) {
	rows, err := s.pool.Query(ctx, `SELECT alert, attempt, target, status, error, ok, time FROM deliveries
		WHERE alert = $1 ORDER BY attempt`, alert)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Delivery, error) {
		var d store.Delivery
		err := r.Scan(&d.Alert, &d.Attempt, &d.Target, &d.Status, &d.Error, &d.OK, &d.Time)
		d.Time = d.Time.UTC()
		return d, err
	})
}
