package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/tocsin/tocsin/internal/facts"
	"github.com/tocsin/tocsin/internal/ner"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/text"
)

// evalDatesRecord is the part of a corpus record (docs in
// ../shared/corpora/README.md) the date evaluation reads.
type evalDatesRecord struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Lang      string `json:"lang"`
	Published string `json:"published"`
	Incident  *struct {
		Date string `json:"date"`
	} `json:"incident"`
	FiveW1H *struct {
		Who  []string `json:"who"`
		What []string `json:"what"`
	} `json:"fivew1h"`
	Annotations *struct {
		When []struct {
			Parsed string `json:"parsed"`
		} `json:"when"`
	} `json:"fivew1h_annotations"`
}

// evalDatesReport is what "tocsin eval dates --json" prints.
type evalDatesReport struct {
	Files    []string `json:"files"`
	Articles int      `json:"articles"`

	// Gun Violence Archive records (incident.date).
	Incidents         int            `json:"incident_articles"`
	WhenCorrect       int            `json:"when_correct"`        // MainEvent.When is the incident date
	WhenWrong         int            `json:"when_wrong"`          // a date, but another one
	WhenNone          int            `json:"when_none"`           // no main-event date found
	WhenAccuracy      float64        `json:"when_accuracy"`       // correct / incident articles
	FallbackAccuracy  float64        `json:"fallback_accuracy"`   // When, else the publication day
	PublishedAccuracy float64        `json:"published_accuracy"`  // baseline: the publication day
	AnyMention        float64        `json:"any_mention_has_day"` // some mention resolves to the incident day
	Types             map[string]int `json:"event_types"`

	// Giveme5W1H records (fivew1h).
	FiveW1H          int     `json:"fivew1h_articles"`
	FiveWhenGold     int     `json:"fivew1h_when_gold"` // articles with a parsed gold date
	FiveWhenCorrect  int     `json:"fivew1h_when_correct"`
	FiveWhenNone     int     `json:"fivew1h_when_none"`
	FiveWhenAccuracy float64 `json:"fivew1h_when_accuracy"`
	FiveWhoF1        float64 `json:"fivew1h_who_f1"`  // mean best token F1 against the gold phrases
	FiveWhatF1       float64 `json:"fivew1h_what_f1"` // mean best token F1 against the gold phrases
	DatesPerArticle  float64 `json:"dates_per_article"`
	MicrosPerArticle float64 `json:"dates_us_per_article"`
	ClassifyMicros   float64 `json:"classify_us_per_article"`
	MainEventMicros  float64 `json:"main_event_us_per_article"`
}

