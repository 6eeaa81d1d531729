package ingest

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tocsin/tocsin/internal/store/sqlite"
)

// benchDocs writes n distinct articles of about 2.5 KB (a typical news
// report) into a directory, as plain text or HTML.
func benchDocs(b *testing.B, n int, html bool) string {
	dir := b.TempDir()
	rng := rand.New(rand.NewPCG(7, 7))
	vocab := strings.Fields(wire + " the a of in on and to said police city council officials report week people hospital")
	for i := range n {
		var paras []string
		for range 6 {
			words := make([]string, 70)
			for j := range words {
				words[j] = vocab[rng.IntN(len(vocab))]
			}
			paras = append(paras, strings.Join(words, " ")+fmt.Sprintf(" %d.", rng.IntN(100000)))
		}
		title := fmt.Sprintf("Report number %d from the city", i)
		if html {
			doc := htmlDocument(title, "2025-01-02T10:00:00Z", "Bench Times", strings.Join(paras, "\n"))
			write(b, dir, fmt.Sprintf("%05d.html", i), doc)
		} else {
			write(b, dir, fmt.Sprintf("%05d.txt", i), textDocument(title, "2025-01-02", strings.Join(paras, "\n\n")))
		}
	}
	return dir
}

func benchIngest(b *testing.B, html bool) {
	const n = 500
	dir := benchDocs(b, n, html)
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := Run(ctx, st, []string{dir}, Options{})
		if err != nil || sum.Accepted != n {
			b.Fatalf("summary %+v, %v", sum, err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkIngestText(b *testing.B) { benchIngest(b, false) }
func BenchmarkIngestHTML(b *testing.B) { benchIngest(b, true) }
