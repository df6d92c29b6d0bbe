package search

import (
	"encoding/binary"
	"slices"
)

// A rebuild after a change notification starts from the index before it:
// most profiles are the same (the same *Doc), and only their ordinals
// move, as profiles come and go around them. What the index holds of them
// is moved to the new ordinals rather than worked out again, and only the
// profiles new to the index are read and merged in.

// changes says how the profiles of prev map onto docs.
type changes struct {
	// moved gives, by prev's ordinal, the ordinal in docs of a profile
	// docs still holds unchanged, or -1.
	moved []int32
	// fresh lists, ascending, the ordinals in docs of the profiles prev
	// did not hold (all of them without prev).
	fresh []int
	// inOrder reports whether the profiles both hold keep their order, as
	// they do in the catalogue's title order.
	inOrder bool
}

// reading says which of the n profiles of a build the lists of the build
// read, given whether the build it starts from has lists (has): with the
// order kept, the fresh profiles, merged with the lists kept (keep); else
// every profile, afresh.
func (c changes) reading(has bool, n int) (keep bool, ords []int) {
	switch {
	case has && c.inOrder:
		return true, c.fresh
	case len(c.fresh) == n: // every one is fresh
		return false, c.fresh
	}
	ords = make([]int, n)
	for i := range ords {
		ords[i] = i
	}
	return false, ords
}

// changesFrom returns the changes from prev, which may be nil, to docs;
// added reports the Docs added to the build. Docs that keep prev's order,
// as the read model's do, are paired with prev's in one walk; others by
// identity.
func changesFrom(prev, docs []*Doc, added func(*Doc) bool) changes {
	if prev == nil {
		c := changes{fresh: make([]int, len(docs))}
		for ord := range c.fresh {
			c.fresh[ord] = ord
		}
		return c
	}
	if c, ok := walk(prev, docs, added); ok {
		return c
	}
	return paired(prev, docs)
}

// walk pairs prev and docs in one pass, as long as the Docs docs shares
// with prev keep their order and every other one was added; ok reports
// whether they did.
func walk(prev, docs []*Doc, added func(*Doc) bool) (c changes, ok bool) {
	c = changes{moved: make([]int32, len(prev)), inOrder: true}
	j := 0
	for ord, d := range docs {
		if j < len(prev) && prev[j] == d || !added(d) {
			// d is prev's at j or further on: those before it are gone.
			for ; j < len(prev) && prev[j] != d; j++ {
				c.moved[j] = -1
			}
			if j == len(prev) {
				return changes{}, false
			}
			c.moved[j] = int32(ord)
			j++
			continue
		}
		c.fresh = append(c.fresh, ord)
	}
	for ; j < len(prev); j++ {
		c.moved[j] = -1
	}
	return c, true
}

// paired pairs prev and docs by identity.
func paired(prev, docs []*Doc) changes {
	var c changes
	kept := make([]bool, len(docs))
	ords := make(map[*Doc]int32, len(docs))
	for ord, d := range docs {
		ords[d] = int32(ord)
	}
	c.moved = make([]int32, len(prev))
	c.inOrder = true
	last := int32(-1)
	for old, d := range prev {
		to, ok := ords[d]
		if !ok {
			c.moved[old] = -1
			continue
		}
		c.moved[old], kept[to] = to, true
		c.inOrder = c.inOrder && to > last
		last = to
	}
	for ord := range docs {
		if !kept[ord] {
			c.fresh = append(c.fresh, ord)
		}
	}
	return c
}

// posting is one profile of a posting list, decoded.
type posting struct {
	ord          int32
	mask, weight uint8
}

// refreshPostings returns the postings of docs from prev's, which ch maps
// onto docs in order: each list moved to the new ordinals, with the
// postings of the fresh profiles merged in.
func refreshPostings(w *words, docs []*textDoc, prev []postings, ch changes) []postings {
	added := make([][]posting, len(w.lexemes))
	pr := newPoster(w)
	for _, ord := range ch.fresh {
		pr.each(docs[ord], func(l uint32, mask, weight uint8) {
			added[l] = append(added[l], posting{int32(ord), mask, weight})
		})
	}
	post := make([]postings, len(w.lexemes))
	for l := range post {
		var old postings
		if l < len(prev) {
			old = prev[l]
		}
		post[l] = old.moved(ch.moved, added[l])
	}
	return post
}

// moved returns p with each profile at its new ordinal (moved, by old
// ordinal; -1 drops it) and added (ascending) merged in. The new ordinals
// must keep the old ones' order. It decodes the gaps itself, as the loops
// of a search do (orInto says why).
func (p *postings) moved(moved []int32, added []posting) postings {
	n := len(p.masks) + len(added)
	out := postings{gaps: make([]byte, 0, len(p.gaps)+len(added)), masks: make([]byte, 0, n), weights: make([]byte, 0, n)}
	last := int32(-1)
	put := func(e posting) {
		out.gaps = binary.AppendUvarint(out.gaps, uint64(e.ord-last))
		out.masks = append(out.masks, e.mask)
		out.weights = append(out.weights, e.weight)
		last = e.ord
	}
	ord, off := -1, 0
	for i, mask := range p.masks {
		if g := p.gaps[off]; g < 0x80 {
			ord += int(g)
			off++
		} else {
			gap, n := binary.Uvarint(p.gaps[off:])
			ord += int(gap)
			off += n
		}
		to := moved[ord]
		if to < 0 {
			continue
		}
		for len(added) > 0 && added[0].ord < to {
			put(added[0])
			added = added[1:]
		}
		put(posting{to, mask, p.weights[i]})
	}
	for _, e := range added {
		put(e)
	}
	out.gaps = slices.Clip(out.gaps)
	return out
}
