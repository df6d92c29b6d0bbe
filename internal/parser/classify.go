package parser

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/karir/karir/internal/profile"
)

// Placement is where one sentence went and why, as `karir parse --explain`
// shows it.
type Placement struct {
	profile.Sentence
	Section profile.SectionKey `json:"section"`
	// Reason is the cue that placed the sentence ("cue \"mitos\""), or the
	// rule of the genre that did when no cue of its section is in it.
	Reason string `json:"reason"`
	// ByOrder is set when no cue of the section is in the sentence: only
	// the order of the genre put it there.
	ByOrder bool `json:"by_order"`

	evidence evidence
}

// The weights of the placement. A cue scores for its section; a boundary
// between two sections costs, more so where a reader would not put one, and
// so do a section left out (missingCost) and a step back from the usual
// order (orderCost). The figures are small integers chosen so that one
// strong cue outweighs any single rule of layout, and a section with no cue
// at all is still opened where the text gives room for it.
const (
	strongFirst = 10 // the earliest strong cue of a sentence
	strongLater = 5  // any other strong cue
	weakCue     = 2  // each section a weak cue names

	boundaryCost      = 2  // opening the next section
	skipCost          = 12 // leaving out a section the usual order puts between two of the text's
	leadCost          = 8  // ... or before its first ...
	trailCost         = 7  // ... or after its last
	tasksMissingCost  = 6  // leaving out the tasks, besides
	stepBackCost      = 4  // opening, at a sentence that announces it, a section the usual order puts before the one left ...
	blindStepBackCost = 5  // ... or at one that does not
	weakOpenCost      = 3  // opening a section at a sentence with only a weak cue of it ...
	blindOpenCost     = 6  // ... or with no cue of it at all
	turnCost          = 11 // a boundary before a turn ("Realitanya, ...")
	questionCost      = 8  // a boundary right after a question that leads in
	newParaBonus      = 3  // a boundary where a paragraph starts ...
	midParaCost       = 2  // ... or inside a paragraph, in a text of paragraphs
	minParagraphs     = 3  // a text with fewer is not laid out in paragraphs
	listCost          = 20 // a boundary inside a list: its items belong together
	headingBonus      = 6  // a boundary under a heading ...
	midHeadCost       = 6  // ... or between two, in a text of headings
	minHeadings       = 3  // a text with fewer is not laid out under headings

	maxCueText = 2000 // bytes of a sentence read for cues
)

// indexOf is the place of k in the genre order.
func indexOf(k profile.SectionKey) int {
	return slices.Index(profile.SectionKeys(), k)
}

// evidence is what the cues of one sentence say.
type evidence struct {
	score    [6]int
	cue      [6]string // the cue behind each section's score
	strong   [6]bool
	at       [6]int // where each section's strong cue starts
	turn     bool   // opens with the turn to a reality
	question bool   // ends with a question mark
	// otherSubject is set when the sentence's subject names a job other
	// than the one the text opens with ("Perawat puskesmas juga ..."): a
	// sign that a comparison starts.
	otherSubject bool
	// jobSubject is set when the sentence opens with the job as its
	// subject ("Bidan mendampingi ...", "Sebagai awak kabin, pramugari
	// bertugas ..."): the way the genre opens what the job involves.
	jobSubject bool
	// defines is set when the sentence defines a job, whatever the title
	// ("Pendamping KUBE adalah ..."): a job subject in any case.
	defines bool
	belief  bool // opens with someone holding a belief or a hope
	// also is set when a word that adds to the sentence before stands in
	// its first words ("Ada juga yang ngira ..."): a belief held by more of
	// the same people, no new part.
	also bool
	// bare is set when the holder of the belief the sentence opens with
	// is a quantifier without a noun ("Banyak yang membayangkan ..."),
	// who are those the sentence before named, if it named any.
	bare bool
}

