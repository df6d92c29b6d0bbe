package readmodel

import (
	"math/bits"
	"slices"
	"sync"
)

// index is what discovery reads of a snapshot, built when the snapshot is:
// per profile, at its position in the list order, the masks and counts that
// scoring reads (side by side, so that a scan of every profile reads memory
// in order), per-trait bit sets of the fit sections, posting lists of title
// words and compared professions, and the trait counts.
type index struct {
	fit, all    []uint32 // vocabulary traits: fit; fit and non_fit
	fitN, allN  []uint32 // distinct traits, names outside the vocabulary included
	wordN       []uint32 // distinct title words
	words       postings
	professions postings // by folded profession
	oddFit      postings // fit traits outside the vocabulary
	fitCount    []int    // per vocabulary trait
	nonFitCount []int
	// withTrait holds, per vocabulary trait, a bit per position: set when
	// the profile there names the trait in its fit section.
	withTrait    [][]uint64
	counterPools *sync.Pool // of *[]uint32 as long as the order, zeroed
}

// newIndex indexes order.
func newIndex(order []*entry) *index {
	empty := &index{fitCount: make([]int, len(vocabulary)), nonFitCount: make([]int, len(vocabulary))}
	return empty.refreshed(nil, order)
}

// refreshed returns the index of order, the entries of a snapshot that
// replaces the one of prevOrder, which ix indexes. What the entries of both
// share is copied from ix; only the entries new in order are read, for the
// entries are scattered in memory and reading all of them costs more than
// the rest of the work. Both orders are sorted, so one walk pairs them.
func (ix *index) refreshed(prevOrder, order []*entry) *index {
	n := len(order)
	next := &index{
		fit: make([]uint32, n), all: make([]uint32, n),
		fitN: make([]uint32, n), allN: make([]uint32, n), wordN: make([]uint32, n),
		fitCount: slices.Clone(ix.fitCount), nonFitCount: slices.Clone(ix.nonFitCount),
		counterPools: &sync.Pool{New: func() any {
			counters := make([]uint32, n)
			return &counters
		}},
	}
	moved := make([]int32, len(prevOrder)) // the new position of each, or -1
	var words, professions, oddFit added
	i, j := 0, 0
	for i < n || j < len(prevOrder) {
		switch {
		case i < n && j < len(prevOrder) && order[i] == prevOrder[j]:
			next.fit[i], next.all[i] = ix.fit[j], ix.all[j]
			next.fitN[i], next.allN[i], next.wordN[i] = ix.fitN[j], ix.allN[j], ix.wordN[j]
			moved[j] = int32(i)
			i, j = i+1, j+1
		case j < len(prevOrder) && (i == n || compareEntries(prevOrder[j], order[i]) <= 0):
			// Not in order, since order[i] does not sort after it.
			next.count(&prevOrder[j].facts, -1)
			moved[j] = -1
			j++
		default:
			f := &order[i].facts
			next.fit[i], next.all[i] = f.fit, f.fit|f.nonFit
			next.fitN[i], next.allN[i], next.wordN[i] = f.nFit, uint32(f.allTraits()), f.nWords
			next.count(f, 1)
			pos := int32(i)
			words.add(pos, f.words()...)
			profs := f.professions()
			for k := 1; k < len(profs); k += 2 {
				if !slices.Contains(profs[1:k:k], profs[k]) { // a folded id once, at its first pair
					professions.add(pos, profs[k])
				}
			}
			for _, id := range f.fitTraits() {
				if bit(id) == 0 {
					oddFit.add(pos, id)
				}
			}
			i++
		}
	}
	next.words = ix.words.refreshed(moved, &words)
	next.professions = ix.professions.refreshed(moved, &professions)
	next.oddFit = ix.oddFit.refreshed(moved, &oddFit)
	next.withTrait = make([][]uint64, len(vocabulary))
	for t := range next.withTrait {
		next.withTrait[t] = make([]uint64, (n+63)/64)
	}
	for i, fit := range next.fit {
		for ; fit != 0; fit &= fit - 1 {
			next.withTrait[bits.TrailingZeros32(fit)][i/64] |= 1 << (i % 64)
		}
	}
	return next
}

// count adds sign to the counts of the traits f names.
func (ix *index) count(f *facts, sign int) {
	for t := range vocabulary {
		ix.fitCount[t] += sign * int(f.fit>>t&1)
		ix.nonFitCount[t] += sign * int(f.nonFit>>t&1)
	}
}

// postings lists, per interned id, the positions of the profiles that hold
// it, ascending: those of id are at[start[id]:start[id+1]]. One array for
// all, rather than a slice per id, is built with no growing.
type postings struct {
	start, at []int32
}

// of returns the positions of the profiles holding id.
func (p postings) of(id uint32) []int32 {
	if int(id)+1 >= len(p.start) {
		return nil
	}
	return p.at[p.start[id]:p.start[id+1]]
}

// added gathers the ids of profiles new in a snapshot, by ascending
// position: the i-th id in list is held by the profile at pos[i].
type added struct {
	list, pos []int32
	size      int // above every id
}

func (a *added) add(pos int32, ids ...uint32) {
	for _, id := range ids {
		a.list = append(a.list, int32(id))
		a.pos = append(a.pos, pos)
		a.size = max(a.size, int(id)+1)
	}
}

// refreshed returns the postings of a snapshot where each position i of p
// has become moved[i] (or is gone, -1) and the ids of a are new.
func (p postings) refreshed(moved []int32, a *added) postings {
	size := max(len(p.start)-1, a.size, 0)
	// The new ids' positions, by id then position: a counting sort.
	start := make([]int32, size+1)
	for _, id := range a.list {
		start[id+1]++
	}
	for id := 1; id <= size; id++ {
		start[id] += start[id-1]
	}
	fill := slices.Clone(start[:size])
	byID := make([]int32, len(a.list))
	for i, id := range a.list {
		byID[fill[id]] = a.pos[i]
		fill[id]++
	}
	q := postings{start: make([]int32, size+1), at: make([]int32, 0, len(p.at)+len(a.list))}
	for id := range size {
		q.start[id] = int32(len(q.at))
		fresh := byID[start[id]:start[id+1]]
		for _, old := range p.of(uint32(id)) {
			if at := moved[old]; at >= 0 {
				for len(fresh) > 0 && fresh[0] < at {
					q.at, fresh = append(q.at, fresh[0]), fresh[1:]
				}
				q.at = append(q.at, at)
			}
		}
		q.at = append(q.at, fresh...)
	}
	q.start[size] = int32(len(q.at))
	return q
}
