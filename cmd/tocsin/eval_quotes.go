package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode"

	"github.com/tocsin/tocsin/internal/facts"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/text"
)

// polnearSpan is a source, cue or content span of a PolNeAR record, in code
// points; Fragments holds the parts of a discontinuous span.
type polnearSpan struct {
	Text      string   `json:"text"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Fragments [][2]int `json:"fragments"`
}

// polnearRecord is one article of the PolNeAR JSONL files.
type polnearRecord struct {
	ID           string `json:"id"`
	Text         string `json:"text"`
	Attributions []struct {
		Source  *polnearSpan `json:"source"`
		Cue     *polnearSpan `json:"cue"`
		Content polnearSpan  `json:"content"`
	} `json:"attributions"`
}

// quoteEval holds the figures "tocsin eval quotes" reports.
type quoteEval struct {
	File           string  `json:"file"`
	Articles       int     `json:"articles"`
	Gold           int     `json:"gold"`
	Predicted      int     `json:"predicted"`
	Matched        int     `json:"matched"`
	Precision      float64 `json:"precision"`
	Recall         float64 `json:"recall"`
	F1             float64 `json:"f1"`
	SourceNamed    int     `json:"source_named"`    // matched pairs whose gold source is a name or description
	SourceCorrect  int     `json:"source_correct"`  // of those, speaker right
	SourceAccuracy float64 `json:"source_accuracy"` // SourceCorrect / SourceNamed
	PronounGold    int     `json:"pronoun_gold"`    // matched pairs whose gold source is a pronoun
	PronounOK      int     `json:"pronoun_ok"`      // of those, speaker resolved to a name in the text before
	DirectRecall   float64 `json:"direct_recall"`   // recall on gold contents that are in quotation marks
	MicrosPerDoc   float64 `json:"us_per_article"`  // Quotes and Claims together
}

// runEvalQuotes measures facts.Quotes on PolNeAR attribution records
// ("tocsin eval quotes FILE").
func runEvalQuotes(args []string) error {
	fs := flag.NewFlagSet("eval quotes", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: tocsin eval quotes [flags] FILE.jsonl

Runs the quote extractor on PolNeAR records (text + attributions with code-point
spans) and reports precision, recall and F1 of content spans and the accuracy of
the speaker on matched ones.

A predicted quote matches a gold content when its span covers at least half of
the gold content's word tokens (one-to-one, best overlap first). The speaker of a
matched pair is right when, after case folding, it equals the gold source text
or shares a word with it that is not a stop word. Gold sources that are pronouns
("he", "they") are counted apart: right when the speaker is a name or phrase
found in the text before the gold source. Attributions without a source count
for content only.

Flags:
`)
		fs.PrintDefaults()
	}
	asJSON := fs.Bool("json", false, "print one JSON object")
	limit := fs.Int("limit", 0, "read at most this many articles (0: all)")
	show := fs.Int("show", 0, "print this many missed and spurious spans to stderr, for tuning")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want 'tocsin eval quotes FILE'", errUsage)
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("eval quotes: %w", err)
	}
	defer f.Close()
	ev, err := evalQuotes(f, *limit, *show, os.Stderr)
	if err != nil {
		return fmt.Errorf("eval quotes %s: %w", fs.Arg(0), err)
	}
	ev.File = fs.Arg(0)
	if *asJSON {
		return json.NewEncoder(os.Stdout).Encode(ev)
	}
	fmt.Printf("articles %d, gold %d, predicted %d, matched %d\n", ev.Articles, ev.Gold, ev.Predicted, ev.Matched)
	fmt.Printf("content  P %.3f  R %.3f  F1 %.3f  (recall on quoted gold %.3f)\n", ev.Precision, ev.Recall, ev.F1, ev.DirectRecall)
	fmt.Printf("source   accuracy %.3f (%d/%d named); pronoun sources resolved %d/%d\n", ev.SourceAccuracy, ev.SourceCorrect, ev.SourceNamed, ev.PronounOK, ev.PronounGold)
	fmt.Printf("speed    %.1f µs per article (Quotes and Claims, wall clock)\n", ev.MicrosPerDoc)
	return nil
}

