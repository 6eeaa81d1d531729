package facts

import (
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/news"
)

// pubSat is a Saturday: "Friday" is the day before, "Saturday" the same day.
var pubSat = time.Date(2024, 3, 23, 10, 15, 0, 0, time.UTC)

func fmtMention(m news.DateMention) string {
	if m.Value == nil {
		return m.Text + " = nil"
	}
	layout := "2006-01-02"
	switch m.Granularity {
	case GranHour, GranMinute:
		layout = "2006-01-02 15:04"
	case GranMonth:
		layout = "2006-01"
	case GranYear:
		layout = "2006"
	}
	return m.Text + " = " + m.Value.Format(layout) + " " + m.Granularity
}

func TestDates(t *testing.T) {
	tests := []struct {
		lang, text string
		want       []string // fmtMention of every mention, in order
	}{
		// English
		{"en", "The concert hall was attacked on 22 March 2024.", []string{"22 March 2024 = 2024-03-22 day"}},
		{"en", "The plot was foiled on March 7, 2024, officials said.", []string{"March 7, 2024 = 2024-03-07 day"}},
		{"en", "Polls closed on Nov. 5 in most states.", []string{"Nov. 5 = 2023-11-05 day"}},
		{"en", "Around 8:30 p.m. on Friday evening, shots rang out.", []string{"8:30 p.m. on Friday evening = 2024-03-22 20:30 minute"}},
		{"en", "Police arrived at the mall Friday at 9 pm.", []string{"Friday at 9 pm = 2024-03-22 21:00 hour"}},
		{"en", "The mayor spoke on Saturday.", []string{"Saturday = 2024-03-23 day"}},
		{"en", "He was seen last Saturday near the river.", []string{"last Saturday = 2024-03-16 day"}},
		{"en", "A vote is planned for next Monday.", []string{"next Monday = 2024-03-25 day"}},
		{"en", "Yesterday the embassy issued a warning; today it repeated it.", []string{"Yesterday = 2024-03-22 day", "today = 2024-03-23 day"}},
		{"en", "Two men were detained two days ago and a third last night.", []string{"two days ago = 2024-03-21 day", "last night = 2024-03-22 day"}},
		{"en", "The group was banned last week.", []string{"last week = 2024-03-11 week"}},
		{"en", "Earlier this month the general gave a warning.", []string{"Earlier this month = 2024-03 month"}},
		{"en", "The group emerged in late 2014 and has grown since 2018.", []string{"2014 = 2014 year", "2018 = 2018 year"}},
		{"en", "The 1962 Cuban Missile Crisis was worse.", nil},
		{"en", "Citizens should avoid crowds for the next 48 hours.", nil},
		{"en", "The report of 22/03/2024 and the form dated 3/7/2024 differ.", []string{"22/03/2024 = 2024-03-22 day", "3/7/2024 = 2024-03-07 day"}},
		{"en", "The file is dated 2024-03-22T20:30.", []string{"2024-03-22T20:30 = 2024-03-22 20:30 minute"}},
		{"en", "The attack happened in March.", []string{"March = 2024-03 month"}},
		{"en", "The shooting happened shortly before 3:15 a.m. Sunday.", []string{"3:15 a.m. Sunday = 2024-03-17 03:15 minute"}},
		{"en", "She may march to the square with 1,000 people.", nil},
		// German
		{"de", "Der Anschlag geschah am 22. März 2024 in Krasnogorsk.", []string{"22. März 2024 = 2024-03-22 day"}},
		{"de", "Am Freitagabend um 20.30 Uhr fielen Schüsse.", []string{"Freitagabend um 20.30 Uhr = 2024-03-22 20:30 minute"}},
		{"de", "Die Botschaft hatte am 7. März gewarnt.", []string{"7. März = 2024-03-07 day"}},
		{"de", "Gestern Abend nahm die Polizei vier Männer fest.", []string{"Gestern Abend = 2024-03-22 day"}},
		{"de", "Vor zwei Tagen wurde ein Verdächtiger gefasst.", []string{"Vor zwei Tagen = 2024-03-21 day"}},
		{"de", "Die Gruppe ist seit 2018 aktiv.", []string{"2018 = 2018 year"}},
		{"de", "Die Stadt warnt für die nächsten 48 Stunden.", nil},
		{"de", "Das Urteil fällt morgen.", []string{"morgen = 2024-03-24 day"}},
		{"de", "Die Polizei kam am Morgen.", nil},
		{"de", "Das Treffen war am 22.03.2024 in Berlin.", []string{"22.03.2024 = 2024-03-22 day"}},
		{"de", "Letzte Woche gab es eine Razzia.", []string{"Letzte Woche = 2024-03-11 week"}},
		// French
		{"fr", "L'attaque a eu lieu vendredi soir à 20h30.", []string{"vendredi soir à 20h30 = 2024-03-22 20:30 minute"}},
		{"fr", "Hier, la police a arrêté trois suspects.", []string{"Hier = 2024-03-22 day"}},
		{"fr", "Le 1er mars 2024, l'ambassade a averti ses citoyens.", []string{"1er mars 2024 = 2024-03-01 day"}},
		{"fr", "Il y a deux jours, un suspect a été interpellé.", []string{"Il y a deux jours = 2024-03-21 day"}},
		{"fr", "Aujourd'hui le ministre parle.", []string{"Aujourd'hui = 2024-03-23 day"}},
		{"fr", "La semaine dernière, le groupe a menacé la ville.", []string{"semaine dernière = 2024-03-11 week"}},
		// Spanish
		{"es", "El ataque ocurrió el viernes por la noche.", []string{"viernes por la noche = 2024-03-22 day"}},
		{"es", "El 22 de marzo de 2024 hubo un atentado.", []string{"22 de marzo de 2024 = 2024-03-22 day"}},
		{"es", "Ayer la policía detuvo a cuatro hombres.", []string{"Ayer = 2024-03-22 day"}},
		{"es", "Hace tres días el gobierno emitió una alerta a las 21:00.", []string{"Hace tres días = 2024-03-20 day", "21:00 = 2024-03-20 21:00 minute"}},
		{"es", "El juicio será mañana por la mañana.", []string{"mañana por la mañana = 2024-03-24 day"}},
		// Italian
		{"it", "L'attacco è avvenuto venerdì sera alle 21.", []string{"venerdì sera alle 21 = 2024-03-22 21:00 hour"}},
		{"it", "Ieri la polizia ha arrestato due uomini.", []string{"Ieri = 2024-03-22 day"}},
		{"it", "Il 22 marzo 2024 c'è stato un attentato.", []string{"22 marzo 2024 = 2024-03-22 day"}},
		{"it", "Due giorni fa l'ambasciata ha lanciato l'allarme.", []string{"Due giorni fa = 2024-03-21 day"}},
		{"it", "La settimana scorsa il governo ha parlato.", []string{"settimana scorsa = 2024-03-11 week"}},
		// Russian
		{"ru", "Теракт произошёл в пятницу вечером.", []string{"пятницу вечером = 2024-03-22 day"}},
		{"ru", "22 марта 2024 года в Красногорске стреляли.", []string{"22 марта 2024 года = 2024-03-22 day"}},
		{"ru", "Вчера задержали четырёх человек.", []string{"Вчера = 2024-03-22 day"}},
		{"ru", "Два дня назад посольство предупредило граждан.", []string{"Два дня назад = 2024-03-21 day"}},
		{"ru", "На прошлой неделе ФСБ сообщила о задержании.", []string{"прошлой неделе = 2024-03-11 week"}},
		{"ru", "Около 20:00 в пятницу начался пожар.", []string{"20:00 в пятницу = 2024-03-22 20:00 minute"}},
		// Polish
		{"pl", "Atak nastąpił w piątek wieczorem.", []string{"piątek wieczorem = 2024-03-22 day"}},
		{"pl", "Wczoraj policja zatrzymała trzech mężczyzn.", []string{"Wczoraj = 2024-03-22 day"}},
		{"pl", "22 marca 2024 r. doszło do zamachu.", []string{"22 marca 2024 r. = 2024-03-22 day"}},
		{"pl", "Dwa dni temu ambasada ostrzegła obywateli.", []string{"Dwa dni temu = 2024-03-21 day"}},
		// Dutch
		{"nl", "De aanslag vond vrijdagavond om 20.30 uur plaats.", []string{"vrijdagavond om 20.30 uur = 2024-03-22 20:30 minute"}},
		{"nl", "Gisteren werden drie verdachten opgepakt.", []string{"Gisteren = 2024-03-22 day"}},
		{"nl", "Op 22 maart 2024 werd de zaal aangevallen.", []string{"22 maart 2024 = 2024-03-22 day"}},
		{"nl", "Twee dagen geleden waarschuwde de ambassade.", []string{"Twee dagen geleden = 2024-03-21 day"}},
		// Turkish
		{"tr", "Saldırı 22 Mart 2024 tarihinde gerçekleşti.", []string{"22 Mart 2024 = 2024-03-22 day"}},
		{"tr", "Dün polis üç kişiyi gözaltına aldı.", []string{"Dün = 2024-03-22 day"}},
		{"tr", "Cuma akşamı saat 20.30'da ateş açıldı.", []string{"Cuma akşamı saat 20.30 = 2024-03-22 20:30 minute"}},
		// Arabic
		{"ar", "وقع الهجوم في 22 مارس 2024 في موسكو.", []string{"22 مارس 2024 = 2024-03-22 day"}},
		{"ar", "اعتقلت الشرطة أمس أربعة أشخاص.", []string{"أمس = 2024-03-22 day"}},
	}
	for _, tc := range tests {
		t.Run(tc.lang+"/"+tc.text, func(t *testing.T) {
			d := NewDoc(tc.text, tc.lang, &pubSat)
			var got []string
			for _, m := range Dates(d) {
				got = append(got, fmtMention(m))
				if r := []rune(tc.text); string(r[m.Start:m.End]) != m.Text {
					t.Errorf("span %v is %q, want %q", m.Span, string(r[m.Start:m.End]), m.Text)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("mention %d: got %q, want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestDatesWeekdays(t *testing.T) {
	tests := []struct {
		pub  time.Time
		lang string
		text string
		want string
	}{
		{time.Date(2024, 3, 25, 8, 0, 0, 0, time.UTC), "en", "It happened on Friday.", "Friday = 2024-03-22 day"},            // Monday: back across the week end
		{time.Date(2024, 3, 22, 23, 0, 0, 0, time.UTC), "en", "It happened on Friday.", "Friday = 2024-03-22 day"},           // the same day
		{time.Date(2024, 3, 22, 23, 0, 0, 0, time.UTC), "en", "It happened last Friday.", "last Friday = 2024-03-15 day"},    // strictly before
		{time.Date(2024, 1, 2, 8, 0, 0, 0, time.UTC), "de", "Es geschah am Sonntag.", "Sonntag = 2023-12-31 day"},            // across the year end
		{time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC), "it", "È successo mercoledì.", "mercoledì = 2024-02-28 day"},           // across the month end (leap year)
		{time.Date(2024, 3, 23, 0, 0, 0, 0, time.UTC), "es", "Ocurrió el sábado pasado.", "sábado pasado = 2024-03-16 day"},  // postposed "last"
		{time.Date(2024, 3, 23, 0, 0, 0, 0, time.UTC), "fr", "C'était samedi dernier.", "samedi dernier = 2024-03-16 day"},   // postposed "last"
		{time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC), "en", "The party on Dec. 31 ended badly.", "Dec. 31 = 2023-12-31 day"}, // year from the nearest reading
		{time.Date(2023, 12, 28, 0, 0, 0, 0, time.UTC), "en", "The trial opens on January 4.", "January 4 = 2024-01-04 day"}, // ahead across the year end
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			ms := Dates(NewDoc(tc.text, tc.lang, &tc.pub))
			if len(ms) != 1 || fmtMention(ms[0]) != tc.want {
				var got []string
				for _, m := range ms {
					got = append(got, fmtMention(m))
				}
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDatesWithoutPublication(t *testing.T) {
	text := "On Friday, two days ago, the embassy warned; the attack came on 22 March 2024 at 20:30, not on March 7."
	want := []string{"Friday = nil", "two days ago = nil", "22 March 2024 at 20:30 = 2024-03-22 20:30 minute", "March 7 = nil"}
	ms := Dates(NewDoc(text, "en", nil))
	if len(ms) != len(want) {
		t.Fatalf("got %d mentions, want %d", len(ms), len(want))
	}
	for i, m := range ms {
		if got := fmtMention(m); got != want[i] {
			t.Errorf("got %q, want %q", got, want[i])
		}
		if m.Value == nil && (m.Granularity != "" || m.Relative) {
			t.Errorf("%q: unresolved mention has granularity %q, relative %v", m.Text, m.Granularity, m.Relative)
		}
	}
}

// TestUndatedKeepsParts checks that an article without a publication date
// keeps the weekday and clock time of expressions it cannot resolve, and
// that ResolveDate places them once a reference time is known.
func TestUndatedKeepsParts(t *testing.T) {
	ref := time.Date(2024, 3, 22, 23, 40, 0, 0, time.UTC) // a Friday night
	tests := []struct {
		lang, text     string
		expr           string // the mention Dates must find
		weekday, clock string
		resolved       string // fmtMention of ResolveDate(expr, lang, ref)
	}{
		{"en", "Around 8:30 p.m. on Friday evening, panic broke out in the hall.", "8:30 p.m. on Friday evening", "Friday", "20:30", "8:30 p.m. on Friday evening = 2024-03-22 20:30 minute"},
		{"de", "Am Freitagabend um 20.30 Uhr fielen Schüsse.", "Freitagabend um 20.30 Uhr", "Friday", "20:30", "Freitagabend um 20.30 Uhr = 2024-03-22 20:30 minute"},
		{"it", "Venerdì alle 21 sono stati sparati colpi nella sala.", "Venerdì alle 21", "Friday", "21:00", "Venerdì alle 21 = 2024-03-22 21:00 hour"},
		{"es", "El jueves la embajada advirtió del riesgo.", "jueves", "Thursday", "", "jueves = 2024-03-21 day"},
		{"fr", "Hier, la police a arrêté deux hommes.", "Hier", "", "", "Hier = 2024-03-21 day"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			var got *news.DateMention
			for _, m := range Dates(NewDoc(tt.text, tt.lang, nil)) {
				if m.Text == tt.expr {
					got = &m
				}
			}
			if got == nil {
				t.Fatalf("no mention %q in %v", tt.expr, Dates(NewDoc(tt.text, tt.lang, nil)))
			}
			if got.Value != nil || got.Weekday != tt.weekday || got.Clock != tt.clock {
				t.Errorf("undated %q: value %v weekday %q clock %q, want nil, %q, %q", tt.expr, got.Value, got.Weekday, got.Clock, tt.weekday, tt.clock)
			}
			r, ok := ResolveDate(got.Text, tt.lang, ref)
			if !ok || fmtMention(r) != tt.resolved {
				t.Errorf("ResolveDate(%q) = %q, %v; want %q", got.Text, fmtMention(r), ok, tt.resolved)
			}
		})
	}
	if m, ok := ResolveDate("no date here", "en", ref); ok {
		t.Errorf("ResolveDate of a text without a date = %+v, want not ok", m)
	}
}
