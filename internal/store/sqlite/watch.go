package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tocsin/tocsin/internal/store"
)

var _ store.Watches = (*Store)(nil)

// isUnique reports a UNIQUE constraint violation.
func isUnique(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

func timeOrNull(t *time.Time) any {
	if t == nil {
		return nil
	}
	return formatTime(*t)
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeLayout, s)
	return t
}

const feedColumns = `id, url, name, interval_s, added, etag, last_modified, last_polled, last_success, last_error, errors, next_poll, items`

func scanFeed(row interface{ Scan(...any) error }) (store.Feed, error) {
	var f store.Feed
	var interval int64
	var added, next string
	var polled, success sql.NullString
	err := row.Scan(&f.ID, &f.URL, &f.Name, &interval, &added, &f.ETag, &f.LastModified, &polled, &success,
		&f.LastError, &f.Errors, &next, &f.Items)
	if errors.Is(err, sql.ErrNoRows) {
		return f, store.ErrNotFound
	}
	f.Interval = time.Duration(interval) * time.Second
	f.Added, f.NextPoll = parseTime(added), parseTime(next)
	f.LastPolled, f.LastSuccess = nullTime(polled), nullTime(success)
	return f, err
}

// AddFeed stores a new feed, due at once.
func (s *Store) AddFeed(ctx context.Context, f store.Feed) (store.Feed, error) {
	if f.Added.IsZero() {
		f.Added = time.Now()
	}
	f.Added = f.Added.UTC().Truncate(time.Second)
	if f.NextPoll.IsZero() {
		f.NextPoll = f.Added
	}
	res, err := s.w.ExecContext(ctx, `INSERT INTO feeds (url, name, interval_s, added, next_poll) VALUES (?, ?, ?, ?, ?)`,
		f.URL, f.Name, int64(f.Interval/time.Second), formatTime(f.Added), formatTime(f.NextPoll))
	if isUnique(err) {
		return f, fmt.Errorf("feed %s: %w", f.URL, store.ErrExists)
	}
	if err != nil {
		return f, fmt.Errorf("add feed: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return f, err
	}
	return s.Feed(ctx, id)
}

// Feeds lists feeds in the order they were added.
func (s *Store) Feeds(ctx context.Context) ([]store.Feed, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var feeds []store.Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		feeds = append(feeds, f)
	}
	return feeds, rows.Err()
}

