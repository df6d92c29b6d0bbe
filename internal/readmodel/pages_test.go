package readmodel_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
	"github.com/karir/karir/internal/wire"
)

// TestEncodedPage shows the kept pages: each is the page List cuts,
// encoded once per snapshot, a cursor of another page size is left to
// List, and a change makes the pages anew.
func TestEncodedPage(t *testing.T) {
	ps := titled(45)
	m, c := newModel(t, ps...)
	require.NoError(t, m.Reload(t.Context()))

	var encoded []profile.Page
	encode := func(page profile.Page) (*wire.Page, error) {
		encoded = append(encoded, page)
		return &wire.Page{Encoded: wire.Represent([]byte(page.Items[0].Slug)), Link: "next"}, nil
	}
	var after *profile.PageKey
	for n := range 3 {
		want, err := m.List(t.Context(), profile.PageSize, after, profile.ListFilter{})
		require.NoError(t, err)
		first, kept, err := m.EncodedPage(after, encode)
		require.NoError(t, err)
		require.True(t, kept, "page %d", n)
		again, _, _ := m.EncodedPage(after, encode)
		assert.Same(t, first, again, "page %d is encoded once", n)
		assert.Equal(t, want, encoded[n], "page %d", n)
		after = want.Next
	}
	assert.Nil(t, after)
	require.Len(t, encoded, 3)

	// A cursor of a page of two starts no kept page.
	two, err := m.List(t.Context(), 2, nil, profile.ListFilter{})
	require.NoError(t, err)
	_, kept, err := m.EncodedPage(two.Next, encode)
	require.NoError(t, err)
	assert.False(t, kept)
	assert.Len(t, encoded, 3)

	c.remove(listOrder(ps)[0].Slug)
	require.NoError(t, m.Refresh(t.Context(), []string{listOrder(ps)[0].Slug}))
	page, kept, err := m.EncodedPage(nil, encode)
	require.NoError(t, err)
	assert.True(t, kept)
	assert.Equal(t, listOrder(ps)[1].Slug, string(page.Body))
	assert.Equal(t, 44, encoded[3].Total)
}
