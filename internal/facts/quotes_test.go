package facts

import (
	"testing"

	"github.com/tocsin/tocsin/internal/news"
)

// wantQuote is the part of a quote a test checks; Text is matched exactly
// unless empty.
type wantQuote struct {
	text, speaker, cue string
	direct             bool
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []wantQuote
	}{
		{"en after, said X", "en", `Anna Berg, the city's fire chief, arrived at noon. "The roof could collapse at any moment," said Berg.`,
			[]wantQuote{{"The roof could collapse at any moment", "Anna Berg", "said", true}}},
		{"en after, X said", "en", `"We have evacuated four streets," the mayor said on Monday.`,
			[]wantQuote{{"We have evacuated four streets", "mayor", "said", true}}},
		{"en before with colon", "en", `Jonas Weber, a local farmer, commented: "Nobody warned us about the dam."`,
			[]wantQuote{{"Nobody warned us about the dam.", "Jonas Weber", "commented", true}}},
		{"en split quote", "en", `"The water rose fast," he said. "We lost everything."`,
			[]wantQuote{{"The water rose fast, We lost everything.", "he", "said", true}}},
		{"en pronoun after named speaker", "en", `Governor Maria Costa visited the shelter on Sunday. "These families need help now," she said.`,
			[]wantQuote{{"These families need help now", "Maria Costa", "said", true}}},
		{"en told Reuters", "en", `"The talks failed twice," Omar Haddad told Reuters.`,
			[]wantQuote{{"The talks failed twice", "Omar Haddad", "told Reuters", true}}},
		{"en nested quotes", "en", `"They shouted 'run' and we ran," a witness said.`,
			[]wantQuote{{"They shouted 'run' and we ran", "witness", "said", true}}},
		{"de nested quotes", "de", `„Sie riefen 'Feuer' und wir rannten", sagte eine Zeugin.`,
			[]wantQuote{{"Sie riefen 'Feuer' und wir rannten", "Zeugin", "sagte", true}}},
		{"fr nested quotes", "fr", `« Ils criaient 'au feu' et nous avons couru », a déclaré un témoin.`,
			[]wantQuote{{"Ils criaient 'au feu' et nous avons couru", "témoin", "déclaré", true}}},
		{"es nested quotes", "es", `"Gritaban 'fuego' y corrimos", dijo un testigo.`,
			[]wantQuote{{"Gritaban 'fuego' y corrimos", "testigo", "dijo", true}}},
		{"ru nested quotes", "ru", `«Они кричали 'пожар', и мы побежали», - сказал свидетель.`,
			[]wantQuote{{"Они кричали 'пожар', и мы побежали", "свидетель", "сказал", true}}},
		{"en reported that", "en", `Police said that three suspects had been arrested near the border.`,
			[]wantQuote{{"that three suspects had been arrested near the border", "Police", "said", false}}},
		{"en reported, X said", "en", `The fire started in the kitchen, a spokesman for the brigade said.`,
			[]wantQuote{{"The fire started in the kitchen", "spokesman for the brigade", "said", false}}},
		{"en according to", "en", `According to the health ministry, 40 people were injured in the blast.`,
			[]wantQuote{{"40 people were injured in the blast", "health ministry", "According to", false}}},
		{"en spokeswoman resolved", "en", `The Interior Ministry of Ruritania ordered an inquiry. The attack raised many questions, a spokeswoman for the ministry said on Friday.`,
			[]wantQuote{{"The attack raised many questions", "spokeswoman for the Interior Ministry", "said", false}}},
		{"en scare quote", "en", `The gunmen were "neutralized" by special forces before the band "Piknik" could play.`, nil},
		{"de sagte", "de", `"Wir lassen uns nicht einschüchtern", sagte Innenministerin Eva Lang.`,
			[]wantQuote{{"Wir lassen uns nicht einschüchtern", "Innenministerin Eva Lang", "sagte", true}}},
		{"de laut Konjunktiv", "de", `Laut Polizei seien drei Männer festgenommen worden.`,
			[]wantQuote{{"seien drei Männer festgenommen worden", "Polizei", "Laut", false}}},
		{"de reported comma", "de", `Ein Sprecher der Stadt sagte, die Brücke bleibe bis Montag gesperrt.`,
			[]wantQuote{{"die Brücke bleibe bis Montag gesperrt", "Sprecher der Stadt", "sagte", false}}},
		{"fr a déclaré", "fr", `« Nous ne céderons pas », a déclaré le ministre Paul Martin.`,
			[]wantQuote{{"Nous ne céderons pas", "Paul Martin", "déclaré", true}}},
		{"fr selon", "fr", `Selon la préfecture, deux personnes ont été blessées dans l'incendie.`,
			[]wantQuote{{"deux personnes ont été blessées dans l'incendie", "préfecture", "Selon", false}}},
		{"fr a-t-il", "fr", `Le maire Luc Petit est arrivé. "La situation est grave", a-t-il ajouté.`,
			[]wantQuote{{"La situation est grave", "Luc Petit", "ajouté", true}}},
		{"es dijo", "es", `"No tenemos agua desde el lunes", dijo Carmen Ruiz.`,
			[]wantQuote{{"No tenemos agua desde el lunes", "Carmen Ruiz", "dijo", true}}},
		{"es según", "es", `Según la policía, el incendio comenzó en el sótano del edificio.`,
			[]wantQuote{{"el incendio comenzó en el sótano del edificio", "policía", "Según", false}}},
		{"it ha detto", "it", `"Abbiamo chiuso tutte le scuole", ha detto il sindaco Marco Bianchi.`,
			[]wantQuote{{"Abbiamo chiuso tutte le scuole", "Marco Bianchi", "detto", true}}},
		{"it secondo", "it", `Secondo i vigili del fuoco, il tetto è crollato durante la notte.`,
			[]wantQuote{{"il tetto è crollato durante la notte", "vigili del fuoco", "Secondo", false}}},
		{"ru заявил with dash", "ru", `"Ситуация под контролем", - заявил Иван Петров.`,
			[]wantQuote{{"Ситуация под контролем", "Иван Петров", "заявил", true}}},
		{"ru по словам", "ru", `По словам губернатора, пострадали двенадцать человек в центре города.`,
			[]wantQuote{{"пострадали двенадцать человек в центре города", "губернатора", "По словам", false}}},
		{"pl powiedział", "pl", `"Nie mamy jeszcze wyników", powiedział Jan Kowalski.`,
			[]wantQuote{{"Nie mamy jeszcze wyników", "Jan Kowalski", "powiedział", true}}},
		{"pl według", "pl", `Według policji sprawca uciekł samochodem w stronę granicy.`,
			[]wantQuote{{"sprawca uciekł samochodem w stronę granicy", "policji", "Według", false}}},
		{"nl zei", "nl", `"We zijn allemaal geschokt", zei burgemeester Els de Vries.`,
			[]wantQuote{{"We zijn allemaal geschokt", "burgemeester Els de Vries", "zei", true}}},
		{"nl aldus", "nl", `"De dijk houdt het nog", aldus Pieter Jansen.`,
			[]wantQuote{{"De dijk houdt het nog", "Pieter Jansen", "aldus", true}}},
		{"nl volgens", "nl", `Volgens de politie zijn er drie mensen aangehouden in het centrum.`,
			[]wantQuote{{"zijn er drie mensen aangehouden in het centrum", "politie", "Volgens", false}}},
		{"en object of support", "en", `Senator Lena Holm backed the new tariff bill.`,
			[]wantQuote{{"the new tariff bill", "Senator Lena Holm", "backed", false}}},
		{"en declined to comment", "en", `The company declined to comment on the report.`,
			[]wantQuote{{"to comment on the report", "company", "declined", false}}},
		{"en participle saying", "en", `The mayor closed the bridge on Monday, saying the cracks were too deep to risk traffic.`,
			[]wantQuote{{"the cracks were too deep to risk traffic", "mayor", "saying", false}}},
		{"en parenthetical frame", "en", `If the river keeps rising, Mayor Jonas Berg said, the old town will be flooded.`,
			[]wantQuote{{"", "Mayor Jonas Berg", "said", false}}},
		{"en inverted with apposition", "en", `The dam was never inspected, said Ruth Adler, the head of the water board.`,
			[]wantQuote{{"The dam was never inspected", "Ruth Adler", "said", false}}},
		{"en quoted fragment in reported speech", "en", `Officials said "urgent repairs" are needed on the bridge.`,
			[]wantQuote{{`"urgent repairs" are needed on the bridge`, "Officials", "said", false}}},
		{"en coordinated verbs", "en", `The court overruled the ban and said voters may register on election day.`,
			[]wantQuote{{"voters may register on election day", "court", "said", false}}},
		{"en parenthesis in subject", "en", `Sen. Mark Doyle (D-Ore.) said the vote would be delayed.`,
			[]wantQuote{{"the vote would be delayed", "Sen. Mark Doyle (D-Ore.)", "said", false}}},
		{"en no frame across paragraphs", "en", "The embassy said there was a risk of arrest. \"Citizens must leave the country at once.\"\nThe mayor has repeatedly urged residents to stay, after the governor announced a curfew.",
			[]wantQuote{{"there was a risk of arrest", "embassy", "said", false}, {"Citizens must leave the country at once.", "", "", true},
				{"residents to stay, after the governor announced a curfew", "mayor", "urged", false}}},
		{"en according to closing the sentence", "en", `The bridge will stay closed until May, according to engineers of the regional transport office.`,
			[]wantQuote{{"The bridge will stay closed until May", "engineers of the regional transport office", "according to", false}}},
		{"en according to a long source", "en", `According to a new Harbour Times/City Radio poll out Monday, the mayor leads by nine points.`,
			[]wantQuote{{"the mayor leads by nine points", "new Harbour Times/City Radio poll out Monday", "According to", false}}},
		{"en headline colon", "en", "Mayor Berg: The harbour needs a new sea wall\nThe city council met on Monday.",
			[]wantQuote{{"The harbour needs a new sea wall", "Mayor Berg", ":", false}}},
		{"en in a poll", "en", `In a survey released on Sunday, most residents backed the new tram line.`,
			[]wantQuote{{"most residents backed the new tram line", "survey released on Sunday", "In", false}, {"the new tram line", "most residents", "backed", false}}},
		{"de Umfrage", "de", `In einer Umfrage vom Montag, die meisten Bürger wollen den Ausbau.`,
			[]wantQuote{{"die meisten Bürger wollen den Ausbau", "Umfrage vom Montag", "In", false}}},
		{"fr deux-points", "fr", "Pierre Dupont : La digue doit être renforcée\nLe conseil se réunit lundi.",
			[]wantQuote{{"La digue doit être renforcée", "Pierre Dupont", ":", false}}},
		{"en lowering changes byte length", "en", `"The port of İZMİR is closed," said Ayla Demir.`,
			[]wantQuote{{"The port of İZMİR is closed", "Ayla Demir", "said", true}}},
		{"en attitude noun is no cue", "en", `The mayor's plan would close two schools, and support was weak.`, nil},
		{"en it resolved to an organisation", "en", `The Interior Ministry published a statement on Friday. It says that the fire was arson.`,
			[]wantQuote{{"that the fire was arson", "Interior Ministry", "says", false}}},
		{"en it without an antecedent", "en", `It says that prices will rise again next year.`,
			[]wantQuote{{"that prices will rise again next year", "", "says", false}}},
		{"en reported clause holding that", "en", `O'Neill said officials are in possession of video that shows the explosion.`,
			[]wantQuote{{"officials are in possession of video that shows the explosion", "O'Neill", "said", false}}},
		{"en quote ending its sentence is no frame's", "en", `Japan branded the regime an "outlaw nation in the neighborhood." Russia insisted that the regime "stop its dangerous escapades."`,
			[]wantQuote{{"outlaw nation in the neighborhood.", "", "", true}, {`that the regime "stop its dangerous escapades."`, "Russia", "insisted", false}}},
		{"en relative who", "en", `The group includes Senator Ted Cruz, who said he is honored by the support of the members.`,
			[]wantQuote{{"he is honored by the support of the members", "Senator Ted Cruz", "said", false}}},
		{"fr relative qui", "fr", `Il a rencontré Emmanuel Macron, qui a déclaré que la situation était grave.`,
			[]wantQuote{{"que la situation était grave", "Emmanuel Macron", "déclaré", false}}},
		{"es relative quien", "es", `Habló con Carmen Ruiz, quien dijo que el agua llegará el lunes.`,
			[]wantQuote{{"que el agua llegará el lunes", "Carmen Ruiz", "dijo", false}}},
		{"en headline says", "en", "Lindsey Graham Says Trump Could Address Clean Energy\n\nThe senator spoke on Monday.",
			[]wantQuote{{"Trump Could Address Clean Energy", "Lindsey Graham", "Says", false}}},
		{"en capitalised says is no headline verb in a sentence", "en", `The game Simon Says Stop is popular with children in the town.`, nil},
		{"en apposition with an abbreviation", "en", `Sen. Marco Rubio, R-Fla., said the vote would be delayed.`,
			[]wantQuote{{"the vote would be delayed", "Sen. Marco Rubio", "said", false}}},
		{"en time adverbial before a pronoun", "en", `At the town hall this week she said the plan had been a mistake.`,
			[]wantQuote{{"the plan had been a mistake", "she", "said", false}}},
		{"en time adverbial before a name", "en", `Last week Anna Berg said the bridge would reopen in May.`,
			[]wantQuote{{"the bridge would reopen in May", "Anna Berg", "said", false}}},
		{"en according to a source with a relative clause", "en", `Talks with the companies have gone on for a year, according to a senior administration official who spoke on the condition of anonymity.`,
			[]wantQuote{{"Talks with the companies have gone on for a year", "senior administration official", "according to", false}}},
		{"de object", "de", `Die Opposition kritisierte den Haushaltsplan der Regierung.`,
			[]wantQuote{{"den Haushaltsplan der Regierung", "Opposition", "kritisierte", false}}},
		{"fr object", "fr", `Le syndicat soutient la grève des cheminots.`,
			[]wantQuote{{"la grève des cheminots", "syndicat", "soutient", false}}},
		{"es object", "es", `El alcalde rechazó la propuesta de la oposición.`,
			[]wantQuote{{"la propuesta de la oposición", "alcalde", "rechazó", false}}},
		{"it object", "it", `Il sindaco ha criticato la decisione del governo.`,
			[]wantQuote{{"la decisione del governo", "sindaco", "criticato", false}}},
		{"ru object", "ru", `Губернатор поддержал проект нового моста.`,
			[]wantQuote{{"проект нового моста", "Губернатор", "поддержал", false}}},
		{"pl object", "pl", `Burmistrz skrytykował decyzję rządu.`,
			[]wantQuote{{"decyzję rządu", "Burmistrz", "skrytykował", false}}},
		{"nl object", "nl", `De vakbond steunt de staking van de buschauffeurs.`,
			[]wantQuote{{"de staking van de buschauffeurs", "vakbond", "steunt", false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Quotes(NewDoc(normalizeQuotes(tt.text), tt.lang, nil), nil)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d quotes %+v, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if w.text != "" && g.Text != w.text || g.Speaker != w.speaker || g.Cue != w.cue || g.Direct != w.direct {
					t.Errorf("got %+v, want %+v", g, w)
				}
			}
		})
	}
}

