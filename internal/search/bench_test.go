package search_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/search"
)

// generatedIndex indexes n generated profiles, read by the fake analyzer.
func generatedIndex(b *testing.B, n int) *search.Index {
	gen, err := generate.FromDir("../../seeds")
	require.NoError(b, err)
	builder := search.NewAnalysis(analyzer()).NewBuilder(nil)
	var profiles []*profile.Profile
	for i := range n {
		_, p, err := gen.Profile(i, fmt.Sprintf("gen-%06d.txt", i))
		require.NoError(b, err)
		profiles = append(profiles, p)
	}
	for _, p := range sortByTitle(profiles) {
		builder.Add(p)
	}
	ix, err := builder.Build(b.Context(), slugsOf(sortByTitle(profiles)))
	require.NoError(b, err)
	return ix
}

func BenchmarkSearch(b *testing.B) {
	ix := generatedIndex(b, benchSize)
	for _, q := range []string{"evaluasi", "evaluasi program", `"pelayanan sosial"`, "kesejahtraan", "lansia"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				_, err := ix.Search(b.Context(), profile.SearchQuery{Text: q, Limit: 20})
				require.NoError(b, err)
			}
		})
	}
}

// benchSize is how many generated profiles BenchmarkSearch indexes.
const benchSize = 100000
