package search

import (
	"context"
	"encoding/binary"
	"html"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/karir/karir/internal/profile"
)

// cacheSize bounds each cache: analysed query words, corrections, similar
// titles.
const cacheSize = 4096

// Analysis is what the indexes of one model share: the analyzer and the
// analysis of query words that no text holds, which does not depend on the
// catalogue.
type Analysis struct {
	an    profile.TextAnalyzer
	words *lru[string, [][]string]
}

// NewAnalysis returns the shared state of indexes that read words with an.
func NewAnalysis(an profile.TextAnalyzer) *Analysis {
	return &Analysis{an: an, words: newLRU[string, [][]string](cacheSize)}
}

// Index is the search index of one snapshot of the catalogue. It is
// immutable and safe for concurrent use.
type Index struct {
	analysis *Analysis
	words    *words
	docs     []*doc // by ordinal: the catalogue's (title, slug) order
	// sections are the docs' sections side by side, for phrase checks
	// that go through every candidate.
	sections [][6]uint32
	// titleEnds are each title's first and last words and how many it
	// has, side by side: phrase checks read them for many profiles.
	titleEnds [][3]uint32
	// sectionDocs lists, when stored sections are few against the
	// profiles (recombined texts), the profiles holding each, by the
	// section they hold it in.
	sectionDocs [][]placed
	post        []postings
	// summaries are the dense posting lists by blocks, by lexeme; nil for
	// the others.
	summaries []*summary
	// titlePost lists, per lexeme, the profiles whose titles hold it;
	// bareTitles the profiles whose titles PostgreSQL reads no word of.
	titlePost  [][]int32
	bareTitles []int32
	stems      map[uint32][]uint32 // lexeme → the lexemes of its stem group
	// titles and terms serve autocomplete: each title folded, and each
	// folded title from its second word on, sorted.
	titles, terms []titleEntry
	// Spelling corrections and similar titles depend on the catalogue:
	// the caches go with the index.
	corrections *lru[string, string]
	similar     *lru[string, []profile.Suggestion]
}

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

