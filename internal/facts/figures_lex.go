package facts

import (
	"slices"
	"strings"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/text"
)

// The figure lexicons. Every entry is folded (text.Fold: lowercase, no
// diacritics). Number words are per language (English ones are accepted
// in every language, except the articles); all other lists are merged
// across languages, since a cue word rarely means something else in
// another language and articles are sometimes mislabelled.

// figLex is the lexicon for one document language.
type figLex struct {
	nums  map[string]int      // number words, including articles read as 1 ("a", "un", "ein")
	words map[string]wordInfo // every word of every list, see figures_words.go
}

// article reports whether w is a number word that is also an article or a
// determiner: it counts only before a person noun ("a man was killed").
func article(w string) bool { return figArticles[w] }

var figArticles = set("a an another the his her un une uno una ein eine einer einem einen een bir один одна одного jeden jedna jedno")

var numWords = map[string]string{
	"en": "one:1 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 ten:10 eleven:11 twelve:12 thirteen:13 fourteen:14 fifteen:15 sixteen:16 seventeen:17 eighteen:18 nineteen:19 twenty:20 thirty:30 forty:40 fifty:50 sixty:60 seventy:70 eighty:80 ninety:90 hundred:100 thousand:1000 million:1000000 dozen:12 both:2",
	"de": "ein:1 eine:1 einer:1 einem:1 einen:1 zwei:2 drei:3 vier:4 funf:5 sechs:6 sieben:7 acht:8 neun:9 zehn:10 elf:11 zwolf:12 dreizehn:13 vierzehn:14 funfzehn:15 sechzehn:16 siebzehn:17 achtzehn:18 neunzehn:19 zwanzig:20 dreissig:30 vierzig:40 funfzig:50 sechzig:60 siebzig:70 achtzig:80 neunzig:90 hundert:100 einhundert:100 tausend:1000 dutzend:12",
	"fr": "un:1 une:1 deux:2 trois:3 quatre:4 cinq:5 six:6 sept:7 huit:8 neuf:9 dix:10 onze:11 douze:12 treize:13 quatorze:14 quinze:15 seize:16 vingt:20 trente:30 quarante:40 cinquante:50 soixante:60 quatre-vingt:80 quatre-vingts:80 quatre-vingt-dix:90 cent:100 cents:100 mille:1000 douzaine:12",
	"es": "un:1 uno:1 una:1 dos:2 tres:3 cuatro:4 cinco:5 seis:6 siete:7 ocho:8 nueve:9 diez:10 once:11 doce:12 trece:13 catorce:14 quince:15 dieciseis:16 diecisiete:17 dieciocho:18 diecinueve:19 veinte:20 veintiun:21 veintiuno:21 veintidos:22 veintitres:23 veinticuatro:24 veinticinco:25 veintiseis:26 veintisiete:27 veintiocho:28 veintinueve:29 treinta:30 cuarenta:40 cincuenta:50 sesenta:60 setenta:70 ochenta:80 noventa:90 cien:100 ciento:100 mil:1000 docena:12",
	"it": "un:1 uno:1 una:1 due:2 tre:3 quattro:4 cinque:5 sei:6 sette:7 otto:8 nove:9 dieci:10 undici:11 dodici:12 tredici:13 quattordici:14 quindici:15 sedici:16 diciassette:17 diciotto:18 diciannove:19 venti:20 trenta:30 quaranta:40 cinquanta:50 sessanta:60 settanta:70 ottanta:80 novanta:90 cento:100 mille:1000 dozzina:12",
	"ru": "один:1 одна:1 одного:1 два:2 две:2 двух:2 двое:2 три:3 трех:3 трое:3 четыре:4 четырех:4 четверо:4 пять:5 пяти:5 пятеро:5 шесть:6 шести:6 семь:7 семи:7 восемь:8 восьми:8 девять:9 девяти:9 десять:10 десяти:10 одиннадцать:11 одиннадцати:11 двенадцать:12 двенадцати:12 тринадцать:13 четырнадцать:14 пятнадцать:15 пятнадцати:15 шестнадцать:16 семнадцать:17 восемнадцать:18 девятнадцать:19 двадцать:20 двадцати:20 тридцать:30 тридцати:30 сорок:40 сорока:40 пятьдесят:50 пятидесяти:50 шестьдесят:60 шестидесяти:60 семьдесят:70 восемьдесят:80 девяносто:90 сто:100 ста:100 тысяча:1000 тысячи:1000",
	"pl": "jeden:1 jedna:1 jedno:1 jednego:1 dwa:2 dwie:2 dwoch:2 dwoje:2 dwaj:2 trzy:3 trzech:3 troje:3 cztery:4 czterech:4 czworo:4 piec:5 pieciu:5 szesc:6 szesciu:6 siedem:7 siedmiu:7 osiem:8 osmiu:8 dziewiec:9 dziewieciu:9 dziesiec:10 dziesieciu:10 jedenascie:11 jedenastu:11 dwanascie:12 dwunastu:12 trzynascie:13 trzynastu:13 czternascie:14 pietnascie:15 pietnastu:15 szesnascie:16 siedemnascie:17 osiemnascie:18 dziewietnascie:19 dwadziescia:20 dwudziestu:20 trzydziesci:30 trzydziestu:30 czterdziesci:40 piecdziesiat:50 szescdziesiat:60 siedemdziesiat:70 osiemdziesiat:80 dziewiecdziesiat:90 sto:100 stu:100 tysiac:1000",
	"nl": "een:1 een:1 twee:2 drie:3 vier:4 vijf:5 zes:6 zeven:7 acht:8 negen:9 tien:10 elf:11 twaalf:12 dertien:13 veertien:14 vijftien:15 zestien:16 zeventien:17 achttien:18 negentien:19 twintig:20 dertig:30 veertig:40 vijftig:50 zestig:60 zeventig:70 tachtig:80 negentig:90 honderd:100 duizend:1000 dozijn:12",
	"tr": "bir:1 iki:2 uc:3 dort:4 bes:5 alti:6 yedi:7 sekiz:8 dokuz:9 on:10 yirmi:20 otuz:30 kirk:40 elli:50 altmis:60 yetmis:70 seksen:80 doksan:90 yuz:100 bin:1000",
	"ar": "واحد:1 اثنان:2 اثنين:2 ثلاثة:3 أربعة:4 خمسة:5 ستة:6 سبعة:7 ثمانية:8 تسعة:9 عشرة:10",
}

