package matcher

import (
	"cmp"
	"encoding/binary"
	"hash/maphash"
	"math"
	"slices"
)

// set holds the compiled records of one kind with the postings that
// queries read.
//
// Items that hold the same skill vector and lie in the same region cell
// form a group: every query gives them the same skill fit, so the
// postings name groups, and a query accumulates once per group rather
// than once per item. Vacancies made from one occupation's skills, or
// imported with a title only and given the occupation's implied skills,
// share a vector; an item with a vector of its own is a group of one.
type set struct {
	items []*item
	// attrs holds per slot what the candidate loops test, densely, so
	// that they do not chase an item pointer per candidate.
	attrs []attr
	byID  map[string]int32
	free  []int32
	// group and pos give each slot's group and its place in the group's
	// members (−1 for the first).
	group, pos []int32
	// The groups, in dense arrays that the query loops read by group:
	// gen is bumped when a group dies (so that its postings are stale),
	// first is its first member, n the number of members, and more the
	// members after the first.
	gen   []uint32
	first []int32
	n     []int32
	more  [][]int32
	hash  []uint64
	meta  []groupMeta
	// groupOf finds a group by the hash of its vector and cell; a group
	// whose hash collides with another's is not in it (it is then a group
	// of its own, which is correct, only slower).
	groupOf    map[uint64]int32
	freeGroups []int32
	seed       maphash.Seed
	// post maps a taxonomy index to the groups holding it, with the
	// group's weight for it. Entries of dead groups stay until compaction
	// and are skipped by their generation.
	post map[int32][]posting
	// cells splits the postings by region: concept → cell → postings, so
	// that a profile with a travel limit reads only the cells it reaches.
	cells map[int32]map[uint32][]posting
	// stale counts the postings of dead groups not yet compacted away; at
	// 0, every posting names a living group.
	stale int
	// byReach files profiles by reach: one with a travel limit under the
	// cell of its home, one without under anyCell (it can take a job
	// anywhere). maxKm is the largest travel limit ever put.
	byReach bool
	maxKm   float64
}

// groupMeta is what a ranking reads per group: its cell, its members'
// psum (they share their skills), and for a bound of their other
// components, the attr flags any member has and the members' education
// levels (a bit each; eduOut for a level outside 0–8). A member leaving
// clears nothing, so the summary holds until the group dies.
type groupMeta struct {
	cell  uint32
	psum  float32
	edus  uint16
	flags uint8
}

const eduOut = 1 << 15

// note adds the attrs a of a member to the summary.
func (gm *groupMeta) note(a *attr) {
	gm.flags |= a.flags()
	if a.edu >= 0 && a.edu <= 8 {
		gm.edus |= 1 << a.edu
	} else {
		gm.edus |= eduOut
	}
}

// posting is a group holding a concept. w is the group's weight for it:
// for vacancies, the skill's share of the vacancy's weight sum (so that
// summing credit × w gives the coverage); for profiles, the skill's
// strength.
type posting struct {
	slot int32 // the group
	gen  uint32
	w    float32
}

func newSet() *set {
	return &set{byID: map[string]int32{}, groupOf: map[uint64]int32{}, seed: maphash.MakeSeed(),
		post: map[int32][]posting{}, cells: map[int32]map[uint32][]posting{}}
}

// live reports whether posting p names a living group.
func (s *set) live(p posting) bool { return s.gen[p.slot] == p.gen }

// each calls f with each member of group g.
func (s *set) each(g int32, f func(slot int32)) {
	f(s.first[g])
	if s.n[g] > 1 {
		for _, slot := range s.more[g] {
			f(slot)
		}
	}
}

// postings calls f with the postings of concept i: all of them when cells
// is nil, else those of each of cells in turn.
func (s *set) postings(i int32, cells []uint32, f func([]posting)) {
	if cells == nil {
		f(s.post[i])
		return
	}
	byCell := s.cells[i]
	for _, c := range cells {
		f(byCell[c])
	}
}

// groups is the number of group IDs in use, living or free.
func (s *set) groups() int { return len(s.gen) }

// cellFor is the cell it is filed under.
func (s *set) cellFor(it *item) uint32 {
	if s.byReach && it.has && it.maxKm <= 0 {
		return anyCell
	}
	return cellOf(it)
}

// vectorHash hashes what makes items share a group: their skill vector
// and their cell.
func (s *set) vectorHash(it *item, cell uint32) uint64 {
	var h maphash.Hash
	h.SetSeed(s.seed)
	var b [13]byte
	binary.LittleEndian.PutUint32(b[:], cell)
	h.Write(b[:4])
	for _, sk := range it.skills {
		binary.LittleEndian.PutUint32(b[0:], uint32(sk.idx))
		binary.LittleEndian.PutUint32(b[4:], math.Float32bits(sk.w))
		b[8] = 0
		if sk.essential {
			b[8] |= 1
		}
		if sk.implied {
			b[8] |= 2
		}
		h.Write(b[:9])
	}
	return h.Sum64()
}

// sameVector reports whether a and b have the same skill vector.
func sameVector(a, b *item) bool {
	if len(a.skills) != len(b.skills) {
		return false
	}
	for i := range a.skills {
		if a.skills[i] != b.skills[i] {
			return false
		}
	}
	return true
}

