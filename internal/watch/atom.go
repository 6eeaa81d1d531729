package watch

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tocsin/tocsin/internal/store"
)

// atomFeed and atomEntry are the parts of Atom 1.0 (RFC 4287) an alert
// feed uses. encoding/xml escapes every text, so article-derived titles
// cannot inject markup.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Content atomContent `xml:"content"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// WriteAtom writes the alerts of a rule, newest first, as an Atom feed.
// self is the feed's own URL and base the server's, for entry links to
// events; either may be empty.
func WriteAtom(w io.Writer, rule store.Rule, alerts []store.Alert, self, base string) error {
	updated := rule.Created // a feed without entries changed when its rule was made
	if len(alerts) > 0 {
		updated = alerts[0].Raised
		for _, a := range alerts {
			if a.Raised.After(updated) {
				updated = a.Raised
			}
		}
	}
	f := atomFeed{
		ID:      fmt.Sprintf("urn:tocsin:rule:%d", rule.ID),
		Title:   "Tocsin alerts: " + rule.Name,
		Updated: updated.UTC().Format(time.RFC3339),
		Author:  atomPerson{Name: "Tocsin"},
	}
	if self != "" {
		f.Links = append(f.Links, atomLink{Rel: "self", Href: self})
	}
	for i := len(alerts) - 1; i >= 0; i-- {
		a := alerts[i]
		e := atomEntry{
			ID:      fmt.Sprintf("urn:tocsin:alert:%d", a.ID),
			Title:   entryTitle(a),
			Updated: a.Raised.UTC().Format(time.RFC3339),
			Content: atomContent{Type: "text", Text: entryText(rule, a)},
		}
		if base != "" {
			e.Links = []atomLink{{Rel: "alternate", Href: strings.TrimRight(base, "/") + "/events/" + a.Event}}
		}
		f.Entries = append(f.Entries, e)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	return enc.Encode(f)
}

func entryTitle(a store.Alert) string {
	if a.Reason == store.AlertFigures {
		return "Figures revised: " + a.Title
	}
	return a.Title
}

// entryText is the plain-text summary of an alert.
func entryText(rule store.Rule, a store.Alert) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Rule %q matched event %s", rule.Name, a.Event)
	if a.Place != "" {
		fmt.Fprintf(&b, " in %s", a.Place)
		if a.Country != "" {
			fmt.Fprintf(&b, " (%s)", a.Country)
		}
	}
	fmt.Fprintf(&b, ".\nSeverity %d/100, %d independent sources", a.Severity, a.Sources)
	if a.Type != "" {
		fmt.Fprintf(&b, ", type %s", a.Type)
	}
	b.WriteString(".")
	if len(a.Figures) > 0 {
		b.WriteString("\nFigures: " + FormatFigures(a.Figures) + ".")
	}
	return b.String()
}

// FormatFigures renders figures as "killed 143, injured 182", killed and
// injured first, the rest by name.
func FormatFigures(m map[string]int) string {
	var parts []string
	for _, k := range figureOrder(m) {
		parts = append(parts, k+" "+strconv.Itoa(m[k]))
	}
	return strings.Join(parts, ", ")
}

func figureOrder(m map[string]int) []string {
	var rest []string
	var out []string
	for _, k := range []string{"killed", "injured"} {
		if _, ok := m[k]; ok {
			out = append(out, k)
		}
	}
	for k := range m {
		if k != "killed" && k != "injured" {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// AtomHandler serves the alert feed of the rule named by the last path
// segment, "{id}.atom", so that a server can mount it as "GET /alerts/".
// It lists at most the latest 100 alerts. base is the server's URL for
// entry links (may be empty).
func AtomHandler(st store.Watches, base string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutSuffix(path.Base(r.URL.Path), ".atom")
		id, err := strconv.ParseInt(name, 10, 64)
		if !ok || err != nil {
			http.Error(w, "want /alerts/{rule id}.atom", http.StatusNotFound)
			return
		}
		rule, err := st.Rule(r.Context(), id)
		if errors.Is(err, store.ErrNotFound) {
			http.Error(w, "no such rule", http.StatusNotFound)
			return
		}
		if err != nil {
			http.Error(w, "store error", http.StatusInternalServerError)
			return
		}
		alerts, err := st.Alerts(r.Context(), store.AlertQuery{Rule: id, Limit: 100})
		if err != nil {
			http.Error(w, "store error", http.StatusInternalServerError)
			return
		}
		self := ""
		if base != "" {
			self = strings.TrimRight(base, "/") + r.URL.Path
		}
		w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
		WriteAtom(w, rule, alerts, self, base)
	})
}
