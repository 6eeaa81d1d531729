package facts

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/tocsin/tocsin/internal/geo"
	"github.com/tocsin/tocsin/internal/text"
)

// aliasesTSV is the curated alias table: frequent actors of security and
// political news with their names in the languages Tocsin reads. See
// docs/facts-entities.md for its format and origin.
//
//go:embed data/aliases.tsv
var aliasesTSV string

// aliasEntry is one row of the alias table.
type aliasEntry struct {
	ID   string
	Type string
	Name string
}

// aliasTable maps alias keys to entries. Keys come from aliasKey; short
// all-capital acronyms are stored case-sensitively under "=" + the acronym.
type aliasTable struct {
	byKey map[string]*aliasEntry
	// words maps single-token aliases, exactly as written, to the tagger
	// gazetteer class of their entry ("ORGNAME", "PERNAME").
	words map[string][]string
}

var (
	orgName = []string{"ORGNAME"}
	perName = []string{"PERNAME"}
	locName = []string{"LOCNAME"}
)

var loadAliases = sync.OnceValue(func() *aliasTable {
	t, err := parseAliases(aliasesTSV)
	if err != nil {
		panic(err) // the embedded table is checked by TestAliasTable
	}
	return t
})

func parseAliases(data string) (*aliasTable, error) {
	t := &aliasTable{byKey: map[string]*aliasEntry{}, words: map[string][]string{}}
	for n, line := range strings.Split(data, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("aliases line %d: %d fields, want 4", n+1, len(f))
		}
		e := &aliasEntry{ID: f[0], Type: f[1], Name: f[2]}
		switch e.Type {
		case "PER", "ORG", "LOC":
		default:
			return nil, fmt.Errorf("aliases line %d: type %q", n+1, e.Type)
		}
		if !strings.HasPrefix(e.ID, strings.ToLower(e.Type[:3])+":") {
			return nil, fmt.Errorf("aliases line %d: id %q does not match type %s", n+1, e.ID, e.Type)
		}
		names := append([]string{e.Name}, strings.Split(f[3], "|")...)
		for _, a := range names {
			a = strings.TrimSpace(a)
			if a == "" {
				continue
			}
			k := aliasKey(a)
			if k == "" {
				continue
			}
			if old, ok := t.byKey[k]; ok && old.ID != e.ID {
				return nil, fmt.Errorf("aliases line %d: %q is already an alias of %s", n+1, a, old.ID)
			}
			t.byKey[k] = e
			if !strings.ContainsAny(a, " ") {
				switch e.Type {
				case "ORG":
					t.words[a] = orgName
				case "PER":
					t.words[a] = perName
				case "LOC":
					t.words[a] = locName
				}
			}
		}
	}
	return t, nil
}

// lookup returns the table entry a surface form names, if any.
func (t *aliasTable) lookup(s string) (*aliasEntry, bool) {
	e, ok := t.byKey[aliasKey(s)]
	return e, ok
}

// aliasKey is the matching key of a name: acronyms of up to four capital
// letters (dots dropped: "U.N." = "UN") match only as written, so that "IS"
// is not "is" and "EU" is not "eu"; anything else is folded (case,
// diacritics, punctuation and a leading English "the" ignored).
func aliasKey(s string) string {
	compact := strings.ReplaceAll(strings.TrimSpace(s), ".", "")
	if isShortAcronym(compact) {
		return "=" + compact
	}
	k := geo.Fold(s)
	k = strings.TrimPrefix(k, "the ")
	return k
}

// isShortAcronym reports whether s is 1–4 letters, all capitals, with an
// optional hyphenated part ("IS", "UN", "ИГ", "EI-K").
func isShortAcronym(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			n++
		case r == '-' && n > 0:
		default:
			return false
		}
	}
	return n >= 1 && n <= 4
}

// aliasSeq is an alias as a token sequence, for finding it in text.
type aliasSeq struct {
	toks  []string // lower case, except for exact ones
	exact bool     // a short acronym: matches only as written
	entry *aliasEntry
}