// Feed returns one feed.
func (s *Store) Feed(ctx context.Context, id int64) (store.Feed, error) {
	return scanFeed(s.r.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feeds WHERE id = ?`, id))
}

// RemoveFeed forgets a feed and its seen items.
func (s *Store) RemoveFeed(ctx context.Context, id int64) error {
	return s.remove(ctx, `DELETE FROM feeds WHERE id = ?`, id)
}

func (s *Store) remove(ctx context.Context, query string, id int64) error {
	res, err := s.w.ExecContext(ctx, query, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return store.ErrNotFound
	}
	return nil
}

// UpdateFeed records the outcome of a poll.
func (s *Store) UpdateFeed(ctx context.Context, id int64, st store.FeedState) error {
	res, err := s.w.ExecContext(ctx, `UPDATE feeds SET etag = ?, last_modified = ?, last_polled = ?, last_success = ?,
		last_error = ?, errors = ?, next_poll = ? WHERE id = ?`,
		st.ETag, st.LastModified, timeOrNull(st.LastPolled), timeOrNull(st.LastSuccess), st.LastError, st.Errors,
		formatTime(st.NextPoll), id)
	if err != nil {
		return fmt.Errorf("update feed %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrNotFound
	}
	return nil
}

// SeenItems returns which keys the feed already delivered.
func (s *Store) SeenItems(ctx context.Context, feed int64, keys []string) (map[string]bool, error) {
	seen := map[string]bool{}
	const chunk = 400 // well under SQLite's limit of bound parameters
	for start := 0; start < len(keys); start += chunk {
		part := keys[start:min(start+chunk, len(keys))]
		args := []any{feed}
		for _, k := range part {
			args = append(args, k)
		}
		rows, err := s.r.QueryContext(ctx, `SELECT key FROM feed_items WHERE feed = ? AND key IN (?`+
			strings.Repeat(`, ?`, len(part)-1)+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, err
			}
			seen[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return seen, nil
}

// MarkSeen remembers items and counts the new ones.
func (s *Store) MarkSeen(ctx context.Context, feed int64, keys []string) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := formatTime(time.Now())
	added := 0
	for _, k := range keys {
		res, err := tx.ExecContext(ctx, `INSERT INTO feed_items (feed, key, seen) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, feed, k, now)
		if err != nil {
			return fmt.Errorf("mark seen: %w", err)
		}
		n, _ := res.RowsAffected()
		added += int(n)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE feeds SET items = items + ? WHERE id = ?`, added, feed); err != nil {
		return err
	}
	return tx.Commit()
}

const ruleColumns = `id, name, lat, lon, radius_km, country, entity, type, min_severity, min_sources, webhook, secret, created`

func scanRule(row interface{ Scan(...any) error }) (store.Rule, error) {
	var r store.Rule
	var lat, lon sql.NullFloat64
	var created string
	err := row.Scan(&r.ID, &r.Name, &lat, &lon, &r.RadiusKm, &r.Country, &r.Entity, &r.Type, &r.MinSeverity,
		&r.MinSources, &r.Webhook, &r.Secret, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return r, store.ErrNotFound
	}
	if lat.Valid && lon.Valid {
		r.Near = &store.Point{Lat: lat.Float64, Lon: lon.Float64}
	}
	r.Created = parseTime(created)
	return r, err
}

// AddRule stores a new rule.
func (s *Store) AddRule(ctx context.Context, r store.Rule) (store.Rule, error) {
	if r.Created.IsZero() {
		r.Created = time.Now()
	}
	var lat, lon any
	if r.Near != nil {
		lat, lon = r.Near.Lat, r.Near.Lon
	}
	res, err := s.w.ExecContext(ctx, `INSERT INTO rules (name, lat, lon, radius_km, country, entity, type, min_severity,
		min_sources, webhook, secret, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Name, lat, lon, r.RadiusKm, r.Country, r.Entity, r.Type, r.MinSeverity, r.MinSources, r.Webhook, r.Secret,
		formatTime(r.Created))
	if isUnique(err) {
		return r, fmt.Errorf("rule %q: %w", r.Name, store.ErrExists)
	}
	if err != nil {
		return r, fmt.Errorf("add rule: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return r, err
	}
	return s.Rule(ctx, id)
}

// Rules lists rules in the order they were added.
func (s *Store) Rules(ctx context.Context) ([]store.Rule, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+ruleColumns+` FROM rules ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var rules []store.Rule
	for rows.Next() {
		r, err := scanRule(rows)
		if err != nil {
			return nil, err
		}
		rules = append(rules, r)
	}
	return rules, rows.Err()
}

// Rule returns one rule.
func (s *Store) Rule(ctx context.Context, id int64) (store.Rule, error) {
	return scanRule(s.r.QueryRowContext(ctx, `SELECT `+ruleColumns+` FROM rules WHERE id = ?`, id))
}

// RemoveRule forgets a rule, its alerts and their deliveries.
func (s *Store) RemoveRule(ctx context.Context, id int64) error {
	return s.remove(ctx, `DELETE FROM rules WHERE id = ?`, id)
}

const alertColumns = `id, rule, event, revision, reason, title, type, place, country, severity, sources, figures, raised`

func scanAlert(row interface{ Scan(...any) error }) (store.Alert, error) {
	var a store.Alert
	var figures, raised string
	err := row.Scan(&a.ID, &a.Rule, &a.Event, &a.Revision, &a.Reason, &a.Title, &a.Type, &a.Place, &a.Country,
		&a.Severity, &a.Sources, &figures, &raised)
	if errors.Is(err, sql.ErrNoRows) {
		return a, store.ErrNotFound
	}
	if err != nil {
		return a, err
	}
	if err := json.Unmarshal([]byte(figures), &a.Figures); err != nil {
		return a, fmt.Errorf("alert %d: figures: %w", a.ID, err)
	}
	a.Raised = parseTime(raised)
	return a, nil
}

// InsertAlert stores a unless its (rule, event, revision) is taken.
func (s *Store) InsertAlert(ctx context.Context, a *store.Alert) (bool, error) {
	if a.Raised.IsZero() {
		a.Raised = time.Now()
	}
	a.Raised = a.Raised.UTC().Truncate(time.Second)
	figures := a.Figures
	if figures == nil {
		figures = map[string]int{}
	}
	fj, err := json.Marshal(figures)
	if err != nil {
		return false, err
	}
	res, err := s.w.ExecContext(ctx, `INSERT INTO alerts (rule, event, revision, reason, title, type, place, country,
		severity, sources, figures, raised) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		a.Rule, a.Event, a.Revision, a.Reason, a.Title, a.Type, a.Place, a.Country, a.Severity, a.Sources, string(fj),
		formatTime(a.Raised))
	if err != nil {
		return false, fmt.Errorf("insert alert: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	a.ID, err = res.LastInsertId()
	return err == nil, err
}

// LatestAlert returns the last alert of (rule, event).
func (s *Store) LatestAlert(ctx context.Context, rule int64, event string) (store.Alert, error) {
	return scanAlert(s.r.QueryRowContext(ctx, `SELECT `+alertColumns+` FROM alerts WHERE rule = ? AND event = ?
		ORDER BY revision DESC LIMIT 1`, rule, event))
}

// Alerts lists alerts in the order they were raised.
func (s *Store) Alerts(ctx context.Context, q store.AlertQuery) ([]store.Alert, error) {
	var where []string
	var args []any
	if q.Rule != 0 {
		where, args = append(where, `rule = ?`), append(args, q.Rule)
	}
	if !q.Since.IsZero() {
		where, args = append(where, `raised >= ?`), append(args, formatTime(q.Since))
	}
	if q.After != 0 {
		where, args = append(where, `id > ?`), append(args, q.After)
	}
	query := `SELECT ` + alertColumns + ` FROM alerts`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	if q.Limit > 0 {
		// The latest q.Limit, still returned oldest first.
		query = `SELECT * FROM (` + query + fmt.Sprintf(` ORDER BY id DESC LIMIT %d) AS latest`, q.Limit)
	}
	rows, err := s.r.QueryContext(ctx, query+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var alerts []store.Alert
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, err
		}
		alerts = append(alerts, a)
	}
	return alerts, rows.Err()
}

// LogDelivery records one delivery attempt.
func (s *Store) LogDelivery(ctx context.Context, d store.Delivery) error {
	if d.Time.IsZero() {
		d.Time = time.Now()
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO deliveries (alert, attempt, target, status, error, ok, time)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, d.Alert, d.Attempt, d.Target, d.Status, d.Error, d.OK, formatTime(d.Time))
	if err != nil {
		return fmt.Errorf("log delivery: %w", err)
	}
	return nil
}

// Deliveries lists the attempts to deliver an alert.
func (s *Store) Deliveries(ctx context.Context, alert int64) ([]store.Delivery, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT alert, attempt, target, status, error, ok, time FROM deliveries
		WHERE alert = ? ORDER BY attempt`, alert)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []store.Delivery
	for rows.Next() {
		var d store.Delivery
		var t string
		if err := rows.Scan(&d.Alert, &d.Attempt, &d.Target, &d.Status, &d.Error, &d.OK, &t); err != nil {
			return nil, err
		}
		d.Time = parseTime(t)
		list = append(list, d)
	}
	return list, rows.Err()
}