// Compound number words glued into one word: de "dreiundzwanzig", nl
// "eenentwintig", it "ventitré"/"trentotto"; fr and en hyphenated forms are
// split at the hyphen.
var (
	gluedTens = map[string]string{
		"de": "und",
		"nl": "en",
	}
	itTens = []struct {
		stem string
		v    int
	}{{"vent", 20}, {"trent", 30}, {"quarant", 40}, {"cinquant", 50}, {"sessant", 60}, {"settant", 70}, {"ottant", 80}, {"novant", 90}}
)

var lexicons = func() map[string]*figLex {
	en := parseNums(numWords["en"])
	m := map[string]*figLex{}
	for lang, s := range numWords {
		n := parseNums(s)
		if lang != "en" {
			for w, v := range en {
				if _, ok := n[w]; !ok && w != "one" {
					n[w] = v
				}
			}
		}
		n["a"], n["an"], n["another"], n["the"], n["his"], n["her"] = 1, 1, 1, 1, 1, 1
		if lang != "en" {
			delete(n, "a")
			delete(n, "an")
			delete(n, "another")
			delete(n, "the")
			delete(n, "his")
			delete(n, "her")
		}
		lx := &figLex{nums: n}
		lx.words = buildWords(lang, lx)
		m[lang] = lx
	}
	return m
}()

