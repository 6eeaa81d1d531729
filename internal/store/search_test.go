package store

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestMayMatch(t *testing.T) {
	// The index terms of a run of English articles about a flood.
	terms := map[string]bool{"river": true, "flood": true, "rose": true, "evacu": true, "the": true}
	for _, tc := range []struct {
		search string
		want   bool
	}{
		{"floods", true},          // by its English stem
		{"flooding", true},        // another form of it
		{"evacuated", true},       // stem differs from the word
		{`"the river"`, true},     // every word of a phrase is there
		{`"river storm"`, false},  // a phrase needs all its words
		{"storm", false},          // absent
		{"flood storm", false},    // every unit must match
		{"sto*", true},            // a prefix may match anything
		{"Überschwemmung", false}, // absent in every language
	} {
		if got := MayMatch(SplitSearch(tc.search), terms, []string{"en"}); got != tc.want {
			t.Errorf("MayMatch(%q) = %v, want %v", tc.search, got, tc.want)
		}
	}
}

func TestUnitWeight(t *testing.T) {
	for _, tc := range []struct {
		name   string
		n      int
		lowest int64
		size   int64
		want   float64
	}{
		{"fewer than a window: every match", 10, 500, 1000, math.Log(1 + 1000.0/10)},
		{"a full window over the newest tenth: a tenth of the store", SearchWindow, 9001, 10000, math.Log(1 + 10000.0/(SearchWindow*10))},
		{"no match", 0, 0, 1000, 0},
	} {
		if got := UnitWeight(tc.n, tc.lowest, tc.size); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: UnitWeight = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// Titles kept (as a store keeps those it commits) are ranked without
// being read; the others are read once, then kept.
func TestRankerKeepsTitles(t *testing.T) {
	var r Ranker
	r.Keep([]SearchHit{{Seq: 1, Title: "Flooding closes the river road", Lang: "en"}, {Seq: 2, Title: "Council meets", Lang: "en"}})
	stored := map[int64]SearchHit{3: {Seq: 3, Title: "River floods again", Lang: "en"}}
	var read []int64
	titles := func(seqs []int64) ([]SearchHit, error) {
		read = append(read, seqs...)
		var out []SearchHit
		for _, s := range seqs {
			out = append(out, stored[s])
		}
		return out, nil
	}
	units := SplitSearch("floods")
	for round, wantRead := range [][]int64{{3}, nil} {
		read = nil
		seqs := []int64{1, 2, 3}
		if err := r.Rank(units, nil, seqs, titles); err != nil {
			t.Fatal(err)
		}
		// Both flood titles hold the stem, newest first; the council's does not.
		if want := []int64{3, 1, 2}; !slices.Equal(seqs, want) {
			t.Errorf("round %d: ranked %v, want %v", round, seqs, want)
		}
		if !slices.Equal(read, wantRead) {
			t.Errorf("round %d: read titles %v, want %v", round, read, wantRead)
		}
	}
}

// A title holds a phrase only with its words in order and whole, a prefix
// at the start of a word; the titles that hold the search come first.
func TestRankTitlePhrases(t *testing.T) {
	stored := []SearchHit{
		{Seq: 1, Title: "River road closed by flooding", Lang: "en"},
		{Seq: 2, Title: "Road to the river", Lang: "en"},
		{Seq: 3, Title: "Riverside roads reopen", Lang: "en"},
		{Seq: 4, Title: "Council meets", Lang: "en"},
	}
	titles := func(seqs []int64) ([]SearchHit, error) {
		var out []SearchHit
		for _, s := range seqs {
			out = append(out, stored[s-1])
		}
		return out, nil
	}
	for _, tc := range []struct {
		search string
		want   []int64
	}{
		{`"river road"`, []int64{1, 4, 3, 2}},      // in order, whole words
		{`"road river"`, []int64{4, 3, 2, 1}},      // no title has them in this order
		{`"river roads"`, []int64{1, 4, 3, 2}},     // by stems ("riverside" is another word)
		{"riv*", []int64{3, 2, 1, 4}},              // a prefix of a word
		{"ide*", []int64{4, 3, 2, 1}},              // not a prefix of any word
		{`"riverside road*"`, []int64{3, 4, 2, 1}}, // a phrase ending in a prefix
	} {
		var r Ranker
		seqs := []int64{4, 3, 2, 1}
		if err := r.Rank(SplitSearch(tc.search), nil, seqs, titles); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(seqs, tc.want) {
			t.Errorf("%s: ranked %v, want %v", tc.search, seqs, tc.want)
		}
	}
}

// Order gives what sorting by score, then newest first, gives: for matches
// newest first (as stores give them) with few scores, many scores, equal
// sums of different units, NaN weights, and for matches in any order.
func TestOrderSortsByScoreThenNewest(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		name    string
		units   int
		weights []float64
		shuffle bool
	}{
		{"one unit", 1, nil, false},
		{"two units, equal weights", 2, nil, false},
		{"three units", 3, []float64{0.5, 2, 1.5}, false},
		{"sums that tie", 3, []float64{1, 2, 3}, false},
		{"more scores than levels", 6, []float64{1, 2, 4, 8, 16, 32}, false},
		{"a NaN weight", 2, []float64{math.NaN(), 1}, false},
		{"any order", 3, []float64{0.5, 2, 1.5}, true},
	} {
		for _, n := range []int{0, 1, 7, 500} {
			seqs := make([]int64, n)
			marks := make([]uint64, n)
			next := int64(10 * n)
			for i := range seqs {
				next -= 1 + rng.Int64N(5)
				seqs[i], marks[i] = next, rng.Uint64N(1<<tc.units)
			}
			if tc.shuffle {
				rng.Shuffle(n, func(i, j int) { seqs[i], seqs[j] = seqs[j], seqs[i]; marks[i], marks[j] = marks[j], marks[i] })
			}
			scores := make([]float64, n)
			for i, m := range marks {
				for j := range tc.units {
					if m&(1<<j) != 0 {
						w := 1.0
						if j < len(tc.weights) {
							w = tc.weights[j]
						}
						scores[i] += w
					}
				}
			}
			want := sortByScore(seqs, scores)
			in := slices.Clone(seqs)
			if got := Order(seqs, marks, tc.weights); !slices.Equal(got, want) {
				t.Errorf("%s, %d matches: got %v, want %v", tc.name, n, got, want)
			}
			if !slices.Equal(seqs, in) {
				t.Errorf("%s, %d matches: Order changed its argument", tc.name, n)
			}
		}
	}
}

// BenchmarkOrder orders a search window of 500 matches, newest first, of
// a one-word search whose word a third of the titles hold.
func BenchmarkOrder(b *testing.B) {
	seqs := make([]int64, SearchWindow)
	marks := make([]uint64, SearchWindow)
	for i := range seqs {
		seqs[i] = int64(100000 - 3*i)
		if i%3 == 0 {
			marks[i] = 1
		}
	}
	for range b.N {
		Order(seqs, marks, nil)
	}
}
