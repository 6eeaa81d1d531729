package ner

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// Sentence is one tokenised sentence with its gold BIO tags, as stored in the
// project's JSONL corpora (one JSON object a line).
type Sentence struct {
	Lang   string   `json:"lang"`
	Set    string   `json:"set,omitempty"`
	Tokens []string `json:"tokens"`
	Tags   []string `json:"tags"`
}

// ReadCorpus reads JSONL records with the fields lang, set, tokens and tags.
// Blank lines are skipped; a record whose tags do not match its tokens is an
// error.
func ReadCorpus(r io.Reader) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	var out []Sentence
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(b) == 0 {
			continue
		}
		var s Sentence
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, fmt.Errorf("read corpus line %d: %w", line, err)
		}
		if len(s.Tags) != len(s.Tokens) {
			return nil, fmt.Errorf("read corpus line %d: %d tokens but %d tags", line, len(s.Tokens), len(s.Tags))
		}
		for i, t := range s.Tags {
			s.Tags[i] = normTag(t)
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read corpus line %d: %w", line+1, err)
	}
	return out, nil
}
