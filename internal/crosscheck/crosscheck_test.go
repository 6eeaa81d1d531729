package crosscheck

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/facts"
	"github.com/tocsin/tocsin/internal/news"
)

// TestCompileFixture runs the whole report on articles written to mimic a
// developing attack story in English and German: an early "60 dead, at
// least 145 injured" from the authorities, its dpa copy and translation, a
// later "at least 143 killed" and "11 detained", a claim, an accusation and
// a denial, a report without a date, and a warning in an earlier event of
// the storyline.
func TestCompileFixture(t *testing.T) {
	r := Compile(news.Event{ID: "ev-a", Type: news.TypeArmedAttack}, fixture(t, "crocus"), Options{})

	row := func(kind string, value int, article string) int {
		for i, e := range r.Ledger {
			if e.Kind == kind && e.Value == value && e.Article == article && !e.Headline {
				return i
			}
		}
		t.Fatalf("ledger has no %s %d from %s: %+v", kind, value, article, r.Ledger)
		return -1
	}
	early, late := row(news.Killed, 60, "a-en"), row(news.Killed, 143, "d-en")
	if e := r.Ledger[early]; e.Authority != "Russian authorities" || !strings.Contains(e.Sentence, "60 people were killed") || e.Published == nil {
		t.Errorf("early row = %+v", e)
	}
	if e := r.Ledger[late]; e.Qualifier != "at_least" || !strings.HasPrefix(e.Sentence, "At least 143 people") {
		t.Errorf("late row = %+v", e)
	}
	headline := false
	for _, e := range r.Ledger {
		headline = headline || e.Headline && e.Article == "d-en" && e.Value == 143 && e.Sentence == "Moscow attack death toll rises to 143"
	}
	if !headline {
		t.Errorf("the headline's 143 is not in the ledger: %+v", r.Ledger)
	}
	row(news.Injured, 145, "a-en")
	row(news.Detained, 11, "d-en")
	row(news.Killed, 60, "b-de")

	est := map[string]Estimate{}
	for _, e := range r.Estimates {
		est[e.Kind] = e
	}
	if e := est[news.Killed]; e.Value != 143 || e.Low != 60 || e.High != 143 || !slices.Contains(e.Entries, late) || e.Rule == "" {
		t.Errorf("killed estimate = %+v, want 143 with the range 60–143", e)
	}
	if e := est[news.Injured]; e.Value != 145 || e.Qualifier != "at_least" {
		t.Errorf("injured estimate = %+v, want at least 145", e)
	}
	if e := est[news.Detained]; e.Value != 11 {
		t.Errorf("detained estimate = %+v, want 11", e)
	}

	var revision, contradiction *Finding
	for i, f := range r.Findings {
		switch {
		case f.Kind == Revision && f.Figure == news.Killed:
			revision = &r.Findings[i]
		case f.Kind == Contradiction && f.Figure == "":
			contradiction = &r.Findings[i]
		}
	}
	if revision == nil || !strings.Contains(revision.Explanation, "60") || !strings.Contains(revision.Explanation, "143") {
		t.Errorf("no revision from 60 to 143 killed: %+v", r.Findings)
	}
	for _, f := range r.Findings {
		if f.Kind == Contradiction && f.Figure != "" {
			t.Errorf("figure contradiction where the toll only rose: %+v", f)
		}
	}

	stance := map[string]ClaimGroup{}
	for _, g := range r.Claims {
		stance[g.Stance] = g
	}
	if g := stance[news.Claims]; g.Entity != "org:islamic-state" || g.Independent != 1 || len(g.Statements) != 3 {
		t.Errorf("claim group = %+v, want IS's claim from three articles of one source", g)
	}
	if g := stance[news.Blames]; g.Entity != "per:vladimir-putin" || g.Target != "Ukraine" {
		t.Errorf("blame group = %+v", g)
	}
	if contradiction == nil || len(contradiction.Claims) != 2 ||
		r.Claims[contradiction.Claims[0]].Stance != news.Blames || r.Claims[contradiction.Claims[1]].Stance != news.Denies {
		t.Errorf("want Putin's accusation and Ukraine's denial as a contradiction: %+v", r.Findings)
	}

	group := map[string]string{}
	for _, s := range r.Claims[0].Statements {
		group[s.Article] = s.Group
	}
	if group["b-de"] != "a-en" || group["c-dpa"] != "a-en" {
		t.Errorf("groups = %v: the German translation and its dpa copy should count with a-en", group)
	}
	if r.Sources.Articles != 6 || r.Sources.Independent != 4 {
		t.Errorf("sources = %d articles, %d independent; want 6 and 4", r.Sources.Articles, r.Sources.Independent)
	}
	listed := r.Sources.WithoutOutlet
	for _, o := range r.Sources.Outlets {
		listed += o.Articles
	}
	if listed != r.Sources.Articles || r.Sources.WithoutOutlet != 0 {
		t.Errorf("outlets %+v and %d without an outlet, want every one of the %d articles under its outlet",
			r.Sources.Outlets, r.Sources.WithoutOutlet, r.Sources.Articles)
	}
	if !slices.Equal(r.Sources.Countries, []string{"AT", "DE", "GB", "UA"}) || !slices.Equal(r.Sources.Languages, []string{"de", "en"}) {
		t.Errorf("countries %v, languages %v", r.Sources.Countries, r.Sources.Languages)
	}

	// Timeline: in order, the storyline's warning first, the undated
	// report's "8:30 p.m. on Friday evening" dated at event level and
	// merged with the dated report of the attack.
	for i := 1; i < len(r.Timeline); i++ {
		if r.Timeline[i].When.Before(r.Timeline[i-1].When) {
			t.Errorf("timeline out of order at %d: %v", i, r.Timeline)
		}
	}
	if len(r.Timeline) == 0 || r.Timeline[0].Event != "ev-w" || !r.Timeline[0].When.Equal(time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("timeline starts %+v, want the 7 March warning", r.Timeline)
	}
	attack := time.Date(2024, 3, 22, 20, 30, 0, 0, time.UTC)
	found := false
	for _, h := range r.Timeline {
		if h.When.Equal(attack) && h.Granularity == "minute" {
			found = true
			var ids []string
			for _, s := range h.Sources {
				ids = append(ids, s.Article)
			}
			if !slices.Contains(ids, "e-undated") || !slices.Contains(ids, "a-en") {
				t.Errorf("attack happening sources = %v, want the undated and the dated report", ids)
			}
		}
	}
	if !found {
		t.Errorf("no happening at %v: %+v", attack, r.Timeline)
	}
	if r.Main.When == nil || !sameDay(*r.Main.When, attack) || r.Main.Where == nil || r.Main.Where.Name != "Moscow" {
		t.Errorf("5W1H = %+v", r.Main)
	}
	checkSummary(t, r.Summary)
	if r.Headline == "" {
		t.Error("no headline")
	}
}

