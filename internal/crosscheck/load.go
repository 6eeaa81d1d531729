package crosscheck

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tocsin/tocsin/internal/news"

	"github.com/tocsin/tocsin/internal/store"
)

// Load reads an event, its articles with their facts and the articles of
// the other events of its storyline near it in time from st, and compiles
// its report with the default options.
func Load(ctx context.Context, st store.Store, eventID string) (Report, error) {
	ev, err := st.Event(ctx, eventID)
	if err != nil {
		return Report{}, err
	}
	ids := []string{ev.ID}
	if ev.Storyline != "" {
		events, err := st.Events(ctx, storylineQuery(ev))
		if err != nil {
			return Report{}, fmt.Errorf("storyline %s: %w", ev.Storyline, err)
		}
		for _, other := range events {
			if other.ID != ev.ID && len(ids) <= storylineEvents {
				ids = append(ids, other.ID)
			}
		}
	}
	inputs, err := loadInputs(ctx, st, ids)
	if err != nil {
		return Report{}, err
	}
	return Compile(ev, inputs, Options{}), nil
}

// The timeline takes the storyline's events near this one in time, and a
// bounded number of them: a long-running story can link thousands of
// events, and reading all of them would make one report cost minutes.
const (
	storylineSpan   = 30 * 24 * time.Hour
	storylineEvents = 24
)

func storylineQuery(ev news.Event) store.EventQuery {
	q := store.EventQuery{Storyline: ev.Storyline, Limit: storylineEvents + 1}
	if ev.First != nil {
		q.Since = ev.First.Add(-storylineSpan)
	}
	if ev.Last != nil {
		q.Until = ev.Last.Add(storylineSpan)
	}
	return q
}

// eventsReader is a store that reads the articles of several events with
// their facts in one query, event by event in the order asked (the SQLite
// store): a report of an event in a
// storyline reads up to 25 events, and a query per event, let alone per
// article, waits for a reader connection each time under load.
type eventsReader interface {
	EventsArticles(ctx context.Context, eventIDs []string) ([]store.Replayed, error)
}

// loadInputs reads the articles of events with their facts, event by event
// in the order of ids.
func loadInputs(ctx context.Context, st store.Store, ids []string) ([]Input, error) {
	if er, ok := st.(eventsReader); ok {
		rows, err := er.EventsArticles(ctx, ids)
		if err != nil {
			return nil, err
		}
		out := make([]Input, len(rows))
		for i, r := range rows {
			out[i] = Input{Article: r.Article, Facts: r.Facts, Event: r.Event}
		}
		return out, nil
	}
	var out []Input
	for _, id := range ids {
		arts, err := st.EventArticles(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("articles of event %s: %w", id, err)
		}
		for _, a := range arts {
			in := Input{Article: a.Article, Event: id}
			f, err := st.Facts(ctx, a.Article.ID)
			switch {
			case err == nil:
				in.Facts = &f
			case !errors.Is(err, store.ErrNotFound):
				return nil, fmt.Errorf("facts of %s: %w", a.Article.ID, err)
			}
			out = append(out, in)
		}
	}
	return out, nil
}
