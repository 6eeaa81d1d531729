package ner

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// TrainConfig sets how Train learns a model.
type TrainConfig struct {
	// Epochs is the number of passes over the data (default 8).
	Epochs int
	// Seed fixes the order in which sentences are visited: the same data,
	// config and seed give the same model.
	Seed uint64
	// MinCount drops features seen fewer times in the training data
	// (default 2; 1 keeps all).
	MinCount int
	// Prune drops, after averaging, features whose largest absolute weight
	// is below it (default 0: keep every feature with a weight).
	Prune float32
	// Greedy decodes left to right instead of with Viterbi.
	Greedy bool
	// CaseConstrained makes taggers of the model forbid entities to begin
	// on all-lower-case tokens. It removes runs of lower-case words that a
	// model trained on Wikipedia fragments tags as organisations in news
	// text. Training itself is not constrained: masking during training
	// cost 4–6 F1 on WikiANN, masking only when tagging costs at most 1.7.
	CaseConstrained bool
	// TitlesOutside moves titles and roles at the start of a person span
	// out of it before training ("President Vladimir Putin" → O B-PER
	// I-PER), so that the model learns news style: the title is context,
	// not part of the name.
	TitlesOutside bool
	// Gazetteer, if set, adds gazetteer class features; taggers of the model
	// should be given the same gazetteer.
	Gazetteer Gazetteer
	// SentStyle adds features of the sentence's style (its length bucket and
	// whether it is all in capitals) conjoined with the capitalisation of
	// the token and its neighbours, so that Wikipedia fragments and news
	// sentences can be told apart.
	SentStyle bool
	// Progress, if set, is called after every epoch.
	Progress func(EpochReport)
}

// EpochReport says how an epoch of training went.
type EpochReport struct {
	Epoch, Epochs int
	// TokenErrors is the share of tokens the current (not averaged) weights
	// tagged wrongly during the epoch.
	TokenErrors float64
	Elapsed     time.Duration
}

type trainSentence struct {
	feats []uint32 // feature ids, noFeature for dropped ones
	offs  []int32
	gold  []uint8
	lang  string
}

const noFeature = ^uint32(0)

// standardTypes orders the entity types in the tag set.
var standardTypes = []string{"PER", "ORG", "LOC", "MISC"}

// Train learns a model from tagged sentences with an averaged structured
// perceptron. It stops early with ctx's error when ctx is cancelled.
func Train(ctx context.Context, cfg TrainConfig, data []Sentence) (*Model, error) {
	if len(data) == 0 {
		return nil, errors.New("train: no sentences")
	}
	cfg.Epochs = cmp.Or(cfg.Epochs, 8)
	cfg.MinCount = cmp.Or(cfg.MinCount, 2)

	tags, tagID := tagSet(data)
	nT := len(tags)
	langSet := map[string]bool{}

	// Extract features once; count them to drop rare ones.
	sents := make([]trainSentence, 0, len(data))
	counts := map[uint32]int32{}
	f := features{sentStyle: cfg.SentStyle}
	for i, s := range data {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("train: %w", err)
			}
		}
		if len(s.Tokens) == 0 {
			continue
		}
		lang := normLang(s.Lang)
		langSet[lang] = true
		f.extract(lang, s.Tokens, cfg.Gazetteer)
		ts := trainSentence{
			feats: slices.Clone(f.keys),
			offs:  make([]int32, len(f.offs)),
			gold:  make([]uint8, len(s.Tags)),
			lang:  lang,
		}
		for j, o := range f.offs {
			ts.offs[j] = int32(o)
		}
		tags := s.Tags
		if cfg.TitlesOutside {
			tags = titlesOutside(s.Tokens, tags)
		}
		for j, tag := range tags {
			ts.gold[j] = uint8(tagID[normTag(tag)])
		}
		for _, k := range ts.feats {
			counts[k]++
		}
		sents = append(sents, ts)
	}
	var keys []uint32
	for k, c := range counts {
		if int(c) >= cfg.MinCount {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	ids := make(map[uint32]uint32, len(keys))
	for i, k := range keys {
		ids[k] = uint32(i)
	}
	clear(counts)
	for _, s := range sents {
		for j, k := range s.feats {
			if id, ok := ids[k]; ok {
				s.feats[j] = id
			} else {
				s.feats[j] = noFeature
			}
		}
	}
	ids = nil

	p := newPerceptron(len(keys), nT, allowedTable(tags), cfg.Greedy)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x746f6373696e))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= cfg.Epochs; epoch++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var wrong, total int
		for n, i := range order {
			if n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, fmt.Errorf("train: %w", err)
				}
			}
			wrong += p.learn(&sents[i])
			total += len(sents[i].gold)
		}
		if cfg.Progress != nil {
			cfg.Progress(EpochReport{Epoch: epoch, Epochs: cfg.Epochs,
				TokenErrors: float64(wrong) / float64(max(total, 1)), Elapsed: time.Since(start)})
		}
	}

	w, trans := p.average()
	m := &Model{Tags: tags, Gazetteer: cfg.Gazetteer != nil, Greedy: cfg.Greedy,
		CaseConstrained: cfg.CaseConstrained, SentStyle: cfg.SentStyle, trans: trans}
	for l := range langSet {
		m.Langs = append(m.Langs, l)
	}
	slices.Sort(m.Langs)
	m.keys, m.scales, m.q = quantise(keys, w, nT, cfg.Prune)
	return m, nil
}

