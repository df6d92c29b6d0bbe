package search

import (
	"math/bits"
	"slices"
	"sync"
)

// discovery is what traits, related and match read of an index: per
// profile, at its ordinal, the masks and counts that scoring reads (side by
// side, so that a scan of every profile reads memory in order), per-trait
// bit sets of the fit sections, the profiles holding each title word and
// compared profession, and the trait counts.
type discovery struct {
	fit, all    []uint32 // vocabulary traits: fit; fit and non_fit
	fitN, allN  []uint32 // distinct traits, names outside the vocabulary included
	wordN       []uint32 // distinct title words
	titleWords  holders
	professions holders // by folded profession
	oddFit      holders // fit traits outside the vocabulary
	counts      traitCounts
	// withTrait holds, per vocabulary trait, a bit per ordinal: set when
	// the profile there names the trait in its fit section.
	withTrait    [][]uint64
	counterPools *sync.Pool // of *[]uint32 as long as the docs, zeroed
}

// newDiscovery returns what discovery reads of docs, from what it read of
// fromDocs (from; nil when the build starts from nothing), which ch maps
// onto docs. What the profiles of both share is copied from from; only
// the fresh profiles' facts are read, for the Docs are scattered in memory
// and reading all of them costs more than the rest of the work.
func newDiscovery(from *discovery, fromDocs, docs []*Doc, ch changes) *discovery {
	n := len(docs)
	next := &discovery{
		fit: make([]uint32, n), all: make([]uint32, n),
		fitN: make([]uint32, n), allN: make([]uint32, n), wordN: make([]uint32, n),
		counterPools: &sync.Pool{New: func() any {
			counters := make([]uint32, n)
			return &counters
		}},
	}
	if from != nil {
		next.counts = from.counts
	}
	for old, to := range ch.moved {
		if to < 0 {
			next.counts.tally(&fromDocs[old].facts, -1)
			continue
		}
		next.fit[to], next.all[to] = from.fit[old], from.all[old]
		next.fitN[to], next.allN[to], next.wordN[to] = from.fitN[old], from.allN[old], from.wordN[old]
	}
	for _, i := range ch.fresh {
		f := &docs[i].facts
		next.fit[i], next.all[i] = f.fit, f.fit|f.nonFit
		next.fitN[i], next.allN[i], next.wordN[i] = f.nFit, uint32(f.allTraits()), f.nWords
		next.counts.tally(f, 1)
	}
	next.lists(from, docs, ch)
	next.withTrait = make([][]uint64, len(traitNames))
	for t := range next.withTrait {
		next.withTrait[t] = make([]uint64, (n+63)/64)
	}
	for i, fit := range next.fit {
		for ; fit != 0; fit &= fit - 1 {
			next.withTrait[bits.TrailingZeros32(fit)][i/64] |= 1 << (i % 64)
		}
	}
	return next
}

// lists fills in the profiles holding each title word, compared profession
// and fit trait outside the vocabulary: from's lists moved, with the fresh
// profiles merged in, when ch keeps the order; else read from every Doc.
func (d *discovery) lists(from *discovery, docs []*Doc, ch changes) {
	keep, ords := ch.reading(from != nil, len(docs))
	var kept discovery
	if keep {
		kept = *from
	}
	var words, professions, oddFit held
	for _, i := range ords {
		f := &docs[i].facts
		ord := int32(i)
		words.add(ord, f.words()...)
		profs := f.professions()
		for k := 1; k < len(profs); k += 2 {
			if !slices.Contains(profs[1:k:k], profs[k]) { // a folded id once, at its first pair
				professions.add(ord, profs[k])
			}
		}
		for _, id := range f.fitTraits() {
			if traitBit(id) == 0 {
				oddFit.add(ord, id)
			}
		}
	}
	d.titleWords = kept.titleWords.refreshed(ch.moved, &words)
	d.professions = kept.professions.refreshed(ch.moved, &professions)
	d.oddFit = kept.oddFit.refreshed(ch.moved, &oddFit)
}

// traitCounts are how many profiles name each trait of the vocabulary, in
// their fit and non_fit sections, by the trait's bit.
type traitCounts struct {
	fit, nonFit [32]int
}

// tally adds sign to the counts of the traits f names.
func (c *traitCounts) tally(f *facts, sign int) {
	for t := range traitNames {
		c.fit[t] += sign * int(f.fit>>t&1)
		c.nonFit[t] += sign * int(f.nonFit>>t&1)
	}
}
