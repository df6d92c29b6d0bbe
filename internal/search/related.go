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
// and the ordinal that breaks its ties.
type likeness struct {
	num, den uint64
	ord      int
}

// better reports whether a ranks before b: a higher score, or the same
// score earlier in the catalogue's order.
func (a likeness) better(b likeness) bool {
	ahi, alo := bits.Mul64(a.num, b.den)
	bhi, blo := bits.Mul64(b.num, a.den)
	if ahi != bhi || alo != blo {
		return ahi > bhi || ahi == bhi && alo > blo
	}
	return a.ord < b.ord
}

// Related answers profile.SearchService's Related for the profile at
// ordinal me. The candidates are the profiles that share a fit trait or a
// compared profession with it, scored as
//
//	0.6 × Jaccard index of the fit traits
//	+ 0.25 when both compare themselves with a same profession
//	+ 0.15 × Jaccard index of the title words (three letters or more).
func (ix *Index) Related(me int) []profile.RelatedProfile {
	disc, f := ix.disc, &ix.docs[me].facts
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
		if shared == 0 && c&compared == 0 || i == me {
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
		l := likeness{num: 6000*shared*wordsDen + 1500*words*traitsDen, den: traitsDen * wordsDen, ord: i}
		if c&compared != 0 {
			l.num += 2500 * l.den
		}
		best.offer(l)
		if best.full() {
			worst := best.worst()
			floor = float64(worst.num)/float64(worst.den)/10000 - 1e-9
		}
	}
	out := []profile.RelatedProfile{}
	for _, l := range best.sorted() {
		other := ix.docs[l.ord]
		out = append(out, profile.RelatedProfile{
			Slug: other.slug, Title: other.title,
			// Rounded to four places, half up, as the score was before.
			Score:  float64((2*l.num+l.den)/(2*l.den)) / 10000,
			Reason: ix.engine.names.reason(f, &other.facts),
		})
	}
	return out
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
