package crosscheck

import (
	"net/url"
	"slices"
	"strings"

	"github.com/tocsin/tocsin/internal/news"
)

// outletName is the article's outlet: its Source, else the host of its URL
// without "www.", else the news agency it credits.
func outletName(a news.Article) string {
	if s := strings.TrimSpace(a.Source); s != "" {
		return s
	}
	if h := host(a.URL); h != "" {
		return h
	}
	return strings.TrimSpace(a.Agency)
}

func host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// outletCountries is a small curated table of outlets and agencies whose
// country their domain does not tell (.com, .org, .net) or whose name is
// all an article gives. Keys are lower-case names or registrable domains.
var outletCountries = map[string]string{
	"reuters": "GB", "reuters.com": "GB", "afp": "FR", "afp.com": "FR", "france24.com": "FR",
	"ap": "US", "associated press": "US", "apnews.com": "US", "dpa": "DE", "dw.com": "DE", "dw": "DE",
	"tass": "RU", "interfax": "RU", "ria novosti": "RU", "rt": "RU", "rt.com": "RU", "sputnik": "RU",
	"ukrinform": "UA", "unian": "UA", "efe": "ES", "ansa": "IT", "anadolu": "TR", "aa.com.tr": "TR", "xinhua": "CN",
	"krone": "AT", "krone.at": "AT", "apa": "AT", "sda": "CH", "keystone-sda": "CH",
	"bbc": "GB", "bbc.com": "GB", "theguardian.com": "GB", "the guardian": "GB", "dailymail": "GB",
	"dailymail.co.uk": "GB", "independent.co.uk": "GB", "telegraph.co.uk": "GB", "sky news": "GB",
	"cnn": "US", "cnn.com": "US", "nytimes.com": "US", "the new york times": "US", "washingtonpost.com": "US",
	"foxnews.com": "US", "nbcnews.com": "US", "cbsnews.com": "US", "abcnews.go.com": "US", "usatoday.com": "US",
	"npr.org": "US", "politico.com": "US", "bloomberg.com": "US", "wsj.com": "US", "latimes.com": "US",
	"al jazeera": "QA", "aljazeera.com": "QA", "euronews.com": "FR", "lemonde.fr": "FR",
	"spiegel.de": "DE", "tagesschau.de": "DE", "meduza.io": "LV", "moscowtimes.ru": "RU", "themoscowtimes.com": "NL",
	"kyivindependent.com": "UA", "hindustantimes.com": "IN", "indianexpress.com": "IN", "timesofindia.indiatimes.com": "IN",
}

// genericTLDs are two-letter domains used worldwide rather than by their
// country: they say nothing about an outlet's country.
var genericTLDs = map[string]bool{"io": true, "tv": true, "fm": true, "me": true, "ai": true, "co": true, "cc": true, "ws": true, "am": true, "ly": true, "gg": true}

// outletCountry returns the ISO 3166-1 alpha-2 country of an outlet from
// the curated table, then from its domain's country code; "" when unknown.
func outletCountry(a news.Article) string {
	h := host(a.URL)
	if h == "" && strings.Contains(a.Source, ".") && !strings.Contains(a.Source, " ") {
		h = strings.TrimPrefix(strings.ToLower(a.Source), "www.")
	}
	for _, k := range []string{strings.ToLower(strings.TrimSpace(a.Source)), h, registrable(h)} {
		if c, ok := outletCountries[k]; ok && k != "" {
			return c
		}
	}
	if i := strings.LastIndexByte(h, '.'); i >= 0 {
		tld := h[i+1:]
		if len(tld) == 2 && !genericTLDs[tld] {
			if tld == "uk" {
				return "GB"
			}
			return strings.ToUpper(tld)
		}
	}
	if strings.TrimSpace(a.Source) == "" && h == "" {
		// Only the agency is known: the report is the agency's.
		return outletCountries[strings.ToLower(strings.TrimSpace(a.Agency))]
	}
	return ""
}

// registrable strips subdomains: "edition.cnn.com" → "cnn.com" (and keeps
// the last three labels of "x.co.uk"-style names).
func registrable(h string) string {
	parts := strings.Split(h, ".")
	n := 2
	if len(parts) >= 3 && (parts[len(parts)-2] == "co" || parts[len(parts)-2] == "com") && len(parts[len(parts)-1]) == 2 {
		n = 3
	}
	if len(parts) <= n {
		return h
	}
	return strings.Join(parts[len(parts)-n:], ".")
}

// sources summarises who reported the event.
func sources(arts []*art) Sources {
	s := Sources{Articles: len(arts), Outlets: []Outlet{}, Countries: []string{}, Languages: []string{}}
	groups := map[string]bool{}
	byName := map[string]int{}
	for _, a := range arts {
		groups[a.ref.Group] = true
		if l := a.in.Article.Lang; l != "" && !slices.Contains(s.Languages, l) {
			s.Languages = append(s.Languages, l)
		}
		c := outletCountry(a.in.Article)
		if c != "" && !slices.Contains(s.Countries, c) {
			s.Countries = append(s.Countries, c)
		}
		name := a.ref.Source
		if name == "" {
			s.WithoutOutlet++
			continue
		}
		if i, ok := byName[name]; ok {
			s.Outlets[i].Articles++
			continue
		}
		byName[name] = len(s.Outlets)
		s.Outlets = append(s.Outlets, Outlet{Name: name, Country: c, Articles: 1})
	}
	s.Independent = len(groups)
	slices.SortStableFunc(s.Outlets, func(a, b Outlet) int {
		if a.Articles != b.Articles {
			return b.Articles - a.Articles
		}
		return strings.Compare(a.Name, b.Name)
	})
	slices.Sort(s.Countries)
	slices.Sort(s.Languages)
	return s
}
