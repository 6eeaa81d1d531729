package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/tocsin/tocsin/internal/facts"
	"github.com/tocsin/tocsin/internal/geo"
	"github.com/tocsin/tocsin/internal/ner"
)

// nerModelFile is the file name of the model inside --out; the ner package
// embeds internal/ner/model/ner.bin.gz.
const nerModelFile = "ner.bin.gz"

// runTrainNER trains the named-entity tagger on corpus files and writes the
// model ("tocsin train ner").
func runTrainNER(args []string) error {
	fs := flag.NewFlagSet("train ner", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: tocsin train ner [flags]\n\nTrains the named-entity tagger on <set>-<lang>-<split>.jsonl corpus files and writes %s.\n\n", nerModelFile)
		fs.PrintDefaults()
	}
	corpora := fs.String("corpora", "../shared/corpora/ner", "`dir`ectory of the JSONL corpus files")
	out := fs.String("out", "internal/ner/model", "`dir`ectory to write "+nerModelFile+" to")
	sets := fs.String("sets", "wikiann-*-train", "comma-separated glob `patterns` of file names (without .jsonl) to train on")
	epochs := fs.Int("epochs", 3, "passes over the training data")
	seed := fs.Uint64("seed", 1, "random seed for the order of sentences")
	minCount := fs.Int("min-count", 2, "drop features seen fewer times")
	prune := fs.Float64("prune", 0.02, "drop features whose largest averaged weight is below this")
	greedy := fs.Bool("greedy", false, "decode left to right instead of with Viterbi")
	limit := fs.Int("limit", 0, "use at most this many sentences of each file (0: all)")
	caseConstrained := fs.Bool("case-constrained", true, "never begin an entity on an all-lower-case token")
	titlesOutside := fs.Bool("titles-outside", true, "move leading titles (\"President\") out of person spans before training")
	gazetteer := fs.Bool("gazetteer", true, "add gazetteer features (places from internal/geo, one-word names from the alias table of internal/facts)")
	sentStyleF := fs.Bool("sent-style", true, "add sentence-style features (length bucket, all capitals) conjoined with capitalisation")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("train ner: unexpected arguments %q", fs.Args())
	}
	var gaz ner.Gazetteer
	if *gazetteer {
		g, err := geo.Default()
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		gaz = facts.TaggerGazetteer(g)
	}
	files, err := nerFiles(*corpora, *sets)
	if err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	var data []ner.Sentence
	for _, f := range files {
		s, err := readNERFile(f, *limit)
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		fmt.Fprintf(os.Stderr, "read %s: %d sentences\n", filepath.Base(f), len(s))
		data = append(data, s...)
	}
	start := time.Now()
	cfg := ner.TrainConfig{
		Epochs: *epochs, Seed: *seed, MinCount: *minCount, Prune: float32(*prune), Greedy: *greedy,
		CaseConstrained: *caseConstrained, TitlesOutside: *titlesOutside, Gazetteer: gaz,
		SentStyle: *sentStyleF,
		Progress: func(r ner.EpochReport) {
			fmt.Fprintf(os.Stderr, "epoch %d/%d: token errors %.2f%% (%s)\n", r.Epoch, r.Epochs, 100*r.TokenErrors, r.Elapsed.Round(time.Millisecond))
		},
	}
	m, err := ner.Train(context.Background(), cfg, data)
	if err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	path := filepath.Join(*out, nerModelFile)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	fmt.Fprintf(os.Stderr, "trained on %d sentences in %s: %d features, tags %v, languages %v\n",
		len(data), time.Since(start).Round(time.Millisecond), m.Features(), m.Tags, m.Langs)
	fmt.Printf("wrote %s (%.2f MB)\n", path, float64(buf.Len())/(1<<20))
	return nil
}

