package matcher

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// A ranking query (profile → vacancies, vacancy → profiles) reads the
// postings of some concepts, accumulates per group what bounds the
// group's skill fit, and scores candidates in decreasing order of their
// bound (rankBy). A query that reads many postings in several cells is
// split by cell over a few goroutines: each takes the next cell, heaviest
// first, until none is left, accumulates into its own accumulator and
// ranks its own groups. A group lies in one cell, so the goroutines touch
// disjoint groups, and the best of their best is the best overall. They
// share the best lower bound of the final threshold found so far, so
// that each prunes as if it saw the others' candidates.

// postList is a concept that a query reads, with what each of its
// postings adds: min(w × c, 1) for the posting's weight w, and bit.
type postList struct {
	concept int32
	c       float32
	bit     uint64
}

// rankJob is one ranking query over s.
type rankJob struct {
	s     *set
	lists []postList
	// cells are the cells to read; nil reads every posting.
	cells []uint32
	need  int
	// other bounds the score of any item without skill fit.
	other float64
	// fit turns a group's accumulated entry into a bound of its skill
	// fit; nil when the entry's val is one already.
	fit func(e *accEntry, g int32) float32
	// groupOther, when not nil, makes a function bounding what any item
	// of group g scores besides its skill fit, at most other; it is
	// called once per goroutine.
	groupOther func() func(g int32) float64
	// bound gives an upper bound of the score of the item in slot, of
	// group g (−1 for items not accumulated), from a bound of its skill
	// fit, or false when the item is filtered out for sure; it is at most
	// ws × fit + groupOther(g).
	bound func(g, slot int32, fit float32) (float64, bool)
	// full makes a scorer for one goroutine: the full score of the item
	// in slot, or false when it is filtered out.
	full func() func(slot int32) (float64, bool)
}

// minSplit is the fewest postings a query reads before it is split.
const minSplit = 8192

// rank returns the best j.need items of j.s by full score, exactly,
// whether every item was scored, how many were, and how many items the
// postings reached. Items without skill fit are scored only when the
// need-th best is not above j.other.
func (m *Matcher) rank(ctx context.Context, j *rankJob) (top []ranked, exhaustive bool, scored, reached int) {
	cells, n := m.split(j)
	fl := newFloor()
	accs := make([]*accum, n)
	tops := make([][]ranked, n)
	counts := make([]int, n)
	reach := make([]int, n)
	// The goroutines take the cells, heaviest first, one at a time, so
	// that one that starts late takes fewer.
	var next atomic.Int32
	run := func(k int) {
		acc := m.accum(j.s.groups())
		accs[k] = acc
		if n == 1 {
			for _, l := range j.lists {
				j.s.postings(l.concept, j.cells, func(ps []posting) { acc.addAll(j.s, ps, l.c, l.bit) })
			}
		} else {
			for i := int(next.Add(1)) - 1; i < len(cells); i = int(next.Add(1)) - 1 {
				for _, l := range j.lists {
					acc.addAll(j.s, j.s.cells[l.concept][cells[i]], l.c, l.bit)
				}
			}
		}
		var other func(int32) float64
		if j.groupOther != nil {
			other = j.groupOther()
		}
		tops[k], counts[k] = m.rankBy(j, acc, fl, other, j.full())
		reach[k] = j.s.reached(acc)
	}
	var wg sync.WaitGroup
	for k := 1; k < n; k++ {
		wg.Go(func() { run(k) })
	}
	run(0)
	wg.Wait()
	defer func() {
		for _, acc := range accs {
			m.accPool.Put(acc)
		}
	}()
	h := &topHeap{need: j.need}
	for k := range n {
		for _, r := range tops[k] {
			h.offer(r)
		}
		scored += counts[k]
		reached += reach[k]
	}
	if h.full() && h.min() > j.other {
		return h.items, false, scored, reached
	}
	full := j.full()
	for slot, it := range j.s.items {
		if it == nil || slices.ContainsFunc(accs, func(a *accum) bool { return a.has(j.s.group[slot]) }) {
			continue
		}
		if slot%4096 == 0 && ctx.Err() != nil {
			break
		}
		if ub, ok := j.bound(-1, int32(slot), 0); !ok || (h.full() && ub+1e-3 < h.min()) {
			continue
		}
		scored++
		if sc, ok := full(int32(slot)); ok {
			h.offer(ranked{slot: int32(slot), score: sc, id: it.id})
		}
	}
	return h.items, true, scored, reached
}

