package search

import "slices"

// phraseBySection finds where the phrase t occurs, within filter, from
// the stored sections, when they are few against the profiles: each is
// checked once, and the profiles holding those that hold the phrase are
// marked. Then the profiles whose titles may take part read them.
func (ix *textIndex) phraseBySection(t term, filter uint8) []uint8 {
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
func (ix *textIndex) titleHolders(t term) (whole []int32, byPosition [][]int32) {
	for _, p := range t.positions {
		if p.any {
			continue
		}
		var holders []int32
		for _, l := range p.lexemes {
			holders = union(holders, ix.titlePost.of(l))
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
	ix   *textIndex
	t    term
	memo []secMemo // by stored section
	seq  [][]uint32
	// firsts and lasts are, by word, whether a title that starts (ends)
	// with it may meet the phrase (endMeets): 0 not known yet, then 1 no
	// and 2 yes. Titles share their first and last words.
	firsts, lasts []uint8
}

func newPhraseCheck(ix *textIndex, t term) *phraseCheck {
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
func (ph *phraseCheck) title(ord int, d *textDoc, in bool) titleCheck {
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
