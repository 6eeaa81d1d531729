// Package news holds Tocsin's domain types: the article as stored, and the
// facts later stages derive from it. It does no I/O and knows nothing about
// where articles come from or how they are kept.
package news

import (
	"encoding/json"
	"time"
)

// Article is one news report as Tocsin keeps it. Text fields are cleaned and
// normalised; Published is nil when the publication time is unknown, never a
// guess.
type Article struct {
	ID          string          `json:"id"`
	URL         string          `json:"url,omitempty"`
	Source      string          `json:"source,omitempty"` // outlet or site that published it
	Agency      string          `json:"agency,omitempty"` // news agency credited (dpa, Reuters, …)
	Author      string          `json:"author,omitempty"`
	Title       string          `json:"title"`
	Body        string          `json:"body"`
	Published   *time.Time      `json:"published"`
	Lang        string          `json:"lang"` // ISO 639-1, "und" when undetermined
	Ingested    time.Time       `json:"ingested"`
	Size        int             `json:"size"`        // bytes of the input the article came from
	Format      string          `json:"format"`      // text, html, jsonl, newsplease
	Origin      string          `json:"origin"`      // file path, URL or "-" it was read from
	Fingerprint string          `json:"fingerprint"` // hash of the normalised title-less text
	DuplicateOf string          `json:"duplicate_of,omitempty"`
	Similarity  float64         `json:"similarity,omitempty"` // estimated Jaccard to DuplicateOf
	Extra       json.RawMessage `json:"extra,omitempty"`      // input fields Tocsin does not model
}

// Formats Tocsin reads.
const (
	FormatText       = "text"
	FormatHTML       = "html"
	FormatJSONL      = "jsonl"
	FormatNewsPlease = "newsplease"
)

// Undetermined is the language code for text whose language is not known.
const Undetermined = "und"
