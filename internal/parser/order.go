package parser

import (
	"math"
	"math/bits"

	"github.com/karir/karir/internal/profile"
)

// parts is how many parts the genre has.
const parts = 6

// partSet is a set of parts, bit k standing for the part of index k.
type partSet uint8

func (s partSet) has(k int) bool         { return s&(1<<k) != 0 }
func (s partSet) without(k int) partSet  { return s &^ (1 << k) }
func (s partSet) count() int             { return bits.OnesCount8(uint8(s)) }
func (s partSet) below(k int) partSet    { return s & (1<<k - 1) }
func (s partSet) lowest() int            { return bits.TrailingZeros8(uint8(s)) }
func (s partSet) highest() int           { return 7 - bits.LeadingZeros8(uint8(s)) }
func (s partSet) between(lo, hi int) int { return (s.below(hi) >> (lo + 1)).count() }

// A path state is the part a sentence is in and the set of parts opened
// so far, that part among them: every part is one run of sentences, so a
// part once left is never entered again. There are parts × 2^(parts-1)
// states; stateOf numbers them densely, so that a path keeps one byte a
// state a sentence to trace its way back.
const states = parts << (parts - 1)

// stateOf is the number of the state in part k with the parts set opened.
func stateOf(set partSet, k int) int {
	rest := set.without(k)
	return k<<(parts-1) | int(rest.below(k)|rest>>(k+1)<<k)
}

// pathState is a state by its number.
type pathState struct {
	set partSet
	k   int
}

// pathStates lists every state by its number: a read-only table.
var pathStates = func() [states]pathState {
	var out [states]pathState
	for set := partSet(1); set < 1<<parts; set++ {
		for k := range parts {
			if set.has(k) {
				out[stateOf(set, k)] = pathState{set, k}
			}
		}
	}
	return out
}()

// predecessors lists, for each state and each part p, the state a path
// leaves part p for it by opening its part, or -1 where none does (p is
// its own part or not among those opened before): a read-only table, so
// that the programme does no set arithmetic per sentence.
var predecessors = func() [states][parts]int16 {
	var out [states][parts]int16
	for st, s := range pathStates {
		rest := s.set.without(s.k)
		for p := range parts {
			out[st][p] = -1
			if p != s.k && rest.has(p) {
				out[st][p] = int16(stateOf(rest, p))
			}
		}
	}
	return out
}()

// stayed marks, in the trace of a path, a sentence in the same part as
// the one before; any other mark is the part the path came from.
const stayed = math.MaxUint8

// missingCost is what leaving out the parts not in set costs, by where
// each would have stood in the usual order: leadCost for each before the
// first part the text has, trailCost for each after its last, skipCost for
// each between; and tasksMissingCost more without the tasks, which the
// genre always tells, wherever a writer puts them.
func missingCost(set partSet) int {
	lo, hi := set.lowest(), set.highest()
	between := (hi - lo - 1) - set.between(lo, hi)
	cost := lo*leadCost + (parts-1-hi)*trailCost + between*skipCost
	if !set.has(indexOf(profile.Tasks)) {
		cost += tasksMissingCost
	}
	return cost
}

// bestPath returns the part of each sentence on the path of highest score,
// and that score: each sentence's cue score, less the cost of each boundary
// between two parts, of each step back in the usual order and of each
// part left out. With usual set, the path keeps the usual order.
//
// The programme runs over the states (the part and the parts opened so
// far) sentence by sentence, so its cost is linear in the sentences.
func bestPath(ev []evidence, l layout, usual bool) ([]int, int) {
	n := len(ev)
	c := boundaryCosts{l: &l, ev: ev,
		paragraphed: l.para[n-1]-l.para[0]+1 >= minParagraphs,
		headed:      len(l.headings) >= minHeadings}
	var best [states]int
	for st := range best {
		best[st] = impossible
	}
	for k := range parts {
		if k == 0 || openCost(ev, 0, k) == 0 {
			// The genre opens with what the job involves: another part
			// opens the text only where the sentence announces it, by its
			// cue, its holder of a belief or a question its answer names
			// ("Cocokkah kamu jadi bidan? ... kamu sudah punya modal").
			best[stateOf(1<<k, k)] = ev[0].score[k]
		}
	}
	trace := make([]uint8, n*states)
	for i := 1; i < n; i++ {
		step := c.at(i)
		best = advance(&best, &step, ev[i].score, trace[i*states:(i+1)*states], usual)
	}
	return tracePath(&best, trace, n)
}

