package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

func formatFlag(fs *flag.FlagSet) *string {
	return fs.String("format", "table", "output: table, json or jsonl (field names in docs/json.md)")
}

func checkFormat(f string) error {
	switch f {
	case "table", "json", "jsonl":
		return nil
	}
	return fmt.Errorf("%w: --format %q: want table, json or jsonl", errUsage, f)
}

// printList writes items as a table (columns and row give its cells), a JSON
// array, or JSON Lines.
func printList[T any](w io.Writer, format string, items []T, columns []string, row func(T) []string) error {
	switch format {
	case "json":
		if items == nil {
			items = []T{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if len(items) == 1 && columns == nil {
			return enc.Encode(items[0]) // a detail view is one object
		}
		return enc.Encode(items)
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, it := range items {
			if err := enc.Encode(it); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(columns, "\t"))
	for _, it := range items {
		fmt.Fprintln(tw, strings.Join(row(it), "\t"))
	}
	return tw.Flush()
}

func dateOrUnknown(t *time.Time) string {
	if t == nil {
		return "unknown"
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04Z")
}

// cut shortens s to n runes for a table cell.
func cut(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// counts renders the largest entries of a histogram: "en 120, de 40, …".
func counts(m map[string]int, top int) string {
	type kv struct {
		k string
		n int
	}
	var list []kv
	for k, n := range m {
		if k == "" {
			k = "(unknown)"
		}
		list = append(list, kv{k, n})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].n != list[j].n {
			return list[i].n > list[j].n
		}
		return list[i].k < list[j].k
	})
	var parts []string
	for i, e := range list {
		if i == top {
			parts = append(parts, fmt.Sprintf("… %d more", len(list)-top))
			break
		}
		parts = append(parts, e.k+" "+strconv.Itoa(e.n))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// parseWhen reads a time bound: a date, an RFC 3339 time, or a duration back
// from now ("48h", "7d").
func parseWhen(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if strings.HasSuffix(s, "d") {
		if n, err := strconv.Atoi(strings.TrimSuffix(s, "d")); err == nil {
			return now.AddDate(0, 0, -n), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil {
		return now.Add(-d), nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is neither a date (2024-03-22), an RFC 3339 time nor a duration (48h, 7d)", s)
}
