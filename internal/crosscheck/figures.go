package crosscheck

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tocsin/tocsin/internal/facts"
	"github.com/tocsin/tocsin/internal/news"
)

// kindOrder is the order of figure kinds in the ledger and estimates.
var kindOrder = []string{news.Killed, news.Injured, news.Detained, news.Missing, news.Evacuated}

func kindRank(k string) int {
	if i := slices.Index(kindOrder, k); i >= 0 {
		return i
	}
	return len(kindOrder)
}

// ledger lists every figure of every article, by kind, then publication
// time (unknown last), then article and position.
func ledger(arts []*art) []Entry {
	type row struct {
		e    Entry
		a    *art
		span int
	}
	var rows []row
	for _, a := range arts {
		if a.in.Facts == nil {
			continue
		}
		for _, f := range a.titleFigs {
			rows = append(rows, row{Entry{
				Ref: a.ref, Kind: f.Kind, Value: f.Value, Low: f.Low, High: f.High,
				Qualifier: f.Qualifier, Authority: f.Authority, Text: f.Text,
				Sentence: strings.TrimSpace(a.in.Article.Title), Headline: true,
			}, a, -1})
		}
		for _, f := range a.in.Facts.Figures {
			rows = append(rows, row{Entry{
				Ref: a.ref, Kind: f.Kind, Value: f.Value, Low: f.Low, High: f.High,
				Qualifier: f.Qualifier, Authority: f.Authority, Text: f.Text,
				Sentence: a.slice(f.Sentence),
			}, a, f.Span.Start})
		}
	}
	slices.SortStableFunc(rows, func(x, y row) int {
		if c := kindRank(x.e.Kind) - kindRank(y.e.Kind); c != 0 {
			return c
		}
		if x.e.Kind != y.e.Kind {
			return strings.Compare(x.e.Kind, y.e.Kind)
		}
		if c := timeOrder(x.a.when, y.a.when); c != 0 {
			return c
		}
		if x.a.index != y.a.index {
			return x.a.index - y.a.index
		}
		return x.span - y.span
	})
	out := make([]Entry, len(rows))
	for i, r := range rows {
		out[i] = r.e
	}
	return out
}

// reading is what one article reports for one kind of figure: the count
// facts.ArticleCount reads for its main incident, which leaves aside the
// figures of other incidents an article mentions in passing.
type reading struct {
	kind      string
	value     int
	entry     int // ledger row the reading comes from
	qualifier string
	low, high int // range the reading allows; high < 0 when open
	authority string
	when      *time.Time
	group     string
	article   *art
	corrects  bool // the sentence says it corrects an earlier figure
	// hit is set on an injured reading that counts people shot in an
	// article that reports no dead (facts.HitCount): the dead other
	// reports give may be among them.
	hit bool
	// stated is how many ledger rows of the event give the reading's
	// value, when it counts more than one person: a count stated again
	// and again across the reports is the one they agree on. Rows of
	// one person are left out: they tell of the victims one at a time
	// ("a woman was shot", "she was hit") and add up to no total.
	stated int
	// roundUp is set on an injured reading of an article that sums up
	// several incidents (facts.RoundUp, "2 dead, 8 wounded in separate
	// shootings"): the story it reads may be another incident's that
	// clustering joined to the event, so beside reports of one incident
	// it is set aside. Not for killed: there it lost as many incidents on
	// GVA dev as it fixed.
	roundUp bool
}

