package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lexicon is the vocabulary of one language that compound splitting and
// gender normalisation consult: a compound is split only into words the
// lexicon knows, and medewerkster becomes medewerker only if the lexicon
// knows medewerker. A Lexicon is immutable and safe for concurrent use.
type Lexicon struct {
	lang  Lang
	words map[string]uint32 // word → number of occurrences
	// pre3 maps the first three bytes of every word to the length in bytes
	// of the longest word that starts with them, so compound splitting only
	// looks up substrings that can be words.
	pre3 map[string]uint8
}

// builtinCount is the occurrence count a built-in word starts with, as if
// it had been seen that often in a taxonomy.
const builtinCount = 8

// MinLexiconWord is the shortest word, in runes, that a lexicon holds.
// Shorter words would let compound splitting cut ordinary words apart.
const MinLexiconWord = 3

// NewLexicon returns the lexicon of language l: the built-in job vocabulary
// of l plus every word of the given texts (typically the taxonomy's labels in
// l), with how often each occurs. Texts are tokenised and folded; words
// shorter than [MinLexiconWord], words with digits and stop words are left
// out. The counts decide compound splits: see [Chain].
func NewLexicon(l Lang, texts ...string) *Lexicon {
	lx := &Lexicon{lang: l, words: make(map[string]uint32, len(texts)*2+len(builtinLexicon[l]))}
	for _, w := range strings.Fields(builtinLexicon[l]) {
		lx.words[w] += builtinCount
	}
	var raw []rawToken
	for _, t := range texts {
		raw = tokenize(raw[:0], t)
		for _, r := range raw {
			if r.code {
				continue
			}
			w := Fold(t[r.start:r.end])
			if strings.ContainsAny(w, "'") || utf8.RuneCountInString(w) < MinLexiconWord || IsStopWord(l, w) || !allLetters(w) {
				continue
			}
			lx.words[w]++
		}
	}
	lx.index()
	return lx
}

// index builds the prefix index used by compound splitting.
func (lx *Lexicon) index() {
	lx.pre3 = make(map[string]uint8, len(lx.words)/4)
	for w := range lx.words {
		if len(w) >= 3 {
			n := uint8(min(len(w), 255))
			if n > lx.pre3[w[:3]] {
				lx.pre3[w[:3]] = n
			}
		}
	}
}

// maxWordAt returns the length of the longest lexicon word that could
// start with w's first three bytes, or 0.
func (lx *Lexicon) maxWordAt(w string) int {
	if len(w) < 3 {
		return 0
	}
	return int(lx.pre3[w[:3]])
}

// NewLexiconNormalized is like [NewLexicon] for texts that are already
// outputs of [Normalize] (folded words separated by single spaces), which
// it splits without tokenising again. Loaders that normalise labels anyway
// use it to save a pass.
func NewLexiconNormalized(l Lang, keys []string) *Lexicon {
	lx := &Lexicon{lang: l, words: make(map[string]uint32, len(keys)+len(builtinLexicon[l]))}
	for _, w := range strings.Fields(builtinLexicon[l]) {
		lx.words[w] += builtinCount
	}
	for _, k := range keys {
		for _, w := range strings.Fields(k) {
			if len(w) < MinLexiconWord || strings.IndexByte(w, '\'') >= 0 || IsStopWord(l, w) || utf8.RuneCountInString(w) < MinLexiconWord || !allLetters(w) {
				continue
			}
			lx.words[w]++
		}
	}
	lx.index()
	return lx
}

// Count returns how often the folded word w occurs in the lexicon's texts
// (built-in words count as seen a few times), or 0.
func (lx *Lexicon) Count(w string) int {
	if lx == nil {
		return 0
	}
	return int(lx.words[w])
}

// Lang returns the language of the lexicon.
func (lx *Lexicon) Lang() Lang { return lx.lang }

