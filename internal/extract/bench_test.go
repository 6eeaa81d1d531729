package extract

import (
	"strings"
	"testing"
)

// benchText is a plain-text article of about 2 KB with the usual noise.
func benchText(tb testing.TB) string {
	return string(readFixture(tb, "text", "de_dpa_caption.txt")) + "\n" +
		strings.Repeat(langParagraphs["de"]+"\n\n", 4) + "vet/dpa\n"
}

// BenchmarkText runs a noisy article with a written date line (which goes
// through go-dateparser) and, as most plain text comes, without one.
func BenchmarkText(b *testing.B) {
	withDate := benchText(b)
	plain := strings.Replace(withDate, "Veröffentlicht am 8. März 2024\n", "", 1)
	for _, tc := range []struct{ name, raw string }{{"date-line", withDate}, {"plain", plain}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.raw)))
			b.ReportAllocs()
			for b.Loop() {
				Text(tc.raw)
			}
		})
	}
}

func BenchmarkClean(b *testing.B) {
	text := Normalize(benchText(b))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Clean(text)
	}
}

func BenchmarkNormalize(b *testing.B) {
	raw := benchText(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		Normalize(raw)
	}
}

func BenchmarkHTML(b *testing.B) {
	doc := readFixture(b, "html", "article_en.html")
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := HTML(doc, "https://www.northern-courier.example/news/ferry-aground"); err != nil {
			b.Fatal(err)
		}
	}
}
