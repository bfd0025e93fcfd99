package index

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	sn "github.com/skillsnavigator/skillsnav"
)

// maxGroup bounds the number of operations in one store transaction.
const maxGroup = 5000

// Bleve internal keys.
var (
	keySeq    = []byte("skillsnav.seq")
	keyChains = []byte("skillsnav.chains")
	keySchema = []byte("skillsnav.schema")
)

// schemaVersion changes whenever the Bleve documents change shape; an
// index of another version is rebuilt.
const schemaVersion = "2"

// op is one write.
type op struct {
	kind      sn.Kind
	id        string
	rec       sn.Record // nil for a delete
	body      []byte
	del       bool
	create    bool
	ifVersion string
	// Set by the committer.
	seq uint64
	err error
}

func newPutOp(rec sn.Record, create bool) (*op, error) {
	body, err := encodeBody(rec)
	if err != nil {
		return nil, fmt.Errorf("encode %s %q: %w", rec.RecordKind(), rec.RecordID(), err)
	}
	return &op{kind: rec.RecordKind(), id: rec.RecordID(), rec: rec, body: body, create: create,
		ifVersion: rec.RecordMeta().Version}, nil
}

type commitReq struct {
	ops  []*op
	done chan error
}

type indexItem struct {
	seq uint64
	id  string
	rec sn.Record // nil: delete
}

// shard is the store and index of one record kind.
type shard struct {
	ix       *Index
	kind     sn.Kind
	kv       kv
	mapping  mapping.IndexMapping
	chainSet string
	dir      string // Bleve path; "" in memory

	blMu  sync.RWMutex
	bleve bleve.Index
	tab   *table

	committed atomic.Uint64
	indexed   atomic.Uint64
	persisted atomic.Uint64

	// closeMu guards sends on commitCh against its closing.
	closeMu  sync.RWMutex
	closing  bool
	commitCh chan commitReq
	indexCh  chan []indexItem
	// indexMu is held by the indexer while it applies a batch and by
	// rebuilds.
	indexMu sync.Mutex

	waitMu   sync.Mutex
	advanced chan struct{} // closed and replaced when indexed advances
	indexErr error

	purgeMu    sync.Mutex
	purgeTimer *time.Timer

	wg       sync.WaitGroup
	stopOnce sync.Once
	stopped  chan struct{}
}

func openShard(ctx context.Context, ix *Index, k sn.Kind, chainSet string) (*shard, error) {
	s := &shard{ix: ix, kind: k, chainSet: chainSet, advanced: make(chan struct{}), stopped: make(chan struct{}),
		commitCh: make(chan commitReq, 64), indexCh: make(chan []indexItem, 64)}
	m, err := newMapping(chainSet)
	if err != nil {
		return nil, err
	}
	s.mapping = m
	if ix.cfg.Dir == "" {
		s.kv = newMemKV()
	} else {
		storePath, blevePath := shardPaths(ix.cfg.Dir, k)
		s.dir = blevePath
		if s.kv, err = openBolt(storePath); err != nil {
			return nil, err
		}
	}
	if err := s.kv.view(func(tx kvTx) error {
		if v := tx.get(bMeta, []byte("seq")); len(v) == 8 {
			s.committed.Store(binary.BigEndian.Uint64(v))
		}
		return nil
	}); err != nil {
		s.kv.close()
		return nil, err
	}
	if err := s.loadTable(ctx); err != nil {
		s.kv.close()
		return nil, fmt.Errorf("index: %s: %w", k, err)
	}
	if err := s.recover(ctx); err != nil {
		s.kv.close()
		return nil, fmt.Errorf("index: %s: %w", k, err)
	}
	s.wg.Add(2)
	go s.committer()
	go s.indexer()
	return s, nil
}

