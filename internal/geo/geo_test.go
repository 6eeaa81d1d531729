package geo

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// GeoNames ids used below.
const (
	moscowRU   = 524901
	moscowID   = 5601538
	kyiv       = 703448
	cologne    = 2886242
	kaluga     = 553915
	parisFR    = 2988507
	parisTX    = 4717560
	dallas     = 4684888
	romeIT     = 3169070
	tripoliLB  = 266826
	tripoliLY  = 2210247
	krasnogork = 542374
)

func gaz(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := Default()
	if err != nil {
		tb.Fatalf("Default: %v", err)
	}
	return g
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Köln", "koln"},
		{"KÖLN", "koln"},
		{"Saint-Étienne", "saint etienne"},
		{"  São   Paulo ", "sao paulo"},
		{"Straße", "strasse"},
		{"Łódź", "lodz"},
		{"Kam'yanske", "kamyanske"},
		{"Москва", "москва"},
		{"Ёлкино", "елкино"},
		{"moscow", "moscow"},
		{"U.S.", "u s"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Fold(Fold(tt.in)); got != tt.want {
			t.Errorf("Fold(Fold(%q)) = %q, want %q (not idempotent)", tt.in, got, tt.want)
		}
	}
}

func TestLookupNames(t *testing.T) {
	g := gaz(t)
	tests := []struct {
		name string
		want int64
	}{
		{"Moscow", moscowRU},
		{"Moskau", moscowRU},
		{"Mosca", moscowRU},
		{"Moscou", moscowRU},
		{"Москва", moscowRU},
		{"MOSKVA", moscowRU},
		{"Kyiv", kyiv},
		{"Kiev", kyiv},
		{"Kiew", kyiv},
		{"Київ", kyiv},
		{"Cologne", cologne},
		{"Köln", cologne},
		{"Koeln", cologne},
		{"Koln", cologne},
		{"Rom", romeIT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := g.Lookup(tt.name)
			if len(got) == 0 {
				t.Fatalf("Lookup(%q) found nothing, want %d", tt.name, tt.want)
			}
			if got[0].ID != tt.want {
				t.Errorf("Lookup(%q)[0] = %d %s (%s), want %d", tt.name, got[0].ID, got[0].Name, got[0].Country, tt.want)
			}
		})
	}
}

func TestLookupOrderAndUnknown(t *testing.T) {
	g := gaz(t)
	got := g.Lookup("Moscow")
	if len(got) < 3 {
		t.Fatalf("Lookup(Moscow) = %d places, want several (Russia, Idaho, Pennsylvania…)", len(got))
	}
	for i := 2; i < len(got); i++ {
		if got[i].Population > got[i-1].Population && got[i].Kind == got[i-1].Kind && got[i].Feature == got[i-1].Feature {
			t.Errorf("Lookup(Moscow)[%d] %s pop %d ranks below %s pop %d", i-1, got[i-1].Name, got[i-1].Population, got[i].Name, got[i].Population)
		}
	}
	for _, name := range []string{"Xyzzyqville", "", "   ", "Central Asia", "North Caucasus", "Mirskogo zamka", "Ferrari", "Sony", "the West"} {
		if got := g.Lookup(name); got != nil {
			t.Errorf("Lookup(%q) = %v, want nil", name, got)
		}
		if p, ok := g.Resolve(name, Hint{}); ok {
			t.Errorf("Resolve(%q) = %s (%d), want not found", name, p.Name, p.ID)
		}
	}
}