func parseNums(s string) map[string]int {
	m := map[string]int{}
	for _, f := range strings.Fields(s) {
		w, v, _ := strings.Cut(f, ":")
		n := 0
		for _, c := range v {
			n = n*10 + int(c-'0')
		}
		m[text.Fold(w)] = n
	}
	return m
}

// numWord reads one number word in lang's lexicon, including glued
// compounds.
func (lx *figLex) numWord(lang, w string) (int, bool) {
	if v, ok := lx.nums[w]; ok {
		return v, true
	}
	if strings.ContainsRune(w, '-') { // "twenty-five", "vingt-deux", "dix-sept"
		total := 0
		for p := range strings.SplitSeq(w, "-") {
			if p == "et" {
				continue
			}
			v, ok := lx.nums[p]
			if !ok {
				return 0, false
			}
			total += v
		}
		return total, true
	}
	if sep, ok := gluedTens[lang]; ok {
		// Every place sep may split ("een|en|twintig" after "e|en|...").
		for i := strings.Index(w, sep); i > 0; {
			u, ok1 := lx.nums[w[:i]]
			t, ok2 := lx.nums[w[i+len(sep):]]
			if ok1 && ok2 && u < 10 && t >= 20 && t < 100 {
				return t + u, true
			}
			j := strings.Index(w[i+1:], sep)
			if j < 0 {
				break
			}
			i += 1 + j
		}
	}
	if lang == "it" {
		for _, t := range itTens {
			if rest, ok := strings.CutPrefix(w, t.stem); ok && rest != "" {
				if rest == "a" || rest == "i" {
					return 0, false
				}
				if u, ok := lx.nums[rest]; ok && u < 10 {
					return t.v + u, true
				}
				if u, ok := lx.nums["u"+rest]; ok && u < 10 { // "ventuno"
					return t.v + u, true
				}
				if u, ok := lx.nums["o"+rest]; ok && u < 10 { // "trentotto"
					return t.v + u, true
				}
				if u, ok := lx.nums[strings.TrimPrefix(rest, "i")]; ok && u < 10 { // "ventitre"
					return t.v + u, true
				}
			}
		}
	}
	return 0, false
}

// vagueRange is the reading of a vague quantity word ("dozens").
type vagueRange struct{ low, high int }

// vagueWords are plural quantity words; the ranges are documented in
// docs/facts-figures.md.
var vagueWords = func() map[string]vagueRange {
	m := map[string]vagueRange{}
	add := func(words string, low, high int) {
		for _, w := range strings.Fields(words) {
			m[text.Fold(w)] = vagueRange{low, high}
		}
	}
	add("dozens dutzende dutzenden douzaines docenas dozzine", 24, 99)
	add("scores", 40, 99)
	add("tens dizaines decenas decine десятки десятков dziesiatki dziesiatek tientallen onlarca عشرات", 20, 99)
	add("hundreds hunderte hunderten centaines centenares cientos centinaia сотни сотен setki setek honderden yuzlerce مئات", 200, 999)
	add("thousands tausende tausenden milliers miles migliaia тысячи тысяч tysiace tysiecy duizenden binlerce آلاف", 2000, 9999)
	return m
}()

// approxWords are "about N" nouns: fr "une dizaine", it "una decina".
var approxWords = map[string]int{
	"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
	"decena": 10, "veintena": 20, "treintena": 30, "centenar": 100,
	"decina": 10, "ventina": 20, "trentina": 30, "quarantina": 40, "cinquantina": 50, "centinaio": 100,
	"десяток": 10,
}

// multipliers scale a number: "1.5 million", "2 Millionen".
var multipliers = func() map[string]int {
	m := map[string]int{}
	for _, w := range strings.Fields("million millions millionen mio millon millones milione milioni миллион миллиона миллионов milion miliony milionow miljoen milyon") {
		m[w] = 1000000
	}
	for _, w := range strings.Fields("thousand тысяч тысячи tysiecy tysiace") {
		m[w] = 1000
	}
	return m
}()

