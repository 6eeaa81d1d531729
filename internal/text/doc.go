// Package text holds the language tools that the later stages of Tocsin share:
// folding (lowercase without diacritics), search terms (Unicode word
// segmentation plus Snowball stemming), stop words, tokens with byte offsets
// for the NER tagger, and sentence spans.
//
// Every function is safe for concurrent use and keeps no mutable package
// state. Offsets are byte offsets into the string that was passed in, so
// s[t.Start:t.End] is the token's text; RuneOffset converts them when a
// character offset is needed.
//
// The package does not detect languages (callers pass a language code such as
// "en", "de" or "pt-BR"; unknown codes fall back to language-neutral rules), it
// does not tag entities, parse dates or numbers, and it does not lemmatise:
// stems are search keys, not dictionary forms.
package text
