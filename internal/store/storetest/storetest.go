// Package storetest is the one test suite every store implementation must
// pass: run it from the implementation's tests with a function that opens a
// fresh, empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/dedup"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/text"
)

// Run runs the suite. open must return a new empty store for each call.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"InsertAndRead", testInsertAndRead},
		{"NotFound", testNotFound},
		{"ExactAndNear", testExactAndNear},
		{"Rollback", testRollback},
		{"Filters", testFilters},
		{"SearchStems", testSearchStems},
		{"SearchRank", testSearchRank},
		{"Stats", testStats},
		{"Facts", testFacts},
		{"Events", testEvents},
		{"EventJoins", testEventJoins},
		{"StorylineMerge", testStorylineMerge},
		{"After", testAfter},
		{"Lease", testLease},
		{"EventFilters", testEventFilters},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			tc.fn(t, s)
		})
	}
}

var ctx = context.Background()

func date(s string) *time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return &t
}

// article builds a stored-ready article with its fingerprint.
func article(id, lang, title, body string, published *time.Time) store.Doc {
	fp := dedup.Of(body)
	a := &news.Article{
		ID: id, Title: title, Body: body, Lang: lang, Published: published, Format: news.FormatText,
		Ingested: time.Date(2024, 3, 25, 10, 0, 0, 0, time.UTC), Size: len(body), Fingerprint: fp.Exact,
		Source: "example.org", Origin: "test",
	}
	return store.Doc{Article: a, Sig: fp.Sig, Terms: text.TermString(lang, title+"\n"+body)}
}

