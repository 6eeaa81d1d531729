// Package facts extracts structured, source-attributed facts from one
// article's text: named entities merged into canonical entities, geocoded
// places, date expressions resolved against the publication date, casualty
// and arrest figures with their qualifier and authority, quotes with their
// speakers, claims (who claims, denies, blames or warns), the event type and
// the main event as 5W1H. It reads one article at a time and keeps no state
// between articles; grouping articles into events is the cluster package's
// work.
package facts

import (
	"strings"
	"time"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/text"
)

// Doc is an article prepared for the extractors: its body, language and
// publication time, with the sentences every extractor shares. Extractors
// work in byte offsets into Text and report news.Span (code points) through
// Span.
type Doc struct {
	Text      string
	Lang      string
	Published *time.Time // nil when unknown: relative dates then stay unresolved
	Sentences []text.Span
	runes     *text.RuneCounter
	attr      *qdoc // the scan Quotes and Claims share, made on first use
}

// NewDoc prepares body for extraction.
func NewDoc(body, lang string, published *time.Time) *Doc {
	return &Doc{
		Text:      body,
		Lang:      text.Lang(lang),
		Published: published,
		Sentences: text.Sentences(lang, body),
		runes:     text.NewRuneCounter(body),
	}
}

// Span converts a byte range of Text to a code-point span.
func (d *Doc) Span(start, end int) news.Span {
	return news.Span{Start: d.runes.Runes(start), End: d.runes.Runes(end)}
}

// Sentence returns the byte range of the sentence holding byte offset i.
func (d *Doc) Sentence(i int) text.Span {
	for _, s := range d.Sentences {
		if i >= s.Start && i < s.End {
			return s
		}
	}
	return text.Span{Start: i, End: i}
}

// Slice returns Text[s.Start:s.End] with surrounding space trimmed.
func (d *Doc) Slice(s text.Span) string {
	return strings.TrimSpace(d.Text[s.Start:s.End])
}
