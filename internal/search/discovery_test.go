package search_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/search"
)

// TestDiscoveryAfterChange updates an index with a profile gone and one
// new, and holds what discovery answers to an index built from nothing:
// the new profile in a fresh tier, the gone one marked in the base. The
// new profile shares a trait outside the vocabulary with one of the base.
func TestDiscoveryAfterChange(t *testing.T) {
	ps := []*profile.Profile{
		person("Kepala Dinas Sosial", traits("empati", "komunikasi", "tim hore"), traits("kesabaran"), "Pekerja Sosial", "Guru"),
		person("Kepala Seksi Sosial", traits("komunikasi", "empati", "analisis"), nil),
		person("Kepala Urusan Rumah Tangga", nil, traits("empati"), "pekérja sosial"),
		person("Juru Hore", traits("tim hore"), nil),
	}
	x := newIndexer(nil)
	first := x.build(t, nil, ps, sortByTitle(ps))
	added := person("Analis Sosial", traits("analisis", "tim hore"), traits("komunikasi"), "Guru")
	order := sortByTitle(append(slices.Clone(ps[1:]), added))
	got := x.build(t, first, []*profile.Profile{added}, order)
	want := newIndexer(nil).build(t, nil, order, order)
	fresh, gone := search.Tiers(got)
	require.Equal(t, [2]int{1, 1}, [2]int{fresh, gone}, "fresh and gone profiles")

	assert.Equal(t, want.Traits(), got.Traits())
	for ord, p := range order {
		assert.Equal(t, search.RelatedAt(want, ord), search.RelatedAt(got, ord), p.Slug)
	}
	req := profile.MatchRequest{Traits: traits("empati", "analisis"), Avoid: traits("komunikasi"), Limit: 10}
	wantMatch, err := want.Match(req)
	require.NoError(t, err)
	gotMatch, err := got.Match(req)
	require.NoError(t, err)
	assert.Equal(t, wantMatch, gotMatch)
	assert.Equal(t, withTraits(want, traits("analisis")), withTraits(got, traits("analisis")))
}
