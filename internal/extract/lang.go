package extract

import (
	_ "embed"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/RadhiFadlillah/whatlanggo"
)

// langSample bounds how much text language identification reads: the answer
// is settled long before, and articles can be long.
const langSample = 1200

// minConfidence is the confidence below which the text is too mixed to tell.
const minConfidence = 0.2

// Language identifies the language of an article from its title and body and
// returns its ISO 639-1 code (ISO 639-3 where there is none), or "und" when the
// text is too short or too mixed to tell.
//
// It gives whatlanggo's answer, but scores Latin and Cyrillic text (most of
// the news) against all candidate languages in one pass over an inverted
// trigram index instead of one pass per language, which is several times
// faster. Other scripts go to whatlanggo itself.
func Language(title, body string) string {
	sample := title + "\n" + body
	if len(sample) > langSample {
		cut := langSample
		for cut > 0 && sample[cut]&0xC0 == 0x80 {
			cut-- // stay on a rune boundary
		}
		sample = sample[:cut]
	}
	if len(sample) < 20 {
		return "und"
	}
	lang, confidence := detectLang(sample)
	if confidence < minConfidence || lang < 0 {
		return "und"
	}
	if code := lang.Iso6391(); code != "" {
		return code
	}
	if code := lang.Iso6393(); code != "" {
		return code
	}
	return "und"
}

// detectLang is whatlanggo.Detect, made fast for Latin and Cyrillic script.
func detectLang(text string) (whatlanggo.Lang, float64) {
	switch mainScript(text) {
	case unicode.Latin:
		return trigramIndex().latin.detectExcept(text, 0)
	case unicode.Cyrillic:
		p := trigramIndex().cyrillic
		return p.detectExcept(text, cyrillicExclusions(text, p))
	default:
		info := whatlanggo.Detect(text)
		return info.Lang, info.Confidence
	}
}

// mainScript returns unicode.Latin or unicode.Cyrillic when more than half of
// the letters of text are in that script (whatlanggo.DetectScript then says
// the same), and nil when it is another or no clear script. It skips the
// characters whatlanggo skips, and is quick on ASCII.
func mainScript(text string) *unicode.RangeTable {
	latin, cyrillic, other := 0, 0, 0
	for _, r := range text {
		switch {
		case r < 0x80:
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				latin++
			}
		case 0xC0 <= r && r <= 0x24F && r != 0xD7 && r != 0xF7: // accented Latin letters
			latin++
		case 0x400 <= r && r <= 0x481 || 0x48A <= r && r <= 0x4FF: // Cyrillic letters
			cyrillic++
		case unicode.IsSymbol(r) || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsDigit(r):
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
		default:
			other++
		}
	}
	switch {
	case latin > cyrillic+other:
		return unicode.Latin
	case cyrillic > latin+other:
		return unicode.Cyrillic
	}
	return nil
}

// cyrillicLetters are letters that only some Cyrillic alphabets have; text
// with one of them is not in a language whose alphabet lacks it. This
// settles what trigrams confuse on short texts, Russian against Bulgarian,
// Serbian or Ukrainian.
var cyrillicLetters = map[rune][]string{
	'ы': {"rus", "bel", "azj", "tuk"}, 'э': {"rus", "bel", "tuk"}, 'ё': {"rus", "bel"},
	'і': {"ukr", "bel"}, 'ї': {"ukr"}, 'є': {"ukr"}, 'ґ': {"ukr"}, 'ў': {"bel"},
	'ђ': {"srp"}, 'ћ': {"srp"}, 'џ': {"srp", "mkd"}, 'љ': {"srp", "mkd"}, 'њ': {"srp", "mkd"},
	'ј': {"srp", "mkd", "azj"}, 'ѓ': {"mkd"}, 'ќ': {"mkd"}, 'ѕ': {"mkd"},
}

// cyrillicExclusions returns the set (a bit per profile) of languages whose
// alphabet lacks a letter of text.
func cyrillicExclusions(text string, p *trigramProfiles) uint64 {
	var out uint64
	for _, r := range text {
		if r >= 'ё' && r <= 'ќ' || r == 'ў' || r == 'ґ' || r >= 'Ё' && r <= 'Џ' || r == 'Ў' || r == 'Ґ' || r == 'ы' || r == 'э' || r == 'Ы' || r == 'Э' {
			out |= p.lacking[unicode.ToLower(r)]
		}
	}
	return out
}

// trigrams.txt holds whatlanggo's trigram profiles; see internal/trigen.
//
//go:generate go run ./internal/trigen trigrams.txt
//go:embed trigrams.txt
var trigramData string

