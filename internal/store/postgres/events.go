package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// Assign sends its statements in one round trip: the write transaction is
// serial across workers, so its round trips bound their throughput.
func (t *tx) Assign(ctx context.Context, a store.Assignment) error {
	var place *string
	var lat, lon *float64
	country := ""
	if a.Place != nil {
		raw, err := json.Marshal(a.Place)
		if err != nil {
			return err
		}
		p := string(raw)
		place, lat, lon, country = &p, &a.Place.Lat, &a.Place.Lon, a.Place.Country
	}
	when := utc(a.Time)
	ev := string(a.Evidence)
	if ev == "" {
		ev = "{}"
	}
	b := &pgx.Batch{}
	if a.Created {
		b.Queue(`INSERT INTO events (id, title, type, place, lat, lon, country, first_seen, last_seen, articles, storyline)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, 0, $1)`,
			a.Event, a.Title, a.Type, place, lat, lon, country, when)
	}
	// least and greatest ignore NULL: an undated article leaves the range as it is.
	b.Queue(`UPDATE events SET articles = articles + 1, type = $2, place = $3, lat = $4, lon = $5, country = $6,
		first_seen = least(first_seen, $1), last_seen = greatest(last_seen, $1)
		WHERE id = $7`, when, a.Type, place, lat, lon, country, a.Event)
	b.Queue(`INSERT INTO event_articles (article_seq, event, score, created, evidence)
		SELECT seq, $2, $3, $4, $5 FROM articles WHERE id = $1`, a.Article, a.Event, a.Score, a.Created, ev)
	// The article's source group, as migration 0006 groups them: a group
	// new to the event is one more independent source.
	b.Queue(`WITH g AS (
			INSERT INTO event_groups (event, grp)
			SELECT $2, lower(coalesce(nullif(agency, ''), nullif(source, ''), id)) FROM articles WHERE id = $1
			ON CONFLICT DO NOTHING RETURNING event)
		UPDATE events SET independent = independent + 1 WHERE id IN (SELECT event FROM g)`, a.Article, a.Event)
	// The entity counts of migration 0008: an event counts once per entity
	// (when the entity is new to it), an article once per entity it mentions.
	b.Queue(`WITH m AS (
			SELECT ae.entity FROM article_entities ae JOIN articles a ON a.seq = ae.seq WHERE a.id = $1),
		x AS (
			INSERT INTO event_entities (entity, event) SELECT entity, $2 FROM m
			ON CONFLICT DO NOTHING RETURNING entity)
		UPDATE entities n SET articles = n.articles + 1, events = n.events + (n.id IN (SELECT entity FROM x))::int
		WHERE n.id IN (SELECT entity FROM m)`, a.Article, a.Event)
	br := t.tx.SendBatch(ctx, b)
	defer br.Close()
	if a.Created {
		if _, err := br.Exec(); err != nil {
			return fmt.Errorf("create event %s: %w", a.Event, err)
		}
	}
	if tag, err := br.Exec(); err != nil {
		return fmt.Errorf("update event %s: %w", a.Event, err)
	} else if tag.RowsAffected() == 0 {
		return fmt.Errorf("update event %s: %w", a.Event, store.ErrNotFound)
	}
	if tag, err := br.Exec(); err != nil {
		return fmt.Errorf("assign %s: %w", a.Article, err)
	} else if tag.RowsAffected() == 0 {
		return fmt.Errorf("assign %s: %w", a.Article, store.ErrNotFound)
	}
	if _, err := br.Exec(); err != nil {
		return fmt.Errorf("assign %s: sources: %w", a.Article, err)
	}
	if _, err := br.Exec(); err != nil {
		return fmt.Errorf("assign %s: entities: %w", a.Article, err)
	}
	return br.Close()
}

