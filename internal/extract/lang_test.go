package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/RadhiFadlillah/whatlanggo"
)

// langParagraphs are short news paragraphs written for these tests, one per
// language, keyed by the ISO 639-1 code Language must return.
var langParagraphs = map[string]string{
	"en": "The city council voted on Tuesday to close the old bridge to heavy traffic after engineers found cracks in two of its supporting pillars. Repairs are expected to take at least six months.",
	"de": "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke für den Schwerverkehr zu sperren, nachdem Ingenieure Risse in zwei Pfeilern gefunden hatten. Die Reparatur soll mindestens sechs Monate dauern.",
	"fr": "Le conseil municipal a voté mardi la fermeture du vieux pont aux poids lourds après que des ingénieurs ont découvert des fissures dans deux de ses piliers. Les travaux devraient durer au moins six mois.",
	"es": "El ayuntamiento votó el martes cerrar el viejo puente al tráfico pesado después de que los ingenieros encontraran grietas en dos de sus pilares. Se espera que las obras duren al menos seis meses.",
	"it": "Il consiglio comunale ha votato martedì la chiusura del vecchio ponte ai mezzi pesanti dopo che gli ingegneri hanno trovato delle crepe in due dei suoi piloni. I lavori dovrebbero durare almeno sei mesi.",
	"pt": "A câmara municipal votou na terça-feira o encerramento da velha ponte ao trânsito pesado depois de os engenheiros terem encontrado fissuras em dois dos seus pilares. As obras deverão demorar pelo menos seis meses.",
	"nl": "De gemeenteraad heeft dinsdag besloten de oude brug af te sluiten voor zwaar verkeer nadat ingenieurs scheuren hadden gevonden in twee van de pijlers. De reparatie duurt naar verwachting minstens zes maanden.",
	"pl": "Rada miasta zdecydowała we wtorek o zamknięciu starego mostu dla ciężkiego ruchu, po tym jak inżynierowie znaleźli pęknięcia w dwóch filarach. Naprawa ma potrwać co najmniej sześć miesięcy.",
	"ru": "Городской совет во вторник проголосовал за закрытие старого моста для грузового транспорта после того, как инженеры обнаружили трещины в двух опорах. Ремонт займёт не меньше шести месяцев.",
	"uk": "Міська рада у вівторок проголосувала за закриття старого мосту для вантажного транспорту, після того як інженери виявили тріщини у двох опорах. Ремонт триватиме щонайменше шість місяців.",
	"tr": "Belediye meclisi salı günü, mühendislerin iki ayakta çatlak bulmasının ardından eski köprünün ağır vasıtalara kapatılmasına karar verdi. Onarımın en az altı ay sürmesi bekleniyor.",
	"sv": "Kommunfullmäktige röstade på tisdagen för att stänga den gamla bron för tung trafik sedan ingenjörer hittat sprickor i två av pelarna. Reparationerna väntas ta minst sex månader.",
	"cs": "Městská rada v úterý odhlasovala uzavření starého mostu pro těžkou dopravu poté, co inženýři našli trhliny ve dvou pilířích. Oprava má trvat nejméně šest měsíců.",
	"ro": "Consiliul local a votat marți închiderea vechiului pod pentru traficul greu, după ce inginerii au descoperit fisuri în doi dintre stâlpii de susținere. Lucrările ar urma să dureze cel puțin șase luni.",
	"hu": "A városi közgyűlés kedden megszavazta, hogy lezárják a régi hidat a nehézgépjárművek elől, miután a mérnökök repedéseket találtak két pillérében. A javítás legalább hat hónapig tart.",
	"fi": "Kaupunginvaltuusto päätti tiistaina sulkea vanhan sillan raskaalta liikenteeltä, kun insinöörit löysivät halkeamia kahdesta sen tukipilarista. Korjausten odotetaan kestävän vähintään kuusi kuukautta.",
	"el": "Το δημοτικό συμβούλιο αποφάσισε την Τρίτη να κλείσει την παλιά γέφυρα για τα βαρέα οχήματα, αφού οι μηχανικοί βρήκαν ρωγμές σε δύο από τους πυλώνες της. Οι επισκευές αναμένεται να διαρκέσουν τουλάχιστον έξι μήνες.",
	"ar": "صوت مجلس المدينة يوم الثلاثاء على إغلاق الجسر القديم أمام الشاحنات الثقيلة بعد أن وجد المهندسون شقوقا في اثنتين من دعاماته. ومن المتوقع أن تستغرق أعمال الإصلاح ستة أشهر على الأقل.",
	"he": "מועצת העיר הצביעה ביום שלישי על סגירת הגשר הישן לתנועה כבדה, לאחר שמהנדסים מצאו סדקים בשניים מעמודי התמך שלו. התיקונים צפויים להימשך לפחות שישה חודשים.",
	"hi": "नगर परिषद ने मंगलवार को पुराने पुल को भारी वाहनों के लिए बंद करने का फैसला किया, क्योंकि इंजीनियरों को उसके दो खंभों में दरारें मिली थीं। मरम्मत में कम से कम छह महीने लगने की उम्मीद है।",
	"zh": "市议会周二投票决定禁止重型车辆通过这座旧桥，因为工程师在两根桥墩上发现了裂缝。维修工作预计至少需要六个月。",
	"ja": "市議会は火曜日、技術者が橋脚二本にひびを見つけたことを受けて、古い橋を大型車両の通行止めにすることを決めた。修理には少なくとも六か月かかる見込みだ。",
	"ko": "시의회는 화요일 기술자들이 교각 두 곳에서 균열을 발견한 뒤 낡은 다리의 대형 차량 통행을 금지하기로 의결했다. 보수 공사는 최소 6개월이 걸릴 것으로 보인다.",
	"id": "Dewan kota pada hari Selasa memutuskan untuk menutup jembatan tua bagi kendaraan berat setelah para insinyur menemukan retakan pada dua tiang penyangganya. Perbaikan diperkirakan memakan waktu setidaknya enam bulan.",
	"vi": "Hội đồng thành phố hôm thứ Ba đã bỏ phiếu đóng cây cầu cũ đối với xe tải nặng sau khi các kỹ sư phát hiện vết nứt ở hai trụ cầu. Việc sửa chữa dự kiến kéo dài ít nhất sáu tháng.",
}

