package crosscheck

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tocsin/tocsin/internal/facts"
	"github.com/tocsin/tocsin/internal/news"
)

// Input is one original article given to Compile, with its facts.
type Input struct {
	Article news.Article
	Facts   *news.Facts // nil when the article was stored without facts
	// Event is the event the article belongs to. Articles of other events
	// of the storyline feed the timeline only (their facts need hold only
	// what it reads: sentences, dates, figures, claims and type); "" means
	// the compiled event.
	Event string
}

// Options tune Compile. The zero value uses the documented defaults.
type Options struct {
	// Window is how close in time two reports must be for different
	// figures to be a contradiction rather than a revision (default 6h).
	Window time.Duration
	// TranslationWindow is how close in time a report in another language
	// with the same figures must be to count as a translation (default 24h).
	TranslationWindow time.Duration
	// SummarySentences is the most sentences of the summary (default 5).
	SummarySentences int
}

func (o Options) withDefaults() Options {
	if o.Window <= 0 {
		o.Window = 6 * time.Hour
	}
	if o.TranslationWindow <= 0 {
		o.TranslationWindow = 24 * time.Hour
	}
	if o.SummarySentences <= 0 {
		o.SummarySentences = 5
	}
	return o
}

// art is an article being compiled: its input, its prepared text and what
// Compile derives from it once.
type art struct {
	in    Input
	index int // position in the input
	own   bool
	ref   Ref
	runes []rune
	// when is the publication time, nil when unknown (never guessed).
	when *time.Time
	// dates are the article's date mentions, re-resolved against the
	// event's reference time when the article itself is undated.
	dates []news.DateMention
	// unplaced is set when the article has no reference time at all (it is
	// undated and so is every article of its event): its relative dates stay
	// unresolved and its happenings go to the undated part of the timeline.
	unplaced bool
	// titleFigs are the figures of a headline that is not the body's
	// first sentence ("4 Shot At McKeesport Party"): facts are read from
	// the body only, so the headline is read here.
	titleFigs []news.Figure
}

// Compile cross-checks one event from its articles (and the articles of
// the other events of its storyline, which feed only the timeline). It is
// pure: the same inputs in the same order give the same report.
func Compile(ev news.Event, inputs []Input, opt Options) Report {
	return compile(ev, inputs, nil, opt)
}

// compile is Compile with the timeline parts of more of the storyline's
// articles, following inputs.
func compile(ev news.Event, inputs []Input, more []timelinePart, opt Options) Report {
	opt = opt.withDefaults()
	var arts []*art
	for i, in := range inputs {
		if in.Event == "" {
			in.Event = ev.ID
		}
		arts = append(arts, newArt(in, i, in.Event == ev.ID))
	}
	redate(arts)
	own := make([]*art, 0, len(arts))
	for _, a := range arts {
		if a.own {
			own = append(own, a)
		}
	}
	groupSources(own, opt)

	r := Report{Event: ev}
	r.Ledger = ledger(own)
	rd := readings(own, r.Ledger)
	r.Estimates = estimates(rd, opt)
	r.Findings = figureFindings(rd, r.Ledger, opt)
	gs := buildClaimGroups(own)
	r.Claims = make([]ClaimGroup, len(gs))
	for i, g := range gs {
		r.Claims[i] = g.ClaimGroup
	}
	r.Findings = append(r.Findings, contradictions(gs)...)
	parts := make([]timelinePart, 0, len(arts)+len(more))
	for _, a := range arts {
		parts = append(parts, a.happenings())
	}
	r.Timeline = timeline(append(parts, more...))
	r.Quotes = quoteRows(own)
	r.Entities = entityRows(own)
	r.Sources = sources(own)
	r.Summary = summary(own, opt.SummarySentences)
	r.Main = fuseMain(ev, own)
	r.Headline = headline(ev, own, r.Summary)
	nonNil(&r)
	return r
}

// nonNil makes every list of the report an empty array rather than null
// in JSON, so that clients can iterate without checking.
func nonNil(r *Report) {
	if r.Summary == nil {
		r.Summary = []Sentence{}
	}
	if r.Ledger == nil {
		r.Ledger = []Entry{}
	}
	if r.Estimates == nil {
		r.Estimates = []Estimate{}
	}
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	if r.Claims == nil {
		r.Claims = []ClaimGroup{}
	}
	if r.Timeline == nil {
		r.Timeline = []Happening{}
	}
}

// redate sets the reference time of every undated article: the earliest
// publication time of the dated articles of its own event. Its relative
// dates ("on Friday evening") are then resolved against that time, so an
// undated report of an event is dated at event level. An event with no
// dated article leaves them unresolved.
func redate(arts []*art) {
	earliest := map[string]*time.Time{}
	for _, a := range arts {
		p := a.in.Article.Published
		if p == nil {
			continue
		}
		if e, ok := earliest[a.in.Event]; !ok || p.Before(*e) {
			earliest[a.in.Event] = p
		}
	}
	for _, a := range arts {
		ref := earliest[a.in.Event]
		if a.in.Article.Published != nil || a.in.Facts == nil {
			continue
		}
		if ref == nil {
			a.unplaced = true
			continue
		}
		a.dates = facts.Dates(facts.NewDoc(a.in.Article.Body, a.in.Article.Lang, ref))
	}
}

