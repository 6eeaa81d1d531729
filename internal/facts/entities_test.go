package facts

import (
	"strings"
	"testing"

	"github.com/tocsin/tocsin/internal/geo"
	"github.com/tocsin/tocsin/internal/ner"
	"github.com/tocsin/tocsin/internal/news"
)

func testTools(tb testing.TB) (*ner.Tagger, *geo.Gazetteer) {
	tb.Helper()
	g, err := geo.Default()
	if err != nil {
		tb.Fatal(err)
	}
	tg, err := NewTagger(g)
	if err != nil {
		tb.Fatal(err)
	}
	return tg, g
}

// entityOf returns the entity id of the first mention whose text is name.
func entityOf(tb testing.TB, ms []news.Mention, name string) string {
	tb.Helper()
	for _, m := range ms {
		if m.Text == name {
			return m.Entity
		}
	}
	var got []string
	for _, m := range ms {
		got = append(got, m.Text+"→"+m.Entity)
	}
	tb.Errorf("no mention %q; got %q", name, got)
	return ""
}

func TestEntitiesMerge(t *testing.T) {
	tg, g := testTools(t)
	tests := []struct {
		name, lang, text string
		same             []string // mention texts that must share one entity
		id               string   // the entity id they must have ("" = any)
	}{
		{"isis-k variants en", "en",
			"ISIS-K claimed the attack on Friday. Analysts say ISKP, also called Wilayat Khorasan, recruits in Tajikistan. The Islamic State Khorasan Province has attacked before.",
			[]string{"ISIS-K", "ISKP", "Wilayat Khorasan", "Islamic State Khorasan Province"}, "org:isis-k"},
		{"isis-k variants de", "de",
			"Der IS-Ableger ISPK bekannte sich zu dem Anschlag. Experten halten den Islamischen Staat Provinz Khorasan für gefährlich.",
			[]string{"ISPK"}, "org:isis-k"},
		{"islamic state it", "it",
			"Lo Stato islamico ha rivendicato l'attacco in un messaggio diffuso online.",
			[]string{"Stato islamico"}, "org:islamic-state"},
		{"putin en", "en",
			"President Vladimir Putin spoke on television on Saturday. Putin promised to punish those responsible.",
			[]string{"Vladimir Putin", "Putin"}, "per:vladimir-putin"},
		{"putin ru", "ru",
			"Президент России Владимир Путин выступил с обращением. Путин пообещал наказать виновных.",
			[]string{"Путин"}, "per:vladimir-putin"},
		{"acronym defined in article", "en",
			"The Northern Rescue Agency (NRA) sent four teams to the valley. A spokesman for the NRA said the search would go on overnight.",
			[]string{"Northern Rescue Agency", "NRA"}, ""},
		{"acronym of a table entry", "en",
			"Russia's Federal Security Service (FSB) said it had detained four men. The FSB gave no names.",
			[]string{"Federal Security Service", "FSB"}, "org:fsb"},
		{"surname nl", "nl",
			"De onderzoeker Peter Neumann waarschuwt al jaren voor de groep. Volgens Neumann is de dreiging in Europa groot.",
			[]string{"Peter Neumann", "Neumann"}, "per:peter-neumann"},
		{"surname pl", "pl",
			"Minister Anna Kowalska odwiedziła we wtorek Gdańsk. Kowalska zapowiedziała pomoc dla rodzin.",
			[]string{"Anna Kowalska", "Kowalska"}, "per:anna-kowalska"},
		{"venue near city", "en",
			"Gunmen opened fire at Crocus City Hall near Moscow on Friday evening. Moscow remained on alert.",
			[]string{"Crocus City Hall", "Moscow"}, "geo:524901"},
		{"region cue", "en",
			"The cell was operating in the Kaluga region, the agency said. Police in Kaluga made two arrests.",
			[]string{"Kaluga"}, "geo:553915"},
		{"moscow es", "es",
			"La policía de Moscú detuvo a once personas tras el ataque.",
			[]string{"Moscú"}, "geo:524901"},
		{"moscow fr", "fr",
			"Le Kremlin a réagi depuis Moscou dans la soirée.",
			[]string{"Moscou"}, "geo:524901"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, _ := Entities(NewDoc(tt.text, tt.lang, nil), tg, g)
			want := tt.id
			for _, name := range tt.same {
				got := entityOf(t, ms, name)
				if want == "" {
					want = got
				}
				if got != want {
					t.Errorf("%q → %q, want %q", name, got, want)
				}
			}
		})
	}
}

