package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
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
	// Gold is the same estimate compiled over each gold incident's
	// articles: what the rule and the extraction reach without clustering.
	Gold []figuresScore `json:"gold_grouping"`
	// Causes counts, per kind, the incidents read wrong after clustering
	// by what the gold grouping says of them (clusteredCauses).
	Causes []clusteredCause `json:"causes"`
}

// clusteredCause counts the incidents of one kind read wrong after
// clustering: Clustering when the gold grouping reads them right (a split
// or merged event is to blame), Estimate when it reads them wrong too
// (extraction or the estimate rule). Split and Merged say how many of all
// the wrong ones had their articles in several events, or shared their
// event with articles of other incidents.
type clusteredCause struct {
	Kind       string `json:"kind"`
	Wrong      int    `json:"wrong"`
	Clustering int    `json:"clustering"`
	Estimate   int    `json:"estimate"`
	Split      int    `json:"split"`
	Merged     int    `json:"merged"`
}

// evalFiguresClustered ingests a GVA-style file with facts and online
// clustering (in memory, as "eval clusters" does), then for every gold
// incident takes the event that holds most of its articles and compares
// that event's best estimates of killed and injured (0 when it reports
// none) with the incident's gold. It compiles each gold incident too, to
// tell the errors of clustering from those of the estimate, and writes
// every incident read wrong to errw when it is not nil. With half "A" or
// "B" only the articles of the incidents of that half (inHalf) are
// clustered and scored.
func evalFiguresClustered(ctx context.Context, path, half string, errw io.Writer) (clusteredFigures, error) {
	res := clusteredFigures{File: path}
	x, err := newExtractor()
	if err != nil {
		return res, err
	}
	c := cluster.New(cluster.DefaultConfig(), nil)
	golds := map[string][2]int{}
	incidentOf := map[string]string{}
	var order []string
	byEvent := map[string][]crosscheck.Input{}
	byIncident := map[string][]crosscheck.Input{}
	_, err = ingest.Each(ctx, []string{path}, ingest.Options{Format: "jsonl", Facts: x}, func(d store.Doc) error {
		var extra struct {
			Event    string `json:"event"`
			Incident struct {
				Killed  *int `json:"killed"`
				Injured *int `json:"injured"`
			} `json:"incident"`
		}
		json.Unmarshal(d.Article.Extra, &extra)
		if extra.Event == "" || extra.Incident.Killed == nil || extra.Incident.Injured == nil || d.Facts == nil || !inHalf(half, extra.Event) {
			return nil
		}
		as := c.Assign(cluster.NewItem(d.Article, d.Facts))
		if _, ok := golds[extra.Event]; !ok {
			order = append(order, extra.Event)
		}
		golds[extra.Event] = [2]int{*extra.Incident.Killed, *extra.Incident.Injured}
		incidentOf[d.Article.ID] = extra.Event
		byEvent[as.Event.ID] = append(byEvent[as.Event.ID], crosscheck.Input{Article: *d.Article, Facts: d.Facts, Event: as.Event.ID})
		byIncident[extra.Event] = append(byIncident[extra.Event], crosscheck.Input{Article: *d.Article, Facts: d.Facts})
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
	kinds := [2]string{news.Killed, news.Injured}
	var scores, gold [2]figuresScore
	var causes [2]clusteredCause
	for k, kind := range kinds {
		scores[k] = figuresScore{Kind: kind, Article: "crosscheck"}
		gold[k] = figuresScore{Kind: kind, Article: "crosscheck", Incident: "gold"}
		causes[k] = clusteredCause{Kind: kind}
	}
	reports := map[string]crosscheck.Report{}
	for _, inc := range order {
		best, n := "", 0
		for ev, k := range votes[inc] {
			if k > n || k == n && ev < best {
				best, n = ev, k
			}
		}
		r, ok := reports[best]
		if !ok {
			r = crosscheck.Compile(news.Event{ID: best}, byEvent[best], crosscheck.Options{})
			reports[best] = r
		}
		gr := crosscheck.Compile(news.Event{ID: inc}, byIncident[inc], crosscheck.Options{})
		got, ggot := estimated(r), estimated(gr)
		split, merged := len(votes[inc]) > 1, n < len(byEvent[best])
		wrong := false
		for k := range kinds {
			scores[k].N++
			gold[k].N++
			if ggot[k] == golds[inc][k] {
				gold[k].Correct++
			}
			if got[k] == golds[inc][k] {
				scores[k].Correct++
				continue
			}
			wrong = true
			cs := &causes[k]
			cs.Wrong++
			if ggot[k] == golds[inc][k] {
				cs.Clustering++
			} else {
				cs.Estimate++
			}
			if split {
				cs.Split++
			}
			if merged {
				cs.Merged++
			}
		}
		if wrong && errw != nil {
			fmt.Fprintf(errw, "incident %s: killed %d read %d (gold grouping %d), injured %d read %d (gold grouping %d); event %s holds %d of its %d articles and %d of other incidents\n",
				inc, golds[inc][0], got[0], ggot[0], golds[inc][1], got[1], ggot[1], best, n, len(byIncident[inc]), len(byEvent[best])-n)
			for _, e := range r.Estimates {
				if e.Kind == news.Killed || e.Kind == news.Injured {
					fmt.Fprintf(errw, "  estimate %s %d: %s\n", e.Kind, e.Value, e.Rule)
				}
			}
			for _, e := range r.Ledger {
				if e.Kind == news.Killed || e.Kind == news.Injured {
					fmt.Fprintf(errw, "    %s [%s] %s %d %s %q\n", e.Article, incidentOf[e.Article], e.Kind, e.Value, e.Qualifier, e.Text)
				}
			}
		}
	}
	for k := range kinds {
		scores[k].Accuracy = ratio(scores[k].Correct, scores[k].N)
		gold[k].Accuracy = ratio(gold[k].Correct, gold[k].N)
	}
	res.Scores, res.Gold, res.Causes = scores[:], gold[:], causes[:]
	return res, nil
}

// estimated returns a report's best estimates of killed and injured, 0
// for a kind it does not report.
func estimated(r crosscheck.Report) [2]int {
	var out [2]int
	for _, e := range r.Estimates {
		switch e.Kind {
		case news.Killed:
			out[0] = e.Value
		case news.Injured:
			out[1] = e.Value
		}
	}
	return out
}

func runEvalFiguresClustered(ctx context.Context, path, half string, asJSON bool, errw io.Writer) error {
	res, err := evalFiguresClustered(ctx, path, half, errw)
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
	for _, s := range res.Gold {
		fmt.Printf("gold grouping %-8s %4d/%4d = %.3f\n", s.Kind, s.Correct, s.N, s.Accuracy)
	}
	for _, c := range res.Causes {
		fmt.Printf("wrong %-8s %4d: %d right with the gold grouping, %d wrong there too; %d split, %d merged\n", c.Kind, c.Wrong, c.Clustering, c.Estimate, c.Split, c.Merged)
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
