package cluster

import (
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/news"
)

var moscow = news.Place{ID: 524901, Name: "Moscow", Country: "RU", Lat: 55.752, Lon: 37.616, Kind: "capital"}

func TestTollScore(t *testing.T) {
	exact := func(n int) Toll { return Toll{Low: n, High: n} }
	atLeast := func(n int) Toll { return Toll{Low: n} }
	t0 := time.Date(2024, 3, 22, 20, 0, 0, 0, time.UTC)
	later := t0.Add(20 * time.Hour)
	tests := []struct {
		name   string
		a      Toll
		ta     time.Time
		b      Toll
		tb     time.Time
		want   float64
		reason string
	}{
		{"same toll", exact(60), later, exact(60), t0, 1, "equal figures agree"},
		{"open range covers", atLeast(40), t0, exact(60), later, 1, "at least 40 allows 60"},
		{"later and higher", exact(143), later, exact(60), t0, 0.5, "a rising toll is a revision"},
		{"earlier and lower", exact(60), t0, exact(143), later, 0.5, "the same pair seen from the other side"},
		{"later and lower", exact(3), later, exact(60), t0, -1, "tolls do not fall"},
		{"same time, different", exact(3), t0.Add(2 * time.Hour), exact(60), t0, -1, "two tolls at once are two events"},
		{"undated, plausible revision", exact(60), time.Time{}, atLeast(143), t0, 0.5, "either may be the later"},
		{"undated, far apart", exact(2), time.Time{}, exact(143), t0, 0, "no order, no revision in sight"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tollScore(tt.a, tt.ta, tt.b, tt.tb); got != tt.want {
				t.Errorf("tollScore = %v, want %v: %s", got, tt.want, tt.reason)
			}
		})
	}
}

// TestRisingToll: an early and a later report of one attack join although
// the toll rose; two shootings of the same evening in different cities
// with different tolls stay apart although their wording is alike.
func TestRisingToll(t *testing.T) {
	early := report{id: "early", lang: "en", title: "Gunmen attack Moscow concert hall, 40 killed",
		body:      "Gunmen opened fire in a concert hall near Moscow on Friday evening. At least 40 people were killed, officials said, and the building caught fire.",
		published: day0(22, 21), where: &moscow, when: day0(22, 0), killed: 40, people: []string{"org:isis-k"}}
	later := report{id: "later", lang: "en", title: "Moscow concert hall attack: death toll rises to 133",
		body:      "The death toll from Friday's attack on the concert hall near Moscow rose to 133, investigators said on Saturday. Rescue teams searched the burnt building.",
		published: day0(23, 15), where: &moscow, when: day0(22, 0), killed: 133, people: []string{"org:isis-k"}}
	other := report{id: "other", lang: "en", title: "Gunman opens fire in Lyon concert hall, 3 killed",
		body:      "A gunman opened fire in a concert hall in Lyon on Friday evening. Three people were killed, officials said.",
		published: day0(22, 22), where: &lyon, when: day0(22, 0), killed: 3, people: []string{"org:police-nationale"}}

	c := New(DefaultConfig(), nil)
	background(c)
	a := c.Assign(early.item())
	o := c.Assign(other.item())
	l := c.Assign(later.item())
	if l.Event != a.Event {
		t.Errorf("the later, higher toll opened a new event (score %.2f, features %+v)", l.Evidence.Score, l.Evidence.Features)
	}
	if o.Event == a.Event {
		t.Errorf("the Lyon shooting joined the Moscow attack (features %+v)", o.Evidence.Features)
	}
	if l.Event == o.Event {
		t.Errorf("the Moscow follow-up joined the Lyon shooting")
	}
}