// recover opens the Bleve index and brings it level with the store,
// rebuilding it when that is the only way.
func (s *shard) recover(ctx context.Context) error {
	log := s.ix.cfg.Logger.With("kind", string(s.kind))
	if s.dir == "" {
		b, err := bleve.NewMemOnly(s.mapping)
		if err != nil {
			return err
		}
		s.bleve = b
		return s.rebuild(ctx)
	}
	reason := ""
	b, err := bleve.OpenUsing(s.dir, scorchConfig())
	if err != nil {
		b = nil
	}
	switch {
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist):
		reason = "no index yet"
	case err != nil:
		reason = "index unreadable: " + err.Error()
		log.Warn("bleve index unreadable; rebuilding from the store", "error", err)
	}
	if b != nil {
		s.bleve = b
		seq, chains, schema := internalState(b)
		committed := s.committed.Load()
		switch {
		case chains != s.chainSet:
			reason = "analysis chains changed"
		case schema != schemaVersion:
			reason = "document schema changed"
		case seq > committed:
			reason = fmt.Sprintf("index at change %d is ahead of the store at %d", seq, committed)
		default:
			s.indexed.Store(seq)
			s.persisted.Store(seq)
			if seq < committed {
				ok, err := s.replay(ctx, seq)
				if err != nil {
					return err
				}
				if !ok {
					reason = "change log does not reach back to the index"
				} else {
					log.Info("replayed change log", "from", seq, "to", committed)
				}
			}
			if reason == "" {
				n, err := s.kv.count(bRecords)
				if err != nil {
					return err
				}
				d, err := b.DocCount()
				if err != nil {
					return err
				}
				if uint64(n) != d {
					reason = fmt.Sprintf("index holds %d documents, store %d records", d, n)
				}
			}
		}
	}
	if reason == "" {
		return nil
	}
	if reason != "no index yet" {
		log.Warn("rebuilding bleve index from the store", "reason", reason)
	}
	return s.rebuild(ctx)
}

func internalState(b bleve.Index) (seq uint64, chains, schema string) {
	if v, err := b.GetInternal(keySeq); err == nil && len(v) == 8 {
		seq = binary.BigEndian.Uint64(v)
	}
	if v, err := b.GetInternal(keyChains); err == nil {
		chains = string(v)
	}
	if v, err := b.GetInternal(keySchema); err == nil {
		schema = string(v)
	}
	return
}

// replay applies the change log after seq to Bleve. It reports false when
// the log no longer holds the entry after seq.
func (s *shard) replay(ctx context.Context, seq uint64) (bool, error) {
	first := true
	var items []indexItem
	var err error
	flush := func() error {
		if len(items) == 0 {
			return nil
		}
		err := s.apply(items)
		items = items[:0]
		return err
	}
	ok := true
	err = s.kv.view(func(tx kvTx) error {
		return tx.each(bLog, seqKey(seq+1), func(k, v []byte) error {
			e := binary.BigEndian.Uint64(k)
			if first && e != seq+1 {
				ok = false
				return errStop
			}
			first = false
			it := indexItem{seq: e, id: string(v)}
			if cur := tx.get(bRecords, v); cur != nil {
				r, err := decodeRecord(s.kind, cur)
				if err != nil {
					return err
				}
				it.rec = r
			}
			items = append(items, it)
			if len(items) == 1000 {
				if err := ctx.Err(); err != nil {
					return err
				}
				return flush()
			}
			return nil
		})
	})
	if err != nil {
		return false, err
	}
	if first {
		ok = false
	}
	if !ok {
		return false, nil
	}
	return true, flush()
}

// rebuild builds a fresh Bleve index from a consistent snapshot of the
// store and swaps it in. The indexer must be paused (indexMu held) or not
// yet started.
func (s *shard) rebuild(ctx context.Context) error {
	start := time.Now()
	tmp := s.dir + ".rebuild"
	var nb bleve.Index
	var err error
	if s.dir == "" {
		nb, err = bleve.NewMemOnly(s.mapping)
	} else {
		_ = os.RemoveAll(tmp)
		// Safe batches while rebuilding: each waits for its fsync.
		nb, err = bleve.NewUsing(tmp, s.mapping, scorch.Name, scorch.Name, nil)
	}
	if err != nil {
		return fmt.Errorf("rebuild: %w", err)
	}
	var snap uint64
	n := 0
	err = s.kv.view(func(tx kvTx) error {
		if v := tx.get(bMeta, []byte("seq")); len(v) == 8 {
			snap = binary.BigEndian.Uint64(v)
		}
		batch := nb.NewBatch()
		err := tx.each(bRecords, nil, func(k, v []byte) error {
			r, err := decodeRecord(s.kind, v)
			if err != nil {
				return fmt.Errorf("record %q: %w", k, err)
			}
			if err := batch.IndexAdvanced(s.document(r)); err != nil {
				return err
			}
			n++
			if batch.Size() >= 2000 {
				if err := ctx.Err(); err != nil {
					return err
				}
				if err := nb.Batch(batch); err != nil {
					return err
				}
				batch.Reset()
			}
			return nil
		})
		if err != nil {
			return err
		}
		setState(batch, snap, s.chainSet)
		return nb.Batch(batch)
	})
	if err != nil {
		nb.Close()
		if s.dir != "" {
			os.RemoveAll(tmp)
		}
		return fmt.Errorf("rebuild: %w", err)
	}
	if s.dir != "" {
		if err := nb.Close(); err != nil {
			return fmt.Errorf("rebuild: %w", err)
		}
		if s.bleve != nil {
			s.bleve.Close()
		}
		if err := os.RemoveAll(s.dir); err != nil {
			return fmt.Errorf("rebuild: %w", err)
		}
		if err := os.Rename(tmp, s.dir); err != nil {
			return fmt.Errorf("rebuild: %w", err)
		}
		if err := syncDir(filepath.Dir(s.dir)); err != nil {
			return fmt.Errorf("rebuild: %w", err)
		}
		if nb, err = bleve.OpenUsing(s.dir, scorchConfig()); err != nil {
			return fmt.Errorf("rebuild: reopen: %w", err)
		}
	} else if s.bleve != nil {
		s.bleve.Close()
	}
	s.blMu.Lock()
	s.bleve = nb
	s.blMu.Unlock()
	s.indexed.Store(snap)
	s.persisted.Store(snap)
	s.signal(nil)
	s.ix.cfg.Logger.Debug("rebuilt bleve index", "kind", string(s.kind), "documents", n, "took", time.Since(start).Round(time.Millisecond).String())
	return nil
}

