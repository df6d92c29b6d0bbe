package generate_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/profile"
)

func newGenerator(t *testing.T) *generate.Generator {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "seeds", "*.txt"))
	require.NoError(t, err)
	var texts [][]byte
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		texts = append(texts, data)
	}
	g, err := generate.New(files, texts)
	require.NoError(t, err)
	return g
}

// TestProfileIsWhatTheParserReads parses a spread of generated texts
// (every template, first, middle and last place names) and finds each
// profile exactly as the generator derived it.
func TestProfileIsWhatTheParserReads(t *testing.T) {
	g := newGenerator(t)
	for _, i := range []int{0, 1, 2, 3, 4, 5, 99, 12345, 99999, 100003, 3199999} {
		text, want := g.Profile(i)
		got, err := profile.Parse(want.Source.File, text)
		require.NoError(t, err, "text %d", i)
		assert.Equal(t, want, got, "text %d", i)
		assert.Contains(t, got.Title, generate.Place(i))
	}
}

// TestProfilesAreDistinct checks the place names of a bulk seed, and the
// slugs of the first few thousand profiles, for repeats.
func TestProfilesAreDistinct(t *testing.T) {
	places := map[string]int{}
	for i := range 100_000 {
		place := generate.Place(i)
		if other, ok := places[place]; ok {
			t.Fatalf("texts %d and %d share the place %q", other, i, place)
		}
		places[place] = i
	}
	g := newGenerator(t)
	slugs := map[string]int{}
	for i := range 5_000 {
		_, p := g.Profile(i)
		if other, ok := slugs[p.Slug]; ok {
			t.Fatalf("texts %d and %d share the slug %q", other, i, p.Slug)
		}
		slugs[p.Slug] = i
	}
}

func BenchmarkProfile(b *testing.B) {
	g := newGenerator(&testing.T{})
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		g.Profile(i)
		i++
	}
}