func (t *tx) Link(ctx context.Context, l news.EventLink) ([]string, error) {
	b := &pgx.Batch{}
	b.Queue(`INSERT INTO event_links (from_event, to_event, kind, score) VALUES ($1,$2,$3,$4)
		ON CONFLICT (from_event, to_event) DO UPDATE SET kind = excluded.kind, score = excluded.score`,
		l.From, l.To, l.Kind, l.Score)
	// One storyline: the older one's id wins. Only the events of the other
	// one move (see the SQLite store).
	b.Queue(`WITH winner AS (SELECT e.storyline FROM events e WHERE e.id IN ($1, $2) ORDER BY e.seq LIMIT 1)
		UPDATE events SET storyline = (SELECT storyline FROM winner)
		WHERE storyline IN (SELECT storyline FROM events WHERE id IN ($1, $2) AND storyline <> (SELECT storyline FROM winner))
		RETURNING id`, l.From, l.To)
	br := t.tx.SendBatch(ctx, b)
	if _, err := br.Exec(); err != nil {
		br.Close()
		return nil, fmt.Errorf("link %s → %s: %w", l.From, l.To, err)
	}
	rows, err := br.Query()
	var moved []string
	if err == nil {
		moved, err = pgx.CollectRows(rows, pgx.RowTo[string])
	}
	if err = errors.Join(err, br.Close()); err != nil {
		return nil, fmt.Errorf("link %s → %s: %w", l.From, l.To, err)
	}
	return moved, nil
}

func (t *tx) ClearEvents(ctx context.Context) error {
	b := &pgx.Batch{}
	b.Queue(`TRUNCATE event_links, event_groups, event_entities, event_articles, events`)
	b.Queue(`UPDATE entities SET events = 0, articles = 0 WHERE events <> 0 OR articles <> 0`)
	if err := t.tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("clear events: %w", err)
	}
	return nil
}

const eventColumns = `e.id, e.title, e.type, e.place, e.first_seen, e.last_seen, e.articles, e.storyline, e.independent`

func scanEvent(row pgx.Row) (news.Event, error) {
	var e news.Event
	var place []byte
	if err := row.Scan(&e.ID, &e.Title, &e.Type, &place, &e.First, &e.Last, &e.Articles, &e.Storyline, &e.Independent); err != nil {
		return e, err
	}
	if place != nil {
		var p news.Place
		if err := json.Unmarshal(place, &p); err == nil {
			e.Place = &p
		}
	}
	e.First, e.Last = utc(e.First), utc(e.Last)
	return e, nil
}

// eventWhere builds the conditions of q; none reports a search that can
// match nothing (only punctuation, say).
func (s *Store) eventWhere(ctx context.Context, q store.EventQuery) (where []string, args []any, none bool, err error) {
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if strings.TrimSpace(q.Search) != "" {
		langs := []string{q.Lang}
		if q.Lang == "" {
			if langs, err = s.languages(ctx); err != nil {
				return nil, nil, false, err
			}
		}
		query := s.tsquery(store.SplitSearch(q.Search), langs, arg)
		if query == "" {
			return nil, nil, true, nil
		}
		where = append(where, `e.id IN (SELECT ea.event FROM articles a JOIN event_articles ea ON ea.article_seq = a.seq
			WHERE a.search @@ (`+query+`))`)
	}
	if b := q.BBox; b != nil {
		where = append(where, `e.lat BETWEEN `+arg(b.MinLat)+` AND `+arg(b.MaxLat))
		if b.MinLon <= b.MaxLon {
			where = append(where, `e.lon BETWEEN `+arg(b.MinLon)+` AND `+arg(b.MaxLon))
		} else {
			// Across the antimeridian: east of MinLon or west of MaxLon.
			where = append(where, `(e.lon >= `+arg(b.MinLon)+` OR e.lon <= `+arg(b.MaxLon)+`)`)
		}
	}
	if q.Entity != "" {
		where = append(where, `e.id IN (SELECT event FROM event_entities WHERE entity = `+arg(q.Entity)+`)`)
	}
	if q.Lang != "" {
		where = append(where, `EXISTS (SELECT 1 FROM event_articles ea JOIN articles a ON a.seq = ea.article_seq
			WHERE ea.event = e.id AND a.lang = `+arg(q.Lang)+`)`)
	}
	if q.MinSources > 0 {
		where = append(where, `e.independent >= `+arg(q.MinSources))
	}
	if !q.Since.IsZero() {
		where = append(where, `e.last_seen >= `+arg(q.Since.UTC()))
	}
	if !q.Until.IsZero() {
		where = append(where, `e.first_seen < `+arg(q.Until.UTC()))
	}
	if q.Type != "" {
		where = append(where, `e.type = `+arg(q.Type))
	}
	if q.Country != "" {
		where = append(where, `e.country = `+arg(strings.ToUpper(q.Country)))
	}
	if q.Place != "" {
		where = append(where, `lower(e.place->>'name') = lower(`+arg(q.Place)+`)`)
	}
	if q.Storyline != "" {
		where = append(where, `e.storyline = `+arg(q.Storyline))
	}
	return where, args, false, nil
}

