package facts

import (
	"strings"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/text"
)

// Event-type cues. Each entry is "weight:cue cue ...". A cue is a word
// prefix ("shoot" matches "shooting", "shooter"), "=word" for an exact word,
// and "a+b" for a prefix followed by another within the next four words
// ("claim+responsib" matches "claimed responsibility", "claimed its
// responsibility"). Cues are folded (text.Fold) when the table is built.
var eventCues = map[string]map[string][]string{
	news.TypeArmedAttack: {
		"en": {"3:gunm gunfire gunshot shooter =shooting =shootings rampage massacre stabbing =stabbed open+fire opened+fire",
			"2:=shot =shoot =shoots =killed murder homicide slain =gun =guns wounded assault =attack =attacked =attacker =attackers",
			"1:=victim =victims =weapon firearm =dead =killing"},
		"de": {"3:schüsse schütze erschoss erschossen amoklauf massaker messerangriff erstochen =feuer+eröffnet",
			"2:angriff anschlag angreifer getötet tötete bewaffnet =schießerei =schoss mord",
			"1:opfer waffe tote"},
		"fr": {"3:fusillade tireur massacre poignard =ouvert+feu", "2:attaque attentat assaillant =tué =tués abattu", "1:victime arme morts"},
		"es": {"3:tiroteo pistoler balacera masacre apuñal =abrieron+fuego", "2:ataque atentado atacante asesin =mató disparos armado", "1:víctima arma muertos"},
		"it": {"3:sparatoria spari sparato strage accoltell uomini+armati", "2:attacco attentato assalit aggressor ucciso uccisi armato", "1:vittim arma morti"},
		"ru": {"3:стрельб расстрел стрелял стрелк бойн", "2:нападен атак теракт террорист убит погибл вооруж", "1:жертв оружи"},
		"pl": {"3:strzelanin strzelał strzały napastni masakr", "2:atak zamach zabit zabił uzbrojen", "1:ofiar broń"},
		"nl": {"3:schietpartij schutter schoten doodgeschoten neergestoken", "2:aanval aanslag gedood gewapend", "1:slachtoffer wapen doden"},
		"tr": {"3:silahlı+saldırı ateş+açtı", "2:saldırı saldırgan öldürül", "1:kurban silah"},
		"ar": {"3:إطلاق+نار مسلح", "2:هجوم قتل", "1:ضحايا"},
	},
	news.TypeBombing: {
		"en": {"3:bombing bomber explosive detonat car+bomb suicide+bomb =ied grenade", "2:=bomb =bombs explosion =blast =blasts exploded", "1:=explosions"},
		"de": {"3:bombenanschlag sprengsatz sprengstoff selbstmordattent autobombe", "2:bombe explosion detonation explodiert", "1:explosionen"},
		"fr": {"3:attentat+suicide engin+explosif kamikaze voiture+piégée", "2:bombe explosion explosé", "1:déflagration"},
		"es": {"3:coche+bomba artefacto+explosivo suicida", "2:bomba explosión explot", "1:estallido"},
		"it": {"3:autobomba ordigno kamikaze esplosiv", "2:bomba esplosione esploso", "1:deflagrazione"},
		"ru": {"3:взрывчат смертни взрывн", "2:взрыв бомб подрыв", "1:сдетонир"},
		"pl": {"3:zamachowiec+samobójca ładunek+wybuchowy", "2:bomb wybuch eksplozj", "1:detonac"},
		"nl": {"3:bomaanslag explosieven zelfmoordaanslag", "2:bom explosie ontploff", "1:ontploffing"},
		"tr": {"3:bombalı canlı+bomba", "2:bomba patlama", "1:patlayıcı"},
		"ar": {"3:تفجير انتحاري", "2:انفجار قنبلة عبوة", "1:ناسفة"},
	},
	news.TypeWarning: {
		"en": {"3:warns =warned =warning =warnings travel+advisory security+alert imminent", "2:alert threat advisory =urged =urges =avoid caution heightened", "1:=risk =danger"},
		"de": {"3:warnt warnte warnung reisewarnung terrorwarnung", "2:gefahr bedrohung drohung alarm", "1:vorsicht meiden"},
		"fr": {"3:avertit averti avertissement alerte mise+garde", "2:menace menaces éviter", "1:prudence risque"},
		"es": {"3:advierte advirtió advertencia alerta", "2:amenaza evitar", "1:precaución riesgo"},
		"it": {"3:allerta allarme avverte avvertito avvertimento", "2:minaccia evitare", "1:cautela rischio"},
		"ru": {"3:предупред предостереж", "2:угроз опасност", "1:избегать"},
		"pl": {"3:ostrzeg ostrzeżen alarm", "2:zagrożen unikać", "1:ryzyk"},
		"nl": {"3:waarschuw reisadvies", "2:dreiging alarm vermijden", "1:risico"},
		"tr": {"3:uyardı uyarı", "2:tehdit", "1:risk"},
		"ar": {"3:تحذير حذر", "2:تهديد", "1:خطر"},
	},
	news.TypeFoiledPlot: {
		"en": {"4:foiled thwarted =plot =plotting", "3:arrested =arrest =arrests =detained raid =raids disrupted =prevented",
			"2:charged custody suspect =suspects indicted =neutralized =neutralised =seized", "1:police investigat"},
		"de": {"4:vereitelt verhindert =anschlagspläne", "3:festgenommen festnahme verhaftet razzia", "2:festnahmen anklage verdächtig", "1:polizei ermittl"},
		"fr": {"4:déjoué", "3:interpell arrêté arrestation coup+filet perquisition", "2:garde+vue suspect", "1:police enquête"},
		"es": {"4:frustrado desarticul", "3:detenido detenidos arresto redada", "2:sospechos acusado", "1:policía investiga"},
		"it": {"4:sventato", "3:arrestat arresto fermati fermato blitz perquisiz", "2:sospett indagat", "1:polizia indagin"},
		"ru": {"4:предотврат", "3:задержа арест обезвред", "2:подозрева обвин", "1:полици следств"},
		"pl": {"4:udaremni", "3:zatrzyma aresztowa", "2:podejrzan", "1:policj śledztw"},
		"nl": {"4:verijdeld", "3:gearresteerd aangehouden arrestatie inval", "2:verdacht", "1:politie onderzoek"},
		"tr": {"4:engellendi", "3:gözaltı tutuklan operasyon", "2:şüpheli", "1:polis soruşturma"},
		"ar": {"4:إحباط", "3:اعتقال القبض", "2:مشتبه", "1:الشرطة"},
	},
	news.TypeClaim: {
		"en": {"6:claimed+responsibility claims+responsibility claim+responsibility claiming+responsibility", "3:=responsibility claimed+attack"},
		"de": {"6:bekannte+sich bekennt+sich bekennerschreiben bekenner", "3:verantwortung"},
		"fr": {"6:revendiqu", "3:responsabilité"},
		"es": {"6:reivindic atribuyó", "3:responsabilidad"},
		"it": {"6:rivendic", "3:responsabilità"},
		"ru": {"6:взял+ответственност взяла+ответственност взяло+ответственност", "3:ответственност"},
		"pl": {"6:przyznał+się przyznało+się", "3:odpowiedzialność"},
		"nl": {"6:opgeëist eiste+op claimde", "3:verantwoordelijkheid"},
		"tr": {"6:üstlendi", "3:sorumluluğ"},
		"ar": {"6:تبنى", "3:مسؤولية"},
	},
	news.TypeStatement: {
		"en": {"3:accuse blamed =blames denied =denies condemn statement spokesman spokeswoman spokesperson", "1:ministry announced =minister president =kremlin officials"},
		"de": {"3:beschuldig vorwurf vorwürfe wirft+vor dementi verurteil erklärung", "1:ministerium sprecher sprecherin kreml regierung"},
		"fr": {"3:accus dément démenti condamn déclaration", "1:porte+parole ministère ministre kremlin gouvernement"},
		"es": {"3:acus negó desmint conden declaración comunicado", "1:portavoz ministerio ministro kremlin gobierno"},
		"it": {"3:accus smentit condann dichiarazione comunicato", "1:portavoce ministero ministro cremlino governo"},
		"ru": {"3:обвин опроверг осудил заявлен", "1:представител министерств министр кремл"},
		"pl": {"3:oskarż zaprzecz potępi oświadczen", "1:rzeczni ministerstw minister kreml"},
		"nl": {"3:beschuldig ontken veroordeel verklaring", "1:woordvoerder ministerie minister kremlin regering"},
		"tr": {"3:suçla yalanla kınadı açıklama", "1:sözcü bakanlık bakan"},
		"ar": {"3:اتهم نفى أدان بيان", "1:المتحدث وزارة"},
	},
	news.TypeProtest: {
		"en": {"3:protest demonstrat rally =rallies =riot =riots marchers", "2:=crowds clashes =tear+gas", "1:=crowd"},
		"de": {"3:protest demonstr kundgebung krawall", "2:ausschreitung tränengas", "1:menge"},
		"fr": {"3:manifest protest émeute rassemblement", "2:heurts gaz+lacrymogène", "1:foule"},
		"es": {"3:protesta manifestac marcha disturbios", "2:enfrentamientos gas+lacrimógeno", "1:multitud"},
		"it": {"3:protest manifestaz corteo", "2:scontri lacrimogen", "1:folla"},
		"ru": {"3:протест митинг демонстрац", "2:беспорядк слезоточив", "1:толп"},
		"pl": {"3:protest demonstrac manifestac", "2:zamieszki gaz+łzawiący", "1:tłum"},
		"nl": {"3:protest demonstr betoging", "2:rellen traangas", "1:menigte"},
		"tr": {"3:protesto gösteri eylem", "2:biber+gazı", "1:kalabalık"},
		"ar": {"3:احتجاج مظاهرة تظاهر", "2:اشتباكات", "1:حشود"},
	},
	news.TypeDisaster: {
		"en": {"3:earthquake flood hurricane tornado wildfire tsunami landslide derail =collapsed", "2:crash collision accident =blaze storm eruption", "1:=fire rescue"},
		"de": {"3:erdbeben hochwasser überschwemm lawine entgleis unglück", "2:absturz unfall zusammenstoß brand sturm", "1:feuerwehr rettung"},
		"fr": {"3:séisme inondation ouragan tempête glissement", "2:accident crash collision incendie effondr", "1:pompiers secours"},
		"es": {"3:terremoto sismo inundac huracán deslizamiento", "2:accidente choque colisión incendio derrumb", "1:bomberos rescate"},
		"it": {"3:terremoto sisma alluvion uragano frana", "2:incidente schianto scontro+treni incendio crollo", "1:vigili+fuoco soccors"},
		"ru": {"3:землетрясен наводнен ураган", "2:авари крушен катастроф пожар обрушен", "1:спасател"},
		"pl": {"3:trzęsienie powódź huragan", "2:wypadek katastrof pożar zawalen", "1:strażac"},
		"nl": {"3:aardbeving overstroming orkaan", "2:ongeluk ongeval botsing brand ingestort", "1:brandweer"},
		"tr": {"3:deprem sel kasırga", "2:kaza yangın çöktü", "1:itfaiye"},
		"ar": {"3:زلزال فيضان إعصار", "2:حادث حريق انهيار", "1:الإنقاذ"},
	},
}

