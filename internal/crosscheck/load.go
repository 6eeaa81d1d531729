package crosscheck

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tocsin/tocsin/internal/news"

	"github.com/tocsin/tocsin/internal/store"
)

// Load reads an event, its articles with their facts and the articles of
// the storyline's events nearest it in time from st, and compiles its
// report with the default options.
func Load(ctx context.Context, st store.Store, eventID string) (Report, error) {
	ev, err := st.Event(ctx, eventID)
	if err != nil {
		return Report{}, err
	}
	var inputs []Input
	if sr, ok := st.(storylineReader); ok {
		inputs, err = readStoryline(ctx, st, sr, ev)
	} else {
		inputs, err = loadStoryline(ctx, st, ev)
	}
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

// storylineReader is a store that finds a storyline's events nearest an
// event with an index and reads several events' articles with their stored
// facts in one query (the SQLite store). A report of an event in a long
// storyline then costs three queries, and decodes of the other events'
// facts only what the timeline reads.
type storylineReader interface {
	StorylineNeighbours(ctx context.Context, ev news.Event, span time.Duration, k int) ([]string, error)
	EventsArticles(ctx context.Context, eventIDs []string) ([]store.StoredArticle, error)
}

func readStoryline(ctx context.Context, st store.Store, sr storylineReader, ev news.Event) ([]Input, error) {
	ids := []string{ev.ID}
	var err error
	switch {
	case ev.Storyline == "":
	case ev.First != nil:
		var more []string
		more, err = sr.StorylineNeighbours(ctx, ev, storylineSpan, storylineEvents)
		ids = append(ids, more...)
	default:
		// An undated event has no time to be near: the storyline's most
		// recently active events.
		ids, err = storylineEventIDs(ctx, st, ev, store.EventQuery{Storyline: ev.Storyline, Limit: storylineEvents + 1})
	}
	if err != nil {
		return nil, err
	}
	rows, err := sr.EventsArticles(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Input, len(rows))
	for i, r := range rows {
		out[i] = Input{Article: r.Article, Event: r.Event}
		if r.Facts == nil {
			continue
		}
		var f news.Facts
		if r.Event == ev.ID {
			err = json.Unmarshal(r.Facts, &f)
		} else {
			f, err = timelineFacts(r.Facts)
		}
		if err != nil {
			return nil, fmt.Errorf("facts of %s: %w", r.Article.ID, err)
		}
		out[i].Facts = &f
	}
	return out, nil
}

// timelineFacts decodes the facts the timeline reads of another event's
// article: its sentences, dates, figures, claims and type. Entities and
// mentions, most of the stored facts, are skipped.
func timelineFacts(raw json.RawMessage) (news.Facts, error) {
	var t struct {
		Lang      string             `json:"lang"`
		Sentences []news.Span        `json:"sentences"`
		Dates     []news.DateMention `json:"dates"`
		Figures   []news.Figure      `json:"figures"`
		Claims    []news.Claim       `json:"claims"`
		Type      news.EventType     `json:"event_type"`
	}
	err := json.Unmarshal(raw, &t)
	return news.Facts{Lang: t.Lang, Sentences: t.Sentences, Dates: t.Dates, Figures: t.Figures, Claims: t.Claims, Type: t.Type}, err
}

// loadStoryline reads the inputs through the store contract: the
// storyline's most recently active events within storylineSpan of the
// event, and each article's facts.
func loadStoryline(ctx context.Context, st store.Store, ev news.Event) ([]Input, error) {
	ids := []string{ev.ID}
	if ev.Storyline != "" {
		q := store.EventQuery{Storyline: ev.Storyline, Limit: storylineEvents + 1}
		if ev.First != nil {
			q.Since = ev.First.Add(-storylineSpan)
		}
		if ev.Last != nil {
			q.Until = ev.Last.Add(storylineSpan)
		}
		var err error
		if ids, err = storylineEventIDs(ctx, st, ev, q); err != nil {
			return nil, err
		}
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

// storylineEventIDs returns ev's id and those of up to storylineEvents
// other events q lists.
func storylineEventIDs(ctx context.Context, st store.Store, ev news.Event, q store.EventQuery) ([]string, error) {
	events, err := st.Events(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("storyline %s: %w", ev.Storyline, err)
	}
	ids := []string{ev.ID}
	for _, other := range events {
		if other.ID != ev.ID && len(ids) <= storylineEvents {
			ids = append(ids, other.ID)
		}
	}
	return ids, nil
}
