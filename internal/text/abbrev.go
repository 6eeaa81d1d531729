package text

import (
	"strings"
	"sync"
)

// abbrevLists holds, per language, the abbreviations written with a final
// period, lowercase and without that period ("z.b" stands for "z. B.").
// Strong ones (titles, "Nr.", month names before a day) never end a
// sentence; weak ones ("U.S.", "p.m.") end one only when the next word is a
// capitalised sentence starter (see starterLists); end ones ("etc.", "Inc.",
// "г." after a year) end one before any capitalised word but an initial.
var abbrevLists = map[string]struct{ strong, weak, end string }{
	"en": {
		strong: "mr mrs ms messrs dr prof st gen lt col maj capt cmdr adm sgt cpl pvt gov sen rep rev hon pres supt det insp mt ft jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e vs approx",
		weak:   "co bros jr sr a.m p.m u.s u.k u.n u.s.a e.u d.c al est vol vols art fig ave blvd rd ed",
		end:    "etc inc ltd corp llc plc",
	},
	"de": {
		strong: "hr hrn fr dr prof st nr bzw ca evtl ggf inkl vgl z.b u.a d.h u.u v.a s.o s.u o.ä geb gest jan feb sept okt dez str tel",
		weak:   "mio mrd tsd jh chr v.chr n.chr u.s abs art",
		end:    "usw etc",
	},
	"fr": {
		strong: "m mm mme mmes mlle mlles mgr me pr dr st ste av bd env janv févr avr juil sept oct nov déc p n°",
		weak:   "cf",
		end:    "etc",
	},
	"it": {
		strong: "dott dott.ssa sig sig.ra sigg sigra prof avv ing on sen dr geom rag mons gen n pag",
		weak:   "a.c d.c s.l.m ss",
		end:    "ecc",
	},
	"es": {
		strong: "sr sra srta sres dr dra d dña lic ing prof arq gral gob av avda c pág núm p.ej ej",
		weak:   "ee.uu s.a a.c d.c",
		end:    "etc",
	},
	"pt": {
		strong: "sr sra srs dr dra prof eng av pág",
		weak:   "s.a",
		end:    "etc ltda",
	},
	"ru": {
		strong: "ул д им проф акад пер просп пр обл ген св",
		weak:   "т.е т.к",
		end:    "г гг т.д т.п млн млрд тыс руб коп др вв",
	},
	"uk": {
		strong: "вул д ім проф акад пров просп обл ген св",
		weak:   "",
		end:    "р рр т.д т.п млн млрд тис грн",
	},
	"pl": {
		strong: "ul al pl os gen płk prof dr hab ks św im tzw tj np m.in ok nr woj pow gm mjr ppłk kpt wg godz",
		weak:   "",
		end:    "r tys mln mld itd itp",
	},
	"nl": {
		strong: "blz bijv bv dhr mevr mr dr ir drs ing prof nr o.a m.b.t ca jl zgn st tel a.s z.t",
		weak:   "fr",
		end:    "enz etc",
	},
	"tr": {
		strong: "dr prof doç av sn alb yrd bkz cad sok mah",
		weak:   "vs ltd şti a.ş",
		end:    "vb",
	},
	"sv": {strong: "t.ex bl.a s.k dvs ca kl nr st", end: "etc osv m.m"},
	"da": {strong: "f.eks bl.a ca nr kl dvs", end: "osv mv"},
	"no": {strong: "f.eks bl.a ca nr kl dvs", end: "osv mv"},
}

// starterLists holds, per language, words that often begin a sentence and
// are rarely capitalised inside one: after a weak abbreviation or an
// initial, a capitalised starter means a new sentence.
var starterLists = map[string]string{
	"en": "the a an he she it they we i you this that these those there his her its their our my in on at after before but and or so if when while as for from with by to of however meanwhile then yes what who why how where some many most all both",
	"de": "der die das den dem des ein eine einen einem er sie es wir ich ihr man dies diese dieser dieses im in am an auf aus bei nach vor mit und aber doch so als wenn weil da dann auch noch nur zudem laut",
	"fr": "le la les un une des il elle ils elles on nous je ce cette ces dans en à au aux par pour sur avec mais et ou selon puis alors",
	"it": "il lo la i gli le un una uno egli lui lei loro noi io questo questa questi in a al alla nel nella per con su ma e o secondo poi anche",
	"es": "el la los las un una unos unas él ella ellos ellas nosotros yo este esta estos estas en a al del con por para pero y o según luego también",
	"pt": "o a os as um uma ele ela eles elas nós eu este esta em no na nos nas com por para mas e ou segundo",
	"nl": "de het een hij zij ze wij we ik dit dat deze die er in op aan bij met maar en of volgens toen ook",
	"ru": "в во на с по и но а он она они мы я это этот эта эти как когда однако также",
	"uk": "в у на з по і та але а він вона вони ми я це цей ця ці як коли однак також",
	"pl": "w we na z ze do i a ale on ona oni my ja to ten ta te jak gdy według także",
	"tr": "bu şu o bir ve ama ancak da de ile için",
}

// ordinalLangs write ordinal numbers with a period ("am 8. März").
var ordinalLangs = map[string]bool{
	"de": true, "da": true, "no": true, "fi": true, "pl": true, "cs": true,
	"sk": true, "hu": true, "tr": true, "sl": true, "hr": true, "sr": true,
	"bs": true, "et": true, "lv": true, "is": true, "fo": true,
}

// ordinalNext are capitalised words that follow an ordinal number in German
// (months and the nouns most often counted), lowercase.
var ordinalNext = set("januar februar märz april mai juni juli august september oktober november dezember jan feb mär apr jun jul aug sep sept okt nov dez jahrhundert weltkrieg platz mal stock etage runde tag klasse liga bundesliga spieltag jahrestag")

type abbrevSet struct {
	strong, weak, end, starters map[string]bool
}

// abbrevs returns the sets for lang; a language without lists gets the
// union of all lists, which errs towards not splitting.
func abbrevs(lang string) *abbrevSet {
	m := abbrevTables()
	if a, ok := m[lang]; ok {
		return a
	}
	return m[""]
}

var abbrevTables = sync.OnceValue(func() map[string]*abbrevSet {
	m := make(map[string]*abbrevSet, len(abbrevLists)+1)
	all := &abbrevSet{strong: map[string]bool{}, weak: map[string]bool{}, end: map[string]bool{}}
	for lang, l := range abbrevLists {
		a := &abbrevSet{strong: set(l.strong), weak: set(l.weak), end: set(l.end), starters: set(starterLists[lang])}
		m[lang] = a
		for w := range a.strong {
			all.strong[w] = true
		}
	}
	for _, a := range m {
		for w := range a.weak {
			if !all.strong[w] {
				all.weak[w] = true
			}
		}
	}
	for _, a := range m {
		for w := range a.end {
			if !all.strong[w] && !all.weak[w] {
				all.end[w] = true
			}
		}
	}
	for lang, s := range starterLists {
		if m[lang] == nil {
			m[lang] = &abbrevSet{strong: all.strong, weak: all.weak, end: all.end, starters: set(s)}
		}
	}
	all.starters = set(starterLists["en"])
	m[""] = all
	return m
})

func set(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
