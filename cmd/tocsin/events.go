package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/tocsin/tocsin/internal/cluster"
	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// eventFilters adds the flags that select events and returns a function that
// builds the query once flags are parsed.
func eventFilters(fs interface {
	String(name, value, usage string) *string
	Int(name string, value int, usage string) *int
}) func() (store.EventQuery, error) {
	since := fs.String("since", "", "active at or after: 2024-03-22, RFC 3339, or a duration back from now (48h, 7d)")
	until := fs.String("until", "", "first seen before (same forms as --since)")
	typ := fs.String("type", "", "event type (armed_attack, bombing, threat_warning, foiled_plot, …)")
	place := fs.String("place", "", "place name, or a two-letter country code")
	limit := fs.Int("limit", 100, "most events to list (0: all)")
	return func() (store.EventQuery, error) {
		q := store.EventQuery{Type: *typ, Limit: *limit}
		if len(*place) == 2 && strings.ToUpper(*place) == *place {
			q.Country = *place
		} else {
			q.Place = *place
		}
		var err error
		if q.Since, err = parseWhen(*since, time.Now()); err != nil {
			return q, fmt.Errorf("%w: --since: %v", errUsage, err)
		}
		if q.Until, err = parseWhen(*until, time.Now()); err != nil {
			return q, fmt.Errorf("%w: --until: %v", errUsage, err)
		}
		return q, nil
	}
}

func runEvents(ctx context.Context, args []string) error {
	fs := newFlags("events", "[flags]")
	db := dbFlag(fs)
	format := formatFlag(fs)
	query := eventFilters(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	q, err := query()
	if err != nil {
		return err
	}
	st, err := openListing(ctx, *db, *format)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.Events(ctx, q)
	if err != nil {
		return err
	}
	return printList(os.Stdout, *format, list, []string{"ID", "FIRST", "LAST", "TYPE", "PLACE", "ARTICLES", "TITLE"}, eventRow)
}

func eventRow(e news.Event) []string {
	place := ""
	if e.Place != nil {
		place = e.Place.Name + ", " + e.Place.Country
	}
	return []string{e.ID, dateOrUnknown(e.First), dateOrUnknown(e.Last), e.Type, cut(place, 22), fmt.Sprint(e.Articles), cut(e.Title, 70)}
}

// eventDetail is `tocsin event ID --format json`: the cross-checked report
// (docs/json.md) with the articles and the evidence of their assignment.
type eventDetail struct {
	crosscheck.Report
	Articles []store.EventArticle `json:"articles"`
}

func runEvent(ctx context.Context, args []string) error {
	fs := newFlags("event", "[flags] ID")
	db := dbFlag(fs)
	format := formatFlag(fs)
	why := fs.Bool("why", false, "show the evidence of every assignment")
	ids, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(ids) != 1 {
		return fmt.Errorf("%w: want one event id", errUsage)
	}
	st, err := openListing(ctx, *db, *format)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := crosscheck.Load(ctx, st, ids[0])
	if err != nil {
		return err
	}
	arts, err := st.EventArticles(ctx, rep.Event.ID)
	if err != nil {
		return err
	}
	if *format != "table" {
		return printList(os.Stdout, *format, []eventDetail{{rep, arts}}, nil, nil)
	}
	printReport(os.Stdout, rep)
	printEvent(os.Stdout, rep.Event, arts, *why)
	return nil
}

func printEvent(w io.Writer, e news.Event, arts []store.EventArticle, why bool) {
	fmt.Fprintf(w, "Articles\n")
	for _, a := range arts {
		how := "joined"
		if a.Created {
			how = "started"
		}
		fmt.Fprintf(w, "  %s  %-10s %-7s %-5s %s\n", a.Article.ID, dateOrUnknown(a.Article.Published), how, a.Article.Lang, cut(a.Article.Title, 80))
		if why {
			var ev cluster.Evidence
			if json.Unmarshal(a.Evidence, &ev) == nil {
				printEvidence(w, ev, a.Created)
			}
		}
	}
}

func printEvidence(w io.Writer, ev cluster.Evidence, created bool) {
	f := ev.Features
	if created {
		if ev.Event == "" {
			fmt.Fprintln(w, "      no earlier event shared its terms, entities or places")
			return
		}
		fmt.Fprintf(w, "      best other event %s scored %.2f, below the threshold\n", ev.Event, ev.Score)
	} else {
		fmt.Fprintf(w, "      score %.2f\n", ev.Score)
	}
	fmt.Fprintf(w, "      cosine %.2f  title %.2f  entities %.2f  place %.2f  date %.2f  time %.2f  figures %.2f  type %.2f  cross-language %.0f\n",
		f.Cosine, f.Title, f.Entities, f.Place, f.Date, f.Time, f.Figures, f.Type, f.CrossLng)
	for _, kv := range [][2]any{{"terms", ev.Terms}, {"entities", ev.Entities}, {"places", ev.Places}} {
		if l := kv[1].([]string); len(l) > 0 {
			fmt.Fprintf(w, "      shared %s: %s\n", kv[0], strings.Join(l, ", "))
		}
	}
}

func runStorylines(ctx context.Context, args []string) error {
	fs := newFlags("storylines", "[flags]")
	db := dbFlag(fs)
	format := formatFlag(fs)
	query := eventFilters(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	q, err := query()
	if err != nil {
		return err
	}
	st, err := openListing(ctx, *db, *format)
	if err != nil {
		return err
	}
	defer st.Close()
	lines, err := st.Storylines(ctx, q)
	if err != nil {
		return err
	}
	if *format != "table" {
		return printList(os.Stdout, *format, lines, nil, nil)
	}
	for i, l := range lines {
		if i > 0 {
			fmt.Println()
		}
		fmt.Printf("%s  %s\n", l.ID, l.Title)
		kinds := map[string]string{}
		for _, k := range l.Links {
			switch k.Kind {
			case news.LinkPrecursor:
				kinds[k.To] = "warned of by " + k.From
			default:
				kinds[k.To] = k.Kind + " " + k.From
			}
		}
		for _, e := range l.Events {
			note := ""
			if k := kinds[e.ID]; k != "" {
				note = "  (" + k + ")"
			}
			fmt.Printf("  %s  %-10s %-22s %s%s\n", e.ID, dateOrUnknown(e.First), e.Type, cut(e.Title, 70), note)
		}
	}
	return nil
}

func runRecluster(ctx context.Context, args []string) error {
	fs := newFlags("recluster", "[flags]\n\nForgets all events and storylines and assigns every stored article again, in the order\nthey were stored. The same articles in the same order always give the same events.")
	db := dbFlag(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := cluster.Recluster(ctx, st, cluster.DefaultConfig())
	if err != nil {
		return err
	}
	events, _ := st.Events(ctx, store.EventQuery{})
	fmt.Fprintf(os.Stderr, "%d articles in %d events\n", n, len(events))
	return nil
}