// checkSummary wants 3–5 sentences from at least two sources, none
// repeating another.
func checkSummary(t *testing.T, sum []Sentence) {
	t.Helper()
	if len(sum) < 3 || len(sum) > 5 {
		t.Fatalf("summary has %d sentences: %+v", len(sum), sum)
	}
	groups := map[string]bool{}
	for i, s := range sum {
		groups[s.Group] = true
		for _, o := range sum[:i] {
			if c := vector(s.Lang, s.Text).cosine(vector(o.Lang, o.Text)); c >= repeatCosine {
				t.Errorf("summary repeats itself (cosine %.2f): %q / %q", c, o.Text, s.Text)
			}
		}
	}
	if len(groups) < 2 {
		t.Errorf("summary from %d source: %+v", len(groups), sum)
	}
}

// art builds an input by hand: figures are given by their phrase in body.
type figSpec struct {
	kind, phrase, qualifier, authority string
	value, high                        int
}

func hand(id, lang, agency string, pub string, body string, figs ...figSpec) Input {
	a := news.Article{ID: id, Lang: lang, Agency: agency, Body: body, Source: "outlet-" + id}
	if pub != "" {
		p, err := time.Parse(time.RFC3339, pub)
		if err != nil {
			panic(err)
		}
		a.Published = &p
	}
	runes := []rune(body)
	f := &news.Facts{Lang: lang, Sentences: []news.Span{{Start: 0, End: len(runes)}}}
	for _, g := range figs {
		i := strings.Index(body, g.phrase)
		if i < 0 {
			panic("no " + g.phrase + " in " + body)
		}
		start := len([]rune(body[:i]))
		q := g.qualifier
		if q == "" {
			q = "exact"
		}
		low, high := g.value, g.high
		if q == "exact" {
			high = g.value
		}
		f.Figures = append(f.Figures, news.Figure{Kind: g.kind, Value: g.value, Low: low, High: high, Qualifier: q, Authority: g.authority, Text: g.phrase,
			Span: news.Span{Start: start, End: start + len([]rune(g.phrase))}, Sentence: news.Span{Start: 0, End: len(runes)}})
	}
	return Input{Article: a, Facts: f}
}

