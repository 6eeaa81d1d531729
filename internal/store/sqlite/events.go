package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

func (t *tx) Assign(ctx context.Context, a store.Assignment) error {
	seq, ok := t.inserted[a.Article]
	if !ok {
		if err := t.queryRow(ctx, `SELECT seq FROM articles WHERE id = ?`, a.Article).Scan(&seq); err != nil {
			return fmt.Errorf("assign %s: %w", a.Article, err)
		}
	}
	var when sql.NullString
	if a.Time != nil {
		when = sql.NullString{String: formatTime(*a.Time), Valid: true}
	}
	var pl eventPlace
	if a.Place != nil {
		raw, err := json.Marshal(a.Place)
		if err != nil {
			return err
		}
		pl = eventPlace{sql.NullString{String: string(raw), Valid: true}, sql.NullFloat64{Float64: a.Place.Lat, Valid: true},
			sql.NullFloat64{Float64: a.Place.Lon, Valid: true}, a.Place.Country}
	}
	created := 0
	if a.Created {
		created = 1
	}
	ev := string(a.Evidence)
	if ev == "" {
		ev = "{}"
	}
	if a.Created {
		// A new event's row is written once, whole: its first article is
		// its one article and its one source group. Three statements
		// (insert, update, count the source) wrote the row and its indexes
		// three times, and most articles of a large store open an event.
		if _, err := t.exec(ctx, `INSERT INTO events (id, seq, title, type, place, lat, lon, country, first_seen, last_seen, articles, storyline, independent)
			VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM events), ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 1)`,
			a.Event, a.Title, a.Type, pl.place, pl.lat, pl.lon, pl.country, when, when, a.Event); err != nil {
			return fmt.Errorf("create event %s: %w", a.Event, err)
		}
	} else if err := t.joinEvent(ctx, a.Event, a.Type, pl, when); err != nil {
		return fmt.Errorf("update event %s: %w", a.Event, err)
	}
	if _, err := t.exec(ctx, `INSERT INTO event_articles (article_seq, event, score, created, evidence) VALUES (?,?,?,?,?)`,
		seq, a.Event, a.Score, created, ev); err != nil {
		return fmt.Errorf("assign %s: %w", a.Article, err)
	}
	// The same grouping as migration 0004's backfill.
	res, err := t.exec(ctx, `INSERT OR IGNORE INTO event_groups (event, grp)
		SELECT ?, lower(coalesce(nullif(agency, ''), nullif(source, ''), id)) FROM articles WHERE seq = ?`, a.Event, seq)
	if err != nil {
		return fmt.Errorf("assign %s: %w", a.Article, err)
	}
	if n, _ := res.RowsAffected(); n > 0 && !a.Created {
		if _, err := t.exec(ctx, `UPDATE events SET independent = independent + 1 WHERE id = ?`, a.Event); err != nil {
			return fmt.Errorf("assign %s: %w", a.Article, err)
		}
	}
	// The entity counts of migration 0007: an event counts once per entity,
	// an article once per entity it mentions. Both counts change in one
	// update, so that each entity's row and its place in the entities_rank
	// index are written once per article, not twice. A new event has no
	// entities yet: each of the article's counts one more event without a
	// probe of event_entities.
	if a.Created {
		_, err = t.exec(ctx, `UPDATE entities SET articles = articles + 1, events = events + 1
			WHERE id IN (SELECT entity FROM article_entities WHERE seq = ?)`, seq)
	} else {
		_, err = t.exec(ctx, `UPDATE entities SET articles = articles + 1,
			events = events + NOT EXISTS (SELECT 1 FROM event_entities x WHERE x.entity = entities.id AND x.event = ?2)
			WHERE id IN (SELECT entity FROM article_entities WHERE seq = ?1)`, seq, a.Event)
	}
	if err == nil {
		_, err = t.exec(ctx, `INSERT OR IGNORE INTO event_entities (entity, event) SELECT entity, ?2 FROM article_entities WHERE seq = ?1`, seq, a.Event)
	}
	if err != nil {
		return fmt.Errorf("assign %s: entities: %w", a.Article, err)
	}
	return nil
}

// eventPlace is the place columns of an event row.
type eventPlace struct {
	place    sql.NullString // JSON of news.Place
	lat, lon sql.NullFloat64
	country  string
}

