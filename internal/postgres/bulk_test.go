package postgres_test

import (
	"errors"
	"fmt"
	"iter"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/postgres"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

// inBatches yields profiles in batches of size, then err if it is set.
func inBatches(profiles []*profile.Profile, size int, err error) iter.Seq2[[]*profile.Profile, error] {
	return func(yield func([]*profile.Profile, error) bool) {
		for start := 0; start < len(profiles); start += size {
			if !yield(profiles[start:min(start+size, len(profiles))], nil) {
				return
			}
		}
		if err != nil {
			yield(nil, err)
		}
	}
}

// TestSeedBulk shows that a bulk seed stores each profile as Seed would,
// leaves stored slugs alone, reports its progress and announces a reload.
func TestSeedBulk(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	stored := fullProfile("job-001", "Stored Before")
	_, err := store.Seed(ctx, []*profile.Profile{stored})
	require.NoError(t, err)
	conn := listen(t)

	var bulk []*profile.Profile
	for i := range 250 {
		p := fullProfile(fmt.Sprintf("job-%03d", i), fmt.Sprintf("Job %03d", i))
		if i%3 == 0 {
			p = emptyProfile(p.Slug, p.Title)
		}
		bulk = append(bulk, p)
	}
	var progress []int
	result, err := store.SeedBulk(ctx, inBatches(bulk, 100, nil), func(done int) { progress = append(progress, done) })
	require.NoError(t, err)
	assert.Equal(t, profile.SeedResult{Inserted: 249, Unchanged: 1}, result)
	assert.Equal(t, []int{100, 200, 250}, progress)
	assert.Equal(t, []string{""}, payloads(t, conn, 1), "more than a hundred changes: reload all")

	for _, want := range bulk {
		got := loaded(t, store, want.Slug)
		require.NotNil(t, got, want.Slug)
		if want.Slug == stored.Slug {
			want = stored
		}
		got.UpdatedAt = want.UpdatedAt
		assert.Equal(t, want, got, want.Slug)
	}

	again, err := store.SeedBulk(ctx, inBatches(bulk, 100, nil), nil)
	require.NoError(t, err)
	assert.Equal(t, profile.SeedResult{Unchanged: 250}, again)
}

func TestSeedBulkIsAllOrNothing(t *testing.T) {
	store := postgres.NewProfileStore(db.Reset(t))
	ctx := t.Context()
	var good []*profile.Profile
	for i := range 30 {
		good = append(good, fullProfile(fmt.Sprintf("job-%03d", i), fmt.Sprintf("Job %03d", i)))
	}
	before := dbState(t)

	t.Run("a failing source", func(t *testing.T) {
		stop := errors.New("the generator broke")
		_, err := store.SeedBulk(ctx, inBatches(good, 10, stop), nil)
		assert.ErrorIs(t, err, stop)
		assert.Equal(t, before, dbState(t))
	})
	t.Run("a slug twice", func(t *testing.T) {
		_, err := store.SeedBulk(ctx, inBatches(append(good, fullProfile("job-003", "Job 3 Again")), 10, nil), nil)
		assert.Equal(t, profile.EINVALID, profile.ErrorCode(err))
		assert.EqualError(t, err, `The slug "job-003" is given twice.`)
		assert.Equal(t, before, dbState(t))
	})
	t.Run("a profile the schema refuses", func(t *testing.T) {
		bad := fullProfile("Job With Capitals", "Bad")
		_, err := store.SeedBulk(ctx, inBatches(append(good, bad), 10, nil), nil)
		assert.Equal(t, profile.EINVALID, profile.ErrorCode(err))
		assert.EqualError(t, err, "the bulk seed: rule profiles_slug_check: A profile among 30 to 30 of the bulk seed breaks a rule of the schema.")
		assert.Equal(t, before, dbState(t))
	})
}

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

// TestSeedBulkStoresTheWordsAsTheTriggers shows that the spelling
// correction's vocabulary a bulk seed stores itself is exactly the one the
// triggers store when Seed writes the same profiles: the words of every
// title and sentence.
func TestSeedBulkStoresTheWordsAsTheTriggers(t *testing.T) {
	profiles := append(generated(t, 70), fullProfile("perawat-lansia", "Perawat Lansia Ümmü d'Été"))
	store := postgres.NewProfileStore(db.Reset(t))
	_, err := store.Seed(t.Context(), profiles)
	require.NoError(t, err)
	want := storedWords(t)
	assert.Equal(t, textWords(t), want)
	assert.Contains(t, want, "ummu", "without accents")

	store = postgres.NewProfileStore(db.Reset(t))
	_, err = store.SeedBulk(t.Context(), inBatches(profiles, 16, nil), nil)
	require.NoError(t, err)
	assert.Equal(t, want, storedWords(t))
}

// TestSeedBulkIndexesForSearch shows that what a bulk seed writes is
// searched: by the read model's index, and by the spelling correction.
func TestSeedBulkIndexesForSearch(t *testing.T) {
	pool := db.Reset(t)
	store := postgres.NewProfileStore(pool)
	profiles := generated(t, 40)
	_, err := store.SeedBulk(t.Context(), inBatches(profiles, 16, nil), nil)
	require.NoError(t, err)

	got := loaded(t, store, profiles[7].Slug)
	require.NotNil(t, got)
	got.UpdatedAt = profiles[7].UpdatedAt
	assert.Equal(t, profiles[7], got)

	search := postgres.NewSearchStore(pool)
	model := readmodel.New(store, readmodel.Options{Analyzer: search})
	require.NoError(t, model.Reload(t.Context()))
	res, err := model.Search(t.Context(), profile.SearchQuery{Text: `"` + profiles[7].Title + `"`, Limit: 5})
	require.NoError(t, err)
	require.NotEmpty(t, res.Items)
	assert.Equal(t, profiles[7].Slug, res.Items[0].Slug)
	suggested, err := model.Suggest(t.Context(), profiles[7].Title)
	require.NoError(t, err)
	assert.Equal(t, profile.Suggestion{Slug: profiles[7].Slug, Title: profiles[7].Title}, suggested[0])
	// Only the generated titles hold "sukamaju".
	fixed, err := search.Correct(t.Context(), []string{"sukamju"})
	require.NoError(t, err)
	assert.Equal(t, []string{"sukamaju"}, fixed)
}
