package search

import "slices"

// topK keeps the best k of what it is offered: a heap with the worst kept
// on top, so that an offer that does not enter costs one comparison.
// Search, related and match each keep their best with one.
type topK[T any] struct {
	k      int
	better func(a, b T) bool
	heap   []T
}

// heapRoom is the most room a heap takes at its first offer, more than a
// page: one kept for a deep page grows as it fills.
const heapRoom = 128

func newTopK[T any](k int, better func(a, b T) bool) topK[T] {
	return topK[T]{k: k, better: better}
}

// full reports whether k are kept: what enters then takes the worst's place.
func (t *topK[T]) full() bool { return len(t.heap) == t.k }

// worst returns the worst kept; there must be one.
func (t *topK[T]) worst() T { return t.heap[0] }

// offer keeps x when it is among the k best so far.
func (t *topK[T]) offer(x T) {
	h := t.heap
	if len(h) == t.k {
		if !t.better(x, h[0]) {
			return
		}
		h[0] = x
	} else {
		if h == nil {
			h = make([]T, 0, min(t.k, heapRoom))
		}
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
func (t *topK[T]) sorted() []T {
	slices.SortFunc(t.heap, func(a, b T) int {
		if t.better(a, b) {
			return -1
		}
		return 1
	})
	return t.heap
}

// ranking keeps the k best hits of a search or a match. It keeps the rank
// of the worst kept apart once k are (floor, else 0), so that push is
// small enough to be inlined into the loops over postings, where most hits
// are turned away by that one comparison.
type ranking struct {
	topK[hit]
	floor uint64
}

func newRanking(k int) *ranking { return &ranking{topK: newTopK(k, hit.before)} }

// push keeps h when it is among the k best so far.
func (r *ranking) push(h hit) {
	if h.rank() > r.floor {
		r.keep(h)
	}
}

func (r *ranking) keep(h hit) {
	r.offer(h)
	if r.full() {
		r.floor = r.worst().rank()
	}
}

// admits reports whether a hit of key, whose ordinal follows those of
// every hit kept, would be kept.
func (r *ranking) admits(key uint32) bool {
	return !r.full() || key > uint32(r.floor>>32)
}
