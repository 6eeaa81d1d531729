package extract

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	day := func(y int, m time.Month, d int) string {
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	}
	for _, tc := range []struct {
		in, lang, want string // want "" means refused
	}{
		// Machine formats.
		{"2024-03-08", "", day(2024, 3, 8)},
		{"2024-03-08T14:30:00+01:00", "", "2024-03-08T13:30:00Z"},
		{"2024-03-08T14:30:00Z", "", "2024-03-08T14:30:00Z"},
		{"2024-03-08 14:30", "", "2024-03-08T14:30:00Z"},
		{"Fri, 08 Mar 2024 14:30:00 +0100", "", "2024-03-08T13:30:00Z"},
		{"Fri, 8 Mar 2024 14:30:00 GMT", "", "2024-03-08T14:30:00Z"},
		// Numeric dates: dots are day first; slashes only when unambiguous.
		{"08.03.2024", "", day(2024, 3, 8)},
		{"8.3.2024", "de", day(2024, 3, 8)},
		{"08.03.2024, 14:30 Uhr", "de", "2024-03-08T14:30:00Z"},
		{"13/03/2024", "", day(2024, 3, 13)},
		{"03/13/2024", "", day(2024, 3, 13)},
		{"08/03/2024", "fr", day(2024, 3, 8)},
		{"08/03/2024", "", ""},
		{"08/03/2024", "en", ""},
		{"31.02.2024", "", ""},
		// Written dates.
		{"8 March 2024", "", day(2024, 3, 8)},
		{"March 8, 2024", "en", day(2024, 3, 8)},
		{"Friday, 8 March 2024", "", day(2024, 3, 8)},
		{"8. März 2024", "", day(2024, 3, 8)},
		{"8. März 2024", "de", day(2024, 3, 8)},
		{"22 mars 2024", "fr", day(2024, 3, 22)},
		{"22 mars 2024 à 18h45", "", "2024-03-22T18:45:00Z"},
		{"12 aprile 2024", "it", day(2024, 4, 12)},
		{"3 de mayo de 2024", "", day(2024, 5, 3)},
		{"15 марта 2024", "", day(2024, 3, 15)},
		{"5 kwietnia 2024", "pl", day(2024, 4, 5)},
		{"10 februari 2024", "nl", day(2024, 2, 10)},
		{"14 Şubat 2024", "tr", day(2024, 2, 14)},
		// Relative expressions depend on when Tocsin reads them: refused.
		{"yesterday", "", ""},
		{"today", "en", ""},
		{"2 hours ago", "", ""},
		{"gestern, 14:30 Uhr", "de", ""},
		{"il y a 2 heures", "fr", ""},
		{"hace tres días", "es", ""},
		// No year (it would be guessed) or no day: refused.
		{"8 March", "", ""},
		{"8. März", "de", ""},
		{"March 2024", "", ""},
		{"2024", "", ""},
		{"", "", ""},
		{"not a date at all", "", ""},
	} {
		t.Run(tc.in+"/"+tc.lang, func(t *testing.T) {
			got, ok := ParseDate(tc.in, tc.lang)
			gotS := ""
			if ok {
				gotS = got.Format(time.RFC3339)
			}
			if gotS != tc.want {
				t.Errorf("ParseDate(%q, %q) = %q, want %q", tc.in, tc.lang, gotS, tc.want)
			}
		})
	}
}

func TestLeadingDate(t *testing.T) {
	for _, tc := range []struct{ name, in, want, rest string }{
		{"iso with text", "date 2024-03-08 The minister said\nnext", "2024-03-08", "The minister said\nnext"},
		{"cue", "Published: 8 March 2024\nnext", "2024-03-08", "next"},
		{"after headline", "Storm hits coast\nVeröffentlicht am 8. März 2024\n\nnext", "2024-03-08", "Storm hits coast\n\nnext"},
		{"bare date line", "Friday, 8 March 2024\nnext", "2024-03-08", "next"},
		{"dated is not date", "Dated buildings fall\nnext", "", "Dated buildings fall\nnext"},
		{"database", "Database leak 2024-03-08\nnext", "", "Database leak 2024-03-08\nnext"},
		{"relative", "Updated: 2 hours ago\nnext", "", "Updated: 2 hours ago\nnext"},
		{"number in headline", "2024 budget passes\nnext", "", "2024 budget passes\nnext"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in // as Normalize leaves it
			rest, d := leadingDate(in)
			got := ""
			if d != nil {
				got = d.Format("2006-01-02")
			}
			if got != tc.want || rest != tc.rest {
				t.Errorf("leadingDate(%q) = %q, %q; want %q, %q", in, rest, got, tc.rest, tc.want)
			}
		})
	}
}
