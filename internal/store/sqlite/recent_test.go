package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/text"
)

// recentRows makes the full-text rows of n articles from seq first on,
// their words drawn from a vocabulary by a skewed law as in news text.
func recentRows(rng *rand.Rand, first int64, n int) []any {
	var rows []any
	for i := range n {
		var title, body strings.Builder
		for j := range 8 {
			if j > 0 {
				title.WriteByte(' ')
			}
			title.WriteString(benchWord(rng))
		}
		for j := range 300 {
			if j > 0 {
				body.WriteByte(' ')
			}
			body.WriteString(benchWord(rng))
		}
		rows = append(rows, first+int64(i), title.String(), body.String(), text.TermString("en", title.String()+"\n"+body.String()))
	}
	return rows
}

// benchWord is one of 20,000 made-up words, the first ones far more often,
// a third of the time inflected ("-ing").
func benchWord(rng *rand.Rand) string {
	w := madeUp(int(20000 * rng.Float64() * rng.Float64() * rng.Float64()))
	if rng.IntN(3) == 0 {
		w += "ing"
	}
	return w
}

// madeUp spells i in letters, between a consonant and "ant", so that an
// English stemmer leaves it and takes "-ing" off it.
func madeUp(i int) string {
	b := []byte{'b'}
	for ; i > 0; i /= 26 {
		b = append(b, byte('a'+i%26))
	}
	return string(append(b, "ant"...))
}

// benchStore opens an empty store, closed when b ends.
func benchStore(b *testing.B) *Store {
	s := openAt(b, "")
	return s
}

// BenchmarkRecentNewer reads the newest matches of one-word searches, half
// of them of inflected words, from a recent articles' index that was given
// its articles in commits of 20, as ingest at 200 articles/s does.
func BenchmarkRecentNewer(b *testing.B) {
	for _, commits := range []int{10, 100, 400} {
		b.Run(fmt.Sprint(commits, "commits"), func(b *testing.B) {
			ctx, s := context.Background(), benchStore(b)
			rng := rand.New(rand.NewPCG(1, 2))
			var hi int64
			for range commits {
				s.recent.stage(ctx, hi, hi+20, recentRows(rng, hi+1, 20))
				s.recent.commit(hi+20, true)
				hi += 20
			}
			// Searches of words that are their own stem, and of inflected
			// ones, which are not.
			var matches []string
			for i := range 50 {
				for _, w := range []string{madeUp(i * 7), madeUp(i*7) + "ing"} {
					matches = append(matches, matchExpr([]store.SearchUnit{{Text: w}}, []string{"en"}))
				}
			}
			b.ResetTimer()
			for i := range b.N {
				if _, ok, err := s.recent.newer(ctx, matches[i%len(matches)], hi-40, hi, store.SearchWindow); err != nil || !ok {
					b.Fatal(ok, err)
				}
			}
			b.ReportMetric(float64(len(s.recent.covered)), "slices")
		})
	}
}

// BenchmarkRecentAdd gives a recent articles' index commits of 20
// articles, as ingest at 200 articles/s does, from empty to 8,000.
func BenchmarkRecentAdd(b *testing.B) {
	ctx, s := context.Background(), benchStore(b)
	rng := rand.New(rand.NewPCG(1, 2))
	batches := make([][]any, 400)
	for i := range batches {
		batches[i] = recentRows(rng, int64(20*i+1), 20)
	}
	b.ResetTimer()
	for i := range b.N {
		base := int64(20 * (i % len(batches))) // 0: the index starts afresh
		s.recent.stage(ctx, base, base+20, batches[i%len(batches)])
		s.recent.commit(base+20, true)
	}
}

// BenchmarkSearchUnderIngest answers one-word searches (the first page of
// 20) of 200 words on a store of 2,000 articles while 20 more are stored
// every 50 searches, as under the serve benchmark's load: most searches
// find their window kept and read the matches stored since from the
// recent articles' index. The commits are not timed.
func BenchmarkSearchUnderIngest(b *testing.B) {
	ctx, s := context.Background(), benchStore(b)
	rng := rand.New(rand.NewPCG(5, 6))
	n := 0
	commit := func(count int) {
		tx, err := s.Begin(ctx)
		if err != nil {
			b.Fatal(err)
		}
		rows := recentRows(rng, 0, count)
		for i := 0; i < len(rows); i += 4 {
			n++
			title, body := rows[i+1].(string), rows[i+2].(string)
			a := &news.Article{ID: fmt.Sprint("b", n), Title: title, Body: body, Lang: "en", Format: news.FormatText,
				Ingested: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), Size: len(body), Fingerprint: fmt.Sprint("fp", n), Origin: "bench"}
			if err := tx.Insert(ctx, store.Doc{Article: a, Terms: rows[i+3].(string)}); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	for range 10 {
		commit(200)
	}
	var words []string
	for i := range 100 {
		words = append(words, madeUp(i*3), madeUp(i*3)+"ing")
	}
	search := func(i int) {
		if _, err := s.Articles(ctx, store.ArticleQuery{Search: words[i%len(words)], Limit: 21}); err != nil {
			b.Fatal(err)
		}
	}
	for i := range len(words) { // every window kept once
		search(i)
	}
	b.ResetTimer()
	for i := range b.N {
		if i%50 == 0 {
			b.StopTimer()
			commit(20)
			b.StartTimer()
		}
		search(i)
	}
}
