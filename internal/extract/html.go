package extract

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
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
	// ContentText runs all paragraphs into one line, which would hide every
	// boilerplate line from Clean: take the text block by block instead.
	text := res.ContentText
	if res.ContentNode != nil {
		text = blockText(res.ContentNode)
	}
	m := res.Metadata
	text = Normalize(text)
	if first, rest, _ := strings.Cut(text, "\n"); first == Normalize(m.Title) {
		text = strings.TrimLeft(rest, "\n") // the headline repeated above the body
	}
	c := Clean(text)
	if len(strings.Fields(c.Text)) < minWords {
		return Page{}, ErrNoText // nothing, or a title and a menu ("Loading… Home News")
	}
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
		if full, ok := publishedTime(doc); ok && full.Format(time.DateOnly) == m.Date.Format(time.DateOnly) {
			t = full // htmldate gives the day; the page may give the minute
		}
		p.Published = &t
	}
	if p.Title == "" {
		p.Title = FirstSentence(p.Body, 160)
	}
	p.Lang = htmlLang(m.Language, p.Title, p.Body)
	return p, nil
}

// minWords is the fewest words an article body can have.
const minWords = 6

// blockElements end a line of text; everything else is inline.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true,
	atom.Pre: true, atom.Figcaption: true, atom.Figure: true, atom.Table: true, atom.Tr: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true, atom.Br: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Hr: true, atom.Main: true, atom.Aside: true,
}

// blockText returns the text of n with a blank line around every block
// element, so that paragraphs stay paragraphs.
func blockText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
				return
			}
		}
		block := n.Type == html.ElementNode && blockElements[n.DataAtom]
		if block {
			b.WriteString("\n\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteString("\n\n")
		}
	}
	walk(n)
	return b.String()
}

// publishedMeta finds a machine-readable publication time in a page's head.
var publishedMeta = regexp.MustCompile(`(?i)<meta[^>]+(?:property|name|itemprop)=["'](?:article:published_time|og:published_time|datePublished|pubdate|dc\.date)["'][^>]*content=["']([^"']+)["']|<meta[^>]+content=["']([^"']+)["'][^>]*(?:property|name|itemprop)=["'](?:article:published_time|og:published_time|datePublished)["']|<time[^>]+datetime=["']([^"']+)["']`)

// publishedTime returns the first full publication time (with hour and
// minute) the page states.
func publishedTime(doc []byte) (time.Time, bool) {
	m := publishedMeta.FindSubmatch(doc)
	if m == nil {
		return time.Time{}, false
	}
	v := cmp.Or(string(m[1]), string(m[2]), string(m[3]))
	if !strings.Contains(v, "T") && !strings.Contains(v, ":") {
		return time.Time{}, false // a day only: htmldate's answer stands
	}
	return ParseDate(v, "")
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