func killed(phrase string, v int) figSpec {
	return figSpec{kind: news.Killed, phrase: phrase, value: v}
}

func wounded(phrase string, v int) figSpec {
	return figSpec{kind: news.Injured, phrase: phrase, value: v}
}

func TestFindings(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []Input
		want []string // finding kinds, in order
		says string   // in the first explanation
	}{
		{"a toll rising over a day is a revision", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "Officials said 40 were killed.", killed("40 were killed", 40)),
			hand("b", "en", "", "2024-03-23T12:00:00Z", "The toll stands at 93 killed.", killed("93 killed", 93)),
		}, []string{Revision}, "40 killed"},
		{"different values two hours apart contradict", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "Police said 40 were killed.", killed("40 were killed", 40)),
			hand("b", "en", "", "2024-03-22T22:00:00Z", "Medics said 25 were killed.", killed("25 were killed", 25)),
		}, []string{Contradiction}, "within 6 hours"},
		{"a later lower count without a correction contradicts", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "Police said 40 were killed.", killed("40 were killed", 40)),
			hand("b", "en", "", "2024-03-24T20:00:00Z", "Medics said 25 were killed.", killed("25 were killed", 25)),
		}, []string{Contradiction}, "without saying it corrects"},
		{"a later lower count that says it corrects is a revision", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "Police said 40 were killed.", killed("40 were killed", 40)),
			hand("b", "de", "", "2024-03-24T20:00:00Z", "Die Zahl wurde korrigiert: 25 Tote.", killed("25 Tote", 25)),
		}, []string{Revision}, "corrected"},
		{"at least 10 and 12 agree", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "At least 10 were killed.", figSpec{kind: news.Killed, phrase: "At least 10 were killed", value: 10, qualifier: "at_least"}),
			hand("b", "en", "", "2024-03-22T21:00:00Z", "Twelve died, 12 killed.", killed("12 killed", 12)),
		}, nil, ""},
		{"wire copies of one agency never contradict each other", []Input{
			hand("a", "en", "AFP", "2024-03-22T20:00:00Z", "Police said 40 were killed.", killed("40 were killed", 40)),
			hand("b", "en", "AFP", "2024-03-22T21:00:00Z", "Medics said 25 were killed.", killed("25 were killed", 25)),
		}, nil, ""},
		{"undated reports are a likely revision, said to be undated", []Input{
			hand("a", "en", "", "", "Officials said 143 were killed.", killed("143 were killed", 143)),
			hand("b", "en", "", "", "Officials said 60 were killed.", killed("60 were killed", 60)),
		}, []string{Revision}, "unknown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Compile(news.Event{ID: "ev"}, tc.in, Options{})
			var got []string
			for _, f := range r.Findings {
				got = append(got, f.Kind)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("findings %v, want %v: %+v", got, tc.want, r.Findings)
			}
			if tc.says != "" && !strings.Contains(r.Findings[0].Explanation, tc.says) {
				t.Errorf("explanation %q does not say %q", r.Findings[0].Explanation, tc.says)
			}
		})
	}
}

