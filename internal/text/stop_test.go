package text

import (
	"slices"
	"testing"
)

func TestIsStop(t *testing.T) {
	tests := []struct {
		lang, word string
		want       bool
	}{
		{"en", "the", true},
		{"en", "The", true},
		{"en", "attack", false},
		{"de", "für", true},
		{"de", "Für", true},
		{"de", "fur", true},
		{"de", "Anschlag", false},
		{"fr", "les", true},
		{"it", "della", true},
		{"es", "los", true},
		{"ru", "это", true},
		{"ru", "взрыв", false},
		{"pl", "się", true},
		{"nl", "het", true},
		{"tr", "ve", true},
		{"en-GB", "and", true},
		{"xx", "the", false},
	}
	for _, tt := range tests {
		if got := IsStop(tt.lang, tt.word); got != tt.want {
			t.Errorf("IsStop(%q, %q) = %v, want %v", tt.lang, tt.word, got, tt.want)
		}
	}
}

func TestIsStopTerm(t *testing.T) {
	var kept []string
	for _, term := range Terms("de", "Die Anschläge und die Festnahmen in der Stadt") {
		if !IsStopTerm("de", term) {
			kept = append(kept, term)
		}
	}
	if want := []string{"anschlag", "festnahm", "stadt"}; !slices.Equal(kept, want) {
		t.Errorf("terms without stop words: got %q, want %q", kept, want)
	}
}

func TestStopWords(t *testing.T) {
	langs := StopLangs()
	if len(langs) != 58 || !slices.IsSorted(langs) {
		t.Errorf("StopLangs: got %d languages (sorted %v), want 58 sorted", len(langs), slices.IsSorted(langs))
	}
	en := StopWords("en")
	if len(en) < 1000 || !slices.Contains(en, "the") {
		t.Errorf("StopWords(en): got %d words, want > 1000 including \"the\"", len(en))
	}
	en[0] = "changed"
	if StopWords("en")[0] == "changed" {
		t.Error("StopWords returned the shared slice, want a copy")
	}
	if StopWords("xx") != nil {
		t.Error("StopWords(xx): got a list, want nil")
	}
}

func BenchmarkIsStop(b *testing.B) {
	stops()
	b.ReportAllocs()
	for b.Loop() {
		IsStop("de", "Anschlag")
		IsStop("de", "und")
	}
}

func BenchmarkStopLoad(b *testing.B) {
	// What the first call to IsStop("en", ...) costs: parsing the JSON and
	// building the English sets.
	b.ReportAllocs()
	for b.Loop() {
		loadStops()["en"].build()
	}
}
