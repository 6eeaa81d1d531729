package ner

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cue classes are language-independent: a title in Polish and one in Italian
// fire the same feature, which lets the model carry what it learnt in the
// training languages over to languages it has no training data for.
const (
	cueTitle = "TITLE" // a person's title or role: "President", "Herr", "M."
	cueOrg   = "ORGW"  // a word that heads organisation names: "University", "Partei"
	cueLoc   = "LOCW"  // a word that heads place names: "River", "Stadt", "île"
	cueSay   = "SAY"   // a speech verb that follows a speaker: "said", "sagte"
	cuePrep  = "PREP"  // a preposition that often precedes a place: "in", "à", "w"
	cueDate  = "DATE"  // a month or weekday name: "Friday", "März", "giugno"
	cueStop  = "STOP"  // a function word: "the", "der", "le", "cependant"
)

// cueWords maps lowercased words to their cue class.
var cueWords = buildCues(map[string]string{
	cueTitle: `president präsident präsidentin président présidente presidente presidenta voorzitter prezydent президент
		premier premiere premierminister premierministerin première prime minister ministre ministra ministro ministerin minister minister министр премьер премьер-министр
		chancellor kanzler kanzlerin chancelier chancelière canciller cancelliere kanclerz канцлер
		spokesman spokeswoman spokesperson sprecher sprecherin porte-parole portavoz portavoce woordvoerder woordvoerster rzecznik rzeczniczka пресс-секретарь представитель
		mr mr. mrs mrs. ms ms. dr dr. prof prof. sir lord lady herr herrn frau m. mme mme. mlle monsieur madame señor señora sr. sra. don doña signor signora sig. sig.ra dott. dott dottor
		dhr. mevr. mevrouw meneer pan pani господин госпожа г-н г-жа
		king könig königin queen roi reine rey reina re regina koning koningin król królowa король королева prince prinz prinzessin princesse príncipe principe prins książę принц
		pope papst pape papa paus papież папа cardinal kardinal cardinale kardynał кардинал bishop bischof évêque obispo vescovo bisschop biskup епископ
		general général generale generał генерал colonel oberst colonnello coronel pułkownik полковник
		senator sénateur sénatrice senador senadora senatore senatrice сенатор
		secretary sekretär sekretärin secrétaire secretario secretaria segretario sekretarz секретарь
		director direktor direktorin directeur directrice directora direttore direttrice dyrektor директор ceo chairman chairwoman chef vorsitzende vorsitzender
		leader líder leider lider лидер coach trainer entraîneur entrenador allenatore trener тренер
		mayor bürgermeister bürgermeisterin maire alcalde alcaldesa sindaco sindaca burgemeester burmistrz мэр
		governor gouverneur gobernador governatore gubernator губернатор
		judge richter richterin juge juez giudice rechter sędzia судья
		ambassador botschafter ambassadeur embajador ambasciatore ambassadeur ambasador посол
		saint st. sankt sainte santo san santa św. святой
		deputy abgeordnete abgeordneter député députée diputado diputada deputato deputata poseł депутат`,
	cueOrg: `university universität université universidad università universiteit uniwersytet университет
		bank banque banco banca банк party partei parti partido partito partij partia партия
		inc inc. corp corp. co. ltd ltd. llc plc gmbh ag sa s.a. spa s.p.a. nv n.v. bv b.v. sp. ооо оао зао пао
		fc cf ac club klub клуб verein association asociación associazione vereniging stowarzyszenie ассоциация
		ministry ministerium ministère ministerio ministero ministerie ministerstwo министерство
		council rat conseil consejo consiglio raad rada совет committee komitee ausschuss comité comitato komitet комитет
		company gesellschaft société compañía società maatschappij spółka компания corporation konzern
		group gruppe groupe grupo gruppo groep grupa группа agency agentur agence agencia agenzia agentschap agencja агентство
		institute institut instituto istituto instytut институт foundation stiftung fondation fundación fondazione stichting fundacja фонд
		union gewerkschaft syndicat sindicato sindacato vakbond związek союз
		army armee armée ejército esercito leger armia армия police polizei policía polizia politie policja полиция
		news times post press zeitung journal journal periódico giornale krant gazeta газета
		airlines airways records studios`,
	cueLoc: `city stadt ville ciudad città stad miasto город town village dorf village pueblo villaggio dorp wieś деревня село
		river fluss rivière río fiume rivier rzeka река mount berg mont monte góra гора mountains gebirge montagnes montañas
		lake see lac lago meer jezioro озеро island insel île isla isola eiland wyspa остров bay bucht baie bahía baia zatoka залив
		province provinz provincia provincie prowincja провинция region région región regione regio регион область
		county grafschaft comté condado contea graafschap hrabstwo округ district bezirk arrondissement distrito distretto powiat район
		republic republik république república repubblica republiek republika республика kingdom königreich royaume reino regno koninkrijk królestwo королевство
		street straße strasse rue calle via straat ulica улица avenue platz plaza piazza plein plac площадь
		north nord norte south süd sud sur east ost este west ouest oeste`,
	cueSay: `said says told added sagte sagt erklärte betonte dit déclare déclaré affirme dijo dice declaró afirmó aseguró disse dice dichiarato afferma zei zegt verklaarde
		powiedział powiedziała stwierdził oświadczył сказал сказала заявил заявила сообщил сообщила`,
	cuePrep: `in at near from into nach aus bei im ins von en à au aux dans près vers depuis desde hacia cerca al del nel nella nei della delle dello degli dei sul sulla a da dal dalla naar bij uit te
		w we z ze do koło pod к в во из на под около`,
	cueDate: `monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december
		montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag januar jänner februar märz april mai juni juli august september oktober november dezember
		lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août septembre octobre novembre décembre
		lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
		lunedì martedì mercoledì giovedì venerdì sabato domenica gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre
		maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli augustus september oktober november december
		poniedziałek wtorek środa czwartek piątek sobota niedziela styczeń stycznia luty lutego marzec marca kwiecień kwietnia maj maja czerwiec czerwca lipiec lipca sierpień sierpnia wrzesień września październik października listopad listopada grudzień grudnia
		понедельник вторник среда четверг пятница суббота воскресенье январь января февраль февраля март марта апрель апреля май мая июнь июня июль июля август августа сентябрь сентября октябрь октября ноябрь ноября декабрь декабря`,
	cueStop: `the a an this that these those it he she we they i you his her its our their and or but if then also however when while after before because so not no yes there here which who what
		der die das den dem des ein eine einen einem einer eines und oder aber auch nicht kein keine er sie es wir ihr ich du sein seine ihre dieser diese dieses wenn als dass doch jedoch noch schon dann danach so wie
		le la les l' un une des du ce cet cette ces et ou mais aussi ne pas il elle ils elles nous vous je on son sa ses leur leurs qui que quoi dont cependant ainsi toutefois enfin néanmoins puis alors donc lors selon après avant depuis pendant
		el los las lo uno una unos unas y o pero también no él ella ellos ellas nosotros yo su sus este esta estos estas ese esa que quien cuando sin embargo además luego entonces después antes durante según
		il lo gli i uno una un' e ed o ma anche non lui lei loro noi io suo sua suoi sue questo questa questi queste quello quella che chi quando tuttavia inoltre quindi infatti poi dopo prima durante secondo così
		de het een en of maar ook niet geen hij zij ze wij we ik jij zijn haar hun dit dat deze die als toen dan daarna echter bovendien
		i oraz lub ale także też nie on ona ono oni one my ja ty jego jej ich ten ta to te który która które gdy kiedy jednak ponadto potem następnie po przed podczas
		и или но также тоже не он она оно они мы я ты его её их этот эта это эти который которая которые когда однако кроме затем после до во время`,
})

