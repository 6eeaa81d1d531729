package facts

import (
	"strings"

	"github.com/tocsin/tocsin/internal/text"
)

// Date words. Every key of a dateLexicon is folded (text.Fold): lowercase
// without diacritics, so "März" is "marz" and "września" is "wrzesnia".

// dateUnit is the unit of "two days ago" or "last week".
type dateUnit int8

const (
	unitNone dateUnit = iota
	unitMinute
	unitHour
	unitDay
	unitWeek
	unitMonth
	unitYear
)

// Word flags.
const (
	fAgoPost   uint32 = 1 << iota // "ago", "fa", "назад": after the number and unit
	fAgoPre                       // "vor", "hace": before the number
	fLast                         // "last", "letzten", "scorso": the previous one
	fThis                         // "this", "diese", "questo"
	fNext                         // "next", "nächsten", "prossimo"
	fEarlier                      // "earlier" (this month)
	fYearCue                      // "in", "since", "late": a bare year may follow
	fYearAfter                    // "год", "roku", "yılında": a bare year comes before
	fClock                        // "Uhr", "uur", "h": a clock time comes before
	fClockPre                     // "um", "alle", "ore", "om", "saat": a clock time follows
	fConnector                    // "on", "at", "am", "le", "el", "de": may sit between a date and a time
	fApprox                       // "around", "gegen", "vers": may sit before a time
	fAM                           // "a.m." read as the word "am"
	fPM                           // "p.m.", "pm"
	fPrepMonth                    // "in", "im", "en", "в", "w": a bare month name may follow
	fOf                           // "of", "de", "del": between day, month and year
	fDuration                     // "for", "next", "past", "während": a following amount is a duration
	fNoon                         // "noon", "midnight" (hour in tod)
	fMonthAbbr                    // a month abbreviation that needs its period ("Mar.")
)

// dateWord is what a folded word means in dates. Zero fields mean "not this".
type dateWord struct {
	month int8     // 1–12
	wday  int8     // 1–7 for Sunday–Saturday (time.Weekday+1)
	rel   int8     // day offset+8 for "yesterday" (7), "today" (8), "tomorrow" (9)
	tod   int8     // hour+1 for time-of-day words: "evening" 20, "morning" 9
	unit  dateUnit // "days", "Wochen"
	num   int8     // number words: "two", "zwei"
	flags uint32
}

type dateLexicon map[string]dateWord

func (l dateLexicon) add(w dateWord, words string) {
	for _, s := range strings.Fields(words) {
		k := text.Fold(strings.ReplaceAll(s, "_", " "))
		old := l[k]
		if w.month != 0 {
			old.month = w.month
		}
		if w.wday != 0 {
			old.wday = w.wday
		}
		if w.rel != 0 {
			old.rel = w.rel
		}
		if w.tod != 0 {
			old.tod = w.tod
		}
		if w.unit != 0 {
			old.unit = w.unit
		}
		if w.num != 0 {
			old.num = w.num
		}
		old.flags |= w.flags
		l[k] = old
	}
}

func (l dateLexicon) months(list ...string) {
	for i, words := range list {
		l.add(dateWord{month: int8(i + 1)}, words)
	}
}

// weekdays takes Monday first, as calendars in these languages do.
func (l dateLexicon) weekdays(list ...string) {
	for i, words := range list {
		l.add(dateWord{wday: int8((i+1)%7 + 1)}, words)
	}
}

func (l dateLexicon) numbers(list ...string) {
	for i, words := range list {
		l.add(dateWord{num: int8(i + 1)}, words)
	}
}

func (l dateLexicon) flag(f uint32, words string) { l.add(dateWord{flags: f}, words) }

func (l dateLexicon) unit(u dateUnit, words string) { l.add(dateWord{unit: u}, words) }

func (l dateLexicon) rel(off int, words string) { l.add(dateWord{rel: int8(off + 8)}, words) }

func (l dateLexicon) tod(hour int, words string) { l.add(dateWord{tod: int8(hour + 1)}, words) }

// compounds adds German and Dutch weekday compounds ("Freitagabend",
// "vrijdagavond") and relative-day compounds ("gisteravond").
func (l dateLexicon) compounds(heads []string, tails map[string]int) {
	for _, h := range heads {
		hw := l[text.Fold(h)]
		for t, hour := range tails {
			w := hw
			w.tod = int8(hour + 1)
			l[text.Fold(h+t)] = w
		}
	}
}

