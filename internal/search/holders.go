package search

import "slices"

// holders lists, per key (an interned id, a lexeme), the ordinals of the
// profiles that hold it, ascending: those of key k are at[start[k]:start[k+1]].
// One array for all keys, rather than a slice per key, is built with no
// growing. It is the form of every list of profiles by key but the
// postings of the texts' lexemes, which say where and how often too, and
// are compressed.
type holders struct {
	start, at []int32
}

// of returns the ordinals of the profiles holding key k. An append to
// them makes a copy.
func (h holders) of(k uint32) []int32 {
	if int(k)+1 >= len(h.start) {
		return nil
	}
	return h.at[h.start[k]:h.start[k+1]:h.start[k+1]]
}

// held gathers the keys of the profiles new in an index, by ascending
// ordinal: the i-th key of keys is held by the profile at ords[i].
type held struct {
	keys, ords []int32
	size       int // above every key
}

func (a *held) add(ord int32, keys ...uint32) {
	for _, k := range keys {
		a.keys = append(a.keys, int32(k))
		a.ords = append(a.ords, ord)
		a.size = max(a.size, int(k)+1)
	}
}

// refreshed returns the holders of an index where each ordinal i of h has
// become moved[i] (or is gone, -1), the order kept, and the keys of a are
// new.
func (h holders) refreshed(moved []int32, a *held) holders {
	size := max(len(h.start)-1, a.size, 0)
	// The new keys' ordinals, by key then ordinal: a counting sort.
	start := make([]int32, size+1)
	for _, k := range a.keys {
		start[k+1]++
	}
	for k := 1; k <= size; k++ {
		start[k] += start[k-1]
	}
	fill := slices.Clone(start[:size])
	byKey := make([]int32, len(a.keys))
	for i, k := range a.keys {
		byKey[fill[k]] = a.ords[i]
		fill[k]++
	}
	q := holders{start: make([]int32, size+1), at: make([]int32, 0, len(h.at)+len(a.keys))}
	for k := range size {
		q.start[k] = int32(len(q.at))
		fresh := byKey[start[k]:start[k+1]]
		for _, old := range h.of(uint32(k)) {
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
