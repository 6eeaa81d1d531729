package geo

import "strings"

// demonymTable is a small curated list of country adjectives and demonyms
// for the countries that fill most international news. Columns: alpha-2
// code | English | German stem | French | Italian | Spanish | Russian.
// Words in a column are separated by commas; buildDemonyms adds the
// regular inflections of each language (German -e/-en/-er/-es/-em, Italian
// -o/-a/-i/-e, Russian adjective endings…), so "russischen", "russa" and
// "российской" need not be listed. Irregular forms are listed in full.
var demonymTable = []string{
	"AF|Afghan|afghanisch|afghan|afghano|afgano|афганский",
	"AM|Armenian|armenisch|arménien|armeno|armenio|армянский",
	"AR|Argentine,Argentinian|argentinisch|argentin|argentino|argentino|аргентинский",
	"AT|Austrian|österreichisch|autrichien|austriaco|austriaco|австрийский",
	"AU|Australian|australisch|australien|australiano|australiano|австралийский",
	"AZ|Azerbaijani,Azeri|aserbaidschanisch|azerbaïdjanais|azero|azerbaiyano|азербайджанский",
	"BE|Belgian|belgisch|belge|belga|belga|бельгийский",
	"BR|Brazilian|brasilianisch|brésilien|brasiliano|brasileño|бразильский",
	"BY|Belarusian,Belarusan|belarussisch,weißrussisch|biélorusse|bielorusso|bielorruso|белорусский",
	"CA|Canadian|kanadisch|canadien|canadese|canadiense|канадский",
	"CH|Swiss|schweizerisch,Schweizer|suisse|svizzero|suizo|швейцарский",
	"CN|Chinese|chinesisch|chinois|cinese|chino|китайский",
	"CO|Colombian|kolumbianisch|colombien|colombiano|colombiano|колумбийский",
	"CU|Cuban|kubanisch|cubain|cubano|cubano|кубинский",
	"CZ|Czech|tschechisch|tchèque|ceco|checo|чешский",
	"DE|German|deutsch|allemand|tedesco,tedeschi,tedesche|alemán|немецкий,германский",
	"DK|Danish,Dane|dänisch|danois|danese|danés|датский",
	"DZ|Algerian|algerisch|algérien|algerino|argelino|алжирский",
	"EE|Estonian|estnisch|estonien|estone|estonio|эстонский",
	"EG|Egyptian|ägyptisch|égyptien|egiziano|egipcio|египетский",
	"ES|Spanish,Spaniard|spanisch|espagnol|spagnolo|español|испанский",
	"ET|Ethiopian|äthiopisch|éthiopien|etiope|etíope|эфиопский",
	"FI|Finnish,Finn|finnisch|finlandais|finlandese|finlandés|финский",
	"FR|French,Frenchman,Frenchmen|französisch|français|francese|francés|французский",
	"GB|British,Briton,Brit|britisch|britannique|britannico|británico|британский",
	"GE|Georgian|georgisch|géorgien|georgiano|georgiano|грузинский",
	"GR|Greek|griechisch|grec,grecque,grecques|greco,greci|griego|греческий",
	"HR|Croatian,Croat|kroatisch|croate|croato|croata|хорватский",
	"HU|Hungarian|ungarisch|hongrois|ungherese|húngaro|венгерский",
	"ID|Indonesian|indonesisch|indonésien|indonesiano|indonesio|индонезийский",
	"IE|Irish|irisch|irlandais|irlandese|irlandés|ирландский",
	"IL|Israeli|israelisch|israélien|israeliano|israelí|израильский",
	"IN|Indian|indisch|indien|indiano|indio|индийский",
	"IQ|Iraqi|irakisch|irakien|iracheno|iraquí|иракский",
	"IR|Iranian|iranisch|iranien|iraniano|iraní|иранский",
	"IT|Italian|italienisch|italien|italiano|italiano|итальянский",
	"JO|Jordanian|jordanisch|jordanien|giordano|jordano|иорданский",
	"JP|Japanese|japanisch|japonais|giapponese|japonés|японский",
	"KG|Kyrgyz|kirgisisch|kirghize|kirghiso|kirguís|киргизский",
	"KP|North Korean|nordkoreanisch|nord-coréen|nordcoreano|norcoreano|северокорейский",
	"KR|South Korean|südkoreanisch|sud-coréen|sudcoreano|surcoreano|южнокорейский",
	"KZ|Kazakh,Kazakhstani|kasachisch|kazakh|kazako|kazajo|казахский,казахстанский",
	"LB|Lebanese|libanesisch|libanais|libanese|libanés|ливанский",
	"LT|Lithuanian|litauisch|lituanien|lituano|lituano|литовский",
	"LV|Latvian|lettisch|letton|lettone|letón|латвийский",
	"LY|Libyan|libysch|libyen|libico|libio|ливийский",
	"MA|Moroccan|marokkanisch|marocain|marocchino|marroquí|марокканский",
	"MD|Moldovan|moldauisch|moldave|moldavo|moldavo|молдавский",
	"MX|Mexican|mexikanisch|mexicain|messicano|mexicano|мексиканский",
	"NG|Nigerian|nigerianisch|nigérian|nigeriano|nigeriano|нигерийский",
	"NL|Dutch|niederländisch,holländisch|néerlandais,hollandais|olandese|neerlandés,holandés|нидерландский,голландский",
	"NO|Norwegian|norwegisch|norvégien|norvegese|noruego|норвежский",
	"PK|Pakistani|pakistanisch|pakistanais|pakistano|pakistaní|пакистанский",
	"PL|Polish,Pole|polnisch|polonais|polacco,polacchi,polacche|polaco|польский",
	"PS|Palestinian|palästinensisch|palestinien|palestinese|palestino|палестинский",
	"PT|Portuguese|portugiesisch|portugais|portoghese|portugués|португальский",
	"RO|Romanian|rumänisch|roumain|rumeno|rumano|румынский",
	"RS|Serbian,Serb|serbisch|serbe|serbo|serbio|сербский",
	"RU|Russian|russisch|russe|russo|ruso|российский,русский",
	"SA|Saudi|saudisch|saoudien|saudita|saudí|саудовский",
	"SD|Sudanese|sudanesisch|soudanais|sudanese|sudanés|суданский",
	"SE|Swedish,Swede|schwedisch|suédois|svedese|sueco|шведский",
	"SO|Somali|somalisch|somalien|somalo|somalí|сомалийский",
	"SY|Syrian|syrisch|syrien|siriano|sirio|сирийский",
	"TJ|Tajik|tadschikisch|tadjik|tagico,tagiki|tayiko|таджикский",
	"TM|Turkmen|turkmenisch|turkmène|turkmeno|turcomano|туркменский",
	"TN|Tunisian|tunesisch|tunisien|tunisino|tunecino|тунисский",
	"TR|Turkish,Turk|türkisch|turc,turque,turques|turco,turchi,turche|turco|турецкий",
	"TW|Taiwanese|taiwanisch|taïwanais|taiwanese|taiwanés|тайваньский",
	"UA|Ukrainian|ukrainisch|ukrainien|ucraino|ucraniano|украинский",
	"US|American|amerikanisch,us-amerikanisch|américain|americano,statunitense|estadounidense,norteamericano|американский",
	"UZ|Uzbek|usbekisch|ouzbek|uzbeko|uzbeko|узбекский",
	"VE|Venezuelan|venezolanisch|vénézuélien|venezuelano|venezolano|венесуэльский",
	"VN|Vietnamese|vietnamesisch|vietnamien|vietnamita|vietnamita|вьетнамский",
	"YE|Yemeni|jemenitisch|yéménite|yemenita|yemení|йеменский",
	"ZA|South African|südafrikanisch|sud-africain|sudafricano|sudafricano|южноафриканский",
}