func TestResolve(t *testing.T) {
	g := gaz(t)
	dal := g.byID(t, dallas)
	tests := []struct {
		name string
		hint Hint
		want int64
	}{
		{"Paris", Hint{}, parisFR},
		{"Paris", Hint{Countries: []string{"US"}, Near: &dal}, parisTX},
		{"Paris", Hint{Countries: []string{"US"}}, parisFR}, // a country hint alone does not beat a capital
		{"Paris, Texas", Hint{}, parisTX},
		{"Paris, TX", Hint{}, parisTX},
		{"Paris, France", Hint{Countries: []string{"US"}}, parisFR},
		{"Moscow", Hint{Countries: []string{"US"}}, moscowRU},
		{"Moscow, Idaho", Hint{}, moscowID},
		{"Rom", Hint{Countries: []string{"IT"}}, romeIT},
		{"Tripoli", Hint{}, tripoliLY},
		{"Tripoli", Hint{Countries: []string{"LB"}}, tripoliLB},
		{"Kaluga region", Hint{}, kaluga},
		{"Kaluga Oblast", Hint{}, kaluga},
		{"the region of Kaluga", Hint{}, kaluga},
		{"the Russian region of Kaluga", Hint{}, kaluga},
		{"Crocus City Hall near Moscow", Hint{}, moscowRU},
		{"Moscow's", Hint{}, moscowRU},
		{"the Russian capital", Hint{}, moscowRU},
		{"die russische Hauptstadt", Hint{}, moscowRU},
		{"capital of Ukraine", Hint{}, kyiv},
		{"Crocus City Hall, Krasnogorsk", Hint{}, krasnogork},
		{"in Köln", Hint{}, cologne},
		{"Москвы", Hint{}, moscowRU},
		{"под Москвой", Hint{}, moscowRU},
		{"Moskauer Gebiet", Hint{}, moscowRU},
		{"w Warszawie", Hint{}, 756135},
		{"the town of Krasnogorsk", Hint{}, krasnogork},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := g.Resolve(tt.name, tt.hint)
			if !ok {
				t.Fatalf("Resolve(%q) found nothing, want %d", tt.name, tt.want)
			}
			if got.ID != tt.want {
				t.Errorf("Resolve(%q, %+v) = %d %s (%s %s), want %d", tt.name, tt.hint.Countries, got.ID, got.Name, got.Country, got.Admin1, tt.want)
			}
		})
	}
}

func TestResolveCountry(t *testing.T) {
	g := gaz(t)
	tests := []struct{ name, want string }{
		{"Russia", "RU"}, {"Russland", "RU"}, {"Russie", "RU"}, {"Россия", "RU"}, {"Rusia", "RU"},
		{"Russian Federation", "RU"}, {"Russia's", "RU"},
		{"Germany", "DE"}, {"Deutschland", "DE"}, {"Allemagne", "DE"}, {"Germania", "DE"}, {"Alemania", "DE"},
		{"the Netherlands", "NL"}, {"Ukraine", "UA"}, {"Україна", "UA"}, {"Afghanistan", "AF"},
		{"United States", "US"}, {"U.S.", "US"}, {"UK", "GB"}, {"Türkiye", "TR"}, {"Turkey", "TR"},
		{"Mexico", "MX"}, {"Georgia", "GE"}, {"Northern Ireland", "GB"}, {"Britain", "GB"}, {"Syria", "SY"},
		// Inflected forms.
		{"Франции", "FR"}, {"Россию", "RU"}, {"Israels", "IL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := g.Resolve(tt.name, Hint{})
			if !ok {
				t.Fatalf("Resolve(%q) found nothing, want country %s", tt.name, tt.want)
			}
			if got.Kind != KindCountry || got.Country != tt.want {
				t.Errorf("Resolve(%q) = %s %s %s, want country %s", tt.name, got.Kind, got.Name, got.Country, tt.want)
			}
		})
	}
}

func TestCountry(t *testing.T) {
	g := gaz(t)
	for _, code := range []string{"RU", "ru", "RUS"} {
		c, ok := g.Country(code)
		if !ok {
			t.Fatalf("Country(%q) not found", code)
		}
		if c.Name != "Russia" || c.ID != -643 || c.Kind != KindCountry {
			t.Errorf("Country(%q) = %+v, want Russia, ID -643, kind country", code, c)
		}
		// The point is Moscow.
		if d := Distance(c, g.byID(t, moscowRU)); d > 1 {
			t.Errorf("Country(%q) point is %.0f km from Moscow, want the capital", code, d)
		}
	}
	if c, ok := g.Country("XX"); ok {
		t.Errorf("Country(XX) = %+v, want not found", c)
	}
	if c, ok := g.Capital("UA"); !ok || c.ID != kyiv {
		t.Errorf("Capital(UA) = %d %s, want Kyiv %d", c.ID, c.Name, kyiv)
	}
}

