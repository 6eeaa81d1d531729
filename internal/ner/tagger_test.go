package ner

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestTableMatchesModel(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	m, tab := tg.Model(), tg.tab
	nT := len(m.Tags)
	present := make(map[uint32]bool, len(m.keys))
	for i, k := range m.keys {
		present[k] = true
		s := tab.find(k)
		if s == noSlot {
			t.Fatalf("key %#x (row %d) not found", k, i)
		}
		got := make([]float32, nT)
		tab.add(got, s)
		for j := range nT {
			if want := float32(m.q[i*nT+j]) * m.scales[i]; got[j] != want {
				t.Fatalf("key %#x tag %d: weight %v, want %v", k, j, got[j], want)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		k := rng.Uint32()
		if !present[k] && tab.find(k) != noSlot {
			t.Fatalf("absent key %#x found", k)
		}
	}
}

func TestTableWideTagSet(t *testing.T) {
	// Nine tags (with MISC) need two weight words a slot.
	m := &Model{Tags: []string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}}
	nT := len(m.Tags)
	for i := range 3000 {
		m.keys = append(m.keys, uint32(i)*7919)
		m.scales = append(m.scales, float32(i%5)/100) // some zero: left out
		for j := range nT {
			m.q = append(m.q, int8((i*31+j*17)%255-127))
		}
	}
	tab := newTable(m)
	for i, k := range m.keys {
		got := make([]float32, nT)
		tab.add(got, tab.find(k))
		for j := range nT {
			if want := float32(m.q[i*nT+j]) * m.scales[i]; got[j] != want {
				t.Fatalf("key %d tag %d: weight %v, want %v", k, j, got[j], want)
			}
		}
	}
}

// TestWordFeatsMatchExtract checks that the tagger's cached word features
// are exactly the features training extracts, and that its scores equal
// sums in extract's order up to float32 rounding.
func TestWordFeatsMatchExtract(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	gaz := func(tok string) []string {
		switch tok {
		case "Berlin", "Moskau", "Paris":
			return []string{"LOC"}
		case "Deutschland", "France", "U.S.":
			return []string{"COUNTRY", "LOC"}
		case "Putin":
			return []string{"PERNAME"}
		}
		return nil
	}
	tg = tg.WithGazetteer(gaz)
	tab := tg.tab
	nT := len(tg.Model().Tags)
	sentences := []struct{ lang, text string }{
		{"en", "President Vladimir Putin met Microsoft executives in Paris on Monday , a spokeswoman said ."},
		{"de", "Bundeskanzler Olaf Scholz sagte am 8. März in Berlin , Deutschland werde helfen ."},
		{"fr", "Le président français a déclaré à l' AFP que la France était prête ."},
		{"ru", "Президент России Владимир Путин заявил в Москве 22 марта 2024 года ."},
		{"en", "Putin"},
		{"en", "U.S. officials"},
		{"xx", "ISIS-K 1,000 3.5 8:30 ... ?! « Crocus City Hall » Krasnogorsk"},
		{"", "a"},
		{"en", "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT ."},
		{"en", "NAIROBI 1996-08-31"},
	}
	var f features
	for n := range 2 * len(sentences) {
		// Each sentence with and without the sentence-style features.
		s, styled := sentences[n%len(sentences)], n >= len(sentences)
		toks := strings.Fields(s.text)
		lang := normLang(s.lang)
		f.sentStyle = styled
		f.extract(lang, toks, gaz)

		sc := tg.scratch.get()
		lc := sc.cache(tab, lang)
		ws := make([]*wordFeats, len(toks))
		for i, w := range toks {
			ws[i] = lc.get(tab, gaz, w, &sc.look)
		}
		style := ""
		if styled {
			style = sentStyle(len(ws), func(i int) string { return ws[i].caps })
		}
		em := make([]float32, len(toks)*nT)
		lc.emit(tab, em, ws, style, &sc.look)
		for i := range toks {
			want := slices.Clone(f.keys[f.offs[i]:f.offs[i+1]])
			got := fastKeys(lang, toks, gaz, lc, ws, i, style)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%q token %d %q: keys\n got %x\nwant %x", s.text, i, toks[i], got, want)
			}
			ref := make([]float32, nT)
			for _, k := range f.keys[f.offs[i]:f.offs[i+1]] {
				tab.add(ref, tab.find(k))
			}
			for j := range nT {
				if got := em[i*nT+j]; math.Abs(float64(got-ref[j])) > 1e-4*max(1, math.Abs(float64(ref[j]))) {
					t.Errorf("%q token %d tag %d: score %v, want %v", s.text, i, j, got, ref[j])
				}
			}
		}
		tg.scratch.put(sc)
	}
}

