package generate_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/parser"
	"github.com/karir/karir/internal/profile"
)

func seeds(t testing.TB) *generate.Generator {
	t.Helper()
	g, err := generate.FromDir(filepath.Join("..", "..", "seeds"))
	require.NoError(t, err)
	return g
}

func TestTitlesAreDistinct(t *testing.T) {
	seen := make(map[string]int, generate.Max)
	slugs := make(map[string]bool, generate.Max)
	for i := range generate.Max {
		title := generate.Title(i)
		if j, ok := seen[title]; ok {
			t.Fatalf("titles %d and %d are both %q", j, i, title)
		}
		seen[title] = i
		slugs[profile.Slugify(title)] = true
	}
	assert.Len(t, slugs, generate.Max)
	assert.GreaterOrEqual(t, generate.Max, 100_000)
}

// TestProfilesAreWhatParseReads holds the generator to the parser: each
// text parses, to exactly the profile the generator built.
func TestProfilesAreWhatParseReads(t *testing.T) {
	g := seeds(t)
	// Every role and every seed section appears among the first profiles;
	// a stride samples the rest of the range, and so every domain and
	// place. The parser takes milliseconds per text (more under -race).
	var sample []int
	for i := range 120 {
		sample = append(sample, i)
	}
	for i := 120; i < generate.Max; i += 1999 {
		sample = append(sample, i)
	}
	for _, i := range sample {
		file := fmt.Sprintf("gen-%06d.txt", i)
		text, want, err := g.Profile(i, file)
		require.NoError(t, err)
		got, err := parser.Parse(file, text)
		require.NoError(t, err, "profile %d:\n%s", i, text)
		require.Equal(t, want, got, "profile %d:\n%s", i, text)
	}
}

func TestProfileIsDeterministic(t *testing.T) {
	g := seeds(t)
	a, _, err := g.Profile(42, "a.txt")
	require.NoError(t, err)
	b, _, err := seeds(t).Profile(42, "a.txt")
	require.NoError(t, err)
	assert.Equal(t, a, b)

	_, err = generate.FromDir(t.TempDir())
	assert.EqualError(t, err, "generate: no seed texts")

	_, _, err = g.Profile(generate.Max, "x.txt")
	assert.EqualError(t, err, fmt.Sprintf("generate: profile %d is outside 0..%d", generate.Max, generate.Max-1))
}
