package facts

import (
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/news"
)

func TestMainEventWhen(t *testing.T) {
	body := "Photo: agency\n\nAround 8:30 p.m. on Friday evening, gunmen stormed a concert hall near the capital and opened fire with machine guns. " +
		"The ministry said on Saturday that four men had been detained. The group has been active since 2014."
	for _, pub := range []time.Time{
		time.Date(2024, 3, 23, 9, 0, 0, 0, time.UTC),
		time.Date(2024, 3, 22, 23, 0, 0, 0, time.UTC),
	} {
		d := NewDoc(body, "en", &pub)
		e := MainEvent(d, "", Dates(d), nil, nil, nil)
		want := time.Date(2024, 3, 22, 20, 30, 0, 0, time.UTC)
		if e.When == nil || !e.When.Equal(want) {
			t.Errorf("published %s: got when %v, want %v", pub, e.When, want)
		}
		if e.How != "with machine guns" {
			t.Errorf("got how %q, want %q", e.How, "with machine guns")
		}
	}
}

func TestMainEventSkipsDatelineAndReporting(t *testing.T) {
	pub := time.Date(2013, 2, 4, 0, 0, 0, 0, time.UTC)
	body := "February 4, 2013 11:14 AM\n\nOne man died after shots were fired at a house on Sunday night, police said Monday."
	d := NewDoc(body, "en", &pub)
	e := MainEvent(d, "", Dates(d), nil, nil, nil)
	if e.When == nil || e.When.Format(time.DateOnly) != "2013-02-03" {
		t.Errorf("got when %v, want 2013-02-03", e.When)
	}
}

func TestMainEventWho(t *testing.T) {
	body := "The group claimed the attack. Police in the city arrested two men. The mayor thanked the police."
	d := NewDoc(body, "en", &pubSat)
	ments := []news.Mention{
		{Span: news.Span{Start: 30, End: 36}, Text: "Police", Type: news.ORG},
		{Span: news.Span{Start: 84, End: 90}, Text: "police", Type: news.ORG},
		{Span: news.Span{Start: 64, End: 73}, Text: "The mayor", Type: news.PER},
	}
	if got := MainEvent(d, "Attack", nil, nil, nil, ments).Who; got != "Police" {
		t.Errorf("got who %q, want %q", got, "Police")
	}
	claims := []news.Claim{{Actor: "Islamic State", Stance: news.Claims}}
	e := MainEvent(d, "Attack on hall", nil, nil, claims, ments)
	if e.Who != "Islamic State" || e.What != "Attack on hall" {
		t.Errorf("got who %q, what %q; want Islamic State, Attack on hall", e.Who, e.What)
	}
	if e.When != nil {
		t.Errorf("got when %v without dates, want nil", e.When)
	}
}

func TestMainEventWhat(t *testing.T) {
	d := NewDoc("Four people were shot outside a bar in the city centre, police said, and two died later.", "en", nil)
	if got, want := MainEvent(d, "", nil, nil, nil, nil).What, "Four people were shot outside a bar in the city centre"; got != want {
		t.Errorf("got what %q, want %q", got, want)
	}
}