func insert(t *testing.T, s store.Store, docs ...store.Doc) {
	t.Helper()
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := tx.Insert(ctx, d); err != nil {
			tx.Rollback()
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func ids(list []news.Article) []string {
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a.ID
	}
	return out
}

func same(a, b []string) bool {
	return fmt.Sprint(a) == fmt.Sprint(b)
}

const (
	bodyAttack = "Gunmen opened fire in a concert hall outside the capital on Friday evening, killing dozens of people. Police said the attackers fled in a white car and a search was under way."
	bodyFlood  = "Heavy rain flooded the old town overnight and hundreds of residents were evacuated. The river rose two metres above its usual level, officials said on Tuesday."
	bodyDE     = "Bei einem Anschlag auf eine Konzerthalle wurden zahlreiche Menschen getötet. Die Behörden sprachen von mehreren Anschlägen in der Region."
)

func testInsertAndRead(t *testing.T, s store.Store) {
	d := article("a1", "en", "Attack on concert hall", bodyAttack, date("2024-03-22"))
	d.Article.Agency = "dpa"
	d.Article.Extra = []byte(`{"event":"e1"}`)
	insert(t, s, d)
	got, err := s.Article(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	want := *d.Article
	if got.Title != want.Title || got.Body != want.Body || got.Agency != "dpa" || got.Lang != "en" ||
		!got.Published.Equal(*want.Published) || !got.Ingested.Equal(want.Ingested) || got.Fingerprint != want.Fingerprint ||
		string(got.Extra) != `{"event":"e1"}` || got.Size != want.Size || got.Source != "example.org" {
		t.Errorf("read back %+v, want %+v", got, want)
	}
	undated := article("a2", "en", "Flood", bodyFlood, nil)
	insert(t, s, undated)
	got, err = s.Article(ctx, "a2")
	if err != nil {
		t.Fatal(err)
	}
	if got.Published != nil {
		t.Errorf("undated article read back with date %v", got.Published)
	}
}

func testNotFound(t *testing.T, s store.Store) {
	if _, err := s.Article(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Article(missing) error = %v, want ErrNotFound", err)
	}
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Fingerprint(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Fingerprint(missing) error = %v, want ErrNotFound", err)
	}
	if _, err := tx.FindExact(ctx, "0000"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("FindExact(missing) error = %v, want ErrNotFound", err)
	}
}

func testExactAndNear(t *testing.T, s store.Store) {
	orig := article("o", "en", "Attack", bodyAttack, date("2024-03-22"))
	other := article("x", "en", "Flood", bodyFlood, date("2024-03-22"))
	insert(t, s, orig, other)
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if fp, err := tx.Fingerprint(ctx, "o"); err != nil || fp != orig.Article.Fingerprint {
		t.Errorf("Fingerprint(o) = %q, %v; want %q", fp, err, orig.Article.Fingerprint)
	}
	if id, err := tx.FindExact(ctx, orig.Article.Fingerprint); err != nil || id != "o" {
		t.Errorf("FindExact = %q, %v; want o", id, err)
	}
	edited := dedup.Of(bodyAttack + " The concert had been sold out.")
	cands, err := tx.FindNear(ctx, edited.Sig.BandKeys())
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) != 1 || cands[0].ID != "o" || cands[0].Sig.Similarity(edited.Sig) < dedup.Threshold {
		t.Errorf("FindNear(edited copy) = %+v, want the original o", cands)
	}
	// A duplicate is stored but is neither a candidate nor an exact original.
	dup := article("d", "en", "Attack (copy)", bodyAttack, date("2024-03-23"))
	dup.Article.DuplicateOf, dup.Article.Similarity = "o", 1
	if err := tx.Insert(ctx, dup); err != nil {
		t.Fatal(err)
	}
	if id, err := tx.FindExact(ctx, orig.Article.Fingerprint); err != nil || id != "o" {
		t.Errorf("FindExact after duplicate = %q, %v; want o", id, err)
	}
	cands, err = tx.FindNear(ctx, orig.Sig.BandKeys())
	if err != nil {
		t.Fatal(err)
	}
	if !same(candIDs(cands), []string{"o"}) {
		t.Errorf("FindNear after duplicate = %v, want [o]", candIDs(cands))
	}
}

func candIDs(cs []store.Candidate) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func testRollback(t *testing.T, s store.Store) {
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Insert(ctx, article("r", "en", "Attack", bodyAttack, nil)); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Article(ctx, "r"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("rolled-back article found: %v", err)
	}
	if list, err := s.Articles(ctx, store.ArticleQuery{Search: "concert"}); err != nil || len(list) != 0 {
		t.Errorf("search after rollback = %v, %v; want nothing", ids(list), err)
	}
}

func testFilters(t *testing.T, s store.Store) {
	a := article("a", "en", "Attack", bodyAttack, date("2024-03-22"))
	b := article("b", "en", "Flood", bodyFlood, date("2024-03-10"))
	c := article("c", "de", "Anschlag", bodyDE, nil)
	d := article("d", "en", "Attack copy", bodyAttack, date("2024-03-23"))
	d.Article.DuplicateOf = "a"
	b.Article.Source = "other.example"
	insert(t, s, a, b, c, d)
	checkArticles(t, s, []articleCase{
		{"all, newest first, undated last", store.ArticleQuery{}, []string{"a", "b", "c"}},
		{"with duplicates", store.ArticleQuery{Duplicates: true}, []string{"d", "a", "b", "c"}},
		{"since", store.ArticleQuery{Since: *date("2024-03-15")}, []string{"a"}},
		{"until", store.ArticleQuery{Until: *date("2024-03-15")}, []string{"b"}},
		{"lang", store.ArticleQuery{Lang: "de"}, []string{"c"}},
		{"source", store.ArticleQuery{Source: "other.example"}, []string{"b"}},
		{"limit and offset", store.ArticleQuery{Limit: 1, Offset: 1}, []string{"b"}},
	})
}

// articleCase is a query of articles and the ids it should list.
type articleCase struct {
	name string
	q    store.ArticleQuery
	want []string
}

func checkArticles(t *testing.T, s store.Store, cases []articleCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			list, err := s.Articles(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if !same(ids(list), tc.want) {
				t.Errorf("got %v, want %v", ids(list), tc.want)
			}
		})
	}
}

func testSearchStems(t *testing.T, s store.Store) {
	insert(t, s,
		article("en", "en", "Attack on concert hall", bodyAttack, date("2024-03-22")),
		article("fl", "en", "Flood", bodyFlood, date("2024-03-21")),
		article("de", "de", "Anschlag auf Konzerthalle", bodyDE, date("2024-03-23")),
		article("es", "es", "Inundación en Valencia", "La inundación obligó a evacuar a cientos de vecinos del barrio antiguo.", date("2024-03-20")),
		article("ru", "ru", "Наводнение в Оренбурге", "Наводнение затопило сотни домов, жителей эвакуировали.", date("2024-03-19")),
	)
	for _, tc := range []struct {
		search string
		lang   string
		want   []string
	}{
		{"attacks", "", []string{"en"}},      // English stem meets "attackers"/"attack"
		{"kill", "", []string{"en"}},         // a word that is its own stem meets "killing"
		{"Anschläge", "", []string{"de"}},    // German plural finds the singular
		{"anschlag", "de", []string{"de"}},   // with the language given
		{`"white car"`, "", []string{"en"}},  // phrase
		{`"car white"`, "", nil},             // words out of order are no phrase
		{"evacuat*", "", []string{"fl"}},     // prefix
		{"concert flood", "", nil},           // all words must match
		{"Konzerthalle", "", []string{"de"}}, // title word as written
		{"Behorden", "", []string{"de"}},     // diacritics need not be typed
		{"inundaciones", "", []string{"es"}}, // Spanish plural finds the singular
		{"наводнения", "", []string{"ru"}},   // Russian: another case of the same noun
		{"Anschl*", "", []string{"de"}},      // prefix of a word with its diacritics
		{`"Anschlag auf"`, "", []string{"de"}},
		{`"; DROP TABLE x; --`, "", nil}, // no syntax leaks into FTS
	} {
		t.Run(tc.search, func(t *testing.T) {
			list, err := s.Articles(ctx, store.ArticleQuery{Search: tc.search, Lang: tc.lang})
			if err != nil {
				t.Fatal(err)
			}
			if !same(ids(list), tc.want) && !(len(list) == 0 && tc.want == nil) {
				t.Errorf("search %q = %v, want %v", tc.search, ids(list), tc.want)
			}
		})
	}
}

