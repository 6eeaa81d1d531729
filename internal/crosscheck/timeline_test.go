package crosscheck

import (
	"strings"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/news"
)

// TestTimelineUndated compiles an event whose English, German and French
// reports carry no publication date, in a storyline whose precursor warning
// is dated: the warning comes first, dated; the attack, the toll, the claim
// and the arrests follow, marked undated, with what is known of the day and
// hour; background sentences stay out.
func TestTimelineUndated(t *testing.T) {
	r := Compile(news.Event{ID: "ev-u", Type: news.TypeArmedAttack}, fixture(t, "undated"), Options{})
	tl := r.Timeline
	if len(tl) == 0 || tl[0].Undated || tl[0].Event != "ev-p" || !tl[0].When.Equal(time.Date(2025, 5, 5, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("timeline starts %+v, want the dated 5 May warning", tl)
	}
	find := func(sub string) *Happening {
		for i := range tl {
			if strings.Contains(tl[i].What, sub) {
				return &tl[i]
			}
		}
		return nil
	}
	for i, h := range tl[1:] {
		if !h.Undated || !h.When.IsZero() || h.Granularity != "" {
			t.Errorf("happening %d after the warning %+v: want undated with zero time", i+1, h)
		}
	}
	attack := find("opened fire")
	if attack == nil || attack.Weekday != "Saturday" || attack.Clock != "21:00" || len(attack.Sources) != 3 {
		t.Errorf("attack = %+v, want Saturday 21:00 from the three reports (en, de, fr merged)", attack)
	}
	for _, sub := range []string{"12 people were killed", "claimed responsibility", "four suspects were arrested", "Mindestens 12 Menschen", "Au moins 12 personnes"} {
		if find(sub) == nil {
			t.Errorf("no undated happening %q in %+v", sub, tl)
		}
	}
	if h := find("claimed responsibility"); h != nil && h.Type != news.TypeClaim {
		t.Errorf("claim typed %q", h.Type)
	}
	for _, sub := range []string{"known for its food", "für ihre Küche", "gastronomie"} {
		if h := find(sub); h != nil {
			t.Errorf("background sentence in the timeline: %+v", h)
		}
	}
}

// TestTimelineUndatedStoryline checks that an undated article of another
// event of the storyline gives only its sentences that say a weekday or
// clock time: its figures are another event's.
func TestTimelineUndatedStoryline(t *testing.T) {
	r := Compile(news.Event{ID: "ev-p"}, fixture(t, "undated"), Options{})
	for _, h := range r.Timeline {
		if h.Undated && h.Weekday == "" && h.Clock == "" {
			t.Errorf("undated happening of another event without weekday or clock: %+v", h)
		}
	}
}
