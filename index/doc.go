// Package index stores vacancies, job-seeker profiles and opportunities
// durably and makes them searchable.
//
// Every record kind lives in its own shard: a store of record (bbolt, one
// file per kind; or maps in memory) and a derived Bleve index that can
// always be rebuilt from it. The life of a write:
//
//  1. [Index.Prepare] validates the record, resolves its places with the
//     gazetteer (package geo), detects its language and, when skills or an
//     occupation are missing and an extractor is configured, derives them
//     from the text (marked derived, with the evidence).
//  2. A single committer per shard writes the record and an entry in the
//     shard's change log in one bbolt transaction; concurrent writes are
//     grouped into one transaction (group commit). The write is
//     acknowledged only after that transaction is on disk.
//  3. An indexer applies the change to Bleve in batches, together with the
//     sequence number of the last change applied (one atomic Bleve batch).
//     Bleve batches do not wait for their own fsync: the store is the
//     record, and a change log entry is only trimmed once Bleve has
//     persisted it.
//
// On [Open] each shard replays the change log entries that Bleve had not
// persisted, and rebuilds the Bleve index from the store when it is
// missing, unreadable, built with other analysis chains, ahead of the
// store, or holds a different number of documents. [Index.Reindex]
// rebuilds on request.
//
// Deleting a profile removes it from the store and the index; then, after
// [Config.PurgeDelay] or on [Index.Purge], the profile shard's Bleve index
// is rebuilt from the live records (dropping every segment that held the
// deleted ones) and its bbolt file is compacted, so that no byte of the
// profile stays on disk (right to erasure). Bleve stores no field values
// at all: the store of record holds the documents, and profiles' free
// text is not indexed.
//
// Besides Bleve, each shard keeps an in-memory table of what filters,
// facets and sorting need: coordinates, dates, education level, and the
// keyword fields (sector, contract, skills, occupation, languages, …) as
// roaring bitmaps. It is built from the store when the shard opens and
// updated on every commit. Search ([Index.Search]) runs filter-only
// queries on the table alone; with text, Bleve matches and scores the
// text (title and description in every language, each field analysed by
// the skillsnav chain of its language, the same chain as extraction and
// taxonomy lookup, plus the skill and occupation concepts the text
// mentions, so that a French query finds a Dutch vacancy) and the table
// decides which matches pass the filters. Facets are counted on the
// table. Import reads JSON Lines (and CSV for vacancies) in batches and
// reports every bad line.
//
// An Index with an empty [Config.Dir] keeps everything in memory, with the
// same API.
package index