func setState(b *bleve.Batch, seq uint64, chains string) {
	b.SetInternal(keySeq, seqKey(seq))
	b.SetInternal(keyChains, []byte(chains))
	b.SetInternal(keySchema, []byte(schemaVersion))
}

// scorchConfig lets Bleve batches return before their fsync: the store of
// record is durable and the change log covers what Bleve has not
// persisted yet.
func scorchConfig() map[string]any {
	return map[string]any{"unsafe_batch": true, "numSnapshotsToKeep": 0}
}

func (s *shard) reindex(ctx context.Context) error {
	s.indexMu.Lock()
	defer s.indexMu.Unlock()
	return s.rebuild(ctx)
}

// commit hands ops to the committer and waits until they are durable.
// The returned slice holds each op's error.
func (s *shard) commit(ctx context.Context, ops []*op) ([]error, error) {
	req := commitReq{ops: ops, done: make(chan error, 1)}
	s.closeMu.RLock()
	if s.closing {
		s.closeMu.RUnlock()
		return nil, fmt.Errorf("index: %w", sn.ErrClosed)
	}
	select {
	case s.commitCh <- req:
		s.closeMu.RUnlock()
	case <-ctx.Done():
		s.closeMu.RUnlock()
		return nil, ctx.Err()
	}
	// Once handed over, the write happens: wait for it even if ctx ends,
	// so that the caller learns whether it was acknowledged.
	if err := <-req.done; err != nil {
		return nil, err
	}
	errs := make([]error, len(ops))
	for i, o := range ops {
		errs[i] = o.err
	}
	return errs, nil
}

func (s *shard) committer() {
	defer s.wg.Done()
	defer close(s.indexCh)
	for req := range s.commitCh {
		reqs := []commitReq{req}
		n := len(req.ops)
	drain:
		for n < maxGroup {
			select {
			case r, ok := <-s.commitCh:
				if !ok {
					break drain
				}
				reqs = append(reqs, r)
				n += len(r.ops)
			default:
				break drain
			}
		}
		items, err := s.commitGroup(reqs)
		for _, r := range reqs {
			r.done <- err
		}
		if err == nil && len(items) > 0 {
			s.notify(items)
			s.indexCh <- items
		}
	}
}

