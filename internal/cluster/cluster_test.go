package cluster

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/news"
)

var (
	springfield = news.Place{ID: 4409896, Name: "Springfield", Country: "US", Lat: 37.215, Lon: -93.298, Kind: "city"}
	dayton      = news.Place{ID: 4509884, Name: "Dayton", Country: "US", Lat: 39.759, Lon: -84.192, Kind: "city"}
	lyon        = news.Place{ID: 2996944, Name: "Lyon", Country: "FR", Lat: 45.748, Lon: 4.847, Kind: "city"}
)

// report is a hand-made article with the facts an extractor would give it.
type report struct {
	id, lang, title, body string
	published             time.Time
	where                 *news.Place
	when                  time.Time
	killed, injured       int
	people                []string
}

func (r report) item() *Item {
	pub := r.published
	a := &news.Article{ID: r.id, Lang: r.lang, Title: r.title, Body: r.body, Published: &pub}
	f := &news.Facts{Lang: r.lang, Type: news.EventType{Type: news.TypeArmedAttack}}
	if r.where != nil {
		f.Main.Where = r.where
		f.Entities = append(f.Entities, news.Entity{ID: fmt.Sprintf("geo:%d", r.where.ID), Type: news.LOC, Place: r.where})
	}
	if !r.when.IsZero() {
		f.Main.When = &r.when
	}
	if r.killed > 0 {
		f.Figures = append(f.Figures, news.Figure{Kind: news.Killed, Value: r.killed})
	}
	if r.injured > 0 {
		f.Figures = append(f.Figures, news.Figure{Kind: news.Injured, Value: r.injured})
	}
	for _, p := range r.people {
		f.Entities = append(f.Entities, news.Entity{ID: p, Type: news.PER})
	}
	return NewItem(a, f)
}

func day0(d, h int) time.Time { return time.Date(2024, 3, d, h, 0, 0, 0, time.UTC) }

// background warms the term and entity statistics, as a running system has
// them: unrelated news of the days before.
func background(c *Clusterer) {
	topics := []string{
		"The central bank left interest rates unchanged and said inflation was easing slowly.",
		"The football club signed a new striker from Brazil for a record transfer fee.",
		"Heavy snow closed mountain roads and the airport cancelled dozens of flights.",
		"The parliament debated the budget until late at night without a vote.",
		"A new smartphone with a folding screen went on sale in Asia and Europe.",
		"Farmers protested against fuel taxes with tractors in the capital.",
		"The film festival opened with a comedy about a family wedding.",
		"Scientists reported a vaccine trial with promising early results.",
	}
	for i := 0; i < 40; i++ {
		c.Observe(report{id: fmt.Sprintf("bg%d", i), lang: "en", title: "News", body: topics[i%len(topics)], published: day0(1, 0)}.item())
	}
}

const shootingBody = "Police said a gunman opened fire at a shopping mall on Main Street on Saturday evening. " +
	"Two people were killed and three were injured. The suspect, identified as John Carver, was arrested. " +
	"Witnesses described panic as shoppers ran for the exits. The mayor called the shooting a tragedy."