// dateLexicons holds one lexicon a language; "" is the fallback (English
// words plus numeric rules for every language). Built once, read only.
var dateLexicons = buildDateLexicons()

func lexiconFor(lang string) dateLexicon {
	if l, ok := dateLexicons[lang]; ok {
		return l
	}
	return dateLexicons["en"]
}

func buildDateLexicons() map[string]dateLexicon {
	m := map[string]dateLexicon{}

	en := dateLexicon{}
	en.months("january jan", "february feb", "march mar", "april apr", "may", "june jun",
		"july jul", "august aug", "september sep sept", "october oct", "november nov", "december dec")
	for _, a := range strings.Fields("jan feb mar apr jun jul aug sep sept oct nov dec") {
		en.flag(fMonthAbbr, a)
	}
	en.weekdays("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
	en.numbers("one a an", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
	en.rel(-1, "yesterday")
	en.rel(0, "today tonight")
	en.rel(1, "tomorrow")
	en.tod(9, "morning")
	en.tod(15, "afternoon")
	en.tod(20, "evening")
	en.tod(23, "night overnight")
	en.tod(12, "noon midday")
	en.tod(0, "midnight")
	en.flag(fNoon, "noon midday midnight")
	en.unit(unitMinute, "minute minutes")
	en.unit(unitHour, "hour hours")
	en.unit(unitDay, "day days")
	en.unit(unitWeek, "week weeks")
	en.unit(unitMonth, "month months")
	en.unit(unitYear, "year years")
	en.flag(fAgoPost, "ago")
	en.flag(fLast, "last")
	en.flag(fThis, "this")
	en.flag(fNext, "next")
	en.flag(fEarlier, "earlier")
	en.flag(fYearCue, "in since by until till from during early late mid year end")
	en.flag(fConnector, "on at of the , in")
	en.flag(fApprox, "around about approximately roughly shortly before after just some nearly")
	en.flag(fAM, "am")
	en.flag(fPM, "pm")
	en.flag(fPrepMonth, "in since until by early late mid during")
	en.flag(fOf, "of")
	en.flag(fDuration, "for next past within over coming")
	en.flag(fClockPre, "at")
	m["en"] = en

	de := dateLexicon{}
	de.months("januar jänner jan", "februar feber feb", "märz mrz", "april apr", "mai", "juni jun",
		"juli jul", "august aug", "september sep sept", "oktober okt", "november nov", "dezember dez")
	for _, a := range strings.Fields("jan feb mrz apr jun jul aug sep sept okt nov dez") {
		de.flag(fMonthAbbr, a)
	}
	de.weekdays("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag sonnabend", "sonntag")
	de.numbers("ein eine einem einer einen", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn")
	de.rel(-2, "vorgestern")
	de.rel(-1, "gestern")
	de.rel(0, "heute")
	de.rel(1, "morgen") // lowercase only; checked where used
	de.rel(2, "übermorgen")
	de.tod(9, "morgen morgens vormittag vormittags früh")
	de.tod(12, "mittag mittags")
	de.tod(15, "nachmittag nachmittags")
	de.tod(20, "abend abends")
	de.tod(23, "nacht nachts")
	de.compounds([]string{"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag", "gestern"},
		map[string]int{"abend": 19, "morgen": 8, "vormittag": 10, "mittag": 12, "nachmittag": 15, "nacht": 23})
	de.unit(unitMinute, "minute minuten")
	de.unit(unitHour, "stunde stunden")
	de.unit(unitDay, "tag tage tagen")
	de.unit(unitWeek, "woche wochen")
	de.unit(unitMonth, "monat monate monaten")
	de.unit(unitYear, "jahr jahre jahren jahres")
	de.flag(fAgoPre, "vor")
	de.flag(fLast, "letzten letzte letzter letztes vergangenen vergangene vergangener vorigen vorige")
	de.flag(fThis, "diese dieser diesen dieses")
	de.flag(fNext, "nächsten nächste kommenden kommende")
	de.flag(fYearCue, "im seit bis jahr anfang ende mitte ab")
	de.flag(fClock, "uhr")
	de.flag(fClockPre, "um gegen ab")
	de.flag(fConnector, "am um , den gegen im")
	de.flag(fApprox, "gegen etwa rund kurz vor nach ca")
	de.flag(fPrepMonth, "im seit bis anfang ende mitte")
	de.flag(fDuration, "für binnen innerhalb während")
	m["de"] = de

	fr := dateLexicon{}
	fr.months("janvier janv", "février fevr", "mars", "avril avr", "mai", "juin",
		"juillet juil", "août", "septembre sept", "octobre oct", "novembre nov", "décembre dec")
	fr.weekdays("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
	fr.numbers("un une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix")
	fr.rel(-1, "hier")
	fr.rel(0, "aujourd")
	fr.rel(1, "demain")
	fr.tod(9, "matin matinée")
	fr.tod(12, "midi")
	fr.tod(15, "après-midi")
	fr.tod(20, "soir soirée")
	fr.tod(23, "nuit")
	fr.unit(unitMinute, "minute minutes")
	fr.unit(unitHour, "heure heures")
	fr.unit(unitDay, "jour jours")
	fr.unit(unitWeek, "semaine semaines")
	fr.unit(unitMonth, "mois")
	fr.unit(unitYear, "an ans année années")
	fr.flag(fLast, "dernier dernière passé passée")
	fr.flag(fThis, "ce cette cet")
	fr.flag(fNext, "prochain prochaine")
	fr.flag(fYearCue, "en depuis fin début mi jusqu'en année")
	fr.flag(fClock, "h heures heure")
	fr.flag(fClockPre, "à vers")
	fr.flag(fConnector, "le à , vers dans de")
	fr.flag(fApprox, "vers environ peu")
	fr.flag(fPrepMonth, "en depuis fin début mi")
	fr.flag(fOf, "de")
	fr.flag(fDuration, "pendant durant prochaines prochains")
	m["fr"] = fr

	es := dateLexicon{}
	es.months("enero", "febrero", "marzo", "abril", "mayo", "junio",
		"julio", "agosto", "septiembre setiembre", "octubre", "noviembre", "diciembre")
	es.weekdays("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
	es.numbers("un una uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez")
	es.rel(-2, "anteayer antier")
	es.rel(-1, "ayer anoche")
	es.rel(0, "hoy")
	es.rel(1, "mañana") // "por la mañana" is handled as a time of day
	es.tod(9, "mañana madrugada")
	es.tod(12, "mediodía")
	es.tod(17, "tarde")
	es.tod(23, "noche")
	es.unit(unitMinute, "minuto minutos")
	es.unit(unitHour, "hora horas")
	es.unit(unitDay, "día días")
	es.unit(unitWeek, "semana semanas")
	es.unit(unitMonth, "mes meses")
	es.unit(unitYear, "año años")
	es.flag(fAgoPre, "hace")
	es.flag(fLast, "pasado pasada último última")
	es.flag(fThis, "este esta")
	es.flag(fNext, "próximo próxima")
	es.flag(fYearCue, "en desde hasta año finales principios mediados")
	es.flag(fClock, "horas h")
	es.flag(fClockPre, "las")
	es.flag(fConnector, "el a las , de la por del")
	es.flag(fApprox, "hacia sobre alrededor cerca")
	es.flag(fPrepMonth, "en desde hasta")
	es.flag(fOf, "de del")
	es.flag(fDuration, "durante próximas próximos")
	m["es"] = es

	it := dateLexicon{}
	it.months("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
		"luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre")
	it.weekdays("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")
	it.numbers("un uno una", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci")
	it.rel(-1, "ieri")
	it.rel(-2, "altroieri")
	it.rel(0, "oggi stasera stamattina stanotte")
	it.rel(1, "domani")
	it.tod(9, "mattina mattino")
	it.tod(15, "pomeriggio")
	it.tod(20, "sera serata")
	it.tod(23, "notte nottata")
	it.unit(unitMinute, "minuto minuti")
	it.unit(unitHour, "ora ore")
	it.unit(unitDay, "giorno giorni")
	it.unit(unitWeek, "settimana settimane")
	it.unit(unitMonth, "mese mesi")
	it.unit(unitYear, "anno anni")
	it.flag(fAgoPost, "fa")
	it.flag(fLast, "scorso scorsa")
	it.flag(fThis, "questo questa quest")
	it.flag(fNext, "prossimo prossima")
	it.flag(fYearCue, "nel dal fino anno fine inizio metà")
	it.flag(fClockPre, "alle ore verso")
	it.flag(fConnector, "il alle ore , di del della verso")
	it.flag(fApprox, "verso circa intorno")
	it.flag(fPrepMonth, "a in nel dal")
	it.flag(fOf, "di del")
	it.flag(fDuration, "per prossime prossimi")
	m["it"] = it

	ru := dateLexicon{}
	ru.months("января январь январе", "февраля февраль феврале", "марта март марте", "апреля апрель апреле",
		"мая май мае", "июня июнь июне", "июля июль июле", "августа август августе",
		"сентября сентябрь сентябре", "октября октябрь октябре", "ноября ноябрь ноябре", "декабря декабрь декабре")
	ru.weekdays("понедельник понедельника", "вторник вторника", "среду среда среды", "четверг четверга",
		"пятницу пятница пятницы", "субботу суббота субботы", "воскресенье воскресенья")
	ru.numbers("один одну одна", "два две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять")
	ru.rel(-2, "позавчера")
	ru.rel(-1, "вчера")
	ru.rel(0, "сегодня")
	ru.rel(1, "завтра")
	ru.tod(9, "утром утро")
	ru.tod(14, "днем")
	ru.tod(20, "вечером вечер")
	ru.tod(23, "ночью ночь")
	ru.unit(unitMinute, "минуту минуты минут")
	ru.unit(unitHour, "час часа часов")
	ru.unit(unitDay, "день дня дней")
	ru.unit(unitWeek, "неделю недели недель неделе")
	ru.unit(unitMonth, "месяц месяца месяцев месяце")
	ru.unit(unitYear, "год года лет году")
	ru.flag(fAgoPost, "назад")
	ru.flag(fLast, "прошлой прошлую прошлом прошлый прошлого")
	ru.flag(fThis, "этой эту этом этот")
	ru.flag(fNext, "следующей следующую следующем будущем")
	ru.flag(fYearCue, "в с до конце начале середине")
	ru.flag(fYearAfter, "год года году г")
	ru.flag(fClock, "часов часа")
	ru.flag(fClockPre, "в около")
	ru.flag(fConnector, "в , около")
	ru.flag(fApprox, "около примерно")
	ru.flag(fPrepMonth, "в с до")
	ru.flag(fDuration, "течение ближайшие ближайших")
	m["ru"] = ru

	pl := dateLexicon{}
	pl.months("stycznia styczeń styczniu", "lutego luty lutym", "marca marzec marcu", "kwietnia kwiecień kwietniu",
		"maja maj maju", "czerwca czerwiec czerwcu", "lipca lipiec lipcu", "sierpnia sierpień sierpniu",
		"września wrzesień wrześniu", "października październik październiku", "listopada listopad listopadzie",
		"grudnia grudzień grudniu")
	pl.weekdays("poniedziałek", "wtorek", "środę środa", "czwartek", "piątek", "sobotę sobota", "niedzielę niedziela")
	pl.numbers("jeden jedną", "dwa dwie", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem", "dziewięć", "dziesięć")
	pl.rel(-2, "przedwczoraj")
	pl.rel(-1, "wczoraj")
	pl.rel(0, "dziś dzisiaj")
	pl.rel(1, "jutro")
	pl.tod(8, "rano")
	pl.tod(15, "po_południu")
	pl.tod(20, "wieczorem wieczór")
	pl.tod(23, "nocy nocą")
	pl.unit(unitMinute, "minutę minuty minut")
	pl.unit(unitHour, "godzinę godziny godzin")
	pl.unit(unitDay, "dzień dni")
	pl.unit(unitWeek, "tydzień tygodnie tygodni tygodniu")
	pl.unit(unitMonth, "miesiąc miesiące miesięcy miesiącu")
	pl.unit(unitYear, "rok lata lat roku")
	pl.flag(fAgoPost, "temu")
	pl.flag(fLast, "zeszłym zeszły zeszłą ubiegłym ubiegły ubiegłą ostatni ostatnią")
	pl.flag(fThis, "tym ten tę")
	pl.flag(fNext, "przyszłym przyszły przyszłą")
	pl.flag(fYearCue, "w od do roku końcu początku")
	pl.flag(fYearAfter, "roku rok r")
	pl.flag(fClockPre, "o godz godzinie około")
	pl.flag(fConnector, "w we o , około")
	pl.flag(fApprox, "około")
	pl.flag(fPrepMonth, "w od do")
	pl.flag(fDuration, "przez ciągu najbliższych")
	m["pl"] = pl

	nl := dateLexicon{}
	nl.months("januari jan", "februari feb", "maart mrt", "april apr", "mei", "juni jun",
		"juli jul", "augustus aug", "september sep sept", "oktober okt", "november nov", "december dec")
	nl.weekdays("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
	nl.numbers("een één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien")
	nl.rel(-2, "eergisteren")
	nl.rel(-1, "gisteren")
	nl.rel(0, "vandaag vanavond vanochtend vanmorgen vannacht")
	nl.rel(1, "morgen")
	nl.tod(9, "ochtend morgens")
	nl.tod(15, "middag")
	nl.tod(20, "avond")
	nl.tod(23, "nacht")
	nl.compounds([]string{"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "gister", "gisteren"},
		map[string]int{"avond": 19, "ochtend": 8, "middag": 15, "nacht": 23, "morgen": 8})
	nl.unit(unitMinute, "minuut minuten")
	nl.unit(unitHour, "uur")
	nl.unit(unitDay, "dag dagen")
	nl.unit(unitWeek, "week weken")
	nl.unit(unitMonth, "maand maanden")
	nl.unit(unitYear, "jaar jaren")
	nl.flag(fAgoPost, "geleden")
	nl.flag(fLast, "vorige vorig afgelopen")
	nl.flag(fThis, "deze dit")
	nl.flag(fNext, "volgende volgend komende")
	nl.flag(fYearCue, "in sinds tot eind begin medio")
	nl.flag(fClock, "uur")
	nl.flag(fClockPre, "om rond")
	nl.flag(fConnector, "op om , rond in")
	nl.flag(fApprox, "rond omstreeks ongeveer")
	nl.flag(fPrepMonth, "in sinds tot eind begin")
	nl.flag(fDuration, "voor komende gedurende")
	m["nl"] = nl

	tr := dateLexicon{}
	tr.months("ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık")
	tr.weekdays("pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi", "pazar")
	tr.numbers("bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz", "on")
	tr.rel(-1, "dün")
	tr.rel(0, "bugün")
	tr.rel(1, "yarın")
	tr.tod(9, "sabah")
	tr.tod(15, "öğleden")
	tr.tod(20, "akşam akşamı")
	tr.tod(23, "gece")
	tr.unit(unitMinute, "dakika")
	tr.unit(unitHour, "saat")
	tr.unit(unitDay, "gün")
	tr.unit(unitWeek, "hafta")
	tr.unit(unitMonth, "ay")
	tr.unit(unitYear, "yıl sene")
	tr.flag(fAgoPost, "önce")
	tr.flag(fLast, "geçen geçtiğimiz")
	tr.flag(fThis, "bu")
	tr.flag(fNext, "gelecek önümüzdeki")
	tr.flag(fYearAfter, "yılında yılı")
	tr.flag(fClockPre, "saat")
	tr.flag(fConnector, "saat ,")
	m["tr"] = tr

	ar := dateLexicon{}
	ar.months("يناير كانون_الثاني", "فبراير شباط", "مارس آذار", "أبريل ابريل نيسان", "مايو أيار", "يونيو حزيران",
		"يوليو تموز", "أغسطس آب", "سبتمبر أيلول", "أكتوبر تشرين_الأول", "نوفمبر تشرين_الثاني", "ديسمبر كانون_الأول")
	ar.weekdays("الاثنين الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
	ar.rel(-1, "أمس الأمس")
	ar.rel(0, "اليوم")
	ar.rel(1, "غدا")
	ar.tod(20, "مساء")
	ar.tod(9, "صباح")
	ar.flag(fYearAfter, "م")
	m["ar"] = ar
	return m
}