func TestDemonym(t *testing.T) {
	g := gaz(t)
	tests := []struct{ word, want string }{
		{"Russian", "RU"}, {"Russians", "RU"}, {"russischen", "RU"}, {"russe", "RU"}, {"russa", "RU"},
		{"rusos", "RU"}, {"российской", "RU"}, {"Ukrainian", "UA"}, {"ukrainienne", "UA"},
		{"German", "DE"}, {"deutschen", "DE"}, {"Afghan", "AF"}, {"American", "US"}, {"française", "FR"},
		{"South African", "ZA"},
	}
	for _, tt := range tests {
		if got, ok := g.Demonym(tt.word); !ok || got != tt.want {
			t.Errorf("Demonym(%q) = %q, %v; want %q", tt.word, got, ok, tt.want)
		}
	}
	for _, w := range []string{"Moscow", "the", "Russia"} {
		if got, ok := g.Demonym(w); ok {
			t.Errorf("Demonym(%q) = %q, want none", w, got)
		}
	}
}

func TestDemonymsUnambiguous(t *testing.T) {
	seen := map[string]string{}
	for _, row := range demonymTable {
		code := row[:2]
		m := buildDemonymsFrom([]string{row})
		for f := range m {
			if c, ok := seen[f]; ok && c != code {
				t.Errorf("demonym form %q means both %s and %s", f, c, code)
			}
			seen[f] = code
		}
	}
}

func TestClass(t *testing.T) {
	g := gaz(t)
	tests := []struct {
		tok  string
		want []string
	}{
		{"Moscow", []string{"LOC"}},
		{"Russia", []string{"COUNTRY"}},
		{"Russian", []string{"DEMONYM"}},
		{"Xyzzyqville", nil},
	}
	for _, tt := range tests {
		got := g.Class(tt.tok)
		if len(got) != len(tt.want) {
			t.Errorf("Class(%q) = %v, want %v", tt.tok, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Class(%q) = %v, want %v", tt.tok, got, tt.want)
			}
		}
	}
}

func TestStripCue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kaluga region", "kaluga"},
		{"the region of Kaluga", "kaluga"},
		{"Crocus City Hall near Moscow", "moscow"},
		{"nei pressi di Roma", "roma"},
		{"Moscow's", "moscow"},
		{"Moscow", "moscow"},
	}
	for _, tt := range tests {
		if got := StripCue(tt.in); got != tt.want {
			t.Errorf("StripCue(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	g := gaz(t)
	tests := []struct {
		a, b      int64
		want, tol float64
	}{
		{moscowRU, kyiv, 756, 10},
		{parisFR, moscowRU, 2486, 15},
		{moscowRU, moscowRU, 0, 0},
	}
	for _, tt := range tests {
		a, b := g.byID(t, tt.a), g.byID(t, tt.b)
		if d := Distance(a, b); math.Abs(d-tt.want) > tt.tol {
			t.Errorf("Distance(%s, %s) = %.1f km, want %.0f±%.0f", a.Name, b.Name, d, tt.want, tt.tol)
		}
		if d1, d2 := Distance(a, b), Distance(b, a); d1 != d2 {
			t.Errorf("Distance not symmetric: %v vs %v", d1, d2)
		}
	}
	// Antipodes: half the circumference.
	if d := Distance(Place{Lat: 0, Lon: 0}, Place{Lat: 0, Lon: 180}); math.Abs(d-math.Pi*6371) > 1 {
		t.Errorf("Distance(antipodes) = %.1f, want %.1f", d, math.Pi*6371)
	}
}

func TestDataKeysFolded(t *testing.T) {
	g := gaz(t)
	n := 0
	for k := range g.index {
		if f := Fold(k); f != k {
			t.Errorf("stored key %q folds to %q: rebuild the data after changing Fold", k, f)
			if n++; n > 10 {
				break
			}
		}
	}
	if g.Len() < 138000 {
		t.Errorf("Len() = %d, want all ~138k places and 250 countries", g.Len())
	}
}

func (g *Gazetteer) byID(tb testing.TB, id int64) Place {
	tb.Helper()
	for _, p := range g.places {
		if p.ID == id {
			return p
		}
	}
	tb.Fatalf("no place with id %d", id)
	return Place{}
}

// TestDemonymFilter checks that the three-letter filter in front of the
// demonym table rules out no demonym, however it is capitalised.
func TestDemonymFilter(t *testing.T) {
	g := gaz(t)
	for k, want := range g.demonyms {
		_, n := utf8.DecodeRuneInString(k)
		for _, w := range []string{k, strings.ToUpper(k[:n]) + k[n:], strings.ToUpper(k)} {
			if got, ok := g.Demonym(w); !ok || got != want {
				t.Errorf("Demonym(%q) = %q, %v; want %q", w, got, ok, want)
			}
		}
	}
}
