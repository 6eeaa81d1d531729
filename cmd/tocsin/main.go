// Command tocsin turns streams of news articles into a cross-checked picture
// of events. This file only dispatches subcommands; each lives in its own
// file and the work itself in internal/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"syscall"

	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/store/postgres"
	"github.com/tocsin/tocsin/internal/store/sqlite"
)

// command is one subcommand: run gets the arguments after its name.
type command struct {
	summary string
	run     func(ctx context.Context, args []string) error
}

func commands() map[string]command {
	return map[string]command{
		"ingest":     {"read articles from files, directories, - (stdin) and URLs into the store", runIngest},
		"articles":   {"list stored articles, optionally searched and filtered", runArticles},
		"article":    {"show one article", runArticle},
		"stats":      {"summarise what the store holds", runStats},
		"events":     {"list events: articles grouped by the happening they report", runEvents},
		"event":      {"show one event and its articles; --why shows the evidence", runEvent},
		"storylines": {"list storylines: events of one developing story, in order", runStorylines},
		"recluster":  {"rebuild all events from the stored articles", runRecluster},
		"migrate":    {"bring the store's schema up to date and list its migrations", runMigrate},
		"import":     {"read articles written by 'tocsin export articles' into the store: tocsin import FILE|-", runImport},
		"facts":      {"print the facts of articles without storing them: tocsin facts FILE|URL|-", runFacts},
		"bench":      {"measure throughput and latency: tocsin bench ingest|workers|cluster|serve", runBench},
		"serve":      {"serve the web UI and JSON API: tocsin serve [PATH...]", runServe},
		"train":      {"rebuild a shipped model from the corpora: tocsin train ner|cluster", runTrain},
		"eval":       {"measure a stage on the corpora: tocsin eval ner|dates|figures|quotes|clusters|pairs|summaries", runEval},
		"feeds":      {"watch RSS, Atom and JSON feeds: tocsin feeds add|list|remove|poll", runFeeds},
		"rules":      {"watch rules that raise alerts: tocsin rules add|list|remove", runRules},
		"alerts":     {"alerts raised by the rules: tocsin alerts tail|check", runAlerts},
		"export":     {"write events for spreadsheets and GIS (tocsin export events --format csv|jsonl|geojson) or articles with their facts (tocsin export articles)", runExport},
	}
}

// runTrain and runEval dispatch on the model or stage named first.
func runTrain(ctx context.Context, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "ner":
			return runTrainNER(args[1:])
		case "cluster":
			return runTrainCluster(ctx, args[1:])
		}
	}
	return fmt.Errorf("%w: want 'tocsin train ner|cluster'", errUsage)
}

func runEval(ctx context.Context, args []string) error {
	evals := map[string]func([]string) error{
		"ner":   runEvalNER,
		"dates": runEvalDates,
		"figures": func(args []string) error {
			return runEvalFiguresCtx(ctx, args)
		},
		"summaries": func(args []string) error {
			return runEvalSummaries(ctx, args)
		},
		"quotes": runEvalQuotes,
		"pairs":  runEvalPairs,
		"clusters": func(args []string) error {
			return runEvalClusters(ctx, args)
		},
	}
	if len(args) > 0 {
		if run, ok := evals[args[0]]; ok {
			return run(args[1:])
		}
	}
	return fmt.Errorf("%w: want 'tocsin eval ner|dates|figures|quotes|clusters|pairs|summaries FILE'", errUsage)
}

// errUsage marks errors in how tocsin was called (exit status 2).
var errUsage = errors.New("usage")

// errRejected marks a run that completed but refused some input (exit 1).
var errRejected = errors.New("some input was rejected")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stderr))
}

func run(ctx context.Context, args []string, stderr io.Writer) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "tocsin: unknown command %q\n\n", args[0])
		usage(stderr, cmds)
		return 2
	}
	err := cmd.run(ctx, args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "tocsin %s: %v\n", args[0], err)
		return 2
	case errors.Is(err, errRejected):
		return 1
	default:
		fmt.Fprintf(stderr, "tocsin %s: %v\n", args[0], err)
		return 1
	}
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "Tocsin: news event intelligence.\n\nUsage: tocsin COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(cmds))
	for name := range cmds {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-10s %s\n", name, cmds[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'tocsin COMMAND --help' for a command's flags. The store is --db or $TOCSIN_DB,\ndefault "+defaultDB()+".")
}

// newFlags returns a flag set for a subcommand whose --help prints synopsis.
func newFlags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("tocsin "+name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: tocsin %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags that may come before, between or after the positional
// arguments ("tocsin ingest DIR --db x.db"), and returns the positionals.
// A lone "--" ends flag parsing.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// dbFlag adds --db to fs.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", defaultDB(), "store: path of the SQLite database, or postgres://user@host:port/database (env TOCSIN_DB)")
}

func defaultDB() string {
	if v := os.Getenv("TOCSIN_DB"); v != "" {
		return v
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "tocsin.db"
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "tocsin", "tocsin.db")
}

// fullStore is what commands open: articles and events, and the feeds,
// rules and alerts kept beside them. Both stores are one.
type fullStore interface {
	store.Store
	store.Watches
}

// openStore opens the PostgreSQL database a postgres:// or postgresql://
// URL names, or else the SQLite file at db.
func openStore(ctx context.Context, db string) (fullStore, error) {
	if postgres.IsURL(db) {
		return postgres.Open(ctx, db)
	}
	return sqlite.Open(ctx, db)
}

// openListing checks an output format, then opens the store for a command
// that prints from it.
func openListing(ctx context.Context, db, format string) (fullStore, error) {
	if err := checkFormat(format); err != nil {
		return nil, err
	}
	return openStore(ctx, db)
}
