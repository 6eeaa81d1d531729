package facts

import (
	"strings"
	"testing"
)

// benchArticle is a made-up report of about 600 words with the usual mix of
// dates, times, figures and quotes.
var benchArticle = func() string {
	paras := []string{
		"Around 8:30 p.m. on Friday evening, several armed men entered a concert hall on the edge of the city and opened fire on the audience with automatic rifles. Witnesses said the shooting lasted for about twenty minutes before a fire broke out on the upper floor.",
		"By Saturday morning the authorities said at least 60 people had been killed and 145 injured. The health ministry published a list of the victims on 23 March 2024 and said that the number could still rise over the next 48 hours.",
		"Two weeks ago the embassy had warned its citizens to avoid large gatherings, including concerts, for the following two days. The warning was repeated on March 7, and officials described it at the time as routine.",
		"Yesterday the security service announced that eleven people had been detained, four of them suspected of taking part in the attack. They were stopped on a road near the border at 3:40 a.m., according to a statement issued earlier this month by the regional police.",
		"A group that emerged in late 2014 claimed responsibility in a message posted online. Experts said the claim appeared genuine, and that the group has been growing since 2018 despite heavy losses last year.",
		"\"We heard shots, then screams, then the alarm,\" one visitor told reporters on Saturday. \"People ran to the exits, but some doors were locked.\" Another said she had been waiting outside since 7 p.m. and saw smoke rising from the roof shortly after 9.",
		"The president declared Sunday a day of national mourning and promised that those responsible would be punished. In a televised address on Saturday evening he did not mention the claim, but said the attackers had tried to escape abroad.",
		"Foreign governments condemned the attack. Several leaders sent messages of condolence on Friday night and on Saturday, and the city council cancelled all public events planned for the weekend of 30 and 31 March.",
		"The concert hall, which opened in 2009 and holds more than 6,000 people, was hosting a sold-out performance by a well-known band. Tickets had been on sale since December, and the organisers said on Sunday that refunds would be paid within the next two weeks.",
		"Investigators said the suspects had rented a flat nearby at the beginning of March. Neighbours reported seeing a white car parked outside the building on Wednesday and again on Thursday, a day before the attack.",
		"On Sunday thousands of people queued in the rain to donate blood and to lay flowers at a makeshift memorial outside the burnt building. Volunteers handed out tea and blankets through the night, and the queues were still long on Monday morning when the first funerals took place.",
		"Prosecutors said the four main suspects would appear before a judge on Monday afternoon. Their lawyers asked for more time to study the case files, which they said they had received only at 11:15 on Sunday. A hearing on the other seven detainees is expected later this week.",
		"Rescue workers searched the rubble of the collapsed roof until Tuesday. The emergencies ministry said that the fire had spread across 13,000 square metres and that the building's ventilation had fed the flames. An inquiry into the fire safety of the hall was opened two days ago.",
		"Security experts warned that the threat of further attacks remained high. \"This is not over,\" one analyst said, adding that similar plots had been foiled in several countries in the past two years, most recently in January.",
	}
	return strings.Join(paras, "\n\n")
}()

func BenchmarkDates(b *testing.B) {
	d := NewDoc(benchArticle, "en", &pubSat)
	b.SetBytes(int64(len(benchArticle)))
	b.ReportAllocs()
	for b.Loop() {
		Dates(d)
	}
}

func BenchmarkClassify(b *testing.B) {
	d := NewDoc(benchArticle, "en", &pubSat)
	b.ReportAllocs()
	for b.Loop() {
		Classify(d, "Gunmen kill dozens at concert hall", nil, nil)
	}
}

func BenchmarkMainEvent(b *testing.B) {
	d := NewDoc(benchArticle, "en", &pubSat)
	dates := Dates(d)
	b.ReportAllocs()
	for b.Loop() {
		MainEvent(d, "Gunmen kill dozens at concert hall", dates, nil, nil, nil)
	}
}

func TestBenchArticle(t *testing.T) {
	if n := len(strings.Fields(benchArticle)); n < 550 || n > 700 {
		t.Errorf("bench article has %d words, want about 600", n)
	}
	d := NewDoc(benchArticle, "en", &pubSat)
	for _, m := range Dates(d) {
		t.Log(fmtMention(m))
	}
	if e := MainEvent(d, "", Dates(d), nil, nil, nil); e.When == nil || e.When.Format("2006-01-02 15:04") != "2024-03-22 20:30" {
		t.Errorf("got when %v, want 2024-03-22 20:30", e.When)
	}
}