// weigh reads the cues of one sentence.
func weigh(s profile.Sentence) evidence {
	text := lower(s.Text)
	if len(text) > maxCueText {
		// No sentence of the genre is this long; reading its start keeps a
		// text of one endless sentence from costing more than its size.
		text = strings.ToValidUTF8(text[:maxCueText], "")
	}
	var e evidence
	first, firstAt := e.readCues(text)
	first = e.readGeneric(text, first, firstAt)
	for k := range e.score {
		switch {
		case k == first:
			e.score[k] = strongFirst
		case e.strong[k]:
			e.score[k] = strongLater
		case e.cue[k] != "":
			e.score[k] = weakCue
		}
	}
	e.turn = opens(vocabulary.turn, text)
	e.belief = believesAtStart(text)
	e.also = adds(text)
	e.bare = bareHolder(lowerWords(text[:wordOffset(text, maxBareWords)]))
	e.question = strings.HasSuffix(strings.TrimRight(s.Text, "\"'”’)"), "?")
	return e
}

// readCues takes in the cues of cues.txt in a lower-cased sentence, and
// returns the part whose strong cue comes first and where, or -1.
func (e *evidence) readCues(text string) (first, firstAt int) {
	first, firstAt = -1, len(text)+1
	scratch := scratchPool.Get().(*cueScratch)
	defer scratchPool.Put(scratch)
	for _, i := range vocabulary.index.firstMatches(vocabulary.cues, text, scratch) {
		m := scratch.match(i)
		c, at, words := vocabulary.cues[i], m.at, m.words
		if at < 0 || c.section == profile.Fit && negated(text, at) || without(text, at) {
			continue
		}
		k := indexOf(c.section)
		switch {
		case c.strong && (!e.strong[k] || at < e.at[k]):
			e.strong[k], e.at[k], e.cue[k] = true, at, words
			if at < firstAt {
				first, firstAt = k, at
			}
		case !c.strong && !e.strong[k] && e.cue[k] == "":
			e.cue[k] = words
		}
	}
	return first, firstAt
}

// readGeneric takes in the evidence read by grammar: who holds a belief,
// or a job set beside another, opens a part in words no cue lists. It
// returns the part that comes first, given the cues' first.
func (e *evidence) readGeneric(text string, first, firstAt int) int {
	held, compared := false, false
	for _, g := range generic(text) {
		k := indexOf(g.section)
		held = held || g.section == profile.Misconceptions || g.section == profile.Expectations
		compared = compared || g.section == profile.Comparisons
		switch {
		case e.strong[k]:
		case g.weak:
			if e.cue[k] == "" {
				e.cue[k] = g.words
			}
		default:
			e.strong[k], e.at[k], e.cue[k] = true, g.at, g.words
			if g.at < firstAt {
				first, firstAt = k, g.at
			}
		}
	}
	if compared && !held && first == indexOf(profile.Misconceptions) {
		// "Dari luar, peran ini tampak serupa dengan kontraktor": how the
		// job looks, said by no one, beside another job is a comparison.
		first = indexOf(profile.Comparisons)
	}
	return first
}

// asItem weighs the cues of a list item: the item is a fragment of what
// the list's lead-in says, so a strong cue inside it ("memilih kader yang
// cocok dengan desa") counts as a weak one. Only a cue that opens the item
// ("Cocok untuk: ...") names its part.
func (e *evidence) asItem() {
	for k := range e.score {
		if e.strong[k] && e.at[k] > 0 {
			e.strong[k], e.score[k] = false, weakCue
		}
	}
}

// add takes in the cues of a heading: a section scores the more of the two.
func (e *evidence) add(heading evidence) {
	for k, sc := range heading.score {
		if sc > e.score[k] {
			e.score[k], e.cue[k], e.strong[k] = sc, heading.cue[k], heading.strong[k]
		}
	}
}

