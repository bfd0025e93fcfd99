// Package matcher ranks vacancies for job-seeker profiles and profiles for
// vacancies, explains every score, and shows the gaps.
//
// # Skill similarity
//
// [NewSimilarity] learns from the taxonomy which skills are close. Let A
// be the skill × occupation matrix, with A[s][o] = 1 when occupation o
// needs skill s as essential and 0.5 when it needs it as optional. Then:
//
//	PPMI[s][o] = max(0, ln(A[s][o] · ΣA / (ΣA[s][·] · ΣA[·][o])))
//	PPMI ≈ U Σ Vᵀ   (randomized truncated SVD, k = 64 dimensions, two power
//	                 iterations; gonum for the small dense SVD)
//	e(s) = normalise(U[s] · Σ^½)
//	cooc(a, b) = MaxCooccurrence · cos(e(a), e(b))            (0.75 · cos)
//
// The taxonomy's own links give fixed similarities: an explicit skill–skill
// relation 0.8, a broader skill 0.7, a sibling under the same broader
// skill 0.6. A structural link and co-occurrence are independent evidence
// and combine as a noisy-or, 1 − (1 − link)(1 − cooc), kept below 0.8.
// Each skill keeps its 16 nearest skills with similarity ≥ 0.5, each
// with its source (related, broader, sibling, cooccurrence), so that
// every credit can be explained: "MIG/MAG-lassen, through TIG-lassen
// (sibling, 0.79)". Models are cached on disk when
// [SimilarityConfig.CacheDir] is set.
//
// # The score
//
// A vacancy's skills are weighted:
//
//	w(s) = importance(s) · derivation(s) · idf(s)
//	importance = 1 (essential) or 0.5 (optional)
//	derivation = 1 (given), 0.8 (derived from text), 0.5 (implied by the occupation)
//	idf(s) = ln((N + 1) / (df(s) + 1)) + 1
//
// where N counts the taxonomy's occupations and the vacancies, and df(s)
// those needing s, when the matcher is built.
//
// A profile gives each concept a credit: its own skills have credit 1
// (self-declared or certified), 0.8 (derived from its CV) or 0.5 (implied
// by a past occupation's essential skills). The neighbours of its skills
// get credit × similarity; each concept keeps its best credit and the
// skill that gave it.
//
// The five components, each between 0 and 1:
//
//	coverage  = Σ w(s) · min(1, credit(s)) / Σ w(s)            over the vacancy's skills
//	use       = Σ use(t) / (Σ strength(t) + Σ use(i))          t: the person's skills, i: those only implied
//	skills    = (1 + β²) · coverage · use / (β² · use + coverage)   (β = 1)
//	interest  = mean of the parts both sides have data for:
//	            activities = |liked ∩ job's activities| / |job's activities|
//	            jobs       = 1 if the occupation is wanted, 0.7 if the sector is
//	distance  = exp(−d / 20 km)
//	language  = mean over required languages of min(1, level spoken / level required)
//	education = 1 if the person's EQF level ≥ the required one, 0.5 one below, else 0
//
// Each vacancy skill is credited to the person's skill that covers it
// best; use(t) is the best credit skill t gives (at most its strength).
// The denominator holds the strengths of the skills the person claims
// (own, certified or derived from the CV); a skill only implied by a past
// occupation counts where the job uses it and is not held against the
// person where it does not, since it is a guess.
// Coverage alone would let a long CV fit everything and a short vacancy
// fit everyone; the F-measure also asks how much of what the person
// brings the job needs ([Config.CoverageEmphasis] is β). On the
// project's first ESCO matching benchmark this lifted nDCG@10 from 0.713
// (coverage alone) to 0.742; not holding unused implied skills against
// the person lifted it by another 0.02 on both seeds of the current one.
//
// score = 100 · Σ weight(c) · value(c), with default weights skills 0.55,
// interest 0.15, distance 0.15, language 0.10 and education 0.05
// ([Config.Weights]). The explanation lists each component's points
// (100 · weight · value); they add up to the score, up to rounding.
//
// No invented scores: a component that one side has no data for gives no
// points and is marked missing. It is not counted as agreement and its
// weight is not handed to the others. An empty profile therefore scores
// low everywhere, and a score means the same thing in every query: it is a
// fixed function of the pair, never rescaled per result list, so a
// threshold such as 60 can be used anywhere.
//
// Hard constraints filter instead of ranking: an expired vacancy, one
// beyond the profile's MaxDistanceKm, one needing a driving licence the
// person lacks (CE includes C and B, and so on), and one needing a
// language the person does not speak at all (when the profile lists
// languages).
//
// # Retrieval
//
// The matcher keeps in memory, per record, its weighted skills,
// coordinates and filter attributes. Records with the same skill vector in
// the same region cell (0.25°) form a group: any query gives them the same
// skill fit. Per concept, postings list the groups holding it, split by
// cell. It is built from a [Records] source (an [index.Index]) and kept
// current by watching its commits. To rank vacancies for a profile, it
// accumulates the skill coverage of every group that holds a credited
// concept, reading only the cells the person can reach, with a bit mask of
// the profile skills that credit it. The bound 100 · 0.55 · F(coverage,
// use ≤ the masked skills' share of the profile's strength) + (the most
// the pair's other components can give, from the profile's data and a
// summary of the group members' flags and education levels, less what
// the distance to the group's cell surely costs) puts the groups in
// buckets; from the top
// bucket down, each member gets a finer bound from its own distance,
// education and data, and full scores are computed in that order until no
// remaining bound can beat the 20th best. A vacancy with no credited
// skill can reach only the second term; when the 20th best does not
// exceed it, every vacancy is scored. The top-k returned is therefore
// exactly the top-k of the model. Tests compare it with exhaustive
// scoring for every demo profile and vacancy, and after random puts,
// replacements and deletions of records that share vectors.
//
// A query that reads 8,192 postings or more in several cells is split by
// cell over up to [Config.Parallelism] goroutines (default GOMAXPROCS):
// each takes the next cell, heaviest first, until none is left, so that
// one that starts late takes fewer. A group lies in one cell, so the
// goroutines touch disjoint groups; each ranks its own, they share the
// best lower bound of the 20th best score found so far to prune, and the
// best of their best is the result. It is the same result as on one
// goroutine (the tests above run both ways). It shortens a large query
// when cores are idle; with 8 concurrent clients on 2 cores (the HTTP
// benchmark) the throughput did not drop. Parallelism 1 keeps every
// query on its caller's goroutine.
//
// # The other questions
//
//   - [Matcher.Profiles]: vacancy → profiles, by the same model. For each
//     group of profiles holding a linked concept, it keeps which vacancy
//     skills the group holds and which it reaches through a neighbour (a
//     bit each), and the sum of the best credit each of its skills gives.
//     A held skill counts at most 1 to the coverage, a reached one at most
//     its best neighbour's similarity; the use is at most the sum. Full
//     scores then come in bound order as above, so it is exact in the same
//     way.
//   - [Matcher.Gap]: one pair explained. It also covers pairs that a filter
//     would drop (and says which filter), and lists up to three nearby
//     opportunities that teach each missing skill.
//   - [Matcher.Occupations]: every occupation of the taxonomy, scored as a
//     vacancy without place, language or education. An occupation outside
//     the ISCO major groups of the person's past and wanted jobs is flagged
//     as hidden, and each comes with its count of open vacancies within
//     reach.
//   - [Matcher.Opportunities]: the gap is summed over the vacancies the
//     person nearly fits (threshold − 30 ≤ score < threshold, default 60).
//     Each open opportunity within reach then scores the share of that gap
//     it teaches, times exp(−d / 40 km). Prerequisites the person lacks
//     are listed.
//   - [Matcher.NextSkills]: for each near-fit vacancy, every missing skill
//     is tried as if held. Skills are ranked by how many vacancies they
//     would lift over the threshold.
//   - [Matcher.Mismatch]: for an area, each skill's share of the weighted
//     demand of open vacancies, minus the share of the area's profiles
//     that hold it. The same is done for occupations.
package matcher

import "github.com/skillsnavigator/skillsnav/index"

var _ Records = (*index.Index)(nil)
