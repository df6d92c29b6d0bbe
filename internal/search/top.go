package search

import "slices"

// topK keeps the k best hits.
type topK struct {
	k    int
	heap []hit // the worst kept on top
	// floor is the rank of the worst kept once k are, else 0.
	floor uint64
}

// push keeps h when it is among the k best so far. It is small enough to
// be inlined into the loops over postings, where most hits are turned away
// by the one comparison with the worst kept.
func (t *topK) push(h hit) {
	if h.rank() > t.floor {
		t.keep(h)
	}
}

// keep puts h into the heap, in place of the worst when it is full.
func (t *topK) keep(h hit) {
	if len(t.heap) < t.k {
		t.heap = append(t.heap, h)
		for i := len(t.heap) - 1; i > 0; {
			parent := (i - 1) / 2
			if !t.heap[parent].before(t.heap[i]) {
				break
			}
			t.heap[parent], t.heap[i] = t.heap[i], t.heap[parent]
			i = parent
		}
		if len(t.heap) == t.k {
			t.floor = t.heap[0].rank()
		}
		return
	}
	t.heap[0] = h
	for i := 0; ; {
		worst, l, r := i, 2*i+1, 2*i+2
		if l < len(t.heap) && t.heap[worst].before(t.heap[l]) {
			worst = l
		}
		if r < len(t.heap) && t.heap[worst].before(t.heap[r]) {
			worst = r
		}
		if worst == i {
			break
		}
		t.heap[i], t.heap[worst] = t.heap[worst], t.heap[i]
		i = worst
	}
	t.floor = t.heap[0].rank()
}

// admits reports whether a hit of key, whose ordinal follows those of
// every hit kept, would be kept.
func (t *topK) admits(key uint32) bool {
	return len(t.heap) < t.k || key > uint32(t.floor>>32)
}

func (t *topK) sorted() []hit {
	slices.SortFunc(t.heap, func(a, b hit) int {
		if a.before(b) {
			return -1
		}
		return 1
	})
	return t.heap
}