func (s *shard) commitGroup(reqs []commitReq) ([]indexItem, error) {
	now := s.ix.cfg.Now().UTC()
	var items []indexItem
	seq := s.committed.Load()
	persisted := s.persisted.Load()
	err := s.kv.update(func(tx kvTx) error {
		items = items[:0]
		seq = s.committed.Load()
		for _, r := range reqs {
			for _, o := range r.ops {
				o.err, o.seq = nil, 0
				key := []byte(o.id)
				cur := tx.get(bRecords, key)
				var curMeta sn.Meta
				if cur != nil {
					m, _, err := decodeMeta(cur)
					if err != nil {
						return fmt.Errorf("%s %q: %w", s.kind, o.id, err)
					}
					curMeta = m
				}
				switch {
				case o.create && cur != nil:
					o.err = fmt.Errorf("%s %q already exists: %w", s.kind, o.id, sn.ErrConflict)
				case o.ifVersion != "" && cur == nil:
					o.err = fmt.Errorf("%s %q does not exist (expected version %s): %w", s.kind, o.id, o.ifVersion, sn.ErrNotFound)
				case o.ifVersion != "" && o.ifVersion != curMeta.Version:
					o.err = fmt.Errorf("%s %q is at version %s, not %s: %w", s.kind, o.id, curMeta.Version, o.ifVersion, sn.ErrConflict)
				case o.del && cur == nil:
					o.err = fmt.Errorf("%s %q: %w", s.kind, o.id, sn.ErrNotFound)
				}
				if o.err != nil {
					continue
				}
				seq++
				o.seq = seq
				if o.del {
					if err := tx.del(bRecords, key); err != nil {
						return err
					}
					items = append(items, indexItem{seq: seq, id: o.id})
				} else {
					created := now
					if cur != nil {
						created = curMeta.Created
					}
					if err := tx.put(bRecords, key, encodeValue(o.body, seq, created, now)); err != nil {
						return err
					}
					*o.rec.RecordMeta() = sn.Meta{Created: created, Updated: now, Version: versionString(seq)}
					items = append(items, indexItem{seq: seq, id: o.id, rec: o.rec})
				}
				if err := tx.put(bLog, seqKey(seq), key); err != nil {
					return err
				}
			}
		}
		// Trim log entries that Bleve has persisted, a bounded number per
		// transaction.
		if err := trimLog(tx, persisted, 2*maxGroup); err != nil {
			return err
		}
		return tx.put(bMeta, []byte("seq"), seqKey(seq))
	})
	if err != nil {
		for _, r := range reqs {
			for _, o := range r.ops {
				o.seq = 0
			}
		}
		return nil, fmt.Errorf("index: commit %s: %w", s.kind, err)
	}
	s.committed.Store(seq)
	return items, nil
}

// loadTable builds the in-memory table from the store, decoding records
// on every CPU.
func (s *shard) loadTable(ctx context.Context) error {
	s.tab = newTable()
	type raw struct {
		id string
		v  []byte
	}
	ch := make(chan []raw, 4)
	errc := make(chan error, 1)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for chunk := range ch {
				for _, r := range chunk {
					rec, err := decodeRecord(s.kind, r.v)
					if err != nil {
						select {
						case errc <- fmt.Errorf("record %q: %w", r.id, err):
						default:
						}
						continue
					}
					s.tab.put(r.id, rec)
				}
			}
		}()
	}
	var chunk []raw
	err := s.kv.view(func(tx kvTx) error {
		return tx.each(bRecords, nil, func(k, v []byte) error {
			chunk = append(chunk, raw{string(k), bytes.Clone(v)})
			if len(chunk) == 512 {
				if err := ctx.Err(); err != nil {
					return err
				}
				ch <- chunk
				chunk = nil
			}
			return nil
		})
	})
	if len(chunk) > 0 {
		ch <- chunk
	}
	close(ch)
	wg.Wait()
	if err != nil {
		return err
	}
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}

// trimLog deletes up to limit change log entries with a sequence number
// of at most upto.
func trimLog(tx kvTx, upto uint64, limit int) error {
	var old [][]byte
	_ = tx.each(bLog, nil, func(k, _ []byte) error {
		if binary.BigEndian.Uint64(k) > upto || len(old) >= limit {
			return errStop
		}
		old = append(old, append([]byte(nil), k...))
		return nil
	})
	for _, k := range old {
		if err := tx.del(bLog, k); err != nil {
			return err
		}
	}
	return nil
}

func (s *shard) notify(items []indexItem) {
	for _, it := range items {
		if it.rec == nil {
			s.tab.del(it.id)
		} else {
			s.tab.put(it.id, it.rec)
		}
	}
	s.ix.watchMu.RLock()
	ws := s.ix.watchers
	s.ix.watchMu.RUnlock()
	if len(ws) == 0 {
		return
	}
	for _, it := range items {
		c := Change{Kind: s.kind, ID: it.id, Record: it.rec, Seq: it.seq}
		for _, w := range ws {
			w(c)
		}
	}
}

