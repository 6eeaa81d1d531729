package ner

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestSpans(t *testing.T) {
	tests := []struct {
		name string
		tags string
		want []Span
	}{
		{"empty", "", nil},
		{"all O", "O O O", nil},
		{"single", "B-PER", []Span{{0, 1, "PER"}}},
		{"multi-token at end", "O B-LOC I-LOC", []Span{{1, 3, "LOC"}}},
		{"two adjacent B", "B-PER B-PER", []Span{{0, 1, "PER"}, {1, 2, "PER"}}},
		{"I without B starts entity", "O I-ORG I-ORG O", []Span{{1, 3, "ORG"}}},
		{"I at start", "I-LOC", []Span{{0, 1, "LOC"}}},
		{"I of other type splits", "B-PER I-LOC", []Span{{0, 1, "PER"}, {1, 2, "LOC"}}},
		{"O ends entity", "B-MISC O I-MISC", []Span{{0, 1, "MISC"}, {2, 3, "MISC"}}},
		{"unknown tag ends entity", "B-PER X I-PER", []Span{{0, 1, "PER"}, {2, 3, "PER"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Spans(strings.Fields(tt.tags))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Spans(%q) = %v, want %v", tt.tags, got, tt.want)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	gold := strings.Fields("B-PER I-PER O B-LOC O B-ORG I-ORG O B-MISC")
	pred := strings.Fields("B-PER I-PER O B-ORG O B-ORG O O O")
	s := Compare(gold, pred)
	// Gold: PER 0-2, LOC 3-4, ORG 5-7, MISC 8-9. Predicted: PER 0-2 (right),
	// ORG 3-4 (wrong type), ORG 5-6 (wrong span).
	if want := (Counts{Correct: 1, Predicted: 3, Gold: 4}); s.Overall != want {
		t.Errorf("overall = %+v, want %+v", s.Overall, want)
	}
	if got, want := s.ByType["ORG"], (Counts{Correct: 0, Predicted: 2, Gold: 1}); got != want {
		t.Errorf("ORG = %+v, want %+v", got, want)
	}
	if got, want := s.Overall.Precision(), 1.0/3; got != want {
		t.Errorf("precision = %v, want %v", got, want)
	}
	if got, want := s.Overall.F1(), 2*(1.0/3)*(1.0/4)/(1.0/3+1.0/4); abs(got-want) > 1e-12 {
		t.Errorf("F1 = %v, want %v", got, want)
	}
	if got, want := s.Only("PER", "LOC").F1(), 2*(1.0/1)*(1.0/2)/(1.0+0.5); abs(got-want) > 1e-12 {
		t.Errorf("F1 over PER and LOC = %v, want %v", got, want)
	}
	if got := (Counts{}).F1(); got != 0 {
		t.Errorf("F1 of nothing = %v, want 0", got)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestReadCorpus(t *testing.T) {
	in := `{"lang":"en","set":"x","tokens":["Anna","ran"],"tags":["B-PER","O"]}

{"lang":"de","tokens":["in","Köln"],"tags":["O","S-LOC"]}
`
	got, err := ReadCorpus(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Sentence{
		{Lang: "en", Set: "x", Tokens: []string{"Anna", "ran"}, Tags: []string{"B-PER", "O"}},
		{Lang: "de", Tokens: []string{"in", "Köln"}, Tags: []string{"O", "B-LOC"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	for _, bad := range []string{
		`{"lang":"en","tokens":["a","b"],"tags":["O"]}`,
		`{"lang":"en","tokens":`,
	} {
		if _, err := ReadCorpus(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadCorpus(%q): got no error", bad)
		}
	}
}

// synthetic builds sentences from templates and name lists; names drawn from
// the first half of each list train, the second half test.
func synthetic(n int, seed uint64, test bool) []Sentence {
	people := []string{"Anna Berg", "Piotr Nowak", "Marie Dubois", "Juan Ortega", "Lena Vogel", "Ivo Kranjc",
		"Sara Lind", "Tomas Hruby", "Olga Petrova", "Marco Rossi", "Eva Holm", "Jan de Vries"}
	places := []string{"Arvika", "Tarnow", "Lugano", "Zamora", "Kassel", "Bergen",
		"Ostrava", "Gouda", "Faro", "Nantes", "Split", "Umea"}
	orgs := []string{"Norvik Bank", "Helios Group", "Tarn Motors", "Alpina Union", "Vesta Foods", "Kobalt Energy",
		"Orion Labs", "Delta Textil", "Borea Airlines", "Lumen Media", "Quarz Chemie", "Nord Rail"}
	templates := []string{
		"P visited L on Monday .",
		"The company O hired P in L .",
		"P said that O will open an office in L .",
		"In L , P met the chief of O .",
		"Yesterday P left L for good .",
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	pick := func(list []string) string {
		half := len(list) / 2
		if test {
			return list[half+rng.IntN(half)]
		}
		return list[rng.IntN(half)]
	}
	var out []Sentence
	for range n {
		s := Sentence{Lang: "en"}
		for _, w := range strings.Fields(templates[rng.IntN(len(templates))]) {
			var name, typ string
			switch w {
			case "P":
				name, typ = pick(people), "PER"
			case "L":
				name, typ = pick(places), "LOC"
			case "O":
				name, typ = pick(orgs), "ORG"
			default:
				s.Tokens = append(s.Tokens, w)
				s.Tags = append(s.Tags, "O")
				continue
			}
			for i, part := range strings.Fields(name) {
				s.Tokens = append(s.Tokens, part)
				if i == 0 {
					s.Tags = append(s.Tags, "B-"+typ)
				} else {
					s.Tags = append(s.Tags, "I-"+typ)
				}
			}
		}
		out = append(out, s)
	}
	return out
}

func writeModel(t *testing.T, m *Model) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTrainDeterministicAndLearns(t *testing.T) {
	train := synthetic(600, 1, false)
	cfg := TrainConfig{Epochs: 8, Seed: 42, MinCount: 1}
	m1, err := Train(context.Background(), cfg, train)
	if err != nil {
		t.Fatal(err)
	}
	m2, err := Train(context.Background(), cfg, train)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(writeModel(t, m1), writeModel(t, m2)) {
		t.Error("two trainings with the same seed gave different models")
	}
	if want := []string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}; !slices.Equal(m1.Tags, want) {
		t.Errorf("tags = %v, want %v", m1.Tags, want)
	}
	// Names never seen in training: the templates and shapes must carry it.
	s := Evaluate(New(m1, nil), synthetic(200, 2, true))
	if f := s.Overall.F1(); f < 0.9 {
		t.Errorf("F1 on unseen names = %.3f, want >= 0.9 (%+v)", f, s.ByType)
	}
	// A model trained on the training data only must know those names better
	// than an untrained guess: check a seen sentence exactly.
	tg := New(m1, nil)
	if got := tg.Tag("en", train[0].Tokens); !slices.Equal(got, train[0].Tags) {
		t.Errorf("Tag(%v) = %v, want %v", train[0].Tokens, got, train[0].Tags)
	}

	other, err := Train(context.Background(), TrainConfig{Epochs: 5, Seed: 43, MinCount: 1}, train)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(writeModel(t, m1), writeModel(t, other)) {
		t.Error("different seeds gave identical models; the seed is not used")
	}
}

func TestTrainCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Train(ctx, TrainConfig{}, synthetic(10, 1, false)); err == nil {
		t.Error("Train with a cancelled context: got no error")
	}
	if _, err := Train(context.Background(), TrainConfig{}, nil); err == nil {
		t.Error("Train without data: got no error")
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	for _, c := range []struct{ greedy, style bool }{{false, false}, {true, false}, {false, true}} {
		greedy := c.greedy
		t.Run(fmt.Sprintf("greedy=%v,style=%v", greedy, c.style), func(t *testing.T) {
			m, err := Train(context.Background(), TrainConfig{Epochs: 3, Seed: 1, Greedy: greedy, SentStyle: c.style}, synthetic(200, 1, false))
			if err != nil {
				t.Fatal(err)
			}
			if m.SentStyle != c.style {
				t.Errorf("SentStyle = %v, want %v", m.SentStyle, c.style)
			}
			b := writeModel(t, m)
			back, err := Read(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, m) {
				t.Errorf("Read(Write(m)) differs from m: tags %v/%v, features %d/%d", back.Tags, m.Tags, back.Features(), m.Features())
			}
			if b2 := writeModel(t, back); !bytes.Equal(b, b2) {
				t.Error("writing the model read back gives other bytes")
			}
			test := synthetic(50, 3, true)
			t1, t2 := New(m, nil), New(back, nil)
			for _, s := range test {
				if a, b := t1.Tag("en", s.Tokens), t2.Tag("en", s.Tokens); !slices.Equal(a, b) {
					t.Fatalf("tags differ after round trip: %v vs %v", a, b)
				}
			}
		})
	}
}

func TestReadRejectsCorruptModels(t *testing.T) {
	m, err := Train(context.Background(), TrainConfig{Epochs: 1, Seed: 1}, synthetic(50, 1, false))
	if err != nil {
		t.Fatal(err)
	}
	good := writeModel(t, m)
	var notModel bytes.Buffer
	if err := (&Model{Tags: []string{"O"}, trans: make([]float32, 2)}).Write(&notModel); err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("hello"),
		"truncated": good[:len(good)/2],
	}
	for name, b := range cases {
		if _, err := Read(bytes.NewReader(b)); err == nil {
			t.Errorf("%s: Read gave no error", name)
		}
	}
	if _, err := Read(bytes.NewReader(notModel.Bytes())); err != nil {
		t.Errorf("minimal model: %v", err)
	}
}

func TestGazetteerFeatures(t *testing.T) {
	// Place names are drawn from a pool the gazetteer knows; the test
	// sentences use places never seen in training, in a template where only
	// the gazetteer can tell a place from a person.
	// Every name has the same shape and is drawn from one pool, so its
	// letters say nothing about its type.
	var names []string
	for i := range 160 {
		names = append(names, fmt.Sprintf("Nam%c%c", 'a'+i%26, 'a'+i/26))
	}
	rng := rand.New(rand.NewPCG(5, 5))
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	gazPlaces := map[string]bool{}
	var train, test []Sentence
	for i := range 80 {
		place, person := names[i], names[80+i]
		gazPlaces[place] = true
		a := Sentence{Lang: "xx", Tokens: []string{"we", "saw", place}, Tags: []string{"O", "O", "B-LOC"}}
		b := Sentence{Lang: "xx", Tokens: []string{"we", "saw", person}, Tags: []string{"O", "O", "B-PER"}}
		if i < 50 {
			train = append(train, a, b)
		} else {
			test = append(test, a, b)
		}
	}
	gaz := func(tok string) []string {
		if gazPlaces[tok] {
			return []string{"LOC"}
		}
		return nil
	}
	withGaz, err := Train(context.Background(), TrainConfig{Epochs: 5, Seed: 1, MinCount: 1, Gazetteer: gaz}, train)
	if err != nil {
		t.Fatal(err)
	}
	if !withGaz.Gazetteer {
		t.Error("model trained with a gazetteer does not say so")
	}
	if f := Evaluate(New(withGaz, gaz), test).Overall.F1(); f < 0.99 {
		t.Errorf("with gazetteer: F1 = %.2f, want 1", f)
	}
	f := Evaluate(New(withGaz, nil), test).Overall.F1()
	t.Logf("without gazetteer: F1 = %.2f", f)
	if f > 0.75 {
		t.Errorf("tagger without its gazetteer: F1 = %.2f, want it to guess (<= 0.75)", f)
	}
}

func TestTagEdgeCases(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if got := tg.Tag("en", nil); got != nil {
		t.Errorf("Tag(nil) = %v, want nil", got)
	}
	for _, toks := range [][]string{{""}, {"", " ", "\x00"}, {"a"}, {strings.Repeat("x", 1000)}} {
		got := tg.Tag("zz-Hant", toks)
		if len(got) != len(toks) {
			t.Errorf("Tag(%q) gave %d tags, want %d", toks, len(got), len(toks))
		}
		for i, tag := range got {
			if !allowed(prevTag(got, i), tag) {
				t.Errorf("Tag(%q) = %v: breaks BIO at %d", toks, got, i)
			}
		}
	}
}

func prevTag(tags []string, i int) string {
	if i == 0 {
		return ""
	}
	return tags[i-1]
}

type entity struct{ text, typ string }

func TestDefaultFindsEntities(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	// Our own sentences; tokens are separated by spaces.
	tests := []struct {
		lang, text string
		want       []entity
		// known lists expected entities the shipped model is known to miss
		// (see docs/models.md); they are logged, not failed, so a better
		// model shows up as "now found".
		known []entity
	}{
		{"de", "Präsident Wladimir Putin sprach am Dienstag in Moskau .", []entity{{"Wladimir Putin", "PER"}, {"Moskau", "LOC"}}, nil},
		{"fr", "Le président Emmanuel Macron est arrivé à Paris .", []entity{{"Emmanuel Macron", "PER"}, {"Paris", "LOC"}}, nil},
		{"en", "Microsoft opened a new office in Berlin , Angela Merkel said .", []entity{{"Berlin", "LOC"}, {"Angela Merkel", "PER"}},
			[]entity{{"Microsoft", "ORG"}}}, // sentence-initial organisation
		{"en", "The talks with Siemens in Munich ended on Friday .", []entity{{"Munich", "LOC"}},
			[]entity{{"Siemens", "ORG"}}}, // organisations are the weakest type
		{"ru", "Переговоры прошли в Москве , сообщил Владимир Путин .", []entity{{"Москве", "LOC"}, {"Владимир Путин", "PER"}}, nil},
		{"ru", "Президент России Владимир Путин провёл переговоры в Москве .", []entity{{"Москве", "LOC"}},
			[]entity{{"России", "LOC"}, {"Владимир Путин", "PER"}}}, // merged into one PER span
		{"es", "El presidente Pedro Sánchez viajó a Madrid .", []entity{{"Pedro Sánchez", "PER"}, {"Madrid", "LOC"}}, nil},
		{"nl", "Mark Rutte sprak in Amsterdam .", []entity{{"Mark Rutte", "PER"}, {"Amsterdam", "LOC"}}, nil},
		{"pl", "Prezydent Andrzej Duda spotkał się w Warszawie z przedstawicielami NATO .", []entity{{"Andrzej Duda", "PER"}, {"Warszawie", "LOC"}, {"NATO", "ORG"}}, nil},
		{"it", "Il presidente Sergio Mattarella ha parlato a Roma .", []entity{{"Sergio Mattarella", "PER"}, {"Roma", "LOC"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			toks := strings.Fields(tt.text)
			tags := tg.Tag(tt.lang, toks)
			var got []entity
			for _, sp := range Spans(tags) {
				got = append(got, entity{strings.Join(toks[sp.Start:sp.End], " "), sp.Type})
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("%q: entities %v, want %v among them", tt.text, got, w)
				}
			}
			for _, w := range tt.known {
				if slices.Contains(got, w) {
					t.Logf("%q: known weakness fixed: %v now found", tt.text, w)
				} else {
					t.Logf("%q: known weakness: %v not among %v", tt.text, w, got)
				}
			}
		})
	}
}

func BenchmarkTag(b *testing.B) {
	tg, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	toks := strings.Fields("Chancellor Olaf Scholz met Microsoft executives in Berlin on Monday , a spokeswoman for Siemens told the Reuters news agency after the talks .")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		tg.Tag("en", toks)
	}
	b.ReportMetric(float64(b.N*len(toks))/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkDefaultLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Read(bytes.NewReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTitlesOutside(t *testing.T) {
	tests := []struct{ tokens, tags, want string }{
		{"President Vladimir Putin spoke", "B-PER I-PER I-PER O", "O B-PER I-PER O"},
		{"Kanzler Olaf Scholz", "B-PER I-PER I-PER", "O B-PER I-PER"},
		{"Mr Smith", "B-PER I-PER", "O B-PER"},
		{"President", "B-PER", "B-PER"},                          // a bare title stays
		{"Peter Neumann said", "B-PER I-PER O", "B-PER I-PER O"}, // no title
	}
	for _, tt := range tests {
		got := titlesOutside(strings.Fields(tt.tokens), strings.Fields(tt.tags))
		if strings.Join(got, " ") != tt.want {
			t.Errorf("titlesOutside(%q, %q) = %q, want %q", tt.tokens, tt.tags, got, tt.want)
		}
	}
}

func TestCaseConstrained(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if !m.Model().CaseConstrained {
		t.Fatal("the shipped model is not case-constrained")
	}
	words := strings.Fields("asumió el control de la operadora Telesp hace 20 meses")
	for _, s := range Spans(m.Tag("es", words)) {
		if r := []rune(words[s.Start])[0]; r >= 'a' && r <= 'z' {
			t.Errorf("entity %v begins on lower-case %q", s, words[s.Start])
		}
	}
}