// titlesOutside returns tags with leading title words of PER spans tagged O
// ("President/B-PER Vladimir/I-PER" → "O B-PER"). A span that is only a
// title is left alone. tags is not modified.
func titlesOutside(tokens, tags []string) []string {
	var out []string
	for i := 0; i < len(tags); i++ {
		if normTag(tags[i]) != "B-PER" {
			continue
		}
		j := i
		for j+1 < len(tags) && normTag(tags[j+1]) == "I-PER" && isTitle(tokens[j]) {
			j++
		}
		if j == i {
			continue
		}
		if out == nil {
			out = slices.Clone(tags)
		}
		for k := i; k < j; k++ {
			out[k] = "O"
		}
		out[j] = "B-PER"
		i = j
	}
	if out == nil {
		return tags
	}
	return out
}

func isTitle(w string) bool { return cueWords[strings.ToLower(w)] == cueTitle }

// tagSet returns "O" followed by B- and I- tags of the types in data, known
// types first in a fixed order, then others sorted.
func tagSet(data []Sentence) ([]string, map[string]int) {
	seen := map[string]bool{}
	for _, s := range data {
		for _, t := range s.Tags {
			if _, typ, ok := splitTag(normTag(t)); ok {
				seen[typ] = true
			}
		}
	}
	var types []string
	for _, t := range standardTypes {
		if seen[t] {
			types = append(types, t)
			delete(seen, t)
		}
	}
	var rest []string
	for t := range seen {
		rest = append(rest, t)
	}
	slices.Sort(rest)
	types = append(types, rest...)
	tags := []string{"O"}
	for _, t := range types {
		tags = append(tags, "B-"+t, "I-"+t)
	}
	id := map[string]int{}
	for i, t := range tags {
		id[t] = i
	}
	return tags, id
}

// perceptron holds the weights being learnt, with the sums needed to
// average them cheaply (Daumé's trick: average = w - u/c).
type perceptron struct {
	nT      int
	w       []float32 // features x nT
	u       []float64
	tw      []float32 // transitions (nT+1) x nT
	tu      []float64
	c       float64 // examples seen + 1
	allowed []bool
	greedy  bool
	em      []float32
	dec     decoder
}

func newPerceptron(nFeat, nT int, allowed []bool, greedy bool) *perceptron {
	return &perceptron{
		nT: nT, w: make([]float32, nFeat*nT), u: make([]float64, nFeat*nT),
		tw: make([]float32, (nT+1)*nT), tu: make([]float64, (nT+1)*nT),
		c: 1, allowed: allowed, greedy: greedy,
	}
}

// learn tags s with the current weights, updates them toward the gold tags,
// and returns the number of wrongly tagged tokens.
func (p *perceptron) learn(s *trainSentence) int {
	n, nT := len(s.gold), p.nT
	if cap(p.em) < n*nT {
		p.em = make([]float32, n*nT)
	}
	em := p.em[:n*nT]
	clear(em)
	for i := range n {
		e := em[i*nT : (i+1)*nT]
		for _, id := range s.feats[s.offs[i]:s.offs[i+1]] {
			if id == noFeature {
				continue
			}
			for j, x := range p.w[int(id)*nT : int(id+1)*nT] {
				e[j] += x
			}
		}
	}
	pred := p.dec.decode(n, nT, em, p.tw, p.allowed, p.greedy)
	wrong := 0
	prevG, prevP := nT, nT
	for i := range n {
		g, y := int(s.gold[i]), pred[i]
		if g != y {
			wrong++
			for _, id := range s.feats[s.offs[i]:s.offs[i+1]] {
				if id == noFeature {
					continue
				}
				p.update(p.w, p.u, int(id)*nT+g, 1)
				p.update(p.w, p.u, int(id)*nT+y, -1)
			}
		}
		if g != y || prevG != prevP {
			p.update(p.tw, p.tu, prevG*nT+g, 1)
			p.update(p.tw, p.tu, prevP*nT+y, -1)
		}
		prevG, prevP = g, y
	}
	p.c++
	return wrong
}

func (p *perceptron) update(w []float32, u []float64, i int, d float32) {
	w[i] += d
	u[i] += p.c * float64(d)
}

func (p *perceptron) average() (w, trans []float32) {
	avg := func(w []float32, u []float64) []float32 {
		out := make([]float32, len(w))
		for i := range w {
			out[i] = float32(float64(w[i]) - u[i]/p.c)
		}
		return out
	}
	return avg(p.w, p.u), avg(p.tw, p.tu)
}