// runEvalDates scores date resolution and the main-event date on corpus
// files ("tocsin eval dates FILE...").
func runEvalDates(args []string) error {
	fs := flag.NewFlagSet("eval dates", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: tocsin eval dates [flags] FILE...\n\n"+
			"Scores the main-event date (facts.MainEvent.When) on JSONL corpus records: against incident.date\n"+
			"on Gun Violence Archive records, against the parsed 'when' annotations on Giveme5W1H records\n"+
			"(with who/what token F1, using the embedded NER tagger for mentions).\n\n")
		fs.PrintDefaults()
	}
	asJSON := fs.Bool("json", false, "print machine-readable JSON")
	limit := fs.Int("limit", 0, "read at most this many records of each file (0: all)")
	verbose := fs.Bool("v", false, "list the wrong and missing dates")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: eval dates: want one or more JSONL files", errUsage)
	}
	tagger, err := ner.Default()
	if err != nil {
		return fmt.Errorf("eval dates: %w", err)
	}
	r := evalDatesReport{Files: fs.Args(), Types: map[string]int{}}
	var fallback, published, anyDay, dateCount int
	var whoF1, whatF1 float64
	var tDates, tClass, tMain time.Duration
	for _, path := range fs.Args() {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("eval dates: %w", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 64<<20)
		n := 0
		for sc.Scan() {
			if *limit > 0 && n >= *limit {
				break
			}
			n++
			var rec evalDatesRecord
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				f.Close()
				return fmt.Errorf("eval dates: %s record %d: %w", path, n, err)
			}
			r.Articles++
			var pub *time.Time
			if p, err := time.Parse(time.RFC3339, rec.Published); err == nil {
				pub = &p
			}
			doc := facts.NewDoc(rec.Text, rec.Lang, pub)
			t0 := time.Now()
			dates := facts.Dates(doc)
			t1 := time.Now()
			typ := facts.Classify(doc, rec.Title, nil, nil)
			t2 := time.Now()
			var mentions []news.Mention
			if rec.FiveW1H != nil {
				mentions = nerMentions(tagger, doc)
			}
			t3 := time.Now()
			ev := facts.MainEvent(doc, rec.Title, dates, nil, nil, mentions)
			tDates += t1.Sub(t0)
			tClass += t2.Sub(t1)
			tMain += time.Since(t3)
			dateCount += len(dates)

			if rec.Incident != nil && rec.Incident.Date != "" {
				r.Incidents++
				r.Types[typ.Type]++
				gold := rec.Incident.Date
				switch {
				case ev.When == nil:
					r.WhenNone++
					if pub != nil && pub.Format(time.DateOnly) == gold {
						fallback++
					}
				case ev.When.Format(time.DateOnly) == gold:
					r.WhenCorrect++
					fallback++
				default:
					r.WhenWrong++
				}
				if *verbose && (ev.When == nil || ev.When.Format(time.DateOnly) != gold) {
					got := "none"
					if ev.When != nil {
						got = ev.When.Format(time.DateOnly)
					}
					fmt.Fprintf(os.Stderr, "%s\tgold %s\tgot %s\tpub %.10s\t%.70s\n", rec.ID, gold, got, rec.Published, rec.Title)
				}
				if pub != nil && pub.Format(time.DateOnly) == gold {
					published++
				}
				for _, m := range dates {
					if m.Value != nil && m.Granularity != facts.GranYear && m.Granularity != facts.GranMonth && m.Granularity != facts.GranWeek && m.Value.Format(time.DateOnly) == gold {
						anyDay++
						break
					}
				}
			}
			if rec.FiveW1H != nil {
				r.FiveW1H++
				gold := map[string]bool{}
				if rec.Annotations != nil {
					for _, w := range rec.Annotations.When {
						if w.Parsed != "" {
							gold[w.Parsed[:min(len(w.Parsed), 10)]] = true
						}
					}
				}
				if len(gold) > 0 {
					r.FiveWhenGold++
					switch {
					case ev.When == nil:
						r.FiveWhenNone++
					case gold[ev.When.Format(time.DateOnly)]:
						r.FiveWhenCorrect++
					}
				}
				whoF1 += bestTokenF1(ev.Who, rec.FiveW1H.Who)
				whatF1 += bestTokenF1(ev.What, rec.FiveW1H.What)
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return fmt.Errorf("eval dates: %s: %w", path, err)
		}
	}
	if r.Incidents > 0 {
		n := float64(r.Incidents)
		r.WhenAccuracy = float64(r.WhenCorrect) / n
		r.FallbackAccuracy = float64(fallback) / n
		r.PublishedAccuracy = float64(published) / n
		r.AnyMention = float64(anyDay) / n
	}
	if r.FiveWhenGold > 0 {
		r.FiveWhenAccuracy = float64(r.FiveWhenCorrect) / float64(r.FiveWhenGold)
	}
	if r.FiveW1H > 0 {
		r.FiveWhoF1 = whoF1 / float64(r.FiveW1H)
		r.FiveWhatF1 = whatF1 / float64(r.FiveW1H)
	}
	if r.Articles > 0 {
		n := float64(r.Articles)
		r.DatesPerArticle = float64(dateCount) / n
		r.MicrosPerArticle = float64(tDates.Microseconds()) / n
		r.ClassifyMicros = float64(tClass.Microseconds()) / n
		r.MainEventMicros = float64(tMain.Microseconds()) / n
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Printf("articles %d, %.1f date mentions each; dates %.0f µs, classify %.0f µs, main event %.0f µs per article\n",
		r.Articles, r.DatesPerArticle, r.MicrosPerArticle, r.ClassifyMicros, r.MainEventMicros)
	if r.Incidents > 0 {
		fmt.Printf("incident date: %d articles; main-event date correct %d (%.1f%%), wrong %d, none %d\n",
			r.Incidents, r.WhenCorrect, 100*r.WhenAccuracy, r.WhenWrong, r.WhenNone)
		fmt.Printf("  with the publication day when none: %.1f%%; publication day alone: %.1f%%; some mention is the day: %.1f%%\n",
			100*r.FallbackAccuracy, 100*r.PublishedAccuracy, 100*r.AnyMention)
		types := make([]string, 0, len(r.Types))
		for t := range r.Types {
			types = append(types, t)
		}
		sort.Slice(types, func(i, j int) bool { return r.Types[types[i]] > r.Types[types[j]] })
		fmt.Print("  event types:")
		for _, t := range types {
			fmt.Printf(" %s %d", t, r.Types[t])
		}
		fmt.Println()
	}
	if r.FiveW1H > 0 {
		fmt.Printf("5W1H: %d articles; when: %d with a parsed gold date, correct %d (%.1f%%), none %d; who F1 %.2f, what F1 %.2f\n",
			r.FiveW1H, r.FiveWhenGold, r.FiveWhenCorrect, 100*r.FiveWhenAccuracy, r.FiveWhenNone, r.FiveWhoF1, r.FiveWhatF1)
	}
	return nil
}

