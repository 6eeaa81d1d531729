package cluster

import (
	"sort"
	"time"

	"github.com/tocsin/tocsin/internal/geo"
	"github.com/tocsin/tocsin/internal/news"
)

// Storyline rules. An event links to an earlier one of the same story when
// they happen at the same place (or within storyPlaceKm) and either:
//   - the earlier is a warning or a foiled plot, the later an attack, at most
//     precursorGap apart: a precursor link;
//   - they share most of their people and organisations and much of their
//     vocabulary: a follows link (arrests after an attack, claims, trials).
const (
	storyPlaceKm    = 300
	precursorGap    = 45 * 24 * time.Hour
	followsEntities = 0.5
	followsCosine   = 0.25
)

var (
	warningTypes = map[string]bool{news.TypeWarning: true, news.TypeFoiledPlot: true}
	attackTypes  = map[string]bool{news.TypeArmedAttack: true, news.TypeBombing: true}
)

// links returns the new links between e and the active events that share an
// entity or a place with it.
func (l *Live) links(e *Event) []news.EventLink {
	seen := map[*Event]bool{e: true}
	var others []*Event
	for id := range e.entities {
		for _, o := range l.c.ents[id] {
			if !seen[o] && !o.dead {
				seen[o] = true
				others = append(others, o)
			}
		}
	}
	for id := range e.places {
		for _, o := range l.c.places[id] {
			if !seen[o] && !o.dead {
				seen[o] = true
				others = append(others, o)
			}
		}
	}
	sort.Slice(others, func(i, j int) bool { return others[i].Seq < others[j].Seq })
	var out []news.EventLink
	for _, o := range others {
		early, late := o, e
		if later(o, e) {
			early, late = e, o
		}
		key := [2]string{early.ID, late.ID}
		if l.linked[key] || l.linked[[2]string{late.ID, early.ID}] || !samePlace(l.place(early), l.place(late)) {
			continue
		}
		link := news.EventLink{From: early.ID, To: late.ID}
		gap := time.Duration(0)
		if !early.First.IsZero() && !late.First.IsZero() {
			gap = late.First.Sub(early.First)
		}
		switch {
		case warningTypes[l.summaryType(early)] && attackTypes[l.summaryType(late)] && gap <= precursorGap:
			link.Kind, link.Score = news.LinkPrecursor, 1
		case entityOverlap(early, late) >= followsEntities && centroidCosine(early, late) >= followsCosine:
			link.Kind, link.Score = news.LinkFollows, centroidCosine(early, late)
		default:
			continue
		}
		l.linked[key] = true
		out = append(out, link)
	}
	return out
}

// later reports whether a happened after b: by first publication time when
// both are dated, else by creation order.
func later(a, b *Event) bool {
	if !a.First.IsZero() && !b.First.IsZero() && !a.First.Equal(b.First) {
		return a.First.After(b.First)
	}
	return a.Seq > b.Seq
}

func (l *Live) place(e *Event) *news.Place {
	if s := l.summary[e]; s != nil {
		return s.mainPlace()
	}
	return nil
}

func (l *Live) summaryType(e *Event) string {
	if s := l.summary[e]; s != nil {
		return s.mainType()
	}
	return ""
}

// samePlace reports two known places within storyPlaceKm.
func samePlace(a, b *news.Place) bool {
	if a == nil || b == nil {
		return false
	}
	if a.ID == b.ID {
		return true
	}
	return geo.Distance(geo.Place{Lat: a.Lat, Lon: a.Lon}, geo.Place{Lat: b.Lat, Lon: b.Lon}) <= storyPlaceKm
}

func entityOverlap(a, b *Event) float64 {
	if len(a.entities) == 0 || len(b.entities) == 0 {
		return 0
	}
	hit := 0
	for id := range a.entities {
		if b.entities[id] > 0 {
			hit++
		}
	}
	return float64(hit) / float64(min(len(a.entities), len(b.entities)))
}

func centroidCosine(a, b *Event) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	var dot float64
	for k, w := range a.centroid {
		dot += w * b.centroid[k]
	}
	return dot / (a.norm * b.norm)
}
