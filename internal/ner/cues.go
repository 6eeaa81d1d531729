package ner

import "strings"

// Cue classes are language-independent: a title in Polish and one in Italian
// fire the same feature, which lets the model carry what it learnt in the
// training languages over to languages it has no training data for.
const (
	cueTitle = "TITLE" // a person's title or role: "President", "Herr", "M."
	cueOrg   = "ORGW"  // a word that heads organisation names: "University", "Partei"
	cueLoc   = "LOCW"  // a word that heads place names: "River", "Stadt", "île"
	cueSay   = "SAY"   // a speech verb that follows a speaker: "said", "sagte"
	cuePrep  = "PREP"  // a preposition that often precedes a place: "in", "à", "w"
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
	cuePrep: `in at near from into nach aus bei im ins von en à au aux dans près vers depuis desde hacia cerca al del nel nella nei a da dal dalla naar bij uit te
		w we z ze do koło pod к в во из на под около`,
})

func buildCues(lists map[string]string) map[string]string {
	m := make(map[string]string)
	// Fill in a fixed order so a word listed twice gets the same class on
	// every run.
	for _, class := range []string{cuePrep, cueSay, cueLoc, cueOrg, cueTitle} {
		for _, w := range strings.Fields(lists[class]) {
			m[w] = class
		}
	}
	return m
}