// place puts every sentence in one of the six sections: it chooses the
// segmentation that best explains the whole text (dynamic programming over
// the cue scores, each part one run of sentences, in any order) rather than
// deciding sentence by sentence, so that one cue it does not know does not
// push every later sentence into the wrong section. Each boundary is
// weighed by the evidence that a part starts at its sentence (openCost),
// not only by which part each sentence resembles; a step back from the
// usual order costs a little (orderCost). A heading's cues ("## Siapa yang
// cocok") count for the sentence under it. With margin, an unusual order is
// weighed against the best reading in the usual one. It reports false when
// no sentence carries any cue, or once ctx is done.
func place(ctx context.Context, l layout, margin bool) ([]Placement, Order, bool) {
	ev, anyCue := weighAll(ctx, l)
	if !anyCue {
		// No part of the genre: the text is refused, unread further.
		return nil, Order{}, false
	}
	path, score := readPath(ev, l)
	out := explainPath(l, ev, path)
	order := orderOf(out)
	if order.Unusual && margin {
		_, usual := bestPath(ev, l, true)
		order.Margin = score - usual
	}
	return out, order, anyCue
}

// readPath finds the best path with the job known: first as the text's
// opening names it, then, if the tasks open later, as their opening does.
func readPath(ev []evidence, l layout) ([]int, int) {
	for i, s := range l.sentences {
		ev[i].defines = definesJob(s.Text)
	}
	headings := titleHeadings(l.headings)
	first := 0
	title, ok := findTitle(headings, l.sentences, first, nil)
	if !ok {
		// Nothing names the job where the text opens: the likeliest name
		// is that of the first sentence whose subject is a job.
		first = namingSentence(l.sentences)
		title, _ = findTitle(headings, l.sentences, first, nil)
	}
	markJob(ev, l, first, title)
	path, score := bestPath(ev, l, false)
	if opening := slices.Index(path, indexOf(profile.Tasks)); opening > 0 && opening != first {
		// The text opens with another part: the job is the one the
		// sentence that opens its tasks names.
		title, _ = findTitle(headings, l.sentences, opening, nil)
		if markJob(ev, l, opening, title) {
			path, score = bestPath(ev, l, false)
		}
	}
	return path, score
}

// explainPath says where each sentence went on path and why.
func explainPath(l layout, ev []evidence, path []int) []Placement {
	out := make([]Placement, len(ev))
	for i, k := range path {
		out[i] = explain(l.sentences[i], ev[i], i, k)
		switch {
		case i == 0 || path[i-1] == k:
			if i > 0 && ev[i].turn && out[i].ByOrder && (k == indexOf(profile.Misconceptions) || k == indexOf(profile.Expectations)) {
				out[i].Reason = "turn: the reality of the claim before"
			}
		case k == indexOf(profile.Tasks) && ev[i].jobSubject && out[i].ByOrder:
			out[i].Reason, out[i].ByOrder = "subject: the job opens its tasks", false
		}
	}
	for i := 1; i < len(out)-1; i++ {
		if ev[i].question && out[i].ByOrder && out[i+1].Section == out[i].Section && out[i-1].Section != out[i].Section {
			out[i].Reason = "question: leads into the part"
		}
	}
	return out
}

// weighAll reads the cues of every sentence and of the heading above it,
// and reports whether any sentence has one; it weighs none once ctx is
// done.
func weighAll(ctx context.Context, l layout) ([]evidence, bool) {
	ev := make([]evidence, len(l.sentences))
	anyCue := false
	for i, s := range l.sentences {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, false
		}
		ev[i] = weigh(s)
		if l.item[i] {
			ev[i].asItem()
		}
		if l.under[i] != "" {
			ev[i].add(weigh(profile.Sentence{Text: l.under[i]}))
		}
		for _, sc := range ev[i].score {
			anyCue = anyCue || sc > 0
		}
		if i > 0 && ev[i].bare {
			ev[i].inheritHolders(ev[i-1])
		}
	}
	return ev, anyCue
}

// impossible scores a placement no path may take.
const impossible = math.MinInt / 4

// boundaryCosts prices the boundaries between parts in one text.
type boundaryCosts struct {
	l           *layout
	ev          []evidence
	paragraphed bool // the text is laid out in paragraphs
	headed      bool // the text is laid out under headings
}

