package postgres_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
)

func generated(t *testing.T, n int) []*profile.Profile {
	t.Helper()
	g, err := generate.FromDir(filepath.Join("..", "..", "seeds"))
	require.NoError(t, err)
	out := make([]*profile.Profile, n)
	for i := range out {
		_, out[i], err = g.Profile(i, fmt.Sprintf("gen-%06d.txt", i))
		require.NoError(t, err)
	}
	return out
}

func TestInsertIndexesForSearch(t *testing.T) {
	pool := db.Reset(t)
	store := postgres.NewProfileStore(pool)
	profiles := generated(t, 40)
	require.NoError(t, store.Insert(t.Context(), profiles))

	got, err := store.Get(t.Context(), profiles[7].Slug)
	require.NoError(t, err)
	got.UpdatedAt = profiles[7].UpdatedAt
	assert.Equal(t, profiles[7], got)

	// The triggers indexed what COPY wrote.
	search := postgres.NewSearchStore(pool)
	res, err := search.Search(t.Context(), profile.SearchQuery{Text: `"` + profiles[7].Title + `"`, Limit: 5})
	require.NoError(t, err)
	require.NotEmpty(t, res.Items)
	assert.Equal(t, profiles[7].Slug, res.Items[0].Slug)
	suggested, err := search.Suggest(t.Context(), profiles[7].Title)
	require.NoError(t, err)
	assert.Equal(t, profile.Suggestion{Slug: profiles[7].Slug, Title: profiles[7].Title}, suggested[0])

	// All or nothing: a stored slug fails the call.
	err = store.Insert(t.Context(), generated(t, 41)[39:])
	assert.Error(t, err)
	page, err := store.List(t.Context(), 1, nil, profile.ListFilter{})
	require.NoError(t, err)
	assert.Equal(t, 40, page.Total)
}
