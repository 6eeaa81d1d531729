package crosscheck

import (
	"testing"

	"github.com/tocsin/tocsin/internal/news"
)

// BenchmarkCompile compiles the fixture event (seven articles, two events
// of a storyline) from extracted facts.
func BenchmarkCompile(b *testing.B) {
	in := fixture(b, "crocus")
	ev := news.Event{ID: "ev-a", Type: news.TypeArmedAttack}
	b.ReportAllocs()
	for b.Loop() {
		Compile(ev, in, Options{})
	}
}
