package postgres_test

import (
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
)

// storedWords returns the spelling correction's vocabulary, in order.
func storedWords(t *testing.T) []string {
	t.Helper()
	rows, err := db.Pool.Query(t.Context(), `SELECT word FROM search_words ORDER BY word`)
	require.NoError(t, err)
	words, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	return words
}

// textWords returns the words of the stored titles and sentences, in order.
func textWords(t *testing.T) []string {
	t.Helper()
	rows, err := db.Pool.Query(t.Context(), `
		SELECT w FROM (SELECT karir_words(title) FROM profiles UNION SELECT karir_words(text) FROM sentences) AS u(w)
		ORDER BY w COLLATE "C"`)
	require.NoError(t, err)
	words, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	return words
}

// union returns the words of a and b, in order, once each.
func union(t *testing.T, a, b []string) []string {
	t.Helper()
	var words []string
	require.NoError(t, db.Pool.QueryRow(t.Context(), `
		SELECT coalesce(array_agg(DISTINCT w ORDER BY w), '{}') FROM unnest($1::text[] || $2::text[]) AS w`, a, b).Scan(&words))
	return words
}

// TestWritesKeepTheWords shows that every writer keeps the spelling
// correction's vocabulary true: after the seed and each editor's write it
// holds the words of every title and sentence stored, and the words of
// texts since replaced or deleted stay.
func TestWritesKeepTheWords(t *testing.T) {
	seedTexts(t)
	store := postgres.NewProfileStore(db.Pool)
	ctx := t.Context()
	want := textWords(t)
	require.Contains(t, want, "kesejahteraan")
	assert.Equal(t, want, storedWords(t), "seed")

	c := change("Penjaga Mercusuar", "alice")
	c.Profile.Sections.Tasks.Sentences[0].Text = "Menyalakan lampu suar setiap malam."
	created, err := store.Create(ctx, c)
	require.NoError(t, err)
	want = union(t, want, textWords(t))
	assert.Subset(t, want, []string{"penjaga", "mercusuar", "menyalakan", "suar"})
	assert.Equal(t, want, storedWords(t), "create")

	next := change("Penjaga Mercusuar", "bob")
	next.Profile.Sections.Fit.Sentences[0].Text = "Orang yang tahan badai dan sepi."
	_, _, err = store.Put(ctx, next, ifMatch(etagOf(t, created)))
	require.NoError(t, err)
	assert.NotContains(t, textWords(t), "menyalakan")
	want = union(t, want, textWords(t))
	assert.Subset(t, want, []string{"badai", "menyalakan"})
	assert.Equal(t, want, storedWords(t), "replace")

	// Only a seed keeps a slug under a new title.
	_, err = store.Seed(ctx, []*profile.Profile{fullProfile(c.Profile.Slug, "Penjaga Menara Pelabuhan")})
	require.NoError(t, err)
	want = union(t, want, textWords(t))
	assert.Subset(t, want, []string{"menara", "pelabuhan"})
	assert.Equal(t, want, storedWords(t), "a seed that changes a title")

	require.NoError(t, store.Delete(ctx, c.Profile.Slug, "carol", anyVersion))
	assert.Equal(t, want, storedWords(t), "delete: the words stay")
}