func (s *set) put(it *item) {
	slot, ok := s.byID[it.id]
	if !ok {
		if n := len(s.free); n > 0 {
			slot, s.free = s.free[n-1], s.free[:n-1]
		} else {
			slot = int32(len(s.items))
			s.items = append(s.items, nil)
			s.attrs = append(s.attrs, attr{})
			s.group = append(s.group, 0)
			s.pos = append(s.pos, 0)
		}
		s.byID[it.id] = slot
	} else {
		s.leave(slot)
	}
	s.items[slot] = it
	s.attrs[slot] = attrOf(it)
	s.maxKm = max(s.maxKm, it.maxKm)
	s.join(slot, it)
	s.maybeCompact()
}

// putAll puts its in the order of their cells (a stable sort), so that
// the items and groups of a cell get neighbouring slots: a query reads
// the cells near a point, and its accumulators and candidates then share
// cache lines.
func (s *set) putAll(its []*item) {
	slices.SortStableFunc(its, func(a, b *item) int { return cmp.Compare(s.cellFor(a), s.cellFor(b)) })
	for _, it := range its {
		s.put(it)
	}
}

// join puts slot, holding it, into the group of its vector and cell,
// making the group and its postings when it is new.
func (s *set) join(slot int32, it *item) {
	cell := s.cellFor(it)
	h := s.vectorHash(it, cell)
	g, ok := s.groupOf[h]
	if ok {
		if rep := s.items[s.first[g]]; !sameVector(rep, it) || s.cellFor(rep) != cell {
			ok = false // a collision: it gets a group of its own
		}
	}
	if !ok {
		g = s.newGroup(h, cell, it.psum)
		if _, taken := s.groupOf[h]; !taken {
			s.groupOf[h] = g
		}
		gen := s.gen[g]
		for _, sk := range it.skills {
			ps := posting{slot: g, gen: gen, w: sk.w}
			if it.wsum > 0 {
				ps.w /= it.wsum
			}
			s.post[sk.idx] = append(s.post[sk.idx], ps)
			byCell := s.cells[sk.idx]
			if byCell == nil {
				byCell = map[uint32][]posting{}
				s.cells[sk.idx] = byCell
			}
			byCell[cell] = append(byCell[cell], ps)
		}
	}
	s.group[slot] = g
	s.meta[g].note(&s.attrs[slot])
	if s.n[g] == 0 {
		s.first[g], s.pos[slot] = slot, -1
	} else {
		s.pos[slot] = int32(len(s.more[g]))
		s.more[g] = append(s.more[g], slot)
	}
	s.n[g]++
}

func (s *set) newGroup(h uint64, cell uint32, psum float32) int32 {
	if n := len(s.freeGroups); n > 0 {
		g := s.freeGroups[n-1]
		s.freeGroups = s.freeGroups[:n-1]
		s.hash[g], s.meta[g] = h, groupMeta{cell: cell, psum: psum}
		return g
	}
	s.gen = append(s.gen, 0)
	s.first = append(s.first, -1)
	s.n = append(s.n, 0)
	s.more = append(s.more, nil)
	s.hash = append(s.hash, h)
	s.meta = append(s.meta, groupMeta{cell: cell, psum: psum})
	return int32(len(s.gen) - 1)
}

// leave takes slot out of its group; a group left empty dies, and its
// postings become stale.
func (s *set) leave(slot int32) {
	g := s.group[slot]
	s.n[g]--
	if s.n[g] > 0 {
		// The last of more takes the leaving slot's place.
		more := s.more[g]
		last := more[len(more)-1]
		s.more[g] = more[:len(more)-1]
		if last != slot {
			if s.pos[slot] < 0 {
				s.first[g] = last
			} else {
				more[s.pos[slot]] = last
			}
			s.pos[last] = s.pos[slot]
		}
		return
	}
	if s.groupOf[s.hash[g]] == g {
		delete(s.groupOf, s.hash[g])
	}
	s.gen[g]++
	s.first[g], s.more[g] = -1, nil
	s.freeGroups = append(s.freeGroups, g)
	s.stale += 2 * len(s.items[slot].skills)
}

func (s *set) del(id string) {
	slot, ok := s.byID[id]
	if !ok {
		return
	}
	s.leave(slot)
	s.items[slot] = nil
	delete(s.byID, id)
	s.free = append(s.free, slot)
	s.maybeCompact()
}

// maybeCompact drops stale postings once they are a quarter of all.
func (s *set) maybeCompact() {
	if s.stale < 1024 || s.stale*4 < (s.groups()-len(s.freeGroups))*16 {
		return
	}
	keep := func(ps []posting) []posting {
		out := ps[:0]
		for _, p := range ps {
			if s.live(p) {
				out = append(out, p)
			}
		}
		return out
	}
	for k, ps := range s.post {
		if out := keep(ps); len(out) == 0 {
			delete(s.post, k)
		} else {
			s.post[k] = out
		}
	}
	for k, byCell := range s.cells {
		for c, ps := range byCell {
			if out := keep(ps); len(out) == 0 {
				delete(byCell, c)
			} else {
				byCell[c] = out
			}
		}
		if len(byCell) == 0 {
			delete(s.cells, k)
		}
	}
	s.stale = 0
}