func TestLanguage(t *testing.T) {
	for want, text := range langParagraphs {
		t.Run(want, func(t *testing.T) {
			title, body, _ := strings.Cut(text, ". ")
			if got := Language(title, body); got != want {
				t.Errorf("Language(%.40q…) = %q, want %q", text, got, want)
			}
		})
	}
}

func TestLanguageUndetermined(t *testing.T) {
	for _, tc := range []struct{ name, title, body string }{
		{"empty", "", ""},
		{"one word", "Breaking", ""},
		{"numbers", "2024", "12:30 - 3:1 (1:0) 45'"},
		{"short", "Ja", "Nein."},
		{"names only", "Putin, Biden", "Xi"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Language(tc.title, tc.body); got != "und" {
				t.Errorf("Language(%q, %q) = %q, want und", tc.title, tc.body, got)
			}
		})
	}
}

// labelled is one labelled text from a corpus.
type labelled struct{ lang, text string }

// corpusSamples reads labelled multilingual text from the shared development
// corpora: whole SemEval-2022 Task 8 articles, and runs of five consecutive
// NER sentences joined into a paragraph.
func corpusSamples(tb testing.TB, root string, perLang int) []labelled {
	var out []labelled
	count := map[string]int{}
	add := func(lang, text string) {
		if count[lang] < perLang && len(text) >= 40 {
			count[lang]++
			out = append(out, labelled{lang, text})
		}
	}
	eachLine := func(path string, fn func([]byte)) {
		f, err := os.Open(path)
		if err != nil {
			tb.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			fn(sc.Bytes())
		}
	}
	eachLine(filepath.Join(root, "semeval8", "train.jsonl"), func(line []byte) {
		var r struct {
			Lang1, Lang2 string
			A, B         struct{ Title, Text string }
		}
		if json.Unmarshal(line, &r) != nil {
			return
		}
		add(r.Lang1, r.A.Title+"\n"+r.A.Text)
		add(r.Lang2, r.B.Title+"\n"+r.B.Text)
	})
	files, _ := filepath.Glob(filepath.Join(root, "ner", "*-val.jsonl"))
	for _, file := range files {
		if strings.Contains(file, "wikiann") {
			continue // titles and fragments, not sentences
		}
		var run []string
		eachLine(file, func(line []byte) {
			var r struct {
				Lang   string
				Tokens []string
			}
			if json.Unmarshal(line, &r) != nil || len(r.Tokens) < 6 {
				return
			}
			run = append(run, strings.Join(r.Tokens, " "))
			if len(run) == 5 {
				add(r.Lang, strings.Join(run, " "))
				run = run[:0]
			}
		})
	}
	return out
}

