package main

import (
	"strings"
	"testing"
)

func TestEvalFigures(t *testing.T) {
	in := `{"id":"a","title":"Two dead in shooting","text":"Two people were killed and three were wounded, police said.","published":"2020-01-02T00:00:00Z","event":"e1","incident":{"killed":2,"injured":3}}
{"id":"b","title":"Shooting update","text":"Police said two people died.","published":"2020-01-03T00:00:00Z","event":"e1","incident":{"killed":2,"injured":3}}
{"id":"c","title":"Man arrested","text":"A 30-year-old man was arrested on Monday.","published":"2020-01-03T00:00:00Z","event":"e2","incident":{"killed":1,"injured":0}}
`
	rep, err := evalFigures(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Articles != 3 || rep.Incidents != 2 {
		t.Fatalf("got %d articles, %d incidents, want 3, 2", rep.Articles, rep.Incidents)
	}
	want := map[string][2]int{"killed": {2, 1}, "injured": {2, 2}} // correct per article, per incident
	for i, s := range rep.PerArticle {
		if w := want[s.Kind][0]; s.Correct != w {
			t.Errorf("per article %s: got %d correct, want %d", s.Kind, s.Correct, w)
		}
		if w := want[s.Kind][1]; rep.PerIncident[i].Correct != w {
			t.Errorf("per incident %s: got %d correct, want %d", s.Kind, rep.PerIncident[i].Correct, w)
		}
	}
}

func TestRunEvalFiguresHelp(t *testing.T) {
	if err := runEvalFigures([]string{"--help"}); err != nil {
		t.Errorf("--help: %v", err)
	}
	if err := runEvalFigures(nil); err == nil {
		t.Error("no FILE: got nil error")
	}
}

func TestEvalFiguresHalf(t *testing.T) {
	// md5("half:e1") starts with an odd byte, md5("half:e2") with an even one.
	in := `{"id":"a","title":"Two dead","text":"Two people were killed.","event":"e1","incident":{"killed":2,"injured":0}}
{"id":"b","title":"Man shot","text":"A man was shot in the leg.","event":"e2","incident":{"killed":0,"injured":1}}
{"id":"c","title":"Man shot","text":"A man was shot in the arm.","event":"e2","incident":{"killed":0,"injured":1}}
`
	for _, tc := range []struct {
		half     string
		articles int
		inc      int
	}{{"", 3, 2}, {"A", 2, 1}, {"B", 1, 1}} {
		rep, err := evalFiguresErrors(strings.NewReader(in), tc.half, nil)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Articles != tc.articles || rep.Incidents != tc.inc {
			t.Errorf("half %q: got %d articles, %d incidents, want %d, %d", tc.half, rep.Articles, rep.Incidents, tc.articles, tc.inc)
		}
	}
	if err := runEvalFigures([]string{"--half", "C", "x.jsonl"}); err == nil {
		t.Error("--half C: got nil error")
	}
}
