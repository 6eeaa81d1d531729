package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/tocsin/tocsin/internal/store"
)

// runMigrate brings the store's schema up to date (opening a store does)
// and lists the migrations it has.
func runMigrate(ctx context.Context, args []string) error {
	fs := newFlags("migrate", "[flags]\n\nApplies the schema migrations the store lacks and lists those applied. Every command\nmigrates the store it opens; run this first when several workers start on a new database.")
	db := dbFlag(fs)
	format := fs.String("format", "table", "output: table, json or jsonl")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := openListing(ctx, *db, *format)
	if err != nil {
		return err
	}
	defer st.Close()
	m, ok := st.(interface {
		Migrations(context.Context) ([]store.Migration, error)
	})
	if !ok {
		return fmt.Errorf("this store does not list its migrations")
	}
	list, err := m.Migrations(ctx)
	if err != nil {
		return err
	}
	return printList(os.Stdout, *format, list, []string{"VERSION", "NAME", "APPLIED"}, func(m store.Migration) []string {
		return []string{fmt.Sprint(m.Version), m.Name, m.Applied.Format(time.RFC3339)}
	})
}