// TestLanguageCorpus measures Language on real multilingual news text. It is
// a measurement, not a unit test: it runs only where the development corpora
// are (TOCSIN_CORPORA, or /work/shared/corpora), and fails when accuracy
// drops below what the detector reached when it was written.
func TestLanguageCorpus(t *testing.T) {
	root := corporaRoot()
	if root == "" {
		t.Skip("no development corpora (set TOCSIN_CORPORA): nothing to measure")
	}
	samples := corpusSamples(t, root, 200)
	for _, prefix := range []int{0, 200} {
		right, und := map[string]int{}, map[string]int{}
		n := map[string]int{}
		var langs []string
		totalRight, totalUnd := 0, 0
		for _, s := range samples {
			text := s.text
			if prefix > 0 {
				text = firstRunes(text, prefix)
			}
			if n[s.lang] == 0 {
				langs = append(langs, s.lang)
			}
			n[s.lang]++
			switch Language("", text) {
			case s.lang:
				right[s.lang]++
				totalRight++
			case "und":
				und[s.lang]++
				totalUnd++
			}
		}
		slices.Sort(langs)
		var line strings.Builder
		for _, l := range langs {
			fmt.Fprintf(&line, " %s %d/%d (und %d)", l, right[l], n[l], und[l])
		}
		what := "whole texts"
		if prefix > 0 {
			what = fmt.Sprintf("first %d runes", prefix)
		}
		acc := float64(totalRight) / float64(len(samples))
		t.Logf("%s: %d/%d right (%.4f), %d und;%s", what, totalRight, len(samples), acc, totalUnd, line.String())
		if min := map[int]float64{0: 0.97, 200: 0.90}[prefix]; acc < min {
			t.Errorf("%s: accuracy %.4f, want at least %.2f", what, acc, min)
		}
	}
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// TestLanguageMatchesWhatlanggo checks that the one-pass scorer gives
// whatlanggo's answer and confidence (before the Cyrillic alphabet rule,
// which TestLanguageCorpus measures).
func TestLanguageMatchesWhatlanggo(t *testing.T) {
	var texts []string
	for _, p := range langParagraphs {
		texts = append(texts, p, firstRunes(p, 60))
	}
	if root := corporaRoot(); root != "" {
		for _, s := range corpusSamples(t, root, 100) {
			texts = append(texts, firstRunes(s.text, 400))
		}
	}
	mismatches := 0
	for _, text := range texts {
		var p *trigramProfiles
		switch whatlanggo.DetectScript(text) {
		case unicode.Latin:
			p = trigramIndex().latin
		case unicode.Cyrillic:
			p = trigramIndex().cyrillic
		default:
			continue // whatlanggo's own answer
		}
		lang, conf := p.detectExcept(text, 0)
		want := whatlanggo.Detect(text)
		if lang != want.Lang || conf != want.Confidence {
			mismatches++
			t.Logf("detectLang(%.50q) = %v %.2f, whatlanggo %v %.2f", text, lang, conf, want.Lang, want.Confidence)
		}
	}
	if mismatches > 0 {
		t.Errorf("%d of %d texts scored differently from whatlanggo", mismatches, len(texts))
	}
}

// corporaRoot returns where the shared development corpora are, or "".
func corporaRoot() string {
	root := os.Getenv("TOCSIN_CORPORA")
	if root == "" {
		root = "/work/shared/corpora"
	}
	if _, err := os.Stat(filepath.Join(root, "semeval8", "train.jsonl")); err != nil {
		return ""
	}
	return root
}

// benchArticle is a typical news article of about 1,500 bytes.
var benchArticle = strings.Repeat(langParagraphs["en"]+"\n\n", 8)

func BenchmarkLanguage(b *testing.B) {
	for _, lang := range []string{"en", "de", "ru", "ar"} {
		text := strings.Repeat(langParagraphs[lang]+"\n\n", 8)
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Language("", text)
			}
		})
	}
}

// BenchmarkLanguageWhatlanggo is the cost of the same samples through
// whatlanggo.Detect, which Language used before the one-pass scorer.
func BenchmarkLanguageWhatlanggo(b *testing.B) {
	for _, lang := range []string{"en", "de", "ru", "ar"} {
		text := firstRunes(strings.Repeat(langParagraphs[lang]+"\n\n", 8), 1200)
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				whatlanggo.Detect(text)
			}
		})
	}
}
