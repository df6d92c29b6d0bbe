package readmodel

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/karir/karir/internal/profile"
)

// TestSplicedAsSorted changes catalogues at random, as writes do (entries
// gone, new, replaced by another under the same slug, the very entry put
// back), and holds the spliced order and the slug index to what a sort
// and a map of the new catalogue give, across folds of the slug index.
func TestSplicedAsSorted(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	newEntry := func(slug string) *entry {
		// Few titles, so that many entries share one and the slug decides.
		return &entry{summary: profile.Summary{Slug: slug, Title: fmt.Sprintf("Judul %d", rng.IntN(40))}}
	}
	current := map[string]*entry{}
	for i := range 300 {
		slug := fmt.Sprintf("p-%d", i)
		current[slug] = newEntry(slug)
	}
	sorted := func() []*entry {
		out := make([]*entry, 0, len(current))
		for _, e := range current {
			out = append(out, e)
		}
		slices.SortFunc(out, compareEntries)
		return out
	}
	order := sorted()
	index := newSlugIndex(order)
	for step := range 600 {
		var slugs []string
		var was, in []*entry
		for range 1 + rng.IntN(6) {
			slug := fmt.Sprintf("p-%d", rng.IntN(3000))
			if slices.Contains(slugs, slug) {
				continue
			}
			slugs = append(slugs, slug)
			if e := current[slug]; e != nil {
				was = append(was, e)
			}
			switch rng.IntN(3) {
			case 0:
				delete(current, slug)
			case 1:
				current[slug] = newEntry(slug)
				in = append(in, current[slug])
			default:
				if e := current[slug]; e != nil {
					in = append(in, e)
				}
			}
		}
		slices.SortFunc(in, compareEntries)
		order = spliced(order, was, in)
		index = index.with(slugs, in)
		if !assert.Equal(t, sorted(), order, "step %d", step) {
			return
		}
		for i := range 3000 {
			slug := fmt.Sprintf("p-%d", i)
			if !assert.Same(t, current[slug], index.get(slug), "step %d: %s", step, slug) {
				return
			}
		}
	}
}
