package crosscheck

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/tocsin/tocsin/internal/news"

	"github.com/tocsin/tocsin/internal/store"
)

// Load reads an event, its articles with their facts and the articles of
// the storyline's events nearest it in time from st, and compiles its
// report with the default options. A server compiling many reports uses a
// Loader instead.
func Load(ctx context.Context, st store.Store, eventID string) (Report, error) {
	return NewLoader(st).Load(ctx, eventID)
}

// Loader loads reports like Load, and keeps what a report reads of each of
// its storyline's other events — their part of the timeline — so that the
// reports of one storyline share it: a cold report of an event of a long
// storyline read and decoded the articles of 24 other events, most of its
// cost. A kept part is used while that event's row is unchanged (an
// article joining it changes its article count), as the web server's
// report cache does with whole reports.
type Loader struct {
	st store.Store

	mu    sync.Mutex
	parts map[string]keptPart // by event id
	bytes int                 // the kept parts' costs
}

type keptPart struct {
	version partVersion
	part    timelinePart
	cost    int
}

// partVersion is what of an event row its timeline part depends on.
type partVersion struct {
	articles    int
	first, last time.Time
}

func partVersionOf(e news.Event) partVersion {
	v := partVersion{articles: e.Articles}
	if e.First != nil {
		v.first = *e.First
	}
	if e.Last != nil {
		v.last = *e.Last
	}
	return v
}

// maxPartBytes bounds the kept parts, counted by partCost.
const maxPartBytes = 64 << 20

// NewLoader returns a Loader reading st.
func NewLoader(st store.Store) *Loader {
	return &Loader{st: st, parts: map[string]keptPart{}}
}

// Load compiles the report of event eventID with the default options.
func (l *Loader) Load(ctx context.Context, eventID string) (Report, error) {
	ev, err := l.st.Event(ctx, eventID)
	if err != nil {
		return Report{}, err
	}
	sr, ok := l.st.(storylineReader)
	if !ok {
		inputs, err := loadStoryline(ctx, l.st, ev)
		if err != nil {
			return Report{}, err
		}
		return Compile(ev, inputs, Options{}), nil
	}
	own, more, err := l.readStoryline(ctx, sr, ev)
	if err != nil {
		return Report{}, err
	}
	return compile(ev, own, more, Options{}), nil
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
	StorylineNeighbours(ctx context.Context, ev news.Event, span time.Duration, k int) ([]news.Event, error)
	EventsArticles(ctx context.Context, eventIDs []string) ([]store.StoredArticle, error)
}

// readStoryline returns the inputs of ev's own articles and the timeline
// parts of its storyline's events nearest it, reading the articles of
// those whose part is not kept.
func (l *Loader) readStoryline(ctx context.Context, sr storylineReader, ev news.Event) ([]Input, []timelinePart, error) {
	var near []news.Event
	var err error
	switch {
	case ev.Storyline == "":
	case ev.First != nil:
		near, err = sr.StorylineNeighbours(ctx, ev, storylineSpan, storylineEvents)
	default:
		// An undated event has no time to be near: the storyline's most
		// recently active events.
		near, err = otherEvents(ctx, l.st, ev, store.EventQuery{Storyline: ev.Storyline, Limit: storylineEvents + 1})
	}
	if err != nil {
		return nil, nil, err
	}
	parts := make([]timelinePart, len(near))
	ids := []string{ev.ID}
	missing := map[string]int{} // event id → index in near
	l.mu.Lock()
	for i, n := range near {
		if k, ok := l.parts[n.ID]; ok && k.version == partVersionOf(n) {
			parts[i] = k.part
		} else {
			ids = append(ids, n.ID)
			missing[n.ID] = i
		}
	}
	l.mu.Unlock()
	rows, err := sr.EventsArticles(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	var own []Input
	others := map[string][]Input{}
	for _, r := range rows {
		in := Input{Article: r.Article, Event: r.Event}
		if r.Facts != nil {
			var f news.Facts
			if r.Event == ev.ID {
				f, err = reportFacts(r.Facts)
			} else {
				f, err = timelineFacts(r.Facts)
			}
			if err != nil {
				return nil, nil, fmt.Errorf("facts of %s: %w", r.Article.ID, err)
			}
			in.Facts = &f
		}
		if r.Event == ev.ID {
			own = append(own, in)
		} else {
			others[r.Event] = append(others[r.Event], in)
		}
	}
	for id, i := range missing {
		parts[i] = eventPart(others[id])
		l.keep(id, partVersionOf(near[i]), parts[i])
	}
	return own, parts, nil
}

// eventPart is the timeline part of the articles of another event of a
// report's storyline.
func eventPart(inputs []Input) timelinePart {
	arts := make([]*art, len(inputs))
	for i, in := range inputs {
		arts[i] = newArt(in, i, false)
	}
	redate(arts)
	parts := make([]timelinePart, len(arts))
	for i, a := range arts {
		parts[i] = a.happenings()
	}
	return joinParts(parts)
}

// keep keeps the part of event id, making room within maxPartBytes.
func (l *Loader) keep(id string, v partVersion, p timelinePart) {
	k := keptPart{version: v, part: p, cost: partCost(p)}
	l.mu.Lock()
	defer l.mu.Unlock()
	if old, ok := l.parts[id]; ok {
		l.bytes -= old.cost
		delete(l.parts, id)
	}
	for drop := range l.parts {
		if l.bytes+k.cost <= maxPartBytes {
			break
		}
		l.bytes -= l.parts[drop].cost
		delete(l.parts, drop)
	}
	if l.bytes+k.cost <= maxPartBytes {
		l.parts[id] = k
		l.bytes += k.cost
	}
}

// partCost estimates the bytes a part holds.
func partCost(p timelinePart) int {
	n := 64
	for _, hs := range [][]*happening{p.dated, p.undated} {
		for _, h := range hs {
			n += 256 + len(h.What) + 48*len(h.terms)
			for _, r := range h.Sources {
				n += len(r.Article) + len(r.Source) + len(r.URL) + 64
			}
		}
	}
	return n
}

// reportFacts decodes the facts of one of the event's own articles. Their
// mentions, the largest part of the stored facts, are read only to find
// the places named in a claim, so they are decoded only for an article
// with claims.
func reportFacts(raw json.RawMessage) (news.Facts, error) {
	var t struct {
		news.Facts
		Mentions json.RawMessage `json:"mentions"`
	}
	if err := json.Unmarshal(raw, &t); err != nil {
		return news.Facts{}, err
	}
	f := t.Facts
	if len(t.Claims) > 0 && len(t.Mentions) > 0 {
		if err := json.Unmarshal(t.Mentions, &f.Mentions); err != nil {
			return news.Facts{}, err
		}
	}
	return f, nil
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
		near, err := otherEvents(ctx, st, ev, q)
		if err != nil {
			return nil, err
		}
		for _, n := range near {
			ids = append(ids, n.ID)
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

// otherEvents returns up to storylineEvents events q lists other than ev.
func otherEvents(ctx context.Context, st store.Store, ev news.Event, q store.EventQuery) ([]news.Event, error) {
	events, err := st.Events(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("storyline %s: %w", ev.Storyline, err)
	}
	var out []news.Event
	for _, other := range events {
		if other.ID != ev.ID && len(out) < storylineEvents {
			out = append(out, other)
		}
	}
	return out, nil
}