func TestEstimateRules(t *testing.T) {
	for _, tc := range []struct {
		name      string
		in        []Input
		value     int
		low, high int
	}{
		{"the latest reading wins", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "10 were killed.", killed("10 were killed", 10)),
			hand("b", "en", "", "2024-03-23T20:00:00Z", "15 were killed.", killed("15 were killed", 15)),
		}, 15, 10, 15},
		{"vague never overrides a number", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "12 were killed.", killed("12 were killed", 12)),
			hand("b", "en", "", "2024-03-23T20:00:00Z", "Dozens were killed.", figSpec{kind: news.Killed, phrase: "Dozens were killed", value: 24, high: 99, qualifier: "vague"}),
		}, 12, 12, 24},
		{"never below an earlier confirmed count without a correction", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "The ministry said 20 were killed.", figSpec{kind: news.Killed, phrase: "20 were killed", value: 20, authority: "the ministry"}),
			hand("b", "en", "", "2024-03-24T20:00:00Z", "15 were killed.", killed("15 were killed", 15)),
		}, 20, 15, 20},
		{"an unconfirmed count of dead may be lowered later", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "20 were killed.", killed("20 were killed", 20)),
			hand("b", "en", "", "2024-03-24T20:00:00Z", "15 were killed.", killed("15 were killed", 15)),
		}, 15, 15, 20},
		{"a count of wounded is never lowered without a correction, confirmed or not", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "20 were wounded.", figSpec{kind: news.Injured, phrase: "20 were wounded", value: 20}),
			hand("b", "en", "", "2024-03-24T20:00:00Z", "15 were wounded.", figSpec{kind: news.Injured, phrase: "15 were wounded", value: 15}),
		}, 20, 15, 20},
		{"a stated correction may lower it", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "The ministry said 20 were killed.", figSpec{kind: news.Killed, phrase: "20 were killed", value: 20, authority: "the ministry"}),
			hand("b", "en", "", "2024-03-24T20:00:00Z", "The ministry corrected the toll: 15 were killed.", killed("15 were killed", 15)),
		}, 15, 15, 20},
		{"readings of the same time: the highest", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "30 were killed.", killed("30 were killed", 30)),
			hand("b", "en", "", "2024-03-22T21:00:00Z", "28 were killed.", killed("28 were killed", 28)),
		}, 30, 28, 30},
		{"readings of the same time: the one most sources give", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "30 were killed.", killed("30 were killed", 30)),
			hand("b", "en", "", "2024-03-22T21:00:00Z", "28 were killed.", killed("28 were killed", 28)),
			hand("c", "en", "", "2024-03-22T21:30:00Z", "Police: 28 were killed.", killed("28 were killed", 28)),
		}, 28, 28, 30},
		{"as well supported: the count stated most often", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "Four people were wounded. All 4 were hurt.", wounded("Four people were wounded", 4), wounded("All 4 were hurt", 4)),
			hand("b", "en", "", "2024-03-22T21:00:00Z", "Five were wounded.", wounded("Five were wounded", 5)),
		}, 4, 4, 5},
		{"victims told one at a time state no total", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "A man was wounded. A woman was hurt. She was hit.", wounded("A man was wounded", 1), wounded("A woman was hurt", 1), wounded("She was hit", 1)),
			hand("b", "en", "", "2024-03-22T21:00:00Z", "Three were wounded.", wounded("Three were wounded", 3)),
		}, 3, 1, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Compile(news.Event{ID: "ev"}, tc.in, Options{})
			if len(r.Estimates) != 1 {
				t.Fatalf("estimates = %+v", r.Estimates)
			}
			e := r.Estimates[0]
			if e.Value != tc.value || e.Low != tc.low || e.High != tc.high || e.Rule == "" {
				t.Errorf("estimate %d (%d–%d, %q), want %d (%d–%d)", e.Value, e.Low, e.High, e.Rule, tc.value, tc.low, tc.high)
			}
		})
	}
}

func TestIndependentSources(t *testing.T) {
	fig := func(v int) figSpec { return killed(strconv.Itoa(v)+" killed", v) }
	for _, tc := range []struct {
		name string
		in   []Input
		want int
	}{
		{"same agency: one source", []Input{
			hand("a", "en", "Reuters", "2024-03-22T20:00:00Z", "Police said 7 killed.", fig(7)),
			hand("b", "en", "reuters", "2024-03-25T20:00:00Z", "Reports said 9 killed.", fig(9)),
		}, 1},
		{"translation with the same figures the same day: one source", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "Police said 7 killed.", fig(7)),
			hand("b", "fr", "", "2024-03-23T02:00:00Z", "Selon la police, 7 killed.", fig(7)),
		}, 1},
		{"same language, same figures: two sources", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "Police said 7 killed.", fig(7)),
			hand("b", "en", "", "2024-03-22T21:00:00Z", "Witnesses said 7 killed.", fig(7)),
		}, 2},
		{"another language days later: two sources", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "Police said 7 killed.", fig(7)),
			hand("b", "es", "", "2024-03-26T20:00:00Z", "La policía dijo 7 killed.", fig(7)),
		}, 2},
		{"another language, other figures: two sources", []Input{
			hand("a", "en", "", "2024-03-22T20:00:00Z", "Police said 7 killed.", fig(7)),
			hand("b", "de", "", "2024-03-22T21:00:00Z", "Die Polizei meldet 8 killed.", fig(8)),
		}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Compile(news.Event{ID: "ev"}, tc.in, Options{})
			if r.Sources.Independent != tc.want {
				t.Errorf("independent = %d, want %d", r.Sources.Independent, tc.want)
			}
		})
	}
}

