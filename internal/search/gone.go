package search

import "math/bits"

// gone marks, by ordinal, the profiles a base index holds that have
// changed or gone since it was built (tiers.go): every stage that counts
// or ranks the base's profiles leaves them out. Nil marks none.
type gone []uint64

// has reports whether the profile at ord is gone.
func (g gone) has(ord int) bool { return g != nil && g[ord>>6]&(1<<(ord&63)) != 0 }

// word returns the marks of the w-th 64 profiles.
func (g gone) word(w int) uint64 {
	if g == nil {
		return 0
	}
	return g[w]
}

// with returns g over n profiles with ords marked too: a copy, unless
// ords is empty.
func (g gone) with(n int, ords []int32) gone {
	if len(ords) == 0 {
		return g
	}
	out := make(gone, (n+63)/64)
	copy(out, g)
	for _, ord := range ords {
		out[ord>>6] |= 1 << (ord & 63)
	}
	return out
}

// count returns how many are marked.
func (g gone) count() int {
	n := 0
	for _, w := range g {
		n += bits.OnesCount64(w)
	}
	return n
}

// clearGone zeroes, in a, which holds an entry per profile from the
// ordinal base on, the entries of the gone profiles: what ranks a reads
// next then passes them over.
func clearGone[T uint8 | uint32](g gone, a []T, base int) {
	if g == nil {
		return
	}
	for w := base / 64; w < len(g) && w*64 < base+len(a); w++ {
		for x := g[w]; x != 0; x &= x - 1 {
			if i := w*64 + bits.TrailingZeros64(x) - base; i >= 0 && i < len(a) {
				a[i] = 0
			}
		}
	}
}