// advance moves the best scores of every state from one sentence to the
// next, whose cue scores are score, given what each boundary there costs,
// and notes in trace where each state came from. A state is reached by
// staying in its part or by opening its part after another of its set;
// ties go to the earlier part of the usual order, then to staying.
func advance(best *[states]int, step *[parts][parts]int, score [parts]int, trace []uint8, usual bool) [states]int {
	var next [states]int
	for st, s := range pathStates {
		top, from := impossible, uint8(stayed)
		for p, pre := range predecessors[st] {
			var v int
			switch {
			case p == s.k:
				v = best[st]
			case pre < 0 || usual && p > s.k:
				continue
			default:
				v = best[pre] - step[p][s.k]
			}
			if v > top {
				top, from = v, uint8(p)
				if p == s.k {
					from = stayed
				}
			}
		}
		next[st], trace[st] = impossible, from
		if top > impossible {
			next[st] = top + score[s.k]
		}
	}
	return next
}

// tracePath follows the trace back from the best final state, that of the
// highest score once the parts left out are paid for.
func tracePath(best *[states]int, trace []uint8, n int) ([]int, int) {
	top, end := 0, -1
	for st, s := range pathStates {
		if best[st] == impossible {
			continue
		}
		if v := best[st] - missingCost(s.set); end < 0 || v > top {
			top, end = v, st
		}
	}
	path := make([]int, n)
	s := pathStates[end]
	for i := n - 1; i >= 0; i-- {
		path[i] = s.k
		if i == 0 {
			break
		}
		if from := trace[i*states+stateOf(s.set, s.k)]; from != stayed {
			s = pathState{s.set.without(s.k), int(from)}
		}
	}
	return path, top
}

// Order is the order a text gives its parts, as `karir parse --explain`
// shows it.
type Order struct {
	// Parts are the parts the text has, in the order they open, each with
	// the line it opens on and why it opens there.
	Parts []Opening `json:"parts"`
	// Unusual is set when a part comes before one the usual order puts
	// ahead of it.
	Unusual bool `json:"unusual"`
	// Margin is how much better the reading explains the text than the
	// best reading in the usual order, in the placement's points; 0 when
	// the order is usual.
	Margin int `json:"margin"`
}

// Opening is where one part opens and why.
type Opening struct {
	Section profile.SectionKey `json:"section"`
	Line    int                `json:"line"`
	Reason  string             `json:"reason"`
}

// orderOf reads the order of the parts from where the sentences went.
func orderOf(placements []Placement) Order {
	var o Order
	highest := -1
	for i, p := range placements {
		if i > 0 && placements[i-1].Section == p.Section {
			continue
		}
		o.Parts = append(o.Parts, Opening{Section: p.Section, Line: p.Line, Reason: p.Reason})
		k := indexOf(p.Section)
		o.Unusual = o.Unusual || k < highest
		highest = max(highest, k)
	}
	return o
}

// outOfPlace is the first part that opens before one the usual order puts
// ahead of it, and that one; ok is false when the order is usual.
func (o Order) outOfPlace() (early, late Opening, ok bool) {
	for i, a := range o.Parts {
		for _, b := range o.Parts[i+1:] {
			if indexOf(b.Section) < indexOf(a.Section) {
				return a, b, true
			}
		}
	}
	return Opening{}, Opening{}, false
}
