package facts

import (
	"strings"
	"sync"
)

// Cue kinds.
const (
	cueVerb     uint8 = 1 + iota // a speech verb: "said", "sagte", "a déclaré"
	cueTell                      // a speech verb with an addressee: "told Reuters"
	cuePrep                      // the source follows: "according to X", "laut X", "selon X"
	cueParticle                  // only after a quote: "so Neumann", "aldus Jansen"
	cueObj                       // an attitude verb whose object is the content: "backed the bill", "declined to comment"
)

// cueWords lists, per language, the words that mark an attribution. Verbs
// are listed in the forms news text uses (past and present, third person,
// participles after an auxiliary); "tell" verbs take an addressee
// ("told Reuters"); prepositions introduce the source ("according to X");
// particles only attribute a quote before them ("…", so Neumann).
var cueWords = map[string]struct{ verb, tell, prep, particle, obj string }{
	"en": {
		verb: "said says say saying stated states explained explains added adds adding noted notes noting warned warns " +
			"claimed claims insisted insists argued argues arguing announced announces declared declares commented comments " +
			"wrote writes tweeted tweets asked asks replied replies responded responds continued acknowledged acknowledges " +
			"admitted admits conceded concedes suggested suggests suggesting recalled recalls remarked observed emphasized emphasised " +
			"stressed stresses predicted predicts promised promises vowed vows pledged reported reports confirmed confirms " +
			"denied denies believes believe believed thinks think contended contends countered complained complains concluded " +
			"estimated testified alleged alleges maintained maintains asserted asserts agreed agrees indicated indicates revealed " +
			"disclosed urged urges cautioned speculated hopes hoped fears feared worried expects expected acknowledging " +
			"mused quipped joked explaining insisting adding warning arguing claiming stating declaring announcing " +
			"wondered reads asking urging advises advised advising criticized criticised slammed blasted defended praised questioned " +
			"demanded proposed considers considered sees wants hoping promising predicting acknowledging conceding showed shows found finds " +
			"reiterated boasted charged contend recommended recommends signaled signalled called calling calls described describes " +
			"accused accuses endorsed endorses supported supports opposed opposes expressed referring referred cited revealed " +
			"mentioned talked spoke attacked rejected rejects wanted sought seeking",
		tell: "told tells telling informed assured",
		prep: "according",
		obj: "endorsed endorses endorse endorsing supported supports supporting support backed backing backs opposed opposes oppose opposing " +
			"favored favors favoured favours prefer prefers preferred criticized criticised criticizing criticising slammed blasted " +
			"defended defends defending praised praises praising questioned questioning attacked attacking rejected rejects " +
			"wanted wants want sought seeks seek seeking demanded demands demanding proposed proposes proposing " +
			"considers considered sees saw showed shows show showing shown found finds urged urges called calling calls " +
			"described describes describing accused accuses accusing cited citing mentioned mentions " +
			"declined refused refuses refusing plans planned plan intends intended " +
			"hope hoped hopes fear fears feared feel feels felt expect expects knew know knows decided " +
			"blamed blames blaming dismissed dismisses denounced denounces denouncing condemned condemns mocked " +
			"echoed challenged requested encouraged welcomed welcomes applauded " +
			"learned railed voiced deemed projected " +
			"discussed discusses discussing highlighted highlights seemed seems appeared appears vowing threatened threatens " +
			"pledging promising predicting",
	},
	"de": {
		verb: "sagte sagt sagten sagen gesagt erklärte erklärt erklärten erklärt betonte betont betonten meinte meint " +
			"warnte warnt warnten berichtete berichtet berichteten behauptete behauptet schrieb schreibt fügte ergänzte " +
			"ergänzt bekräftigte bestätigte bestätigt räumte kündigte teilte hieß heißt versicherte unterstrich kritisierte " +
			"forderte fordert glaubt glaubte vermutete vermutet sprach spricht mahnte appellierte",
		tell:     "",
		prep:     "laut zufolge nach",
		obj:      "unterstützt unterstützte befürwortet befürwortete lehnte lehnt kritisierte kritisiert lobte lobt forderte fordert verlangte verlangt",
		particle: "so",
	},
	"fr": {
		verb: "déclaré déclare déclarait dit dire affirmé affirme affirmait expliqué explique ajouté ajoute indiqué indique " +
			"souligné souligne estimé estime assuré assure précisé précise annoncé annonce averti prévenu confié confie " +
			"martelé insisté insiste rappelé rappelle lancé lance écrit écrivait commenté reconnu jugé juge dénoncé " +
			"dénonce poursuivi poursuit répondu répond raconté raconte témoigné",
		tell: "",
		prep: "selon d'après",
		obj:  "soutient soutenu critiqué critique salué salue refusé refuse exigé exige réclamé réclame condamné condamne",
	},
	"es": {
		verb: "dijo dice dicen dijeron decir dicho afirmó afirma afirmaron declaró declara declararon explicó explica " +
			"señaló señala añadió añade agregó agrega indicó indica aseguró asegura subrayó destacó advirtió advierte " +
			"sostuvo sostiene manifestó expresó anunció anuncia comentó escribió insistió reconoció admitió denunció " +
			"apuntó afirmado declarado explicado señalado añadido asegurado",
		tell: "",
		prep: "según",
		obj:  "apoya apoyó criticó critica rechaza rechazó exigió exige pidió pide condenó condena",
	},
	"it": {
		verb: "detto dice dicono disse dichiarato dichiara affermato afferma spiegato spiega aggiunto aggiunge sottolineato " +
			"sottolinea precisato precisa annunciato annuncia avvertito ricordato ricorda commentato scritto scrive " +
			"osservato osserva assicurato assicura insistito ammesso riconosciuto denunciato denuncia raccontato racconta " +
			"dichiarò affermò spiegò aggiunse sottolineò",
		tell: "",
		prep: "secondo",
		obj:  "sostiene appoggia appoggiato criticato critica chiesto chiede rifiutato condannato condanna",
	},
	"ru": {
		verb: "заявил заявила заявили заявляет сказал сказала сказали говорит говорят сообщил сообщила сообщили сообщает " +
			"отметил отметила отметили добавил добавила добавили подчеркнул подчеркнула подчеркнули пояснил пояснила " +
			"заверил заверила уточнил уточнила предупредил предупредила признал признала написал написала считает " +
			"считают рассказал рассказала рассказали объяснил объяснила утверждает утверждал заметил заметила",
		tell: "",
		prep: "по",
		obj:  "поддержал поддержала поддерживает раскритиковал раскритиковала потребовал потребовала требует осудил осудила отказался отказалась",
	},
	"uk": {
		verb: "заявив заявила заявили сказав сказала сказали повідомив повідомила повідомили зазначив зазначила додав додала " +
			"наголосив наголосила підкреслив підкреслила",
		prep: "за",
	},
	"pl": {
		verb: "powiedział powiedziała powiedzieli mówi mówią stwierdził stwierdziła oświadczył oświadczyła dodał dodała " +
			"podkreślił podkreśliła zaznaczył zaznaczyła wyjaśnił wyjaśniła przekazał przekazała poinformował " +
			"poinformowała ostrzegł ostrzegła napisał napisała uważa ocenił oceniła zapewnił zapewniła przyznał przyznała",
		prep: "według zdaniem",
		obj:  "poparł poparła popiera skrytykował skrytykowała zażądał zażądała żąda potępił potępiła odmówił odmówiła",
	},
	"nl": {
		verb: "zei zegt zeggen zeiden verklaarde verklaart stelde stelt voegde benadrukte benadrukt legde liet meldde " +
			"meldt schreef schrijft waarschuwde waarschuwt vertelde vertelt reageerde gezegd verklaard",
		prep:     "volgens",
		obj:      "steunt steunde bekritiseerde bekritiseert eiste eist weigerde weigert veroordeelde veroordeelt",
		particle: "aldus",
	},
	"pt": {
		verb: "disse diz afirmou afirma declarou declara explicou explica acrescentou acrescenta sublinhou destacou " +
			"garantiu assegurou alertou advertiu",
		prep: "segundo",
	},
}

