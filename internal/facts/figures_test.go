package facts

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tocsin/tocsin/internal/news"
)

// fig is the part of a figure the table tests compare.
type fig struct {
	kind      string
	value     int
	qual      string
	authority string
}

func (f fig) String() string {
	return fmt.Sprintf("%s %d %s %q", f.kind, f.value, f.qual, f.authority)
}

func figsOf(fs []news.Figure) []fig {
	var out []fig
	for _, f := range fs {
		out = append(out, fig{f.Kind, f.Value, f.Qualifier, f.Authority})
	}
	return out
}

func TestFigures(t *testing.T) {
	tests := []struct {
		lang, text string
		want       []fig
	}{
		{"en", "Gunmen opened fire in a shopping mall, killing at least 52 people and wounding dozens more.",
			[]fig{{news.Killed, 52, "at_least", ""}, {news.Injured, 24, "vague", ""}}},
		{"en", "Officials spoke of 40 dead and at least 120 injured after the blast.",
			[]fig{{news.Killed, 40, "exact", "Officials"}, {news.Injured, 120, "at_least", "Officials"}}},
		{"en", "At least 9 people, including three suspected organisers, have been arrested, the interior ministry said.",
			[]fig{{news.Detained, 9, "at_least", "the interior ministry"}}},
		{"en", "The death toll rose to 87 on Sunday.", []fig{{news.Killed, 87, "exact", ""}}},
		{"en", "Police said a 23-year-old man was shot and killed at 8:30 p.m. near the station.", []fig{{news.Killed, 1, "exact", "Police"}}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text[:min(30, len(tt.text))], func(t *testing.T) {
			got := figsOf(Figures(NewDoc(tt.text, tt.lang, nil)))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Figures(%q)\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestFiguresNone checks numbers that are not figures.
func TestFiguresNone(t *testing.T) {
	for _, s := range []string{
		"The agency said 60 fighters had been recruited by the army.",
		"Citizens should avoid crowds over the next 48 hours.",
		"The group first emerged in late 2014.",
		"A 23-year-old man was seen at 8:30 p.m. near the house.",
		"Three NGOs were declared undesirable.",
		"The letter is not a 100% reliable indication.",
	} {
		if got := Figures(NewDoc(s, "en", nil)); len(got) != 0 {
			t.Errorf("Figures(%q) = %v, want none", s, strings.TrimSpace(fmt.Sprint(figsOf(got))))
		}
	}
}