// maxTrigramDistance is whatlanggo's weight of a language's most frequent
// trigram; each later rank weighs one less.
const maxTrigramDistance = 300

// trigramProfiles is an inverted index from trigram to the languages whose
// profile holds it, and with which weight.
type trigramProfiles struct {
	langs   []whatlanggo.Lang
	index   map[uint64][]posting
	lacking map[rune]uint64 // for each cyrillicLetters letter, the profiles without it
}

type posting struct {
	lang   uint16 // index into langs
	weight uint16 // maxTrigramDistance - rank
}

// maxProfiles bounds the languages of one script (whatlanggo has 48 Latin).
const maxProfiles = 64

type trigramIndexes struct{ latin, cyrillic *trigramProfiles }

// trigramIndex builds the indexes once, on first use; they are read-only.
var trigramIndex = sync.OnceValue(func() trigramIndexes {
	ix := trigramIndexes{
		latin:    &trigramProfiles{index: map[uint64][]posting{}},
		cyrillic: &trigramProfiles{index: map[uint64][]posting{}},
	}
	for line := range strings.SplitSeq(trigramData, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Split(line, "\t")
		p := ix.latin
		if fields[1] == "cyrillic" {
			p = ix.cyrillic
		}
		if len(p.langs) == maxProfiles {
			panic("extract: more trigram profiles than detect can score")
		}
		id := uint16(len(p.langs))
		p.langs = append(p.langs, whatlanggo.CodeToLang(fields[0]))
		for rank, t := range strings.Split(fields[2], "|") {
			r := []rune(t)
			key := packTrigram(r[0], r[1], r[2])
			p.index[key] = append(p.index[key], posting{id, uint16(maxTrigramDistance - rank)})
		}
	}
	ix.cyrillic.lacking = map[rune]uint64{}
	for r, allowed := range cyrillicLetters {
		for i, lang := range ix.cyrillic.langs {
			if !slices.Contains(allowed, lang.Iso6393()) {
				ix.cyrillic.lacking[r] |= 1 << i
			}
		}
	}
	return ix
})

func packTrigram(a, b, c rune) uint64 { return uint64(a)<<42 | uint64(b)<<21 | uint64(c) }

// trigramRune maps a rune the way whatlanggo does before taking trigrams:
// spaces, punctuation, symbols and digits become a space; letters are lowered.
func trigramRune(r rune) rune {
	switch {
	case 'a' <= r && r <= 'z', 'а' <= r && r <= 'я':
		return r
	case 'A' <= r && r <= 'Z', 'А' <= r && r <= 'Я':
		return r + 'a' - 'A' // 'а'-'А' is the same 32
	}
	if unicode.IsSymbol(r) || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsDigit(r) {
		return ' '
	}
	return unicode.ToLower(r)
}

// detectExcept scores text against every profile at once but those in the
// excluded set. Scores, the number of matched trigrams and the confidence are
// computed exactly as whatlanggo computes them; ties go to the language
// listed first.
func (p *trigramProfiles) detectExcept(text string, excluded uint64) (whatlanggo.Lang, float64) {
	counts := make(map[uint64]int32, len(text)/2)
	r1, r2 := ' ', rune(-1)
	for _, r := range text {
		r3 := trigramRune(r)
		if r2 >= 0 && !(r2 == ' ' && (r1 == ' ' || r3 == ' ')) {
			counts[packTrigram(r1, r2, r3)]++
		}
		if r2 >= 0 {
			r1 = r2
		}
		r2 = r3
	}
	if r2 >= 0 && r2 != ' ' { // whatlanggo ends the text with a space
		counts[packTrigram(r1, r2, ' ')]++
	}
	var dist, matched [maxProfiles]int
	for t, c := range counts {
		for _, ps := range p.index[t] {
			dist[ps.lang] += int(ps.weight) * int(c)
			matched[ps.lang]++
		}
	}
	first, second := -1, -1
	for i := range p.langs {
		if excluded&(1<<i) != 0 {
			continue
		}
		switch {
		case first < 0 || dist[i] > dist[first]:
			first, second = i, first
		case second < 0 || dist[i] > dist[second]:
			second = i
		}
	}
	score1 := dist[first]
	if score1 == 0 {
		return -1, 0
	}
	score2 := 0
	if second >= 0 {
		score2 = dist[second]
	}
	if score2 == 0 {
		return p.langs[first], math.Min(float64(score1/500), 1)
	}
	rate := float64(score1-score2) / float64(score2)
	confidentRate := 12/float64(matched[first]) + 0.05
	if rate > confidentRate {
		return p.langs[first], 1
	}
	return p.langs[first], math.Round(rate/confidentRate*100) / 100
}
