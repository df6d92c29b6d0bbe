package search_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/generate"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/search"
)

// TestRankingByBlocks holds the ranking of words by blocks, which skips
// the blocks that cannot reach the page, to the ranking that reads every
// posting, over words common and rare, at every depth.
func TestRankingByBlocks(t *testing.T) {
	gen, err := generate.FromDir("../../seeds")
	require.NoError(t, err)
	var ps []*profile.Profile
	var vocabulary []string
	for i := range 5000 {
		_, p, err := gen.Profile(i, fmt.Sprintf("gen-%06d.txt", i))
		require.NoError(t, err)
		ps = append(ps, p)
		if i%50 == 0 {
			vocabulary = append(vocabulary, strings.Fields(p.Title)...)
			vocabulary = append(vocabulary, strings.Fields((*p.Sections.Sentences(profile.SectionKeys()[i/50%6]))[0].Text)...)
		}
	}
	ix := build(t, analyzer(), ps...)
	random := rand.New(rand.NewPCG(7, 11))
	queries := 0
	for queries < 150 {
		words := make([]string, 1+random.IntN(4))
		for i := range words {
			words[i] = strings.Trim(vocabulary[random.IntN(len(vocabulary))], ".,;:()")
		}
		q := strings.Join(words, " ")
		for _, k := range []int{1, 20, 1000, len(ps)} {
			byBlocks, byTerms, blocksTotal, termsTotal, err := search.RankWordsBothWays(t.Context(), ix, q, k)
			if err != nil {
				break // a stop word or a hyphenated word: not words only
			}
			queries++
			assert.Equal(t, termsTotal, blocksTotal, "%q, %d", q, k)
			assert.Equal(t, byTerms, byBlocks, "%q, %d", q, k)
		}
	}
}