// readings returns the article readings of every kind, in ledger order of
// their entries.
func readings(arts []*art, led []Entry) []reading {
	var out []reading
	for _, a := range arts {
		if a.in.Facts == nil || len(a.in.Facts.Figures)+len(a.titleFigs) == 0 {
			continue
		}
		d, figs := a.lead()
		for _, kind := range kindsOf(figs) {
			v := facts.ArticleCount(d, figs, kind)
			if v <= 0 {
				continue
			}
			// The ledger row of the reading: the article's first figure
			// of that value, else (a derived count, "6 shot, 1 dead")
			// its largest figure of the kind.
			// The body's rows come first: they carry the qualifier and
			// the authority a headline leaves out.
			best, bestVal := -1, -1
			for _, headline := range []bool{false, true} {
				for i, e := range led {
					if e.Article != a.in.Article.ID || e.Kind != kind || e.Headline != headline {
						continue
					}
					if e.Value == v && (best < 0 || led[best].Value != v) {
						best = i
					}
					if e.Value > bestVal && (best < 0 || led[best].Value != v) {
						best, bestVal = i, e.Value
					}
				}
			}
			if best < 0 {
				continue
			}
			e := led[best]
			rd := reading{kind: kind, value: v, entry: best, qualifier: e.Qualifier, authority: e.Authority, when: a.when, group: a.ref.Group, article: a, corrects: corrects(e.Sentence)}
			if e.Value != v {
				rd.qualifier = "exact"
			}
			rd.low, rd.high = bounds(v, rd.qualifier, e)
			rd.hit = kind == news.Injured && facts.HitCount(d, figs)
			rd.roundUp = kind == news.Injured && facts.RoundUp(d, figs)
			for _, e := range led {
				if v > 1 && e.Kind == kind && e.Value == v {
					rd.stated++
				}
			}
			out = append(out, rd)
		}
	}
	return out
}

func kindsOf(figs []news.Figure) []string {
	var ks []string
	for _, f := range figs {
		if !slices.Contains(ks, f.Kind) {
			ks = append(ks, f.Kind)
		}
	}
	slices.SortFunc(ks, func(a, b string) int { return kindRank(a) - kindRank(b) })
	return ks
}

// bounds is the range of true values a reading allows: "at least 143"
// allows 143 and more, "about 60" 10% either side, "dozens" its range.
func bounds(v int, q string, e Entry) (int, int) {
	switch q {
	case "at_least":
		return v, -1
	case "more_than":
		return v + 1, -1
	case "about":
		d := int(math.Ceil(float64(v) * 0.1))
		return v - d, v + d
	case "up_to", "at_most":
		return 0, v
	case "vague", "range":
		if e.Value == v && e.High > 0 {
			return e.Low, e.High
		}
		if e.Value == v {
			return e.Low, -1
		}
	}
	return v, v
}

// compatible reports whether two readings can both be true.
func compatible(a, b reading) bool {
	return (a.high < 0 || b.low <= a.high) && (b.high < 0 || a.low <= b.high)
}

// correctionWords mark a figure stated as a correction of an earlier one.
var correctionWords = []string{"correct", "revised", "revise", "lowered", "down from", "rather than", "not as",
	"korrigiert", "berichtigt", "revidiert", "nach unten", "corrigé", "rectifi", "revisado", "corretto", "rivisto", "уточн", "исправ"}

