package search_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

func TestSearchMatchesAndSnippets(t *testing.T) {
	ix := build(t, analyzer(), catalogue()...)
	res := find(t, ix, profile.SearchQuery{Text: "pelayanan isu"})
	require.Len(t, res.Items, 3)
	assert.Equal(t, []profile.SearchMatch{
		{Section: profile.Tasks, Line: 1, Text: "Manajer Pelayanan merencanakan program pelayanan.",
			Snippet: "Manajer <mark>Pelayanan</mark> merencanakan program <mark>pelayanan</mark>."},
		{Section: profile.Expectations, Line: 5, Text: "Harapan soal isu-isu warga.",
			Snippet: "Harapan soal <mark>isu</mark>-<mark>isu</mark> warga."},
	}, res.Items[0].Matches)

	res = find(t, ix, profile.SearchQuery{Text: "melayani"})
	require.Len(t, res.Items, 3)
	assert.Equal(t, []profile.SearchMatch{
		{Section: profile.NonFit, Line: 3, Text: "Tidak cocok bagi yang melayani <b>diri</b> sendiri & malas.",
			Snippet: "Tidak cocok bagi yang <mark>melayani</mark> &lt;b&gt;diri&lt;/b&gt; sendiri &amp; malas."},
	}, res.Items[1].Matches)

	// A phrase that runs out of the title a sentence names finds that
	// sentence; "program" is marked in the title and in the other sentence
	// that names it.
	res = find(t, ix, profile.SearchQuery{Text: `"program melakukan"`})
	require.Len(t, res.Items, 1)
	assert.Equal(t, []profile.SearchMatch{
		{Section: profile.Tasks, Line: 1, Text: "Kepala Program melakukan pengawasan anggaran.",
			Snippet: "Kepala <mark>Program</mark> <mark>melakukan</mark> pengawasan anggaran."},
	}, res.Items[0].Matches)

	// The compound itself marks the whole word.
	res = find(t, ix, profile.SearchQuery{Text: `"isu isu"`})
	require.Len(t, res.Items, 1)
	assert.Equal(t, "Harapan soal <mark>isu</mark>-<mark>isu</mark> warga.", res.Items[0].Matches[0].Snippet)
}
