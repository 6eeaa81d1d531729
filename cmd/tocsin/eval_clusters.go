package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/tocsin/tocsin/internal/cluster"
	"github.com/tocsin/tocsin/internal/eval"
	"github.com/tocsin/tocsin/internal/ingest"
	"github.com/tocsin/tocsin/internal/store"
)

func runEvalClusters(ctx context.Context, args []string) error {
	fs := newFlags("eval clusters", "[flags] FILE.jsonl\n\nClusters the records in file order and compares the events with the records' gold \"event\" field.")
	asJSON := fs.Bool("json", false, "print one JSON object")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return fmt.Errorf("%w: want one JSON Lines file", errUsage)
	}
	x, err := newExtractor()
	if err != nil {
		return err
	}
	c := cluster.New(cluster.DefaultConfig(), nil)
	gold, pred := map[string]string{}, map[string]string{}
	start := time.Now()
	sum, err := ingest.Each(ctx, files, ingest.Options{Format: "jsonl", Facts: x}, func(d store.Doc) error {
		var extra struct {
			Event string `json:"event"`
		}
		json.Unmarshal(d.Article.Extra, &extra)
		if extra.Event == "" {
			return nil
		}
		as := c.Assign(cluster.NewItem(d.Article, d.Facts))
		gold[d.Article.ID] = extra.Event
		pred[d.Article.ID] = as.Event.ID
		return nil
	})
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	res := struct {
		eval.Clustering
		File           string  `json:"file"`
		ArticlesPerSec float64 `json:"articles_per_s"`
		Rejected       int     `json:"rejected"`
	}{eval.Clusters(pred, gold), files[0], float64(len(gold)) / elapsed.Seconds(), sum.Rejected}
	if *asJSON {
		return json.NewEncoder(os.Stdout).Encode(res)
	}
	fmt.Printf("%s: %d articles, %d gold events, %d predicted\n", res.File, res.Items, res.Gold, res.Predicted)
	fmt.Printf("B-cubed   P %.3f  R %.3f  F1 %.3f\n", res.BCubed.Precision, res.BCubed.Recall, res.BCubed.F1)
	fmt.Printf("pairwise  P %.3f  R %.3f  F1 %.3f\n", res.Pairwise.Precision, res.Pairwise.Recall, res.Pairwise.F1)
	fmt.Printf("%.0f articles/s (facts and clustering)\n", res.ArticlesPerSec)
	return nil
}