func whereClause(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return ` WHERE ` + strings.Join(conds, ` AND `)
}

// Events lists events, the most recently active first (undated last).
func (s *Store) Events(ctx context.Context, q store.EventQuery) ([]news.Event, error) {
	where, args, none, err := s.eventWhere(ctx, q)
	if err != nil || none {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT `+eventColumns+` FROM events e`+whereClause(where)+
		` ORDER BY e.last_seen DESC NULLS LAST, e.articles DESC, e.seq`+page(q.Limit, q.Offset), args...)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	return scanEvents(rows)
}

// scanEvents reads and closes rows of eventColumns.
func scanEvents(rows pgx.Rows) ([]news.Event, error) {
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (news.Event, error) { return scanEvent(row) })
}

// Event returns one event.
func (s *Store) Event(ctx context.Context, id string) (news.Event, error) {
	e, err := scanEvent(s.pool.QueryRow(ctx, `SELECT `+eventColumns+` FROM events e WHERE e.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return e, fmt.Errorf("event %s: %w", id, store.ErrNotFound)
	}
	return e, err
}

// EventArticles returns an event's articles in the order they joined.
func (s *Store) EventArticles(ctx context.Context, id string) ([]store.EventArticle, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+articleColumns+`, ea.score, ea.created, ea.evidence
		FROM event_articles ea JOIN articles a ON a.seq = ea.article_seq WHERE ea.event = $1 ORDER BY a.seq`, id)
	if err != nil {
		return nil, fmt.Errorf("articles of event %s: %w", id, err)
	}
	defer rows.Close()
	var out []store.EventArticle
	for rows.Next() {
		var ea store.EventArticle
		var evidence string
		a, err := scanArticle(rows, &ea.Score, &ea.Created, &evidence)
		if err != nil {
			return nil, err
		}
		ea.Article, ea.Evidence = a, json.RawMessage(evidence)
		out = append(out, ea)
	}
	return out, rows.Err()
}

