package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime"
	"sort"
	"sync"

	"github.com/tocsin/tocsin/internal/cluster"
	"github.com/tocsin/tocsin/internal/eval"
	"github.com/tocsin/tocsin/internal/news"
)

// pairRecord is one SemEval-2022 Task 8 pair as corpora/semeval8 has it.
type pairRecord struct {
	ID    string `json:"pair_id"`
	Lang1 string `json:"lang1"`
	Lang2 string `json:"lang2"`
	A     struct {
		Title string `json:"title"`
		Text  string `json:"text"`
	} `json:"a"`
	B struct {
		Title string `json:"title"`
		Text  string `json:"text"`
	} `json:"b"`
	Scores struct {
		Overall float64 `json:"overall"`
	} `json:"scores"`
}

// pairGroup are the figures of one language pair (or of all pairs).
type pairGroup struct {
	Pairs     int     `json:"pairs"`
	Same      int     `json:"same_event"` // gold overall <= 1.5
	Pearson   float64 `json:"pearson"`    // of the similarity with -overall
	eval.PRF          // same-event at the threshold
	BestF1    float64 `json:"best_f1"`        // at the best threshold for this group (an upper bound, not a result)
	BestThr   float64 `json:"best_threshold"` // where BestF1 is reached
	sim, gold []float64
}

func runEvalPairs(args []string) error {
	fs := newFlags("eval pairs", "[flags] FILE.jsonl\n\nScores SemEval-2022 Task 8 article pairs (corpora/semeval8) with the clusterer's same-event model: the\nsimilarity of a pair is the model's log-odds that the two articles report one event, averaged over both\ndirections. Prints its Pearson correlation with -overall (gold 1 = same story ... 4 = different, so\nhigher is better for both), per language pair and for cross-language pairs, and the F1 of \"same event\"\n(gold overall <= 1.5) for similarity >= --threshold.")
	asJSON := fs.Bool("json", false, "print one JSON object")
	thr := fs.Float64("threshold", 0, "same-event threshold on the similarity (0: where the clusterer joins)")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return fmt.Errorf("%w: want one JSON Lines file", errUsage)
	}
	recs, err := readPairs(files[0])
	if err != nil {
		return err
	}
	x, err := newExtractor()
	if err != nil {
		return err
	}
	// Items for both sides of every pair, facts extracted in parallel.
	items := make([][2]*cluster.Item, len(recs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r := recs[i]
				items[i][0] = pairItem(x, r.ID+"/a", r.Lang1, r.A.Title, r.A.Text)
				items[i][1] = pairItem(x, r.ID+"/b", r.Lang2, r.B.Title, r.B.Text)
			}
		}()
	}
	for i := range recs {
		next <- i
	}
	close(next)
	wg.Wait()

	cfg := cluster.DefaultConfig()
	c := cluster.New(cfg, nil)
	for _, p := range items {
		c.Observe(p[0])
		c.Observe(p[1])
	}
	groups := map[string]*pairGroup{}
	add := func(name string, sim, gold float64) {
		g := groups[name]
		if g == nil {
			g = &pairGroup{}
			groups[name] = g
		}
		g.sim = append(g.sim, sim)
		g.gold = append(g.gold, gold)
	}
	for i, r := range recs {
		s := c.Compare(items[i][0], items[i][1]).Margin
		add(r.Lang1+"-"+r.Lang2, s, r.Scores.Overall)
		add("all", s, r.Scores.Overall)
		if r.Lang1 != r.Lang2 {
			add("cross-language", s, r.Scores.Overall)
		}
	}
	names := make([]string, 0, len(groups))
	for name, g := range groups {
		g.score(*thr)
		names = append(names, name)
	}
	sort.Strings(names)
	if *asJSON {
		return json.NewEncoder(os.Stdout).Encode(struct {
			File      string                `json:"file"`
			Threshold float64               `json:"threshold"`
			Groups    map[string]*pairGroup `json:"groups"`
		}{files[0], *thr, groups})
	}
	fmt.Printf("%s: similarity = same-event log-odds minus the join threshold; Pearson with -overall; same event = overall <= 1.5, similarity >= %.2f\n", files[0], *thr)
	fmt.Printf("%-15s %6s %5s %8s %6s %6s %6s %8s\n", "pair", "pairs", "same", "pearson", "P", "R", "F1", "best F1")
	for _, name := range names {
		g := groups[name]
		fmt.Printf("%-15s %6d %5d %8.3f %6.3f %6.3f %6.3f %8.3f\n", name, g.Pairs, g.Same, g.Pearson, g.Precision, g.Recall, g.F1, g.BestF1)
	}
	return nil
}

func (g *pairGroup) score(thr float64) {
	g.Pairs = len(g.sim)
	neg := make([]float64, len(g.gold))
	for i, o := range g.gold {
		neg[i] = -o
		if o <= 1.5 {
			g.Same++
		}
	}
	g.Pearson = eval.Pearson(g.sim, neg)
	if math.IsNaN(g.Pearson) {
		g.Pearson = 0
	}
	g.PRF = sameF1(g.sim, g.gold, thr)
	for _, t := range g.sim {
		if r := sameF1(g.sim, g.gold, t); r.F1 > g.BestF1 {
			g.BestF1, g.BestThr = r.F1, t
		}
	}
}

// sameF1 scores "same event" as similarity >= thr against gold overall <= 1.5.
func sameF1(sim, gold []float64, thr float64) eval.PRF {
	var tp, fp, fn float64
	for i, s := range sim {
		pred, same := s >= thr, gold[i] <= 1.5
		switch {
		case pred && same:
			tp++
		case pred:
			fp++
		case same:
			fn++
		}
	}
	var r eval.PRF
	if tp > 0 {
		r.Precision, r.Recall = tp/(tp+fp), tp/(tp+fn)
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	return r
}

func pairItem(x interface {
	Extract(*news.Article) news.Facts
}, id, lang, title, body string) *cluster.Item {
	a := &news.Article{ID: id, Title: title, Body: body, Lang: lang}
	f := x.Extract(a)
	return cluster.NewItem(a, &f)
}

func readPairs(path string) ([]pairRecord, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []pairRecord
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		var r pairRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, r)
	}
	return out, sc.Err()
}
