package ner

import "strings"

// Span is an entity found in a tag sequence: tokens Start to End (exclusive)
// of type Type ("PER", "ORG", "LOC" or "MISC").
type Span struct {
	Start, End int
	Type       string
}

// Spans returns the entities in a BIO tag sequence, read the CoNLL way: an I-
// tag that does not continue an entity of its own type starts a new one, and
// tags other than B-X and I-X (such as "O") end the current entity.
func Spans(tags []string) []Span {
	var spans []Span
	open := -1 // index into spans of the entity still open, or -1
	for i, tag := range tags {
		prefix, typ, ok := splitTag(tag)
		if !ok {
			open = -1
			continue
		}
		if prefix == 'I' && open >= 0 && spans[open].Type == typ {
			spans[open].End = i + 1
			continue
		}
		spans = append(spans, Span{Start: i, End: i + 1, Type: typ})
		open = len(spans) - 1
	}
	return spans
}

// splitTag splits "B-PER" into 'B' and "PER"; ok is false for "O" and for
// anything that is not a B- or I- tag.
func splitTag(tag string) (prefix byte, typ string, ok bool) {
	if len(tag) < 3 || tag[1] != '-' || (tag[0] != 'B' && tag[0] != 'I') {
		return 0, "", false
	}
	return tag[0], tag[2:], true
}

// allowed reports whether tag cur may follow tag prev under the BIO scheme;
// prev is "" at the start of a sentence.
func allowed(prev, cur string) bool {
	p, typ, ok := splitTag(cur)
	if !ok || p == 'B' {
		return true
	}
	return prev == "B-"+typ || prev == "I-"+typ
}

// normTag maps tags outside the BIO scheme (e.g. "E-PER", "S-LOC", lowercase)
// to a BIO tag or "O".
func normTag(tag string) string {
	tag = strings.ToUpper(strings.TrimSpace(tag))
	if _, _, ok := splitTag(tag); ok {
		return tag
	}
	if len(tag) > 2 && tag[1] == '-' {
		switch tag[0] {
		case 'S':
			return "B" + tag[1:]
		case 'E':
			return "I" + tag[1:]
		}
	}
	return "O"
}
