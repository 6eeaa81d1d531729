package extract

import (
	"regexp"
	"strconv"
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

// numericDate is an all-numeric date with the year last, and maybe a time:
// "02.04.2024", "2/4/2024 14:30", "02.04.2024, 14:30 Uhr".
var numericDate = regexp.MustCompile(`(?i)^(\d{1,2})([./-])(\d{1,2})([./-])(\d{4})(?:,?\s+(?:um\s+|à\s+|at\s+)?(\d{1,2})[:.h](\d{2})(?:\s*(?:uhr|h))?)?$`)

// sentinel is the "now" that relative expressions are resolved against: any
// date it leaks into (before 1900) came from "yesterday" or "2 hours ago",
// not from the text.
var sentinel = time.Date(1800, 1, 1, 12, 0, 0, 0, time.UTC)

// ParseDate parses a publication date given as text: a machine format, or a
// written date in lang (or any language when lang is empty) with an explicit
// day, month and year. Relative expressions ("yesterday") are refused: a
// publication date must not depend on when Tocsin reads it. So are numeric
// dates whose day and month could be swapped ("03/08/2024") unless lang
// settles the order; dotted dates ("02.04.2024") are always day first.
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
	if m := numericDate.FindStringSubmatch(s); m != nil {
		return parseNumeric(m, lang)
	}
	cfg := &dateparser.Configuration{
		RequiredParts:   []string{"day", "month", "year"},
		StrictParsing:   true,
		DefaultTimezone: time.UTC,
		CurrentTime:     sentinel,
	}
	if lang != "" && lang != "und" {
		cfg.Languages = []string{lang, "en"}
	}
	d, err := dateparser.Parse(cfg, s)
	if err != nil || d.IsZero() || d.Time.Year() < 1900 {
		return time.Time{}, false
	}
	return d.Time.UTC(), true
}

// parseNumeric reads a numericDate match. Dots mean day.month.year
// everywhere; with slashes or dashes the order is taken from a number above
// 12, or from lang (month first only in English, day first elsewhere), and
// refused when neither settles it.
func parseNumeric(m []string, lang string) (time.Time, bool) {
	if m[2] != m[4] {
		return time.Time{}, false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[3])
	year, _ := strconv.Atoi(m[5])
	day, month := a, b
	switch {
	case m[2] == ".":
	case a > 12:
	case b > 12:
		day, month = b, a
	case lang == "" || lang == "und" || lang == "en":
		return time.Time{}, false // 03/08/2024: March 8 or 3 August?
	}
	hour, minute := 0, 0
	if m[6] != "" {
		hour, _ = strconv.Atoi(m[6])
		minute, _ = strconv.Atoi(m[7])
	}
	if month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, 0, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, false // 31.02.2024
	}
	return t, true
}
