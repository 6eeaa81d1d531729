// Package ner tags named entities (people, organisations, places and other
// names) in tokenised text, in many languages.
//
// The tagger is an averaged structured perceptron over BIO tags for the types
// PER, ORG, LOC and MISC, decoded with Viterbi over tag bigrams under the BIO
// constraint (I-X only after B-X or I-X). Its features are hashed: the word and
// its neighbours, affixes, word shapes, capitalisation, the position in the
// sentence, language-independent cue words (titles such as "President",
// "Präsident" or "M.", organisation and place head words, speech verbs), the
// language, and optionally classes from a caller-supplied gazetteer.
//
// One multilingual model is embedded in the binary (see Default); Train, Write
// and Read build and store others.
//
// The package does not tokenise, split sentences, detect the language, link
// entities to identities or resolve places: callers pass tokens of one
// sentence and a language code, and get one tag per token back.
package ner
