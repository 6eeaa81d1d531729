package facts

import (
	"testing"

	"github.com/tocsin/tocsin/internal/news"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		lang, title, text string
		figures           []news.Figure
		claims            []news.Claim
		want              string
	}{
		{"en", "Gunmen open fire at concert hall", "Several gunmen opened fire on visitors of a concert hall on Friday evening. Witnesses heard shots for twenty minutes. The attackers fled.",
			[]news.Figure{{Kind: news.Killed, Value: 40}}, nil, news.TypeArmedAttack},
		{"de", "Schüsse in Einkaufszentrum", "Ein bewaffneter Mann hat in einem Einkaufszentrum um sich geschossen. Die Schüsse trafen vier Menschen. Der Schütze wurde festgenommen.", nil, nil, news.TypeArmedAttack},
		{"en", "Car bomb kills six in market", "A car bomb exploded in a crowded market on Tuesday. The blast destroyed several shops. Police said the explosive was hidden in a van.", nil, nil, news.TypeBombing},
		{"fr", "Explosion d'une bombe près de la gare", "Une bombe a explosé près de la gare centrale. L'engin explosif était caché dans un sac. L'explosion a fait trois blessés.", nil, nil, news.TypeBombing},
		{"en", "Embassy warns of imminent attacks", "The embassy warned its citizens to avoid large gatherings over the weekend. The security alert cites an imminent threat. Travellers were urged to be cautious.", nil, nil, news.TypeWarning},
		{"it", "Allerta dell'ambasciata", "L'ambasciata ha lanciato un'allerta per i suoi cittadini. Il governo avverte di una minaccia di attentati nei prossimi giorni.", nil, nil, news.TypeWarning},
		{"en", "Police foil bomb plot, arrest three", "Police said they foiled a plot to attack a synagogue. Three suspects were arrested in raids overnight. Weapons were seized.", nil, nil, news.TypeFoiledPlot},
		{"es", "Desarticulada una célula", "La policía ha frustrado un atentado y ha detenido a cuatro sospechosos en una redada. Los detenidos planeaban atacar una iglesia.", nil, nil, news.TypeFoiledPlot},
		{"en", "Militant group claims responsibility for attack", "The militant group claimed responsibility for the attack in a statement posted online. Experts said the claim appeared genuine.", nil, []news.Claim{{Actor: "the group", Stance: news.Claims}}, news.TypeClaim},
		{"ru", "ИГ взяло на себя ответственность", "Группировка взяла на себя ответственность за теракт. Заявление появилось в интернете.", nil, nil, news.TypeClaim},
		{"en", "Ministry accuses neighbour of staging provocation", "The foreign ministry accused its neighbour of staging a provocation. A spokeswoman condemned the statement of the neighbour's president, who denied the accusations.", nil, nil, news.TypeStatement},
		{"pl", "Tysiące na ulicach", "Tysiące ludzi protestowało w stolicy. Demonstracja przeszła pod parlament. Protestujący domagali się dymisji rządu.", nil, nil, news.TypeProtest},
		{"nl", "Duizenden betogers in Amsterdam", "Duizenden mensen hebben in Amsterdam geprotesteerd. De demonstratie verliep rustig. De betoging eindigde op de Dam.", nil, nil, news.TypeProtest},
		{"en", "Earthquake hits coastal towns", "A strong earthquake struck the coast early on Monday. Buildings collapsed in three towns and rescue teams searched the rubble.", []news.Figure{{Kind: news.Killed, Value: 12}}, nil, news.TypeDisaster},
		{"de", "Zugunglück in Bayern", "Bei einem Zugunglück in Bayern sind zwei Züge zusammengestoßen. Der Unfall ereignete sich am Morgen; die Feuerwehr war im Einsatz.", nil, nil, news.TypeDisaster},
		{"en", "Team wins the championship", "The home team won the championship after a long season. Fans celebrated in the streets until late.", nil, nil, news.TypeOther},
		{"fr", "Nouveau téléphone présenté", "Le fabricant a présenté un nouveau téléphone avec un écran plus grand et une batterie améliorée.", nil, nil, news.TypeOther},
	}
	for _, tc := range tests {
		t.Run(tc.lang+"/"+tc.title, func(t *testing.T) {
			got := Classify(NewDoc(tc.text, tc.lang, &pubSat), tc.title, tc.figures, tc.claims)
			if got.Type != tc.want {
				t.Errorf("got %s (%.2f), want %s", got.Type, got.Confidence, tc.want)
			}
			if got.Confidence < 0 || got.Confidence > 1 {
				t.Errorf("confidence %v out of [0, 1]", got.Confidence)
			}
		})
	}
}
