package readmodel

import (
	"context"
	"math/bits"
	"slices"
	"strings"

	"github.com/karir/karir/internal/profile"
)

// lookup returns the current snapshot and its entry under slug, or an
// ENOTFOUND Error.
func (m *Model) lookup(slug string) (*snapshot, *entry, error) {
	s, err := m.current()
	if err != nil {
		return nil, nil, err
	}
	e, ok := s.bySlug[slug]
	if !ok {
		return nil, nil, profile.NoProfile(slug)
	}
	return s, e, nil
}

// position returns the place of e in the list order.
func (s *snapshot) position(e *entry) int {
	i, _ := slices.BinarySearchFunc(s.order, e, compareEntries)
	return i
}

// Traits returns the vocabulary with the counts of the current snapshot.
func (m *Model) Traits(context.Context) ([]profile.TraitCount, error) {
	s, err := m.current()
	if err != nil {
		return nil, err
	}
	out := make([]profile.TraitCount, len(vocabulary))
	for i, name := range vocabulary {
		out[i] = profile.TraitCount{Name: name, Label: profile.TraitLabel(name),
			FitCount: s.index.fitCount[i], NonFitCount: s.index.nonFitCount[i]}
	}
	return out, nil
}

// listTraits is the page of List under a trait filter: the profiles from
// position start on whose fit section names every trait of traits, all
// known. It reads the intersection of the traits' bit sets, a word of 64
// profiles at a time.
func (s *snapshot) listTraits(start, limit int, traits []string) profile.Page {
	sets := make([][]uint64, 0, len(traits))
	for _, t := range traits {
		sets = append(sets, s.index.withTrait[slices.Index(vocabulary, t)])
	}
	having := func(w int) uint64 {
		x := sets[0][w]
		for _, set := range sets[1:] {
			x &= set[w]
		}
		return x
	}
	page := profile.Page{Items: []profile.Summary{}}
	last := -1
	for w := range sets[0] {
		x := having(w)
		page.Total += bits.OnesCount64(x)
		if w < start/64 || page.Next != nil {
			continue
		}
		if w == start/64 {
			x &^= 1<<(start%64) - 1
		}
		for ; x != 0; x &= x - 1 {
			i := w*64 + bits.TrailingZeros64(x)
			if len(page.Items) == limit {
				page.Next = &profile.PageKey{Title: s.order[last].summary.Title, Slug: s.order[last].summary.Slug}
				break
			}
			page.Items = append(page.Items, s.order[i].summary)
			last = i
		}
	}
	return page
}

// mask returns the bits of traits of the vocabulary.
func mask(traits []string) uint32 {
	var m uint32
	for _, t := range traits {
		if i := slices.Index(vocabulary, t); i >= 0 {
			m |= 1 << i
		}
	}
	return m
}

// Match implements profile.SearchService.Match: every profile that names
// one of the person's traits is scored, the best m.Limit kept.
func (m *Model) Match(_ context.Context, req profile.MatchRequest) ([]profile.MatchResult, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	s, err := m.current()
	if err != nil {
		return nil, err
	}
	ix := s.index
	want, avoid := mask(req.Traits), mask(req.Avoid)
	best := newTop(req.Limit, func(a, b uint64) bool { return a > b })
	for i, all := range ix.all {
		if all&want == 0 {
			continue
		}
		score := hundredths(bits.OnesCount32(all&want), int(ix.allN[i])) - 2500*bits.OnesCount32(all&avoid)
		// The score ranks first and the position, inverted, breaks ties.
		key := uint64(max(score, 0))<<32 | uint64(^uint32(i))
		if len(best.heap) < best.k || key > best.heap[0] {
			best.offer(key)
		}
	}
	out := []profile.MatchResult{}
	for _, key := range best.sorted() {
		e := s.order[^uint32(key)]
		fit, nonFit := m.names.text(e.facts.fitTraits()), m.names.text(e.facts.nonFitTraits())
		r := profile.MatchResult{Slug: e.summary.Slug, Title: e.summary.Title, Score: float64(key>>32) / 100}
		out = append(out, matchResult(r, fit, nonFit, req))
	}
	return out, nil
}

// hundredths is 100 × part / whole in hundredths, rounded half up, for
// 0 < part <= whole.
func hundredths(part, whole int) int {
	if whole < len(shares) {
		return int(shares[whole][part])
	}
	return (20000*part + whole) / (2 * whole)
}

