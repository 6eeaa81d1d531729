package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/dedup"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/store/sqlite"
	"github.com/tocsin/tocsin/internal/text"
)

var (
	liveCtx     = context.Background()
	moscowPlace = news.Place{ID: 524901, Name: "Moscow", Country: "RU", Lat: 55.75, Lon: 37.62, Kind: "capital"}
	lyonPlace   = news.Place{ID: 2996944, Name: "Lyon", Country: "FR", Lat: 45.75, Lon: 4.85, Kind: "city"}
)

type story struct {
	id, lang, title, body string
	day                   int // of March 2024
	typ                   string
	place                 news.Place
	entities              []string
	killed                int
}

func (s story) doc() store.Doc {
	pub := time.Date(2024, 3, s.day, 18, 0, 0, 0, time.UTC)
	a := &news.Article{ID: s.id, Lang: s.lang, Title: s.title, Body: s.body, Published: &pub, Format: news.FormatText,
		Ingested: pub, Fingerprint: dedup.Of(s.body).Exact}
	p := s.place
	f := &news.Facts{Lang: s.lang, Type: news.EventType{Type: s.typ, Confidence: 0.8}, Main: news.FiveW1H{Where: &p}}
	for _, e := range s.entities {
		f.Entities = append(f.Entities, news.Entity{ID: e, Name: e, Type: news.ORG, Count: 1})
	}
	f.Entities = append(f.Entities, news.Entity{ID: fmt.Sprintf("geo:%d", p.ID), Name: p.Name, Type: news.LOC, Place: &p, Count: 1})
	if s.killed > 0 {
		f.Figures = []news.Figure{{Kind: news.Killed, Value: s.killed, Low: s.killed, Qualifier: "exact"}}
	}
	return store.Doc{Article: a, Facts: f, Sig: dedup.Of(s.body).Sig, Terms: text.TermString(s.lang, s.title+"\n"+s.body)}
}

var stories = []story{
	{"w1", "en", "Embassy warns of attacks on concerts in Moscow", "The US embassy warned citizens to avoid concerts and large gatherings in Moscow over the next two days, citing reports of imminent plans by extremists.", 7, news.TypeWarning, moscowPlace, []string{"org:us-embassy"}, 0},
	{"w2", "en", "Britain and Canada repeat warning for Moscow", "Britain and Canada joined the US embassy in warning citizens to avoid concerts and crowds in Moscow because extremists planned attacks.", 8, news.TypeWarning, moscowPlace, []string{"org:us-embassy"}, 0},
	{"a1", "en", "Gunmen kill 60 at Moscow concert hall", "Gunmen opened fire at a concert hall near Moscow on Friday evening, killing 60 people and setting the building on fire, officials said.", 22, news.TypeArmedAttack, moscowPlace, []string{"org:isis-k"}, 60},
	{"a2", "de", "Anschlag auf Konzerthalle bei Moskau", "Bewaffnete haben in einer Konzerthalle bei Moskau das Feuer eröffnet und 60 Menschen getötet. Die Terrormiliz ISIS-K bekannte sich.", 22, news.TypeArmedAttack, moscowPlace, []string{"org:isis-k"}, 60},
	{"l1", "en", "Gunmen open fire at Lyon concert", "Gunmen opened fire at a concert in Lyon on Friday evening, killing 3 people, officials said.", 22, news.TypeArmedAttack, lyonPlace, []string{"org:police-nationale"}, 3},
}

func ingestStories(t *testing.T, st store.Store, live *Live, list []story) {
	t.Helper()
	tx, err := st.Begin(liveCtx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		d := s.doc()
		if err := tx.Insert(liveCtx, d); err != nil {
			t.Fatal(err)
		}
		if err := live.Assign(liveCtx, tx, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// assignments maps article ids to event ids.
func assignments(t *testing.T, st store.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	events, err := st.Events(liveCtx, store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		arts, err := st.EventArticles(liveCtx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			out[a.Article.ID] = e.ID
		}
	}
	return out
}

func TestLiveEventsAndStorylines(t *testing.T) {
	st, err := sqlite.Open(liveCtx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	live, err := NewLive(liveCtx, st, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ingestStories(t, st, live, stories)
	got := assignments(t, st)
	if got["a1"] != got["a2"] {
		t.Errorf("English and German reports of one attack in different events: %v", got)
	}
	if got["l1"] == got["a1"] {
		t.Errorf("a shooting in another city joined the Moscow attack: %v", got)
	}
	if got["w1"] == got["a1"] {
		t.Errorf("the warning joined the attack it warned of: %v", got)
	}
	lines, err := st.Storylines(liveCtx, store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var precursor bool
	for _, l := range lines {
		for _, k := range l.Links {
			if k.Kind == news.LinkPrecursor && k.From == got["w1"] && k.To == got["a1"] {
				precursor = true
			}
			if k.From == got["l1"] || k.To == got["l1"] {
				t.Errorf("Lyon shooting linked into a Moscow storyline: %+v", k)
			}
		}
	}
	if !precursor {
		t.Errorf("warning not linked as precursor of the attack: %+v", lines)
	}

	// A new Live resumes from the store: a later report joins the attack.
	resumed, err := NewLive(liveCtx, st, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ingestStories(t, st, resumed, []story{{"a3", "en", "Death toll in Moscow concert hall attack rises", "The number of people killed when gunmen opened fire at the concert hall near Moscow on Friday rose, officials said.", 23, news.TypeArmedAttack, moscowPlace, []string{"org:isis-k"}, 0}})
	if got := assignments(t, st); got["a3"] != got["a1"] {
		t.Errorf("after resuming, the follow-up report went to %s, not the attack %s", got["a3"], got["a1"])
	}
}

func TestReclusterIsDeterministic(t *testing.T) {
	st, err := sqlite.Open(liveCtx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	live, err := NewLive(liveCtx, st, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ingestStories(t, st, live, stories)
	lines := func() string {
		l, err := st.Storylines(liveCtx, store.EventQuery{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	first, firstLines := assignments(t, st), lines()
	for range 3 {
		n, err := Recluster(liveCtx, st, DefaultConfig())
		if err != nil || n != len(stories) {
			t.Fatalf("recluster: %d, %v", n, err)
		}
		if again := assignments(t, st); fmt.Sprint(again) != fmt.Sprint(first) {
			t.Fatalf("recluster gave %v, ingest gave %v", again, first)
		}
		if again := lines(); again != firstLines {
			t.Fatalf("recluster gave storylines %s, ingest gave %s", again, firstLines)
		}
	}
}

// TestLiveWorkersShareEvents runs two Live clusterers on one store, as two
// ingest workers would, taking turns at transactions: each must catch up
// with what the other committed, so that together they make the events one
// clusterer makes of the same articles in the same order.
func TestLiveWorkersShareEvents(t *testing.T) {
	open := func() store.Store {
		st, err := sqlite.Open(liveCtx, filepath.Join(t.TempDir(), "t.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	single := open()
	one, err := NewLive(liveCtx, single, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stories {
		ingestStories(t, single, one, []story{s})
	}
	want := assignments(t, single)

	shared := open()
	var workers [2]*Live
	for i := range workers {
		if workers[i], err = NewLive(liveCtx, shared, DefaultConfig()); err != nil {
			t.Fatal(err)
		}
	}
	for i, s := range stories {
		ingestStories(t, shared, workers[i%2], []story{s})
	}
	if got := assignments(t, shared); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("two workers made %v, one made %v", got, want)
	}
	if got := assignments(t, shared); got["a1"] != got["a2"] {
		t.Errorf("the attack split between workers: %v", got)
	}
}
