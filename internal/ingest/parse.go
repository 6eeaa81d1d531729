package ingest

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tocsin/tocsin/internal/extract"
	"github.com/tocsin/tocsin/internal/news"
)

// Input formats as named on the command line. FormatJSON covers both the
// corpus record format and news-please, told apart per record.
const (
	FormatAuto = ""
	FormatText = news.FormatText
	FormatHTML = news.FormatHTML
	FormatJSON = "json"
)

// Formats lists the values --format accepts.
var Formats = []string{"auto", FormatText, FormatHTML, news.FormatJSONL, news.FormatNewsPlease}

// NormalizeFormat maps a --format value to the format the parser uses.
func NormalizeFormat(f string) (string, error) {
	switch strings.ToLower(f) {
	case "", "auto":
		return FormatAuto, nil
	case "text", "txt":
		return FormatText, nil
	case "html", "htm":
		return FormatHTML, nil
	case "jsonl", "json", "newsplease", "news-please":
		return FormatJSON, nil
	}
	return "", fmt.Errorf("unknown format %q (want one of %s)", f, strings.Join(Formats, ", "))
}

// sniff decides a document's format from its first bytes: binary content is
// refused, JSON and HTML are recognised by their opening, the rest is text.
func sniff(head []byte) (string, error) {
	if len(bytes.TrimSpace(head)) == 0 {
		return "", errors.New("empty input")
	}
	if kind, binary := binaryKind(head); binary {
		return "", fmt.Errorf("binary content (%s), not an article", kind)
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch trimmed[0] {
	case '{', '[':
		return FormatJSON, nil
	case '<':
		return FormatHTML, nil
	}
	lower := bytes.ToLower(head[:min(len(head), 1024)])
	if bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<!doctype html")) {
		return FormatHTML, nil
	}
	return FormatText, nil
}

// binaryKind reports content that is not text: NUL bytes, a known binary
// signature, or many control characters.
func binaryKind(head []byte) (string, bool) {
	sample := head[:min(len(head), 8192)]
	ct := http.DetectContentType(sample)
	if !strings.HasPrefix(ct, "text/") && ct != "application/json" && !strings.HasPrefix(ct, "application/octet-stream") {
		mt, _, _ := strings.Cut(ct, ";")
		return mt, true
	}
	if bytes.IndexByte(sample, 0) >= 0 {
		return "NUL bytes", true
	}
	control := 0
	for _, c := range sample {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			control++
		}
	}
	if control*100 > len(sample) {
		return "control characters", true
	}
	return "", false
}

// checkUTF8 names the first invalid byte of a text document.
func checkUTF8(b []byte) error {
	if utf8.Valid(b) {
		return nil
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return fmt.Errorf("invalid UTF-8 at byte %d", i)
		}
		i += size
	}
	return errors.New("invalid UTF-8")
}

// parseText turns a plain-text document into an article.
func parseText(doc []byte) (*news.Article, error) {
	if err := checkUTF8(doc); err != nil {
		return nil, err
	}
	p := extract.Text(string(doc))
	if strings.TrimSpace(p.Body) == "" {
		return nil, errors.New("only boilerplate, no article text")
	}
	return fromPage(p, news.FormatText), nil
}

// parseHTML turns an HTML page into an article.
func parseHTML(doc []byte, pageURL string) (*news.Article, error) {
	p, err := extract.HTML(doc, pageURL)
	if err != nil {
		return nil, err
	}
	return fromPage(p, news.FormatHTML), nil
}

func fromPage(p extract.Page, format string) *news.Article {
	return &news.Article{
		URL: p.URL, Source: p.Source, Agency: p.Agency, Author: p.Author, Title: p.Title,
		Body: p.Body, Published: p.Published, Lang: p.Lang, Format: format,
	}
}

// record holds the fields of a JSON article record that Tocsin models, in
// the corpus record format and in news-please's.
type record struct {
	ID        string
	Title     string
	Text      string
	Published string
	Lang      string
	Source    string
	URL       string
	Author    string
}

