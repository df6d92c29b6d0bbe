package parser

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// gate holds, for a case-insensitive regexp of the comparisons, the sets of
// literals a match must hold one of each, so that a sentence without them
// is passed over without running the regexp: a comparisons part may hold
// most of a long text.
type gate struct {
	needs [][]string
}

// gateOf reads the literals a match of re needs, from its pattern without
// the case-folding flag (the literals are written in lower case).
func gateOf(re *regexp.Regexp) gate {
	tree, err := syntax.Parse(strings.ReplaceAll(re.String(), "(?i)", ""), syntax.Perl)
	if err != nil {
		return gate{}
	}
	return gate{needs: requiredAll(tree.Simplify())}
}

// gatesOf reads the gate of each regexp.
func gatesOf(res []*regexp.Regexp) []gate {
	out := make([]gate, len(res))
	for i, re := range res {
		out[i] = gateOf(re)
	}
	return out
}

// open reports whether a lower-cased text may match.
func (g gate) open(lower string) bool {
	return (&phraseRE{needs: g.needs}).mayMatch(lower)
}
