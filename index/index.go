package index

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"

	sn "github.com/skillsnavigator/skillsnav"
)

// Index holds the three record shards. It is safe for concurrent use.
type Index struct {
	cfg    Config
	shards map[sn.Kind]*shard
	closed atomic.Bool

	watchMu  sync.RWMutex
	watchers []func(Change)
}

// Change is a committed write, delivered to watchers in commit order per
// kind.
type Change struct {
	Kind sn.Kind
	ID   string
	// Record is the stored record, nil for a deletion.
	Record sn.Record
	Seq    uint64
}

// Open opens (or creates) the index in cfg.Dir, or in memory when Dir is
// empty. It replays or rebuilds the Bleve indexes as needed (see the
// package documentation) before it returns.
func Open(ctx context.Context, cfg Config) (*Index, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	if cfg.Dir != "" {
		if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
	}
	chainSet, err := registerChains(cfg.Taxonomy)
	if err != nil {
		return nil, err
	}
	ix := &Index{cfg: cfg, shards: map[sn.Kind]*shard{}}
	for _, k := range sn.Kinds {
		s, err := openShard(ctx, ix, k, chainSet)
		if err != nil {
			for _, o := range ix.shards {
				o.close()
			}
			return nil, err
		}
		ix.shards[k] = s
	}
	return ix, nil
}

// Config returns the configuration in use, with defaults filled in.
func (ix *Index) Config() Config { return ix.cfg }

