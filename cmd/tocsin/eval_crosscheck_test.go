package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalFiguresClustered scores the cross-checked estimates of two
// incidents written for the test: a shooting told by two reports, whose
// later one raises the toll, and an unrelated arrest.
func TestEvalFiguresClustered(t *testing.T) {
	in := `{"id":"a","title":"Two dead in Elmwood shooting","text":"Two people were killed and three were wounded in a shooting on Elm Street in Elmwood on Friday night, police said.","published":"2020-01-03T00:00:00Z","source":"one.example","event":"e1","incident":{"killed":3,"injured":3}}
{"id":"b","title":"Third victim dies after Elmwood shooting","text":"A third victim of Friday's Elm Street shooting in Elmwood died in hospital, police said on Sunday. Three people were killed and three were wounded.","published":"2020-01-05T00:00:00Z","source":"two.example","event":"e1","incident":{"killed":3,"injured":3}}
{"id":"c","title":"Man arrested for bank fraud in Lakeside","text":"A 30-year-old man was arrested on Monday in Lakeside on charges of bank fraud, prosecutors said.","published":"2020-03-09T00:00:00Z","source":"three.example","event":"e2","incident":{"killed":0,"injured":0}}
`
	path := filepath.Join(t.TempDir(), "gva.jsonl")
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := tocsin(t, nil, "eval", "figures", "--clustered", "--json", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res clusteredFigures
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if res.Articles != 3 || res.Incidents != 2 || len(res.Scores) != 2 {
		t.Fatalf("result %+v", res)
	}
	// The two shooting reports make one event whose estimate is the
	// later toll, 3 killed (the first report alone would read 2).
	if res.Events != 2 {
		t.Fatalf("%d predicted events, want the shooting and the arrest", res.Events)
	}
	for _, s := range append(res.Scores, res.Gold...) {
		if s.N != 2 || s.Correct != 2 || s.Accuracy != 1 {
			t.Errorf("score %+v, want both incidents read right", s)
		}
	}
	if len(res.Causes) != 2 || res.Causes[0].Wrong != 0 || res.Causes[1].Wrong != 0 {
		t.Errorf("causes %+v, want two kinds with nothing wrong", res.Causes)
	}
}

// TestEvalFiguresClusteredErrors checks that an incident read wrong is
// listed with its event's ledger, and counted as the estimate's (the gold
// grouping reads it wrong too): the report gives no injured count.
func TestEvalFiguresClusteredErrors(t *testing.T) {
	in := `{"id":"a","title":"Man killed in Elmwood","text":"A man was killed in a shooting on Elm Street in Elmwood on Friday night, police said.","published":"2020-01-03T00:00:00Z","source":"one.example","event":"e1","incident":{"killed":1,"injured":2}}
`
	path := filepath.Join(t.TempDir(), "gva.jsonl")
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := tocsin(t, nil, "eval", "figures", "--clustered", "--errors", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"incident e1: killed 1 read 1 (gold grouping 1), injured 2 read 0 (gold grouping 0)", `[e1] killed 1 exact "A man was killed"`, "wrong injured     1: 0 right with the gold grouping, 1 wrong there too"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestEvalSummaries(t *testing.T) {
	in := `{"id":"a","title":"Storm floods Riverside","text":"A storm flooded the old town of Riverside on Monday. Rescue teams evacuated hundreds of residents by boat overnight. The mayor said the damage would take months to repair.","published":"2020-01-03T00:00:00Z","event":"e1"}
{"id":"b","title":"Riverside counts the cost of the flood","text":"Residents of Riverside returned to flooded homes on Tuesday. Insurers estimated the damage at millions. The regional governor declared a state of emergency.","published":"2020-01-04T00:00:00Z","event":"e1"}
`
	path := filepath.Join(t.TempDir(), "nc.jsonl")
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := tocsin(t, nil, "eval", "summaries", "--json", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res summaryScores
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if res.Units != 1 || res.Rouge[0].Recall <= 0 || res.Rouge[0].Recall > 1 || res.Rouge[1].Recall > res.Rouge[0].Recall {
		t.Errorf("result %+v: want one event with 0 < ROUGE-2 recall ≤ ROUGE-1 recall ≤ 1", res)
	}
}
