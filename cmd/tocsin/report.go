package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/news"
)

// printReport writes an event's cross-checked report for reading in a
// terminal: what happened, what to believe and why, then the evidence.
func printReport(w io.Writer, r crosscheck.Report) {
	e := r.Event
	title := r.Headline
	if title == "" {
		title = e.Title
	}
	fmt.Fprintf(w, "%s\n%s\n\n", title, strings.Repeat("=", min(len([]rune(title)), 80)))
	fmt.Fprintf(w, "id:         %s\ntype:       %s\n", e.ID, e.Type)
	if e.Place != nil {
		fmt.Fprintf(w, "place:      %s, %s (%.3f, %.3f)\n", e.Place.Name, e.Place.Country, e.Place.Lat, e.Place.Lon)
	}
	fmt.Fprintf(w, "first seen: %s\nlast seen:  %s\nstoryline:  %s\narticles:   %d (%d independent sources)\n\n", dateOrUnknown(e.First), dateOrUnknown(e.Last), e.Storyline, e.Articles, r.Sources.Independent)

	if len(r.Summary) > 0 {
		fmt.Fprintln(w, "Summary")
		for _, s := range r.Summary {
			fmt.Fprintf(w, "  - %s [%s]\n", s.Text, refName(s.Ref))
		}
		fmt.Fprintln(w)
	}
	m := r.Main
	fmt.Fprintln(w, "5W1H")
	for _, kv := range [][2]string{{"who", m.Who}, {"what", m.What}, {"when", dateOrUnknown(m.When)}, {"where", placeName(m.Where)}, {"why", m.Why}, {"how", m.How}} {
		if kv[1] != "" {
			fmt.Fprintf(w, "  %-6s %s\n", kv[0], cut(kv[1], 110))
		}
	}
	fmt.Fprintln(w)

	if len(r.Estimates) > 0 {
		fmt.Fprintf(w, "Best estimates\n  %s\n\n", wrap(crosscheck.EstimateRule, 100, "  "))
		for _, est := range r.Estimates {
			rng := ""
			if est.High > 0 {
				rng = fmt.Sprintf(", reported %d–%d", est.Low, est.High)
			}
			fmt.Fprintf(w, "  %-9s %d (%s%s; %d independent sources)\n            why:  %s\n", est.Kind, est.Value, est.Qualifier, rng, est.Independent, est.Rule)
		}
		fmt.Fprintln(w)
	}
	if len(r.Ledger) > 0 {
		fmt.Fprintln(w, "Figure ledger")
		for i, l := range r.Ledger {
			val := fmt.Sprint(l.Value)
			if l.High > 0 && l.High != l.Low {
				val = fmt.Sprintf("%d–%d", l.Low, l.High)
			}
			auth := ""
			if l.Authority != "" {
				auth = "  per " + l.Authority
			}
			fmt.Fprintf(w, "  %2d %-9s %-8s %-9s %-10s %s%s\n     %q\n", i, l.Kind, val, l.Qualifier, dateOrUnknown(l.Published), refName(l.Ref), auth, cut(l.Sentence, 150))
		}
		fmt.Fprintln(w)
	}
	if len(r.Findings) > 0 {
		fmt.Fprintln(w, "Revisions and contradictions")
		for _, f := range r.Findings {
			fmt.Fprintf(w, "  %-13s %s\n", f.Kind, f.Explanation)
		}
		fmt.Fprintln(w)
	}
	if len(r.Claims) > 0 {
		fmt.Fprintln(w, "Claims")
		for _, c := range r.Claims {
			fmt.Fprintf(w, "  %-8s %s%s  (%d independent sources)\n", c.Stance, c.Actor, targetOf(c.Target), c.Independent)
			for _, s := range c.Statements {
				fmt.Fprintf(w, "           %q [%s]\n", cut(s.Text, 120), refName(s.Ref))
			}
		}
		fmt.Fprintln(w)
	}
	if len(r.Timeline) > 0 {
		fmt.Fprintln(w, "Timeline")
		for _, h := range r.Timeline {
			when := h.When.Format("2006-01-02")
			switch {
			case h.Undated:
				// What the sentence says of the day survives even when the
				// date does not: "Friday 20:30".
				when = strings.TrimSpace("date unknown " + h.Weekday + " " + h.Clock)
			case h.Granularity == "hour" || h.Granularity == "minute":
				when = h.When.Format("2006-01-02 15:04Z")
			case h.Granularity == "week":
				when = "week of " + when
			}
			var names []string
			for _, s := range h.Sources {
				names = append(names, refName(s))
			}
			fmt.Fprintf(w, "  %-25s %s [%s]\n", when, cut(h.What, 120), strings.Join(names, "; "))
		}
		fmt.Fprintln(w)
	}
	s := r.Sources
	fmt.Fprintln(w, "Sources")
	var outlets []string
	for _, o := range s.Outlets {
		n := fmt.Sprintf("%s %d", o.Name, o.Articles)
		if o.Country != "" {
			n = fmt.Sprintf("%s (%s) %d", o.Name, o.Country, o.Articles)
		}
		outlets = append(outlets, n)
	}
	fmt.Fprintf(w, "  %d articles, %d independent; outlets: %s; countries: %s; languages: %s\n\n", s.Articles, s.Independent, orNone(outlets), orNone(s.Countries), orNone(s.Languages))
}

// refName names a row's source: its outlet, else its article id.
func refName(r crosscheck.Ref) string {
	if r.Source != "" {
		return r.Source + " " + r.Article
	}
	return r.Article
}

func placeName(p *news.Place) string {
	if p == nil {
		return ""
	}
	return p.Name + ", " + p.Country
}

func targetOf(t string) string {
	if t == "" {
		return ""
	}
	return ": " + t
}

func orNone(l []string) string {
	if len(l) == 0 {
		return "unknown"
	}
	return strings.Join(l, ", ")
}

// wrap breaks s into lines of at most n characters, indenting the
// following lines.
func wrap(s string, n int, indent string) string {
	var b strings.Builder
	line := 0
	for i, w := range strings.Fields(s) {
		if i > 0 && line+1+len([]rune(w)) > n {
			b.WriteString("\n" + indent)
			line = 0
		} else if i > 0 {
			b.WriteByte(' ')
			line++
		}
		b.WriteString(w)
		line += len([]rune(w))
	}
	return b.String()
}