// joinEvent counts one more article into event id, giving the event its
// type and place as of that article and widening its time range to when.
// It sets only the columns whose values change: SQLite rewrites the entries
// of every index on a column an UPDATE sets, changed or not, and five of
// the events table's six indexes hold the type, place or time range.
func (t *tx) joinEvent(ctx context.Context, id, typ string, pl eventPlace, when sql.NullString) error {
	var old eventPlace
	var oldType string
	var first, last sql.NullString
	if err := t.queryRow(ctx, `SELECT type, place, lat, lon, country, first_seen, last_seen FROM events WHERE id = ?`, id).
		Scan(&oldType, &old.place, &old.lat, &old.lon, &old.country, &first, &last); err != nil {
		return err
	}
	set, args := "articles = articles + 1", make([]any, 0, 8)
	if typ != oldType {
		set += ", type = ?"
		args = append(args, typ)
	}
	if pl != old {
		set += ", place = ?, lat = ?, lon = ?, country = ?"
		args = append(args, pl.place, pl.lat, pl.lon, pl.country)
	}
	// Times are stored in one layout, so that text order is time order.
	if when.Valid && (!first.Valid || when.String < first.String) {
		set += ", first_seen = ?"
		args = append(args, when)
	}
	if when.Valid && (!last.Valid || when.String > last.String) {
		set += ", last_seen = ?"
		args = append(args, when)
	}
	_, err := t.exec(ctx, `UPDATE events SET `+set+` WHERE id = ?`, append(args, id)...)
	return err
}

func (t *tx) Link(ctx context.Context, l news.EventLink) ([]string, error) {
	if _, err := t.exec(ctx, `INSERT INTO event_links (from_event, to_event, kind, score) VALUES (?,?,?,?)
		ON CONFLICT (from_event, to_event) DO UPDATE SET kind = excluded.kind, score = excluded.score`,
		l.From, l.To, l.Kind, l.Score); err != nil {
		return nil, fmt.Errorf("link %s → %s: %w", l.From, l.To, err)
	}
	// One storyline: the older one's id wins. Only the events of the other
	// one move: rewriting those already in it (all of them when the two
	// events share a storyline) rewrote thousands of rows and their
	// indexes per link in a long storyline.
	st, err := t.stmt(ctx, `WITH winner AS (SELECT e.storyline FROM events e WHERE e.id IN (?1, ?2) ORDER BY e.seq LIMIT 1)
		UPDATE events SET storyline = (SELECT storyline FROM winner)
		WHERE storyline IN (SELECT storyline FROM events WHERE id IN (?1, ?2) AND storyline <> (SELECT storyline FROM winner))
		RETURNING id`)
	if err != nil {
		return nil, fmt.Errorf("link %s → %s: %w", l.From, l.To, err)
	}
	rows, err := st.QueryContext(ctx, l.From, l.To)
	if err != nil {
		return nil, fmt.Errorf("link %s → %s: %w", l.From, l.To, err)
	}
	defer rows.Close()
	var moved []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("link %s → %s: %w", l.From, l.To, err)
		}
		moved = append(moved, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("link %s → %s: %w", l.From, l.To, err)
	}
	return moved, nil
}

func (t *tx) ClearEvents(ctx context.Context) error {
	for _, q := range []string{`DELETE FROM event_links`, `DELETE FROM event_groups`, `DELETE FROM event_entities`,
		`UPDATE entities SET events = 0, articles = 0`, `DELETE FROM event_articles`, `DELETE FROM events`} {
		if _, err := t.tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("clear events: %w", err)
		}
	}
	return nil
}

const eventColumns = `e.id, e.title, e.type, e.place, e.first_seen, e.last_seen, e.articles, e.storyline, e.independent`

func scanEvent(row interface{ Scan(...any) error }) (news.Event, error) {
	var e news.Event
	var place, first, last sql.NullString
	if err := row.Scan(&e.ID, &e.Title, &e.Type, &place, &first, &last, &e.Articles, &e.Storyline, &e.Independent); err != nil {
		return e, err
	}
	if place.Valid {
		var p news.Place
		if err := json.Unmarshal([]byte(place.String), &p); err == nil {
			e.Place = &p
		}
	}
	e.First, e.Last = nullTime(first), nullTime(last)
	return e, nil
}

