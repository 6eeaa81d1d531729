// Package watch decides when an event deserves an alert and delivers it:
// rules match cross-checked events by place, country, entity, type,
// severity and independent sources; an alert is raised once per event and
// rule, and again only when the event's figures change materially; alerts
// go out as signed webhooks and as an Atom feed per rule. It reads events
// through an injected report loader and keeps its state in a store.Watches;
// it polls no feeds and serves no pages but the Atom feed.
package watch

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/geo"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/text"
)

// typeWeight is the part of severity an event type gives, out of 25:
// violence first, then disasters, then what only threatens or reports.
var typeWeight = map[string]int{
	news.TypeArmedAttack: 25,
	news.TypeBombing:     25,
	news.TypeDisaster:    20,
	news.TypeFoiledPlot:  12,
	news.TypeWarning:     10,
	news.TypeClaim:       10,
	news.TypeProtest:     8,
	news.TypeStatement:   5,
}

// Severity rates an event from 0 to 100 (docs/alerts.md):
//
//   - casualties, up to 60: 8·log2(1 + 2·killed + injured), so that a death
//     weighs twice an injury and the scale grows with orders of magnitude
//     (1 killed: 13, 10 killed: 35, 50 killed: 53, 180 killed or more: 60);
//   - event type, up to 25 (typeWeight);
//   - sources, up to 15: 5 per independent source beyond the first.
func Severity(r crosscheck.Report) int {
	figures := Figures(r)
	toll := float64(2*figures[news.Killed] + figures[news.Injured])
	casualties := min(60, int(math.Round(8*math.Log2(1+toll))))
	sources := min(15, 5*max(0, r.Sources.Independent-1))
	return casualties + typeWeight[r.Event.Type] + sources
}

// Figures is the best estimate of each figure kind an event reports.
func Figures(r crosscheck.Report) map[string]int {
	m := map[string]int{}
	for _, e := range r.Estimates {
		m[e.Kind] = e.Value
	}
	return m
}

// Match reports whether an event's report satisfies every criterion of a
// rule; a rule without criteria matches every event.
func Match(rule store.Rule, r crosscheck.Report) bool {
	ev := r.Event
	if rule.Near != nil {
		if ev.Place == nil || rule.RadiusKm <= 0 {
			return false
		}
		d := geo.Distance(geo.Place{Lat: rule.Near.Lat, Lon: rule.Near.Lon}, geo.Place{Lat: ev.Place.Lat, Lon: ev.Place.Lon})
		if d > rule.RadiusKm {
			return false
		}
	}
	if rule.Country != "" && (ev.Place == nil || !strings.EqualFold(ev.Place.Country, rule.Country)) {
		return false
	}
	if rule.Type != "" && ev.Type != rule.Type {
		return false
	}
	if rule.Entity != "" && !mentions(r, rule.Entity) {
		return false
	}
	if rule.MinSources > 0 && r.Sources.Independent < rule.MinSources {
		return false
	}
	if rule.MinSeverity > 0 && Severity(r) < rule.MinSeverity {
		return false
	}
	return true
}

// mentions reports whether an entity of the event is want: by canonical id,
// or by name or alias compared case- and accent-insensitively.
func mentions(r crosscheck.Report, want string) bool {
	folded := text.Fold(strings.TrimSpace(want))
	for _, e := range r.Entities {
		if strings.EqualFold(e.ID, want) || text.Fold(e.Name) == folded {
			return true
		}
		if slices.ContainsFunc(e.Aliases, func(a string) bool { return text.Fold(a) == folded }) {
			return true
		}
	}
	return false
}

// Material reports whether figures changed enough since an alert to raise
// another: a kind reported for the first time, or an estimate up by at
// least 5 or by at least 20%. Falling estimates raise nothing: the
// alert said "at least" what it knew then.
func Material(before, now map[string]int) bool {
	for kind, v := range now {
		old, ok := before[kind]
		switch {
		case !ok && v > 0:
			return true
		case v-old >= 5:
			return true
		case v > old && float64(v) >= 1.2*float64(old):
			return true
		}
	}
	return false
}

// Describe says in words what a rule matches, for tables and pages.
func Describe(r store.Rule) string {
	var parts []string
	if r.Near != nil {
		parts = append(parts, fmt.Sprintf("within %g km of %g,%g", r.RadiusKm, r.Near.Lat, r.Near.Lon))
	}
	for _, kv := range [][2]string{{"country", r.Country}, {"entity", r.Entity}, {"type", r.Type}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+" "+kv[1])
		}
	}
	if r.MinSeverity > 0 {
		parts = append(parts, fmt.Sprintf("severity ≥ %d", r.MinSeverity))
	}
	if r.MinSources > 0 {
		parts = append(parts, fmt.Sprintf("sources ≥ %d", r.MinSources))
	}
	if len(parts) == 0 {
		return "every event"
	}
	return strings.Join(parts, ", ")
}
