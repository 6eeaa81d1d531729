package text

import (
	"strings"
	"testing"
)

func sentenceTexts(lang, s string) []string {
	var out []string
	for _, sp := range Sentences(lang, s) {
		out = append(out, s[sp.Start:sp.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		lang, in string
		want     []string
	}{
		{"en", "Two blasts hit the city. Nine people died!  Why? Nobody knows",
			[]string{"Two blasts hit the city.", "Nine people died!", "Why?", "Nobody knows"}},
		{"en", "It happened on Mar. 22 in St. Petersburg. Dr. Lee confirmed it.",
			[]string{"It happened on Mar. 22 in St. Petersburg.", "Dr. Lee confirmed it."}},
		{"en", "The U.S. embassy and the U.S. State Department agreed. Mr. J. Smith did not.",
			[]string{"The U.S. embassy and the U.S. State Department agreed.", "Mr. J. Smith did not."}},
		{"en", "The order came from the U.S. The embassy closed.",
			[]string{"The order came from the U.S.", "The embassy closed."}},
		{"en", `"We are safe," he said. "Stay home." Next came the rain.`,
			[]string{`"We are safe," he said.`, `"Stay home."`, "Next came the rain."}},
		{"en", "“Run!” she shouted. It was 8:30 p.m. on Friday.",
			[]string{"“Run!” she shouted.", "It was 8:30 p.m. on Friday."}},
		{"en", "Shares rose 3.5 percent (see example.com). Fine.",
			[]string{"Shares rose 3.5 percent (see example.com).", "Fine."}},
		{"en", "Headline without a stop\nFirst line of the story. Second.\n\nnew paragraph starts here",
			[]string{"Headline without a stop", "First line of the story.", "Second.", "new paragraph starts here"}},
		{"en", "a hard-wrapped line that goes\non and on. End.",
			[]string{"a hard-wrapped line that goes\non and on.", "End."}},
		{"de", "Am 8. März wurde z. B. in Köln Nr. 5 gesperrt. Die Polizei kam.",
			[]string{"Am 8. März wurde z. B. in Köln Nr. 5 gesperrt.", "Die Polizei kam."}},
		{"de", "Es gab 143 Tote. Danach kam der 2. Weltkrieg. Sie sagte: „Wir bleiben.“ Dann ging sie.",
			[]string{"Es gab 143 Tote.", "Danach kam der 2. Weltkrieg.", "Sie sagte: „Wir bleiben.“", "Dann ging sie."}},
		{"de", "Die Zahl stieg auf 60. Das meldete Dr. Weber.",
			[]string{"Die Zahl stieg auf 60.", "Das meldete Dr. Weber."}},
		{"fr", "M. Dupont et Mme Martin sont arrivés. Le maire a parlé.",
			[]string{"M. Dupont et Mme Martin sont arrivés.", "Le maire a parlé."}},
		{"fr", "« Au secours ! » Personne ne répond. Fin.",
			[]string{"« Au secours ! »", "Personne ne répond.", "Fin."}},
		{"it", "Il dott. Rossi e il sig. Bianchi sono arrivati. La polizia indaga.",
			[]string{"Il dott. Rossi e il sig. Bianchi sono arrivati.", "La polizia indaga."}},
		{"es", "La Sra. Peña y Dña. Carmen llegaron. El Sr. García no. ¿Por qué? Nadie sabe.",
			[]string{"La Sra. Peña y Dña. Carmen llegaron.", "El Sr. García no.", "¿Por qué?", "Nadie sabe."}},
		{"ru", "Взрыв произошёл на ул. Ленина в 2024 г. Погибли двое. Их назвал проф. Иванов.",
			[]string{"Взрыв произошёл на ул. Ленина в 2024 г.", "Погибли двое.", "Их назвал проф. Иванов."}},
		{"ru", "Это было в 1990 г. В Москве шёл снег.",
			[]string{"Это было в 1990 г.", "В Москве шёл снег."}},
		{"pl", "Policja zamknęła np. ul. Piotrkowską. Nikt nie zginął.",
			[]string{"Policja zamknęła np. ul. Piotrkowską.", "Nikt nie zginął."}},
		{"nl", "Zie blz. 4 voor het verslag. De politie zwijgt.",
			[]string{"Zie blz. 4 voor het verslag.", "De politie zwijgt."}},
		{"tr", "Prof. Dr. Yılmaz açıklama yaptı. Saldırıda 3 kişi öldü.",
			[]string{"Prof. Dr. Yılmaz açıklama yaptı.", "Saldırıda 3 kişi öldü."}},
		{"zz", "Dr. Who arrived. Then he left.", []string{"Dr. Who arrived.", "Then he left."}},
		{"en", "", nil},
		{"en", "  \n\n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.in, func(t *testing.T) {
			got := sentenceTexts(tt.lang, tt.in)
			if strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") || len(got) != len(tt.want) {
				t.Errorf("Sentences(%q, %q)\n got %q\nwant %q", tt.lang, tt.in, got, tt.want)
			}
		})
	}
}

// TestSentencesCover checks that spans are ordered, trimmed and together
// hold every non-space character.
func TestSentencesCover(t *testing.T) {
	s := " First one. Second one!\n\n  Third (with brackets). “Fourth.” "
	var b strings.Builder
	prev := 0
	for _, sp := range Sentences("en", s) {
		if sp.Start < prev {
			t.Fatalf("span %+v starts before %d", sp, prev)
		}
		txt := s[sp.Start:sp.End]
		if strings.TrimSpace(txt) != txt {
			t.Errorf("span %q is not trimmed", txt)
		}
		b.WriteString(txt)
		prev = sp.End
	}
	if got, want := b.String(), strings.Join(strings.Fields(s), ""); strings.Join(strings.Fields(got), "") != want {
		t.Errorf("spans cover %q, want %q", got, want)
	}
}
