// Package extract turns free text into taxonomy concepts: the skills and
// occupations mentioned in a vacancy, a CV or a motivation text, in Dutch,
// English, French or German, and the occupations that a job title names.
//
// # Extraction
//
// [Extractor.Extract] analyses the text with the taxonomy's chain for its
// language (detected when not given) and, for mixed-language text and for
// labels that exist in another language only, also with the English chain.
// Every skill and occupation label of the taxonomy is a pattern of atoms
// (words after compound splitting). A label matches when all its atoms are
// found within one sentence, in any order, with at most [Config.MaxGap]
// other content words in between; a text word matches an atom by its
// analysed term, or by one of its compound parts (vorkheftruckchauffeur
// holds heftruck and chauffeur), and a label's compound matches separate
// words of the text (heftruckchauffeur ~ chauffeur van een heftruck).
//
// The confidence of a mention is a product of named factors, each listed
// in [Mention.Factors], so every score is explained: stemmed rather than
// literal (0.95), through a compound part (0.9), reordered (0.88), each gap
// (0.9), an alternative label (0.98), a label in another language than the
// text (0.95), a one-word label (0.85). Labels made only of generic words
// ("werken", "goed") never match, nor do one-word labels whose word is
// common among the labels.
//
// Overlapping mentions are resolved in favour of the most specific: a
// mention whose words all lie inside a mention of a longer label is
// dropped. A negation ("geen ervaring met lassen") or a wish ("ik wil
// leren lassen") in the same clause is flagged on the mention, not dropped.
//
// # Job titles
//
// [Extractor.NormalizeTitle] cleans a title ([analysis.CleanTitle]), looks
// it up among the occupations in every language of the taxonomy, lets ISCO
// group labels vote for their occupations (the hierarchy), and raises the
// occupations that need the skills the title names ("Lasser MIG/MAG").
// The lexical score is fused with character-trigram similarity
// (0.6 · lexical + 0.4 · trigram, [Config.TitleLexicalWeight]); a
// candidate scores at least 0.75 times its trigram similarity
// ([Config.TitleTrigramFloor]), so that a title spelt almost like a label
// is not buried under weak lexical matches; and the share of the title's
// words that the concept's labels hold together adds up to 0.06
// ([Config.TitleLabelsWeight]), so that evidence spread over several
// labels of one concept separates concepts whose best labels tie. The
// weights were set on the project's development set (seed 1); each step
// and its effect is in the evidence of the match.
// [Extractor.ImpliedSkills] gives the essential skills of occupations as
// implied skills, weighted lower than explicit ones.
package extract