// evalQuotes scores facts.Quotes on the PolNeAR records read from r.
func evalQuotes(r io.Reader, limit, show int, log io.Writer) (quoteEval, error) {
	var ev quoteEval
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var elapsed time.Duration
	directGold, directHit := 0, 0
	for sc.Scan() {
		if limit > 0 && ev.Articles >= limit {
			break
		}
		var rec polnearRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return ev, fmt.Errorf("line %d: %w", ev.Articles+1, err)
		}
		ev.Articles++
		runes := []rune(rec.Text)
		d := facts.NewDoc(rec.Text, "en", nil)
		start := time.Now()
		quotes := facts.Quotes(d, nil)
		facts.Claims(d, nil) // timed with Quotes: they share one scan
		elapsed += time.Since(start)
		ev.Predicted += len(quotes)
		ev.Gold += len(rec.Attributions)
		used := make([]bool, len(quotes))
		for _, a := range rec.Attributions {
			frags := a.Content.Fragments
			if len(frags) == 0 {
				frags = [][2]int{{a.Content.Start, a.Content.End}}
			}
			toks := wordSpans(runes, frags)
			quoted := strings.Contains(a.Content.Text, `"`)
			if quoted {
				directGold++
			}
			best, bestCov := -1, 0.5
			for i, qt := range quotes {
				if used[i] {
					continue
				}
				if c := coverage(toks, qt.Span); c >= bestCov {
					best, bestCov = i, c
				}
			}
			if best < 0 {
				if show > 0 {
					show--
					fmt.Fprintf(log, "MISS %s: %q <- %s [%s]\n", rec.ID, clip(a.Content.Text), spanText(a.Source), cueText(a.Cue))
				}
				continue
			}
			used[best] = true
			ev.Matched++
			if quoted {
				directHit++
			}
			if a.Source == nil {
				continue
			}
			if isPronoun(a.Source.Text) {
				ev.PronounGold++
				spk := quotes[best].Speaker
				if spk != "" && strings.Contains(string(runes[:a.Source.Start]), spk) {
					ev.PronounOK++
				}
				continue
			}
			ev.SourceNamed++
			if sameSource(quotes[best].Speaker, a.Source.Text) {
				ev.SourceCorrect++
			} else if show > 0 {
				show--
				fmt.Fprintf(log, "SRC  %s: got %q want %q\n", rec.ID, quotes[best].Speaker, a.Source.Text)
			}
		}
		for i, qt := range quotes {
			if !used[i] && show > 0 {
				show--
				fmt.Fprintf(log, "SPUR %s: %q <- %q (%s)\n", rec.ID, clip(qt.Text), qt.Speaker, qt.Cue)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return ev, err
	}
	ev.Precision = ratio(ev.Matched, ev.Predicted)
	ev.Recall = ratio(ev.Matched, ev.Gold)
	if ev.Precision+ev.Recall > 0 {
		ev.F1 = 2 * ev.Precision * ev.Recall / (ev.Precision + ev.Recall)
	}
	ev.SourceAccuracy = ratio(ev.SourceCorrect, ev.SourceNamed)
	ev.DirectRecall = ratio(directHit, directGold)
	if ev.Articles > 0 {
		ev.MicrosPerDoc = float64(elapsed.Microseconds()) / float64(ev.Articles)
	}
	return ev, nil
}

// wordSpans returns the code-point spans of the words and numbers inside
// the fragments.
func wordSpans(runes []rune, frags [][2]int) [][2]int {
	var out [][2]int
	for _, f := range frags {
		s, e := max(f[0], 0), min(f[1], len(runes))
		for i := s; i < e; {
			if !unicode.IsLetter(runes[i]) && !unicode.IsDigit(runes[i]) {
				i++
				continue
			}
			j := i
			for j < e && (unicode.IsLetter(runes[j]) || unicode.IsDigit(runes[j])) {
				j++
			}
			out = append(out, [2]int{i, j})
			i = j
		}
	}
	return out
}

// coverage returns the share of toks inside span.
func coverage(toks [][2]int, sp news.Span) float64 {
	if len(toks) == 0 {
		return 0
	}
	n := 0
	for _, t := range toks {
		if t[0] >= sp.Start && t[1] <= sp.End {
			n++
		}
	}
	return float64(n) / float64(len(toks))
}

var pronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "we": true, "i": true, "you": true,
	"his": true, "her": true, "their": true, "its": true, "our": true, "my": true, "who": true, "which": true, "that": true,
	"him": true, "them": true, "us": true, "me": true}

func isPronoun(s string) bool { return pronouns[strings.ToLower(strings.TrimSpace(s))] }

// sameSource applies the speaker rule of runEvalQuotes.
func sameSource(got, want string) bool {
	g, w := text.Fold(strings.TrimSpace(got)), text.Fold(strings.TrimSpace(want))
	if g == "" {
		return false
	}
	if g == w {
		return true
	}
	ws := map[string]bool{}
	for _, x := range strings.FieldsFunc(w, notWord) {
		if !text.IsStop("en", x) {
			ws[x] = true
		}
	}
	for _, x := range strings.FieldsFunc(g, notWord) {
		if ws[x] {
			return true
		}
	}
	return false
}

func notWord(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func spanText(s *polnearSpan) string {
	if s == nil {
		return "(no source)"
	}
	return fmt.Sprintf("%q", s.Text)
}

func cueText(s *polnearSpan) string {
	if s == nil {
		return ""
	}
	return s.Text
}

func clip(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > 100 {
		return string(r[:100]) + "…"
	}
	return s
}
