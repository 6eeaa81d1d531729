package main

import (
	"bufio"
	"cmp"
	"context"
	"crypto/md5"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/tocsin/tocsin/internal/facts"
	"github.com/tocsin/tocsin/internal/news"
)

// Incident fusion rules for evalFigures: how the readings of the articles
// about one incident combine. The default is first.
var incidentRules = []string{"fuse", "mode", "max", "median"}

// gvaRecord is the part of a GVA-style JSONL record that the figure
// evaluation reads.
type gvaRecord struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Published string `json:"published"`
	Event     string `json:"event"`
	Incident  struct {
		Killed  *int `json:"killed"`
		Injured *int `json:"injured"`
	} `json:"incident"`
}

// figuresScore is the accuracy of one kind under one pair of rules.
type figuresScore struct {
	Kind     string  `json:"kind"`
	Article  string  `json:"article_rule"`
	Incident string  `json:"incident_rule,omitempty"`
	N        int     `json:"n"`
	Correct  int     `json:"correct"`
	Accuracy float64 `json:"accuracy"`
}

// figuresReport is the result of "tocsin eval figures".
type figuresReport struct {
	File         string         `json:"file"`
	Articles     int            `json:"articles"`
	Incidents    int            `json:"incidents"`
	Figures      int            `json:"figures"`
	MicrosPerDoc float64        `json:"us_per_article"`
	PerArticle   []figuresScore `json:"per_article"`  // default rules
	PerIncident  []figuresScore `json:"per_incident"` // default rules
	Alternatives []figuresScore `json:"alternatives"` // every rule pair
}

// runEvalFigures scores the casualty figures on a GVA-style JSONL file
// ("tocsin eval figures FILE"): per article, the article's reading against
// the incident's gold killed and injured counts, and per incident after
// fusing the readings of its articles.
func runEvalFigures(args []string) error {
	return runEvalFiguresCtx(context.Background(), args)
}

// runEvalFiguresCtx is runEvalFigures; with --clustered it scores the
// cross-checked best estimates of the events clustering builds instead.
func runEvalFiguresCtx(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("eval figures", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: tocsin eval figures [flags] FILE\n\nScores the killed and injured figures on a GVA-style JSONL file (records with title, text,\npublished, event and incident.killed/injured), per article and per incident.\n\n")
		fs.PrintDefaults()
	}
	asJSON := fs.Bool("json", false, "print one machine-readable JSON object")
	all := fs.Bool("all", false, "also print every pair of article and incident rules")
	clustered := fs.Bool("clustered", false, "cluster the articles and score each incident's event's best estimate (crosscheck) instead of the gold grouping")
	showErrors := fs.Bool("errors", false, "print every incident read wrong under the default rules, with its articles' figures (with --clustered: its event's ledger)")
	half := fs.String("half", "", "score only half `A` or B of the incidents (split by md5 of \"half:\" + incident id), to write a rule on one half and check it on the other")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("eval figures: want one FILE, got %d arguments", fs.NArg())
	}
	if *half != "" && *half != "A" && *half != "B" {
		return fmt.Errorf("eval figures: --half is A or B, not %q", *half)
	}
	path := fs.Arg(0)
	var errw io.Writer
	if *showErrors {
		errw = os.Stdout
	}
	if *clustered {
		return runEvalFiguresClustered(ctx, path, *half, *asJSON, errw)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("eval figures: %w", err)
	}
	defer f.Close()
	rep, err := evalFiguresErrors(f, *half, errw)
	if err != nil {
		return fmt.Errorf("eval figures %s: %w", path, err)
	}
	rep.File = path
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	fmt.Printf("%s: %d articles, %d incidents, %d figures, %.0f µs per article\n", path, rep.Articles, rep.Incidents, rep.Figures, rep.MicrosPerDoc)
	fmt.Printf("default rules: article %q, incident %q\n", facts.ArticleRules[0], incidentRules[0])
	for _, s := range rep.PerArticle {
		fmt.Printf("per article   %-8s %4d/%4d = %.3f\n", s.Kind, s.Correct, s.N, s.Accuracy)
	}
	for _, s := range rep.PerIncident {
		fmt.Printf("per incident  %-8s %4d/%4d = %.3f\n", s.Kind, s.Correct, s.N, s.Accuracy)
	}
	if *all {
		fmt.Println("\nalternatives (kind, article rule, incident rule):")
		for _, s := range rep.Alternatives {
			fmt.Printf("  %-8s %-6s %-7s %4d/%4d = %.3f\n", s.Kind, s.Article, cmp.Or(s.Incident, "-"), s.Correct, s.N, s.Accuracy)
		}
	}
	return nil
}

// evalFigures reads the records of r and scores them.
func evalFigures(r io.Reader) (*figuresReport, error) {
	return evalFiguresErrors(r, "", nil)
}

// inHalf reports whether an incident belongs to half "A" (the first byte
// of md5("half:"+incident) is even) or "B" (odd); every incident belongs
// to half "". Rules written on one half are checked on the other.
func inHalf(half, incident string) bool {
	if half == "" {
		return true
	}
	sum := md5.Sum([]byte("half:" + incident))
	return (sum[0]%2 == 0) == (half == "A")
}