// newArt prepares input in, the index-th, of the compiled event (own) or
// of another event of its storyline.
func newArt(in Input, index int, own bool) *art {
	a := &art{in: in, index: index, own: own}
	a.runes = []rune(in.Article.Body)
	a.when = in.Article.Published
	a.ref = Ref{Article: in.Article.ID, Source: outletName(in.Article), URL: in.Article.URL, Lang: in.Article.Lang, Published: in.Article.Published, Group: in.Article.ID}
	if in.Facts != nil {
		a.dates = in.Facts.Dates
		if own {
			a.readTitle()
		}
	}
	return a
}

// readTitle sets titleFigs.
func (a *art) readTitle() {
	title := strings.Join(strings.Fields(a.in.Article.Title), " ")
	body := strings.Join(strings.Fields(string(a.runes[:min(len(a.runes), 2*len(title)+16)])), " ")
	if title == "" || strings.HasPrefix(body, title) {
		return
	}
	a.titleFigs = facts.Figures(facts.NewDoc(title, a.in.Article.Lang, a.in.Article.Published))
}

// lead returns the headline and body as one document, the way the
// per-article reading expects them, with the body's figures shifted into
// it after the headline's.
func (a *art) lead() (*facts.Doc, []news.Figure) {
	if len(a.titleFigs) == 0 {
		return facts.NewDoc(a.in.Article.Body, a.in.Article.Lang, a.in.Article.Published), a.in.Facts.Figures
	}
	head := a.in.Article.Title + "\n\n"
	shift := len([]rune(head))
	figs := slices.Clone(a.titleFigs)
	for _, f := range a.in.Facts.Figures {
		f.Span.Start += shift
		f.Span.End += shift
		f.Sentence.Start += shift
		f.Sentence.End += shift
		figs = append(figs, f)
	}
	return facts.NewDoc(head+a.in.Article.Body, a.in.Article.Lang, a.in.Article.Published), figs
}

// slice returns the body's runes in s, trimmed; "" for a span outside it.
func (a *art) slice(s news.Span) string {
	if s.Start < 0 || s.End > len(a.runes) || s.Start >= s.End {
		return ""
	}
	return strings.TrimSpace(string(a.runes[s.Start:s.End]))
}

// sentenceOf returns the sentence span holding rune offset i.
func (a *art) sentenceOf(i int) news.Span {
	if a.in.Facts != nil {
		for _, s := range a.in.Facts.Sentences {
			if i >= s.Start && i < s.End {
				return s
			}
		}
	}
	return news.Span{Start: i, End: i}
}

// groupSources sets Ref.Group: articles crediting the same news agency are
// wire copies of one report, and an article in another language that gives
// the same figures (and as many direct quotes) within TranslationWindow of
// an earlier one is taken as its translation. Each group is named after its
// earliest article.
func groupSources(arts []*art, opt Options) {
	parent := make([]int, len(arts))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	union := func(i, j int) {
		i, j = find(i), find(j)
		if i == j {
			return
		}
		if earlier(arts[j], arts[i]) {
			i, j = j, i
		}
		parent[j] = i
	}
	agency := map[string]int{}
	for i, a := range arts {
		ag := strings.ToLower(strings.TrimSpace(a.in.Article.Agency))
		if ag == "" {
			continue
		}
		if j, ok := agency[ag]; ok {
			union(j, i)
		} else {
			agency[ag] = i
		}
	}
	for i := range arts {
		for j := i + 1; j < len(arts); j++ {
			if translation(arts[i], arts[j], opt.TranslationWindow) {
				union(i, j)
			}
		}
	}
	for i, a := range arts {
		a.ref.Group = arts[find(i)].in.Article.ID
	}
}

// earlier orders articles by publication time (undated last), then input
// order.
func earlier(a, b *art) bool {
	switch {
	case a.when != nil && b.when != nil && !a.when.Equal(*b.when):
		return a.when.Before(*b.when)
	case a.when != nil && b.when == nil:
		return true
	case a.when == nil && b.when != nil:
		return false
	}
	return a.index < b.index
}

// translation reports whether a and b read as one report in two
// languages: different languages, both dated within window of each other,
// the same figures (kind and value, at least one), and as many direct
// quotes.
func translation(a, b *art, window time.Duration) bool {
	la, lb := a.in.Article.Lang, b.in.Article.Lang
	if la == lb || la == "" || lb == "" || la == news.Undetermined || lb == news.Undetermined {
		return false
	}
	if a.when == nil || b.when == nil || a.in.Facts == nil || b.in.Facts == nil {
		return false
	}
	if d := a.when.Sub(*b.when); d > window || -d > window {
		return false
	}
	fa, fb := figureSet(a.in.Facts.Figures), figureSet(b.in.Facts.Figures)
	if len(fa) == 0 || !slices.Equal(fa, fb) {
		return false
	}
	return directQuotes(a.in.Facts.Quotes) == directQuotes(b.in.Facts.Quotes)
}

func figureSet(figs []news.Figure) []string {
	var out []string
	for _, f := range figs {
		out = append(out, f.Kind+":"+strconv.Itoa(f.Value))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func directQuotes(qs []news.Quote) int {
	n := 0
	for _, q := range qs {
		if q.Direct {
			n++
		}
	}
	return n
}

// independent counts the distinct source groups of refs.
func independent(refs []Ref) int {
	seen := map[string]bool{}
	for _, r := range refs {
		seen[r.Group] = true
	}
	return len(seen)
}

// timeOrder compares two optional times, unknown last.
func timeOrder(a, b *time.Time) int {
	switch {
	case a != nil && b != nil:
		return a.Compare(*b)
	case a != nil:
		return -1
	case b != nil:
		return 1
	}
	return 0
}