// qualPats are the qualifier phrases before a number, longest first.
var qualPats = func() map[string][][2][]string {
	var out [][2][]string
	add := func(q string, phrases ...string) {
		for _, p := range phrases {
			out = append(out, [2][]string{strings.Fields(text.Fold(p)), {q}})
		}
	}
	add("at_least", "at least", "no fewer than", "no less than", "not less than", "a minimum of", "mindestens", "wenigstens", "zumindest",
		"au moins", "al menos", "por lo menos", "almeno", "non meno di", "не менее", "по меньшей мере", "как минимум", "минимум",
		"co najmniej", "przynajmniej", "minstens", "ten minste", "tenminste", "minimaal", "en az", "على الأقل")
	add("more_than", "more than", "over", "upwards of", "in excess of", "mehr als", "uber", "plus de", "mas de", "piu di", "oltre",
		"более чем", "более", "больше", "свыше", "ponad", "przeszlo", "wiecej niz", "meer dan", "ruim", "أكثر من")
	add("about", "about", "around", "some", "roughly", "approximately", "nearly", "almost", "an estimated", "close to", "etwa", "rund",
		"ungefahr", "circa", "ca", "knapp", "fast", "beinahe", "environ", "pres de", "quelque", "quelques", "unos", "unas", "alrededor de",
		"cerca de", "aproximadamente", "casi", "quasi", "около", "примерно", "почти", "порядка", "okolo", "blisko", "prawie", "niemal",
		"ongeveer", "zo'n", "bijna", "yaklasik", "neredeyse", "نحو", "حوالي")
	add("up_to", "up to", "bis zu", "jusqu'a", "hasta", "fino a", "tot wel")
	add("at_most", "at most", "no more than", "not more than", "hochstens", "au plus", "como maximo", "al massimo", "не более", "najwyzej", "hooguit", "en fazla")
	add("fewer", "fewer than", "less than", "weniger als", "moins de", "menos de", "meno di", "менее", "меньше", "mniej niz", "minder dan")
	add("exact", "a total of", "insgesamt", "au total", "en total", "in totale", "всего", "lacznie", "in totaal", "toplam")
	m := map[string][][2][]string{}
	for _, p := range out {
		last := p[0][len(p[0])-1]
		m[last] = append(m[last], p)
	}
	for _, ps := range m { // longest first
		slices.SortStableFunc(ps, func(a, b [2][]string) int { return len(b[0]) - len(a[0]) })
	}
	return m
}()

// rangeJoin words join the two ends of a range: "10 to 15", "10-15",
// "between 10 and 20".
var rangeJoin = set("to - – — bis a à al до do tot ila ve و or oder ou o или lub of")

// rangeOpen words open a "between A and B" range.
var rangeOpen = set("between zwischen entre tra fra между от miedzy pomiedzy tussen arasinda")

var rangeAnd = set("and und et y e и i en ile")

// cueMap maps a cue word (or words joined by a space) to the kind it
// names in each language of cueLangs, and in any language at the end.
type cueMap map[string]*[11]string

// cueLangs is the order of the per-language lists given to the cue maps.
var cueLangs = [10]string{"en", "de", "fr", "es", "it", "ru", "pl", "nl", "tr", "ar"}

// cueFirst holds the first words of the cues of several words, so that
// lookups build joined keys only when they can match.
var cueFirst = func() map[string]bool {
	m := map[string]bool{}
	for _, cm := range []cueMap{figCue, leftCue} {
		for k := range cm {
			if first, _, ok := strings.Cut(k, " "); ok {
				m[first] = true
			}
		}
	}
	return m
}()

// kind returns the kind that w names in lang; English and language-neutral
// cues hold in every language.
func (m cueMap) kind(lang, w string) string {
	return m.entry(lang, m[w])
}

// kindOf is kind for a key in a scratch buffer; it does not allocate.
func (m cueMap) kindOf(lang string, w []byte) string {
	return m.entry(lang, m[string(w)])
}

