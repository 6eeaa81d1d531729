package extract

import (
	"strings"
	"time"

	"github.com/markusmobius/go-dateparser"
)

// dateLayouts are the machine formats publication dates arrive in, tried
// before any language-aware parsing.
var dateLayouts = []string{
	time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05",
	"2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02", time.RFC1123Z, time.RFC1123,
	time.RFC822Z, time.RFC822, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
}

// ParseDate parses a publication date given as text: a machine format, or a
// written date in lang (or any language when lang is empty) with an explicit
// day, month and year. Relative expressions ("yesterday") are refused: a
// publication date must not depend on when Tocsin reads it.
func ParseDate(s, lang string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	cfg := &dateparser.Configuration{
		RequiredParts:   []string{"day", "month", "year"},
		StrictParsing:   true,
		DefaultTimezone: time.UTC,
		// A date without a year would be completed from the clock: refuse.
		CurrentTime: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	if lang != "" && lang != "und" {
		cfg.Languages = []string{lang, "en"}
	}
	d, err := dateparser.Parse(cfg, s)
	if err != nil || d.IsZero() {
		return time.Time{}, false
	}
	return d.Time.UTC(), true
}