func corrects(sentence string) bool {
	s := strings.ToLower(sentence)
	for _, w := range correctionWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// EstimateRule is the rule estimates follow, in words for analysts.
const EstimateRule = "Each article gives one reading per kind of figure (the count it reports for the event itself, " +
	"not figures of other incidents it mentions). Vague readings (\"dozens\") count only when no article gives a " +
	"number. Of the remaining readings, the latest ones are those published within the contradiction window of " +
	"the most recent dated reading, and those whose publication time is unknown. Among them the value given by " +
	"the most independent sources wins; between values as well supported, the count of several people stated most " +
	"often across the reports, then the highest, because tolls rise as " +
	"victims are counted and a lower figure of the same time is most often one not yet updated. A count of wounded " +
	"from a round-up of several incidents counts only when no report of one incident gives one. The estimate is never lower than an earlier confirmed reading (one citing an authority, or given " +
	"by two independent sources), nor for injured than any earlier reading, unless the later report states a correction. The dead are taken out of an injured " +
	"reading that may still hold them: a count of people shot from a report that gives no dead, or a count of " +
	"wounded published no later than the first report of dead when no report gives both."

// estimates applies EstimateRule to every kind reported. Killed comes
// first: the injured readings that may hold the dead lose them.
func estimates(rds []reading, opt Options) []Estimate {
	var out []Estimate
	dead := 0
	for _, kind := range kindOrder {
		var of []reading
		for _, r := range rds {
			if r.kind != kind {
				continue
			}
			if dead > 0 && holdsDead(r, rds) {
				if r.value <= dead {
					continue
				}
				r.value, r.qualifier, r.low, r.high = r.value-dead, "exact", r.value-dead, r.value-dead
			}
			of = append(of, r)
		}
		if len(of) == 0 {
			continue
		}
		e := estimate(kind, of, opt)
		if kind == news.Killed {
			dead = e.Value
		}
		out = append(out, e)
	}
	return out
}

// holdsDead reports whether the injured reading r may count victims the
// event's dead are among: it counts people shot in an article that gives
// no dead ("four people were shot", then "one of them has died"), or no
// article of the event gives both dead and injured and r was published no
// later than the first report of dead ("a girl critically wounded", then
// "the girl has died"): a wounded victim who dies is counted again among
// the dead, and a report that knew of both would have given both.
func holdsDead(r reading, rds []reading) bool {
	if r.kind != news.Injured {
		return false
	}
	if r.hit {
		return true
	}
	var first *time.Time
	for _, k := range rds {
		if k.kind != news.Killed {
			continue
		}
		for _, q := range rds {
			if q.kind == news.Injured && q.article == k.article {
				return false
			}
		}
		if k.when != nil && (first == nil || k.when.Before(*first)) {
			first = k.when
		}
	}
	return r.when == nil || first == nil || !r.when.After(*first)
}

func estimate(kind string, rds []reading, opt Options) Estimate {
	var why []string
	use := rds
	if exact := slices.DeleteFunc(slices.Clone(rds), func(r reading) bool { return r.qualifier == "vague" }); len(exact) > 0 {
		if len(exact) < len(rds) {
			why = append(why, "vague readings set aside")
		}
		use = exact
	} else {
		why = append(why, "only vague readings")
	}
	if own := slices.DeleteFunc(slices.Clone(use), func(r reading) bool { return r.roundUp }); len(own) > 0 && len(own) < len(use) {
		why = append(why, "round-ups set aside")
		use = own
	}
	support := map[int]map[string]bool{}
	for _, r := range use {
		if support[r.value] == nil {
			support[r.value] = map[string]bool{}
		}
		support[r.value][r.group] = true
	}
	confirmed := func(r reading) bool { return r.authority != "" || len(support[r.value]) >= 2 }

	var latest *time.Time
	for _, r := range use {
		if r.when != nil && (latest == nil || r.when.After(*latest)) {
			latest = r.when
		}
	}
	best := -1
	for i, r := range use {
		if r.when != nil && latest.Sub(*r.when) > opt.Window {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		b := use[best]
		if n, m := len(support[r.value]), len(support[b.value]); n > m || n == m && (r.stated > b.stated || r.stated == b.stated && r.value > b.value || r.value == b.value && confirmed(r) && !confirmed(b)) {
			best = i
		}
	}
	chosen := use[best]
	switch {
	case latest == nil:
		why = append(why, "no reading is dated: all compete")
	case chosen.when == nil:
		why = append(why, "the best supported, then most stated, then highest, of the latest readings, from a report of unknown time")
	default:
		why = append(why, "the best supported, then most stated, then highest, of the latest readings ("+chosen.when.UTC().Format("2006-01-02 15:04Z")+")")
	}
	// The floor: no earlier confirmed count may be undercut without a
	// stated correction, nor any earlier count of wounded: the wounded
	// who die have already been taken out (holdsDead), and a later lower
	// count of wounded is most often a follow-up that tells of some of
	// them only ("the boy remains in hospital"), where a later lower
	// count of dead may be one that was revised.
	if !chosen.corrects {
		for _, r := range use {
			if r.value > chosen.value && (confirmed(r) || kind == news.Injured) && timeOrder(r.when, chosen.when) < 0 {
				what := "confirmed"
				if !confirmed(r) {
					what = "count of wounded"
				}
				why = append(why, fmt.Sprintf("raised to the earlier %s %d, which the later %d does not say it corrects", what, r.value, chosen.value))
				chosen = r
			}
		}
	}
	if confirmed(chosen) {
		if chosen.authority != "" {
			why = append(why, "attributed to "+chosen.authority)
		} else {
			why = append(why, "given by several independent sources")
		}
	}
	est := Estimate{Kind: kind, Value: chosen.value, Qualifier: chosen.qualifier, Low: chosen.value, High: chosen.value, Independent: len(support[chosen.value])}
	for _, r := range rds {
		est.Low = min(est.Low, r.value)
		est.High = max(est.High, r.value)
		if r.value == chosen.value {
			est.Entries = append(est.Entries, r.entry)
		}
	}
	slices.Sort(est.Entries)
	if est.High == est.Low {
		est.High = 0
	}
	est.Rule = strings.Join(why, "; ")
	return est
}

// figureFindings compares the readings of each kind across independent
// sources. Two readings that cannot both be true are a revision when the
// later one (beyond Window) is higher, or lower and says it corrects; a
// contradiction when they are published within Window of each other, or
// when the later is lower without a stated correction. When a publication
// time is unknown the readings cannot be placed: a difference is reported
// as a likely revision (tolls rise) and said to be undated.
func figureFindings(rds []reading, led []Entry, opt Options) []Finding {
	var out []Finding
	seen := map[string]bool{}
	for _, kind := range kindOrder {
		var of []reading
		for _, r := range rds {
			if r.kind == kind && r.qualifier != "vague" {
				of = append(of, r)
			}
		}
		slices.SortStableFunc(of, func(a, b reading) int {
			if c := timeOrder(a.when, b.when); c != 0 {
				return c
			}
			return a.value - b.value
		})
		for j := 1; j < len(of); j++ {
			for i := j - 1; i >= 0; i-- {
				a, b := of[i], of[j]
				if a.group == b.group || compatible(a, b) {
					continue
				}
				key := fmt.Sprint(min(a.value, b.value), max(a.value, b.value))
				if seen[key] {
					break
				}
				seen[key] = true
				if (a.when == nil || b.when == nil) && a.value > b.value {
					a, b = b, a
				}
				out = append(out, compare(kind, a, b, led, opt))
				break
			}
		}
	}
	return out
}

// compare explains the difference between reading a (earlier, or lower
// when undated) and reading b.
func compare(kind string, a, b reading, led []Entry, opt Options) Finding {
	f := Finding{Figure: kind, Entries: []int{a.entry, b.entry}}
	ea, eb := led[a.entry], led[b.entry]
	say := func(r reading, e Entry) string {
		s := fmt.Sprintf("%s %s (%s", phrase(r), kind, who(e))
		if r.when != nil {
			s += ", " + r.when.UTC().Format("2 January 15:04Z")
		} else {
			s += ", time unknown"
		}
		return s + ")"
	}
	switch {
	case a.when == nil || b.when == nil:
		f.Kind = Revision
		f.Explanation = fmt.Sprintf("Likely revision: %s, then %s. At least one publication time is unknown, so the order is taken from the values: tolls rise as victims are counted.", say(a, ea), say(b, eb))
	case b.when.Sub(*a.when) <= opt.Window:
		f.Kind = Contradiction
		f.Explanation = fmt.Sprintf("Contradiction: %s and %s were published within %s of each other.", say(a, ea), say(b, eb), window(opt.Window))
	case b.value > a.value:
		f.Kind = Revision
		f.Explanation = fmt.Sprintf("Revision: %s rose to %s.", say(a, ea), say(b, eb))
	case b.corrects:
		f.Kind = Revision
		f.Explanation = fmt.Sprintf("Revision downwards: %s was corrected to %s.", say(a, ea), say(b, eb))
	default:
		f.Kind = Contradiction
		f.Explanation = fmt.Sprintf("Contradiction: %s, but later %s, lower without saying it corrects the earlier count.", say(a, ea), say(b, eb))
	}
	return f
}

func phrase(r reading) string {
	switch r.qualifier {
	case "at_least":
		return fmt.Sprintf("at least %d", r.value)
	case "more_than":
		return fmt.Sprintf("more than %d", r.value)
	case "about":
		return fmt.Sprintf("about %d", r.value)
	case "up_to", "at_most":
		return fmt.Sprintf("up to %d", r.value)
	}
	return fmt.Sprint(r.value)
}

func who(e Entry) string {
	s := e.Source
	if s == "" {
		s = "article " + e.Article
	}
	if e.Authority != "" {
		s += ", citing " + e.Authority
	}
	return s
}

func window(d time.Duration) string {
	if d%time.Hour == 0 {
		return fmt.Sprintf("%d hours", int(d.Hours()))
	}
	return d.String()
}