// Close stops the writers, waits until every acknowledged write is
// indexed, and closes the stores and indexes.
func (ix *Index) Close() error {
	if ix.closed.Swap(true) {
		return nil
	}
	var errs []error
	for _, k := range sn.Kinds {
		if err := ix.shards[k].close(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Watch registers fn to be called after every committed write, in commit
// order per kind, from the shard's committer goroutine. fn must be quick
// and must not write to the index. It is how the matcher keeps its
// in-memory structures current.
func (ix *Index) Watch(fn func(Change)) {
	ix.watchMu.Lock()
	ix.watchers = append(ix.watchers, fn)
	ix.watchMu.Unlock()
}

func (ix *Index) shard(k sn.Kind) (*shard, error) {
	if ix.closed.Load() {
		return nil, fmt.Errorf("index: %w", sn.ErrClosed)
	}
	s, ok := ix.shards[k]
	if !ok {
		return nil, fmt.Errorf("%w: record kind %q", sn.ErrInvalid, k)
	}
	return s, nil
}

// Get returns the stored record of kind k with the given ID, or an error
// wrapping [sn.ErrNotFound].
func (ix *Index) Get(ctx context.Context, k sn.Kind, id string) (sn.Record, error) {
	s, err := ix.shard(k)
	if err != nil {
		return nil, err
	}
	var rec sn.Record
	err = s.kv.view(func(tx kvTx) error {
		v := tx.get(bRecords, []byte(id))
		if v == nil {
			return fmt.Errorf("%s %q: %w", k, id, sn.ErrNotFound)
		}
		rec, err = decodeRecord(k, v)
		return err
	})
	return rec, err
}

// Vacancy returns the stored vacancy with the given ID.
func (ix *Index) Vacancy(ctx context.Context, id string) (*sn.Vacancy, error) {
	r, err := ix.Get(ctx, sn.KindVacancy, id)
	if err != nil {
		return nil, err
	}
	return r.(*sn.Vacancy), nil
}

// Profile returns the stored profile with the given ID.
func (ix *Index) Profile(ctx context.Context, id string) (*sn.Profile, error) {
	r, err := ix.Get(ctx, sn.KindProfile, id)
	if err != nil {
		return nil, err
	}
	return r.(*sn.Profile), nil
}

// Opportunity returns the stored opportunity with the given ID.
func (ix *Index) Opportunity(ctx context.Context, id string) (*sn.Opportunity, error) {
	r, err := ix.Get(ctx, sn.KindOpportunity, id)
	if err != nil {
		return nil, err
	}
	return r.(*sn.Opportunity), nil
}

// Count returns the number of stored records of kind k.
func (ix *Index) Count(k sn.Kind) (int, error) {
	s, err := ix.shard(k)
	if err != nil {
		return 0, err
	}
	return s.kv.count(bRecords)
}

// Scan yields every stored record of kind k in ID order. It reads in
// chunks, so writes may interleave; each record is yielded as stored at
// the time of its chunk. Stop by breaking out of the loop.
func (ix *Index) Scan(ctx context.Context, k sn.Kind) iter.Seq2[sn.Record, error] {
	return func(yield func(sn.Record, error) bool) {
		s, err := ix.shard(k)
		if err != nil {
			yield(nil, err)
			return
		}
		var from []byte
		for {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			var chunk []sn.Record
			var last []byte
			err := s.kv.view(func(tx kvTx) error {
				return tx.each(bRecords, from, func(key, v []byte) error {
					if from != nil && string(key) == string(from) {
						return nil
					}
					r, err := decodeRecord(k, v)
					if err != nil {
						return err
					}
					chunk = append(chunk, r)
					last = append(last[:0], key...)
					if len(chunk) == 1000 {
						return errStop
					}
					return nil
				})
			})
			if err != nil {
				yield(nil, err)
				return
			}
			for _, r := range chunk {
				if !yield(r, nil) {
					return
				}
			}
			if len(chunk) < 1000 {
				return
			}
			from = last
		}
	}
}

// Put validates and prepares rec (see [Index.Prepare]) and stores it,
// creating or replacing the record with its ID. When rec's Meta.Version is
// set, the stored version must equal it, else the write is refused with
// [sn.ErrConflict]. Put returns once the write is durable and searchable;
// rec's Meta is updated.
func (ix *Index) Put(ctx context.Context, rec sn.Record) error {
	return ix.write(ctx, rec, false)
}

// Create is [Index.Put] for a record that must not exist yet: an existing
// ID is refused with [sn.ErrConflict].
func (ix *Index) Create(ctx context.Context, rec sn.Record) error {
	return ix.write(ctx, rec, true)
}

func (ix *Index) write(ctx context.Context, rec sn.Record, create bool) error {
	s, err := ix.shard(rec.RecordKind())
	if err != nil {
		return err
	}
	if err := ix.Prepare(ctx, rec); err != nil {
		return err
	}
	o, err := newPutOp(rec, create)
	if err != nil {
		return err
	}
	res, err := s.commit(ctx, []*op{o})
	if err != nil {
		return err
	}
	if res[0] != nil {
		return res[0]
	}
	return s.waitIndexed(ctx, o.seq)
}

// PutAll is [Index.Put] for many records at once: they are prepared in
// parallel and committed in one transaction. The first result holds each
// record's error (nil when stored); the second error is returned when the
// store failed and nothing was written.
func (ix *Index) PutAll(ctx context.Context, recs []sn.Record) ([]error, error) {
	errs := make([]error, len(recs))
	lines := make([]rawLine, len(recs))
	for i, r := range recs {
		lines[i] = rawLine{line: i + 1, rec: r}
	}
	ix.prepareAll(ctx, lines)
	byKind := map[sn.Kind][]*op{}
	idx := map[*op]int{}
	for i, ln := range lines {
		if ln.err != nil {
			errs[i] = ln.err.err
			continue
		}
		o, err := newPutOp(ln.rec, false)
		if err != nil {
			errs[i] = err
			continue
		}
		byKind[o.kind] = append(byKind[o.kind], o)
		idx[o] = i
	}
	for k, ops := range byKind {
		s, err := ix.shard(k)
		if err != nil {
			return nil, err
		}
		res, err := s.commit(ctx, ops)
		if err != nil {
			return nil, err
		}
		for j, e := range res {
			errs[idx[ops[j]]] = e
		}
		if err := s.waitIndexed(ctx, s.committed.Load()); err != nil {
			return nil, err
		}
	}
	return errs, nil
}

// Delete removes the record of kind k with the given ID from the store and
// the index. When ifVersion is set the stored version must equal it. A
// deleted profile is purged from disk after [Config.PurgeDelay].
func (ix *Index) Delete(ctx context.Context, k sn.Kind, id, ifVersion string) error {
	s, err := ix.shard(k)
	if err != nil {
		return err
	}
	o := &op{kind: k, id: id, del: true, ifVersion: ifVersion}
	res, err := s.commit(ctx, []*op{o})
	if err != nil {
		return err
	}
	if res[0] != nil {
		return res[0]
	}
	if err := s.waitIndexed(ctx, o.seq); err != nil {
		return err
	}
	if k == sn.KindProfile {
		s.schedulePurge()
	}
	return nil
}

// Sync waits until every write acknowledged so far is searchable.
func (ix *Index) Sync(ctx context.Context) error {
	for _, k := range sn.Kinds {
		s, err := ix.shard(k)
		if err != nil {
			return err
		}
		if err := s.waitIndexed(ctx, s.committed.Load()); err != nil {
			return err
		}
	}
	return nil
}

// Purge makes deletions final on disk: it merges the Bleve segments of
// the profile shard (dropping deleted documents), trims the change log and
// compacts the store file. It runs by itself after profile deletions.
func (ix *Index) Purge(ctx context.Context) error {
	s, err := ix.shard(sn.KindProfile)
	if err != nil {
		return err
	}
	return s.purge(ctx)
}

// Reindex rebuilds the Bleve indexes of all kinds from the stores.
func (ix *Index) Reindex(ctx context.Context) error {
	for _, k := range sn.Kinds {
		s, err := ix.shard(k)
		if err != nil {
			return err
		}
		if err := s.reindex(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Stats describes a shard.
type Stats struct {
	Kind      sn.Kind `json:"kind"`
	Records   int     `json:"records"`
	Documents uint64  `json:"documents"`
	// Committed is the sequence number of the last durable write; Indexed
	// the last one applied to Bleve; Persisted the last one Bleve has on
	// disk.
	Committed uint64 `json:"committed"`
	Indexed   uint64 `json:"indexed"`
	Persisted uint64 `json:"persisted"`
	// Segments is the number of Bleve segments; it falls as background
	// merges finish.
	Segments uint64 `json:"segments"`
}

// Stats reports the state of every shard.
func (ix *Index) Stats() ([]Stats, error) {
	var out []Stats
	for _, k := range sn.Kinds {
		s, err := ix.shard(k)
		if err != nil {
			return nil, err
		}
		n, err := s.kv.count(bRecords)
		if err != nil {
			return nil, err
		}
		d, err := s.bl().DocCount()
		if err != nil {
			return nil, err
		}
		st := Stats{Kind: k, Records: n, Documents: d, Committed: s.committed.Load(),
			Indexed: s.indexed.Load(), Persisted: s.persisted.Load()}
		if m, ok := s.bl().StatsMap()["index"].(map[string]any); ok {
			for _, key := range []string{"num_root_memorysegments", "num_root_filesegments"} {
				if v, ok := m[key].(uint64); ok {
					st.Segments += v
				}
			}
		}
		out = append(out, st)
	}
	return out, nil
}

// Record values: an 8-byte sequence number (the version), the created and
// updated times in Unix nanoseconds, then the JSON of the record without
// its Meta.
const headerLen = 24

func versionString(seq uint64) string { return "v" + strconv.FormatUint(seq, 36) }

func encodeValue(body []byte, seq uint64, created, updated time.Time) []byte {
	v := make([]byte, headerLen+len(body))
	binary.BigEndian.PutUint64(v, seq)
	binary.BigEndian.PutUint64(v[8:], uint64(created.UnixNano()))
	binary.BigEndian.PutUint64(v[16:], uint64(updated.UnixNano()))
	copy(v[headerLen:], body)
	return v
}

func decodeMeta(v []byte) (sn.Meta, uint64, error) {
	if len(v) < headerLen {
		return sn.Meta{}, 0, fmt.Errorf("stored value of %d bytes is shorter than its header", len(v))
	}
	seq := binary.BigEndian.Uint64(v)
	return sn.Meta{
		Version: versionString(seq),
		Created: time.Unix(0, int64(binary.BigEndian.Uint64(v[8:]))).UTC(),
		Updated: time.Unix(0, int64(binary.BigEndian.Uint64(v[16:]))).UTC(),
	}, seq, nil
}

func decodeRecord(k sn.Kind, v []byte) (sn.Record, error) {
	meta, _, err := decodeMeta(v)
	if err != nil {
		return nil, err
	}
	r, err := sn.NewRecord(k)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(v[headerLen:], r); err != nil {
		return nil, fmt.Errorf("stored %s: %w", k, err)
	}
	*r.RecordMeta() = meta
	return r, nil
}

// encodeBody returns the JSON of rec without its Meta.
func encodeBody(rec sn.Record) ([]byte, error) {
	m := rec.RecordMeta()
	saved := *m
	*m = sn.Meta{}
	b, err := json.Marshal(rec)
	*m = saved
	return b, err
}

func seqKey(seq uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], seq)
	return k[:]
}

func shardPaths(dir string, k sn.Kind) (store, blevePath string) {
	return filepath.Join(dir, string(k)+".db"), filepath.Join(dir, string(k)+".bleve")
}

// bl returns the current Bleve index of the shard.
func (s *shard) bl() bleve.Index {
	s.blMu.RLock()
	defer s.blMu.RUnlock()
	return s.bleve
}
