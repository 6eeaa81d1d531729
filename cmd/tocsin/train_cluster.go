package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tocsin/tocsin/internal/cluster"
	"github.com/tocsin/tocsin/internal/eval"
	"github.com/tocsin/tocsin/internal/ingest"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// goldItems are a corpus's articles as cluster items, with gold events.
type goldItems struct {
	name  string
	items []*cluster.Item
	gold  []string
}

// goldDoc is an article with its facts and gold event, as cached.
type goldDoc struct {
	Article news.Article
	Facts   *news.Facts
	Event   string
}

// readGold reads a JSON Lines corpus with "event" labels, extracting facts.
// With a cache folder, the articles and their facts are kept there in gob
// files keyed by the corpus path, so that experiments on the clusterer do
// not re-extract facts; delete the folder when the extractor changes.
func readGold(ctx context.Context, path string, x ingest.Extractor, cache string) (goldItems, error) {
	docs, err := readGoldDocs(ctx, path, x, cache)
	if err != nil {
		return goldItems{}, err
	}
	g := goldItems{name: filepath.Base(filepath.Dir(path))}
	for i := range docs {
		g.items = append(g.items, cluster.NewItem(&docs[i].Article, docs[i].Facts))
		g.gold = append(g.gold, docs[i].Event)
	}
	return g, nil
}