func TestSourcesListEveryArticle(t *testing.T) {
	a := hand("a", "en", "", "2024-03-22T20:00:00Z", "Police said 7 killed.")
	b := hand("b", "en", "", "2024-03-22T21:00:00Z", "Witnesses said 7 killed.")
	b.Article.Source = a.Article.Source
	pasted := hand("c", "en", "", "2024-03-22T22:00:00Z", "A neighbour said 7 killed.")
	pasted.Article.Source = ""
	r := Compile(news.Event{ID: "ev"}, []Input{a, b, pasted}, Options{})
	want := []Outlet{{Name: a.Article.Source, Articles: 2}}
	if !slices.Equal(r.Sources.Outlets, want) || r.Sources.WithoutOutlet != 1 {
		t.Errorf("outlets %+v, %d without an outlet; want %+v and 1", r.Sources.Outlets, r.Sources.WithoutOutlet, want)
	}
}

// claimed builds an input whose facts hold the given claims; each claim's
// text is found in body for its span. places maps an entity id to its
// country, for actors resolved to places; "Ukraine" in body is a mention
// of the country, as the extractor resolves it.
func claimed(id, pub, body string, places map[string]string, claims ...news.Claim) Input {
	in := hand(id, "en", "", pub, body)
	if i := strings.Index(body, "Ukraine"); i >= 0 {
		start := len([]rune(body[:i]))
		in.Facts.Mentions = append(in.Facts.Mentions, news.Mention{Span: news.Span{Start: start, End: start + 7}, Text: "Ukraine", Type: news.LOC, Entity: "geo:-804"})
		in.Facts.Entities = append(in.Facts.Entities, news.Entity{ID: "geo:-804", Name: "Ukraine", Type: news.LOC, Place: &news.Place{Name: "Ukraine", Country: "UA"}})
	}
	for _, c := range claims {
		i := strings.Index(body, c.Text)
		if i < 0 {
			panic("no " + c.Text)
		}
		start := len([]rune(body[:i]))
		c.Span = news.Span{Start: start, End: start + len([]rune(c.Text))}
		in.Facts.Claims = append(in.Facts.Claims, c)
	}
	for ent, cc := range places {
		in.Facts.Entities = append(in.Facts.Entities, news.Entity{ID: ent, Name: ent, Type: news.LOC, Place: &news.Place{Name: ent, Country: cc}})
	}
	return in
}

