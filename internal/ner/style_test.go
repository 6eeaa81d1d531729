package ner

import (
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
