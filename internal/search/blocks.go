package search

import (
	"encoding/binary"
	"math/bits"
	"sync"
)

// A query of words found anywhere in a profile ranks by blocks of
// ordinals: each word's posting list is summed up per block (how many
// postings, the highest weight, whether a title holds the word, where its
// postings start), and a bitmap of the profiles holding it counts the
// profiles matching any word without reading a posting. A block is only
// read when its best possible key beats the worst hit kept, which, once
// the page is full, leaves most blocks of a common word unread.
const (
	blockShift = 8
	blockSize  = 1 << blockShift
)

// blockHead sums up one block of a list: the postings of a lexeme, or the
// profiles holding a stored section in one place (at and count only).
type blockHead struct {
	off, at uint32 // where the block's first entry starts: in gaps, in masks (or ords)
	prev    int32  // the ordinal of the posting before it, or -1
	count   uint16
	maxW    uint8
	title   bool
}

// summary is a posting list by blocks. The loops below decode the gaps
// themselves, as orInto says why.
type summary struct {
	bits  []uint64
	heads []blockHead
}

// summed reports whether the index keeps a summary of a list of n
// postings over docs profiles: one that holds a sixteenth of them or more.
// A bitmap then costs at most two bytes a posting; other lists are summed
// up when a query needs them.
func summed(n, docs int) bool { return n >= docs/16 && n > 0 }

// summaries are the summaries built per query, recycled.
var summaries sync.Pool

// newSummary returns an empty summary over n profiles: s cleared, or a
// new one when s is nil or short.
func newSummary(n int, s *summary) *summary {
	if s == nil {
		s = &summary{}
	}
	s.bits, s.heads = cleared(s.bits, (n+63)/64), cleared(s.heads, (n+blockSize-1)/blockSize)
	return s
}

