package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
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
	c       *Clusterer
	summary map[*Event]*summary
	linked  map[[2]string]bool

	tx     store.Tx        // the transaction last caught up in
	cursor int64           // the last stored article seen (store.Replayed.Seq)
	mine   map[string]bool // articles assigned here since the last catch-up
}

// summary is what Live tells the store about an event.
type summary struct {
	types  map[string]int
	places map[int64]int
	byID   map[int64]news.Place
	first  int64 // place of the event's first article, to break ties
}

// EventID names an event after the article that started it: stable across
// runs and reclustering of the same input.
func EventID(_ int, it *Item) string { return "ev-" + it.ID }

// NewLive returns a Live clusterer that resumes from what st holds: the
// articles of events active within twice the window of the newest one are
// put back into their events.
func NewLive(ctx context.Context, st store.Store, cfg Config) (*Live, error) {
	l := &Live{c: New(cfg, EventID), summary: map[*Event]*summary{}, linked: map[[2]string]bool{}, mine: map[string]bool{}}
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
		it := NewItem(&r.Article, r.Facts)
		l.note(l.c.restore(it, r.Event), it)
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
		for _, k := range s.Links {
			l.linked[[2]string{k.From, k.To}] = true
		}
	}
	return l, nil
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
	err := tx.After(ctx, l.cursor, func(r store.Replayed) error {
		l.cursor = max(l.cursor, r.Seq)
		if r.Event == "" || l.mine[r.Article.ID] {
			return nil
		}
		it := NewItem(&r.Article, r.Facts)
		l.note(l.c.restore(it, r.Event), it)
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
	it := NewItem(d.Article, d.Facts)
	as := l.c.Assign(it)
	sum := l.note(as.Event, it)
	evidence, err := json.Marshal(as.Evidence)
	if err != nil {
		return err
	}
	err = tx.Assign(ctx, store.Assignment{
		Article: d.Article.ID, Event: as.Event.ID, Created: as.New, Title: as.Event.Title,
		Type: sum.mainType(), Place: sum.mainPlace(), Score: as.Score, Evidence: evidence, Time: d.Article.Published,
	})
	if err != nil {
		return err
	}
	for _, link := range l.links(as.Event) {
		if err := tx.Link(ctx, link); err != nil {
			return err
		}
	}
	return nil
}

// note adds the item's type and main place to the event's summary.
func (l *Live) note(e *Event, it *Item) *summary {
	s := l.summary[e]
	if s == nil {
		s = &summary{types: map[string]int{}, places: map[int64]int{}, byID: map[int64]news.Place{}, first: -1}
		l.summary[e] = s
	}
	if it.Type != "" {
		s.types[it.Type]++
	}
	if len(it.Places) > 0 {
		p := it.Places[0]
		s.places[p.ID]++
		s.byID[p.ID] = p
		if s.first < 0 {
			s.first = p.ID
		}
	}
	return s
}

func (s *summary) mainType() string { return mainType(s.types) }

func (s *summary) mainPlace() *news.Place {
	if len(s.places) == 0 {
		return nil
	}
	best, n := s.first, s.places[s.first]
	ids := make([]int64, 0, len(s.places))
	for id := range s.places {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		if s.places[id] > n {
			best, n = id, s.places[id]
		}
	}
	p := s.byID[best]
	return &p
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