// quoteWords holds the closed word classes the scanner needs per language:
// auxiliaries and adverbs between a subject and its verb, articles dropped
// from descriptions, words that end a subject on the left (conjunctions,
// relative pronouns), words that end an inverted subject on the right (time
// and place prepositions), personal pronouns that resolve to the previous
// speaker, and complementisers ("that").
var quoteWords = map[string]struct{ aux, det, bound, after, pron, that, prep, finite, poss string }{
	"en": {
		aux:    "has have had also later then previously again repeatedly publicly recently once often has've had've would will could may might just further simply only still earlier reportedly allegedly already flatly first last separately then subsequently privately",
		det:    "the a an",
		bound:  "that which who whom whose after before when while because since as if although though but or than where whether so while unless until what how why there",
		after:  "on in at during yesterday today tonight this last late earlier after before when while as to from with by that who which",
		pron:   "he she they we i it",
		that:   "that",
		prep:   "of in on at for with by from about amid over against under into to among between through during without within across after before",
		finite: "is are was were be been being will can shall must do does did",
		poss:   "its his her their our my your this that these those no any some every each",
	},
	"de": {
		aux:    "hat haben hatte hatten habe auch bereits zudem noch schon dann später jetzt nun außerdem dazu ebenfalls",
		det:    "der die das den dem des ein eine einen einem einer",
		bound:  "dass daß und aber weil als wenn nachdem obwohl ob wie wo denn sondern",
		after:  "am im in an auf bei nach vor gegenüber dem der laut zufolge zu über",
		pron:   "er sie es wir ich",
		that:   "dass daß",
		prep:   "in im an am auf aus bei mit nach von vom zu zum zur über unter vor hinter neben zwischen gegen ohne um für durch seit während",
		finite: "ist sind war waren wird werden wurde wurden sei seien kann können muss müssen soll sollen",
		poss:   "sein seine ihr ihre dieser diese dieses kein keine",
	},
	"fr": {
		aux:    "a ont avait avaient aurait auraient également aussi déjà encore ensuite alors",
		det:    "le la les l' un une des",
		bound:  "que qu' qui quand et mais car lorsque si comme dont où",
		after:  "à au aux dans en lors sur devant hier samedi dimanche lundi mardi mercredi jeudi vendredi",
		pron:   "il elle ils elles on nous je",
		that:   "que qu'",
		prep:   "de du des à au aux en dans sur sous avec pour par sans chez contre entre vers depuis pendant",
		finite: "est sont était étaient sera serait peut doit",
		poss:   "son sa ses leur leurs ce cette ces",
	},
	"es": {
		aux:    "ha han había habían habría también ya además luego",
		det:    "el la los las un una unos unas",
		bound:  "que quien cuando y pero porque si como donde aunque",
		after:  "en a al ante durante este ayer hoy",
		pron:   "él ella ellos ellas nosotros yo",
		that:   "que",
		prep:   "de del a al en con por para sin sobre entre hacia desde durante contra",
		finite: "es son era eran será sería puede debe",
		poss:   "su sus este esta estos estas",
	},
	"it": {
		aux:    "ha hanno aveva avevano avrebbe anche già inoltre poi",
		det:    "il lo la i gli le l' un una uno",
		bound:  "che chi quando e ma perché se come dove anche",
		after:  "a al alla in nel nella durante davanti ieri oggi",
		pron:   "lui lei egli loro noi io",
		that:   "che",
		prep:   "di del della dei delle a al alla in nel nella con per su tra fra da dal dalla contro durante",
		finite: "è sono era erano sarà sarebbe può deve",
		poss:   "suo sua suoi sue loro questo questa",
	},
	"ru": {
		aux:    "также уже ранее затем позже ещё еще тоже",
		det:    "",
		bound:  "что который которая которые когда и но а как если чтобы где",
		after:  "в на во время журналистам",
		pron:   "он она они мы я",
		that:   "что",
		prep:   "в во на с со по к о об от до из за для при без под над между",
		finite: "был была были будет может должен",
		poss:   "его её их этот эта это эти",
	},
	"uk": {
		aux:    "також вже раніше",
		bound:  "що який яка які коли і та але а як",
		after:  "в у на",
		pron:   "він вона вони ми я",
		that:   "що",
		prep:   "в у на з до за для при без під над між",
		finite: "був була були буде може",
		poss:   "його її їх цей ця це ці",
	},
	"pl": {
		aux:    "też także również już wcześniej potem",
		bound:  "że który która które kiedy i ale a jak jeśli gdzie",
		after:  "w we na podczas dla",
		pron:   "on ona oni my ja",
		that:   "że",
		prep:   "w we na z ze do od dla przy bez pod nad między przez po o",
		finite: "jest są był była byli będzie może musi",
		poss:   "jego jej ich ten ta to te",
	},
	"nl": {
		aux:    "heeft hebben had hadden ook al eerder later nog",
		det:    "de het een",
		bound:  "dat die wie toen en maar omdat als of waar",
		after:  "op in bij tegen tegenover tijdens gisteren vandaag",
		pron:   "hij zij ze wij we ik",
		that:   "dat",
		prep:   "van in op aan bij met naar voor over onder tegen zonder door uit tussen tijdens",
		finite: "is zijn was waren wordt werd kan moet zal",
		poss:   "zijn haar hun dit deze",
	},
	"pt": {
		aux:    "tem têm tinha também já",
		det:    "o a os as um uma",
		bound:  "que quem quando e mas porque se como onde",
		after:  "em no na ao à durante",
		pron:   "ele ela eles elas nós eu",
		that:   "que",
		prep:   "de do da dos das em no na com por para sem sobre entre contra durante",
		finite: "é são era eram será pode deve",
		poss:   "seu sua seus suas este esta",
	},
}

