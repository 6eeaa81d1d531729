package facts

import (
	"testing"

	"github.com/tocsin/tocsin/internal/news"
)

func TestClaims(t *testing.T) {
	tests := []struct {
		name, lang, text      string
		stance, actor, target string // want one claim; stance "" wants none
	}{
		{"en claims responsibility", "en", `The Northern Front claimed responsibility for the bombing in a message on Telegram.`, news.Claims, "Northern Front", "the bombing in a message on Telegram"},
		{"en letter of responsibility", "en", `Hours later, the militia "Black Banner" published a letter of responsibility.`, news.Claims, "Black Banner", ""},
		{"en denies", "en", `Officials in Valdoria rejected accusations of involvement in the attack.`, news.Denies, "Officials in Valdoria", "accusations of involvement in the attack"},
		{"en accuses", "en", `The defence ministry accuses the rebels of shelling the hospital.`, news.Blames, "defence ministry", "the rebels"},
		{"en hinting at", "en", `Hinting at foreign involvement, President Anna Marsh said the attackers had help.`, news.Blames, "President Anna Marsh", "foreign involvement"},
		{"en warns", "en", `The embassy warned of possible attacks on shopping centres.`, news.Warns, "embassy", "possible attacks on shopping centres"},
		{"en urged to avoid", "en", `The embassy urged its citizens to avoid large crowds.`, news.Warns, "embassy", "its citizens to avoid large crowds"},
		{"en urged without avoid", "en", `The mayor urged residents to vote early.`, "", "", ""},
		{"en modal", "en", `It is unlikely that the group would claim responsibility for a failed attack.`, "", "", ""},
		{"de bestreitet", "de", `Die Regierung bestreitet jede Beteiligung an dem Anschlag.`, news.Denies, "Regierung", "jede Beteiligung an dem Anschlag"},
		{"de wirft vor", "de", `Der Geheimdienst wirft den USA vor, Kämpfer auszubilden.`, news.Blames, "Geheimdienst", ""},
		{"fr dément", "fr", `Le gouvernement dément toute implication dans l'attaque.`, news.Denies, "gouvernement", "toute implication dans l'attaque"},
		{"fr accuse", "fr", `Le ministre accuse les rebelles d'avoir tiré sur la ville.`, news.Blames, "ministre", "les rebelles d'avoir tiré sur la ville"},
		{"es niega", "es", `El portavoz niega cualquier relación con el ataque.`, news.Denies, "portavoz", "cualquier relación con el ataque"},
		{"es acusa", "es", `El gobierno acusa a la oposición de organizar los disturbios.`, news.Blames, "gobierno", "a la oposición"},
		{"it smentisce", "it", `Il ministero smentisce ogni coinvolgimento nell'attentato.`, news.Denies, "ministero", "ogni coinvolgimento nell'attentato"},
		{"ru отрицает", "ru", `Министерство отрицает причастность к нападению.`, news.Denies, "Министерство", "причастность к нападению"},
		{"ru взяла ответственность", "ru", `Группировка взяла на себя ответственность за взрыв.`, news.Claims, "Группировка", "взрыв"},
		{"pl ostrzegł", "pl", `Ambasada ostrzegła przed podróżami do regionu.`, news.Warns, "Ambasada", "przed podróżami do regionu"},
		{"nl ontkent", "nl", `De regering ontkent elke betrokkenheid bij de aanslag.`, news.Denies, "regering", "elke betrokkenheid bij de aanslag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Claims(NewDoc(tt.text, tt.lang, nil), nil)
			if tt.stance == "" {
				if len(got) != 0 {
					t.Fatalf("got %+v, want none", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("got %d claims %+v, want 1", len(got), got)
			}
			c := got[0]
			if c.Stance != tt.stance || c.Actor != tt.actor || tt.target != "" && c.Target != tt.target {
				t.Errorf("got %s %q %q, want %s %q %q", c.Stance, c.Actor, c.Target, tt.stance, tt.actor, tt.target)
			}
			if c.Text == "" || c.Span.End <= c.Span.Start {
				t.Errorf("got text %q span %+v, want the clause", c.Text, c.Span)
			}
		})
	}
}

func TestClaimsCoordinated(t *testing.T) {
	s := `The embassy warned of an attack and, in a first reaction, warned not to blame the neighbours.`
	got := Claims(NewDoc(s, "en", nil), nil)
	if len(got) != 2 || got[1].Actor != "embassy" || got[1].Target != "not to blame the neighbours" {
		t.Fatalf("got %+v, want two warnings by the embassy", got)
	}
}
