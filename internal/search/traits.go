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
			FitCount: ix.counts.fit[i], NonFitCount: ix.counts.nonFit[i]}
	}
	return out
}

// WithTraits calls yield with the slug of each profile, in the
// catalogue's order after the key after (from the first when nil), whose
// fit section names every trait of traits, all of the vocabulary, until
// yield returns false; it returns how many profiles name them all. It
// reads the base's intersection of the traits' bit sets, a word of 64
// profiles at a time, and merges in the fresh tier's profiles.
func (ix *Index) WithTraits(traits []string, after *profile.PageKey, yield func(slug string) bool) (total int) {
	sets := make([][]uint64, 0, len(traits))
	for _, t := range traits {
		sets = append(sets, ix.disc.withTrait[slices.Index(traitNames, t)])
	}
	having := func(w int) uint64 {
		x := sets[0][w] &^ ix.gone.word(w)
		for _, set := range sets[1:] {
			x &= set[w]
		}
		return x
	}
	want := traitMask(traits)
	var fresh []*Doc
	for _, d := range ix.fresh {
		if d.facts.fit&want == want {
			fresh = append(fresh, d)
		}
	}
	total = len(fresh)
	for w := range sets[0] {
		total += bits.OnesCount64(having(w))
	}
	from := 0
	if after != nil {
		key := &Doc{title: after.Title, slug: after.Slug}
		from = startAfter(ix.base, key)
		fresh = fresh[startAfter(fresh, key):]
	}
	more := true
	next := func(d *Doc) {
		for more && len(fresh) > 0 && (d == nil || compareDocs(fresh[0], d) < 0) {
			more, fresh = yield(fresh[0].slug), fresh[1:]
		}
		if more && d != nil {
			more = yield(d.slug)
		}
	}
	for w := from / 64; w < len(sets[0]) && more; w++ {
		x := having(w)
		if w == from/64 {
			x &^= 1<<(from%64) - 1
		}
		for ; x != 0 && more; x &= x - 1 {
			next(ix.base[w*64+bits.TrailingZeros64(x)])
		}
	}
	next(nil)
	return total
}

// startAfter returns where the Docs of sorted after key start.
func startAfter(sorted []*Doc, key *Doc) int {
	i, found := slices.BinarySearchFunc(sorted, key, compareDocs)
	if found {
		i++
	}
	return i
}