// cue is one compiled event cue.
type cue struct {
	typ    int // index into eventTypes
	weight float64
	rest   []string // further prefixes that must follow ("claim+responsib")
	exact  bool
}

// eventTypes lists the types Classify can return (other last).
var eventTypes = []string{news.TypeArmedAttack, news.TypeBombing, news.TypeWarning, news.TypeFoiledPlot,
	news.TypeClaim, news.TypeStatement, news.TypeProtest, news.TypeDisaster, news.TypeOther}

// cueTable holds one language's cues by their first word or prefix.
type cueTable struct {
	prefix         map[string][]cue
	exact          map[string][]cue
	minLen, maxLen int // byte lengths of the prefixes
	// heads holds the first minLen bytes of every prefix: a word whose
	// head is not there matches no prefix, which spares most words the
	// lookups of every prefix length.
	heads map[string]bool
}

var cueTables = buildCueTables()

func buildCueTables() map[string]*cueTable {
	out := map[string]*cueTable{}
	for ti, typ := range eventTypes {
		for lang, groups := range eventCues[typ] {
			t := out[lang]
			if t == nil {
				t = &cueTable{prefix: map[string][]cue{}, exact: map[string][]cue{}, minLen: 1 << 20}
				out[lang] = t
			}
			for _, g := range groups {
				w, list, _ := strings.Cut(g, ":")
				weight := float64(w[0] - '0')
				for _, c := range strings.Fields(list) {
					exact := strings.HasPrefix(c, "=")
					parts := strings.Split(text.Fold(strings.TrimPrefix(c, "=")), "+")
					k := cue{typ: ti, weight: weight, rest: parts[1:], exact: exact && len(parts) == 1}
					if k.exact {
						t.exact[parts[0]] = append(t.exact[parts[0]], k)
						continue
					}
					t.prefix[parts[0]] = append(t.prefix[parts[0]], k)
					t.minLen = min(t.minLen, len(parts[0]))
					t.maxLen = max(t.maxLen, len(parts[0]))
				}
			}
		}
	}
	for _, t := range out {
		t.heads = map[string]bool{}
		for p := range t.prefix {
			t.heads[p[:t.minLen]] = true
		}
	}
	return out
}