// Storylines lists storylines of several events, newest first.
func (s *Store) Storylines(ctx context.Context, q store.EventQuery) ([]news.Storyline, error) {
	where, args, none, err := s.eventWhere(ctx, q)
	if err != nil || none {
		return nil, err
	}
	where = append(where, `e.storyline IN (SELECT storyline FROM events GROUP BY storyline HAVING count(*) > 1)`)
	rows, err := s.pool.Query(ctx, `SELECT `+eventColumns+` FROM events e`+whereClause(where)+
		` ORDER BY e.storyline, e.first_seen NULLS LAST, e.seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("list storylines: %w", err)
	}
	var lines []news.Storyline
	index := map[string]int{}
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		i, ok := index[e.Storyline]
		if !ok {
			i = len(lines)
			index[e.Storyline] = i
			lines = append(lines, news.Storyline{ID: e.Storyline})
		}
		lines[i].Events = append(lines[i].Events, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list storylines: %w", err)
	}
	links, err := s.pool.Query(ctx, `SELECT l.from_event, l.to_event, l.kind, l.score, e.storyline
		FROM event_links l JOIN events e ON e.id = l.from_event ORDER BY l.from_event, l.to_event`)
	if err != nil {
		return nil, fmt.Errorf("list links: %w", err)
	}
	var l news.EventLink
	var line string
	_, err = pgx.ForEachRow(links, []any{&l.From, &l.To, &l.Kind, &l.Score, &line}, func() error {
		if i, ok := index[line]; ok {
			lines[i].Links = append(lines[i].Links, l)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list links: %w", err)
	}
	for i := range lines {
		lines[i].Title = store.StorylineTitle(lines[i].Events)
	}
	store.SortStorylines(lines)
	return lines, nil
}

// replayQuery selects articles with their facts and event, in insertion
// order; a condition on a, e and ea goes where %s is.
const replayQuery = `SELECT ` + articleColumns + `, f.facts, coalesce(ea.event, ''), a.seq
		FROM articles a
		LEFT JOIN article_facts f ON f.seq = a.seq
		LEFT JOIN event_articles ea ON ea.article_seq = a.seq
		LEFT JOIN events e ON e.id = ea.event
		WHERE %s
		ORDER BY a.seq`

// Replay calls fn with every original article whose event was active at or
// after since (or is undated), in insertion order. It reads in one
// transaction, so it sees one consistent state while workers write.
func (s *Store) Replay(ctx context.Context, since time.Time, fn func(store.Replayed) error) error {
	return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead}, func(t pgx.Tx) error {
		rows, err := t.Query(ctx, fmt.Sprintf(replayQuery, `a.duplicate_of IS NULL AND (e.id IS NULL OR e.last_seen IS NULL OR e.last_seen >= $1)`), since.UTC())
		if err != nil {
			return fmt.Errorf("replay: %w", err)
		}
		return replay(rows, false, nil, fn)
	})
}

// After calls fn with every original article stored after seq.
func (t *tx) After(ctx context.Context, seq int64, skip func(id string) bool, fn func(store.Replayed) error) error {
	rows, err := t.tx.Query(ctx, fmt.Sprintf(replayQuery, `a.duplicate_of IS NULL AND a.seq > $1`), seq)
	if err != nil {
		return fmt.Errorf("articles after %d: %w", seq, err)
	}
	return replay(rows, true, skip, fn)
}

// replay calls fn with each row; buffered, it reads all rows first, so that
// fn may use the connection (a transaction's) the rows come from.
func replay(rows pgx.Rows, buffered bool, skip func(id string) bool, fn func(store.Replayed) error) error {
	var all []store.Replayed
	defer rows.Close()
	for rows.Next() {
		var r store.Replayed
		var facts []byte
		a, err := scanArticle(rows, &facts, &r.Event, &r.Seq)
		if err != nil {
			return err
		}
		r.Article = a
		if facts != nil && (skip == nil || !skip(a.ID)) {
			var f news.Facts
			if err := json.Unmarshal(facts, &f); err != nil {
				return fmt.Errorf("facts of %s: %w", a.ID, err)
			}
			r.Facts = &f
		}
		if buffered {
			all = append(all, r)
		} else if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range all {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// Dump calls fn with every article, duplicates included, in insertion
// order, as of one moment while others may write.
func (s *Store) Dump(ctx context.Context, fn func(store.Replayed) error) error {
	return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead}, func(t pgx.Tx) error {
		rows, err := t.Query(ctx, fmt.Sprintf(replayQuery, `true`))
		if err != nil {
			return fmt.Errorf("dump: %w", err)
		}
		return replay(rows, false, nil, fn)
	})
}
