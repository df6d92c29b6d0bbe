package readmodel

import (
	"maps"
	"slices"
)

// slugIndex finds the entries of a snapshot by slug. Copying a map of
// every profile for each change would cost a write at 100,000 profiles
// tens of milliseconds, so the snapshots share one map of the catalogue
// as some load read it, and each holds its own small map of the changes
// since; those are folded in once they reach a sixteenth of the catalogue.
type slugIndex struct {
	base map[string]*entry
	// changes holds the entries changed since base; nil where gone.
	changes map[string]*entry
}

// foldAt is the fewest changes a slugIndex folds into a new base.
const foldAt = 1024

func newSlugIndex(entries []*entry) slugIndex {
	base := make(map[string]*entry, len(entries))
	for _, e := range entries {
		base[e.summary.Slug] = e
	}
	return slugIndex{base: base}
}

// get returns the entry under slug, or nil.
func (x slugIndex) get(slug string) *entry {
	if e, ok := x.changes[slug]; ok {
		return e
	}
	return x.base[slug]
}

// with returns x where each of slugs holds its entry of changed, or none.
func (x slugIndex) with(slugs []string, changed []*entry) slugIndex {
	out := slugIndex{base: x.base, changes: make(map[string]*entry, len(x.changes)+len(slugs))}
	maps.Copy(out.changes, x.changes)
	for _, slug := range slugs {
		out.changes[slug] = nil
	}
	for _, e := range changed {
		out.changes[e.summary.Slug] = e
	}
	if len(out.changes) < max(foldAt, len(out.base)/16) {
		return out
	}
	base := maps.Clone(out.base)
	for slug, e := range out.changes {
		if e == nil {
			delete(base, slug)
		} else {
			base[slug] = e
		}
	}
	return slugIndex{base: base}
}

// spliced returns order, sorted by compareEntries, without the entries of
// out and with those of in, sorted too: one copy of order, not a sort.
func spliced(order, out, in []*entry) []*entry {
	drop := make([]int, 0, len(out))
	for _, e := range out {
		if i, found := slices.BinarySearchFunc(order, e, compareEntries); found && order[i] == e {
			drop = append(drop, i)
		}
	}
	slices.Sort(drop)
	drop = slices.Compact(drop) // an entry given twice goes once
	res := make([]*entry, 0, len(order)-len(drop)+len(in))
	from := 0 // order[from:] is still to copy
	// upTo copies the entries of order before at that are not dropped.
	upTo := func(at int) {
		for len(drop) > 0 && drop[0] < at {
			res = append(res, order[from:drop[0]]...)
			from, drop = drop[0]+1, drop[1:]
		}
		res = append(res, order[from:at]...)
		from = at
	}
	for _, e := range in {
		at, _ := slices.BinarySearchFunc(order[from:], e, compareEntries)
		upTo(from + at)
		res = append(res, e)
	}
	upTo(len(order))
	return res
}
