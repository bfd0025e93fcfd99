package index

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// kv is the store of record: ordered buckets of byte keys and values with
// atomic, durable transactions. Two implementations: bbolt on disk, and a
// map for the in-memory mode.
type kv interface {
	view(fn func(tx kvTx) error) error
	// update runs fn in a read-write transaction; the changes are durable
	// when update returns nil.
	update(fn func(tx kvTx) error) error
	// count returns the number of keys in a bucket.
	count(bucket []byte) (int, error)
	// compact rewrites the store so that deleted values are gone from
	// disk (right to erasure). A no-op in memory.
	compact() error
	close() error
}

type kvTx interface {
	get(bucket, key []byte) []byte
	put(bucket, key, val []byte) error
	del(bucket, key []byte) error
	// each visits keys >= from in order until fn returns an error or
	// errStop.
	each(bucket, from []byte, fn func(k, v []byte) error) error
}

var errStop = errors.New("stop")

var buckets = [][]byte{bRecords, bLog, bMeta}

var (
	bRecords = []byte("records")
	bLog     = []byte("log")
	bMeta    = []byte("meta")
)

// boltKV is the on-disk store.
type boltKV struct {
	mu   sync.RWMutex // held for writing while compacting
	path string
	db   *bolt.DB
}

func openBolt(path string) (*boltKV, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second, FreelistType: bolt.FreelistMapType})
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range buckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return &boltKV{path: path, db: db}, nil
}

type boltTx struct{ tx *bolt.Tx }

func (t boltTx) get(b, k []byte) []byte { return t.tx.Bucket(b).Get(k) }
func (t boltTx) put(b, k, v []byte) error {
	return t.tx.Bucket(b).Put(k, v)
}
func (t boltTx) del(b, k []byte) error { return t.tx.Bucket(b).Delete(k) }
func (t boltTx) each(b, from []byte, fn func(k, v []byte) error) error {
	c := t.tx.Bucket(b).Cursor()
	var k, v []byte
	if from == nil {
		k, v = c.First()
	} else {
		k, v = c.Seek(from)
	}
	for ; k != nil; k, v = c.Next() {
		if err := fn(k, v); err != nil {
			if err == errStop {
				return nil
			}
			return err
		}
	}
	return nil
}

func (s *boltKV) view(fn func(kvTx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.db.View(func(tx *bolt.Tx) error { return fn(boltTx{tx}) })
}

func (s *boltKV) update(fn func(kvTx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.db.Update(func(tx *bolt.Tx) error { return fn(boltTx{tx}) })
}

func (s *boltKV) count(b []byte) (int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	n := 0
	err := s.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(b).Stats().KeyN
		return nil
	})
	return n, err
}

// compact copies the live data into a new file and renames it over the
// old one, so that freed pages holding deleted records are gone.
func (s *boltKV) compact() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tmp := s.path + ".compact"
	_ = os.Remove(tmp)
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: 5 * time.Second, FreelistType: bolt.FreelistMapType})
	if err != nil {
		return fmt.Errorf("compact %s: %w", s.path, err)
	}
	if err := bolt.Compact(dst, s.db, 64<<20); err != nil {
		dst.Close()
		os.Remove(tmp)
		return fmt.Errorf("compact %s: %w", s.path, err)
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		os.Remove(tmp)
		return fmt.Errorf("compact %s: %w", s.path, err)
	}
	if err := dst.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("compact %s: %w", s.path, err)
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("compact %s: %w", s.path, err)
	}
	if err := os.Rename(tmp, s.path); err != nil {
		return fmt.Errorf("compact %s: %w", s.path, err)
	}
	if err := syncDir(filepath.Dir(s.path)); err != nil {
		return err
	}
	db, err := bolt.Open(s.path, 0o600, &bolt.Options{Timeout: 5 * time.Second, FreelistType: bolt.FreelistMapType})
	if err != nil {
		return fmt.Errorf("reopen %s after compaction: %w", s.path, err)
	}
	s.db = db
	return nil
}

func (s *boltKV) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.db.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// memKV is the in-memory store: sorted key slices per bucket.
type memKV struct {
	mu sync.RWMutex
	b  map[string]*memBucket
}

type memBucket struct {
	keys []string // sorted
	vals map[string][]byte
}

func newMemKV() *memKV {
	m := &memKV{b: map[string]*memBucket{}}
	for _, b := range buckets {
		m.b[string(b)] = &memBucket{vals: map[string][]byte{}}
	}
	return m
}

// memTx reads through to the store and stages writes; the writes are
// applied when the transaction function succeeds.
type memTx struct {
	m      *memKV
	staged map[string]map[string][]byte // nil value: deleted
	write  bool
}

func (t *memTx) get(b, k []byte) []byte {
	if s, ok := t.staged[string(b)]; ok {
		if v, ok := s[string(k)]; ok {
			return v
		}
	}
	return t.m.b[string(b)].vals[string(k)]
}

func (t *memTx) stage(b, k, v []byte) {
	s := t.staged[string(b)]
	if s == nil {
		s = map[string][]byte{}
		t.staged[string(b)] = s
	}
	s[string(k)] = v
}

func (t *memTx) put(b, k, v []byte) error {
	if !t.write {
		return errors.New("put in a read-only transaction")
	}
	t.stage(b, k, bytes.Clone(v))
	return nil
}

func (t *memTx) del(b, k []byte) error {
	if !t.write {
		return errors.New("delete in a read-only transaction")
	}
	t.stage(b, k, nil)
	return nil
}

func (t *memTx) each(b, from []byte, fn func(k, v []byte) error) error {
	mb := t.m.b[string(b)]
	keys := mb.keys
	if s := t.staged[string(b)]; len(s) > 0 {
		keys = slices.Clone(keys)
		for k := range s {
			if _, ok := mb.vals[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
	}
	i, _ := slices.BinarySearch(keys, string(from))
	for ; i < len(keys); i++ {
		v := t.get(b, []byte(keys[i]))
		if v == nil {
			continue
		}
		if err := fn([]byte(keys[i]), v); err != nil {
			if err == errStop {
				return nil
			}
			return err
		}
	}
	return nil
}

func (m *memKV) view(fn func(kvTx) error) error {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return fn(&memTx{m: m})
}

func (m *memKV) update(fn func(kvTx) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	tx := &memTx{m: m, staged: map[string]map[string][]byte{}, write: true}
	if err := fn(tx); err != nil {
		return err
	}
	for b, s := range tx.staged {
		mb := m.b[b]
		var added []string
		removed := false
		for k, v := range s {
			_, had := mb.vals[k]
			switch {
			case v == nil && had:
				delete(mb.vals, k)
				removed = true
			case v != nil:
				if !had {
					added = append(added, k)
				}
				mb.vals[k] = v
			}
		}
		if removed {
			mb.keys = slices.DeleteFunc(mb.keys, func(k string) bool { _, ok := mb.vals[k]; return !ok })
		}
		if len(added) > 0 {
			slices.Sort(added)
			// Appends in order are the common case (the log).
			if len(mb.keys) == 0 || mb.keys[len(mb.keys)-1] < added[0] {
				mb.keys = append(mb.keys, added...)
			} else {
				mb.keys = append(mb.keys, added...)
				slices.Sort(mb.keys)
			}
		}
	}
	return nil
}

func (m *memKV) count(b []byte) (int, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.b[string(b)].vals), nil
}

func (m *memKV) compact() error { return nil }
func (m *memKV) close() error   { return nil }
