package search_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/search"
)

func TestRebuildKeepsTheRest(t *testing.T) {
	ps := catalogue()
	x := newIndexer(analyzer())
	first := x.build(t, nil, ps, sortByTitle(ps))
	changed := newProfile("Kepala Program", "Kepala Program melayani lansia.")
	// Analis Data is gone.
	ix := x.build(t, first, []*profile.Profile{changed}, []*profile.Profile{changed, ps[0]})
	assert.Equal(t, []result{{"kepala-program", 2.2857}}, results(find(t, ix, profile.SearchQuery{Text: "lansia"})))
	assert.Equal(t, []result{{"kepala-program", 3.5833}, {"manajer-pelayanan", 2.3333}},
		results(find(t, ix, profile.SearchQuery{Text: "program"})))
	assert.Equal(t, []result{}, results(find(t, ix, profile.SearchQuery{Text: "analis"})))
	assert.Equal(t, []result{{"analis-data", 3.5833}}, results(find(t, first, profile.SearchQuery{Text: "analis"})))
}

// TestRefreshAsFromScratch changes a catalogue (profiles added, replaced
// with new titles and texts, removed) and holds the index refreshed from
// the old one to the index built from nothing over the new catalogue.
func TestRefreshAsFromScratch(t *testing.T) {
	gen, err := generate.FromDir("../../seeds")
	require.NoError(t, err)
	profileAt := func(i int) *profile.Profile {
		_, p, err := gen.Profile(i, fmt.Sprintf("gen-%06d.txt", i))
		require.NoError(t, err)
		return p
	}
	var before, after []*profile.Profile
	for i := range 1500 {
		before = append(before, profileAt(i))
		switch {
		case i%15 == 0: // removed
		case i%25 == 1: // replaced: another profile's title and texts under this slug
			p := profileAt(1500 + i)
			p.Slug = before[i].Slug
			after = append(after, p)
		default:
			after = append(after, before[i])
		}
	}
	for i := 3000; i < 3300; i++ {
		after = append(after, profileAt(i))
	}
	an := analyzer()
	x := newIndexer(an)
	old := x.build(t, nil, before, sortByTitle(before))
	added := after[len(after)-300:]
	for i, p := range before {
		if i%25 == 1 && i%15 != 0 {
			added = append(added, after[slices.IndexFunc(after, func(q *profile.Profile) bool { return q.Slug == p.Slug })])
		}
	}
	refreshed := x.build(t, old, added, sortByTitle(after))
	fresh := build(t, an, after...)

	assert.Equal(t, search.Postings(fresh), search.Postings(refreshed))
	assert.Equal(t, search.TitleHolders(fresh), search.TitleHolders(refreshed))
	freshTitles, freshTerms := search.SuggestArrays(fresh)
	titles, terms := search.SuggestArrays(refreshed)
	assert.Equal(t, freshTitles, titles)
	assert.Equal(t, freshTerms, terms)
	for _, q := range []string{"evaluasi", "lansia", "pelayanan sosial", `"pelayanan sosial"`, "koordinator -anggaran", `"pekerjaan koordinator"`} {
		for _, section := range []profile.SectionKey{"", profile.Tasks} {
			query := profile.SearchQuery{Text: q, Section: section, Limit: 20}
			assert.Equal(t, find(t, fresh, query), find(t, refreshed, query), "%s in %q", q, section)
		}
	}
	for _, prefix := range []string{"ko", "kepala", "lay", "suka"} {
		want, err := fresh.Suggest(t.Context(), prefix)
		require.NoError(t, err)
		got, err := refreshed.Suggest(t.Context(), prefix)
		require.NoError(t, err)
		assert.Equal(t, want, got, prefix)
	}
}