func TestMoscowAcrossLanguages(t *testing.T) {
	tg, g := testTools(t)
	docs := []struct{ lang, text, name string }{
		{"en", "Thousands laid flowers in Moscow on Sunday.", "Moscow"},
		{"de", "In Moskau legten Tausende Blumen nieder.", "Moskau"},
		{"it", "A Mosca migliaia di persone hanno deposto fiori.", "Mosca"},
		{"pl", "W Moskwie tysiące ludzi złożyło kwiaty.", "Moskwie"},
	}
	ids := map[string]bool{}
	for _, d := range docs {
		ms, es := Entities(NewDoc(d.text, d.lang, nil), tg, g)
		id := entityOf(t, ms, d.name)
		ids[id] = true
		for _, e := range es {
			if e.ID == id && (e.Place == nil || e.Place.Country != "RU") {
				t.Errorf("%s: entity %s has place %+v, want one in RU", d.lang, id, e.Place)
			}
		}
	}
	if len(ids) != 1 {
		t.Errorf("Moscow got ids %v, want one", ids)
	}
}

func TestTitlesStripped(t *testing.T) {
	tg, g := testTools(t)
	tests := []struct{ lang, text, name, title string }{
		{"en", "Kremlin spokeswoman Maria Zakharova rejected the claim.", "Maria Zakharova", "spokeswoman"},
		{"de", "Bundeskanzler Olaf Scholz verurteilte den Anschlag.", "Olaf Scholz", "Bundeskanzler"},
		{"fr", "Le président Emmanuel Macron a condamné l'attaque.", "Emmanuel Macron", "président"},
		{"es", "El presidente Pedro Sánchez condenó el atentado.", "Pedro Sánchez", "presidente"},
		{"it", "Il ministro Matteo Piantedosi ha convocato il comitato.", "Matteo Piantedosi", "ministro"},
		{"ru", "Пресс-секретарь Дмитрий Песков отказался от комментариев.", "Дмитрий Песков", "Пресс-секретарь"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			ms, es := Entities(NewDoc(tt.text, tt.lang, nil), tg, g)
			id := entityOf(t, ms, tt.name)
			for _, e := range es {
				if e.ID != id {
					continue
				}
				found := false
				for _, a := range e.Aliases {
					if strings.Contains(a, tt.title) && strings.HasSuffix(a, tt.name) {
						found = true
					}
				}
				if !found {
					t.Errorf("aliases of %s = %q, want the titled form with %q", id, e.Aliases, tt.title)
				}
			}
		})
	}
}

