package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/fetch"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/watch"
)

func runAlerts(ctx context.Context, args []string) error {
	return subcommands("alerts", args, map[string]func([]string) error{
		"tail":  func(a []string) error { return runAlertsTail(ctx, a) },
		"check": func(a []string) error { return runAlertsCheck(ctx, a) },
	}, "tail|check")
}

func runAlertsTail(ctx context.Context, args []string) error {
	fs := newFlags("alerts tail", "[flags]\n\nPrints the latest alerts; with --follow, goes on printing alerts as they are raised.")
	db := dbFlag(fs)
	format := formatFlag(fs)
	ruleFlag := fs.String("rule", "", "only the alerts of this rule (id or name)")
	follow := fs.Bool("follow", false, "keep printing new alerts until interrupted")
	every := fs.Duration("interval", 2*time.Second, "with --follow, how often to look for new alerts")
	since := fs.String("since", "", "raised at or after: a date, RFC 3339, or a duration back from now (48h, 7d)")
	limit := fs.Int("limit", 20, "most alerts to print at first (0: all)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	q := store.AlertQuery{Limit: *limit}
	var err error
	if q.Since, err = parseWhen(*since, time.Now()); err != nil {
		return fmt.Errorf("%w: --since: %v", errUsage, err)
	}
	if *every <= 0 {
		return fmt.Errorf("%w: --interval must be positive", errUsage)
	}
	st, err := openListing(ctx, *db, *format)
	if err != nil {
		return err
	}
	defer st.Close()
	rules, err := st.Rules(ctx)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, r := range rules {
		names[r.ID] = r.Name
		if *ruleFlag == r.Name || *ruleFlag == strconv.FormatInt(r.ID, 10) {
			q.Rule = r.ID
		}
	}
	if *ruleFlag != "" && q.Rule == 0 {
		return fmt.Errorf("no rule %q", *ruleFlag)
	}
	if *format == "json" && *follow {
		*format = "jsonl" // a followed stream cannot be one array
	}
	header := true
	print := func(list []store.Alert) error {
		if *format == "table" {
			// Fixed widths, so that rows printed as they come line up under
			// the header printed first.
			if header {
				fmt.Printf(alertFormat, toAny(alertColumns)...)
				header = false
			}
			for _, a := range list {
				fmt.Printf(alertFormat, toAny(alertRow(a, names))...)
			}
			return nil
		}
		return printList(os.Stdout, *format, list, alertColumns, nil) // columns make one alert an array too
	}
	list, err := st.Alerts(ctx, q)
	if err != nil {
		return err
	}
	if err := print(list); err != nil || !*follow {
		return err
	}
	// Follow from the newest alert, printed or filtered out by --since.
	latest, err := st.Alerts(ctx, store.AlertQuery{Rule: q.Rule, Limit: 1})
	if err != nil {
		return err
	}
	q.Limit, q.Since = 0, time.Time{}
	if len(latest) == 1 {
		q.After = latest[0].ID
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(*every):
		}
		list, err := st.Alerts(ctx, q)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			continue
		}
		if rules, err := st.Rules(ctx); err == nil {
			for _, r := range rules {
				names[r.ID] = r.Name
			}
		}
		if err := print(list); err != nil {
			return err
		}
		q.After = list[len(list)-1].ID
	}
}

var alertColumns = []string{"ID", "RAISED", "RULE", "EVENT", "REASON", "SEVERITY", "SOURCES", "FIGURES", "TITLE"}

const alertFormat = "%-5s %-17s %-20s %-22s %-7s %8s %7s  %-30s %s\n"

func toAny(cells []string) []any {
	out := make([]any, len(cells))
	for i, c := range cells {
		out[i] = c
	}
	return out
}

func alertRow(a store.Alert, names map[int64]string) []string {
	rule := names[a.Rule]
	if rule == "" {
		rule = strconv.FormatInt(a.Rule, 10)
	}
	return []string{strconv.FormatInt(a.ID, 10), a.Raised.Format("2006-01-02 15:04Z"), cut(rule, 20), a.Event, a.Reason,
		strconv.Itoa(a.Severity), strconv.Itoa(a.Sources), cut(watch.FormatFigures(a.Figures), 30), cut(a.Title, 60)}
}

func runAlertsCheck(ctx context.Context, args []string) error {
	fs := newFlags("alerts check", "[flags]\n\nMatches the events active recently against every rule, stores the alerts due and\ndelivers them to the rules' webhooks. 'tocsin feeds poll' does this as it stores articles;\nrun this after 'tocsin ingest'.")
	db := dbFlag(fs)
	format := formatFlag(fs)
	since := fs.String("since", "72h", "check events active at or after: a date, RFC 3339, or a duration back from now")
	allowPrivate := fs.Bool("allow-private", false, "allow webhooks on loopback or private addresses")
	timeout := fs.Duration("timeout", 15*time.Second, "time limit of one webhook request")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	from, err := parseWhen(*since, time.Now())
	if err != nil {
		return fmt.Errorf("%w: --since: %v", errUsage, err)
	}
	st, err := openListing(ctx, *db, *format)
	if err != nil {
		return err
	}
	defer st.Close()
	failed := false
	d := watch.NewDispatcher(st, reportLoader(st), watch.Options{
		Window:  time.Since(from),
		Webhook: watch.WebhookOptions{Fetch: fetch.Options{Timeout: *timeout, AllowPrivate: *allowPrivate}},
		OnError: func(err error) {
			failed = true
			fmt.Fprintf(os.Stderr, "tocsin alerts check: %v\n", err)
		},
	})
	raised := d.Recent(ctx)
	names := map[int64]string{}
	if rules, err := st.Rules(ctx); err == nil {
		for _, r := range rules {
			names[r.ID] = r.Name
		}
	}
	if *format == "table" {
		fmt.Fprintf(os.Stderr, "%d alerts raised\n", len(raised))
		if len(raised) == 0 {
			return nil
		}
	}
	if err := printList(os.Stdout, *format, raised, alertColumns,
		func(a store.Alert) []string { return alertRow(a, names) }); err != nil {
		return err
	}
	if failed {
		return errRejected
	}
	return nil
}

// reportLoader reads the cross-checked report of an event for alerting, so
// that rules see the same estimates and source counts as the analyst. One
// Loader serves every report, so that the events of a storyline share
// what they read of each other.
func reportLoader(st store.Store) watch.Loader {
	return crosscheck.NewLoader(st).Load
}
