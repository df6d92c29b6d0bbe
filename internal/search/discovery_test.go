package search_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

// TestDiscoveryOutOfOrder builds an index from one whose order it does not
// keep, a profile gone and one new (the build pairs them by identity, not
// in one walk), and holds what discovery answers to an index built from
// nothing in that order.
func TestDiscoveryOutOfOrder(t *testing.T) {
	ps := []*profile.Profile{
		person("Kepala Dinas Sosial", traits("empati", "komunikasi", "tim hore"), traits("kesabaran"), "Pekerja Sosial", "Guru"),
		person("Kepala Seksi Sosial", traits("komunikasi", "empati", "analisis"), nil),
		person("Kepala Urusan Rumah Tangga", nil, traits("empati"), "pekérja sosial"),
		person("Juru Hore", traits("tim hore"), nil),
	}
	x := newIndexer(nil)
	first := x.build(t, nil, ps, sortByTitle(ps))
	added := person("Analis Sosial", traits("analisis", "tim hore"), traits("komunikasi"), "Guru")
	order := append(sortByTitle(ps[1:]), added)
	slices.Reverse(order)
	got := x.build(t, first, []*profile.Profile{added}, order)
	want := newIndexer(nil).build(t, nil, order, order)

	assert.Equal(t, want.Traits(), got.Traits())
	for ord, p := range order {
		assert.Equal(t, want.Related(ord), got.Related(ord), p.Slug)
	}
	req := profile.MatchRequest{Traits: traits("empati", "analisis"), Avoid: traits("komunikasi"), Limit: 10}
	wantMatch, err := want.Match(req)
	require.NoError(t, err)
	gotMatch, err := got.Match(req)
	require.NoError(t, err)
	assert.Equal(t, wantMatch, gotMatch)
}
