package search_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

func TestSearchCachesTheAnalysis(t *testing.T) {
	var analyses atomic.Int64
	an := analyzerCounting(&analyses)
	ix := build(t, an, catalogue()...)
	require.Equal(t, int64(1), analyses.Load(), "the texts' words, at once")

	find(t, ix, profile.SearchQuery{Text: "program pelayanan"})
	assert.Equal(t, int64(1), analyses.Load(), "words of the texts are known")
	find(t, ix, profile.SearchQuery{Text: "mengurus"})
	find(t, ix, profile.SearchQuery{Text: "mengurus program"})
	assert.Equal(t, int64(2), analyses.Load(), "a word no text holds, analysed once")

	// Without the analyzer, what is known still answers.
	an.AnalyzeFn = func(context.Context, []string) ([][][]string, error) { return nil, errors.New("down") }
	an.CorrectFn = func(context.Context, []string) ([]string, error) { return nil, errors.New("down") }
	find(t, ix, profile.SearchQuery{Text: "mengurus"})
	_, err := ix.Search(t.Context(), profile.SearchQuery{Text: "lansia", Limit: 10})
	assert.EqualError(t, err, "down")
}