// testSearchRank checks the order of search results: matches whose title
// holds the search's words first (as written or by stems; a rare word
// counting more than a common one), newer before older among equals; and
// that filters and pages apply to it.
func testSearchRank(t *testing.T, s store.Store) {
	var docs []store.Doc
	add := func(id, lang, title, body string) {
		d := article(id, lang, title, body, date("2024-03-01"))
		if id == "b2" {
			d.Article.Source = "rare.example"
		}
		docs = append(docs, d)
	}
	// In insertion order, oldest first.
	add("t1", "en", "Storm closes the harbour", "The harbour stayed shut and the ferry did not sail on Monday.")
	add("b1", "en", "Weather report", "Winds kept the ferry in the harbour for a second day.")
	add("b2", "en", "Port news", "A ferry left the harbour late after repairs.")
	add("f1", "en", "Ferry stops running", "The harbour master halted the ferry for the winter.")
	add("b3", "es", "Noticias del puerto", "El ferry salió del harbour a mediodía.")
	add("h2", "en", "Harbours reopen", "Every harbour on the coast reopened and the ferry resumed.")
	for i := range 4 {
		add(fmt.Sprintf("x%d", i+1), "en", fmt.Sprintf("Calm day %d", i+1), fmt.Sprintf("Boats rested in the harbour on day %d.", i+1))
	}
	insert(t, s, docs...)
	checkArticles(t, s, []articleCase{
		{"title hits first, as written or stemmed, then newest", store.ArticleQuery{Search: "harbour"},
			[]string{"h2", "t1", "x4", "x3", "x2", "x1", "b3", "f1", "b2", "b1"}},
		{"a rare word in the title before a common one", store.ArticleQuery{Search: "harbour ferry"},
			[]string{"f1", "h2", "t1", "b3", "b2", "b1"}},
		{"prefix", store.ArticleQuery{Search: "ferr*"}, []string{"f1", "h2", "b3", "b2", "b1", "t1"}},
		{"page", store.ArticleQuery{Search: "harbour", Limit: 2, Offset: 1}, []string{"t1", "x4"}},
		{"source", store.ArticleQuery{Search: "harbour", Source: "rare.example"}, []string{"b2"}},
		{"language", store.ArticleQuery{Search: "harbour", Lang: "es"}, []string{"b3"}},
		{"source and page", store.ArticleQuery{Search: "ferry", Source: "rare.example", Limit: 20}, []string{"b2"}},
	})
}

func testStats(t *testing.T, s store.Store) {
	a := article("a", "en", "Attack", bodyAttack, date("2024-03-22"))
	b := article("b", "de", "Anschlag", bodyDE, nil)
	d := article("d", "en", "Attack copy", bodyAttack, date("2024-03-23"))
	d.Article.DuplicateOf = "a"
	insert(t, s, a, b, d)
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 3 || st.Originals != 2 || st.Duplicates != 1 || st.Undated != 1 {
		t.Errorf("counts = %+v, want 3 articles, 2 originals, 1 duplicate, 1 undated", st)
	}
	if st.Languages["en"] != 1 || st.Languages["de"] != 1 || st.Formats["text"] != 3 {
		t.Errorf("histograms = %v %v", st.Languages, st.Formats)
	}
	if st.First == nil || !st.First.Equal(*date("2024-03-22")) || !st.Last.Equal(*date("2024-03-23")) {
		t.Errorf("published range = %v..%v", st.First, st.Last)
	}
}