func TestClaimContradictions(t *testing.T) {
	isClaim := news.Claim{Actor: "Islamic State", Entity: "org:islamic-state", Stance: news.Claims, Target: "the attack", Text: "Islamic State claimed the attack"}
	for _, tc := range []struct {
		name string
		in   []Input
		want int // contradictions
	}{
		{"the accused denies", []Input{
			claimed("a", "2024-03-23T10:00:00Z", "Putin blamed Ukraine for the attack.", nil,
				news.Claim{Actor: "Putin", Entity: "per:vladimir-putin", Stance: news.Blames, Target: "Ukraine", Text: "Putin blamed Ukraine"}),
			claimed("b", "2024-03-23T11:00:00Z", "Kyiv officials rejected any role.", map[string]string{"geo:703448": "UA"},
				news.Claim{Actor: "Kyiv officials", Entity: "geo:703448", Stance: news.Denies, Target: "any role", Text: "Kyiv officials rejected any role"}),
		}, 1},
		{"a denial about the same thing", []Input{
			claimed("a", "2024-03-23T10:00:00Z", "The ministry said the dam was sabotaged.", nil,
				news.Claim{Actor: "the ministry", Stance: news.Asserts, Target: "the dam was sabotaged", Text: "The ministry said the dam was sabotaged"}),
			claimed("b", "2024-03-23T11:00:00Z", "Engineers denied any sabotage of the dam.", nil,
				news.Claim{Actor: "Engineers", Stance: news.Denies, Target: "any sabotage of the dam", Text: "Engineers denied any sabotage of the dam"}),
		}, 1},
		{"the claimant takes it back", []Input{
			claimed("a", "2024-03-23T10:00:00Z", "Islamic State claimed the attack.", nil, isClaim),
			claimed("b", "2024-03-24T10:00:00Z", "Islamic State denied the attack.", nil,
				news.Claim{Actor: "Islamic State", Entity: "org:islamic-state", Stance: news.Denies, Target: "the attack", Text: "Islamic State denied the attack"}),
		}, 1},
		{"another actor's denial does not meet a responsibility claim", []Input{
			claimed("a", "2024-03-23T10:00:00Z", "Islamic State claimed the attack.", nil, isClaim),
			claimed("b", "2024-03-23T11:00:00Z", "Kyiv denied involvement in the attack.", map[string]string{"geo:703448": "UA"},
				news.Claim{Actor: "Kyiv", Entity: "geo:703448", Stance: news.Denies, Target: "involvement in the attack", Text: "Kyiv denied involvement in the attack"}),
		}, 0},
		{"a warning is no claim to deny", []Input{
			claimed("a", "2024-03-23T10:00:00Z", "The US warned not to link the attack to Ukraine.", nil,
				news.Claim{Actor: "The US", Entity: "geo:-840", Stance: news.Warns, Target: "not to link the attack to Ukraine", Text: "The US warned not to link the attack to Ukraine"}),
			claimed("b", "2024-03-23T11:00:00Z", "Kyiv denied involvement.", map[string]string{"geo:703448": "UA"},
				news.Claim{Actor: "Kyiv", Entity: "geo:703448", Stance: news.Denies, Target: "involvement", Text: "Kyiv denied involvement"}),
		}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Compile(news.Event{ID: "ev"}, tc.in, Options{})
			n := 0
			for _, f := range r.Findings {
				if f.Kind == Contradiction && len(f.Claims) == 2 {
					n++
					if r.Claims[f.Claims[1]].Stance != news.Denies || f.Explanation == "" {
						t.Errorf("finding %+v", f)
					}
				}
			}
			if n != tc.want {
				t.Errorf("%d contradictions, want %d: %+v", n, tc.want, r.Findings)
			}
		})
	}
}

func TestClaimGrouping(t *testing.T) {
	in := []Input{
		claimed("a", "2024-03-23T10:00:00Z", "Putin blamed Ukraine.", nil, news.Claim{Actor: "Putin", Entity: "per:vladimir-putin", Stance: news.Blames, Target: "Ukraine", Text: "Putin blamed Ukraine"}),
		claimed("b", "2024-03-23T11:00:00Z", "President Vladimir Putin accused Kyiv.", nil, news.Claim{Actor: "President Vladimir Putin", Entity: "per:vladimir-putin", Stance: news.Blames, Target: "Kyiv", Text: "President Vladimir Putin accused Kyiv"}),
		claimed("c", "2024-03-23T12:00:00Z", "Putin warned the West.", nil, news.Claim{Actor: "Putin", Entity: "per:vladimir-putin", Stance: news.Warns, Target: "the West", Text: "Putin warned the West"}),
		claimed("d", "2024-03-23T12:00:00Z", "Local residents denied it.", nil, news.Claim{Actor: "Local residents", Stance: news.Denies, Text: "Local residents denied it"}),
		claimed("e", "2024-03-23T13:00:00Z", "local residents denied it again.", nil, news.Claim{Actor: "local residents", Stance: news.Denies, Text: "local residents denied it again"}),
	}
	r := Compile(news.Event{ID: "ev"}, in, Options{})
	var got []string
	for _, g := range r.Claims {
		got = append(got, g.Stance+":"+strconv.Itoa(len(g.Statements))+":"+strconv.Itoa(g.Independent))
	}
	if want := []string{"blames:2:2", "denies:2:2", "warns:1:1"}; !slices.Equal(got, want) {
		t.Errorf("groups %v, want %v (%+v)", got, want, r.Claims)
	}
}