// split returns the cells of j that hold postings of its lists, heaviest
// first, and how many goroutines share them: one when the query is
// small, reads every posting (j.cells nil), or may use one goroutine.
func (m *Matcher) split(j *rankJob) ([]uint32, int) {
	n := int(m.par.Load())
	if n == 0 {
		n = runtime.GOMAXPROCS(0)
	}
	if n = min(n, len(j.cells)); n < 2 {
		return nil, 1
	}
	load := make([]int, len(j.cells))
	for _, l := range j.lists {
		byCell := j.s.cells[l.concept]
		if byCell == nil {
			continue
		}
		for i, c := range j.cells {
			load[i] += len(byCell[c])
		}
	}
	var order []int
	total := 0
	for i, x := range load {
		if x > 0 {
			order = append(order, i)
			total += x
		}
	}
	if n = min(n, len(order)); n < 2 || total < m.splitMin {
		return nil, 1
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(load[b], load[a]) })
	cells := make([]uint32, len(order))
	for k, i := range order {
		cells[k] = j.cells[i]
	}
	return cells, n
}

// floor is the best known lower bound of a query's need-th best score,
// shared by its goroutines: one holding need items raises it to the
// worst of them.
type floor struct{ bits atomic.Uint64 }

func newFloor() *floor {
	f := &floor{}
	f.bits.Store(math.Float64bits(math.Inf(-1)))
	return f
}

func (f *floor) get() float64 { return math.Float64frombits(f.bits.Load()) }

func (f *floor) raise(x float64) {
	for {
		old := f.bits.Load()
		if math.Float64frombits(old) >= x || f.bits.CompareAndSwap(old, math.Float64bits(x)) {
			return
		}
	}
}

// rankBy returns the best j.need items of the groups in acc by full
// score, exactly, except those below fl, and how many it scored. acc
// holds what j.fit turns into a bound of each group's skill fit.
//
// Groups are first put in buckets by ws × fit + other(g), which
// needs nothing but acc and the group. Buckets are then taken from the
// top: the items of their groups get their finer bound and are scored in
// decreasing order of it, until the bucket falls below the need-th best
// score, of this goroutine or (through fl) of another.
func (m *Matcher) rankBy(j *rankJob, acc *accum, fl *floor, other func(int32) float64, full func(int32) (float64, bool)) ([]ranked, int) {
	s := j.s
	buckets := &acc.buckets
	for i := range buckets {
		buckets[i] = buckets[i][:0]
	}
	ws := m.ws()
	for _, g := range acc.touched {
		e := &acc.e[g]
		if j.fit != nil {
			e.val = j.fit(e, g)
		}
		ub := ws * float64(e.val)
		if other != nil {
			ub += other(g)
		} else {
			ub += j.other
		}
		b := min(100, max(0, int(ub)))
		buckets[b] = append(buckets[b], cand{slot: g})
	}
	h := &topHeap{need: j.need}
	scored := 0
	// thr is the need-th best score known; below reports whether a bound
	// cannot reach it. The margin covers the float32 rounding of bounds,
	// so that a tie is never cut.
	thr := func() float64 {
		t := fl.get()
		if h.full() {
			t = max(t, h.min())
		}
		return t
	}
	below := func(ub float64) bool { return ub+1e-3 < thr() }
	fine := acc.fine[:0]
	for b := 100; b >= 0; b-- {
		if float64(b+1) < thr() {
			break
		}
		fine = fine[:0]
		for _, c := range buckets[b] {
			g, fit := c.slot, acc.e[c.slot].val
			if ub, ok := j.bound(g, s.first[g], fit); ok && !below(ub) {
				fine = append(fine, cand{s.first[g], float32(ub)})
			}
			if s.n[g] > 1 {
				for _, slot := range s.more[g] {
					if ub, ok := j.bound(g, slot, fit); ok && !below(ub) {
						fine = append(fine, cand{slot, float32(ub)})
					}
				}
			}
		}
		slices.SortFunc(fine, func(x, y cand) int { return cmp.Compare(y.ub, x.ub) })
		for _, c := range fine {
			if below(float64(c.ub)) {
				break
			}
			sc, ok := full(c.slot)
			scored++
			if ok {
				h.offer(ranked{slot: c.slot, score: sc, id: s.items[c.slot].id})
				if h.full() {
					fl.raise(h.min())
				}
			}
		}
	}
	acc.fine = fine
	return h.items, scored
}