// shares holds hundredths for the counts of traits a profile names, so
// that ranking every profile divides nothing.
var shares = func() (table [33][33]uint16) {
	for whole := 1; whole < len(table); whole++ {
		for part := 0; part <= whole; part++ {
			table[whole][part] = uint16((20000*part + whole) / (2 * whole))
		}
	}
	return table
}()

// matchResult fills in what the person has, lacks and should beware of.
func matchResult(r profile.MatchResult, fit, nonFit []string, m profile.MatchRequest) profile.MatchResult {
	r.Matched, r.Missing, r.Warnings = []string{}, []string{}, []string{}
	for _, t := range slices.Concat(fit, nonFit) {
		switch {
		case slices.Contains(r.Matched, t) || slices.Contains(r.Missing, t):
		case slices.Contains(m.Traits, t):
			r.Matched = append(r.Matched, t)
		default:
			r.Missing = append(r.Missing, t)
		}
		if slices.Contains(m.Avoid, t) && !slices.Contains(r.Warnings, avoidWarning(t)) {
			r.Warnings = append(r.Warnings, avoidWarning(t))
		}
	}
	for _, t := range nonFit {
		if !slices.Contains(m.Traits, t) {
			r.Warnings = append(r.Warnings, "Profil ini tidak cocok bagi orang yang kurang dalam "+t+".")
		}
	}
	return r
}

func avoidWarning(trait string) string {
	return "Pekerjaan ini menuntut " + trait + ", yang ingin Anda hindari."
}

// compared marks, in a counter of Related, a profile that compares itself
// with a profession the profile asked about does; the bits below count the
// title words they share.
const compared = 1 << 31

// likeness is a Related score as an exact fraction, in ten-thousandths,
// and the position that breaks its ties.
type likeness struct {
	num, den uint64
	pos      int
}

// better reports whether a ranks before b: a higher score, or the same
// score earlier in the list order.
func (a likeness) better(b likeness) bool {
	ahi, alo := bits.Mul64(a.num, b.den)
	bhi, blo := bits.Mul64(b.num, a.den)
	if ahi != bhi || alo != blo {
		return ahi > bhi || ahi == bhi && alo > blo
	}
	return a.pos < b.pos
}

// Related implements profile.SearchService.Related. The candidates are the
// profiles that share a fit trait or a compared profession with the
// profile under slug, scored as
//
//	0.6 × Jaccard index of the fit traits
//	+ 0.25 when both compare themselves with a same profession
//	+ 0.15 × Jaccard index of the title words (three letters or more).
func (m *Model) Related(_ context.Context, slug string) ([]profile.RelatedProfile, error) {
	s, e, err := m.lookup(slug)
	if err != nil {
		return nil, err
	}
	ix, me := s.index, s.position(e)
	pooled := ix.counterPools.Get().(*[]uint32)
	counters := *pooled
	defer func() {
		clear(counters)
		ix.counterPools.Put(pooled)
	}()
	for _, w := range e.facts.words() {
		for _, pos := range ix.words.of(w) {
			counters[pos]++
		}
	}
	profs := e.facts.professions()
	for j := 1; j < len(profs); j += 2 {
		for _, pos := range ix.professions.of(profs[j]) {
			counters[pos] |= compared
		}
	}
	odd := map[int]uint64{} // fit traits outside the vocabulary shared
	for _, id := range e.facts.fitTraits() {
		if bit(id) == 0 {
			for _, pos := range ix.oddFit.of(id) {
				odd[int(pos)]++
			}
		}
	}
	meFit, meFitN, meWordN := e.facts.fit, uint64(e.facts.nFit), uint64(e.facts.nWords)
	best := newTop(profile.MaxRelated, likeness.better)
	// A score in floating point, from tables of the shares, weeds out
	// most candidates; those that may enter are compared exactly.
	var traitShare, wordShare [64]float64
	for d := 1; d < len(traitShare); d++ {
		traitShare[d], wordShare[d] = 0.6/float64(d), 0.15/float64(d)
	}
	share := func(table *[64]float64, weight float64, d uint64) float64 {
		if d < uint64(len(table)) {
			return table[d]
		}
		return weight / float64(d)
	}
	floor := -1.0 // below it, nothing enters
	for i, fit := range ix.fit {
		shared := uint64(bits.OnesCount32(meFit & fit))
		if len(odd) > 0 {
			shared += odd[i]
		}
		c := counters[i]
		if shared == 0 && c&compared == 0 || i == me {
			continue
		}
		words := uint64(c &^ compared)
		traitsDen := max(1, meFitN+uint64(ix.fitN[i])-shared)
		wordsDen := max(1, meWordN+uint64(ix.wordN[i])-words)
		approx := float64(shared)*share(&traitShare, 0.6, traitsDen) + float64(words)*share(&wordShare, 0.15, wordsDen) +
			0.25*float64(c>>31)
		if approx < floor {
			continue
		}
		l := likeness{num: 6000*shared*wordsDen + 1500*words*traitsDen, den: traitsDen * wordsDen, pos: i}
		if c&compared != 0 {
			l.num += 2500 * l.den
		}
		best.offer(l)
		if len(best.heap) == best.k {
			worst := best.heap[0]
			floor = float64(worst.num)/float64(worst.den)/10000 - 1e-9
		}
	}
	out := []profile.RelatedProfile{}
	for _, l := range best.sorted() {
		other := s.order[l.pos]
		out = append(out, profile.RelatedProfile{
			Slug: other.summary.Slug, Title: other.summary.Title,
			// Rounded to four places, half up, as the score was before.
			Score:  float64((2*l.num+l.den)/(2*l.den)) / 10000,
			Reason: m.relatedReason(&e.facts, &other.facts),
		})
	}
	return out, nil
}

