package facts

import (
	"strings"
	"testing"
)

// quoteBenchArticle is a made-up report of about 600 words (three copies of one 227-word text) with direct quotes,
// reported speech and claims, written for the benchmark.
var quoteBenchArticle = strings.Repeat(`Gunmen attacked a shopping centre in the northern city of Valdor on Friday evening, killing at least 23 people, the regional governor said. Police said that four suspects had been arrested near the border after a car chase.
"We heard shots and then the roof caught fire," a shop assistant told the local radio station. "People were running everywhere."
The Northern Front claimed responsibility for the attack in a statement posted online. Officials in the neighbouring republic rejected suspicions of involvement, and the foreign ministry accused the opposition of spreading rumours.
Governor Helena Brandt visited the site on Saturday. "This is a dark day for our region," she said, adding that the victims would be buried on Monday. According to the health ministry, 61 people were treated in hospitals, and 12 remain in a serious condition.
A spokeswoman for the ministry said the hospitals had enough blood supplies. "We thank everyone who came to donate," said the Health Ministry spokeswoman.
Terror expert Martin Oster from the Institute of Security Studies believes the statement is genuine. "The wording matches earlier messages of the group," said Oster. He warned of copycat attacks in the coming weeks.
The embassy of Freedonia urged its citizens to avoid large gatherings and warned of further attacks. President Ivo Kral hinted at foreign help for the attackers, saying the gunmen had been trained abroad.
`, 3)

// BenchmarkQuotes measures Quotes alone, its scan included.
func BenchmarkQuotes(b *testing.B) {
	d := NewDoc(quoteBenchArticle, "en", nil)
	b.ReportAllocs()
	b.SetBytes(int64(len(quoteBenchArticle)))
	for b.Loop() {
		d.attr = nil
		Quotes(d, nil)
	}
}

// BenchmarkClaims measures Claims alone, its scan included.
func BenchmarkClaims(b *testing.B) {
	d := NewDoc(quoteBenchArticle, "en", nil)
	b.ReportAllocs()
	b.SetBytes(int64(len(quoteBenchArticle)))
	for b.Loop() {
		d.attr = nil
		Claims(d, nil)
	}
}

// BenchmarkQuotesClaims measures both on one Doc, as Extract runs them:
// they share one scan.
func BenchmarkQuotesClaims(b *testing.B) {
	d := NewDoc(quoteBenchArticle, "en", nil)
	b.ReportAllocs()
	b.SetBytes(int64(len(quoteBenchArticle)))
	for b.Loop() {
		d.attr = nil
		Quotes(d, nil)
		Claims(d, nil)
	}
}

func TestQuoteBenchArticle(t *testing.T) {
	if n := len(strings.Fields(quoteBenchArticle)); n < 500 || n > 700 {
		t.Errorf("got %d words, want about 600", n)
	}
	d := NewDoc(quoteBenchArticle, "en", nil)
	if q := Quotes(d, nil); len(q) < 10 {
		t.Errorf("got %d quotes, want at least 10", len(q))
	}
	if c := Claims(d, nil); len(c) < 8 {
		t.Errorf("got %d claims, want at least 8", len(c))
	}
}
