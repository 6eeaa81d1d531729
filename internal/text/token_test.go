package text

import (
	"strings"
	"testing"
)

func tokenTexts(lang, s string) []string {
	var out []string
	for _, t := range Tokenize(lang, s) {
		out = append(out, t.Text)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		lang, in string
		want     string // tokens joined by " | "
	}{
		{"en", "Moscow's police", "Moscow | 's | police"},
		{"en", "Kyiv’s mayor didn't say", "Kyiv | ’s | mayor | did | n't | say"},
		{"en", "the U.S. envoy", "the | U.S. | envoy"},
		{"en", "ISIS-K and self-styled al-Shabaab", "ISIS-K | and | self-styled | al-Shabaab"},
		{"en", "at 8:30 p.m., 1,000 people", "at | 8:30 | p.m. | , | 1,000 | people"},
		{"en", "killed 60 (sixty).", "killed | 60 | ( | sixty | ) | ."},
		{"en", `he said: "Go!"`, `he | said | : | " | Go | ! | "`},
		{"en", "“Quoted” and ‘single’", "“ | Quoted | ” | and | ‘ | single | ’"},
		{"en", "Wait... what?! No--never", "Wait | ... | what | ?! | No | -- | never"},
		{"en", "J. R. Smith met Dr. Jones", "J. | R. | Smith | met | Dr. | Jones"},
		{"en", "on 2024-03-22, a 3-2 win, 3.5%", "on | 2024-03-22 | , | a | 3-2 | win | , | 3.5 | %"},
		{"en", "a trend - not a wave", "a | trend | - | not | a | wave"},
		{"en", "the citizens' rights", "the | citizens | ' | rights"},
		{"en", "It ended. Then", "It | ended | . | Then"},
		{"de", "am 8. März in Köln", "am | 8. | März | in | Köln"},
		{"de", "Es starben 143. Danach", "Es | starben | 143 | . | Danach"},
		{"de", "z. B. in der Str. 5, Nr. 7", "z. | B. | in | der | Str. | 5 | , | Nr. | 7"},
		{"de", "„Wir sind bereit.“", "„ | Wir | sind | bereit | . | “"},
		{"fr", "L'attaque d’hier à l'aéroport", "L' | attaque | d’ | hier | à | l' | aéroport"},
		{"fr", "jusqu'à aujourd'hui, M. Dupont", "jusqu' | à | aujourd'hui | , | M. | Dupont"},
		{"fr", "« Non » dit-il", "« | Non | » | dit-il"},
		{"it", "Dell'attacco all'aeroporto", "Dell' | attacco | all' | aeroporto"},
		{"it", "il dott. Rossi a Sant'Angelo", "il | dott. | Rossi | a | Sant' | Angelo"},
		{"es", "la Sra. Peña dijo: ¿Dónde?", "la | Sra. | Peña | dijo | : | ¿ | Dónde | ?"},
		{"ru", "ул. Ленина, д. 5, в 2024 г.", "ул. | Ленина | , | д. | 5 | , | в | 2024 | г."},
		{"ru", "Йошкар-Ола и т.е. «Москва»", "Йошкар-Ола | и | т.е. | « | Москва | »"},
		{"pl", "np. ul. Piotrkowska 5", "np. | ul. | Piotrkowska | 5"},
		{"nl", "zo'n foto's op blz. 5", "zo'n | foto's | op | blz. | 5"},
		{"tr", "Ankara'da ve İstanbul'daki", "Ankara | 'da | ve | İstanbul | 'daki"},
		{"en", "", ""},
		{"en", " \n\t ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.in, func(t *testing.T) {
			got := strings.Join(tokenTexts(tt.lang, tt.in), " | ")
			if got != tt.want {
				t.Errorf("Tokenize(%q, %q)\n got %s\nwant %s", tt.lang, tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenOffsets(t *testing.T) {
	s := "Die Anschläge in Moskau’s Crocus-Halle: 143 Tote. „Schrecklich“, sagte Frau Müller-Lüdenscheidt…"
	rc := NewRuneCounter(s)
	runes := []rune(s)
	prev := 0
	for _, tok := range Tokenize("de", s) {
		if s[tok.Start:tok.End] != tok.Text {
			t.Errorf("token %q: s[%d:%d] = %q", tok.Text, tok.Start, tok.End, s[tok.Start:tok.End])
		}
		if tok.Start < prev {
			t.Errorf("token %q starts at %d before previous end %d", tok.Text, tok.Start, prev)
		}
		prev = tok.End
		rs, re := rc.Runes(tok.Start), rc.Runes(tok.End)
		if string(runes[rs:re]) != tok.Text || RuneOffset(s, tok.Start) != rs {
			t.Errorf("token %q: rune offsets %d:%d give %q", tok.Text, rs, re, string(runes[rs:re]))
		}
	}
	if got := NewRuneCounter(s).Runes(len(s)); got != len(runes) {
		t.Errorf("Runes(len(s)) = %d, want %d", got, len(runes))
	}
	// Going backwards works too.
	if got := rc.Runes(5); got != RuneOffset(s, 5) {
		t.Errorf("Runes(5) after the end = %d, want %d", got, RuneOffset(s, 5))
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Moscow's U.S. 8:30", "l'attaque z. B.", "a--b", "\xffx.y", "'", "-'-"} {
		f.Add("en", s)
	}
	f.Fuzz(func(t *testing.T, lang, s string) {
		prev := 0
		for _, tok := range Tokenize(lang, s) {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > len(s) || s[tok.Start:tok.End] != tok.Text {
				t.Fatalf("Tokenize(%q, %q): bad token %+v after %d", lang, s, tok, prev)
			}
			prev = tok.End
		}
		prev = 0
		for _, sp := range Sentences(lang, s) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s) {
				t.Fatalf("Sentences(%q, %q): bad span %+v after %d", lang, s, sp, prev)
			}
			prev = sp.End
		}
	})
}
