package search

import (
	"encoding/binary"
	"slices"
)

// Bits of a posting's byte: the title, then the sections in
// profile.SectionKeys order.
const (
	titleBit = 1
	allBits  = 1<<7 - 1
)

func sectionBit(i int) uint8 { return 1 << (i + 1) }

// postings are the profiles holding a lexeme, by ordinal: the gaps between
// ordinals as uvarints, and for each profile a byte of where (the bits)
// and a byte of how often: the occurrences weighted by where they stand,
// in tenths (weights10), at most 255.
type postings struct {
	gaps    []byte
	masks   []byte
	weights []byte
}

// weights10 are the weights of the bits of a posting's byte in tenths:
// the title, tasks, fit, non_fit, misconceptions, expectations,
// comparisons.
var weights10 = [7]int{10, 4, 2, 2, 1, 1, 1}

// count is how often a lexeme occurs in a stored section.
type count struct {
	lexeme uint32
	n      int
}

// buildPostings lists, for every lexeme, the profiles holding it in
// ordinal order with where and how often.
func buildPostings(w *words, docs []*textDoc) []postings {
	post := make([]postings, len(w.lexemes))
	last := make([]int, len(w.lexemes))
	pr := newPoster(w)
	for ord, d := range docs {
		pr.each(d, func(l uint32, mask, weight uint8) {
			p := &post[l]
			p.gaps = binary.AppendUvarint(p.gaps, uint64(ord+1-last[l]))
			p.masks = append(p.masks, mask)
			p.weights = append(p.weights, weight)
			last[l] = ord + 1
		})
	}
	for i := range post {
		post[i].gaps = slices.Clip(post[i].gaps)
		post[i].masks = slices.Clip(post[i].masks)
		post[i].weights = slices.Clip(post[i].weights)
	}
	return post
}

// poster works out the postings of profiles: for each lexeme a profile
// holds, where and how often. What a stored section holds is counted once.
type poster struct {
	w          *words
	secCounts  [][]count // by stored section, once counted
	titleMarks []int     // by stored section: its mentions of the title
	mask       []uint8   // by lexeme, for the profile at hand
	weight     []int
	touched    []uint32
}

func newPoster(w *words) *poster {
	return &poster{
		w: w, secCounts: make([][]count, len(w.secs)), titleMarks: make([]int, len(w.secs)),
		mask: make([]uint8, len(w.lexemes)), weight: make([]int, len(w.lexemes)),
	}
}

func (pr *poster) mark(l uint32, bit uint8, n int) {
	if pr.mask[l] == 0 {
		pr.touched = append(pr.touched, l)
	}
	pr.mask[l] |= bit
	pr.weight[l] += n
}

// each calls fn with every lexeme d holds, where (the bits) and how often
// (weighted, at most 255).
func (pr *poster) each(d *textDoc, fn func(l uint32, mask, weight uint8)) {
	w := pr.w
	w.eachLexeme(d.titleChunks, nil, func(l uint32) { pr.mark(l, titleBit, weights10[0]) })
	for i, id := range d.sections {
		if pr.secCounts[id] == nil {
			pr.secCounts[id], pr.titleMarks[id] = w.sectionCounts(id)
		}
		bit, w10 := sectionBit(i), weights10[i+1]
		for _, c := range pr.secCounts[id] {
			pr.mark(c.lexeme, bit, c.n*w10)
		}
		if n := pr.titleMarks[id]; n > 0 {
			w.eachLexeme(d.titleChunks, nil, func(l uint32) { pr.mark(l, bit, n*w10) })
		}
	}
	for _, l := range pr.touched {
		fn(l, pr.mask[l], uint8(min(pr.weight[l], 255)))
		pr.mask[l], pr.weight[l] = 0, 0
	}
	pr.touched = pr.touched[:0]
}

// titleLists returns the profiles whose titles hold each lexeme, and
// those whose titles have no position; from prev's (nil without one),
// which ch maps onto docs.
func titleLists(w *words, docs []*textDoc, prev *textIndex, ch changes) (post holders, bare []int32) {
	keep, ords := ch.reading(prev != nil, len(docs))
	var kept holders
	if keep {
		kept = prev.titlePost
	}
	var fresh held
	var lexemes []uint32
	for _, ord := range ords {
		lexemes = lexemes[:0]
		w.eachLexeme(docs[ord].titleChunks, nil, func(l uint32) { lexemes = append(lexemes, l) })
		slices.Sort(lexemes)
		fresh.add(int32(ord), slices.Compact(lexemes)...)
	}
	for ord, d := range docs {
		if len(w.sequence(nil, d.titleChunks, nil)) == 0 {
			bare = append(bare, int32(ord))
		}
	}
	return kept.refreshed(ch.moved, &fresh), bare
}