func (m cueMap) entry(lang string, e *[11]string) string {
	if e == nil {
		return ""
	}
	if i := langIndex(lang); i > 0 && e[i] != "" {
		return e[i]
	}
	if e[0] != "" {
		return e[0]
	}
	return e[len(e)-1]
}

func langIndex(lang string) int {
	for i, l := range cueLangs {
		if l == lang {
			return i
		}
	}
	return -1
}

// figCue maps a word (or two words joined by a space) that names a figure's
// kind. They are read after the count ("60 dead", "143 people were
// killed", "11 Menschen festgenommen").
var figCue = func() cueMap {
	m := cueMap{}
	add := func(kind string, parts ...string) {
		for i, words := range parts {
			li := len(cueLangs)
			if len(parts) > 1 {
				li = i
			}
			for _, w := range strings.Split(words, ",") {
				if w = text.Fold(strings.TrimSpace(w)); w != "" {
					if m[w] == nil {
						m[w] = new([11]string)
					}
					m[w][li] = kind
				}
			}
		}
	}
	add(news.Killed, "dead,killed,died,dies,has died,passed away,deaths,fatalities,fatally,fatally shot,fatally wounded,fatally injured,fatally stabbed,shot and killed,shot dead,shot to death,perished,slain,murdered,lost their lives,were killed,pronounced dead,shot dead,gunned down,lost his life,lost her life,executed,massacred,fatal gunshot wound,fatal gunshot wounds,fatal wounds,mortally wounded,succumbed,has succumbed,",
		"tote,toten,todesopfer,getotet,getotete,getoteten,gestorben,starben,tot,ums leben,umgekommen,verstorben,erschossen,erlag,erlagen,",
		"morts,mort,mortes,tues,tue,tuees,decedes,deces,ont peri,trouve la mort,trouve la mort,perdu la vie,succombe,ont succombe,",
		"muertos,muertas,muerto,muerta,fallecidos,fallecidas,fallecieron,murieron,murio,asesinados,muertes,perdieron la vida,sucumbio,sucumbieron,",
		"morti,morto,morte,uccisi,uccise,deceduti,decedute,vittime,hanno perso la vita,",
		"погибших,погибли,погибшие,погиб,погибла,убитых,убиты,убито,убит,умерли,умерших,жертв,жертвами,",
		"zabitych,zabici,zginelo,zgineli,zginal,zginela,zmarlo,zmarli,nie zyje,nie zyja,ofiar smiertelnych,zabito,",
		"doden,dode,omgekomen,kwamen om,gedood,doodgeschoten,overleden,",
		"olu,oldu,olen,olduruldu,hayatini kaybetti,can verdi,hayatini kaybeden,",
		"قتلى,قتيلا,قتيل,قتلوا,لقوا حتفهم,شهيدا,شهداء,وفاة")
	add(news.Injured, "injured,wounded,hurt,shot and wounded,shot and injured,injuries,hospitalized,hospitalised,injuring,wounds,gunshot wound,gunshot wounds,bullet wound,bullet wounds,struck by gunfire,hit by gunfire,struck by bullets,hit by bullets,struck by the bullets,hit by a bullet,struck by a bullet,hit,struck,gunshot victims,gunshot victim,shooting victims,grazed,critical condition,serious condition,stable condition,fair condition,good condition,guarded condition,grave condition,satisfactory condition,hospital,on life support,expected to survive,expected to recover,treated and released,",
		"verletzte,verletzten,verletzt,schwerverletzte,leichtverletzte,verwundete,verwundet,angeschossen,angeschossene,",
		"blesses,blessees,blesse,blessee,touches par balle,touchees par balle,touches par balles,touchees par balles,touche par balle,touchee par balle,",
		"heridos,heridas,herido,herida,lesionados,baleados,baleadas,baleado,baleada,tiroteados,tiroteadas,",
		"feriti,ferite,ferito,ferita,",
		"раненых,ранены,ранен,ранения,пострадавших,пострадали,пострадавшие,пострадал,",
		"rannych,ranni,ranne,ranny,ranna,rannych osob,zostalo rannych,",
		"gewonden,gewond,gewonde,raakten gewond,",
		"yarali,yaralandi,yaralanan,",
		"جرحى,جريحا,جريح,مصابا,مصابين,إصابة")
	add(news.Detained, "arrested,detained,arrests,detentions,in custody,taken into custody,apprehended,",
		"festgenommen,festnahmen,festgenommene,verhaftet,verhaftungen,in gewahrsam,",
		"arretes,arretees,interpelles,interpellees,arrestations,interpellations,en garde a vue,",
		"detenidos,detenidas,arrestados,detenciones,",
		"arrestati,arrestate,fermati,fermate,arresti,",
		"задержаны,задержанных,задержано,задержан,арестованы,арестовано,задержания,",
		"zatrzymano,zatrzymanych,zatrzymani,aresztowano,aresztowanych,",
		"gearresteerd,aangehouden,arrestaties,opgepakt,",
		"gozaltina alindi,tutuklandi,gozaltina alinan,gozaltina,",
		"معتقلين,اعتقال")
	add(news.Missing, "missing,unaccounted,vermisst,vermisste,vermissten,disparus,disparues,desaparecidos,desaparecidas,dispersi,disperse,",
		"пропавших,пропали,пропавшими,zaginionych,zaginieni,vermisten,vermist,kayip,مفقودين")
	add(news.Evacuated, "evacuated,evacuees,evakuiert,evacues,evacuees,evacuados,evacuadas,evacuati,evacuate,эвакуированы,эвакуировано,ewakuowano,ewakuowanych,geevacueerd,tahliye edildi")
	return m
}()

