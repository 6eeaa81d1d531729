package facts

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/tocsin/tocsin/internal/geo"
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
