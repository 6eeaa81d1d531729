package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/tocsin/tocsin/internal/cluster"
	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/eval"
	"github.com/tocsin/tocsin/internal/ingest"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// clusteredFigures is the result of "tocsin eval figures --clustered".
type clusteredFigures struct {
	File      string         `json:"file"`
	Articles  int            `json:"articles"`
	Incidents int            `json:"incidents"`
	Events    int            `json:"predicted_events"`
	Scores    []figuresScore `json:"per_incident"`
}

// evalFiguresClustered ingests a GVA-style file with facts and online
// clustering (in memory, as "eval clusters" does), then for every gold
// incident takes the event that holds most of its articles and compares
// that event's best estimates of killed and injured (0 when it reports
// none) with the incident's gold.
func evalFiguresClustered(ctx context.Context, path string) (clusteredFigures, error) {
	res := clusteredFigures{File: path}
	x, err := newExtractor()
	if err != nil {
		return res, err
	}
	c := cluster.New(cluster.DefaultConfig(), nil)
	type gold struct{ killed, injured int }
	golds := map[string]gold{}
	incidentOf := map[string]string{}
	var order []string
	byEvent := map[string][]crosscheck.Input{}
	_, err = ingest.Each(ctx, []string{path}, ingest.Options{Format: "jsonl", Facts: x}, func(d store.Doc) error {
		var extra struct {
			Event    string `json:"event"`
			Incident struct {
				Killed  *int `json:"killed"`
				Injured *int `json:"injured"`
			} `json:"incident"`
		}
		json.Unmarshal(d.Article.Extra, &extra)
		if extra.Event == "" || extra.Incident.Killed == nil || extra.Incident.Injured == nil || d.Facts == nil {
			return nil
		}
		as := c.Assign(cluster.NewItem(d.Article, d.Facts))
		if _, ok := golds[extra.Event]; !ok {
			order = append(order, extra.Event)
		}
		golds[extra.Event] = gold{*extra.Incident.Killed, *extra.Incident.Injured}
		incidentOf[d.Article.ID] = extra.Event
		byEvent[as.Event.ID] = append(byEvent[as.Event.ID], crosscheck.Input{Article: *d.Article, Facts: d.Facts, Event: as.Event.ID})
		res.Articles++
		return nil
	})
	if err != nil {
		return res, err
	}
	res.Incidents, res.Events = len(order), len(byEvent)
	// votes[incident][event] = articles of the incident in the event.
	votes := map[string]map[string]int{}
	for ev, ins := range byEvent {
		for _, in := range ins {
			inc := incidentOf[in.Article.ID]
			if votes[inc] == nil {
				votes[inc] = map[string]int{}
			}
			votes[inc][ev]++
		}
	}
	estimates := map[string]map[string]int{}
	kill, inj := figuresScore{Kind: news.Killed, Article: "crosscheck"}, figuresScore{Kind: news.Injured, Article: "crosscheck"}
	for _, inc := range order {
		best, n := "", 0
		for ev, k := range votes[inc] {
			if k > n || k == n && ev < best {
				best, n = ev, k
			}
		}
		est, ok := estimates[best]
		if !ok {
			r := crosscheck.Compile(news.Event{ID: best}, byEvent[best], crosscheck.Options{})
			est = map[string]int{}
			for _, e := range r.Estimates {
				est[e.Kind] = e.Value
			}
			estimates[best] = est
		}
		g := golds[inc]
		kill.N++
		inj.N++
		if est[news.Killed] == g.killed {
			kill.Correct++
		}
		if est[news.Injured] == g.injured {
			inj.Correct++
		}
	}
	kill.Accuracy, inj.Accuracy = ratio(kill.Correct, kill.N), ratio(inj.Correct, inj.N)
	res.Scores = []figuresScore{kill, inj}
	return res, nil
}

