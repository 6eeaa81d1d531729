package text

import (
	"slices"
	"strings"
	"testing"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		lang, in string
		want     []string
	}{
		{"en", "Two attacks were reported.", []string{"two", "attack", "were", "report"}},
		{"en", "The U.S. envoy's 1,000 troops", []string{"the", "us", "envoy", "1000", "troop"}},
		{"en", "O’Brien said: “No!” 😀 -- ok", []string{"obrien", "said", "no", "ok"}},
		{"en", "self-proclaimed ISIS-K", []string{"self", "proclaim", "isi", "k"}},
		{"de", "Nach den Anschlägen in Köln", []string{"nach", "den", "anschlag", "in", "koln"}},
		{"de", "am 8. März 2024", []string{"am", "8", "marz", "2024"}},
		{"fr", "L’attaque d’hier contre l'aéroport", []string{"attaqu", "hi", "contr", "aeroport"}},
		{"it", "Dell'attacco all'aeroporto", []string{"attacc", "aeroport"}},
		{"es", "Los ataques en Peña", []string{"los", "ataqu", "en", "pen"}},
		{"ru", "Нападения в Москве", []string{"нападен", "в", "москв"}},
		{"tr", "İstanbul'da saldırılar", []string{"istanbul", "saldiri"}},
		{"pl", "Zamach w Łodzi", []string{"zamach", "w", "lodzi"}}, // no Polish stemmer
		{"de-AT", "Anschläge", []string{"anschlag"}},
		{"deu", "Anschläge", []string{"anschlag"}},
		{"", "", nil},
		{"en", "... — !!", nil},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.in, func(t *testing.T) {
			got := Terms(tt.lang, tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Terms(%q, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
			}
			if s := TermString(tt.lang, tt.in); s != strings.Join(tt.want, " ") {
				t.Errorf("TermString(%q, %q) = %q, want %q", tt.lang, tt.in, s, strings.Join(tt.want, " "))
			}
		})
	}
}

// TestTermsMatch checks the property the search index relies on: inflected
// forms and their base forms give the same term.
func TestTermsMatch(t *testing.T) {
	tests := []struct{ lang, a, b string }{
		{"en", "attacks", "attack"},
		{"en", "attacked", "attacking"},
		{"en", "Moscow's", "Moscow"},
		{"de", "Anschläge", "Anschlag"},
		{"de", "Anschlägen", "anschlag"},
		{"de", "Köln", "Koln"},
		{"fr", "attaques", "attaque"},
		{"fr", "l'explosion", "explosions"},
		{"it", "attentati", "attentato"},
		{"it", "dell'esplosione", "esplosioni"},
		{"es", "ataques", "ataque"},
		{"pt", "ataques", "ataque"},
		{"nl", "aanslagen", "aanslag"},
		{"ru", "нападения", "нападение"},
		{"ru", "взрывы", "взрыв"},
		{"ru", "ёлка", "елка"},
		{"sv", "attackerna", "attacken"},
		{"tr", "saldırılar", "saldırıda"}, // but not "saldırı": Snowball Turkish is weak on vowel-final stems
		{"tr", "Ankara'da", "Ankara"},
		{"zz", "Zürich", "zurich"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.a, func(t *testing.T) {
			a, b := Term(tt.lang, tt.a), Term(tt.lang, tt.b)
			if a != b || a == "" {
				t.Errorf("Term(%q, %q) = %q and Term(%q, %q) = %q, want equal", tt.lang, tt.a, a, tt.lang, tt.b, b)
			}
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"en", "Attacks", "attack"},
		{"de", "Anschläge", "anschlag"},
		{"fr", "été", "été"},
		{"it", "dell'attacco", "attacc"},
		{"ru", "Нападения", "нападен"},
		{"pl", "Zamachy", "zamachy"},
		{"xx", "Wörter", "wörter"},
	}
	for _, tt := range tests {
		if got := Stem(tt.lang, tt.in); got != tt.want {
			t.Errorf("Stem(%q, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestLang(t *testing.T) {
	for in, want := range map[string]string{
		"en": "en", "EN": "en", "en-GB": "en", "pt_BR": "pt", "deu": "de",
		"ger": "de", "nb": "no", "nn-NO": "no", "xx": "xx", "": "",
	} {
		if got := Lang(in); got != want {
			t.Errorf("Lang(%q) = %q, want %q", in, got, want)
		}
	}
	if !HasStemmer("de-CH") || HasStemmer("pl") {
		t.Errorf("HasStemmer: got de-CH %v, pl %v; want true, false", HasStemmer("de-CH"), HasStemmer("pl"))
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Köln", "koln"},
		{"KOLN", "koln"},
		{"Kiev", "kiev"},
		{"Zürich", "zurich"},
		{"İstanbul", "istanbul"},
		{"Işık", "isik"},
		{"Łódź", "lodz"},
		{"Straße", "strasse"},
		{"São Paulo", "sao paulo"},
		{"Dña. Peña", "dna. pena"},
		{"Ærø", "aero"},
		{"Ελλάδα", "ελλαδα"},
		{"Йошкар-Ола", "йошкар-ола"},
		{"Ёлка", "елка"},
		{"O’Brien", "o'brien"},
		{"ﬁnal ＡＢＣ", "final abc"},
		{"がんばって 한국", "がんばって 한국"},
		{"Cafe\u0301", "cafe"}, // decomposed input
		{"already plain", "already plain"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldNoAlloc(t *testing.T) {
	s := "already folded ascii text, 42."
	if n := testing.AllocsPerRun(100, func() { _ = Fold(s) }); n != 0 {
		t.Errorf("Fold of folded ASCII: got %v allocs, want 0", n)
	}
}

func FuzzTerms(f *testing.F) {
	for _, s := range []string{"Die Anschläge", "U.S. 1,000 l'attaque", "İstanbul'da", "\xff\xfe", "a\u0301"} {
		f.Add("de", s)
	}
	f.Fuzz(func(t *testing.T, lang, s string) {
		for _, term := range Terms(lang, s) {
			if term == "" || strings.ContainsRune(term, ' ') {
				t.Fatalf("Terms(%q, %q): bad term %q", lang, s, term)
			}
		}
	})
}
