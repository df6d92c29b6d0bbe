package search

import (
	"context"
	"encoding/binary"
	"math"
	"slices"
	"sync"

	"github.com/karir/karir/internal/profile"
)

// maskWeight is the sum of the weights10 of each byte's bits.
var maskWeight = func() (out [128]int) {
	for m := range out {
		for b, w := range weights10 {
			if m&(1<<b) != 0 {
				out[m] += w
			}
		}
	}
	return out
}()

// bufs are per-request arrays of one byte per profile.
var bufs sync.Pool

func getBuf(n int) []uint8 {
	b, ok := bufs.Get().(*[]uint8)
	if !ok {
		return make([]uint8, n)
	}
	return cleared(*b, n)
}

func putBuf(b []uint8) { bufs.Put(&b) }

// orInto sets in m, for each profile holding the lexeme, where it does
// within filter, and adds to weights (when not nil) how often.
//
// Each loop over postings decodes the gaps itself, the one-byte case
// inline: a helper returning the next ordinal costs the Go compiler more
// than its inlining budget (91 against 80), and would put a call per
// posting into the hottest loops of a search.
func (p *postings) orInto(m []uint8, filter uint8, weights []uint8) {
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
		m[ord] |= mask & filter
		if weights != nil {
			weights[ord] = uint8(min(int(weights[ord])+int(p.weights[i]), 255))
		}
	}
}

// hit is a profile that matched, by ordinal, with its score's key: 2 bits
// (every unit matched, the title matched) above F, the weighted
// occurrences, so that keys order as scores do; and where units matched.
type hit struct {
	key   uint32
	ord   int32
	where uint8
}

const (
	allKey   = 1 << 31
	titleKey = 1 << 30
)

// before orders hits: higher score first, then the catalogue's order.
func (h hit) before(o hit) bool { return h.key > o.key || h.key == o.key && h.ord < o.ord }

// rank is h's place in that order as one number, higher first; never 0,
// for an ordinal is below 1<<31.
func (h hit) rank() uint64 { return uint64(h.key)<<32 | uint64(^uint32(h.ord)) }

// score is the score of key, rounded to 4 decimals: 2 when every unit
// matched, 1 when the title did, and F/(F+10) in [0, 1).
func (h hit) score() float64 {
	f := float64(h.key &^ (allKey | titleKey))
	score := f / (f + 10)
	if h.key&allKey != 0 {
		score += 2
	}
	if h.key&titleKey != 0 {
		score++
	}
	return math.Round(score*1e4) / 1e4
}

// ranked is what one tier of an index found for a query: its best hits,
// best first, and how many of its profiles matched.
type ranked struct {
	ix    *textIndex
	hits  []hit
	total int
	pos   []term // the positive terms, as the tier's vocabulary reads them
	mc    *matchCheck
}

// rank finds the k best profiles of ix for the query parsed, asked by q.
func (ix *textIndex) rank(ctx context.Context, q profile.SearchQuery, parsed query, k int) (ranked, error) {
	r := ranked{ix: ix}
	terms, err := ix.compile(ctx, parsed)
	if err != nil {
		return r, err
	}
	filter := uint8(allBits)
	if q.Section != "" {
		filter = sectionBit(slices.Index(profile.SectionKeys(), q.Section))
	}
	for _, t := range terms {
		if !t.neg {
			r.pos = append(r.pos, t)
		}
	}
	if len(r.pos) == 0 {
		return r, nil
	}
	top := newRanking(k)
	switch pos := r.pos; {
	case filter == allBits && ix.byBlocks(terms):
		lexemes := make([]uint32, len(pos))
		for i, t := range pos {
			lexemes[i] = t.positions[0].lexemes[0]
		}
		r.total = ix.rankWords(top, lexemes)
	case len(terms) == 1 && pos[0].single():
		// One word of one lexeme: its postings alone.
		r.total = ix.post[pos[0].positions[0].lexemes[0]].rank(top, filter, ix.gone)
	case len(terms) == 1 && len(pos[0].positions) > 1 && ix.sectionDocs != nil:
		r.total = ix.rankPhrase(top, pos[0], filter)
	case len(terms) == 1:
		m, w := ix.match(pos[0], filter, filter == allBits)
		clearGone(ix.gone, m, 0)
		r.total = rankOne(top, m, w)
		putBuf(m)
		if w != nil {
			putBuf(w)
		}
	default:
		r.total = ix.rankTerms(top, terms, filter)
	}
	r.hits = top.sorted()
	return r, nil
}

