package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/tocsin/tocsin/internal/cluster"
	"github.com/tocsin/tocsin/internal/feeds"
	"github.com/tocsin/tocsin/internal/fetch"
	"github.com/tocsin/tocsin/internal/ingest"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/watch"
)

// subcommands runs the subcommand named first in args.
func subcommands(group string, args []string, subs map[string]func([]string) error, names string) error {
	if len(args) > 0 {
		if run, ok := subs[args[0]]; ok {
			return run(args[1:])
		}
	}
	return fmt.Errorf("%w: want 'tocsin %s %s'", errUsage, group, names)
}

func runFeeds(ctx context.Context, args []string) error {
	return subcommands("feeds", args, map[string]func([]string) error{
		"add":    func(a []string) error { return runFeedsAdd(ctx, a) },
		"list":   func(a []string) error { return runFeedsList(ctx, a) },
		"remove": func(a []string) error { return runFeedsRemove(ctx, a) },
		"poll":   func(a []string) error { return runFeedsPoll(ctx, a) },
	}, "add|list|remove|poll")
}

func runFeedsAdd(ctx context.Context, args []string) error {
	fs := newFlags("feeds add", "[flags] URL\n\nWatches an RSS, Atom or JSON Feed; 'tocsin feeds poll' reads it.")
	db := dbFlag(fs)
	interval := fs.Duration("interval", 10*time.Minute, "time between polls (at least 1m)")
	name := fs.String("name", "", "a name to show instead of the URL")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: want one feed URL", errUsage)
	}
	u, err := url.Parse(pos[0])
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: %q is not an http(s) URL", errUsage, pos[0])
	}
	if *interval < time.Minute {
		return fmt.Errorf("%w: --interval %s: polling more often than once a minute is impolite", errUsage, *interval)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	f, err := st.AddFeed(ctx, store.Feed{URL: u.String(), Name: *name, Interval: *interval})
	if errors.Is(err, store.ErrExists) {
		return fmt.Errorf("%s is already watched", u)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "feed %d added: %s every %s\n", f.ID, f.URL, f.Interval)
	return nil
}

func runFeedsList(ctx context.Context, args []string) error {
	fs := newFlags("feeds list", "[flags]")
	db := dbFlag(fs)
	format := formatFlag(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := openListing(ctx, *db, *format)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.Feeds(ctx)
	if err != nil {
		return err
	}
	return printList(os.Stdout, *format, list,
		[]string{"ID", "NAME", "URL", "EVERY", "LAST POLLED", "NEXT POLL", "ITEMS", "ERRORS", "LAST ERROR"},
		func(f store.Feed) []string {
			return []string{strconv.FormatInt(f.ID, 10), cut(f.Name, 20), cut(f.URL, 50), f.Interval.String(),
				dateOrUnknown(f.LastPolled), f.NextPoll.Format("2006-01-02 15:04Z"), strconv.Itoa(f.Items),
				strconv.Itoa(f.Errors), cut(f.LastError, 50)}
		})
}

func runFeedsRemove(ctx context.Context, args []string) error {
	return runRemove(ctx, args, "feed", "[flags] ID", func(st fullStore, id int64) error { return st.RemoveFeed(ctx, id) })
}

// runRemove removes the one feed or rule whose id args name.
func runRemove(ctx context.Context, args []string, what, synopsis string, remove func(fullStore, int64) error) error {
	fs := newFlags(what+"s remove", synopsis)
	db := dbFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	id, err := oneID(pos, what)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := remove(st, id); errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no %s %d", what, id)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%s %d removed\n", what, id)
	return nil
}

// oneID reads the one numeric id of a feed or rule.
func oneID(pos []string, what string) (int64, error) {
	if len(pos) != 1 {
		return 0, fmt.Errorf("%w: want one %s id", errUsage, what)
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%w: %q is not a %s id", errUsage, pos[0], what)
	}
	return id, nil
}

func runFeedsPoll(ctx context.Context, args []string) error {
	fs := newFlags("feeds poll", "[flags]\n\nPolls the feeds that are due, stores their new articles, checks them against the watch\nrules and delivers the alerts. With --once it stops after one pass; otherwise it polls\neach feed at its interval until interrupted.")
	db := dbFlag(fs)
	once := fs.Bool("once", false, "poll the due feeds once and stop")
	timeout := fs.Duration("timeout", 30*time.Second, "time limit of one request")
	maxSize := fs.Int64("max-size", 16<<20, "largest feed or page accepted, in bytes")
	allowPrivate := fs.Bool("allow-private", false, "allow feeds, pages and webhooks on loopback or private addresses")
	gap := fs.Duration("min-gap", 2*time.Second, "least time between two requests to one host")
	noFacts := fs.Bool("no-facts", false, "store articles without extracting facts")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	var x ingest.Extractor
	if !*noFacts {
		if x, err = newExtractor(); err != nil {
			return err
		}
	}
	live, err := cluster.NewLive(ctx, st, cluster.DefaultConfig())
	if err != nil {
		return err
	}
	fo := fetch.Options{Timeout: *timeout, MaxSize: *maxSize, AllowPrivate: *allowPrivate}
	d := watch.NewDispatcher(st, reportLoader(st), watch.Options{
		Webhook: watch.WebhookOptions{Fetch: fo},
		Recheck: 10 * time.Minute, // revised figures of recent events, between ingests
		OnAlert: func(a store.Alert) {
			fmt.Fprintf(os.Stderr, "alert %d: rule %d, event %s: %s\n", a.ID, a.Rule, a.Event, a.Title)
		},
		OnError: func(err error) { fmt.Fprintf(os.Stderr, "alerts: %v\n", err) },
	})
	p := feeds.New(st, feeds.Options{
		Fetch:  fo,
		MinGap: *gap,
		Leases: st, // several pollers on one database share the feeds
		Ingest: ingest.Options{Facts: x, Cluster: live, MaxSize: *maxSize, OnCommit: d.Notify,
			OnRejection: func(r ingest.Rejection) { fmt.Fprintf(os.Stderr, "rejected %s\n", r) }},
	})
	failed := 0
	show := func(r feeds.Result) {
		switch {
		case r.Error != "":
			failed++
			fmt.Fprintf(os.Stderr, "feed %d %s: %s (next poll %s)\n", r.Feed, r.URL, r.Error, r.NextPoll.Format(time.TimeOnly))
		case r.NotModified:
			fmt.Fprintf(os.Stderr, "feed %d %s: not modified\n", r.Feed, r.URL)
		default:
			fmt.Fprintf(os.Stderr, "feed %d %s: %d items, %d new: %d stored, %d duplicates, %d rejected; %d pages fetched, %d failed\n",
				r.Feed, r.URL, r.Items, r.New, r.Stored, r.Duplicates, r.Rejected, r.Pages, r.PageErrors)
		}
	}
	if *once {
		results, err := p.PollDue(ctx, show)
		d.Flush(context.WithoutCancel(ctx))
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%d feeds polled, %d failed\n", len(results), failed)
		if failed > 0 {
			return errRejected
		}
		return nil
	}
	// The dispatcher checks what each ingest commits as it comes; on an
	// interrupt it checks what is left before the store is closed.
	dctx, stop := context.WithCancel(ctx)
	dispatched := make(chan error, 1)
	go func() { dispatched <- d.Run(dctx) }()
	err = p.Run(ctx, show)
	stop()
	<-dispatched
	return err
}
