package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// Live runs a Clusterer in the ingest pipeline: it assigns every stored
// original article to an event and records the assignment, the event's
// summary and storyline links in the ingest transaction.
//
// Several Live clusterers, one per worker process, may share a store: each
// write transaction excludes the others, and at the start of each Live
// catches up with the articles the other workers committed since its last
// transaction (store.Tx.After), so that every article is assigned against
// all articles before it, as by a single clusterer reading them in commit
// order.
type Live struct {
	c *Clusterer

	tx     store.Tx        // the transaction last caught up in
	cursor int64           // the last stored article seen (store.Replayed.Seq)
	mine   map[string]bool // articles assigned here since the last catch-up
}

// EventID names an event after the article that started it: stable across
// runs and reclustering of the same input.
func EventID(_ int, it *Item) string { return "ev-" + it.ID }

// NewLive returns a Live clusterer that resumes from what st holds: the
// articles of events active within twice the window of the newest one are
// put back into their events.
func NewLive(ctx context.Context, st store.Store, cfg Config) (*Live, error) {
	l := &Live{c: New(cfg, EventID), mine: map[string]bool{}}
	latest, err := st.Events(ctx, store.EventQuery{Limit: 1})
	if err != nil {
		return nil, err
	}
	since := time.Time{}
	if len(latest) == 1 && latest[0].Last != nil {
		since = latest[0].Last.Add(-2 * cfg.Window)
	}
	err = st.Replay(ctx, since, func(r store.Replayed) error {
		l.cursor = max(l.cursor, r.Seq)
		if r.Event == "" {
			return nil // stored without clustering: 'tocsin recluster' places it
		}
		l.c.restore(NewItem(&r.Article, r.Facts), r.Event)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("resume clustering: %w", err)
	}
	lines, err := st.Storylines(ctx, store.EventQuery{})
	if err != nil {
		return nil, err
	}
	for _, s := range lines {
		l.c.restoreLine(s)
	}
	return l, nil
}

// restoreLine gives the events of s in memory their storyline and links.
func (c *Clusterer) restoreLine(s news.Storyline) {
	line := &storyline{events: len(s.Events)}
	for _, ev := range s.Events {
		var first, last time.Time
		if ev.First != nil {
			first = *ev.First
		}
		if ev.Last != nil {
			last = *ev.Last
		}
		line.cover(first, last)
		if e := c.byID[ev.ID]; e != nil {
			e.line = line
			line.members = append(line.members, e)
		}
	}
	for _, k := range s.Links {
		for _, pair := range [][2]string{{k.From, k.To}, {k.To, k.From}} {
			if e := c.byID[pair[0]]; e != nil {
				if e.linked == nil {
					e.linked = map[string]bool{}
				}
				e.linked[pair[1]] = true
			}
		}
	}
}

// restore puts it into the event with the given id, creating the event,
// without scoring: replaying decisions already made.
func (c *Clusterer) restore(it *Item, id string) *Event {
	if it.Time.After(c.now) {
		c.now = it.Time
	}
	vec := c.vector(it)
	c.count(it)
	if e, ok := c.byID[id]; ok {
		c.add(e, it, vec)
		return e
	}
	saved := c.newID
	c.newID = func(int, *Item) string { return id }
	e := c.create(it, vec)
	c.newID = saved
	return e
}

// catchUp puts into their events the articles other writers assigned and
// committed since l last looked.
func (l *Live) catchUp(ctx context.Context, tx store.Tx) error {
	// Its own articles of the last transaction come back too: their facts
	// are not decoded (a fifth of the cost of catching up is decoding).
	mine := func(id string) bool { return l.mine[id] }
	err := tx.After(ctx, l.cursor, mine, func(r store.Replayed) error {
		l.cursor = max(l.cursor, r.Seq)
		if r.Event == "" || l.mine[r.Article.ID] {
			return nil
		}
		l.c.restore(NewItem(&r.Article, r.Facts), r.Event)
		return nil
	})
	if err != nil {
		return fmt.Errorf("catch up with other writers: %w", err)
	}
	clear(l.mine)
	l.tx = tx
	return nil
}

// Assign clusters a stored original article and records the result in tx.
func (l *Live) Assign(ctx context.Context, tx store.Tx, d store.Doc) error {
	if tx != l.tx {
		if err := l.catchUp(ctx, tx); err != nil {
			return err
		}
	}
	l.mine[d.Article.ID] = true
	it := docItem(d)
	as := l.c.Assign(it)
	evidence, err := json.Marshal(as.Evidence)
	if err != nil {
		return err
	}
	err = tx.Assign(ctx, store.Assignment{
		Article: d.Article.ID, Event: as.Event.ID, Created: as.New, Title: as.Event.Title,
		Type: as.Event.mainType, Place: as.Event.mainPlace(), Score: as.Score, Evidence: evidence, Time: d.Article.Published,
	})
	if err != nil {
		return err
	}
	for _, link := range l.links(as.Event) {
		if _, err := tx.Link(ctx, link); err != nil {
			return err
		}
	}
	return nil
}

// Recluster forgets every event and assigns all stored original articles
// again in insertion order, committing in batches. It returns the number of
// articles assigned. The same store always gives the same events.
func Recluster(ctx context.Context, st store.Store, cfg Config) (int, error) {
	tx, err := st.Begin(ctx)
	if err != nil {
		return 0, err
	}
	if err := tx.ClearEvents(ctx); err != nil {
		tx.Rollback()
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	live, err := NewLive(ctx, st, cfg)
	if err != nil {
		return 0, err
	}
	const batch = 1000
	n := 0
	tx = nil
	err = st.Replay(ctx, time.Time{}, func(r store.Replayed) error {
		if tx == nil {
			if tx, err = st.Begin(ctx); err != nil {
				return err
			}
		}
		a := r.Article
		if err := live.Assign(ctx, tx, store.Doc{Article: &a, Facts: r.Facts}); err != nil {
			return err
		}
		n++
		if n%batch == 0 {
			err := tx.Commit()
			tx = nil
			return err
		}
		return nil
	})
	if tx != nil {
		if err != nil {
			tx.Rollback()
		} else {
			err = tx.Commit()
		}
	}
	return n, err
}
