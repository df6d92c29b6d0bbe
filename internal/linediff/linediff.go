// Package linediff compares two lists of lines, or two texts line by line,
// with Myers' algorithm (An O(ND) Difference Algorithm and Its Variations,
// 1986), and writes the result as a unified diff. It is small on purpose:
// the histories it serves compare profile texts of tens of lines, and a
// library would bring a general patch format karir has no use for.
package linediff

import "strings"

// Kind says what an edit does with its line.
type Kind int

// The kinds of edit.
const (
	Equal  Kind = iota // the line is in both
	Delete             // the line is only in the first
	Insert             // the line is only in the second
)

// Edit is one line of the script that turns the first list into the second.
type Edit struct {
	Kind Kind
	Line string
}

// MaxEdits bounds the work of one comparison: lists that differ by more
// lines (after their common head and tail) are given as the whole middle of
// the first deleted and the whole middle of the second inserted. The search
// keeps O(MaxEdits²) integers, so this keeps a request's memory small.
const MaxEdits = 1000

// Lines returns a shortest edit script from a to b: Equal, Delete and
// Insert edits in order, the deletions of a change before its insertions.
func Lines(a, b []string) []Edit {
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	edits := make([]Edit, 0, len(a)+len(b))
	edits = appendAll(edits, Equal, a[:head])
	edits = append(edits, middle(a[head:len(a)-tail], b[head:len(b)-tail])...)
	return appendAll(edits, Equal, a[len(a)-tail:])
}

func appendAll(edits []Edit, kind Kind, lines []string) []Edit {
	for _, l := range lines {
		edits = append(edits, Edit{kind, l})
	}
	return edits
}

// middle is Lines for lists whose first and last lines differ.
func middle(a, b []string) []Edit {
	trace, ok := search(a, b)
	if !ok {
		return appendAll(appendAll(nil, Delete, a), Insert, b)
	}
	return backtrack(a, b, trace)
}

// search runs the greedy forward search. trace[d] holds, for each diagonal
// k in [-d, d] (at index k+d), the furthest x reached with d edits; ok is
// false when more than MaxEdits are needed.
func search(a, b []string) (trace [][]int, ok bool) {
	n, m := len(a), len(b)
	prev := []int{0}
	for d := 0; d <= n+m && d <= MaxEdits; d++ {
		v := make([]int, 2*d+1)
		for k := -d; k <= d; k += 2 {
			x := 0
			switch {
			case d == 0:
			case k == -d || k != d && prev[k-1+d-1] < prev[k+1+d-1]:
				x = prev[k+1+d-1]
			default:
				x = prev[k-1+d-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[k+d] = x
			if x >= n && y >= m {
				return append(trace, v), true
			}
		}
		trace, prev = append(trace, v), v
	}
	return nil, false
}

// backtrack walks the trace from the end of both lists to their start.
func backtrack(a, b []string, trace [][]int) []Edit {
	x, y := len(a), len(b)
	var rev []Edit
	for d := len(trace) - 1; d > 0; d-- {
		prev := trace[d-1]
		k := x - y
		prevK := k - 1
		if k == -d || k != d && prev[k-1+d-1] < prev[k+1+d-1] {
			prevK = k + 1
		}
		prevX := prev[prevK+d-1]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			rev = append(rev, Edit{Equal, a[x-1]})
			x, y = x-1, y-1
		}
		if x == prevX {
			rev = append(rev, Edit{Insert, b[y-1]})
		} else {
			rev = append(rev, Edit{Delete, a[x-1]})
		}
		x, y = prevX, prevY
	}
	for x > 0 && y > 0 {
		rev = append(rev, Edit{Equal, a[x-1]})
		x, y = x-1, y-1
	}
	edits := make([]Edit, 0, len(rev))
	for i := len(rev) - 1; i >= 0; i-- {
		edits = append(edits, rev[i])
	}
	return ordered(edits)
}

// ordered moves, within each run of changes, the deletions before the
// insertions, as unified diffs show them.
func ordered(edits []Edit) []Edit {
	out := make([]Edit, 0, len(edits))
	for i := 0; i < len(edits); {
		if edits[i].Kind == Equal {
			out = append(out, edits[i])
			i++
			continue
		}
		j := i
		for j < len(edits) && edits[j].Kind != Equal {
			j++
		}
		for _, kind := range []Kind{Delete, Insert} {
			for _, e := range edits[i:j] {
				if e.Kind == kind {
					out = append(out, e)
				}
			}
		}
		i = j
	}
	return out
}

// Split returns the lines of text without their line ends; a final line
// end does not start another line.
func Split(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(text, "\r\n", "\n"), "\n"), "\n")
}
