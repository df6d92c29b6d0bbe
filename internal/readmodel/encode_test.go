package readmodel_test

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/profile"
)

// TestReloadKeepsUnchanged shows a full reload taking over the bytes of
// the profiles whose document has not changed, so that reloading an
// unchanged catalogue does not hold it twice, and encoding the changed.
func TestReloadKeepsUnchanged(t *testing.T) {
	ps := titled(6)
	m, c := newModel(t, ps...)
	require.NoError(t, m.Reload(t.Context()))
	same, err := m.Encoded(ps[0].Slug, "", true)
	require.NoError(t, err)
	old, err := m.Encoded(ps[1].Slug, "", true)
	require.NoError(t, err)

	changed := *ps[1]
	changed.Summary = "Diubah."
	c.put(&changed)
	require.NoError(t, m.Reload(t.Context()))

	again, err := m.Encoded(ps[0].Slug, "", true)
	require.NoError(t, err)
	assert.Equal(t, unsafe.SliceData(same.Body), unsafe.SliceData(again.Body), "the same bytes")
	now, err := m.Encoded(ps[1].Slug, "", true)
	require.NoError(t, err)
	assert.NotEqual(t, old.Body, now.Body)
	got, err := get(m, ps[1].Slug)
	require.NoError(t, err)
	assert.Equal(t, "Diubah.", got.Summary)
	assert.Equal(t, listOrder([]*profile.Profile{ps[0], &changed, ps[2], ps[3], ps[4], ps[5]}), pages(t, m, 4))
}

// TestGzipWhenAsked shows the gzip of a document made the first time a
// caller that sends it asks, and kept; until then none is made.
func TestGzipWhenAsked(t *testing.T) {
	p := seeds(t)[0]
	m, _ := newModel(t, p)
	require.NoError(t, m.Reload(t.Context()))

	plain, err := m.Encoded(p.Slug, "", false)
	require.NoError(t, err)
	assert.Nil(t, plain.Gzip)
	assert.Empty(t, plain.GzipETag)

	first, err := m.Encoded(p.Slug, "", true)
	require.NoError(t, err)
	require.NotNil(t, first.Gzip)
	assert.Equal(t, plain.Body, gunzip(t, first.Gzip))
	assert.Equal(t, quotedSum(first.Gzip), first.GzipETag)

	again, err := m.Encoded(p.Slug, "", false)
	require.NoError(t, err)
	assert.Equal(t, unsafe.SliceData(first.Gzip), unsafe.SliceData(again.Gzip), "kept")
}
