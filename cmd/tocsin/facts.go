package main

import (
	"github.com/tocsin/tocsin/internal/facts"
	"github.com/tocsin/tocsin/internal/ingest"
)

// newExtractor loads the fact extractor ingest runs.
func newExtractor() (ingest.Extractor, error) {
	return facts.New()
}
