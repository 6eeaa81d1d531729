package extract

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
)

// ErrNoText is returned when a document holds no article text.
var ErrNoText = errors.New("no article text found")

// ErrTruncated is returned for an HTML document cut off before its end.
var ErrTruncated = errors.New("truncated HTML: document opened but never closed")

// HTML extracts the main text and metadata of an HTML page. pageURL, when not
// empty, is where the page came from; it helps resolve the site and date.
func HTML(doc []byte, pageURL string) (Page, error) {
	if truncated(doc) {
		return Page{}, ErrTruncated
	}
	opts := trafilatura.Options{
		ExcludeComments: true,
		ExcludeTables:   false,
		HtmlDateMode:    trafilatura.Fast,
		HtmlDateOptions: &htmldate.Options{UseOriginalDate: true, SkipExtensiveSearch: true},
	}
	if pageURL != "" {
		if u, err := url.Parse(pageURL); err == nil {
			opts.OriginalURL = u
		}
	}
	res, err := trafilatura.Extract(bytes.NewReader(doc), opts)
	if err != nil {
		return Page{}, fmt.Errorf("extract HTML: %w", err)
	}
	c := Clean(Normalize(res.ContentText))
	if strings.TrimSpace(c.Text) == "" {
		return Page{}, ErrNoText
	}
	m := res.Metadata
	p := Page{
		Title:  Normalize(m.Title),
		Body:   c.Text,
		Author: Normalize(m.Author),
		Source: cmp.Or(Normalize(m.Sitename), c.Source, hostName(m.Hostname)),
		Agency: c.Agency,
		URL:    cmp.Or(m.URL, pageURL),
	}
	if !m.Date.IsZero() {
		t := m.Date.UTC()
		p.Published = &t
	}
	if p.Title == "" {
		p.Title = FirstSentence(p.Body, 160)
	}
	p.Lang = htmlLang(m.Language, p.Title, p.Body)
	return p, nil
}

// htmlLang prefers what the text says over what the page declares: pages
// declare "en" by template default more often than they lie about content.
func htmlLang(declared, title, body string) string {
	detected := Language(title, body)
	if detected != "und" {
		return detected
	}
	if d, _, _ := strings.Cut(strings.ToLower(declared), "-"); len(d) == 2 {
		return d
	}
	return detected
}

// truncated reports an HTML document that opens <html> or <body> and closes
// neither: a download cut short.
func truncated(doc []byte) bool {
	head := doc[:min(len(doc), 4096)]
	opened := bytes.Contains(bytes.ToLower(head), []byte("<html")) || bytes.Contains(bytes.ToLower(head), []byte("<body"))
	if !opened {
		return false
	}
	tail := bytes.ToLower(doc[max(0, len(doc)-4096):])
	return !bytes.Contains(tail, []byte("</html")) && !bytes.Contains(tail, []byte("</body"))
}

func hostName(h string) string {
	return strings.TrimPrefix(strings.ToLower(h), "www.")
}
