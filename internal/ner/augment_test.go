package ner

import (
	"reflect"
	"strings"
	"testing"
)

func TestSentStyle(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Putin", "s"},
		{"Lists of wind farms by country", "m"},
		{"President Vladimir Putin met Microsoft executives in Paris on Monday , officials said .", "l"},
		{"The talks , which began in Geneva on Monday , ended on Friday without any agreement on a ceasefire in the east .", "xl"},
		{"SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .", "lU"},
		{"NAIROBI 1996-08-31", "sU"},
		{"U.S. 1996-08-31", "sU"}, // "U.S." is in capitals (capsClass "upper")
		{"1996-08-31 :", "s"},
		{"A B", "s"}, // single capitals only: not a headline
	}
	for _, tt := range tests {
		toks := strings.Fields(tt.text)
		got := sentStyle(len(toks), func(i int) string { return capsClass(toks[i]) })
		if got != tt.want {
			t.Errorf("sentStyle(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestAugmentSentences(t *testing.T) {
	sent := func(lang, text, tags string) Sentence {
		return Sentence{Lang: lang, Tokens: strings.Fields(text), Tags: strings.Fields(tags)}
	}
	data := []Sentence{
		sent("en", "Vladimir Bakarić ( 1950 )", "B-PER I-PER O O O"),
		sent("en", "Lists of wind farms", "B-ORG I-ORG I-ORG I-ORG"),
		sent("en", "Treorchy 17 Newbridge", "B-ORG I-ORG I-ORG"),
		sent("en", "it opened in Paris .", "O O O B-LOC O"),
		sent("de", "Berlin", "B-LOC"),
	}
	orig := make([]Sentence, len(data))
	for i, s := range data {
		orig[i] = Sentence{Lang: s.Lang, Tokens: append([]string(nil), s.Tokens...), Tags: append([]string(nil), s.Tags...)}
	}
	if got := AugmentSentences(data, Augment{}, 1); !reflect.DeepEqual(got, data) {
		t.Errorf("zero Augment changed the data")
	}

	got := AugmentSentences(data, Augment{DropLowerEnd: []string{"en"}, DropDigits: true}, 1)
	if len(got) != 3 {
		t.Errorf("dropping: %d sentences left, want 3: %v", len(got), got)
	}
	got = AugmentSentences(data, Augment{DropLowerEnd: []string{"*"}, DropDigits: true, KeepWeight: 0.5}, 1)
	var weighted int
	for _, s := range got {
		if s.weight == 0.5 {
			weighted++
		}
	}
	if len(got) != len(data) || weighted != 2 {
		t.Errorf("keep-weight: %d sentences, %d weighted, want %d and 2", len(got), weighted, len(data))
	}

	got = AugmentSentences(data, Augment{Caps: 1, TitleFirst: 1}, 1)
	var caps, title int
	for _, s := range got[len(data):] {
		switch s.Tokens[0] {
		case strings.ToUpper(s.Tokens[0]):
			caps++
		case "It":
			title++
		}
	}
	if len(got) != 2*len(data)+1 || caps < len(data) || title != 1 {
		t.Errorf("caps and title-first: %d sentences (%d in capitals, %d title-cased), want %d (%d, 1)",
			len(got), caps, title, 2*len(data)+1, len(data))
	}

	got = AugmentSentences(data, Augment{Concat: 1}, 1)
	var tokens, enTokens int
	for _, s := range got {
		if len(s.Tokens) != len(s.Tags) {
			t.Fatalf("concatenated sentence has %d tokens and %d tags", len(s.Tokens), len(s.Tags))
		}
		if s.Lang == "de" && len(s.Tokens) != 1 {
			t.Errorf("languages mixed: %v", s.Tokens)
		}
		tokens += len(s.Tokens)
	}
	for _, s := range data {
		enTokens += len(s.Tokens)
	}
	if len(got) >= len(data) || tokens < enTokens {
		t.Errorf("concat: %d sentences of %d tokens from %d of %d", len(got), tokens, len(data), enTokens)
	}
	if !reflect.DeepEqual(data, orig) {
		t.Error("AugmentSentences modified its input")
	}
}
