package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

func (t *tx) insertFacts(ctx context.Context, seq int64, f *news.Facts) error {
	raw, err := json.Marshal(f)
	if err != nil {
		return err
	}
	var when any
	if f.Main.When != nil {
		when = formatTime(*f.Main.When)
	}
	if _, err := t.exec(ctx, `INSERT INTO article_facts (seq, event_type, event_time, facts) VALUES (?,?,?,?)`,
		seq, f.Type.Type, when, string(raw)); err != nil {
		return err
	}
	for _, e := range f.Entities {
		var country string
		var lat, lon any
		if e.Place != nil {
			country, lat, lon = e.Place.Country, e.Place.Lat, e.Place.Lon
		}
		if _, err := t.exec(ctx, `INSERT INTO entities (id, name, type, country, lat, lon) VALUES (?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING`,
			e.ID, e.Name, e.Type, country, lat, lon); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `INSERT INTO article_entities (entity, seq, count) VALUES (?,?,?) ON CONFLICT (entity, seq) DO UPDATE SET count = count + excluded.count`,
			e.ID, seq, max(e.Count, 1)); err != nil {
			return err
		}
	}
	return nil
}

// Facts returns the facts stored for an article.
func (s *Store) Facts(ctx context.Context, id string) (news.Facts, error) {
	var f news.Facts
	var raw string
	err := s.r.QueryRowContext(ctx, `SELECT f.facts FROM article_facts f JOIN articles a ON a.seq = f.seq WHERE a.id = ?`, id).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return f, fmt.Errorf("facts of %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return f, fmt.Errorf("facts of %s: %w", id, err)
	}
	if err := json.Unmarshal([]byte(raw), &f); err != nil {
		return f, fmt.Errorf("facts of %s: %w", id, err)
	}
	return f, nil
}

// EventFacts returns the facts of an event's articles by article id, in
// one query: a report reads every article of an event and its storyline
// neighbours, and a query per article queued for a reader connection each
// time under load.
func (s *Store) EventFacts(ctx context.Context, eventID string) (map[string]news.Facts, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT a.id, f.facts FROM event_articles ea
		JOIN articles a ON a.seq = ea.article_seq JOIN article_facts f ON f.seq = ea.article_seq
		WHERE ea.event = ?`, eventID)
	if err != nil {
		return nil, fmt.Errorf("facts of event %s: %w", eventID, err)
	}
	defer rows.Close()
	out := map[string]news.Facts{}
	for rows.Next() {
		var id, raw string
		if err := rows.Scan(&id, &raw); err != nil {
			return nil, fmt.Errorf("facts of event %s: %w", eventID, err)
		}
		var f news.Facts
		if err := json.Unmarshal([]byte(raw), &f); err != nil {
			return nil, fmt.Errorf("facts of %s: %w", id, err)
		}
		out[id] = f
	}
	return out, rows.Err()
}
