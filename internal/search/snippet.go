package search

import (
	"html"
	"math/bits"
	"slices"
	"strings"

	"github.com/karir/karir/internal/profile"
)

// matchCheck picks the sentences a page shows. A stored sentence reads
// alike in every profile but for the mentions of the title: the units it
// matches and its snippet are worked out once per query, with the title
// apart, and joined with each profile's title (read once per profile).
type matchCheck struct {
	ix      *textIndex
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
	title       *textDoc
	titleUnits  uint64
	meets       bool
	titleMarked string
}

func newMatchCheck(ix *textIndex, pos []term, lexemes map[uint32]bool) *matchCheck {
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
func (mc *matchCheck) unitsIn(s uint32, d *textDoc) int {
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
func (mc *matchCheck) titleOf(d *textDoc) uint64 {
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
func (mc *matchCheck) markedTitle(d *textDoc) string {
	mc.titleOf(d)
	if mc.titleMarked == "" {
		var b strings.Builder
		mc.ix.mark(&b, d.title, wordSpans(d.title), d.titleChunks, mc.lexemes)
		mc.titleMarked = b.String()
	}
	return mc.titleMarked
}

func (mc *matchCheck) snippet(s uint32, d *textDoc) string {
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
func (mc *matchCheck) matches(d *textDoc, where uint8) []profile.SearchMatch {
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
func (ix *textIndex) mark(b *strings.Builder, text string, spans []span, chunks []uint32, lexemes map[uint32]bool) {
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