// nerMentions tags doc's sentences with the NER tagger and returns its
// mentions (code-point spans), standing in for the entity stage.
func nerMentions(t *ner.Tagger, doc *facts.Doc) []news.Mention {
	var out []news.Mention
	for _, s := range doc.Sentences {
		toks := text.Tokenize(doc.Lang, doc.Text[s.Start:s.End])
		words := make([]string, len(toks))
		for i, tk := range toks {
			words[i] = tk.Text
		}
		tags := t.Tag(doc.Lang, words)
		for i := 0; i < len(toks); i++ {
			if !strings.HasPrefix(tags[i], "B-") {
				continue
			}
			typ := tags[i][2:]
			j := i + 1
			for j < len(toks) && tags[j] == "I-"+typ {
				j++
			}
			start, end := s.Start+toks[i].Start, s.Start+toks[j-1].End
			out = append(out, news.Mention{Span: doc.Span(start, end), Text: doc.Text[start:end], Type: typ})
			i = j - 1
		}
	}
	return out
}

// bestTokenF1 is the best bag-of-words F1 of got against any gold phrase
// (folded words); 1 when both are empty.
func bestTokenF1(got string, gold []string) float64 {
	if len(gold) == 0 {
		if got == "" {
			return 1
		}
		return 0
	}
	g := strings.Fields(text.Fold(got))
	best := 0.0
	for _, p := range gold {
		w := strings.Fields(text.Fold(p))
		if len(g) == 0 || len(w) == 0 {
			continue
		}
		counts := map[string]int{}
		for _, x := range w {
			counts[strings.Trim(x, ".,;:\"'()")]++
		}
		common := 0
		for _, x := range g {
			x = strings.Trim(x, ".,;:\"'()")
			if counts[x] > 0 {
				counts[x]--
				common++
			}
		}
		if common == 0 {
			continue
		}
		p, r := float64(common)/float64(len(g)), float64(common)/float64(len(w))
		best = max(best, 2*p*r/(p+r))
	}
	return best
}
