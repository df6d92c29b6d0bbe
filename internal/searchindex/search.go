package searchindex

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
	// profiles (recombined texts), the profiles holding each: ordinal<<3 |
	// the section's place.
	sectionDocs [][]int32
	post        []postings
	stems       map[uint32][]uint32 // lexeme → the lexemes of its stem group
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
	if b, ok := bufs.Get().(*[]uint8); ok && cap(*b) >= n {
		out := (*b)[:n]
		clear(out)
		return out
	}
	return make([]uint8, n)
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
	case len(terms) == 1 && len(pos[0].positions) == 1 && len(pos[0].positions[0].lexemes) == 1:
		// One word of one lexeme, the usual query: its postings alone.
		res.Total = ix.post[pos[0].positions[0].lexemes[0]].rank(&top, filter)
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
	mc := matchCheck{ix: ix, pos: pos[:min(len(pos), 64)], lexemes: lexemes, sents: map[uint32]*sentMatch{}}
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
	if b, ok := accs.Get().(*[]uint32); ok && cap(*b) >= n {
		out := (*b)[:n]
		clear(out)
		return out
	}
	return make([]uint32, n)
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
		case len(t.positions) == 1 && len(t.positions[0].lexemes) == 1:
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
		key := a >> accF
		if (a&accUnits)/accUnit == units {
			key |= allKey
		}
		if a&titleBit != 0 {
			key |= titleKey
		}
		top.push(hit{key: key, ord: int32(ord), where: uint8(a & accWhere)})
	}
	return total
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
	ph := phraseCheck{ix: ix, t: t, memo: make([]secMemo, len(ix.words.secs))}
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
// marked. Only the profiles whose titles hold one of its words are checked
// one by one, as the title may take part.
func (ix *Index) phraseBySection(t term, filter uint8) []uint8 {
	out := getBuf(len(ix.docs))
	ph := phraseCheck{ix: ix, t: t, memo: make([]secMemo, len(ix.words.secs))}
	for id, docs := range ix.sectionDocs {
		if !ph.section(uint32(id)).plain {
			continue
		}
		for _, e := range docs {
			if bit := sectionBit(int(e & 7)); filter&bit != 0 {
				out[e>>3] |= bit
			}
		}
	}
	// How many of the phrase's positions each title holds (a query of 200
	// characters has fewer than 255): the phrase may lie within the titles
	// holding all of them, and run into the others.
	last, count := getBuf(len(ix.docs)), getBuf(len(ix.docs))
	defer putBuf(last)
	defer putBuf(count)
	var ords []int
	positions := 0
	for i, p := range t.positions {
		if p.any {
			continue
		}
		positions++
		for _, l := range p.lexemes {
			post := &ix.post[l]
			ord, off := -1, 0
			for _, mask := range post.masks {
				gap, n := binary.Uvarint(post.gaps[off:])
				ord += int(gap)
				off += n
				if mask&titleBit == 0 || last[ord] == uint8(i+1) {
					continue
				}
				if last[ord] == 0 {
					ords = append(ords, ord)
				}
				last[ord] = uint8(i + 1)
				count[ord]++
			}
		}
	}
	for _, ord := range ords {
		candidates := uint8(allBits &^ titleBit)
		if int(count[ord]) == positions {
			candidates |= titleBit
		}
		out[ord] = ph.where(ord, candidates) & filter
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
}

type secMemo struct {
	done, plain   bool
	after, before uint32
}

// maxSplit bounds the phrases whose runs across a title the memo tracks;
// longer ones are checked on each profile's own sentences.
const maxSplit = 31

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
// only when in is set. A title whose first and last words match none of
// the phrase's words that could run into it is not read.
func (ph *phraseCheck) title(ord int, d *doc, in bool) titleCheck {
	n := len(ph.t.positions)
	if ends := ph.ix.titleEnds[ord]; !in && n <= int(ends[2])+1 && !ph.endsMeet(ends) {
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

// endsMeet reports whether the last position of a title (its ends as
// titleEnds holds them) matches one of the phrase's positions but its last,
// or its first position one but the first: only then can the phrase run
// into or out of the title.
func (ph *phraseCheck) endsMeet(ends [3]uint32) bool {
	if ends[2] == 0 {
		return true
	}
	chunks := ph.ix.words.chunks
	first := chunks[ends[0]].positions
	last := chunks[ends[1]].positions
	if len(first) == 0 || len(last) == 0 {
		return true
	}
	positions := ph.t.positions
	meets := func(pos []uint32, ps []position) bool {
		return slices.ContainsFunc(ps, func(p position) bool { return p.any || intersects(pos, p.lexemes) })
	}
	return meets(last[len(last)-1], positions[:len(positions)-1]) || meets(first[0], positions[1:])
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
		} else if m.after|m.before != 0 {
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
		if !w.secs[id].titled || m.after == 0 && m.before == 0 && !read {
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
	// title is the profile matches reads: the units its title matches
	// and the title marked.
	title       *doc
	titleUnits  uint64
	titleMarked string
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
	if m.across {
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
func (mc *matchCheck) titleOf(d *doc) uint64 {
	if mc.title == d {
		return mc.titleUnits
	}
	mc.title, mc.titleUnits = d, 0
	mc.seq = mc.ix.words.sequence(mc.seq[:0], d.titleChunks, nil)
	for i, t := range mc.pos {
		if phraseAt(mc.seq, t.positions) {
			mc.titleUnits |= 1 << i
		}
	}
	var b strings.Builder
	mc.ix.mark(&b, d.title, d.titleChunks, mc.lexemes)
	mc.titleMarked = b.String()
	return mc.titleUnits
}

func (mc *matchCheck) snippet(s uint32, d *doc) string {
	m := mc.sentence(s)
	if m.pieces == nil {
		sent := &mc.ix.words.sents[s]
		chunks := sent.chunks
		for _, text := range strings.Split(sent.text, titleMark) {
			n := len(wordSpans(text))
			var b strings.Builder
			mc.ix.mark(&b, text, chunks[:n], mc.lexemes)
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
	mc.titleOf(d)
	return strings.Join(m.pieces, mc.titleMarked)
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

// mark writes text, whose words are chunks, into b HTML-escaped, with each
// word holding one of lexemes inside <mark></mark>: of a hyphenated word,
// the parts that do, or all of it when the compound does.
func (ix *Index) mark(b *strings.Builder, text string, chunks []uint32, lexemes map[uint32]bool) {
	spans := wordSpans(text)
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
