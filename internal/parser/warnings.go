package parser

import (
	"fmt"
	"strings"

	"github.com/karir/karir/internal/profile"
)

// placementWarnings are the doubts about the placement: a part the text
// seems to lack, and a part that holds only sentences placed by order.
func placementWarnings(placements []Placement) []profile.Warning {
	var out []profile.Warning
	for _, key := range profile.SectionKeys() {
		first, cued := 0, false
		for _, p := range placements {
			if p.Section != key {
				continue
			}
			if first == 0 {
				first = p.Line
			}
			cued = cued || !p.ByOrder
		}
		switch {
		case first == 0:
			out = append(out, profile.Warning{Section: key, Line: lineAfter(placements, key),
				Detail: fmt.Sprintf("no sentence reads as the %s part: the text seems to leave it out", key)})
		case !cued:
			out = append(out, profile.Warning{Section: key, Line: first,
				Detail: "placed by order only: no sentence here carries a cue of this part; check where it starts and ends"})
		}
	}
	return out
}

// lineAfter is the line where a missing section would have been: that of
// the first sentence of a later section, or the last line.
func lineAfter(placements []Placement, key profile.SectionKey) int {
	for _, p := range placements {
		if indexOf(p.Section) > indexOf(key) {
			return p.Line
		}
	}
	return placements[len(placements)-1].Line
}

// contrastWarnings name the myths or expectations the text never answers.
func contrastWarnings(key profile.SectionKey, cs []contrast) []profile.Warning {
	var out []profile.Warning
	for _, c := range cs {
		switch {
		case c.reality == "":
			out = append(out, profile.Warning{Section: key, Line: c.line, Detail: "incomplete pair: a claim without the reality that answers it"})
		case c.claim == "":
			out = append(out, profile.Warning{Section: key, Line: c.line, Detail: "incomplete pair: a reality without the claim it answers"})
		}
	}
	return out
}

// orderWarnings says when the parts came in an unusual order: a reader
// should check where each starts, since the cues, not the genre's order,
// placed them.
func orderWarnings(o Order) []profile.Warning {
	early, late, ok := o.outOfPlace()
	if !ok {
		return nil
	}
	names := make([]string, len(o.Parts))
	for i, p := range o.Parts {
		names[i] = string(p.Section)
	}
	return []profile.Warning{{Section: early.Section, Line: early.Line,
		Detail: fmt.Sprintf("the parts come in an unusual order (%s): %s comes before %s; check where each part starts", strings.Join(names, ", "), early.Section, late.Section)}}
}
