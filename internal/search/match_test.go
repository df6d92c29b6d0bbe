package search_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

// TestMatchRanking holds the score's rule to exact figures: the share of
// the profile's distinct traits (fit and non_fit, names outside the
// vocabulary included) the person has, in hundredths rounded half up, less
// 25 per avoided trait and never below 0; ties by title; profiles naming
// none of the person's traits are left out.
func TestMatchRanking(t *testing.T) {
	ix := discovered(t,
		// 2 of 3: 66.67
		person("Analis", traits("empati", "analisis"), traits("empati", "kreativitas")),
		// 1 of 3, one avoided: 33.33 - 25 = 8.33
		person("Bendahara", traits("empati", "kepemimpinan", "tim hore"), nil),
		// 1 of 2, one avoided, named in both sections: 50 - 25 = 25
		person("Camat", traits("kepemimpinan"), traits("empati", "kepemimpinan")),
		// 1 of 3, two avoided: below 0, so 0
		person("Bupati", traits("kepemimpinan"), traits("empati", "ketelitian")),
		// Names none of the person's traits.
		person("Dokter", traits("kreativitas"), nil),
	)
	got, err := ix.Match(profile.MatchRequest{
		Traits: []string{"empati", "analisis"}, Avoid: []string{"kepemimpinan", "ketelitian"}, Limit: 10,
	})
	require.NoError(t, err)
	assert.Equal(t, []profile.MatchResult{
		{Slug: "analis", Title: "Analis", Score: 66.67, Matched: traits("empati", "analisis"), Missing: traits("kreativitas"),
			Warnings: traits("Profil ini tidak cocok bagi orang yang kurang dalam kreativitas.")},
		{Slug: "camat", Title: "Camat", Score: 25, Matched: traits("empati"), Missing: traits("kepemimpinan"),
			Warnings: traits(
				"Pekerjaan ini menuntut kepemimpinan, yang ingin Anda hindari.",
				"Profil ini tidak cocok bagi orang yang kurang dalam kepemimpinan.")},
		{Slug: "bendahara", Title: "Bendahara", Score: 8.33, Matched: traits("empati"), Missing: traits("kepemimpinan", "tim hore"),
			Warnings: traits("Pekerjaan ini menuntut kepemimpinan, yang ingin Anda hindari.")},
		{Slug: "bupati", Title: "Bupati", Score: 0, Matched: traits("empati"), Missing: traits("kepemimpinan", "ketelitian"),
			Warnings: traits(
				"Pekerjaan ini menuntut kepemimpinan, yang ingin Anda hindari.",
				"Pekerjaan ini menuntut ketelitian, yang ingin Anda hindari.",
				"Profil ini tidak cocok bagi orang yang kurang dalam ketelitian.")},
	}, got)

	got, err = ix.Match(profile.MatchRequest{Traits: []string{"empati"}, Limit: 2})
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "camat", got[0].Slug)
	assert.Equal(t, 50.0, got[0].Score)
	assert.Equal(t, "analis", got[1].Slug)
	assert.Equal(t, 33.33, got[1].Score)
}
