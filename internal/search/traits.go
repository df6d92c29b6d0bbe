package search

import (
	"math/bits"
	"slices"

	"github.com/karir/karir/internal/profile"
)

// Traits answers profile.SearchService's Traits: the vocabulary with the
// counts of the index's profiles.
func (ix *Index) Traits() []profile.TraitCount {
	out := make([]profile.TraitCount, len(traitNames))
	for i, name := range traitNames {
		out[i] = profile.TraitCount{Name: name, Label: profile.TraitLabel(name),
			FitCount: ix.disc.fitCount[i], NonFitCount: ix.disc.nonFitCount[i]}
	}
	return out
}

// WithTraits calls yield with the ordinal of each profile, from start on
// and ascending, whose fit section names every trait of traits, all of the
// vocabulary, until yield returns false; it returns how many profiles name
// them all. It reads the intersection of the traits' bit sets, a word of
// 64 profiles at a time.
func (ix *Index) WithTraits(traits []string, start int, yield func(ord int) bool) (total int) {
	sets := make([][]uint64, 0, len(traits))
	for _, t := range traits {
		sets = append(sets, ix.disc.withTrait[slices.Index(traitNames, t)])
	}
	having := func(w int) uint64 {
		x := sets[0][w]
		for _, set := range sets[1:] {
			x &= set[w]
		}
		return x
	}
	more := true
	for w := range sets[0] {
		x := having(w)
		total += bits.OnesCount64(x)
		if w < start/64 || !more {
			continue
		}
		if w == start/64 {
			x &^= 1<<(start%64) - 1
		}
		for ; x != 0 && more; x &= x - 1 {
			more = yield(w*64 + bits.TrailingZeros64(x))
		}
	}
	return total
}
