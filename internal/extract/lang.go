package extract

import (
	"github.com/RadhiFadlillah/whatlanggo"
)

// langSample bounds how much text language identification reads: the answer
// is settled long before, and articles can be long.
const langSample = 1200

// Language identifies the language of an article from its title and body and
// returns its ISO 639-1 code (ISO 639-3 where there is none), or "und" when the
// text is too short or too mixed to tell.
func Language(title, body string) string {
	sample := title + "\n" + body
	if len(sample) > langSample {
		cut := langSample
		for cut > 0 && sample[cut]&0xC0 == 0x80 {
			cut-- // stay on a rune boundary
		}
		sample = sample[:cut]
	}
	info := whatlanggo.Detect(sample)
	if info.Confidence < 0.2 || len(sample) < 20 {
		return "und"
	}
	if code := info.Lang.Iso6391(); code != "" {
		return code
	}
	if code := info.Lang.Iso6393(); code != "" {
		return code
	}
	return "und"
}