// Search implements profile.SearchService's Search.
func (ix *Index) Search(ctx context.Context, q profile.SearchQuery) (profile.SearchResult, error) {
	if err := q.Validate(); err != nil {
		return profile.SearchResult{}, err
	}
	parsed := parseQuery(q.Text)
	res, err := ix.search(ctx, q, parsed)
	if err != nil || res.Total > 0 {
		return res, err
	}
	corrected, changed, err := ix.correct(ctx, parsed)
	if err != nil || !changed {
		return res, err
	}
	res, err = ix.search(ctx, q, corrected)
	res.Fuzzy = res.Total > 0
	return res, err
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

func (ix *Index) search(ctx context.Context, q profile.SearchQuery, parsed query) (profile.SearchResult, error) {
	res := profile.SearchResult{Items: []profile.SearchHit{}}
	terms, err := ix.compile(ctx, parsed)
	if err != nil {
		return res, err
	}
	filter := uint8(allBits)
	if q.Section != "" {
		filter = sectionBit(slices.Index(profile.SectionKeys(), q.Section))
	}
	var pos []term
	for _, t := range terms {
		if !t.neg {
			pos = append(pos, t)
		}
	}
	if len(pos) == 0 {
		return res, nil
	}
	top := topK{k: q.Offset + q.Limit}
	switch {
	case filter == allBits && ix.byBlocks(terms):
		lexemes := make([]uint32, len(pos))
		for i, t := range pos {
			lexemes[i] = t.positions[0].lexemes[0]
		}
		res.Total = ix.rankWords(&top, lexemes)
	case len(terms) == 1 && pos[0].single():
		// One word of one lexeme: its postings alone.
		res.Total = ix.post[pos[0].positions[0].lexemes[0]].rank(&top, filter)
	case len(terms) == 1 && len(pos[0].positions) > 1 && ix.sectionDocs != nil:
		res.Total = ix.rankPhrase(&top, pos[0], filter)
	case len(terms) == 1:
		m, w := ix.match(pos[0], filter, filter == allBits)
		res.Total = rankOne(&top, m, w)
		putBuf(m)
		if w != nil {
			putBuf(w)
		}
	default:
		res.Total = ix.rankTerms(&top, terms, filter)
	}
	hits := top.sorted()
	if q.Offset >= len(hits) {
		return res, nil
	}
	lexemes := map[uint32]bool{}
	for _, t := range pos {
		for _, p := range t.positions {
			for _, l := range p.lexemes {
				lexemes[l] = true
			}
		}
	}
	// Sentences are chosen by the first 64 units: a query of 200
	// characters seldom has more.
	mc := newMatchCheck(ix, pos[:min(len(pos), 64)], lexemes)
	for _, h := range hits[q.Offset:] {
		d := ix.docs[h.ord]
		res.Items = append(res.Items, profile.SearchHit{
			Slug: d.slug, Title: d.title, Score: h.score(), Matches: mc.matches(d, h.where),
		})
	}
	return res, nil
}

// rank pushes each profile holding the lexeme within filter into top and
// returns how many do.
func (p *postings) rank(top *topK, filter uint8) int {
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
		if b == 0 {
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
func rankOne(top *topK, m, w []uint8) int {
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
func (ix *Index) rankTerms(top *topK, terms []term, filter uint8) int {
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
func (ix *Index) match(t term, filter uint8, often bool) (m, weights []uint8) {
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

// phraseBySection finds where the phrase t occurs, within filter, from
// the stored sections, when they are few against the profiles: each is
// checked once, and the profiles holding those that hold the phrase are
// marked. Then the profiles whose titles may take part read them.
func (ix *Index) phraseBySection(t term, filter uint8) []uint8 {
	out := getBuf(len(ix.docs))
	ph := newPhraseCheck(ix, t)
	defer ph.release()
	crossing := ph.plainPlaces(filter, func(p *placed) {
		for _, ord := range p.ords {
			out[ord] |= p.bit
		}
	})
	ph.titleParts(out, filter, crossing)
	return out
}

// plainPlaces calls mark with each place, within filter, of the stored
// sections that hold the phrase with the title read as a word nothing
// matches. It reports whether the phrase may run into or out of a mention
// of the title in a stored section.
func (ph *phraseCheck) plainPlaces(filter uint8, mark func(*placed)) (crossing bool) {
	for id, places := range ph.ix.sectionDocs {
		m := ph.section(uint32(id))
		crossing = crossing || ph.ix.words.secs[id].titled && ph.mayCross(m)
		if !m.plain {
			continue
		}
		for i := range places {
			if filter&places[i].bit != 0 {
				mark(&places[i])
			}
		}
	}
	return crossing
}

// titleParts sets in out where the phrase occurs, within filter, in the
// profiles whose titles may take part, and returns those profiles. A
// title can only take part where it holds the whole phrase, or, when
// crossing, where a section mentions it next to words the phrase runs into
// or out of it with. out already holds some of the sections known to hold
// the phrase.
func (ph *phraseCheck) titleParts(out []uint8, filter uint8, crossing bool) []int32 {
	whole, byPosition := ph.ix.titleHolders(ph.t)
	for _, ord := range whole {
		out[ord] = ph.where(int(ord), allBits) & filter
	}
	if !crossing {
		return whole
	}
	// A phrase that runs into or out of a title matches a word of it at
	// one of its own words, unless it matches there a stop word of the
	// query, which any word does, or the title has no words PostgreSQL
	// reads. A title met twice is read once more, for nothing.
	if slices.ContainsFunc(ph.t.positions, func(p position) bool { return p.any }) {
		all := make([]int32, len(ph.ix.docs))
		for ord := range all {
			all[ord] = int32(ord)
		}
		byPosition = [][]int32{all}
	}
	sections := filter &^ titleBit
	// whole may be a list of the index: appends must not write into it.
	parts := slices.Clip(whole)
	for _, some := range append(byPosition, ph.ix.bareTitles) {
		for _, ord := range some {
			if ph.mayMeet(int(ord)) {
				out[ord] |= ph.where(int(ord), sections&^out[ord])
				parts = append(parts, ord)
			}
		}
	}
	return parts
}

// titleHolders returns, in ordinal order, the profiles whose titles hold
// a lexeme of every position of the phrase t (whole), and by position
// those whose titles hold one of its lexemes.
func (ix *Index) titleHolders(t term) (whole []int32, byPosition [][]int32) {
	for _, p := range t.positions {
		if p.any {
			continue
		}
		var holders []int32
		for _, l := range p.lexemes {
			holders = union(holders, ix.titlePost[l])
		}
		byPosition = append(byPosition, holders)
	}
	if len(byPosition) == 0 {
		return nil, nil
	}
	whole = byPosition[0]
	for _, holders := range byPosition[1:] {
		whole = intersection(whole, holders)
	}
	return whole, byPosition
}

// union returns the ordinals of a or b, both ascending, in a new slice
// unless one is empty: then the other, which the caller must not change.
func union(a, b []int32) []int32 {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := make([]int32, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			out, a = append(out, a[0]), a[1:]
		case b[0] < a[0]:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// intersection returns the ordinals of both a and b, ascending, in a new
// slice (nil when none).
func intersection(a, b []int32) []int32 {
	var out []int32
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			a = a[1:]
		case b[0] < a[0]:
			b = b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	return out
}

// phraseCheck finds where a phrase occurs in profiles. What a stored
// section holds is worked out once per query: whether the phrase occurs
// in it with the profile's title read as a word nothing matches, and how a
// phrase could run into or out of a mention of the title (a bit k of
// after: the text after a mention starts with the phrase from its k-th
// position; of before: the text before a mention ends with the phrase
// but its last k positions). Each profile then only reads its title.
type phraseCheck struct {
	ix   *Index
	t    term
	memo []secMemo // by stored section
	seq  [][]uint32
	// firsts and lasts are, by word, whether a title that starts (ends)
	// with it may meet the phrase (endMeets): 0 not known yet, then 1 no
	// and 2 yes. Titles share their first and last words.
	firsts, lasts []uint8
}

func newPhraseCheck(ix *Index, t term) *phraseCheck {
	n := len(ix.words.chunks)
	return &phraseCheck{ix: ix, t: t, memo: make([]secMemo, len(ix.words.secs)), firsts: getBuf(n), lasts: getBuf(n)}
}

func (ph *phraseCheck) release() {
	putBuf(ph.firsts)
	putBuf(ph.lasts)
}

type secMemo struct {
	done, plain   bool
	after, before uint32
}

// maxSplit bounds the phrases whose runs across a title the memo tracks;
// longer ones are checked on each profile's own sentences.
const maxSplit = 31

// mayCross reports whether the phrase may run into or out of a mention of
// the title in a section with memo m, if it mentions the title.
func (ph *phraseCheck) mayCross(m *secMemo) bool {
	return m.after|m.before != 0 || len(ph.t.positions) > maxSplit
}

// barrier stands for a mention of the title in a sequence read without
// the title: no query lexeme is titleChunk.
var barrier = []uint32{titleChunk}

func isBarrier(pos []uint32) bool { return len(pos) == 1 && pos[0] == titleChunk }

func (ph *phraseCheck) section(id uint32) *secMemo {
	m := &ph.memo[id]
	if !m.done {
		ph.fill(id, m)
	}
	return m
}

func (ph *phraseCheck) fill(id uint32, m *secMemo) {
	m.done = true
	n := len(ph.t.positions)
	for _, s := range ph.ix.words.secs[id].sentences {
		sent := &ph.ix.words.sents[s]
		ph.seq = ph.ix.words.sequence(ph.seq[:0], sent.chunks, nil)
		m.plain = m.plain || phraseAt(ph.seq, ph.t.positions)
		if !sent.titled || n > maxSplit {
			continue
		}
		for p, pos := range ph.seq {
			if !isBarrier(pos) {
				continue
			}
			for k := 1; k < n; k++ {
				if p+1+n-k <= len(ph.seq) && matchesAt(ph.seq, p+1, ph.t.positions[k:]) {
					m.after |= 1 << k
				}
				if p-(n-k) >= 0 && matchesAt(ph.seq, p-(n-k), ph.t.positions[:n-k]) {
					m.before |= 1 << k
				}
			}
		}
	}
}

// titleCheck is how the phrase meets one profile's title: whether the
// title holds it, and which of its first and last positions the title's
// end and start match (bits k as in secMemo).
type titleCheck struct {
	in         bool
	end, start uint32
	long       bool // the phrase may run over a whole title: check sentences
}

// title reads how the phrase meets d's title; whether the title holds it
// only when in is set. A title the phrase cannot run into or out of is
// not read.
func (ph *phraseCheck) title(ord int, d *doc, in bool) titleCheck {
	n := len(ph.t.positions)
	if !in && !ph.mayMeet(ord) {
		return titleCheck{}
	}
	ph.seq = ph.ix.words.sequence(ph.seq[:0], d.titleChunks, nil)
	tn := len(ph.seq)
	tc := titleCheck{in: phraseAt(ph.seq, ph.t.positions), long: n > maxSplit || n > tn+1}
	for k := 1; k < n && k <= tn; k++ {
		if matchesAt(ph.seq, tn-k, ph.t.positions[:k]) {
			tc.end |= 1 << k
		}
		if matchesAt(ph.seq, 0, ph.t.positions[n-k:]) {
			tc.start |= 1 << k
		}
	}
	return tc
}

// mayMeet reports whether the phrase may run into or out of the title of
// the profile ord: it may when it is longer than the title and a word, or
// when the title's last word matches one of its positions but the last, or
// its first word one but the first.
func (ph *phraseCheck) mayMeet(ord int) bool {
	ends := ph.ix.titleEnds[ord]
	if len(ph.t.positions) > int(ends[2])+1 || ends[2] == 0 {
		return true
	}
	return ph.endMeets(ph.lasts, ends[1], true) || ph.endMeets(ph.firsts, ends[0], false)
}

// endMeets reports whether a title's word c, its last (atEnd) or its
// first, ends in a position matching one of the phrase's positions that
// the title could hand on to the rest of the phrase; a word without
// positions always may. memo keeps the answers.
func (ph *phraseCheck) endMeets(memo []uint8, c uint32, atEnd bool) bool {
	if memo[c] != 0 {
		return memo[c] == 2
	}
	positions := ph.ix.words.chunks[c].positions
	meets := len(positions) == 0
	if !meets {
		end, ps := positions[0], ph.t.positions[1:]
		if atEnd {
			end, ps = positions[len(positions)-1], ph.t.positions[:len(ph.t.positions)-1]
		}
		meets = slices.ContainsFunc(ps, func(p position) bool { return p.any || intersects(end, p.lexemes) })
	}
	memo[c] = 1
	if meets {
		memo[c] = 2
	}
	return meets
}

// quick is where for the usual profile, whose title plays no part: the
// memo of its sections says it all.
func (ph *phraseCheck) quick(ord int, candidates uint8) uint8 {
	if candidates&titleBit != 0 {
		return ph.where(ord, candidates)
	}
	var out uint8
	secs := &ph.ix.sections[ord]
	for i := range secs {
		bit := uint8(2) << i
		if candidates&bit == 0 {
			continue
		}
		m := ph.section(secs[i])
		if m.plain {
			out |= bit
		} else if ph.mayCross(m) {
			return ph.where(ord, candidates)
		}
	}
	return out
}

// where returns the bits of candidates where the phrase occurs in d; the
// title bit of candidates says whether the title holds all its words.
func (ph *phraseCheck) where(ord int, candidates uint8) uint8 {
	w := ph.ix.words
	d := ph.ix.docs[ord]
	var out uint8
	var tc titleCheck
	read := false
	if candidates&titleBit != 0 {
		tc, read = ph.title(ord, d, true), true
		if tc.in {
			out |= titleBit
		}
	}
	for i, id := range &ph.ix.sections[ord] {
		bit := sectionBit(i)
		if candidates&bit == 0 {
			continue
		}
		m := ph.section(id)
		if m.plain {
			out |= bit
			continue
		}
		// A mention of the title can only help when the phrase may run
		// into or out of it, or lies within it (then it is read above).
		if !w.secs[id].titled || !read && !ph.mayCross(m) {
			continue
		}
		if !read {
			tc, read = ph.title(ord, d, false), true
		}
		switch {
		case tc.long:
			if ph.sectionHolds(&w.secs[id], d.titleChunks) {
				out |= bit
			}
		case tc.in || m.after&tc.end != 0 || m.before&tc.start != 0:
			out |= bit
		}
	}
	return out
}

func (ph *phraseCheck) sectionHolds(sec *section, title []uint32) bool {
	for _, s := range sec.sentences {
		ph.seq = ph.ix.words.sequence(ph.seq[:0], ph.ix.words.sents[s].chunks, title)
		if phraseAt(ph.seq, ph.t.positions) {
			return true
		}
	}
	return false
}

// sequence appends the lexemes of each position of chunks to seq, reading
// titleChunk as title; nil title makes it one barrier position.
func (w *words) sequence(seq [][]uint32, chunks, title []uint32) [][]uint32 {
	for _, c := range chunks {
		switch {
		case c != titleChunk:
			seq = append(seq, w.chunks[c].positions...)
		case title == nil:
			seq = append(seq, barrier)
		default:
			seq = w.sequence(seq, title, nil)
		}
	}
	return seq
}

// phraseAt reports whether positions match consecutive positions of seq.
func phraseAt(seq [][]uint32, positions []position) bool {
	for start := 0; start+len(positions) <= len(seq); start++ {
		if matchesAt(seq, start, positions) {
			return true
		}
	}
	return false
}

func matchesAt(seq [][]uint32, start int, positions []position) bool {
	for j, p := range positions {
		if !p.any && !intersects(seq[start+j], p.lexemes) {
			return false
		}
	}
	return true
}

func intersects(a, b []uint32) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// topK keeps the k best hits.
type topK struct {
	k    int
	heap []hit // the worst kept on top
	// floor is the rank of the worst kept once k are, else 0.
	floor uint64
}

// push keeps h when it is among the k best so far. It is small enough to
// be inlined into the loops over postings, where most hits are turned away
// by the one comparison with the worst kept.
func (t *topK) push(h hit) {
	if h.rank() > t.floor {
		t.keep(h)
	}
}

// keep puts h into the heap, in place of the worst when it is full.
func (t *topK) keep(h hit) {
	if len(t.heap) < t.k {
		t.heap = append(t.heap, h)
		for i := len(t.heap) - 1; i > 0; {
			parent := (i - 1) / 2
			if !t.heap[parent].before(t.heap[i]) {
				break
			}
			t.heap[parent], t.heap[i] = t.heap[i], t.heap[parent]
			i = parent
		}
		if len(t.heap) == t.k {
			t.floor = t.heap[0].rank()
		}
		return
	}
	t.heap[0] = h
	for i := 0; ; {
		worst, l, r := i, 2*i+1, 2*i+2
		if l < len(t.heap) && t.heap[worst].before(t.heap[l]) {
			worst = l
		}
		if r < len(t.heap) && t.heap[worst].before(t.heap[r]) {
			worst = r
		}
		if worst == i {
			break
		}
		t.heap[i], t.heap[worst] = t.heap[worst], t.heap[i]
		i = worst
	}
	t.floor = t.heap[0].rank()
}

// admits reports whether a hit of key, whose ordinal follows those of
// every hit kept, would be kept.
func (t *topK) admits(key uint32) bool {
	return len(t.heap) < t.k || key > uint32(t.floor>>32)
}

func (t *topK) sorted() []hit {
	slices.SortFunc(t.heap, func(a, b hit) int {
		if a.before(b) {
			return -1
		}
		return 1
	})
	return t.heap
}

// matchCheck picks the sentences a page shows. A stored sentence reads
// alike in every profile but for the mentions of the title: the units it
// matches and its snippet are worked out once per query, with the title
// apart, and joined with each profile's title (read once per profile).
type matchCheck struct {
	ix      *Index
	pos     []term
	lexemes map[uint32]bool
	sents   map[uint32]*sentMatch
	seq     [][]uint32
	// inPhrases are the lexemes of the units of several positions, and
	// anyInPhrase whether one of those has a stop word (any word).
	inPhrases   map[uint32]bool
	anyInPhrase bool
	// title is the profile matches reads: the units its title matches,
	// whether a phrase may run into or out of it (meets), and the title
	// marked, once a snippet needs it.
	title       *doc
	titleUnits  uint64
	meets       bool
	titleMarked string
}

func newMatchCheck(ix *Index, pos []term, lexemes map[uint32]bool) *matchCheck {
	mc := &matchCheck{ix: ix, pos: pos, lexemes: lexemes, sents: map[uint32]*sentMatch{}, inPhrases: map[uint32]bool{}}
	for _, t := range pos {
		if len(t.positions) < 2 {
			continue
		}
		for _, p := range t.positions {
			mc.anyInPhrase = mc.anyInPhrase || p.any
			for _, l := range p.lexemes {
				mc.inPhrases[l] = true
			}
		}
	}
	return mc
}

// sentMatch is one stored sentence against the query: the units it
// matches with the title read as a word nothing matches, whether a phrase
// could run into a mention of the title, and (once shown) its snippet in
// pieces around the mentions.
type sentMatch struct {
	units  uint64
	across bool
	pieces []string
}

func (mc *matchCheck) sentence(s uint32) *sentMatch {
	if m, ok := mc.sents[s]; ok {
		return m
	}
	sent := &mc.ix.words.sents[s]
	m := &sentMatch{}
	mc.seq = mc.ix.words.sequence(mc.seq[:0], sent.chunks, nil)
	for i, t := range mc.pos {
		if phraseAt(mc.seq, t.positions) {
			m.units |= 1 << i
		}
		m.across = m.across || sent.titled && len(t.positions) > 1
	}
	mc.sents[s] = m
	return m
}

// unitsIn returns how many units sentence s of d matches.
func (mc *matchCheck) unitsIn(s uint32, d *doc) int {
	m := mc.sentence(s)
	units := m.units
	if mc.ix.words.sents[s].titled {
		units |= mc.titleOf(d)
	}
	if m.across && mc.meets {
		// A phrase may run into a mention of the title: read it whole.
		mc.seq = mc.ix.words.sequence(mc.seq[:0], mc.ix.words.sents[s].chunks, d.titleChunks)
		for i, t := range mc.pos {
			if phraseAt(mc.seq, t.positions) {
				units |= 1 << i
			}
		}
	}
	return bits.OnesCount64(units)
}

// titleOf returns the units d's title matches, reading it when d is new.
// A phrase can only run into or out of the title where the title holds
// one of its words, unless the phrase has a stop word (any word) or the
// title no word PostgreSQL reads: meets says whether it may.
func (mc *matchCheck) titleOf(d *doc) uint64 {
	if mc.title == d {
		return mc.titleUnits
	}
	mc.title, mc.titleUnits, mc.titleMarked = d, 0, ""
	mc.seq = mc.ix.words.sequence(mc.seq[:0], d.titleChunks, nil)
	for i, t := range mc.pos {
		if phraseAt(mc.seq, t.positions) {
			mc.titleUnits |= 1 << i
		}
	}
	mc.meets = mc.anyInPhrase || len(mc.seq) == 0 || slices.ContainsFunc(mc.seq, func(pos []uint32) bool {
		return slices.ContainsFunc(pos, func(l uint32) bool { return mc.inPhrases[l] })
	})
	return mc.titleUnits
}

// markedTitle returns d's title HTML-escaped with the matched words
// marked, for snippets that name it.
func (mc *matchCheck) markedTitle(d *doc) string {
	mc.titleOf(d)
	if mc.titleMarked == "" {
		var b strings.Builder
		mc.ix.mark(&b, d.title, wordSpans(d.title), d.titleChunks, mc.lexemes)
		mc.titleMarked = b.String()
	}
	return mc.titleMarked
}

func (mc *matchCheck) snippet(s uint32, d *doc) string {
	m := mc.sentence(s)
	if m.pieces == nil {
		sent := &mc.ix.words.sents[s]
		chunks := sent.chunks
		for _, text := range strings.Split(sent.text, titleMark) {
			spans := wordSpans(text)
			n := len(spans)
			var b strings.Builder
			mc.ix.mark(&b, text, spans, chunks[:n], mc.lexemes)
			m.pieces = append(m.pieces, b.String())
			if n < len(chunks) {
				n++ // the title's mark
			}
			chunks = chunks[n:]
		}
	}
	if len(m.pieces) == 1 {
		return m.pieces[0]
	}
	return strings.Join(m.pieces, mc.markedTitle(d))
}

// matches returns d's best one to three sentences in the sections of
// where: those matching the most units first, weighted by their section,
// then in section and sentence order.
func (mc *matchCheck) matches(d *doc, where uint8) []profile.SearchMatch {
	type found struct {
		rank, section, at int
	}
	var all []found
	w := mc.ix.words
	for i, id := range d.sections {
		if where&sectionBit(i) == 0 {
			continue
		}
		for at, s := range w.secs[id].sentences {
			if n := mc.unitsIn(s, d); n > 0 {
				all = append(all, found{rank: n * weights10[i+1], section: i, at: at})
			}
		}
	}
	slices.SortStableFunc(all, func(a, b found) int { return b.rank - a.rank })
	out := []profile.SearchMatch{}
	for _, f := range all[:min(3, len(all))] {
		sec := &w.secs[d.sections[f.section]]
		s := sec.sentences[f.at]
		out = append(out, profile.SearchMatch{
			Section: profile.SectionKeys()[f.section], Line: int(sec.lines[f.at]),
			Text: strings.ReplaceAll(w.sents[s].text, titleMark, d.title), Snippet: mc.snippet(s, d),
		})
	}
	return out
}

// mark writes text, whose words stand at spans (wordSpans) and are chunks,
// into b HTML-escaped, with each word holding one of lexemes inside
// <mark></mark>: of a hyphenated word, the parts that do, or all of it when
// the compound does.
func (ix *Index) mark(b *strings.Builder, text string, spans []span, chunks []uint32, lexemes map[uint32]bool) {
	if len(spans) != len(chunks) {
		b.WriteString(html.EscapeString(text))
		return
	}
	done := 0
	wrap := func(start, end int) {
		b.WriteString(html.EscapeString(text[done:start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[start:end]))
		b.WriteString("</mark>")
		done = end
	}
	hits := func(pos []uint32) bool { return slices.ContainsFunc(pos, func(l uint32) bool { return lexemes[l] }) }
	for i, s := range spans {
		positions := ix.words.chunks[chunks[i]].positions
		if len(positions) == 1 {
			if hits(positions[0]) {
				wrap(s.start, s.end)
			}
			continue
		}
		ps := parts(text[s.start:s.end])
		if len(positions) != len(ps)+1 || hits(positions[0]) {
			if slices.ContainsFunc(positions, hits) {
				wrap(s.start, s.end)
			}
			continue
		}
		at := s.start
		for j, part := range ps {
			if hits(positions[j+1]) {
				wrap(at, at+len(part))
			}
			at += len(part) + 1
		}
	}
	b.WriteString(html.EscapeString(text[done:]))
}

// correct replaces each word of the positive units that no text holds by
// the most similar word the texts hold, if any is similar enough. It
// reports whether any word changed. Corrections are cached.
func (ix *Index) correct(ctx context.Context, q query) (query, bool, error) {
	fixes := map[string]string{}
	var missing []string
	for _, u := range q.units {
		for _, w := range u.words {
			if u.neg {
				continue
			}
			if fix, ok := ix.corrections.get(w); ok {
				fixes[w] = fix
			} else if !slices.Contains(missing, w) {
				missing = append(missing, w)
			}
		}
	}
	if len(missing) > 0 {
		fixed, err := ix.analysis.an.Correct(ctx, missing)
		if err != nil {
			return q, false, err
		}
		for i, w := range missing {
			ix.corrections.put(w, fixed[i])
			fixes[w] = fixed[i]
		}
	}
	changed := false
	out := query{units: make([]unit, len(q.units))}
	for i, u := range q.units {
		out.units[i] = unit{neg: u.neg, phrase: u.phrase}
		for _, w := range u.words {
			if fix, ok := fixes[w]; ok && !u.neg && fix != w {
				w, changed = fix, true
			}
			out.units[i].words = append(out.units[i].words, w)
		}
	}
	return out, changed, nil
}