// item is the page's entry of the hit h of r, with the sentences that
// matched.
func (r *ranked) item(h hit) profile.SearchHit {
	if r.mc == nil {
		lexemes := map[uint32]bool{}
		for _, t := range r.pos {
			for _, p := range t.positions {
				for _, l := range p.lexemes {
					lexemes[l] = true
				}
			}
		}
		// Sentences are chosen by the first 64 units: a query of 200
		// characters seldom has more.
		r.mc = newMatchCheck(r.ix, r.pos[:min(len(r.pos), 64)], lexemes)
	}
	d := r.ix.docs[h.ord]
	return profile.SearchHit{Slug: d.slug, Title: d.title, Score: h.score(), Matches: r.mc.matches(d, h.where)}
}

// rank pushes each profile holding the lexeme within filter, and not
// gone, into top and returns how many do.
func (p *postings) rank(top *ranking, filter uint8, g gone) int {
	total, ord, off := 0, -1, 0
	for i, mask := range p.masks {
		if g := p.gaps[off]; g < 0x80 {
			ord += int(g)
			off++
		} else {
			gap, n := binary.Uvarint(p.gaps[off:])
			ord += int(gap)
			off += n
		}
		b := mask & filter
		if b == 0 || g.has(ord) {
			continue
		}
		total++
		key := uint32(allKey)
		if filter == allBits {
			key += uint32(p.weights[i])
		} else {
			key += uint32(maskWeight[b])
		}
		if b&titleBit != 0 {
			key |= titleKey
		}
		top.push(hit{key: key, ord: int32(ord), where: b})
	}
	return total
}

// rankOne pushes each profile where the one unit of a query matched (m
// and w as match returns them) into top and returns how many did.
func rankOne(top *ranking, m, w []uint8) int {
	total := 0
	for ord, b := range m {
		if b == 0 {
			continue
		}
		total++
		key := uint32(allKey) + uint32(maskWeight[b])
		if w != nil {
			key = allKey + uint32(w[ord])
		}
		if b&titleBit != 0 {
			key |= titleKey
		}
		top.push(hit{key: key, ord: int32(ord), where: b})
	}
	return total
}

// An accumulator holds, per profile, what the units found: where (the
// low 7 bits), whether an excluded unit matched (bit 7), how many positive
// units matched (from bit 8) and F, the weighted occurrences (from bit 16).
// Fields are apart, so a unit's posting adds to it in one step.
const (
	accWhere    = 1<<7 - 1
	accExcluded = 1 << 7
	accUnit     = 1 << 8
	accUnits    = 0xff << 8
	accF        = 16
)

// accs are per-request accumulators, one word per profile.
var accs sync.Pool

func getAcc(n int) []uint32 {
	b, ok := accs.Get().(*[]uint32)
	if !ok {
		return make([]uint32, n)
	}
	return cleared(*b, n)
}

// addTo adds, for each profile holding the lexeme within filter, one unit,
// where and how often (when often, else where's weight) to acc.
func (p *postings) addTo(acc []uint32, filter uint8, often bool) {
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
		b := mask & filter
		if b == 0 {
			continue
		}
		w := uint32(maskWeight[b])
		if often {
			w = uint32(p.weights[i])
		}
		acc[ord] = (acc[ord] | uint32(b)) + accUnit + w<<accF
	}
}