// recordFields maps JSON keys to record fields, corpus keys before their
// news-please equivalents, which only fill what is still empty. Keys not
// listed here are kept as the article's extra fields.
var recordFields = []struct {
	key   string
	field func(*record) *string
}{
	{"id", func(r *record) *string { return &r.ID }},
	{"title", func(r *record) *string { return &r.Title }},
	{"text", func(r *record) *string { return &r.Text }},
	{"published", func(r *record) *string { return &r.Published }},
	{"lang", func(r *record) *string { return &r.Lang }},
	{"source", func(r *record) *string { return &r.Source }},
	{"url", func(r *record) *string { return &r.URL }},
	{"author", func(r *record) *string { return &r.Author }},
	{"maintext", func(r *record) *string { return &r.Text }},
	{"date_publish", func(r *record) *string { return &r.Published }},
	{"language", func(r *record) *string { return &r.Lang }},
	{"source_domain", func(r *record) *string { return &r.Source }},
}

// newsPleaseKeys mark a record as news-please output.
var newsPleaseKeys = []string{"maintext", "date_publish", "source_domain", "date_download"}

// parseRecord turns one JSON object into an article.
func parseRecord(raw []byte) (*news.Article, error) {
	if err := checkUTF8(raw); err != nil {
		return nil, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", jsonError(err))
	}
	if fields == nil {
		return nil, errors.New("JSON record is not an object")
	}
	format := news.FormatJSONL
	for _, k := range newsPleaseKeys {
		if _, ok := fields[k]; ok {
			format = news.FormatNewsPlease
		}
	}
	var r record
	extra := maps.Clone(fields)
	for _, f := range recordFields {
		v, ok := fields[f.key]
		if !ok {
			continue
		}
		delete(extra, f.key)
		if string(v) == "null" {
			continue
		}
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			var list []string // news-please and some crawls give authors as a list
			if f.key != "author" || json.Unmarshal(v, &list) != nil {
				return nil, fmt.Errorf("field %q: want a string, got %s", f.key, abbreviate(v))
			}
			s = strings.Join(list, ", ")
		}
		if dst := f.field(&r); *dst == "" {
			*dst = s
		}
	}
	if authors, ok := extra["authors"]; ok && r.Author == "" {
		var list []string
		if json.Unmarshal(authors, &list) == nil {
			r.Author = strings.Join(list, ", ")
		}
	}
	if r.Text == "" {
		if desc, ok := fields["description"]; ok {
			json.Unmarshal(desc, &r.Text)
		}
	}
	if strings.TrimSpace(r.Text) == "" {
		keys := slices.Sorted(maps.Keys(fields))
		return nil, fmt.Errorf("record has no text (fields: %s)", strings.Join(keys, ", "))
	}
	c := extract.Clean(extract.Normalize(r.Text))
	if strings.TrimSpace(c.Text) == "" {
		return nil, errors.New("only boilerplate, no article text")
	}
	a := &news.Article{
		ID: strings.TrimSpace(r.ID), URL: strings.TrimSpace(r.URL), Title: extract.Normalize(r.Title), Body: c.Text,
		Author: extract.Normalize(r.Author), Source: cmp.Or(strings.TrimSpace(r.Source), c.Source, host(r.URL)),
		Agency: c.Agency, Format: format,
	}
	if a.Title == "" {
		a.Title = extract.FirstSentence(a.Body, 160)
	}
	a.Lang = strings.ToLower(strings.TrimSpace(r.Lang))
	if format == news.FormatNewsPlease || a.Lang == "" {
		// news-please copies the site's declared language, often a template default.
		if detected := extract.Language(a.Title, a.Body); detected != news.Undetermined || a.Lang == "" {
			a.Lang = detected
		}
	}
	if r.Published != "" {
		if t, ok := extract.ParseDate(r.Published, a.Lang); ok {
			a.Published = &t
		} else {
			extra["published_raw"] = json.RawMessage(mustJSON(r.Published))
		}
	}
	if len(extra) > 0 {
		a.Extra = json.RawMessage(mustJSON(extra))
	}
	return a, nil
}

// jsonError makes encoding/json's syntax errors say where they are.
func jsonError(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%w (at byte %d)", err, se.Offset)
	}
	return err
}

func abbreviate(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only called on strings and maps of raw JSON
	}
	return b
}

func host(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// contentID derives a stable article id from what the article says and where
// it was published, so that the same input always gets the same id.
func contentID(a *news.Article) string {
	h := sha256.New()
	for _, s := range []string{a.URL, a.Title, a.Body} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}