func runEvalFiguresClustered(ctx context.Context, path string, asJSON bool) error {
	res, err := evalFiguresClustered(ctx, path)
	if err != nil {
		return fmt.Errorf("eval figures --clustered %s: %w", path, err)
	}
	if asJSON {
		return json.NewEncoder(os.Stdout).Encode(res)
	}
	fmt.Printf("%s: %d articles, %d incidents, %d predicted events (best estimates after clustering)\n", path, res.Articles, res.Incidents, res.Events)
	for _, s := range res.Scores {
		fmt.Printf("per incident  %-8s %4d/%4d = %.3f\n", s.Kind, s.Correct, s.N, s.Accuracy)
	}
	return nil
}

// summaryScores is the result of "tocsin eval summaries".
type summaryScores struct {
	File      string      `json:"file"`
	Reference string      `json:"reference"` // what the summaries were compared with
	Units     int         `json:"units"`     // events or articles summarised
	Rouge     [2]eval.PRF `json:"rouge"`     // ROUGE-1 and ROUGE-2, averaged over units
}

// runEvalSummaries scores event summaries with ROUGE-1/2. Records with a
// "fivew1h" annotation (the 5W1H set) are summarised one article at a time
// and compared with the article's annotated phrases joined; other records
// (news_cluster) are grouped by their gold "event", summarised as one
// event, and compared with the titles of the event's articles joined.
func runEvalSummaries(ctx context.Context, args []string) error {
	fs := newFlags("eval summaries", "[flags] FILE.jsonl\n\nROUGE-1/2 of event summaries: against the 5W1H phrases (records with fivew1h) or the event's titles.")
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
	type unit struct {
		ins  []crosscheck.Input
		refs []string
	}
	units := map[string]*unit{}
	var order []string
	fivew := false
	_, err = ingest.Each(ctx, files, ingest.Options{Format: "jsonl", Facts: x}, func(d store.Doc) error {
		var extra struct {
			Event   string              `json:"event"`
			FiveW1H map[string][]string `json:"fivew1h"`
		}
		json.Unmarshal(d.Article.Extra, &extra)
		key, ref := extra.Event, d.Article.Title
		if extra.FiveW1H != nil {
			fivew = true
			key = d.Article.ID
			var phrases []string
			for _, k := range []string{"who", "what", "when", "where", "why", "how"} {
				phrases = append(phrases, extra.FiveW1H[k]...)
			}
			ref = strings.Join(phrases, " ")
		}
		if key == "" || d.Facts == nil {
			return nil
		}
		u := units[key]
		if u == nil {
			u = &unit{}
			units[key] = u
			order = append(order, key)
		}
		u.ins = append(u.ins, crosscheck.Input{Article: *d.Article, Facts: d.Facts})
		u.refs = append(u.refs, ref)
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(order)
	res := summaryScores{File: files[0], Reference: "titles of the gold event's articles"}
	if fivew {
		res.Reference = "the article's annotated 5W1H phrases"
	}
	for _, key := range order {
		u := units[key]
		r := crosscheck.Compile(news.Event{ID: key}, u.ins, crosscheck.Options{})
		var sents []string
		for _, s := range r.Summary {
			sents = append(sents, s.Text)
		}
		cand, ref := strings.Join(sents, " "), strings.Join(u.refs, " ")
		if strings.TrimSpace(ref) == "" {
			continue
		}
		res.Units++
		for i := range 2 {
			s := eval.RougeN(i+1, cand, ref)
			res.Rouge[i].Recall += s.Recall
			res.Rouge[i].Precision += s.Precision
			res.Rouge[i].F1 += s.F1
		}
	}
	for i := range res.Rouge {
		if res.Units > 0 {
			res.Rouge[i].Recall /= float64(res.Units)
			res.Rouge[i].Precision /= float64(res.Units)
			res.Rouge[i].F1 /= float64(res.Units)
		}
	}
	if *asJSON {
		return json.NewEncoder(os.Stdout).Encode(res)
	}
	fmt.Printf("%s: %d summaries against %s\n", res.File, res.Units, res.Reference)
	for i, s := range res.Rouge {
		fmt.Printf("ROUGE-%d  R %.3f  P %.3f  F1 %.3f\n", i+1, s.Recall, s.Precision, s.F1)
	}
	return nil
}
