package ingest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Materialize writes the first limit records (0: all) of a JSON Lines corpus
// as one document per file in dir, as plain text ("text") or as an HTML page
// with a site's usual navigation and footer around the article ("html"), so
// that ingest of those formats can be measured on real article text. It
// returns the number of files written.
func Materialize(corpus, dir, as string, limit int) (int, error) {
	f, err := os.Open(corpus)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	n := 0
	for limit == 0 || n < limit {
		line, err := br.ReadBytes('\n')
		if len(strings.TrimSpace(string(line))) > 0 {
			var r struct{ ID, Title, Text, Published, Source, URL string }
			if jerr := json.Unmarshal(line, &r); jerr != nil {
				return n, fmt.Errorf("%s: record %d: %w", corpus, n+1, jerr)
			}
			var doc, ext string
			switch as {
			case "text":
				doc, ext = textDocument(r.Title, r.Published, r.Text), ".txt"
			case "html":
				doc, ext = htmlDocument(r.Title, r.Published, r.Source, r.Text), ".html"
			default:
				return n, fmt.Errorf("cannot write documents as %q (want text or html)", as)
			}
			name := filepath.Join(dir, fmt.Sprintf("%06d%s", n, ext))
			if werr := os.WriteFile(name, []byte(doc), 0o644); werr != nil {
				return n, werr
			}
			n++
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func textDocument(title, published, body string) string {
	var b strings.Builder
	if len(published) >= 10 {
		b.WriteString("date " + published[:10] + "\n")
	}
	if title != "" {
		b.WriteString(title + "\n\n")
	}
	b.WriteString(body)
	b.WriteString("\n")
	return b.String()
}

func htmlDocument(title, published, source, body string) string {
	var b strings.Builder
	e := html.EscapeString
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + e(title) + " | " + e(source) + "</title>\n")
	if len(published) >= 10 {
		b.WriteString(`<meta property="article:published_time" content="` + e(published) + "\">\n")
	}
	b.WriteString(`<meta property="og:site_name" content="` + e(source) + "\"></head>\n<body>\n")
	b.WriteString(`<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>` + "\n")
	b.WriteString("<main><article><h1>" + e(title) + "</h1>\n")
	for _, p := range strings.Split(body, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>" + e(p) + "</p>\n")
		}
	}
	b.WriteString("</article>\n<aside><h2>Most read</h2><ul><li><a href=\"/a\">Weather warning for the weekend</a></li><li><a href=\"/b\">Local team wins again</a></li></ul></aside></main>\n")
	b.WriteString("<footer><p>© " + e(source) + ". All rights reserved.</p><p><a href=\"/privacy\">Privacy</a> · <a href=\"/terms\">Terms</a> · <a href=\"/contact\">Contact us</a></p></footer>\n</body></html>\n")
	return b.String()
}
