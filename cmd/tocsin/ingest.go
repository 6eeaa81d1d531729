package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/tocsin/tocsin/internal/cluster"
	"github.com/tocsin/tocsin/internal/ingest"
)

func runIngest(ctx context.Context, args []string) error {
	fs := newFlags("ingest", "[flags] PATH|URL|- ...")
	db := dbFlag(fs)
	format := fs.String("format", "auto", "input format: "+strings.Join(ingest.Formats, ", "))
	maxSize := fs.Int64("max-size", 16<<20, "largest document or JSON Lines record accepted, in bytes")
	timeout := fs.Duration("timeout", 30*time.Second, "time limit for fetching one URL")
	allowPrivate := fs.Bool("allow-private", false, "allow URLs that resolve to loopback or private addresses")
	workers := fs.Int("workers", 0, "parallel parsers (default: number of CPUs)")
	batch := fs.Int("batch", 500, "articles per write transaction; smaller batches hold the store's write lock for less time")
	quiet := fs.Bool("quiet", false, "no progress bar")
	asJSON := fs.Bool("json", false, "print the summary as JSON on stdout")
	noFacts := fs.Bool("no-facts", false, "store articles without extracting facts (faster; facts can't be added later yet)")
	inputs, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: nothing to ingest: give files, directories, URLs or - for standard input", errUsage)
	}
	if _, err := ingest.NormalizeFormat(*format); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()

	var bar *progressbar.ProgressBar
	if !*quiet && term.IsTerminal(int(os.Stderr.Fd())) {
		bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(os.Stderr),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
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
	opts := ingest.Options{
		Facts:     x,
		Cluster:   live,
		Format:    *format,
		MaxSize:   *maxSize,
		Workers:   *workers,
		BatchSize: *batch,
		Fetch:     fetchOptions(*timeout, *maxSize, *allowPrivate),
		OnRejection: func(r ingest.Rejection) {
			if bar != nil {
				bar.Clear()
			}
			fmt.Fprintf(os.Stderr, "rejected %s\n", r)
		},
	}
	if bar != nil {
		opts.OnProgress = func(p ingest.Progress) {
			if p.BytesTotal > 0 {
				bar.ChangeMax64(p.BytesTotal)
			}
			bar.Describe(fmt.Sprintf("ingesting: %d stored, %d rejected", p.Stored, p.Rejected))
			bar.Set64(p.BytesRead)
		}
	}
	sum, err := ingest.Run(ctx, st, inputs, opts)
	if bar != nil {
		bar.Finish()
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(sum)
	} else {
		fmt.Fprintf(os.Stderr, "%d inputs, %.1f MB in %s: %d accepted, %d duplicates (%d exact, %d near), %d unchanged, %d rejected\n",
			sum.Inputs, float64(sum.Bytes)/1e6, sum.Elapsed.Round(time.Millisecond), sum.Accepted,
			sum.Duplicates+sum.Near, sum.Duplicates, sum.Near, sum.Unchanged, sum.Rejected)
	}
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted: what was read before the interrupt is stored")
	}
	if sum.Rejected > 0 {
		return errRejected
	}
	return nil
}
