package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// entitySet holds the ids of entities known to be stored: an entity's
// row is written once and never removed (ClearEvents zeroes its counts),
// so an article naming it needs no insert, a probe of the entities' index
// for each name of every article. Ids join at the commit that stored
// them, or saw them stored; a store of more than maxKnownEntities keeps
// inserting the others.
type entitySet struct {
	mu  sync.Mutex
	ids map[string]struct{}
}

const maxKnownEntities = 1 << 20

func (s *entitySet) has(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.ids[id]
	return ok
}

func (s *entitySet) add(ids []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ids == nil {
		s.ids = map[string]struct{}{}
	}
	for _, id := range ids {
		if len(s.ids) >= maxKnownEntities {
			return
		}
		s.ids[id] = struct{}{}
	}
}

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
		if !t.known.has(e.ID) {
			if _, err := t.exec(ctx, `INSERT INTO entities (id, name, type, country, lat, lon) VALUES (?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING`,
				e.ID, e.Name, e.Type, country, lat, lon); err != nil {
				return err
			}
			t.entities = append(t.entities, e.ID)
		}
		if _, err := t.exec(ctx, `INSERT INTO article_entities (entity, seq, count) VALUES (?,?,?) ON CONFLICT (seq, entity) DO UPDATE SET count = count + excluded.count`,
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

// EventsArticles returns the original articles of several events with
// their stored facts, in one query: a report reads an event and up to 24
// of its storyline's, and a query per event (or per article) waited for a
// reader connection each time under load. Rows come event by event in the
// order of eventIDs, each event's in the order its articles joined.
func (s *Store) EventsArticles(ctx context.Context, eventIDs []string) ([]store.StoredArticle, error) {
	if len(eventIDs) == 0 {
		return nil, nil
	}
	args := make([]any, len(eventIDs))
	for i, id := range eventIDs {
		args[i] = id
	}
	rows, err := s.query(ctx, `SELECT `+articleColumns+`, f.facts, ea.event
		FROM event_articles ea JOIN articles a ON a.seq = ea.article_seq LEFT JOIN article_facts f ON f.seq = a.seq
		WHERE ea.event IN (?`+strings.Repeat(",?", len(eventIDs)-1)+`) ORDER BY a.seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("articles of events %v: %w", eventIDs, err)
	}
	defer rows.Close()
	var out []store.StoredArticle
	for rows.Next() {
		var r store.StoredArticle
		var facts sql.RawBytes
		a, err := scanArticle(scanAppend{rows, []any{&facts, &r.Event}})
		if err != nil {
			return nil, err
		}
		r.Article = a
		if facts != nil {
			r.Facts = json.RawMessage(slices.Clone(facts))
		}
		out = append(out, r)
	}
	return store.ByEvents(out, eventIDs), rows.Err()
}

// StorylineNeighbours returns up to k events of dated event ev's storyline
// other than ev, those first seen nearest to it within span, nearest
// first: two short ranges of the storyline's time index (migration 0009),
// however long the storyline.
func (s *Store) StorylineNeighbours(ctx context.Context, ev news.Event, span time.Duration, k int) ([]news.Event, error) {
	if ev.First == nil {
		return nil, fmt.Errorf("storyline of event %s: the event is undated", ev.ID)
	}
	rows, err := s.query(ctx, `SELECT * FROM (SELECT `+eventColumns+` FROM events e
			WHERE e.storyline = ?1 AND e.id <> ?2 AND e.first_seen <= ?3 AND e.first_seen >= ?4 ORDER BY e.first_seen DESC LIMIT ?6)
		UNION ALL SELECT * FROM (SELECT `+eventColumns+` FROM events e
			WHERE e.storyline = ?1 AND e.id <> ?2 AND e.first_seen > ?3 AND e.first_seen <= ?5 ORDER BY e.first_seen LIMIT ?6)`,
		ev.Storyline, ev.ID, formatTime(*ev.First), formatTime(ev.First.Add(-span)), formatTime(ev.First.Add(span)), k)
	if err != nil {
		return nil, fmt.Errorf("storyline %s: %w", ev.Storyline, err)
	}
	around, err := scanEvents(rows)
	if err != nil {
		return nil, err
	}
	return store.NearestFirst(around, *ev.First, k), nil
}