// cleared returns s resliced to n zero elements, or a new slice when s is
// too short.
func cleared[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// summarise sums up p by blocks over n profiles into s, which it returns,
// as newSummary allocates it.
func (p *postings) summarise(n int, s *summary) *summary {
	s = newSummary(n, s)
	ord, off := -1, 0
	for i, mask := range p.masks {
		prev, at := ord, off
		if g := p.gaps[off]; g < 0x80 {
			ord += int(g)
			off++
		} else {
			gap, n := binary.Uvarint(p.gaps[off:])
			ord += int(gap)
			off += n
		}
		s.bits[ord>>6] |= 1 << (ord & 63)
		h := &s.heads[ord>>blockShift]
		if h.count == 0 {
			h.off, h.at, h.prev = uint32(at), uint32(i), int32(prev)
		}
		h.count++
		h.maxW = max(h.maxW, p.weights[i])
		h.title = h.title || mask&titleBit != 0
	}
	return s
}

// addBlock adds, as addTo does with often set, the postings of the block
// that h sums up to acc, which holds the block's profiles from its first.
func (p *postings) addBlock(h *blockHead, base int, acc []uint32) {
	ord, off, i := int(h.prev), int(h.off), int(h.at)
	for range h.count {
		if g := p.gaps[off]; g < 0x80 {
			ord += int(g)
			off++
		} else {
			gap, n := binary.Uvarint(p.gaps[off:])
			ord += int(gap)
			off += n
		}
		acc[ord-base] = (acc[ord-base] | uint32(p.masks[i])) + accUnit + uint32(p.weights[i])<<accF
		i++
	}
}

// byBlocks reports whether terms are ranked by blocks, found anywhere:
// when they are single words, one of them common enough to be summed up.
// Rare words alone are cheaper to read whole.
func (ix *textIndex) byBlocks(terms []term) bool {
	common := false
	for _, t := range terms {
		if t.neg || !t.single() {
			return false
		}
		common = common || ix.summaries[t.positions[0].lexemes[0]] != nil
	}
	return common
}

// rankWords pushes every profile holding one of lexemes, anywhere, into
// top, ranked as rankTerms ranks single words, and returns how many do.
func (ix *textIndex) rankWords(top *ranking, lexemes []uint32) int {
	n := len(ix.docs)
	sums := make([]*summary, len(lexemes))
	for i, l := range lexemes {
		if sums[i] = ix.summaries[l]; sums[i] == nil {
			s, _ := summaries.Get().(*summary)
			sums[i] = ix.post[l].summarise(n, s)
			defer summaries.Put(sums[i])
		}
	}
	acc := getAcc(blockSize)
	defer accs.Put(&acc)
	units := uint32(len(lexemes))
	total := 0
	for b := range (n + blockSize - 1) / blockSize {
		lo, hi := b*blockSize/64, min((b+1)*blockSize/64, len(sums[0].bits))
		for w := lo; w < hi; w++ {
			var u uint64
			for _, s := range sums {
				u |= s.bits[w]
			}
			total += bits.OnesCount64(u &^ ix.gone.word(w))
		}
		present, best := uint32(0), uint32(0)
		for _, s := range sums {
			if h := &s.heads[b]; h.count > 0 {
				present++
				best += uint32(h.maxW)
				if h.title {
					best |= titleKey
				}
			}
		}
		if present == units {
			best |= allKey
		}
		if present == 0 || !top.admits(best) {
			continue
		}
		base := b << blockShift
		block := acc[:min(blockSize, n-base)]
		clear(block)
		for i, s := range sums {
			if h := &s.heads[b]; h.count > 0 {
				ix.post[lexemes[i]].addBlock(h, base, block)
			}
		}
		clearGone(ix.gone, block, base)
		for i, a := range block {
			if a != 0 {
				top.push(accHit(a, units, base+i))
			}
		}
	}
	return total
}

// summariseOrds sums up ords, ascending, by blocks over n profiles; each
// block's head says where its ordinals start in ords and how many.
func summariseOrds(ords []int32, n int) *summary {
	s := newSummary(n, nil)
	for i, ord := range ords {
		s.bits[ord>>6] |= 1 << (ord & 63)
		h := &s.heads[ord>>blockShift]
		if h.count == 0 {
			h.at = uint32(i)
		}
		h.count++
	}
	return s
}

// phraseKey is the key of a hit of one phrase found where b says.
func phraseKey(b uint8) uint32 {
	key := uint32(allKey) | uint32(maskWeight[b])
	if b&titleBit != 0 {
		key |= titleKey
	}
	return key
}

// rankPhrase pushes every profile holding the phrase t within filter into
// top, ranked as rankOne ranks where match finds it, and returns how many
// do. It needs sectionDocs. The dense places of the stored sections that
// hold the phrase rank by blocks; the rest, and the profiles whose titles
// take part, are marked in a byte per profile, summed up too.
func (ix *textIndex) rankPhrase(top *ranking, t term, filter uint8) int {
	n := len(ix.docs)
	ph := newPhraseCheck(ix, t)
	defer ph.release()
	marked := getBuf(n)
	defer putBuf(marked)
	var dense, sparse []*placed
	crossing := ph.plainPlaces(filter, func(p *placed) {
		if p.sum != nil {
			dense = append(dense, p)
			return
		}
		for _, ord := range p.ords {
			marked[ord] |= p.bit
		}
		sparse = append(sparse, p)
	})
	byOne := newMarks(n)
	defer marksPool.Put(byOne)
	byOne.add(marked, ph.titleParts(marked, filter, crossing))
	for _, p := range sparse {
		byOne.add(marked, p.ords)
	}
	block := getBuf(blockSize)
	defer putBuf(block)
	total := 0
	for b := range (n + blockSize - 1) / blockSize {
		lo, hi := b*blockSize/64, min((b+1)*blockSize/64, len(byOne.bits))
		for w := lo; w < hi; w++ {
			u := byOne.bits[w]
			for _, p := range dense {
				u |= p.sum.bits[w]
			}
			total += bits.OnesCount64(u &^ ix.gone.word(w))
		}
		can := byOne.where[b]
		for _, p := range dense {
			if p.sum.heads[b].count > 0 {
				can |= p.bit
			}
		}
		if can == 0 || !top.admits(phraseKey(can)) {
			continue
		}
		base := b << blockShift
		here := block[:copy(block, marked[base:min(base+blockSize, n)])]
		for _, p := range dense {
			h := &p.sum.heads[b]
			for _, ord := range p.ords[h.at : h.at+uint32(h.count)] {
				here[int(ord)-base] |= p.bit
			}
		}
		clearGone(ix.gone, here, base)
		for i, where := range here {
			if where != 0 {
				top.push(hit{key: phraseKey(where), ord: int32(base + i), where: where})
			}
		}
	}
	return total
}

// marks are the profiles a phrase marks one by one, as a bitmap, and by
// block where they hold it, together.
type marks struct {
	bits  []uint64
	where []uint8
}

// marksPool recycles the marks of queries.
var marksPool sync.Pool

// newMarks returns empty marks over n profiles, recycled when it can.
func newMarks(n int) *marks {
	m, _ := marksPool.Get().(*marks)
	if m == nil {
		m = &marks{}
	}
	m.bits, m.where = cleared(m.bits, (n+63)/64), cleared(m.where, (n+blockSize-1)/blockSize)
	return m
}

// add records the profiles of ords that marked marks.
func (m *marks) add(marked []uint8, ords []int32) {
	for _, ord := range ords {
		if where := marked[ord]; where != 0 {
			m.bits[ord>>6] |= 1 << (ord & 63)
			m.where[ord>>blockShift] |= where
		}
	}
}