func TestAssign(t *testing.T) {
	first := report{id: "a1", lang: "en", title: "Two killed in Springfield mall shooting", body: shootingBody,
		published: day0(9, 22), where: &springfield, when: day0(9, 0), killed: 2, injured: 3, people: []string{"per:john-carver"}}
	tests := []struct {
		name string
		next report
		join bool
	}{
		{"same event, another outlet", report{id: "a2", lang: "en", title: "Springfield mall shooting: gunman kills two, wounds three",
			body: "A gunman killed two people and injured three at a Springfield shopping mall on Saturday, police said. " +
				"John Carver, the suspect, was arrested at the scene. The mayor called it a tragedy.",
			published: day0(10, 8), where: &springfield, when: day0(9, 0), killed: 2, injured: 3, people: []string{"per:john-carver"}}, true},
		{"same kind of event in another city", report{id: "b1", lang: "en", title: "Dayton Mall gunfire leaves two dead, one hurt",
			body: "Two people died and one was hurt when shots were fired inside the Dayton Mall food court on Saturday. " +
				"Officers arrested Mark Hollis, 24, nearby. The sheriff said the mall would stay closed on Sunday.",
			published: day0(10, 9), where: &dayton, when: day0(9, 0), killed: 2, injured: 1, people: []string{"per:mark-hollis"}}, false},
		{"same kind of event in the same city weeks later", report{id: "c1", lang: "en", title: "One killed in Springfield shooting",
			body: "A man was shot dead and four others were wounded outside a bar on Kearney Street early on Saturday. " +
				"Detectives are looking for Dale Rooney, who fled in a grey pickup truck.",
			published: day0(31, 9), where: &springfield, when: day0(30, 0), killed: 1, injured: 4, people: []string{"per:dale-rooney"}}, false},
		{"German report of the same event", report{id: "de1", lang: "de", title: "Springfield: Zwei Tote bei Schüssen in Einkaufszentrum",
			body: "Ein Schütze hat in einem Einkaufszentrum in Springfield zwei Menschen getötet und drei verletzt. " +
				"Der Verdächtige John Carver wurde festgenommen, teilte die Polizei mit.",
			published: day0(10, 6), where: &springfield, when: day0(9, 0), killed: 2, injured: 3, people: []string{"per:john-carver"}}, true},
		{"German report of another event", report{id: "de2", lang: "de", title: "Lyon: Zwei Tote bei Schüssen in Einkaufszentrum",
			body:      "Ein Schütze hat in einem Einkaufszentrum in Lyon zwei Menschen getötet. Der Verdächtige Marc Dubois wurde festgenommen.",
			published: day0(10, 6), where: &lyon, when: day0(10, 0), killed: 2, people: []string{"per:marc-dubois"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(DefaultConfig(), nil)
			background(c)
			a := c.Assign(first.item())
			b := c.Assign(tt.next.item())
			if got := b.Event == a.Event; got != tt.join {
				t.Errorf("joined = %v, want %v (score %.2f, threshold %.2f, features %+v)", got, tt.join,
					b.Evidence.Score, c.cfg.Model.Threshold, b.Evidence.Features)
			}
		})
	}
}

// TestAssignDeterministic runs one stream twice: map iteration order must
// never decide an assignment or a score.
func TestAssignDeterministic(t *testing.T) {
	var stream []report
	places := []*news.Place{&springfield, &dayton, &lyon}
	for i := 0; i < 60; i++ {
		p := places[i%3]
		stream = append(stream, report{id: fmt.Sprintf("r%d", i), lang: []string{"en", "de"}[i%2],
			title: fmt.Sprintf("Shooting in %s: %d killed", p.Name, i%4+1), body: shootingBody,
			published: day0(1+i%20, i%24), where: p, when: day0(1+i%20, 0), killed: i%4 + 1, injured: i % 3,
			people: []string{fmt.Sprintf("per:suspect-%d", i%5)}})
	}
	run := func() []Assignment {
		c := New(DefaultConfig(), nil)
		var out []Assignment
		for _, r := range stream {
			as := c.Assign(r.item())
			as.Event = &Event{ID: as.Event.ID} // compare ids, not live state
			out = append(out, as)
		}
		return out
	}
	want := run()
	for i := 0; i < 5; i++ {
		if got := run(); !reflect.DeepEqual(got, want) {
			t.Fatalf("run %d differs from the first", i+2)
		}
	}
}

// TestEvictionChangesNoAssignment streams incidents over half a year, so
// that events leave memory, and compares with a clusterer that keeps every
// event: an evicted event is never a candidate of a dated article, so the
// assignments must be the same, while memory holds fewer events.
// incidents returns three reports of each of n incidents, four days apart,
// in three cities, each incident with words of its own.
func incidents(n int) []report {
	places := []*news.Place{&springfield, &dayton, &lyon}
	syl := []string{"ka", "lo", "mi", "nu", "pe", "ri", "sa", "to", "vu", "ze"}
	// name is a word of incident n's own: a venue, a street, a suspect.
	name := func(n int, suffix string) string { return syl[n/100%10] + syl[n/10%10] + syl[n%10] + suffix }
	var stream []report
	for i := range 3 * n {
		n := i / 3 // the incident: three reports each, four days apart
		p := places[n%3]
		day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 4*n)
		body := fmt.Sprintf("Police said a gunman opened fire at the %s hall on %s Street. The suspect, %s, was arrested.",
			name(n, "berg"), name(n, "wick"), name(n, "son"))
		stream = append(stream, report{id: fmt.Sprintf("r%d", i), lang: "en",
			title: fmt.Sprintf("Shooting at %s hall", name(n, "berg")), body: body,
			published: day.Add(time.Duration(i%3) * time.Hour), where: p, when: day, killed: n%4 + 1,
			people: []string{"per:" + name(n, "son")}})
	}
	return stream
}