// normalizeQuotes folds quote marks the way ingest does, for tests written
// with typographic quotes.
func normalizeQuotes(s string) string {
	r := []rune(s)
	out := make([]rune, 0, len(r))
	for i := 0; i < len(r); i++ {
		switch r[i] {
		case '«', '»', '“', '”', '„':
			out = append(out, '"')
			if r[i] == '«' && i+1 < len(r) && r[i+1] == ' ' {
				i++
			}
			if len(out) > 1 && r[i] == '»' && out[len(out)-2] == ' ' {
				out = append(out[:len(out)-2], '"')
			}
		default:
			out = append(out, r[i])
		}
	}
	return string(out)
}

func TestQuotesEntity(t *testing.T) {
	s := `Peter Lund leads the agency. "We found the cause," said Lund.`
	mentions := []news.Mention{{Span: news.Span{Start: 0, End: 10}, Text: "Peter Lund", Type: news.PER, Entity: "per:peter-lund"}}
	got := Quotes(NewDoc(s, "en", nil), mentions)
	if len(got) != 1 || got[0].Speaker != "Peter Lund" || got[0].Entity != "per:peter-lund" {
		t.Fatalf("got %+v, want speaker Peter Lund with entity per:peter-lund", got)
	}
	if got[0].Span != (news.Span{Start: 29, End: 50}) {
		t.Errorf("got span %+v, want {29 50}", got[0].Span)
	}
}

func TestQuotesEmpty(t *testing.T) {
	if got := Quotes(NewDoc("", "en", nil), nil); got != nil {
		t.Errorf("got %+v, want nil", got)
	}
	if got := Quotes(NewDoc(`"`, "en", nil), nil); len(got) != 0 {
		t.Errorf("got %+v, want none", got)
	}
}
