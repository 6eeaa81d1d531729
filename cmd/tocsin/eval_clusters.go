package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
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
	showErrors := fs.Bool("errors", false, "list on stderr the articles that opened a wrong event or joined one, with their evidence")
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
	var errs clusterErrors
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
		if *showErrors {
			errs.note(d.Article.ID, d.Article.Title, extra.Event, as)
		}
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
	if *showErrors {
		errs.print(os.Stderr)
	}
	if *asJSON {
		return json.NewEncoder(os.Stdout).Encode(res)
	}
	fmt.Printf("%s: %d articles, %d gold events, %d predicted\n", res.File, res.Items, res.Gold, res.Predicted)
	fmt.Printf("B-cubed   P %.3f  R %.3f  F1 %.3f\n", res.BCubed.Precision, res.BCubed.Recall, res.BCubed.F1)
	fmt.Printf("pairwise  P %.3f  R %.3f  F1 %.3f\n", res.Pairwise.Precision, res.Pairwise.Recall, res.Pairwise.F1)
	fmt.Printf("%.0f articles/s (facts and clustering)\n", res.ArticlesPerSec)
	return nil
}

// clusterErrors follows the gold events through a run to show where the
// clusterer goes wrong: an article that opens a new event although its gold
// event exists (a split), or joins an event started by another gold event
// (a merge).
type clusterErrors struct {
	lines   []string
	started map[string]string // predicted event -> gold event of its first article
	seen    map[string]bool   // gold events met so far
}

func (c *clusterErrors) note(id, title, gold string, as cluster.Assignment) {
	if c.started == nil {
		c.started, c.seen = map[string]string{}, map[string]bool{}
	}
	ev := as.Evidence
	f := ev.Features
	why := fmt.Sprintf("score %.2f cos %.2f mem %.2f title %.2f ent %.2f place %.2f date %.2f time %.2f fig %.2f type %.2f",
		ev.Score, f.Cosine, f.Member, f.Title, f.Entities, f.Place, f.Date, f.Time, f.Figures, f.Type)
	switch {
	case as.New && c.seen[gold]:
		c.lines = append(c.lines, fmt.Sprintf("split  gold %s %s %.60q\n       best %s (gold %s): %s", gold, id, title, ev.Event, c.started[ev.Event], why))
	case !as.New && c.started[as.Event.ID] != gold:
		c.lines = append(c.lines, fmt.Sprintf("merge  gold %s %s %.60q\n       into %s (gold %s): %s", gold, id, title, as.Event.ID, c.started[as.Event.ID], why))
	}
	if as.New {
		c.started[as.Event.ID] = gold
	}
	c.seen[gold] = true
}

func (c *clusterErrors) print(w io.Writer) {
	for _, l := range c.lines {
		fmt.Fprintln(w, l)
	}
}
