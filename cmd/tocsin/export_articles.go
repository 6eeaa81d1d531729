package main

import (
	"context"
	"fmt"
	"os"

	"github.com/tocsin/tocsin/internal/archive"
)

// runExportArticles writes every stored article with its facts as JSON
// Lines on stdout: what 'tocsin import' reads back.
func runExportArticles(ctx context.Context, args []string) error {
	fs := newFlags("export articles", "[flags] > FILE.jsonl\n\nWrites every stored article, duplicates included, in the order stored, with its facts,\none JSON object a line (docs/json.md). Events are left out: 'tocsin import' rebuilds them.")
	db := dbFlag(fs)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return fmt.Errorf("%w: 'tocsin export articles' takes no arguments; redirect stdout to a file", errUsage)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := archive.Export(ctx, st, os.Stdout)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "exported %d articles\n", n)
	return nil
}