// cueLex is the compiled lexicon of one language.
type cueLex struct {
	lang                               string
	cues                               map[string]uint8
	aux, det, bound, after, pron, that map[string]bool
	filler                             map[string]bool // trailing adverbs trimmed from a subject
	titles                             map[string]bool // titles before names, lowercase
	plural                             map[string]bool // pronouns that never resolve to one speaker
	roles                              map[string]bool // spokesperson nouns
	prepNext                           map[string]string
	v2                                 bool            // verb-second word order: "Dazu sagte Neumann"
	prep                               map[string]bool // prepositions, which never start a subject
	finite                             map[string]bool // finite auxiliaries, which never occur in one
	nounBefore                         map[string]bool // words before a cue that make it a noun ("the warning", "its claims")
	claims                             *claimLex
	cls                                map[string]uint32 // word classes, see compileClasses
}

// quoteLexicons compiles cueWords and quoteWords once.
var quoteLexicons = sync.OnceValue(func() map[string]*cueLex {
	m := make(map[string]*cueLex)
	for lang, c := range cueWords {
		w := quoteWords[lang]
		l := &cueLex{
			lang:   lang,
			cues:   map[string]uint8{},
			aux:    wordSet(w.aux),
			det:    wordSet(w.det),
			bound:  wordSet(w.bound),
			after:  wordSet(w.after),
			pron:   wordSet(w.pron),
			that:   wordSet(w.that),
			filler: wordSet("also then however too"),
			v2:     lang == "de" || lang == "nl",
			prepNext: map[string]string{
				"according": "to", "по": "словам мнению данным информации", "nach": "angaben", "за": "словами даними",
			},
			titles:     wordSet(quoteTitleWords),
			plural:     wordSet("they we i it ils elles on nous je ellos ellas nosotros yo loro noi io они мы я вони ми oni my ja ze zij wij ik wir ich es"),
			roles:      wordSet(roleWords),
			prep:       wordSet(w.prep),
			finite:     wordSet(w.finite),
			nounBefore: wordSet(w.det + " " + w.poss),
		}
		for _, v := range strings.Fields(c.verb) {
			l.cues[v] = cueVerb
		}
		for _, v := range strings.Fields(c.tell) {
			l.cues[v] = cueTell
		}
		for _, v := range strings.Fields(c.prep) {
			l.cues[v] = cuePrep
		}
		for _, v := range strings.Fields(c.particle) {
			l.cues[v] = cueParticle
		}
		for _, v := range strings.Fields(c.obj) {
			l.cues[v] = cueObj
		}
		l.claims = compileClaims(lang)
		l.compileClasses()
		m[lang] = l
	}
	return m
})

// lexicon returns the lexicon for lang, English for languages without one.
func lexicon(lang string) *cueLex {
	m := quoteLexicons()
	if l, ok := m[lang]; ok {
		return l
	}
	return m["en"]
}

// quoteTitleWords are titles and offices written before a name; they are not
// part of the name when a surname is matched to an earlier full name.
const quoteTitleWords = "mr mr. mrs mrs. ms ms. dr dr. prof prof. gen gen. sen sen. rep rep. gov gov. president presidents vice prime minister " +
	"secretary chancellor senator governor mayor general colonel judge justice chief director spokesman spokeswoman spokesperson " +
	"king queen prince pope ambassador herr frau präsident präsidentin kanzler kanzlerin " +
	"minister ministerin bundeskanzler m. mme président ministre señor señora presidente ministro signor signora " +
	"президент министр премьер pan pani prezydent premier minister de heer mevrouw premier terror expert experte"

// roleWords are the nouns of spokesperson descriptions; two descriptions
// with the same role noun may name the same speaker.
const roleWords = "spokesman spokeswoman spokesperson spokespeople representative sprecher sprecherin porte-parole portavoz portavoce " +
	"представитель представительница rzecznik rzeczniczka woordvoerder woordvoerster"

func wordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