func testFacts(t *testing.T, s store.Store) {
	when := time.Date(2024, 3, 22, 17, 30, 0, 0, time.UTC)
	moscow := &news.Place{ID: 524901, Name: "Moscow", Country: "RU", Lat: 55.75, Lon: 37.62}
	facts := &news.Facts{
		Lang:     "en",
		Entities: []news.Entity{{ID: "geo:524901", Name: "Moscow", Type: news.LOC, Place: moscow, Count: 2}, {ID: "per:vladimir-putin", Name: "Vladimir Putin", Type: news.PER, Count: 1}},
		Figures:  []news.Figure{{Kind: news.Killed, Value: 143, Low: 143, Qualifier: "at_least", Text: "at least 143 people", Span: news.Span{Start: 10, End: 29}}},
		Type:     news.EventType{Type: news.TypeArmedAttack, Confidence: 0.9},
		Main:     news.FiveW1H{When: &when, Where: moscow},
	}
	d := article("f", "en", "Attack", bodyAttack, date("2024-03-23"))
	d.Facts = facts
	dup := article("g", "en", "Attack copy", bodyAttack, date("2024-03-23"))
	dup.Article.DuplicateOf = "f"
	dup.Facts = facts
	plain := article("h", "en", "Flood", bodyFlood, nil)
	insert(t, s, d, dup, plain)
	got, err := s.Facts(ctx, "f")
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got.Figures) != fmt.Sprint(facts.Figures) || got.Type != facts.Type || !got.Main.When.Equal(when) ||
		len(got.Entities) != 2 || got.Entities[0].Place == nil || got.Entities[0].Place.ID != 524901 {
		t.Errorf("facts read back %+v, want %+v", got, *facts)
	}
	for _, id := range []string{"g", "h", "missing"} {
		if _, err := s.Facts(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Facts(%s) error = %v, want ErrNotFound", id, err)
		}
	}
}

