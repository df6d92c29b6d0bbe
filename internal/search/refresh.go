package search

import (
	"encoding/binary"
	"slices"
)

// A rebuild after a change notification starts from the index before it:
// most profiles are the same (the same *doc), and only their ordinals
// move, as profiles come and go around them. Their postings are moved to
// the new ordinals rather than worked out again, and only the profiles
// new to the index are posted and merged in.

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

func changesFrom(prev *Index, docs []*doc) changes {
	var c changes
	kept := make([]bool, len(docs))
	if prev != nil {
		ords := make(map[*doc]int32, len(docs))
		for ord, d := range docs {
			ords[d] = int32(ord)
		}
		c.moved = make([]int32, len(prev.docs))
		c.inOrder = true
		last := int32(-1)
		for old, d := range prev.docs {
			to, ok := ords[d]
			if !ok {
				c.moved[old] = -1
				continue
			}
			c.moved[old], kept[to] = to, true
			c.inOrder = c.inOrder && to > last
			last = to
		}
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
func refreshPostings(w *words, docs []*doc, prev []postings, ch changes) []postings {
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