// fastKeys lists the feature keys the tagger sums for token i of toks,
// whose cached features are ws.
func fastKeys(lang string, toks []string, gaz Gazetteer, lc *langCache, ws []*wordFeats, i int, style string) []uint32 {
	keysOf := func(j, role int) []uint32 {
		var tok token
		switch {
		case j < 0:
			tok = padStart
		case j >= len(toks):
			tok = padEnd
		default:
			tok = describe(toks[j], gaz)
		}
		var ks [nRoles][]uint32
		wordKeys(lang, &tok, &ks)
		return ks[role]
	}
	out := []uint32{key1(fBias, ""), key2(fLangBias, lang, "")}
	out = append(out, keysOf(i, roleSelf)...)
	if i == 0 {
		out = append(out, keysOf(i, roleFirst)...)
	}
	out = append(out, keysOf(i-1, roleM1)...)
	out = append(out, keysOf(i+1, roleP1)...)
	out = append(out, keysOf(i-2, roleM2)...)
	out = append(out, keysOf(i+2, roleP2)...)
	at := func(j int) *wordFeats {
		switch {
		case j < 0:
			return lc.start
		case j >= len(ws):
			return lc.end
		}
		return ws[j]
	}
	keys, n := pairKeys(at(i-1), ws[i], at(i+1), style)
	return append(out, keys[:n]...)
}

// TestTagCache checks that tags do not depend on what the word caches
// hold: a sentence tags the same before and after the caches have turned
// over, and from several goroutines at once.
func TestTagCache(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sentence := strings.Fields("Chancellor Olaf Scholz met Microsoft executives in Berlin on Monday , a spokeswoman for Siemens said .")
	want := strings.Join(New(tg.Model(), nil).Tag("en", sentence), " ")
	rng := rand.New(rand.NewPCG(3, 4))
	filler := make([]string, 12)
	for range 3 * cacheWords / len(filler) {
		for i := range filler {
			filler[i] = string(rune('A'+rng.IntN(26))) + strings.Repeat("x", rng.IntN(12))
		}
		tg.Tag("en", filler)
	}
	done := make(chan string)
	for range 4 {
		go func() {
			var got string
			for range 50 {
				got = strings.Join(tg.Tag("en", sentence), " ")
				tg.Tag("de", filler)
			}
			done <- got
		}()
	}
	for range 4 {
		if got := <-done; got != want {
			t.Errorf("tags after the caches turned over:\n got %s\nwant %s", got, want)
		}
	}
}

func TestFindAll(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tab := tg.tab
	rng := rand.New(rand.NewPCG(5, 6))
	var keys []uint32
	for i := range 20000 {
		if i%2 == 0 {
			keys = append(keys, tg.Model().keys[rng.IntN(len(tg.Model().keys))])
		} else {
			keys = append(keys, rng.Uint32())
		}
	}
	got := make([]slotRef, len(keys))
	tab.findAll(keys, got)
	for i, k := range keys {
		if want := tab.find(k); got[i] != want {
			t.Fatalf("findAll: key %#x at slot %d, want %d", k, got[i], want)
		}
	}
}