// shotCue is the English "shot": hit by gunfire, counted as injured unless
// the phrase says it was fatal ("shot dead", "fatally shot", "shot and
// killed").
const shotCue = "shot"

// leftCue maps an active verb (or preposition-like noun) that takes the
// count as its object: "killing 143 people", "arrested 11 suspects",
// "погибли 143 человека", "zatrzymano 11 osób".
var leftCue = func() cueMap {
	m := cueMap{}
	add := func(kind string, parts ...string) {
		for i, words := range parts {
			li := len(cueLangs)
			if len(parts) > 1 {
				li = i
			}
			for _, w := range strings.Split(words, ",") {
				if w = text.Fold(strings.TrimSpace(w)); w != "" {
					if m[w] == nil {
						m[w] = new([11]string)
					}
					m[w][li] = kind
				}
			}
		}
	}
	add(news.Killed, "killing,killed,kills,kill,claimed the lives of,deaths of,death of,murders of,murder of,killings of,killing of,fatal shooting of,slayings of,slaying of,left dead,leaving dead,fatally shooting,fatally shot,shot and killed,shooting and killing,",
		"totete,toteten,totet,starben,kamen,",
		"tuant,tue,a tue,ont tue,",
		"matando a,mato a,mataron a,murieron,fallecieron,",
		"uccidendo,ucciso,uccise,hanno ucciso,morti,",
		"погибли,погиб,погибло,убив,убили,убиты,убито,жертвами стали,",
		"zginelo,zgineli,zabijajac,zabito,zabil,zabili,",
		"doodde,doodden,vielen,kwamen,",
		"",
		"مقتل,قتل")
	add(news.Injured, "injuring,injured,wounding,wounded,hurting,shot,struck,striking,hitting,grazed,grazing,",
		"verletzte,verletzten,verletzt,",
		"blessant,a blesse,ont blesse,",
		"hiriendo a,hirio a,resultaron heridos,resultaron heridas,",
		"ferendo,ferito,feriti,rimasti feriti,",
		"ранены,ранено,ранив,пострадали,пострадало,",
		"rannych zostalo,ranni zostali,raniac,",
		"verwondde,verwondden,raakten gewond,",
		"",
		"اصابة,إصابة")
	add(news.Detained, "arrested,arresting,detained,detaining,apprehended,",
		"festgenommen,verhaftet,verhafteten,",
		"arrete,interpelle,ont arrete,ont interpelle,",
		"detuvo a,detuvieron a,arrestaron a,detenidos,",
		"arrestato,arrestati,fermato,fermati,",
		"задержаны,задержано,задержали,арестованы,арестовали,",
		"zatrzymano,zatrzymala,zatrzymali,aresztowano,",
		"arresteerde,arresteerden,pakte,pakten,",
		"",
		"اعتقال,اعتقلت")
	add(news.Evacuated, "evacuated,evacuating,evakuierten,evacuant,evacuaron a,evacuati,эвакуировали,эвакуированы,ewakuowano")
	add(news.Missing, "пропали без вести,zaginelo")
	return m
}()

