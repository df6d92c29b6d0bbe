package search

import (
	"math/bits"
	"slices"

	"github.com/karir/karir/internal/profile"
)

// Match implements profile.SearchService's Match: every profile that names
// one of the person's traits is scored, the best req.Limit kept.
func (ix *Index) Match(req profile.MatchRequest) ([]profile.MatchResult, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	d := ix.disc
	want, avoid := traitMask(req.Traits), traitMask(req.Avoid)
	score := func(all uint32, allN int) uint32 {
		return uint32(max(hundredths(bits.OnesCount32(all&want), allN)-2500*bits.OnesCount32(all&avoid), 0))
	}
	// A hit's key is the score, its ordinal in its tier breaks ties.
	base := newRanking(req.Limit)
	for i, all := range d.all {
		if all&want == 0 || ix.gone.has(i) {
			continue
		}
		base.push(hit{key: score(all, int(d.allN[i])), ord: int32(i)})
	}
	fresh := newRanking(req.Limit)
	for i, doc := range ix.fresh {
		if all := doc.facts.fit | doc.facts.nonFit; all&want != 0 {
			fresh.push(hit{key: score(all, doc.facts.allTraits()), ord: int32(i)})
		}
	}
	out := []profile.MatchResult{}
	names := ix.engine.names
	for _, doc := range ix.merged(base.sorted(), fresh.sorted(), req.Limit) {
		h := doc.hit
		fit, nonFit := names.text(doc.facts.fitTraits()), names.text(doc.facts.nonFitTraits())
		r := profile.MatchResult{Slug: doc.slug, Title: doc.title, Score: float64(h.key) / 100}
		out = append(out, matchResult(r, fit, nonFit, req))
	}
	return out, nil
}

// hundredths is 100 × part / whole in hundredths, rounded half up, for
// 0 < part <= whole.
func hundredths(part, whole int) int {
	if whole < len(shares) {
		return int(shares[whole][part])
	}
	return (20000*part + whole) / (2 * whole)
}

// shares holds hundredths for the counts of traits a profile names, so
// that ranking every profile divides nothing.
var shares = func() (table [33][33]uint16) {
	for whole := 1; whole < len(table); whole++ {
		for part := 0; part <= whole; part++ {
			table[whole][part] = uint16((20000*part + whole) / (2 * whole))
		}
	}
	return table
}()

// matchResult fills in what the person has, lacks and should beware of.
func matchResult(r profile.MatchResult, fit, nonFit []string, m profile.MatchRequest) profile.MatchResult {
	r.Matched, r.Missing, r.Warnings = []string{}, []string{}, []string{}
	for _, t := range slices.Concat(fit, nonFit) {
		switch {
		case slices.Contains(r.Matched, t) || slices.Contains(r.Missing, t):
		case slices.Contains(m.Traits, t):
			r.Matched = append(r.Matched, t)
		default:
			r.Missing = append(r.Missing, t)
		}
		if slices.Contains(m.Avoid, t) && !slices.Contains(r.Warnings, say.avoidedTrait.with(t)) {
			r.Warnings = append(r.Warnings, say.avoidedTrait.with(t))
		}
	}
	for _, t := range nonFit {
		if !slices.Contains(m.Traits, t) {
			r.Warnings = append(r.Warnings, say.lackingTrait.with(t))
		}
	}
	return r
}