func TestSummaryDoesNotRepeat(t *testing.T) {
	same := "Flood waters cut off the old town of Riverside after the dam on the Elm river broke on Monday."
	in := []Input{
		hand("a", "en", "", "2024-05-06T10:00:00Z", same),
		hand("b", "en", "", "2024-05-06T11:00:00Z", same),
		hand("c", "en", "", "2024-05-06T12:00:00Z", "Rescue teams evacuated hundreds of residents from the flooded streets by boat overnight."),
		hand("d", "en", "", "2024-05-06T13:00:00Z", "The regional governor declared a state of emergency and asked the army for help with sandbags."),
	}
	for i := range in {
		// One sentence each, as the hand-built facts say.
		in[i].Facts.Sentences = []news.Span{{Start: 0, End: len([]rune(in[i].Article.Body))}}
	}
	sum := Compile(news.Event{ID: "ev"}, in, Options{}).Summary
	checkSummary(t, sum)
	n := 0
	for _, s := range sum {
		if s.Text == same {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the repeated sentence is in the summary %d times: %+v", n, sum)
	}
}

// TestUndatedEventStaysUndated: without a dated article in the event, an
// undated report's "Friday evening" is not resolved against anything else
// (not the storyline's dates either): its happenings are marked undated
// and follow the dated ones.
func TestUndatedEventStaysUndated(t *testing.T) {
	in := fixture(t, "crocus")
	var undated []Input
	for _, x := range in {
		if x.Article.ID == "e-undated" || x.Article.ID == "w-en" {
			undated = append(undated, x)
		}
	}
	r := Compile(news.Event{ID: "ev-a"}, undated, Options{})
	seen := false
	for i, h := range r.Timeline {
		if i > 0 && r.Timeline[i-1].Undated && !h.Undated {
			t.Errorf("dated happening %+v after an undated one", h)
		}
		for _, s := range h.Sources {
			if s.Article == "e-undated" {
				seen = true
				if !h.Undated || !h.When.IsZero() {
					t.Errorf("undated report dated %v without a dated article in its event", h.When)
				}
			}
		}
	}
	if !seen {
		t.Errorf("the undated report gives no happening: %+v", r.Timeline)
	}
}

func TestEmptyReportHasArrays(t *testing.T) {
	r := Compile(news.Event{ID: "ev"}, []Input{{Article: news.Article{ID: "a", Body: "Nothing."}}}, Options{})
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{`"summary":[]`, `"ledger":[]`, `"estimates":[]`, `"findings":[]`, `"claims":[]`, `"timeline":[]`, `"quotes":[]`, `"entities":[]`, `"outlets":[]`} {
		if !strings.Contains(string(b), f) {
			t.Errorf("report lacks %s: %s", f, b)
		}
	}
}

// TestEstimateShotThenDied checks that a count of people shot from a report
// that gives no dead holds the dead that later reports give: "four people
// were shot", then "two were killed" is 2 killed and 2 injured.
// read is an article published at pub with the figures facts.Figures
// reads in body.
func read(t *testing.T, id, lang, pub, body string) Input {
	t.Helper()
	p, err := time.Parse(time.RFC3339, pub)
	if err != nil {
		t.Fatal(err)
	}
	a := news.Article{ID: id, Lang: lang, Body: body, Source: "outlet-" + id, Published: &p}
	d := facts.NewDoc(body, lang, &p)
	return Input{Article: a, Facts: &news.Facts{Lang: lang, Figures: facts.Figures(d)}}
}

func TestEstimateShotThenDied(t *testing.T) {
	for _, tc := range []struct {
		lang, shot, died string
		killed, injured  int
	}{
		{"en", "Four people were shot outside a bar on Main Street late on Friday.", "Two people were killed in the shooting outside the bar on Main Street, police said.", 2, 2},
		{"de", "Vier Menschen wurden am Freitagabend vor einer Bar in der Hauptstraße angeschossen.", "Zwei Menschen wurden bei den Schüssen vor der Bar getötet, teilte die Polizei mit.", 2, 2},
		{"es", "Cuatro personas fueron baleadas el viernes por la noche frente a un bar de la calle Mayor.", "Dos personas murieron en el tiroteo frente al bar, según la policía.", 2, 2},
		{"fr", "Quatre personnes ont été touchées par balle vendredi soir devant un bar de la rue principale.", "Deux personnes ont été tuées dans la fusillade devant le bar, selon la police.", 2, 2},
		// A report of both keeps the wounded apart from the dead.
		{"en", "Four people were wounded outside a bar on Main Street late on Friday.", "Two people were killed and four were wounded outside the bar on Main Street, police said.", 2, 4},
	} {
		t.Run(tc.lang+"/"+tc.shot[:20], func(t *testing.T) {
			r := Compile(news.Event{ID: "ev"}, []Input{
				read(t, "a", tc.lang, "2024-05-03T23:00:00Z", tc.shot),
				read(t, "b", tc.lang, "2024-05-04T12:00:00Z", tc.died),
			}, Options{})
			got := map[string]int{}
			for _, e := range r.Estimates {
				got[e.Kind] = e.Value
			}
			if got[news.Killed] != tc.killed || got[news.Injured] != tc.injured {
				t.Errorf("killed %d, injured %d, want %d, %d (ledger %+v)", got[news.Killed], got[news.Injured], tc.killed, tc.injured, r.Ledger)
			}
		})
	}
}

// TestEstimateWoundedThenDied checks when a count of wounded holds the dead
// of other reports: only when no report gives both and the wounded were
// reported no later than the first dead.
func TestEstimateWoundedThenDied(t *testing.T) {
	wounded := func(id, pub string) Input {
		return hand(id, "en", "", pub, "A girl was critically wounded.", figSpec{kind: news.Injured, phrase: "A girl was critically wounded", value: 1})
	}
	died := func(id, pub string) Input {
		return hand(id, "en", "", pub, "The girl has died.", killed("The girl has died", 1))
	}
	for _, tc := range []struct {
		name            string
		in              []Input
		killed, injured int
	}{
		{"wounded, then died", []Input{wounded("a", "2024-05-03T20:00:00Z"), died("b", "2024-05-04T20:00:00Z")}, 1, 0},
		{"undated wounded", []Input{wounded("a", ""), died("b", "2024-05-04T20:00:00Z")}, 1, 0},
		{"wounded reported after the dead", []Input{died("a", "2024-05-03T20:00:00Z"), wounded("b", "2024-05-04T20:00:00Z")}, 1, 1},
		{"a report gives both", []Input{wounded("a", "2024-05-03T20:00:00Z"), died("b", "2024-05-04T20:00:00Z"),
			hand("c", "en", "", "2024-05-04T21:00:00Z", "One dead, one hurt.", killed("One dead", 1), figSpec{kind: news.Injured, phrase: "one hurt", value: 1})}, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]int{}
			for _, e := range Compile(news.Event{ID: "ev"}, tc.in, Options{}).Estimates {
				got[e.Kind] = e.Value
			}
			if got[news.Killed] != tc.killed || got[news.Injured] != tc.injured {
				t.Errorf("killed %d, injured %d, want %d, %d", got[news.Killed], got[news.Injured], tc.killed, tc.injured)
			}
		})
	}
}

