package search_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/karir/karir/internal/profile"
)

func TestSearchFuzzy(t *testing.T) {
	ix := build(t, analyzer(), catalogue()...)
	res := find(t, ix, profile.SearchQuery{Text: "pelayann"})
	assert.True(t, res.Fuzzy)
	assert.Equal(t, []result{{"manajer-pelayanan", 3.6429}, {"kepala-program", 2.1667}, {"analis-data", 2.0909}}, results(res))
	res = find(t, ix, profile.SearchQuery{Text: "zzz"})
	assert.Equal(t, profile.SearchResult{Items: []profile.SearchHit{}}, res)
}
