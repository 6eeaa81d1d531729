package crosscheck

import (
	"context"
	"errors"
	"fmt"

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
		events, err := st.Events(ctx, store.EventQuery{Storyline: ev.Storyline})
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

// loadInputs reads the articles of one event with their facts.
func loadInputs(ctx context.Context, st store.Store, eventID string) ([]Input, error) {
	arts, err := st.EventArticles(ctx, eventID)
	if err != nil {
		return nil, fmt.Errorf("articles of event %s: %w", eventID, err)
	}
	out := make([]Input, 0, len(arts))
	for _, a := range arts {
		in := Input{Article: a.Article, Event: eventID}
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