// evalFiguresErrors is evalFigures on the incidents of one half (all when
// half is "") that also writes to errw, when not nil, every incident the
// default rules read wrong: the gold, the fused reading and each article's
// title, reading and figures.
func evalFiguresErrors(r io.Reader, half string, errw io.Writer) (*figuresReport, error) {
	type article struct {
		id, title   string
		event       string
		killed, inj int
		read        map[string]facts.Reading // by article rule
		figs        []news.Figure            // kept only for errw
	}
	var arts []article
	rep := &figuresReport{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	var spent time.Duration
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var rec gvaRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if rec.Incident.Killed == nil || rec.Incident.Injured == nil || !inHalf(half, cmp.Or(rec.Event, rec.ID)) {
			continue
		}
		var pub *time.Time
		if t, err := time.Parse(time.RFC3339, rec.Published); err == nil {
			pub = &t
		}
		t0 := time.Now()
		d := facts.NewDoc(rec.Title+"\n\n"+rec.Text, "en", pub)
		figs := facts.Figures(d)
		spent += time.Since(t0)
		rep.Figures += len(figs)
		a := article{id: rec.ID, title: rec.Title, event: cmp.Or(rec.Event, rec.ID), killed: *rec.Incident.Killed, inj: *rec.Incident.Injured, read: map[string]facts.Reading{}}
		if errw != nil {
			a.figs = figs
		}
		for _, rule := range facts.ArticleRules {
			a.read[rule] = facts.Reading{Killed: facts.ArticleCountBy(rule, d, figs, news.Killed), Injured: facts.ArticleCountBy(rule, d, figs, news.Injured), Hit: facts.HitCount(d, figs)}
		}
		arts = append(arts, a)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	rep.Articles = len(arts)
	if len(arts) > 0 {
		rep.MicrosPerDoc = float64(spent.Microseconds()) / float64(len(arts))
	}
	events := map[string][]int{}
	var order []string
	for i, a := range arts {
		if _, ok := events[a.event]; !ok {
			order = append(order, a.event)
		}
		events[a.event] = append(events[a.event], i)
	}
	rep.Incidents = len(order)
	kinds := []string{news.Killed, news.Injured}
	for k, kind := range kinds {
		gold := func(a article) int {
			if k == 0 {
				return a.killed
			}
			return a.inj
		}
		read := func(r facts.Reading) int {
			if k == 0 {
				return r.Killed
			}
			return r.Injured
		}
		for _, ar := range facts.ArticleRules {
			s := figuresScore{Kind: kind, Article: ar}
			for _, a := range arts {
				s.N++
				if read(a.read[ar]) == gold(a) {
					s.Correct++
				}
			}
			s.Accuracy = ratio(s.Correct, s.N)
			rep.Alternatives = append(rep.Alternatives, s)
			if ar == facts.ArticleRules[0] {
				rep.PerArticle = append(rep.PerArticle, s)
			}
			for _, ir := range incidentRules {
				s := figuresScore{Kind: kind, Article: ar, Incident: ir}
				for _, ev := range order {
					var reads []facts.Reading
					for _, i := range events[ev] {
						reads = append(reads, arts[i].read[ar])
					}
					s.N++
					if read(fuseIncident(ir, reads)) == gold(arts[events[ev][0]]) {
						s.Correct++
					}
				}
				s.Accuracy = ratio(s.Correct, s.N)
				rep.Alternatives = append(rep.Alternatives, s)
				if ar == facts.ArticleRules[0] && ir == incidentRules[0] {
					rep.PerIncident = append(rep.PerIncident, s)
				}
			}
		}
	}
	if errw != nil {
		ar, ir := facts.ArticleRules[0], incidentRules[0]
		for _, ev := range order {
			gold := facts.Reading{Killed: arts[events[ev][0]].killed, Injured: arts[events[ev][0]].inj}
			var reads []facts.Reading
			for _, i := range events[ev] {
				reads = append(reads, arts[i].read[ar])
			}
			got := fuseIncident(ir, reads)
			if got.Killed == gold.Killed && got.Injured == gold.Injured {
				continue
			}
			fmt.Fprintf(errw, "incident %s: killed %d read %d, injured %d read %d\n", ev, gold.Killed, got.Killed, gold.Injured, got.Injured)
			for _, i := range events[ev] {
				a := arts[i]
				fmt.Fprintf(errw, "  %s %q: killed %d, injured %d\n", a.id, a.title, a.read[ar].Killed, a.read[ar].Injured)
				for _, f := range a.figs {
					fmt.Fprintf(errw, "    %s %d %s %q\n", f.Kind, f.Value, f.Qualifier, f.Text)
				}
			}
		}
	}
	return rep, nil
}

// fuseIncident combines the article readings of one incident: "fuse" is
// facts.FuseReadings; the others take each kind alone: "mode" the most
// frequent non-zero reading (ties to the larger; 0 when every article reads
// 0), "max" the largest, "median" the median non-zero one.
func fuseIncident(rule string, reads []facts.Reading) facts.Reading {
	if rule == "fuse" {
		return facts.FuseReadings(reads)
	}
	var out [2]int
	for k := range out {
		var nz []int
		for _, r := range reads {
			if v := [2]int{r.Killed, r.Injured}[k]; v > 0 {
				nz = append(nz, v)
			}
		}
		if len(nz) == 0 {
			continue
		}
		switch rule {
		case "max":
			out[k] = slices.Max(nz)
		case "median":
			slices.Sort(nz)
			out[k] = nz[(len(nz)-1)/2]
		default:
			out[k] = facts.Mode(nz)
		}
	}
	return facts.Reading{Killed: out[0], Injured: out[1]}
}

// ratio is a/b, 0 when b is 0.
func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
