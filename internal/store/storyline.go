package store

import (
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
