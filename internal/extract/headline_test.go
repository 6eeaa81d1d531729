package extract

import "testing"

func TestHeadline(t *testing.T) {
	tests := []struct {
		title, source, url, want string
	}{
		{"Two hurt in crash on Main Street - KXYZ.com | Springfield News, Weather & Sports", "", "https://www.kxyz.com/story/1",
			"Two hurt in crash on Main Street"},
		{"Two hurt in crash on Main Street :: KXYZ.com", "www.kxyz.com", "http://www.kxyz.com:80/x", "Two hurt in crash on Main Street"},
		{"Fire destroys warehouse - kxyz.com-Springfield News, Weather & Sports", "", "https://kxyz.com/a", "Fire destroys warehouse"},
		{"Fire destroys warehouse - | KXYZ Channel 4", "", "https://kxyz.com/a", "Fire destroys warehouse"},
		{"Fire destroys warehouse - Springfield News & Weather KXYZ.com", "", "https://kxyz.com/a", "Fire destroys warehouse"},
		{"Incendie dans un entrepôt – Le Courrier du Nord", "Le Courrier du Nord", "", "Incendie dans un entrepôt"},
		{"Brand in Lagerhalle | Nordkurier", "", "https://www.nordkurier.de/x", "Brand in Lagerhalle"},
		{"Пожар на складе — Вечерний Город", "Вечерний город", "https://vechernygorod.ru/a", "Пожар на складе"},
		{"Пожар на складе — Вечерний Город", "", "https://vechernygorod.ru/a", "Пожар на складе — Вечерний Город"},
		{"KXYZ News | Two hurt in crash", "", "https://kxyz.co.uk/a", "Two hurt in crash"},
		// The part after the dash is the headline's own, not the outlet.
		{"Crash closes bridge - Springfield police say", "", "https://www.springfieldpost.com/a", "Crash closes bridge - Springfield police say"},
		{"Oil falls - sources tell Kxyz", "", "https://kxyz.com/a", "Oil falls - sources tell Kxyz"},
		{"Exclusive story - Kxyz poll shows mayor ahead", "Kxyz", "", "Exclusive story - Kxyz poll shows mayor ahead"},
		{"Kxyz poll shows mayor ahead | Springfield votes today", "Kxyz", "", "Kxyz poll shows mayor ahead | Springfield votes today"},
		{"Kxyzian says no - Kxyzia Daily", "", "https://kxyz.com/a", "Kxyzian says no - Kxyzia Daily"},
		{"Mass shooting – two killed – Springfield", "", "https://blog.example.org/a", "Mass shooting – two killed – Springfield"},
		// Too little would be left.
		{"Breaking - KXYZ.com", "", "https://kxyz.com/a", "Breaking - KXYZ.com"},
		{"No separator KXYZ", "", "https://kxyz.com/a", "No separator KXYZ"},
		{"Nothing known of the site - KXYZ", "", "", "Nothing known of the site - KXYZ"},
		{"Blast at the depot - 127 dead", "", "http://127.0.0.1:8080/a", "Blast at the depot - 127 dead"},
	}
	for _, tt := range tests {
		if got := Headline(tt.title, tt.source, tt.url); got != tt.want {
			t.Errorf("Headline(%q, %q, %q) = %q, want %q", tt.title, tt.source, tt.url, got, tt.want)
		}
	}
}