// TestEstimateRoundUp checks that the count of wounded of an article that
// sums up several incidents is set aside beside a report of one incident:
// the story the round-up tells may be another incident's.
func TestEstimateRoundUp(t *testing.T) {
	for _, tc := range []struct {
		lang, own, roundUp string
		injured            int
	}{
		{"en", "Two people were wounded outside a bar on Elm Street on Friday night.",
			"Nine people were wounded in separate shootings over the weekend. Four people were wounded on Oak Street on Saturday.", 2},
		{"de", "Zwei Menschen wurden am Freitagabend vor einer Bar in der Hauptstraße verletzt.",
			"Bei mehreren Schießereien wurden am Wochenende neun Menschen verletzt. Vier Menschen wurden in der Bahnhofstraße verletzt.", 2},
		{"es", "Dos personas resultaron heridas frente a un bar de la calle Mayor.",
			"Nueve personas resultaron heridas en varios tiroteos. Cuatro personas resultaron heridas en la calle Real.", 2},
		{"fr", "Deux personnes ont été blessées devant un bar de la rue principale.",
			"Neuf personnes ont été blessées dans des fusillades. Quatre personnes ont été blessées rue de la Paix.", 2},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			own := read(t, "a", tc.lang, "2024-05-04T10:00:00Z", tc.own)
			round := read(t, "b", tc.lang, "2024-05-04T11:00:00Z", tc.roundUp)
			for _, c := range []struct {
				in   []Input
				want int
			}{
				{[]Input{own, round}, tc.injured},
				// Alone, the round-up's story is the event's reading.
				{[]Input{round}, 4},
			} {
				got := -1
				for _, e := range Compile(news.Event{ID: "ev"}, c.in, Options{}).Estimates {
					if e.Kind == news.Injured {
						got = e.Value
					}
				}
				if got != c.want {
					t.Errorf("%d articles: injured %d, want %d", len(c.in), got, c.want)
				}
			}
		})
	}
}
