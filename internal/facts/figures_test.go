package facts

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tocsin/tocsin/internal/news"
)

// fig is the part of a figure the table tests compare.
type fig struct {
	kind      string
	value     int
	qual      string
	authority string
}

func (f fig) String() string {
	return fmt.Sprintf("%s %d %s %q", f.kind, f.value, f.qual, f.authority)
}

func figsOf(fs []news.Figure) []fig {
	var out []fig
	for _, f := range fs {
		out = append(out, fig{f.Kind, f.Value, f.Qualifier, f.Authority})
	}
	return out
}

func TestFigures(t *testing.T) {
	tests := []struct {
		lang, text string
		want       []fig
	}{
		{"en", "Gunmen opened fire in a shopping mall, killing at least 52 people and wounding dozens more.",
			[]fig{{news.Killed, 52, "at_least", ""}, {news.Injured, 24, "vague", ""}}},
		{"en", "Officials spoke of 40 dead and at least 120 injured after the blast.",
			[]fig{{news.Killed, 40, "exact", "Officials"}, {news.Injured, 120, "at_least", "Officials"}}},
		{"en", "At least 9 people, including three suspected organisers, have been arrested, the interior ministry said.",
			[]fig{{news.Detained, 9, "at_least", "the interior ministry"}}},
		{"en", "The death toll rose to 87 on Sunday.", []fig{{news.Killed, 87, "exact", ""}}},
		// A word that says they are more before the casualty word.
		{"en", "One man died while three other shooting victims were taken to a hospital.", []fig{{news.Killed, 1, "exact", ""}, {news.Injured, 3, "exact", ""}}},
		{"en", "Police found two more gunshot victims nearby.", []fig{{news.Injured, 2, "exact", ""}}},
		{"de", "Ein Mann starb, zwei weitere Verletzte kamen ins Krankenhaus.", []fig{{news.Injured, 2, "exact", ""}}},
		{"fr", "Un homme est mort et deux autres blessés ont été hospitalisés.", []fig{{news.Killed, 1, "exact", ""}, {news.Injured, 2, "exact", ""}}},
		{"en", "Police said a 23-year-old man was shot and killed at 8:30 p.m. near the station.", []fig{{news.Killed, 1, "exact", "Police"}}},
		// "shot" as an active verb counts its object; "hit"/"struck" read like "shot".
		{"en", "A gunman shot four people outside the bar.", []fig{{news.Injured, 4, "exact", ""}}},
		// Victims taken to hospital are wounded; a hospital's staff or
		// its doorstep are not.
		{"en", "Two victims were taken to Mercy Hospital after the shooting.", []fig{{news.Injured, 2, "exact", ""}}},
		{"en", "Police said three men are in the hospital.", []fig{{news.Injured, 3, "exact", "Police"}}},
		// Every condition a hospital lists is a living victim's.
		{"en", "Two other victims were listed in good condition.", []fig{{news.Injured, 2, "exact", ""}}},
		{"en", "Three men were in fair condition at the hospital.", []fig{{news.Injured, 3, "exact", ""}}},
		{"en", "The man accidentally shot his daughter while cleaning a rifle.", []fig{{news.Injured, 1, "exact", ""}}},
		{"en", "Police: 4 hit in shooting", []fig{{news.Injured, 4, "exact", ""}}},
		{"en", "Four teens, one fatally, were shot outside the restaurant.", []fig{{news.Injured, 3, "exact", ""}, {news.Killed, 1, "exact", ""}}},
		// "one of the wounded": the group, not the predicate.
		{"en", "One of the wounded has died, according to police.", []fig{{news.Killed, 1, "exact", "police"}}},
		// "one of five": a part that died (English), "drie of vier": a range (Dutch).
		{"en", "One of 5 shot in a billiards bar dies of injuries", []fig{{news.Killed, 1, "exact", ""}}},
		{"en", "Police say one of five people shot outside the bar has died.", []fig{{news.Killed, 1, "exact", "Police"}}},
		{"nl", "Drie of vier mensen raakten gewond bij de schietpartij.", []fig{{news.Injured, 3, "range", ""}}},
		// Those who succumbed to their wounds are dead, not wounded; Spanish
		// "a" and French "à" after the verb are prepositions, not an object.
		{"en", "Two of the wounded succumbed to their injuries on Monday.", []fig{{news.Killed, 2, "exact", ""}}},
		{"de", "Zwei Menschen erlagen im Krankenhaus ihren Verletzungen.", []fig{{news.Killed, 2, "exact", ""}}},
		{"fr", "Deux personnes ont succombé à leurs blessures.", []fig{{news.Killed, 2, "exact", ""}}},
		{"es", "Dos personas murieron a causa de sus heridas.", []fig{{news.Killed, 2, "exact", ""}}},
		{"es", "Tres hombres sucumbieron a sus heridas.", []fig{{news.Killed, 3, "exact", ""}}},
		// A denied casualty is no figure; a denied degree leaves it one.
		{"en", "The driver was not injured, police said.", nil},
		{"en", "No one was hurt in the crash.", nil},
		{"en", "Two bystanders were not hit by the gunfire.", nil},
		{"en", "Two people were shot but not killed.", []fig{{news.Injured, 2, "exact", ""}}},
		{"en", "Both men were not seriously injured.", []fig{{news.Injured, 2, "exact", ""}}},
		{"en", "No fewer than 10 people were killed.", []fig{{news.Killed, 10, "at_least", ""}}},
		{"de", "Zwei Menschen wurden nicht verletzt.", nil},
		{"es", "Dos hombres y una mujer no fueron heridos.", nil},
		{"de", "Zwei Menschen wurden nicht schwer verletzt.", []fig{{news.Injured, 2, "exact", ""}}},
		{"es", "Dos personas no fueron heridas.", nil},
		{"es", "Dos personas fueron heridas.", []fig{{news.Injured, 2, "exact", ""}}},
		{"es", "Dos hombres y una mujer fueron heridos.", []fig{{news.Injured, 3, "exact", ""}}},
		{"fr", "Deux personnes n'ont pas été blessées.", nil},
		{"fr", "Deux personnes ont été blessées.", []fig{{news.Injured, 2, "exact", ""}}},
		// A gallery's counter and a video's length are no counts; "1 of 4 Marines" is a part.
		{"en", "2 of 8 A child was shot near the school.", []fig{{news.Injured, 1, "exact", ""}}},
		{"en", "23 of 33 Seven people were shot on Elm Street.", []fig{{news.Injured, 7, "exact", ""}}},
		{"en", "11 of 17 Kayla Page was injured in the crash.", []fig{{news.Injured, 1, "exact", ""}}},
		{"en", "0:53 Man shot to death at a gas station", nil},
		{"en", "1 of 4 Marines killed in the attack was from Ohio.", []fig{{news.Killed, 1, "exact", ""}}},
		// A number word between a count and a person noun starts a count of its own.
		{"en", "WKRN 13 News: two people were shot overnight.", []fig{{news.Injured, 2, "exact", ""}}},
		{"en", "Channel 5 reporters saw three people wounded near the station.", []fig{{news.Injured, 3, "exact", ""}}},
		// Qualifiers and number forms.
		{"en", "More than 1,200 residents were evacuated, according to the fire department.", []fig{{news.Evacuated, 1200, "more_than", "the fire department"}}},
		{"en", "About thirty people were injured.", []fig{{news.Injured, 30, "about", ""}}},
		{"en", "Up to 15 people are missing.", []fig{{news.Missing, 15, "up_to", ""}}},
		{"en", "Between 10 and 20 people were hurt.", []fig{{news.Injured, 10, "range", ""}}},
		{"en", "Hundreds were injured and a dozen people died.", []fig{{news.Injured, 200, "vague", ""}, {news.Killed, 12, "about", ""}}},
		{"en", "Twenty-five people were killed, hospital officials said.", []fig{{news.Killed, 25, "exact", "hospital officials"}}},
		{"en", "Soldiers killed two suspected militants in the raid.", []fig{{news.Killed, 2, "exact", ""}}},
		{"en", "1.5 million people were evacuated.", []fig{{news.Evacuated, 1500000, "exact", ""}}},
		{"en", "Four people were shot, one fatally.", []fig{{news.Injured, 3, "exact", ""}, {news.Killed, 1, "exact", ""}}},
		{"en", "Two men and a woman were killed.", []fig{{news.Killed, 3, "exact", ""}}},
		{"en", "The gunman killed four classmates and himself.", []fig{{news.Killed, 5, "exact", ""}}},
		// Other languages.
		{"de", "Bei dem Anschlag gab es mindestens sechzig Tote und mehr als 100 Verletzte, teilte die Polizei mit.",
			[]fig{{news.Killed, 60, "at_least", "die Polizei"}, {news.Injured, 100, "more_than", "die Polizei"}}},
		{"de", "Dutzende Menschen wurden festgenommen.", []fig{{news.Detained, 24, "vague", ""}}},
		{"de", "Laut Polizei wurden dreiundzwanzig Menschen verletzt.", []fig{{news.Injured, 23, "exact", "Polizei"}}},
		{"fr", "L'attaque a fait au moins 12 morts et une vingtaine de blessés, selon le ministère de l'Intérieur.",
			[]fig{{news.Killed, 12, "at_least", "le ministère de l'Intérieur"}, {news.Injured, 20, "about", "le ministère de l'Intérieur"}}},
		{"fr", "Des dizaines de personnes ont été interpellées.", []fig{{news.Detained, 20, "vague", ""}}},
		{"es", "Al menos 1.200 personas fueron evacuadas y 14 muertos, según las autoridades.",
			[]fig{{news.Evacuated, 1200, "at_least", "las autoridades"}, {news.Killed, 14, "exact", "las autoridades"}}},
		{"es", "La policía detuvo a cinco sospechosos.", []fig{{news.Detained, 5, "exact", ""}}},
		// A headline's bare noun after the words that say where or who.
		{"en", "North Idaho child killed in accidental shooting", []fig{{news.Killed, 1, "exact", ""}}},
		{"en", "Sandston teen shot to death in his bedroom", []fig{{news.Killed, 1, "exact", ""}}},
		{"en", "Riverside County man shot while hunting", []fig{{news.Injured, 1, "exact", ""}}},
		{"en", "Neighbours said many people were shocked. Cedar Rapids woman hurt in crash", []fig{{news.Injured, 1, "exact", ""}}},
		// Shot, hit by gunfire: injured, like the English "shot".
		{"de", "In der Nacht wurden drei Männer angeschossen.", []fig{{news.Injured, 3, "exact", ""}}},
		// German articles "der", "die", "das" inside the clause are no
		// relative pronouns, and the participle may come late.
		{"de", "Vier Menschen wurden in der Nacht verletzt.", []fig{{news.Injured, 4, "exact", ""}}},
		{"de", "Zwei Menschen wurden am Freitagabend vor einer Bar in der Hauptstraße getötet.", []fig{{news.Killed, 2, "exact", ""}}},
		{"es", "Tres jóvenes fueron baleados frente a un bar, según la policía.", []fig{{news.Injured, 3, "exact", "la policía"}}},
		{"fr", "Trois hommes ont été touchés par balle samedi soir.", []fig{{news.Injured, 3, "exact", ""}}},
		{"it", "Nell'esplosione ci sono stati almeno ventitré morti e decine di feriti.",
			[]fig{{news.Killed, 23, "at_least", ""}, {news.Injured, 20, "vague", ""}}},
		{"ru", "По данным МЧС, погибли 143 человека, более 100 раненых.",
			[]fig{{news.Killed, 143, "exact", "МЧС"}, {news.Injured, 100, "more_than", "МЧС"}}},
		{"ru", "Задержаны одиннадцать человек.", []fig{{news.Detained, 11, "exact", ""}}},
		{"pl", "Według policji zginęło co najmniej 7 osób, a 30 zostało rannych.",
			[]fig{{news.Killed, 7, "at_least", "policji"}, {news.Injured, 30, "exact", "policji"}}},
		{"pl", "Zatrzymano dwie osoby.", []fig{{news.Detained, 2, "exact", ""}}},
		{"nl", "Volgens de politie vielen er 5 doden en tientallen gewonden.",
			[]fig{{news.Killed, 5, "exact", "de politie"}, {news.Injured, 20, "vague", "de politie"}}},
		{"nl", "Er zijn twaalf mensen gearresteerd.", []fig{{news.Detained, 12, "exact", ""}}},
		{"tr", "Saldırıda 10 kişi öldü, 25 kişi yaralandı.", []fig{{news.Killed, 10, "exact", ""}, {news.Injured, 25, "exact", ""}}},
		{"ar", "سقط 12 قتيلا و 30 جريحا", []fig{{news.Killed, 12, "exact", ""}, {news.Injured, 30, "exact", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text[:min(30, len(tt.text))], func(t *testing.T) {
			got := figsOf(Figures(NewDoc(tt.text, tt.lang, nil)))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Figures(%q)\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestFiguresNone checks numbers that are not figures.
func TestFiguresNone(t *testing.T) {
	for _, s := range []string{
		"The agency said 60 fighters had been recruited by the army.",
		"Citizens should avoid crowds over the next 48 hours.",
		"The group first emerged in late 2014.",
		"A 23-year-old man was seen at 8:30 p.m. near the house.",
		"Three NGOs were declared undesirable.",
		"The letter is not a 100% reliable indication.",
		"The attack cost $5 million and 40 percent of the budget.",
		"On May 31 three vans arrived.",
		"Four suspected gunmen, aged 19 to 32, appeared in court.",
		"The 5 year-old boy was in the car.",
		"Die nächsten 48 Stunden sind entscheidend.",
		"He shot two rounds into the air.",
		"Police said 3 hospital workers saw the gunman.",
		// A count of wounds, not of people.
		"The man suffered three gunshot wounds to the chest.",
		"He is recovering from 2 bullet wounds.",
		"Two dozen relatives gathered outside the hospital on Sunday.",
		// The gunfire sensors are no victim.
		"According to officials, Shot Spotter technology alerted police at 11:40 a.m.",
		"Officers found him in the 200 block of Elm Street with injuries.",
		"In 2014 wounded veterans marched through the city.",
		"The memorial lists the soldiers wounded in 2003 and 2004.",
		"Her son called 911 after the crash.",
		"He made a 911 call from the car and waited.",
		"Ein Nachbar wählte 112 und wartete auf die Polizei.",
		"Un vecino llamó 112 desde la calle.",
		// Capitalised words before a noun that is not the subject.
		"Local Residents Want Man Tried For Fraud",
	} {
		if got := Figures(NewDoc(s, "en", nil)); len(got) != 0 {
			t.Errorf("Figures(%q) = %v, want none", s, strings.TrimSpace(fmt.Sprint(figsOf(got))))
		}
	}
}

// figBenchArticle is a made-up wire story of about 600 words.
var figBenchArticle = strings.Repeat(`Gunmen attacked a concert hall in the capital on Friday evening, killing at least 40 people and wounding dozens more, officials said.
The attackers, dressed in camouflage, opened fire at around 8:30 p.m. before setting the building on fire. A 34-year-old guard was among the first victims.
According to the health ministry, 112 people were taken to hospitals, and 18 of them remain in critical condition.
Police said 7 people, including three suspected attackers, have been detained in a region about 300 kilometres away.
The group behind the attack first emerged in 2014 and has claimed responsibility for similar raids over the past two years.
Witnesses described chaos as thousands of people tried to flee through the exits. "We heard shots and everybody ran," one woman told reporters.
The government declared a day of mourning and promised $5 million in aid to the families. Security has been raised for the next 48 hours.
`, 5)

func BenchmarkFigures(b *testing.B) {
	d := NewDoc(figBenchArticle, "en", nil)
	b.SetBytes(int64(len(figBenchArticle)))
	b.ReportAllocs()
	for b.Loop() {
		Figures(d)
	}
}

// TestFiguresSubCount checks that a count inside an "including" aside is
// not a figure of its own, and that spans and texts agree.
func TestFiguresSubCount(t *testing.T) {
	body := "Überall: At least 11 people, including four suspected gunmen, have been arrested."
	d := NewDoc(body, "en", nil)
	got := Figures(d)
	if len(got) != 1 || got[0].Value != 11 || got[0].Kind != news.Detained {
		t.Fatalf("Figures = %v, want one detained 11", figsOf(got))
	}
	r := []rune(body)
	if s := string(r[got[0].Span.Start:got[0].Span.End]); s != got[0].Text {
		t.Errorf("span text %q, want %q", s, got[0].Text)
	}
	if got[0].High != 0 || got[0].Low != 11 {
		t.Errorf("bounds [%d, %d], want [11, 0]", got[0].Low, got[0].High)
	}
}

// TestFiguresNoDuplicates checks that one phrase gives one figure.
func TestFiguresNoDuplicates(t *testing.T) {
	got := Figures(NewDoc("Three people were killed. Three people were killed in the north.", "en", nil))
	if len(got) != 2 {
		t.Fatalf("got %d figures, want 2 (one per sentence): %v", len(got), figsOf(got))
	}
}

// TestFiguresNamed checks the English figures of named victims,
// pronouns, shooters who killed themselves and later deaths.
func TestFiguresNamed(t *testing.T) {
	tests := []struct {
		text string
		want []fig
	}{
		{"Officers said Maria Lopez, 41, and Tom Reed, 39, were killed in the crash.", []fig{{news.Killed, 2, "exact", "Officers"}}},
		{"The attacker fired into the car, killing Ana Ruiz, 19, and Leo Park, 22, police said.", []fig{{news.Killed, 2, "exact", "police"}}},
		{"He shot and killed Harold Finch and John Reese on Elm Street.", []fig{{news.Killed, 2, "exact", ""}}},
		{"Gomez and Tran were shot outside the store.", []fig{{news.Injured, 2, "exact", ""}}},
		{"She was taken to the hospital, where she later died.", []fig{{news.Killed, 1, "exact", ""}}},
		{"The 8-year-old girl had succumbed to her injuries.", []fig{{news.Killed, 1, "exact", ""}}},
		{"She succumbed to her wounds on Monday.", []fig{{news.Killed, 1, "exact", ""}}},
		// Adverbs in -ly between the auxiliary and the participle.
		{"She was accidentally shot by a neighbour.", []fig{{news.Injured, 1, "exact", ""}}},
		{"John Smith has been critically wounded, police said.", []fig{{news.Injured, 1, "exact", "police"}}},
		{"She was fatally shot on Sunday.", []fig{{news.Killed, 1, "exact", ""}}},
		{"A 30-year-old man was shot several times and died at the scene.", []fig{{news.Killed, 1, "exact", ""}}},
		{"The gunman then turned the gun on himself.", []fig{{news.Killed, 1, "exact", ""}}},
		{"A boy accidentally shot himself in the hand.", []fig{{news.Injured, 1, "exact", ""}}},
		{"Police name man who shot self while cleaning rifle", []fig{{news.Injured, 1, "exact", ""}}},
		// A name or he/she who suffered a wound.
		{"Jason Farmer, 19, sustained a gunshot wound and was taken to hospital.", []fig{{news.Injured, 1, "exact", ""}}},
		{"He suffered a gunshot wound to the leg.", []fig{{news.Injured, 1, "exact", ""}}},
		{"The man fatally shot himself in the garage.", []fig{{news.Killed, 1, "exact", ""}}},
		{"Both men were wounded and another was hurt.", []fig{{news.Injured, 2, "exact", ""}, {news.Injured, 1, "exact", ""}}},
		{"Three others suffered gunshot wounds.", []fig{{news.Injured, 3, "exact", ""}}},
		{"Two people were struck by gunfire.", []fig{{news.Injured, 2, "exact", ""}}},
		{"A man suffered a fatal gunshot wound.", []fig{{news.Killed, 1, "exact", ""}}},
		{"Teen charged in friend's shooting death", []fig{{news.Killed, 1, "exact", ""}}},
		{"Police are investigating the stabbing death of a neighbour.", []fig{{news.Killed, 1, "exact", ""}}},
		// Plural kin are people; an active verb may stand before a possessive.
		{"Two brothers were shot outside the store.", []fig{{news.Injured, 2, "exact", ""}}},
		{"He killed his two sons before fleeing.", []fig{{news.Killed, 2, "exact", ""}}},
		{"A man shot and killed his ex-girlfriend's two teenage daughters.", []fig{{news.Killed, 2, "exact", ""}}},
		// "struck", "striking", "grazed" before their victims are "shot".
		{"A stray bullet struck a juvenile in the neck.", []fig{{news.Injured, 1, "exact", ""}}},
		{"The gunman fired into the crowd, striking four men.", []fig{{news.Injured, 4, "exact", ""}}},
		{"A man fired shots inside the club, hitting three people.", []fig{{news.Injured, 3, "exact", ""}}},
		{"A bullet grazed a woman at the counter.", []fig{{news.Injured, 1, "exact", ""}}},
		// A double (triple, ...) shooting hit that many people; shootings are several incidents.
		{"Police investigate double shooting near the park", []fig{{news.Injured, 2, "exact", ""}}},
		{"Officers responded to a quadruple shooting on Elm Street.", []fig{{news.Injured, 4, "exact", ""}}},
		{"Two double shootings kept officers busy.", nil},
		// A second subject joins only right after the first: the husband has a predicate of his own.
		{"Her husband was cleaning a gun and the child was shot.", []fig{{news.Injured, 1, "exact", ""}}},
		// A bare singular noun after "and" is one more person.
		{"A woman and child have been found dead in the house.", []fig{{news.Killed, 2, "exact", ""}}},
		{"The mother and father were in critical condition.", []fig{{news.Injured, 2, "exact", ""}}},
		// A headline's bare noun or age joined by "and": two subjects.
		{"Mother and Child Shot in Dayton", []fig{{news.Injured, 2, "exact", ""}}},
		{"Teen and 4-year-old shot in Grand Rapids", []fig{{news.Injured, 2, "exact", ""}}},
		// A condition is said of the living: injured.
		{"A man is in critical condition after being shot on Main Street.", []fig{{news.Injured, 1, "exact", ""}}},
		{"Three people were in serious condition, police said.", []fig{{news.Injured, 3, "exact", "police"}}},
		{"The victim is expected to survive, officers said.", []fig{{news.Injured, 1, "exact", "officers"}}},
		{"Two boys were treated and released on Sunday.", []fig{{news.Injured, 2, "exact", ""}}},
		// Singular person nouns after an article or a possessive.
		{"Police said a clerk was shot during the robbery.", []fig{{news.Injured, 1, "exact", "Police"}}},
		{"His girlfriend was killed in the crash.", []fig{{news.Killed, 1, "exact", ""}}},
		// Headlines drop the auxiliary after a name and an age.
		{"Randy Lee Jones, 21, Killed In North Side Shooting", []fig{{news.Killed, 1, "exact", ""}}},
		{"Ana Ruiz, 19, and Leo Park, 22, shot outside corner store", []fig{{news.Injured, 2, "exact", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.text[:min(30, len(tt.text))], func(t *testing.T) {
			got := figsOf(Figures(NewDoc(tt.text, "en", nil)))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Figures(%q)\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestFiguresNotVictims checks phrases that name no victim.
func TestFiguresNotVictims(t *testing.T) {
	for _, s := range []string{
		"The boy who accidentally shot was questioned by police.",
		"Tom Reed, 45, shot his neighbour's dog on Sunday.",
		"Shooting deaths in the county fell last year.",
		"The old bridge is in critical condition, engineers said.",
		"Two men left after being questioned by police.",
		"The older brother picked up the rifle and shot.",
		"He was accused of trying to kill Dana Scully.",
		"The suspect was killed Friday in Winslow, Arizona, police said.",
		"The man turned himself in on Monday.",
	} {
		got := Figures(NewDoc(s, "en", nil))
		for _, f := range got {
			if f.Kind == news.Injured || f.Kind == news.Killed && f.Value != 1 {
				t.Errorf("Figures(%q) = %v, want no victim count", s, figsOf(got))
			}
		}
	}
}

// TestFiguresRange checks the bounds of ranges.
func TestFiguresRange(t *testing.T) {
	tests := []struct {
		lang, text string
		kind       string
		low, high  int
		qual       string
	}{
		{"en", "Between 10 and 20 people were hurt.", news.Injured, 10, 20, "range"},
		{"en", "Police arrested 30-40 protesters.", news.Detained, 30, 40, "range"},
		{"en", "Five to seven people were killed.", news.Killed, 5, 7, "range"},
		{"en", "The toll rose from 10 to 15.", news.Killed, 15, 15, "exact"},
		{"de", "Zwischen 50 und 60 Menschen wurden verletzt.", news.Injured, 50, 60, "range"},
		{"fr", "Entre 3 et 5 personnes ont été tuées.", news.Killed, 3, 5, "range"},
		{"es", "Entre 8 y 12 personas resultaron heridas.", news.Injured, 8, 12, "range"},
		{"ru", "Погибли от 5 до 7 человек.", news.Killed, 5, 7, "range"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text[:min(30, len(tt.text))], func(t *testing.T) {
			got := Figures(NewDoc(tt.text, tt.lang, nil))
			if len(got) != 1 {
				t.Fatalf("Figures(%q) = %v, want one figure", tt.text, figsOf(got))
			}
			g := got[0]
			if g.Kind != tt.kind || g.Low != tt.low || g.High != tt.high || g.Qualifier != tt.qual || g.Value != tt.low {
				t.Errorf("Figures(%q) = %s %d [%d, %d] %s, want %s %d [%d, %d] %s", tt.text, g.Kind, g.Value, g.Low, g.High, g.Qualifier, tt.kind, tt.low, tt.low, tt.high, tt.qual)
			}
		})
	}
}

// TestArticleCount checks an article's reading of killed and injured.
func TestArticleCount(t *testing.T) {
	tests := []struct {
		text            string
		killed, injured int
	}{
		{"Six people were shot on Main Street. One of them died at the hospital.", 1, 5},
		{"A man was killed early Sunday. He was shot in the chest, police said.", 1, 0},
		{"A man was killed early Sunday. Another man was wounded.", 1, 1},
		{"A woman was killed early Sunday. Her boyfriend was also shot, police said.", 1, 1},
		// Beside several dead, a victim without a number is one more.
		{"Three women were killed on Sunday. The gunman also injured a man.", 3, 1},
		{"Three women were killed on Sunday. A man was wounded in the leg.", 3, 1},
		{"Three people were killed and two others were injured.", 3, 2},
		// Beside one dead, a victim the dead cannot be (another sex or
		// age) is one more; the same sex and age, or none, is the dead.
		{"A 17-year-old boy died on Sunday. The girl was wounded in the arm.", 1, 1},
		{"A 19-year-old was killed on Sunday. A 14-year-old was taken to the hospital with injuries.", 1, 1},
		{"A girl was killed on Sunday. Her father is listed in critical condition.", 1, 1},
		{"A woman was killed on Sunday. Police said she was injured in the kitchen.", 1, 0},
		{"A 17-year-old boy died on Sunday. The boy was wounded in the chest.", 1, 0},
		{"A 17-year-old boy died on Sunday. Her son was wounded in the chest.", 1, 0},
		{"A 17-year-old boy died on Sunday. Her child was wounded in the chest.", 1, 0},
		{"A five-year-old girl died on Sunday. The 5-year-old was wounded in the chest.", 1, 0},
		// A count of people shot still holds the dead.
		{"A 17-year-old boy died on Sunday. The girl was shot in the arm.", 1, 0},
		{"Dozens were hurt when the roof fell.", 0, 24},
		// The dead of a fatal aside are taken out once, not twice.
		{"Four people were shot, one fatally, outside the bar.", 1, 3},
		{"Four teens, one fatally, were shot outside the restaurant.", 1, 3},
		{"Police say four people were hit in an overnight shooting.", 0, 4},
		// A double shooting holds its dead: one dead leaves one wounded,
		// and a quadruple shooting is one incident, its dead found further down its own.
		{"Teen dead after double shooting near the school", 1, 1},
		{"Girl hurt in quadruple shooting\n\nOfficers were called to Elm Street at 2 a.m. The street was closed. Neighbours heard shots. One of the victims died on Sunday.", 1, 3},
		{"All four people were struck by the bullets, police said.", 0, 4},
		// A round-up: the lead's wounded are this story, a death further
		// down is another shooting's.
		{"Four people shot outside bar\n\nFour people were wounded outside a bar on Main Street early Sunday. None of the injuries were life-threatening. The shooter fled on foot. Police have no suspect yet. In other news, a man was killed on Oak Street on Saturday.", 0, 4},
		// A shooter who killed himself in the sentence of his victims is one more dead.
		{"A man fatally shot his wife before killing himself, police said.", 2, 0},
		{"The gunman killed three people and then killed himself.", 4, 0},
		{"He killed four classmates and himself.", 5, 0},
		// In another sentence he is often the same dead told again: not added.
		{"A man killed his wife on Sunday. He later killed himself in the garage.", 1, 0},
		// One dead further down, no wounded in the lead: the reading keeps it.
		{"Shooting on Oak Street\n\nPolice were called to Oak Street on Saturday. Neighbours heard several shots. The street was closed for hours. Officers found a man who had been shot. He was killed instantly, police said.", 1, 0},
		// The lead's "two others" are the wounded; "both were shot" further
		// down does not make them a count of people shot that holds the dead.
		{"3 killed, 2 hurt in shooting\n\nA gunman killed three people and injured two others on Saturday. Police arrived within minutes. The street stayed closed until noon. Neighbours said both were shot in the legs.", 3, 2},
	}
	for _, tt := range tests {
		t.Run(tt.text[:min(30, len(tt.text))], func(t *testing.T) {
			d := NewDoc(tt.text, "en", nil)
			figs := Figures(d)
			if got := ArticleCount(d, figs, news.Killed); got != tt.killed {
				t.Errorf("killed: got %d, want %d (%v)", got, tt.killed, figsOf(figs))
			}
			if got := ArticleCount(d, figs, news.Injured); got != tt.injured {
				t.Errorf("injured: got %d, want %d (%v)", got, tt.injured, figsOf(figs))
			}
		})
	}
}

// TestArticleCountRoundUp checks that the totals of a round-up of several
// incidents are no incident's reading: the stories it tells are.
func TestArticleCountRoundUp(t *testing.T) {
	tests := []struct {
		lang, text      string
		killed, injured int
		roundUp         bool
	}{
		{"en", "2 dead, 8 wounded in separate shootings\n\nA man was shot and killed on Elm Street on Saturday. Police said the victim was 30.", 1, 0, true},
		{"en", "Six people were hurt in shootings across the city overnight. A woman was wounded on Oak Street.", 0, 1, true},
		// One shooting of several victims keeps its count.
		{"en", "Six people were hurt in a shooting on Oak Street overnight.", 0, 6, false},
		// A figure of one person sums up nothing.
		{"en", "A woman was hurt, one of several shootings across the city overnight.", 0, 1, false},
		{"de", "Bei mehreren Schießereien wurden sechs Menschen verletzt. Ein Mann wurde in der Hauptstraße verletzt.", 0, 1, true},
		{"es", "Seis personas resultaron heridas en varios tiroteos. Un hombre resultó herido en la calle Mayor.", 0, 1, true},
		{"fr", "Six personnes ont été blessées dans des fusillades. Un homme a été blessé rue de la Paix.", 0, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text[:min(30, len(tt.text))], func(t *testing.T) {
			d := NewDoc(tt.text, tt.lang, nil)
			figs := Figures(d)
			if got := ArticleCount(d, figs, news.Killed); got != tt.killed {
				t.Errorf("killed: got %d, want %d (%v)", got, tt.killed, figsOf(figs))
			}
			if got := ArticleCount(d, figs, news.Injured); got != tt.injured {
				t.Errorf("injured: got %d, want %d (%v)", got, tt.injured, figsOf(figs))
			}
			if got := RoundUp(d, figs); got != tt.roundUp {
				t.Errorf("RoundUp = %v, want %v (%v)", got, tt.roundUp, figsOf(figs))
			}
			if got := RoundUp(d, figs); got != tt.roundUp {
				t.Errorf("RoundUp = %v, want %v (%v)", got, tt.roundUp, figsOf(figs))
			}
		})
	}
}

// TestHitCount checks which injured readings count people shot, the dead
// among them, in an article that reports no dead.
func TestHitCount(t *testing.T) {
	tests := []struct {
		lang, text string
		hit        bool
	}{
		{"en", "Four people were shot on Main Street late Friday.", true},
		{"en", "A 4-year-old girl shot in her home.", true},
		{"en", "Four people were wounded on Main Street late Friday.", false},
		{"en", "Police investigate triple shooting on Main Street.", true},
		{"en", "Shots were fired into the bar, striking four men.", true},
		{"en", "Four people were shot, one fatally, on Main Street.", false},
		{"en", "Four people were shot on Main Street. Two of them died.", false},
		{"en", "Two people were killed and four others were shot.", false},
		{"de", "Vier Menschen wurden am Freitagabend angeschossen.", true},
		{"de", "Bei der Schießerei wurden vier Menschen durch Schüsse verletzt.", false},
		{"es", "Cuatro personas fueron baleadas en la calle Mayor.", true},
		{"es", "Cuatro personas resultaron heridas de bala en la calle Mayor.", false},
		{"fr", "Quatre personnes ont été touchées par balle devant le stade.", true},
		{"fr", "Quatre personnes ont été blessées par balle devant le stade.", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text[:min(30, len(tt.text))], func(t *testing.T) {
			d := NewDoc(tt.text, tt.lang, nil)
			figs := Figures(d)
			if got := HitCount(d, figs); got != tt.hit {
				t.Errorf("HitCount(%q) = %v, want %v (%v)", tt.text, got, tt.hit, figsOf(figs))
			}
		})
	}
}

// TestFiguresPronoun checks "him" and "her" after an active verb.
func TestFiguresPronoun(t *testing.T) {
	tests := []struct {
		text string
		want []fig
	}{
		{"The neighbour shot and killed him in the driveway.", []fig{{news.Killed, 1, "exact", ""}}},
		{"Someone fired from a car, wounding her in the leg.", []fig{{news.Injured, 1, "exact", ""}}},
		{"He was charged with trying to kill him.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text[:min(30, len(tt.text))], func(t *testing.T) {
			got := figsOf(Figures(NewDoc(tt.text, "en", nil)))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Figures(%q)\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestFiguresLexiconLanguages checks that the merged lexicon keeps the
// per-language readings: number words, vague and approximate words,
// multipliers and capitalised words in several languages.
func TestFiguresLexiconLanguages(t *testing.T) {
	tests := []struct {
		lang, text string
		want       []fig
	}{
		{"de", "Zwei Millionen Menschen wurden evakuiert.", []fig{{news.Evacuated, 2000000, "exact", ""}}},
		{"de", "Hunderte Menschen wurden verletzt.", []fig{{news.Injured, 200, "vague", ""}}},
		{"it", "Una decina di persone sono state arrestate.", []fig{{news.Detained, 10, "about", ""}}},
		{"es", "Veintidós personas murieron.", []fig{{news.Killed, 22, "exact", ""}}},
		{"fr", "Vingt-deux personnes ont été blessées.", []fig{{news.Injured, 22, "exact", ""}}},
		{"nl", "Eenentwintig mensen raakten gewond.", []fig{{news.Injured, 21, "exact", ""}}},
		{"pl", "Zginęło Pięć Osób.", []fig{{news.Killed, 5, "exact", ""}}},
		{"en", "TWENTY PEOPLE WERE KILLED.", []fig{{news.Killed, 20, "exact", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text[:min(30, len(tt.text))], func(t *testing.T) {
			got := figsOf(Figures(NewDoc(tt.text, tt.lang, nil)))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Figures(%q)\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestFuseReadings checks how the readings of an incident's articles
// combine.
func TestFuseReadings(t *testing.T) {
	tests := []struct {
		name string
		in   []Reading
		want Reading
	}{
		{"mode of non-zero", []Reading{{Killed: 2, Injured: 3}, {Killed: 2, Injured: 3}, {}, {Killed: 1, Injured: 4}}, Reading{Killed: 2, Injured: 3}},
		{"tie to the larger", []Reading{{Killed: 1, Injured: 2}, {Killed: 3, Injured: 4}}, Reading{Killed: 3, Injured: 4}},
		{"none", []Reading{{}}, Reading{}},
		// "A 4-year-old girl wounded", then "the girl has died".
		{"wounded then died", []Reading{{Injured: 1}, {Killed: 1}, {Killed: 1}}, Reading{Killed: 1}},
		// "Two people shot", then "one of them died".
		{"two shot one died", []Reading{{Injured: 2, Hit: true}, {Killed: 1}}, Reading{Killed: 1, Injured: 1}},
		// An article that reports both keeps its injured.
		{"both in one article", []Reading{{Injured: 1}, {Killed: 1, Injured: 1}, {Killed: 1}}, Reading{Killed: 1, Injured: 1}},
		// "Three people were shot" (hit: the dead among them) and a later
		// "one dead, two wounded": both read 2 injured.
		{"shot count beside a full report", []Reading{{Injured: 3, Hit: true}, {Killed: 1, Injured: 2}}, Reading{Killed: 1, Injured: 2}},
		// "Four wounded" is not a count of people shot: an article that
		// also gives the dead keeps its wounded apart.
		{"wounded beside a full report", []Reading{{Injured: 4}, {Killed: 1, Injured: 4}}, Reading{Killed: 1, Injured: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FuseReadings(tt.in); got != tt.want {
				t.Errorf("FuseReadings(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestFiguresDatesAreNoCounts checks that a day after an abbreviated month,
// a year and a date with slashes are not read as counts even when a
// casualty word is near.
func TestFiguresDatesAreNoCounts(t *testing.T) {
	for _, tt := range []struct {
		text string
		not  int
	}{
		{"The boy who was shot on Dec. 25 has died.", 25},
		{"Der am 3. Jan. 12 verletzte Mann ist wieder zu Hause.", 12},
		{"The 1999 wounded veterans parade was cancelled.", 1999},
		{"A 4-year-old was accidentally shot 10/16/16 at a park.", 10},
		{"Un niño fue herido el 16/10/2016 en el parque.", 16},
	} {
		for _, f := range Figures(NewDoc(tt.text, "en", nil)) {
			if f.Value == tt.not {
				t.Errorf("Figures(%q): %s %d from %q, want no date read as a count", tt.text, f.Kind, f.Value, f.Text)
			}
		}
	}
}
