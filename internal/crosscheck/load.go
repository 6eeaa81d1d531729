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
// the other events of its storyline from st, and compiles its report with
// the default options.
func Load(ctx context.Context, st store.Store, eventID string) (Report, error) {
	ev, err := st.Event(ctx, eventID)
	if err != nil {
		return Report{}, err
	}
	inputs, err := loadInputs(ctx, st, ev.ID)
	if err != nil {
		return Report{}, err
	}
	if ev.Storyline != "" {
		events, err := st.Events(ctx, storylineQuery(ev))
		if err != nil {
			return Report{}, fmt.Errorf("storyline %s: %w", ev.Storyline, err)
		}
		for _, other := range events {
			if other.ID == ev.ID {
				continue
			}
			more, err := loadInputs(ctx, st, other.ID)
			if err != nil {
				return Report{}, err
			}
			inputs = append(inputs, more...)
		}
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

// eventFacter is a store that reads the facts of all of an event's
// articles at once (the SQLite store): a query per article costs a wait
// for a connection each under load.
type eventFacter interface {
	EventFacts(ctx context.Context, eventID string) (map[string]news.Facts, error)
}

// loadInputs reads the articles of one event with their facts.
func loadInputs(ctx context.Context, st store.Store, eventID string) ([]Input, error) {
	arts, err := st.EventArticles(ctx, eventID)
	if err != nil {
		return nil, fmt.Errorf("articles of event %s: %w", eventID, err)
	}
	var batch map[string]news.Facts
	if ef, ok := st.(eventFacter); ok {
		if batch, err = ef.EventFacts(ctx, eventID); err != nil {
			return nil, err
		}
	}
	out := make([]Input, 0, len(arts))
	for _, a := range arts {
		in := Input{Article: a.Article, Event: eventID}
		if batch != nil {
			if f, ok := batch[a.Article.ID]; ok {
				in.Facts = &f
			}
			out = append(out, in)
			continue
		}
		f, err := st.Facts(ctx, a.Article.ID)
		switch {
		case err == nil:
			in.Facts = &f
		case !errors.Is(err, store.ErrNotFound):
			return nil, fmt.Errorf("facts of %s: %w", a.Article.ID, err)
		}
		out = append(out, in)
	}
	return out, nil
}
