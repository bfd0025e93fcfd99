package analysis

import "strings"

// Stop words per language, folded (no diacritics). The lists are deliberately
// short: function words only. Words that carry meaning in job texts
// ("werk", "team", "goed") are not stop words; the extractor decides what a
// generic word is worth.
var stopWords = map[Lang]map[string]struct{}{
	Dutch: wordSet(`aan al alle alles als alsof alsook andere bij ben ben bent
		bijvoorbeeld daar daarbij daarin daarna daarom dan dat de deze die dit doch door
		dus een eens en enz er ge geen haar had heb hebben heeft hem hen het hier hij hoe
		hun ik in is ja je jij jou jouw jullie kan kon kunnen maar me meer men met mij
		mijn mits moet moeten na naar net niet niets noch nog nu of om omdat ons onze
		ook op over reeds rond te tegen tenzij tot tussen u uit uw van veel voor waar
		waarbij waren was wat we wel welke werd wie wij wil worden wordt zal ze zelf zich
		zij zijn zo zoals zodat zou zouden zulke zullen o.a bv enz etc`),
	English: wordSet(`a about above after again all also am an and any are as at
		be been being both but by can could did do does doing during each either etc
		for from further had has have having he her here hers him his how i if in into
		is it its itself me more most my no nor not of off on once only or other our
		ours out over own same she should so some such than that the their theirs them
		then there these they this those through to too under until up upon us very
		was we were what when where which while who whom why will with would you your
		yours e.g i.e`),
	French: wordSet(`a au aux avec ce ces cet cette dans de des du elle elles en
		est et etc eux il ils je la le les leur leurs lui ma mais me meme mes moi mon
		ne ni nos notre nous on ou par pas pour qu que qui sa se ses si son sont sur ta
		te tes toi ton tu un une vos votre vous y ainsi afin chez comme dont lors selon
		etre avoir ete sans sous`),
	German: wordSet(`aber alle allem allen aller als also am an auch auf aus bei
		beim bin bis bist da damit dann das dass dem den denn der des die dies diese
		diesem diesen dieser doch du durch ein eine einem einen einer eines er es etc
		euer eure fur hat hatte ich ihr ihre im in ist ja jede jedem jeden jeder kann
		kein keine mein mit muss nach nicht noch nur ob oder ohne sein seine sich sie
		sind so sowie uber um und uns unser unter vom von vor war was wenn wer wie wir
		wird wo zu zum zur zwischen`),
}

func wordSet(s string) map[string]struct{} {
	m := make(map[string]struct{})
	for _, w := range strings.Fields(s) {
		m[w] = struct{}{}
	}
	return m
}

// IsStopWord reports whether the folded word w is a stop word in language l.
func IsStopWord(l Lang, w string) bool {
	_, ok := stopWords[l][w]
	return ok
}
