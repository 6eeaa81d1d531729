package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// queueFacts queues the statements that store an article's facts and the
// entities they mention.
func queueFacts(b *pgx.Batch, seq int64, f *news.Facts) error {
	raw, err := json.Marshal(f)
	if err != nil {
		return err
	}
	b.Queue(`INSERT INTO article_facts (seq, event_type, event_time, facts) VALUES ($1,$2,$3,$4)`,
		seq, f.Type.Type, utc(f.Main.When), string(raw))
	for _, e := range f.Entities {
		var country string
		var lat, lon *float64
		if e.Place != nil {
			country, lat, lon = e.Place.Country, &e.Place.Lat, &e.Place.Lon
		}
		b.Queue(`INSERT INTO entities (id, name, type, country, lat, lon) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (id) DO NOTHING`,
			e.ID, e.Name, string(e.Type), country, lat, lon)
		b.Queue(`INSERT INTO article_entities (entity, seq, count) VALUES ($1,$2,$3)
			ON CONFLICT (entity, seq) DO UPDATE SET count = article_entities.count + excluded.count`,
			e.ID, seq, max(e.Count, 1))
	}
	return nil
}

// Facts returns the facts stored for an article.
func (s *Store) Facts(ctx context.Context, id string) (news.Facts, error) {
	var f news.Facts
	var raw []byte
	err := s.pool.QueryRow(ctx, `SELECT f.facts FROM article_facts f JOIN articles a ON a.seq = f.seq WHERE a.id = $1`, id).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return f, fmt.Errorf("facts of %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return f, fmt.Errorf("facts of %s: %w", id, err)
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		return f, fmt.Errorf("facts of %s: %w", id, err)
	}
	return f, nil
}

// EventsArticles returns the original articles of several events with
// their stored facts, in one query, event by event in the order of
// eventIDs, each event's in the order its articles joined (see the SQLite
// store).
func (s *Store) EventsArticles(ctx context.Context, eventIDs []string) ([]store.StoredArticle, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+articleColumns+`, f.facts, ea.event
		FROM event_articles ea JOIN articles a ON a.seq = ea.article_seq LEFT JOIN article_facts f ON f.seq = a.seq
		WHERE ea.event = ANY($1) ORDER BY a.seq`, eventIDs)
	if err != nil {
		return nil, fmt.Errorf("articles of events %v: %w", eventIDs, err)
	}
	defer rows.Close()
	var out []store.StoredArticle
	for rows.Next() {
		var r store.StoredArticle
		var facts []byte
		if r.Article, err = scanArticle(rows, &facts, &r.Event); err != nil {
			return nil, err
		}
		if facts != nil {
			r.Facts = json.RawMessage(facts)
		}
		out = append(out, r)
	}
	return store.ByEvents(out, eventIDs), rows.Err()
}

// StorylineNeighbours returns up to k events of dated event ev's storyline
// other than ev, those first seen nearest to it within span, nearest
// first: two short ranges of the storyline's time index (migration 0009).
func (s *Store) StorylineNeighbours(ctx context.Context, ev news.Event, span time.Duration, k int) ([]news.Event, error) {
	if ev.First == nil {
		return nil, fmt.Errorf("storyline of event %s: the event is undated", ev.ID)
	}
	rows, err := s.pool.Query(ctx, `(SELECT `+eventColumns+` FROM events e
			WHERE e.storyline = $1 AND e.id <> $2 AND e.first_seen <= $3 AND e.first_seen >= $4 ORDER BY e.first_seen DESC LIMIT $6)
		UNION ALL (SELECT `+eventColumns+` FROM events e
			WHERE e.storyline = $1 AND e.id <> $2 AND e.first_seen > $3 AND e.first_seen <= $5 ORDER BY e.first_seen LIMIT $6)`,
		ev.Storyline, ev.ID, *ev.First, ev.First.Add(-span), ev.First.Add(span), k)
	if err != nil {
		return nil, fmt.Errorf("storyline %s: %w", ev.Storyline, err)
	}
	around, err := scanEvents(rows)
	if err != nil {
		return nil, err
	}
	return store.NearestFirst(around, *ev.First, k), nil
}
