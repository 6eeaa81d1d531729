package cluster

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// backgroundDF holds document frequencies of terms in a body of news, added
// to the ones the clusterer counts: without it, the first articles a new
// store sees weigh "said" and "crocus" alike, and reports of one event that
// arrive early stay apart. 'tocsin train cluster' writes it from the
// development corpora.
var backgroundDF = mustBackground()

//go:embed df.tsv.gz
var dfGz []byte

type dfTable struct {
	docs int
	df   map[uint64]int32
}

func mustBackground() dfTable {
	t, err := readDF(bytes.NewReader(dfGz))
	if err != nil {
		panic("cluster: embedded df.tsv.gz: " + err.Error()) // a build defect, caught by tests
	}
	return t
}

// readDF reads a gzipped table: a first line "docs N", then "term<TAB>df".
func readDF(r io.Reader) (dfTable, error) {
	t := dfTable{df: map[uint64]int32{}}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return t, err
	}
	sc := bufio.NewScanner(zr)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if n == 1 {
			if _, err := fmt.Sscanf(line, "docs %d", &t.docs); err != nil {
				return t, fmt.Errorf("line 1: want \"docs N\": %q", line)
			}
			continue
		}
		term, count, ok := strings.Cut(line, "\t")
		df, err := strconv.Atoi(count)
		if !ok || err != nil {
			return t, fmt.Errorf("line %d: want term<TAB>count: %q", n, line)
		}
		t.df[key(term)] = int32(df)
	}
	return t, sc.Err()
}

// WriteDF writes the document frequencies of the items' terms (those in at
// least minDF items) in the form the build embeds.
func WriteDF(w io.Writer, items []*Item, minDF int) error {
	df := map[string]int{}
	for _, it := range items {
		for _, t := range it.Terms {
			df[t.Text]++
		}
	}
	terms := make([]string, 0, len(df))
	for t, n := range df {
		if n >= minDF && !strings.ContainsAny(t, "\t\n") {
			terms = append(terms, t)
		}
	}
	sort.Strings(terms)
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	fmt.Fprintf(bw, "docs %d\n", len(items))
	for _, t := range terms {
		fmt.Fprintf(bw, "%s\t%d\n", t, df[t])
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}