// reached counts the items of the groups in acc.
func (s *set) reached(acc *accum) int {
	n := 0
	for _, g := range acc.touched {
		n += int(s.n[g])
	}
	return n
}

// accum accumulates a value per group, with marks instead of clearing.
type accum struct {
	buckets [101][]cand // rankBy's, kept for reuse
	fine    []cand
	// e holds per group what a query accumulates, in one place so that a
	// posting touches one cache line; an entry is in use when its mask is
	// not empty, and the entries of touched are cleared for the next query.
	e       []accEntry
	touched []int32
}

type accEntry struct {
	// val is, for Vacancies, the coverage and for Profiles the use sum;
	// rankBy turns it into the fit bound.
	val float32
	// lo and hi are the halves of the mask: for Vacancies the profile
	// skills giving credit, for Profiles the vacancy skills reached (lo)
	// and held (hi). Halves keep the entry at 12 bytes.
	lo, hi uint32
}

func (e *accEntry) mask() uint64 { return uint64(e.hi)<<32 | uint64(e.lo) }

func (m *Matcher) accum(n int) *accum {
	a, _ := m.accPool.Get().(*accum)
	if a == nil {
		a = &accum{}
	}
	for _, g := range a.touched {
		a.e[g] = accEntry{}
	}
	a.touched = a.touched[:0]
	if len(a.e) < n {
		a.e = make([]accEntry, n+n/4)
	}
	return a
}

// add adds v to the value of slot and bit, which is not 0, to its mask.
func (a *accum) add(slot int32, v float32, bit uint64) {
	e := &a.e[slot]
	if e.lo|e.hi == 0 {
		a.touched = append(a.touched, slot)
	}
	e.val += v
	e.lo |= uint32(bit)
	e.hi |= uint32(bit >> 32)
}

// addAll adds min(w × c, 1), w the posting's weight, and bit to the
// entry of each group of s that ps names and that lives.
func (a *accum) addAll(s *set, ps []posting, c float32, bit uint64) {
	if s.stale == 0 { // every posting names a living group
		for _, p := range ps {
			a.add(p.slot, min(p.w*c, 1), bit)
		}
		return
	}
	for _, p := range ps {
		if s.live(p) {
			a.add(p.slot, min(p.w*c, 1), bit)
		}
	}
}

func (a *accum) has(slot int32) bool { e := &a.e[slot]; return e.lo|e.hi != 0 }

// ws is the most the skill component can give, in points.
func (m *Matcher) ws() float64 { return 100 * m.cfg.Weights.Skills }

// cand is an item with an upper bound of its score.
type cand struct {
	slot int32
	ub   float32
}

// topHeap keeps the need best ranked items (a min-heap on "better").
type topHeap struct {
	items []ranked
	need  int
}

func (h *topHeap) full() bool         { return len(h.items) >= h.need }
func (h *topHeap) min() float64       { return h.items[0].score }
func (h *topHeap) less(i, j int) bool { return better(h.items[j], h.items[i]) }

func (h *topHeap) offer(r ranked) {
	if h.need <= 0 {
		return
	}
	if len(h.items) < h.need {
		h.items = append(h.items, r)
		for i := len(h.items) - 1; i > 0; {
			p := (i - 1) / 2
			if !h.less(i, p) {
				break
			}
			h.items[i], h.items[p] = h.items[p], h.items[i]
			i = p
		}
		return
	}
	if !better(r, h.items[0]) {
		return
	}
	h.items[0] = r
	for i := 0; ; {
		l, small := 2*i+1, i
		if l < len(h.items) && h.less(l, small) {
			small = l
		}
		if l+1 < len(h.items) && h.less(l+1, small) {
			small = l + 1
		}
		if small == i {
			return
		}
		h.items[i], h.items[small] = h.items[small], h.items[i]
		i = small
	}
}