// seqs indexes the table's aliases by their first token (lower case).
var loadSeqs = sync.OnceValue(func() map[string][]aliasSeq {
	t := loadAliases()
	idx := map[string][]aliasSeq{}
	for _, line := range strings.Split(aliasesTSV, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 || strings.HasPrefix(line, "#") {
			continue
		}
		for _, a := range append([]string{f[2]}, strings.Split(f[3], "|")...) {
			a = strings.TrimSpace(a)
			first, _ := utf8.DecodeRuneInString(a)
			if a == "" || !unicode.IsUpper(first) {
				continue // only capitalised names are searched for
			}
			e, _ := t.lookup(a)
			s := aliasSeq{exact: isShortAcronym(strings.ReplaceAll(a, ".", "")), entry: e}
			for _, tok := range text.Tokenize("", a) {
				w := tok.Text
				if !s.exact {
					w = strings.ToLower(w)
				}
				s.toks = append(s.toks, w)
			}
			if len(s.toks) == 0 {
				continue
			}
			k := strings.ToLower(s.toks[0])
			if !slices.ContainsFunc(idx[k], func(o aliasSeq) bool { return slices.Equal(o.toks, s.toks) }) {
				idx[k] = append(idx[k], s)
			}
		}
	}
	return idx
})

// scan adds the table's names that the tagger missed or cut short in one
// sentence (words are its tokens) to found, the tagger's mentions in token
// order, and returns the new list. A name found here replaces the tagger's
// mentions it covers ("Islamic State" inside "Islamic State Khorasan");
// one that only partly overlaps a tagger's mention is dropped.
func (t *aliasTable) scan(d *Doc, toks []text.Token, si int, words []string, found []*mention) []*mention {
	idx := loadSeqs()
	shouting := -1 // allCapsSentence(words), computed when needed: 0 or 1
	var added bool
	for i := 0; i < len(words); i++ {
		r, _ := utf8.DecodeRuneInString(words[i])
		if !unicode.IsUpper(r) {
			continue
		}
		cands := lowerGet(idx, words[i])
		best := -1
		bestLen := 0
		for c, s := range cands {
			if len(s.toks) <= bestLen || i+len(s.toks) > len(words) {
				continue
			}
			if s.exact && shouting < 0 {
				shouting = 0
				if allCapsSentence(words) {
					shouting = 1
				}
			}
			if s.exact && shouting == 1 {
				continue
			}
			ok := true
			for k, w := range s.toks {
				if s.exact && words[i+k] != w || !s.exact && !strings.EqualFold(words[i+k], w) {
					ok = false
					break
				}
			}
			if ok {
				best, bestLen = c, len(s.toks)
			}
		}
		if best < 0 {
			continue
		}
		a, b := i, i+bestLen
		keep := found[:0:0]
		conflict := false
		for _, m := range found {
			switch {
			case m.tok1 <= a || m.tok0 >= b:
				keep = append(keep, m)
			case m.tok0 >= a && m.tok1 <= b && m.tok1-m.tok0 < bestLen:
				// covered by the longer table name: dropped
			default:
				conflict = true
			}
		}
		if conflict {
			continue
		}
		e := cands[best].entry
		m := &mention{start: toks[a].Start, end: toks[b-1].End, typ: e.Type, sent: si, tok0: a, tok1: b, alias: e}
		m.text = d.Text[m.start:m.end]
		found = append(keep, m)
		added = true
		i = b - 1
	}
	if added {
		slices.SortFunc(found, func(x, y *mention) int { return x.tok0 - y.tok0 })
	}
	return found
}

// allCapsSentence reports whether most words of a sentence are written in
// capitals (a headline), where "IS" or "WHO" are no acronyms.
func allCapsSentence(words []string) bool {
	caps, n := 0, 0
	for _, w := range words {
		if len(w) < 2 || !hasLetter(w) {
			continue
		}
		n++
		if isAllCaps(w) {
			caps++
		}
	}
	return n >= 3 && caps*2 > n
}
