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
	same, err := m.Encoded(ps[0].Slug, "")
	require.NoError(t, err)
	old, err := m.Encoded(ps[1].Slug, "")
	require.NoError(t, err)

	changed := *ps[1]
	changed.Summary = "Diubah."
	c.put(&changed)
	require.NoError(t, m.Reload(t.Context()))

	again, err := m.Encoded(ps[0].Slug, "")
	require.NoError(t, err)
	assert.Equal(t, unsafe.SliceData(same.JSON), unsafe.SliceData(again.JSON), "the same bytes")
	now, err := m.Encoded(ps[1].Slug, "")
	require.NoError(t, err)
	assert.NotEqual(t, old.JSON, now.JSON)
	got, err := m.Get(t.Context(), ps[1].Slug)
	require.NoError(t, err)
	assert.Equal(t, "Diubah.", got.Summary)
	assert.Equal(t, listOrder([]*profile.Profile{ps[0], &changed, ps[2], ps[3], ps[4], ps[5]}), pages(t, m, 4))
}
