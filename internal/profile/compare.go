package profile

import "slices"

// Side-by-side comparison takes this many profiles.
const (
	MinCompared = 2
	MaxCompared = 4
)

// ProfileComparison is profiles side by side and the fit traits they share.
type ProfileComparison struct {
	Profiles []*Profile
	// SharedTraits are the fit traits every profile names, in the order of
	// the first profile.
	SharedTraits []string
	// DistinctTraits maps each slug to the fit traits that no other of the
	// profiles names, in the profile's order.
	DistinctTraits map[string][]string
}

// CompareProfiles compares profiles by their fit traits. It needs no store,
// so that every ProfileReader serves comparisons alike.
func CompareProfiles(profiles []*Profile) ProfileComparison {
	c := ProfileComparison{Profiles: profiles, SharedTraits: []string{}, DistinctTraits: map[string][]string{}}
	namedBy := func(trait string) int {
		n := 0
		for _, p := range profiles {
			if slices.Contains(p.Sections.Fit.Traits, trait) {
				n++
			}
		}
		return n
	}
	for i, p := range profiles {
		distinct := []string{}
		for _, t := range p.Sections.Fit.Traits {
			switch n := namedBy(t); {
			case n == len(profiles) && i == 0:
				c.SharedTraits = append(c.SharedTraits, t)
			case n == 1:
				distinct = append(distinct, t)
			}
		}
		c.DistinctTraits[p.Slug] = distinct
	}
	return c
}