func buildCues(lists map[string]string) map[string]string {
	m := make(map[string]string)
	// Fill in a fixed order so a word listed twice gets the same class on
	// every run.
	for _, class := range []string{cueStop, cueDate, cuePrep, cueSay, cueLoc, cueOrg, cueTitle} {
		for _, w := range strings.Fields(lists[class]) {
			m[w] = class
		}
	}
	return m
}

// Country names in nine languages (en, de, es, nl, pl, ru, fr, it, pt) from
// the npm package i18n-iso-countries 7.14.0 (MIT; see data/countries.LICENSE).
// Like the cue words they fire the same feature in every language.
//
//go:embed data/countries.txt
var countriesText string

const (
	countryFull = "COUNTRY" // the token is a whole country name: "Allemagne"
	countryPart = "CPART"   // the token is part of one: "Regno" (Unito)
)

var countryWords = buildCountries(countriesText)

func buildCountries(text string) map[string]string {
	m := make(map[string]string)
	for _, name := range strings.Split(text, "\n") {
		words := strings.Fields(name)
		if len(words) == 1 {
			m[words[0]] = countryFull
		}
	}
	for _, name := range strings.Split(text, "\n") {
		words := strings.Fields(name)
		if len(words) < 2 {
			continue
		}
		for _, w := range words {
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) && m[w] == "" {
				m[w] = countryPart
			}
		}
	}
	return m
}
