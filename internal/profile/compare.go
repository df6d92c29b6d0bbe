package profile

import "slices"

// Side-by-side comparison takes this many profiles.
const (
	MinCompared = 2
	MaxCompared = 4
)

// TraitComparison is what profiles side by side have in common by their
// fit traits.
type TraitComparison struct {
	// SharedTraits are the fit traits every profile names, in the order of
	// the first profile.
	SharedTraits []string
	// DistinctTraits maps each slug to the fit traits that no other of the
	// profiles names, in the profile's order.
	DistinctTraits map[string][]string
}

// CompareTraits compares profiles, given as their slugs and the fit traits
// of each, in the order they are shown. It needs no store: the caller hands
// it the traits that Catalogue.Compared returns.
func CompareTraits(slugs []string, traits [][]string) TraitComparison {
	c := TraitComparison{SharedTraits: []string{}, DistinctTraits: map[string][]string{}}
	namedBy := func(trait string) int {
		n := 0
		for _, fit := range traits {
			if slices.Contains(fit, trait) {
				n++
			}
		}
		return n
	}
	for i, fit := range traits {
		distinct := []string{}
		for _, t := range fit {
			switch n := namedBy(t); {
			case n == len(traits) && i == 0:
				c.SharedTraits = append(c.SharedTraits, t)
			case n == 1:
				distinct = append(distinct, t)
			}
		}
		c.DistinctTraits[slugs[i]] = distinct
	}
	return c
}