// eventWhere builds the filter of q; match is the FTS5 expression of
// q.Search (see matchExpr), "" for none.
func eventWhere(q store.EventQuery, match string) (string, []any) {
	var where []string
	var args []any
	if b := q.BBox; b != nil {
		where = append(where, `e.lat BETWEEN ? AND ?`)
		args = append(args, b.MinLat, b.MaxLat)
		if b.MinLon <= b.MaxLon {
			where = append(where, `e.lon BETWEEN ? AND ?`)
		} else {
			where = append(where, `(e.lon >= ? OR e.lon <= ?)`)
		}
		args = append(args, b.MinLon, b.MaxLon)
	}
	if q.Entity != "" {
		where = append(where, `e.id IN (SELECT event FROM event_entities WHERE entity = ?)`)
		args = append(args, q.Entity)
	}
	if q.Lang != "" {
		where = append(where, `EXISTS (SELECT 1 FROM event_articles ea JOIN articles a ON a.seq = ea.article_seq WHERE ea.event = e.id AND a.lang = ?)`)
		args = append(args, q.Lang)
	}
	if q.MinSources > 0 {
		where = append(where, `e.independent >= ?`)
		args = append(args, q.MinSources)
	}
	if match != "" {
		where = append(where, `e.id IN (SELECT ea.event FROM articles_fts f JOIN event_articles ea ON ea.article_seq = f.rowid WHERE articles_fts MATCH ?)`)
		args = append(args, match)
	}
	if !q.Since.IsZero() {
		where = append(where, `e.last_seen >= ?`)
		args = append(args, formatTime(q.Since))
	}
	if !q.Until.IsZero() {
		where = append(where, `e.first_seen < ?`)
		args = append(args, formatTime(q.Until))
	}
	if q.Type != "" {
		where = append(where, `e.type = ?`)
		args = append(args, q.Type)
	}
	if q.Country != "" {
		where = append(where, `e.country = ?`)
		args = append(args, strings.ToUpper(q.Country))
	}
	if q.Place != "" {
		where = append(where, `json_extract(e.place, '$.name') = ? COLLATE NOCASE`)
		args = append(args, q.Place)
	}
	if q.Storyline != "" {
		where = append(where, `e.storyline = ?`)
		args = append(args, q.Storyline)
	}
	if len(where) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(where, ` AND `), args
}

// page is the LIMIT/OFFSET clause of a listing; limit 0 means no limit.
func page(limit, offset int) string {
	switch {
	case limit > 0:
		return fmt.Sprintf(` LIMIT %d OFFSET %d`, limit, max(offset, 0))
	case offset > 0:
		return fmt.Sprintf(` LIMIT -1 OFFSET %d`, offset)
	}
	return ""
}

// Events lists events, the most recently active first (undated last).
func (s *Store) Events(ctx context.Context, q store.EventQuery) ([]news.Event, error) {
	match, none, err := s.eventMatch(ctx, q)
	if err != nil || none {
		return nil, err
	}
	where, args := eventWhere(q, match)
	rows, err := s.query(ctx, `SELECT `+eventColumns+` FROM events e`+where+
		` ORDER BY e.last_seen IS NULL, e.last_seen DESC, e.articles DESC, e.seq`+page(q.Limit, q.Offset), args...)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	return scanEvents(rows)
}

