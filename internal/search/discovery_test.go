package search_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/search"
)

// TestDiscoveryAfterChange builds an index from one with a profile gone
// and one new, and holds what discovery answers to an index built from
// nothing: in the catalogue's order (the new profile in a fresh tier, the
// gone one marked in the base) and in an order the first does not keep
// (the build pairs the profiles by identity, not in one walk, and starts
// a base again). The new profile shares a trait outside the vocabulary.
func TestDiscoveryAfterChange(t *testing.T) {
	ps := []*profile.Profile{
		person("Kepala Dinas Sosial", traits("empati", "komunikasi", "tim hore"), traits("kesabaran"), "Pekerja Sosial", "Guru"),
		person("Kepala Seksi Sosial", traits("komunikasi", "empati", "analisis"), nil),
		person("Kepala Urusan Rumah Tangga", nil, traits("empati"), "pekérja sosial"),
		person("Juru Hore", traits("tim hore"), nil),
	}
	for _, reversed := range []bool{false, true} {
		t.Run(fmt.Sprintf("reversed=%v", reversed), func(t *testing.T) {
			x := newIndexer(nil)
			first := x.build(t, nil, ps, sortByTitle(ps))
			added := person("Analis Sosial", traits("analisis", "tim hore"), traits("komunikasi"), "Guru")
			order := sortByTitle(append(slices.Clone(ps[1:]), added))
			if reversed {
				slices.Reverse(order)
			}
			got := x.build(t, first, []*profile.Profile{added}, order)
			want := newIndexer(nil).build(t, nil, order, order)
			if fresh, gone := search.Tiers(got); !reversed {
				require.Equal(t, [2]int{1, 1}, [2]int{fresh, gone}, "fresh and gone profiles")
			}

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
			if !reversed {
				assert.Equal(t, withTraits(want, traits("analisis")), withTraits(got, traits("analisis")))
			}
		})
	}
}