// people are nouns for persons that a count may quantify ("143 people",
// "four suspected gunmen", "11 Menschen").
var people = set(`people persons person men women man woman children child kids boys girls boy girl teens teenagers teen teenager
students student civilians civilian soldiers soldier troops officers officer policemen police policeman militants militant fighters
gunmen gunman attackers attacker assailants suspects suspect members victims victim residents resident passengers passenger workers
others partygoers patrons occupants concertgoers spectators classmates coworkers co-workers colleagues individuals adults adult minors juveniles juvenile youths youth bystanders bystander customers pedestrians motorists drivers driver
infants infant babies baby toddler toddlers males male females female friends relatives neighbors neighbours guests shooters shooter
rebels insurgents terrorists protesters demonstrators migrants refugees pilgrims worshippers tourists employees staff crew journalists
deputies deputy troopers trooper agents guards guard firefighters patients inmates prisoners detainees jihadists islamists
father mother son daughter brother sister husband wife uncle cousin grandmother grandfather nephew niece
sons daughters brothers sisters cousins nephews nieces parents siblings grandchildren grandsons granddaughters stepchildren
more
menschen personen person kinder frauen manner mann frau kind polizisten soldaten zivilisten angreifer tater verdachtige jugendliche
personnes personne enfants femmes hommes homme femme civils soldats policiers assaillants suspects militaires jeunes adolescents
personas persona ninos mujeres hombres hombre mujer civiles soldados policias agentes sospechosos jovenes adolescentes
persone persona bambini donne uomini uomo donna civili soldati militari agenti sospetti giovani ragazzi
человек человека людей граждан детей женщин мужчин военных военнослужащих полицейских боевиков подозреваемых
osob osoby osoba dzieci kobiet mezczyzn cywilow zolnierzy policjantow napastnikow podejrzanych
mensen personen kinderen vrouwen mannen burgers militairen agenten verdachten
kisi kisinin cocuk asker polis sivil
شخصا أشخاص اشخاص مدنيين جنود`)

// singular are the English person nouns that "a", "the", "his" or a
// headline's bare noun count as one ("a 23-year-old man was killed").
var singular = set(`man woman boy girl teen teenager person child kid victim suspect driver officer student resident customer bystander gunman
shooter toddler infant baby male female juvenile deputy trooper clerk employee worker passenger father mother son daughter brother sister
husband wife friend neighbor neighbour relative pedestrian motorist stepson stepdaughter stepfather cousin uncle aunt nephew niece
grandmother grandfather grandson granddaughter girlfriend boyfriend youth adult teacher guard agent soldier civilian owner homeowner
mom dad fiancee fiance roommate patron musician rapper pastor attacker assailant`)

// subCue marks a count that is part of another ("11 people, including four
// gunmen"): it is not emitted on its own.
var subCue = set("including includes among incl darunter einschliesslich dont parmi incluant incluidos incluidas entre tra inclusi compresi включая числе tym wsrod waaronder onder")