// at is what a boundary before sentence i costs, from each part to each
// other.
func (c boundaryCosts) at(i int) [parts][parts]int {
	var step [parts][parts]int
	for k := range parts {
		open := openCost(c.ev, i, k)
		for prev := range parts {
			if prev != k {
				step[prev][k] = c.boundary(i, prev, k, open)
			}
		}
	}
	return step
}

// boundary is the cost of sentence i being in section k after sentence i-1
// was in prev; open is what opening k at i costs (openCost), worked out
// once for every prev.
func (c boundaryCosts) boundary(i, prev, k, open int) int {
	ev, l := c.ev, c.l
	newPara := l.para[i] != l.para[i-1]
	cost := boundaryCost + open
	switch {
	case k > prev:
	case open == 0:
		// A step back from the usual order, to a part the sentence
		// announces ...
		cost += stepBackCost
	default:
		// ... or to one it does not: weak evidence reads in the usual order.
		cost += blindStepBackCost
	}
	if ev[i].turn && (prev == indexOf(profile.Misconceptions) || prev == indexOf(profile.Expectations)) {
		// A turn answers the claim before it; elsewhere ("Namun, kalau
		// kamu ...") it may well open the next part.
		cost += turnCost
	}
	if ev[i-1].question {
		cost += questionCost
	}
	if l.inList[i] && !ev[i].strong[k] {
		// A list holds one part unless its items open with the parts' names.
		cost += listCost
	}
	switch {
	case !c.headed:
	case l.section[i] != l.section[i-1]:
		cost -= headingBonus
	default:
		cost += midHeadCost
	}
	switch {
	case !c.paragraphed:
	case newPara:
		cost -= newParaBonus
	default:
		cost += midParaCost
	}
	return cost
}

// openCost is what opening section k at a sentence costs beyond the
// boundary itself, by how well the sentence announces the part: nothing for
// a strong cue of it or, for a myth or an expectation, for someone holding a
// belief, or for a question that the next sentence answers with a strong
// cue of it ("Senang berbicara ...? Peran ini cocok ..."); more for a weak
// cue; most for none. A sentence without a cue thus stays with the part
// before it, and a part opens at a sentence that does not announce it only
// where no sentence does and a paragraph or heading makes room for it.
func openCost(ev []evidence, i, k int) int {
	e := ev[i]
	switch {
	case e.strong[k]:
		return 0
	case (k == indexOf(profile.Misconceptions) || k == indexOf(profile.Expectations)) && e.belief && !e.also:
		return 0
	case e.question && i+1 < len(ev) && ev[i+1].strong[k]:
		return 0
	case k == indexOf(profile.Tasks) && e.jobSubject:
		return 0
	case e.score[k] > 0, k == indexOf(profile.Comparisons) && e.otherSubject:
		return weakOpenCost
	case (k == indexOf(profile.Misconceptions) || k == indexOf(profile.Expectations)) && i+1 < len(ev) && ev[i+1].turn && !e.turn:
		// The next sentence turns to a reality ("Padahal, ..."): this one
		// is likely the claim it answers.
		return weakOpenCost
	}
	return blindOpenCost
}

// explain says why sentence i went to section k.
func explain(s profile.Sentence, e evidence, i, k int) Placement {
	p := Placement{Sentence: s, Section: profile.SectionKeys()[k], evidence: e}
	switch {
	case e.cue[k] != "" && e.strong[k]:
		p.Reason = fmt.Sprintf("cue %q", e.cue[k])
	case e.cue[k] != "":
		p.Reason = fmt.Sprintf("weak cue %q", e.cue[k])
	case i == 0 && k == 0:
		p.Reason = "summary: the text opens with the job"
	default:
		p.Reason, p.ByOrder = "order", true
	}
	return p
}

// classify places every sentence and collects the sections, and says in
// what order the parts came. It reports false when no sentence carries any
// cue of the genre.
func classify(ctx context.Context, l layout, margin bool) (profile.Sections, []Placement, Order, bool) {
	placements, order, ok := place(ctx, l, margin)
	sections := profile.NewSections()
	for _, p := range placements {
		list := sections.Sentences(p.Section)
		*list = append(*list, p.Sentence)
	}
	return sections, placements, order, ok
}
