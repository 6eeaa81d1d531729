package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// entityCounts selects an entity's columns with the events and original
// articles that mention it (only articles assigned to an event count),
// as Assign keeps them.
const entityCounts = `SELECT n.id, n.name, n.type, n.country, n.lat, n.lon, n.events, n.articles FROM entities n WHERE n.events > 0`

func scanEntity(row interface{ Scan(...any) error }) (store.EntityCount, error) {
	var e store.EntityCount
	var lat, lon sql.NullFloat64
	var country string
	if err := row.Scan(&e.ID, &e.Name, &e.Type, &country, &lat, &lon, &e.Events, &e.Articles); err != nil {
		return e, err
	}
	if lat.Valid && lon.Valid {
		e.Place = &news.Place{Name: e.Name, Country: country, Lat: lat.Float64, Lon: lon.Float64}
	}
	return e, nil
}

// Entities lists entities by the number of events that mention them.
func (s *Store) Entities(ctx context.Context, q store.EntityQuery) ([]store.EntityCount, error) {
	query := entityCounts
	var args []any
	if q.Type != "" {
		query += ` AND n.type = ?`
		args = append(args, q.Type)
	}
	query += ` ORDER BY n.events DESC, n.articles DESC, n.id` + page(q.Limit, q.Offset)
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list entities: %w", err)
	}
	defer rows.Close()
	var out []store.EntityCount
	for rows.Next() {
		e, err := scanEntity(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Entity returns one entity with its counts.
func (s *Store) Entity(ctx context.Context, id string) (store.EntityCount, error) {
	e, err := scanEntity(s.r.QueryRowContext(ctx, entityCounts+` AND n.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("entity %s: %w", id, store.ErrNotFound)
	}
	return e, err
}