func readGoldDocs(ctx context.Context, path string, x ingest.Extractor, cache string) ([]goldDoc, error) {
	var file string
	if cache != "" {
		abs, _ := filepath.Abs(path)
		file = filepath.Join(cache, fmt.Sprintf("%x.gob", sha256.Sum256([]byte(abs))))
		if f, err := os.Open(file); err == nil {
			defer f.Close()
			var docs []goldDoc
			if err := gob.NewDecoder(f).Decode(&docs); err != nil {
				return nil, fmt.Errorf("read cache %s: %w", file, err)
			}
			return docs, nil
		}
	}
	if x == nil {
		var err error
		if x, err = newExtractor(); err != nil {
			return nil, err
		}
	}
	var docs []goldDoc
	_, err := ingest.Each(ctx, []string{path}, ingest.Options{Format: "jsonl", Facts: x}, func(d store.Doc) error {
		var extra struct {
			Event string `json:"event"`
		}
		json.Unmarshal(d.Article.Extra, &extra)
		if extra.Event != "" {
			docs = append(docs, goldDoc{*d.Article, d.Facts, extra.Event})
		}
		return nil
	})
	if err == nil {
		// An interrupted read ends early without an error: what it read is
		// part of the corpus, neither worth caching nor fitting on.
		err = ctx.Err()
	}
	if err != nil || file == "" {
		return docs, err
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(docs); err != nil {
		return nil, fmt.Errorf("write cache: %w", err)
	}
	return docs, os.WriteFile(file, buf.Bytes(), 0o644)
}

// score clusters g with cfg and compares with the gold events.
func (g goldItems) score(cfg cluster.Config) eval.Clustering {
	c := cluster.New(cfg, nil)
	gold, pred := map[string]string{}, map[string]string{}
	for i, it := range g.items {
		gold[it.ID] = g.gold[i]
		pred[it.ID] = c.Assign(it).Event.ID
	}
	return eval.Clusters(pred, gold)
}

func runTrainCluster(ctx context.Context, args []string) error {
	fs := newFlags("train cluster", "[flags]\n\nFits the clustering model on the development corpora (articles in file order, gold \"event\" labels)\nand writes it where the build embeds it.")
	corpora := fs.String("corpora", "../shared/corpora", "folder of the corpora")
	sets := fs.String("sets", "ecbplus/dev.jsonl,newscluster/dev.jsonl,gva/dev.jsonl", "comma-separated corpus files under --corpora")
	out := fs.String("out", "internal/cluster/model.json", "where to write the model")
	dfOut := fs.String("df", "", "also write the background document frequencies of the corpora's terms here (internal/cluster/df.tsv.gz), before fitting")
	dfSets := fs.String("df-sets", "ecbplus/dev.jsonl,newscluster/dev.jsonl,5w1h/dev.jsonl", "openly licensed corpus files the background frequencies come from")
	l2 := fs.Float64("l2", 0.001, "L2 regularisation")
	iters := fs.Int("iters", 400, "gradient descent iterations")
	verbose := fs.Bool("v", false, "print the scores at every threshold tried")
	cache := fs.String("cache", "", "folder to keep extracted facts in between runs (delete it when the extractor changes)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	var x ingest.Extractor
	if *dfOut != "" {
		var all []*cluster.Item
		for _, set := range strings.Split(*dfSets, ",") {
			g, err := readGold(ctx, filepath.Join(*corpora, set), x, *cache)
			if err != nil {
				return err
			}
			all = append(all, g.items...)
		}
		var buf bytes.Buffer
		if err := cluster.WriteDF(&buf, all, 2); err != nil {
			return err
		}
		if err := os.WriteFile(*dfOut, buf.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s: document frequencies of %d articles; rebuild and run again without --df to fit on them\n", *dfOut, len(all))
		return nil
	}
	var corpusItems []goldItems
	var samples []cluster.Sample
	cfg := cluster.DefaultConfig()
	for group, set := range strings.Split(*sets, ",") {
		g, err := readGold(ctx, filepath.Join(*corpora, set), x, *cache)
		if err != nil {
			return err
		}
		c := cluster.New(cfg, nil)
		n := 0
		for i, it := range g.items {
			s := c.Oracle(it, g.gold[i])
			for j := range s {
				s[j].Group = group
			}
			samples = append(samples, s...)
			n += len(s)
		}
		fmt.Fprintf(os.Stderr, "%s: %d articles, %d comparisons\n", set, len(g.items), n)
		corpusItems = append(corpusItems, g)
	}
	m := cluster.Fit(samples, *l2, *iters)
	// The thresholds that best cluster every corpus on average (B-cubed F1,
	// and pairwise F1, which punishes merging similar events): one for
	// incidents, one for the rest, each searched on a grid with the other
	// fixed, twice.
	evaluate := func(m cluster.Model) float64 {
		cfg.Model = m
		total := 0.0
		line := fmt.Sprintf("thresholds %5.2f %5.2f:", m.Threshold, m.IncidentThreshold)
		for _, g := range corpusItems {
			r := g.score(cfg)
			total += (r.BCubed.F1 + r.Pairwise.F1) / 2
			line += fmt.Sprintf("  %s %.3f/%.3f", g.name, r.BCubed.F1, r.Pairwise.F1)
		}
		total /= float64(len(corpusItems))
		if *verbose {
			fmt.Fprintf(os.Stderr, "%s  mean %.3f\n", line, total)
		}
		return total
	}
	bestScore := -1.0
	for round := 0; round < 2; round++ {
		for _, field := range []*float64{&m.IncidentThreshold, &m.Threshold} {
			best := *field
			for thr := -2.0; thr <= 4.0; thr += 0.125 {
				*field = thr
				if s := evaluate(m); s > bestScore {
					best, bestScore = thr, s
				}
			}
			*field = best
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("train cluster: stopped before the model was written: %w", err)
	}
	cfg.Model = m
	for _, g := range corpusItems {
		r := g.score(cfg)
		fmt.Fprintf(os.Stderr, "%-12s B-cubed F1 %.3f  pairwise F1 %.3f  (%d events, gold %d)\n", g.name, r.BCubed.F1, r.Pairwise.F1, r.Predicted, r.Gold)
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "thresholds %.3f, incidents %.3f; weights %v bias %.3f\n", m.Threshold, m.IncidentThreshold, m.Weights, m.Bias)
	return os.WriteFile(*out, append(b, '\n'), 0o644)
}