// buildDemonyms expands demonymTable into folded forms → alpha-2 code.
// The expansion over-generates a little ("frenchs"); such forms are not
// words and cost nothing.
func buildDemonyms() map[string]string { return buildDemonymsFrom(demonymTable) }

func buildDemonymsFrom(table []string) map[string]string {
	m := make(map[string]string, len(table)*40)
	for _, row := range table {
		cols := strings.Split(row, "|")
		code := cols[0]
		for lang, col := range cols[1:] {
			for _, w := range strings.Split(col, ",") {
				for _, f := range inflect(lang, Fold(w)) {
					m[f] = code
				}
			}
		}
	}
	return m
}

// inflect returns a folded word with its regular inflections. lang is the
// column of demonymTable after the code: 0 en, 1 de, 2 fr, 3 it, 4 es, 5 ru.
func inflect(lang int, w string) []string {
	out := []string{w}
	add := func(stem string, ends ...string) {
		for _, e := range ends {
			out = append(out, stem+e)
		}
	}
	switch lang {
	case 0: // en: plural noun ("Russians", "Israelis", "Czechs")
		if !strings.HasSuffix(w, "sh") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "ese") {
			add(w, "s")
		}
	case 1: // de: strong and weak adjective endings
		add(w, "e", "en", "er", "es", "em")
	case 2: // fr
		switch {
		case strings.HasSuffix(w, "ien"):
			add(w, "s", "ne", "nes")
		case strings.HasSuffix(w, "e"):
			add(w, "s")
		default:
			add(w, "s", "e", "es")
		}
	case 3: // it
		switch {
		case strings.HasSuffix(w, "o"):
			add(w[:len(w)-1], "a", "i", "e")
		case strings.HasSuffix(w, "e"):
			add(w[:len(w)-1], "i")
		case strings.HasSuffix(w, "a"):
			add(w[:len(w)-1], "i", "e")
		}
	case 4: // es
		switch {
		case strings.HasSuffix(w, "o"):
			add(w[:len(w)-1], "a", "os", "as")
		case strings.HasSuffix(w, "es"), strings.HasSuffix(w, "n"), strings.HasSuffix(w, "s"):
			add(w, "a", "es", "as")
		case strings.HasSuffix(w, "i"):
			add(w, "es", "s")
		case strings.HasSuffix(w, "e"), strings.HasSuffix(w, "a"):
			add(w, "s")
		}
	case 5: // ru: adjective endings after a stem ending in к, ск, цк…
		for _, suf := range []string{"ии", "ыи", "ои"} { // й folds to и
			if strings.HasSuffix(w, suf) {
				add(strings.TrimSuffix(w, suf),
					"ая", "ое", "ие", "ые", "ого", "ому", "ым", "им", "ом", "ои", "ую", "их", "ых", "ими", "ыми", "еи")
				break
			}
		}
	}
	return out
}