func TestAliasTable(t *testing.T) {
	tab, err := parseAliases(aliasesTSV)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, id string }{
		{"ISIS-K", "org:isis-k"}, {"ISKP", "org:isis-k"}, {"ISPK", "org:isis-k"}, {"IS-K", "org:isis-k"},
		{"Wilayat Khorasan", "org:isis-k"}, {"Islamic State Khorasan Province", "org:isis-k"},
		{"Daesh's Afghan branch", "org:isis-k"}, {"isis k", "org:isis-k"},
		{"IS", "org:islamic-state"}, {"ISIL", "org:islamic-state"}, {"Daesh", "org:islamic-state"},
		{"Islamischer Staat", "org:islamic-state"}, {"Stato islamico", "org:islamic-state"},
		{"Etat islamique", "org:islamic-state"}, {"U.N.", "org:un"}, {"Кремль", "org:kremlin"},
		{"Wladimir Putin", "per:vladimir-putin"},
	}
	for _, tt := range tests {
		e, ok := tab.lookup(tt.name)
		if !ok || e.ID != tt.id {
			t.Errorf("lookup(%q) = %v, %v; want %s", tt.name, e, ok, tt.id)
		}
	}
	for _, s := range []string{"is", "Is", "un", "eu"} {
		if e, ok := tab.lookup(s); ok {
			t.Errorf("lookup(%q) = %s, want no match (acronyms match in capitals only)", s, e.ID)
		}
	}
	if _, err := parseAliases("org:x\tORG\tX\tY\norg:z\tORG\tZ\tY\n"); err == nil {
		t.Error("an alias of two entries was accepted")
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Peter Neumann", "peter-neumann"},
		{"Dmitry Peskov", "dmitry-peskov"},
		{"Дмитрий Песков", "dmitrii-peskov"},
		{"Crocus City Hall", "crocus-city-hall"},
		{"Jean-Marie Le Pen", "jean-marie-le-pen"},
		{"Łukasz Żółć", "lukasz-zolc"},
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// newsParagraph is a short news-like text written for these tests.
const newsParagraph = `Gunmen attacked the Crocus City Hall concert venue near Moscow on Friday evening, killing dozens of people. ` +
	`The Islamic State Khorasan Province (ISKP) claimed responsibility in a statement on Telegram. ` +
	`President Vladimir Putin called the attack a barbaric act and declared a day of mourning. ` +
	`Kremlin spokesman Dmitry Peskov said the investigation was continuing. ` +
	`Putin did not mention ISKP in his speech. ` +
	`The US Embassy had warned of an imminent attack two weeks earlier, and Washington shared the information with Moscow. ` +
	`Peter Neumann, a terrorism researcher at King's College London, said the group had grown stronger since 2021. ` +
	`Neumann said Russia was a declared enemy of the group because of its role in Syria and Chechnya.`

// TestEntitiesShippedModel checks that the shipped model and the merging
// rules find the actors of a news paragraph, without pinning the tagger's
// exact output.
func TestEntitiesShippedModel(t *testing.T) {
	tg, g := testTools(t)
	d := NewDoc(newsParagraph, "en", nil)
	ms, es := Entities(d, tg, g)
	byID := map[string]news.Entity{}
	for _, e := range es {
		byID[e.ID] = e
	}
	for _, want := range []struct {
		id    string
		count int // at least
	}{
		{"org:isis-k", 2}, {"per:vladimir-putin", 2}, {"geo:524901", 3}, {"org:kremlin", 1},
		{"per:dmitry-peskov", 1}, {"org:us-embassy", 1}, {"per:peter-neumann", 2}, {"geo:-643", 1},
	} {
		e, ok := byID[want.id]
		if !ok {
			t.Errorf("entity %s not found; got %v", want.id, ids(es))
			continue
		}
		if e.Count < want.count {
			t.Errorf("entity %s has %d mentions, want at least %d (aliases %q)", want.id, e.Count, want.count, e.Aliases)
		}
	}
	if e, ok := byID["geo:524901"]; ok && (e.Place == nil || e.Place.Country != "RU" || !slicesContains(e.Aliases, "Crocus City Hall")) {
		t.Errorf("Moscow entity = %+v, want a place in RU with the venue as an alias", e)
	}
	runes := []rune(newsParagraph)
	for _, m := range ms {
		if got := string(runes[m.Start:m.End]); got != m.Text {
			t.Errorf("mention %q has span %v reading %q", m.Text, m.Span, got)
		}
		if _, ok := byID[m.Entity]; !ok {
			t.Errorf("mention %q points to unknown entity %q", m.Text, m.Entity)
		}
		if strings.HasPrefix(m.Text, "President") || strings.HasPrefix(m.Text, "Kremlin spokesman") {
			t.Errorf("mention %q keeps its title", m.Text)
		}
	}
}

func ids(es []news.Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestEntitiesEmpty(t *testing.T) {
	tg, g := testTools(t)
	for _, s := range []string{"", "   ", "nothing here at all."} {
		ms, es := Entities(NewDoc(s, "en", nil), tg, g)
		if len(ms) != 0 || len(es) != 0 {
			t.Errorf("Entities(%q) = %v, %v; want nothing", s, ms, es)
		}
	}
	if ms, es := Entities(NewDoc("Putin spoke in Moscow.", "en", nil), tg, nil); len(ms) == 0 || len(es) == 0 {
		t.Errorf("without a gazetteer: %v, %v; want mentions", ms, es)
	}
}

// BenchmarkEntities tags and merges a news article of about 600 words.
func BenchmarkEntities(b *testing.B) {
	tg, g := testTools(b)
	var sb strings.Builder
	for sb.Len() < 3700 {
		sb.WriteString(newsParagraph)
		sb.WriteString("\n\n")
	}
	body := sb.String()
	words := len(strings.Fields(body))
	b.ReportMetric(float64(words), "words")
	b.ResetTimer()
	for b.Loop() {
		Entities(NewDoc(body, "en", nil), tg, g)
	}
}

// TestPlaceRunIntoName checks that a place the tagger runs together with the
// name after it ("ambassador to Moscow Lynn Tracy") is split into a place
// and a person, and that a later bare surname is the person, not a town.
func TestPlaceRunIntoName(t *testing.T) {
	tg, g := testTools(t)
	tests := []struct {
		name, lang, text string
		per, loc         string
		surname          string // a later bare mention that must join the person ("" = none)
	}{
		{"ambassador en", "en",
			"The American ambassador to Moscow Lynn Tracy was summoned to the ministry on Friday. Tracy was told that three groups had been banned.",
			"Lynn Tracy", "Moscow", "Tracy"},
		{"mayor en", "en",
			"The mayor of Kyiv Vitali Klitschko visited the site. Klitschko promised help.",
			"Vitali Klitschko", "Kyiv", "Klitschko"},
		{"botschafter de", "de",
			"Die Botschafterin in Moskau Lynn Tracy wurde ins Außenministerium einbestellt.",
			"Lynn Tracy", "Moskau", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, _ := Entities(NewDoc(tt.text, tt.lang, nil), tg, g)
			types := map[string]string{}
			for _, m := range ms {
				types[m.Text] = m.Type
			}
			if types[tt.per] != "PER" || types[tt.loc] != "LOC" {
				t.Fatalf("mentions %v, want %q PER and %q LOC", types, tt.per, tt.loc)
			}
			if tt.surname != "" && entityOf(t, ms, tt.surname) != entityOf(t, ms, tt.per) {
				t.Errorf("%q is entity %s, want the person %s", tt.surname, entityOf(t, ms, tt.surname), entityOf(t, ms, tt.per))
			}
		})
	}
	// No split where the run is a place name of its own or the rest is no
	// first name and surname.
	for _, s := range []string{
		"The top US general in West Asia said the group could strike within months.",
		"The mayor of New York City opened the bridge.",
	} {
		ms, _ := Entities(NewDoc(s, "en", nil), tg, g)
		for _, m := range ms {
			if m.Type == "PER" {
				t.Errorf("%q: person %q, want none", s, m.Text)
			}
		}
	}
}

// TestHolidaysAreNoEntities checks that holiday names, which the tagger
// (no MISC) takes for organisations or places, are left out while the
// names around them stay.
func TestHolidaysAreNoEntities(t *testing.T) {
	tg, g := testTools(t)
	tests := []struct{ lang, text, holiday, keep string }{
		{"en", "Concerts in Moscow were dedicated to International Women's Day this week.", "Day", "Moscow"},
		{"en", "The group planned Christmas attacks in Vienna and Madrid.", "Christmas", "Vienna"},
		{"de", "Die Polizei in Köln verstärkte die Kontrollen vor Weihnachten.", "Weihnachten", "Köln"},
		{"fr", "La police de Lyon a renforcé les contrôles avant Noël.", "Noël", "Lyon"},
		{"it", "La polizia di Milano ha rafforzato i controlli prima di Natale.", "Natale", "Milano"},
	}
	for _, tt := range tests {
		ms, _ := Entities(NewDoc(tt.text, tt.lang, nil), tg, g)
		kept := false
		for _, m := range ms {
			if strings.Contains(m.Text, tt.holiday) {
				t.Errorf("%s: mention %q (%s), want no entity for the holiday", tt.lang, m.Text, m.Type)
			}
			kept = kept || m.Text == tt.keep
		}
		if !kept {
			t.Errorf("%s: no mention %q in %v", tt.lang, tt.keep, ms)
		}
	}
}
