package text

import "testing"

// benchText is a made-up news paragraph per language, about 1 KB each.
var benchText = map[string]string{
	"en": `Police in the northern city said on Tuesday that at least 14 people were killed and 1,200 were evacuated after an explosion at a chemical plant. The U.S. embassy urged its citizens to avoid the area. "We heard two blasts shortly after 8:30 p.m.," a resident told reporters. Officials did not say what caused the fire, but the company's spokesman denied reports of an attack. Rescue teams from three neighbouring regions were searching the ruins late into the night, and the governor declared a state of emergency.`,
	"de": `Nach den Anschlägen vom 8. März hat die Polizei in Köln drei Verdächtige festgenommen. Ein Sprecher der Staatsanwaltschaft sagte am Dienstag, die Männer seien zwischen 19 und 24 Jahre alt. Sie sollen Kontakte zu einer Gruppe in Österreich gehabt haben. Der Innenminister kündigte strengere Kontrollen an Bahnhöfen an, u. a. in München und Frankfurt. „Wir lassen uns nicht einschüchtern“, sagte er. Bei dem Angriff waren 12 Menschen verletzt worden.`,
	"ru": `В четверг вечером в концертном зале под Москвой произошло нападение. По данным МЧС, погибли не менее 40 человек, ещё около ста получили ранения. Следственный комитет возбудил уголовное дело о теракте. Очевидцы рассказали, что вооружённые люди в камуфляже открыли огонь в фойе, после чего в здании начался пожар. Власти ввели усиленные меры безопасности в аэропортах и на вокзалах столицы.`,
}

func BenchmarkTerms(b *testing.B) {
	for _, lang := range []string{"en", "de", "ru"} {
		s := benchText[lang]
		n := len(Terms(lang, s))
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				_ = Terms(lang, s)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}

func BenchmarkTermString(b *testing.B) {
	s := benchText["de"]
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = TermString("de", s)
	}
}

func BenchmarkFold(b *testing.B) {
	s := benchText["de"]
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Fold(s)
	}
}

func BenchmarkTokenize(b *testing.B) {
	for _, lang := range []string{"en", "de", "ru"} {
		s := benchText[lang]
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				_ = Tokenize(lang, s)
			}
		})
	}
}

func BenchmarkSentences(b *testing.B) {
	for _, lang := range []string{"en", "de", "ru"} {
		s := benchText[lang]
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				_ = Sentences(lang, s)
			}
		})
	}
}
