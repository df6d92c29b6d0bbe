package search_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/search"
)

// TestTiersAsFromScratch changes a catalogue a few profiles at a time, as
// writes do (profiles added, replaced under their slug by another title
// and text, removed, changed again while still fresh), and after every
// change holds the index built from the one before to the index built from
// nothing: every search (pages deep into tied scores, one section,
// excluded words, phrases, a misspelling), every suggestion, the traits.
// It runs past compactAt changes, so a base is folded in too.
func TestTiersAsFromScratch(t *testing.T) {
	gen, err := generate.FromDir("../../seeds")
	require.NoError(t, err)
	next := 0
	newAt := func() *profile.Profile {
		_, p, err := gen.Profile(next, fmt.Sprintf("gen-%06d.txt", next))
		require.NoError(t, err)
		next++
		return p
	}
	current := map[string]*profile.Profile{}
	for range 400 {
		p := newAt()
		current[p.Slug] = p
	}
	catalogue := func() []*profile.Profile { return sortByTitle(slices.Collect(maps.Values(current))) }
	an := analyzer()
	x := newIndexer(an)
	ix := x.build(t, nil, catalogue(), catalogue())
	rng := rand.New(rand.NewPCG(16, 2026))
	var lately []string // slugs changed since the start, latest last
	pick := func(from []string) string { return from[rng.IntN(len(from))] }
	var sawTiers, sawFold bool
	var folding *search.Index
	rebases := 0
	for step := range 120 {
		var added []*profile.Profile
		for range 1 + step%24 {
			slugs := slices.Sorted(maps.Keys(current))
			p := newAt()
			switch rng.IntN(4) {
			case 0: // a new profile
			case 1: // replaced: another title and text under its slug
				p.Slug = pick(slugs)
			case 2: // removed
				delete(current, pick(slugs))
				continue
			case 3: // one changed lately, changed again, or removed
				s := pick(append(lately, slugs[0]))
				if _, ok := current[s]; !ok || rng.IntN(3) == 0 {
					delete(current, s)
					continue
				}
				p.Slug = s
			}
			current[p.Slug] = p
			added = append(added, p)
			lately = append(lately, p.Slug)
		}
		before, _ := search.Tiers(ix)
		ix = x.build(t, ix, added, catalogue())
		fresh, gone := search.Tiers(ix)
		sawTiers = sawTiers || fresh > 0 && gone > 0
		sawFold = sawFold || before > 0 && fresh == 0
		scratch := build(t, an, catalogue()...)
		name := fmt.Sprintf("step %d", step)
		// In the first half, every seventh step folds the index aside, as
		// the read model does in the background, and two steps on takes the
		// fold up; the second half runs into the build's own fold.
		switch step % 7 {
		case 0:
			if step >= 45 {
				break
			}
			folding, err = ix.Folded(t.Context())
			require.NoError(t, err)
			sameAnswers(t, scratch, folding, name+", folded")
		case 2:
			if folding == nil {
				break
			}
			rebased, ok, err := ix.Rebased(t.Context(), folding)
			require.NoError(t, err)
			if ok {
				ix = rebased
				rebases++
			}
			folding = nil
		}
		sameAnswers(t, scratch, ix, name)
	}
	assert.True(t, sawTiers, "no step kept a fresh tier beside gone profiles")
	assert.True(t, sawFold, "no step folded the fresh tier into a base")
	assert.Equal(t, 7, rebases, "folds taken up")
}

// sameAnswers holds what got answers to what want answers.
func sameAnswers(t *testing.T, want, got *search.Index, step string) {
	t.Helper()
	queries := []string{"evaluasi", "lansia", "pelayanan sosial", `"pelayanan sosial"`, "koordinator -anggaran",
		`"pekerjaan koordinator"`, "kesejahtraan", "wilayah sukamaju", "administrator"}
	for _, q := range queries {
		for _, section := range []profile.SectionKey{"", profile.Tasks} {
			for _, page := range [][2]int{{0, 20}, {35, 15}} {
				query := profile.SearchQuery{Text: q, Section: section, Offset: page[0], Limit: page[1]}
				if !assert.Equal(t, find(t, want, query), find(t, got, query), "%s: %s in %q from %d", step, q, section, page[0]) {
					return
				}
			}
		}
	}
	for _, prefix := range []string{"ko", "kepala", "lay", "suka", "adm", "wilayah t"} {
		w, err := want.Suggest(t.Context(), prefix)
		require.NoError(t, err)
		g, err := got.Suggest(t.Context(), prefix)
		require.NoError(t, err)
		assert.Equal(t, w, g, "%s: suggest %q", step, prefix)
	}
	assert.Equal(t, want.Traits(), got.Traits(), step)
	for ord := 0; ord < len(search.DocsOf(want)); ord += 37 {
		assert.Equal(t, search.RelatedAt(want, ord), search.RelatedAt(got, ord), "%s: related %d", step, ord)
	}
	for _, req := range []profile.MatchRequest{
		{Traits: []string{"empati", "komunikasi"}, Avoid: []string{"kepemimpinan"}, Limit: 20},
		{Traits: []string{"analisis"}, Limit: 100},
	} {
		w, err := want.Match(req)
		require.NoError(t, err)
		g, err := got.Match(req)
		require.NoError(t, err)
		assert.Equal(t, w, g, "%s: match %v", step, req.Traits)
	}
	for _, traits := range [][]string{{"komunikasi"}, {"kepemimpinan", "komunikasi"}} {
		assert.Equal(t, withTraits(want, traits), withTraits(got, traits), "%s: with %v", step, traits)
	}
}

// pages are what paging through a list gave: the slugs, and the total each
// page said.
type pages struct {
	slugs  []string
	totals []int
}

// withTraits pages through the profiles of ix with traits, 25 at a time,
// as the list does.
func withTraits(ix *search.Index, traits []string) pages {
	var slugs []string
	var totals []int
	var after *profile.PageKey
	for {
		var page []string
		total := ix.WithTraits(traits, after, func(slug string) bool {
			page = append(page, slug)
			return len(page) < 25
		})
		slugs, totals = append(slugs, page...), append(totals, total)
		if len(page) < 25 {
			return pages{slugs, totals}
		}
		last := search.DocOf(ix, page[len(page)-1])
		after = &profile.PageKey{Title: last.Title, Slug: last.Slug}
	}
}

// TestFreshTierTakesKnownWords changes a profile to words the base has
// read and holds the analyzer to no question: the fresh tier takes the
// base's analyses (at 100,000 profiles a question for every word of a
// changed profile took longer than the rest of the change).
func TestFreshTierTakesKnownWords(t *testing.T) {
	var asked atomic.Int64
	x := newIndexer(analyzerCounting(&asked))
	ps := catalogue()
	first := x.build(t, nil, ps, sortByTitle(ps))
	before := asked.Load()
	changed := newProfile("Kepala Program", "Kepala Program mengolah angka.", "Cocok bagi yang teliti.")
	order := sortByTitle([]*profile.Profile{ps[0], changed, ps[2]})
	ix := x.build(t, first, []*profile.Profile{changed}, order)
	assert.Equal(t, before, asked.Load(), "questions to the analyzer")
	scratch := build(t, analyzer(), order...)
	for _, q := range []string{"angka teliti", "kepala", `"mengolah angka"`} {
		query := profile.SearchQuery{Text: q}
		assert.Equal(t, find(t, scratch, query), find(t, ix, query), q)
	}
	fresh, gone := search.Tiers(ix)
	assert.Equal(t, [2]int{1, 1}, [2]int{fresh, gone})
}
