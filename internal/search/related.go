package search

import (
	"math/bits"
	"slices"
	"strings"

	"github.com/karir/karir/internal/profile"
)

// compared marks, in a counter of Related, a profile that compares itself
// with a profession the profile asked about does; the bits below count the
// title words they share.
const compared = 1 << 31

// likeness is a Related score as an exact fraction, in ten-thousandths,
// and the ordinal, in its tier, that breaks its ties.
type likeness struct {
	num, den uint64
	ord      int
}

// likenessOf is the likeness of two profiles that share shared fit traits
// and words title words, of fitN and wordN each (the one asked about has
// meFitN and meWordN), and compare themselves with a same profession when
// both is set.
func likenessOf(shared, words, meFitN, meWordN, fitN, wordN uint64, both bool) likeness {
	traitsDen := max(1, meFitN+fitN-shared)
	wordsDen := max(1, meWordN+wordN-words)
	l := likeness{num: 6000*shared*wordsDen + 1500*words*traitsDen, den: traitsDen * wordsDen}
	if both {
		l.num += 2500 * l.den
	}
	return l
}

// above reports whether a scores higher than b.
func (a likeness) above(b likeness) bool {
	ahi, alo := bits.Mul64(a.num, b.den)
	bhi, blo := bits.Mul64(b.num, a.den)
	return ahi > bhi || ahi == bhi && alo > blo
}

// better reports whether a ranks before b of the same tier: a higher
// score, or the same score earlier in the catalogue's order.
func (a likeness) better(b likeness) bool {
	return a.above(b) || !b.above(a) && a.ord < b.ord
}

// Related answers profile.SearchService's Related for the profile me, a
// Doc of the index. The candidates are the profiles that share a fit trait
// or a compared profession with it, scored as
//
//	0.6 × Jaccard index of the fit traits
//	+ 0.25 when both compare themselves with a same profession
//	+ 0.15 × Jaccard index of the title words (three letters or more).
//
// The base's candidates come from its lists, the fresh tier's from their
// facts; both rank by score, then the catalogue's order.
func (ix *Index) Related(me *Doc) []profile.RelatedProfile {
	f := &me.facts
	type found struct {
		likeness
		d *Doc
	}
	var all []found
	for _, l := range ix.relatedInBase(me) {
		all = append(all, found{l, ix.base[l.ord]})
	}
	best := newTopK(profile.MaxRelated, likeness.better)
	for i, o := range ix.fresh {
		if o != me {
			if l, ok := relatedFacts(f, &o.facts); ok {
				l.ord = i
				best.offer(l)
			}
		}
	}
	for _, l := range best.sorted() {
		all = append(all, found{l, ix.fresh[l.ord]})
	}
	slices.SortStableFunc(all, func(a, b found) int {
		switch {
		case a.above(b.likeness):
			return -1
		case b.above(a.likeness):
			return 1
		}
		return compareDocs(a.d, b.d)
	})
	out := []profile.RelatedProfile{}
	for _, l := range all[:min(len(all), profile.MaxRelated)] {
		out = append(out, profile.RelatedProfile{
			Slug: l.d.slug, Title: l.d.title,
			// Rounded to four places, half up, as the score was before.
			Score:  float64((2*l.num+l.den)/(2*l.den)) / 10000,
			Reason: ix.engine.names.reason(f, &l.d.facts),
		})
	}
	return out
}

// relatedFacts is the likeness of other to me, read from their facts, and
// whether other is a candidate at all: as the base's lists count them.
func relatedFacts(me, other *facts) (likeness, bool) {
	shared := uint64(bits.OnesCount32(me.fit & other.fit))
	for _, id := range me.fitTraits() {
		if traitBit(id) == 0 && slices.Contains(other.fitTraits(), id) {
			shared++
		}
	}
	words := uint64(0)
	for _, w := range me.words() {
		if slices.Contains(other.words(), w) {
			words++
		}
	}
	both := false
	mine, theirs := me.professions(), other.professions()
	for j := 1; j < len(mine) && !both; j += 2 {
		for k := 1; k < len(theirs) && !both; k += 2 {
			both = mine[j] == theirs[k]
		}
	}
	if shared == 0 && !both {
		return likeness{}, false
	}
	return likenessOf(shared, words, uint64(me.nFit), uint64(me.nWords), uint64(other.nFit), uint64(other.nWords), both), true
}

// relatedInBase returns the best related profiles of me in the base,
// best first: its candidates counted from the lists of title words,
// professions and traits outside the vocabulary, then scored side by side.
func (ix *Index) relatedInBase(me *Doc) []likeness {
	disc, f := ix.disc, &me.facts
	meOrd := -1
	if ord, ok := ordOf(ix.base, me); ok {
		meOrd = int(ord)
	}
	pooled := disc.counterPools.Get().(*[]uint32)
	counters := *pooled
	defer func() {
		clear(counters)
		disc.counterPools.Put(pooled)
	}()
	for _, w := range f.words() {
		for _, ord := range disc.titleWords.of(w) {
			counters[ord]++
		}
	}
	profs := f.professions()
	for j := 1; j < len(profs); j += 2 {
		for _, ord := range disc.professions.of(profs[j]) {
			counters[ord] |= compared
		}
	}
	odd := map[int]uint64{} // fit traits outside the vocabulary shared
	for _, id := range f.fitTraits() {
		if traitBit(id) == 0 {
			for _, ord := range disc.oddFit.of(id) {
				odd[int(ord)]++
			}
		}
	}
	meFit, meFitN, meWordN := f.fit, uint64(f.nFit), uint64(f.nWords)
	best := newTopK(profile.MaxRelated, likeness.better)
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
	for i, fit := range disc.fit {
		shared := uint64(bits.OnesCount32(meFit & fit))
		if len(odd) > 0 {
			shared += odd[i]
		}
		c := counters[i]
		if shared == 0 && c&compared == 0 || i == meOrd || ix.gone.has(i) {
			continue
		}
		words := uint64(c &^ compared)
		traitsDen := max(1, meFitN+uint64(disc.fitN[i])-shared)
		wordsDen := max(1, meWordN+uint64(disc.wordN[i])-words)
		approx := float64(shared)*share(&traitShare, 0.6, traitsDen) + float64(words)*share(&wordShare, 0.15, wordsDen) +
			0.25*float64(c>>31)
		if approx < floor {
			continue
		}
		l := likenessOf(shared, words, meFitN, meWordN, uint64(disc.fitN[i]), uint64(disc.wordN[i]), c&compared != 0)
		l.ord = i
		best.offer(l)
		if best.full() {
			worst := best.worst()
			floor = float64(worst.num)/float64(worst.den)/10000 - 1e-9
		}
	}
	return best.sorted()
}

// reason says in Indonesian what two profiles share: the fit traits in
// the other's order, the compared professions as the first names them and
// the title words, both in byte order.
func (in *interner) reason(me, other *facts) string {
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
		parts = append(parts, say.sharedTraits.with(joinID(in.text(traits))))
	}
	if len(professions) > 0 {
		parts = append(parts, say.sharedProfessions.with(joinID(slices.Sorted(slices.Values(in.text(professions))))))
	}
	if len(words) > 0 {
		quoted := slices.Sorted(slices.Values(in.text(words)))
		for i, w := range quoted {
			quoted[i] = say.titleWord.with(w)
		}
		parts = append(parts, say.sharedTitleWords.with(joinID(quoted)))
	}
	return strings.Join(parts, " ")
}

// joinID joins a list the Indonesian way: "a, b dan c".
func joinID(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + say.and + " " + items[len(items)-1]
}