// TestEvictionChangesNoAssignment runs enough incidents for the evicted
// events to leave the index lists (pruneBatch) more than once.
func TestEvictionChangesNoAssignment(t *testing.T) {
	stream := incidents(3 * pruneBatch)
	run := func(keep bool) ([]Assignment, int) {
		c := New(DefaultConfig(), nil)
		c.keep = keep
		var out []Assignment
		for _, r := range stream {
			as := c.Assign(r.item())
			as.Event = &Event{ID: as.Event.ID}
			out = append(out, as)
		}
		// Only the evicted events waiting for the next prune are listed.
		waiting := map[*Event]bool{}
		for _, e := range c.unpruned {
			waiting[e] = true
		}
		for _, index := range []map[string][]*Event{c.ents, stringKeys(c.terms), stringKeys(c.places)} {
			for k, list := range index {
				for _, e := range list {
					if e.dead && !waiting[e] {
						t.Fatalf("index list %s holds %s, evicted and pruned", k, e.ID)
					}
				}
			}
		}
		return out, len(c.Events())
	}
	got, active := run(false)
	want, all := run(true)
	if !reflect.DeepEqual(got, want) {
		for i := range got {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("%s: with eviction %+v, without %+v", stream[i].id, got[i], want[i])
			}
		}
	}
	if active >= all {
		t.Errorf("%d events in memory with eviction, %d without: nothing was evicted", active, all)
	}
}

func stringKeys[K comparable](index map[K][]*Event) map[string][]*Event {
	out := map[string][]*Event{}
	for k, list := range index {
		out[fmt.Sprint(k)] = list
	}
	return out
}

// TestCandidatesAreTheBest checks the candidates kept as found against all
// the events an article touched, sorted: the most hits first, then the
// oldest. Few candidates and many incidents alike make the cut and the ties
// matter.
func TestCandidatesAreTheBest(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Candidates = 3
	c := New(cfg, nil)
	cut := 0
	for _, r := range incidents(60) {
		it := r.item()
		got := c.candidates(it, c.vector(it))
		var want []*Event
		for _, e := range c.events {
			if e.mark == c.mark && !e.dead && c.active(e, it) {
				want = append(want, e)
			}
		}
		slices.SortFunc(want, func(a, b *Event) int {
			if a.hits != b.hits {
				return cmp.Compare(b.hits, a.hits)
			}
			return cmp.Compare(a.Seq, b.Seq)
		})
		if len(want) > cfg.Candidates {
			want, cut = want[:cfg.Candidates], cut+1
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: candidates %v, want %v", r.id, ids(got), ids(want))
		}
		c.Assign(it)
	}
	if cut == 0 {
		t.Fatal("no article touched more events than the candidates kept")
	}
}

func ids(list []*Event) []string {
	var out []string
	for _, e := range list {
		out = append(out, fmt.Sprintf("%s(%.3f)", e.ID, e.hits))
	}
	return out
}

