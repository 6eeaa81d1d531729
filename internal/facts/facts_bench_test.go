package facts

import (
	"strings"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/news"
)

// BenchmarkExtract measures the full extraction of one ~600-word article
// (quoteBenchArticle: entities, places, dates, figures, quotes, claims,
// event type, 5W1H) on one core. Articles per second on n cores is about
// n × 1e9 / (ns/op) when nothing else runs; BenchmarkExtractParallel
// measures it.
func BenchmarkExtract(b *testing.B) {
	x, a := benchExtractor(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(a.Body)))
	for b.Loop() {
		x.Extract(a)
	}
}

// BenchmarkExtractParallel runs Extract on GOMAXPROCS goroutines; ns/op is
// wall time per article across all of them, so 1e9 / (ns/op) is the
// throughput in articles per second.
func BenchmarkExtractParallel(b *testing.B) {
	x, a := benchExtractor(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(a.Body)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			x.Extract(a)
		}
	})
}

func benchExtractor(b *testing.B) (*Extractor, *news.Article) {
	b.Helper()
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	pub := time.Date(2024, 3, 23, 9, 0, 0, 0, time.UTC)
	a := &news.Article{Body: quoteBenchArticle, Lang: "en", Published: &pub}
	if n := len(strings.Fields(a.Body)); n < 550 || n > 750 {
		b.Fatalf("benchmark article has %d words, want about 600", n)
	}
	x.Extract(a) // load the model and warm the caches outside the timing
	return x, a
}

// TestLastWord checks the word before a mention that mainPlace weighs,
// found from a code-point offset in texts with multi-byte letters.
func TestLastWord(t *testing.T) {
	tests := []struct{ text, name, want string }{
		{"Der Anschlag in Moskau forderte Opfer.", "Moskau", "in"},
		{"Нападение в Москве унесло жизни.", "Москве", "в"},
		{"Attentat près de Paris.", "Paris", "de"},
		{"Moscow was on alert.", "Moscow", ""},
		{"Zamach pod Łodzią, 30 km od Warszawy.", "Warszawy", "od"},
	}
	for _, tt := range tests {
		var cur runeCursor
		r := len([]rune(tt.text[:strings.Index(tt.text, tt.name)]))
		if got := lastWord(tt.text, cur.byteAt(tt.text, r)); got != tt.want {
			t.Errorf("lastWord before %q in %q = %q, want %q", tt.name, tt.text, got, tt.want)
		}
	}
}
