package readmodel_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/mock"
	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/readmodel"
)

// wordsAnalyzer reads every word as its own lexeme.
func wordsAnalyzer() *mock.TextAnalyzer {
	return &mock.TextAnalyzer{
		AnalyzeFn: func(_ context.Context, words []string) ([][][]string, error) {
			out := make([][][]string, len(words))
			for i, w := range words {
				out[i] = [][]string{{w}}
			}
			return out, nil
		},
		CorrectFn: func(_ context.Context, words []string) ([]string, error) { return words, nil },
		SimilarTitlesFn: func(context.Context, string, int) ([]profile.Suggestion, error) {
			return []profile.Suggestion{}, nil
		},
	}
}

func searched(t *testing.T, m *readmodel.Model, q string) []string {
	t.Helper()
	res, err := m.Search(t.Context(), profile.SearchQuery{Text: q, Limit: 10})
	require.NoError(t, err)
	out := []string{}
	for _, h := range res.Items {
		out = append(out, h.Slug)
	}
	return out
}

// TestSearchFollowsTheSnapshot shows the index swapped with each snapshot:
// a refresh finds what changed and forgets what is gone.
func TestSearchFollowsTheSnapshot(t *testing.T) {
	ps := seeds(t)
	c := &catalogue{profiles: map[string]*profile.Profile{}}
	c.put(ps...)
	m := readmodel.New(c.loader(), readmodel.Options{Analyzer: wordsAnalyzer()})
	_, err := m.Search(t.Context(), profile.SearchQuery{Text: "anggaran", Limit: 10})
	assert.Equal(t, profile.EUNAVAILABLE, profile.ErrorCode(err), "not loaded yet")
	require.NoError(t, m.Reload(t.Context()))
	assert.Equal(t, []string{"direktur-lembaga-kesejahteraan-sosial"}, searched(t, m, "anggaran"))

	changed := *ps[0]
	changed.Sections.Tasks.Sentences = []profile.Sentence{{Text: "Menyusun anggaran tahunan.", Line: 1}}
	c.put(&changed)
	c.remove("direktur-lembaga-kesejahteraan-sosial")
	require.NoError(t, m.Refresh(t.Context(), []string{changed.Slug, "direktur-lembaga-kesejahteraan-sosial"}))
	assert.Equal(t, []string{changed.Slug}, searched(t, m, "anggaran"))
	assert.Equal(t, []string{changed.Slug}, searched(t, m, "tahunan"))

	got, err := m.Suggest(t.Context(), "dire")
	require.NoError(t, err)
	assert.Equal(t, []profile.Suggestion{}, got)
	got, err = m.Suggest(t.Context(), changed.Title[:4])
	require.NoError(t, err)
	assert.Contains(t, got, profile.Suggestion{Slug: changed.Slug, Title: changed.Title})
}
