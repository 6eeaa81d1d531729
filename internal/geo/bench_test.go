package geo

import (
	"runtime"
	"testing"
)

func BenchmarkLoad(b *testing.B) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	var g *Gazetteer
	for b.Loop() {
		var err error
		if g, err = Load(placesGz, countriesGz); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc-before)/(1<<20), "heapMB")
	b.ReportMetric(float64(len(g.index)), "keys")
	runtime.KeepAlive(g)
}

var sink []Place

func BenchmarkLookup(b *testing.B) {
	g := gaz(b)
	names := []string{"Moscow", "Moskau", "Köln", "Paris", "San Jose", "Xyzzyqville", "Москва", "Kyiv"}
	i := 0
	for b.Loop() {
		sink = g.Lookup(names[i%len(names)])
		i++
	}
}

func BenchmarkResolve(b *testing.B) {
	g := gaz(b)
	hint := Hint{Countries: []string{"RU", "US"}}
	names := []string{"Moscow", "Moskau", "Köln", "Paris", "San Jose", "Xyzzyqville", "the Russian region of Kaluga", "Kyiv"}
	i := 0
	for b.Loop() {
		g.Resolve(names[i%len(names)], hint)
		i++
	}
}

func BenchmarkClass(b *testing.B) {
	g := gaz(b)
	toks := []string{"the", "Moscow", "attack", "Russian", "Kaluga", "said", "Köln", "Ukraine"}
	i := 0
	for b.Loop() {
		g.Class(toks[i%len(toks)])
		i++
	}
}