// testStorylineMerge links events of two storylines of two events each:
// all four join the storyline of the oldest, and a link within one
// storyline leaves it as it is.
func testStorylineMerge(t *testing.T, s store.Store) {
	var docs []store.Doc
	for i := range 5 {
		docs = append(docs, article(fmt.Sprintf("m%d", i), "en", fmt.Sprintf("Story %d", i), fmt.Sprintf("%s Part %d.", bodyFlood, i), date(fmt.Sprintf("2024-03-%02d", 10+i))))
	}
	insert(t, s, docs...)
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		id := fmt.Sprintf("m%d", i)
		if err := tx.Assign(ctx, store.Assignment{Article: id, Event: "ev-" + id, Created: true, Title: id, Time: date(fmt.Sprintf("2024-03-%02d", 10+i))}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		from, to string
		moved    []string // into the older event's storyline
	}{
		{"ev-m0", "ev-m1", []string{"ev-m1"}},
		{"ev-m3", "ev-m2", []string{"ev-m3"}},
		{"ev-m2", "ev-m1", []string{"ev-m2", "ev-m3"}},
		{"ev-m3", "ev-m0", nil}, // one storyline already
	} {
		moved, err := tx.Link(ctx, news.EventLink{From: tc.from, To: tc.to, Kind: news.LinkFollows, Score: 1})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(moved)
		if !slices.Equal(moved, tc.moved) {
			t.Errorf("link %s → %s moved %v, want %v", tc.from, tc.to, moved, tc.moved)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"ev-m0", "ev-m0", "ev-m0", "ev-m0", "ev-m4"} {
		ev, err := s.Event(ctx, fmt.Sprintf("ev-m%d", i))
		if err != nil || ev.Storyline != want {
			t.Errorf("ev-m%d: storyline %q, %v; want %s", i, ev.Storyline, err, want)
		}
	}
}

func testEvents(t *testing.T, s store.Store) {
	a := article("a", "en", "Attack", bodyAttack, date("2024-03-22"))
	b := article("b", "de", "Anschlag", bodyDE, date("2024-03-23"))
	w := article("w", "en", "Warning", bodyFlood, date("2024-03-08"))
	u := article("u", "en", "Undated", bodyFlood+" Later.", nil)
	insert(t, s, a, b, w, u)
	moscow := &news.Place{ID: 524901, Name: "Moscow", Country: "RU", Lat: 55.75, Lon: 37.62}
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, as := range []store.Assignment{
		{Article: "w", Event: "ev-w", Created: true, Title: "Warning", Type: news.TypeWarning, Place: moscow, Time: date("2024-03-08"), Evidence: []byte(`{"score":0}`)},
		{Article: "a", Event: "ev-a", Created: true, Title: "Attack", Type: news.TypeArmedAttack, Place: moscow, Time: date("2024-03-22")},
		{Article: "b", Event: "ev-a", Title: "Attack", Type: news.TypeArmedAttack, Place: moscow, Score: 2.5, Time: date("2024-03-23"), Evidence: []byte(`{"shared_places":["Moscow"]}`)},
		{Article: "u", Event: "ev-u", Created: true, Title: "Undated"},
	} {
		if err := tx.Assign(ctx, as); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.Link(ctx, news.EventLink{From: "ev-w", To: "ev-a", Kind: news.LinkPrecursor, Score: 1}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	ev, err := s.Event(ctx, "ev-a")
	if err != nil {
		t.Fatal(err)
	}
	if ev.Articles != 2 || !ev.First.Equal(*date("2024-03-22")) || !ev.Last.Equal(*date("2024-03-23")) || ev.Place == nil || ev.Place.ID != 524901 || ev.Type != news.TypeArmedAttack || ev.Storyline != "ev-w" {
		t.Errorf("event = %+v", ev)
	}
	if _, err := s.Event(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Event(missing) = %v", err)
	}
	list, err := s.Events(ctx, store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if got := eventIDs(list); !same(got, []string{"ev-a", "ev-w", "ev-u"}) {
		t.Errorf("events = %v, want the most recently active first, undated last", got)
	}
	for _, tc := range []struct {
		q    store.EventQuery
		want []string
	}{
		{store.EventQuery{Type: news.TypeWarning}, []string{"ev-w"}},
		{store.EventQuery{Country: "ru", Since: *date("2024-03-20")}, []string{"ev-a"}},
		{store.EventQuery{Place: "moscow", Until: *date("2024-03-10")}, []string{"ev-w"}},
		{store.EventQuery{Storyline: "ev-w"}, []string{"ev-a", "ev-w"}},
		{store.EventQuery{Storyline: "ev-u"}, []string{"ev-u"}},
	} {
		list, err := s.Events(ctx, tc.q)
		if err != nil || !same(eventIDs(list), tc.want) {
			t.Errorf("Events(%+v) = %v, %v; want %v", tc.q, eventIDs(list), err, tc.want)
		}
	}
	arts, err := s.EventArticles(ctx, "ev-a")
	if err != nil || len(arts) != 2 || arts[0].Article.ID != "a" || !arts[0].Created || arts[1].Score != 2.5 || string(arts[1].Evidence) != `{"shared_places":["Moscow"]}` {
		t.Errorf("event articles = %+v, %v", arts, err)
	}
	lines, err := s.Storylines(ctx, store.EventQuery{})
	if err != nil || len(lines) != 1 || !same(eventIDs(lines[0].Events), []string{"ev-w", "ev-a"}) || len(lines[0].Links) != 1 || lines[0].Links[0].Kind != news.LinkPrecursor {
		t.Errorf("storylines = %+v, %v", lines, err)
	}
	var replayed []string
	err = s.Replay(ctx, *date("2024-03-15"), func(r store.Replayed) error {
		replayed = append(replayed, r.Article.ID+":"+r.Event)
		return nil
	})
	if err != nil || !same(replayed, []string{"a:ev-a", "b:ev-a", "u:ev-u"}) {
		t.Errorf("replay since 15 March = %v, %v; want the attack's articles and the undated one", replayed, err)
	}
	tx, err = s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.ClearEvents(ctx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Events(ctx, store.EventQuery{}); len(list) != 0 {
		t.Errorf("%d events after ClearEvents", len(list))
	}
}

// testEventJoins joins articles one by one to an event, each changing some
// of the event's type, place and time range and keeping the rest, and checks
// the event and the listings that filter on those columns after each.
func testEventJoins(t *testing.T, s store.Store) {
	moscow := &news.Place{ID: 524901, Name: "Moscow", Country: "RU", Lat: 55.75, Lon: 37.62}
	suva := &news.Place{ID: 2198148, Name: "Suva", Country: "FJ", Lat: -18.14, Lon: 178.44}
	steps := []struct {
		as          store.Assignment
		typ         string
		place       *news.Place
		first, last string // "" when no article is dated
	}{
		{store.Assignment{Created: true, Type: news.TypeWarning}, news.TypeWarning, nil, "", ""},
		{store.Assignment{Type: news.TypeWarning, Time: date("2024-03-10")}, news.TypeWarning, nil, "2024-03-10", "2024-03-10"},
		{store.Assignment{Type: news.TypeArmedAttack, Place: moscow, Time: date("2024-03-12")}, news.TypeArmedAttack, moscow, "2024-03-10", "2024-03-12"},
		{store.Assignment{Type: news.TypeArmedAttack, Place: moscow, Time: date("2024-03-08")}, news.TypeArmedAttack, moscow, "2024-03-08", "2024-03-12"},
		{store.Assignment{Type: news.TypeArmedAttack, Place: suva}, news.TypeArmedAttack, suva, "2024-03-08", "2024-03-12"},
		{store.Assignment{Type: news.TypeArmedAttack, Place: suva, Time: date("2024-03-11")}, news.TypeArmedAttack, suva, "2024-03-08", "2024-03-12"},
		{store.Assignment{Type: news.TypeWarning, Time: date("2024-03-20")}, news.TypeWarning, nil, "2024-03-08", "2024-03-20"},
	}
	for i, st := range steps {
		id := fmt.Sprintf("j%d", i)
		insert(t, s, article(id, "en", "Joins", fmt.Sprintf("%s Step %d.", bodyFlood, i), nil))
		as := st.as
		as.Article, as.Event, as.Title = id, "ev-j", "Joins"
		tx, err := s.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.Assign(ctx, as); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		ev, err := s.Event(ctx, "ev-j")
		if err != nil {
			t.Fatal(err)
		}
		day := func(tm *time.Time) string {
			if tm == nil {
				return ""
			}
			return tm.Format("2006-01-02")
		}
		if ev.Articles != i+1 || ev.Type != st.typ || day(ev.First) != st.first || day(ev.Last) != st.last ||
			(ev.Place == nil) != (st.place == nil) || ev.Place != nil && ev.Place.ID != st.place.ID {
			t.Errorf("step %d: event = %+v, want %d articles, type %s, place %v, %q to %q", i, ev, i+1, st.typ, st.place, st.first, st.last)
		}
		for _, q := range []store.EventQuery{
			{Type: st.typ},
			{Country: placeCountry(st.place)},
			{BBox: placeBox(st.place)},
		} {
			if q.Country == "" && q.BBox == nil && q.Type == "" {
				continue
			}
			list, err := s.Events(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if got := eventIDs(list); !same(got, []string{"ev-j"}) {
				t.Errorf("step %d: events %+v = %v, want [ev-j]", i, q, got)
			}
		}
	}
}

func placeCountry(p *news.Place) string {
	if p == nil {
		return ""
	}
	return p.Country
}

func placeBox(p *news.Place) *store.BBox {
	if p == nil {
		return nil
	}
	return &store.BBox{MinLon: p.Lon - 0.5, MinLat: p.Lat - 0.5, MaxLon: p.Lon + 0.5, MaxLat: p.Lat + 0.5}
}

func eventIDs(list []news.Event) []string {
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = e.ID
	}
	return out
}

// testAfter checks what a writer learns of the articles others committed.
func testAfter(t *testing.T, s store.Store) {
	a := article("a", "en", "Attack", bodyAttack, date("2024-03-22"))
	a.Facts = &news.Facts{Lang: "en", Type: news.EventType{Type: news.TypeArmedAttack}}
	d := article("d", "en", "Attack copy", bodyAttack, date("2024-03-23"))
	d.Article.DuplicateOf = "a"
	insert(t, s, a, d)
	var last int64
	err := s.Replay(ctx, time.Time{}, func(r store.Replayed) error {
		last = r.Seq
		return nil
	})
	if err != nil || last == 0 {
		t.Fatalf("replay: last seq %d, %v; want a positive number", last, err)
	}
	b := article("b", "de", "Anschlag", bodyDE, date("2024-03-23"))
	insert(t, s, b, article("w", "en", "Flood", bodyFlood, nil))
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := tx.Assign(ctx, store.Assignment{Article: "b", Event: "ev-b", Created: true, Title: "Anschlag"}); err != nil {
		t.Fatal(err)
	}
	var got []string
	var seqs []int64
	err = tx.After(ctx, last, nil, func(r store.Replayed) error {
		got = append(got, r.Article.ID+":"+r.Event)
		seqs = append(seqs, r.Seq)
		return nil
	})
	if err != nil || !same(got, []string{"b:ev-b", "w:"}) || seqs[0] <= last || seqs[1] <= seqs[0] {
		t.Errorf("After(%d) = %v %v, %v; want b (with the event assigned in this transaction) then w, numbered after %d", last, got, seqs, err, last)
	}
	got = nil
	err = tx.After(ctx, 0, nil, func(r store.Replayed) error {
		got = append(got, r.Article.ID)
		if r.Article.ID == "a" && (r.Facts == nil || r.Facts.Type.Type != news.TypeArmedAttack) {
			t.Errorf("After(0): a without its facts: %+v", r.Facts)
		}
		return nil
	})
	if err != nil || !same(got, []string{"a", "b", "w"}) {
		t.Errorf("After(0) = %v, %v; want every original in insertion order", got, err)
	}
	// A skipped article still comes, numbered, without its facts.
	got = nil
	err = tx.After(ctx, 0, func(id string) bool { return id == "a" }, func(r store.Replayed) error {
		got = append(got, r.Article.ID)
		if r.Article.ID == "a" && (r.Facts != nil || r.Seq == 0) {
			t.Errorf("After(0) skipping a: a came with facts %+v, seq %d; want none, its seq", r.Facts, r.Seq)
		}
		return nil
	})
	if err != nil || !same(got, []string{"a", "b", "w"}) {
		t.Errorf("After(0) skipping a = %v, %v; want every original in insertion order", got, err)
	}
	tx.Rollback()
	got = nil
	err = s.Dump(ctx, func(r store.Replayed) error {
		got = append(got, r.Article.ID+">"+r.Article.DuplicateOf)
		if r.Article.ID == "a" && (r.Facts == nil || r.Facts.Type.Type != news.TypeArmedAttack) {
			t.Errorf("Dump: a without its facts: %+v", r.Facts)
		}
		return nil
	})
	if err != nil || !same(got, []string{"a>", "d>a", "b>", "w>"}) {
		t.Errorf("Dump = %v, %v; want every article, duplicates too, in insertion order", got, err)
	}
}

// testLease checks that a lease excludes other holders until it is
// released or expires.
func testLease(t *testing.T, s store.Store) {
	take := func(key, holder string, ttl time.Duration, want bool) {
		t.Helper()
		got, err := s.Lease(ctx, key, holder, ttl)
		if err != nil || got != want {
			t.Errorf("Lease(%s, %s) = %v, %v; want %v", key, holder, got, err, want)
		}
	}
	take("feed:a", "w1", time.Minute, true)
	take("feed:a", "w2", time.Minute, false) // held by w1
	take("feed:b", "w2", time.Minute, true)  // another key is free
	take("feed:a", "w1", time.Minute, true)  // renewed by its holder
	if err := s.Release(ctx, "feed:a", "w2"); err != nil {
		t.Fatal(err)
	}
	take("feed:a", "w2", time.Minute, false) // releasing another's lease does nothing
	if err := s.Release(ctx, "feed:a", "w1"); err != nil {
		t.Fatal(err)
	}
	take("feed:a", "w2", time.Minute, true) // released: free for others

	// A worker that dies releases nothing: its lease expires.
	take("feed:c", "dead", 50*time.Millisecond, true)
	take("feed:c", "w1", time.Minute, false)
	time.Sleep(120 * time.Millisecond)
	take("feed:c", "w1", time.Minute, true)
	take("feed:c", "dead", time.Minute, false)
}

func testEventFilters(t *testing.T, s store.Store) {
	moscow := &news.Place{ID: 524901, Name: "Moscow", Country: "RU", Lat: 55.75, Lon: 37.62}
	suva := &news.Place{ID: 2198148, Name: "Suva", Country: "FJ", Lat: -18.14, Lon: 178.44}
	putin := news.Entity{ID: "per:vladimir-putin", Name: "Vladimir Putin", Type: news.PER, Count: 1}
	police := news.Entity{ID: "org:police", Name: "Police", Type: news.ORG, Count: 1}
	a := article("a", "en", "Attack", bodyAttack, date("2024-03-22"))
	a.Article.Source, a.Article.Agency = "bbc.co.uk", ""
	a.Facts = &news.Facts{Lang: "en", Entities: []news.Entity{putin, police}}
	// b and c are one agency's wire copy in two outlets: one source.
	b := article("b", "de", "Anschlag", bodyDE, date("2024-03-23"))
	b.Article.Source, b.Article.Agency = "zeit.de", "dpa"
	b.Facts = &news.Facts{Lang: "de", Entities: []news.Entity{putin}}
	c := article("c", "en", "Concert hall", bodyFlood+" Moscow.", date("2024-03-23"))
	c.Article.Source, c.Article.Agency = "example.com", "DPA"
	f := article("f", "en", "Flood", bodyFlood, date("2024-03-24"))
	f.Facts = &news.Facts{Lang: "en", Entities: []news.Entity{police}}
	insert(t, s, a, b, c, f)
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, as := range []store.Assignment{
		{Article: "a", Event: "ev-a", Created: true, Title: "Attack", Place: moscow, Time: date("2024-03-22")},
		{Article: "b", Event: "ev-a", Title: "Attack", Place: moscow, Time: date("2024-03-23")},
		{Article: "c", Event: "ev-a", Title: "Attack", Place: moscow, Time: date("2024-03-23")},
		{Article: "f", Event: "ev-f", Created: true, Title: "Flood", Place: suva, Time: date("2024-03-24")},
	} {
		if err := tx.Assign(ctx, as); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	ev, err := s.Event(ctx, "ev-a")
	if err != nil || ev.Articles != 3 || ev.Independent != 2 {
		t.Errorf("event = %+v, %v; want 3 articles from 2 independent sources", ev, err)
	}
	for _, tc := range []struct {
		name string
		q    store.EventQuery
		want []string
	}{
		{"bbox", store.EventQuery{BBox: &store.BBox{MinLon: 30, MinLat: 50, MaxLon: 40, MaxLat: 60}}, []string{"ev-a"}},
		{"bbox across the antimeridian", store.EventQuery{BBox: &store.BBox{MinLon: 170, MinLat: -30, MaxLon: -170, MaxLat: 0}}, []string{"ev-f"}},
		{"bbox empty", store.EventQuery{BBox: &store.BBox{MinLon: -10, MinLat: -10, MaxLon: 10, MaxLat: 10}}, nil},
		{"entity", store.EventQuery{Entity: "per:vladimir-putin"}, []string{"ev-a"}},
		{"entity in both", store.EventQuery{Entity: "org:police"}, []string{"ev-f", "ev-a"}},
		{"lang", store.EventQuery{Lang: "de"}, []string{"ev-a"}},
		{"min sources", store.EventQuery{MinSources: 2}, []string{"ev-a"}},
		{"min sources too many", store.EventQuery{MinSources: 3}, nil},
		{"search", store.EventQuery{Search: "concert"}, []string{"ev-a"}},
		{"search stemmed German", store.EventQuery{Search: "Anschlag"}, []string{"ev-a"}},
		{"search no match", store.EventQuery{Search: "volcano"}, nil},
		{"search and filter", store.EventQuery{Search: "evacuated", Lang: "en"}, []string{"ev-f", "ev-a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			list, err := s.Events(ctx, tc.q)
			if err != nil || !same(eventIDs(list), tc.want) {
				t.Errorf("Events(%+v) = %v, %v; want %v", tc.q, eventIDs(list), err, tc.want)
			}
		})
	}
	ents, err := s.Entities(ctx, store.EntityQuery{})
	if err != nil || len(ents) != 2 || ents[0].ID != "org:police" || ents[0].Events != 2 || ents[1].Events != 1 || ents[1].Articles != 2 {
		t.Errorf("entities = %+v, %v; want police in 2 events first, then Putin in 1 event, 2 articles", ents, err)
	}
	if ents, err := s.Entities(ctx, store.EntityQuery{Type: news.PER}); err != nil || len(ents) != 1 || ents[0].Name != "Vladimir Putin" {
		t.Errorf("entities of type PER = %+v, %v", ents, err)
	}
	if ents, err := s.Entities(ctx, store.EntityQuery{Limit: 1, Offset: 1}); err != nil || len(ents) != 1 || ents[0].ID != "per:vladimir-putin" {
		t.Errorf("second page of entities = %+v, %v", ents, err)
	}
	if e, err := s.Entity(ctx, "per:vladimir-putin"); err != nil || e.Events != 1 || e.Articles != 2 || e.Type != news.PER {
		t.Errorf("Entity = %+v, %v", e, err)
	}
	if _, err := s.Entity(ctx, "per:nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Entity(missing) = %v, want ErrNotFound", err)
	}
	// Reclustering starts the counts again.
	tx, err = s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.ClearEvents(ctx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Assign(ctx, store.Assignment{Article: "f", Event: "ev-f2", Created: true, Title: "Flood", Place: suva}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if ents, err := s.Entities(ctx, store.EntityQuery{}); err != nil || len(ents) != 1 || ents[0].ID != "org:police" || ents[0].Events != 1 || ents[0].Articles != 1 {
		t.Errorf("entities after ClearEvents and one assignment = %+v, %v", ents, err)
	}
	if list, err := s.Events(ctx, store.EventQuery{Entity: "per:vladimir-putin"}); err != nil || len(list) != 0 {
		t.Errorf("events of Putin after ClearEvents = %v, %v", eventIDs(list), err)
	}
}