// TestLongEventStaysBounded feeds one event far more distinct terms and
// entities than the bounds allow, as a story that runs for a year does: its
// centroid and entities must stay within them, and the index must not list
// it under the entities it forgot.
func TestLongEventStaysBounded(t *testing.T) {
	c := New(DefaultConfig(), nil)
	var e *Event
	for i := range 200 {
		var words []string
		for j := range 60 {
			words = append(words, fmt.Sprintf("zq%dx%d", i, j)) // a term no other report has
		}
		at := day0(1, 0).Add(time.Duration(i) * time.Hour)
		a := &news.Article{ID: fmt.Sprintf("r%d", i), Lang: "en", Title: "Strike goes on", Body: strings.Join(words, " "), Published: &at}
		f := &news.Facts{Lang: "en"}
		for j := range 8 {
			f.Entities = append(f.Entities, news.Entity{ID: fmt.Sprintf("per:p%d-%d", i, j), Type: news.PER, Count: 1})
		}
		e = c.restore(NewItem(a, f), "ev-long")
	}
	if n := len(e.centroid); n > maxEventTerms {
		t.Errorf("centroid of %d terms, want at most %d", n, maxEventTerms)
	}
	if n := len(e.entities); n > maxEventEntities {
		t.Errorf("%d entities, want at most %d", n, maxEventEntities)
	}
	var sq float64
	for _, x := range e.centroid {
		sq += x.w * x.w
	}
	if math.Abs(sq-e.norm2) > 1e-9*sq {
		t.Errorf("norm² %g, centroid's %g", e.norm2, sq)
	}
	listed := 0
	for id, list := range c.ents {
		for _, x := range list {
			if x == e {
				listed++
				if e.entities[id] == 0 {
					t.Fatalf("index lists the event under %s, which it forgot", id)
				}
			}
		}
	}
	if listed != len(e.entities) {
		t.Errorf("index lists the event under %d entities, it keeps %d", listed, len(e.entities))
	}
}

// TestContradicts checks the comparisons no score can join: incidents far
// apart with contradicting tolls, incidents whose texts are unalike (in
// one language), and a warning against another known type.
func TestContradicts(t *testing.T) {
	alike := Features{Cosine: 0.4, Member: 0.4, Title: 0.5, Entities: 0.5, Place: 1, Date: 1, Time: 1, Figures: 1, Type: 1, Incident: 1}
	with := func(edit func(*Features)) Features {
		f := alike
		edit(&f)
		return f
	}
	tests := []struct {
		name string
		f    Features
		want bool
	}{
		{"alike incidents", alike, false},
		{"far apart, tolls contradict", with(func(f *Features) { f.Place, f.Figures = -1, -1 }), true},
		{"far apart, tolls agree", with(func(f *Features) { f.Place = -1 }), false},
		{"days apart, tolls contradict", with(func(f *Features) { f.Date, f.Figures = -1, -1 }), true},
		{"days apart, a toll revised", with(func(f *Features) { f.Date, f.Figures = -1, 0.5 }), false},
		{"days apart, tolls agree", with(func(f *Features) { f.Date = -1 }), false},
		{"close days, tolls contradict", with(func(f *Features) { f.Date, f.Figures = -0.3, -1 }), false},
		{"texts share almost nothing", with(func(f *Features) { f.Cosine = 0.1 }), true},
		{"unalike texts across languages", with(func(f *Features) { f.Cosine, f.CrossLng = 0.1, 1 }), false},
		{"little shared, days apart", with(func(f *Features) { f.Cosine, f.Date = 0.25, -1 }), true},
		{"little shared, same day", with(func(f *Features) { f.Cosine = 0.25 }), false},
		{"much shared, days apart", with(func(f *Features) { f.Date = -1 }), false},
		{"not incidents, unalike texts", with(func(f *Features) { f.Incident, f.Cosine = 0, 0.05 }), false},
		{"a warning against an attack", with(func(f *Features) { f.Incident, f.Type = 0, -1 }), true},
	}
	for _, tt := range tests {
		if got := tt.f.contradicts(); got != tt.want {
			t.Errorf("%s: contradicts() = %v, want %v", tt.name, got, tt.want)
		}
	}
}
