package searchindex

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

// blockHead sums up the postings of one lexeme within one block.
type blockHead struct {
	off, at uint32 // where the block's first posting starts: in gaps, in masks
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

// dense reports whether the index keeps a summary of a posting list of n
// postings over docs profiles: one that holds a sixteenth of them or more.
// A bitmap then costs at most two bytes a posting; other lists are summed
// up when a query needs them.
func dense(n, docs int) bool { return n >= docs/16 && n > 0 }

// summaries are the summaries built per query, recycled.
var summaries sync.Pool

// newSummary returns an empty summary over n profiles: s cleared, or a
// new one when s is nil or short.
func newSummary(n int, s *summary) *summary {
	words, blocks := (n+63)/64, (n+blockSize-1)/blockSize
	if s == nil || cap(s.bits) < words || cap(s.heads) < blocks {
		return &summary{bits: make([]uint64, words), heads: make([]blockHead, blocks)}
	}
	s.bits, s.heads = s.bits[:words], s.heads[:blocks]
	clear(s.bits)
	clear(s.heads)
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

// addBlock adds, as addTo does with often set, the postings of block b to
// acc, which holds the block's profiles from its first.
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
func (ix *Index) byBlocks(terms []term) bool {
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
func (ix *Index) rankWords(top *topK, lexemes []uint32) int {
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
			total += bits.OnesCount64(u)
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
func (ix *Index) rankPhrase(top *topK, t term, filter uint8) int {
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
	marks := [][]int32{ph.titleParts(marked, filter, crossing)}
	for _, p := range sparse {
		marks = append(marks, p.ords)
	}
	reuse, _ := summaries.Get().(*summary)
	extra := newSummary(n, reuse)
	defer summaries.Put(extra)
	// Each block's head keeps in maxW where its marked profiles hold the
	// phrase, together.
	for _, ords := range marks {
		for _, ord := range ords {
			extra.bits[ord>>6] |= uint64(min(marked[ord], 1)) << (ord & 63)
			extra.heads[ord>>blockShift].maxW |= marked[ord]
		}
	}
	block := getBuf(blockSize)
	defer putBuf(block)
	total := 0
	for b := range (n + blockSize - 1) / blockSize {
		lo, hi := b*blockSize/64, min((b+1)*blockSize/64, len(extra.bits))
		for w := lo; w < hi; w++ {
			u := extra.bits[w]
			for _, p := range dense {
				u |= p.sum.bits[w]
			}
			total += bits.OnesCount64(u)
		}
		can := extra.heads[b].maxW
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
		for i, where := range here {
			if where != 0 {
				top.push(hit{key: phraseKey(where), ord: int32(base + i), where: where})
			}
		}
	}
	return total
}
