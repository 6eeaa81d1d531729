package store

import (
	"cmp"
	"slices"
	"time"

	"github.com/tocsin/tocsin/internal/news"
)

// StorylineTitle names a storyline after its largest event (the first of
// them when several are as large).
func StorylineTitle(events []news.Event) string {
	best := events[0]
	for _, e := range events[1:] {
		if e.Articles > best.Articles {
			best = e
		}
	}
	return best.Title
}

// SortStorylines puts the most recently active storyline first, keeping
// the order of storylines as recent as each other.
func SortStorylines(lines []news.Storyline) {
	last := func(l news.Storyline) time.Time {
		var t time.Time
		for _, e := range l.Events {
			if e.Last != nil && e.Last.After(t) {
				t = *e.Last
			}
		}
		return t
	}
	slices.SortStableFunc(lines, func(a, b news.Storyline) int { return last(b).Compare(last(a)) })
}

// NearestFirst returns up to k of events, those first seen nearest at,
// nearest first (input order between equals); events without a first-seen
// time are left out. Stores use it to pick a storyline's events around one
// (StorylineNeighbours).
func NearestFirst(events []news.Event, at time.Time, k int) []news.Event {
	type near struct {
		ev   news.Event
		away time.Duration
	}
	var found []near
	for _, e := range events {
		if e.First != nil {
			away := e.First.Sub(at)
			found = append(found, near{e, max(away, -away)})
		}
	}
	slices.SortStableFunc(found, func(a, b near) int { return cmp.Compare(a.away, b.away) })
	out := make([]news.Event, 0, min(k, len(found)))
	for _, n := range found[:min(k, len(found))] {
		out = append(out, n.ev)
	}
	return out
}
