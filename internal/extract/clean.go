package extract

import (
	"cmp"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cleaned is article text with boilerplate removed, and what the removed lines
// said about where the report came from.
type Cleaned struct {
	Text    string
	Source  string // outlet named by a "Source: …" line
	Agency  string // news agency named by a sign-off, credit or dateline
	Removed int    // boilerplate lines removed
}

// Agencies are the news agencies Tocsin recognises in sign-offs, bylines and
// datelines, keyed by their folded short forms.
var agencies = map[string]string{
	"dpa": "dpa", "afp": "AFP", "ap": "AP", "reuters": "Reuters", "rtr": "Reuters",
	"ansa": "ANSA", "efe": "EFE", "tass": "TASS", "itar-tass": "TASS", "ria": "RIA Novosti",
	"ria novosti": "RIA Novosti", "interfax": "Interfax", "xinhua": "Xinhua", "anadolu": "Anadolu",
	"aa": "Anadolu", "apa": "APA", "kna": "KNA", "epd": "epd", "sda": "SDA", "ats": "ATS",
	"europa press": "Europa Press", "pap": "PAP", "anp": "ANP", "belga": "Belga", "pti": "PTI",
	"ians": "IANS", "ukrinform": "Ukrinform", "kyodo": "Kyodo", "yonhap": "Yonhap", "upi": "UPI",
	"agi": "AGI", "adnkronos": "Adnkronos", "lusa": "Lusa", "ctk": "ČTK", "čtk": "ČTK",
	"mti": "MTI", "bta": "BTA", "hina": "HINA", "tanjug": "Tanjug", "irna": "IRNA", "wafa": "WAFA",
	"mena": "MENA", "sana": "SANA", "qna": "QNA", "wam": "WAM", "spa": "SPA", "kyiv independent": "",
	"unian": "UNIAN", "ria-novosti": "RIA Novosti", "tt": "TT", "ntb": "NTB", "ritzau": "Ritzau",
	"stt": "STT", "bloomberg": "Bloomberg", "dpa-afx": "dpa-AFX", "kathpress": "Kathpress",
	"тасс": "TASS", "итар-тасс": "TASS", "риа новости": "RIA Novosti", "риа": "RIA Novosti",
	"интерфакс": "Interfax", "укринформ": "Ukrinform", "униан": "UNIAN", "белта": "BelTA", "belta": "BelTA",
}

func agencyName(s string) (string, bool) {
	name, ok := agencies[strings.ToLower(strings.Trim(s, " ()[].,"))]
	return name, ok && name != ""
}

// wordStart and wordEnd bound a word in a pattern; unlike \b they know
// that Cyrillic, Greek and accented letters are letters.
const (
	wordStart = `(?:^|[^\p{L}\p{N}])`
	wordEnd   = `(?:$|[^\p{L}\p{N}])`
)

var (
	// A caption opener: the link text of an enlargeable picture.
	captionOpener = regexp.MustCompile(`(?i)^(enlarge|expand|view) (image|photo|picture|gallery)s?$|^(bild|foto)s? vergrößern$|^ingrandisci( (foto|immagine))?$|^ampliar( (imagen|foto))?$|^agrandir( (l'image|la photo))?$|^vergroot( afbeelding)?$|^powiększ( zdjęcie)?$|^увеличить( фото)?$|^(zoom|open gallery)$`)
	// A credit line: who took or supplied a picture.
	creditLine = regexp.MustCompile(`(?i)^\(?(photo|photos|foto|fotos|image|images|picture|bild|bildquelle|credit|credits|crédit|crédit photo|photograph|fotografia|imagen|immagine|фото|zdjęcie|fot\.|afbeelding|video)\s*(:|©|by\b)\s*\S|^©\s*\S|^\(?(photo|picture|image) by\b|^fot\.\s*\S`)
	// A line naming where the report comes from.
	sourceLine = regexp.MustCompile(`(?i)^\(?(source|sources|quelle|quellen|fuente|fuentes|fonte|fonti|источник|źródło|bron|kaynak|المصدر)\s*:\s*(.{2,60}?)\)?\.?$`)
	// An agency sign-off: author initials and agencies joined by slashes
	// ("vet/dpa", "dpa/AFP/Reuters") or one agency in brackets.
	signOff = regexp.MustCompile(`^\(?([\p{L}]{1,12}(?:[/,] ?[\p{L}-]{1,12}){0,4})\)?\.?$`)
	// A dateline crediting an agency: "MOSCOW (Reuters) -".
	dateline = regexp.MustCompile(`^(?:[\p{Lu}][\p{Lu}\p{L} .'/-]{1,40},?(?: [\p{L}\d .]{0,20})? )?\(([\p{L} -]{2,20})\)\s*[-–—:]`)
	// Calls to action and navigation that end up in article text.
	navLine = regexp.MustCompile(`(?i)^(click here|tap here|read more|read also|also read|related:|related (articles|stories|coverage|content|news|posts|links)|see also|more on this|more:|watch:|listen:|follow us|follow (the|our) (latest|live)|sign up|subscribe|share this|share on|advertisement|anzeige|werbung|pubblicità|publicidad|publicité|реклама|reklama|advertentie|lesen sie (auch|mehr)|mehr zum thema|mehr dazu|weiterlesen|leggi anche|leggi di più|lire aussi|à lire aussi|lea también|leer más|lees ook|lees meer|читайте также|подробнее|czytaj (także|też|więcej)|devamını oku|[iİ]lginizi çekebilir|haberin devamı)` + wordEnd)
	// A newsletter or channel pitch: "Jetzt den Newsletter abonnieren",
	// "Suscríbete a nuestra newsletter", "Подписывайтесь на наш канал".
	pitchLine = regexp.MustCompile(`(?i)^((jetzt|hier) )?(kostenlos(en)? )?((den|unseren) )?newsletter (abonnieren|bestellen)|^abonnieren sie|^(abonnez|inscrivez)-vous|^(iscriviti|abbonati)|^(suscríbete|suscribite|suscríbase|regístrate)|^(meld je|schrijf je) (nu )?(aan|in)|^abonneer|^(подписывайтесь|подпишитесь)|^(zapisz się|zasubskrybuj|subskrybuj)|^abone ol|^bültenimize`)
	// A bracketed pointer to somewhere else: "(read the minutes here)".
	inlinePointer = regexp.MustCompile(`(?i)\s*\((?:read|see|watch|click|listen|tap|hier|lesen sie|leggi|lire|lea|lees|читайте)[^\p{L}\p{N}()][^()]{0,80}\s(?:here|hier|qui|ici|aquí|hier|здесь)\)`)
	// First-person self-description with a writing trade: an author bio.
	// A first-person self-introduction opening a paragraph; quotations
	// ("“I am not a journalist,” he said") start with a quote mark instead.
	bioSelf  = regexp.MustCompile(`(?i)^(i am|i'm|i've been|my name is|ich bin|je suis|sono|soy|ik ben|jestem|я)` + wordEnd)
	bioTrade = regexp.MustCompile(`(?i)` + wordStart + `(journalists?|writer|reporter|editor|author|blogger|correspondent|columnist|journalistin|redakteur(in)?|autor(in)?|giornalista|scrittore|periodista|escritor(a)?|journaliste|écrivain|rédact(eur|rice)|journalist|dziennikarz(em)?|dziennikark(a|ą)|журналист(ом|кой)?|корреспондент(ом)?)` + wordEnd)
	// Reuters-style credits closing a report: "Reporting by …; Editing by …".
	creditTrailer = regexp.MustCompile(`(?i)^(additional )?(reporting|writing|editing|compiled) by \p{Lu}`)
	aboutAuthor   = regexp.MustCompile(`(?i)^(about the author|über den autor|über die autorin|sull'autore|sobre el autor|à propos de l'auteur|об авторе|o autorze|over de auteur)\b`)
)

// Clean removes boilerplate lines from normalised article text and reports the
// outlet and agency those lines named.
func Clean(text string) Cleaned {
	lines := strings.Split(text, "\n")
	keep := make([]bool, len(lines))
	for i := range lines {
		keep[i] = lines[i] != ""
	}
	var c Cleaned
	// The agency that supplied a picture stands in for the agency of the
	// report only when no sign-off, source line or dateline names one.
	pictureAgency := ""
	drop := func(i int) {
		if keep[i] {
			keep[i] = false
			c.Removed++
		}
	}
	for i, line := range lines {
		if !keep[i] {
			continue
		}
		// Boilerplate lines are short: test the patterns only on lines that
		// could match, which keeps long paragraphs cheap.
		short := len(line) < 200
		switch {
		case len(line) < 40 && captionOpener.MatchString(line):
			drop(i)
			// The caption text that follows belongs to the picture when a
			// credit line closes it within two lines.
			for j, seen := i+1, 0; j < len(lines) && seen < 3; j++ {
				if lines[j] == "" {
					continue
				}
				seen++
				if creditLine.MatchString(lines[j]) && len(lines[j]) < 200 {
					if a := creditAgency(lines[j]); a != "" && pictureAgency == "" {
						pictureAgency = a
					}
					for k := i + 1; k <= j; k++ {
						drop(k)
					}
					break
				}
				if len(lines[j]) > 200 {
					break
				}
			}
		case short && (creditFirst[firstWord(line)] || strings.HasPrefix(line, "©")) && creditLine.MatchString(line):
			if a := creditAgency(line); a != "" && pictureAgency == "" {
				pictureAgency = a
			}
			drop(i)
		case short && boilerFirst[firstWord(line)] && (navLine.MatchString(line) || pitchLine.MatchString(line)) && utf8.RuneCountInString(line) < 160:
			drop(i)
		case short && aboutAuthor.MatchString(line):
			for k := i; k < len(lines); k++ {
				drop(k)
			}
		}
	}
	// Sign-offs, source lines and bios sit at the end: walk back from the last
	// line while lines keep being boilerplate.
	for i := len(lines) - 1; i >= 0; i-- {
		if !keep[i] {
			continue
		}
		line := lines[i]
		if m := sourceMatch(line); m != nil {
			name := strings.TrimSpace(m[2])
			if a, ok := agencyName(name); ok {
				c.Agency = a
			} else if c.Source == "" {
				c.Source = name
			}
			drop(i)
			continue
		}
		if a, ok := signOffAgency(line); ok {
			if c.Agency == "" {
				c.Agency = a
			}
			drop(i)
			continue
		}
		if isBio(line) || creditTrailer.MatchString(line) && len(line) < 200 {
			drop(i)
			continue
		}
		break
	}
	// A dateline ("MOSCOW (Reuters) -", "(ANSA) - ROMA") opens the first
	// paragraph, which follows the headline when there is one.
	for i, seen := 0, 0; i < len(lines) && seen < 2 && c.Agency == ""; i++ {
		if !keep[i] {
			continue
		}
		seen++
		if m := dateline.FindStringSubmatch(lines[i]); m != nil {
			if a, ok := agencyName(m[1]); ok {
				c.Agency = a
			}
		}
	}
	c.Agency = cmp.Or(c.Agency, pictureAgency)
	var b strings.Builder
	b.Grow(len(text))
	prevBlank := false
	for i, line := range lines {
		if !keep[i] {
			prevBlank = prevBlank || line == ""
			continue
		}
		if hasPointerTail(line) {
			line = inlinePointer.ReplaceAllString(line, "")
		}
		if b.Len() > 0 {
			if prevBlank {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		prevBlank = false
		b.WriteString(line)
	}
	c.Text = b.String()
	return c
}

func sourceMatch(line string) []string {
	if len(line) > 100 {
		return nil
	}
	return sourceLine.FindStringSubmatch(line)
}

// boilerFirst and creditFirst hold the first words navLine, pitchLine and
// creditLine can match: case-insensitive regular expressions cost tens of
// microseconds a line even when anchored, so lines are screened by their
// first word. Keep these sets in step with the patterns.
var (
	boilerFirst = wordSet(`click tap read also related see more watch listen follow sign subscribe share
		advertisement anzeige werbung pubblicità publicidad publicité реклама reklama advertentie lesen mehr
		weiterlesen leggi lire à lea leer lees читайте подробнее czytaj devamını ilginizi i̇lginizi haberin
		jetzt hier kostenlos kostenlosen den unseren newsletter abonnieren abonnez inscrivez iscriviti abbonati
		suscríbete suscribite suscríbase regístrate meld schrijf abonneer подписывайтесь подпишитесь zapisz
		zasubskrybuj subskrybuj abone bültenimize`)
	creditFirst = wordSet(`photo photos foto fotos image images picture bild bildquelle credit credits crédit
		photograph fotografia imagen immagine фото zdjęcie fot afbeelding video`)
)

func wordSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// firstWord returns the lower-cased first word of a line, after an opening
// bracket.
func firstWord(line string) string {
	line = strings.TrimLeft(line, "([ ")
	end := strings.IndexFunc(line, func(r rune) bool {
		return r == ' ' || r == ':' || r == '-' || r == '.' || r == ',' || r == '©'
	})
	if end < 0 {
		end = len(line)
	}
	if end > 40 {
		return ""
	}
	return strings.ToLower(line[:end])
}

// pointerTails end every inlinePointer match; looking for them first spares
// the regular expression on almost every line.
var pointerTails = []string{"here)", "hier)", "qui)", "ici)", "aquí)", "здесь)", "Here)"}

func hasPointerTail(line string) bool {
	for _, t := range pointerTails {
		if strings.Contains(line, t) {
			return true
		}
	}
	return false
}

// creditAgency returns the agency a picture credit names ("Photo: X/dpa").
func creditAgency(line string) string {
	for _, part := range strings.FieldsFunc(line, func(r rune) bool { return r == '/' || r == ':' || r == ',' || r == '(' || r == ')' }) {
		if a, ok := agencyName(part); ok {
			return a
		}
	}
	return ""
}

// signOffAgency reports whether line is an agency sign-off and which agency it
// names: every part must be short initials, and at least one a known agency.
func signOffAgency(line string) (string, bool) {
	if len(line) > 80 {
		return "", false
	}
	m := signOff.FindStringSubmatch(line)
	if m == nil {
		return "", false
	}
	parts := strings.FieldsFunc(m[1], func(r rune) bool { return r == '/' || r == ',' || r == ' ' })
	agency := ""
	for _, p := range parts {
		if a, ok := agencyName(p); ok {
			if agency == "" {
				agency = a
			}
			continue
		}
		if utf8.RuneCountInString(p) > 4 || strings.IndexFunc(p, unicode.IsUpper) >= 0 {
			return "", false // a word, not initials
		}
	}
	if agency == "" {
		return "", false
	}
	// A lone agency name is a sign-off only in brackets or with a slash.
	if len(parts) == 1 && !strings.HasPrefix(line, "(") {
		return agency, strings.ContainsAny(line, "/") || strings.EqualFold(line, parts[0])
	}
	return agency, true
}

// isBio reports whether a trailing paragraph describes the author rather than
// the news: a first-person introduction with a writing trade ("I am … an
// experienced journalist"), or a string of three or more verbless fragments
// most of which name a kind of person ("Hardcore explorer. Extreme
// communicator. Professional writer."). Telegram-style news ("Two boats
// destroyed. Nobody injured.") has the fragments but not the persons.
func isBio(line string) bool {
	if utf8.RuneCountInString(line) > 600 {
		return false // a bio is a short paragraph, not a whole article on one line
	}
	if bioSelf.MatchString(line) && bioTrade.MatchString(line) {
		return true
	}
	inner := strings.Trim(line, `"' `)
	if utf8.RuneCountInString(inner) > 300 || strings.ContainsAny(inner, "0123456789,;:") {
		return false
	}
	frags := strings.FieldsFunc(inner, func(r rune) bool { return r == '.' || r == '!' })
	if len(frags) < 3 {
		return false
	}
	persons := 0
	for _, f := range frags {
		words := strings.Fields(f)
		if len(words) == 0 || len(words) > 5 {
			return false
		}
		if isPersonNoun(words[len(words)-1]) {
			persons++
		}
	}
	return 2*persons >= len(frags)
}

// personNouns name the kinds of person self-descriptions are made of; words
// ending like agent nouns (-er, -or, -ist, -ian, -aholic) count too.
var personNouns = map[string]bool{
	"nerd": true, "geek": true, "guru": true, "ninja": true, "fan": true, "buff": true, "maven": true,
	"junkie": true, "advocate": true, "fanatic": true, "expert": true, "specialist": true, "scholar": true,
	"addict": true, "enthusiast": true, "introvert": true, "extrovert": true, "aficionado": true,
	"evangelist": true, "lover": true, "fiend": true, "hipster": true, "trailblazer": true, "pioneer": true,
	"practitioner": true, "student": true, "parent": true, "mom": true, "dad": true,
}

func isPersonNoun(w string) bool {
	w = strings.ToLower(strings.Trim(w, `"'`))
	if personNouns[w] || personNouns[strings.TrimSuffix(w, "s")] {
		return true
	}
	for _, suf := range []string{"er", "or", "ist", "ian", "aholic", "ado"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+3 {
			return true
		}
	}
	return false
}
