// Package analysis turns text in Dutch, English, French and German into the
// terms that skillsnav indexes, searches and matches on.
//
// There is one [Chain] per language, and the same chain is used everywhere:
// when labels of the taxonomy are indexed for concept lookup, when a vacancy
// or profile is indexed in Bleve (through the analyzers that package
// [github.com/skillsnavigator/skillsnav/analysis/bleveanalyzer] registers by
// name), and when a query or a free text is analysed. A chain runs these
// steps, in order:
//
//  1. Unicode tokenisation into words, keeping codes such as C++, C#, .NET and
//     ASP.NET whole and splitting on hyphens and slashes (CE-rijbewijs gives
//     "ce" and "rijbewijs"). Every token keeps its byte span in the input so
//     the original text can be shown.
//  2. Lower-casing and diacritics folding (é → e, ë → e, ß → ss).
//  3. Elision (French l', d', qu'…) and possessive 's.
//  4. Protection: short all-capital words (SAP, VCA, CE, HACCP), words with
//     digits (A2, 3D) or code characters (C++, .NET), and the configured
//     protected terms are never stemmed, split or dropped as stop words.
//  5. Stop words of the language.
//  6. Gendered and plural job-title forms (medewerkster → medewerker,
//     verpleegster → verpleger, technici → technicus, Fahrerin → Fahrer),
//     rewritten only when the [Lexicon] knows the target form.
//  7. Compound splitting for Dutch and German (heftruckchauffeur → heftruck +
//     chauffeur, onderhoudstechnicus → onderhoud + technicus), using the
//     [Lexicon], which is built from the loaded taxonomy plus a small built-in
//     list. The compound is kept; its parts follow it at the same position.
//     A compound written with a linking element becomes its form without
//     one when the lexicon knows that form and the modifier (vloerenlegger
//     → vloerlegger), so both spellings meet. A rare word is split at a
//     common head even when its modifier is unknown (kleedkamermedewerker),
//     but at a head shorter than five letters only after a known modifier.
//  8. Snowball stemming. Dutch and German use the Snowball stemmers shipped by
//     Bleve (github.com/blevesearch/snowballstem), because
//     github.com/kljensen/snowball has no Dutch or German stemmer; English and
//     French use the same package so that every language behaves alike.
//
// [CleanTitle] removes the noise of job titles ("(m/v/x)", "fulltime",
// "vacature") and [Detect] guesses the language of a short text.
package analysis
