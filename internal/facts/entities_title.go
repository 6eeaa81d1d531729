package facts

import "strings"

// titleWords are titles, roles and their usual modifiers that news puts
// before a person's name, in the languages Tocsin reads. They are stripped
// from person names ("President Vladimir Putin" → "Vladimir Putin") and
// kept in the entity's aliases as the full form.
var titleWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		president vice-president prime minister premier chancellor secretary spokesman spokeswoman spokesperson
		foreign interior defence defense deputy acting former ex- chief head leader director general colonel
		major captain lieutenant sergeant commander mayor governor senator judge ambassador minister king queen
		prince princess pope cardinal bishop archbishop sheikh emir ayatollah mr mr. mrs mrs. ms ms. dr dr. prof prof. sir lord lady
		präsident präsidentin bundespräsident kanzler kanzlerin bundeskanzler bundeskanzlerin minister ministerin
		außenminister außenministerin innenminister innenministerin verteidigungsminister verteidigungsministerin
		regierungssprecher regierungssprecherin kremlsprecher sprecher sprecherin chef chefin bürgermeister bürgermeisterin
		ministerpräsident ministerpräsidentin generalsekretär herr herrn frau dr. staatschef kremlchef
		président présidente premier ministre ministre porte-parole chef secrétaire général maire m. mme mme. monsieur madame
		presidente presidenta primer primera ministro ministra portavoz secretario secretaria alcalde alcaldesa señor señora sr. sra.
		presidente premier ministro ministra portavoce segretario segretaria sindaco sindaca signor signora sig. dott.
		president premier minister woordvoerder woordvoerster burgemeester dhr. mevr. minister-president
		prezydent premier minister rzecznik rzeczniczka burmistrz pan pani szef
		президент премьер премьер-министр министр глава пресс-секретарь представитель директор мэр губернатор генерал
		спикер председатель господин госпожа`) {
		m[w] = true
	}
	return m
}()

// isTitleWord reports whether a word is a title or role ("President",
// "Präsident", "spokeswoman", "Kremlsprecher").
func isTitleWord(w string) bool {
	return lowerIn(titleWords, w)
}

// titleModifiers are title words that also start other names ("Foreign
// Ministry", "General Staff"): they are stripped only from person names.
var titleModifiers = map[string]bool{
	"foreign": true, "interior": true, "defence": true, "defense": true, "deputy": true, "acting": true,
	"former": true, "ex-": true, "chief": true, "head": true, "general": true, "prime": true, "premier": true,
	"primer": true, "primera": true, "leader": true, "director": true, "secretary": true, "major": true,
	"king": true, "queen": true, "prince": true, "princess": true, "lord": true, "lady": true, "chef": true, "глава": true,
}

// isCoreTitle reports whether a word is a title that never starts an
// organisation's name ("President", "Kremlsprecher", "Mr").
func isCoreTitle(w string) bool {
	return isTitleWord(w) && !lowerIn(titleModifiers, w)
}
