package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/tocsin/tocsin/internal/archive"
	"github.com/tocsin/tocsin/internal/cluster"
)

// runImport reads an archive written by 'tocsin export articles' into the
// store and clusters the new articles.
func runImport(ctx context.Context, args []string) error {
	fs := newFlags("import", "[flags] FILE.jsonl|-\n\nStores the articles of an archive written by 'tocsin export articles', with their facts\n(not extracted again), in the archive's order, and assigns the new ones to events.\nArticles already stored with the same text are skipped, so an import can be run again.")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print the summary as JSON on stdout")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return fmt.Errorf("%w: want one archive file, or - for standard input", errUsage)
	}
	var in io.Reader = os.Stdin
	if files[0] != "-" {
		f, err := os.Open(files[0])
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	live, err := cluster.NewLive(ctx, st, cluster.DefaultConfig())
	if err != nil {
		return err
	}
	sum, err := archive.Import(ctx, st, in, files[0], live)
	for _, r := range sum.Rejections {
		fmt.Fprintf(os.Stderr, "rejected %s\n", r)
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(sum)
	} else {
		fmt.Fprintf(os.Stderr, "%d imported, %d unchanged, %d rejected\n", sum.Imported, sum.Unchanged, sum.Rejected)
	}
	if err != nil {
		return err
	}
	if sum.Rejected > 0 {
		return errRejected
	}
	return nil
}
