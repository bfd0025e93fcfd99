// Package taxonomy holds the skills and occupations that skillsnav matches
// on: concepts with labels in any number of languages (Dutch, English,
// French and German analysed), their relations, and concept lookup by label.
//
// A [Taxonomy] is built once with a [Builder] (or by a loader: package
// [github.com/skillsnavigator/skillsnav/taxonomy/esco] for ESCO, package
// [github.com/skillsnavigator/skillsnav/taxonomy/labels] for any other
// taxonomy as a labels CSV, package
// [github.com/skillsnavigator/skillsnav/taxonomy/starter] for the embedded
// Skills Navigator starter set) and is immutable afterwards: it is safe for
// concurrent use, looks concepts up by ID in O(1) and traverses relations
// without allocating.
//
// Concept lookup ([Taxonomy.Lookup]) finds concepts by any label in any
// language, through the analysis chain of the label's language: exact,
// stemmed, reordered, compound-aware, fuzzy (typos) and by prefix for
// autocomplete. Every match says which label matched and how.
//
// Where the taxonomy comes from ESCO: "This service uses the ESCO
// classification of the European Commission."
package taxonomy