// says are the verbs after an authority ("the Kremlin said").
var says = set(`said says say told reported reports announced announces confirmed confirms stated spoke speaks added estimated estimates counted
sagte sagten teilte teilten berichtete berichteten meldete meldeten erklarte erklarten bestatigte sprach sprachen
dit declare indique annonce rapporte
dijo dijeron informo informaron confirmo confirmaron
detto riferito
заявил заявили сообщил сообщили сообщает
poinformowal poinformowala podal podala
zei meldde meldt
dedi acikladi bildirdi`)

// according are the phrases before an authority ("according to police").
var according = [][]string{
	{"according", "to"}, {"citing"}, {"laut"}, {"nach", "angaben"}, {"selon"}, {"d'apres"}, {"segun"}, {"de", "acuerdo", "con"},
	{"secondo"}, {"stando", "a"}, {"по", "данным"}, {"по", "словам"}, {"по", "информации"}, {"wedlug"}, {"volgens"}, {"وفقا"}, {"حسب"},
}

// authNouns are lowercase words that may form an authority's name
// ("hospital officials", "police", "the health ministry").
var authNouns = set(`the police officials official authorities authority ministry spokesman spokeswoman spokesperson hospital health interior
local state federal regional city county department sheriff sheriff's office agency news officers officer sources source doctors
rescuers emergency services medics paramedics coroner medical examiner examiner's fire chief prosecutors prosecutor investigators
government army military committee media witnesses service services of governor mayor
polizei behorden behorde ministerium sprecher sprecherin die der des
police autorites ministere porte-parole la le les
policia autoridades ministerio portavoz el los las
polizia autorita ministero portavoce il
полиция власти министерство мвд мчс
policja policji wladze wladz ministerstwo ministerstwa rzecznik prokuratury sluzb ratownikow
politie autoriteiten ministerie woordvoerder de het`)

// stopClause words end the search for a predicate after a count.
var stopClause = set("who which that whose where when while after before because since but if der die das welche qui que dont quand che quando который которые которых ktory ktorzy die dat wie")

// negations deny the predicate they stand before: "the driver was not
// injured", "zwei Menschen wurden nicht verletzt", "no fueron heridos",
// "n'ont pas été blessés", "no one was hurt".
var negations = set("not never no nicht nie nunca pas jamais non niet не")

// degreeWords after a negation deny only the degree: "not seriously
// injured" is injured.
var degreeWords = set("seriously critically gravely badly severely fatally schwer lebensgefahrlich gravemente grievement gravement")

// months are month names (and abbreviations) that make a number a date.
var months = set(`january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
januar februar marz juni juli oktober dezember janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
января февраля марта апреля мая июня июля августа сентября октября ноября декабря stycznia lutego marca kwietnia maja czerwca lipca sierpnia wrzesnia pazdziernika listopada grudnia
januari februari maart mei augustus oktober ocak subat nisan mayis haziran temmuz agustos eylul ekim kasim aralik`)

// dialVerbs make the number after them a telephone number ("called 911 and
// reported a person shot", "ha chiamato il 112").
var dialVerbs = set(`call called calling dial dialed dialled dialing dialling phoned rang ring
anrufen rief wählte appelé appelle composé llamó llamar marcó chiamato chiamare chiamò позвонил позвонила zadzwonił zadzwoniła belde belden belt`)

// units are nouns that make a number a measure, not a count of people.
var units = set(`call calls caller callers dispatcher dispatchers operator operators hotline anruf notruf appel llamada chiamata звонок telefon telefoon
hours hour days day weeks week months month years year minutes minute seconds times shots rounds bullets percent per cent
homes houses buildings block blocks cars vehicles shots rounds year-old years-old miles mile kilometres kilometers km metres meters feet dollars euros pounds rubles cents points stunden tage jahre prozent heures jours ans
horas dias anos ore giorni anni часов дней лет процентов godzin dni lat uur dagen jaar saat gun yil`)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[text.Fold(w)] = true
	}
	return m
}
