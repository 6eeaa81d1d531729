package facts

import (
	"strings"

	"github.com/tocsin/tocsin/internal/news"
)

// claimTriggers lists, per language and stance, the words and phrases that
// make a claim. A phrase is words separated by spaces; "…" between words
// allows up to four words between them ("warf … vor"). Warnings that need
// an object ("urged citizens to avoid") are in warnTo: the trigger counts
// only when one of those words follows within six words.
var claimTriggers = map[string]map[string]string{
	"en": {
		news.Claims: "claimed responsibility|claims responsibility|claim responsibility|claiming responsibility|took responsibility|" +
			"letter of responsibility|statement of responsibility|claim of responsibility|claimed the attack|claimed credit",
		news.Denies: "denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes|rebuffed",
		news.Blames: "accused|accuses|accusing|blamed|blames|blaming|hinting at|hinted at|hints at|pointed the finger at|held … responsible",
		news.Warns:  "warned|warns|warning of|issued a warning|issued warnings|travel advisory|cautioned|urged|urges|advised|advises|called on",
	},
	"de": {
		news.Claims: "bekannte sich|bekennt sich|bekannten sich|bekennerschreiben|bekennerbrief|reklamierte|reklamiert",
		news.Denies: "bestreitet|bestritt|bestreiten|dementierte|dementiert|wies … zurück|weist … zurück|zurückgewiesen",
		news.Blames: "wirft … vor|warf … vor|werfen … vor|beschuldigt|beschuldigte|machte … verantwortlich|macht … verantwortlich",
		news.Warns:  "warnte|warnt|warnten|rät|riet|reisewarnung",
	},
	"fr": {
		news.Claims: "revendiqué|revendique|revendiquait|revendiquent",
		news.Denies: "dément|démenti|démentait|nie|nié|rejette|rejeté|récuse",
		news.Blames: "accuse|accusé|accusait|accusent|imputé|impute",
		news.Warns:  "averti|avertit|met en garde|mis en garde|déconseille|déconseillé|exhorté|appelé",
	},
	"es": {
		news.Claims: "reivindicó|reivindica|reivindicado|se atribuyó",
		news.Denies: "niega|negó|niegan|negaron|rechazó|rechaza|desmintió|desmiente",
		news.Blames: "acusa|acusó|acusan|acusaron|culpó|culpa|responsabilizó",
		news.Warns:  "advirtió|advierte|alertó|alerta|recomendó|instó",
	},
	"it": {
		news.Claims: "rivendicato|rivendica|rivendicò",
		news.Denies: "smentisce|smentito|smentì|nega|negato|respinge|respinto",
		news.Blames: "accusa|accusato|accusò|incolpa|incolpato",
		news.Warns:  "avvertito|avverte|messo in guardia|mette in guardia|sconsiglia|sconsigliato|esortato",
	},
	"ru": {
		news.Claims: "взяла на себя ответственность|взял на себя ответственность|взяли на себя ответственность|берет на себя ответственность",
		news.Denies: "отрицает|отрицают|отрицал|опроверг|опровергла|опровергли|отверг|отвергла|отвергли",
		news.Blames: "обвинил|обвинила|обвинили|обвиняет|обвиняют|возложил ответственность",
		news.Warns:  "предупредил|предупредила|предупредили|предупреждает|призвал|призвала|призвали",
	},
	"pl": {
		news.Claims: "przyznało się|przyznał się|przyznała się|wzięło odpowiedzialność|wziął odpowiedzialność|wzięła odpowiedzialność",
		news.Denies: "zaprzecza|zaprzeczył|zaprzeczyła|zaprzeczyli|odrzucił|odrzuciła|odrzucili|dementuje",
		news.Blames: "oskarżył|oskarżyła|oskarżyli|oskarża|obwinia|obwinił|obwiniła",
		news.Warns:  "ostrzegł|ostrzegła|ostrzegli|ostrzega|wezwał|wezwała",
	},
	"nl": {
		news.Claims: "eiste … op|eist … op|opgeëist|claimde",
		news.Denies: "ontkent|ontkende|ontkenden|verwierp|verwerpt|wees … af|wijst … af",
		news.Blames: "beschuldigt|beschuldigde|beschuldigden|verwijt|verweet",
		news.Warns:  "waarschuwde|waarschuwt|waarschuwden|riep … op|raadt … af",
	},
}

// warnTo are the words that must follow a weak warning trigger ("urged",
// "advised", "called on") for it to count as a warning.
var warnTo = wordSet("avoid leave not against stay reconsider refrain éviter quitter evitar abandonar evitare lasciare избегать покинуть unikać opuszczenia vermijden verlaten meiden verlassen")

// weakWarn are the triggers that need a warnTo word after them.
var weakWarn = wordSet("urged urges advised advises called rät riet exhorté appelé recomendó instó esortato призвал призвала призвали wezwał wezwała riep")

// claimTrigger is one compiled trigger: its words, and whether a gap of
// up to four words may come before each.
type claimTrigger struct {
	words  []string
	gap    []bool
	stance string
}

// claimLex is the compiled claim lexicon of one language, indexed by the
// first word of each trigger.
type claimLex struct {
	first map[string][]claimTrigger
}

func compileClaims(lang string) *claimLex {
	l := &claimLex{first: map[string][]claimTrigger{}}
	for stance, list := range claimTriggers[lang] {
		for _, phrase := range strings.Split(list, "|") {
			var t claimTrigger
			t.stance = stance
			gap := false
			for _, w := range strings.Fields(phrase) {
				if w == "…" {
					gap = true
					continue
				}
				t.words = append(t.words, w)
				t.gap = append(t.gap, gap)
				gap = false
			}
			l.first[t.words[0]] = append(l.first[t.words[0]], t)
		}
	}
	return l
}
