package linediff

import (
	"fmt"
	"strings"
)

// context is how many unchanged lines a hunk shows around its changes, as
// diff -u does.
const context = 3

// Unified returns the unified diff that turns text a, named fromName, into
// text b, named toName; "" when their lines are the same.
func Unified(fromName, toName, a, b string) string {
	edits := Lines(Split(a), Split(b))
	var out strings.Builder
	for _, h := range hunks(edits) {
		if out.Len() == 0 {
			fmt.Fprintf(&out, "--- %s\n+++ %s\n", fromName, toName)
		}
		h.write(&out, edits)
	}
	return out.String()
}

// hunk is a run of edits[start:end], which starts at line fromLine of the
// first text and toLine of the second (counted from 1).
type hunk struct {
	start, end       int
	fromLine, toLine int
}

// hunks groups the changes of edits with their context; changes closer
// than twice the context share a hunk.
func hunks(edits []Edit) []hunk {
	var out []hunk
	from, to := 1, 1
	for i := 0; i < len(edits); {
		if edits[i].Kind == Equal {
			from, to, i = from+1, to+1, i+1
			continue
		}
		// Hunks are at least 2*context equal lines apart: their context
		// never overlaps.
		lead := min(context, i)
		h := hunk{start: i - lead, fromLine: from - lead, toLine: to - lead}
		for i < len(edits) {
			if edits[i].Kind == Equal {
				run := i
				for run < len(edits) && edits[run].Kind == Equal {
					run++
				}
				if run == len(edits) || run-i > 2*context {
					break
				}
				from, to, i = from+run-i, to+run-i, run
				continue
			}
			if edits[i].Kind == Delete {
				from++
			} else {
				to++
			}
			i++
		}
		h.end = min(i+context, len(edits))
		out = append(out, h)
	}
	return out
}

func (h hunk) write(out *strings.Builder, edits []Edit) {
	fromCount, toCount := 0, 0
	for _, e := range edits[h.start:h.end] {
		if e.Kind != Insert {
			fromCount++
		}
		if e.Kind != Delete {
			toCount++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", span(h.fromLine, fromCount), span(h.toLine, toCount))
	for _, e := range edits[h.start:h.end] {
		out.WriteString([]string{" ", "-", "+"}[e.Kind])
		out.WriteString(e.Line)
		out.WriteByte('\n')
	}
}

// span writes a hunk's range as diff -u does: an empty range names the
// line before it.
func span(line, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", line-1)
	case 1:
		return fmt.Sprint(line)
	}
	return fmt.Sprintf("%d,%d", line, count)
}