// relatedReason says in Indonesian what two profiles share: the fit traits
// in the other's order, the compared professions as the first names them
// and the title words, both in byte order.
func (m *Model) relatedReason(me, other *facts) string {
	var traits, words, professions []uint32
	for _, id := range other.fitTraits() {
		if slices.Contains(me.fitTraits(), id) {
			traits = append(traits, id)
		}
	}
	for _, w := range other.words() {
		if slices.Contains(me.words(), w) {
			words = append(words, w)
		}
	}
	mine, theirs := me.professions(), other.professions()
	for j := 0; j < len(mine); j += 2 {
		for k := 1; k < len(theirs); k += 2 {
			if mine[j+1] == theirs[k] && !slices.Contains(professions, mine[j]) {
				professions = append(professions, mine[j])
			}
		}
	}
	var parts []string
	if len(traits) > 0 {
		parts = append(parts, "Sama-sama menuntut "+joinID(m.names.text(traits))+".")
	}
	if len(professions) > 0 {
		parts = append(parts, "Sama-sama dibandingkan dengan "+joinID(slices.Sorted(slices.Values(m.names.text(professions))))+".")
	}
	if len(words) > 0 {
		quoted := slices.Sorted(slices.Values(m.names.text(words)))
		for i, w := range quoted {
			quoted[i] = "“" + w + "”"
		}
		parts = append(parts, "Judulnya sama-sama memuat kata "+joinID(quoted)+".")
	}
	return strings.Join(parts, " ")
}

// joinID joins a list the Indonesian way: "a, b dan c".
func joinID(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " dan " + items[len(items)-1]
}

// top keeps the best k of what it is offered: a heap with the worst kept
// on top, so that most offers cost one comparison.
type top[T any] struct {
	k      int
	better func(a, b T) bool
	heap   []T
}

func newTop[T any](k int, better func(a, b T) bool) *top[T] {
	return &top[T]{k: k, better: better, heap: make([]T, 0, k)}
}

func (t *top[T]) offer(x T) {
	h := t.heap
	if len(h) == t.k {
		if !t.better(x, h[0]) {
			return
		}
		h[0] = x
	} else {
		h = append(h, x)
		t.heap = h
		for i := len(h) - 1; i > 0; {
			parent := (i - 1) / 2
			if !t.better(h[parent], h[i]) {
				break
			}
			h[parent], h[i] = h[i], h[parent]
			i = parent
		}
		return
	}
	for i := 0; ; {
		worst, l, r := i, 2*i+1, 2*i+2
		if l < len(h) && t.better(h[worst], h[l]) {
			worst = l
		}
		if r < len(h) && t.better(h[worst], h[r]) {
			worst = r
		}
		if worst == i {
			return
		}
		h[i], h[worst] = h[worst], h[i]
		i = worst
	}
}

// sorted returns what was kept, best first.
func (t *top[T]) sorted() []T {
	slices.SortFunc(t.heap, func(a, b T) int {
		if t.better(a, b) {
			return -1
		}
		return 1
	})
	return t.heap
}