// usStates maps folded US state names to GeoNames admin1 codes, which for
// the United States are the postal abbreviations. It lets "Paris, Texas"
// and "Moscow, Idaho" pick the right town. Curated (51 entries).
func usStates() map[string][2]string {
	const list = "AL Alabama|AK Alaska|AZ Arizona|AR Arkansas|CA California|CO Colorado|" +
		"CT Connecticut|DE Delaware|DC District of Columbia|FL Florida|GA Georgia|HI Hawaii|" +
		"ID Idaho|IL Illinois|IN Indiana|IA Iowa|KS Kansas|KY Kentucky|LA Louisiana|ME Maine|" +
		"MD Maryland|MA Massachusetts|MI Michigan|MN Minnesota|MS Mississippi|MO Missouri|" +
		"MT Montana|NE Nebraska|NV Nevada|NH New Hampshire|NJ New Jersey|NM New Mexico|" +
		"NY New York|NC North Carolina|ND North Dakota|OH Ohio|OK Oklahoma|OR Oregon|" +
		"PA Pennsylvania|RI Rhode Island|SC South Carolina|SD South Dakota|TN Tennessee|" +
		"TX Texas|UT Utah|VT Vermont|VA Virginia|WA Washington|WV West Virginia|" +
		"WI Wisconsin|WY Wyoming"
	m := make(map[string][2]string, 51)
	for _, e := range strings.Split(list, "|") {
		code, name, _ := strings.Cut(e, " ")
		m[Fold(name)] = [2]string{"US", code}
	}
	return m
}
