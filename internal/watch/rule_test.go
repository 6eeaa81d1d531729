package watch

import (
	"testing"

	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// krasnogorsk is a hand-built report of an attack near Moscow.
func krasnogorsk() crosscheck.Report {
	return crosscheck.Report{
		Event: news.Event{ID: "ev1", Title: "Gunmen attack concert hall", Type: news.TypeArmedAttack,
			Place: &news.Place{Name: "Krasnogorsk", Country: "RU", Lat: 55.82, Lon: 37.33}},
		Estimates: []crosscheck.Estimate{{Kind: news.Killed, Value: 40}, {Kind: news.Injured, Value: 100}},
		Entities: []crosscheck.EntityRow{
			{Entity: news.Entity{ID: "org:isis-k", Name: "Islamic State Khorasan", Type: news.ORG, Aliases: []string{"ISIS-K", "IS-K"}}},
			{Entity: news.Entity{ID: "geo:538560", Name: "Krasnogorsk", Type: news.LOC}},
		},
		Sources: crosscheck.Sources{Articles: 5, Independent: 3},
	}
}

func TestMatch(t *testing.T) {
	moscow := &store.Point{Lat: 55.7558, Lon: 37.6173} // Krasnogorsk is about 20 km away
	unplaced := krasnogorsk()
	unplaced.Event.Place = nil
	cases := []struct {
		name string
		rule store.Rule
		r    crosscheck.Report
		want bool
	}{
		{"no criteria", store.Rule{}, krasnogorsk(), true},
		{"within radius", store.Rule{Near: moscow, RadiusKm: 30}, krasnogorsk(), true},
		{"outside radius", store.Rule{Near: moscow, RadiusKm: 10}, krasnogorsk(), false},
		{"radius but no place", store.Rule{Near: moscow, RadiusKm: 3000}, unplaced, false},
		{"far away", store.Rule{Near: &store.Point{Lat: 48.8566, Lon: 2.3522}, RadiusKm: 500}, krasnogorsk(), false},
		{"country", store.Rule{Country: "ru"}, krasnogorsk(), true},
		{"other country", store.Rule{Country: "FR"}, krasnogorsk(), false},
		{"country but no place", store.Rule{Country: "RU"}, unplaced, false},
		{"entity id", store.Rule{Entity: "org:isis-k"}, krasnogorsk(), true},
		{"entity name, folded", store.Rule{Entity: "islamic state KHORASAN"}, krasnogorsk(), true},
		{"entity alias", store.Rule{Entity: "is-k"}, krasnogorsk(), true},
		{"absent entity", store.Rule{Entity: "org:hamas"}, krasnogorsk(), false},
		{"type", store.Rule{Type: news.TypeArmedAttack}, krasnogorsk(), true},
		{"other type", store.Rule{Type: news.TypeProtest}, krasnogorsk(), false},
		{"severity reached", store.Rule{MinSeverity: 90}, krasnogorsk(), true},
		{"severity not reached", store.Rule{MinSeverity: 99}, krasnogorsk(), false},
		{"sources reached", store.Rule{MinSources: 3}, krasnogorsk(), true},
		{"sources not reached", store.Rule{MinSources: 4}, krasnogorsk(), false},
		{"all together", store.Rule{Near: moscow, RadiusKm: 50, Country: "RU", Entity: "ISIS-K", Type: news.TypeArmedAttack,
			MinSeverity: 50, MinSources: 2}, krasnogorsk(), true},
		{"all but one", store.Rule{Near: moscow, RadiusKm: 50, Country: "RU", Entity: "ISIS-K", Type: news.TypeBombing,
			MinSeverity: 50, MinSources: 2}, krasnogorsk(), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Match(tc.rule, tc.r); got != tc.want {
				t.Errorf("Match(%+v) = %v, want %v", tc.rule, got, tc.want)
			}
		})
	}
}

func TestSeverity(t *testing.T) {
	report := func(typ string, killed, injured, sources int) crosscheck.Report {
		r := crosscheck.Report{Event: news.Event{Type: typ}, Sources: crosscheck.Sources{Independent: sources}}
		if killed > 0 {
			r.Estimates = append(r.Estimates, crosscheck.Estimate{Kind: news.Killed, Value: killed})
		}
		if injured > 0 {
			r.Estimates = append(r.Estimates, crosscheck.Estimate{Kind: news.Injured, Value: injured})
		}
		return r
	}
	cases := []struct {
		name string
		r    crosscheck.Report
		want int
	}{
		{"statement, one source", report(news.TypeStatement, 0, 0, 1), 5},
		{"protest, three sources", report(news.TypeProtest, 0, 0, 3), 8 + 10},
		{"one killed", report(news.TypeOther, 1, 0, 1), 13}, // 8·log2(3) = 12.7
		{"two injured weigh one killed", report(news.TypeOther, 0, 2, 1), 13},
		{"ten killed, bombing", report(news.TypeBombing, 10, 0, 2), 35 + 25 + 5}, // 8·log2(21) = 35.1
		{"capped", report(news.TypeArmedAttack, 143, 182, 9), 60 + 25 + 15},
	}
	for _, tc := range cases {
		if got := Severity(tc.r); got != tc.want {
			t.Errorf("%s: Severity = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestMaterial(t *testing.T) {
	cases := []struct {
		name        string
		before, now map[string]int
		want        bool
	}{
		{"unchanged", map[string]int{"killed": 40}, map[string]int{"killed": 40}, false},
		{"up by 5", map[string]int{"killed": 40}, map[string]int{"killed": 45}, true},
		{"up by 4, 10%", map[string]int{"killed": 40}, map[string]int{"killed": 44}, false},
		{"up by 20% of a small number", map[string]int{"injured": 5}, map[string]int{"injured": 6}, true},
		{"up by 1 of 6", map[string]int{"injured": 6}, map[string]int{"injured": 7}, false},
		{"new kind", map[string]int{"killed": 40}, map[string]int{"killed": 40, "detained": 11}, true},
		{"down", map[string]int{"killed": 60}, map[string]int{"killed": 40}, false},
		{"from nothing", nil, map[string]int{"killed": 1}, true},
	}
	for _, tc := range cases {
		if got := Material(tc.before, tc.now); got != tc.want {
			t.Errorf("%s: Material(%v, %v) = %v, want %v", tc.name, tc.before, tc.now, got, tc.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	cases := []struct {
		rule store.Rule
		want string
	}{
		{store.Rule{}, "every event"},
		{store.Rule{Near: &store.Point{Lat: 48.85, Lon: 2.35}, RadiusKm: 50}, "within 50 km of 48.85,2.35"},
		{store.Rule{Country: "FR", Type: news.TypeBombing, MinSources: 2}, "country FR, type bombing, sources ≥ 2"},
		{store.Rule{Entity: "org:isis-k", MinSeverity: 40}, "entity org:isis-k, severity ≥ 40"},
	}
	for _, c := range cases {
		if got := Describe(c.rule); got != c.want {
			t.Errorf("Describe(%+v) = %q, want %q", c.rule, got, c.want)
		}
	}
}