func (s *shard) indexer() {
	defer s.wg.Done()
	for items := range s.indexCh {
	drain:
		for len(items) < 5000 {
			select {
			case more, ok := <-s.indexCh:
				if !ok {
					break drain
				}
				items = append(items, more...)
			default:
				break drain
			}
		}
		s.indexMu.Lock()
		// Items already in a rebuilt index are skipped.
		done := s.indexed.Load()
		i := 0
		for i < len(items) && items[i].seq <= done {
			i++
		}
		var err error
		if i < len(items) {
			err = s.apply(items[i:])
		}
		s.indexMu.Unlock()
		if err != nil {
			s.ix.cfg.Logger.Error("bleve batch failed; the index will be repaired from the store on the next start or reindex",
				"kind", string(s.kind), "error", err)
			s.signal(err)
		}
	}
}

// apply writes items to Bleve as one batch with the last sequence number.
func (s *shard) apply(items []indexItem) error {
	b := s.bl()
	batch := b.NewBatch()
	last := items[len(items)-1].seq
	for _, it := range items {
		if it.rec == nil {
			batch.Delete(it.id)
			continue
		}
		if err := batch.IndexAdvanced(s.document(it.rec)); err != nil {
			return err
		}
	}
	setState(batch, last, s.chainSet)
	if s.dir != "" {
		batch.SetPersistedCallback(func(err error) {
			if err != nil {
				return
			}
			for {
				p := s.persisted.Load()
				if p >= last || s.persisted.CompareAndSwap(p, last) {
					return
				}
			}
		})
	}
	if err := b.Batch(batch); err != nil {
		return err
	}
	s.indexed.Store(last)
	if s.dir == "" {
		s.persisted.Store(last)
	}
	s.signal(nil)
	return nil
}

// signal wakes waiters after indexed advanced or failed.
func (s *shard) signal(err error) {
	s.waitMu.Lock()
	if err != nil {
		s.indexErr = err
	}
	close(s.advanced)
	s.advanced = make(chan struct{})
	s.waitMu.Unlock()
}

func (s *shard) waitIndexed(ctx context.Context, seq uint64) error {
	for {
		s.waitMu.Lock()
		ch, err := s.advanced, s.indexErr
		s.waitMu.Unlock()
		if s.indexed.Load() >= seq {
			return nil
		}
		if err != nil {
			return fmt.Errorf("index: %s: stored, but not indexed: %w", s.kind, err)
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

func (s *shard) schedulePurge() {
	d := s.ix.cfg.PurgeDelay
	if d < 0 || s.dir == "" {
		return
	}
	s.purgeMu.Lock()
	defer s.purgeMu.Unlock()
	if s.purgeTimer != nil {
		return
	}
	s.purgeTimer = time.AfterFunc(d, func() {
		if s.ix.closed.Load() {
			return
		}
		if err := s.purge(context.Background()); err != nil && !errors.Is(err, sn.ErrClosed) {
			s.ix.cfg.Logger.Error("purge of deleted profiles failed", "error", err)
		}
	})
}

func (s *shard) purge(ctx context.Context) error {
	s.purgeMu.Lock()
	if s.purgeTimer != nil {
		s.purgeTimer.Stop()
		s.purgeTimer = nil
	}
	s.purgeMu.Unlock()
	if s.dir == "" {
		return nil
	}
	if err := s.waitIndexed(ctx, s.committed.Load()); err != nil {
		return err
	}
	// Rebuilding drops every byte of deleted documents: a fresh index is
	// written from the live records and the old segment files are removed.
	// Profiles are far fewer than vacancies, so this stays cheap.
	if err := s.reindex(ctx); err != nil {
		return err
	}
	upto := s.persisted.Load()
	if err := s.kv.update(func(tx kvTx) error { return trimLog(tx, upto, math.MaxInt) }); err != nil {
		return err
	}
	return s.kv.compact()
}

func (s *shard) close() error {
	var err error
	s.stopOnce.Do(func() {
		s.purgeMu.Lock()
		if s.purgeTimer != nil {
			s.purgeTimer.Stop()
			s.purgeTimer = nil
		}
		s.purgeMu.Unlock()
		s.closeMu.Lock()
		s.closing = true
		close(s.stopped)
		close(s.commitCh)
		s.closeMu.Unlock()
		s.wg.Wait()
		var errs []error
		if b := s.bl(); b != nil {
			errs = append(errs, b.Close())
		}
		errs = append(errs, s.kv.close())
		err = errors.Join(errs...)
	})
	return err
}