// nerEvalRow is one line of "tocsin eval ner": a file or a language.
type nerEvalRow struct {
	Name      string  `json:"name"`
	Sentences int     `json:"sentences"`
	Tokens    int     `json:"tokens"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// F1NoMISC is the F1 over PER, ORG and LOC only, for models never taught
	// MISC (WikiANN has none).
	F1NoMISC float64            `json:"f1_no_misc"`
	ByType   map[string]float64 `json:"f1_by_type"`
}

func newEvalRow(name string, sentences int, s ner.Scores) nerEvalRow {
	r := nerEvalRow{
		Name: name, Sentences: sentences, Tokens: s.Tokens,
		Precision: s.Overall.Precision(), Recall: s.Overall.Recall(), F1: s.Overall.F1(),
		F1NoMISC: s.Only("PER", "ORG", "LOC").F1(), ByType: map[string]float64{},
	}
	for _, t := range s.Types() {
		r.ByType[t] = s.ByType[t].F1()
	}
	return r
}

// runEvalNER scores the named-entity tagger on the validation files
// ("tocsin eval ner").
func runEvalNER(args []string) error {
	fs := flag.NewFlagSet("eval ner", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: tocsin eval ner [flags]\n\nScores the named-entity tagger (entity-level, exact span and type) on corpus files, by file and by language.\n\n")
		fs.PrintDefaults()
	}
	corpora := fs.String("corpora", "../shared/corpora/ner", "`dir`ectory of the JSONL corpus files")
	files := fs.String("files", "*-val", "comma-separated glob `patterns` of file names (without .jsonl) to score")
	modelPath := fs.String("model", "", "model `file` to score (default: the embedded model)")
	asJSON := fs.Bool("json", false, "print machine-readable JSON")
	limit := fs.Int("limit", 0, "use at most this many sentences of each file (0: all)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("eval ner: unexpected arguments %q", fs.Args())
	}
	paths, err := nerFiles(*corpora, *files)
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}

	start := time.Now()
	var tagger *ner.Tagger
	if *modelPath == "" {
		tagger, err = ner.Default()
	} else {
		var f *os.File
		if f, err = os.Open(*modelPath); err == nil {
			var m *ner.Model
			m, err = ner.Read(f)
			f.Close()
			if err == nil {
				tagger = ner.New(m, nil)
			}
		}
	}
	if err == nil && tagger.Model().Gazetteer {
		var g *geo.Gazetteer
		if g, err = geo.Default(); err == nil {
			tagger = tagger.WithGazetteer(facts.TaggerGazetteer(g))
		}
	}
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	load := time.Since(start)

	var report struct {
		Model     string       `json:"model"`
		Features  int          `json:"features"`
		LoadMS    float64      `json:"load_ms"`
		TokensPS  float64      `json:"tokens_per_second"`
		Files     []nerEvalRow `json:"files"`
		Languages []nerEvalRow `json:"languages"`
	}
	report.Model = cmp.Or(*modelPath, "embedded")
	report.Features = tagger.Model().Features()
	report.LoadMS = float64(load.Microseconds()) / 1000
	byLang := map[string]*ner.Scores{}
	sentsByLang := map[string]int{}
	var tagTime time.Duration
	var tokens int
	for _, p := range paths {
		data, err := readNERFile(p, *limit)
		if err != nil {
			return fmt.Errorf("eval ner: %w", err)
		}
		t0 := time.Now()
		s := ner.Evaluate(tagger, data)
		tagTime += time.Since(t0)
		tokens += s.Tokens
		name := strings.TrimSuffix(filepath.Base(p), ".jsonl")
		report.Files = append(report.Files, newEvalRow(name, len(data), s))
		if !*asJSON {
			fmt.Fprintf(os.Stderr, "scored %s\n", name)
		}
		lang := ""
		if len(data) > 0 {
			lang = data[0].Lang
		}
		if byLang[lang] == nil {
			byLang[lang] = &ner.Scores{}
		}
		byLang[lang].Add(s)
		sentsByLang[lang] += len(data)
	}
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, l := range langs {
		report.Languages = append(report.Languages, newEvalRow(l, sentsByLang[l], *byLang[l]))
	}
	if tagTime > 0 {
		report.TokensPS = float64(tokens) / tagTime.Seconds()
	}

	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(report)
	}
	fmt.Printf("model %s: %d features, loaded in %.1f ms, %.0f tokens/s (tagging and scoring)\n\n",
		report.Model, report.Features, report.LoadMS, report.TokensPS)
	printRows := func(title string, rows []nerEvalRow) {
		fmt.Printf("%-24s %9s %7s %7s %7s %9s %6s %6s %6s %6s\n", title, "tokens", "P", "R", "F1", "F1-noMISC", "PER", "ORG", "LOC", "MISC")
		for _, r := range rows {
			fmt.Printf("%-24s %9d %7.2f %7.2f %7.2f %9.2f", r.Name, r.Tokens, 100*r.Precision, 100*r.Recall, 100*r.F1, 100*r.F1NoMISC)
			for _, t := range []string{"PER", "ORG", "LOC", "MISC"} {
				if f, ok := r.ByType[t]; ok {
					fmt.Printf(" %6.2f", 100*f)
				} else {
					fmt.Printf(" %6s", "-")
				}
			}
			fmt.Println()
		}
		fmt.Println()
	}
	printRows("file", report.Files)
	printRows("language", report.Languages)
	return nil
}

// nerFiles returns the .jsonl files in dir whose names (without .jsonl) match
// one of the comma-separated glob patterns, sorted.
func nerFiles(dir, patterns string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(patterns, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		m, err := filepath.Glob(filepath.Join(dir, p+".jsonl"))
		if err != nil {
			return nil, fmt.Errorf("pattern %q: %w", p, err)
		}
		out = append(out, m...)
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) == 0 {
		return nil, fmt.Errorf("no files match %q in %s", patterns, dir)
	}
	return out, nil
}

func readNERFile(path string, limit int) ([]ner.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := ner.ReadCorpus(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if limit > 0 && len(data) > limit {
		data = data[:limit]
	}
	return data, nil
}