// Len returns the number of words in the lexicon.
func (lx *Lexicon) Len() int { return len(lx.words) }

// Has reports whether the folded word w is in the lexicon.
func (lx *Lexicon) Has(w string) bool {
	if lx == nil {
		return false
	}
	_, ok := lx.words[w]
	return ok
}

func allLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// builtinLexicon holds, per language, words of the region's jobs that make
// compound splitting and gender normalisation work even with a small
// taxonomy. It was written for skillsnav; the loaded taxonomy adds its own
// vocabulary on top.
var builtinLexicon = map[Lang]string{
	Dutch: `heftruck vork lift truck chauffeur bestuurder vrachtwagen bus taxi
		magazijn medewerker werker arbeider bediende hulp assistent
		onderhoud technicus monteur elektricien elektro mechanicus mecanicien
		kwaliteit controle controleur inspecteur operator productie proces
		lasser lassen las buis buizen pijp fitter metaal staal constructie bouw
		haven kade dok schip boot kapitein matroos stuurman loods sleep kraan
		kraanman machinist machine verpleger verpleegkundige zorg kundige
		kinder kind ouderen bejaarden thuis gezin woon school onderwijs leraar
		leerkracht kok keuken koken horeca kelner ober zaal bar barman kassa
		kassier verkoper verkoop winkel rek vuller aanvuller klant dienst
		service schoonmaak schoonmaker poets poetser glazen wasser schilder
		metselaar timmerman dakwerker loodgieter installateur sanitair
		verwarming koeling airco logistiek logistieke transport expeditie
		order picker planner planning administratie administratief boekhouder
		boekhouding secretaris secretariaat receptie receptionist onthaal
		beveiliging bewaker agent chemie chemisch chemische procesoperator
		laborant labo laboratorium analist ontwikkelaar programmeur software
		netwerk beheerder systeem data web ploeg leider chef hoofd verantwoordelijke
		manager directeur coordinator begeleider opvoeder kapper schoonheid
		slager bakker beenhouwer vis vlees brood tuin tuinier groen
		landbouw boer dieren verzorger rijbewijs veiligheid preventie eerste
		kapper naaier kapper verkoper leraar zanger schoonmaker werk plaats
		ploegen dag nacht week weekend uur dienst kantoor hal pakket post koerier
		douane declarant expediteur container terminal straddle carrier reach
		stacker hoogwerker rol steiger steigerbouwer isolatie isolatiemedewerker
		sorteerder verpakker verpakking inpakker lader losser laad los`,
	English: `forklift truck driver warehouse operative operator worker assistant
		technician mechanic electrician welder fitter nurse carer cook chef waiter
		cashier cleaner painter bricklayer carpenter plumber installer manager
		supervisor teacher salesperson seller sales host actor steward police
		officer clerk accountant developer programmer analyst engineer crane`,
	French: `cariste chauffeur conducteur magasinier preparateur commandes
		ouvrier employe agent technicien mecanicien electricien soudeur monteur
		infirmier aide soignant cuisinier serveur caissier vendeur nettoyeur
		peintre macon menuisier plombier installateur gestionnaire directeur
		animateur educateur instituteur enseignant coiffeur boulanger boucher
		comptable secretaire receptionniste developpeur programmeur analyste
		ingenieur operateur logisticien docker grutier avocat`,
	German: `gabel stapler fahrer lager mitarbeiter arbeiter helfer techniker
		mechaniker monteur elektriker schweisser schlosser meister leiter
		kranfuhrer kran hafen schiff pflege kraft fach krankenpfleger pfleger
		kranken alten kinder koch kuche verkaufer verkauf kassierer reinigung
		reiniger maler maurer zimmerer dachdecker installateur logistik
		transport spedition kaufmann buro berater entwickler programmierer
		sicherheit qualitat kontrolle prufer produktion anlagen bediener
		chemie chemikant labor sachbearbeiter lkw berufskraftfahrer`,
}