// rankTerms pushes every profile that matched a positive term and no
// excluded one into top, and returns how many did.
func (ix *textIndex) rankTerms(top *ranking, terms []term, filter uint8) int {
	acc := getAcc(len(ix.docs))
	defer accs.Put(&acc)
	units := uint32(0)
	often := filter == allBits
	for _, t := range terms {
		switch {
		case t.neg:
			// Excluded words are looked for in the whole profile.
			m, _ := ix.match(t, allBits, false)
			for ord, b := range m {
				if b != 0 {
					acc[ord] |= accExcluded
				}
			}
			putBuf(m)
		case t.single():
			units++
			ix.post[t.positions[0].lexemes[0]].addTo(acc, filter, often)
		default:
			units++
			m, w := ix.match(t, filter, often)
			for ord, b := range m {
				if b == 0 {
					continue
				}
				f := uint32(maskWeight[b])
				if w != nil {
					f = uint32(w[ord])
				}
				acc[ord] = (acc[ord] | uint32(b)) + accUnit + f<<accF
			}
			putBuf(m)
			if w != nil {
				putBuf(w)
			}
		}
	}
	clearGone(ix.gone, acc, 0)
	total := 0
	for ord, a := range acc {
		if a&accUnits == 0 || a&accExcluded != 0 {
			continue
		}
		total++
		top.push(accHit(a, units, ord))
	}
	return total
}

// accHit is the hit of the profile ord whose accumulator is a, of a query
// of units positive units.
func accHit(a, units uint32, ord int) hit {
	key := a >> accF
	if (a&accUnits)/accUnit == units {
		key |= allKey
	}
	if a&titleBit != 0 {
		key |= titleKey
	}
	return hit{key: key, ord: int32(ord), where: uint8(a & accWhere)}
}

// match returns, for each profile, where t occurs within filter and, when
// asked and t is a single word, how often: a byte per profile each, from a
// pool (putBuf them).
func (ix *textIndex) match(t term, filter uint8, often bool) (m, weights []uint8) {
	m = getBuf(len(ix.docs))
	if len(t.positions) == 1 {
		if often {
			weights = getBuf(len(ix.docs))
		}
		for _, l := range t.positions[0].lexemes {
			ix.post[l].orInto(m, filter, weights)
		}
		return m, weights
	}
	if ix.sectionDocs != nil {
		return ix.phraseBySection(t, filter), nil
	}
	// A phrase: the profiles holding all its words in the same places
	// (the title too, whatever the filter: the title holds them all when
	// the phrase runs within it), then a check that they follow one
	// another there. The last word's postings stream through the check.
	gather := filter | titleBit
	last := len(t.positions) - 1
	for i, p := range t.positions[:last] {
		if p.any {
			continue
		}
		into := m
		if i > 0 {
			into = getBuf(len(ix.docs))
		}
		for _, l := range p.lexemes {
			ix.post[l].orInto(into, gather, nil)
		}
		if i > 0 {
			for ord, b := range into {
				m[ord] &= b
			}
			putBuf(into)
		}
	}
	ph := newPhraseCheck(ix, t)
	defer ph.release()
	out := getBuf(len(ix.docs))
	if lexemes := t.positions[last].lexemes; len(lexemes) == 1 {
		p := &ix.post[lexemes[0]]
		ord, off := -1, 0
		for _, mask := range p.masks {
			if g := p.gaps[off]; g < 0x80 {
				ord += int(g)
				off++
			} else {
				gap, n := binary.Uvarint(p.gaps[off:])
				ord += int(gap)
				off += n
			}
			if b := m[ord] & mask & gather; b != 0 {
				out[ord] = ph.quick(ord, b) & filter
			}
		}
	} else {
		into := getBuf(len(ix.docs))
		for _, l := range lexemes {
			ix.post[l].orInto(into, gather, nil)
		}
		for ord, b := range into {
			if b &= m[ord]; b != 0 {
				out[ord] = ph.quick(ord, b) & filter
			}
		}
		putBuf(into)
	}
	putBuf(m)
	return out, nil
}
