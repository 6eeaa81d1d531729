package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

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