// scanEvents reads and closes rows of eventColumns.
func scanEvents(rows *sql.Rows) ([]news.Event, error) {
	defer rows.Close()
	var out []news.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// eventMatch returns the FTS5 expression of q.Search, and none when a
// search was asked for that can match nothing (only punctuation, say).
func (s *Store) eventMatch(ctx context.Context, q store.EventQuery) (match string, none bool, err error) {
	if strings.TrimSpace(q.Search) == "" {
		return "", false, nil
	}
	langs := []string{q.Lang}
	if q.Lang == "" {
		if langs, err = s.languages(ctx); err != nil {
			return "", false, err
		}
	}
	match = matchExpr(store.SplitSearch(q.Search), langs)
	return match, match == "", nil
}

// Event returns one event.
func (s *Store) Event(ctx context.Context, id string) (news.Event, error) {
	e, err := scanEvent(s.queryRow(ctx, `SELECT `+eventColumns+` FROM events e WHERE e.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("event %s: %w", id, store.ErrNotFound)
	}
	return e, err
}

// EventArticles returns an event's articles in the order they joined.
func (s *Store) EventArticles(ctx context.Context, id string) ([]store.EventArticle, error) {
	rows, err := s.query(ctx, `SELECT `+articleColumns+`, ea.score, ea.created, ea.evidence
		FROM event_articles ea JOIN articles a ON a.seq = ea.article_seq WHERE ea.event = ? ORDER BY a.seq`, id)
	if err != nil {
		return nil, fmt.Errorf("articles of event %s: %w", id, err)
	}
	defer rows.Close()
	var out []store.EventArticle
	for rows.Next() {
		var ea store.EventArticle
		var evidence string
		var created int
		a, err := scanArticle(scanAppend{rows, []any{&ea.Score, &created, &evidence}})
		if err != nil {
			return nil, err
		}
		ea.Article, ea.Created, ea.Evidence = a, created == 1, json.RawMessage(evidence)
		out = append(out, ea)
	}
	return out, rows.Err()
}

// scanAppend scans a row into the article columns and then extra.
type scanAppend struct {
	row   interface{ Scan(...any) error }
	extra []any
}

func (s scanAppend) Scan(dest ...any) error { return s.row.Scan(append(dest, s.extra...)...) }

// Storylines lists storylines of several events, newest first.
func (s *Store) Storylines(ctx context.Context, q store.EventQuery) ([]news.Storyline, error) {
	match, none, err := s.eventMatch(ctx, q)
	if err != nil || none {
		return nil, err
	}
	where, args := eventWhere(q, match)
	cond := `e.storyline IN (SELECT storyline FROM events GROUP BY storyline HAVING count(*) > 1)`
	if where == "" {
		where = ` WHERE ` + cond
	} else {
		where += ` AND ` + cond
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+eventColumns+` FROM events e`+where+` ORDER BY e.storyline, e.first_seen IS NULL, e.first_seen, e.seq`, args...)
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
		return nil, err
	}
	links, err := s.r.QueryContext(ctx, `SELECT l.from_event, l.to_event, l.kind, l.score, e.storyline
		FROM event_links l JOIN events e ON e.id = l.from_event ORDER BY l.from_event, l.to_event`)
	if err != nil {
		return nil, fmt.Errorf("list links: %w", err)
	}
	defer links.Close()
	for links.Next() {
		var l news.EventLink
		var line string
		if err := links.Scan(&l.From, &l.To, &l.Kind, &l.Score, &line); err != nil {
			return nil, err
		}
		if i, ok := index[line]; ok {
			lines[i].Links = append(lines[i].Links, l)
		}
	}
	for i := range lines {
		lines[i].Title = store.StorylineTitle(lines[i].Events)
	}
	store.SortStorylines(lines)
	return lines, links.Err()
}

// replayQuery selects articles with their facts and event, in insertion
// order; a condition on a, e and ea goes where %s is.
const replayQuery = `SELECT ` + articleColumns + `, f.facts, ea.event, a.seq
		FROM articles a
		LEFT JOIN article_facts f ON f.seq = a.seq
		LEFT JOIN event_articles ea ON ea.article_seq = a.seq
		LEFT JOIN events e ON e.id = ea.event
		WHERE %s
		ORDER BY a.seq`

// Replay calls fn with every original article whose event was active at or
// after since (or is undated), in insertion order.
func (s *Store) Replay(ctx context.Context, since time.Time, fn func(store.Replayed) error) error {
	rows, err := s.r.QueryContext(ctx, fmt.Sprintf(replayQuery, `a.duplicate_of IS NULL AND (e.id IS NULL OR e.last_seen IS NULL OR e.last_seen >= ?)`), formatTime(since))
	if err != nil {
		return fmt.Errorf("replay: %w", err)
	}
	return replay(rows, nil, fn)
}

// After calls fn with every original article stored after seq.
func (t *tx) After(ctx context.Context, seq int64, skip func(id string) bool, fn func(store.Replayed) error) error {
	rows, err := t.tx.QueryContext(ctx, fmt.Sprintf(replayQuery, `a.duplicate_of IS NULL AND a.seq > ?`), seq)
	if err != nil {
		return fmt.Errorf("articles after %d: %w", seq, err)
	}
	return replay(rows, skip, fn)
}

// replay calls fn with each row, its facts decoded unless skip names it.
func replay(rows *sql.Rows, skip func(id string) bool, fn func(store.Replayed) error) error {
	defer rows.Close()
	for rows.Next() {
		var r store.Replayed
		var facts, event sql.NullString
		a, err := scanArticle(scanAppend{rows, []any{&facts, &event, &r.Seq}})
		if err != nil {
			return err
		}
		r.Article, r.Event = a, event.String
		if facts.Valid && (skip == nil || !skip(a.ID)) {
			var f news.Facts
			if err := json.Unmarshal([]byte(facts.String), &f); err != nil {
				return fmt.Errorf("facts of %s: %w", a.ID, err)
			}
			r.Facts = &f
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Dump calls fn with every article, duplicates included, in insertion order.
func (s *Store) Dump(ctx context.Context, fn func(store.Replayed) error) error {
	rows, err := s.r.QueryContext(ctx, fmt.Sprintf(replayQuery, `1`))
	if err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	return replay(rows, nil, fn)
}
